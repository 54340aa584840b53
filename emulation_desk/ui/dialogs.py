"""Small shared dialogs: Vietnamese questions and messages, and a form dialog that shows, next to the
field in error, why nothing was saved (the service's ValidationError names the field)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.errors import KnownError

T = TypeVar("T")
ERROR_STYLE = "color: #b00020;"


def ask(parent: QWidget | None, title: str, text: str, *, yes: str = "Đồng ý", no: str = "Hủy",
        warning: bool = False) -> bool:
    """A yes/no question with Vietnamese buttons (never Qt's English "Yes/No")."""
    box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.NoButton, parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def inform(parent: QWidget | None, title: str, text: str, *, error: bool = False) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.NoButton, parent)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def notify(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """A message that does not stop the work (non-modal, closes itself when dismissed): "what just happened"."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.show()
    return box


def run_action(parent: QWidget | None, action: Callable[[], T], title: str = "Không thực hiện được") -> T | None:
    """Run a service call; a known error is shown in Vietnamese and nothing else happens."""
    try:
        return action()
    except KnownError as exc:
        if not _damage_of_window_file(parent, exc):  # the damage flow says it (ui/damage_flow.py), once
            inform(parent, title, exc.message, error=True)
        return None


def _damage_of_window_file(parent: QWidget | None, exc: KnownError) -> bool:
    """Damage of the file the window works on, already reported to its damage flow by the storage layer."""
    from emulation_desk.storage.store import damage_of

    window = parent.window() if parent is not None else None
    ws = getattr(window, "ws", None)
    path = getattr(ws, "path", None)
    return path is not None and str(path) != ":memory:" and getattr(window, "damage", None) is not None \
        and damage_of(exc, path)


def qdate(value: date | str | None) -> QDate:
    if value is None or value == "":
        return QDate()
    d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return QDate(d.year, d.month, d.day)


def date_edit(value: date | str | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setDate(qdate(value) if value else QDate.currentDate())
    return edit


def py_date(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def combo(items: dict[str, str] | list[tuple[Any, str]], current: Any = None, *, empty: str | None = None
          ) -> QComboBox:
    """A combo box of (value, label) pairs; ``empty`` adds a first "nothing chosen" entry."""
    box = QComboBox()
    pairs = list(items.items()) if isinstance(items, dict) else list(items)
    if empty is not None:
        box.addItem(empty, None)
    for value, label in pairs:
        box.addItem(label, value)
    if current is not None:
        index = box.findData(current)
        if index >= 0:
            box.setCurrentIndex(index)
    return box


class FormPanel(QWidget):
    """Fields in a QFormLayout, each with an error line under it (used by forms and settings pages)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.general_error)
        self.body.addLayout(self.form)
        self.saved_values: dict[str, Any] | None = None  # what was last saved (see mark_saved)

    def mark_saved(self) -> None:
        """The fields as they are now count as saved (``unsaved()`` compares with them)."""
        self.saved_values = self.values()

    def unsaved(self) -> bool:
        return self.saved_values is not None and self.values() != self.saved_values

    def restore_saved(self) -> None:
        """Put the fields back as they were last saved (the clerk chose "Không lưu")."""
        for name, value in (self.saved_values or {}).items():
            widget = self.fields[name]
            if isinstance(widget, QLineEdit):
                widget.setText(value)
                widget.setCursorPosition(0)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
            elif isinstance(widget, QCheckBox):
                widget.setChecked(value)
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findData(value), 0))
            elif isinstance(widget, QDateEdit):
                widget.setDate(qdate(value))

    def add_field(self, name: str, label: str, widget: QWidget) -> QWidget:
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        layout.addWidget(error)
        self.form.addRow(label, holder)
        self.fields[name] = widget
        self.errors[name] = error
        return widget

    def line(self, name: str, label: str, value: Any = "") -> QLineEdit:
        edit = QLineEdit("" if value is None else str(value))
        edit.setCursorPosition(0)
        self.add_field(name, label, edit)
        return edit

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, widget in self.fields.items():
            if isinstance(widget, QLineEdit):
                out[name] = widget.text()
            elif isinstance(widget, QPlainTextEdit):
                out[name] = widget.toPlainText()
            elif isinstance(widget, QCheckBox):
                out[name] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                out[name] = widget.currentData()
            elif isinstance(widget, QDateEdit):
                out[name] = py_date(widget) if widget.date().isValid() else None
        return out

    def clear_errors(self) -> None:
        for label in (*self.errors.values(), self.general_error):
            label.hide()

    def show_error(self, exc: KnownError) -> None:
        self.clear_errors()
        field = getattr(exc, "field", "")
        target = self.errors.get(field)
        if target is not None:
            target.setText(exc.message)
            target.show()
            self.fields[field].setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.general_error.setText(exc.message)
            self.general_error.show()
        timer = getattr(self, "_grow_timer", None)
        if timer is None:  # a child timer: it dies with the panel, never calling a deleted one
            timer = self._grow_timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(self._grow_to_fit)
        timer.start(0)  # once the layout has taken the message in

    def _grow_to_fit(self) -> None:
        """A message needs room: a dialog whose rows are all fixed grows (never shrinks) so that the message is
        read whole instead of clipped."""
        window = self.window()
        hint = window.sizeHint()
        if window is not self and window.isVisible() and hint.height() > window.height():
            window.resize(window.width(), hint.height())

    def error_text(self, field: str = "") -> str:
        label = self.errors.get(field) if field else self.general_error
        return label.text() if label is not None and not label.isHidden() else ""

    def run_save(self, save: Callable[[dict[str, Any]], Any]) -> tuple[bool, Any]:
        """Call ``save(values)``; on a known error show it and return (False, None)."""
        try:
            result = save(self.values())
        except KnownError as exc:
            self.show_error(exc)
            return False, None
        self.clear_errors()
        if self.saved_values is not None:
            self.mark_saved()
        return True, result


SAVE, DISCARD, STAY = "save", "discard", "stay"


def ask_unsaved(parent: QWidget | None, what: str) -> str:
    """Save, discard or stay: the question when a window with unsaved edits is closed."""
    box = QMessageBox(QMessageBox.Icon.Question, "Chưa lưu", f"Bạn đã sửa {what} nhưng chưa lưu. Lưu lại trước "
                      "khi rời đi?", QMessageBox.StandardButton.NoButton, parent)
    buttons = {box.addButton("Lưu", QMessageBox.ButtonRole.AcceptRole): SAVE,
               box.addButton("Không lưu", QMessageBox.ButtonRole.DestructiveRole): DISCARD}
    stay = box.addButton("Ở lại", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.exec()
    return buttons.get(box.clickedButton(), STAY)


@dataclass
class UnsavedSection:
    """One part of a dialog that holds edits until the clerk saves them: ``unsaved()`` says whether it does,
    ``save()`` stores them (False if refused: the error is shown), ``discard()`` puts back what is stored,
    ``page`` is its tab (shown when the question is about it)."""

    what: str
    unsaved: Callable[[], bool]
    save: Callable[[], bool]
    discard: Callable[[], None]
    page: QWidget | None = None


class UnsavedGuard(QObject):
    """Closing a dialog (its close button, Esc, the window's X) with unsaved edits asks to save, discard or stay,
    for each part holding edits (a form panel, or any :class:`UnsavedSection`); with :meth:`watch_tabs` the same
    question comes when the clerk leaves a tab holding edits. ``choose`` is the question (tests replace it)."""

    def __init__(self, dialog: QDialog, panel: FormPanel | None = None, save: Callable[[], bool] | None = None,
                 what: str = "") -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.sections: list[UnsavedSection] = []
        self.choose: Callable[[QWidget, str], str] = ask_unsaved
        self._tabs: Any = None
        self._current = -1
        self._switching = False
        if panel is not None and save is not None:
            self.add_panel(panel, save, what)
        dialog.installEventFilter(self)

    def add_panel(self, panel: FormPanel, save: Callable[[], bool], what: str, page: QWidget | None = None
                  ) -> UnsavedSection:
        panel.mark_saved()
        return self.add(UnsavedSection(what, panel.unsaved, save, panel.restore_saved, page))

    def add(self, section: UnsavedSection) -> UnsavedSection:
        self.sections.append(section)
        return section

    def settle(self, section: UnsavedSection) -> bool:
        """Ask about one section if it holds edits; True when the clerk may go on (saved or discarded)."""
        if not section.unsaved():
            return True
        choice = self.choose(self.dialog, section.what)
        if choice == DISCARD:
            section.discard()
            return True
        return choice == SAVE and section.save()

    def may_close(self) -> bool:
        for section in self.sections:
            if section.page is not None and self._tabs is not None and section.unsaved():
                self._show(section.page)
            if not self.settle(section):
                return False
        return True

    def close(self) -> None:
        if self.may_close() and self.dialog.isVisible():  # "Lưu" of a form dialog has closed it already
            self.dialog.reject()

    def watch_tabs(self, tabs: Any) -> None:
        """Ask when the clerk leaves a tab (of ``tabs``, a QTabWidget) whose section holds edits."""
        self._tabs, self._current = tabs, tabs.currentIndex()
        tabs.currentChanged.connect(self._tab_changed)

    @contextmanager
    def tabs_rebuilt(self) -> Iterator[None]:
        """Pages replaced by code (no question while tabs move), then the current tab is the one left from."""
        self._switching = True
        try:
            yield
        finally:
            self._switching = False
            if self._tabs is not None:
                self._current = self._tabs.currentIndex()

    def _show(self, page: QWidget) -> None:
        index = self._tabs.indexOf(page)
        if index >= 0 and index != self._tabs.currentIndex():
            self._switching = True
            self._tabs.setCurrentIndex(index)
            self._switching = False
            self._current = index

    def _tab_changed(self, index: int) -> None:
        if self._switching:
            return
        left = self._tabs.widget(self._current) if self._current >= 0 else None
        section = next((s for s in self.sections if left is not None and s.page is left), None)
        if section is not None and not self.settle(section):
            self._switching = True  # stay: back to the tab with the edits
            self._tabs.setCurrentIndex(self._current)
            self._switching = False
            return
        self._current = index

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not getattr(self, "dialog", None):  # events of a dialog being torn down
            return False
        if watched is self.dialog and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Escape:  # type: ignore[attr-defined]
            self.close()
            return True
        if watched is self.dialog and event.type() == QEvent.Type.Close and event.spontaneous() \
                and self.dialog.isVisible() and not self.may_close():  # the window's X; a close by code never asks
            event.ignore()
            return True
        return False


class FormDialog(QDialog):
    """A form dialog: OK runs ``save(values)``; a ValidationError naming a field is shown under that field
    (or at the top) and the dialog stays open, so nothing is stored until everything is right."""

    def __init__(self, title: str, parent: QWidget | None = None, *, ok_text: str = "Lưu") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.panel = FormPanel(self)
        self.panel.body.setContentsMargins(0, 0, 0, 0)
        self.form, self.fields, self.errors = self.panel.form, self.panel.fields, self.panel.errors
        self.general_error = self.panel.general_error
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.panel)
        self.body.addWidget(self.buttons)
        self.save: Callable[[dict[str, Any]], Any] | None = None
        self.result_value: Any = None

    def add_field(self, name: str, label: str, widget: QWidget) -> QWidget:
        return self.panel.add_field(name, label, widget)

    def line(self, name: str, label: str, value: Any = "") -> QLineEdit:
        return self.panel.line(name, label, value)

    def values(self) -> dict[str, Any]:
        return self.panel.values()

    def show_error(self, exc: KnownError) -> None:
        self.panel.show_error(exc)

    def error_text(self, field: str = "") -> str:
        return self.panel.error_text(field)

    def ask_before_discarding(self, what: str) -> UnsavedGuard:
        """"Hủy", Esc or the window's X with edits in the fields ask to save, discard or stay (fields filled in
        by the caller before this count as saved)."""
        guard = UnsavedGuard(self, self.panel, self._try_accept, what)
        self.buttons.rejected.disconnect(self.reject)
        self.buttons.rejected.connect(guard.close)
        self.unsaved_guard = guard
        return guard

    def _try_accept(self) -> bool:
        if self.save is None:
            self.accept()
            return True
        ok, result = self.panel.run_save(self.save)
        if ok:
            self.result_value = result
            self.accept()
        return ok


class WelcomeDialog(FormDialog):
    """The first run: a new data file or the demo. ``choice`` is "new", "demo" or "" (quit). Nothing is typed
    here: the office is asked once, by the setup that follows on the new file (ui/setup_wizard.py)."""

    def __init__(self, path: Any, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QDialogButtonBox

        super().__init__("Chào mừng", parent, ok_text="Bắt đầu")
        self.choice = ""
        intro = QLabel(
            "<b>Chào mừng bạn đến với phần mềm Quản lý Thi đua – Khen thưởng.</b><br><br>"
            "Bấm “Bắt đầu” để tạo tệp dữ liệu mới; bước tiếp theo, <b>Thiết lập ban đầu</b>, hỏi thông tin cơ quan "
            "(in trên mọi văn bản), người ký và Hội đồng Thi đua - Khen thưởng.<br><br>Nếu muốn làm quen trước, hãy "
            "bấm “Mở dữ liệu mẫu”: dữ liệu mẫu năm 2020 được mở trên một bản sao, không ảnh hưởng dữ liệu thật."
            f"<br><br>Tệp dữ liệu sẽ được tạo tại: {path}")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.body.insertWidget(0, intro)
        self.panel.hide()  # no fields: the setup asks for the office
        self.demo_button = self.buttons.addButton("Mở dữ liệu mẫu", QDialogButtonBox.ButtonRole.ActionRole)
        self.demo_button.clicked.connect(self._demo)
        quit_button = next(b for b in self.buttons.buttons() if b.text() == "Hủy")
        quit_button.setText("Thoát")
        self.save = self._new
        self.setMinimumWidth(640)

    def _new(self, _values: dict[str, Any]) -> str:
        self.choice = "new"
        return self.choice

    def _demo(self) -> None:
        self.choice = "demo"
        self.accept()
