"""Pieces the Hồ sơ dialogs share: an editable table of yearly facts (text, choice and tick cells), the award
history beside it whose lines open their decision, and the read-only view of that decision."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.core.text import format_date, format_int
from emulation_desk.errors import KnownError
from emulation_desk.services.awards import decisions
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.dialogs import inform
from emulation_desk.ui.table_model import Column
from emulation_desk.ui.tabs.base import make_table, selected_rows

RECORD_SHORTCUT = "Ctrl+H"
RECORD_TEXT = "Hồ sơ…"
ID_ROLE = Qt.ItemDataRole.UserRole + 10
DIALOG_SIZE = (1240, 640)  # fits a 1366×768 screen with its task bar

HISTORY_COLUMNS = [
    Column("year", "Năm", kind="year", width=45),
    Column("form_name", "Hình thức khen thưởng", width=200),
    Column("number", "Quyết định số", width=110,
           display=lambda r: f"{r['number']}/{r['symbol']}" if r.get("symbol") else (r.get("number") or "")),
    Column("signed_on", "Ngày ký", kind="date", width=80),
    Column("issuer_name", "Cấp khen", width=150),
]
RECIPIENT_COLUMNS = [
    Column("display_name", "Họ tên / Tên tập thể", kind="name", width=230),
    Column("position", "Chức vụ", width=150),
    Column("unit_name", "Đơn vị", width=220),
    Column("form_short_name", "Hình thức", width=170),
    Column("amount", "Tiền thưởng (đồng)", kind="money", width=120),
]


class FactTable(QTableWidget):
    """An editable grid: text columns, choice columns (a combo box per cell) and tick columns."""

    def __init__(self, headers: Sequence[str], widths: Sequence[int], *, choices: dict[int, list[tuple[Any, str]]]
                 | None = None, ticks: Sequence[int] = (), editable_choices: Sequence[int] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        for column, width in enumerate(widths):
            self.setColumnWidth(column, width)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.verticalHeader().setVisible(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.choices = choices or {}
        self.ticks = set(ticks)
        self.editable_choices = set(editable_choices)

    def add_row(self, values: Sequence[Any], key: str = "") -> int:
        row = self.rowCount()
        self.insertRow(row)
        for column, value in enumerate(values):
            if column in self.choices:
                box = QComboBox()
                box.setEditable(column in self.editable_choices)
                for data, label in self.choices[column]:
                    box.addItem(label, data)
                index = box.findData(value)
                if index >= 0:
                    box.setCurrentIndex(index)
                elif column in self.editable_choices:
                    box.setEditText(str(value or ""))
                self.setCellWidget(row, column, box)
                self.setItem(row, column, QTableWidgetItem(""))
            elif column in self.ticks:
                item = QTableWidgetItem("")
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
                item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
                self.setItem(row, column, item)
            else:
                self.setItem(row, column, QTableWidgetItem("" if value is None else str(value)))
        self.item(row, 0).setData(ID_ROLE, key)
        return row

    def key(self, row: int) -> str:
        return str(self.item(row, 0).data(ID_ROLE) or "")

    def value(self, row: int, column: int) -> Any:
        """A cell's value: the chosen data (or the typed text) of a choice, a tick as bool, else the text."""
        if column in self.choices:
            box = self.cellWidget(row, column)
            assert isinstance(box, QComboBox)
            if column in self.editable_choices:
                return box.currentText().strip()
            return box.currentData()
        item = self.item(row, column)
        if column in self.ticks:
            return item is not None and item.checkState() == Qt.CheckState.Checked
        return item.text().strip() if item is not None else ""

    def set_value(self, row: int, column: int, value: Any) -> None:
        if column in self.choices:
            box = self.cellWidget(row, column)
            assert isinstance(box, QComboBox)
            index = box.findData(value)
            if index >= 0:
                box.setCurrentIndex(index)
            else:
                box.setEditText(str(value))
        elif column in self.ticks:
            self.item(row, column).setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
        else:
            self.item(row, column).setText(str(value))

    def remove_current(self) -> None:
        if self.currentRow() >= 0:
            self.removeRow(self.currentRow())

    def rows(self) -> range:
        return range(self.rowCount())


def table_panel(table: FactTable, note: str, add: Callable[[], Any], add_text: str) -> QWidget:
    """The table with a short note above it and "Thêm…" / "Xóa dòng" buttons."""
    panel = QWidget()
    layout = QVBoxLayout(panel)
    label = QLabel(note)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    layout.addWidget(label)
    layout.addWidget(table, 1)
    buttons = QHBoxLayout()
    for text, slot in ((add_text, add), ("Xóa dòng", table.remove_current)):
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False, s=slot: s())
        buttons.addWidget(button)
    buttons.addStretch(1)
    layout.addLayout(buttons)
    return panel


def row_error(what: str, row: int, exc: KnownError) -> KnownError:
    """The service's message with the place in the table ("Sáng kiến, dòng 2: …")."""
    return KnownError(f"{what}, dòng {row + 1}: {exc.message}")


class HistoryPanel(QWidget):
    """The award history of a person or a collective; a double click (or Enter, or the button) opens the line's
    decision."""

    def __init__(self, ws: Workspace, title: str, rows: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(f"<b>{title}</b> ({len(rows)})"))
        self.view, self.model, self.proxy = make_table(HISTORY_COLUMNS, self)
        self.model.set_rows(rows)
        self.view.doubleClicked.connect(lambda *_: self.open_decision())
        action = QAction("Xem quyết định…", self.view)
        action.setShortcut(QKeySequence(Qt.Key.Key_Return))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda _checked=False: self.open_decision())
        self.view.addAction(action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        layout.addWidget(self.view, 1)
        self.open_button = QPushButton("Xem quyết định…")
        self.open_button.clicked.connect(lambda _checked=False: self.open_decision())
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.shown: DecisionView | None = None

    def select_row(self, index: int) -> None:
        self.view.selectRow(index)

    def open_decision(self) -> DecisionView | None:
        rows = selected_rows(self.view, self.model, self.proxy)
        if not rows:
            inform(self, "Xem quyết định", "Hãy chọn một dòng khen thưởng trước.")
            return None
        self.shown = DecisionView(self.ws, rows[0]["decision_id"], self)
        self.shown.open()
        return self.shown


class DecisionView(QDialog):
    """A decision as recorded: number, date, issuer, title and its list (read only; edits are on the Quyết định
    tab)."""

    def __init__(self, ws: Workspace, decision_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        decision = decisions.get_decision(ws, decision_id)
        recipients = decisions.decision_recipients(ws, decision_id)
        number = f"{decision['number']}/{decision['symbol']}" if decision["symbol"] else decision["number"]
        self.setWindowTitle(f"Quyết định số {number or '(chưa có số)'}")
        layout = QVBoxLayout(self)
        signed = format_date(_date(decision["signed_on"])) if decision.get("signed_on") else "chưa ký"
        status = "đã ban hành" if decision.get("status") == "issued" else "dự thảo"
        self.header = QLabel(f"<b>Quyết định số {number or '(chưa có số)'}</b> ngày {signed} — "
                             f"{decision.get('issuer_name') or ''} ({status})<br>{decision.get('title') or ''}<br>"
                             f"{format_int(len(recipients))} người/tập thể được khen")
        self.header.setWordWrap(True)
        layout.addWidget(self.header)
        self.view, self.model, _ = make_table(RECIPIENT_COLUMNS, self)
        self.model.set_rows(recipients)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox()
        buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 460)


def _date(value: str) -> Any:
    from datetime import date

    return date.fromisoformat(str(value)[:10])
