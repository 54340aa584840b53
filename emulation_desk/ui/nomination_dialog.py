"""Add or edit a nomination: the nominee is picked with type-ahead on folded names (an existing person or
unit) or created on the spot; the form list follows the kind of nominee."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from emulation_desk.errors import ValidationError
from emulation_desk.services.awards import achievement as ach
from emulation_desk.services.awards import nominations
from emulation_desk.services.awards.nominations import STATUS_LABELS
from emulation_desk.services.common import Changes, Created
from emulation_desk.services.records import people, positions, units
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.dialogs import FormDialog, combo
from emulation_desk.ui.forms import PersonDialog, UnitDialog

SUBJECTS = {"ca_nhan": "Cá nhân", "tap_the": "Tập thể"}


def _person_label(row: dict[str, Any]) -> str:
    extra = ", ".join(str(x) for x in (row.get("birth_year"), row.get("unit_name")) if x)
    return f"{row['full_name']} ({extra})" if extra else row["full_name"]


class NomineePicker(QWidget):
    """A line edit with type-ahead over people or units (folded: "tran van" finds "Trần Văn"); ``chosen``
    is emitted with the record's id when the clerk picks or creates one."""

    chosen = Signal(str)

    def __init__(self, ws: Workspace, year: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.year = ws, year
        self.subject = "ca_nhan"
        self.chosen_id: str | None = None
        self.chosen_row: dict[str, Any] | None = None
        self._hits: dict[str, dict[str, Any]] = {}
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Gõ vài chữ của tên (không dấu cũng được) rồi chọn trong danh sách")
        self.completer_model = QStringListModel(self)
        self.completer = QCompleter(self.completer_model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        self.edit.setCompleter(self.completer)
        self.completer.activated.connect(self._activated)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(150)
        self.timer.timeout.connect(self.search)
        self.edit.textEdited.connect(lambda *_: (self._clear_choice(), self.timer.start()))
        self.new_button = QPushButton("Tạo mới…")
        self.new_button.clicked.connect(self.create_new)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.new_button)

    def set_subject(self, subject: str) -> None:
        self.subject = subject
        self._clear_choice()
        self.edit.clear()
        self.new_button.setToolTip("Tạo cá nhân mới" if subject == "ca_nhan" else "Tạo đơn vị (tập thể) mới")

    def _clear_choice(self) -> None:
        self.chosen_id, self.chosen_row = None, None

    def search(self) -> list[str]:
        text = self.edit.text()
        if self.subject == "ca_nhan":
            rows = people.search_people(self.ws, text, limit=30)
            hits = {_person_label(r): r for r in rows}
        else:
            hits = {r["name"]: r for r in units.search_units(self.ws, text, limit=30)}
        self._hits = hits
        self.completer_model.setStringList(list(hits))
        if hits and self.edit.hasFocus():
            self.completer.complete()
        return list(hits)

    def choose(self, label: str) -> None:
        row = self._hits.get(label)
        if row is not None:
            self.chosen_id, self.chosen_row = row["id"], row
            self.edit.setText(label)
            self.chosen.emit(row["id"])

    def _activated(self, label: str) -> None:
        self.choose(label)

    def create_new(self) -> None:
        if self.subject == "ca_nhan":
            dialog: Any = PersonDialog(self.ws, None, None, self, year=self.year)
            dialog.fields["full_name"].setText(self.edit.text())
        else:
            dialog = UnitDialog(self.ws, None, self)
            dialog.fields["name"].setText(self.edit.text())
        if dialog.exec():
            record_id = dialog.result_value.id
            if self.subject == "ca_nhan":
                row = people.get_person(self.ws, record_id)
                label = row["full_name"]
            else:
                row = units.get_unit(self.ws, record_id)
                label = row["name"]
            self._hits = {label: row}
            self.choose(label)


class NominationDialog(FormDialog):
    """``result_value`` is the service's result (``Created`` when added, else ``Changes``)."""

    def __init__(self, ws: Workspace, year: int, nomination: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Sửa đề nghị khen thưởng" if nomination else f"Thêm đề nghị khen thưởng năm {year}", parent)
        self.ws, self.year, self.nomination = ws, year, nomination
        catalog = ws.catalog()
        self.subject_box = combo(SUBJECTS, (nomination or {}).get("subject", "ca_nhan"))
        self.add_field("subject", "Đối tượng", self.subject_box)
        self.picker = NomineePicker(ws, year, self)
        self.add_field("nominee", "Người / tập thể được đề nghị (*)", self.picker)
        self.form_box = combo([], None)
        self.add_field("form_code", "Hình thức khen thưởng (*)", self.form_box)
        self.period_edit = self.line("achievement_period", "Năm thành tích",
                                     ach.nomination_text(nomination) if nomination else str(year))
        self.period_edit.setPlaceholderText(f"để trống: năm {year}; một giai đoạn: {year - 1}-{year}")
        self.period_note = QLabel()
        self.period_note.setWordWrap(True)
        self.period_note.setStyleSheet("color: #555;")
        self.form.addRow("", self.period_note)
        self.form_box.currentIndexChanged.connect(lambda *_: self._period_hint())
        self.add_field("kind", "Loại khen thưởng", combo([(k.code, k.name) for k in catalog.kinds],
                                                         (nomination or {}).get("kind", "cong_trang")))
        self.add_field("proposing_unit_id", "Đơn vị đề nghị", combo(units.unit_choices(ws, year),
                                                                    (nomination or {}).get("proposing_unit_id"),
                                                                    empty="— chưa chọn —"))
        self.position_edit = self.line("position", f"Chức vụ (năm {year})", (nomination or {}).get("position", ""))
        self.manager = QCheckBox("Là lãnh đạo quản lý (từ cấp phòng trở lên)")
        stored = (nomination or {}).get("is_manager")
        self.manager.setChecked(bool(stored))
        self.manager_set = stored is not None  # the clerk's own choice (or the stored one) is kept as it is
        self.add_field("is_manager", "Lãnh đạo quản lý", self.manager)
        self.manager_note = QLabel("Chọn người để điền đơn vị, chức vụ và lãnh đạo quản lý theo danh mục chức vụ."
                                   if nomination is None else "")
        self.manager_note.setWordWrap(True)
        self.manager_note.setStyleSheet("color: #555;")
        self.form.addRow("", self.manager_note)
        self.manager.clicked.connect(self._manager_clicked)
        self.position_edit.textEdited.connect(lambda *_: self._propose())
        self.picker.chosen.connect(self._person_chosen)
        achievement = QPlainTextEdit((nomination or {}).get("achievement", ""))
        achievement.setFixedHeight(70)
        self.add_field("achievement", "Tóm tắt thành tích", achievement)
        if nomination is None:
            self.add_field("status", "Trạng thái", combo(STATUS_LABELS, "submitted"))
        self.subject_box.currentIndexChanged.connect(lambda *_: self._subject_changed())
        self._subject_changed()
        if nomination is not None:
            self.subject_box.setEnabled(False)
            self.picker.edit.setText(nomination.get("nominee_name", ""))
            self.picker.setEnabled(False)
            self.picker.chosen_id = nomination.get("person_id") or nomination.get("unit_id")
            index = self.form_box.findData(nomination["form_code"])
            self.form_box.setCurrentIndex(max(index, 0))
        self._period_hint()
        self.setMinimumWidth(640)
        self.save = self._save

    def _subject_changed(self) -> None:
        subject = self.subject_box.currentData()
        self.picker.set_subject(subject)
        self.form_box.clear()
        for form in self.ws.catalog().forms:
            if subject in form.subjects and form.valid_on(_year_end(self.year)):
                self.form_box.addItem(form.name, form.code)  # the full name says who awards it
        self.fields["is_manager"].setEnabled(subject == "ca_nhan")
        self.fields["position"].setEnabled(subject == "ca_nhan")

    def _period_hint(self) -> None:
        """What the achievement field takes, for the chosen form (a title of several years says how many)."""
        code = self.form_box.currentData()
        span = ach.title_span(self.ws.catalog().form(code).family or "") if code else 1
        example = f"{self.year - max(span, 2) + 1}-{self.year}"
        if span > 1:
            text = (f"Hình thức này khen thành tích {span} năm liên tục: ghi giai đoạn (ví dụ {example}) "
                    f"hoặc để năm {self.year}.")
        else:
            text = (f"Năm {self.year}, hoặc một giai đoạn kết thúc năm {self.year} (ví dụ {example}) cho hình thức "
                    "khen thành tích nhiều năm.")
        self.period_note.setText(text)

    def _person_chosen(self, record_id: str) -> None:
        """Fill the unit, the position held in the nomination's year and the flag it proposes; a collective
        proposes itself unless another unit is chosen (the list's "Đơn vị đề nghị" was left empty)."""
        unit_box = self.fields["proposing_unit_id"]
        if self.subject_box.currentData() == "tap_the":
            if not unit_box.currentData():
                unit_box.setCurrentIndex(max(unit_box.findData(record_id), 0))
            return
        if self.subject_box.currentData() != "ca_nhan":
            return
        person = people.get_person(self.ws, record_id)
        if person["unit_id"] and not unit_box.currentData():
            unit_box.setCurrentIndex(max(unit_box.findData(person["unit_id"]), 0))
        held = positions.position_at(self.ws, record_id, self.year)
        self.position_edit.setText(held.position)
        self.manager_set = False
        if held.source in ("clerk", "dictionary"):  # the history already says it for that year
            self.manager.setChecked(held.is_manager)
            self.manager_note.setText(f"Theo chức vụ năm {self.year}: {held.describe()}.")
        elif positions.propose(self.ws, held.position).is_manager is None and held.is_manager:
            self.manager_set = True  # the record says so and the dictionary does not know the position
            self.manager.setChecked(True)
            self.manager_note.setText("Theo hồ sơ hiện tại: lãnh đạo, quản lý.")
        else:
            self._propose()

    def _propose(self) -> None:
        """The dictionary's proposal for the position typed, unless the clerk chose the flag."""
        if self.manager_set:
            return
        proposal = positions.propose(self.ws, self.position_edit.text())
        self.manager.setChecked(bool(proposal.is_manager))
        self.manager_note.setText(proposal.describe())

    def _manager_clicked(self) -> None:
        self.manager_set = True
        self.manager_note.setText("Cán bộ tự chọn (không theo danh mục chức vụ).")

    def manager_value(self) -> bool | None:
        """The flag saved: the clerk's choice; else the dictionary's proposal; None when nothing says it (the
        table then warns instead of counting a manager as a direct worker in silence)."""
        if self.manager_set:
            return self.manager.isChecked()
        return positions.propose(self.ws, self.position_edit.text()).is_manager

    def _save(self, values: dict[str, Any]) -> Created | Changes:
        subject = values["subject"]
        common = {"form_code": values["form_code"], "kind": values["kind"],
                  "proposing_unit_id": values["proposing_unit_id"], "achievement": values["achievement"],
                  "position": values["position"] if subject == "ca_nhan" else "",
                  "is_manager": self.manager_value() if subject == "ca_nhan" else None,
                  "achievement_period": values["achievement_period"]}
        if not values["form_code"]:
            raise ValidationError("Hãy chọn hình thức khen thưởng.", field="form_code")
        if self.nomination is not None:
            return nominations.update_nomination(self.ws, self.nomination["id"], **common)
        if not self.picker.chosen_id:
            raise ValidationError("Hãy chọn người hoặc tập thể trong danh sách gợi ý, hoặc bấm “Tạo mới…”.",
                                  field="nominee")
        nominee = {"person_id": self.picker.chosen_id} if subject == "ca_nhan" else {"unit_id": self.picker.chosen_id}
        if subject == "ca_nhan" and not common["position"] and self.picker.chosen_row:
            common["position"] = self.picker.chosen_row.get("position", "")
        return nominations.add_nomination(self.ws, year=self.year, subject=subject,
                                          status=values["status"], **nominee, **common)


def _year_end(year: int) -> Any:
    from datetime import date

    return date(year, 12, 31)

