"""The automatic backup in the background (:func:`write_backup`): a worker thread copies the database on its
own read-only connection while the clerk keeps working, then checks the copy and gives it its final name.

A save of the clerk never waits for this backup and never fails because of it:

- in WAL mode (a file on this PC's disk, see :mod:`~emulation_desk.storage.store`) the copy runs inside one read
  transaction: it sees one snapshot from the first page to the last, SQLite never restarts it, and the clerk's
  saves go on beside it (a reader does not block a writer in WAL mode). The row counts the copy is checked
  against are read in the same transaction, so they describe exactly what was copied;
- in rollback-journal mode (a network share the clerk confirmed) the copy advances in steps of ``STEP_PAGES``
  pages, each under a read lock of a few milliseconds; a save between steps makes SQLite restart the copy.
  After ``MAX_RESTARTS`` restarts the backup *pauses* until the file has been quiet for ``QUIET_S`` and starts
  again, and gives up after ``GIVE_UP_S`` (the next opening tries again) — it never takes one long read lock.

A ``cancel`` event stops the work between steps (and inside the check); the partial file is removed.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from emulation_desk.errors import StorageError
from emulation_desk.storage.backup import snapshot, write_backup_file
from emulation_desk.storage.backup_files import BackupInfo, _check_cancel, _slug, table_counts

STEP_PAGES = 2048  # pages per step of the copy (8 MB at the usual 4 KB page)
STEP_PAUSE_S = 0.002  # pause between steps: the disk serves the clerk's saves in between
MAX_RESTARTS = 6  # rollback-journal mode: restarts before the backup pauses for a quiet moment
QUIET_S = 2.0
GIVE_UP_S = 120.0
Progress = Callable[[int, int, str], None]  # (done, total, text)


class BackupGaveUp(StorageError):
    def __init__(self) -> None:
        super().__init__("Chưa sao lưu tự động được vì tệp dữ liệu được ghi liên tục trong suốt thời gian sao lưu; "
                         "lần mở sau chương trình sẽ sao lưu lại (hoặc chọn Sao lưu ngay khi rảnh).")


def _data_version(conn: sqlite3.Connection) -> int:
    """Changes when another connection commits to the file (SQLite's ``PRAGMA data_version``)."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def _is_wal(conn: sqlite3.Connection) -> bool:
    return str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"


class _Restarted(Exception):
    """Rollback-journal mode: a save came in, SQLite started the copy over too often."""


def _stepper(progress: Progress | None, cancel: threading.Event | None, pause: float,
             max_restarts: int | None, state: dict[str, int] | None = None,
             conn: sqlite3.Connection | None = None) -> Callable[[int, int, int], None]:
    """The progress callback of the backup API. Rollback-journal mode (``conn`` given): before each next step
    the file's data version is noted in ``state["seen"]``: a copy that ends without a restart holds the file as
    it was at that version."""
    state = {} if state is None else state
    state.update(done=0, restarts=0)

    def step(status: int, remaining: int, total: int) -> None:
        _check_cancel(cancel)
        if max_restarts is not None and status == sqlite3.SQLITE_OK and total - remaining <= state["done"]:
            state["restarts"] += 1
            if state["restarts"] > max_restarts:
                raise _Restarted
        state["done"] = total - remaining
        if remaining:
            if conn is not None:
                state["seen"] = _data_version(conn)
            if progress is not None:
                progress(total - remaining, total, "")
            time.sleep(pause)

    return step


def _copy_in_snapshot(conn: sqlite3.Connection, target: Path, pages: int,
                      step: Callable[[int, int, int], None]) -> tuple[int, dict[str, int]]:
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts here
        snapshot(conn, target, pages=pages, progress=step)
        return int(conn.execute("PRAGMA user_version").fetchone()[0]), table_counts(conn)
    finally:
        conn.execute("COMMIT")


def _wait_until_quiet(conn: sqlite3.Connection, cancel: threading.Event | None, started: float) -> None:
    """Pause until nobody saved for ``QUIET_S``; give up ``GIVE_UP_S`` after the backup began."""
    while True:
        if time.monotonic() - started > GIVE_UP_S:
            raise BackupGaveUp()
        version = _data_version(conn)
        if cancel is not None:
            cancel.wait(QUIET_S)
        else:
            time.sleep(QUIET_S)
        _check_cancel(cancel)
        if _data_version(conn) == version:
            return


def _copy_between_saves(conn: sqlite3.Connection, target: Path, pages: int, progress: Progress | None,
                        cancel: threading.Event | None, pause: float) -> tuple[int, dict[str, int]]:
    started = time.monotonic()
    while True:
        state = {"seen": _data_version(conn)}
        try:
            snapshot(conn, target, pages=pages, progress=_stepper(progress, cancel, pause, MAX_RESTARTS, state, conn))
        except _Restarted:
            pass
        else:
            conn.execute("BEGIN")  # the counts, in a read transaction of a tenth of a second
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                if _data_version(conn) == state["seen"]:
                    return int(conn.execute("PRAGMA user_version").fetchone()[0]), table_counts(conn)
            finally:
                conn.execute("COMMIT")
        target.unlink(missing_ok=True)  # restarted too often, or a save landed after the last step
        _wait_until_quiet(conn, cancel, started)


def snapshot_in_steps(conn: sqlite3.Connection, target: Path, *, progress: Progress | None = None,
                      cancel: threading.Event | None = None, pages: int | None = None,
                      pause: float | None = None) -> tuple[int, dict[str, int]]:
    """Copy the database behind ``conn`` (a connection of this thread, not used for writing) into the new
    file ``target`` while others may save; return the schema version and the row counts of exactly what was
    copied. ``pages``, ``pause``: ``STEP_PAGES``, ``STEP_PAUSE_S``."""
    pages = STEP_PAGES if pages is None else pages
    pause = STEP_PAUSE_S if pause is None else pause
    if _is_wal(conn):
        return _copy_in_snapshot(conn, target, pages, _stepper(progress, cancel, pause, None))
    return _copy_between_saves(conn, target, pages, progress, cancel, pause)


def write_backup(source: sqlite3.Connection, db_path: Path, reason: str = "daily", *,
                 now: datetime | None = None, progress: Progress | None = None,
                 cancel: threading.Event | None = None, thorough: bool = False) -> BackupInfo:
    """A checked backup of ``db_path`` into its backup folder, read through ``source`` (the worker's own
    read-only connection) while the clerk keeps working. Writes nothing into the database (the caller logs it
    on the store's thread) and does not rotate. The copy gets the quick check unless ``thorough`` (the weekly
    full check runs on it afterwards). Raises a known error (``BackupCancelled`` when ``cancel`` was set); the
    partial file never survives."""
    now = (now or datetime.now()).replace(microsecond=0)

    def copying(done: int, total: int, _text: str) -> None:
        if progress is not None:
            progress(done, total, f"Đang sao lưu tự động… {100 * done // max(total, 1)}%")

    def checking() -> None:
        if progress is not None:
            progress(0, 0, "Đang sao lưu tự động: kiểm tra bản sao lưu…")

    return write_backup_file(
        db_path, lambda partial: snapshot_in_steps(source, partial, progress=copying, cancel=cancel),
        now=now, slug=_slug(reason), cancel=cancel, thorough=thorough, checking=checking)
