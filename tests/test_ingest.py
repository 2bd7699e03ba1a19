"""Tests for graphbuild.ingest: every input format, every bad input, ids, dates, counting."""

from __future__ import annotations

import io
import json
import logging
import sys
from pathlib import Path

import pytest

from graphbuild.ingest import STDIN_ID, StandardInput, count_documents, iter_documents
from graphbuild.model import Document, Problem, ProblemKind

BODY = "Wang Yi met Sergei Lavrov in Beijing.\n"


def write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")


def read(paths) -> tuple[list[Document], list[Problem]]:
    problems: list[Problem] = []
    docs = list(iter_documents(paths, problems=problems))
    return docs, problems


def read_folder(tmp_path: Path, files: dict[str, str | bytes]):
    write(tmp_path, files)
    return read([tmp_path])


def jsonl(*records: object) -> str:
    return "".join(
        (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records
    )


# -- text files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "first_line",
    [
        "date 2024-05-16",
        "date: 2024-05-16",
        "Date: 2024-05-16",
        "DATE 2024-05-16",
        "date:2024-05-16",
        "  date 2024-05-16  ",
        "date 2024-05-16T10:00:00Z",
        "date: 2024-05-16 10:00:00+02:00",
    ],
)
def test_date_line_variants(tmp_path, first_line):
    docs, problems = read_folder(tmp_path, {"a.txt": f"{first_line}\n\n\n{BODY}"})
    assert problems == []
    assert docs == [Document(id="a.txt", text=BODY, date="2024-05-16")]


@pytest.mark.parametrize(
    ("content", "text"),
    [
        ("Date palms grew in Riyadh.\n", "Date palms grew in Riyadh.\n"),
        ("date of the talks is unknown\n" + BODY, "date of the talks is unknown\n" + BODY),
        ("\ndate 2024-05-16\n" + BODY, "\ndate 2024-05-16\n" + BODY),  # only the first line
    ],
)
def test_text_without_date_line_is_kept_whole(tmp_path, content, text):
    docs, problems = read_folder(tmp_path, {"a.txt": content})
    assert problems == []
    assert docs == [Document(id="a.txt", text=text, date=None)]


def test_impossible_date_line_is_stripped_and_reported(tmp_path):
    docs, problems = read_folder(tmp_path, {"a.txt": "date 2024-13-45\n\n" + BODY})
    assert docs == [Document(id="a.txt", text=BODY, date=None)]
    assert [p.source for p in problems] == [f"{tmp_path.as_posix()}/a.txt"]
    assert "2024-13-45" in problems[0].reason


def test_offsets_count_from_the_body(tmp_path):
    docs, _ = read_folder(tmp_path, {"a.txt": "date 2024-05-16\n\n" + BODY})
    start = docs[0].text.index("Sergei Lavrov")
    assert docs[0].text[start : start + len("Sergei Lavrov")] == "Sergei Lavrov"
    assert start == BODY.index("Sergei Lavrov")


def test_windows_line_endings_are_normalised(tmp_path):
    docs, problems = read_folder(
        tmp_path, {"a.md": "date 2024-05-16\r\n\r\nLine one.\r\nTwo.\r\n"}
    )
    assert problems == []
    assert docs == [Document(id="a.md", text="Line one.\nTwo.\n", date="2024-05-16")]


def test_bom_and_curly_quotes(tmp_path):
    body = "China’s Wang Yi called it “a new chapter”.\n"
    raw = b"\xef\xbb\xbf" + ("date 2024-05-16\n" + body).encode("utf-8")
    docs, problems = read_folder(tmp_path, {"a.txt": raw})
    assert problems == []
    assert docs == [Document(id="a.txt", text=body, date="2024-05-16")]


# -- JSONL --------------------------------------------------------------------------------


def test_jsonl_fields_and_defaults(tmp_path):
    content = "\ufeff" + jsonl(
        {"id": "w1", "text": "A.", "date": "2024-05-16T10:00:00Z", "title": " T ", "url": "u"},
        {"text": "B.", "date": ""},
        "",
        {"id": 7, "text": "C’s “quote”.", "title": None},
    )
    docs, problems = read_folder(tmp_path, {"feed.jsonl": content})
    assert problems == []
    assert docs == [
        Document(id="w1", text="A.", date="2024-05-16", title="T", url="u"),
        Document(id="feed.jsonl:2", text="B."),
        Document(id="7", text="C’s “quote”."),
    ]


BAD_JSONL_LINES = [
    ('{"text": "unterminated', "not valid JSON"),
    ("[1, 2]", "expected a JSON object, got an array"),
    ('"just a string"', "expected a JSON object, got a str"),
    ('{"title": "no text"}', "no 'text' field"),
    ('{"text": ""}', "empty text"),
    ('{"text": "  \\n "}', "empty text"),
    ('{"text": 42}', "'text' is a number, not a string"),
    ('{"text": null}', "no 'text' field"),
    ("[" * 1000 + "]" * 1000, "nested too deep"),
    ('{"text": "x", "more": ' + "[" * 5000 + "]" * 5000 + "}", "nested too deep"),
]


@pytest.mark.parametrize(("line", "reason"), BAD_JSONL_LINES)
def test_jsonl_bad_line_is_reported_and_the_rest_read(tmp_path, line, reason):
    content = jsonl({"text": "first"}, line, {"text": "third"})
    docs, problems = read_folder(tmp_path, {"feed.jsonl": content})
    assert [d.id for d in docs] == ["feed.jsonl:1", "feed.jsonl:3"]
    assert len(problems) == 1
    assert problems[0].source == f"{tmp_path.as_posix()}/feed.jsonl:2"
    assert reason in problems[0].reason
    assert "\n" not in problems[0].reason


def test_jsonl_invalid_utf8_line(tmp_path):
    raw = b'{"text": "ok"}\n{"text": "caf\xe9"}\n{"text": "ok too"}\n'
    docs, problems = read_folder(tmp_path, {"feed.jsonl": raw})
    assert [d.text for d in docs] == ["ok", "ok too"]
    assert [p.source.rsplit("/", 1)[1] for p in problems] == ["feed.jsonl:2"]
    assert "not valid UTF-8" in problems[0].reason


@pytest.mark.parametrize(
    ("record", "kept", "reason"),
    [
        ({"text": "x", "date": "last Tuesday"}, Document(id="f.jsonl:1", text="x"), "not a date"),
        (
            {"text": "x", "date": 20240516},
            Document(id="f.jsonl:1", text="x"),
            "'date' is a number",
        ),
        ({"text": "x", "id": [1]}, Document(id="f.jsonl:1", text="x"), "'id' is an array"),
        ({"text": "x", "title": 3}, Document(id="f.jsonl:1", text="x"), "'title' is a number"),
        ({"text": "x", "url": {}}, Document(id="f.jsonl:1", text="x"), "'url' is an object"),
    ],
)
def test_jsonl_bad_metadata_keeps_the_document(tmp_path, record, kept, reason):
    docs, problems = read_folder(tmp_path, {"f.jsonl": jsonl(record)})
    assert docs == [kept]
    assert len(problems) == 1 and reason in problems[0].reason


def test_jsonl_lone_surrogate_is_replaced_and_said(tmp_path):
    content = '{"id": "s\\udc80", "text": "Modi\\ud800 met Putin."}\n{"text": "fine"}\n'
    docs, problems = read_folder(tmp_path, {"feed.jsonl": content})
    assert [(d.id, d.text) for d in docs] == [
        ("s\ufffd", "Modi\ufffd met Putin."),
        ("feed.jsonl:2", "fine"),
    ]
    assert [(p.source.rsplit("/", 1)[1], p.kind) for p in problems] == [
        ("feed.jsonl:1", ProblemKind.WARNING)
    ]
    assert "surrogate" in problems[0].reason


def test_a_file_name_that_is_not_utf8_gives_a_printable_id(tmp_path):
    import os

    name = os.fsdecode(b"caf\xe9.txt")  # what Python makes of the byte 0xe9 in a name
    (tmp_path / name).write_text(BODY, encoding="utf-8")
    docs, problems = read([tmp_path])
    assert problems == [] and [d.id for d in docs] == ["caf\\xe9.txt"]
    assert docs[0].id.encode("utf-8")


# -- CSV ----------------------------------------------------------------------------------


def test_csv_fields_defaults_and_multiline_records(tmp_path):
    content = (
        "\ufeffID , Text,date,title,url,extra\r\n"
        'a1,"Lavrov said, in Moscow, ""no"".",2024-05-16T09:00:00Z,Talks,http://x,1\r\n'
        '," Two\nlines’ “here”.",,,,\r\n'
        "\r\n"
        ",Third.,,,,\r\n"
    )
    docs, problems = read_folder(tmp_path, {"c.csv": content})
    assert problems == []
    assert docs == [
        Document(
            id="a1",
            text='Lavrov said, in Moscow, "no".',
            date="2024-05-16",
            title="Talks",
            url="http://x",
        ),
        Document(id="c.csv:3", text=" Two\nlines’ “here”."),
        Document(id="c.csv:6", text="Third."),  # line numbers count the multi-line record
    ]


def test_csv_long_field(tmp_path):
    long_text = "Erdogan spoke. " * 20_000  # ~300 KB, past csv's default field limit
    docs, problems = read_folder(tmp_path, {"c.csv": f'text\n"{long_text}"\nshort\n'})
    assert problems == []
    assert [len(d.text) for d in docs] == [len(long_text), len("short")]


BAD_CSV_ROWS = [
    ('x,"a","b"', "3 fields, but the header has 2"),
    ("x", "1 field, but the header has 2"),
    ('x,"   "', "empty text"),
    ("x,", "empty text"),
]


@pytest.mark.parametrize(("row", "reason"), BAD_CSV_ROWS)
def test_csv_bad_row_is_reported_and_the_rest_read(tmp_path, row, reason):
    docs, problems = read_folder(tmp_path, {"c.csv": f"id,text\n,first\n{row}\n,,\n,third\n"})
    assert [d.text for d in docs] == ["first", "third"]
    assert [(p.source.rsplit("/", 1)[1], p.reason) for p in problems] == [("c.csv:3", reason)]


UNCLOSED_QUOTES = [
    # (file, line reported, texts read before it)
    ('id,text\n1,first\n2,"never closed\n3,third\n4,fourth\n', "c.csv:3", ["first"]),
    ('id,text\n1,"Macron said ""yes\n2,second\n', "c.csv:2", []),  # doubled quote, no close
    ('id,text\n1,first\n2,"last line"" open', "c.csv:3", ["first"]),
    ('id,"text\n1,first\n', "c.csv:1", []),  # the header itself
]


@pytest.mark.parametrize(("content", "where", "texts"), UNCLOSED_QUOTES)
def test_csv_quote_that_never_closes_is_reported_at_its_line(tmp_path, content, where, texts):
    docs, problems = read_folder(tmp_path, {"c.csv": content})
    assert [d.text for d in docs] == texts
    assert [p.source.rsplit("/", 1)[1] for p in problems] == [where]
    assert "never closes" in problems[0].reason


@pytest.mark.parametrize(
    ("content", "texts"),
    [
        ('text\n"closed\nacross lines"\nlast unquoted', ["closed\nacross lines", "last unquoted"]),
        ('text\n"a ""quoted"" end"', ['a "quoted" end']),
        ('text\nsaid 5" tall\n', ['said 5" tall']),  # a quote inside a field is a letter
    ],
)
def test_csv_closed_quotes_and_a_last_line_without_newline_are_fine(tmp_path, content, texts):
    docs, problems = read_folder(tmp_path, {"c.csv": content})
    assert problems == []
    assert [d.text for d in docs] == texts


def test_csv_invalid_utf8_row(tmp_path):
    raw = b'text\nfirst\n"caf\xe9\nau lait"\nthird\n'
    docs, problems = read_folder(tmp_path, {"c.csv": raw})
    assert [d.text for d in docs] == ["first", "third"]
    assert [p.source.rsplit("/", 1)[1] for p in problems] == ["c.csv:3"]
    assert "not valid UTF-8" in problems[0].reason


def test_csv_nul_byte_past_the_binary_probe(tmp_path):
    padding = "Scholz met Macron. " * 600  # > 8 KiB, so the file does not look binary
    raw = f"text\n{padding}\nbad\0row\nthird\n".encode()
    docs, problems = read_folder(tmp_path, {"c.csv": raw})
    assert [d.text for d in docs] == [padding, "third"]
    assert [(p.source.rsplit("/", 1)[1], p.reason) for p in problems] == [
        ("c.csv:3", "contains NUL bytes")
    ]


def test_csv_without_text_column(tmp_path):
    docs, problems = read_folder(tmp_path, {"c.csv": "id,body\n1,Hello\n", "d.txt": BODY})
    assert [d.id for d in docs] == ["d.txt"]
    assert [p.reason for p in problems] == ["no 'text' column (columns: 'id', 'body')"]
    assert problems[0].source == f"{tmp_path.as_posix()}/c.csv"


# -- bad files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\n\t\n", "empty file"),
        ("dateonly.txt", b"date 2024-05-16\n\n\n", "empty text"),
        ("empty.jsonl", b"", "empty file"),
        ("blank.jsonl", b"\n\n", "empty file"),
        ("empty.csv", b"", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("binary.jsonl", b'{"text": "x"}\n\x00\x01\x02', "binary file"),
        ("binary.csv", b"text\n\x00\x00", "binary file"),
        ("utf16.csv", "text\nx\n".encode("utf-16"), "UTF-16 LE text"),
        ("utf16.jsonl", "{}".encode("utf-16-le"), "UTF-16 text without a byte-order mark"),
        ("latin1.txt", "Café in Paris".encode("latin-1"), "not valid UTF-8 (byte 0xe9"),
    ],
)
def test_bad_file_is_reported_and_the_rest_read(tmp_path, name, content, reason):
    docs, problems = read_folder(tmp_path, {name: content, "zz-good.txt": BODY})
    assert [d.id for d in docs] == ["zz-good.txt"]
    assert len(problems) == 1
    assert problems[0].source == f"{tmp_path.as_posix()}/{name}"
    assert reason in problems[0].reason


def test_missing_path_is_reported_and_the_rest_read(tmp_path):
    write(tmp_path, {"a.txt": BODY})
    docs, problems = read([tmp_path / "nope.txt", tmp_path / "a.txt"])
    assert [d.id for d in docs] == ["a.txt"]
    assert problems == [
        Problem(
            f"{tmp_path.as_posix()}/nope.txt", "no such file or folder", ProblemKind.UNREADABLE
        )
    ]


def test_folder_without_readable_files(tmp_path):
    write(tmp_path, {"notes.pdf": b"%PDF", ".hidden.txt": BODY})
    docs, problems = read([tmp_path])
    assert docs == []
    assert len(problems) == 1 and "holds no files ending in" in problems[0].reason


# -- folders, explicit files, ids ---------------------------------------------------------


def test_folder_recursion_order_and_filtering(tmp_path):
    write(
        tmp_path,
        {
            "b.txt": "B",
            "a/z.md": "AZ",
            "a/b/c.TXT": "ABC",
            "a-c.txt": "A-C",
            "a/feed.jsonl": jsonl({"text": "J1"}, {"text": "J2"}),
            "notes.pdf": "ignored",
            "README": "ignored",
            ".hidden.txt": "ignored",
            ".git/x.txt": "ignored",
        },
    )
    docs, problems = read(tmp_path)  # a single path is accepted too
    assert problems == []
    assert [(d.id, d.text) for d in docs] == [
        ("a-c.txt", "A-C"),
        ("a/b/c.TXT", "ABC"),
        ("a/feed.jsonl:1", "J1"),
        ("a/feed.jsonl:2", "J2"),
        ("a/z.md", "AZ"),
        ("b.txt", "B"),
    ]


def test_explicit_files_keep_argument_order_and_unknown_suffix_is_text(tmp_path):
    write(tmp_path, {"sub/z.txt": "Z", "a.news": "date 2024-01-02\nN", "b.jsonl": jsonl("x")})
    docs, problems = read([tmp_path / "sub" / "z.txt", str(tmp_path / "a.news")])
    assert problems == []
    assert docs == [
        Document(id="z.txt", text="Z"),
        Document(id="a.news", text="N", date="2024-01-02"),
    ]


def test_duplicate_ids_get_suffixes_in_input_order(tmp_path):
    write(
        tmp_path,
        {
            "one/x.txt": "first",
            "two/x.txt": "second",
            "x.txt#2.txt": "unrelated",
            "feed.jsonl": jsonl({"id": "x.txt", "text": "third"}, {"id": "x.txt#2", "text": "4"}),
        },
    )
    docs, problems = read([tmp_path / "one", tmp_path / "two", tmp_path / "feed.jsonl"])
    assert problems == []
    assert [d.id for d in docs] == ["x.txt", "x.txt#2", "x.txt#3", "x.txt#2#2"]
    assert [d.text for d in docs] == ["first", "second", "third", "4"]


# -- standard input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "stream",
    [
        lambda data: io.TextIOWrapper(io.BytesIO(data.encode("utf-8")), encoding="utf-8"),
        lambda data: io.StringIO(data),  # no .buffer, as some test runners substitute
    ],
)
def test_stdin_is_one_text_document(tmp_path, monkeypatch, stream):
    monkeypatch.setattr(sys, "stdin", stream("date: 2025-02-03\n\nMacron’s visit.\n"))
    write(tmp_path, {"a.txt": BODY})
    docs, problems = read(["-", tmp_path / "a.txt"])
    assert problems == []
    assert docs == [
        Document(id=STDIN_ID, text="Macron’s visit.\n", date="2025-02-03"),
        Document(id="a.txt", text=BODY),
    ]


def test_empty_stdin_is_a_problem(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert read("-") == ([], [Problem(STDIN_ID, "empty file", ProblemKind.UNREADABLE)])


# -- streaming and reporting --------------------------------------------------------------


def test_problems_arrive_as_they_happen(tmp_path):
    write(tmp_path, {"f.jsonl": jsonl({"text": "one"}, "[]", {"text": "three"})})
    problems: list[Problem] = []
    stream = iter_documents([tmp_path], problems=problems)
    assert next(stream).text == "one"
    assert problems == []
    assert next(stream).text == "three"
    assert len(problems) == 1


def test_problems_are_logged_without_a_list(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="graphbuild.ingest"):
        assert list(iter_documents([tmp_path / "missing"])) == []
    assert "no such file or folder" in caplog.text


# -- counting -----------------------------------------------------------------------------


def test_count_matches_a_clean_corpus(tmp_path, monkeypatch):
    write(
        tmp_path,
        {
            "a.txt": BODY,
            "sub/b.md": BODY,
            "f.jsonl": jsonl({"text": "1"}, "", {"text": "2"}, {"text": "3"}),
            "c.csv": 'text,id\n"multi\nline",1\n\nsecond,2\n',
            "skip.pdf": "x",
        },
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO(BODY))
    paths = [tmp_path, "-"]
    assert count_documents(paths) == len(read(paths)[0]) == 8


def test_count_is_an_upper_bound(tmp_path):
    write(tmp_path, {"f.jsonl": jsonl({"text": "1"}, "[]", {"text": ""}), "e.txt": ""})
    assert count_documents([tmp_path, tmp_path / "missing.txt"]) == 4
    assert len(read([tmp_path])[0]) == 1


def test_a_file_name_with_a_newline_stays_on_one_problem_line(tmp_path):
    docs, problems = read_folder(tmp_path, {"bad\nname.txt": "", "fine\u2028name.txt": BODY})
    assert [d.id for d in docs] == ["fine\\u2028name.txt"]
    assert [p.source.rpartition("/")[2] for p in problems] == ["bad\\nname.txt"]
    assert all("\n" not in p.source and "\n" not in p.reason for p in problems)


def test_documents_carry_their_file_and_line_for_later_problems(tmp_path):
    docs, _ = read_folder(tmp_path, {"a.jsonl": jsonl({"id": "x", "text": "t"}), "b.txt": BODY})
    where = tmp_path.as_posix()
    assert [(d.id, d.source) for d in docs] == [
        ("x", f"{where}/a.jsonl:1"),
        ("b.txt", f"{where}/b.txt"),
    ]


@pytest.mark.parametrize("given", ["-", StandardInput("auto"), StandardInput("jsonl")])
def test_jsonl_on_stdin_is_one_document_a_line(monkeypatch, given):
    lines = '{"id": "a", "text": "Modi met Putin."}\n\n{"text": "Lula visited Pretoria."}\n'
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    docs, problems = read([given])
    assert [(d.id, d.text) for d in docs] == [
        ("a", "Modi met Putin."),
        (f"{STDIN_ID}:3", "Lula visited Pretoria."),
    ]
    assert problems == []


@pytest.mark.parametrize("given", ["-", StandardInput("csv")])
def test_csv_on_stdin_is_one_document_a_row(monkeypatch, given):
    monkeypatch.setattr(sys, "stdin", io.StringIO('id,Text\n1,"Modi, in Delhi."\n2,More.\n'))
    docs, problems = read([given])
    assert [(d.id, d.text) for d in docs] == [("1", "Modi, in Delhi."), ("2", "More.")]
    assert problems == []


def test_stdin_read_as_text_when_told_even_if_it_looks_like_jsonl(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"text": "x"}\n'))
    docs, _ = read([StandardInput("txt")])
    assert [d.text for d in docs] == ['{"text": "x"}\n']


def test_an_unknown_stdin_format_names_the_choices():
    with pytest.raises(ValueError, match="choose from: auto, txt, jsonl, csv"):
        StandardInput("xml")
