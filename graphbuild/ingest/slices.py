"""Byte-range slices of JSONL and CSV files, for workers that read their own records.

A cluster scales best when the corpus text never passes through the client: `plan` walks
the inputs as `iter_documents` does, but instead of reading a JSONL or CSV file it cuts it
into `RecordSlice`s of a given number of records (a byte scan that keeps no record), and a
worker reads its slice with `read_slice`, by the same record rules (`records`: ids,
line numbers, problems). A file whose first lines already fail (binary, empty, no header
or no ``text`` column) becomes one `WholeFile`, read whole by the usual reader, so the
problems reported are exactly those of a whole-file read.

The paths in a slice are absolute: the workers must see the same files at the same paths.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..model import Document, Problem
from .files import PathArg, input_files, read_input
from .records import (
    BOM,
    CSV_SUFFIX,
    JSONL_SUFFIX,
    InputFile,
    LineDecoder,
    Report,
    csv_documents,
    is_binary,
    jsonl_documents,
    raise_csv_field_limit,
    read_file,
)

__all__ = ["RecordSlice", "Slice", "WholeFile", "plan", "read_slice"]


@dataclass(frozen=True)
class RecordSlice:
    """Records of a JSONL or CSV file between two byte offsets, read by the worker."""

    path: str
    """Absolute path, as the workers open it."""
    name: str
    """Base of default document ids (`<name>:<line>`), as in `ingest`."""
    source: str
    """The path as the user gave it, for problems."""
    format: Literal["jsonl", "csv"]
    start: int
    """Byte offset of the first record."""
    end: int
    """Byte offset just past the last record."""
    first_line: int
    """Line number (1-based) of the line at `start`."""
    header: tuple[str, ...] = ()
    """CSV only: the header's column names, stripped and lower-cased."""


@dataclass(frozen=True)
class WholeFile:
    """A JSONL or CSV file read whole by one worker with `ingest`'s own reader.

    Used for files whose first lines already fail (binary, empty, no header or no ``text``
    column), so that the problems reported are exactly `ingest`'s.
    """

    path: str
    name: str
    source: str


Slice = RecordSlice | WholeFile
"""A piece of the input that a worker reads itself."""


def read_slice(piece: Slice) -> list[Document | Problem]:
    """The documents of `piece` and its read problems, in the order the readers meet them.

    Ids are not yet made unique: the caller does that over the whole input, in order, as
    `iter_documents` does.
    """
    items: list[Document | Problem] = []
    documents: Iterable[Document]
    if isinstance(piece, WholeFile):
        documents = read_file(InputFile(Path(piece.path), piece.name, piece.source), items.append)
    elif piece.format == "jsonl":
        documents = _read_jsonl_slice(piece, items.append)
    else:
        documents = _read_csv_slice(piece, items.append)
    # A reader reports a record's problems before it yields the record, so appending each
    # document as it comes keeps problems and documents in input order.
    for document in documents:
        items.append(document)
    return items


def _slice_lines(partition: RecordSlice) -> Iterator[bytes]:
    with open(partition.path, "rb") as handle:
        handle.seek(partition.start)
        position = partition.start
        for raw in handle:
            if position >= partition.end:
                break
            position += len(raw)
            yield raw


def _read_jsonl_slice(partition: RecordSlice, report: Report) -> Iterator[Document]:
    return jsonl_documents(
        _slice_lines(partition),
        name=partition.name,
        source=partition.source,
        report=report,
        first_line=partition.first_line,
    )


def _read_csv_slice(partition: RecordSlice, report: Report) -> Iterator[Document]:
    return csv_documents(
        _slice_lines(partition),
        name=partition.name,
        source=partition.source,
        report=report,
        header=partition.header,
        first_line=partition.first_line,
    )


class _CountingLines:
    """Iterates a binary file's lines, keeping the offset just past the last one given."""

    def __init__(self, handle: Iterable[bytes]) -> None:
        self._handle = handle
        self.offset = 0
        self.lines = 0

    def __iter__(self) -> Iterator[bytes]:
        for raw in self._handle:
            self.offset += len(raw)
            self.lines += 1
            yield raw


class _Slicer:
    """Groups the records of one file into `RecordSlice`s of `size` records."""

    def __init__(self, item: InputFile, fmt: Literal["jsonl", "csv"], size: int) -> None:
        self.item = item
        self.format = fmt
        self.size = size
        self.header: tuple[str, ...] = ()
        self.slices: list[RecordSlice] = []
        self._first: tuple[int, int] | None = None  # (offset, line) of the open slice
        self._count = 0

    def record(self, start: int, line: int, end: int) -> None:
        """A record that starts at byte `start` on `line` and ends just before `end`."""
        if self._first is None:
            self._first = (start, line)
        self._count += 1
        if self._count == self.size:
            self.close(end)

    def close(self, end: int) -> None:
        if self._first is None:
            return
        offset, line = self._first
        path = os.path.abspath(self.item.path)
        self.slices.append(
            RecordSlice(
                path,
                self.item.name,
                self.item.source,
                self.format,
                offset,
                end,
                line,
                self.header,
            )
        )
        self._first, self._count = None, 0


def _jsonl_slices(item: InputFile, size: int) -> list[RecordSlice] | None:
    """Slices of `size` records each, or None to have a worker read the file whole."""
    if is_binary(item.path):
        return None
    slicer = _Slicer(item, "jsonl", size)
    offset = 0
    with item.path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            start, offset = offset, offset + len(raw)
            if number == 1 and raw.startswith(BOM):
                raw = raw[len(BOM) :]
            if raw.strip():
                slicer.record(start, number, offset)
    slicer.close(offset)
    return slicer.slices or None


def _csv_slices(item: InputFile, size: int) -> list[RecordSlice] | None:
    """Slices of `size` records each, or None to have a worker read the file whole.

    A quoted field may span lines, so the client runs the csv module over the file to find
    where records start; it keeps no record, and the workers read them again.
    """
    if is_binary(item.path):
        return None
    raise_csv_field_limit()
    slicer = _Slicer(item, "csv", size)
    with item.path.open("rb") as handle:
        lines = _CountingLines(handle)
        decoder = LineDecoder(lines)
        reader = csv.reader(decoder)
        has_header = False
        while True:
            start, line = lines.offset, lines.lines + 1
            try:
                row: list[str] | None = next(reader)
            except StopIteration:
                break
            except csv.Error:
                row = None  # still a record: the worker reports it
            fault = decoder.take_fault()
            if row is not None and not any(row):
                continue
            if has_header:
                slicer.record(start, line, lines.offset)
                continue
            # Any trouble with the header: a worker reads the file whole and reports it.
            if row is None or fault or decoder.exhausted:
                return None
            slicer.header = tuple(name.strip().lower() for name in row)
            if "text" not in slicer.header:
                return None
            has_header = True
    slicer.close(lines.offset)
    return slicer.slices if has_header else None


def plan(
    paths: PathArg | Iterable[PathArg],
    *,
    slice_size: int,
    worker_reads: bool,
    report: Report,
) -> Iterator[Document | Slice]:
    """The inputs in order: documents read here, and slices for the workers to read.

    Text files and standard input are always read here. With `worker_reads`, a JSONL or
    CSV file becomes slices of `slice_size` records (or one `WholeFile`); without, it is
    read here too. Document ids are as read, not yet made unique.
    """
    for item in input_files(paths, report):
        suffix = item.path.suffix.lower() if item is not None else ""
        if not worker_reads or suffix not in (JSONL_SUFFIX, CSV_SUFFIX):
            yield from read_input(item, report)
            continue
        assert item is not None
        slices = (
            _jsonl_slices(item, slice_size)
            if suffix == JSONL_SUFFIX
            else _csv_slices(item, slice_size)
        )
        if slices is None:
            yield WholeFile(os.path.abspath(item.path), item.name, item.source)
        else:
            yield from slices
