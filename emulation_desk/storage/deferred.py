"""Audit rows of work done read-only while another window held the file (an export from the command line).

A read-only connection cannot write into the database, yet every export of personal data must be in the
audit log. Such rows are appended, one JSON line each, to ``<tệp>.nhat-ky-cho-ghi`` beside the database, under
an OS lock on that file; the program that holds the file for writing copies them into ``audit_log`` (when it
opens the file and when it closes it) and empties the side file in the same locked step. A line cut short by a
crash is skipped; each row keeps its own id, so a row copied twice is stored once.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

SUFFIX = ".nhat-ky-cho-ghi"
COLUMNS = ("id", "at", "actor", "host", "action", "entity", "entity_id", "summary", "before_json", "after_json")


def side_file(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SUFFIX)


@contextlib.contextmanager
def _locked(path: Path, *, create: bool) -> Iterator[int | None]:
    """The side file opened and locked (blocking: holders keep it for milliseconds); None when absent. A file
    removed by the merging program while this one waited is opened again."""
    flags = os.O_RDWR | os.O_APPEND | getattr(os, "O_BINARY", 0) | (os.O_CREAT if create else 0)
    for _attempt in range(20):
        try:
            fd = os.open(path, flags, 0o644)
        except FileNotFoundError:
            yield None
            return
        try:
            _lock(fd)
            if _same_file(fd, path):
                yield fd
                return
        finally:
            os.close(fd)  # closing releases the lock
    raise OSError(f"cannot lock {path}")


def _lock(fd: int) -> None:
    if sys.platform.startswith("win"):
        import msvcrt

        os.lseek(fd, 0x7FFF0000, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)


def _same_file(fd: int, path: Path) -> bool:
    if sys.platform.startswith("win"):
        return True  # an open file cannot be removed there: the merger only empties it
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (mine.st_dev, mine.st_ino)


def append(db_path: Path, rows: Sequence[Sequence[Any]]) -> None:
    """Append audit rows (values in :data:`COLUMNS` order) durably; OSError when the folder is read-only."""
    if not rows:
        return
    data = "".join(json.dumps(dict(zip(COLUMNS, row, strict=True)), ensure_ascii=False) + "\n" for row in rows)
    with _locked(side_file(db_path), create=True) as fd:
        assert fd is not None
        os.write(fd, data.encode("utf-8"))
        os.fsync(fd)


def _parse(text: str) -> list[tuple[Any, ...]]:
    rows = []
    for line in text.splitlines():
        try:
            item = json.loads(line)
            rows.append(tuple(item[c] for c in COLUMNS))
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by a crash
    return rows


def take(db_path: Path, store_rows: Callable[[list[tuple[Any, ...]]], None]) -> int:
    """Hand the waiting rows to ``store_rows`` (which commits them) and empty the side file; return the count.
    The side file is emptied only after ``store_rows`` returned, so an error keeps the rows for next time."""
    path = side_file(db_path)
    if not path.exists():
        return 0
    with _locked(path, create=False) as fd:
        if fd is None:
            return 0
        os.lseek(fd, 0, os.SEEK_SET)
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        rows = _parse(b"".join(chunks).decode("utf-8", errors="replace"))
        if rows:
            store_rows(rows)
        if sys.platform.startswith("win"):
            os.ftruncate(fd, 0)
            os.fsync(fd)
        else:  # removed while locked: a writer waiting on the old file sees it vanish and opens a new one
            path.unlink()
    return len(rows)
