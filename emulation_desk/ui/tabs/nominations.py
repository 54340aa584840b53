"""Tab "Đề nghị khen thưởng": every nomination of the year with nominee, form, kind, unit and status."""

from __future__ import annotations

from emulation_desk.services.nominations import STATUS_LABELS, list_nominations
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.table_model import Column
from emulation_desk.ui.tabs.base import BaseTab

NOMINATION_COLUMNS = [
    Column("nominee_name", "Người/tập thể được đề nghị", kind="name", width=240),
    Column("birth_year", "Năm sinh", kind="int", width=70),
    Column("position", "Chức vụ", width=170),
    Column("form_short_name", "Hình thức", width=200),
    Column("kind_name", "Loại khen thưởng", width=150),
    Column("proposing_unit_name", "Đơn vị đề nghị", width=240),
    Column("status", "Trạng thái", width=130, display=lambda r: STATUS_LABELS.get(r["status"], r["status"])),
]


class NominationsTab(BaseTab):
    title = "Đề nghị khen thưởng"
    item_label = "đề nghị"

    def __init__(self, ws: Workspace) -> None:
        super().__init__(ws, NOMINATION_COLUMNS)
        self.layout_.addWidget(self.view)

    def load(self, year: int) -> None:
        super().load(year)
        self.set_rows(list_nominations(self.ws.store, year))
