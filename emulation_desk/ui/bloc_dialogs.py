"""Dialogs of the Blocs tab: a bloc (name, head, deputy), a criterion, and the unit picker that adds or
moves units into a bloc."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from emulation_desk.services.awards import blocs
from emulation_desk.services.records import units
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.dialogs import FormDialog, combo
from emulation_desk.ui.score_grid import points_text
from emulation_desk.ui.table_model import Column
from emulation_desk.ui.tabs.base import make_table, selected_rows


class BlocDialog(FormDialog):
    """Add or edit a bloc of ``year``; head and deputy are chosen among its members. ``result_value`` is the
    service's result (``Created`` when added, else ``Changes``)."""

    def __init__(self, ws: Workspace, year: int, bloc: dict[str, Any] | None, parent: QWidget | None = None) -> None:
        super().__init__("Sửa khối thi đua" if bloc else f"Thêm khối thi đua năm {year}", parent)
        bloc = bloc or {}
        members = blocs.list_members(ws, bloc["id"]) if bloc.get("id") else []
        choices = [(m["unit_id"], m["unit_name"]) for m in members]
        self.line("name", "Tên khối (*)", bloc.get("name", ""))
        self.add_field("head_unit_id", "Khối trưởng", combo(choices, bloc.get("head_unit_id"), empty="— chưa chọn —"))
        self.add_field("deputy_unit_id", "Khối phó", combo(choices, bloc.get("deputy_unit_id"), empty="— chưa chọn —"))
        if not bloc.get("id"):
            hint = QLabel("Thêm đơn vị vào khối xong mới chọn được khối trưởng, khối phó.")
            hint.setWordWrap(True)
            self.body.insertWidget(1, hint)
        self.setMinimumWidth(520)

        def save(values: dict[str, Any]) -> Any:
            if bloc.get("id"):
                return blocs.update_bloc(ws, bloc["id"], name=values["name"], head_unit_id=values["head_unit_id"],
                                         deputy_unit_id=values["deputy_unit_id"], notes=bloc.get("notes", ""))
            return blocs.add_bloc(ws, year, values["name"], head_unit_id=values["head_unit_id"],
                                  deputy_unit_id=values["deputy_unit_id"])

        self.save = save


class CriterionDialog(FormDialog):
    def __init__(self, ws: Workspace, bloc_id: str, criterion: dict[str, Any] | None, parent: QWidget | None = None,
                 *, order: int = 0) -> None:
        super().__init__("Sửa tiêu chí" if criterion else "Thêm tiêu chí chấm điểm", parent)
        criterion = criterion or {}
        self.line("name", "Tiêu chí (*)", criterion.get("name", ""))
        self.line("max_points", "Điểm tối đa (*)", points_text(criterion.get("max_points")))
        self.setMinimumWidth(520)

        def save(values: dict[str, Any]) -> Any:
            if criterion.get("id"):
                return blocs.update_criterion(ws, criterion["id"], **values)
            return blocs.add_criterion(ws, bloc_id, values["name"], values["max_points"], sort_order=order)

        self.save = save


class MemberPicker(QDialog):
    """Choose units (of the year) to put in a bloc; a unit of another bloc is moved."""

    def __init__(self, ws: Workspace, year: int, bloc: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Thêm hoặc chuyển đơn vị vào {bloc['name']}")
        self.chosen: list[str] = []
        columns = [Column("name", "Đơn vị", width=330), Column("bloc_name", "Khối hiện tại", width=230)]
        self.view, self.model, self.proxy = make_table(columns, self, multi=True)
        rows = [u for u in units.list_units(ws, year) if u.get("bloc_id") != bloc["id"]]
        self.model.set_rows(rows)
        self.proxy.sort(0)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Tìm đơn vị (gõ không dấu cũng được)")
        self.filter.textChanged.connect(self.proxy.set_query)
        buttons = QDialogButtonBox()
        buttons.addButton("Đưa vào khối", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Chọn một hay nhiều đơn vị (giữ Ctrl để chọn nhiều). Đơn vị đang thuộc khối khác "
                                "sẽ được chuyển sang khối này."))
        layout.addWidget(self.filter)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def _accept(self) -> None:
        self.chosen = [r["id"] for r in selected_rows(self.view, self.model, self.proxy)]
        self.accept()
