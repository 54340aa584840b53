"""Restoring a backup: the backup is checked first, the current file is kept aside, never deleted, and the
audit log never shrinks.

The backup is copied (backup API) to a temporary file beside the database and checked. Into that copy go the
current file's audit rows that the backup does not have (the log is append-only: a restore must not erase who
did what since the backup) and the audit row of the restore itself. Only then is the current file hard-linked
(or copied) to ``<tệp>.truoc-khoi-phuc-<thời điểm>`` with its journal, and the prepared copy replaces the
database in one rename. A crash at any point leaves under the real name either the old file or the restored
one with its audit row — never a restore without its record. A damaged backup is refused before anything is
touched.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from emulation_desk.errors import DatabaseDamagedError, KnownError
from emulation_desk.storage.backup import create_backup, remove_partials, snapshot
from emulation_desk.storage.backup_files import (
    BackupContents,
    _open_readonly,
    _os_error,
    fsync_dir,
    verify_file,
)
from emulation_desk.storage.health import quick_problems
from emulation_desk.storage.journal import SIDE_FILES, leftover_journal, remove_stale_side_files, side
from emulation_desk.storage.schema import migrate
from emulation_desk.storage.store import Store, connect, os_user, set_journal_mode, translate_error, utc_now

ASIDE_MARK = ".truoc-khoi-phuc-"
PARTIAL_MARK = ".khoi-phuc"


@dataclass(frozen=True)
class RestoreResult:
    backup: Path
    contents: BackupContents
    moved_aside: Path | None  # the file that was current before (None when there was none)
    safety_backup: Path | None  # a regular backup of the current data taken just before
    carried: int = 0  # audit rows of the current file carried into the restored one


def check_backup(backup: Path) -> BackupContents:
    """Full check of a backup before restoring it; the message says the current data is untouched."""
    if not backup.is_file():
        raise KnownError(f"Không tìm thấy bản sao lưu {backup}. Hãy chọn lại tệp.")
    try:
        return verify_file(backup)
    except DatabaseDamagedError as exc:
        raise DatabaseDamagedError(f"{exc.message} Không khôi phục từ bản sao lưu này; dữ liệu hiện tại giữ "
                                   "nguyên, không thay đổi gì. Hãy chọn một bản sao lưu khác.") from exc


def _aside_name(db_path: Path, stamp: str, mark: str = ASIDE_MARK) -> Path:
    aside = db_path.with_name(f"{db_path.name}{mark}{stamp}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = db_path.with_name(f"{db_path.name}{mark}{stamp}-{counter}")
    return aside


def keep_aside(db_path: Path, aside: Path) -> None:
    """Give the current file (and any journal beside it, which belongs to it alone) the name ``aside``."""
    try:
        os.link(db_path, aside)
    except OSError:  # no hard links (FAT32 stick): copy the closed, quiet file
        shutil.copyfile(db_path, aside)
        fd = os.open(aside, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    for suffix in SIDE_FILES:  # a journal must never meet the restored file
        if side(db_path, suffix).exists():
            os.replace(side(db_path, suffix), side(aside, suffix))


def _carry_audit(conn: sqlite3.Connection, current: Path) -> int:
    """Copy into ``conn`` (the prepared copy) the audit rows of ``current`` that it lacks; 0 when the current
    file cannot be read (it stays aside with all its rows)."""
    if not current.exists() or leftover_journal(current) is not None:
        return 0
    try:
        conn.execute("ATTACH DATABASE ? AS cur", [f"{current.resolve().as_uri()}?mode=ro"])
    except sqlite3.Error:
        return 0
    try:
        before = conn.total_changes
        conn.execute(
            "INSERT INTO main.audit_log (id, at, actor, host, action, entity, entity_id, summary, before_json, "
            "after_json) SELECT id, at, actor, host, action, entity, entity_id, summary, before_json, after_json "
            "FROM cur.audit_log WHERE id NOT IN (SELECT id FROM main.audit_log) ORDER BY seq")
        return conn.total_changes - before
    except sqlite3.DatabaseError:  # a damaged current file: its rows stay in the file kept aside
        return 0
    finally:
        conn.commit()
        with contextlib.suppress(sqlite3.Error):
            conn.execute("DETACH DATABASE cur")


def _prepare(partial: Path, db_path: Path, restore_row: list[object]) -> int:
    """The restored file's own last transaction: the carried audit rows and the restore's row."""
    conn = sqlite3.connect(partial.resolve().as_uri(), uri=True)  # uri: the current file is attached read-only
    try:
        conn.execute("PRAGMA synchronous = FULL")
        carried = _carry_audit(conn, db_path)
        with conn:
            conn.execute("INSERT INTO audit_log (id, at, actor, host, action, entity, entity_id, summary, "
                         "after_json) VALUES (?, ?, ?, ?, 'restore', 'database', '', ?, ?)", restore_row)
    finally:
        conn.close()
    return carried


def swap_in(db_path: Path, backup: Path, now: datetime | None = None, *, actor: str | None = None,
            safety: Path | None = None) -> tuple[BackupContents, Path | None, int]:
    """Put a checked copy of ``backup`` at ``db_path`` (the caller holds the writer lock, no connection)."""
    contents = check_backup(backup)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    remove_partials(db_path.parent, f"{db_path.name}{PARTIAL_MARK}")
    partial = db_path.with_name(f"{db_path.name}{PARTIAL_MARK}.{os.getpid()}.partial")
    aside = _aside_name(db_path, stamp) if db_path.exists() else None
    summary = f"Khôi phục dữ liệu từ bản sao lưu {backup.name}" + (
        f"; tệp trước khi khôi phục giữ tại {aside.name}" if aside else "")
    details = {"backup": str(backup), "moved_aside": str(aside) if aside else None,
               "safety_backup": str(safety) if safety else None}
    row: list[object] = [str(uuid.uuid4()), utc_now(), actor or os_user(), socket.gethostname(), summary,
                         json.dumps(details, ensure_ascii=False)]
    try:
        partial.unlink(missing_ok=True)
        source = _open_readonly(backup)
        try:
            snapshot(source, partial)
        finally:
            source.close()
        verify_file(partial, expected_version=contents.user_version, expected_counts=contents.counts)
        carried = _prepare(partial, db_path, row)
        if aside is not None:
            keep_aside(db_path, aside)
        os.replace(partial, db_path)
        fsync_dir(db_path.parent)
        remove_stale_side_files(db_path)
    except sqlite3.Error as exc:
        raise translate_error(exc, db_path) from exc
    except OSError as exc:
        raise _os_error(exc, db_path) from exc
    finally:
        for leftover in (partial, side(partial, "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
    return contents, aside, carried


def restore_into_store(store: Store, backup: Path, *, now: datetime | None = None) -> RestoreResult:
    """Restore over the database that ``store`` has open (it keeps its writer lock and is reattached)."""
    backup = Path(backup)
    check_backup(backup)
    safety: Path | None = None
    if not quick_problems(store.conn, store.path):
        safety = create_backup(store, "restore", now=now).path
    store.take_deferred_audit()
    detach(store)
    try:
        contents, aside, carried = swap_in(store.path, backup, now, actor=store.actor, safety=safety)
    finally:
        store.reattach(connect(store.path))
    migrate(store.conn, store.path)
    return RestoreResult(backup, contents, aside, safety, carried)


def detach(store: Store) -> None:
    """Close the writer's connection leaving a single quiet file (all WAL frames copied in, rollback mode)."""
    with contextlib.suppress(sqlite3.Error):
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        set_journal_mode(store.conn, "delete")
    store.conn.close()


def restore_to_path(db_path: Path, backup: Path, *, now: datetime | None = None, actor: str | None = None,
                    take_over_lock: bool = False) -> RestoreResult:
    """Restore without an open store (the command line, or after a damaged file was moved aside)."""
    from emulation_desk.storage.lock import acquire_lock

    db_path, backup = Path(db_path), Path(backup)
    check_backup(backup)
    with acquire_lock(db_path, take_over=take_over_lock):
        safety = _safety_backup(db_path, now)
        contents, aside, carried = swap_in(db_path, backup, now, actor=actor, safety=safety)
        conn = connect(db_path)
        try:
            migrate(conn, db_path)
        finally:
            conn.close()
    return RestoreResult(backup, contents, aside, safety, carried)


def _safety_backup(db_path: Path, now: datetime | None) -> Path | None:
    """A regular backup of the current file when it is healthy and quiet (a damaged one, or one with a journal
    of an interrupted operation beside it, is only kept aside — with that journal)."""
    if not db_path.exists() or db_path.stat().st_size == 0 or leftover_journal(db_path) is not None:
        return None
    try:
        conn = connect(db_path, readonly=True)
    except KnownError:
        return None
    store = Store(conn, db_path)
    try:
        if quick_problems(conn, db_path):
            return None
        return create_backup(store, "restore", now=now, log=False).path
    except DatabaseDamagedError:
        return None
    finally:
        conn.close()
