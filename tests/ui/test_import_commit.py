"""The import's commit runs on the one runner's writer, not on the GUI thread: a 2.000-row list keeps the
event loop turning while it is written (a QTimer ticks), shows its progress in the dialog, and then the
window lists the new rows and says what was done. A bug or a stop in the middle leaves nothing written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from emulation_desk.services.awards import imports
from emulation_desk.ui.import_dialog import ImportDialog
from emulation_desk.ui.main_window import MainWindow
from emulation_desk.ui.operations import wait_for
from tests.bench.import_bench import build_list
from tests.ui.driving import when_modal

ROWS = 2000
YEAR = 2021  # the demo's next year: nothing proposed yet


@pytest.fixture
def big_list(tmp_path: Path, demo_path: Path) -> Path:
    return build_list(tmp_path / "danh-sach-2000.xlsx", demo_path, ROWS, year=YEAR)


def _nominations(window: MainWindow) -> int:
    return int(window.ws.store.scalar("SELECT count(*) FROM nomination WHERE year = ? AND deleted_at IS NULL",
                                      [YEAR]))


def _ready(qtbot: QtBot, window: MainWindow, path: Path) -> ImportDialog:
    dialog = ImportDialog(window.ws, path, year=YEAR, parent=window)
    dialog.imported.connect(window.apply_changes)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.previewed, timeout=120_000):
        pass
    assert dialog.import_button.isEnabled(), dialog.status.text()
    return dialog


class Ticks:
    """A 10 ms timer counting the ticks that happen while the dialog's commit is running."""

    def __init__(self, dialog: ImportDialog) -> None:
        self.dialog, self.during, self.progress = dialog, 0, []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        if self.dialog.committing():
            self.during += 1
            self.progress.append((self.dialog.progress.value(), self.dialog.status.text()))


def test_a_2000_row_commit_keeps_the_window_responsive_then_lists_the_rows(qtbot: QtBot, window: MainWindow,
                                                                           big_list: Path) -> None:
    window.year_box.setCurrentIndex(window.year_box.findData(YEAR))
    seen: dict[str, Any] = {}

    def import_when_ready(dialog: Any, left: int = 6000) -> None:
        if not isinstance(dialog, ImportDialog):
            return
        if not dialog.import_button.isEnabled() and left:
            QTimer.singleShot(20, lambda: import_when_ready(dialog, left - 1))
            return
        seen["ticks"] = Ticks(dialog)
        seen["commit"] = dialog._import()
        seen["busy"] = (dialog.import_button.isEnabled(), dialog.close_button.isEnabled())
        dialog.reject()  # Esc while writing: the dialog waits for the transaction's end
        seen["stayed"] = dialog.isVisible()

    when_modal(import_when_ready, attempts=6000)
    dialog = window.open_import("nominations", str(big_list))
    ticks: Ticks = seen["ticks"]
    ticks.timer.stop()
    assert seen["commit"].kind == "write" and seen["busy"] == (False, False) and seen["stayed"]
    assert ticks.during >= 3, "the event loop turned while the rows were written"
    values = [value for value, _text in ticks.progress]
    assert values == sorted(values), ticks.progress
    texts = {text for _value, text in ticks.progress}  # sampled: which of the steps show depends on the machine
    assert len(texts) >= 2 and any(text.startswith(("Đang ghi", "Đang lưu")) for text in texts), texts
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _nominations(window) == ROWS
    assert dialog.summary_text.startswith("Đã nhập 2.000 đề nghị"), dialog.summary_text
    assert window.message_label.text() == dialog.summary_text  # the status bar says what was done
    assert window.tabs.currentWidget() is window.nominations_tab
    qtbot.waitUntil(lambda: window.nominations_tab.proxy.rowCount() == ROWS, timeout=60_000)
    window.import_notice.close()


@pytest.mark.qt_no_exception_capture
def test_a_bug_in_the_middle_of_the_commit_writes_nothing(qtbot: QtBot, window: MainWindow, big_list: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from emulation_desk.ui.error_dialog import TITLE, ErrorDialog

    dialog = _ready(qtbot, window, big_list)
    before = window.ws.store.scalar("SELECT count(*) FROM audit_log")
    people = window.ws.store.scalar("SELECT count(*) FROM person")
    real_row = imports._Steps.row

    def broken(steps: Any, index: int, what: str) -> None:
        if index == ROWS // 2:
            raise RuntimeError("hỏng giữa chừng")
        real_row(steps, index, what)

    monkeypatch.setattr(imports._Steps, "row", broken)
    seen: dict[str, str] = {}

    def close_report(report: Any) -> None:
        assert isinstance(report, ErrorDialog), type(report)
        seen["title"], seen["report"] = report.windowTitle(), report.report_view.toPlainText()
        report.close_button.click()

    when_modal(close_report, attempts=6000)
    dialog._import()
    wait_for(dialog, 120_000)
    assert seen["title"] == TITLE and "hỏng giữa chừng" in seen["report"] and "Đang nhập dữ liệu" in seen["report"]
    assert _nominations(window) == 0 and window.ws.store.scalar("SELECT count(*) FROM person") == people
    logged = window.ws.store.query("SELECT action FROM audit_log ORDER BY seq LIMIT -1 OFFSET ?", [before])
    assert "import" not in {r["action"] for r in logged}
    assert dialog.isVisible() and dialog.import_button.isEnabled() and dialog.close_button.isEnabled()
    assert not dialog.summary_text


def test_the_window_closing_mid_commit_stops_it_and_rolls_back(qtbot: QtBot, window: MainWindow, big_list: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    import time

    from emulation_desk.ui.operations import stop_all

    dialog = _ready(qtbot, window, big_list)
    halfway = threading.Event()
    real_row = imports._Steps.row

    def held(steps: Any, index: int, what: str) -> None:
        """Row 1.000 waits (in the writer thread, mid-transaction) until the window cancels the operation."""
        if index == ROWS // 2:
            halfway.set()
            cancel = steps.progress.__self__.cancel  # the operation's OpContext
            deadline = time.monotonic() + 60
            while not cancel.is_set() and time.monotonic() < deadline:
                time.sleep(0.01)
        real_row(steps, index, what)

    monkeypatch.setattr(imports._Steps, "row", held)
    commit = dialog._import()
    assert commit is not None
    qtbot.waitUntil(halfway.is_set, timeout=60_000)
    assert stop_all(window, 60)  # what closing the window does: every operation cancelled and waited for
    assert commit.was_cancelled and "không có gì được ghi" in dialog.status.text()
    assert _nominations(window) == 0
    assert dialog.import_button.isEnabled()
