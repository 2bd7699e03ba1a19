"""Tests for graphbuild.engines.dask_engine: the same graph as the local engine, on Dask.

The fast tests need neither dask nor a model: they check that cutting the input into
partitions and reading them as a worker does gives exactly `ingest.iter_documents`'s
documents and problems, and that a partition's failed documents and read problems keep
their places. The cluster tests share one `LocalCluster` of two single-threaded worker
processes and compare node-link data of graphs built by a plain local loop and by the
engine.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import pickle
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from graphbuild import ingest
from graphbuild.engines import dask_engine
from graphbuild.engines.dask_engine import (
    DocumentBatch,
    Outcome,
    RecordSlice,
    Settings,
    plan_partitions,
    read_partition,
)
from graphbuild.model import Document, Extraction, Problem

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BBC = Path(os.environ.get("GRAPHBUILD_BBC_CSV", ROOT.parent / "shared/bench/bbc_news.csv"))
BBC_LIMIT = int(os.environ.get("GRAPHBUILD_BBC_LIMIT", "100"))
"""BBC politics articles compared, of 417: the first 100 (about 45,000 words) take 30-90 s
here, local and dask together; all 417 (``GRAPHBUILD_BBC_LIMIT=417``) four times as long."""


def write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")


def jsonl(*records: object) -> str:
    return "".join(
        (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records
    )


# Inputs with every record-level fault ingest reports, split across partitions.
TRICKY = {
    "a.txt": "date 2024-05-16\n\nWang Yi met Sergei Lavrov in Beijing.\n",
    "b/bad-date.txt": "date 2024-02-30\nModi met Putin.\n",
    "b/empty.txt": "  \n",
    "feed.jsonl": "\ufeff"
    + jsonl(
        {"id": "x", "text": "Lula visited Pretoria.", "date": "2024-01-02"},
        "",
        "not json",
        [1, 2],
        {"text": 5},
        {"id": "x", "text": "Lula visited Pretoria again."},
        {"text": "Ramaphosa met Zelensky.", "date": "Thu, 16 May 2024 10:00:00 GMT"},
        {"text": "No date here.", "date": "soon"},
    ).replace("\n\n", "\n  \n"),
    "bytes.jsonl": b'{"text": "caf\xe9"}\n{"text": "fine"}\n',
    "news.csv": "\ufeffID, Text ,date\n"
    'c1,"Macron met Scholz\nin Berlin, and ""agreed"".",2024-03-01\n'
    "\n"
    "c2,Short one.,\n"
    "c3,too,many,fields\n"
    ",,\n"
    'x,"A record whose id repeats one from feed.jsonl.",2024-03-02\n'
    'c4,"Multi\n\nline\n\ntext",bad-date\n'
    "c5,Last.,2024-03-03",
    "latin.csv": b"id,text\n1,fine\n2,caf\xe9\n3,also fine\n",
    "notext.csv": "id,body\n1,hello\n",
    "empty.jsonl": "\n\n",
    "binary.csv": b"id,text\n\x00\x01",
    "header-only.csv": "id,text\n",
}


def engine_read(paths: Iterable[object], size: int) -> tuple[list[Document], list[Problem]]:
    """What the engine's workers read, in the order and with the ids the client yields."""
    problems: list[Problem] = []
    cut: list[Problem] = []
    documents: list[Document] = []
    seen: set[str] = set()
    for partition in plan_partitions(
        paths, partition_size=size, shared_files=True, report=cut.append
    ):
        problems += cut
        cut.clear()
        for item in read_partition(partition):
            if isinstance(item, Problem):
                problems.append(item)
                continue
            unique = ingest.unique_id(item.id, seen)
            seen.add(unique)
            documents.append(replace(item, id=unique))
    return documents, problems + cut


def ingest_read(paths: Iterable[object]) -> tuple[list[Document], list[Problem]]:
    problems: list[Problem] = []
    return list(ingest.iter_documents(paths, problems=problems)), problems


# -- cutting and reading partitions (no dask, no model) ----------------------------------


@pytest.mark.parametrize("size", [1, 2, 3, 64])
def test_partitions_read_exactly_what_ingest_reads(tmp_path: Path, size: int) -> None:
    write(tmp_path, TRICKY)
    paths = [tmp_path, tmp_path / "news.csv", tmp_path / "missing.txt", EXAMPLES]
    expected = ingest_read(paths)
    assert any("news.csv:" in p.source for p in expected[1])  # the inputs do have faults
    assert engine_read(paths, size) == expected


@pytest.mark.parametrize("size", [1, 2, 5])
def test_bbc_csv_slices_read_exactly_what_ingest_reads(size: int) -> None:
    if not BBC.exists():
        pytest.skip(f"{BBC} is missing")
    assert engine_read([BBC], size * 100) == ingest_read([BBC])


def test_record_files_become_slices_and_faulty_ones_are_read_whole(tmp_path: Path) -> None:
    write(tmp_path, TRICKY)
    partitions = list(
        plan_partitions([tmp_path], partition_size=3, shared_files=True, report=lambda _: None)
    )
    kinds = {(type(p).__name__, Path(getattr(p, "path", "")).name) for p in partitions}
    assert ("RecordSlice", "news.csv") in kinds
    assert ("RecordSlice", "feed.jsonl") in kinds
    for name in ("notext.csv", "empty.jsonl", "binary.csv"):
        assert ("WholeFile", name) in kinds
    csv_slices = [p for p in partitions if isinstance(p, RecordSlice) and p.format == "csv"]
    assert all(p.header == ("id", "text", "date") for p in csv_slices if "news" in p.path)
    # The text files (a.txt, b/bad-date.txt; b/empty.txt has no document) travel as one
    # batch of documents, cut before the record file that follows them.
    batches = [p for p in partitions if isinstance(p, DocumentBatch)]
    assert [[d.id for d in b.documents] for b in batches] == [["a.txt", "b/bad-date.txt"]]
    assert isinstance(partitions[1], dask_engine.WholeFile)  # binary.csv


def test_without_shared_files_the_client_reads_every_document(tmp_path: Path) -> None:
    write(tmp_path, TRICKY)
    partitions = list(
        plan_partitions([tmp_path], partition_size=4, shared_files=False, report=lambda _: None)
    )
    assert all(isinstance(p, DocumentBatch) for p in partitions)
    assert [len(p.documents) for p in partitions][:-1] == [4] * (len(partitions) - 1)


def test_partitions_are_small_to_pickle(tmp_path: Path) -> None:
    # The client sends byte ranges, never record text, for files the workers can open.
    text = "id,text\n" + "".join(f'{i},"{"word " * 500}"\n' for i in range(50))
    write(tmp_path, {"big.csv": text})
    partitions = list(
        plan_partitions([tmp_path], partition_size=10, shared_files=True, report=lambda _: None)
    )
    assert len(partitions) == 5
    assert all(len(pickle.dumps(p)) < 500 for p in partitions)


# -- one bad document (no model: a stand-in engine) --------------------------------------


class _FailingEngine:
    """Stands in for `pipeline._Engine`: the document "bad" fails, as one that raises would."""

    def run(self, documents: list[Document]) -> tuple[list[object], object]:
        from graphbuild.pipeline import RunStats

        results: list[object] = [
            Problem(d.id, "parse failed: ValueError: boom")
            if d.text.startswith("bad")
            else Extraction(d.id, d.date)
            for d in documents
        ]
        return results, RunStats(extracted=len(documents))


def test_a_partition_keeps_failed_documents_and_read_problems_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dask_engine, "worker_engine", lambda settings: _FailingEngine())
    write(tmp_path, {"f.jsonl": jsonl({"text": "ok"}, "[1]", {"text": "bad one"}, {"text": "x"})})
    (partition,) = plan_partitions(
        [tmp_path], partition_size=10, shared_files=True, report=lambda _: None
    )
    items, stats = dask_engine.run_partition(partition, Settings())
    assert items == [
        Outcome("f.jsonl:1", None, Extraction("f.jsonl:1", None)),
        Problem(f"{tmp_path.as_posix()}/f.jsonl:2", "expected a JSON object, got an array"),
        Outcome("f.jsonl:3", None, error="parse failed: ValueError: boom"),
        Outcome("f.jsonl:4", None, Extraction("f.jsonl:4", None)),
    ]
    assert stats.extracted == 3


def test_missing_dask_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(dask_engine.DaskNotInstalledError, match=r"graphbuild\[dask\]"):
        next(dask_engine.extract_with_dask([EXAMPLES]))


# -- on a cluster ------------------------------------------------------------------------


def _distributed():
    return pytest.importorskip("distributed", reason="the dask extra is not installed")


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    distributed = _distributed()
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


@pytest.fixture(scope="module")
def local() -> object:
    """Extract with a plain loop in this process: the reference for every comparison."""
    from graphbuild.extract import Extractor
    from graphbuild.nlp import load_pipeline
    from graphbuild.relevance import RelevanceFilter

    nlp = load_pipeline()
    extractor = Extractor(nlp)
    relevance = RelevanceFilter(nlp, extractor.catalog)
    memo: dict[tuple[str, bool], object] = {}

    def extract_one(document: Document, use_filter: bool) -> Extraction:
        if not use_filter:
            return extractor.extract(nlp(document.text), document)
        selection = relevance.select(document.text)
        if selection.doc is None:
            return Extraction(document.id, document.date)
        return selection.restore(extractor.extract(nlp(selection.doc), document))

    def graph_data(paths: list[Path], *, use_filter: bool) -> object:
        key = (repr(paths), use_filter)
        if key not in memo:
            documents = ingest.iter_documents(paths, problems=[])
            memo[key] = node_link(extract_one(d, use_filter) for d in documents)
        return memo[key]

    return graph_data


def node_link(extractions: Iterable[Extraction]) -> object:
    import networkx as nx

    from graphbuild.graph import build_graph

    graph = build_graph(extractions)
    return nx.node_link_data(graph, edges="edges"), graph.graph


@pytest.mark.parametrize("use_filter", [False, True])
@pytest.mark.model
@pytest.mark.slow
def test_examples_give_the_local_graph(client, local, use_filter: bool) -> None:
    from graphbuild.pipeline import RunStats

    paths = [EXAMPLES]
    done: list[int] = []
    problems: list[Problem] = []
    stats = RunStats()
    data = node_link(
        dask_engine.extract_with_dask(
            paths,
            scheduler=client,
            partition_size=3,
            use_filter=use_filter,
            problems=problems,
            progress=done.append,
            stats=stats,
        )
    )
    expected = local(paths, use_filter=use_filter)
    assert data == expected
    assert expected[1]["documents"] == 29 and len(expected[0]["edges"]) > 100
    assert problems == []
    assert sum(done) == 29 and max(done) <= 3  # progress follows the tasks
    assert stats.extracted == 29 and 0 < stats.parsed <= 29
    # Each worker process built its pipeline once, not once per task.
    loads = client.run(dask_engine.worker_loads, Settings(use_filter=use_filter))
    assert list(loads.values()) == [1, 1]


@pytest.mark.model
@pytest.mark.slow
def test_faulty_inputs_give_the_local_graph_and_ingest_problems(
    client, local, tmp_path: Path
) -> None:
    write(tmp_path, TRICKY)
    paths = [tmp_path]
    problems: list[Problem] = []
    data = node_link(
        dask_engine.extract_with_dask(
            paths, scheduler=client, partition_size=2, use_filter=False, problems=problems
        )
    )
    assert data == local(paths, use_filter=False)
    assert problems == ingest_read(paths)[1]


@pytest.mark.model
@pytest.mark.slow
def test_cached_documents_are_not_sent_to_the_workers(client, local, tmp_path: Path) -> None:
    from graphbuild.cache import ExtractionCache

    distributed = _distributed()
    paths = [EXAMPLES]
    expected = local(paths, use_filter=True)
    with ExtractionCache(tmp_path / "cache.sqlite", "test-material") as cache:
        first = node_link(dask_engine.extract_with_dask(paths, scheduler=client, cache=cache))
        assert len(cache) == 29
    with (
        ExtractionCache(tmp_path / "cache.sqlite", "test-material") as cache,
        distributed.get_task_stream(client) as stream,
    ):
        done: list[int] = []
        second = node_link(
            dask_engine.extract_with_dask(
                paths, scheduler=client, cache=cache, progress=done.append
            )
        )
        assert cache.hits == 29 and cache.misses == 0
    assert first == second == expected
    assert sum(done) == 29
    assert not [t for t in stream.data if "graphbuild-extract" in str(t["key"])]


@pytest.mark.model
@pytest.mark.slow
def test_a_worker_killed_mid_run_still_gives_the_local_graph(
    client, local, tmp_path: Path
) -> None:
    distributed = _distributed()

    class ExitOnce(distributed.WorkerPlugin):
        """Ends its worker process abruptly as it starts the `at`-th partition of a run.

        A marker file makes that happen once across all workers, restarted ones included.
        Defined here so that cloudpickle sends it by value to workers that cannot import
        this module.
        """

        name = "graphbuild-test-exit-once"

        def __init__(self, marker: str, at: int) -> None:
            self.marker = marker
            self.at = at

        def transition(self, key, start, finish, **kwargs) -> None:  # noqa: ANN001
            if finish != "executing" or not str(key).startswith("graphbuild-extract-"):
                return
            if int(str(key).rsplit("-", 1)[1]) < self.at:
                return
            try:
                os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                return
            os._exit(1)

    marker = tmp_path / "killed"
    pids_before = set(client.run(os.getpid).values())
    client.register_plugin(ExitOnce(str(marker), at=4))
    paths = [EXAMPLES]
    try:
        data = node_link(
            dask_engine.extract_with_dask(
                paths, scheduler=client, partition_size=2, use_filter=False
            )
        )
    finally:
        client.unregister_worker_plugin(ExitOnce.name)
    assert marker.exists()  # a worker did die mid-run
    client.wait_for_workers(2, timeout=60)
    pids_after = set(client.run(os.getpid).values())
    assert len(pids_before - pids_after) == 1  # and a new process took its place
    assert data == local(paths, use_filter=False)


@pytest.mark.model
@pytest.mark.slow
def test_bbc_politics_gives_the_local_graph(client, local, tmp_path: Path) -> None:
    if not BBC.exists():
        pytest.skip(f"{BBC} is missing")
    politics = tmp_path / "politics.csv"
    with (
        BBC.open(encoding="utf-8", newline="") as source,
        politics.open("w", encoding="utf-8", newline="") as target,
    ):
        rows = [row for row in csv.DictReader(source) if row["category"] == "politics"]
        writer = csv.DictWriter(target, fieldnames=["id", "category", "text"])
        writer.writeheader()
        writer.writerows(rows[:BBC_LIMIT])
    paths = [politics]
    data = node_link(dask_engine.extract_with_dask(paths, scheduler=client, partition_size=16))
    assert data == local(paths, use_filter=True)
    assert data[1]["documents"] == min(BBC_LIMIT, len(rows))
    assert len(data[0]["edges"]) > 50


@pytest.mark.model
@pytest.mark.slow
def test_the_pipeline_on_the_dask_engine_gives_the_local_graph(
    client, local, tmp_path: Path
) -> None:
    # pipeline.extract keeps its own loop (reading, cache, summary); DaskRunner sends the
    # batches to the cluster's workers.
    from graphbuild import pipeline

    write(tmp_path, TRICKY)
    paths = [EXAMPLES, tmp_path]
    run = pipeline.extract(paths, use_filter=True, progress=False, engine="dask", scheduler=client)
    with distributed_task_stream(client) as stream:
        data = node_link(run)
    assert data == local(paths, use_filter=True)
    assert run.summary.documents == data[1]["documents"]
    assert run.summary.problems == ingest_read(paths)[1]
    assert run.stats.extracted == data[1]["documents"]
    assert sum("graphbuild-batch" in str(t["key"]) for t in stream.data) >= 1


def distributed_task_stream(client: object) -> object:
    return _distributed().get_task_stream(client)


def test_without_a_scheduler_a_local_cluster_is_started_and_closed(monkeypatch) -> None:
    distributed = _distributed()
    started: list[dict] = []

    class FakeCluster:
        def __init__(self, **options: object) -> None:
            started.append(options)

        def __enter__(self) -> FakeCluster:
            return self

        def __exit__(self, *exc: object) -> None:
            started.append({"closed": True})

    class FakeClient:
        def __init__(self, cluster: object) -> None:
            pass

        def __enter__(self) -> FakeClient:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

    monkeypatch.setattr(distributed, "LocalCluster", FakeCluster)
    monkeypatch.setattr(distributed, "Client", FakeClient)
    with dask_engine._connect(None, 2):
        pass
    assert started == [
        {
            "n_workers": 2,
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
            "silence_logs": logging.ERROR,
        },
        {"closed": True},
    ]
