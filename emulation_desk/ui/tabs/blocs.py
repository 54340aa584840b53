"""Tab "Khối thi đua": blocs of the year with head and deputy, and the scoring grid of the chosen bloc."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from emulation_desk.core.text import format_decimal
from emulation_desk.services.blocs import bloc_results, list_blocs
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.table_model import Column, RowTableModel
from emulation_desk.ui.tabs.base import BaseTab, make_table

BLOC_COLUMNS = [
    Column("name", "Khối thi đua", width=260),
    Column("head_name", "Khối trưởng", width=260),
    Column("deputy_name", "Khối phó", width=260),
    Column("member_count", "Số đơn vị", kind="int", width=80),
]


def _points(value: Any) -> str:
    return "" if value is None else format_decimal(value)


class BlocsTab(BaseTab):
    title = "Khối thi đua"
    item_label = "khối"

    def __init__(self, ws: Workspace) -> None:
        super().__init__(ws, BLOC_COLUMNS)
        self.grid_title = QLabel("Bảng chấm điểm")
        self.grid_holder = QWidget()
        self.grid_layout = QVBoxLayout(self.grid_holder)
        self.grid_layout.setContentsMargins(0, 0, 0, 0)
        self.grid_layout.addWidget(self.grid_title)
        self.grid_view = None
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.grid_holder)
        splitter.setSizes([240, 420])
        self.layout_.addWidget(splitter)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_grid())

    def load(self, year: int) -> None:
        super().load(year)
        self.set_rows(list_blocs(self.ws.store, year))
        if self.model.rowCount():
            self.view.selectRow(0)

    def _show_grid(self) -> None:
        bloc = self.selected_row()
        if bloc is None:
            return
        results = bloc_results(self.ws.store, bloc["id"])
        columns = [Column("rank", "Xếp hạng", kind="int", width=70), Column("unit_name", "Đơn vị", width=260)]
        for i, criterion in enumerate(results["criteria"]):
            columns.append(Column(f"p{i}", f"{criterion['name']} (tối đa {criterion['max_points']:g})", kind="text",
                                  width=110, display=lambda r, i=i: _points(r["points"][i])))
        columns.append(Column("total", "Tổng điểm", width=90, display=lambda r: _points(r["total"])))
        rows = [{**r, **{f"p{i}": p for i, p in enumerate(r["points"])}} for r in results["rows"]]
        if self.grid_view is None:
            self.grid_view, self.grid_model, self.grid_proxy = make_table(columns, self)
            self.grid_view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
            self.grid_layout.addWidget(self.grid_view)
        else:
            self.grid_model = RowTableModel(columns, self)
            self.grid_proxy.setSourceModel(self.grid_model)
            for index, column in enumerate(columns):
                self.grid_view.setColumnWidth(index, column.width)
        self.grid_model.set_rows(rows)
        leader = results["leader"]
        lead_text = f" — đơn vị dẫn đầu: {leader['unit_name']}" if leader else ""
        self.grid_title.setText(f"Bảng chấm điểm {bloc['name']} năm {bloc['year']}{lead_text}")
