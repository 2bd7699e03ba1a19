"""The pre-parse relevance filter: which sentences are parsed, and offsets mapped back.

The first tests need no trained model (a blank English tokenizer and the bundled catalog);
those marked `model` compare filtered and unfiltered extraction on real parses.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import spacy

from graphbuild.model import Entity, EntityType, Extraction, Mention, Relation
from graphbuild.nlp import _reach, encoder_reach
from graphbuild.relevance import RelevanceFilter, split_sentences
from graphbuild.resolve.catalog import Catalog

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EVAL = SHARED / "eval"
BBC = SHARED / "bench" / "bbc_news.csv"


@pytest.fixture(scope="module")
def blank_filter() -> RelevanceFilter:
    return RelevanceFilter(spacy.blank("en"), Catalog.default(), pad=0)


def parsed_sentences(selection) -> list[str]:
    return [span.text for span in selection.doc.sents] if selection.doc is not None else []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One. Two.", ["One.", "Two."]),
        ('He said: "We agree." Then he left.', ['He said: "We agree."', "Then he left."]),
        ("Is it? Yes! Done", ["Is it?", "Yes!", "Done"]),
        ("First line\n\nSecond line", ["First line\n\n", "Second line"]),
        ("Mr. Smith met Dr. Jones in the U.S. on Monday.", None),  # abbreviations: one or more
        ("", []),
    ],
)
def test_split_sentences(text, expected):
    doc = spacy.blank("en").make_doc(text)
    ranges = split_sentences(doc)
    assert "".join(doc[s:e].text_with_ws for s, e in ranges) == text
    if expected is not None:
        assert [doc[s:e].text for s, e in ranges] == expected


def test_whole_document_is_parsed_unchanged(blank_filter):
    text = "Wang Yi will meet Sergei Lavrov. China and Russia sign a deal."
    selection = blank_filter.select(text)
    assert selection.whole
    assert selection.doc.text == text
    assert selection.parsed_tokens == selection.tokens


def test_nothing_relevant_is_not_parsed(blank_filter):
    selection = blank_filter.select("The weather was fine. Prices rose by two percent.")
    assert selection.doc is None
    assert selection.parsed_tokens == 0 and selection.sentences == 2


def test_a_sentence_without_two_actors_or_a_cue_is_dropped(blank_filter):
    text = (
        "Wang Yi will meet Sergei Lavrov in Moscow. "
        "Rain fell all day and the streets were empty. "
        "China and Russia sign a deal on energy."
    )
    selection = blank_filter.select(text)
    assert selection.relevant == 2 and selection.context == 0
    assert "Rain" not in selection.doc.text
    assert parsed_sentences(selection) == [
        "Wang Yi will meet Sergei Lavrov in Moscow.",
        "China and Russia sign a deal on energy.",
    ]


def test_pronoun_keeps_the_sentence_naming_its_leader(blank_filter):
    text = (
        "Sergei Lavrov arrived on a quiet evening. "
        "Rain fell all day and the streets were empty. "
        "He will meet the envoy of China."
    )
    selection = blank_filter.select(text)
    assert (selection.relevant, selection.context) == (1, 1)
    assert parsed_sentences(selection) == [
        "Sergei Lavrov arrived on a quiet evening.",
        "He will meet the envoy of China.",
    ]


@pytest.mark.parametrize(
    ("antecedent", "anaphor"),
    [
        # "they" after the people of one actor
        ("Armenian officials arrived on a quiet evening.", "They will meet the envoy of Turkey."),
        # "the summit" after a summit named by its place
        ("Envoys gathered at a summit in Accra on a quiet evening.", "Togo attended the summit."),
    ],
)
def test_an_anaphor_keeps_the_sentence_it_refers_to(blank_filter, antecedent, anaphor):
    text = f"{antecedent} Rain fell all day and the streets were empty. {anaphor}"
    assert parsed_sentences(blank_filter.select(text)) == [antecedent, anaphor]


@pytest.mark.parametrize(
    ("text", "relevant"),
    [
        # no leader before "he": it stands for no actor, and China alone is one
        ("Prices fell. He will visit China.", 0),
        ("Sergei Lavrov arrived. He will visit China.", 1),
        # "they" needs two actors the parse may join, or the people of one, before it
        ("Prices fell. They will visit China.", 0),
        ("Kenya arrived. They will visit China.", 0),
        ("Kenya and Ghana arrived. They will visit China.", 1),
        ("Kenya arrived in Ghana. They will visit China.", 1),
        ("Celtic and Rangers fans arrived. They will visit China.", 1),
        ("Kenyan officials arrived. They will visit China.", 1),
        # an anaphor resolved before stands for its actor in turn
        ("Sergei Lavrov arrived. Prices fell. His aides will visit China.", 1),
    ],
)
def test_an_anaphor_with_nothing_before_it_is_no_candidate(blank_filter, text, relevant):
    assert blank_filter.select(text).relevant == relevant


@pytest.mark.parametrize(("limit", "kept"), [(None, 4), (3, 3), (1, 1)])
def test_an_anaphor_adds_at_most_the_limits_sentences(limit, kept):
    # four sentences that may name what "it" is (NER may make any of them an
    # organization), none surely: the walk back stops at the limit
    maybes = [f"Staff of {name} Holdings arrived." for name in ("Ferro", "Brix", "Corvo", "Dena")]
    anaphor = "It will sign a deal with China."
    flt = RelevanceFilter(spacy.blank("en"), Catalog.default(), context_limit=limit, pad=0)
    selection = flt.select(" ".join(["it rained.", *maybes, anaphor]))
    assert (selection.relevant, selection.context) == (1, kept)
    assert selection.doc.text == " ".join([*maybes[len(maybes) - kept :], anaphor])


def test_a_lone_surname_keeps_the_full_name(blank_filter):
    text = (
        "Sergei Lavrov arrived on a quiet evening. "
        "Rain fell all day and the streets were empty. "
        "Lavrov and Wang Yi sign a deal."
    )
    selection = blank_filter.select(text)
    assert "Sergei Lavrov arrived" in selection.doc.text
    assert "Rain" not in selection.doc.text


def _restore_case(blank_filter, pad: int):
    flt = RelevanceFilter(blank_filter.nlp, Catalog.default(), pad=pad)
    text = (
        "Prices rose again in the markets today.\n\n"
        "Wang Yi will meet Sergei Lavrov in Moscow.  "
        "Rain fell all day and the streets were empty. "
        "China and Russia sign a deal on energy."
    )
    return text, flt.select(text)


@pytest.mark.parametrize("pad", [0, 5])
def test_restore_maps_offsets_to_the_original_text(blank_filter, pad):
    text, selection = _restore_case(blank_filter, pad)
    assert not selection.whole
    assert selection.reduced_starts == tuple(token.idx for token in selection.doc)
    reduced = selection.doc.text
    wang = Entity("leader:wang-yi", "Wang Yi", EntityType.LEADER)
    china = Entity("country:CHN", "China", EntityType.COUNTRY)
    russia = Entity("country:RUS", "Russia", EntityType.COUNTRY)
    first, second = "Wang Yi will meet Sergei Lavrov in Moscow.", "China and Russia sign a deal"
    a, b = reduced.index(first), reduced.index(second)
    relations = (
        Relation(wang, "consult", wang, doc="d", sentence="?", start=a, end=a + len(first)),
        Relation(china, "agree", russia, doc="d", sentence="?", start=b, end=b + len(second)),
    )
    mentions = (Mention(china, "China", b, b + 5), Mention(wang, "Wang Yi", a, a + 7))
    restored = selection.restore(Extraction("d", None, relations, mentions))
    for relation in restored.relations:
        assert text[relation.start : relation.end] == relation.sentence
    assert [r.sentence for r in restored.relations] == [first, second]
    for mention in restored.mentions:
        assert text[mention.start : mention.end] == mention.text
    assert {m.text for m in restored.mentions} == {"China", "Wang Yi"}


def test_padding_is_parsed_but_never_reported(blank_filter):
    text, selection = _restore_case(blank_filter, 5)
    assert selection.padding is not None and any(selection.padding)
    reduced = selection.doc.text
    rain = reduced.index("Rain")  # padding around the kept sentences
    china = Entity("country:CHN", "China", EntityType.COUNTRY)
    relation = Relation(china, "agree", china, doc="d", sentence="?", start=rain, end=rain + 4)
    restored = selection.restore(
        Extraction("d", None, (relation,), (Mention(china, "Rain", rain, rain + 4),))
    )
    assert restored.relations == () and restored.mentions == ()


# -- with the model --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    from graphbuild.nlp import load_pipeline

    return load_pipeline()


def _relations(nlp, text, use_filter):
    from graphbuild.extract import Extractor
    from graphbuild.model import Document

    catalog = Catalog.default()
    document = Document("d", text, "2024-05-16")
    extractor = Extractor(nlp, catalog=catalog)
    if not use_filter:
        return extractor.extract(nlp(text), document)
    selection = RelevanceFilter(nlp, catalog).select(text)
    return selection.restore(extractor.extract(nlp(selection.doc), document))


def _key(relation):
    return (
        relation.subject.id,
        relation.label,
        relation.object.id,
        relation.negated,
        relation.sentence,
        relation.start,
        relation.end,
    )


@pytest.mark.model
def test_padding_is_the_reach_of_the_models_encoders(nlp):
    # en_core_web_sm 3.8: four convolutional layers, each one token on either side
    assert encoder_reach(nlp) == 4
    assert RelevanceFilter(nlp, Catalog.default()).pad == 4


def test_reach_of_an_encoder_is_depth_times_window_and_unknown_for_a_bilstm():
    window = {"@architectures": "spacy.MaxoutWindowEncoder.v2", "depth": 3, "window_size": 2}
    assert _reach({"model": {"tok2vec": {"encode": window}}}) == 6
    assert _reach({"encode": {"@architectures": "spacy.TorchBiLSTMEncoder.v1"}}) is None
    assert _reach(None) == 0


@pytest.mark.model
def test_filtered_extraction_matches_on_a_mixed_text(nlp):
    text = (
        "Markets were calm on Monday and the weather stayed mild across the region. "
        "Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov in Beijing. "
        "Traffic was heavy in the capital, local radio said. "
        "Later, he criticised the United States for its sanctions on Iran. "
        "Analysts expected little change in the weeks ahead. "
        "India and Brazil signed a trade agreement. "
        "Shops reopened after the holiday. "
        "The Chilean ceasefire proposal collapsed. "
        "Bakers went on strike. "
        "The Quad - Australia, India, Japan and the United States - faces new pressure."
    )
    selection = RelevanceFilter(nlp, Catalog.default()).select(text)
    assert 0 < selection.parsed_tokens < selection.tokens
    plain = _relations(nlp, text, False)
    filtered = _relations(nlp, text, True)
    assert sorted(map(_key, filtered.relations)) == sorted(map(_key, plain.relations))
    for relation in filtered.relations:
        assert text[relation.start : relation.end] == relation.sentence
    for mention in filtered.mentions:
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.skipif(not EVAL.is_dir(), reason=f"no gold files in {EVAL}")
@pytest.mark.parametrize(
    "gold", sorted(EVAL.glob("*.jsonl")) if EVAL.is_dir() else [], ids=lambda p: p.name
)
def test_evaluate_gives_the_same_figures_with_and_without_the_filter(gold):
    from graphbuild.pipeline import evaluate

    assert evaluate(gold, use_filter=True).to_dict() == evaluate(gold, use_filter=False).to_dict()


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.skipif(not BBC.is_file(), reason=f"no {BBC}")
def test_bbc_politics_graph_loses_no_edge(tmp_path):
    from graphbuild.graph import build_graph
    from graphbuild.pipeline import extract

    politics = tmp_path / "politics.csv"
    with (
        BBC.open(encoding="utf-8", newline="") as source,
        politics.open("w", encoding="utf-8", newline="") as target,
    ):
        reader = csv.DictReader(source)
        writer = csv.DictWriter(target, fieldnames=reader.fieldnames)
        writer.writeheader()
        writer.writerows(row for row in reader if row["category"] == "politics")

    def edges(use_filter):
        graph = build_graph(extract(politics, use_filter=use_filter, progress=False))
        return set(graph.edges(keys=True))

    plain, filtered = edges(False), edges(True)
    assert plain, "the politics articles yield no edge at all"
    assert plain - filtered == set()
