"""Tab "Đơn vị": units with kind, head count, bloc and validity; add, edit, end, merge; a unit's people
(add, edit, delete when unused) and the award history of the unit and of the chosen person."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from emulation_desk.services.awards.decisions import ISSUER_LEVELS
from emulation_desk.services.common import Changes
from emulation_desk.services.maintenance import undo
from emulation_desk.services.records import people, units
from emulation_desk.services.records.units import UNIT_KINDS
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.dialogs import ask, inform, run_action
from emulation_desk.ui.table_model import Column
from emulation_desk.ui.tabs.base import BaseTab, make_table, on_keys, selected_rows

UNIT_COLUMNS = [
    Column("name", "Tên đơn vị", width=300),
    Column("kind", "Loại", width=150, display=lambda r: UNIT_KINDS.get(r["kind"], r["kind"])),
    Column("head_count", "Số người", kind="int", width=70),
    Column("people_count", "Cá nhân đã nhập", kind="int", width=110),
    Column("bloc_name", "Khối thi đua", width=200),
    Column("valid_from", "Từ ngày", kind="date", width=90),
    Column("valid_to", "Đến ngày", kind="date", width=90),
]
PEOPLE_COLUMNS = [
    Column("full_name", "Họ và tên", kind="name", width=190),
    Column("gender", "Giới tính", width=65, display=lambda r: {"nam": "Nam", "nu": "Nữ"}.get(r["gender"] or "", "")),
    Column("birth_year", "Năm sinh", kind="year", width=70),
    Column("position", "Chức vụ", width=190),
    Column("is_manager", "Lãnh đạo quản lý", kind="bool", width=110),
]
HISTORY_COLUMNS = [
    Column("year", "Năm", kind="year", width=45),
    Column("form_name", "Hình thức khen thưởng", width=190),
    Column("number", "Quyết định số", width=110, display=lambda r: f"{r['number']}/{r['symbol']}"),
    Column("signed_on", "Ngày ký", kind="date", width=80),
    Column("issuer_name", "Cấp khen", width=150),
]


class UnitsTab(BaseTab):
    title = "Đơn vị"
    item_label = "đơn vị"
    multi_select = True

    def __init__(self, ws: Workspace) -> None:
        super().__init__(ws, UNIT_COLUMNS)
        self.add_button("Thêm đơn vị…", self.new_record, "Ctrl+N")
        self.add_button("Sửa…", self.open_record, "Enter")
        self.add_button("Hồ sơ…", self.open_unit_record, "Số liệu theo năm và khen thưởng của tập thể (Ctrl+H)")
        self.add_button("Kết thúc hoạt động…", self.end_selected, "Đơn vị đã có hồ sơ không xóa được, chỉ kết thúc")
        self.add_button("Hợp nhất…", self.merge_selected, "Chọn hai đơn vị trở lên (giữ Ctrl khi bấm) rồi hợp nhất")
        self.add_history_button()
        self.show_ended = QCheckBox("Hiện cả đơn vị đã kết thúc")
        self.show_ended.toggled.connect(lambda *_: self.reload())
        self.buttons.addWidget(self.show_ended)
        self.finish_buttons()
        self.people_view, self.people_model, self.people_proxy = make_table(PEOPLE_COLUMNS, self)
        self.person_history_view, self.person_history_model, _ = make_table(HISTORY_COLUMNS, self)
        self.unit_history_view, self.unit_history_model, _ = make_table(HISTORY_COLUMNS, self)
        self.people_title = QLabel("Cá nhân của đơn vị")
        self.person_history_title = QLabel("Khen thưởng của cá nhân")
        self.lower_tabs = QTabWidget()
        self.lower_tabs.addTab(self._people_panel(), "Cá nhân")
        self.lower_tabs.addTab(self.unit_history_view, "Lịch sử khen thưởng của đơn vị")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.lower_tabs)
        splitter.setSizes([330, 300])
        self.layout_.addWidget(splitter, 1)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_unit())
        self.people_view.selectionModel().selectionChanged.connect(lambda *_: self._show_person_history())
        self.people_view.doubleClicked.connect(lambda *_: self.edit_person())
        on_keys(self.people_view, self.edit_person, self.delete_person)
        from emulation_desk.ui.records_open import add_record_action

        add_record_action(self.view, self.open_unit_record)
        add_record_action(self.people_view, self.open_person_record)

    def _people_panel(self) -> QWidget:
        panel = QWidget()
        row = QHBoxLayout()
        row.addWidget(self.people_title, 1)
        for text, slot in (("Thêm người…", self.add_person), ("Sửa…", self.edit_person),
                           ("Hồ sơ…", self.open_person_record), ("Xóa", self.delete_person)):
            self.add_button(text, slot, layout=row)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(row)
        left_layout.addWidget(self.people_view)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.person_history_title)
        right_layout.addWidget(self.person_history_view)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([640, 600])
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        return panel

    # ------------------------------------------------------------------ loading
    def load(self, year: int) -> None:
        super().load(year)
        selected = self.selected_row()
        self.set_rows(units.list_units(self.ws, year, include_ended=self.show_ended.isChecked()))
        self.people_model.set_rows([])
        self.person_history_model.set_rows([])
        self.unit_history_model.set_rows([])
        if selected:
            self.select_id(selected["id"])

    def cares_about(self, changes: Changes) -> bool:
        return changes.units or changes.people or changes.blocs or changes.decisions

    def _show_unit(self) -> None:
        unit = self.selected_row()
        if unit is None:
            return
        rows = people.list_people(self.ws, unit["id"])
        self.people_title.setText(f"Cá nhân của {unit['name']} ({len(rows)} người)")
        self.people_model.set_rows(rows)
        self.unit_history_model.set_rows(units.unit_history(self.ws, unit["id"]))
        self.person_history_model.set_rows([])
        self.person_history_title.setText("Khen thưởng của cá nhân (chọn một người)")

    def _show_person_history(self) -> None:
        person = self.selected_person()
        if person is None:
            return
        rows = people.person_history(self.ws, person["id"])
        for row in rows:
            row.setdefault("issuer_level_name", ISSUER_LEVELS.get(row["issuer_level"], ""))
        self.person_history_title.setText(f"Khen thưởng của {person['full_name']} qua các năm ({len(rows)})")
        self.person_history_model.set_rows(rows)

    def selected_person(self) -> dict[str, Any] | None:
        rows = selected_rows(self.people_view, self.people_model, self.people_proxy)
        return rows[0] if rows else None

    # ------------------------------------------------------------------ unit actions
    def new_record(self) -> None:
        from emulation_desk.ui.forms import UnitDialog

        dialog = UnitDialog(self.ws, None, self)
        if dialog.exec():
            self.changed(dialog.result_value.changes)
            self.select_id(dialog.result_value.id)

    def open_record(self) -> None:
        unit = self.selected_row()
        if unit is None:
            return
        from emulation_desk.ui.forms import UnitDialog

        dialog = UnitDialog(self.ws, units.get_unit(self.ws, unit["id"]), self)
        if dialog.exec():
            self.changed(dialog.result_value)

    def end_selected(self) -> None:
        unit = self.selected_row()
        if unit is None:
            inform(self, "Kết thúc hoạt động", "Hãy chọn đơn vị trong danh sách trước.")
            return
        from emulation_desk.ui.forms import EndUnitDialog

        dialog = EndUnitDialog(self.ws, unit, self)
        if dialog.exec():
            self.changed(dialog.result_value)
            self.undo_offered.emit(f"Đã kết thúc hoạt động của {unit['name']}",
                                   lambda: units.reopen_unit(self.ws, unit["id"]))

    def merge_selected(self) -> None:
        sources = self.selected_rows()
        if len(sources) < 2:
            inform(self, "Hợp nhất đơn vị", "Hãy chọn ít nhất hai đơn vị (giữ phím Ctrl và bấm vào từng đơn vị).")
            return
        from emulation_desk.ui.forms import MergeDialog

        dialog = MergeDialog(self.ws, sources, self)
        if dialog.exec():
            self.changed(dialog.result_value.changes)

    def delete_selected(self) -> None:
        unit = self.selected_row()
        if unit is None:
            return
        if units.unit_has_records(self.ws, unit["id"]):
            if ask(self, "Không xóa được đơn vị",
                   f"Đơn vị “{unit['name']}” đã có hồ sơ (người, đề nghị, khen thưởng hoặc khối thi đua) nên không xóa "
                   "được. Bạn có muốn kết thúc hoạt động của đơn vị thay vì xóa?", yes="Kết thúc hoạt động"):
                self.end_selected()
            return
        if not ask(self, "Xóa đơn vị", f"Xóa đơn vị “{unit['name']}”? Đơn vị chưa có hồ sơ nào.", yes="Xóa",
                   warning=True):
            return
        removed = run_action(self, lambda: units.delete_unit(self.ws, unit["id"]))
        if removed is not None:
            self.changed(removed.changes)
            self.undo_offered.emit(f"Đã xóa đơn vị {unit['name']}",
                                   lambda: undo.restore_rows(self.ws, "unit", [removed.row]))

    # ------------------------------------------------------------------ people actions
    def add_person(self) -> None:
        unit = self.selected_row()
        from emulation_desk.ui.forms import PersonDialog

        dialog = PersonDialog(self.ws, None, unit["id"] if unit else None, self, year=self.year)
        if dialog.exec():
            self.changed(dialog.result_value.changes)

    def edit_person(self) -> None:
        person = self.selected_person()
        if person is None:
            return
        from emulation_desk.ui.forms import PersonDialog

        dialog = PersonDialog(self.ws, people.get_person(self.ws, person["id"]), None, self, year=self.year)
        if dialog.exec():
            self.changed(dialog.result_value)

    def delete_person(self) -> None:
        person = self.selected_person()
        if person is None:
            return
        if not ask(self, "Xóa cá nhân", f"Xóa “{person['full_name']}” khỏi danh sách?", yes="Xóa", warning=True):
            return
        removed = run_action(self, lambda: people.delete_person(self.ws, person["id"]))
        if removed is not None:
            self.changed(removed.changes)
            self.undo_offered.emit(f"Đã xóa {person['full_name']}",
                                   lambda: people.restore_person(self.ws, removed))

    def open_unit_record(self) -> bool:
        """Hồ sơ of the selected unit: its yearly figures and awards."""
        from emulation_desk.ui.records_open import open_unit_record

        unit = self.selected_row()
        if unit is None:
            inform(self, "Hồ sơ đơn vị", "Hãy chọn đơn vị trong danh sách trước.")
            return False
        return open_unit_record(self, unit["id"])

    def open_person_record(self) -> bool:
        """Hồ sơ of the selected person: ratings, initiatives, discipline and awards."""
        from emulation_desk.ui.records_open import open_person_record

        person = self.selected_person()
        if person is None:
            inform(self, "Hồ sơ cá nhân", "Hãy chọn một người trong danh sách cá nhân của đơn vị trước.")
            return False
        return open_person_record(self, person["id"])

    def reload(self) -> None:
        unit = self.selected_row()
        super().reload()
        if unit is not None:
            self.select_id(unit["id"])
