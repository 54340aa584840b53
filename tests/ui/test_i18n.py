"""Qt's own strings in Vietnamese: the text fields' context menu, message box and wizard buttons; the .qm
committed beside its .ts is what pyside6-lrelease makes of it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox, QPlainTextEdit, QWizard, QWizardPage
from pytestqt.qtbot import QtBot

from emulation_desk.resources import resource_path
from emulation_desk.ui.app import create_application


def _labels(menu: object) -> list[str]:
    return [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if a.text()]  # type: ignore[attr-defined]


def test_a_line_edit_context_menu_is_vietnamese(qtbot: QtBot) -> None:
    create_application()
    edit = QLineEdit("Trần Văn An")
    qtbot.addWidget(edit)
    labels = _labels(edit.createStandardContextMenu())
    for wanted in ("Hoàn tác", "Làm lại", "Cắt", "Sao chép", "Dán", "Xóa", "Chọn tất cả"):
        assert wanted in labels
    assert not {"Undo", "Copy", "Paste", "Select All"} & set(labels)


def test_multi_line_fields_too(qtbot: QtBot) -> None:
    create_application()
    edit = QPlainTextEdit("Thành tích")
    qtbot.addWidget(edit)
    assert {"Hoàn tác", "Sao chép", "Dán"} <= set(_labels(edit.createStandardContextMenu()))


def test_buttons_of_message_boxes_button_boxes_and_wizards(qtbot: QtBot) -> None:
    create_application()
    box = QMessageBox(QMessageBox.Icon.Question, "Hỏi", "Lưu không?",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Lưu", "Không lưu", "Hủy"}
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(buttons)
    assert {b.text().replace("&", "") for b in buttons.buttons()} == {"Đồng ý", "Đóng"}
    wizard = QWizard()
    wizard.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
    wizard.addPage(QWizardPage())
    wizard.addPage(QWizardPage())
    qtbot.addWidget(wizard)
    assert wizard.buttonText(QWizard.WizardButton.NextButton).replace("&", "") == "Tiếp >"
    assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "Hủy"


def test_the_committed_qm_is_built_from_the_ts(tmp_path: Path) -> None:
    tool = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)) or shutil.which("pyside6-lrelease")
    if tool is None:
        pytest.skip("pyside6-lrelease is not installed")
    built = tmp_path / "qt_vi.qm"
    subprocess.run([tool, str(resource_path("i18n", "qt_vi.ts")), "-qm", str(built)], check=True,
                   capture_output=True, timeout=60)
    assert built.read_bytes() == resource_path("i18n", "qt_vi.qm").read_bytes(), (
        "run: pyside6-lrelease resources/i18n/qt_vi.ts -qm resources/i18n/qt_vi.qm")
