"""The one run loop: input order, unique ids, problems in place, cache, runner lifecycle.

A stand-in runner runs the tasks in this process on a stand-in worker, so no model is
needed; one that lets the workers read slices shows the loop gives exactly what ingest
reads, whoever reads the files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.engines import InProcessRunner, run_extraction
from graphbuild.model import Document, Extraction, Problem, RunStats


class EmptyWorker:
    """Extracts nothing from each document; remembers the batches it was given."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def run(self, documents: list[Document]) -> tuple[list[Extraction], RunStats]:
        self.batches.append([d.id for d in documents])
        return [Extraction(d.id, d.date) for d in documents], RunStats(extracted=len(documents))


class SlicingRunner(InProcessRunner):
    """An in-process runner whose worker reads JSONL and CSV slices itself."""

    worker_reads = True
    batch_size = 2

    def __init__(self, worker: EmptyWorker) -> None:
        super().__init__(worker=worker)  # type: ignore[arg-type]
        self.closed = self.terminated = False

    def close(self) -> None:
        self.closed = True

    def terminate(self) -> None:
        self.terminated = True


@pytest.mark.parametrize("worker_reads", [False, True])
def test_ids_and_problems_are_those_of_ingest(tmp_path: Path, corpus, worker_reads: bool):
    corpus.write(tmp_path, corpus.TRICKY)
    paths = [tmp_path, tmp_path / "news.csv", tmp_path / "missing.txt"]
    runner = SlicingRunner(EmptyWorker())
    runner.worker_reads = worker_reads
    problems: list[Problem] = []
    done: list[int] = []
    extractions = list(run_extraction(paths, runner, report=problems.append, progress=done.append))
    documents, read_problems = corpus.ingest_read(paths)
    assert [e.doc for e in extractions] == [d.id for d in documents]
    assert problems == read_problems
    assert sum(done) == len(documents)
    assert runner.closed and not runner.terminated


def test_stopping_early_terminates_the_runner(tmp_path: Path, corpus):
    corpus.write(tmp_path, {f"{n}.txt": f"Article {n}." for n in range(5)})
    runner = SlicingRunner(EmptyWorker())
    run = run_extraction([tmp_path], runner, report=print)
    next(run)
    run.close()
    assert runner.terminated and not runner.closed


def test_failed_documents_are_reported_where_they_stand(tmp_path: Path, corpus):
    from graphbuild.model import ProblemKind

    class Failing(EmptyWorker):
        def run(self, documents):
            results, stats = super().run(documents)
            return [
                Problem(d.id, "extraction failed: boom", ProblemKind.FAILED)
                if d.text.startswith("bad")
                else r
                for d, r in zip(documents, results, strict=True)
            ], stats

    corpus.write(tmp_path, {"a.txt": "fine", "b.txt": "bad", "c.txt": "", "d.txt": "fine"})
    problems: list[Problem] = []
    got = list(run_extraction([tmp_path], SlicingRunner(Failing()), report=problems.append))
    assert [e.doc for e in got] == ["a.txt", "d.txt"]
    assert [(p.source, p.kind) for p in problems] == [
        ("b.txt", ProblemKind.FAILED),
        (f"{tmp_path.as_posix()}/c.txt", ProblemKind.UNREADABLE),
    ]


def test_cached_documents_are_not_submitted(tmp_path: Path, corpus):
    from graphbuild.cache import ExtractionCache

    corpus.write(tmp_path / "in", {f"{n}.txt": f"Article {n}." for n in range(3)})
    worker = EmptyWorker()
    with ExtractionCache(tmp_path / "cache.sqlite", "material") as cache:
        list(run_extraction([tmp_path / "in"], SlicingRunner(worker), cache=cache, report=print))
        corpus.write(tmp_path / "in", {"new.txt": "A new article."})
        stats = RunStats()
        again = run_extraction(
            [tmp_path / "in"], SlicingRunner(worker), cache=cache, report=print, stats=stats
        )
        assert [e.doc for e in again] == ["0.txt", "1.txt", "2.txt", "new.txt"]
    assert worker.batches == [["0.txt", "1.txt"], ["2.txt"], ["new.txt"]]
    assert stats.cached == 3
