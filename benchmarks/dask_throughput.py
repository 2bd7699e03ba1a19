"""Extraction throughput on 1 and 2 local Dask workers against the local engine.

Usage::

    python benchmarks/dask_throughput.py INPUT [--limit N] [--workers 1,2] [--no-filter]

INPUT is anything `graphbuild build` reads (folder, text, JSONL or CSV files). With
``--limit N`` the first N documents are copied to a temporary JSONL file, which both engines
then read (so the dask engine reads it in slices on its workers).

For each engine it reports three phases, each in seconds:

``start``
    Local engine: load the spaCy pipeline, Extractor and relevance filter. Dask: start a
    `LocalCluster` of single-threaded worker processes and have every worker build its
    engine (the same load, in each process at once).
``extract``
    Every document through filter, parser and extractor, in input order, as
    `engines.Worker.run` batches of 64 (local) or `extract_with_dask` (dask), with the
    ordered extractions assembled into a graph by the caller.
``total``
    Both, the figure a one-off run sees.

and documents and words per second for ``extract`` and ``total``, with the ratio to the
local engine. It also checks that every engine yields the same graph, and says so. It
measures and reports; it asserts nothing about time.

The numbers depend on what else the machine runs: the load average before and after is
printed, since two workers need two idle cores to be twice as fast.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from graphbuild.ingest import iter_documents
from graphbuild.model import Document, Extraction


@dataclass
class Timing:
    engine: str
    start: float
    extract: float
    documents: int
    words: int

    @property
    def total(self) -> float:
        return self.start + self.extract


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_local(inputs: list[str], use_filter: bool) -> tuple[float, float, object]:
    from graphbuild.config import BATCH_SIZE, WorkerSettings
    from graphbuild.engines import Worker
    from graphbuild.graph import build_graph

    began = time.perf_counter()
    engine = Worker(WorkerSettings(use_filter=use_filter))
    engine.state()
    loaded = time.perf_counter()

    def extractions() -> Iterator[Extraction]:
        for batch in _batches(iter_documents(inputs, problems=[]), BATCH_SIZE):
            results, _ = engine.run(batch)
            yield from (r for r in results if isinstance(r, Extraction))

    graph = build_graph(extractions())
    return loaded - began, time.perf_counter() - loaded, graph


def run_dask(
    inputs: list[str], workers: int, use_filter: bool, partition_size: int
) -> tuple[float, float, object]:
    import distributed

    from graphbuild.config import WorkerSettings
    from graphbuild.engines import extract_with_dask, process_worker
    from graphbuild.graph import build_graph

    began = time.perf_counter()
    with (
        distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        settings = WorkerSettings(use_filter=use_filter)
        client.run(lambda: process_worker(settings) and None)
        started = time.perf_counter()
        graph = build_graph(
            extract_with_dask(
                inputs,
                scheduler=client,
                use_filter=use_filter,
                partition_size=partition_size,
                problems=[],
            )
        )
        done = time.perf_counter()
    return started - began, done - started, graph


def _limited(inputs: list[str], limit: int, folder: Path) -> list[str]:
    path = folder / f"first-{limit}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n, document in enumerate(iter_documents(inputs, problems=[])):
            if n == limit:
                break
            record = {"id": document.id, "text": document.text}
            if document.date:
                record["date"] = document.date
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return [str(path)]


def _same(a: object, b: object) -> bool:
    import networkx as nx

    return nx.node_link_data(a, edges="edges") == nx.node_link_data(b, edges="edges")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", nargs="+", help="folders or files to extract from")
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument("--workers", default="1,2", help="Dask worker counts (default 1,2)")
    parser.add_argument("--partition-size", type=int, default=64)
    parser.add_argument("--no-filter", action="store_true", help="parse whole documents")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    use_filter = not args.no_filter
    counts = [int(n) for n in args.workers.split(",") if n.strip()]

    with tempfile.TemporaryDirectory() as scratch:
        inputs = list(args.input)
        if args.limit:
            inputs = _limited(inputs, args.limit, Path(scratch))
        documents = words = 0
        for document in iter_documents(inputs, problems=[]):
            documents += 1
            words += len(document.text.split())
        print(
            f"{documents} documents, {words} words; filter {'on' if use_filter else 'off'}; "
            f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}",
            flush=True,
        )
        timings: list[Timing] = []
        start, extract, reference = run_local(inputs, use_filter)
        timings.append(Timing("local", start, extract, documents, words))
        print(f"  local: {extract:.1f} s", flush=True)
        for workers in counts:
            start, extract, graph = run_dask(inputs, workers, use_filter, args.partition_size)
            name = f"dask x{workers}"
            timings.append(Timing(name, start, extract, documents, words))
            same = "same graph" if _same(graph, reference) else "GRAPH DIFFERS"
            print(f"  {name}: {extract:.1f} s ({same})", flush=True)

    local = timings[0]
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    header = (
        f"{'engine':<10} {'start s':>8} {'extract s':>10} {'total s':>8} "
        f"{'docs/s':>8} {'words/s':>8} {'x local':>8} {'total docs/s':>13} {'x local':>8}"
    )
    print(header)
    for t in timings:
        print(
            f"{t.engine:<10} {t.start:>8.1f} {t.extract:>10.1f} {t.total:>8.1f} "
            f"{t.documents / t.extract:>8.2f} {t.words / t.extract:>8.0f} "
            f"{local.extract / t.extract:>8.2f} {t.documents / t.total:>13.2f} "
            f"{local.total / t.total:>8.2f}"
        )
    if args.json:
        rows = [asdict(t) | {"total": t.total} for t in timings]
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":  # the workers are spawned and import this file: guard the run
    sys.exit(main())
