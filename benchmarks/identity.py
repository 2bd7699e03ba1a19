"""A fingerprint of what graphbuild produces, to prove that a refactoring changed nothing.

For each input it runs ``pipeline.build`` with every export format (cache off) and records
the SHA-256 of every file written; for each gold file it runs ``pipeline.evaluate`` with
evidence and canonical name matching and records the full report (scores and per-record
detail). The fingerprint is one JSON file; ``--compare OLD.json`` prints what differs and
exits 1 when anything does.

Usage::

    python benchmarks/identity.py examples/articles /tmp/bbc_politics.csv \\
        --gold ../shared/eval/*.jsonl -o before.json
    # ... move code ...
    python benchmarks/identity.py examples/articles /tmp/bbc_politics.csv \\
        --gold ../shared/eval/*.jsonl -o after.json --compare before.json

It fingerprints the `graphbuild` that Python imports (an editable install's, whatever the
current folder): to check another checkout, run it with ``PYTHONPATH=<checkout>``. It
reports and compares; it takes its inputs as arguments and reads nothing else.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

FORMATS = ("html", "graphml", "gexf", "json", "csv")


def _files_digest(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def build_fingerprint(inputs: list[str]) -> dict[str, Any]:
    from graphbuild.pipeline import build

    result: dict[str, Any] = {}
    for source in inputs:
        with tempfile.TemporaryDirectory() as out:
            built = build(source, out, formats=FORMATS, cache=False, progress=False)
            result[source] = {
                "summary": built.summary_line,
                "problems": [[p.source, p.reason] for p in built.summary.problems],
                "files": _files_digest(Path(out)),
            }
        print(f"built {source}: {result[source]['summary']}", file=sys.stderr)
    return result


def evaluate_fingerprint(gold_files: list[str]) -> dict[str, Any]:
    from graphbuild.pipeline import evaluate

    result: dict[str, Any] = {}
    for gold in gold_files:
        for names in ("evidence", "canonical"):
            report = evaluate(gold, names=names)  # type: ignore[arg-type]
            key = f"{Path(gold).name} [{names}]"
            result[key] = report.to_dict(details=True)
            print(
                f"evaluated {key}: rel F1 {report.rel.f1:.3f}, pair F1 {report.pair.f1:.3f}",
                file=sys.stderr,
            )
    return result


def _differences(old: Any, new: Any, where: str = "") -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        found: list[str] = []
        for key in sorted(set(old) | set(new)):
            if key not in old or key not in new:
                found.append(f"{where}/{key}: only in {'new' if key in new else 'old'}")
            else:
                found.extend(_differences(old[key], new[key], f"{where}/{key}"))
        return found
    if old != new:
        text = f"{where}: {json.dumps(old)[:120]} -> {json.dumps(new)[:120]}"
        return [text]
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", help="inputs to build (files or folders)")
    parser.add_argument("--gold", nargs="*", default=[], help="gold JSONL files to evaluate")
    parser.add_argument("-o", "--output", type=Path, required=True, help="fingerprint file")
    parser.add_argument("--compare", type=Path, help="an earlier fingerprint to compare with")
    args = parser.parse_args(argv)
    fingerprint = {
        "build": build_fingerprint(args.inputs),
        "evaluate": evaluate_fingerprint(args.gold),
    }
    text = json.dumps(fingerprint, indent=1, sort_keys=True)
    args.output.write_text(text, "utf-8")
    if args.compare is None:
        return 0
    # Compare as read back from JSON on both sides (tuples and lists are the same there).
    found = _differences(json.loads(args.compare.read_text("utf-8")), json.loads(text))
    for line in found[:50]:
        print(line)
    print("identical" if not found else f"{len(found)} differences")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
