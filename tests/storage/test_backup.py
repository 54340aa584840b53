"""Backups: checked before their final name, generations kept exactly as configured."""

from __future__ import annotations

import errno
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from emulation_desk.errors import DiskFullError, StorageError
from emulation_desk.services.workspace import Workspace
from emulation_desk.storage import backup as bk
from emulation_desk.storage.backup import BackupInfo, BackupPolicy, create_backup, kept_backups, list_backups
from emulation_desk.storage.db import schema_version

T0 = datetime(2026, 11, 26, 9, 0, 0)


def add_unit(ws: Workspace, name: str) -> None:
    with ws.store.transaction():
        ws.store.insert("unit", {"name": name, "name_key": name.lower(), "kind": "khac"})


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_backup_is_checked_named_by_time_and_reason_and_logged(ws: Workspace) -> None:
    add_unit(ws, "Phòng Nội vụ")
    info = create_backup(ws.store, "import", now=T0)
    assert info.path.name == "office_20261126-090000_truoc-nhap-du-lieu.sqlite"
    assert info.path.parent == ws.path.parent / "sao-luu"
    assert files_in(info.path.parent) == [info.path.name], "no temporary file is left"
    contents = bk.verify_file(info.path, expected_version=schema_version())
    assert contents.counts["unit"] == 1 and contents.counts == bk.table_counts(ws.store.conn) | {
        "audit_log": contents.counts["audit_log"]}
    logged = ws.store.query("SELECT * FROM audit_log WHERE action = 'backup'")
    assert len(logged) == 1 and info.path.name in logged[0]["summary"]
    second = create_backup(ws.store, "import", now=T0)
    assert second.path != info.path and second.seq == 1, "two backups in one second get distinct names"
    assert [b.path for b in list_backups(ws.path)] == [second.path, info.path]


def test_backup_to_a_chosen_file_never_overwrites(ws: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "usb" / "ban-sao.sqlite"
    create_backup(ws.store, to=target)
    assert bk.verify_file(target).user_version == schema_version()
    with pytest.raises(StorageError, match="đã có"):
        create_backup(ws.store, to=target)


@pytest.mark.parametrize("failure, error", [
    (OSError(errno.ENOSPC, "No space left on device"), DiskFullError),
    (OSError(errno.EROFS, "Read-only file system"), StorageError),
    (sqlite3.OperationalError("database or disk is full"), Exception),
])
def test_a_failed_backup_leaves_no_file_under_a_final_name(ws: Workspace, monkeypatch: pytest.MonkeyPatch,
                                                          failure: Exception, error: type[Exception]) -> None:
    real = bk.snapshot

    def half_then_fail(conn: sqlite3.Connection, target: Path) -> None:
        real(conn, target)
        target.write_bytes(target.read_bytes()[:5000])
        raise failure

    monkeypatch.setattr(bk, "snapshot", half_then_fail)
    with pytest.raises(error):
        create_backup(ws.store, now=T0)
    assert files_in(ws.path.parent / "sao-luu") == []
    assert ws.store.scalar("SELECT count(*) FROM audit_log WHERE action = 'backup'") == 0


def test_a_backup_that_fails_its_check_is_not_renamed(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    real = bk.snapshot

    def truncated(conn: sqlite3.Connection, target: Path) -> None:
        real(conn, target)
        data = bytearray(target.read_bytes())
        data[4096:8192] = b"\xa5" * 4096
        target.write_bytes(bytes(data))

    monkeypatch.setattr(bk, "snapshot", truncated)
    with pytest.raises(StorageError, match="không dùng được"):
        create_backup(ws.store, now=T0)
    assert files_in(ws.path.parent / "sao-luu") == []


def synthetic(every: timedelta, count: int, now: datetime) -> list[BackupInfo]:
    return [BackupInfo(Path(f"b{i:04d}"), now - i * every, "hang-ngay", 1) for i in range(count)]


@pytest.mark.parametrize("policy", [BackupPolicy(), BackupPolicy(1, 3, 2, 1), BackupPolicy(0, 5, 0, 3)])
def test_rotation_keeps_exactly_the_configured_generations(policy: BackupPolicy) -> None:
    now = datetime(2026, 11, 26, 23, 0)
    backups = synthetic(timedelta(hours=6), 4 * 800, now)  # four a day for 800 days
    kept = kept_backups(backups, policy, now)
    recent = {b.path for b in backups if b.created > now - timedelta(days=policy.keep_all_days)} or {
        backups[0].path}
    assert recent <= kept
    rest = sorted((b for b in backups if b.path in kept - recent), key=lambda b: b.created, reverse=True)
    assert len(rest) == policy.daily + policy.weekly + policy.monthly
    daily, weekly = rest[:policy.daily], rest[policy.daily:policy.daily + policy.weekly]
    monthly = rest[policy.daily + policy.weekly:]
    covered = {b.created.date() for b in backups if b.path in recent}
    assert len({b.created.date() for b in daily} - covered) == policy.daily
    assert all(b.created.hour == 23 for b in daily), "the newest backup of each day is kept"
    def week(b: BackupInfo) -> tuple[int, int]:
        return tuple(b.created.isocalendar())[:2]  # type: ignore[return-value]

    def month(b: BackupInfo) -> tuple[int, int]:
        return b.created.year, b.created.month

    newer = [b for b in backups if b.path in recent] + daily
    assert len({week(b) for b in weekly}) == policy.weekly
    assert not {week(b) for b in weekly} & {week(b) for b in newer}, "a week is kept once"
    assert len({month(b) for b in monthly}) == policy.monthly
    assert not {month(b) for b in monthly} & {month(b) for b in newer + weekly}, "a month is kept once"
    assert kept_backups([b for b in backups if b.path in kept], policy, now) == kept, "rotation is stable"


def test_rotation_on_disk_keeps_checked_generations(ws: Workspace) -> None:
    with ws.store.transaction():
        ws.store.set_setting(bk.POLICY_KEY, BackupPolicy(1, 3, 2, 1).to_setting())
    start = datetime(2026, 9, 1, 8, 0)
    for day in range(0, 70, 2):  # a backup every other day
        add_unit(ws, f"Đơn vị {day}")
        create_backup(ws.store, "daily", now=start + timedelta(days=day))
    now = start + timedelta(days=68)
    remaining = list_backups(ws.path)
    assert len(remaining) == 1 + 3 + 2 + 1
    assert files_in(ws.path.parent / "sao-luu") == sorted(b.path.name for b in remaining)
    for backup in remaining:
        day = (backup.created - start).days
        contents = bk.verify_file(backup.path, expected_version=schema_version())
        assert contents.counts["unit"] == day // 2 + 1, "each generation holds the data of its day"
    assert remaining[0].created == now


def test_policy_setting_is_read_with_defaults() -> None:
    assert BackupPolicy.from_setting(None) == BackupPolicy(2, 14, 8, 12)
    assert BackupPolicy.from_setting({"daily": 3, "unknown": 1}) == BackupPolicy(daily=3)


def test_a_backup_before_an_operation_copies_the_file_itself_when_that_is_one_consistent_state(
        ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from emulation_desk.services.maintenance.backup import backup_before
    from emulation_desk.storage.backup_files import read_contents, table_counts

    add_unit(ws, "Phòng Nội vụ")  # committed frames in the WAL: checkpointed into the file before the copy
    assert Path(f"{ws.path}-wal").stat().st_size > 0
    used: list[str] = []
    real_file, real_api = bk.copy_file_snapshot, bk.snapshot
    monkeypatch.setattr(bk, "copy_file_snapshot", lambda *a: used.append("file") or real_file(*a))
    monkeypatch.setattr(bk, "snapshot", lambda *a, **k: used.append("api") or real_api(*a, **k))
    info = backup_before(ws, "import", log=False)
    assert info is not None and used == ["file"]
    with info.path.open("rb") as handle:
        handle.seek(18)
        assert handle.read(2) == b"\x01\x01"  # a stand-alone rollback-journal file
    assert read_contents(info.path).counts == table_counts(ws.store.conn)
    assert read_contents(info.path).counts["unit"] == ws.store.scalar("SELECT count(*) FROM unit")

    reader = sqlite3.connect(ws.path)  # another program reading: the WAL cannot be emptied into the file
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM unit").fetchone()
    try:
        add_unit(ws, "Phòng Tài chính")
        used.clear()
        info = backup_before(ws, "import", log=False)
    finally:
        reader.rollback()
        reader.close()
    assert info is not None and used == ["file", "api"]  # page by page from the snapshot instead
    assert read_contents(info.path).counts["unit"] == ws.store.scalar("SELECT count(*) FROM unit")


def test_a_file_copy_of_a_damaged_file_is_refused_and_never_named(ws: Workspace) -> None:
    from emulation_desk.errors import DatabaseDamagedError
    from emulation_desk.services.maintenance.backup import backup_before

    for n in range(300):
        add_unit(ws, f"Đơn vị {n}")
    ws.store.checkpoint("TRUNCATE")
    pages = ws.path.stat().st_size // 4096
    with ws.path.open("r+b") as handle:  # a page of the file goes bad under the open program
        handle.seek((pages - 2) * 4096)
        handle.write(b"\xa5" * 4096)
    with pytest.raises(DatabaseDamagedError):
        backup_before(ws, "import")
    assert [name for name in files_in(ws.path.parent / "sao-luu") if not name.startswith(".")] == []
