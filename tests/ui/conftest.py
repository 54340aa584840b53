"""GUI fixtures: the application with its bundled font, and a main window on a copy of the demo."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, demo_ws: Workspace) -> MainWindow:
    create_application()
    main = MainWindow(demo_ws, demo=True)
    qtbot.addWidget(main)
    main.show()
    return main
