"""Corpora with every fault the readers report, and the two ways of reading them.

Loaded by the `corpus` fixture of conftest.py (tests/ is not on sys.path).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from graphbuild import ingest
from graphbuild.model import Document, Problem


def write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")


def jsonl(*records: object) -> str:
    return "".join(
        (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records
    )


# Inputs with every record-level fault ingest reports, split across partitions.
TRICKY = {
    "a.txt": "date 2024-05-16\n\nWang Yi met Sergei Lavrov in Beijing.\n",
    "b/bad-date.txt": "date 2024-02-30\nModi met Putin.\n",
    "b/empty.txt": "  \n",
    "feed.jsonl": "\ufeff"
    + jsonl(
        {"id": "x", "text": "Lula visited Pretoria.", "date": "2024-01-02"},
        "",
        "not json",
        [1, 2],
        {"text": 5},
        {"id": "x", "text": "Lula visited Pretoria again."},
        {"text": "Ramaphosa met Zelensky.", "date": "Thu, 16 May 2024 10:00:00 GMT"},
        {"text": "No date here.", "date": "soon"},
    ).replace("\n\n", "\n  \n"),
    "bytes.jsonl": b'{"text": "caf\xe9"}\n{"text": "fine"}\n',
    "news.csv": "\ufeffID, Text ,date\n"
    'c1,"Macron met Scholz\nin Berlin, and ""agreed"".",2024-03-01\n'
    "\n"
    "c2,Short one.,\n"
    "c3,too,many,fields\n"
    ",,\n"
    'x,"A record whose id repeats one from feed.jsonl.",2024-03-02\n'
    'c4,"Multi\n\nline\n\ntext",bad-date\n'
    "c5,Last.,2024-03-03",
    "latin.csv": b"id,text\n1,fine\n2,caf\xe9\n3,also fine\n",
    "notext.csv": "id,body\n1,hello\n",
    "empty.jsonl": "\n\n",
    "binary.csv": b"id,text\n\x00\x01",
    "header-only.csv": "id,text\n",
}


def sliced_read(paths: Iterable[object], size: int) -> tuple[list[Document], list[Problem]]:
    """What workers read from slices, in the order and with the ids the run loop gives."""
    problems: list[Problem] = []
    cut: list[Problem] = []
    documents: list[Document] = []
    seen: set[str] = set()
    for piece in ingest.plan(paths, slice_size=size, worker_reads=True, report=cut.append):
        problems += cut
        cut.clear()
        items = [piece] if isinstance(piece, Document) else ingest.read_slice(piece)
        for item in items:
            if isinstance(item, Problem):
                problems.append(item)
                continue
            unique = ingest.unique_id(item.id, seen)
            seen.add(unique)
            documents.append(replace(item, id=unique))
    return documents, problems + cut


def ingest_read(paths: Iterable[object]) -> tuple[list[Document], list[Problem]]:
    problems: list[Problem] = []
    return list(ingest.iter_documents(paths, problems=problems)), problems
