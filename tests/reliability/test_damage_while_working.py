"""Issue 20, point 4 in the window: "database disk image is malformed" met LATER, while working — a background
read on the operation runner's own connection, a write, a read in a slot, the weekly check's fresh copy — goes
to the same damage flow as at opening: the damaged file moved aside with its bytes, the newest good backup
offered in Vietnamese, and after the restore the window works on the restored file. One dialog, however many
slots failed; never the generic message box nor the bug report. The command line says the same and exits 1.

The damage is real: pages of the open file are overwritten with garbage by plain Python file I/O while the
window holds it (after a checkpoint, so SQLite reads them from the file and not from its WAL)."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from emulation_desk.services.records.units import add_unit
from emulation_desk.services.workspace import Workspace, open_workspace
from emulation_desk.storage.backup import create_backup, list_backups
from emulation_desk.storage.health import damaged_files
from emulation_desk.ui.app import create_application
from emulation_desk.ui.error_dialog import ErrorHooks
from emulation_desk.ui.main_window import MainWindow
from emulation_desk.ui.operations import OpContext, read, wait_for, write

UNITS = 60


def garble(path: Path, table: str, conn: sqlite3.Connection) -> tuple[int, bytes]:
    """Overwrite the root page of ``table`` with garbage (seeded); (offset, garbage)."""
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    root = int(conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0])
    garbage = random.Random(20).randbytes(page_size)
    offset = (root - 1) * page_size
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(garbage)
        handle.flush()
        os.fsync(handle.fileno())
    return offset, garbage


@pytest.fixture
def office(tmp_path: Path) -> Workspace:
    """A real office file with units and one good backup of them."""
    ws = open_workspace(tmp_path / "office.sqlite", actor="tester")
    for index in range(UNITS):
        add_unit(ws, f"Phòng số {index:03d} " + "x" * 250, "phong_chuyen_mon")
    create_backup(ws.store, "manual")
    yield ws
    ws.close()


class Seen:
    """What the clerk is shown: the damage question (answered ``answer``), the other messages, bug reports."""

    def __init__(self, window: MainWindow, monkeypatch: pytest.MonkeyPatch, answer: str = "restore") -> None:
        self.asked: list[tuple[str, str, list[str]]] = []
        self.told: list[tuple[str, str]] = []
        self.boxes: list[str] = []
        self.bugs: list[Any] = []

        def choose(title: str, text: str, options: list[tuple[str, str]]) -> str:
            self.asked.append((title, text, [label for _key, label in options]))
            return answer

        window.damage.choose = choose
        window.damage.tell = lambda title, text: self.told.append((title, text))
        window.damage.note = lambda title, text: self.told.append((title, text))
        monkeypatch.setattr("emulation_desk.ui.operations.inform", lambda _p, _t, text, **_k: self.boxes.append(text))
        monkeypatch.setattr("emulation_desk.ui.error_dialog.show_bug", lambda report, *_a: self.bugs.append(report))


def _window(qtbot: QtBot, ws: Workspace) -> MainWindow:
    create_application()
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    ws.store.checkpoint("TRUNCATE")  # every committed page in the file: the reads below go to the file
    return window


def _assert_restored(window: MainWindow, seen: Seen, office_path: Path, offset: int, garbage: bytes) -> None:
    assert window.damage.runs == 1 and len(seen.asked) == 1, "one dialog, however many slots failed"
    title, text, buttons = seen.asked[0]
    assert title == "Tệp dữ liệu bị hỏng"
    assert "database disk image is malformed" in text and "Bản sao lưu tốt gần nhất" in text
    assert buttons == ["Khôi phục bản sao lưu", "Đóng chương trình"]
    (kept,) = damaged_files(office_path)
    assert kept.name in text and "không bị xóa" in text
    with kept.open("rb") as handle:
        handle.seek(offset)
        assert handle.read(len(garbage)) == garbage, "the damaged file is kept aside with its own bytes"
    assert seen.boxes == [] and seen.bugs == [], "neither the generic message box nor the bug report"
    # the window works on the restored file: it reads, it writes, the restore is in the audit log
    store = window.ws.store
    assert store.scalar("SELECT count(*) FROM unit") == UNITS
    assert store.integrity_problems() == []
    add_unit(window.ws, "Phòng thêm sau khi khôi phục", "phong_chuyen_mon")
    assert store.scalar("SELECT count(*) FROM unit") == UNITS + 1
    assert store.scalar("SELECT count(*) FROM audit_log WHERE action = 'restore'") == 1
    assert any(t == "Đã khôi phục dữ liệu" for t, _ in seen.told)
    assert window.units_tab.model.rowCount() == UNITS + 1 or window.units_tab.model.rowCount() == UNITS


def test_background_reads_meet_damage_and_the_window_restores(qtbot: QtBot, office: Workspace,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, office)
    seen = Seen(window, monkeypatch)
    offset, garbage = garble(office.path, "unit", office.store.conn)
    results: list[Any] = []
    for _ in range(3):  # three slots fail at once: still one dialog
        read(window, lambda ctx: ctx.ws.store.query("SELECT * FROM unit"), results.append).run_in_background()
    assert wait_for(window, 30_000)
    qtbot.waitUntil(lambda: window.damage.runs == 1 and not window.damage.active, timeout=30_000)
    qtbot.wait(100)  # any late report is ignored
    assert results == []
    _assert_restored(window, seen, office.path, offset, garbage)


def test_a_write_operation_meets_damage(qtbot: QtBot, office: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, office)
    seen = Seen(window, monkeypatch)
    offset, garbage = garble(office.path, "unit", office.store.conn)

    def job(ctx: OpContext) -> Any:
        assert ctx.ws is not None
        return add_unit(ctx.ws, "Phòng ghi vào tệp hỏng", "phong_chuyen_mon")

    write(window, job).run_in_background()
    assert wait_for(window, 30_000)
    qtbot.waitUntil(lambda: window.damage.runs == 1 and not window.damage.active, timeout=30_000)
    _assert_restored(window, seen, office.path, offset, garbage)
    assert window.ws.store.scalar("SELECT count(*) FROM unit WHERE name = 'Phòng ghi vào tệp hỏng'") == 0


def test_a_raw_read_in_a_slot_goes_to_the_damage_flow_not_the_bug_report(
        qtbot: QtBot, office: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, office)
    seen = Seen(window, monkeypatch)
    offset, garbage = garble(office.path, "unit", office.store.conn)
    hooks = ErrorHooks().install()
    try:
        def slot() -> None:  # a plain query of the file in a slot (a tab's read)
            conn = sqlite3.connect(office.path)
            try:
                conn.execute("SELECT * FROM unit").fetchall()
            finally:
                conn.close()

        with pytest.raises(sqlite3.DatabaseError) as raised:
            slot()
        hooks.excepthook(type(raised.value), raised.value, raised.value.__traceback__)  # what PySide6 does
        qtbot.waitUntil(lambda: window.damage.runs == 1 and not window.damage.active, timeout=30_000)
    finally:
        hooks.uninstall()
    _assert_restored(window, seen, office.path, offset, garbage)


def test_closing_instead_of_restoring_keeps_the_damaged_file_and_the_next_opening_offers_the_backup(
        qtbot: QtBot, office: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from emulation_desk.storage.health import DamagedDatabaseError

    window = _window(qtbot, office)
    seen = Seen(window, monkeypatch, answer="quit")
    garble(office.path, "unit", office.store.conn)
    op = read(window, lambda ctx: ctx.ws.store.query("SELECT * FROM unit")).run_in_background()
    assert wait_for(window, 30_000)
    qtbot.waitUntil(lambda: window.damage.runs == 1 and not window.damage.active, timeout=30_000)
    qtbot.wait(100)
    assert window.damage.runs == 1 and len(seen.asked) == 1 and seen.told == [] and op.error
    assert not window.isVisible(), "the window closed"
    office.close()
    assert not office.path.exists() and len(damaged_files(office.path)) == 1
    with pytest.raises(DamagedDatabaseError) as again:
        open_workspace(office.path)
    assert again.value.offer is not None, "the next opening offers the newest good backup"


def test_the_weekly_check_finds_damage_in_its_copy(qtbot: QtBot, office: Workspace,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, office)
    seen = Seen(window, monkeypatch)
    before = sorted(b.path.name for b in list_backups(office.path))
    offset, garbage = garble(office.path, "unit", office.store.conn)
    task = window.routine.start()
    assert task is not None, "the weekly check is due on a new file"
    qtbot.waitUntil(lambda: window.damage.runs == 1 and not window.damage.active, timeout=60_000)
    _assert_restored(window, seen, office.path, offset, garbage)
    after = sorted(b.path.name for b in list_backups(office.path))
    assert [name for name in after if name not in before] == [], "no backup was made of the damaged file"
    assert set(before) <= set(after), "the good generation is still there"


def test_the_command_line_meets_damage_while_the_window_holds_the_file(office: Workspace) -> None:
    office.store.checkpoint("TRUNCATE")
    garble(office.path, "audit_log", office.store.conn)
    run = subprocess.run([sys.executable, "-m", "emulation_desk", "--db", str(office.path), "audit"],
                         capture_output=True, text=True, encoding="utf-8", check=False)
    assert run.returncode == 1, (run.stdout, run.stderr)
    assert "bị hỏng" in run.stderr and "database disk image is malformed" in run.stderr
    assert "Bản sao lưu tốt gần nhất" in run.stderr and "restore" in run.stderr
    assert "Traceback" not in run.stderr and "Lỗi không mong muốn" not in run.stderr
    assert office.path.exists(), "the command line leaves the file where it is (the window moves it aside)"


def test_the_real_dialog_asks_in_vietnamese_and_restores(qtbot: QtBot, office: Workspace,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """No stand-in for the question: the clerk's message box, its Vietnamese buttons, then the note."""
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.driving import when_modal

    window = _window(qtbot, office)
    bugs: list[Any] = []
    monkeypatch.setattr("emulation_desk.ui.error_dialog.show_bug", lambda report, *_a: bugs.append(report))
    shown: list[tuple[str, list[str]]] = []

    def click(label: str, then: Any = None) -> Any:
        def act(box: Any) -> None:
            assert isinstance(box, QMessageBox)
            shown.append((box.windowTitle(), [b.text() for b in box.buttons()]))
            if then is not None:
                when_modal(then)
            next(b for b in box.buttons() if b.text() == label).click()
        return act

    garble(office.path, "unit", office.store.conn)
    when_modal(click("Khôi phục bản sao lưu", click("Đóng")), attempts=500)
    read(window, lambda ctx: ctx.ws.store.query("SELECT * FROM unit")).run_in_background()
    qtbot.waitUntil(lambda: window.damage.runs == 1 and not window.damage.active, timeout=30_000)
    assert shown == [("Tệp dữ liệu bị hỏng", ["Khôi phục bản sao lưu", "Đóng chương trình"]),
                     ("Đã khôi phục dữ liệu", ["Đóng"])]
    assert bugs == [] and window.isVisible()
    assert window.ws.store.scalar("SELECT count(*) FROM unit") == UNITS


def test_a_read_on_the_gui_thread_shows_the_damage_flow_only(qtbot: QtBot, office: Workspace,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A slot's own read through ``run_action`` (its known errors in a message box): damage of the window's file
    is left to the damage flow, not shown twice."""
    from emulation_desk.storage.db import Store, connect
    from emulation_desk.ui import dialogs

    window = _window(qtbot, office)
    seen = Seen(window, monkeypatch)
    boxes: list[str] = []
    monkeypatch.setattr(dialogs, "inform", lambda _p, _t, text, **_k: boxes.append(text))
    offset, garbage = garble(office.path, "unit", office.store.conn)

    def action() -> Any:
        store = Store(connect(office.path), office.path)
        try:
            return store.query("SELECT * FROM unit")
        finally:
            store.conn.close()

    assert dialogs.run_action(window.units_tab, action) is None
    qtbot.waitUntil(lambda: window.damage.runs == 1 and not window.damage.active, timeout=30_000)
    assert boxes == []
    _assert_restored(window, seen, office.path, offset, garbage)
