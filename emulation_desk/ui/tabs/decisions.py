"""Tab "Quyết định": this office's decisions and those received, with the recipients of the chosen one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from emulation_desk.core.text import format_int
from emulation_desk.services.decisions import (
    ISSUER_LEVELS,
    STATUS_LABELS,
    decision_recipients,
    list_decisions,
)
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.table_model import Column
from emulation_desk.ui.tabs.base import BaseTab, make_table

DECISION_COLUMNS = [
    Column("number", "Số, ký hiệu", width=140, display=lambda r: f"{r['number']}/{r['symbol']}" if r["number"] else ""),
    Column("signed_on", "Ngày ký", kind="date", width=90),
    Column("issuer_name", "Cấp ban hành", width=220),
    Column("title", "Trích yếu", width=420),
    Column("recipient_count", "Số được khen", kind="int", width=90),
    Column("total_amount", "Tổng tiền thưởng (đồng)", kind="money", width=150),
    Column("status", "Trạng thái", width=100, display=lambda r: STATUS_LABELS.get(r["status"], r["status"])),
]
RECIPIENT_COLUMNS = [
    Column("display_name", "Họ tên / Tên tập thể", kind="name", width=240),
    Column("position", "Chức vụ", width=180),
    Column("unit_name", "Đơn vị", width=260),
    Column("form_short_name", "Hình thức", width=200),
    Column("amount", "Tiền thưởng (đồng)", kind="money", width=130),
]


class DecisionsTab(BaseTab):
    title = "Quyết định"
    item_label = "quyết định"

    def __init__(self, ws: Workspace) -> None:
        super().__init__(ws, DECISION_COLUMNS)
        self.recipients_view, self.recipients_model, self.recipients_proxy = make_table(RECIPIENT_COLUMNS, self)
        self.recipients_title = QLabel("Danh sách được khen thưởng")
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.recipients_title)
        lower_layout.addWidget(self.recipients_view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(lower)
        splitter.setSizes([300, 360])
        self.layout_.addWidget(splitter)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_recipients())

    def load(self, year: int) -> None:
        super().load(year)
        self.set_rows(list_decisions(self.ws.store, year))
        self.recipients_model.set_rows([])

    def _show_recipients(self) -> None:
        decision = self.selected_row()
        if decision is None:
            return
        rows = decision_recipients(self.ws.store, decision["id"])
        level = ISSUER_LEVELS.get(decision["issuer_level"], "")
        total = sum(r["amount"] or 0 for r in rows)
        money = f", tổng tiền thưởng {format_int(total)} đồng" if total else ""
        self.recipients_title.setText(
            f"Quyết định số {decision['number']}/{decision['symbol']} ({level}): {len(rows)} người/tập thể{money}")
        self.recipients_model.set_rows(rows)
