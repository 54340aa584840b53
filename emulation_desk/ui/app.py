"""Starting the window: Qt application, bundled fonts, the database, the main window."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from emulation_desk import APP_NAME, APP_TITLE, __version__


def _display_available() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def create_application(argv: list[str] | None = None) -> Any:
    """The QApplication with the bundled UI font (so Vietnamese never depends on the PC's fonts)."""
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    from emulation_desk.resources import resource_path

    app = QApplication.instance() or QApplication(argv or [APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setApplicationVersion(__version__)
    families: list[str] = []
    for face in ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"):
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", face)))
        families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        app.setFont(QFont(families[0], 10))
    return app


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window on the database chosen on the command line."""
    if not _display_available():
        print("Không tìm thấy màn hình để mở cửa sổ chương trình. Trên máy không có màn hình, hãy dùng các lệnh "
              "(xem: emulation-desk --help) hoặc đặt QT_QPA_PLATFORM=offscreen.", file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QMessageBox

    from emulation_desk.cli import resolve_database
    from emulation_desk.errors import KnownError
    from emulation_desk.services.workspace import open_workspace
    from emulation_desk.ui.main_window import MainWindow

    app = create_application(sys.argv[:1])
    try:
        ws = open_workspace(resolve_database(args))
    except KnownError as exc:
        QMessageBox.critical(None, APP_TITLE, exc.message)
        return 1
    window = MainWindow(ws, demo=bool(getattr(args, "demo", False)), background_loading=True)
    window.show()
    try:
        return int(app.exec())
    finally:
        ws.close()
