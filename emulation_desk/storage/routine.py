"""The routine after opening: the daily backup and the weekly full check.

It runs synchronously in :func:`open_routine` (the command line, tests) or, for the window, in three parts:
:func:`plan_routine` on the store's thread, :func:`run_routine` in a worker thread (own read-only connection;
the full check runs on the fresh backup, which SQLite copied from one snapshot, so the clerk's file is never
locked for the minute it takes at province scale) and :func:`finish_routine` back on the store's thread (audit
row, date of the check). Times later than now (a wrong clock) are reported and never trusted: they neither
stop the daily backup nor the weekly check.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from emulation_desk.errors import DatabaseDamagedError
from emulation_desk.storage.backup import create_backup, log_backup, policy_of, rotate_backups
from emulation_desk.storage.backup_files import (
    BackupCancelled,
    BackupInfo,
    BackupPolicy,
    future_notice,
    is_future,
    list_backups,
)
from emulation_desk.storage.health import FULL_CHECK_KEY
from emulation_desk.storage.store import Store

Progress = Callable[[int, int, str], None]  # (done, total, text)

FULL_CHECK_EVERY = timedelta(days=7)
BACKUP_EVERY = timedelta(days=1)


@dataclass
class OpenReport:
    """What the routine on opening did, for the window's status bar or a message."""

    full_check_ran: bool = False
    problems: list[str] = field(default_factory=list)
    backup: BackupInfo | None = None
    backup_error: str = ""
    notices: list[str] = field(default_factory=list)  # a wrong clock and the like: said, not acted on
    damaged: bool = False  # the file itself failed a check: the window runs its damage flow

    def messages(self) -> list[str]:
        out = [f"Kiểm tra dữ liệu: {p}" for p in self.problems] + [f"Lưu ý: {n}" for n in self.notices]
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


def last_full_check(store: Store) -> datetime | None:
    try:
        return datetime.fromisoformat(store.get_setting(FULL_CHECK_KEY)["at"])
    except (TypeError, KeyError, ValueError):
        return None


def full_check_due(store: Store, now: datetime) -> bool:
    """A week after the last full check — or at once when that check is dated later than now (a wrong clock
    would otherwise stop the weekly check for years)."""
    last = last_full_check(store)
    return last is None or is_future(last, now) or now - last >= FULL_CHECK_EVERY


def clock_notices(store: Store, now: datetime) -> list[str]:
    """What carries a time later than now: the clerk is told, and the routine does not trust it."""
    notes = [future_notice(f"Bản sao lưu {b.path.name}", b.created) for b in list_backups(store.path)
             if is_future(b.created, now)][:2]
    last = last_full_check(store)
    if last is not None and is_future(last, now):
        notes.append(future_notice("Lần kiểm tra toàn vẹn gần nhất", last))
    return notes


def backup_due(db_path: Path, now: datetime) -> bool:
    """No backup made within the last day — a backup named later than now does not count (a wrong clock)."""
    recent = [b for b in list_backups(db_path) if not is_future(b.created, now)]
    return not recent or now - recent[0].created >= BACKUP_EVERY


def backup_if_due(store: Store, now: datetime | None = None) -> BackupInfo | None:
    """The daily backup: taken when the newest one (by a believable time) is a day old or there is none."""
    now = now or datetime.now()
    if str(store.path) == ":memory:" or store.readonly or is_demo(store):
        return None
    if not backup_due(store.path, now):
        return None
    return create_backup(store, "daily", now=now)


def open_routine(store: Store, now: datetime | None = None) -> OpenReport:
    """Run once after the window opened the database: the weekly full check and the daily backup."""
    from emulation_desk.errors import KnownError

    now = now or datetime.now()
    report = OpenReport()
    if str(store.path) == ":memory:" or store.readonly or is_demo(store):
        return report
    report.notices = clock_notices(store, now)
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
    notices: tuple[str, ...] = ()


def plan_routine(store: Store, now: datetime | None = None) -> RoutinePlan | None:
    """The routine of this opening, or None when nothing is due (the demo, read-only, a backup younger than
    a day and a full check younger than a week). When the weekly check is due a backup is taken even if one
    is younger than a day: the check runs on that fresh copy, so the clerk's file is never locked for it."""
    now = now or datetime.now()
    if str(store.path) == ":memory:" or store.readonly or is_demo(store):
        return None
    check = full_check_due(store, now)
    notices = tuple(clock_notices(store, now))
    if not check and not backup_due(store.path, now):
        return None
    return RoutinePlan(store.path, now, check, policy_of(store), notices)


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
    """The routine's work, in a worker thread on its own read-only connection: the backup (the clerk may save
    meanwhile; the copy gets the quick check, or the full ``integrity_check`` when the weekly check is due), the
    weekly foreign-key check of that copy, the rotation. Nothing is written into
    the database here: :func:`finish_routine` does that on the store's thread. ``BackupCancelled`` when
    ``cancel`` was set (no ``.partial`` file is left)."""
    from emulation_desk.errors import KnownError
    from emulation_desk.storage.online_backup import write_backup
    from emulation_desk.storage.store import connect

    report = OpenReport(notices=list(plan.notices))
    try:
        source = connect(plan.db_path, readonly=True)
        try:
            report.backup = write_backup(source, plan.db_path, "daily", now=plan.now, progress=progress,
                                         cancel=cancel, thorough=plan.full_check)
        finally:
            source.close()
    except BackupCancelled:
        raise
    except DatabaseDamagedError as exc:  # the copy fails the integrity check: so does the file
        report.full_check_ran = plan.full_check
        report.problems = [f"bản chép của tệp dữ liệu không qua được kiểm tra toàn vẹn — {exc.message}"]
        report.backup_error = "tệp dữ liệu có lỗi (xem thông báo kiểm tra)."
        report.damaged = True
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
