"""The record rules on raw lines, as a worker reading a slice of a file applies them.

`test_ingest.py` reads whole files and folders through `iter_documents`; these tests call
the record readers directly, with lines that start anywhere in a file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.ingest.records import csv_documents, jsonl_documents, text_document
from graphbuild.model import Document, Problem, ProblemKind


def test_text_document_takes_the_date_line_off():
    problems: list[Problem] = []
    doc = text_document(
        b"date 2024-05-16\n\nModi met Putin.\n", "a.txt", "in/a.txt", problems.append
    )
    assert doc == Document("a.txt", "Modi met Putin.\n", "2024-05-16")
    assert problems == []


def test_text_document_reports_what_it_cannot_read():
    problems: list[Problem] = []
    assert text_document(b"caf\xe9", "a.txt", "in/a.txt", problems.append) is None
    assert problems[0].kind is ProblemKind.UNREADABLE
    assert "not valid UTF-8" in problems[0].reason


def test_jsonl_lines_numbered_from_anywhere():
    lines = [b'{"text": "Lula visited Pretoria."}\n', b"[1]\n", b'{"text": "x", "date": "soon"}\n']
    problems: list[Problem] = []
    documents = list(
        jsonl_documents(
            lines, name="feed.jsonl", source="in/feed.jsonl", report=problems.append, first_line=41
        )
    )
    assert [d.id for d in documents] == ["feed.jsonl:41", "feed.jsonl:43"]
    assert [(p.source, p.kind) for p in problems] == [
        ("in/feed.jsonl:42", ProblemKind.SKIPPED),
        ("in/feed.jsonl:43", ProblemKind.WARNING),  # the bad date: kept undated
    ]


def test_csv_rows_under_a_given_header():
    lines = [b'c1,"Macron met\n', b'Scholz.",2024-03-01\n', b"c2,too,many,fields\n"]
    problems: list[Problem] = []
    documents = list(
        csv_documents(
            lines,
            name="n.csv",
            source="in/n.csv",
            report=problems.append,
            header=("id", "text", "date"),
            first_line=10,
        )
    )
    assert documents == [Document("c1", "Macron met\nScholz.", "2024-03-01")]
    assert [(p.source, p.kind) for p in problems] == [("in/n.csv:12", ProblemKind.SKIPPED)]


SEED = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "seed_article.txt"


@pytest.mark.parametrize(
    ("raw", "date", "text"),
    [
        (b" date 2023-11-06 China met Russia.", "2023-11-06", "China met Russia."),
        (b"date: 2024-05-16T10:00Z Modi spoke.\n", "2024-05-16", "Modi spoke.\n"),
        (b"DATE 2024-05-16 \r\n\r\nModi spoke.", "2024-05-16", "Modi spoke."),
    ],
)
def test_a_leading_date_is_taken_with_or_without_a_line_break(raw, date, text):
    problems: list[Problem] = []
    assert text_document(raw, "a.txt", "a.txt", problems.append) == Document("a.txt", text, date)
    assert problems == []


@pytest.mark.skipif(not SEED.is_file(), reason="needs ../shared/eval")
def test_the_seed_article_is_dated():
    doc = text_document(SEED.read_bytes(), "seed", "seed", lambda p: None)
    assert doc is not None and doc.date == "2023-11-06"
    assert not doc.text.lstrip().lower().startswith("date")


@pytest.mark.parametrize(
    "first", ["date 10000-01-01", "Date: 6 Nov 2023", "date 2023-11-06China met Russia."]
)
def test_a_first_line_like_a_date_line_is_warned_about_and_kept(first):
    problems: list[Problem] = []
    raw = f"{first}\nChina met Russia.".encode()
    doc = text_document(raw, "a.txt", "a.txt", problems.append)
    assert doc is not None and doc.date is None and doc.text.startswith(first)
    assert [p.kind for p in problems] == [ProblemKind.WARNING]
    assert "looks like a date line" in problems[0].reason


def test_words_after_date_are_no_date_line():
    problems: list[Problem] = []
    doc = text_document(b"Date palms grow in 2024.", "a.txt", "a.txt", problems.append)
    assert doc is not None and doc.text == "Date palms grow in 2024." and problems == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_text_with_a_byte_order_mark_is_read(encoding):
    raw = ("\ufeff" if encoding == "utf-16-be" else "") + "date 2024-05-16\nModi met Putin."
    doc = text_document(raw.encode(encoding), "a.txt", "a.txt", lambda p: None)
    assert doc == Document("a.txt", "Modi met Putin.", "2024-05-16")


def test_record_problems_name_the_record_id():
    problems: list[Problem] = []
    lines = [b'{"id": "a-7", "text": ""}\n']
    assert list(jsonl_documents(lines, name="f", source="f", report=problems.append)) == []
    assert problems == [Problem("f:1", "empty text", ProblemKind.SKIPPED, record="a-7")]
