"""The import preview dialog: reads off the GUI thread, shows matches/new records/problems, lets the clerk
correct a column, imports only when there is no problem."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.import_dialog import NOT_USED, ImportDialog
from tests.exchange.builders import UNIT, messy_nomination_workbook


def _open(qtbot: QtBot, ws: Workspace, path: Path) -> ImportDialog:
    create_application()
    dialog = ImportDialog(ws, path, year=2021, unit_name=UNIT)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.previewed, timeout=20_000):
        dialog.show()
    return dialog


def test_preview_correct_and_import(qtbot: QtBot, demo_ws: Workspace, tmp_path: Path) -> None:
    dialog = _open(qtbot, demo_ws, messy_nomination_workbook(tmp_path / "ds.xlsx"))
    assert [dialog.tabs.tabText(i) for i in range(4)] == ["Khớp dữ liệu có sẵn (5)", "Sẽ tạo mới (2)",
                                                          "Lỗi cần sửa (0)", "Lưu ý (2)"]
    assert dialog.import_button.isEnabled()
    assert dialog.combos["name"].currentText() == "B – Họ và tên"
    dialog.grab().save(str(tmp_path / "import_dialog.png"))
    dialog.combos["name"].setCurrentIndex(dialog.combos["name"].findText(NOT_USED))  # the clerk errs…
    assert dialog.problem_model.rowCount() == 5 and dialog.tabs.currentWidget() is dialog.problem_view
    assert not dialog.import_button.isEnabled()
    dialog.combos["name"].setCurrentIndex(dialog.combos["name"].findText("B – Họ và tên"))  # …and corrects it
    assert dialog.problem_model.rowCount() == 0 and dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported) as imported:
        qtbot.mouseClick(dialog.import_button, qtbot_button())
    assert imported.args[0].nominations
    assert demo_ws.store.scalar("SELECT count(*) FROM nomination WHERE year = 2021") == 7


def test_a_refused_file_shows_why_and_cannot_be_imported(qtbot: QtBot, demo_ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "ds.xlsx"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600 + "EncryptionInfo".encode("utf-16-le"))
    dialog = _open(qtbot, demo_ws, path)
    assert "đặt mật khẩu" in dialog.status.text()
    assert dialog.tabs.currentWidget() is dialog.problem_view and dialog.problem_model.rowCount() == 1
    assert not dialog.import_button.isEnabled()


def qtbot_button():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
