"""Checks on opening: a quick check every time, the full check weekly or on request; damaged files are
moved aside (never deleted) and the newest good backup is offered.

The routine after opening (daily backup, weekly full check) runs synchronously in :func:`open_routine` (the
command line, tests) or, for the window, in three parts: :func:`plan_routine` on the store's thread,
:func:`run_routine` in a worker thread (own read-only connection; the full check runs on the fresh backup,
which SQLite copied page by page, so the clerk's file is never locked for the minute it takes at province
scale) and :func:`finish_routine` back on the store's thread (audit row, date of the check)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from emulation_desk.errors import DatabaseDamagedError
from emulation_desk.storage.backup import (
    SQLITE_MAGIC,
    BackupCancelled,
    BackupContents,
    BackupInfo,
    BackupPolicy,
    backup_dir,
    create_backup,
    fsync_dir,
    list_backups,
    log_backup,
    newest_good_backup,
    policy_of,
    rotate_backups,
)
from emulation_desk.storage.db import Store, translate_error

Progress = Callable[[int, int, str], None]  # (done, total, text)

FULL_CHECK_KEY = "last_full_check"
FULL_CHECK_EVERY = timedelta(days=7)
BACKUP_EVERY = timedelta(days=1)
DAMAGED_MARK = ".damaged-"
_CORRUPT_CODES = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB


class DamagedDatabaseError(DatabaseDamagedError):
    """The database failed its check on opening; it was moved aside and a backup may be offered."""

    def __init__(self, message: str, *, db_path: Path, moved_to: Path | None,
                 offer: BackupInfo | None = None, offer_contents: BackupContents | None = None) -> None:
        details = (f"Để khôi phục bằng dòng lệnh: emulation-desk --db \"{db_path}\" restore \"{offer.path}\""
                   if offer else "")
        super().__init__(message, details=details)
        self.db_path = db_path
        self.moved_to = moved_to
        self.offer = offer
        self.offer_contents = offer_contents


def has_sqlite_header(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(16) == SQLITE_MAGIC
    except OSError:
        return False


CLEAN_MARK = ".dong-dung-cach"


def _fingerprint(target: Path) -> str:
    info = target.stat()
    return f"{info.st_size}:{info.st_mtime_ns}"


def mark_closed_cleanly(target: Path) -> None:
    """After the program closed the file itself, note its size and time beside it: while the file stays
    exactly so, the next opening can skip the quick check (at province scale it takes seconds)."""
    with contextlib.suppress(OSError):
        Path(f"{target}{CLEAN_MARK}").write_text(_fingerprint(target), encoding="ascii")


def take_clean_mark(target: Path) -> bool:
    """True when the file is exactly as this program left it on a clean close; the mark is removed, so a
    crash during this session leaves none and the next opening checks the file."""
    mark = Path(f"{target}{CLEAN_MARK}")
    try:
        noted = mark.read_text(encoding="ascii").strip()
    except OSError:
        return False
    with contextlib.suppress(OSError):
        mark.unlink()
    try:
        return noted == _fingerprint(target)
    except OSError:
        return False


def quick_problems(conn: sqlite3.Connection, path: Path | str = "") -> list[str]:
    """``PRAGMA quick_check`` findings (empty when fine); locks and I/O errors are raised, not reported."""
    try:
        return [r[0] for r in conn.execute("PRAGMA quick_check").fetchall() if r[0] != "ok"]
    except sqlite3.DatabaseError as exc:
        if ((getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF) in _CORRUPT_CODES:
            return [str(exc)]
        raise translate_error(exc, path) from exc


def damaged_files(db_path: Path) -> list[Path]:
    """Files moved aside as damaged for this database, newest first."""
    return sorted(db_path.parent.glob(f"{db_path.name}{DAMAGED_MARK}*"), reverse=True)


def quarantine(db_path: Path, now: datetime | None = None) -> Path:
    """Move a damaged database (with its journal) aside as ``<tệp>.damaged-<thời điểm>``; return the new path."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    moved = db_path.with_name(f"{db_path.name}{DAMAGED_MARK}{stamp}")
    counter = 1
    while moved.exists():
        counter += 1
        moved = db_path.with_name(f"{db_path.name}{DAMAGED_MARK}{stamp}-{counter}")
    os.replace(db_path, moved)
    for side in ("-journal", "-wal", "-shm"):
        companion = Path(f"{db_path}{side}")
        if companion.exists():
            with contextlib.suppress(OSError):
                os.replace(companion, Path(f"{moved}{side}"))
    fsync_dir(db_path.parent)
    return moved


def offer_text(db_path: Path) -> tuple[str, BackupInfo | None, BackupContents | None]:
    """The Vietnamese sentence offering the newest good backup (and the backup itself)."""
    found = newest_good_backup(db_path)
    if found is None:
        return (f"Không tìm thấy bản sao lưu dùng được trong thư mục {backup_dir(db_path)}. Hãy liên hệ cán bộ "
                "tin học để cứu dữ liệu từ tệp hỏng; không xóa tệp hỏng.", None, None)
    backup, contents = found
    when = backup.created.strftime("%H:%M ngày %d/%m/%Y")
    return (f"Bản sao lưu tốt gần nhất lập lúc {when} ({contents.summary()}). "
            "Hãy khôi phục dữ liệu từ bản sao lưu này.", backup, contents)


def damaged_error(db_path: Path, moved: Path | None, why: str) -> DamagedDatabaseError:
    kept = (f" Tệp hỏng được giữ nguyên với tên {moved.name} (không bị xóa)." if moved else "")
    offer, backup, contents = offer_text(db_path)
    return DamagedDatabaseError(f"Tệp dữ liệu {db_path} bị hỏng: {why}.{kept} {offer}", db_path=db_path,
                                moved_to=moved, offer=backup, offer_contents=contents)


def refuse_after_damage(db_path: Path) -> None:
    """A database that was moved aside as damaged is not silently replaced by an empty one."""
    damaged = damaged_files(db_path)
    if damaged and not db_path.exists():
        offer, backup, contents = offer_text(db_path)
        raise DamagedDatabaseError(
            f"Tệp dữ liệu {db_path} đã bị hỏng trước đây và được giữ lại với tên {damaged[0].name}; chưa khôi "
            f"phục. {offer} Nếu muốn bắt đầu với tệp dữ liệu trống, hãy chọn “Tạo tệp mới”.",
            db_path=db_path, moved_to=damaged[0], offer=backup, offer_contents=contents)


# ---------------------------------------------------------------------------------------------- routine
@dataclass
class OpenReport:
    """What the routine on opening did, for the window's status bar or a message."""

    full_check_ran: bool = False
    problems: list[str] = field(default_factory=list)
    backup: BackupInfo | None = None
    backup_error: str = ""

    def messages(self) -> list[str]:
        out = [f"Kiểm tra dữ liệu: {p}" for p in self.problems]
        if self.backup is not None:
            out.append(f"Đã sao lưu tự động: {self.backup.path.name}")
        if self.backup_error:
            out.append(f"Chưa sao lưu tự động được: {self.backup_error}")
        return out


def is_demo(store: Store) -> bool:
    """The demo database is a throwaway copy: automatic backups and checks skip it."""
    return bool(store.scalar("SELECT 1 FROM audit_log WHERE entity = 'demo' AND action = 'create' LIMIT 1"))


def full_check(store: Store, now: datetime | None = None) -> list[str]:
    """integrity_check + foreign_key_check; remember when (setting ``last_full_check``)."""
    problems = store.integrity_problems(full=True)
    if not store.readonly:
        with store.transaction():
            store.set_setting(FULL_CHECK_KEY, {"at": (now or datetime.now()).isoformat(timespec="seconds"),
                                               "problems": len(problems)})
    return problems


def full_check_due(store: Store, now: datetime) -> bool:
    last = store.get_setting(FULL_CHECK_KEY)
    try:
        return now - datetime.fromisoformat(last["at"]) >= FULL_CHECK_EVERY
    except (TypeError, KeyError, ValueError):
        return True


def backup_if_due(store: Store, now: datetime | None = None) -> BackupInfo | None:
    """The daily backup: taken when the newest one is a day old or there is none."""
    now = now or datetime.now()
    if str(store.path) == ":memory:" or store.readonly or is_demo(store):
        return None
    backups = list_backups(store.path)
    if backups and now - backups[0].created < BACKUP_EVERY:
        return None
    return create_backup(store, "daily", now=now)


def open_routine(store: Store, now: datetime | None = None) -> OpenReport:
    """Run once after the window opened the database: the weekly full check and the daily backup."""
    from emulation_desk.errors import KnownError

    now = now or datetime.now()
    report = OpenReport()
    if str(store.path) == ":memory:" or store.readonly or is_demo(store):
        return report
    if full_check_due(store, now):
        report.full_check_ran = True
        report.problems = full_check(store, now)
    try:
        report.backup = backup_if_due(store, now)
    except KnownError as exc:
        report.backup_error = exc.message
    return report


# ---------------------------------------------------------------------------------------------- in the background
@dataclass(frozen=True)
class RoutinePlan:
    """What the routine on opening has to do, decided on the store's thread (cheap reads only)."""

    db_path: Path
    now: datetime
    full_check: bool
    policy: BackupPolicy


def plan_routine(store: Store, now: datetime | None = None) -> RoutinePlan | None:
    """The routine of this opening, or None when nothing is due (the demo, read-only, a backup younger than
    a day and a full check younger than a week). When the weekly check is due a backup is taken even if one
    is younger than a day: the check runs on that fresh copy, so the clerk's file is never locked for it."""
    now = now or datetime.now()
    if str(store.path) == ":memory:" or store.readonly or is_demo(store):
        return None
    check = full_check_due(store, now)
    backups = list_backups(store.path)
    if not check and backups and now - backups[0].created < BACKUP_EVERY:
        return None
    return RoutinePlan(store.path, now, check, policy_of(store))


def foreign_key_problems(path: Path, cancel: threading.Event | None = None) -> list[str]:
    """``PRAGMA foreign_key_check`` of a database file (a fresh backup), read-only and cancellable."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if cancel is not None:
            conn.set_progress_handler(lambda: int(cancel.is_set()), 10_000)
        rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.Error as exc:
        if cancel is not None and cancel.is_set():
            raise BackupCancelled() from exc
        return [f"Không kiểm tra được tham chiếu giữa các bảng: {exc}"]
    finally:
        conn.close()
    return [f"Bảng {table}, dòng {rowid}: tham chiếu tới bản ghi không tồn tại trong bảng {parent}."
            for table, rowid, parent, _fk in rows]


def run_routine(plan: RoutinePlan, progress: Progress | None = None,
                cancel: threading.Event | None = None) -> OpenReport:
    """The routine's work, in a worker thread on its own read-only connection: the backup in steps (the
    clerk may save meanwhile), the full check of that copy when due, the rotation. Nothing is written into
    the database here: :func:`finish_routine` does that on the store's thread. ``BackupCancelled`` when
    ``cancel`` was set (no ``.partial`` file is left)."""
    from emulation_desk.errors import KnownError
    from emulation_desk.storage.db import connect
    from emulation_desk.storage.online_backup import write_backup

    report = OpenReport()
    try:
        source = connect(plan.db_path, readonly=True)
        try:
            report.backup = write_backup(source, plan.db_path, "daily", now=plan.now, progress=progress,
                                         cancel=cancel)
        finally:
            source.close()
    except BackupCancelled:
        raise
    except DatabaseDamagedError as exc:  # the copy fails the integrity check: so does the file
        report.full_check_ran = plan.full_check
        report.problems = [f"bản chép của tệp dữ liệu không qua được kiểm tra toàn vẹn — {exc.message}"]
        report.backup_error = "tệp dữ liệu có lỗi (xem thông báo kiểm tra)."
        return report
    except KnownError as exc:
        report.backup_error = exc.message
        return report
    if plan.full_check:
        if progress is not None:
            progress(0, 0, "Đang kiểm tra dữ liệu định kỳ (trên bản sao lưu vừa lập)…")
        report.problems = foreign_key_problems(report.backup.path, cancel)
        report.full_check_ran = True
    rotate_backups(plan.db_path, plan.policy, plan.now)
    return report


def finish_routine(store: Store, plan: RoutinePlan, report: OpenReport) -> None:
    """On the store's thread after :func:`run_routine`: the backup's audit row and the date of the check."""
    if report.backup is not None:
        log_backup(store, report.backup)
    if report.full_check_ran and not store.readonly:
        with store.transaction():
            store.set_setting(FULL_CHECK_KEY, {"at": plan.now.isoformat(timespec="seconds"),
                                               "problems": len(report.problems)})
