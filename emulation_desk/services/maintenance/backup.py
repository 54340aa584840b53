"""Backups and restore as user actions: what the backup dialog, the menus and the command line call.

Services that change much at once call :func:`backup_before` first, outside their transaction::

    backup_before(ws, "import")   # before a spreadsheet import
    backup_before(ws, "bulk")     # before a bulk change (many records at once)
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from emulation_desk.core.text import format_int
from emulation_desk.errors import KnownError
from emulation_desk.services.workspace import Workspace
from emulation_desk.storage.backup import create_backup, policy_of
from emulation_desk.storage.backup_files import (
    POLICY_KEY,
    REASONS,
    BackupInfo,
    BackupPolicy,
    backup_dir,
    list_backups,
)
from emulation_desk.storage.restore import RestoreResult, restore_into_store, restore_to_path
from emulation_desk.storage.routine import (
    OpenReport,
    Progress,
    RoutinePlan,
    finish_routine,
    is_demo,
    open_routine,
    plan_routine,
    run_routine,
)

__all__ = ["REASONS", "OpenReport", "RestoreResult", "RoutinePlan", "backup_before", "backup_folder",
           "backup_policy", "backup_rows", "finish_opening", "make_backup", "on_open", "opening_plan", "restore",
           "restore_file", "run_opening", "set_backup_policy"]


def backup_before(ws: Workspace, reason: str, *, log: bool = True) -> BackupInfo | None:
    """A checked backup before a risky operation (``reason``: "import", "bulk", "restore",
    "empty_trash", "migration" or a short slug). Call it before opening the operation's transaction;
    a failure raises a known error and the operation should not start. The demo copy is skipped.
    ``log=False`` leaves the audit row to the caller, to write inside its own transaction (an import that
    fails must leave the database byte-identical, so its backup's row rolls back with it).

    The copy gets the quick check, not the full one: it is a page-for-page copy of a file that was checked on
    opening and is checked in full every week, and at province scale the full check would hold the clerk's
    import for 20 seconds more (see :func:`storage.backup.verify_file`). The file itself is copied when that is safe
    (a third of the backup API's time on a province file, :func:`storage.backup.copy_file_snapshot`)."""
    store = ws.store
    if str(store.path) == ":memory:" or store.readonly or is_demo(store):
        return None
    return create_backup(store, reason, log=log, thorough=False, file_copy=True)


def make_backup(ws: Workspace, *, to: Path | str | None = None) -> BackupInfo:
    """A backup on request: into the backup folder, or one file at ``to``."""
    return create_backup(ws.store, "manual", to=to)


def backup_folder(target: Workspace | Path) -> Path:
    """The backup folder of an open workspace or of a database file."""
    return backup_dir(target if isinstance(target, Path) else target.store.path)


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{format_int(max(1, size // 1024))} KB"


def backup_rows(db_path: Path) -> list[dict[str, Any]]:
    """The backups of a database, newest first, with what each holds (read from the file, read-only)."""
    rows = []
    for info in list_backups(db_path):
        contents = info.contents()
        rows.append({
            "path": info.path, "name": info.path.name, "created": info.created.isoformat(sep=" "),
            "created_text": info.created.strftime("%d/%m/%Y %H:%M:%S"), "reason": info.reason_label,
            "size": info.size, "size_text": _size_text(info.size), "ok": contents.ok,
            "years": ", ".join(str(y) for y in contents.years), "contents": contents.summary(),
            "nominations": contents.counts.get("nomination", 0), "decisions": contents.counts.get("decision", 0),
            "info": info,
        })
    return rows


def restore(ws: Workspace, backup: Path | str, *, now: datetime | None = None) -> RestoreResult:
    """Restore a backup over the open workspace (current file kept aside, a safety backup taken)."""
    result = restore_into_store(ws.store, Path(backup), now=now)
    ws.invalidate()
    return result


def restore_file(db_path: Path | str, backup: Path | str, *, now: datetime | None = None) -> RestoreResult:
    """Restore when no workspace is open (the command line; after a damaged file was moved aside)."""
    return restore_to_path(Path(db_path), Path(backup), now=now)


def on_open(ws: Workspace, now: datetime | None = None) -> OpenReport:
    """Call once after the window opened a real database: weekly full check, daily backup."""
    return open_routine(ws.store, now)


def opening_plan(ws: Workspace, now: datetime | None = None) -> RoutinePlan | None:
    """The window's routine on opening, in the background: what is due (None: nothing; the demo skips)."""
    return plan_routine(ws.store, now)


def run_opening(plan: RoutinePlan, progress: Progress | None = None,
                cancel: threading.Event | None = None) -> OpenReport:
    """The routine's work in a worker thread (its own connection; the clerk may keep working)."""
    return run_routine(plan, progress, cancel)


def finish_opening(ws: Workspace, plan: RoutinePlan, report: OpenReport) -> list[str]:
    """Back on the window's thread: record the backup and the check; the messages for the status bar."""
    finish_routine(ws.store, plan, report)
    return report.messages()


def backup_policy(ws: Workspace) -> BackupPolicy:
    return policy_of(ws.store)


def set_backup_policy(ws: Workspace, policy: BackupPolicy) -> None:
    if min(policy.to_setting().values()) < 0 or policy.keep_all_days + policy.daily == 0:
        raise KnownError("Phải giữ ít nhất các bản sao lưu của những ngày gần đây.")
    with ws.store.transaction():
        ws.store.set_setting(POLICY_KEY, policy.to_setting())


# ---------------------------------------------------------------------------------------------- damage while working
def set_aside_damaged(ws: Workspace) -> Any:
    """The open file turned out damaged while working: move it aside (the writer lock kept) and return the
    Vietnamese account of it — what happened, where the damaged file is kept, the newest good backup
    (:class:`~emulation_desk.storage.health.DamagedDatabaseError`, whose ``offer`` is that backup)."""
    from emulation_desk.storage.backup_files import lineage
    from emulation_desk.storage.db import set_aside_damaged as set_aside
    from emulation_desk.storage.health import damage_found

    database_id = lineage(ws.store.conn)[1]  # "" when the settings page itself is the damaged one
    moved = set_aside(ws.store)
    ws.invalidate()
    return damage_found(ws.path, moved=moved, database_id=database_id)


def restore_after_damage(ws: Workspace, backup: Path | str) -> RestoreResult:
    """After :func:`set_aside_damaged`: the checked backup put in place and the workspace reopened on it."""
    from emulation_desk.storage.db import restore_damaged

    result = restore_damaged(ws.store, Path(backup))
    ws.invalidate()
    return result
