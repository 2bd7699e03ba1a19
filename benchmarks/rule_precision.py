"""Measure each extraction rule's precision on the open gold files and write the table that
`graphbuild.extract.confidence` starts every relation's confidence from.

For each gold file it extracts the texts once (canonical-name scoring, as the project's
targets are read), sums every rule's true and false positives over the files
(`graphbuild evaluate --by-rule` shows them per file) and writes
``graphbuild/data/rule_precision.csv`` with a header naming the files and the commit. With
``--cues`` it also prints the precision of relations with and without each weak cue, and
with ``--thresholds`` the precision and recall of each file at several confidences, both
as the table gives them (in-sample) and with the table measured on the *other* files only
(held out: the honest figure for text the table was not measured on).

Usage (from the checkout, after the rules changed)::

    PYTHONPATH=. python benchmarks/rule_precision.py ../shared/eval/*.jsonl \\
        --cues --thresholds 0,0.3,0.4,0.5,0.6,0.7,0.8

``--dry-run`` measures and prints without writing the table.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from graphbuild import pipeline, scoring
from graphbuild.extract import confidence as conf
from graphbuild.extract import relations as relations_module
from graphbuild.model import Relation

DATA_FILE = Path(__file__).resolve().parent.parent / "graphbuild" / "data" / conf.PRECISION_FILE

Cued = list[tuple[Relation, conf.Cues]]


def extract_with_cues(gold: list[scoring.GoldRecord]) -> dict[str, Cued]:
    """Each record's relations with the cues their confidence was computed from.

    The extractor computes cues and forgets them; here its `confidence` is swapped for one
    that notes them (the number it returns is the note's index, replaced right after).
    """
    noted: list[conf.Cues] = []
    original = relations_module.confidence

    def note(rule: str, cues: conf.Cues) -> float:
        noted.append(cues)
        return float(len(noted) - 1)

    relations_module.confidence = note  # type: ignore[assignment]
    try:
        predictions = pipeline.gold_predictions(gold)
    finally:
        relations_module.confidence = original
    return {
        record: [(relation, noted[int(relation.confidence)]) for relation in found]
        for record, found in predictions.items()
    }


def rule_counts(
    gold: list[scoring.GoldRecord], cued: dict[str, Cued]
) -> dict[str, conf.RuleCount]:
    report = scoring.score(gold, _plain(cued, {}), names="canonical")
    return {rule: conf.RuleCount(rule, s.tp, s.fp) for rule, s in report.rules.items()}


def _plain(cued: dict[str, Cued], precision: dict[str, float]) -> dict[str, list[Relation]]:
    return {
        record: [
            replace(relation, confidence=conf.confidence(relation.rule, cues, precision))
            for relation, cues in found
        ]
        for record, found in cued.items()
    }


def pooled(tables: Iterable[dict[str, conf.RuleCount]]) -> dict[str, conf.RuleCount]:
    total: dict[str, conf.RuleCount] = {}
    for table in tables:
        for rule, count in table.items():
            known = total.get(rule, conf.RuleCount(rule, 0, 0))
            total[rule] = conf.RuleCount(rule, known.tp + count.tp, known.fp + count.fp)
    return total


def _precisions(table: dict[str, conf.RuleCount]) -> dict[str, float]:
    return {rule: count.precision for rule, count in table.items()}


def cue_table(golds: dict[str, list[scoring.GoldRecord]], cued: dict[str, dict[str, Cued]]):
    """tp and fp of relations grouped by each cue's value, over all files."""

    def tags(cues: conf.Cues) -> list[str]:
        path = "none" if cues.path is None else str(min(cues.path, 9))
        return [f"ner_only={cues.ner_only}", f"referred={cues.referred}", f"path={path}"]

    totals: dict[str, list[int]] = {}
    for name, gold in golds.items():
        for position in range(3):
            relabelled = {
                record: [replace(r, rule=tags(c)[position]) for r, c in found]
                for record, found in cued[name].items()
            }
            report = scoring.score(gold, relabelled, names="canonical")
            for tag, figures in report.rules.items():
                pair = totals.setdefault(tag, [0, 0])
                pair[0] += figures.tp
                pair[1] += figures.fp
    print("\ncue            tp     fp   prec")
    for tag in sorted(totals):
        tp, fp = totals[tag]
        print(f"{tag:<12} {tp:>5}  {fp:>5}  {tp / (tp + fp) if tp + fp else 0:.3f}")


def threshold_tables(golds, cued, counts, levels: tuple[float, ...]) -> None:
    everything = pooled(counts.values())
    for name, gold in golds.items():
        others = pooled(table for other, table in counts.items() if other != name)
        for kind, table in (("in-sample", everything), ("held out", others)):
            report = scoring.score(
                gold,
                _plain(cued[name], _precisions(table)),
                names="canonical",
                thresholds=levels,
            )
            print(f"\n{Path(name).name}, table {kind}:")
            print(report.format_thresholds_table())


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=DATA_FILE.parent,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="+", help="gold JSONL files")
    parser.add_argument("--out", type=Path, default=DATA_FILE, help="table to write")
    parser.add_argument("--dry-run", action="store_true", help="measure, do not write")
    parser.add_argument("--cues", action="store_true", help="print precision per cue")
    parser.add_argument("--thresholds", default="", help="comma-separated confidences")
    args = parser.parse_args(argv)

    golds = {path: scoring.load_gold(path) for path in args.gold}
    cued = {path: extract_with_cues(gold) for path, gold in golds.items()}
    counts = {path: rule_counts(golds[path], cued[path]) for path in golds}
    total = pooled(counts.values())
    print(f"{'rule':<22} {'tp':>5} {'fp':>5}  smoothed")
    for rule, count in sorted(total.items()):
        print(f"{rule:<22} {count.tp:>5} {count.fp:>5}  {count.precision:.3f}")
    if not args.dry_run:
        header = (
            "Per-rule precision of graphbuild's extraction rules on the open gold files,\n"
            "scored with canonical names (graphbuild evaluate --by-rule --canonical-names):\n"
            + "".join(f"  {Path(path).name}\n" for path in args.gold)
            + f"measured at commit {_commit()} by benchmarks/rule_precision.py (rerun it\n"
            "after the rules change). precision = (tp + 1) / (tp + fp + 2), the prior for\n"
            "rules with few predictions; graphbuild reads tp and fp and smooths them itself."
        )
        print(f"wrote {conf.write_precision_table(args.out, total.values(), header)}")
    if args.cues:
        cue_table(golds, cued)
    levels = tuple(float(x) for x in args.thresholds.split(",") if x.strip())
    if levels:
        threshold_tables(golds, cued, counts, levels)
    return 0


if __name__ == "__main__":
    sys.exit(main())
