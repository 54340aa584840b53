"""The backup in the background: in steps while another connection saves, restarts, the fallback step, the
counts of what was copied, cancelling, and the routine's three parts (plan, work, finish)."""

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
from emulation_desk.storage.health import (
    FULL_CHECK_KEY,
    finish_routine,
    plan_routine,
    run_routine,
)
from emulation_desk.storage.online_backup import snapshot_in_steps, write_backup

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


@pytest.mark.parametrize(("saves", "restarts"), [(0, 6), (2, 6), (50, 2)])
def test_copy_in_steps_holds_exactly_what_was_copied(office: Workspace, tmp_path: Path, saves: int,
                                                      restarts: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Saves land between steps (SQLite restarts the copy); after too many restarts the rest is copied in one
    step under a read lock. Either way the counts read with the copy match the copy."""
    monkeypatch.setattr(online_backup, "MAX_RESTARTS", restarts)
    source = connect(office.path, readonly=True)
    writer, done = _saver(office.path)
    calls = [0]

    def progress(_done: int, _total: int, _text: str) -> None:
        calls[0] += 1
        if len(done) < saves:
            _save(writer, done)

    target = tmp_path / "copy.sqlite"
    version, counts = snapshot_in_steps(source, target, progress=progress, pages=4, pause=0)
    assert calls[0] >= 3
    assert len(done) == saves if saves <= restarts else len(done) == restarts + 1, "one save per restart"
    assert verify_file(target, expected_version=version, expected_counts=counts).ok
    copied = sqlite3.connect(target)
    assert copied.execute("SELECT count(*) FROM settings WHERE key LIKE 'test_%'").fetchone()[0] == len(done)
    copied.close()
    source.close()
    writer.close()


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
