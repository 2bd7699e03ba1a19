"""Read articles from files, folders, JSONL, CSV or standard input as a stream of `Document`.

What is read
    ``.txt`` / ``.md``
        One article per file. An optional first line ``date YYYY-MM-DD`` (also
        ``date: YYYY-MM-DD`` or an ISO date-time such as ``date 2024-05-16T10:00:00Z``, in any
        case) gives the date; that line and the blank lines after it are not part of
        `Document.text`, so character offsets count from the first line of the body.
        Line endings are normalised to ``\\n``, as Python's text mode would.
    ``.jsonl``
        One JSON object per line: ``text`` is required; ``id``, ``date``, ``title`` and
        ``url`` are optional. Blank lines are skipped.
    ``.csv``
        A header row with a ``text`` column (header names match ignoring case and
        surrounding spaces); the same optional columns. Quoted fields may span lines and may
        be as long as a news article gets.
    ``-``
        Standard input, read as one text article (as a ``.txt`` file, date line included)
        with id ``<stdin>``.

Folders are walked recursively in sorted order of their relative paths. Inside a folder,
hidden files and folders (name starts with ``.``) and files with other suffixes are ignored
silently; a file named explicitly is read as text whatever its suffix. Everything is
decoded as UTF-8, with or without a byte-order mark. The text is kept exactly as written
(curly quotes included), since evidence sentences quote it.

Document ids
    A file inside a folder is named by its path relative to that folder (posix
    separators), a file given directly by its file name, so ``build examples/articles`` and
    ``build examples/articles/x.txt`` give the same id. A JSONL or CSV record uses its
    ``id`` field, else ``<name>:<line>``, where ``<line>`` is the line the record starts on
    (the header of a CSV file is line 1). When an id repeats within one call, the later
    documents get ``#2``, ``#3``, ... appended, in input order.

Dates
    ``YYYY-MM-DD``, ISO 8601 date-times (``2024-05-16T23:10:00+02:00``) and RFC 2822
    dates as RSS feeds write them (``Thu, 16 May 2024 10:00:00 GMT``) are accepted and
    reduced to the calendar date as written, without converting time zones.

Problems
    Every input that cannot be read becomes a `Problem` whose `source` is the path as
    given (plus ``:<line>`` for a record) and whose `reason` is one line; the rest is still
    read. A record or file whose only fault is a bad ``date`` (or ``id``, ``title``,
    ``url``) is kept without that field, and a `Problem` says so; everything else named in
    a `Problem` is skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime
from pathlib import Path

from .model import Document, Problem

__all__ = [
    "BOM",
    "STDIN",
    "STDIN_ID",
    "SUFFIXES",
    "InputFile",
    "LineDecoder",
    "count_documents",
    "csv_documents",
    "csv_row_document",
    "input_files",
    "is_binary",
    "iter_documents",
    "jsonl_documents",
    "normalize_date",
    "raise_csv_field_limit",
    "read_input",
    "unique_id",
]

log = logging.getLogger(__name__)

PathArg = str | os.PathLike[str]
"""One input: a file, a folder, or ``-`` for standard input."""

STDIN = "-"
"""The path argument that stands for standard input."""
STDIN_ID = "<stdin>"
"""Document id (and problem source) of the article read from standard input."""

TEXT_SUFFIXES = frozenset({".txt", ".md"})
JSONL_SUFFIX = ".jsonl"
CSV_SUFFIX = ".csv"
SUFFIXES = TEXT_SUFFIXES | {JSONL_SUFFIX, CSV_SUFFIX}
"""Suffixes read from inside folders (compared ignoring case)."""

OPTIONAL_FIELDS = ("id", "date", "title", "url")

BOM = b"\xef\xbb\xbf"
"""The UTF-8 byte-order mark, allowed at the start of a file."""
_BINARY_PROBE = 8192
# A news article is far below this, but csv's default (128 KiB) is not.
_CSV_FIELD_LIMIT = 2**31 - 1

_ISO = (
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?"
    r"(?:\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?"
)
_ISO_DATE = re.compile(_ISO, re.IGNORECASE)
_DATE_LINE = re.compile(rf"[ \t]*date[ \t]*:?[ \t]*(?P<value>{_ISO})[ \t]*", re.IGNORECASE)
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")


def normalize_date(value: str) -> str:
    """Reduce a date or date-time string to ``YYYY-MM-DD``.

    Accepts ISO 8601 dates and date-times and RFC 2822 dates. The calendar date is taken as
    written; time zones are not converted.

    Parameters
    ----------
    value
        The date as the input carries it.

    Returns
    -------
    str
        The date as ``YYYY-MM-DD``.

    Raises
    ------
    ValueError
        When `value` is not a date in one of those shapes, or not a real calendar day.

    Examples
    --------
    >>> normalize_date("2024-05-16T23:10:00+02:00")
    '2024-05-16'
    >>> normalize_date("Thu, 16 May 2024 10:00:00 GMT")
    '2024-05-16'
    >>> normalize_date("2024-02-30")
    Traceback (most recent call last):
    ...
    ValueError: not a date: '2024-02-30'
    """
    text = value.strip()
    match = _ISO_DATE.fullmatch(text)
    try:
        if match:
            year, month, day = (int(part) for part in match.groups())
            return dt.date(year, month, day).isoformat()
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"not a date: {value!r}") from None


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
            total += sum(_count_file(path / rel) for rel in _walk(path))
        elif path.exists():
            total += _count_file(path)
    return total


# -- inputs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class InputFile:
    """One file to read, as the inputs name it."""

    path: Path
    name: str
    """The base of document ids: path relative to the folder given, or the file name."""
    source: str
    """The path as the user would recognise it, for problems."""


Report = Callable[[Problem], None]


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
            yield None
            continue
        path = Path(given)
        if path.is_dir():
            files = _walk(path)
            if not files:
                suffixes = ", ".join(sorted(SUFFIXES))
                report(Problem(path.as_posix(), f"folder holds no files ending in {suffixes}"))
            for rel in files:
                yield InputFile(path / rel, rel, (path / rel).as_posix())
        elif path.exists():
            yield InputFile(path, path.name, path.as_posix())
        else:
            report(Problem(path.as_posix(), "no such file or folder"))


def read_input(item: InputFile | None, report: Report) -> Iterator[Document]:
    """The documents of one input of `input_files` (ids not yet made unique): a text,
    JSONL or CSV file by its suffix, or standard input for None."""
    if item is None:
        yield from _read_stdin(report)
    else:
        yield from _read_file(item, report)


def _walk(folder: Path) -> list[str]:
    """Relative posix paths of the readable files under `folder`, sorted."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or Path(name).suffix.lower() not in SUFFIXES:
                continue
            found.append((Path(root) / name).relative_to(folder).as_posix())
    return sorted(found)


def _read_file(item: InputFile, report: Report) -> Iterator[Document]:
    suffix = item.path.suffix.lower()
    try:
        if suffix == JSONL_SUFFIX:
            yield from _read_jsonl(item, report)
        elif suffix == CSV_SUFFIX:
            yield from _read_csv(item, report)
        else:
            doc = _text_document(item.path.read_bytes(), item.name, item.source, report)
            if doc is not None:
                yield doc
    except OSError as error:
        report(Problem(item.source, f"cannot read: {error.strerror or error}"))


def _read_stdin(report: Report) -> Iterator[Document]:
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None)
    raw = buffer.read() if buffer is not None else stream.read().encode("utf-8")
    doc = _text_document(raw, STDIN_ID, STDIN_ID, report)
    if doc is not None:
        yield doc


# -- text ---------------------------------------------------------------------------------


def _text_document(raw: bytes, doc_id: str, source: str, report: Report) -> Document | None:
    if not raw.strip():
        report(Problem(source, "empty file"))
        return None
    if b"\0" in raw:
        report(Problem(source, "binary file (contains NUL bytes); expected UTF-8 text"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        report(Problem(source, _utf8_reason(error)))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    date = None
    first, newline, rest = text.partition("\n")
    match = _DATE_LINE.fullmatch(first)
    if match:
        text = _LEADING_BLANK_LINES.sub("", rest)
        try:
            date = normalize_date(match["value"])
        except ValueError:
            report(
                Problem(source, f"date line {first.strip()!r} is not a real date; kept undated")
            )
    if not text.strip():
        report(Problem(source, "empty text"))
        return None
    return Document(id=doc_id, text=text, date=date)


def _utf8_reason(error: UnicodeDecodeError) -> str:
    return f"not valid UTF-8 (byte 0x{error.object[error.start]:02x} at offset {error.start})"


# -- records (JSONL, CSV) -----------------------------------------------------------------


def _record_document(
    fields: dict[str, object], default_id: str, source: str, report: Report
) -> Document | None:
    """A `Document` from one record's fields, or None (and a problem) when it has no text."""
    text = fields.get("text")
    if text is None:
        report(Problem(source, "no 'text' field"))
        return None
    if not isinstance(text, str):
        report(Problem(source, f"'text' is {_json_kind(text)}, not a string"))
        return None
    if not text.strip():
        report(Problem(source, "empty text"))
        return None

    doc_id = default_id
    raw_id = fields.get("id")
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        doc_id = str(raw_id)
    elif isinstance(raw_id, str) and raw_id.strip():
        doc_id = raw_id.strip()
    elif raw_id not in (None, ""):
        report(Problem(source, f"'id' is {_json_kind(raw_id)}; using {default_id!r}"))

    date = None
    raw_date = fields.get("date")
    if isinstance(raw_date, str) and raw_date.strip():
        try:
            date = normalize_date(raw_date)
        except ValueError:
            report(Problem(source, f"date {raw_date!r} is not a date; kept undated"))
    elif raw_date not in (None, ""):
        report(Problem(source, f"'date' is {_json_kind(raw_date)}, not a string; kept undated"))

    return Document(
        id=doc_id,
        text=text,
        date=date,
        title=_optional_string(fields, "title", source, report),
        url=_optional_string(fields, "url", source, report),
    )


def _optional_string(
    fields: dict[str, object], key: str, source: str, report: Report
) -> str | None:
    value = fields.get(key)
    if isinstance(value, str):
        return value.strip() or None
    if value is not None:
        report(Problem(source, f"{key!r} is {_json_kind(value)}, not a string; ignored"))
    return None


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    if value is None:
        return "null"
    return f"a {type(value).__name__}"


def is_binary(path: Path) -> bool:
    """Whether the file starts with NUL bytes in its first 8 KiB: not text."""
    with path.open("rb") as handle:
        return b"\0" in handle.read(_BINARY_PROBE)


def _read_jsonl(item: InputFile, report: Report) -> Iterator[Document]:
    if is_binary(item.path):
        report(Problem(item.source, "binary file (contains NUL bytes); expected UTF-8 JSONL"))
        return
    with item.path.open("rb") as handle:
        records = _NonBlankLines(handle)
        yield from jsonl_documents(records, name=item.name, source=item.source, report=report)
    if records.count == 0:
        report(Problem(item.source, "empty file"))


class _NonBlankLines:
    """Passes lines through, counting those with more than blanks (and a byte-order mark)."""

    def __init__(self, lines: Iterable[bytes]) -> None:
        self._lines = lines
        self.count = 0

    def __iter__(self) -> Iterator[bytes]:
        for raw in self._lines:
            if raw.strip().removeprefix(BOM).strip():
                self.count += 1
            yield raw


def jsonl_documents(
    lines: Iterable[bytes],
    *,
    name: str,
    source: str,
    report: Report,
    first_line: int = 1,
) -> Iterator[Document]:
    """The documents of JSONL `lines` (raw bytes, numbered from `first_line`), one a line;
    blank lines are skipped and every bad line is reported as ``<source>:<line>``.

    Line 1 may start with a byte-order mark. Used for whole files here and for slices of
    a file by the Dask engine.
    """
    for number, raw in enumerate(lines, start=first_line):
        if number == 1 and raw.startswith(BOM):
            raw = raw[len(BOM) :]
        if not raw.strip():
            continue
        where = f"{source}:{number}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            report(Problem(where, _utf8_reason(error)))
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            report(Problem(where, f"not valid JSON: {error.msg} (column {error.colno})"))
            continue
        if not isinstance(record, dict):
            report(Problem(where, f"expected a JSON object, got {_json_kind(record)}"))
            continue
        doc = _record_document(record, f"{name}:{number}", where, report)
        if doc is not None:
            yield doc


class LineDecoder:
    """Feeds csv decoded lines one at a time, noting which were not clean UTF-8.

    `first_line` is the number of the first line given: only line 1 may start with a
    byte-order mark."""

    def __init__(self, handle: Iterable[bytes], first_line: int = 1) -> None:
        self._handle = handle
        self._first_line = first_line
        self.fault: str | None = None
        """Why a line read since the last `take_fault` was unusable, if one was."""

    def __iter__(self) -> Iterator[str]:
        for number, raw in enumerate(self._handle, start=self._first_line):
            if number == 1 and raw.startswith(BOM):
                raw = raw[len(BOM) :]
            if b"\0" in raw and self.fault is None:
                self.fault = "contains NUL bytes"
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as error:
                if self.fault is None:
                    self.fault = _utf8_reason(error).replace("offset", "line offset")
                # Keep the record boundaries intact; the record itself is dropped.
                yield raw.decode("utf-8", errors="replace")

    def take_fault(self) -> str | None:
        fault, self.fault = self.fault, None
        return fault


def raise_csv_field_limit() -> None:
    """Let csv read fields as long as a news article gets (its default is 128 KiB)."""
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)


def csv_row_document(
    header: list[str],
    row: list[str],
    fault: str | None,
    *,
    name: str,
    source: str,
    report: Report,
) -> Document | None:
    """One CSV data row as a Document, or None with the reason reported.

    `fault` is a decoding problem of the row's bytes (from `LineDecoder`); `name` is the
    default document id and `source` the file and line named in problems. Shared by the
    whole-file reader here and the Dask engine's partition reader.
    """
    if fault:
        report(Problem(source, fault))
        return None
    if len(row) != len(header):
        fields_found = f"{len(row)} field" + ("" if len(row) == 1 else "s")
        report(Problem(source, f"{fields_found}, but the header has {len(header)}"))
        return None
    fields: dict[str, object] = {}
    for column, value in zip(header, row, strict=True):
        fields.setdefault(column, value)
    return _record_document(fields, name, source, report)


def _read_csv(item: InputFile, report: Report) -> Iterator[Document]:
    if is_binary(item.path):
        report(Problem(item.source, "binary file (contains NUL bytes); expected UTF-8 CSV"))
        return
    with item.path.open("rb") as handle:
        yield from csv_documents(handle, name=item.name, source=item.source, report=report)


def csv_documents(
    lines: Iterable[bytes],
    *,
    name: str,
    source: str,
    report: Report,
    header: Sequence[str] | None = None,
    first_line: int = 1,
) -> Iterator[Document]:
    """The documents of CSV `lines` (raw bytes, numbered from `first_line`), one a record.

    Without `header`, the first non-blank row is the header (names lower-cased and
    stripped); a header with a fault or without a ``text`` column, or no header at all, is
    reported and ends the reading. With `header` (a slice of a file, as the Dask engine
    reads it), every row is a record. Every bad record is reported as ``<source>:<line>``,
    the line it starts on.
    """
    raise_csv_field_limit()
    decoder = LineDecoder(lines, first_line)
    reader = csv.reader(decoder)
    names = list(header) if header is not None else None
    last_line = 0
    while True:
        start = first_line + last_line
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            last_line = reader.line_num
            decoder.take_fault()
            report(Problem(f"{source}:{start}", f"malformed CSV: {error}"))
            continue
        last_line = reader.line_num
        fault = decoder.take_fault()
        if not any(row):  # a blank line, or a row of empty cells
            continue
        if names is None:
            if fault:
                report(Problem(source, f"header row {fault}"))
                return
            names = [column.strip().lower() for column in row]
            if "text" not in names:
                columns = ", ".join(repr(column) for column in row)
                report(Problem(source, f"no 'text' column (columns: {columns})"))
                return
            continue
        doc = csv_row_document(
            names,
            row,
            fault,
            name=f"{name}:{start}",
            source=f"{source}:{start}",
            report=report,
        )
        if doc is not None:
            yield doc
    if names is None:
        report(Problem(source, "empty file"))


# -- counting -----------------------------------------------------------------------------


def _count_file(path: Path) -> int:
    suffix = path.suffix.lower()
    try:
        if suffix == JSONL_SUFFIX:
            with path.open("rb") as handle:
                return sum(1 for raw in handle if raw.strip())
        if suffix == CSV_SUFFIX:
            raise_csv_field_limit()
            with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
                rows = 0
                reader = csv.reader(handle)
                while True:
                    try:
                        row = next(reader)
                    except StopIteration:
                        break
                    except csv.Error:
                        rows += 1
                        continue
                    if any(row):
                        rows += 1
                return max(rows - 1, 0)  # the header
    except OSError:
        return 0
    return 1
