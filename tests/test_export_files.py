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
