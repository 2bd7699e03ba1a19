"""The command line: help texts, usage errors and exit statuses (no model needed)."""

from __future__ import annotations

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
