"""CSV export for Gephi's spreadsheet import: headers, rows, quoting, ids, atomicity."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import pytest

from graphbuild.export import csv as csv_module
from graphbuild.export.csv import (
    DIALECT,
    EDGE_COLUMNS,
    NODE_COLUMNS,
    defuse_formula,
    restore_formula,
    write_csv,
)
from graphbuild.export.graphml import write_graphml
from graphbuild.export.sanitize import sanitize_graph


def _read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, dialect=DIALECT))


def test_csv_files_and_headers_for_gephi(sample_graph, tmp_path):
    nodes, edges = write_csv(sample_graph, tmp_path / "csv")
    assert (nodes.name, edges.name) == ("nodes.csv", "edges.csv")
    for path in (nodes, edges):
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM for UTF-8
        assert raw.count(b"\r\n") >= 2
    node_header = next(csv.reader(open(nodes, encoding="utf-8-sig", newline="")))
    edge_header = next(csv.reader(open(edges, encoding="utf-8-sig", newline="")))
    assert tuple(node_header[:2]) == NODE_COLUMNS == ("Id", "Label")
    assert node_header[2:5] == ["type", "country", "role"]
    assert tuple(edge_header[:7]) == EDGE_COLUMNS
    assert edge_header[7:9] == ["relation", "quad_class"]
    for header in (node_header, edge_header):
        assert len({h.lower() for h in header}) == len(header)


def test_csv_rows_match_the_graph(sample_graph, tmp_path):
    nodes, edges = write_csv(sample_graph, tmp_path)
    expected = sanitize_graph(sample_graph)
    node_rows = {row["Id"]: row for row in _read_csv(nodes)}
    assert set(node_rows) == set(expected.nodes)
    for node, attrs in expected.nodes(data=True):
        row = node_rows[node]
        assert row["Label"] == attrs["label"]
        assert row["type"] == attrs["type"]
        assert row["mentions"] == str(attrs["mentions"])
        assert row["role"] == attrs.get("role", "")
        assert row["aliases"] == attrs.get("aliases", "")
    edge_rows = _read_csv(edges)
    assert len(edge_rows) == expected.number_of_edges()
    assert len({row["Id"] for row in edge_rows}) == len(edge_rows)
    for row in edge_rows:
        attrs = expected.edges[row["Source"], row["Target"], row["Label"]]
        assert row["Type"] == "Directed"
        assert row["Kind"] == row["Label"] == row["relation"] == attrs["relation"]
        assert float(row["Weight"]) == attrs["weight"]
        assert row["count"] == str(attrs["count"])
        assert json.loads(row["evidence"]) == json.loads(attrs["evidence"])


def test_csv_edge_ids_match_graphml(sample_graph, tmp_path):
    _, edges = write_csv(sample_graph, tmp_path)
    csv_ids = {(r["Source"], r["Target"], r["Label"]): r["Id"] for r in _read_csv(edges)}
    root = ET.parse(write_graphml(sample_graph, tmp_path / "g.graphml")).getroot()
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    graphml_ids = {}
    for edge in root.iter(f"{ns}edge"):
        label = next(d.text for d in edge if d.get("key") == "edge_label")
        graphml_ids[edge.get("source"), edge.get("target"), label] = edge.get("id")
    assert csv_ids == graphml_ids


@pytest.mark.parametrize(
    "name",
    [
        "Comma, Inc.",
        'Quote "the" envoy',
        "Line\nbreak",
        "Back\\slash \\n not a newline",
        'Trailing quote"',
        "王毅, Лавров; العربية",
        "=HYPERLINK(1)",
        "",
    ],
)
def test_csv_quoting_round_trips(factory, tmp_path, name):
    g = factory.graph_from_names([name, "Other"], [f"{name} met Other."])
    nodes, edges = write_csv(g, tmp_path)
    labels = {restore_formula(row["Label"]) for row in _read_csv(nodes)}
    assert name in labels
    (row,) = _read_csv(edges)
    assert json.loads(row["evidence"])[0]["sentence"] == f"{name} met Other."
    with open(edges, encoding="utf-8-sig", newline="") as handle:  # Excel's, pandas' reading
        (plain,) = list(csv.DictReader(handle))
    assert json.loads(plain["evidence"])  # valid JSON whichever way it is read


def test_csv_is_deterministic(sample_graph, tmp_path):
    a = [p.read_bytes() for p in write_csv(sample_graph, tmp_path / "a")]
    b = [p.read_bytes() for p in write_csv(sample_graph, tmp_path / "b")]
    assert a == b


def test_csv_pair_is_written_together_or_not_at_all(sample_graph, tmp_path, monkeypatch):
    nodes, edges = write_csv(sample_graph, tmp_path)
    before = nodes.read_bytes(), edges.read_bytes()
    g = sample_graph.copy()
    g.add_node("new", label="New", type="country")

    def fail(attrs):
        raise OSError("disk full")

    monkeypatch.setattr(csv_module, "edge_weight", fail)  # fails after nodes.csv is written
    with pytest.raises(OSError, match="disk full"):
        write_csv(g, tmp_path)
    assert (nodes.read_bytes(), edges.read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edges.csv", "nodes.csv"]


FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://example.com","click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-1+1",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_text_a_spreadsheet_would_run_is_defused_and_restorable(factory, tmp_path, text):
    g = factory.graph_from_names([text, "Other"], [text])
    nodes, edges = write_csv(g, tmp_path)
    cells = [cell for path in (nodes, edges) for row in _rows(path) for cell in row]
    assert not any(cell.startswith(csv_module.FORMULA_STARTS) for cell in cells)
    labels = {restore_formula(row["Label"]) for row in _read_csv(nodes)}
    assert labels == {attrs["label"] for _, attrs in sanitize_graph(g).nodes(data=True)}


def _rows(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, DIALECT))


def test_numbers_are_not_defused(factory, tmp_path):
    g = factory.graph_from_names(["A", "B"], ["A met B."], labels=("accuse",))
    (row,) = _read_csv(write_csv(g, tmp_path)[1])
    assert row["intensity"].startswith("-") and float(row["intensity"]) < 0


def test_defusing_round_trips_texts_that_start_with_an_apostrophe():
    for text in ("'=x", "''-x", "'", "'a", "="):
        assert restore_formula(defuse_formula(text)) == text


@pytest.mark.slow
def test_libreoffice_opens_every_cell_as_text_not_a_formula(factory, tmp_path):
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    openpyxl = pytest.importorskip("openpyxl")
    if soffice is None:
        pytest.skip("soffice missing (Debian: apt-get install libreoffice-calc)")
    g = factory.graph_from_names([*FORMULAS[:4], "Other"], FORMULAS[4:])
    nodes, edges = write_csv(g, tmp_path / "csv")
    profile = (tmp_path / "profile").as_uri()
    for path in (nodes, edges):
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
             "--outdir", str(tmp_path / "xlsx"), str(path)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        book = openpyxl.load_workbook(tmp_path / "xlsx" / f"{path.stem}.xlsx")
        cells = [cell for row in book.active.iter_rows() for cell in row]
        assert cells and not [c.value for c in cells if c.data_type == "f"], path.name
