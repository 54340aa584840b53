"""Driving modal dialogs from tests: the dialog under test really runs (exec), a timer acts on it."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QTableView, QWidget


def when_modal(act: Callable[[Any], None], *, attempts: int = 50, skip: QWidget | None = None,
               only: type | None = None) -> None:
    """Run ``act(dialog)`` on the next modal dialog as soon as it is shown (``skip``: one already handled, still
    closing, or the dialog the act is armed from; ``only``: a kind of dialog, e.g. the message box after a
    progress dialog)."""

    def poll(left: int) -> None:
        widget = QApplication.activeModalWidget()
        if (widget is not None and widget.isVisible() and widget is not skip
                and (only is None or isinstance(widget, only))):
            try:
                act(widget)
            except BaseException:
                widget.close()  # never leave a modal dialog open: the test would hang
                raise
        elif left > 0:
            QTimer.singleShot(20, lambda: poll(left - 1))

    QTimer.singleShot(0, lambda: poll(attempts))


def in_turn(*acts: Callable[[Any], None], attempts: int = 3000) -> None:
    """Each act handles one modal dialog, in the order they open (the next one is armed before an act runs, so
    an act may open the next dialog itself)."""
    if not acts:
        return
    first, rest = acts[0], acts[1:]

    def act(widget: Any) -> None:
        if rest:
            when_modal(lambda w: in_turn_now(w, rest, attempts), attempts=attempts, skip=widget)
        first(widget)

    when_modal(act, attempts=attempts)


def in_turn_now(widget: Any, acts: tuple[Callable[[Any], None], ...], attempts: int) -> None:
    first, rest = acts[0], acts[1:]
    if rest:
        when_modal(lambda w: in_turn_now(w, rest, attempts), attempts=attempts, skip=widget)
    first(widget)


def answer(text: str) -> Callable[[Any], None]:
    """Click the message box button whose Vietnamese text is ``text`` (never "Yes"/"No")."""

    def act(box: QWidget) -> None:
        assert isinstance(box, QMessageBox), type(box)
        labels = [b.text() for b in box.buttons()]
        assert not {"Yes", "No", "OK", "Cancel", "&Yes", "&No"} & set(labels), labels
        button = next(b for b in box.buttons() if b.text() == text)
        button.click()

    return act


def button(parent: QWidget, text: str) -> QAbstractButton:
    """The one button under ``parent`` that reads ``text`` (as the clerk sees it)."""
    found = [b for b in parent.findChildren(QAbstractButton) if b.text() == text]
    assert len(found) == 1, (text, len(found))
    return found[0]


def select_row(view: QTableView, key: str, value: Any) -> dict[str, Any]:
    """Select, as a click would, the row of a tab's list whose ``key`` is ``value`` (sorted or filtered)."""
    proxy = view.model()
    model = proxy.sourceModel()  # type: ignore[attr-defined]
    source = model.find_row(key, value)
    assert source is not None and source >= 0, (key, value)
    row = proxy.mapFromSource(model.index(source, 0)).row()  # type: ignore[attr-defined]
    view.selectRow(row)
    return model.row_at(source)


SHOTS = os.environ.get("EMULATION_DESK_SHOTS", "")  # a folder: screenshots of the real screen (Xvfb + a WM)


def shot(name: str, widget: QWidget | None = None) -> Path | None:
    """With ``EMULATION_DESK_SHOTS`` set (a test run on a real X display), save the whole screen as it is now;
    otherwise nothing."""
    if not SHOTS:
        return None
    from PySide6.QtTest import QTest

    for _ in range(5):
        QApplication.processEvents()
        QTest.qWait(60)
    folder = Path(SHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen" and widget is not None:
        widget.grab().save(str(target))
    else:
        subprocess.run(["import", "-window", "root", str(target)], check=True, timeout=20)
    return target


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
