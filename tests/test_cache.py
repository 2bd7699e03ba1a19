"""The extraction cache: exact JSON round trips, hits and misses, stale and corrupt files."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.cache import (
    SCHEMA_VERSION,
    CorruptEntry,
    ExtractionCache,
    NotACache,
    cache_key,
    extraction_from_dict,
    extraction_to_dict,
    fingerprint,
)
from graphbuild.model import Document, Entity, EntityType, Extraction, Mention, Relation

CHINA = Entity("country:CHN", "China", EntityType.COUNTRY)
WANG = Entity(
    "leader:wang-yi", "Wang Yi", EntityType.LEADER, country="China", role="Foreign Minister"
)
BRI = Entity("initiative:bri", "Belt and Road Initiative", EntityType.INITIATIVE)
NATO = Entity("org:NATO", "NATO", EntityType.ORGANIZATION)

TEXT = "Wang Yi met NATO officials. China sponsors the Belt and Road Initiative."


def sample(doc: str = "a.txt", date: str | None = "2024-05-16") -> Extraction:
    relations = (
        Relation(
            WANG,
            "consult",
            NATO,
            doc=doc,
            sentence=TEXT[:27],
            start=0,
            end=27,
            date=date,
            rule="verb",
        ),
        Relation(
            WANG,
            "official_of",
            CHINA,
            doc=doc,
            sentence=TEXT[:27],
            start=0,
            end=27,
            date=date,
            rule="title-prefix",
            role="Foreign Minister",
        ),
        Relation(
            CHINA,
            "sponsors",
            BRI,
            doc=doc,
            sentence=TEXT[28:],
            start=28,
            end=72,
            date=date,
            negated=True,
            rule="verb",
        ),
    )
    mentions = (
        Mention(WANG, "Wang Yi", 0, 7),
        Mention(NATO, "NATO", 12, 16),
        Mention(CHINA, "China", 28, 33),
        Mention(BRI, "Belt and Road Initiative", 47, 71),
    )
    return Extraction(doc, date, relations, mentions)


def document(doc: str = "a.txt", date: str | None = "2024-05-16", text: str = TEXT) -> Document:
    return Document(doc, text, date)


# -- JSON ----------------------------------------------------------------------------------


def test_round_trip_is_exact():
    extraction = sample()
    again = extraction_from_dict(json.loads(json.dumps(extraction_to_dict(extraction))))
    assert again == extraction
    assert isinstance(again.relations, tuple) and isinstance(again.mentions, tuple)
    assert again.relations[0].subject.type is EntityType.LEADER


names = st.text(min_size=1, max_size=12)
optional = st.none() | names
entities = st.builds(Entity, names, names, st.sampled_from(list(EntityType)), optional, optional)
relations = st.builds(
    Relation,
    entities,
    st.sampled_from(["consult", "agree", "official_of"]),
    entities,
    doc=names,
    sentence=st.text(max_size=40),
    start=st.integers(0, 10**6),
    end=st.integers(0, 10**6),
    date=optional,
    negated=st.booleans(),
    rule=st.text(max_size=8),
    role=optional,
)
mentions = st.builds(Mention, entities, names, st.integers(0, 10**6), st.integers(0, 10**6))
extractions = st.builds(
    Extraction,
    names,
    optional,
    st.lists(relations, max_size=4).map(tuple),
    st.lists(mentions, max_size=4).map(tuple),
)


@settings(max_examples=200, deadline=None)
@given(extractions)
def test_round_trip_property(extraction):
    assert (
        extraction_from_dict(json.loads(json.dumps(extraction_to_dict(extraction)))) == extraction
    )


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.pop("relations"),
        lambda d: d.__setitem__("mentions", {}),
        lambda d: d["relations"][0].__setitem__("start", "0"),
        lambda d: d["relations"][0].__setitem__("start", True),
        lambda d: d["relations"][0].__setitem__("negated", 1),
        lambda d: d["relations"][0]["subject"].__setitem__("type", "planet"),
        lambda d: d["mentions"][0].__setitem__("entity", None),
        lambda d: d.__setitem__("date", 20240516),
    ],
)
def test_malformed_entries_are_refused(damage):
    obj = extraction_to_dict(sample())
    damage(obj)
    with pytest.raises(CorruptEntry):
        extraction_from_dict(obj)


# -- keys ----------------------------------------------------------------------------------


def test_key_depends_on_text_date_and_material_not_id():
    base = cache_key(document(), "m1")
    assert cache_key(document(doc="other.txt"), "m1") == base
    assert cache_key(document(date="2020-01-01"), "m1") != base
    assert cache_key(document(text=TEXT + " "), "m1") != base
    assert cache_key(document(), "m2") != base


def test_fingerprint_covers_actor_files(tmp_path):
    actors = tmp_path / "actors.csv"
    actors.write_text("name,aliases,country,role,start,end\nAda Lovelace,,GBR,Envoy,,\n")
    before = fingerprint([actors])
    assert fingerprint([actors]) == before
    actors.write_text("name,aliases,country,role,start,end\nAda Lovelace,,FRA,Envoy,,\n")
    assert fingerprint([actors]) != before
    assert fingerprint() != before


# -- the store -----------------------------------------------------------------------------


def test_hit_miss_and_relabel(tmp_path):
    path = tmp_path / "sub" / "cache.sqlite"
    with ExtractionCache(path, "m1") as cache:
        assert cache.get(document()) is None
        cache.put(document(), sample())
    with ExtractionCache(path, "m1") as cache:
        assert cache.rebuilt is None
        assert cache.get(document()) == sample()
        # the same text under another id (a CSV row that moved) is a hit, told as its own
        moved = cache.get(document(doc="b.csv:7"))
        assert moved == sample(doc="b.csv:7")
        assert cache.get(document(date=None)) is None  # the date decides offices: a miss
        assert (cache.hits, cache.misses) == (2, 1)
        assert len(cache) == 1


def test_other_key_material_rebuilds(tmp_path):
    path = tmp_path / "cache.sqlite"
    with ExtractionCache(path, "model-a") as cache:
        cache.put(document(), sample())
    with ExtractionCache(path, "model-b") as cache:
        assert cache.rebuilt and "another model" in cache.rebuilt
        assert len(cache) == 0
        assert cache.get(document()) is None


def test_schema_mismatch_rebuilds(tmp_path):
    path = tmp_path / "cache.sqlite"
    with ExtractionCache(path, "m") as cache:
        cache.put(document(), sample())
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION + 1),))
    with ExtractionCache(path, "m") as cache:
        assert cache.rebuilt and "schema" in cache.rebuilt
        assert cache.get(document()) is None


def _user_database(path):
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (x TEXT)")
        db.execute("INSERT INTO notes VALUES ('keep me')")


def _unmarked_old_cache(path):
    """A cache as graphbuild wrote it before the application id: the two tables only."""
    with ExtractionCache(path, "m") as cache:
        cache.put(document(), sample())
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA application_id = 0")


@pytest.mark.parametrize(
    "content, why",
    [
        (b"id,text\n1,Modi met Putin.\n", "not an SQLite file"),  # the input corpus
        (b"this is not a database at all" * 100, "not an SQLite file"),
        (b"\0" * 5000, "not an SQLite file"),
        (_user_database, "other tables"),
    ],
)
def test_a_file_that_is_not_a_cache_is_refused_and_kept(tmp_path, content, why):
    path = tmp_path / "mine.db"
    if callable(content):
        content(path)
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    with pytest.raises(NotACache, match=why) as refused:
        ExtractionCache(path, "m")
    assert str(path) in str(refused.value)
    assert path.read_bytes() == before


def test_a_folder_or_a_file_as_folder_is_refused(tmp_path):
    with pytest.raises(NotACache, match="is a folder"):
        ExtractionCache(tmp_path, "m")
    corpus = tmp_path / "corpus.csv"
    corpus.write_text("id,text\n")
    with pytest.raises(NotACache, match="is a file, not a folder"):
        ExtractionCache(corpus / "cache.sqlite", "m")


@pytest.mark.parametrize("make", [lambda path: path.write_bytes(b""), _unmarked_old_cache])
def test_an_empty_file_and_an_unmarked_old_cache_are_caches(tmp_path, make):
    path = tmp_path / "cache.sqlite"
    make(path)
    with ExtractionCache(path, "m") as cache:
        cache.put(document(), sample())
    with ExtractionCache(path, "m") as cache:
        assert cache.get(document()) == sample()


def test_a_damaged_cache_with_its_mark_is_rebuilt(tmp_path):
    path = tmp_path / "cache.sqlite"
    with ExtractionCache(path, "m") as cache:
        cache.put(document(), sample())
    data = bytearray(path.read_bytes())
    data[100:] = b"\xff" * (len(data) - 100)  # the header and its mark survive
    path.write_bytes(bytes(data))
    with ExtractionCache(path, "m") as cache:
        assert cache.rebuilt is not None
        assert cache.get(document()) is None
        cache.put(document(), sample())
    with ExtractionCache(path, "m") as cache:
        assert cache.rebuilt is None and cache.get(document()) == sample()


def test_truncated_file_is_never_trusted(tmp_path):
    path = tmp_path / "cache.sqlite"
    docs = [document(doc=f"{n}.txt", text=f"{TEXT} {n} " + "x" * 2000) for n in range(50)]
    with ExtractionCache(path, "m") as cache:
        for doc in docs:
            cache.put(doc, sample(doc=doc.id))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with ExtractionCache(path, "m") as cache:
        for doc in docs:
            found = cache.get(doc)
            assert found is None or found == sample(doc=doc.id)


def _store_raw(path, key, payload, checksum):
    with sqlite3.connect(path) as db:
        db.execute("INSERT OR REPLACE INTO extractions VALUES (?, ?, ?)", (key, payload, checksum))


@pytest.mark.parametrize(
    "payload, good_checksum",
    [
        ('{"doc": "a.txt"', True),  # truncated JSON
        ('{"doc": "a.txt", "date": null, "relations": [], "mentions": [7]}', True),  # bad shape
        (json.dumps(extraction_to_dict(sample())) + " ", False),  # tampered
        ("[]", True),
    ],
)
def test_bad_rows_are_dropped_and_missed(tmp_path, payload, good_checksum):
    path = tmp_path / "cache.sqlite"
    ExtractionCache(path, "m").close()
    key = cache_key(document(), "m")
    checksum = hashlib.sha256(payload.encode()).hexdigest() if good_checksum else "0" * 64
    _store_raw(path, key, payload, checksum)
    with ExtractionCache(path, "m") as cache:
        assert cache.get(document()) is None
        assert cache.dropped == 1
        assert len(cache) == 0  # deleted, so the next run re-extracts and stores it


@pytest.mark.parametrize(
    "doc, text",
    [
        ("caf\udce9.txt", TEXT),  # a file name that is not UTF-8, as Python decodes it
        ("a.jsonl:1", "Wang Yi\ud800 met NATO officials."),  # a JSON "\\ud800"
    ],
)
def test_lone_surrogates_are_stored_and_found(tmp_path, doc, text):
    path = tmp_path / "cache.sqlite"
    odd = document(doc=doc, text=text)
    with ExtractionCache(path, "m") as cache:
        cache.put(odd, sample(doc=doc))
    with ExtractionCache(path, "m") as cache:
        assert cache.get(odd) == sample(doc=doc)


def test_a_cache_that_cannot_be_written_says_so_once(tmp_path, caplog):
    path = tmp_path / "cache.sqlite"
    with ExtractionCache(path, "m") as cache:
        cache._db.execute("PRAGMA max_page_count = 2")  # stands in for a full disk
        for n in range(200):
            cache.put(document(doc=f"{n}.txt", text=f"{TEXT} {n}" + "x" * 5000), sample())
        assert cache.unwritable and "full" in cache.unwritable
    warnings = [r for r in caplog.records if "cannot write" in r.getMessage()]
    assert len(warnings) == 1


# -- sharing one file ------------------------------------------------------------------------


def test_a_writer_does_not_lock_the_file_while_its_documents_are_parsed(tmp_path):
    # Two builds share the user's cache: one that has stored a few documents (and is
    # parsing the next) must not make the other's writes wait and fail.
    path = tmp_path / "cache.sqlite"
    with ExtractionCache(path, "m") as first, ExtractionCache(path, "m") as second:
        first.put(document(doc="a.txt", text="A met B."), sample(doc="a.txt"))
        second.put(document(doc="b.txt", text="C met D."), sample(doc="b.txt"))
        second.commit()
        assert second.unwritable is None
        assert first.get(document(doc="a.txt", text="A met B.")) == sample(doc="a.txt")
    with ExtractionCache(path, "m") as cache:
        assert len(cache) == 2 and cache.rebuilt is None


def test_the_file_is_in_wal_mode(tmp_path):
    path = tmp_path / "cache.sqlite"
    with ExtractionCache(path, "m"):
        pass
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _store_many(path, start, barrier, count, results):
    barrier.wait()  # open the new file together
    with ExtractionCache(path, "m") as cache:
        for n in range(start, start + count):
            cache.put(document(doc=f"{n}.txt", text=f"{TEXT} {n}"), sample(doc=f"{n}.txt"))
    results.put((cache.rebuilt, cache.unwritable))


def test_processes_sharing_a_new_cache_keep_every_entry(tmp_path):
    import multiprocessing

    path = tmp_path / "cache.sqlite"
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(3), context.Queue()
    workers = [
        context.Process(target=_store_many, args=(path, start, barrier, 300, results))
        for start in (0, 300, 600)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert outcomes == [(None, None)] * 3
    assert [worker.exitcode for worker in workers] == [0, 0, 0]
    with ExtractionCache(path, "m") as cache:
        assert len(cache) == 900 and cache.rebuilt is None
        assert cache.get(document(doc="x", text=f"{TEXT} 899")) == sample(doc="x")


def test_the_default_cache_is_per_key_material_in_the_user_cache_folder(monkeypatch, tmp_path):
    from graphbuild.cache import CACHE_DIR_ENV, default_cache_dir, default_cache_path

    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "mine"))
    assert default_cache_dir() == tmp_path / "mine"
    a, b = default_cache_path("model-a"), default_cache_path("model-b")
    assert a.parent == b.parent == tmp_path / "mine" and a != b
    assert default_cache_path("model-a") == a  # stable: every run of the same options

    monkeypatch.delenv(CACHE_DIR_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "graphbuild"  # platformdirs on Linux


def test_fingerprint_reads_the_code_of_subpackages():
    # a changed rule in extract/rules/ must invalidate the cache like one in extract/
    from importlib import resources

    from graphbuild.cache import _sources

    names = [name for name, _ in _sources(resources.files("graphbuild") / "extract", "extract")]
    assert "extract/rules/verbs.py" in names and "extract/mentions.py" in names
    assert len(set(names)) == len(names)
