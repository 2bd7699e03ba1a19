"""Read articles from files, folders, JSONL, CSV or standard input as a stream of `Document`.

What is read
    ``.txt`` / ``.md``
        One article per file. An optional leading ``date YYYY-MM-DD`` (also
        ``date: YYYY-MM-DD`` or an ISO date-time such as ``date 2024-05-16T10:00:00Z``, in any
        case) gives the date, on a line of its own or followed by the text after a space
        (``date 2023-11-06 China's ...``); it (and the blank lines after a date line) is not
        part of `Document.text`, so character offsets count from the body. A first line
        that starts like one but is not (``date 10000-01-01``, ``Date: 6 Nov 2023``) is
        kept as text, with a warning.
        Line endings are normalised to ``\\n``, as Python's text mode would.
    ``.jsonl``
        One JSON object per line: ``text`` is required; ``id``, ``date``, ``title`` and
        ``url`` are optional. Blank lines are skipped.
    ``.csv``
        A header row with a ``text`` column (header names match ignoring case and
        surrounding spaces); the same optional columns. Quoted fields may span lines and may
        be as long as a news article gets; a quoted field that never closes (it would
        swallow every later row) is reported at the line its record starts on.
    ``-``
        Standard input, with id (and record ids) based on ``<stdin>``. Its format is
        sniffed (`sniff_format`: JSONL when its first line is a JSON object, CSV when it
        is a header with a ``text`` column, else one text article, date line included),
        or given: ``StandardInput("jsonl")`` (``--stdin-format`` on the command line)
        reads it as that format.

Folders are walked recursively in sorted order of their relative paths. Inside a folder,
hidden files and folders (name starts with ``.``) and files with other suffixes are ignored
silently; a file named explicitly is read as text whatever its suffix. Symlinked folders
are followed, and each folder is read once: a link back up the tree (a loop) or a second
way to a folder already read is reported and not read again; a folder that cannot be
listed is reported. Everything is
decoded as UTF-8, with or without a byte-order mark; a text file with a UTF-16 byte-order
mark is read as UTF-16, and JSONL or CSV in UTF-16 is reported as UTF-16. A file name
keeps every character, shown with Python escapes for those that are not printable (a
newline is ``\\n``), so a problem stays on one line. The text is kept exactly as written
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
    given (plus ``:<line>`` for a record), whose `record` is the record's id when it has
    one, and whose `reason` is one line; the rest is still
    read. A record or file whose only fault is a bad ``date`` (or ``id``, ``title``,
    ``url``) is kept without that field, and a `Problem` says so; everything else named in
    a `Problem` is skipped.

The package's rooms: `files` (paths, folders, standard input, unique ids), `records` (the
rules for one text file, JSONL line or CSV row), `slices` (byte ranges of JSONL and CSV
files that workers read themselves) and `dates`.
"""

from __future__ import annotations

from .dates import normalize_date
from .files import (
    STDIN,
    STDIN_FORMATS,
    STDIN_ID,
    PathArg,
    StandardInput,
    count_documents,
    input_files,
    iter_documents,
    one_line,
    read_input,
    sniff_format,
    unique_id,
)
from .records import (
    BOM,
    CSV_SUFFIX,
    JSONL_SUFFIX,
    SUFFIXES,
    TEXT_SUFFIXES,
    InputFile,
    LineDecoder,
    Report,
    binary_reason,
    count_records,
    csv_documents,
    csv_row_document,
    is_binary,
    jsonl_documents,
    raise_csv_field_limit,
    read_file,
    text_document,
)
from .slices import RecordSlice, Slice, WholeFile, plan, read_slice

__all__ = [
    "BOM",
    "CSV_SUFFIX",
    "JSONL_SUFFIX",
    "STDIN",
    "STDIN_FORMATS",
    "STDIN_ID",
    "SUFFIXES",
    "TEXT_SUFFIXES",
    "InputFile",
    "LineDecoder",
    "PathArg",
    "RecordSlice",
    "Report",
    "Slice",
    "StandardInput",
    "WholeFile",
    "binary_reason",
    "count_documents",
    "count_records",
    "csv_documents",
    "csv_row_document",
    "input_files",
    "is_binary",
    "iter_documents",
    "jsonl_documents",
    "normalize_date",
    "one_line",
    "plan",
    "raise_csv_field_limit",
    "read_file",
    "read_input",
    "read_slice",
    "sniff_format",
    "text_document",
    "unique_id",
]
