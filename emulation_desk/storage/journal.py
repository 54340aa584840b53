"""Journals left beside the file by an interrupted program, and the file's journal mode at rest.

A program killed in the middle of a write leaves a *hot journal*: ``<tệp>-journal`` (rollback mode, a valid
header) or ``<tệp>-wal`` with frames (WAL mode). SQLite applies it on the next writable open; a read-only
connection cannot, and a copy of the file made without it may be incomplete. So:

- only the program holding the writer lock applies a journal, and first keeps the original bytes (the file
  and its journal) aside as ``<tệp>.truoc-phuc-hoi-<thời điểm>`` — a stray journal that does not belong to the
  file must never destroy the only original (:func:`keep_original`);
- a reader that finds a journal and no live writer recovers the file under the lock first, or, when it cannot
  write there, says exactly what to do (``store.InterruptedOperationError``).

At rest (after a clean close) the file is a single rollback-journal file; while a program holds it, it is in
WAL mode. :func:`header_mode` reads which from the header (bytes 18–19: 1 rollback journal, 2 WAL).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from datetime import datetime
from pathlib import Path

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
WAL_MAGICS = (bytes.fromhex("377f0682"), bytes.fromhex("377f0683"))
ORIGINAL_MARK = ".truoc-phuc-hoi-"
SIDE_FILES = ("-journal", "-wal", "-shm")


def side(db_path: Path, suffix: str) -> Path:
    return Path(f"{db_path}{suffix}")


def _starts_with(path: Path, magics: tuple[bytes, ...]) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        return False
    return any(head.startswith(m) for m in magics)


def leftover_journal(db_path: Path) -> Path | None:
    """The journal that SQLite would apply to ``db_path`` at its next writable open, if there is one (only
    meaningful when no program holds the file: a live writer's journal is its work in progress)."""
    journal = side(db_path, "-journal")
    if _starts_with(journal, (JOURNAL_MAGIC,)):
        return journal
    wal = side(db_path, "-wal")
    if _starts_with(wal, WAL_MAGICS) and wal.stat().st_size > 32:
        return wal
    return None


def header_mode(db_path: Path) -> str:
    """"wal" or "delete" from the file header ("" when it is not an SQLite file or cannot be read)."""
    try:
        with db_path.open("rb") as handle:
            head = handle.read(20)
    except OSError:
        return ""
    if len(head) < 20 or not head.startswith(b"SQLite format 3\x00"):
        return ""
    return "wal" if head[18] == 2 or head[19] == 2 else "delete"


def set_header_rollback(path: Path) -> None:
    """Mark a closed copy as a rollback-journal file (what ``PRAGMA journal_mode=DELETE`` writes): a backup copied
    page by page from a file in WAL mode inherits the WAL mark, and must stand alone on any medium."""
    with path.open("r+b") as handle:
        handle.seek(18)
        if handle.read(2) != b"\x01\x01":
            handle.seek(18)
            handle.write(b"\x01\x01")
            handle.flush()
            os.fsync(handle.fileno())


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def keep_original(db_path: Path, journal: Path, now: datetime | None = None) -> list[Path]:
    """Copy the file and its journal aside, byte for byte, before SQLite applies the journal; return the copies
    (the file's first). OSError when there is no room: then nothing is applied."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.name}{ORIGINAL_MARK}{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = db_path.with_name(f"{db_path.name}{ORIGINAL_MARK}{stamp}-{counter}")
    copies = [target, Path(f"{target}{journal.name.removeprefix(db_path.name)}")]
    try:
        for source, copy in zip((db_path, journal), copies, strict=True):
            shutil.copyfile(source, copy)
            _fsync(copy)
    except OSError:
        discard(copies)
        raise
    return copies


def discard(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def originals(db_path: Path) -> list[Path]:
    """Files kept aside before a journal was applied (newest first)."""
    return sorted(db_path.parent.glob(f"{db_path.name}{ORIGINAL_MARK}*"), reverse=True)


def remove_stale_side_files(db_path: Path) -> None:
    """After the file was closed cleanly or replaced: an empty ``-wal`` and a ``-shm`` without a WAL hold nothing."""
    wal, shm = side(db_path, "-wal"), side(db_path, "-shm")
    with contextlib.suppress(OSError):
        if wal.exists() and wal.stat().st_size == 0:
            wal.unlink()
    with contextlib.suppress(OSError):
        if shm.exists() and not wal.exists():
            shm.unlink()
