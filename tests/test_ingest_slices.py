"""Slices of JSONL and CSV files: cut on the client, read by workers, exactly as ingest reads.

No model and no dask: `ingest.plan` cuts, `ingest.read_slice` reads, and the ids are made
unique in input order as the run loop makes them.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from graphbuild import ingest
from graphbuild.ingest import RecordSlice, WholeFile
from graphbuild.model import Document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BBC = Path(os.environ.get("GRAPHBUILD_BBC_CSV", ROOT.parent / "shared/bench/bbc_news.csv"))


def plan(paths, size, worker_reads=True):
    return list(
        ingest.plan(paths, slice_size=size, worker_reads=worker_reads, report=lambda _: None)
    )


@pytest.mark.parametrize("size", [1, 2, 3, 64])
def test_slices_read_exactly_what_ingest_reads(tmp_path: Path, size: int, corpus) -> None:
    corpus.write(tmp_path, corpus.TRICKY)
    paths = [tmp_path, tmp_path / "news.csv", tmp_path / "missing.txt", EXAMPLES]
    expected = corpus.ingest_read(paths)
    assert any("news.csv:" in p.source for p in expected[1])  # the inputs do have faults
    assert corpus.sliced_read(paths, size) == expected


@pytest.mark.parametrize("size", [1, 2, 3])
@pytest.mark.parametrize(
    "content",
    [
        'id,text\n1,first\n2,second\n3,"never closed\n4,fourth\n5,fifth\n',
        'id,"text\n1,first\n',
        'id,text\n1,first\n2,"open at the last line',
    ],
)
def test_slices_agree_on_a_quote_that_never_closes(tmp_path, size, content, corpus) -> None:
    corpus.write(tmp_path, {"news.csv": content})
    expected = corpus.ingest_read([tmp_path])
    assert any("never closes" in p.reason for p in expected[1])
    assert corpus.sliced_read([tmp_path], size) == expected


@pytest.mark.parametrize("size", [1, 2, 5])
def test_bbc_csv_slices_read_exactly_what_ingest_reads(size: int, corpus) -> None:
    if not BBC.exists():
        pytest.skip(f"{BBC} is missing")
    assert corpus.sliced_read([BBC], size * 100) == corpus.ingest_read([BBC])


def test_record_files_become_slices_and_faulty_ones_are_read_whole(tmp_path, corpus) -> None:
    corpus.write(tmp_path, corpus.TRICKY)
    partitions = plan([tmp_path], 3)
    kinds = {(type(p).__name__, Path(getattr(p, "path", "")).name) for p in partitions}
    assert ("RecordSlice", "news.csv") in kinds
    assert ("RecordSlice", "feed.jsonl") in kinds
    for name in ("notext.csv", "empty.jsonl", "binary.csv"):
        assert ("WholeFile", name) in kinds
    csv_slices = [p for p in partitions if isinstance(p, RecordSlice) and p.format == "csv"]
    assert all(p.header == ("id", "text", "date") for p in csv_slices if "news" in p.path)
    # The text files (a.txt, b/bad-date.txt; b/empty.txt has no document) are read on the
    # client, in their place before the record files that follow them.
    documents = [p for p in partitions if isinstance(p, Document)]
    assert [d.id for d in documents] == ["a.txt", "b/bad-date.txt"]
    assert isinstance(partitions[2], WholeFile)  # binary.csv


def test_without_worker_reads_the_client_reads_every_document(tmp_path, corpus) -> None:
    corpus.write(tmp_path, corpus.TRICKY)
    partitions = plan([tmp_path], 4, worker_reads=False)
    assert all(isinstance(p, Document) for p in partitions)
    # the same documents in the same order; ids are made unique later, by the run loop
    assert [p.text for p in partitions] == [d.text for d in corpus.ingest_read([tmp_path])[0]]


def test_slices_are_small_to_pickle(tmp_path: Path, corpus) -> None:
    # The client sends byte ranges, never record text, for files the workers can open.
    text = "id,text\n" + "".join(f'{i},"{"word " * 500}"\n' for i in range(50))
    corpus.write(tmp_path, {"big.csv": text})
    partitions = plan([tmp_path], 10)
    assert len(partitions) == 5
    assert all(len(pickle.dumps(p)) < 500 for p in partitions)
