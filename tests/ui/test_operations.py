"""The operation runner (ui/operations.py), driven in a real window on a copy of the demo: a read on its own
read-only connection, a write through the one background writer (audited, its Changes handed to the window),
writes one after the other, an export from the reports tab, a known error in Vietnamese, a bug in the report
dialog, and a cancel that leaves nothing written."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from emulation_desk import logs
from emulation_desk.errors import KnownError
from emulation_desk.services.common import Changes
from emulation_desk.services.records.units import add_unit
from emulation_desk.services.reporting.exports import export_table
from emulation_desk.ui.error_dialog import ErrorDialog, ErrorHooks
from emulation_desk.ui.main_window import MainWindow
from emulation_desk.ui.operations import OpContext, local, read, running_under, wait_for, write
from emulation_desk.ui.tabs.reports import default_exporters
from tests.ui.driving import when_modal

UNIT = "Phòng Thử nghiệm vận hành"


def _units_named(window: MainWindow, name: str) -> int:
    return int(window.ws.store.scalar("SELECT count(*) FROM unit WHERE name = ?", [name]))


def test_a_read_runs_on_its_own_read_only_connection(window: MainWindow, qtbot: QtBot) -> None:
    seen: dict[str, Any] = {}

    def job(ctx: OpContext) -> int:
        assert ctx.ws is not None
        seen["thread"] = threading.current_thread().name
        seen["own"] = ctx.ws.store is not window.ws.store and ctx.ws.store.conn is not window.ws.store.conn
        seen["readonly"] = ctx.ws.store.readonly
        return int(ctx.ws.store.scalar("SELECT count(*) FROM nomination WHERE year = 2020"))

    got: list[int] = []
    op = read(window, job, got.append).run_in_background()
    assert op.running()
    assert wait_for(window, 20_000)
    assert got == [window.ws.store.scalar("SELECT count(*) FROM nomination WHERE year = 2020")] and got[0] > 0
    assert seen == {"thread": "emulation-desk-read", "own": True, "readonly": True}


def test_a_write_is_audited_and_its_changes_reach_the_window(window: MainWindow, qtbot: QtBot) -> None:
    handed: list[Changes] = []
    original = window.apply_changes
    window.apply_changes = lambda changes: (handed.append(changes), original(changes))  # type: ignore[method-assign]
    threads: list[str] = []

    def job(ctx: OpContext) -> Any:
        threads.append(threading.current_thread().name)
        assert ctx.ws is not None and ctx.ws.store.conn is not window.ws.store.conn and not ctx.ws.store.readonly
        return add_unit(ctx.ws, UNIT, "phong_chuyen_mon")

    created: list[Any] = []
    write(window, job, created.append, title="Đang thêm đơn vị…").run_in_background()
    assert wait_for(window, 20_000)
    assert threads == ["emulation-desk-writer_0"]
    assert len(handed) == 1 and handed[0].units and created[0].id in handed[0].ids
    assert _units_named(window, UNIT) == 1  # committed: the window's own connection sees it
    actor = window.ws.store.scalar("SELECT actor FROM audit_log WHERE entity_id = ?", [created[0].id])
    assert actor == window.ws.store.actor
    window.tabs.setCurrentWidget(window.units_tab)
    assert any(r["name"] == UNIT for r in window.units_tab.model.rows())  # the tab reloaded for the change


def test_writes_run_one_after_the_other(window: MainWindow, qtbot: QtBot) -> None:
    events: list[str] = []
    first_may_end = threading.Event()

    def first(ctx: OpContext) -> None:
        events.append("first starts")
        assert first_may_end.wait(20)
        assert ctx.ws is not None
        with ctx.ws.store.transaction():
            ctx.ws.store.log("export", "report", "", "lần ghi thứ nhất")
        events.append("first ends")

    def second(ctx: OpContext) -> None:
        events.append("second starts")

    write(window, first).run_in_background()
    write(window, second).run_in_background()
    qtbot.waitUntil(lambda: events == ["first starts"], timeout=5_000)
    time.sleep(0.2)
    assert events == ["first starts"]  # the second waits for the one writer
    first_may_end.set()
    assert wait_for(window, 20_000)
    assert events == ["first starts", "first ends", "second starts"]


def test_an_export_from_the_reports_tab_matches_the_direct_export(window: MainWindow, qtbot: QtBot,
                                                                  tmp_path: Path) -> None:
    tab = window.reports_tab
    tab.exporters = default_exporters()
    window.tabs.setCurrentWidget(tab)
    tab.wait_loaded(60_000)
    before = window.ws.store.scalar("SELECT count(*) FROM audit_log WHERE action = 'export'")
    answered: list[str] = []

    def close_box(box: Any) -> None:
        answered.append(box.text())
        next(b for b in box.buttons() if b.text() == "Đóng").click()

    when_modal(close_box, attempts=3000)
    op = tab.export("table_xlsx", tmp_path / "bieu-cua-so.xlsx")
    assert op is not None and op.kind == "write"
    assert wait_for(window, 60_000)
    qtbot.waitUntil(lambda: bool(answered), timeout=10_000)
    assert answered == [f"Đã lưu tệp {tmp_path / 'bieu-cua-so.xlsx'}."]
    assert window.ws.store.scalar("SELECT count(*) FROM audit_log WHERE action = 'export'") == before + 1
    export_table(window.ws, window.year(), tmp_path / "bieu-truc-tiep.xlsx")

    def cells(path: Path) -> list[list[Any]]:
        book = openpyxl.load_workbook(path)
        return [[c.value for c in row] for sheet in book.worksheets for row in sheet.iter_rows()]

    assert cells(tmp_path / "bieu-cua-so.xlsx") == cells(tmp_path / "bieu-truc-tiep.xlsx")


def test_a_known_error_becomes_the_vietnamese_message_box(window: MainWindow, qtbot: QtBot) -> None:
    """A read that tries to write meets its read-only store: the storage's Vietnamese refusal reaches the clerk
    in the message box, and nothing else happens."""
    shown: list[tuple[str, str]] = []

    def read_box(box: Any) -> None:
        assert isinstance(box, QMessageBox)
        shown.append((box.windowTitle(), box.text()))
        next(b for b in box.buttons() if b.text() == "Đóng").click()

    def job(ctx: OpContext) -> Any:
        assert ctx.ws is not None
        return add_unit(ctx.ws, UNIT, "phong_chuyen_mon")

    called: list[Any] = []
    when_modal(read_box, attempts=3000)
    op = read(window, job, called.append).run_in_background()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert len(shown) == 1 and shown[0][0] == "Không thực hiện được"
    assert shown[0][1].startswith("Tệp dữ liệu đang mở ở chế độ chỉ đọc")
    assert not called and op.error == shown[0][1] and not op.running()
    assert _units_named(window, UNIT) == 0
    failures: list[KnownError] = []
    read(window, lambda _ctx: (_ for _ in ()).throw(KnownError("Không đọc được tệp. Hãy thử lại.")))\
        .failure(failures.append).run_in_background()  # a caller that shows the error its own way
    assert wait_for(window, 10_000)
    assert [f.message for f in failures] == ["Không đọc được tệp. Hãy thử lại."]


class InjectedBug(Exception):
    """Raised where a bug would be."""


@pytest.fixture
def hooks(tmp_path: Path) -> Iterator[Path]:
    log_file = logs.setup_logging("thử", tmp_path / "logs")
    assert log_file is not None
    installed = ErrorHooks().install()
    yield log_file
    installed.uninstall()
    logs.stop_logging()


@pytest.mark.qt_no_exception_capture
def test_a_bug_goes_to_the_report_dialog(window: MainWindow, qtbot: QtBot, hooks: Path) -> None:
    seen: dict[str, str] = {}

    def read_report(dialog: Any) -> None:
        assert isinstance(dialog, ErrorDialog), type(dialog)
        seen["report"] = dialog.report_view.toPlainText()
        dialog.close_button.click()

    def broken_export(ctx: OpContext) -> None:
        assert ctx.ws is not None
        with ctx.ws.store.transaction():
            ctx.ws.store.log("export", "report", "", "sẽ không còn")
            raise InjectedBug("lỗi cài vào việc xuất tệp")

    when_modal(read_report, attempts=3000)
    op = write(window, broken_export, title="Đang xuất biểu thử…").run_in_background()
    qtbot.waitUntil(lambda: "report" in seen, timeout=10_000)
    assert "InjectedBug: lỗi cài vào việc xuất tệp" in seen["report"] and "in broken_export" in seen["report"]
    assert "Thao tác đang làm: Đang xuất biểu thử" in seen["report"]
    assert "in broken_export" in hooks.read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: not op.running(), timeout=5_000)
    assert window.ws.store.scalar("SELECT count(*) FROM audit_log WHERE summary = 'sẽ không còn'") == 0
    window.reload_all()
    assert window.message_label.text() == "Đã tải lại dữ liệu."  # the window keeps working


def test_cancel_stops_the_job_and_rolls_its_write_back(window: MainWindow, qtbot: QtBot) -> None:
    steps: list[int] = []
    stopped: list[bool] = []

    def job(ctx: OpContext) -> None:
        assert ctx.ws is not None
        with ctx.ws.store.transaction():
            add_unit(ctx.ws, UNIT, "phong_chuyen_mon")
            for step in range(2_000):
                ctx.progress(step, 2_000, f"Bước {step + 1} trên 2.000…")
                steps.append(step)
                time.sleep(0.01)

    succeeded: list[Any] = []
    op = write(window, job, succeeded.append, title="Đang làm việc dài…").cancellable(lambda: stopped.append(True))
    op.run_in_background()
    qtbot.waitUntil(lambda: op.dialog is not None and op.dialog.isVisible() and len(steps) > 5, timeout=10_000)
    assert op.dialog is not None and "Bước" in op.dialog.labelText() and op.dialog.maximum() == 2_000
    cancel = next(b for b in op.dialog.findChildren(QPushButton) if b.text() == "Hủy")
    cancel.click()
    assert wait_for(window, 10_000)
    assert stopped == [True] and not succeeded and op.was_cancelled and len(steps) < 2_000
    assert op.dialog is None  # the progress dialog is gone
    assert _units_named(window, UNIT) == 0  # the unit added before the cancel was rolled back


def test_a_local_job_gets_no_database_and_operations_are_found_under_their_widget(window: MainWindow) -> None:
    release = threading.Event()
    got: list[Any] = []
    op = local(window.reports_tab, lambda ctx: (release.wait(10), ctx.ws)[1], got.append).run_in_background()
    assert running_under(window) == [op] and running_under(window.reports_tab) == [op]
    assert running_under(window.units_tab) == []
    release.set()
    assert wait_for(window, 10_000)
    assert got == [None] and running_under(window) == []


def test_closing_the_window_waits_for_its_operations(window: MainWindow) -> None:
    """No background connection outlives the window: closing cancels a long read and waits for it."""
    ended: list[str] = []

    def job(ctx: OpContext) -> None:
        try:
            for step in range(3_000):
                ctx.progress(step, 3_000)
                time.sleep(0.01)
        finally:
            ended.append(threading.current_thread().name)

    op = read(window.nominations_tab, job).run_in_background()
    time.sleep(0.05)
    window.close()
    assert ended == ["emulation-desk-read"] and not op.running() and op.was_cancelled
