"""The throughput benchmark's arithmetic (its measurements need the model and minutes)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "throughput.py"


def _throughput():
    spec = importlib.util.spec_from_file_location("throughput", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _row(config: str, seconds: float) -> dict:
    return {
        "config": config,
        "seconds": seconds,
        "cpu": seconds,
        "rss_mib": seconds,
        "children_rss_mib": 0.0,
        "tokens": 10,
        "parsed_tokens": 7,
    }


def test_repeated_rounds_give_medians_and_ratios_to_each_rounds_bare_run():
    bench = _throughput()
    runs = [
        [_row("bare", 200.0), _row("build", 100.0)],  # 2.00x
        [_row("bare", 260.0), _row("build", 120.0)],  # 2.17x: the machine was slower
        [_row("bare", 230.0), _row("build", 125.0)],  # 1.84x
    ]
    bare, build = bench.combine(runs)
    assert (bare["seconds"], build["seconds"]) == (230.0, 120.0)
    assert [round(r["vs_bare"], 2) for r in build["rounds"]] == [2.0, 2.17, 1.84]
    assert build["rss_mib"] == 125.0  # the highest peak of the rounds
    table = bench._table([bare, build], documents=10, words=100, bare_seconds=230.0)
    assert "1.84-2.17x" in table and "1.92x" in table  # 230 / 120
