"""The record rules on raw lines, as a worker reading a slice of a file applies them.

`test_ingest.py` reads whole files and folders through `iter_documents`; these tests call
the record readers directly, with lines that start anywhere in a file.
"""

from __future__ import annotations

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
