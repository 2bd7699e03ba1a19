"""The whole pipeline on the example articles, through the command line, with the model."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graphbuild.cli import app
from graphbuild.export import available_formats

pytestmark = pytest.mark.model

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ARTICLES = EXAMPLES / "articles"
runner = CliRunner()

SUMMARY = re.compile(r"^(\d+) documents?, (\d+) entit(?:y|ies), (\d+) relations?", re.MULTILINE)
FILES = {
    "graphml": ["graph.graphml"],
    "gexf": ["graph.gexf"],
    "json": ["graph.json"],
    "csv": ["nodes.csv", "edges.csv"],
    "html": ["graph.html"],
}


def build(out: Path, *args: str):
    result = runner.invoke(app, ["build", str(ARTICLES), "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    return result


def test_build_examples_writes_readable_files_and_a_summary(tmp_path):
    out = tmp_path / "out"
    result = build(out)
    html, graphml = out / "graph.html", out / "graph.graphml"
    assert html.is_file() and graphml.is_file()
    assert str(graphml) in result.output and str(html) in result.output
    match = SUMMARY.search(result.output)
    assert match, result.output
    documents, entities, relations = map(int, match.groups())
    assert documents == len(list(ARTICLES.glob("*.txt")))
    graph = nx.read_graphml(graphml)
    assert graph.number_of_nodes() == entities > 0
    assert graph.number_of_edges() == relations > 0
    assert "most central:" in result.output


def test_build_twice_gives_byte_identical_files(tmp_path):
    formats = ",".join(name for name in FILES if name in available_formats() and name != "html")
    first, second = tmp_path / "one", tmp_path / "two"
    build(first, "--format", formats, "--no-cache", "--quiet")
    build(second, "--format", formats, "--no-cache", "--quiet")
    for name in formats.split(","):
        for file in FILES[name]:
            assert (first / file).read_bytes() == (second / file).read_bytes(), file


def test_cached_rebuild_is_identical(tmp_path):
    out = tmp_path / "out"
    build(out, "--format", "graphml", "--quiet")
    before = (out / "graph.graphml").read_bytes()
    build(out, "--format", "graphml", "--quiet")
    assert (out / "graph.graphml").read_bytes() == before


def test_extract_jsonl_is_one_object_per_relation(tmp_path):
    target = tmp_path / "relations.jsonl"
    result = runner.invoke(app, ["extract", str(ARTICLES), "-o", str(target), "--quiet"])
    assert result.exit_code == 0, result.output
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines
    records = [json.loads(line) for line in lines]
    for record in records:
        assert set(record) >= {
            "doc",
            "date",
            "sentence",
            "start",
            "end",
            "subject",
            "relation",
            "object",
            "negated",
            "rule",
        }
        for side in ("subject", "object"):
            assert set(record[side]) == {"id", "name", "type", "country", "text"}
            # the words that name the actor are the sentence's own, when it names it
            assert record[side]["text"] is None or record[side]["text"] in record["sentence"]
        text = (ARTICLES / record["doc"]).read_text(encoding="utf-8")
        assert record["sentence"] in text
    assert any(record["negated"] for record in records)  # denials are reported too


def test_extract_reads_standard_input():
    text = (
        "Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov in Beijing."
    )
    result = runner.invoke(app, ["extract", "-", "--quiet"], input=text)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["subject"]["name"], r["relation"], r["object"]["name"]) for r in records} >= {
        ("Wang Yi", "consult", "Sergei Lavrov")
    }
    assert all(r["doc"] == "<stdin>" for r in records)


def test_missing_input_exits_1_but_writes_the_rest(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "build",
            str(EXAMPLES / "corpus.jsonl"),
            str(tmp_path / "nope.txt"),
            "--out",
            str(out),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1, result.output
    assert (out / "graph.json").is_file()
    assert "nope.txt" in result.output


def write_gold(tmp_path, text, entities, triple):
    """A one-record gold file: `entities` as (name, type), `triple` as (s, r, o)."""
    gold = tmp_path / "gold.jsonl"
    record = {
        "id": "g1",
        "text": text,
        "entities": [{"name": name, "type": kind} for name, kind in entities],
        "triples": [dict(zip(("s", "r", "o"), triple, strict=True))],
    }
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return gold


def test_evaluate_prints_a_table_or_json(tmp_path):
    gold = write_gold(
        tmp_path,
        "India and Brazil signed a trade agreement.",
        [("India", "country"), ("Brazil", "country")],
        ("India", "agree", "Brazil"),
    )
    table = runner.invoke(app, ["evaluate", str(gold)])
    assert table.exit_code == 0, table.output
    as_json = runner.invoke(app, ["evaluate", str(gold), "--json"])
    assert as_json.exit_code == 0
    assert set(json.loads(as_json.stdout)) >= {"rel", "pair"}


def test_evaluate_matches_the_evidence_words_unless_told_canonical_names(tmp_path):
    # The gold calls the organisation "U.N.", as the text does; graphbuild's canonical
    # name for it is "United Nations".
    gold = write_gold(
        tmp_path,
        "Iraq criticised the U.N. on Monday.",
        [("Iraq", "country"), ("U.N.", "organization")],
        ("Iraq", "accuse", "U.N."),
    )
    evidence = runner.invoke(app, ["evaluate", str(gold), "--json"])
    strict = runner.invoke(app, ["evaluate", str(gold), "--json", "--canonical-names"])
    assert evidence.exit_code == 0 and strict.exit_code == 0, evidence.output + strict.output
    assert json.loads(evidence.stdout)["rel"]["tp"] == 1
    assert json.loads(strict.stdout)["rel"]["tp"] == 0
    assert json.loads(strict.stdout)["names"] == "canonical"
