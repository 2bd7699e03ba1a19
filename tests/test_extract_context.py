"""The per-document context of the relation rules."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from extract_helpers import actor_map, country, hand_doc  # noqa: E402

from graphbuild.extract.context import KIND_NOUN, KIND_PREDICATE, DocContext  # noqa: E402
from graphbuild.extract.lexicon import load_lexicon  # noqa: E402
from graphbuild.extract.triggers import TriggerFinder  # noqa: E402

FRANCE, MALI = country("FRA", "France"), country("MLI", "Mali")


def _context():
    words = ["France", "left", ".", "Mali", "led", "talks"]
    doc = hand_doc(
        words,
        [1, 1, 1, 4, 4, 4],
        ["nsubj", "ROOT", "punct", "nsubj", "ROOT", "dobj"],
        pos=["PROPN", "VERB", "PUNCT", "PROPN", "VERB", "NOUN"],
    )
    return doc, DocContext.of(
        doc, actor_map((0, 1, FRANCE), (3, 4, MALI)), TriggerFinder(load_lexicon())
    )


def test_mentions_are_kept_by_sentence():
    doc, ctx = _context()
    first, second = doc.sents
    assert [m.entities for m in ctx.sentence_mentions(first)] == [(FRANCE,)]
    assert [m.entities for m in ctx.sentence_mentions(second)] == [(MALI,)]


def test_words_are_indexed_by_kind_once():
    doc, ctx = _context()
    assert ctx.words.kinds[1] == KIND_PREDICATE and ctx.words.kinds[5] == KIND_NOUN
    assert ctx.words.kinds[2] == 0
    assert ctx.words.sponsors == [4]  # "led" may be the participle of "X-led"


def test_each_document_gets_its_own_context():
    _, one = _context()
    _, two = _context()
    assert one is not two and one.by_sentence is not two.by_sentence
