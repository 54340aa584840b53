"""The automatic backup in the background (:func:`write_backup`): a worker thread copies the database on its
own read-only connection while the clerk keeps working, then checks the copy and gives it its final name.

The copy advances in steps of ``STEP_PAGES`` pages with a short pause, so a
save waits at most one step; when a save lands between steps SQLite restarts the copy, and after
``MAX_RESTARTS`` restarts the rest is copied in one step under a read lock. The row counts the copy is checked
against are read in the same read transaction as the last step, so they describe exactly what was copied.
A ``cancel`` event stops the work between steps (and inside the check); the ``.partial`` file is removed.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from emulation_desk.storage.backup import (
    BackupInfo,
    _check_cancel,
    _fsync_file,
    _slug,
    next_backup_path,
    table_counts,
    write_checked,
)

STEP_PAGES = 1024  # pages per step of the copy in the background (4 MB at the usual 4 KB page)
STEP_PAUSE_S = 0.004  # pause between steps: a save of the clerk gets the file in between
MAX_RESTARTS = 6  # copies restarted by the clerk's saves before the rest is copied in one step
Progress = Callable[[int, int, str], None]  # (done, total, text)


def _data_version(conn: sqlite3.Connection) -> int:
    """Changes when another connection commits to the file (SQLite's ``PRAGMA data_version``)."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


class _TooBusy(Exception):
    """The copy in steps was restarted too often by the clerk's saves."""


def snapshot_in_steps(conn: sqlite3.Connection, target: Path, *, progress: Progress | None = None,
                      cancel: threading.Event | None = None, pages: int | None = None,
                      pause: float | None = None) -> tuple[int, dict[str, int]]:
    """Copy the database behind ``conn`` (a connection of this thread, not used for writing) into the new
    file ``target`` in steps while others may write; return the schema version and the row counts of
    exactly what was copied. The file is synced. ``pages``, ``pause``: ``STEP_PAGES``, ``STEP_PAUSE_S``."""
    pages = STEP_PAGES if pages is None else pages
    pause = STEP_PAUSE_S if pause is None else pause
    out = sqlite3.connect(target)
    try:
        out.execute("PRAGMA synchronous = FULL")
        max_restarts = MAX_RESTARTS
        state = {"done": 0, "restarts": 0, "seen": _data_version(conn)}

        def step(status: int, remaining: int, total: int) -> None:
            _check_cancel(cancel)
            if status == sqlite3.SQLITE_OK:
                if total - remaining <= state["done"]:  # no headway: a save came in, SQLite started over
                    state["restarts"] += 1
                    if state["restarts"] > max_restarts:
                        raise _TooBusy
                state["done"] = total - remaining
            if remaining:
                state["seen"] = _data_version(conn)  # the state copied so far is the state at this version
                if progress is not None:
                    progress(total - remaining, total, "")
                time.sleep(pause)

        try:
            conn.backup(out, pages=pages, progress=step, sleep=0.05)
            finished = True
        except _TooBusy:
            finished = False
        _check_cancel(cancel)
        conn.execute("BEGIN")  # a read lock: no save until the counts are read (a tenth of a second)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if not finished or _data_version(conn) != state["seen"]:
                conn.backup(out)  # saves came in between: copy the rest in one step under this read lock
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            counts = table_counts(conn)
        finally:
            conn.execute("COMMIT")
    finally:
        out.close()
    _fsync_file(target)
    return version, counts


def write_backup(source: sqlite3.Connection, db_path: Path, reason: str = "daily", *,
                 now: datetime | None = None, progress: Progress | None = None,
                 cancel: threading.Event | None = None) -> BackupInfo:
    """A checked backup of ``db_path`` into its backup folder, read through ``source`` (the worker's own
    read-only connection) in steps while the clerk keeps working. Writes nothing into the database (the
    caller logs it on the store's thread) and does not rotate. Raises a known error (``BackupCancelled``
    when ``cancel`` was set); the ``.partial`` file never survives."""
    now = (now or datetime.now()).replace(microsecond=0)
    slug = _slug(reason)
    final, seq = next_backup_path(db_path, now, slug)

    def copying(done: int, total: int, _text: str) -> None:
        if progress is not None:
            progress(done, total, f"Đang sao lưu tự động… {100 * done // max(total, 1)}%")

    def checking() -> None:
        if progress is not None:
            progress(0, 0, "Đang sao lưu tự động: kiểm tra bản sao lưu…")

    write_checked(final, lambda partial: snapshot_in_steps(source, partial, progress=copying, cancel=cancel),
                  cancel=cancel, checking=checking)
    return BackupInfo(final, now, slug, final.stat().st_size, seq)
