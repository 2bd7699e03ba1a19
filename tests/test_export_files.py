"""atomic_write, through which every writer writes: all of a file or none of it."""

from __future__ import annotations

import pytest

from graphbuild.export import write_gexf, write_graphml, write_html, write_json
from graphbuild.export.files import atomic_write


def test_a_finished_write_replaces_the_file(tmp_path):
    target = tmp_path / "deep" / "x.txt"
    with atomic_write(target, encoding="utf-8") as handle:
        handle.write("new")
    assert target.read_text("utf-8") == "new"
    assert oct(target.stat().st_mode & 0o777) == "0o644"
    assert [p.name for p in target.parent.iterdir()] == ["x.txt"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "x.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(target, encoding="utf-8") as handle:
        handle.write("half")
        raise RuntimeError("disk full")
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


@pytest.mark.parametrize("writer", [write_json, write_graphml, write_gexf, write_html])
def test_writing_onto_a_directory_fails_cleanly(sample_graph, tmp_path, writer):
    target = tmp_path / "taken"
    target.mkdir()
    with pytest.raises(OSError):
        writer(sample_graph, target)
    assert target.is_dir() and list(target.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]


def test_an_output_set_appears_together_or_not_at_all(tmp_path):
    from graphbuild.export.files import output_set

    (tmp_path / "a.txt").write_text("old a")
    with pytest.raises(OSError, match="No space"):
        with output_set(tmp_path) as staging:
            (staging / "a.txt").write_text("new a")
            raise OSError(28, "No space left on device")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    assert (tmp_path / "a.txt").read_text() == "old a"


def test_strays_of_a_killed_write_are_removed_and_other_files_kept(tmp_path):
    from graphbuild.export.files import STAGING_PREFIX, output_set

    (tmp_path / ".graph.html.k3j_x9ab.tmp").write_text("half")
    (tmp_path / f"{STAGING_PREFIX}old").mkdir()
    (tmp_path / f"{STAGING_PREFIX}old" / "graph.html").write_text("half")
    for keep in ("cache.sqlite", ".notes.tmp", "mine.tmp"):
        (tmp_path / keep).write_text("keep")
    with output_set(tmp_path) as staging:
        (staging / "graph.html").write_text("new")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".notes.tmp",
        "cache.sqlite",
        "graph.html",
        "mine.tmp",
    ]
