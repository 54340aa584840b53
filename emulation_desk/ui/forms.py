"""Forms of the Units tab: unit, person, end of a unit, merge of units. Each form's OK calls one service;
a field in error says why (in Vietnamese) and nothing is saved until it is right."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QPlainTextEdit, QSpinBox, QWidget

from emulation_desk.core.text import format_date
from emulation_desk.services.common import Changes
from emulation_desk.services.records import people, positions, units
from emulation_desk.services.records.units import UNIT_KINDS
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.dialogs import FormDialog, combo

GENDERS = {"nam": "Nam", "nu": "Nữ"}


def _dmy(value: str | None) -> str:
    return format_date(date.fromisoformat(value)) if value else ""


class UnitDialog(FormDialog):
    """Add or edit a unit; ``result_value`` is the service's result (``Created`` when added, else ``Changes``)."""

    def __init__(self, ws: Workspace, unit: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Sửa đơn vị" if unit else "Thêm đơn vị", parent)
        unit = unit or {}
        self.line("name", "Tên đơn vị (*)", unit.get("name", ""))
        self.add_field("kind", "Loại đơn vị (*)", combo(UNIT_KINDS, unit.get("kind"), empty="— chọn loại —"))
        self.line("short_name", "Tên viết tắt", unit.get("short_name", ""))
        self.line("head_count", "Số người", unit.get("head_count", 0))
        self.line("valid_from", "Hoạt động từ ngày", _dmy(unit.get("valid_from")))
        self.line("valid_to", "Đến ngày", _dmy(unit.get("valid_to")))
        self.line("address", "Địa chỉ", unit.get("address", ""))
        notes = QPlainTextEdit(unit.get("notes", ""))
        notes.setFixedHeight(60)
        self.add_field("notes", "Ghi chú", notes)
        self.fields["valid_from"].setPlaceholderText("ngày/tháng/năm, để trống nếu không rõ")
        self.setMinimumWidth(520)

        def save(values: dict[str, Any]) -> Any:
            if unit.get("id"):
                return units.update_unit(ws, unit["id"], **values)
            name, kind = values.pop("name"), values.pop("kind") or ""
            return units.add_unit(ws, name, kind, **values)

        self.save = save


class PersonDialog(FormDialog):
    """Add or edit a person of a unit; ``result_value`` is the service's result (``Created`` or ``Changes``).

    Editing someone's position or management flag asks the year from which the new one holds (the working
    year unless the clerk says otherwise) and adds a dated position ("Chức vụ theo năm") instead of rewriting
    the one position, so a promotion does not rewrite last year's table. Typing a position proposes the flag
    from the dictionary of positions until the clerk ticks or unticks the box."""

    def __init__(self, ws: Workspace, person: dict[str, Any] | None, unit_id: str | None,
                 parent: QWidget | None = None, *, year: int | None = None) -> None:
        super().__init__("Sửa thông tin cá nhân" if person else "Thêm cá nhân", parent)
        person = person or {}
        self.ws, self.person = ws, person
        self.line("full_name", "Họ và tên (*)", person.get("full_name", ""))
        self.add_field("gender", "Giới tính", combo(GENDERS, person.get("gender"), empty="—"))
        self.line("birth_year", "Năm sinh", person.get("birth_year") or "")
        self.line("birth_date", "Ngày sinh", _dmy(person.get("birth_date")))
        self.add_field("unit_id", "Đơn vị", combo(units.unit_choices(ws, year),
                                                  person.get("unit_id", unit_id), empty="— không thuộc đơn vị —"))
        self.position_edit = self.line("position", "Chức vụ", person.get("position", ""))
        self.manager = QCheckBox("Là lãnh đạo quản lý (từ cấp phòng trở lên)")
        self.manager.setChecked(bool(person.get("is_manager")))
        self.manager_set = False  # the clerk ticked or unticked the box: no proposal overrides it
        self.manager_proposed = False  # the box as the dictionary set it (a Hiệu trưởng typed, then changed)
        self.add_field("is_manager", "Lãnh đạo quản lý", self.manager)
        self.manager_note = QLabel("")
        self.manager_note.setWordWrap(True)
        self.manager_note.setStyleSheet("color: #555;")
        self.form.addRow("", self.manager_note)
        self.since = QSpinBox()
        self.since.setRange(1945, 2100)
        self.since.setValue(year or date.today().year)
        self.since.setToolTip("Năm bắt đầu giữ chức vụ mới; các năm trước vẫn tính theo chức vụ cũ")
        self.add_field("position_from", "Giữ chức vụ mới từ năm", self.since)
        self.since_note = QLabel("")
        self.since_note.setWordWrap(True)
        self.since_note.setStyleSheet("color: #1565c0;")
        self.form.addRow("", self.since_note)
        self.correction = QCheckBox("Chỉ sửa chức vụ ghi sai (không phải thay đổi chức vụ)")
        self.correction.setToolTip("Sửa lại chức vụ đang ghi cho mọi năm, không thêm chức vụ theo năm")
        self.correction.toggled.connect(lambda on: (self.since.setEnabled(not on), self._update_since()))
        self.form.addRow("", self.correction)
        self.fields["birth_date"].setPlaceholderText("ngày/tháng/năm, có thể chỉ nhập năm sinh")
        self.position_edit.textChanged.connect(lambda *_: self._position_edited())
        self.manager.clicked.connect(lambda *_: self._manager_clicked())
        self._update_since()
        self.setMinimumWidth(620)

        def save(values: dict[str, Any]) -> Any:
            values.pop("position_from", None)
            if not person.get("id"):
                return people.add_person(ws, values.pop("full_name"), **values)
            if self.position_changes() and not self.correction.isChecked():
                values["is_manager"] = self.manager.isChecked() if self.manager_set else None
                return people.update_person(ws, person["id"], position_from=self.since.value(), **values)
            return people.update_person(ws, person["id"], **values)

        self.save = save

    def position_changes(self) -> bool:
        """An existing person's position or flag differs from the record (a new dated position will be added)."""
        if not self.person.get("id"):
            return False
        return people.position_changed(self.person, {"position": self.position_edit.text(),
                                                     "is_manager": self.manager.isChecked()})

    def _position_edited(self) -> None:
        if not self.manager_set:
            proposal = positions.propose(self.ws, self.position_edit.text())
            if proposal.is_manager is not None:
                self.manager.setChecked(proposal.is_manager)
            elif self.manager_proposed:  # a tick the dictionary gave for a position no longer typed
                self.manager.setChecked(False)
            self.manager_proposed = proposal.is_manager is not None
            self.manager_note.setText(proposal.describe() if self.position_edit.text().strip() else "")
        self._update_since()
        self._refit()

    def _manager_clicked(self) -> None:
        self.manager_set = True
        self.manager_note.setText("Cán bộ tự chọn (không theo danh mục chức vụ).")
        self._update_since()
        self._refit()

    def _refit(self) -> None:
        """Grow with the rows and notes just shown (wrapped notes need their height)."""
        if self.isVisible():
            self.layout().activate()
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def _update_since(self) -> None:
        changed = self.position_changes()
        self.form.setRowVisible(self.since.parentWidget(), changed)
        self.form.setRowVisible(self.since_note, changed)
        self.form.setRowVisible(self.correction, changed)
        if changed and self.correction.isChecked():
            self.since_note.setText("Chức vụ được sửa lại cho mọi năm (không thêm dòng “Chức vụ theo năm”).")
        elif changed:
            old = self.person.get("position") or "(chưa ghi chức vụ)"
            self.since_note.setText(f"Chức vụ thay đổi: ghi thêm chức vụ mới từ năm đã chọn (Hồ sơ → “Chức vụ theo "
                                    f"năm”); các năm trước vẫn là “{old}”.")


class EndUnitDialog(FormDialog):
    """End a unit's activity on a date (units with records are ended, never deleted)."""

    def __init__(self, ws: Workspace, unit: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__("Kết thúc hoạt động của đơn vị", parent, ok_text="Kết thúc hoạt động")
        note = QLabel(f"Đơn vị “{unit['name']}” sẽ không còn trong danh sách các năm sau ngày kết thúc. "
                      "Lịch sử khen thưởng vẫn được giữ nguyên.")
        note.setWordWrap(True)
        self.body.insertWidget(0, note)
        self.line("valid_to", "Ngày kết thúc (*)", format_date(date.today()))
        self.setMinimumWidth(460)

        def save(values: dict[str, Any]) -> Changes:
            from emulation_desk.services.common import require_date

            return units.end_unit(ws, unit["id"], require_date(values["valid_to"], "valid_to", "Ngày kết thúc"))

        self.save = save


class MergeDialog(FormDialog):
    """Merge the selected units into a new one from a date (both histories kept)."""

    def __init__(self, ws: Workspace, sources: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__("Hợp nhất đơn vị", parent, ok_text="Hợp nhất")
        names = "".join(f"<li>{s['name']}</li>" for s in sources)
        note = QLabel(f"Các đơn vị sau sẽ kết thúc hoạt động vào ngày trước ngày hợp nhất; cá nhân được chuyển sang "
                      f"đơn vị mới; lịch sử khen thưởng của từng đơn vị được giữ nguyên:<ul>{names}</ul>")
        note.setWordWrap(True)
        self.body.insertWidget(0, note)
        self.line("name", "Tên đơn vị mới (*)")
        self.add_field("kind", "Loại đơn vị (*)", combo(UNIT_KINDS, sources[0]["kind"] if sources else None))
        self.line("on", "Ngày hợp nhất (*)", "01/07/2025")
        self.setMinimumWidth(520)

        def save(values: dict[str, Any]) -> Any:
            from emulation_desk.services.common import require_date

            on = require_date(values["on"], "on", "Ngày hợp nhất")
            return units.merge_units(ws, [s["id"] for s in sources], values["name"], values["kind"] or "", on)

        self.save = save
