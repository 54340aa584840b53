"""Vietnamese for Qt's own strings: text fields' context menus, Qt's file dialog, message box, button box and
wizard buttons. Qt ships no Vietnamese; ``resources/i18n/qt_vi.ts`` holds ours, compiled to ``qt_vi.qm``
(committed, so a checkout, a wheel and the Windows bundle need no Qt tools; a test keeps it in sync).

Native file dialogs stay native (Windows shows its own, already Vietnamese on a Vietnamese Windows); the
translation serves Qt's own dialog where it is used (Linux without a desktop's file chooser).
"""

from __future__ import annotations

from typing import Any

from emulation_desk.resources import resource_path

QM_NAME = "qt_vi.qm"
_installed: list[Any] = []  # the translator must outlive the call (Qt keeps only a pointer)


def install_qt_translation(app: Any) -> bool:
    """Load the Vietnamese translation of Qt's strings into ``app`` once; False if the file is missing."""
    from PySide6.QtCore import QTranslator

    if _installed:
        return True
    translator = QTranslator(app)
    try:
        path = resource_path("i18n", QM_NAME)
    except FileNotFoundError:
        return False
    if not translator.load(str(path)):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
