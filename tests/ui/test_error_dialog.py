"""A bug in a slot, in a worker or in a thread of the window: the report dialog appears (driven, not patched
away), the log holds the traceback, and the window keeps working.

pytest-qt would capture these exceptions itself and fail the test, so these tests switch its capture off
and install the program's own hooks, as the program does when it starts."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from emulation_desk import logs
from emulation_desk.ui.error_dialog import TITLE, ErrorDialog, ErrorHooks
from emulation_desk.ui.main_window import MainWindow
from tests.ui.driving import when_modal

pytestmark = pytest.mark.qt_no_exception_capture


class InjectedBug(Exception):
    """Raised by the tests where a bug would be."""


@pytest.fixture
def hooks(tmp_path: Path) -> Iterator[Path]:
    """The window's error hooks and a log in a folder of the test; yields the log file."""
    log_file = logs.setup_logging("thử", tmp_path / "logs")
    assert log_file is not None
    installed = ErrorHooks().install()
    yield log_file
    installed.uninstall()
    logs.stop_logging()


def read_report(seen: dict[str, Any]) -> Any:
    """Act on the error dialog: record what it shows, copy the report, close it."""

    def act(dialog: Any) -> None:
        seen["dialog"] = dialog
        assert isinstance(dialog, ErrorDialog), type(dialog)
        seen["title"] = dialog.windowTitle()
        seen["message"] = dialog.message.text()
        dialog.copy_button.click()
        seen["clipboard"] = QApplication.clipboard().text()
        seen["report"] = dialog.report_view.toPlainText()
        dialog.close_button.click()

    return act


def still_works(window: MainWindow) -> None:
    """The window answers after the dialog: another tab loads its rows, a menu action runs."""
    window.tabs.setCurrentIndex(3)
    assert window.decisions_tab.model.rowCount() > 0
    window.reload_all()
    assert window.message_label.text() == "Đã tải lại dữ liệu."


def test_a_bug_in_a_slot_shows_the_report_and_the_window_keeps_working(window: MainWindow, hooks: Path,
                                                                       qtbot: QtBot) -> None:
    def broken() -> None:
        raise InjectedBug("lỗi cài vào nút In")

    window.units_tab.print_or_export = broken  # type: ignore[method-assign]
    seen: dict[str, Any] = {}
    when_modal(read_report(seen), attempts=3000)
    window.print_action.trigger()  # File → In, xuất tệp…: its slot raises
    qtbot.waitUntil(lambda: "report" in seen, timeout=10_000)
    assert seen["title"] == TITLE == "Đã xảy ra lỗi không mong muốn"
    assert "Dữ liệu đã lưu vẫn an toàn" in seen["message"] and "trong thao tác “In, xuất tệp”" in seen["message"]
    report = seen["report"]
    assert seen["clipboard"] == report
    assert "InjectedBug: lỗi cài vào nút In" in report and "Traceback (most recent call last)" in report
    assert "Thao tác đang làm: In, xuất tệp (lúc " in report and f"Nhật ký: {hooks}" in report
    assert "emulation_desk 0." in report or "emulation_desk " in report.splitlines()[0]
    text = hooks.read_text(encoding="utf-8")
    assert "InjectedBug: lỗi cài vào nút In" in text and "in broken" in text
    still_works(window)


def test_a_bug_in_a_worker_shows_its_own_traceback(window: MainWindow, hooks: Path, qtbot: QtBot) -> None:
    from emulation_desk.ui.worker import run_in_background

    def job(_progress: Any) -> None:
        raise InjectedBug("lỗi cài vào việc chạy nền")

    seen: dict[str, Any] = {}
    when_modal(read_report(seen), attempts=3000)
    failed: list[str] = []
    task = run_in_background(window, "Đang thử việc chạy nền…", job, dialog=False)
    task.failed.connect(failed.append)
    qtbot.waitUntil(lambda: "report" in seen, timeout=10_000)
    assert "InjectedBug: lỗi cài vào việc chạy nền" in seen["report"]
    assert "in job" in seen["report"]  # the worker's frames, not only the message
    assert "Thao tác đang làm: Đang thử việc chạy nền" in seen["report"]
    qtbot.waitUntil(lambda: bool(failed), timeout=5_000)
    assert "in job" in hooks.read_text(encoding="utf-8")
    still_works(window)


def test_a_thread_that_dies_reaches_the_dialog(window: MainWindow, hooks: Path, qtbot: QtBot) -> None:
    def target() -> None:
        raise InjectedBug("lỗi trong một luồng")

    seen: dict[str, Any] = {}
    when_modal(read_report(seen), attempts=3000)
    thread = threading.Thread(target=target, name="luong-thu")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: "report" in seen, timeout=10_000)
    assert "InjectedBug: lỗi trong một luồng" in seen["report"]
    assert "(luồng luong-thu)" in hooks.read_text(encoding="utf-8")
    still_works(window)


def test_a_second_bug_joins_the_open_report(window: MainWindow, hooks: Path, qtbot: QtBot) -> None:
    from emulation_desk.ui.error_dialog import show_exception

    seen: dict[str, Any] = {}

    def act(dialog: Any) -> None:
        show_exception(InjectedBug("thứ hai"), "thử lần hai")  # while the first report is open
        read_report(seen)(dialog)

    when_modal(act, attempts=3000)
    show_exception(InjectedBug("thứ nhất"), "thử lần một", window)
    assert "InjectedBug: thứ nhất" in seen["report"] and "InjectedBug: thứ hai" in seen["report"]
    assert len(seen["dialog"].reports) == 2


def test_uninstall_gives_back_the_previous_hooks() -> None:
    import sys

    before = (sys.excepthook, threading.excepthook)
    installed = ErrorHooks().install()
    assert sys.excepthook == installed.excepthook
    installed.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
