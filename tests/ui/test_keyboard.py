"""Tab leaves a multi-line field; Ctrl+Tab types a tab in it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from emulation_desk.ui.app import create_application


def test_tab_moves_on_and_ctrl_tab_types_a_tab(qtbot: QtBot) -> None:
    create_application()
    form = QWidget()
    layout = QVBoxLayout(form)
    text, after = QPlainTextEdit(), QLineEdit()
    layout.addWidget(text)
    layout.addWidget(after)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    text.setFocus()
    qtbot.waitUntil(text.hasFocus, timeout=2000)
    qtbot.keyClick(text, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert text.toPlainText() == "\t"
    qtbot.keyClick(text, Qt.Key.Key_Tab)
    assert text.toPlainText() == "\t" and text.tabChangesFocus()
    qtbot.waitUntil(after.hasFocus, timeout=2000)
