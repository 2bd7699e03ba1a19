"""Throughput of graphbuild against bare spaCy on the same texts, model and machine.

Each measurement runs in a fresh Python process so that its peak memory is its own:

bare
    ``nlp.pipe(texts, batch_size=64)`` over every text, nothing else, with the pipeline
    exactly as ``spacy.load`` gives it (graphbuild's faster stand-ins for the attribute
    ruler and lemmatizer are left out); the model is loaded before the clock starts.
build
    ``graphbuild.pipeline.build`` over the same texts: reading, cache, relevance filter,
    parsing, extraction, graph, analysis and export (the model load is inside the clock),
    for each combination of filter on/off, workers and cache cold/warm asked for. A warm run
    reuses the cache its cold run wrote (or fills one first, untimed).

Prints documents and words per second, the ratio to bare spaCy (by wall-clock time, and by
CPU time of the process and its workers, which a machine busy with other work disturbs
less), the share of tokens parsed, and peak RSS (``ru_maxrss`` of the process, and of its
worker processes). It reports; it never asserts.

On a machine whose speed drifts (a shared VM: the same run here varies by 10-15%),
``--repeat N`` measures everything N times in rounds, bare spaCy first in each; the table
gives the median times and the range of each round's ratio to its own bare run.

Usage::

    python benchmarks/throughput.py ../shared/bench/bbc_news.csv
    python benchmarks/throughput.py ../shared/bench/bbc_news.csv --limit 300 --workers 1 2 \\
        --no-filter --cache cold
    python benchmarks/throughput.py ../shared/bench/bbc_news.csv --repeat 3 --workers 1 \\
        --filter --cache cold
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()


def _peak_mib() -> tuple[float, float]:
    """Peak RSS in MiB of this process and of its (finished) child processes."""
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024  # ru_maxrss: KiB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale
    return own, children


def _cpu_seconds() -> float:
    """CPU time (user + system) of this process and its finished children so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _texts(corpus: Path) -> list[str]:
    with corpus.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle]


# -- what a child process measures ---------------------------------------------------------


def child_bare(spec: dict) -> dict:
    from graphbuild.nlp import load_pipeline

    nlp = load_pipeline(spec.get("model"), fast=False)  # spaCy as it comes
    texts = _texts(Path(spec["corpus"]))
    started, cpu = time.perf_counter(), _cpu_seconds()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "cpu": _cpu_seconds() - cpu,
        "tokens": tokens,
        "parsed_tokens": tokens,
    }


def child_build(spec: dict) -> dict:
    from graphbuild.pipeline import build

    started, cpu = time.perf_counter(), _cpu_seconds()
    result = build(
        spec["corpus"],
        spec["out"],
        formats=spec["formats"],
        model=spec.get("model"),
        workers=spec["workers"],
        cache=spec["cache"],
        use_filter=spec["filter"],
        progress=False,
    )
    seconds = time.perf_counter() - started
    stats = result.stats
    return {
        "seconds": seconds,
        "cpu": _cpu_seconds() - cpu,
        "documents": result.summary.documents,
        "cached": stats.cached,
        "parsed": stats.parsed,
        "tokens": stats.tokens,
        "parsed_tokens": stats.parsed_tokens,
        "edges": result.graph.number_of_edges(),
        "nodes": result.graph.number_of_nodes(),
    }


def run_child(spec: dict) -> dict:
    command = [sys.executable, str(HERE), "--child", json.dumps(spec)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"measurement failed: {spec}\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the parent ----------------------------------------------------------------------------


def prepare(source: str, limit: int | None, folder: Path) -> tuple[Path, int, int]:
    """The documents of `source` (first `limit`) as a JSONL file; documents and words."""
    from graphbuild.ingest import iter_documents

    corpus = folder / "corpus.jsonl"
    documents = words = 0
    with corpus.open("w", encoding="utf-8") as handle:
        for document in iter_documents(source, problems=[]):
            if limit is not None and documents >= limit:
                break
            record = {"id": document.id, "text": document.text, "date": document.date}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            documents += 1
            words += len(document.text.split())
    return corpus, documents, words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "input", metavar="INPUT", nargs="?", help="CSV, JSONL or folder of articles"
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--filter",
        dest="filters",
        action="store_const",
        const=[True],
        help="only with the relevance filter",
    )
    parser.add_argument(
        "--no-filter",
        dest="filters",
        action="store_const",
        const=[False],
        help="only without the relevance filter",
    )
    parser.add_argument("--cache", nargs="+", choices=["cold", "warm"], default=["cold", "warm"])
    parser.add_argument("--formats", default="graphml", help="export formats of the build")
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", type=Path, default=None, help="also write the rows here")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="measure everything N times, bare spaCy first each round; report medians",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        spec = json.loads(args.child)
        result = child_bare(spec) if spec["kind"] == "bare" else child_build(spec)
        result["rss_mib"], result["children_rss_mib"] = _peak_mib()
        print(json.dumps(result))
        return 0
    if args.input is None:
        parser.error("the following arguments are required: INPUT")

    filters = args.filters or [True, False]
    runs: list[list[dict]] = []  # each round's rows, bare spaCy first
    with tempfile.TemporaryDirectory(prefix="graphbuild-bench-") as tmp:
        folder = Path(tmp)
        corpus, documents, words = prepare(args.input, args.limit, folder)
        print(f"{documents} documents, {words} words from {args.input}", flush=True)
        for round_ in range(1, args.repeat + 1):
            if args.repeat > 1:
                print(f"round {round_} of {args.repeat}", flush=True)
            runs.append(measure_round(args, filters, folder, corpus, documents, words))
    rows = combine(runs)
    print()
    print(_table(rows, documents, words, rows[0]["seconds"]))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


def measure_round(
    args: argparse.Namespace,
    filters: list[bool],
    folder: Path,
    corpus: Path,
    documents: int,
    words: int,
) -> list[dict]:
    """Bare spaCy, then every build configuration asked for, once each."""
    rows = []
    base = {"corpus": str(corpus), "model": args.model}
    bare = run_child({**base, "kind": "bare"})
    rows.append({"config": "bare spaCy nlp.pipe", **bare})
    print(_line(rows[-1], documents, words, bare["seconds"]), flush=True)
    for use_filter in filters:
        for workers in args.workers:
            cache = folder / f"cache-{int(use_filter)}-{workers}.sqlite"
            spec = {
                **base,
                "kind": "build",
                "out": str(folder / "out"),
                "formats": args.formats,
                "workers": workers,
                "cache": str(cache),
                "filter": use_filter,
            }
            if "cold" not in args.cache:  # fill the cache first, untimed
                if cache.exists():
                    cache.unlink()
                run_child({**spec, "out": str(folder / "fill")})
            for state in args.cache:
                if state == "cold" and cache.exists():
                    cache.unlink()
                measured = run_child(spec)
                name = (
                    f"build filter={'on' if use_filter else 'off'} workers={workers} cache={state}"
                )
                rows.append({"config": name, **measured})
                print(_line(rows[-1], documents, words, bare["seconds"]), flush=True)
    return rows


def combine(runs: list[list[dict]]) -> list[dict]:
    """One row per configuration: the median of its rounds' times, and each round's
    ratio to the bare spaCy run of the same round (a machine whose speed drifts slows
    both alike, so the paired ratios vary less than the times)."""
    rows = []
    bare = [round_[0] for round_ in runs]
    for measured in zip(*runs, strict=True):
        row = dict(measured[0])
        row["seconds"] = statistics.median(m["seconds"] for m in measured)
        row["cpu"] = statistics.median(m["cpu"] for m in measured)
        row["rss_mib"] = max(m["rss_mib"] for m in measured)
        row["children_rss_mib"] = max(m["children_rss_mib"] for m in measured)
        row["rounds"] = [
            {"seconds": m["seconds"], "cpu": m["cpu"], "vs_bare": b["seconds"] / m["seconds"]}
            for m, b in zip(measured, bare, strict=True)
        ]
        rows.append(row)
    return rows


def _line(row: dict, documents: int, words: int, bare_seconds: float) -> str:
    seconds = row["seconds"]
    return (
        f"  {row['config']:<40} {seconds:8.1f} s  {documents / seconds:8.1f} docs/s  "
        f"{words / seconds:9.0f} words/s  x{bare_seconds / seconds:5.2f}  "
        f"cpu {row['cpu']:7.1f} s"
    )


def _table(rows: list[dict], documents: int, words: int, bare_seconds: float) -> str:
    bare_cpu = rows[0].get("cpu") or 0.0
    header = (
        f"| {'configuration':<40} | {'seconds':>8} | {'docs/s':>8} | {'words/s':>8} | "
        f"{'vs bare':>7} | {'CPU s':>7} | {'CPU vs bare':>11} | {'parsed':>6} | "
        f"{'peak RSS MiB':>12} | {'workers RSS':>11} |"
    )
    repeated = len(rows[0].get("rounds", ())) > 1
    if repeated:
        header += f" {'rounds vs bare':>14} |"
    lines = [header, "|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|"]
    for row in rows:
        seconds = row["seconds"]
        if row.get("tokens"):
            parsed = f"{row['parsed_tokens'] / row['tokens']:.0%}"
        else:  # no filter: every document not cached was parsed whole
            parsed = "0%" if row.get("parsed") == 0 else "100%"
        workers_rss = f"{row['children_rss_mib']:.0f}" if row["children_rss_mib"] else "-"
        lines.append(
            f"| {row['config']:<40} | {seconds:8.1f} | {documents / seconds:8.1f} | "
            f"{words / seconds:8.0f} | {bare_seconds / seconds:6.2f}x | {row['cpu']:7.1f} | "
            f"{bare_cpu / row['cpu']:10.2f}x | {parsed:>6} | "
            f"{row['rss_mib']:12.0f} | {workers_rss:>11} |"
        )
        if repeated:
            ratios = [r["vs_bare"] for r in row["rounds"]]
            lines[-1] += f" {f'{min(ratios):.2f}-{max(ratios):.2f}x':>14} |"
    return "\n".join(lines)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    sys.exit(main())
