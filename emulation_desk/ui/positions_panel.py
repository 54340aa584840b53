"""Hồ sơ cá nhân → "Chức vụ theo năm": the positions a person held from a year on, each with the management
flag (proposed by the dictionary of positions, or the clerk's choice). Each entry is saved at once (audited);
a deleted one can be restored from the audit log like any other deletion."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.errors import KnownError
from emulation_desk.services.common import Changes
from emulation_desk.services.records import positions
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.dialogs import ERROR_STYLE, combo

FLAG_CHOICES = [("auto", "Theo danh mục chức vụ"), ("1", "Lãnh đạo, quản lý"), ("0", "Không phải lãnh đạo, quản lý")]
HEADERS = ["Từ năm", "Chức vụ", "Lãnh đạo, quản lý", "Nguồn"]


class PositionHistoryPanel(QWidget):
    """``changes`` collects what the panel saved (the record dialog passes it on); ``saved`` says an entry was
    written or removed."""

    saved = Signal()

    def __init__(self, ws: Workspace, person_id: str, year: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.person_id = ws, person_id
        self.changes = Changes()
        layout = QVBoxLayout(self)
        note = QLabel("Chức vụ giữ từ năm nào trở đi; biểu tổng hợp và đề nghị khen thưởng đọc chức vụ của năm "
                      "được khen, nên thăng chức năm sau không làm thay đổi số liệu năm trước. Mỗi dòng được lưu "
                      "ngay khi bấm “Ghi chức vụ”.")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 80), (2, 130), (3, 150)):
            self.table.setColumnWidth(column, width)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.year = QSpinBox()
        self.year.setRange(1945, 2100)
        self.year.setValue(year or 2000)
        self.position = QLineEdit()
        self.position.setPlaceholderText("ví dụ: Trưởng phòng Nội vụ")
        self.position.textChanged.connect(lambda *_: self._propose())
        self.flag = combo(FLAG_CHOICES, "auto")
        self.flag.currentIndexChanged.connect(lambda *_: self._propose())
        add = QPushButton("Ghi chức vụ")
        add.clicked.connect(lambda *_: self.add())
        remove = QPushButton("Xóa dòng")
        remove.clicked.connect(lambda *_: self.remove())
        for widget in (QLabel("Từ năm"), self.year, self.position, self.flag, add, remove):
            row.addWidget(widget, 1 if widget is self.position else 0)
        layout.addLayout(row)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        layout.addWidget(self.hint)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.entries: list[dict[str, Any]] = []
        self.load()

    def load(self) -> None:
        self.entries = positions.position_history(self.ws, self.person_id)
        self.table.setRowCount(len(self.entries))
        for index, entry in enumerate(self.entries):
            cells = (str(entry["from_year"]) if entry["from_year"] else "trước đây", entry["position"],
                     "Có" if entry["is_manager"] else "Không", entry["source_label"])
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))

    def rowCount(self) -> int:
        """The number of entries shown."""
        return self.table.rowCount()

    def _propose(self) -> None:
        if self.flag.currentData() != "auto":
            self.hint.setText("Cán bộ tự chọn (không theo danh mục chức vụ).")
            return
        self.hint.setText(positions.propose(self.ws, self.position.text()).describe() if self.position.text() else "")

    def _run(self, action: Any) -> bool:
        try:
            result = action()
        except KnownError as exc:
            self.error.setText(exc.message)
            return False
        self.error.setText("")
        self.changes.merge(getattr(result, "changes", result))
        self.load()
        self.saved.emit()
        return True

    def add(self) -> bool:
        choice = self.flag.currentData()
        flag = None if choice == "auto" else choice == "1"
        return self._run(lambda: positions.set_position(self.ws, self.person_id, self.year.value(),
                                                        self.position.text(), is_manager=flag))

    def remove(self) -> bool:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        if not rows:
            self.error.setText("Hãy chọn dòng chức vụ cần xóa.")
            return False
        return all(self._run(lambda entry=self.entries[r]: positions.remove_position(self.ws, entry["id"]))
                   for r in reversed(rows))
