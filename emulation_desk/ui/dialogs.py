"""Small shared dialogs: Vietnamese questions and messages, and a form dialog that shows, next to the
field in error, why nothing was saved (the service's ValidationError names the field)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QDate, QEvent, QObject, Qt
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
                      "khi đóng?", QMessageBox.StandardButton.NoButton, parent)
    buttons = {box.addButton("Lưu", QMessageBox.ButtonRole.AcceptRole): SAVE,
               box.addButton("Không lưu", QMessageBox.ButtonRole.DestructiveRole): DISCARD}
    stay = box.addButton("Ở lại", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.exec()
    return buttons.get(box.clickedButton(), STAY)


class UnsavedGuard(QObject):
    """Closing a dialog (its close button, Esc, the window's X) with unsaved edits in a form panel asks to save,
    discard or stay. ``choose`` is the question (tests replace it)."""

    def __init__(self, dialog: QDialog, panel: FormPanel, save: Callable[[], bool], what: str) -> None:
        super().__init__(dialog)
        self.dialog, self.panel, self.save, self.what = dialog, panel, save, what
        self.choose: Callable[[QWidget, str], str] = ask_unsaved
        panel.mark_saved()
        dialog.installEventFilter(self)

    def may_close(self) -> bool:
        if not self.panel.unsaved():
            return True
        choice = self.choose(self.dialog, self.what)
        return choice == DISCARD or (choice == SAVE and self.save())

    def close(self) -> None:
        if self.may_close():
            self.dialog.reject()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
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

    def _try_accept(self) -> None:
        if self.save is None:
            self.accept()
            return
        ok, result = self.panel.run_save(self.save)
        if ok:
            self.result_value = result
            self.accept()


class WelcomeDialog(FormDialog):
    """The first run: who the office is (the organisation profile printed on every document) or the demo.
    ``choice`` is "profile" (``profile`` holds the checked values), "demo" or "" (quit)."""

    def __init__(self, path: Any, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QDialogButtonBox

        from emulation_desk.services.records.org import ORG_LEVELS

        super().__init__("Chào mừng", parent, ok_text="Bắt đầu")
        self.choice = ""
        self.profile: dict[str, Any] = {}
        intro = QLabel(
            "<b>Chào mừng bạn đến với phần mềm Quản lý Thi đua – Khen thưởng.</b><br>"
            "Hãy nhập thông tin cơ quan (in trên mọi văn bản; sửa lại được trong Tệp → Thiết lập). Nếu muốn "
            "làm quen trước, hãy bấm “Mở dữ liệu mẫu”: dữ liệu mẫu năm 2020 được mở trên một bản sao, không ảnh "
            f"hưởng dữ liệu thật.<br>Tệp dữ liệu sẽ được tạo tại: {path}")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.body.insertWidget(0, intro)
        self.line("parent_body", "Tên cơ quan chủ quản:").setPlaceholderText("Ví dụ: UBND TỈNH NAM ĐỊNH")
        self.line("issuing_body", "Tên cơ quan ban hành:").setPlaceholderText(
            "Ví dụ: ỦY BAN NHÂN DÂN THÀNH PHỐ NAM ĐỊNH")
        self.line("body_short", "Tên gọi tắt:").setPlaceholderText("Ví dụ: UBND thành phố")
        self.add_field("level", "Cấp hành chính:", combo(ORG_LEVELS, "xa", empty=None))
        self.line("place_name", "Địa danh (ghi ở đầu văn bản):").setPlaceholderText("Ví dụ: Nam Định")
        self.demo_button = self.buttons.addButton("Mở dữ liệu mẫu", QDialogButtonBox.ButtonRole.ActionRole)
        self.demo_button.clicked.connect(self._demo)
        quit_button = next(b for b in self.buttons.buttons() if b.text() == "Hủy")
        quit_button.setText("Thoát")
        self.save = self._check
        self.setMinimumWidth(640)

    def _check(self, values: dict[str, Any]) -> dict[str, Any]:
        """Validate with the real service on a throwaway in-memory database: nothing is created until it is right."""
        from emulation_desk.services.records.org import save_organisation
        from emulation_desk.services.workspace import Workspace
        from emulation_desk.storage.db import open_store

        ws = Workspace(open_store(":memory:"))
        try:
            save_organisation(ws, **values)
        finally:
            ws.close()
        self.choice, self.profile = "profile", dict(values)
        return values

    def _demo(self) -> None:
        self.choice = "demo"
        self.accept()
