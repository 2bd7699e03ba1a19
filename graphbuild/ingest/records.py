"""The record rules: one file, or one JSONL line or CSV row, -> a `Document` or a `Problem`.

``.txt`` / ``.md`` files are one article each, with an optional first line ``date ...``;
``.jsonl`` files one JSON object a line; ``.csv`` files one row a record under a header with a
``text`` column. `graphbuild.ingest` states the rules in full. The JSONL and CSV readers
take raw lines numbered from any line, so a worker reading a byte range of a file
(`ingest.slices`) applies exactly the rules a whole-file read does.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import Document, Problem, ProblemKind
from .dates import ISO_PATTERN, normalize_date

__all__ = [
    "BOM",
    "CSV_SUFFIX",
    "JSONL_SUFFIX",
    "SUFFIXES",
    "TEXT_SUFFIXES",
    "InputFile",
    "LineDecoder",
    "Report",
    "count_records",
    "csv_documents",
    "csv_row_document",
    "binary_reason",
    "is_binary",
    "jsonl_documents",
    "raise_csv_field_limit",
    "read_file",
    "runs_to_end",
    "text_document",
    "valid_unicode",
]

UNREADABLE, SKIPPED, WARNING = ProblemKind.UNREADABLE, ProblemKind.SKIPPED, ProblemKind.WARNING

Report = Callable[[Problem], None]
"""Where a reader sends each problem as it meets it."""

TEXT_SUFFIXES = frozenset({".txt", ".md"})

JSONL_SUFFIX = ".jsonl"

CSV_SUFFIX = ".csv"

SUFFIXES = TEXT_SUFFIXES | {JSONL_SUFFIX, CSV_SUFFIX}
"""Suffixes read from inside folders (compared ignoring case)."""

BOM = b"\xef\xbb\xbf"
"""The UTF-8 byte-order mark, allowed at the start of a file."""

_BINARY_PROBE = 8192


# A news article is far below this, but csv's default (128 KiB) is not.
_CSV_FIELD_LIMIT = 2**31 - 1

_LEADING_DATE = re.compile(
    rf"[ \t]*date[ \t]*:?[ \t]*(?P<value>{ISO_PATTERN})(?:[ \t]*\Z|[ \t]+)", re.IGNORECASE
)
"""A leading ``date YYYY-MM-DD``: the whole first line, or followed by the text after a space
(``date 2023-11-06 China's commitment ...``, as articles pasted from a page come)."""

_LOOKS_LIKE_DATE = re.compile(r"[ \t]*date\b[ \t]*:?[ \t]*\S*\d", re.IGNORECASE)
"""A first line that starts like a date line (``date`` and something with a digit) but is
not one of the shapes `_LEADING_DATE` takes: ``date 10000-01-01``, ``Date: 6 Nov 2023``."""

_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")

_SURROGATE_REASON = "lone surrogate code points (not characters) replaced by U+FFFD"


@dataclass(frozen=True)
class InputFile:
    """One file to read, as the inputs name it."""

    path: Path
    name: str
    """The base of document ids: path relative to the folder given, or the file name."""
    source: str
    """The path as the user would recognise it, for problems."""
    stdin_format: str | None = None
    """For standard input (`path` ``-``): the format to read it in, ``txt``, ``jsonl``
    or ``csv``."""


def read_file(item: InputFile, report: Report) -> Iterator[Document]:
    """The documents of one file by its suffix: JSONL, CSV, or else one text article."""
    suffix = item.path.suffix.lower()
    try:
        if suffix == JSONL_SUFFIX:
            yield from _read_jsonl(item, report)
        elif suffix == CSV_SUFFIX:
            yield from _read_csv(item, report)
        else:
            doc = text_document(item.path.read_bytes(), item.name, item.source, report)
            if doc is not None:
                yield doc
    except OSError as error:
        report(Problem(item.source, f"cannot read: {error.strerror or error}", UNREADABLE))


def text_document(raw: bytes, doc_id: str, source: str, report: Report) -> Document | None:
    """One text article from its bytes, its optional ``date`` line taken off; None (and
    a problem reported) when it holds no article."""
    if not raw.strip():
        report(Problem(source, "empty file", UNREADABLE))
        return None
    encoding = "utf-16" if _utf16_bom(raw) else "utf-8-sig"
    if encoding != "utf-16" and (reason := binary_reason(raw[:_BINARY_PROBE], "text")):
        report(Problem(source, reason, UNREADABLE))
        return None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        reason = _utf8_reason(error) if encoding != "utf-16" else "not valid UTF-16"
        report(Problem(source, reason, UNREADABLE))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, date = _take_date(text, source, report)
    if not text.strip():
        report(Problem(source, "empty text", SKIPPED))
        return None
    return Document(id=doc_id, text=text, date=date, source=source)


def _take_date(text: str, source: str, report: Report) -> tuple[str, str | None]:
    """`text` without its leading ``date ...`` (and the blank lines after a date line), and
    the date; a first line that looks like a date line but is not one is kept as text,
    with a warning."""
    first = text.partition("\n")[0]
    match = _LEADING_DATE.match(first)
    if match is None:
        if _LOOKS_LIKE_DATE.match(first):
            shown = first.strip()[:60]
            report(
                Problem(
                    source,
                    f"first line {shown!r} looks like a date line but is not one (expected "
                    "'date YYYY-MM-DD'); kept undated, the line kept as text",
                    WARNING,
                )
            )
        return text, None
    rest = text[match.end() :]
    if not rest.startswith("\n") and rest.strip(" \t").strip():
        body = rest  # the text goes on after the date, on the same line
    else:
        body = _LEADING_BLANK_LINES.sub("", rest.lstrip(" \t"))
    try:
        return body, normalize_date(match["value"])
    except ValueError:
        reason = f"date line {match.group(0).strip()!r} is not a real date; kept undated"
        report(Problem(source, reason, WARNING))
        return body, None


def _utf8_reason(error: UnicodeDecodeError) -> str:
    return f"not valid UTF-8 (byte 0x{error.object[error.start]:02x} at offset {error.start})"


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""Code points JSON's ``\\ud800`` escapes can give but no UTF-8 file can hold."""


def valid_unicode(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD (one character for one, so
    offsets stay), as a UTF-8 decoder replaces a bad byte.

    Examples
    --------
    >>> valid_unicode("Modi" + chr(0xD800) + " met Putin.")
    'Modi\ufffd met Putin.'
    """
    return _LONE_SURROGATE.sub("\ufffd", text)


def _record_document(
    fields: dict[str, object], default_id: str, source: str, report: Report
) -> Document | None:
    """A `Document` from one record's fields, or None (and a problem) when it has no text.
    Every problem names the record's id, when it has one."""
    doc_id, id_fault = _record_id(fields.get("id"), default_id)

    def note(reason: str, kind: ProblemKind) -> None:
        report(Problem(source, reason, kind, record=doc_id if doc_id != default_id else None))

    if any(isinstance(v, str) and _LONE_SURROGATE.search(v) for v in fields.values()):
        note(_SURROGATE_REASON, WARNING)
        fields = {k: valid_unicode(v) if isinstance(v, str) else v for k, v in fields.items()}
        doc_id = valid_unicode(doc_id)
    text = fields.get("text")
    if text is None:
        note("no 'text' field", SKIPPED)
        return None
    if not isinstance(text, str):
        note(f"'text' is {_json_kind(text)}, not a string", SKIPPED)
        return None
    if not text.strip():
        note("empty text", SKIPPED)
        return None
    if id_fault:
        note(id_fault, WARNING)

    date = None
    raw_date = fields.get("date")
    if isinstance(raw_date, str) and raw_date.strip():
        try:
            date = normalize_date(raw_date)
        except ValueError:
            note(f"date {raw_date!r} is not a date; kept undated", WARNING)
    elif raw_date not in (None, ""):
        note(f"'date' is {_json_kind(raw_date)}, not a string; kept undated", WARNING)

    return Document(
        id=doc_id,
        text=text,
        date=date,
        title=_optional_string(fields, "title", source, report),
        url=_optional_string(fields, "url", source, report),
        source=source,
    )


def _record_id(raw_id: object, default_id: str) -> tuple[str, str | None]:
    """A record's document id from its ``id`` field, and why that field was not used."""
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        return str(raw_id), None
    if isinstance(raw_id, str) and raw_id.strip():
        return raw_id.strip(), None
    if raw_id not in (None, ""):
        return default_id, f"'id' is {_json_kind(raw_id)}; using {default_id!r}"
    return default_id, None


def _optional_string(
    fields: dict[str, object], key: str, source: str, report: Report
) -> str | None:
    value = fields.get(key)
    if isinstance(value, str):
        return value.strip() or None
    if value is not None:
        report(Problem(source, f"{key!r} is {_json_kind(value)}, not a string; ignored", WARNING))
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
    """Whether the file is no UTF-8 text: NUL bytes in its first 8 KiB, or a UTF-16
    byte-order mark."""
    with path.open("rb") as handle:
        return binary_reason(handle.read(_BINARY_PROBE), "") is not None


_UTF16_BOMS = {b"\xff\xfe": "UTF-16 LE", b"\xfe\xff": "UTF-16 BE"}


def _utf16_bom(head: bytes) -> str | None:
    """``UTF-16 LE`` or ``UTF-16 BE`` when `head` starts with that byte-order mark (and not
    UTF-32's, which starts like UTF-16 LE's)."""
    if head.startswith(b"\xff\xfe\0\0"):
        return None
    return _UTF16_BOMS.get(head[:2])


def _looks_utf16(head: bytes) -> bool:
    """Whether `head` is mostly Latin text in UTF-16 without a mark: NUL every other byte."""
    if len(head) < 4:
        return False
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    return max(even, odd) >= 0.8 * half and min(even, odd) <= 0.1 * half


def binary_reason(head: bytes, expected: str) -> str | None:
    """Why the first bytes `head` of a file are no UTF-8 `expected` (``text``, ``JSONL``,
    ``CSV``), or None when they may be: UTF-16 is named as such, anything else with NUL
    bytes is binary.

    Examples
    --------
    >>> binary_reason("Modi".encode("utf-16"), "CSV").split(";")[0]
    'UTF-16 LE text (it starts with a byte-order mark)'
    >>> binary_reason(b"Modi met Putin.", "text") is None
    True
    """
    convert = f"expected UTF-8 {expected}: convert it, e.g. iconv -f UTF-16 -t UTF-8"
    bom = _utf16_bom(head)
    if bom:
        return f"{bom} text (it starts with a byte-order mark); {convert}"
    if b"\0" not in head:
        return None
    if _looks_utf16(head):
        return f"UTF-16 text without a byte-order mark (a NUL byte after each letter); {convert}"
    return f"binary file (contains NUL bytes); expected UTF-8 {expected}"


def _read_jsonl(item: InputFile, report: Report) -> Iterator[Document]:
    with item.path.open("rb") as probe:
        reason = binary_reason(probe.read(_BINARY_PROBE), "JSONL")
    if reason:
        report(Problem(item.source, reason, UNREADABLE))
        return
    with item.path.open("rb") as handle:
        records = _NonBlankLines(handle)
        yield from jsonl_documents(records, name=item.name, source=item.source, report=report)
    if records.count == 0:
        report(Problem(item.source, "empty file", UNREADABLE))


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
            report(Problem(where, _utf8_reason(error), SKIPPED))
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            report(Problem(where, f"not valid JSON: {error.msg} (column {error.colno})", SKIPPED))
            continue
        except RecursionError:  # arrays or objects nested about a thousand deep
            report(Problem(where, "not readable JSON: nested too deep", SKIPPED))
            continue
        if not isinstance(record, dict):
            report(Problem(where, f"expected a JSON object, got {_json_kind(record)}", SKIPPED))
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
        self.exhausted = False
        """Whether csv asked for a line past the last one. A row csv returns after that
        ran into the end of the input inside a quoted field (`runs_to_end`): csv, not
        strict, hands such a row back as if the quote had closed."""

    def __iter__(self) -> Iterator[str]:
        yield from self._decoded()
        self.exhausted = True

    def _decoded(self) -> Iterator[str]:
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


def runs_to_end(lines: int) -> str:
    """The reason for a CSV record whose quoted field never closes, `lines` long."""
    return (
        f"a quoted field opened in this record never closes: it runs on to the end of the "
        f"input ({lines} lines, every later row inside it); check the quotes on this line"
    )


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
        report(Problem(source, fault, SKIPPED))
        return None
    if len(row) != len(header):
        fields_found = f"{len(row)} field" + ("" if len(row) == 1 else "s")
        report(Problem(source, f"{fields_found}, but the header has {len(header)}", SKIPPED))
        return None
    fields: dict[str, object] = {}
    for column, value in zip(header, row, strict=True):
        fields.setdefault(column, value)
    return _record_document(fields, name, source, report)


def _read_csv(item: InputFile, report: Report) -> Iterator[Document]:
    with item.path.open("rb") as probe:
        reason = binary_reason(probe.read(_BINARY_PROBE), "CSV")
    if reason:
        report(Problem(item.source, reason, UNREADABLE))
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
    the line it starts on; a record whose quoted field never closes (it would swallow
    every later row) is reported and ends the reading.
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
            report(Problem(f"{source}:{start}", f"malformed CSV: {error}", SKIPPED))
            continue
        last_line = reader.line_num
        fault = decoder.take_fault()
        if decoder.exhausted:  # the row ran into the end of the input: an unclosed quote
            reason = runs_to_end(first_line + last_line - start)
            kind = UNREADABLE if names is None else SKIPPED
            report(Problem(f"{source}:{start}", reason, kind))
            return
        if not any(row):  # a blank line, or a row of empty cells
            continue
        if names is None:
            if fault:
                report(Problem(source, f"header row {fault}", UNREADABLE))
                return
            names = [column.strip().lower() for column in row]
            if "text" not in names:
                columns = ", ".join(repr(column) for column in row)
                report(Problem(source, f"no 'text' column (columns: {columns})", UNREADABLE))
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
        report(Problem(source, "empty file", UNREADABLE))


def count_records(path: Path) -> int:
    """How many documents the file at `path` holds, cheaply (see `count_documents`)."""
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
