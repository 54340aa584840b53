"""The window's preferences (QSettings) are declared once in emulation_desk.ui.preferences."""

from __future__ import annotations

import re

from pytestqt.qtbot import QtBot

from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.main_window import MainWindow
from emulation_desk.ui.preferences import PREFERENCES, preferences_file


def test_every_key_the_window_keeps_is_declared(qtbot: QtBot, demo_ws: Workspace) -> None:
    window = MainWindow(demo_ws, demo=True)
    qtbot.addWidget(window)
    window.show()
    window.close()  # writes geometry, columns and dividers
    keys = preferences_file().allKeys()
    patterns = [re.compile(re.sub(r"\\\{\w+\\\}", r"\\w+", re.escape(p.key)) + "$") for p in PREFERENCES]
    assert any(k == "main/geometry" for k in keys) and any(k.endswith("splitter0") for k in keys)
    assert [k for k in keys if not any(p.match(k) for p in patterns)] == []
