"""dyads.csv: evidence per actor pair, period and quad class (counts, summed intensity)."""

from __future__ import annotations

import csv
import shutil
import subprocess

import networkx as nx
import pytest

from graphbuild.export import FORMATS, write_formats
from graphbuild.export.dyads import COLUMNS, dyad_rows, write_dyads
from graphbuild.export.spreadsheet import restore_formula
from graphbuild.graph import build_graph
from graphbuild.model import Extraction
from graphbuild.periods import period_of
from graphbuild.views import roll_up_to_countries


def _read(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _key(row):
    return (row["source"], row["target"], row["period"], row["quad_class"])


def test_sample_graph_by_month(sample_graph, tmp_path):
    rows = _read(write_dyads(sample_graph, tmp_path / "dyads.csv"))
    got = {_key(r): (r["count"], r["intensity"], r["relations"]) for r in rows}
    assert got == {
        ("country:CHN", "country:RUS", "2024-01", "material_cooperation"): (
            "1",
            "6",
            "cooperate=1",
        ),
        ("country:CHN", "country:RUS", "2024-03", "verbal_cooperation"): ("1", "3", "consult=1"),
        ("country:USA", "country:RUS", "2024-02", "material_conflict"): ("1", "-7", "sanction=1"),
        ("country:USA", "country:RUS", "2024-03", "material_conflict"): ("1", "-7", "sanction=1"),
        ("country:USA", "country:UKR", "2024-02", "material_cooperation"): ("1", "7", "aid=1"),
        ("leader:antony-blinken", "leader:sergey-lavrov", "2024-02", "verbal_conflict"): (
            "1",
            "-4",
            "accuse=1",
        ),
        ("leader:special-envoy", "country:UKR", "2024-03", "verbal_cooperation"): (
            "1",
            "3",
            "consult=1",
        ),
        ("leader:wang-yi", "leader:sergey-lavrov", "2024-01", "verbal_cooperation"): (
            "1",
            "3",
            "consult=1",
        ),
        ("leader:wang-yi", "leader:sergey-lavrov", "2024-03", "verbal_cooperation"): (
            "1",
            "3",
            "consult=1",
        ),
    }  # official_of, member_of, sponsors and participates_in are no events: no rows
    assert list(rows[0]) == list(COLUMNS)
    assert rows[0]["source_label"] == "China" and rows[0]["target_label"] == "Russia"


def test_counts_and_intensities_add_up_per_period(factory):
    cn, ru = factory.CHINA, factory.RUSSIA
    relations = [
        factory.relation(cn, "accuse", ru, "a", "2024-01-02"),
        factory.relation(cn, "accuse", ru, "b", "2024-01-30"),
        factory.relation(cn, "reject", ru, "b", "2024-01-30"),
        factory.relation(cn, "threaten", ru, "c", "2024-02-01"),
        factory.relation(cn, "sanction", ru, "c", "2024-02-01"),
        factory.relation(cn, "accuse", ru, "d", None),
        factory.relation(cn, "official_of", ru, "d", "2024-01-02"),
    ]
    graph = build_graph([Extraction("a", None, tuple(relations))])
    by_month = {(r["period"], r["quad_class"]): r for r in dyad_rows(graph, "month")}
    assert list(by_month) == [
        ("2024-01", "verbal_conflict"),
        ("2024-02", "verbal_conflict"),
        ("2024-02", "material_conflict"),
        ("undated", "verbal_conflict"),  # counted apart, after the dated periods
    ]
    january = by_month["2024-01", "verbal_conflict"]
    assert (january["count"], january["intensity"]) == (3, -12)
    assert january["relations"] == "accuse=2;reject=1"
    assert by_month["undated", "verbal_conflict"]["count"] == 1
    by_year = list(dyad_rows(graph, "year"))
    assert [(r["period"], r["quad_class"], r["count"]) for r in by_year] == [
        ("2024", "verbal_conflict", 4),
        ("2024", "material_conflict", 1),
        ("undated", "verbal_conflict", 1),
    ]
    assert sum(r["count"] for r in dyad_rows(graph, "week")) == 6


@pytest.mark.parametrize(
    ("date", "period", "expected"),
    [
        ("2024-07-11", "week", "2024-W28"),
        ("2024-12-30", "week", "2025-W01"),  # ISO: the week of its Thursday
        ("2021-01-03", "week", "2020-W53"),
        ("2024-07-11", "month", "2024-07"),
        ("2024-07-11", "year", "2024"),
        (None, "month", "undated"),
        ("2024-02-30", "month", "undated"),
        ("", "year", "undated"),
    ],
)
def test_periods(date, period, expected):
    assert period_of(date, period) == expected


def test_an_unknown_period_is_refused_before_anything_is_written(sample_graph, tmp_path):
    with pytest.raises(ValueError, match="unknown period 'day'; choose from: week, month"):
        write_dyads(sample_graph, tmp_path / "dyads.csv", period="day")
    assert not (tmp_path / "dyads.csv").exists()


def test_the_country_view_has_one_row_for_both_directions_of_a_symmetric_relation(factory):
    cn, ru, wang = factory.CHINA, factory.RUSSIA, factory.WANG_YI
    relations = (
        factory.relation(cn, "consult", ru, "a", "2024-01-02"),
        factory.relation(ru, "consult", cn, "b", "2024-01-03"),
        factory.relation(wang, "consult", ru, "c", "2024-01-04"),
    )
    rolled = roll_up_to_countries(build_graph([Extraction("a", None, relations)]))
    rows = list(dyad_rows(rolled))
    assert [(r["source"], r["target"], r["count"], r["intensity"]) for r in rows] == [
        ("country:CHN", "country:RUS", 3, 9)
    ]


def test_names_a_spreadsheet_would_run_are_defused(factory, tmp_path):
    names = ["=HYPERLINK(1)", "Other", "@SUM(1,2)"]
    graph = factory.graph_from_names(names, ["s"], labels=("consult", "accuse"))
    rows = _read(write_dyads(graph, tmp_path / "dyads.csv"))
    labels = {r["source_label"] for r in rows} | {r["target_label"] for r in rows}
    assert all(not label.startswith(("=", "@")) for label in labels)
    assert {restore_formula(label) for label in labels} == set(names)
    assert all(int(r["intensity"]) for r in rows)  # numbers stay numbers: -4 is no text


def test_is_a_registered_format_that_takes_its_period(sample_graph, tmp_path):
    assert FORMATS["dyads"].files == ("dyads.csv",)
    written = write_formats(
        sample_graph, tmp_path, ["dyads"], format_options={"dyads": {"period": "year"}}
    )
    assert written == {"dyads": tmp_path / "dyads.csv"}
    assert {r["period"] for r in _read(tmp_path / "dyads.csv")} == {"2024"}


def test_an_empty_graph_gives_the_header_only(tmp_path):
    path = write_dyads(nx.MultiDiGraph(), tmp_path / "dyads.csv")
    assert path.read_bytes() == b"\xef\xbb\xbf" + ",".join(COLUMNS).encode() + b"\r\n"


@pytest.mark.slow
def test_libreoffice_reads_counts_as_numbers_and_names_as_text(factory, tmp_path):
    soffice = shutil.which("soffice")
    openpyxl = pytest.importorskip("openpyxl")
    if soffice is None:
        pytest.skip("soffice missing (Debian: apt-get install libreoffice-calc)")
    graph = factory.graph_from_names(["=1+1", "王毅", "-1+1"], ["s", "t"])
    path = write_dyads(graph, tmp_path / "dyads.csv")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless",
         "--infilter=CSV:44,34,76", "--convert-to", "xlsx",
         "--outdir", str(tmp_path / "xlsx"), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    sheet = openpyxl.load_workbook(tmp_path / "xlsx" / "dyads.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS  # comma-separated, UTF-8 (filter 76) with its BOM skipped
    assert "王毅" in {row[COLUMNS.index("source_label")] for row in rows[1:]}
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    counts = [row[COLUMNS.index("count")] for row in rows[1:]]
    intensities = [row[COLUMNS.index("intensity")] for row in rows[1:]]
    assert counts and all(isinstance(n, int) and n > 0 for n in counts)
    assert all(isinstance(n, int) for n in intensities) and min(intensities) < 0
