"""The progress bar: shown only on request or on a terminal, counting documents."""

from __future__ import annotations

from pathlib import Path

from graphbuild.progress import RUNNING, STARTING, ProgressBar, progress_bar

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def test_progress_bar_only_on_request_or_terminal():
    assert progress_bar(EXAMPLES, None) is None  # pytest's stderr is no terminal
    assert progress_bar(EXAMPLES, False) is None
    bar = progress_bar(EXAMPLES, True)
    assert isinstance(bar, ProgressBar)
    try:
        assert bar.total == len(list(EXAMPLES.glob("*.txt")))
    finally:
        bar.stop()


def test_no_bar_for_a_single_document(tmp_path):
    article = tmp_path / "one.txt"
    article.write_text("Lula met Ramaphosa in Pretoria.", encoding="utf-8")
    assert progress_bar(article, True) is None


def test_advance_counts_documents_and_the_label_says_when_work_began():
    bar = ProgressBar(10)
    try:
        assert bar.label == STARTING
        bar.advance()
        bar.advance(3)
        assert bar.done == 4
        assert bar.label == RUNNING
    finally:
        bar.stop()
