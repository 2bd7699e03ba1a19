"""Files, folders and standard input -> the stream of `Document`s, with unique ids.

Folders are walked recursively in sorted order of their relative paths, skipping hidden
entries and other suffixes; symlinked folders are followed, each folder read once (a link
loop is reported and cut); a folder that cannot be listed is reported. Each file is read by
the record rules of `ingest.records`.
"""

from __future__ import annotations

import csv
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..model import Document, Problem, ProblemKind
from .records import (
    BOM,
    SUFFIXES,
    InputFile,
    Report,
    count_records,
    csv_documents,
    jsonl_documents,
    read_file,
    text_document,
    valid_unicode,
)

__all__ = [
    "STDIN",
    "STDIN_FORMATS",
    "STDIN_ID",
    "PathArg",
    "StandardInput",
    "count_documents",
    "input_files",
    "one_line",
    "iter_documents",
    "read_input",
    "sniff_format",
    "unique_id",
]

log = logging.getLogger("graphbuild.ingest")

UNREADABLE = ProblemKind.UNREADABLE

PathArg = str | os.PathLike[str]
"""One input: a file, a folder, or ``-`` for standard input."""

STDIN = "-"
"""The path argument that stands for standard input."""

STDIN_ID = "<stdin>"
"""Document id (and problem source) of the article read from standard input."""

STDIN_FORMATS = ("auto", "txt", "jsonl", "csv")
"""How standard input is read: ``auto`` (the default) sniffs it (`sniff_format`); the
others read it as a ``.txt``, ``.jsonl`` or ``.csv`` file."""


@dataclass(frozen=True)
class StandardInput(os.PathLike):
    """Standard input as a path argument (``-``), read in a given format (`STDIN_FORMATS`).

    A bare ``-`` is the same as ``StandardInput("auto")``.
    """

    format: str = "auto"

    def __post_init__(self) -> None:
        if self.format not in STDIN_FORMATS:
            choices = ", ".join(STDIN_FORMATS)
            raise ValueError(f"unknown stdin format {self.format!r}; choose from: {choices}")

    def __fspath__(self) -> str:
        return STDIN


def iter_documents(
    paths: PathArg | Iterable[PathArg],
    *,
    problems: list[Problem] | None = None,
) -> Iterator[Document]:
    """Stream the documents found in `paths`, reporting what cannot be read.

    Files are read one at a time and JSONL and CSV files one record at a time, so memory
    stays flat however large the corpus (apart from the set of ids already given out).

    Parameters
    ----------
    paths
        Files, folders, or ``-`` for standard input, in the order to read them. A single
        path is accepted too.
    problems
        A list that each `Problem` is appended to as soon as it is met, so a caller sees
        problems interleaved with documents. When None, problems are logged as warnings on
        the ``graphbuild.ingest`` logger instead.

    Yields
    ------
    Document
        One per article, with a unique `id` (see the module docstring for ids and dates).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "talks.txt").write_text(
    ...     "date 2024-05-16\\n\\nWang Yi met Sergei Lavrov in Beijing.\\n", encoding="utf-8"
    ... )
    >>> _ = (folder / "feed.jsonl").write_text('{"text": "Lula visited Pretoria."}\\n[1]\\n')
    >>> problems = []
    >>> for doc in iter_documents([folder], problems=problems):
    ...     print(doc.id, doc.date, repr(doc.text))
    feed.jsonl:1 None 'Lula visited Pretoria.'
    talks.txt 2024-05-16 'Wang Yi met Sergei Lavrov in Beijing.\\n'
    >>> [p.reason for p in problems]
    ['expected a JSON object, got an array']
    """
    report = _reporter(problems)
    seen: set[str] = set()
    for doc in _iter_inputs(_as_list(paths), report):
        unique = unique_id(doc.id, seen)
        seen.add(unique)
        yield doc if unique == doc.id else replace(doc, id=unique)


def count_documents(paths: PathArg | Iterable[PathArg]) -> int:
    """Count the documents `paths` hold, cheaply, e.g. for the total of a progress bar.

    Text files count one each, JSONL files their non-blank lines, CSV files their non-blank
    records after the header; standard input counts one and a missing path none. Nothing
    is parsed beyond that, so the count is an upper bound: records that `iter_documents`
    rejects are counted too.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Modi met Putin.")
    >>> _ = (folder / "b.csv").write_text('id,text\\n1,"Macron, in Paris."\\n2,More.\\n')
    >>> count_documents([folder, "-"])
    4
    """
    total = 0
    for arg in _as_list(paths):
        if os.fspath(arg) == STDIN:
            total += 1
            continue
        path = Path(arg)
        if path.is_dir():
            total += sum(count_records(path / rel) for rel in _walk(path, lambda _: None))
        elif path.exists():
            total += count_records(path)
    return total


def _reporter(problems: list[Problem] | None) -> Report:
    if problems is not None:
        return problems.append

    def warn(problem: Problem) -> None:
        log.warning("%s: %s", problem.source, problem.reason)

    return warn


def _as_list(paths: PathArg | Iterable[PathArg]) -> list[PathArg]:
    # A bare string is iterable too; reading it character by character is never meant.
    if isinstance(paths, (str, os.PathLike)):
        return [paths]
    return list(paths)


def unique_id(doc_id: str, seen: set[str]) -> str:
    """`doc_id`, or with ``#2``, ``#3``, ... appended when `seen` already holds it."""
    if doc_id not in seen:
        return doc_id
    n = 2
    while f"{doc_id}#{n}" in seen:
        n += 1
    return f"{doc_id}#{n}"


def _iter_inputs(paths: list[PathArg], report: Report) -> Iterator[Document]:
    for item in input_files(paths, report):
        yield from read_input(item, report)


def input_files(paths: PathArg | Iterable[PathArg], report: Report) -> Iterator[InputFile | None]:
    """The files `paths` name, in the order `iter_documents` reads them; None stands for
    standard input. A folder without readable files and a missing path are reported."""
    for arg in _as_list(paths):
        given = os.fspath(arg)
        if given == STDIN:
            fmt = arg.format if isinstance(arg, StandardInput) else "auto"
            yield None if fmt == "auto" else InputFile(Path(STDIN), STDIN_ID, STDIN_ID, fmt)
            continue
        path = Path(given)
        if path.is_dir():
            met: list[Problem] = []
            files = _walk(path, met.append)
            for problem in met:
                report(problem)
            if not files and not met:
                suffixes = ", ".join(sorted(SUFFIXES))
                report(
                    Problem(
                        path.as_posix(), f"folder holds no files ending in {suffixes}", UNREADABLE
                    )
                )
            for rel in files:
                yield InputFile(path / rel, shown_path(rel), shown_path((path / rel).as_posix()))
        elif path.exists():
            yield InputFile(path, shown_path(path.name), shown_path(path.as_posix()))
        else:
            report(Problem(shown_path(path.as_posix()), "no such file or folder", UNREADABLE))


def shown_path(name: str) -> str:
    """A path as text any output can hold: a byte of a file name that is not UTF-8 (kept
    by Python as a lone surrogate) is written ``\\xNN``, and a character that is not
    printable (a newline) as its escape (`one_line`), so ids stay distinct and one line.

    Examples
    --------
    >>> shown_path(os.fsdecode(b"caf\\xe9.txt")), shown_path("café.txt")
    ('caf\\\\xe9.txt', 'café.txt')
    """
    if name.isprintable():
        return name
    try:
        text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate no file name decodes to
        text = valid_unicode(name)
    return one_line(text)


def one_line(text: str) -> str:
    """`text` with each character that is not printable (a newline, a tab, U+2028) written
    as its Python escape, so a name or message stays on one line of a problem list.

    Examples
    --------
    >>> one_line("bad" + chr(10) + "name.txt")
    'bad\\\\nname.txt'
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def read_input(item: InputFile | None, report: Report) -> Iterator[Document]:
    """The documents of one input of `input_files` (ids not yet made unique): a text,
    JSONL or CSV file by its suffix, or standard input for None."""
    if item is None:
        yield from _read_stdin(report, "auto")
    elif item.stdin_format is not None:
        yield from _read_stdin(report, item.stdin_format)
    else:
        yield from read_file(item, report)


def _walk(folder: Path, report: Report) -> list[str]:
    """Relative posix paths of the readable files under `folder`, sorted.

    Symlinked folders are followed. A folder that cannot be listed is reported
    (unreadable); one reached a second time (a link back up the tree, or a second way to
    a folder read already) is reported and read only once, so a loop ends.
    """
    found: list[str] = []
    top = folder.stat()
    seen = {(top.st_dev, top.st_ino)}

    def unreadable(error: OSError) -> None:
        where = shown_path(Path(error.filename or folder).as_posix())
        report(Problem(where, f"cannot read folder: {error.strerror or error}", UNREADABLE))

    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=True):
        dirs[:] = _new_folders(Path(root), dirs, seen, report)
        for name in files:
            if name.startswith(".") or Path(name).suffix.lower() not in SUFFIXES:
                continue
            found.append((Path(root) / name).relative_to(folder).as_posix())
    return sorted(found)


def _new_folders(root: Path, names: list[str], seen: set[tuple[int, int]], report: Report):
    """The subfolders of `root` to walk: not hidden, and not reached before (real folders
    are taken before links, so a link to a sibling is the one left out)."""
    paths = [root / name for name in names if not name.startswith(".")]
    kept = []
    for path in sorted(paths, key=lambda p: (p.is_symlink(), p.name)):
        try:
            status = path.stat()
        except OSError as error:
            where = shown_path(path.as_posix())
            report(Problem(where, f"cannot read folder: {error.strerror}", UNREADABLE))
            continue
        key = (status.st_dev, status.st_ino)
        if key in seen:
            again = shown_path(os.path.realpath(path))
            reason = f"links to a folder read already ({again}); not read twice"
            report(Problem(shown_path(path.as_posix()), reason, ProblemKind.WARNING))
            continue
        seen.add(key)
        kept.append(path.name)
    return kept


def _read_stdin(report: Report, fmt: str) -> Iterator[Document]:
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None)
    raw = buffer.read() if buffer is not None else stream.read().encode("utf-8")
    if fmt == "auto":
        fmt = sniff_format(raw)
    if fmt == "jsonl":
        yield from jsonl_documents(
            raw.splitlines(keepends=True), name=STDIN_ID, source=STDIN_ID, report=report
        )
    elif fmt == "csv":
        yield from csv_documents(
            raw.splitlines(keepends=True), name=STDIN_ID, source=STDIN_ID, report=report
        )
    else:
        doc = text_document(raw, STDIN_ID, STDIN_ID, report)
        if doc is not None:
            yield doc


def sniff_format(raw: bytes) -> str:
    """``jsonl``, ``csv`` or ``txt``: what the bytes of standard input look like.

    JSONL when the first line that is not blank is a JSON object (``{...}``); CSV when it
    is a header of two or more columns, one of them ``text``; else one text article.

    Examples
    --------
    >>> sniff_format(b'{"text": "Modi met Putin."}\\n')
    'jsonl'
    >>> sniff_format(b"id,Text\\n1,Modi met Putin.\\n")
    'csv'
    >>> sniff_format(b"date 2024-05-16\\nModi met Putin, text and all.\\n")
    'txt'
    """
    for line in raw.removeprefix(BOM).splitlines():
        first = line.decode("utf-8", "replace").strip()
        if not first:
            continue
        if first.startswith("{") and first.endswith("}"):
            return "jsonl"
        header = next(csv.reader([first]), [])
        if len(header) > 1 and "text" in (name.strip().lower() for name in header):
            return "csv"
        return "txt"
    return "txt"
