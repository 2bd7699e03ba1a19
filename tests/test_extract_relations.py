"""The relation extractor holds no document state: each call makes its own context."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from extract_helpers import actor_map, country, hand_doc  # noqa: E402

from graphbuild.extract.confidence import NER_ONLY, REFERRED, rule_precision  # noqa: E402
from graphbuild.extract.lexicon import load_lexicon  # noqa: E402
from graphbuild.extract.relations import RelationExtractor  # noqa: E402
from graphbuild.model import Document  # noqa: E402

CHINA, JAPAN = country("CHN", "China"), country("JPN", "Japan")


def _condemned():
    doc = hand_doc(
        ["China", "condemned", "Japan", "."],
        [1, 1, 1, 1],
        ["nsubj", "ROOT", "dobj", "punct"],
        pos=["PROPN", "VERB", "PROPN", "PUNCT"],
        lemmas=["china", "condemn", "japan", "."],
    )
    return doc, actor_map((0, 1, CHINA), (2, 3, JAPAN))


def test_a_relation_carries_its_evidence_and_names():
    doc, actors = _condemned()
    extractor = RelationExtractor(load_lexicon())
    (relation,) = extractor.extract(doc, actors, Document("d1", doc.text, "2024-05-01"))
    assert (relation.subject, relation.label, relation.object) == (CHINA, "accuse", JAPAN)
    assert (relation.doc, relation.rule, relation.sentence) == ("d1", "verb", doc.text.strip())
    assert (relation.subject_text, relation.object_text) == ("China", "Japan")


def test_the_extractor_keeps_nothing_of_the_documents_it_read():
    doc, actors = _condemned()
    extractor = RelationExtractor(load_lexicon())
    before = dict(vars(extractor))
    extractor.extract(doc, actors, Document("d1", doc.text, None))
    assert vars(extractor) == before


def _with_sources(subject_source: str, object_source: str):
    from graphbuild.extract.actormap import ActorMap, ActorMention

    doc, _ = _condemned()
    actors = ActorMap()
    actors.add(ActorMention(0, 1, (CHINA,), subject_source))
    actors.add(ActorMention(2, 3, (JAPAN,), object_source))
    return doc, actors


@pytest.mark.parametrize(
    ("subject_source", "object_source", "factor"),
    [
        ("catalog", "catalog", 1.0),
        ("ner", "catalog", 1.0),
        ("ner-only", "catalog", NER_ONLY),
        ("ner-only", "ner-only", NER_ONLY**2),
        ("catalog", "coref", REFERRED),  # "condemned it": no name in the sentence
    ],
)
def test_a_relation_is_as_confident_as_its_rule_and_cues(subject_source, object_source, factor):
    doc, actors = _with_sources(subject_source, object_source)
    (relation,) = RelationExtractor(load_lexicon()).extract(doc, actors, Document("d1", doc.text))
    expected = rule_precision().get("verb", 0.5) * factor
    assert relation.confidence == pytest.approx(expected, abs=1e-3)
