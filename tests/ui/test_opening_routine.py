"""The routine on opening in the window: it runs in a worker after the window shows its data, the status bar
follows it, the clerk can save meanwhile, problems raise the dialog, and closing stops it cleanly."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from emulation_desk.services.records.units import add_unit
from emulation_desk.services.workspace import Workspace
from emulation_desk.storage import online_backup
from emulation_desk.storage.backup import list_backups, verify_file
from emulation_desk.ui import opening_routine
from emulation_desk.ui.app import create_application
from emulation_desk.ui.main_window import LOADING_TEXT, MainWindow


@pytest.fixture
def office(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """A real (not demo) office file, copied in small steps so the routine lasts long enough to watch."""
    for index in range(80):
        add_unit(ws, f"Phòng thử nghiệm số {index:03d} " + "x" * 200, "phong_chuyen_mon")
    monkeypatch.setattr(online_backup, "STEP_PAGES", 2)
    monkeypatch.setattr(online_backup, "STEP_PAUSE_S", 0.01)
    return ws


def _window(qtbot: QtBot, ws: Workspace) -> tuple[MainWindow, list[str]]:
    create_application()
    window = MainWindow(ws, defer_first_load=True)
    qtbot.addWidget(window)
    texts: list[str] = []
    original = window.routine.show_progress

    def watch(done: int, total: int, text: str) -> None:
        texts.append(text or window.routine.label.text())
        original(done, total, text)

    window.routine.show_progress = watch  # type: ignore[method-assign]
    return window, texts


def _partials(ws: Workspace) -> list[Path]:
    return list((ws.path.parent / "sao-luu").glob("*.partial*"))


def test_the_window_shows_its_data_before_the_routine_ends(qtbot: QtBot, office: Workspace) -> None:
    window, texts = _window(qtbot, office)
    assert window.units_tab.count_label.text() == LOADING_TEXT, "nothing is read before the first paint"
    window.show()
    window.start_opening_routine()
    qtbot.waitUntil(lambda: window.routine.running(), timeout=10_000)
    assert window.isVisible() and window.units_tab.model.rowCount() == 80, "the data is there first"
    qtbot.waitUntil(lambda: any("%" in t for t in texts), timeout=10_000)
    qtbot.waitUntil(lambda: not window.routine.running(), timeout=60_000)
    assert texts[0] == "Đang sao lưu tự động…"
    assert any(t.startswith("Đang sao lưu tự động… ") and t.endswith("%") for t in texts)
    assert "Đang kiểm tra dữ liệu định kỳ (trên bản sao lưu vừa lập)…" in texts
    assert window.message_label.text().startswith("Đã sao lưu tự động: office_")
    assert not window.routine.label.isVisible() and not window.routine.bar.isVisible()
    (backup,) = list_backups(office.path)
    assert verify_file(backup.path).ok and not _partials(office)
    assert office.store.scalar("SELECT count(*) FROM audit_log WHERE action = 'backup'") == 1
    assert office.store.get_setting("last_full_check") is not None


def test_a_save_during_the_backup_succeeds(qtbot: QtBot, office: Workspace) -> None:
    window, texts = _window(qtbot, office)
    window.show()
    window.start_opening_routine()
    qtbot.waitUntil(lambda: any("%" in t for t in texts), timeout=10_000)
    assert window.routine.running()
    unit_id = add_unit(office, "Phòng thêm trong lúc sao lưu", "phong_chuyen_mon").id
    assert window.routine.running(), "the save did not wait for the backup to end"
    qtbot.waitUntil(lambda: not window.routine.running(), timeout=60_000)
    assert office.store.get("unit", unit_id) is not None
    (backup,) = list_backups(office.path)
    copied = verify_file(backup.path).counts["unit"]
    assert copied in (80, 81), "the copy is the file before or after the save, never in between"


def test_closing_during_the_routine_keeps_the_previous_backups(qtbot: QtBot, office: Workspace) -> None:
    from emulation_desk.services.maintenance.backup import make_backup

    before = make_backup(office)  # the previous set; the weekly check is still due, so the routine runs
    window, texts = _window(qtbot, office)
    window.show()
    window.start_opening_routine()
    qtbot.waitUntil(lambda: any("%" in t for t in texts), timeout=10_000)
    task = window.routine.task
    assert task is not None and task.running()
    window.close()
    assert not task.running() and window.routine.task is None
    assert [b.path for b in list_backups(office.path)] == [before.path] and verify_file(before.path).ok
    assert not _partials(office)
    assert window.message_label.text().startswith("Chưa sao lưu, kiểm tra tự động được: Đã dừng sao lưu")
    assert office.store.get_setting("last_full_check") is None, "a stopped check is due again next time"


def test_problems_found_by_the_weekly_check_raise_the_dialog(qtbot: QtBot, office: Workspace,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    other = sqlite3.connect(office.path)
    other.execute("PRAGMA foreign_keys = OFF")
    other.execute("UPDATE unit SET merged_into_id = ? WHERE rowid = 1", ["0" * 36])
    other.commit()
    other.close()
    told: list[tuple[Any, ...]] = []
    monkeypatch.setattr(opening_routine, "inform", lambda *args, **kwargs: told.append((*args, kwargs)))
    window, _texts = _window(qtbot, office)
    window.show()
    window.start_opening_routine()
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)
    _parent, title, text, options = told[0]
    assert title == "Kiểm tra dữ liệu định kỳ" and options == {"error": True}
    assert "Kiểm tra định kỳ phát hiện vấn đề trong tệp dữ liệu" in text and "Bảng unit" in text
    assert "Hãy sao lưu ra tệp và liên hệ người hỗ trợ." in text


def test_the_demo_skips_the_routine(qtbot: QtBot, demo_ws: Workspace) -> None:
    create_application()
    window = MainWindow(demo_ws, demo=True, defer_first_load=True)
    qtbot.addWidget(window)
    window.show()
    window.start_opening_routine()
    qtbot.waitUntil(lambda: window.units_tab.model.rowCount() > 0, timeout=10_000)
    qtbot.wait(50)
    assert window.routine.task is None and not window.routine.label.isVisible()
    assert not list_backups(demo_ws.path)
