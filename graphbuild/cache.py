"""A per-document cache of extractions in one embedded SQLite file.

Parsing is the slow stage, so what a document yields is kept, keyed by a SHA-256 of
everything the result depends on: the text and date of the document, and a *key material*
string naming the spaCy model, the graphbuild version and a fingerprint of the package data
and extraction code (`fingerprint`). Change any of them and the old entries stop matching.

The cache is never trusted blindly, and never overwrites what is not a cache:

- a path that holds anything but a graphbuild cache (a folder, the input corpus, a user's
  own SQLite database, any other file) is refused with `NotACache` before anything is
  read, so ``--cache corpus.csv`` cannot destroy the corpus. A graphbuild cache is an
  SQLite file marked with this module's `APPLICATION_ID` in its header (``PRAGMA
  application_id``), or, from before that mark, one whose only tables are ``meta`` and
  ``extractions``; an empty file counts as a new cache;
- the file must be an SQLite database whose ``meta`` table carries this module's
  `SCHEMA_VERSION` and the run's key material, else it is emptied and rebuilt (a stale cache
  from another model, version or lexicon; a damaged or truncated one);
- every row stores the extraction as JSON together with a SHA-256 checksum of that JSON;
  a row whose checksum, JSON or shape is wrong is deleted and counts as a miss.

Extractions are stored as plain JSON (`extraction_to_dict` / `extraction_from_dict` round
trip them exactly, `EntityType` included), so the file stays readable with any SQLite tool.

Where it lives: by default in the user's cache folder (`default_cache_dir`: platformdirs'
``user_cache_dir("graphbuild")``, e.g. ``~/.cache/graphbuild``, or the folder the
``GRAPHBUILD_CACHE_DIR`` environment variable names), one file per key material
(`default_cache_path`), so every output folder reuses what any build parsed, and runs with
other options (``--no-filter``, another model, ``--actors``) keep their own file instead
of emptying each other's.

Sharing: several processes can use one file at once. It is kept in SQLite's WAL mode
(readers never wait for a writer), rows are buffered in memory and written in one short
transaction every `_COMMIT_EVERY` documents (no write lock is held while documents are
parsed), a busy file is waited for up to `BUSY_TIMEOUT` seconds, and a new file's tables
are created idempotently, so two builds starting together do not rebuild each other's.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Document, Entity, EntityType, Extraction, Mention, Relation

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = [
    "APPLICATION_ID",
    "BUSY_TIMEOUT",
    "CACHE_DIR_ENV",
    "SCHEMA_VERSION",
    "CorruptEntry",
    "ExtractionCache",
    "NotACache",
    "cache_key",
    "check_cache_path",
    "default_cache_dir",
    "default_cache_path",
    "extraction_from_dict",
    "extraction_to_dict",
    "fingerprint",
    "is_busy",
]

log = logging.getLogger(__name__)

SCHEMA_VERSION = 3
"""Bump when the table layout or the JSON shape of an extraction changes."""

_COMMIT_EVERY = 64
"""Rows written between commits: a crash loses at most this many, and writes stay fast."""

BUSY_TIMEOUT = 30.0
"""Seconds to wait for another process's write to a shared cache before giving up (a
write of `_COMMIT_EVERY` rows takes milliseconds; a cache still busy after this is stuck,
and the run goes on without it, with a warning)."""

CACHE_DIR_ENV = "GRAPHBUILD_CACHE_DIR"
"""The environment variable that moves the default cache folder (tests set it)."""


def default_cache_dir() -> Path:
    """The folder of the default cache: `CACHE_DIR_ENV` when set, else the user's cache
    folder (``~/.cache/graphbuild`` on Linux, honouring ``XDG_CACHE_HOME``)."""
    given = os.environ.get(CACHE_DIR_ENV)
    if given:
        return Path(given)
    import platformdirs

    return Path(platformdirs.user_cache_dir("graphbuild", appauthor=False))


def default_cache_path(material: str) -> Path:
    """The default cache file for a run of key material `material`: one file per material
    in `default_cache_dir`, so runs with other options never empty each other's cache.

    Examples
    --------
    >>> a, b = default_cache_path("model-1"), default_cache_path("model-2")
    >>> a.parent == b.parent == default_cache_dir(), a != b, a.name.startswith("extractions-")
    (True, True, True)
    """
    digest = hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]
    return default_cache_dir() / f"extractions-{digest}.sqlite"


APPLICATION_ID = 0x67624331
"""Written into the SQLite header of every cache (``PRAGMA application_id``; the bytes
``gbC1``), so a cache is told from any other database without opening it."""

_SQLITE_MAGIC = b"SQLite format 3\0"
_APPLICATION_ID_OFFSET = 68
"""Where SQLite keeps the application id: a big-endian 32-bit integer in the header."""
_CACHE_TABLES = frozenset({"meta", "extractions"})


class CorruptEntry(ValueError):
    """A stored extraction that does not decode to a valid `Extraction`."""


class NotACache(ValueError):
    """The cache path holds something graphbuild must not overwrite (see `check_cache_path`)."""


def check_cache_path(path: str | os.PathLike) -> None:
    """Refuse a cache `path` that holds anything but a graphbuild cache.

    A missing or empty file is fine (a new cache). A folder, an SQLite database of other
    tables, or any other file raises `NotACache`, whose message names the path: opening it
    as a cache would empty it.

    Examples
    --------
    >>> import tempfile
    >>> corpus = Path(tempfile.mkdtemp()) / "corpus.csv"
    >>> _ = corpus.write_text("id,text\\n1,Modi met Putin.\\n")
    >>> check_cache_path(corpus)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graphbuild.cache.NotACache: cache .../corpus.csv is not a graphbuild cache (not an SQLite...
    >>> check_cache_path(corpus.parent / "cache.sqlite")  # missing: a new cache
    """
    target = Path(path)
    if target.is_dir():
        raise NotACache(f"cache {target} is a folder; give the path of a cache file")
    if not target.exists():
        for parent in target.parents:
            if parent.exists():
                if not parent.is_dir():
                    raise NotACache(f"cache {target}: {parent} is a file, not a folder")
                break
        return
    why = _foreign(target)
    if why is not None:
        raise NotACache(
            f"cache {target} is not a graphbuild cache ({why}); refusing to overwrite it: "
            "give another --cache path, or remove the file"
        )


def _foreign(path: Path) -> str | None:
    """Why the existing file at `path` is not a graphbuild cache, or None when it is one."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        return f"cannot read it: {error.strerror or error}"
    if not header:
        return None
    if not header.startswith(_SQLITE_MAGIC) or len(header) < 100:
        return "not an SQLite file"
    offset = _APPLICATION_ID_OFFSET
    if int.from_bytes(header[offset : offset + 4], "big") == APPLICATION_ID:
        return None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            query = "SELECT name FROM sqlite_master WHERE type = 'table'"
            tables = {row[0] for row in db.execute(query)}
        finally:
            db.close()
    except sqlite3.DatabaseError as error:
        return f"an SQLite file that cannot be read: {error}"
    if tables and tables != _CACHE_TABLES:
        return "an SQLite database of other tables"
    return None


# -- JSON <-> records -------------------------------------------------------------------


def _entity_to_dict(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type.value,
        "country": entity.country,
        "role": entity.role,
    }


def extraction_to_dict(extraction: Extraction) -> dict[str, Any]:
    """A plain-JSON form of `extraction` that `extraction_from_dict` turns back into it.

    Examples
    --------
    >>> from graphbuild.model import Entity, EntityType, Extraction, Relation
    >>> cn = Entity("country:CHN", "China", EntityType.COUNTRY)
    >>> ru = Entity("country:RUS", "Russia", EntityType.COUNTRY)
    >>> rel = Relation(cn, "consult", ru, doc="a", sentence="China met Russia.", start=0, end=17)
    >>> e = Extraction("a", None, (rel,))
    >>> extraction_from_dict(json.loads(json.dumps(extraction_to_dict(e)))) == e
    True
    """
    return {
        "doc": extraction.doc,
        "date": extraction.date,
        "relations": [
            {
                "subject": _entity_to_dict(r.subject),
                "label": r.label,
                "object": _entity_to_dict(r.object),
                "doc": r.doc,
                "sentence": r.sentence,
                "start": r.start,
                "end": r.end,
                "date": r.date,
                "negated": r.negated,
                "rule": r.rule,
                "role": r.role,
                "subject_text": r.subject_text,
                "object_text": r.object_text,
                "confidence": r.confidence,
            }
            for r in extraction.relations
        ],
        "mentions": [
            {"entity": _entity_to_dict(m.entity), "text": m.text, "start": m.start, "end": m.end}
            for m in extraction.mentions
        ],
    }


def _get(obj: Any, key: str, kind: type | tuple[type, ...], *, optional: bool = False) -> Any:
    if not isinstance(obj, dict):
        raise CorruptEntry(f"expected an object, got {type(obj).__name__}")
    if key not in obj:
        raise CorruptEntry(f"missing {key!r}")
    value = obj[key]
    if value is None and optional:
        return None
    # bool is an int: refuse it where a number is meant, and vice versa
    if isinstance(value, bool) != (kind is bool) or not isinstance(value, kind):
        raise CorruptEntry(f"{key!r} is {type(value).__name__}")
    return value


def _entity_from_dict(obj: Any) -> Entity:
    try:
        kind = EntityType(_get(obj, "type", str))
    except ValueError as error:
        raise CorruptEntry(str(error)) from None
    return Entity(
        id=_get(obj, "id", str),
        name=_get(obj, "name", str),
        type=kind,
        country=_get(obj, "country", str, optional=True),
        role=_get(obj, "role", str, optional=True),
    )


def extraction_from_dict(obj: Any) -> Extraction:
    """The `Extraction` that `extraction_to_dict` gave `obj` for.

    Raises
    ------
    CorruptEntry
        When `obj` is not the shape `extraction_to_dict` writes.
    """
    relations = tuple(
        Relation(
            subject=_entity_from_dict(_get(r, "subject", dict)),
            label=_get(r, "label", str),
            object=_entity_from_dict(_get(r, "object", dict)),
            doc=_get(r, "doc", str),
            sentence=_get(r, "sentence", str),
            start=_get(r, "start", int),
            end=_get(r, "end", int),
            date=_get(r, "date", str, optional=True),
            negated=_get(r, "negated", bool),
            rule=_get(r, "rule", str),
            role=_get(r, "role", str, optional=True),
            subject_text=_get(r, "subject_text", str, optional=True),
            object_text=_get(r, "object_text", str, optional=True),
            confidence=float(_get(r, "confidence", (int, float))),
        )
        for r in _get(obj, "relations", list)
    )
    mentions = tuple(
        Mention(
            entity=_entity_from_dict(_get(m, "entity", dict)),
            text=_get(m, "text", str),
            start=_get(m, "start", int),
            end=_get(m, "end", int),
        )
        for m in _get(obj, "mentions", list)
    )
    return Extraction(
        doc=_get(obj, "doc", str),
        date=_get(obj, "date", str, optional=True),
        relations=relations,
        mentions=mentions,
    )


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _relabel(extraction: Extraction, document: Document) -> Extraction:
    """The cached extraction of an identical text, told as `document`'s (its id)."""
    if extraction.doc == document.id:
        return extraction
    return replace(
        extraction,
        doc=document.id,
        relations=tuple(replace(r, doc=document.id) for r in extraction.relations),
    )


# -- keys ------------------------------------------------------------------------------


_FINGERPRINTED_CODE = ("extract", "resolve")
"""Subpackages whose source decides what is extracted; their code is part of the key."""
_FINGERPRINTED_MODULES = ("model.py", "labels.py", "relevance.py", "pieces.py")


def fingerprint(actor_files: Iterable[str | os.PathLike] = ()) -> str:
    """A digest of everything besides the text and the model that decides an extraction.

    That is the package data (lexicon, roles, gazetteers, actor dictionary), any user actor
    files, and the source of the extraction and resolution code, so that a changed rule or
    lexicon row invalidates the cache even when the version number stays the same.
    """
    digest = hashlib.sha256()

    def add(name: str, data: bytes) -> None:
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())

    package = resources.files("graphbuild")
    for entry in sorted(package.joinpath("data").iterdir(), key=lambda p: p.name):
        if entry.is_file() and not entry.name.endswith(".pyc"):
            add(f"data/{entry.name}", entry.read_bytes())
    for sub in _FINGERPRINTED_CODE:
        for name, entry in _sources(package.joinpath(sub), sub):
            add(name, entry.read_bytes())
    for name in _FINGERPRINTED_MODULES:
        entry = package.joinpath(name)
        if entry.is_file():
            add(name, entry.read_bytes())
    for path in actor_files:
        add(f"actors:{os.fspath(path)}", Path(path).read_bytes())
    return digest.hexdigest()


def _sources(folder: Traversable, prefix: str) -> Iterator[tuple[str, Traversable]]:
    """The `.py` files under `folder` and its subfolders (`extract/rules/verbs.py`), sorted."""
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        name = f"{prefix}/{entry.name}"
        if entry.is_dir() and entry.name != "__pycache__":
            yield from _sources(entry, name)
        elif entry.is_file() and entry.name.endswith(".py"):
            yield name, entry


def cache_key(document: Document, material: str) -> str:
    """SHA-256 of the document's text and date and the run's key material.

    The id is left out on purpose: a record that moves (a CSV row whose line number
    changes) still hits. The date is in, since it decides who held an office.
    """
    payload = json.dumps([material, document.date, document.text], ensure_ascii=False)
    # surrogatepass: a lone surrogate (a JSON "\\ud800", a file name not in UTF-8) is
    # hashed too, not refused
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


# -- the store -------------------------------------------------------------------------


_BUSY_CODES = frozenset({getattr(sqlite3, "SQLITE_BUSY", 5), getattr(sqlite3, "SQLITE_LOCKED", 6)})


def is_busy(error: BaseException) -> bool:
    """Whether an SQLite error says another connection holds the file (busy or locked)
    beyond `BUSY_TIMEOUT`, by its result code."""
    return getattr(error, "sqlite_errorcode", None) in _BUSY_CODES


class _opening_lock:
    """The lock file beside a cache (``NAME.lock``), held while a process checks the file
    and, when it must, empties it: two builds opening a damaged or stale cache together
    rebuild it once, and neither removes the file under the other. Where no lock file can
    be made (a read-only folder) the file is opened without one."""

    def __init__(self, path: Path) -> None:
        from filelock import FileLock

        self._lock = FileLock(f"{path}.lock", timeout=BUSY_TIMEOUT, is_singleton=False)
        self._held = False

    def __enter__(self) -> None:
        from filelock import Timeout

        try:
            self._lock.acquire()
            self._held = True
        except OSError:
            pass
        except Timeout:
            raise sqlite3.OperationalError(
                f"another build has held {self._lock.lock_file} for {BUSY_TIMEOUT:g} s"
            ) from None

    def __exit__(self, *exc: object) -> None:
        if self._held:
            self._lock.release()


class ExtractionCache:
    """Extractions per document in an SQLite file; see the module docstring.

    Use as a context manager, or call `close`; writes are committed in groups and at close.

    Parameters
    ----------
    path
        The database file; created (with its folder) when missing. Anything there that is
        not a graphbuild cache raises `NotACache` (see `check_cache_path`).
    material
        The run's key material (model id, graphbuild version, `fingerprint`). A cache
        written with other material is emptied when opened.

    Examples
    --------
    >>> import tempfile
    >>> from graphbuild.model import Document, Extraction
    >>> path = Path(tempfile.mkdtemp()) / "cache.sqlite"
    >>> doc = Document("a.txt", "Modi met Putin.")
    >>> with ExtractionCache(path, "model-1") as cache:
    ...     cache.get(doc) is None
    ...     cache.put(doc, Extraction("a.txt", None))
    True
    >>> with ExtractionCache(path, "model-1") as cache:
    ...     cache.get(doc)
    Extraction(doc='a.txt', date=None, relations=(), mentions=())
    >>> with ExtractionCache(path, "model-2") as cache:  # other key material: rebuilt
    ...     cache.get(doc) is None, cache.rebuilt
    (True, 'written by another model, version or data')
    """

    def __init__(self, path: str | os.PathLike, material: str):
        self.path = Path(path)
        self.material = material
        self.rebuilt: str | None = None
        """Why the file was emptied when opened, or None when it was kept."""
        self.hits = 0
        self.misses = 0
        self.dropped = 0
        """Rows found corrupt and deleted."""
        self.unwritable: str | None = None
        """Why the file could not be written (a full disk), once it could not."""
        self._pending: dict[str, tuple[str, str]] = {}
        """Rows put and not yet written: key -> (payload, checksum)."""
        check_cache_path(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _opening_lock(self.path):  # one process at a time checks, or empties, the file
            self._db = self._open()

    # -- opening and checking -----------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT)
        try:
            db.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
        except sqlite3.DatabaseError:
            pass  # a read-only folder: the rollback journal it has
        db.execute("PRAGMA synchronous=NORMAL")
        return db

    def _open(self) -> sqlite3.Connection:
        try:
            db = self._connect()
            problem = self._check(db)
        except sqlite3.DatabaseError as error:  # not a database, truncated
            if is_busy(error):
                raise  # another build holds it: never empty a file in use
            problem = f"unreadable ({error})"
            db = None
        if problem is None and db is not None:
            try:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # marks an older cache
            except sqlite3.DatabaseError:
                pass  # read-only: it is still known by its tables
            return db
        if db is not None:
            db.close()
        self.rebuilt = problem
        log.warning("cache %s: %s; rebuilding it", self.path, problem)
        self._remove_files()
        db = self._connect()
        self._create(db)
        return db

    def _check(self, db: sqlite3.Connection) -> str | None:
        """None when `db` is a cache this run can trust, else why not."""
        query = "SELECT name FROM sqlite_master WHERE type='table'"
        tables = {row[0] for row in db.execute(query)}
        if not tables:
            self._create(db)
            return None
        if tables != {"meta", "extractions"}:
            return "not a graphbuild cache"
        (status,) = db.execute("PRAGMA quick_check").fetchone()
        if status != "ok":
            return f"damaged ({status})"
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("schema") != str(SCHEMA_VERSION):
            return f"schema {meta.get('schema')!r}, expected {SCHEMA_VERSION}"
        if meta.get("material") != self.material:
            return "written by another model, version or data"
        columns = [row[1] for row in db.execute("PRAGMA table_info(extractions)")]
        if columns != ["key", "payload", "checksum"]:
            return "unexpected table layout"
        return None

    def _create(self, db: sqlite3.Connection) -> None:
        # Idempotent and in one immediate transaction: two processes opening a new file
        # together both succeed, and neither takes the other's tables for a foreign file.
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute("BEGIN IMMEDIATE")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute(
            "CREATE TABLE IF NOT EXISTS extractions (key TEXT PRIMARY KEY, "
            "payload TEXT NOT NULL, checksum TEXT NOT NULL)"
        )
        db.executemany(
            "INSERT OR IGNORE INTO meta VALUES (?, ?)",
            [("schema", str(SCHEMA_VERSION)), ("material", self.material)],
        )
        db.execute("COMMIT")

    def _remove_files(self) -> None:
        for suffix in ("", "-journal", "-wal", "-shm"):
            try:
                Path(f"{self.path}{suffix}").unlink()
            except FileNotFoundError:
                pass

    # -- reading and writing ------------------------------------------------------------
    def get(self, document: Document) -> Extraction | None:
        """The stored extraction of `document`, or None (a miss, or a corrupt row)."""
        key = cache_key(document, self.material)
        try:
            row = (
                self._pending.get(key)
                or self._db.execute(
                    "SELECT payload, checksum FROM extractions WHERE key = ?", (key,)
                ).fetchone()
            )
        except sqlite3.DatabaseError as error:
            log.warning("cache %s: cannot read (%s); treating as a miss", self.path, error)
            self.misses += 1
            return None
        if row is None:
            self.misses += 1
            return None
        try:
            payload, checksum = row
            if not isinstance(payload, str) or not isinstance(checksum, str):
                raise CorruptEntry("payload or checksum is not text")
            if hashlib.sha256(payload.encode("utf-8")).hexdigest() != checksum:
                raise CorruptEntry("checksum mismatch")
            try:
                obj = json.loads(payload)
            except json.JSONDecodeError as error:
                raise CorruptEntry(f"bad JSON: {error.msg}") from None
            extraction = extraction_from_dict(obj)
        except (CorruptEntry, UnicodeError) as error:
            log.warning("cache %s: dropping a corrupt entry (%s)", self.path, error)
            self._delete(key)
            self.dropped += 1
            self.misses += 1
            return None
        self.hits += 1
        return _relabel(extraction, document)

    def put(self, document: Document, extraction: Extraction) -> None:
        """Store what `document` yielded (replacing any older entry); written to the file
        with the next `_COMMIT_EVERY` rows, or at `commit` / `close`."""
        if self.unwritable is not None:
            return
        record = extraction_to_dict(extraction)
        payload = json.dumps(record, ensure_ascii=False)
        if not payload.isascii() and not _encodable(payload):
            payload = json.dumps(record)  # lone surrogates, kept as \\udXXX escapes
        checksum = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        self._pending[cache_key(document, self.material)] = (payload, checksum)
        if len(self._pending) >= _COMMIT_EVERY:
            self.commit()

    def _stop_writing(self, error: sqlite3.DatabaseError) -> None:
        """Say once that the cache cannot be written, and store nothing more this run."""
        self.unwritable = str(error)
        log.warning("cache %s: cannot write (%s); storing nothing more", self.path, error)
        self._pending = {}
        try:
            self._db.rollback()
        except sqlite3.DatabaseError:
            pass

    def _delete(self, key: str) -> None:
        self._pending.pop(key, None)
        try:
            self._db.execute("DELETE FROM extractions WHERE key = ?", (key,))
        except sqlite3.DatabaseError:
            pass

    def commit(self) -> None:
        """Write pending entries to disk, in one short transaction."""
        if not self._pending:
            return
        rows = [(key, payload, checksum) for key, (payload, checksum) in self._pending.items()]
        self._pending = {}
        try:
            self._db.execute("BEGIN IMMEDIATE")  # waits up to BUSY_TIMEOUT for a writer
            self._db.executemany("INSERT OR REPLACE INTO extractions VALUES (?, ?, ?)", rows)
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as error:  # disk full, file removed, stuck writer
            self._stop_writing(error)

    def __len__(self) -> int:
        self.commit()
        return int(self._db.execute("SELECT COUNT(*) FROM extractions").fetchone()[0])

    def close(self) -> None:
        """Commit and close the file."""
        self.commit()
        self._db.close()

    def __enter__(self) -> ExtractionCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
