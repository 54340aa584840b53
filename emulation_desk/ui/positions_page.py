"""Thiết lập → "Chức vụ, kỳ báo cáo": the dictionary of positions that proposes the management flag (the
clerk corrects it: a phrase and whether it means "lãnh đạo, quản lý"), the period of the statistical table
(calendar year, or 01/12 of the year before to 30/11) and where the table counts the kinds that are not công
trạng (cống hiến, niên hạn, đối ngoại, kháng chiến: "chuyên đề, đột xuất" unless the province says otherwise)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.core.report_period import NOT_MERIT_KINDS, PERIOD_KINDS
from emulation_desk.errors import KnownError
from emulation_desk.services.common import Changes
from emulation_desk.services.records.positions import manager_dictionary, set_manager_dictionary
from emulation_desk.services.reporting.statistics import (
    report_period,
    set_report_period,
    set_table_part,
    table_parts,
)
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.dialogs import ERROR_STYLE, combo

HEADERS = ["Chức vụ (cụm từ trong tên chức vụ)", "Lãnh đạo, quản lý"]
PART_LABELS = {"chuyen_de": "Chuyên đề, đột xuất (cột 10–13)", "cong_trang": "Công trạng, thành tích (cột 6–9)"}


class PositionsPage(QWidget):
    """``record(changes)`` receives what each save changed (the settings dialog passes it on)."""

    def __init__(self, ws: Workspace, record: Callable[[Changes], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.record = ws, record
        layout = QVBoxLayout(self)
        period_row = QHBoxLayout()
        period_row.addWidget(QLabel("Kỳ của biểu tổng hợp:"))
        self.period = combo({k: v[:1].upper() + v[1:] for k, v in PERIOD_KINDS.items()}, report_period(ws, 2000).kind)
        self.period.currentIndexChanged.connect(lambda *_: self._period_changed())
        period_row.addWidget(self.period, 1)
        layout.addLayout(period_row)
        parts_box = QGroupBox("Khen thưởng không theo công trạng: tính vào nhóm cột nào của biểu (theo hướng dẫn "
                              "của tỉnh)")
        parts_form = QFormLayout(parts_box)
        self.parts: dict[str, QComboBox] = {}
        chosen = table_parts(ws)
        catalog = ws.catalog()
        known = {k.code: k for k in catalog.kinds}
        for kind in NOT_MERIT_KINDS:
            if kind not in known:
                continue
            box = combo(PART_LABELS, chosen.get(kind, known[kind].table_part))
            box.currentIndexChanged.connect(lambda *_, k=kind: self._part_changed(k))
            parts_form.addRow(f"{known[kind].name}:", box)
            self.parts[kind] = box
        layout.addWidget(parts_box)
        note = QLabel("Danh mục chức vụ dùng để đề xuất “lãnh đạo, quản lý” khi chọn người trong đề nghị và khi ghi "
                      "chức vụ theo năm; cụm từ dài nhất tìm thấy trong tên chức vụ được dùng. Cán bộ vẫn sửa được "
                      "ở từng đề nghị.")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 150)
        self.table.verticalHeader().setDefaultSectionSize(22)
        layout.addWidget(self.table, 1)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        for text, slot in (("Thêm dòng", lambda: self.add_row()), ("Xóa dòng", self.remove_row),
                           ("Trở về danh mục mặc định", self.reset), ("Lưu danh mục", self.save)):
            button = QPushButton(text)
            button.clicked.connect(lambda *_, act=slot: act())
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.load()

    def load(self) -> None:
        """The dictionary as stored (also what "Không lưu" puts back)."""
        entries = manager_dictionary(self.ws)
        self.table.setRowCount(0)
        for phrase, flag in entries:
            self.add_row(phrase, flag)
        self.saved_entries = self.entries()
        self.error.hide()

    def unsaved(self) -> bool:
        """Rows added, removed or edited since the dictionary was loaded or saved."""
        return self.entries() != self.saved_entries

    def add_row(self, phrase: str = "", flag: bool = True) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(phrase))
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
        check.setCheckState(Qt.CheckState.Checked if flag else Qt.CheckState.Unchecked)
        self.table.setItem(row, 1, check)

    def remove_row(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def entries(self) -> list[tuple[str, bool]]:
        out = []
        for row in range(self.table.rowCount()):
            phrase, check = self.table.item(row, 0), self.table.item(row, 1)
            out.append(((phrase.text() if phrase else ""), bool(check and check.checkState() == Qt.CheckState.Checked)))
        return out

    def _run(self, action: Callable[[], Changes]) -> bool:
        try:
            changes = action()
        except KnownError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return False
        self.error.hide()
        self.record(changes)
        return True

    def save(self) -> bool:
        if self._run(lambda: set_manager_dictionary(self.ws, self.entries())):
            self.load()
            return True
        return False

    def reset(self) -> None:
        if self._run(lambda: set_manager_dictionary(self.ws, None)):
            self.load()

    def _part_changed(self, kind: str) -> None:
        self._run(lambda: set_table_part(self.ws, kind, self.parts[kind].currentData()))

    def _period_changed(self) -> None:
        self._run(lambda: set_report_period(self.ws, self.period.currentData()))
