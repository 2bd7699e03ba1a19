"""The format registry and write_formats: names, files, help lines, one prepared graph."""

from __future__ import annotations

from pathlib import Path

import pytest

import graphbuild.export.prepare as prepare_module
from graphbuild.export import (
    FILE_NAMES,
    FORMATS,
    WRITERS,
    available_formats,
    describe_formats,
    requested_formats,
    write_csv,
    write_formats,
    write_html,
)
from graphbuild.export.prepare import PARTS, need
from graphbuild.export.registry import Format

ALL = ["html", "graphml", "gexf", "json", "csv", "dyads"]


def test_the_registry_holds_the_six_formats():
    assert list(FORMATS) == ALL
    assert available_formats() == sorted(ALL)
    assert all(name == fmt.name for name, fmt in FORMATS.items())
    assert all(set(fmt.needs) <= set(PARTS) for fmt in FORMATS.values())
    assert FILE_NAMES == {name: fmt.files[0] for name, fmt in FORMATS.items()}
    assert set(WRITERS) == {"graphml", "gexf", "json", "csv", "dyads"}


def test_describe_formats_gives_one_line_per_format_naming_its_files():
    lines = describe_formats()
    assert len(lines) == len(FORMATS)
    for line, fmt in zip(lines, FORMATS.values(), strict=True):
        assert line.startswith(f"{fmt.name}: ")
        assert line.endswith(f"({', '.join(fmt.files)})")
        assert "\n" not in line


@pytest.mark.parametrize("name", ALL)
def test_each_format_writes_exactly_the_files_the_registry_names(sample_graph, tmp_path, name):
    written = write_formats(sample_graph, tmp_path, [name])
    assert written == {name: tmp_path / FORMATS[name].files[0]}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FORMATS[name].files)
    assert all(p.stat().st_size > 0 for p in tmp_path.iterdir())


@pytest.mark.parametrize("name", ["graphml", "gexf", "json", "dyads"])
def test_write_formats_gives_the_bytes_of_the_standalone_writer(sample_graph, tmp_path, name):
    together = write_formats(sample_graph, tmp_path / "all", ALL)[name]
    alone = WRITERS[name](sample_graph, tmp_path / together.name)
    assert together.read_bytes() == alone.read_bytes()


def test_write_formats_csv_and_html_match_their_standalone_writers(sample_graph, tmp_path):
    options = {"title": "Talks <2024>", "summary": {"skipped": 2}}
    written = write_formats(sample_graph, tmp_path / "all", ALL, html_options=options)
    page = write_html(sample_graph, tmp_path / "graph.html", **options)
    assert written["html"].read_bytes() == page.read_bytes()
    assert b"Talks &lt;2024&gt;" in page.read_bytes()
    for together, alone in zip(
        (written["csv"], written["csv"].with_name("edges.csv")),
        write_csv(sample_graph, tmp_path / "csv"),
        strict=True,
    ):
        assert together.read_bytes() == alone.read_bytes()


def test_write_formats_accepts_a_comma_list_and_repeats(sample_graph, tmp_path):
    written = write_formats(sample_graph, tmp_path, "json, JSON,csv")
    assert list(written) == ["json", "csv"]


@pytest.mark.parametrize("formats", [["pdf"], ["json", "svg"], "graphml,xlsx"])
def test_unknown_format_names_the_valid_ones_and_writes_nothing(sample_graph, tmp_path, formats):
    with pytest.raises(
        ValueError, match=r"choose from: csv, dyads, gexf, graphml, html, json$"
    ) as err:
        write_formats(sample_graph, tmp_path / "out", formats)
    assert "'pdf'" in str(err.value) or "'svg'" in str(err.value) or "'xlsx'" in str(err.value)
    assert not (tmp_path / "out").exists()


def test_requested_formats_normalises_names():
    assert requested_formats([" GEXF", "", "gexf", "html "]) == ["gexf", "html"]
    assert requested_formats("") == []


def _count_calls(monkeypatch, name):
    calls = []
    real = getattr(prepare_module, name)

    def counting(*args, **kwargs):
        calls.append(kwargs.get("flat", True))
        return real(*args, **kwargs)

    monkeypatch.setattr(prepare_module, name, counting)
    return calls


def test_sanitising_and_layout_run_once_for_all_formats(sample_graph, tmp_path, monkeypatch):
    layouts = _count_calls(monkeypatch, "layout_positions")
    sanitised = _count_calls(monkeypatch, "sanitize_graph")
    write_formats(sample_graph, tmp_path, ALL)
    assert len(layouts) == 1
    assert sorted(sanitised) == [False, True]  # one flat copy, one for JSON


@pytest.mark.parametrize(
    ("formats", "layouts", "sanitised"),
    [(["csv"], 0, [True]), (["json"], 0, [False]), (["html"], 1, []), (["gexf"], 1, [True])],
)
def test_only_what_the_formats_need_is_computed(
    sample_graph, tmp_path, monkeypatch, formats, layouts, sanitised
):
    layout_calls = _count_calls(monkeypatch, "layout_positions")
    sanitise_calls = _count_calls(monkeypatch, "sanitize_graph")
    write_formats(sample_graph, tmp_path, formats)
    assert (len(layout_calls), sanitise_calls) == (layouts, sanitised)


def test_a_format_added_to_the_registry_is_accepted_described_and_written(
    sample_graph, tmp_path, monkeypatch
):
    def write_edge_list(prepared, folder):
        path = Path(folder) / "graph.edges"
        flat = need(prepared.flat, "flat")
        path.write_text("".join(f"{u} {v}\n" for u, v in flat.edges()), encoding="utf-8")
        return path

    extra = Format("edges", write_edge_list, ("graph.edges",), ("flat",), "a plain edge list")
    monkeypatch.setitem(FORMATS, "edges", extra)
    assert "edges" in available_formats()
    assert describe_formats()[-1] == "edges: a plain edge list (graph.edges)"
    written = write_formats(sample_graph, tmp_path, ["edges", "csv"])
    assert written["edges"].read_text("utf-8").count("\n") == sample_graph.number_of_edges()
