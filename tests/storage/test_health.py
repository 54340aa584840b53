"""Checks on opening: a damaged file is detected, kept aside (never deleted) and a backup is offered."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from emulation_desk.errors import DatabaseLockedError, StorageError
from emulation_desk.services.workspace import open_workspace
from emulation_desk.storage.backup import create_backup, list_backups
from emulation_desk.storage.db import open_store
from emulation_desk.storage.health import DamagedDatabaseError, damaged_files
from emulation_desk.storage.restore import restore_to_path
from emulation_desk.storage.routine import open_routine

NOW = datetime(2026, 11, 26, 9, 0)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def office_with_backup(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "office.sqlite"
    ws = open_workspace(path)  # the catalog fills a few hundred rows over many pages
    with ws.store.transaction():
        for i in range(300):
            ws.store.insert("unit", {"name": f"Đơn vị số {i}", "name_key": f"don vi so {i}", "kind": "khac"})
    backup = create_backup(ws.store, "daily", now=NOW - timedelta(hours=5)).path
    ws.close()
    return path, backup


def overwrite_4k(path: Path, page: int) -> None:
    data = bytearray(path.read_bytes())
    data[page * 4096:(page + 1) * 4096] = bytes((i * 37 + 11) % 256 for i in range(4096))
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("page", [1, 3, 10, -2])
def test_a_damaged_file_is_detected_kept_aside_and_a_backup_offered(tmp_path: Path, page: int) -> None:
    path, backup = office_with_backup(tmp_path)
    pages = path.stat().st_size // 4096
    overwrite_4k(path, page % pages)
    damaged = sha(path)
    with pytest.raises(DamagedDatabaseError) as info:
        open_store(path)
    error = info.value
    assert "bị hỏng" in error.message and "Bản sao lưu tốt gần nhất lập lúc 04:00 ngày 26/11/2026" in error.message
    assert "300" in error.message or "đơn vị" in error.message
    assert error.offer is not None and error.offer.path == backup
    assert not path.exists() and error.moved_to is not None and sha(error.moved_to) == damaged
    assert error.moved_to.name.startswith("office.sqlite.damaged-")
    assert "restore" in error.details
    with pytest.raises(DamagedDatabaseError, match="chưa khôi phục"):
        open_store(path)  # never silently replaced by an empty file
    result = restore_to_path(path, error.offer.path)
    assert result.moved_aside is None
    store = open_store(path)
    assert store.scalar("SELECT count(*) FROM unit") == 300
    assert store.scalar("SELECT count(*) FROM audit_log WHERE action = 'restore'") == 1
    store.close()
    assert damaged_files(path) == [error.moved_to], "the damaged file stays"


def test_without_backups_the_message_says_what_to_do(tmp_path: Path) -> None:
    path, backup = office_with_backup(tmp_path)
    backup.unlink()
    overwrite_4k(path, 2)
    with pytest.raises(DamagedDatabaseError, match="Không tìm thấy bản sao lưu dùng được") as info:
        open_store(path)
    assert info.value.offer is None
    store = open_store(path, create_after_damage=True)  # the clerk chose to start over
    assert store.scalar("SELECT count(*) FROM unit") == 0
    store.close()


def test_a_file_that_is_not_a_database_is_left_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "thu.sqlite"
    path.write_bytes(b"Kinh gui anh chi. " * 500)
    with pytest.raises(StorageError):
        open_store(path)
    assert path.exists() and not damaged_files(path)


def test_a_file_busy_in_another_program_is_not_taken_for_damaged(tmp_path: Path) -> None:
    path, _backup = office_with_backup(tmp_path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLockedError, match="chương trình khác"):
            open_store(path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert path.exists() and not damaged_files(path)
    open_store(path).close()


def test_routine_on_opening_checks_weekly_and_backs_up_daily(tmp_path: Path) -> None:
    path, _backup = office_with_backup(tmp_path)
    store = open_store(path)
    report = open_routine(store, NOW)
    assert report.full_check_ran and report.problems == []
    assert report.backup is None, "the last backup is younger than a day"
    assert store.get_setting("last_full_check")["at"] == NOW.isoformat()
    later = open_routine(store, NOW + timedelta(days=1, hours=1))
    assert not later.full_check_ran and later.backup is not None and later.backup.slug == "hang-ngay"
    week = open_routine(store, NOW + timedelta(days=7))
    assert week.full_check_ran and week.backup is not None
    assert len(list_backups(path)) == 3
    store.close()


def test_the_demo_copy_is_never_backed_up_automatically(demo_path: Path) -> None:
    store = open_store(demo_path)
    assert open_routine(store, NOW).backup is None
    assert not list_backups(demo_path)
    store.close()


def test_a_file_left_as_the_program_closed_it_skips_the_quick_check(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from emulation_desk.storage import health
    from emulation_desk.storage.db import open_store

    path = tmp_path / "office.sqlite"
    open_store(path).close()
    assert Path(f"{path}{health.CLEAN_MARK}").exists()
    calls: list[Path] = []
    real = health.quick_problems
    monkeypatch.setattr(health, "quick_problems", lambda conn, target="": calls.append(Path(target)) or real(conn))
    open_store(path).close()
    assert calls == []  # unchanged since a clean close: nothing to check, and the mark was used up
    with path.open("r+b") as handle:  # touched by something else (copied, restored by hand, damaged…)
        handle.seek(0, 2)
        handle.write(b"")
    import os

    os.utime(path, ns=(1, 1))
    open_store(path).close()
    assert calls == [path]


@pytest.mark.parametrize("page", [1, 3, 10, -2])
def test_the_quick_check_of_a_copy_also_refuses_a_damaged_page(tmp_path: Path, page: int) -> None:
    from emulation_desk.errors import DatabaseDamagedError
    from emulation_desk.storage.backup import verify_file

    _, backup = office_with_backup(tmp_path)
    assert verify_file(backup, thorough=False).ok
    overwrite_4k(backup, page % (backup.stat().st_size // 4096))
    with pytest.raises(DatabaseDamagedError):
        verify_file(backup, thorough=False)


def test_backups_before_an_operation_get_the_quick_check_and_others_the_full_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from emulation_desk.services.maintenance import backup as services
    from emulation_desk.storage import backup as storage

    checks: list[bool] = []
    real = storage.verify_file

    def spy(path: Path, **kwargs: object):  # type: ignore[no-untyped-def]
        checks.append(bool(kwargs.get("thorough", True)))
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(storage, "verify_file", spy)
    ws = open_workspace(tmp_path / "office.sqlite")
    try:
        services.backup_before(ws, "import")
        services.make_backup(ws)
    finally:
        ws.close()
    assert checks == [False, True]
