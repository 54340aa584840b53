"""Keys that behave the same in every window: Tab leaves a multi-line field (as in every other field) and
Ctrl+Tab types a tab character in it. One application-wide filter, installed at start."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit

_installed: list[QObject] = []


class MultiLineKeys(QObject):
    """Tab moves the focus out of QPlainTextEdit/QTextEdit; Ctrl+Tab inserts a tab there."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn and isinstance(watched, QPlainTextEdit | QTextEdit):
            if not watched.tabChangesFocus():
                watched.setTabChangesFocus(True)
        elif kind == QEvent.Type.KeyPress and isinstance(watched, QPlainTextEdit | QTextEdit):
            key, modifiers = event.key(), event.modifiers()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Tab and modifiers & Qt.KeyboardModifier.ControlModifier:
                if not watched.isReadOnly():
                    watched.insertPlainText("\t")
                return True
        return False


def install_multi_line_keys(app: Any = None) -> QObject:
    """Install the filter once (a hook of the application's start)."""
    if not _installed:
        target = app or QApplication.instance()
        keys = MultiLineKeys(target)
        target.installEventFilter(keys)
        _installed.append(keys)
    return _installed[0]
