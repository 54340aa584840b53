"""Tab "Đơn vị": units of the year with kind, head count, bloc and validity; a unit's people."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter

from emulation_desk.services.people import list_people
from emulation_desk.services.units import UNIT_KINDS, list_units
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.table_model import Column
from emulation_desk.ui.tabs.base import BaseTab, make_table

UNIT_COLUMNS = [
    Column("name", "Tên đơn vị", width=320),
    Column("kind", "Loại", width=150, display=lambda r: UNIT_KINDS.get(r["kind"], r["kind"])),
    Column("head_count", "Số người", kind="int", width=80),
    Column("bloc_name", "Khối thi đua", width=220),
    Column("valid_from", "Từ ngày", kind="date", width=90),
    Column("valid_to", "Đến ngày", kind="date", width=90),
]
PEOPLE_COLUMNS = [
    Column("full_name", "Họ và tên", kind="name", width=200),
    Column("birth_year", "Năm sinh", kind="int", width=80),
    Column("position", "Chức vụ", width=220),
    Column("is_manager", "Lãnh đạo quản lý", kind="bool", width=120),
]


class UnitsTab(BaseTab):
    title = "Đơn vị"
    item_label = "đơn vị"

    def __init__(self, ws: Workspace) -> None:
        super().__init__(ws, UNIT_COLUMNS)
        self.people_view, self.people_model, self.people_proxy = make_table(PEOPLE_COLUMNS, self)
        self.people_title = QLabel("Cá nhân của đơn vị")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        lower = QSplitter(Qt.Orientation.Vertical)
        lower.addWidget(self.people_title)
        lower.addWidget(self.people_view)
        splitter.addWidget(lower)
        splitter.setSizes([420, 240])
        self.layout_.addWidget(splitter)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_people())

    def load(self, year: int) -> None:
        super().load(year)
        self.set_rows(list_units(self.ws.store, year))
        self.people_model.set_rows([])

    def _show_people(self) -> None:
        unit = self.selected_row()
        if unit is None:
            return
        people = list_people(self.ws.store, unit["id"])
        self.people_title.setText(f"Cá nhân của {unit['name']} ({len(people)} người)")
        self.people_model.set_rows(people)
