"""The runners on this machine, and the choice of runner from the options."""

from __future__ import annotations

import pytest

from graphbuild.config import ExtractOptions, WorkerSettings
from graphbuild.engines import (
    DaskRunner,
    DocumentBatch,
    InProcessRunner,
    PoolRunner,
    runner_for,
)
from graphbuild.model import Document, Extraction, RunStats


class EchoWorker:
    def run(self, documents):
        return [Extraction(d.id, d.date) for d in documents], RunStats(extracted=len(documents))


def test_in_process_runner_runs_a_task_when_submitted():
    runner = InProcessRunner(worker=EchoWorker())  # type: ignore[arg-type]
    handle = runner.submit(DocumentBatch((Document("a", "text"),)))
    assert handle.ready()
    result = handle.get()
    assert [item.doc for item in result.items] == ["a"]
    assert result.stats.extracted == 1
    assert runner.window == 1 and not runner.worker_reads


def test_pool_runner_starts_no_process_before_its_first_task():
    runner = PoolRunner(3, WorkerSettings())
    assert runner.window == 12
    runner.close()  # nothing to close: no pool was started
    runner.terminate()


@pytest.mark.parametrize(
    ("options", "kind"),
    [
        (ExtractOptions(), InProcessRunner),
        (ExtractOptions(workers=2), PoolRunner),
    ],
)
def test_runner_for_the_options(options, kind):
    assert isinstance(runner_for(options), kind)


def test_the_dask_engine_gets_a_dask_runner_of_two_local_workers_by_default():
    pytest.importorskip("distributed")
    runner = runner_for(ExtractOptions(engine="dask"))
    assert isinstance(runner, DaskRunner)
    assert runner.n_workers == 2 and not runner.worker_reads
    runner.close()  # never connected: nothing was started
