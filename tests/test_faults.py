"""The fault suite (issue #15): builds killed while they parse or export, builds at once
into one folder, outputs that cannot be written, corrupt and foreign caches, inputs that
used to crash a run.

Every case runs on a few tiny documents. Most use a fake worker (the `runner=` seam of
`pipeline.build`), so they need no model; kills run a build in a child process (a small
script, `_CHILD`) and signal it. Tests marked `model` run the real CLI.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphbuild import pipeline
from graphbuild.cli import EXIT_LOCKED, EXIT_UNWRITTEN, app
from graphbuild.engines import InProcessRunner
from graphbuild.export import files
from graphbuild.model import Entity, EntityType, Extraction, RunStats

ROOT = Path(__file__).resolve().parents[1]


class FakeWorker:
    """Stands in for `engines.Worker`: one relation per document, after `delay` seconds."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay

    def run(self, documents):
        results = []
        for document in documents:
            time.sleep(self.delay)
            cn = Entity("country:CHN", "China", EntityType.COUNTRY)
            ru = Entity("country:RUS", "Russia", EntityType.COUNTRY)
            relation = pipeline.Relation(
                cn, "consult", ru, doc=document.id, sentence=document.text[:80], start=0,
                end=min(len(document.text), 80), date=document.date,
            )  # fmt: skip
            results.append(Extraction(document.id, document.date, (relation,)))
        return results, RunStats(extracted=len(documents), parsed=len(documents))


def fake(delay: float = 0.0) -> InProcessRunner:
    return InProcessRunner(worker=FakeWorker(delay))


def corpus(folder: Path, count: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"a{n:03}.txt").write_text(f"date 2024-05-0{n % 9 + 1}\nChina met Russia {n}.")
    return folder


def build(inputs, out: Path, **kwargs):
    kwargs.setdefault("runner", fake())
    return pipeline.build(inputs, out, formats="json,csv,graphml", progress=False, **kwargs)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


# -- a child process to kill --------------------------------------------------------------

_CHILD = textwrap.dedent(
    """
    import os, signal, sys, time
    from graphbuild import pipeline
    from graphbuild.engines import InProcessRunner
    sys.path.insert(0, sys.argv[4])
    from test_faults import FakeWorker

    inputs, out, where = sys.argv[1], sys.argv[2], sys.argv[3]
    if where == "export":  # killed after the files are staged, before they are swapped in
        real = pipeline._write_problems
        def killed(path, problems):
            real(path, problems)
            os.kill(os.getpid(), signal.SIGKILL)
        pipeline._write_problems = killed
    delay = 0.2 if where == "parse" else 0.0
    print("started", flush=True)
    pipeline.build([inputs], out, formats="json,csv,graphml", progress=False,
                   runner=InProcessRunner(worker=FakeWorker(delay)))
    """
)


def _child(inputs: Path, out: Path, where: str, tmp_path: Path) -> subprocess.Popen:
    script = tmp_path / "child.py"
    script.write_text(_CHILD)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    command = [sys.executable, str(script), str(inputs), str(out), where, str(ROOT / "tests")]
    return subprocess.Popen(command, stdout=subprocess.PIPE, env=env, text=True)


@pytest.mark.parametrize("where", ["parse", "export"])
def test_a_build_killed_keeps_the_old_set_and_the_next_run_cleans_up(tmp_path, where):
    inputs = corpus(tmp_path / "in", 20)
    out = tmp_path / "out"
    build([inputs], out, cache=tmp_path / "c.sqlite")
    before = snapshot(out)
    for n in range(20):  # the next build sees other documents
        (inputs / f"a{n:03}.txt").write_text(f"date 2024-06-01\nChina met Russia again {n}.")
    child = _child(inputs, out, where, tmp_path)
    assert child.stdout is not None and child.stdout.readline() == "started\n"
    if where == "parse":
        time.sleep(1.5)  # inside the extraction: 0.2 s a document
        child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert snapshot(out) == before  # not one new file beside old ones
    if where == "export":
        assert [p for p in out.iterdir() if p.name.startswith(files.STAGING_PREFIX)]
    result = build([inputs], out, cache=tmp_path / "c.sqlite")
    assert not [p for p in out.iterdir() if p.name.startswith(files.STAGING_PREFIX)]
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert result.summary.documents == 20 and snapshot(out) != before


# -- builds at once -----------------------------------------------------------------------


def test_a_second_build_into_a_held_folder_is_refused_before_reading(tmp_path):
    out = tmp_path / "out"
    with files.output_lock(out):
        with pytest.raises(pipeline.OutputLocked, match="another graphbuild build"):
            build([corpus(tmp_path / "in")], out, cache=False)
    assert visible(out) == []
    assert build([tmp_path / "in"], out, cache=False).summary.documents == 3  # released


def test_the_cli_says_another_build_holds_the_folder_and_exits_4(tmp_path):
    out = tmp_path / "out"
    with files.output_lock(out):
        result = CliRunner().invoke(app, ["build", str(corpus(tmp_path / "in")), "-o", str(out)])
    assert result.exit_code == EXIT_LOCKED == 4
    assert "another graphbuild build is writing to" in result.output
    assert "Traceback" not in result.output


def test_builds_at_once_into_one_folder_leave_one_whole_set(tmp_path):
    inputs = corpus(tmp_path / "in", 10)
    out = tmp_path / "out"
    children = [_child(inputs, out, "parse", tmp_path) for _ in range(2)]
    codes = sorted(child.wait(timeout=60) for child in children)
    assert codes[0] == 0 and codes[1] in (0, 1)  # the one refused raises OutputLocked
    assert visible(out) == sorted(
        ["edges.csv", "graph.graphml", "graph.json", "nodes.csv", "problems.jsonl"]
    )
    assert len(json.loads((out / "graph.json").read_text())["links"]) == 1


# -- outputs that cannot be written -------------------------------------------------------


def _fail_with(monkeypatch, code: int) -> None:
    def failing(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(files.os, "fsync", failing)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_outputs_that_cannot_be_written_keep_the_old_set(tmp_path, monkeypatch, code):
    inputs, out = corpus(tmp_path / "in"), tmp_path / "out"
    build([inputs], out, cache=False)
    before = snapshot(out)
    (inputs / "new.txt").write_text("China met Russia once more.")
    _fail_with(monkeypatch, code)
    with pytest.raises(pipeline.OutputError, match=os.strerror(code)) as raised:
        build([inputs], out, cache=False)
    assert raised.value.result.summary.documents == 4  # the run itself went through
    assert snapshot(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(files.STAGING_PREFIX)]


def test_the_cli_says_in_one_line_that_a_full_disk_stopped_the_outputs(tmp_path, monkeypatch):
    _fail_with(monkeypatch, errno.ENOSPC)
    monkeypatch.setattr(pipeline, "extract", _fake_extract(pipeline.extract))
    result = CliRunner().invoke(
        app, ["build", str(corpus(tmp_path / "in")), "-o", str(tmp_path / "out"), "--no-cache"]
    )
    assert result.exit_code == EXIT_UNWRITTEN == 3
    lines = [line for line in result.output.splitlines() if "No space left" in line]
    assert len(lines) == 1 and lines[0].startswith("graphbuild: cannot write the outputs")
    assert "Traceback" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_folder_exits_3(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    monkeypatch.setattr(pipeline, "extract", _fake_extract(pipeline.extract))
    try:
        result = CliRunner().invoke(
            app, ["build", str(corpus(tmp_path / "in")), "-o", str(out), "--no-cache"]
        )
    finally:
        out.chmod(0o755)
    assert result.exit_code == EXIT_UNWRITTEN and "Traceback" not in result.output


def _fake_extract(real):
    def extract(inputs, options=None, **kwargs):
        kwargs["runner"] = fake()
        return real(inputs, options, **kwargs)

    return extract


# -- inputs that used to crash a run ------------------------------------------------------


def test_inputs_that_crashed_a_cached_run_are_one_problem_each(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    deep = "[" * 1000 + "]" * 1000
    (inputs / "deep.jsonl").write_text(deep + "\n" + '{"a": ' * 1000 + "1" + "}" * 1000 + "\n")
    (inputs / "lone.jsonl").write_text('{"text": "China met Russia.\\ud800", "id": "\\udc00"}\n')
    (inputs / os.fsdecode(b"caf\xe9.txt")).write_text("China met Russia in a caf\u00e9.")
    cache = tmp_path / "c.sqlite"
    for _ in range(2):  # the second run reads what the first put in the cache
        result = build([inputs], tmp_path / "out", cache=cache)
        assert result.summary.documents == 2
        reasons = [p.reason for p in result.summary.problems]
        assert reasons.count("not readable JSON: nested too deep") == 2
        assert sum("lone surrogate" in reason for reason in reasons) == 1
    assert result.stats.cached == 2


# -- corrupt and foreign caches -----------------------------------------------------------


@pytest.mark.parametrize(
    "content", [b"id,text\n1,China met Russia.\n", b"SQLite format 3\0" + b"\x13" * 2000]
)
def test_a_foreign_or_corrupt_file_as_cache_is_never_overwritten(tmp_path, content):
    cache = tmp_path / "mine.db"
    cache.write_bytes(content)
    with pytest.raises(pipeline.UsageError, match="not a graphbuild cache"):
        build([corpus(tmp_path / "in")], tmp_path / "out", cache=cache)
    assert cache.read_bytes() == content


def test_a_damaged_cache_of_ours_is_rebuilt(tmp_path):
    cache = tmp_path / "c.sqlite"
    inputs = corpus(tmp_path / "in")
    build([inputs], tmp_path / "out", cache=cache)
    data = bytearray(cache.read_bytes())
    data[200:4000] = b"\xff" * (4000 - 200)  # keep the header (and its mark), wreck the rest
    cache.write_bytes(bytes(data))
    result = build([inputs], tmp_path / "out", cache=cache)
    assert result.summary.documents == 3
    again = build([inputs], tmp_path / "out", cache=cache)
    assert again.stats.cached == 3


# -- never silent about an empty result ---------------------------------------------------


def _undated(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "undated.txt").write_text("China met Russia.")
    (folder / "dated.txt").write_text("date 2024-01-02\nChina met Russia again.")
    return folder


def test_a_date_window_that_leaves_nothing_says_so_and_counts_the_undated(tmp_path):
    result = build([_undated(tmp_path / "in")], tmp_path / "out", cache=False, since="2025-01-01")
    assert result.graph.number_of_edges() == 0
    assert result.empty_reason is not None
    assert "--since 2025-01-01" in result.empty_reason
    assert "1 of 2 documents undated" in result.empty_reason
    assert "--keep-undated" in result.empty_reason
    assert result.graph.graph["undated_documents"] == 1
    assert result.graph.graph["filters"] == {"since": "2025-01-01", "min_confidence": 0.4}


def test_keep_undated_keeps_undated_evidence_under_a_date_window(tmp_path):
    inputs = _undated(tmp_path / "in")
    result = build([inputs], tmp_path / "out", cache=False, since="2025-01-01", keep_undated=True)
    assert result.empty_reason is None
    (edge,) = result.graph.edges(data=True)
    assert [item["doc"] for item in edge[2]["evidence"]] == ["undated.txt"]


@pytest.mark.parametrize(
    ("option", "named"),
    [({"types": "initiative"}, "--types initiative"), ({"min_count": 9}, "--min-count 9")],
)
def test_the_filter_that_emptied_the_graph_is_named(tmp_path, option, named):
    result = build([_undated(tmp_path / "in")], tmp_path / "out", cache=False, **option)
    assert result.empty_reason is not None and named in result.empty_reason


def test_the_cli_says_what_emptied_the_graph_also_with_quiet(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "extract", _fake_extract(pipeline.extract))
    args = ["build", str(_undated(tmp_path / "in")), "-o", str(tmp_path / "out"), "-q"]
    result = CliRunner().invoke(app, [*args, "--no-cache", "--since", "2025-01-01"])
    assert result.exit_code == 0
    assert "graphbuild: no relation is left: --since 2025-01-01" in result.output


def test_view_facts_stay_out_of_graphml_and_exports_stay_byte_identical(tmp_path):
    inputs = _undated(tmp_path / "in")
    first = build([inputs], tmp_path / "a", cache=False, since="2024-01-01")
    build([inputs], tmp_path / "b", cache=False, since="2024-01-01")
    graphml = (tmp_path / "a" / "graph.graphml").read_text()
    assert "undated_documents" not in graphml and "filters" not in graphml
    assert json.loads((tmp_path / "a" / "graph.json").read_text())["graph"]["filters"]
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    assert first.summary_line == "2 documents, 2 entities, 1 relation"


# -- outputs that do not depend on input order --------------------------------------------


class NamingWorker:
    """A worker whose documents name one actor in two ways, with two roles."""

    def run(self, documents):
        results = []
        for document in documents:
            name, role = ("Ebay", "Leader") if "first" in document.text else ("EBay", "Chief")
            boss = Entity("leader:boss", "Boss", EntityType.LEADER, role=role)
            firm = Entity("org:ebay", name, EntityType.ORGANIZATION)
            relation = pipeline.Relation(
                boss, "consult", firm, doc=document.id, sentence=document.text, start=0,
                end=len(document.text), date=document.date,
            )  # fmt: skip
            results.append(Extraction(document.id, document.date, (relation,)))
        return results, RunStats(extracted=len(documents), parsed=len(documents))


def test_shuffled_documents_give_byte_identical_outputs(tmp_path):
    import random

    records = [
        {"id": f"d{n}", "date": f"2024-0{n % 3 + 1}-01", "text": f"The {kind} report {n}."}
        for n, kind in enumerate(["first", "second"] * 4)
    ]
    outputs = []
    for seed in range(3):
        random.Random(seed).shuffle(records)
        feed = tmp_path / f"feed-{seed}" / "feed.jsonl"
        feed.parent.mkdir()
        feed.write_text("".join(json.dumps(record) + "\n" for record in records))
        out = tmp_path / f"out-{seed}"
        pipeline.build([feed], out, formats="json,csv,graphml,gexf,dyads", cache=False,
                       progress=False, runner=InProcessRunner(worker=NamingWorker()))  # fmt: skip
        outputs.append(snapshot(out))
    assert outputs[0] == outputs[1] == outputs[2]
    nodes = (tmp_path / "out-0" / "nodes.csv").read_text()
    assert "EBay" in nodes and "Ebay" not in nodes


class OddNameWorker:
    """A worker that names an actor with line and paragraph separators and a vertical tab."""

    NAME = "Alpha\u2028Beta\u2029Gamma\x0bDelta"

    def run(self, documents):
        odd = Entity("org:odd", self.NAME, EntityType.ORGANIZATION)
        ru = Entity("country:RUS", "Russia", EntityType.COUNTRY)
        results = [
            Extraction(
                d.id,
                d.date,
                (
                    pipeline.Relation(
                        odd,
                        "consult",
                        ru,
                        doc=d.id,
                        sentence=d.text,
                        start=0,
                        end=len(d.text),
                        date=d.date,
                    ),
                ),
            )  # fmt: skip
            for d in documents
        ]
        return results, RunStats(extracted=len(documents), parsed=len(documents))


def test_actor_names_with_separators_and_vertical_tabs_are_kept_whole(tmp_path):
    import csv

    import networkx as nx

    out = tmp_path / "out"
    runner = InProcessRunner(worker=OddNameWorker())
    pipeline.build([corpus(tmp_path / "in", 1)], out, formats="json,csv,graphml,gexf",
                   cache=False, progress=False, runner=runner)  # fmt: skip
    whole = "Alpha\u2028Beta\u2029Gamma Delta"
    labels = {n["id"]: n["label"] for n in json.loads((out / "graph.json").read_text())["nodes"]}
    assert labels["org:odd"] == whole
    with (out / "nodes.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2 and whole in [row["Label"] for row in rows]
    graphml = nx.read_graphml(out / "graph.graphml")
    assert whole in [attrs["label"] for _, attrs in graphml.nodes(data=True)]


def test_a_cache_another_build_holds_is_one_warning_and_is_never_emptied(tmp_path, monkeypatch):
    import sqlite3

    from graphbuild import cache as cache_module

    cache = tmp_path / "c.sqlite"
    inputs = corpus(tmp_path / "in")
    build([inputs], tmp_path / "out", cache=cache)
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT", 0.2)
    holder = sqlite3.connect(cache, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = build([inputs], tmp_path / "out", cache=cache)
    finally:
        holder.execute("COMMIT")
        holder.close()
    assert result.summary.documents == 3 and result.stats.cached == 0
    (warning,) = result.summary.problems
    assert "another build holds the cache" in warning.reason
    assert build([inputs], tmp_path / "out", cache=cache).stats.cached == 3  # kept whole


def test_a_read_only_output_folder_is_one_line_and_exit_3(tmp_path, monkeypatch):
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(tmp_path / "out"))

    monkeypatch.setattr(files.tempfile, "mkdtemp", read_only)
    monkeypatch.setattr(pipeline, "extract", _fake_extract(pipeline.extract))
    args = ["build", str(corpus(tmp_path / "in")), "-o", str(tmp_path / "out"), "--no-cache"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == EXIT_UNWRITTEN
    assert "cannot write the outputs" in result.output and "Read-only file system" in result.output
    assert "3 documents" in result.output  # the run went on and says what it did
    assert "Traceback" not in result.output


def test_a_document_that_fails_is_named_by_its_file_line_and_record_id(tmp_path):
    from graphbuild.config import WorkerSettings
    from graphbuild.engines import Worker
    from graphbuild.ingest import iter_documents

    class Boom:
        max_length = 10**6

        def pipe(self, texts, batch_size):
            raise RuntimeError("boom")

        def __call__(self, text):
            raise RuntimeError("boom")

    feed = tmp_path / "feed.jsonl"
    feed.write_text('\n{"id": "x", "text": "China met Russia."}\n')
    worker = Worker(WorkerSettings())
    worker._state = (Boom(), None, None)
    (problem,), _ = worker.run(list(iter_documents(feed)))
    assert (problem.source, problem.record) == (f"{feed.as_posix()}:2", "x")
    record = pipeline.problem_record(problem)
    assert (record["file"], record["line"], record["record"]) == (feed.as_posix(), 2, "x")
