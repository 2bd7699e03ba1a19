"""The pipeline's wiring: order, failures, cache use, workers, options.

Most tests run the in-process runner on a fake worker (the public `runner=` seam of
`extract` and `build`), so they need no model; those marked `model` run the real spaCy
pipeline (loaded once per session by `nlp.load_pipeline`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graphbuild import pipeline
from graphbuild.engines import InProcessRunner
from graphbuild.model import (
    Document,
    Entity,
    EntityType,
    Extraction,
    Problem,
    ProblemKind,
    Relation,
    RunStats,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


class FakeWorker:
    """Stands in for `engines.Worker`: 'extracts' one relation per document."""

    def __init__(self):
        self.runs: list[list[str]] = []

    def run(self, documents):
        self.runs.append([d.id for d in documents])
        results = []
        for document in documents:
            if "FAIL" in document.text:
                results.append(Problem(document.id, "extraction failed: boom", ProblemKind.FAILED))
                continue
            cn = Entity("country:CHN", "China", EntityType.COUNTRY)
            ru = Entity("country:RUS", "Russia", EntityType.COUNTRY)
            relation = Relation(
                cn,
                "consult",
                ru,
                doc=document.id,
                sentence=document.text,
                start=0,
                end=len(document.text),
                date=document.date,
            )
            results.append(Extraction(document.id, document.date, (relation,)))
        return results, RunStats(extracted=len(documents), parsed=len(documents))


class NoWorker:
    """A worker that must not be asked: every document should come from the cache."""

    def run(self, documents):
        raise AssertionError("nothing should need parsing")


@pytest.fixture
def fake_engine():
    return FakeWorker()


def fake(worker) -> InProcessRunner:
    return InProcessRunner(worker=worker)


def write_corpus(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        text = "This one will FAIL." if "fail" in name else f"China met Russia ({name})."
        (folder / f"{name}.txt").write_text(f"date 2024-05-0{len(name) % 9 + 1}\n\n{text}\n")
    return folder


def ids(run) -> list[str]:
    return [extraction.doc for extraction in run]


def test_results_come_in_input_order_and_failures_are_reported(tmp_path, fake_engine):
    corpus = write_corpus(tmp_path / "in", ["a", "b", "c-fail", "d", "e"])
    run = pipeline.extract(
        [corpus, tmp_path / "missing.txt"], progress=False, runner=fake(fake_engine)
    )
    assert ids(run) == ["a.txt", "b.txt", "d.txt", "e.txt"]
    assert run.summary.documents == 4
    assert run.summary.relations == 4
    reasons = {p.source: p.reason for p in run.summary.problems}
    assert reasons["c-fail.txt"] == "extraction failed: boom"
    assert "no such file" in reasons[(tmp_path / "missing.txt").as_posix()]
    assert run.summary.skipped == 2


def test_documents_are_parsed_in_batches(tmp_path, fake_engine):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(f'{{"id": "d{n}", "text": "China met Russia {n}."}}\n' for n in range(150))
    )
    run = pipeline.extract(corpus, progress=False, runner=fake(fake_engine))
    assert ids(run) == [f"d{n}" for n in range(150)]
    assert [len(batch) for batch in fake_engine.runs] == [64, 64, 22]


def test_second_run_parses_nothing_and_new_documents_only_themselves(tmp_path, fake_engine):
    corpus = write_corpus(tmp_path / "in", ["a", "b", "c"])
    cache = tmp_path / "cache.sqlite"
    first = pipeline.extract(corpus, cache=cache, progress=False, runner=fake(fake_engine))
    assert ids(first) == ["a.txt", "b.txt", "c.txt"]
    assert first.stats.cached == 0 and fake_engine.runs == [["a.txt", "b.txt", "c.txt"]]

    second = pipeline.extract(corpus, cache=cache, progress=False, runner=fake(NoWorker()))
    assert ids(second) == ["a.txt", "b.txt", "c.txt"]
    assert second.stats.cached == 3 and second.stats.parsed == 0

    write_corpus(corpus, ["aa", "zz"])
    third = pipeline.extract(corpus, cache=cache, progress=False, runner=fake(fake_engine))
    assert ids(third) == ["a.txt", "aa.txt", "b.txt", "c.txt", "zz.txt"]
    assert fake_engine.runs[-1] == ["aa.txt", "zz.txt"]
    assert third.stats.cached == 3


def test_cached_extractions_equal_fresh_ones(tmp_path, fake_engine):
    corpus = write_corpus(tmp_path / "in", ["a", "b"])
    cache = tmp_path / "cache.sqlite"
    fresh = list(pipeline.extract(corpus, cache=cache, progress=False, runner=fake(fake_engine)))
    again = list(pipeline.extract(corpus, cache=cache, progress=False, runner=fake(NoWorker())))
    assert fresh == again


def test_failed_documents_are_not_cached(tmp_path, fake_engine):
    corpus = write_corpus(tmp_path / "in", ["a-fail"])
    cache = tmp_path / "cache.sqlite"
    list(pipeline.extract(corpus, cache=cache, progress=False, runner=fake(fake_engine)))
    list(pipeline.extract(corpus, cache=cache, progress=False, runner=fake(fake_engine)))
    assert fake_engine.runs == [["a-fail.txt"], ["a-fail.txt"]]


def test_build_with_fake_engine_writes_and_summarises(tmp_path, fake_engine):
    corpus = write_corpus(tmp_path / "in", ["a", "b"])
    result = pipeline.build(
        corpus,
        tmp_path / "out",
        formats=["graphml", "json"],
        progress=False,
        runner=fake(fake_engine),
    )
    assert set(result.paths) == {"graphml", "json"}
    assert all(path.is_file() for path in result.paths.values())
    assert not list((tmp_path / "out").glob("*.sqlite"))  # the cache is the user's
    assert result.summary_line == "2 documents, 2 entities, 1 relation"
    assert result.graph_summary["central_actors"]


def test_build_country_level_and_filters(tmp_path, fake_engine):
    corpus = write_corpus(tmp_path / "in", ["a", "b"])
    result = pipeline.build(
        corpus,
        tmp_path / "out",
        formats="json",
        level="country",
        relations=["agree"],
        cache=False,
        progress=False,
        runner=fake(fake_engine),
    )
    assert result.graph.number_of_edges() == 0
    assert not list((tmp_path / "out").glob("*.sqlite"))


@pytest.mark.parametrize(
    "options",
    [
        {"formats": ["pdf"]},
        {"level": "galaxy"},
        {"since": "not a date"},
        {"relations": "meet"},
        {"types": ["city"]},
        {"min_count": 0},
        {"workers": 0},
    ],
)
def test_build_refuses_bad_options_before_reading(tmp_path, options):
    with pytest.raises(pipeline.UsageError):
        pipeline.build(EXAMPLES, tmp_path / "out", **options)
    assert not (tmp_path / "out").exists()


def test_a_cache_path_that_is_not_a_cache_is_refused_before_reading(tmp_path, fake_engine):
    corpus = tmp_path / "corpus.csv"
    corpus.write_text("id,text\n1,China met Russia.\n", encoding="utf-8")
    before = corpus.read_bytes()
    for cache in (corpus, tmp_path):
        with pytest.raises(pipeline.UsageError):
            pipeline.extract(corpus, cache=cache, progress=False, runner=fake(fake_engine))
        with pytest.raises(pipeline.UsageError):
            pipeline.build(corpus, tmp_path / "out", cache=cache, runner=fake(fake_engine))
    assert corpus.read_bytes() == before
    assert fake_engine.runs == [] and not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "error",
    [OSError(28, "No space left on device"), PermissionError(13, "Permission denied")],
)
def test_outputs_that_cannot_be_written_keep_the_old_set(
    tmp_path, fake_engine, monkeypatch, error
):
    import dataclasses

    from graphbuild.export import registry

    corpus = write_corpus(tmp_path / "in", ["a", "b"])
    out = tmp_path / "out"
    first = pipeline.build(corpus, out, formats=["graphml", "json"], cache=False,
                           progress=False, runner=fake(fake_engine))  # fmt: skip
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    write_corpus(corpus, ["c"])

    def full_disk(*args, **kwargs):  # graphml is written by then: the set must not mix
        raise error

    formats = registry.FORMATS
    monkeypatch.setitem(formats, "json", dataclasses.replace(formats["json"], write=full_disk))
    with pytest.raises(pipeline.OutputError, match=error.strerror) as failed:
        pipeline.build(corpus, out, formats=["graphml", "json"], cache=False,
                       progress=False, runner=fake(fake_engine))  # fmt: skip
    assert str(out) in str(failed.value)
    assert failed.value.result.summary.documents == 3  # the run itself went through
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before
    assert first.problems_path == out / "problems.jsonl"


def test_every_problem_is_written_to_problems_jsonl(tmp_path, fake_engine):
    import json

    corpus = write_corpus(tmp_path / "in", ["a", "b-fail"])
    missing = [tmp_path / f"missing-{n}.txt" for n in range(30)]
    result = pipeline.build([corpus, *missing], tmp_path / "out", formats="json",
                            cache=False, progress=False, runner=fake(fake_engine))  # fmt: skip
    lines = result.problems_path.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == len(result.summary.problems) == 31
    assert records[1] == {
        "file": missing[0].as_posix(),
        "line": None,
        "record": None,
        "kind": "unreadable",
        "message": "no such file or folder",
    }
    failed = [{k: r[k] for k in ("file", "line", "kind", "message")} for r in records]
    assert {"file": "b-fail.txt", "line": None, "kind": "failed",
            "message": "extraction failed: boom"} in failed  # fmt: skip


def test_a_clean_run_leaves_an_empty_problems_file(tmp_path, fake_engine):
    out = tmp_path / "out"
    (out).mkdir()
    (out / "problems.jsonl").write_text('{"file": "old"}\n')
    corpus = write_corpus(tmp_path / "in", ["a"])
    result = pipeline.build(corpus, out, formats="json", cache=False, progress=False,
                            runner=fake(fake_engine))  # fmt: skip
    assert result.problems_path.read_text() == ""


def test_a_cache_that_cannot_be_opened_is_one_warning(tmp_path, fake_engine, monkeypatch):
    import sqlite3

    from graphbuild import cache as cache_module

    def refuse(*args, **kwargs):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(cache_module.sqlite3, "connect", refuse)
    corpus = write_corpus(tmp_path / "in", ["a"])
    run = pipeline.extract(corpus, cache=tmp_path / "c.sqlite", progress=False,
                           runner=fake(fake_engine))  # fmt: skip
    assert ids(run) == ["a.txt"]
    [problem] = run.summary.problems
    assert problem.kind is ProblemKind.WARNING and "cannot open the cache" in problem.reason


# -- with the model --------------------------------------------------------------------------


@pytest.mark.model
def test_a_document_that_raises_is_skipped_and_reported(tmp_path, monkeypatch):
    from graphbuild.extract import Extractor

    corpus = tmp_path / "in"
    corpus.mkdir()
    for name in ("2023-08-brics-johannesburg-summit.txt", "2024-08-ankara-prisoner-exchange.txt"):
        shutil.copy(EXAMPLES / name, corpus / name)
    original = Extractor.extract

    def flaky(self, doc, document):
        if document.id.startswith("2023"):
            raise RuntimeError("synthetic failure")
        return original(self, doc, document)

    monkeypatch.setattr(Extractor, "extract", flaky)
    run = pipeline.extract(corpus, progress=False)
    assert ids(run) == ["2024-08-ankara-prisoner-exchange.txt"]
    [problem] = run.summary.problems
    assert problem.source == "2023-08-brics-johannesburg-summit.txt"
    assert "synthetic failure" in problem.reason


@pytest.mark.model
def test_cached_build_never_loads_the_model(tmp_path, monkeypatch):
    from graphbuild import nlp
    from graphbuild.cache import CACHE_DIR_ENV

    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "user-cache"))  # cold, of its own
    first = pipeline.build(EXAMPLES, tmp_path / "one", formats=["graphml"], progress=False)
    assert first.stats.parsed > 0

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(nlp, "load_pipeline", no_model)
    # another output folder: the cache is the user's, not the folder's
    second = pipeline.build(EXAMPLES, tmp_path / "two", formats=["graphml"], progress=False)
    assert second.stats.cached == first.summary.documents
    assert second.stats.parsed == 0
    assert second.paths["graphml"].read_bytes() == first.paths["graphml"].read_bytes()


@pytest.mark.model
@pytest.mark.slow
def test_two_workers_give_the_same_extractions_in_the_same_order():
    one = list(pipeline.extract(EXAMPLES, workers=1, progress=False))
    two = list(pipeline.extract(EXAMPLES, workers=2, progress=False))
    assert [e.doc for e in two] == [e.doc for e in one]
    assert two == one


@pytest.mark.model
def test_evaluate_scores_a_gold_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"id": "g1", "text": "Chinese Foreign Minister Wang Yi met Russian Foreign Minister '
        'Sergei Lavrov in Beijing.", "entities": [{"name": "Wang Yi", "type": "leader"}, '
        '{"name": "Sergei Lavrov", "type": "leader"}], "triples": [{"s": "Wang Yi", '
        '"r": "consult", "o": "Sergei Lavrov"}]}\n',
        encoding="utf-8",
    )
    report = pipeline.evaluate(gold)
    assert report.to_dict()["rel"]["recall"] == 1.0


def test_documents_helper_types():
    # keep the public helper record shape stable for `graphbuild extract`
    record = pipeline.relation_record(
        Relation(
            Entity("a", "A", EntityType.COUNTRY),
            "consult",
            Entity("b", "B", EntityType.LEADER, country="X"),
            doc="d",
            sentence="s",
            start=0,
            end=1,
        )
    )
    assert list(record) == [
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
        "role",
        "confidence",
    ]
    assert record["confidence"] == 1.0  # a relation made by hand
    assert record["object"] == {
        "id": "b",
        "name": "B",
        "type": "leader",
        "country": "X",
        "text": None,
    }
    assert isinstance(Document("d", "t"), Document)


def test_build_writes_dyads_by_default_with_its_period_and_the_title(tmp_path, fake_engine):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name, date in (("a", "2024-01-30"), ("b", "2024-02-01"), ("c", None)):
        first = f"date {date}\n" if date else ""
        (corpus / f"{name}.txt").write_text(first + f"China met Russia ({name}).", "utf-8")
    result = pipeline.build(
        corpus,
        tmp_path / "out",
        title="Talks <2024>",
        period="week",
        cache=False,
        progress=False,
        runner=fake(fake_engine),
    )
    assert set(result.paths) == {"html", "graphml", "dyads"}
    rows = result.paths["dyads"].read_text("utf-8-sig").splitlines()
    assert [row.split(",")[4:8] for row in rows[1:]] == [
        ["2024-W05", "verbal_cooperation", "2", "6"],  # 30 Jan and 1 Feb: one ISO week
        ["undated", "verbal_cooperation", "1", "3"],
    ]
    page = result.paths["html"].read_text("utf-8")
    assert "<title>Talks &lt;2024&gt;</title>" in page


def test_every_out_folder_reuses_the_one_user_cache(tmp_path, monkeypatch, fake_engine):
    from graphbuild.cache import CACHE_DIR_ENV

    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "user-cache"))
    corpus = write_corpus(tmp_path / "in", ["a", "b"])
    first = pipeline.build(
        corpus, tmp_path / "one", formats="json", progress=False, runner=fake(fake_engine)
    )
    again = pipeline.build(
        corpus, tmp_path / "two", formats="json", level="country", progress=False,
        runner=fake(NoWorker()),
    )  # fmt: skip
    assert (first.stats.cached, again.stats.cached) == (0, 2)
    assert len(list((tmp_path / "user-cache").glob("extractions-*.sqlite"))) == 1
    other = pipeline.build(
        corpus, tmp_path / "three", formats="json", use_filter=False, progress=False,
        runner=fake(fake_engine),
    )  # fmt: skip
    assert other.stats.cached == 0  # other options, their own file: neither empties the other
    assert len(list((tmp_path / "user-cache").glob("extractions-*.sqlite"))) == 2
    kept = pipeline.build(
        corpus, tmp_path / "four", formats="json", progress=False, runner=fake(NoWorker())
    )
    assert kept.stats.cached == 2
    off = pipeline.build(
        corpus, tmp_path / "five", formats="json", cache=False, progress=False,
        runner=fake(fake_engine),
    )  # fmt: skip
    assert off.stats.cached == 0
