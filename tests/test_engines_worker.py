"""What a process does with a task: read it (if a slice), extract, say what became of each."""

from __future__ import annotations

from pathlib import Path

from graphbuild import ingest
from graphbuild.engines import DocumentBatch, Outcome, run_task
from graphbuild.model import Document, Extraction, Problem, ProblemKind, RunStats


class FailingWorker:
    """Stands in for `engines.Worker`: a document whose text starts with "bad" fails."""

    def run(self, documents: list[Document]) -> tuple[list[object], RunStats]:
        results: list[object] = [
            Problem(d.id, "parse failed: ValueError: boom", ProblemKind.FAILED)
            if d.text.startswith("bad")
            else Extraction(d.id, d.date)
            for d in documents
        ]
        return results, RunStats(extracted=len(documents))


def test_a_slice_keeps_failed_documents_and_read_problems_in_order(tmp_path: Path, corpus):
    corpus.write(
        tmp_path,
        {"f.jsonl": corpus.jsonl({"text": "ok"}, "[1]", {"text": "bad one"}, {"text": "x"})},
    )
    (piece,) = ingest.plan([tmp_path], slice_size=10, worker_reads=True, report=print)
    result = run_task(FailingWorker(), piece)  # type: ignore[arg-type]
    failed = Problem("f.jsonl:3", "parse failed: ValueError: boom", ProblemKind.FAILED)
    assert result.items == [
        Outcome("f.jsonl:1", None, Extraction("f.jsonl:1", None)),
        Problem(
            f"{tmp_path.as_posix()}/f.jsonl:2",
            "expected a JSON object, got an array",
            ProblemKind.SKIPPED,
        ),
        Outcome("f.jsonl:3", None, problem=failed),
        Outcome("f.jsonl:4", None, Extraction("f.jsonl:4", None)),
    ]
    assert result.stats.extracted == 3


def test_a_batch_gives_one_outcome_per_document():
    documents = (Document("a", "fine"), Document("b", "bad"), Document("c", "fine", "2024-01-01"))
    result = run_task(FailingWorker(), DocumentBatch(documents))  # type: ignore[arg-type]
    assert [item.doc for item in result.items] == ["a", "b", "c"]
    assert [item.problem is not None for item in result.items] == [False, True, False]
    assert result.items[2].extraction == Extraction("c", "2024-01-01")
