"""Documents longer than spaCy's max_length, cut into pieces and put back together."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphbuild.model import Document
from graphbuild.pieces import cut

PARAGRAPH = "China met Russia in Beijing. India signed a deal with Brazil.\n\n"


@given(st.text(alphabet="ab .\n", max_size=300), st.integers(min_value=1, max_value=40))
def test_pieces_cover_the_text_in_order_and_keep_to_the_limit(text, limit):
    spans = cut(text, limit)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(0 < b - a <= limit for a, b in spans) or text == ""
    assert all(b == c for (_, b), (c, _) in zip(spans, spans[1:], strict=False))


def test_pieces_end_at_paragraphs_before_sentences():
    text = PARAGRAPH * 5
    spans = cut(text, len(PARAGRAPH) * 2 + 10)
    assert all(text[a:b].endswith("\n\n") for a, b in spans[:-1])
    sentences = "China met Russia. " * 10
    assert all(sentences[a:b].endswith(". ") for a, b in cut(sentences, 50)[:-1])


@pytest.mark.model
def test_a_document_over_max_length_is_extracted_in_pieces_with_offsets_right():
    from graphbuild.config import WorkerSettings
    from graphbuild.engines import Worker

    text = "".join(
        f"China and Russia signed a trade agreement in Beijing on day {n}.\n\n" for n in range(12)
    )
    document = Document("long.txt", text, "2024-05-01")
    whole, _ = Worker(WorkerSettings()).run([document])
    worker = Worker(WorkerSettings())
    worker.state()[0].max_length = 300  # the pipeline load_pipeline keeps for the process
    try:
        (result, short), stats = worker.run([document, Document("short.txt", "China met Russia.")])
    finally:
        worker.state()[0].max_length = 10**6
    assert stats.extracted == 2 and short.doc == "short.txt"
    assert result.doc == "long.txt" and len(result.relations) == len(whole[0].relations) >= 12
    for relation in result.relations:
        assert text[relation.start : relation.end] == relation.sentence
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text
