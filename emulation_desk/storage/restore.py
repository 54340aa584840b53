"""Restoring a backup: the backup is checked first, the current file is kept aside, never deleted.

The backup is copied (backup API) to a temporary file beside the database and checked; the current file
is hard-linked (or copied) to ``<tệp>.truoc-khoi-phuc-<thời điểm>`` with its journal, and the checked
copy then replaces the database in one rename. A crash at any point leaves either the old or the
restored database under the real name. A damaged backup is refused before anything is touched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from emulation_desk.errors import DatabaseDamagedError, KnownError
from emulation_desk.storage.backup import (
    BackupContents,
    _open_readonly,
    _os_error,
    create_backup,
    fsync_dir,
    snapshot,
    verify_file,
)
from emulation_desk.storage.db import Store, connect, migrate, translate_error
from emulation_desk.storage.health import quick_problems

ASIDE_MARK = ".truoc-khoi-phuc-"


@dataclass(frozen=True)
class RestoreResult:
    backup: Path
    contents: BackupContents
    moved_aside: Path | None  # the file that was current before (None when there was none)
    safety_backup: Path | None  # a regular backup of the current data taken just before


def check_backup(backup: Path) -> BackupContents:
    """Full check of a backup before restoring it; the message says the current data is untouched."""
    if not backup.is_file():
        raise KnownError(f"Không tìm thấy bản sao lưu {backup}. Hãy chọn lại tệp.")
    try:
        return verify_file(backup)
    except DatabaseDamagedError as exc:
        raise DatabaseDamagedError(f"{exc.message} Không khôi phục từ bản sao lưu này; dữ liệu hiện tại giữ "
                                   "nguyên, không thay đổi gì. Hãy chọn một bản sao lưu khác.") from exc


def _keep_aside(db_path: Path, stamp: str) -> Path | None:
    if not db_path.exists():
        return None
    aside = db_path.with_name(f"{db_path.name}{ASIDE_MARK}{stamp}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = db_path.with_name(f"{db_path.name}{ASIDE_MARK}{stamp}-{counter}")
    try:
        os.link(db_path, aside)
    except OSError:  # no hard links (FAT32 stick): copy the closed, quiet file
        shutil.copyfile(db_path, aside)
        fd = os.open(aside, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    journal = Path(f"{db_path}-journal")
    if journal.exists():  # a hot journal belongs to the old file: it must never meet the restored one
        os.replace(journal, Path(f"{aside}-journal"))
    return aside


def swap_in(db_path: Path, backup: Path, now: datetime | None = None) -> tuple[BackupContents, Path | None]:
    """Put a checked copy of ``backup`` at ``db_path`` (the caller holds the writer lock, no connection)."""
    contents = check_backup(backup)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    partial = db_path.with_name(f"{db_path.name}.khoi-phuc.partial")
    try:
        partial.unlink(missing_ok=True)
        source = _open_readonly(backup)
        try:
            snapshot(source, partial)
        finally:
            source.close()
        verify_file(partial, expected_version=contents.user_version, expected_counts=contents.counts)
        aside = _keep_aside(db_path, stamp)
        os.replace(partial, db_path)
        fsync_dir(db_path.parent)
    except sqlite3.Error as exc:
        raise translate_error(exc, db_path) from exc
    except OSError as exc:
        raise _os_error(exc, db_path) from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    return contents, aside


def _summary(backup: Path, aside: Path | None) -> str:
    kept = f"; tệp trước khi khôi phục giữ tại {aside.name}" if aside else ""
    return f"Khôi phục dữ liệu từ bản sao lưu {backup.name}{kept}"


def restore_into_store(store: Store, backup: Path, *, now: datetime | None = None) -> RestoreResult:
    """Restore over the database that ``store`` has open (it keeps its writer lock and is reattached)."""
    backup = Path(backup)
    check_backup(backup)
    safety: Path | None = None
    problems = quick_problems(store.conn, store.path)
    if not problems:
        safety = create_backup(store, "restore", now=now).path
    store.conn.close()
    try:
        contents, aside = swap_in(store.path, backup, now)
    finally:
        store.reattach(connect(store.path))
    _after_restore(store, backup, aside, safety)
    return RestoreResult(backup, contents, aside, safety)


def restore_to_path(db_path: Path, backup: Path, *, now: datetime | None = None, actor: str | None = None,
                    take_over_lock: bool = False) -> RestoreResult:
    """Restore without an open store (the command line, or after a damaged file was moved aside)."""
    from emulation_desk.storage.lock import acquire_lock

    db_path, backup = Path(db_path), Path(backup)
    check_backup(backup)
    with acquire_lock(db_path, take_over=take_over_lock):
        safety = _safety_backup(db_path, now)
        contents, aside = swap_in(db_path, backup, now)
        store = Store(connect(db_path), db_path, actor=actor)
        try:
            _after_restore(store, backup, aside, safety)
        finally:
            store.conn.close()
    return RestoreResult(backup, contents, aside, safety)


def _safety_backup(db_path: Path, now: datetime | None) -> Path | None:
    """A regular backup of the current file when it is healthy (a damaged one is only kept aside)."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    try:
        conn = connect(db_path)
    except KnownError:
        return None
    store = Store(conn, db_path)
    try:
        if quick_problems(conn, db_path):
            return None
        return create_backup(store, "restore", now=now).path
    except DatabaseDamagedError:
        return None
    finally:
        conn.close()


def _after_restore(store: Store, backup: Path, aside: Path | None, safety: Path | None) -> None:
    """Bring an older backup's schema up to date and record the restore in the restored file's log."""
    migrate(store.conn, store.path)
    with store.transaction():
        store.log("restore", "database", "", _summary(backup, aside),
                  after={"backup": str(backup), "moved_aside": str(aside) if aside else None,
                         "safety_backup": str(safety) if safety else None})
