"""Wording the clerk reads: the demo window's title says its name once."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from emulation_desk import APP_TITLE
from emulation_desk.ui.main_window import MainWindow


def test_the_demo_title_names_the_program_once(window: MainWindow) -> None:
    title = window.windowTitle()
    assert title == f"DỮ LIỆU MẪU — {APP_TITLE}"
    assert title.endswith(QApplication.applicationDisplayName())  # so Qt does not add the name again
    assert title.count(APP_TITLE) == 1
