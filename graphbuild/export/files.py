"""Atomic file writing shared by every exporter, one file (`atomic_write`) or a set of
files swapped in together (`output_set`), and the lock that lets one build at a time write
an output folder (`output_lock`).

A writer killed mid-way (a full disk, a power cut, Ctrl-C) leaves at most hidden
temporary names behind (``.NAME.XXXXXXXX.tmp`` files, ``.graphbuild-staging-*`` folders);
`output_set` removes those of earlier runs before it writes.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

LOCK_NAME = ".graphbuild.lock"
"""The lock file of an output folder, held by the build writing it (see `output_lock`)."""

STAGING_PREFIX = ".graphbuild-staging-"
"""Name start of the hidden folder a set of outputs is written into first."""

_STRAY_TMP = re.compile(r"\A\..+\.[A-Za-z0-9_]{8}\.tmp\Z")
"""The names `atomic_write` gives its temporary files (`tempfile.mkstemp`'s 8 letters)."""


@contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", **kwargs) -> Iterator[IO]:
    """Write to a temporary file beside `path` and rename it into place on success.

    A reader never sees a half-written file, and a failed write leaves any previous
    file untouched. `kwargs` go to `open` (e.g. `encoding="utf-8"`, `newline=""`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> with atomic_write(target, encoding="utf-8") as fh:
    ...     _ = fh.write("hello")
    >>> target.read_text()
    'hello'
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


@contextmanager
def output_set(folder: str | os.PathLike) -> Iterator[Path]:
    """A hidden staging folder inside `folder`; when the block succeeds, every file in it
    is renamed into `folder`, so the outputs of one run appear together.

    When the block raises (a writer fails, the disk is full), the staging folder is
    removed and `folder` keeps the files it had: never a new graph.html beside an old
    edges.csv. Strays of earlier runs that were killed are removed first.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> with output_set(out) as staging:
    ...     _ = (staging / "a.txt").write_text("a")
    ...     _ = (staging / "b.txt").write_text("b")
    >>> sorted(p.name for p in out.iterdir())
    ['a.txt', 'b.txt']
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    remove_strays(target)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=target))
    try:
        yield staging
        for entry in sorted(staging.iterdir()):
            os.replace(entry, target / entry.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


class FolderLocked(RuntimeError):
    """Another process holds the lock of an output folder."""


@contextmanager
def output_lock(folder: str | os.PathLike) -> Iterator[Path | None]:
    """Hold the lock file of `folder` (`LOCK_NAME`) for the block, or raise `FolderLocked`
    at once when another build holds it: two builds into one folder would mix their files
    and remove each other's staging folder.

    The lock is the operating system's (`filelock`, flock on Unix), so a killed build
    never leaves it held. A folder where no lock file can be made (read-only) is not
    locked, and yields None: the write that follows fails and says so.

    Examples
    --------
    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> with output_lock(out):
    ...     with output_lock(out):
    ...         pass
    Traceback (most recent call last):
    ...
    graphbuild.export.files.FolderLocked: another graphbuild build is writing to ...
    """
    from filelock import FileLock, Timeout

    target = Path(folder)
    path = target / LOCK_NAME
    try:
        target.mkdir(parents=True, exist_ok=True)
        lock = FileLock(path, timeout=0, thread_local=False, is_singleton=False)
        lock.acquire()
    except Timeout:
        raise FolderLocked(
            f"another graphbuild build is writing to {target} (it holds {path}); wait for "
            "it to end, or give another --out"
        ) from None
    except OSError:
        yield None
        return
    try:
        yield path
    finally:
        lock.release()


def remove_strays(folder: Path) -> None:
    """Remove the temporary files and staging folders that killed writes left in `folder`."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        try:
            if entry.name.startswith(STAGING_PREFIX) and entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            elif _STRAY_TMP.match(entry.name) and entry.is_file():
                entry.unlink()
        except OSError:
            pass
