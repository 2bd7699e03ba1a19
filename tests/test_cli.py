"""The command line: help texts, usage errors and exit statuses (no model needed)."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from graphbuild import __version__
from graphbuild.cli import app
from graphbuild.nlp import INSTALL_HINT

runner = CliRunner()


def run(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize("command", ["build", "extract", "evaluate"])
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0, result.output
    assert "Examples" in result.output
    assert f"graphbuild {command}" in result.output


@pytest.mark.parametrize("command", [[], ["build"], ["extract"], ["evaluate"]])
def test_help_shows_plain_metavars(command):
    # typer would show Python types: "<bool>" beside a flag, "<list[Path]>", and
    # "{INPUT...}..." in the usage line
    result = runner.invoke(app, [*command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert not re.findall(r"<[a-z]+[^>]*>|\{[A-Z]", result.output), result.output
    if command == ["build"]:
        assert "Usage: graphbuild build [OPTIONS] INPUT..." in result.output
        assert re.search(r"--out\s+-o\s+PATH", result.output)
        assert re.search(r"--min-count\s+N\b", result.output)
        assert re.search(r"--actors\s+FILE", result.output)
        assert re.search(r"--no-cache\s+Neither", result.output)  # a flag takes no value
        assert re.search(r"--title\s+TEXT", result.output)
        assert re.search(r"--period\s+TEXT\s+What dyads.csv", result.output)


def test_no_arguments_shows_the_commands():
    result = run()
    assert "build" in result.output and "extract" in result.output


@pytest.mark.parametrize(
    "args, names",
    [
        (["--format", "html,pdf"], ["pdf", "graphml", "gexf", "json", "csv"]),
        (["--format", ""], ["graphml"]),
        (["--level", "planet"], ["planet", "actor", "country"]),
        (["--relations", "consult,meet"], ["meet", "consult", "official_of"]),
        (["--types", "country,city"], ["city", "leader", "organization", "initiative"]),
        (["--since", "2024-13-01"], ["2024-13-01", "YYYY-MM-DD"]),
        (["--until", "yesterday"], ["yesterday"]),
        (["--since", "2025-01-01", "--until", "2024-01-01"], ["after"]),
        (["--min-count", "0"], ["min-count"]),
        (["--workers", "0"], ["workers"]),
        (["--cache", "x.sqlite", "--no-cache"], ["--no-cache"]),
        (["--engine", "spark"], ["spark", "local", "dask"]),
        (["--period", "day"], ["day", "week", "month", "year"]),
        (["--title", "  "], ["title"]),
    ],
)
def test_build_usage_errors_exit_2_and_name_the_choices(tmp_path, args, names):
    out = tmp_path / "out"
    result = run("build", "examples/articles", "--out", str(out), *args)
    assert result.exit_code == 2, result.output
    for name in names:
        assert name in result.output
    assert not out.exists()  # nothing read, nothing written


def test_build_needs_an_output_folder():
    assert run("build", "examples/articles").exit_code == 2


def test_bad_actor_dictionary_is_a_usage_error(tmp_path):
    actors = tmp_path / "actors.csv"
    actors.write_text("who,what\nx,y\n", encoding="utf-8")
    result = run(
        "build", "examples/articles", "--out", str(tmp_path / "o"), "--actors", str(actors)
    )
    assert result.exit_code == 2
    assert "name" in result.output


@pytest.mark.parametrize(
    "command",
    [
        ["build", "examples/articles", "--out", "{tmp}/o"],
        ["extract", "examples/articles"],
        ["evaluate", "{gold}"],
    ],
)
def test_missing_model_exits_2_with_the_install_hint(tmp_path, command):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "x", "entities": [], "triples": []}\n')
    args = [part.format(tmp=tmp_path, gold=gold) for part in command]
    result = run(*args, "--model", "no_such_spacy_model_xyz")
    assert result.exit_code == 2
    assert INSTALL_HINT in " ".join(result.output.split())


def test_extract_unknown_format(tmp_path):
    result = run("extract", "examples/articles", "--format", "xml")
    assert result.exit_code == 2
    for name in ("xml", "jsonl", "csv", "table"):
        assert name in result.output


def test_evaluate_missing_gold_file(tmp_path):
    result = run("evaluate", str(tmp_path / "missing.jsonl"))
    assert result.exit_code == 2


def test_evaluate_malformed_gold_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("not json\n", encoding="utf-8")
    result = run("evaluate", str(gold))
    assert result.exit_code == 2
    assert "gold" in result.output.lower() or "line" in result.output.lower()


@pytest.mark.parametrize("command", ["build", "extract"])
def test_a_cache_path_that_holds_the_corpus_or_a_folder_exits_2_and_keeps_it(tmp_path, command):
    corpus = tmp_path / "corpus.csv"
    corpus.write_text("id,text\n1,Modi met Putin in Delhi.\n", encoding="utf-8")
    out = ["--out", str(tmp_path / "out")] if command == "build" else []
    for cache in (corpus, tmp_path):
        result = run(command, str(corpus), *out, "--cache", str(cache))
        assert result.exit_code == 2, result.output
        assert "not a graphbuild cache" in result.output or "is a folder" in result.output
        assert "Traceback" not in result.output
    assert corpus.read_text(encoding="utf-8") == "id,text\n1,Modi met Putin in Delhi.\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(1)", "\t=1", "\r=1"])
def test_extract_csv_rows_defuse_text_a_spreadsheet_would_run(text):
    from graphbuild.cli import _flat
    from graphbuild.model import Entity, EntityType, Relation
    from graphbuild.pipeline import relation_record

    actor = Entity(f"leader:{text}", text, EntityType.LEADER, country=text)
    other = Entity("country:CHN", "China", EntityType.COUNTRY)
    record = relation_record(Relation(actor, "consult", other, "d", text, start=0, end=-1))
    row = _flat(record)
    assert row["subject_name"] == "'" + text and row["sentence"] == "'" + text
    assert row["end"] == -1  # a number stays a number


def _result_with_problems(tmp_path, count):
    import networkx as nx

    from graphbuild import pipeline
    from graphbuild.model import Problem, ProblemKind, RunStats, RunSummary

    problems = [Problem(f"news.csv:{n}", "empty text", ProblemKind.SKIPPED) for n in range(count)]
    summary = RunSummary(documents=3, skipped=count, problems=problems)
    return pipeline.BuildResult({}, nx.MultiDiGraph(), summary, RunStats(),
                                problems_path=tmp_path / "problems.jsonl")  # fmt: skip


@pytest.mark.parametrize("quiet", [[], ["-q"]])
def test_build_prints_a_bounded_number_of_problems_and_where_all_are(tmp_path, monkeypatch, quiet):
    from graphbuild import pipeline

    monkeypatch.setattr(pipeline, "build", lambda *a, **k: _result_with_problems(tmp_path, 25))
    result = run("build", "examples/articles", "--out", str(tmp_path), *quiet)
    assert result.exit_code == 1
    assert "news.csv:19: empty text" in result.output  # the 20th, shown also with -q
    assert "news.csv:20:" not in result.output
    assert f"5 more; all are in {tmp_path / 'problems.jsonl'}" in result.output
    assert ("3 documents" in result.output) is not bool(quiet)


def test_build_that_cannot_write_exits_3_and_still_shows_the_problems(tmp_path, monkeypatch):
    from graphbuild import pipeline

    def full_disk(*args, **kwargs):
        error = "cannot write the outputs to out: No space left on device"
        raise pipeline.OutputError(error, _result_with_problems(tmp_path, 2))

    monkeypatch.setattr(pipeline, "build", full_disk)
    result = run("build", "examples/articles", "--out", str(tmp_path))
    assert result.exit_code == 3
    assert "No space left on device" in result.output and "news.csv:1" in result.output
    assert "Traceback" not in result.output


def test_extract_to_a_file_that_cannot_be_written_exits_3(tmp_path, monkeypatch):
    from graphbuild import pipeline
    from graphbuild.model import RunSummary

    class Run(list):
        summary = RunSummary()

        def close(self):
            pass

    monkeypatch.setattr(pipeline, "extract", lambda *a, **k: Run())
    target = tmp_path / "no-such-folder-file"
    target.write_text("a file where a folder should be")
    result = run("extract", "examples/articles", "-o", str(target / "out.jsonl"))
    assert result.exit_code == 3, result.output
    assert "cannot write" in result.output and "Traceback" not in result.output
