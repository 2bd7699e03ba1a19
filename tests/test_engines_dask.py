"""Tests for graphbuild.engines.dask: the same graph as the local engine, on Dask.

Slicing files for the workers is tested in test_ingest_slices.py and the run loop in
test_engines_loop.py, without dask. The cluster tests share one `LocalCluster` of two
single-threaded worker processes and compare node-link data of graphs built by a plain
local loop and by the engine.
"""

from __future__ import annotations

import csv
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from graphbuild import ingest
from graphbuild.config import WorkerSettings
from graphbuild.engines import dask as dask_engine
from graphbuild.engines import worker_loads
from graphbuild.model import Document, Extraction, Problem, RunStats

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BBC = Path(os.environ.get("GRAPHBUILD_BBC_CSV", ROOT.parent / "shared/bench/bbc_news.csv"))
BBC_LIMIT = int(os.environ.get("GRAPHBUILD_BBC_LIMIT", "100"))
"""BBC politics articles compared, of 417: the first 100 (about 45,000 words) take 30-90 s
here, local and dask together; all 417 (``GRAPHBUILD_BBC_LIMIT=417``) four times as long."""


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
    loads = client.run(worker_loads, WorkerSettings(use_filter=use_filter))
    assert list(loads.values()) == [1, 1]


@pytest.mark.model
@pytest.mark.slow
def test_faulty_inputs_give_the_local_graph_and_ingest_problems(
    client, local, tmp_path: Path, corpus
) -> None:
    corpus.write(tmp_path, corpus.TRICKY)
    paths = [tmp_path]
    problems: list[Problem] = []
    data = node_link(
        dask_engine.extract_with_dask(
            paths, scheduler=client, partition_size=2, use_filter=False, problems=problems
        )
    )
    assert data == local(paths, use_filter=False)
    assert problems == corpus.ingest_read(paths)[1]


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
            if finish != "executing" or not str(key).startswith("graphbuild-task-"):
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
    assert len(data[0]["edges"]) > 30  # a real graph, not an empty one


@pytest.mark.model
@pytest.mark.slow
def test_the_pipeline_on_the_dask_engine_gives_the_local_graph(
    client, local, tmp_path: Path, corpus
) -> None:
    # pipeline.extract runs the one run loop (reading, cache, summary); DaskRunner sends
    # the batches to the cluster's workers.
    from graphbuild import pipeline

    corpus.write(tmp_path, corpus.TRICKY)
    paths = [EXAMPLES, tmp_path]
    run = pipeline.extract(paths, use_filter=True, progress=False, engine="dask", scheduler=client)
    with distributed_task_stream(client) as stream:
        data = node_link(run)
    assert data == local(paths, use_filter=True)
    assert run.summary.documents == data[1]["documents"]
    assert run.summary.problems == corpus.ingest_read(paths)[1]
    assert run.stats.extracted == data[1]["documents"]
    assert sum("graphbuild-task" in str(t["key"]) for t in stream.data) >= 1


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
    runner = dask_engine.DaskRunner(n_workers=2)
    assert not started  # nothing starts before the first task
    assert runner.client is not None
    runner.close()
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
