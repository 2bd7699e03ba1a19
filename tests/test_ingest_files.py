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


def _files(paths, problems):
    return [f.name for f in input_files(paths, problems.append) if f is not None]


def _write(folder: Path, names: tuple[str, ...]) -> None:
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("Modi met Putin.", encoding="utf-8")


def test_a_symlinked_folder_is_followed_and_a_loop_is_cut(tmp_path: Path):
    corpus, elsewhere = tmp_path / "corpus", tmp_path / "elsewhere"
    _write(corpus, ("a.txt", "sub/b.txt"))
    _write(elsewhere, ("c.txt",))
    (corpus / "linked").symlink_to(elsewhere, target_is_directory=True)
    (corpus / "sub" / "up").symlink_to(corpus, target_is_directory=True)  # a loop
    problems: list[Problem] = []
    assert _files([corpus], problems) == ["a.txt", "linked/c.txt", "sub/b.txt"]
    assert [(Path(p.source).name, p.kind) for p in problems] == [("up", ProblemKind.WARNING)]
    assert "read already" in problems[0].reason


def test_an_unreadable_subfolder_is_one_problem_and_the_rest_is_read(tmp_path, monkeypatch):
    import os

    _write(tmp_path, ("a.txt", "locked/b.txt", "z/c.txt"))
    locked = tmp_path / "locked"
    scandir = os.scandir

    def refuse(path="."):
        if Path(path) == locked:  # root reads anything: refuse it the way chmod 000 would
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    problems: list[Problem] = []
    assert _files([tmp_path], problems) == ["a.txt", "z/c.txt"]
    assert [(p.source, p.kind) for p in problems] == [(locked.as_posix(), ProblemKind.UNREADABLE)]
    assert "Permission denied" in problems[0].reason
