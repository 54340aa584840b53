"""Tab "Khối thi đua": the year's blocs with head and deputy; members (moved between blocs), criteria with
their maximum points, the editable scoring grid with totals, rank and the leading unit; copy last year."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.services.awards import blocs
from emulation_desk.services.common import Changes
from emulation_desk.services.maintenance import undo
from emulation_desk.services.records import units
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.dialogs import ask, inform, run_action
from emulation_desk.ui.score_grid import FIXED, ScoreGridModel, points_text
from emulation_desk.ui.table_model import Column
from emulation_desk.ui.tabs.base import BaseTab, make_table, on_keys, selected_rows

BLOC_COLUMNS = [
    Column("name", "Khối thi đua", width=250),
    Column("head_name", "Khối trưởng", width=250),
    Column("deputy_name", "Khối phó", width=250),
    Column("member_count", "Số đơn vị", kind="int", width=80),
]
MEMBER_COLUMNS = [Column("unit_name", "Đơn vị thành viên", width=260)]
CRITERION_COLUMNS = [
    Column("no", "TC", kind="int", width=36),
    Column("name", "Tiêu chí chấm điểm", width=200),
    Column("max_points", "Tối đa", kind="points", width=60, display=lambda r: points_text(r["max_points"])),
]


def _panel(title: QLabel, buttons: list[tuple[str, Any, str]], view: QWidget, tab: BaseTab) -> QWidget:
    panel = QWidget()
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(0, 0, 0, 0)
    row = QHBoxLayout()
    row.addWidget(title, 1)
    for text, slot, tip in buttons:
        tab.add_button(text, slot, tip, layout=row)
    layout.addLayout(row)
    layout.addWidget(view)
    return panel


class BlocsTab(BaseTab):
    title = "Khối thi đua"
    item_label = "khối"

    def __init__(self, ws: Workspace) -> None:
        super().__init__(ws, BLOC_COLUMNS)
        self.add_button("Thêm khối…", self.new_record, "Ctrl+N")
        self.add_button("Sửa khối…", self.open_record, "Tên, khối trưởng, khối phó (Enter)")
        self.add_button("Xóa khối", self.delete_selected, "Chỉ xóa được khối chưa có đơn vị và tiêu chí")
        self.copy_button = self.add_button("Sao chép khối và tiêu chí của năm trước…", self.copy_last_year)
        self.finish_buttons()
        self.member_view, self.member_model, self.member_proxy = make_table(MEMBER_COLUMNS, self)
        self.criterion_view, self.criterion_model, self.criterion_proxy = make_table(CRITERION_COLUMNS, self)
        self.grid_model = ScoreGridModel(self)
        self.grid_view = QTableView()
        self.grid_view.setModel(self.grid_model)
        self.grid_view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                       | QAbstractItemView.EditTrigger.EditKeyPressed
                                       | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.grid_view.verticalHeader().setDefaultSectionSize(24)
        self.grid_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.grid_model.save_score = self._save_score
        self.grid_model.reload_results = self._results
        self.grid_model.error.connect(lambda message: inform(self, "Điểm chưa được lưu", message, error=True))
        self.grid_model.scored.connect(self._scored)
        on_keys(self.grid_view, None, self.clear_score)
        self.member_title = QLabel("Đơn vị thành viên")
        self.criterion_title = QLabel("Tiêu chí")
        self.grid_title = QLabel("Bảng chấm điểm")
        self.grid_title.setWordWrap(True)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(_panel(self.member_title, [("Thêm/chuyển…", self.add_members, "Thêm đơn vị vào khối; đơn vị "
                                                    "đang ở khối khác được chuyển sang"),
                                                   ("Bỏ ra", self.remove_member, "Delete")], self.member_view, self))
        left.addWidget(_panel(self.criterion_title, [("Thêm…", self.add_criterion, ""),
                                                     ("Sửa…", self.edit_criterion, "Enter"),
                                                     ("Xóa", self.delete_criterion, "Delete")],
                              self.criterion_view, self))
        grid_panel = QWidget()
        grid_layout = QVBoxLayout(grid_panel)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addWidget(self.grid_title)
        grid_layout.addWidget(self.grid_view)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(left)
        lower.addWidget(grid_panel)
        lower.setSizes([430, 900])
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(lower)
        splitter.setSizes([200, 440])
        self.layout_.addWidget(splitter, 1)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_bloc())
        self.criterion_view.doubleClicked.connect(lambda *_: self.edit_criterion())
        on_keys(self.member_view, None, self.remove_member)
        on_keys(self.criterion_view, self.edit_criterion, self.delete_criterion)

    # ------------------------------------------------------------------ loading
    def cares_about(self, changes: Changes) -> bool:
        return changes.blocs or changes.units

    def load(self, year: int) -> None:
        super().load(year)
        selected = self.selected_row()
        self.set_rows(blocs.list_blocs(self.ws, year))
        self.copy_button.setText(f"Sao chép khối và tiêu chí năm {year - 1} sang năm {year}…")
        if selected:
            self.select_id(selected["id"], "id")
        if self.selected_row() is None and self.model.rowCount():
            self.view.selectRow(0)
        if self.model.rowCount() == 0:
            self._clear_lower()

    def _clear_lower(self) -> None:
        self.member_model.set_rows([])
        self.criterion_model.set_rows([])
        self.grid_model.set_results({"criteria": [], "rows": [], "leader": None, "max_total": 0}, [])
        self.grid_title.setText("Bảng chấm điểm (chọn một khối)")

    def _results(self) -> dict[str, Any]:
        bloc = self.selected_row()
        return blocs.bloc_results(self.ws, bloc["id"]) if bloc else {"criteria": [], "rows": [],
                                                                     "leader": None, "max_total": 0}

    def _show_bloc(self) -> None:
        bloc = self.selected_row()
        if bloc is None:
            return
        members = blocs.list_members(self.ws, bloc["id"])
        self.member_model.set_rows(members)
        self.member_title.setText(f"Đơn vị thành viên ({len(members)})")
        results = self._results()
        self.criterion_model.set_rows([{**c, "no": i} for i, c in enumerate(results["criteria"], start=1)])
        self.grid_model.set_results(results, [m["unit_id"] for m in members])
        self.grid_view.setColumnWidth(0, 50)
        self.grid_view.setColumnWidth(1, 300)
        for column in range(FIXED, self.grid_model.columnCount()):
            self.grid_view.setColumnWidth(column, 80)
        self.grid_view.horizontalHeader().setMinimumHeight(40)
        self._update_grid_title()

    def _update_grid_title(self) -> None:
        bloc = self.selected_row()
        if bloc is None:
            return
        leader = self.grid_model.results.get("leader")
        lead = f" — đơn vị dẫn đầu: {leader['unit_name']} ({points_text(leader['total'])} điểm)" if leader else ""
        self.grid_title.setText(f"Bảng chấm điểm {bloc['name']} năm {bloc['year']}{lead}. "
                                "Gõ điểm vào ô màu vàng rồi Enter; Delete để xóa điểm.")

    def _save_score(self, criterion_id: str, unit_id: str, text: str) -> Changes:
        if text == "":
            return blocs.clear_score(self.ws, criterion_id, unit_id)
        return blocs.set_score(self.ws, criterion_id, unit_id, text)

    def _scored(self, _changes: Changes) -> None:
        # the grid refreshed itself from the database; other views do not show scores
        self._update_grid_title()

    # ------------------------------------------------------------------ bloc actions
    def new_record(self) -> None:
        if self.year is None:
            return
        from emulation_desk.ui.bloc_dialogs import BlocDialog

        dialog = BlocDialog(self.ws, self.year, None, self)
        if dialog.exec():
            self.changed(dialog.result_value.changes)
            self.select_id(dialog.result_value.id)

    def open_record(self) -> None:
        bloc = self.selected_row()
        if bloc is None or self.year is None:
            return
        from emulation_desk.ui.bloc_dialogs import BlocDialog

        dialog = BlocDialog(self.ws, self.year, blocs.get_bloc(self.ws, bloc["id"]), self)
        if dialog.exec():
            self.changed(dialog.result_value)

    def delete_selected(self) -> None:
        bloc = self.selected_row()
        if bloc is None or not ask(self, "Xóa khối thi đua", f"Xóa khối “{bloc['name']}”?", yes="Xóa", warning=True):
            return
        removed = run_action(self, lambda: blocs.delete_bloc(self.ws, bloc["id"]))
        if removed is not None:
            self.changed(removed.changes)
            self.undo_offered.emit(f"Đã xóa khối {bloc['name']}",
                                   lambda: undo.restore_rows(self.ws, "bloc", [removed.row]))

    def copy_last_year(self) -> None:
        if self.year is None:
            return
        if not ask(self, "Sao chép khối thi đua", f"Sao chép các khối thi đua, đơn vị thành viên (còn hoạt động) và "
                   f"tiêu chí chấm điểm của năm {self.year - 1} sang năm {self.year}? Điểm chấm không được sao chép.",
                   yes="Sao chép"):
            return
        copied = run_action(self, lambda: blocs.copy_year(self.ws, self.year - 1, self.year))  # type: ignore[operator]
        if copied is not None:
            self.changed(copied.changes)
            inform(self, "Sao chép khối thi đua", f"Đã tạo {copied.count} khối thi đua cho năm {self.year}.")

    # ------------------------------------------------------------------ members
    def add_members(self) -> None:
        bloc = self.selected_row()
        if bloc is None or self.year is None:
            return
        from emulation_desk.ui.bloc_dialogs import MemberPicker

        picker = MemberPicker(self.ws, self.year, bloc, self)
        if picker.exec() and picker.chosen:
            changes = run_action(self, lambda: blocs.set_members(self.ws, bloc["id"], picker.chosen))
            self.changed(changes)

    def remove_member(self) -> None:
        bloc = self.selected_row()
        members = selected_rows(self.member_view, self.member_model, self.member_proxy)
        if bloc is None or not members:
            return
        member = members[0]
        if not ask(self, "Bỏ đơn vị khỏi khối", f"Bỏ “{member['unit_name']}” khỏi {bloc['name']}?", yes="Bỏ ra"):
            return
        removed = run_action(self, lambda: blocs.remove_member(self.ws, bloc["id"], member["unit_id"]))
        if removed is not None:
            self.changed(removed.changes)
            self.undo_offered.emit(f"Đã bỏ {member['unit_name']} khỏi khối",
                                   lambda: undo.restore_rows(self.ws, "bloc_member", [removed.row]))

    # ------------------------------------------------------------------ criteria
    def _criterion(self) -> dict[str, Any] | None:
        rows = selected_rows(self.criterion_view, self.criterion_model, self.criterion_proxy)
        return rows[0] if rows else None

    def add_criterion(self) -> None:
        bloc = self.selected_row()
        if bloc is None:
            return
        from emulation_desk.ui.bloc_dialogs import CriterionDialog

        dialog = CriterionDialog(self.ws, bloc["id"], None, self, order=self.criterion_model.rowCount() + 1)
        if dialog.exec():
            self.changed(dialog.result_value.changes)

    def edit_criterion(self) -> None:
        bloc, criterion = self.selected_row(), self._criterion()
        if bloc is None or criterion is None:
            return
        from emulation_desk.ui.bloc_dialogs import CriterionDialog

        dialog = CriterionDialog(self.ws, bloc["id"], criterion, self)
        if dialog.exec():
            self.changed(dialog.result_value)

    def delete_criterion(self) -> None:
        criterion = self._criterion()
        if criterion is None or not ask(self, "Xóa tiêu chí", f"Xóa tiêu chí “{criterion['name']}”?", yes="Xóa",
                                        warning=True):
            return
        removed = run_action(self, lambda: blocs.delete_criterion(self.ws, criterion["id"]))
        if removed is not None:
            self.changed(removed.changes)
            self.undo_offered.emit("Đã xóa tiêu chí",
                                   lambda: undo.restore_rows(self.ws, "bloc_criterion", [removed.row]))

    def clear_score(self) -> None:
        index = self.grid_view.currentIndex()
        ids = self.grid_model.cell_ids(index)
        if ids is None:
            return
        old = self.grid_model.rows[index.row()]["points"][index.column() - FIXED]
        if old is None:
            return
        self.grid_model.setData(index, "")
        self.undo_offered.emit("Đã xóa điểm", lambda: blocs.set_score(self.ws, ids[0], ids[1], old))

    def unit_names(self) -> dict[str, str]:
        return dict(units.unit_choices(self.ws, self.year))
