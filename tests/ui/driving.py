"""Driving modal dialogs from tests: the dialog under test really runs (exec), a timer acts on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


def when_modal(act: Callable[[Any], None], *, attempts: int = 50) -> None:
    """Run ``act(dialog)`` on the next modal dialog as soon as it is shown."""

    def poll(left: int) -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None and widget.isVisible():
            try:
                act(widget)
            except BaseException:
                widget.close()  # never leave a modal dialog open: the test would hang
                raise
        elif left > 0:
            QTimer.singleShot(20, lambda: poll(left - 1))

    QTimer.singleShot(0, lambda: poll(attempts))


def answer(text: str) -> Callable[[Any], None]:
    """Click the message box button whose Vietnamese text is ``text`` (never "Yes"/"No")."""

    def act(box: QWidget) -> None:
        assert isinstance(box, QMessageBox), type(box)
        labels = [b.text() for b in box.buttons()]
        assert not {"Yes", "No", "OK", "Cancel", "&Yes", "&No"} & set(labels), labels
        button = next(b for b in box.buttons() if b.text() == text)
        button.click()

    return act


def fill_and_save(values: dict[str, Any], errors: dict[str, str] | None = None,
                  before: Callable[[Any], None] | None = None) -> Callable[[Any], None]:
    """Fill a FormDialog's fields and press its OK button; if it stays open (a field in error), record the
    errors shown and close it so the test never hangs."""
    from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit

    def act(dialog: Any) -> None:
        if before is not None:
            before(dialog)
        for name, value in values.items():
            widget = dialog.fields[name]
            if isinstance(widget, QLineEdit):
                widget.setText(str(value))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(str(value))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(widget.findData(value))
        dialog.ok_button.click()
        if dialog.isVisible():
            if errors is not None:
                errors.update({name: dialog.error_text(name) for name in dialog.errors if dialog.error_text(name)})
                if dialog.error_text():
                    errors[""] = dialog.error_text()
            dialog.reject()

    return act
