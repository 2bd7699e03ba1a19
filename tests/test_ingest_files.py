"""Files, folders and standard input: which files are read, in which order, with which ids."""

from __future__ import annotations

from pathlib import Path

from graphbuild.ingest.files import input_files, unique_id
from graphbuild.model import Problem, ProblemKind


def test_unique_id_appends_the_next_free_number():
    assert unique_id("a", set()) == "a"
    assert unique_id("a", {"a"}) == "a#2"
    assert unique_id("a", {"a", "a#2"}) == "a#3"


def test_input_files_walk_folders_in_sorted_order(tmp_path: Path):
    for name in ("b.txt", "a/z.md", "a/.hidden.txt", "c.pdf", "d.jsonl"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    problems: list[Problem] = []
    files = list(input_files([tmp_path, "-", tmp_path / "nope"], problems.append))
    assert [f.name if f is not None else None for f in files] == [
        "a/z.md",
        "b.txt",
        "d.jsonl",
        None,
    ]
    assert [(p.reason, p.kind) for p in problems] == [
        ("no such file or folder", ProblemKind.UNREADABLE)
    ]
