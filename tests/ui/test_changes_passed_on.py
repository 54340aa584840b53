"""The window passes on the Changes a service returned (it builds none itself)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from emulation_desk.services.awards import imports
from emulation_desk.services.common import Changes
from emulation_desk.ui.main_window import MainWindow
from tests.exchange.builders import UNIT, messy_nomination_workbook
from tests.ui.driving import fill_and_save, when_modal


def _record(window: MainWindow) -> list[Changes]:
    received: list[Changes] = []
    window.apply_changes = received.append  # type: ignore[method-assign]
    return received


def test_the_import_hands_its_own_changes_to_the_window(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    results: list[imports.ImportResult] = []
    real_commit = imports.commit_import

    def commit(*args: Any, **kwargs: Any) -> imports.ImportResult:
        results.append(real_commit(*args, **kwargs))
        return results[-1]

    monkeypatch.setattr(imports, "commit_import", commit)
    received = _record(window)

    def import_when_ready(dialog: Any, left: int = 1500) -> None:
        if dialog.import_button.isEnabled():
            dialog.import_button.click()
        elif left:
            QTimer.singleShot(20, lambda: import_when_ready(dialog, left - 1))
        else:
            dialog.reject()

    window.year_box.setCurrentIndex(window.year_box.findData(2021))  # the demo's next year: nothing proposed yet
    when_modal(import_when_ready, attempts=3000)
    dialog = window.open_import("nominations", str(messy_nomination_workbook(tmp_path / "ds.xlsx")))
    assert dialog.preview.proposing_unit_name == UNIT, dialog.status.text()
    assert len(results) == 1 and received == [results[0].changes]
    assert received[0].nominations and received[0].people, "the import created people and nominations"
    assert window.message_label.text() == dialog.summary_text and dialog.summary_text.startswith("Đã nhập")
    assert window.tabs.currentWidget() is window.nominations_tab and window.import_notice.isVisible()
    window.import_notice.close()


def test_a_new_unit_reaches_the_window_with_its_id(qtbot: QtBot, window: MainWindow) -> None:
    received: list[Changes] = []
    window.units_tab.data_changed.disconnect()
    window.units_tab.data_changed.connect(received.append)
    when_modal(fill_and_save({"name": "Phòng Thử nghiệm", "kind": "khac"}))
    window.units_tab.new_record()
    (changes,) = received
    assert changes.units and len(changes.ids) == 1
    (unit_id,) = changes.ids
    assert window.ws.store.get("unit", unit_id)["name"] == "Phòng Thử nghiệm"
