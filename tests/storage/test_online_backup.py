"""The backup in the background: one snapshot while another connection saves (WAL), pauses instead of long
locks (rollback journal), the counts of what was copied, cancelling, and the routine's three parts."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from emulation_desk.services.records.units import add_unit
from emulation_desk.services.workspace import Workspace
from emulation_desk.storage import online_backup
from emulation_desk.storage.backup import BackupCancelled, list_backups, verify_file
from emulation_desk.storage.db import connect, open_store
from emulation_desk.storage.online_backup import snapshot_in_steps, write_backup
from emulation_desk.storage.routine import (
    FULL_CHECK_KEY,
    finish_routine,
    plan_routine,
    run_routine,
)

NOW = datetime(2026, 11, 26, 9, 0, 0)


def _fill(ws: Workspace, units: int = 60) -> None:
    for index in range(units):
        add_unit(ws, f"Phòng thử nghiệm số {index:03d} " + "x" * 200, "phong_chuyen_mon")


@pytest.fixture
def office(ws: Workspace) -> Workspace:
    _fill(ws)
    return ws


def _saver(path: Path) -> tuple[sqlite3.Connection, list[int]]:
    """Another writer (as the clerk's window is, for the worker): one committed row per call."""
    conn = connect(path)
    done: list[int] = []
    return conn, done


def _save(conn: sqlite3.Connection, done: list[int]) -> None:
    conn.execute("INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, '1', 'x', 'x')",
                 [f"test_{len(done)}"])
    done.append(1)


def test_saves_during_the_copy_neither_wait_nor_restart_it(office: Workspace, tmp_path: Path) -> None:
    """WAL mode: the copy reads one snapshot; every save lands at once (no waiting: busy timeout 0) and the
    copy holds exactly the state it started from, counted in the same snapshot."""
    source = connect(office.path, readonly=True)
    writer, done = _saver(office.path)
    writer.execute("PRAGMA busy_timeout = 0")
    before = office.store.scalar("SELECT count(*) FROM settings")
    steps: list[int] = []

    def progress(done_pages: int, _total: int, _text: str) -> None:
        steps.append(done_pages)
        _save(writer, done)

    target = tmp_path / "copy.sqlite"
    version, counts = snapshot_in_steps(source, target, progress=progress, pages=4, pause=0)
    assert len(done) >= 3 and steps == sorted(steps), "never started over"
    assert counts["settings"] == before
    assert verify_file(target, expected_version=version, expected_counts=counts).ok
    assert office.store.scalar("SELECT count(*) FROM settings") == before + len(done)
    source.close()
    writer.close()


def test_a_save_is_never_blocked_by_the_backup_reading_its_counts(office: Workspace,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The backup's last step (the counts, and before the fix the rest of the copy) ran under a read lock that
    made a save fail ("đang bị một chương trình khác sử dụng") once the lock outlasted the busy timeout."""
    writer, done = _saver(office.path)
    writer.execute("PRAGMA busy_timeout = 0")
    failures: list[Exception] = []
    real_counts = online_backup.table_counts

    def counts_while_the_clerk_saves(conn: sqlite3.Connection) -> dict[str, int]:
        try:
            _save(writer, done)
        except sqlite3.OperationalError as exc:
            failures.append(exc)
        return real_counts(conn)

    monkeypatch.setattr(online_backup, "table_counts", counts_while_the_clerk_saves)
    source = connect(office.path, readonly=True)
    info = write_backup(source, office.path, now=NOW)
    source.close()
    writer.close()
    assert failures == [] and done == [1]
    assert verify_file(info.path).ok


def test_in_rollback_mode_the_backup_pauses_instead_of_locking(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A confirmed network share keeps the rollback journal: saves restart the copy; after too many restarts
    the backup waits for a quiet moment instead of copying the rest under one long read lock."""
    path = tmp_path / "office.sqlite"
    store = open_store(path, allow_network=True)
    store.wal_wanted = False
    _fill(Workspace(store), 30)
    store.close()
    source = connect(path, readonly=True)
    assert source.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    writer, done = _saver(path)
    writer.execute("PRAGMA busy_timeout = 0")
    monkeypatch.setattr(online_backup, "MAX_RESTARTS", 2)
    monkeypatch.setattr(online_backup, "QUIET_S", 0.05)
    failures: list[Exception] = []

    def progress(_done: int, _total: int, _text: str) -> None:
        if len(done) < 6:
            try:
                _save(writer, done)
            except sqlite3.OperationalError as exc:
                failures.append(exc)

    target = tmp_path / "copy.sqlite"
    version, counts = snapshot_in_steps(source, target, progress=progress, pages=2, pause=0)
    assert failures == [] and len(done) == 6
    assert counts["settings"] == store_count(path, "settings")
    assert verify_file(target, expected_version=version, expected_counts=counts).ok
    source.close()
    writer.close()


def store_count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_a_thread_saving_all_along_does_not_stop_the_backup(office: Workspace) -> None:
    """The clerk's window keeps saving (its own connection, another thread) while the worker copies."""
    stop, saved, failed = threading.Event(), [0], []

    def clerk() -> None:
        while not stop.is_set():
            try:
                add_unit(office, f"Đơn vị thêm {saved[0]}", "phong_chuyen_mon")
                saved[0] += 1
            except Exception as exc:  # reported by the assertion below
                failed.append(exc)
            stop.wait(0.005)

    thread = threading.Thread(target=clerk)
    thread.start()
    source = connect(office.path, readonly=True)
    try:
        info = write_backup(source, office.path, now=NOW)
    finally:
        stop.set()
        thread.join()
        source.close()
    assert not failed and saved[0] > 0
    assert verify_file(info.path).counts["unit"] <= office.store.scalar("SELECT count(*) FROM unit")
    assert [b.path for b in list_backups(office.path)] == [info.path]


def test_cancelling_leaves_no_partial_file(office: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(online_backup, "STEP_PAGES", 4)
    cancel = threading.Event()
    source = connect(office.path, readonly=True)
    steps: list[int] = []

    def progress(done: int, _total: int, _text: str) -> None:
        steps.append(done)
        if len(steps) == 2:
            cancel.set()

    with pytest.raises(BackupCancelled):
        write_backup(source, office.path, now=NOW, progress=progress, cancel=cancel)
    source.close()
    folder = office.path.parent / "sao-luu"
    assert steps and not list(folder.glob("*.partial*")) and not list_backups(office.path)


def test_the_check_of_the_copy_can_be_cancelled(office: Workspace) -> None:
    cancel = threading.Event()
    source = connect(office.path, readonly=True)

    def progress(_done: int, total: int, _text: str) -> None:
        if total == 0:  # the copy is done: the check begins
            cancel.set()

    with pytest.raises(BackupCancelled):
        write_backup(source, office.path, now=NOW, progress=progress, cancel=cancel)
    source.close()
    assert not list((office.path.parent / "sao-luu").glob("*.partial*")) and not list_backups(office.path)


def test_routine_plan_work_and_finish(office: Workspace) -> None:
    store = office.store
    plan = plan_routine(store, NOW)
    assert plan is not None and plan.full_check, "never checked: the weekly check is due"
    report = run_routine(plan, progress=lambda *_: None)
    assert report.full_check_ran and report.problems == [] and report.backup is not None
    assert store.get_setting(FULL_CHECK_KEY) is None, "the worker writes nothing into the database"
    finish_routine(store, plan, report)
    assert store.get_setting(FULL_CHECK_KEY)["at"] == NOW.isoformat()
    assert store.scalar("SELECT count(*) FROM audit_log WHERE action = 'backup'") == 1
    assert plan_routine(store, NOW + timedelta(hours=3)) is None, "backed up and checked: nothing due"
    daily = plan_routine(store, NOW + timedelta(days=1, hours=1))
    assert daily is not None and not daily.full_check
    week = plan_routine(store, NOW + timedelta(days=7, hours=1))
    assert week is not None and week.full_check


def test_the_weekly_check_of_the_copy_reports_broken_references(office: Workspace) -> None:
    other = sqlite3.connect(office.path)
    other.execute("PRAGMA foreign_keys = OFF")
    unit = other.execute("SELECT id FROM unit LIMIT 1").fetchone()[0]
    other.execute("UPDATE unit SET merged_into_id = ? WHERE id = ?", ["0" * 36, unit])
    other.commit()
    other.close()
    plan = plan_routine(office.store, NOW)
    assert plan is not None
    report = run_routine(plan)
    assert report.backup is not None and report.full_check_ran
    assert report.problems and "unit" in report.problems[0]
    assert any(m.startswith("Kiểm tra dữ liệu") for m in report.messages())


def test_the_demo_has_no_routine(demo_path: Path) -> None:
    store = open_store(demo_path)
    assert plan_routine(store, NOW) is None
    store.close()
