"""Hồ sơ cá nhân: who the person is, and per year what the eligibility rules read — rating and a pending
investigation, initiatives (title, scope, recognising decision, which award used it), discipline (form, from–to),
the recruitment date — with the person's awards beside it, each line opening its decision.

Save writes the whole record in one audited transaction (services.records.person_facts); the record as it was
is kept in :attr:`PersonRecordDialog.before`, so the caller offers "Hoàn tác" by saving it back."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.core.rules.facts import RATING_LABELS
from emulation_desk.core.text import format_date
from emulation_desk.errors import KnownError
from emulation_desk.services.common import Changes, optional_date, require_year
from emulation_desk.services.records import people, positions
from emulation_desk.services.records import person_facts as pf
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.dialogs import ERROR_STYLE
from emulation_desk.ui.records_common import DIALOG_SIZE, FactTable, HistoryPanel, row_error, table_panel

DISCIPLINE_FORMS = ["Khiển trách", "Cảnh cáo", "Hạ bậc lương", "Giáng chức", "Cách chức", "Buộc thôi việc"]
RATINGS_TAB, INITIATIVES_TAB, DISCIPLINE_TAB = 0, 1, 2


def current_position(ws: Workspace, person: dict[str, Any], year: int | None) -> tuple[str, bool]:
    """The position and management flag held in ``year`` (the position history; today's without a year)."""
    if year is None:
        return str(person["position"] or ""), bool(person["is_manager"])
    held = positions.position_at(ws, person["id"], year)
    return held.position, held.is_manager


class PersonRecordDialog(QDialog):
    def __init__(self, ws: Workspace, person_id: str, parent: QWidget | None = None, *, year: int | None = None,
                 needs: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.ws, self.person_id, self.year = ws, person_id, year
        self.person = people.get_person(ws, person_id)
        self.before = pf.person_facts(ws, person_id)
        self.result_value: Changes | None = None
        self.setWindowTitle(f"Hồ sơ cá nhân — {self.person['full_name']}")
        layout = QVBoxLayout(self)
        layout.addWidget(self._identity())
        self.banner = QLabel("")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color: #1565c0; font-weight: bold;")
        layout.addWidget(self.banner)
        self.banner.setVisible(bool(needs))
        if needs:
            self.banner.setText("Cần nhập để xét điều kiện: " + "; ".join(needs) + ".")
        self.tabs = QTabWidget()
        self.ratings = FactTable(["Năm", "Xếp loại", "Đang bị xem xét kỷ luật, điều tra"], [70, 280, 220],
                                 choices={1: [(None, "(chưa có)"), *RATING_LABELS.items()]}, ticks=[2])
        self.initiatives = FactTable(
            ["Năm", "Tên sáng kiến, đề tài", "Phạm vi công nhận", "Quyết định công nhận", "Đã dùng để khen"],
            [50, 230, 125, 170, 150], choices={2: list(pf.SCOPE_CHOICES), 4: self._award_choices()})
        self.disciplines = FactTable(["Hình thức kỷ luật", "Từ ngày", "Đến ngày", "Ghi chú"], [170, 95, 95, 200],
                                     choices={0: [(f, f) for f in DISCIPLINE_FORMS]}, editable_choices=[0])
        self.tabs.addTab(table_panel(self.ratings, "Kết quả đánh giá, xếp loại của từng năm. Năm chưa có xếp loại "
                                     "thì điều kiện được báo “Chưa có dữ liệu”.", self.add_year, "Thêm năm"),
                         "Xếp loại theo năm")
        self.tabs.addTab(table_panel(self.initiatives, "Sáng kiến đã được công nhận; một sáng kiến đã dùng để khen "
                                     "thì không tính lại cho khen thưởng khác.", self.add_initiative,
                                     "Thêm sáng kiến"), "Sáng kiến")
        self.tabs.addTab(table_panel(self.disciplines, "Các hình thức kỷ luật với thời gian thi hành (để trống "
                                     "“Đến ngày” nếu chưa hết).", self.add_discipline, "Thêm kỷ luật"), "Kỷ luật")
        from emulation_desk.ui.positions_panel import PositionHistoryPanel

        self.positions = PositionHistoryPanel(ws, person_id, year)
        self.positions.saved.connect(self._show_position)  # the line above said the old position
        self.tabs.addTab(self.positions, "Chức vụ theo năm")
        self.history = HistoryPanel(ws, "Khen thưởng đã nhận", people.person_history(ws, person_id))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tabs)
        split.addWidget(self.history)
        split.setSizes([760, 460])
        layout.addWidget(split, 1)
        self.error = QLabel("")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Lưu hồ sơ", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill(self.before)
        if needs and year is not None:
            self._focus_year(year)
        self.resize(*DIALOG_SIZE)

    def _identity(self) -> QWidget:
        p = self.person
        unit = self.ws.store.get("unit", p["unit_id"]) if p["unit_id"] else None
        born = format_date(date.fromisoformat(p["birth_date"])) if p["birth_date"] else (p["birth_year"] or "chưa ghi")
        gender = {"nam": "Nam", "nu": "Nữ"}.get(p["gender"] or "", "")
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self._identity_head = (f"<b style='font-size:14px'>{p['full_name']}</b>  {gender}, sinh {born}<br>"
                               f"Đơn vị: {unit['name'] if unit else 'chưa ghi'}")
        self.identity = QLabel()
        self._show_position()
        row.addWidget(self.identity, 1)
        form = QFormLayout()
        self.recruited = QLineEdit(format_date(date.fromisoformat(p["recruited_on"])) if p["recruited_on"] else "")
        self.recruited.setPlaceholderText("ngày/tháng/năm")
        self.recruited.setMaximumWidth(130)
        form.addRow("Ngày tuyển dụng:", self.recruited)
        row.addLayout(form)
        return box

    def _show_position(self) -> None:
        """The identity line with the position held in the dialog's year (again after "Ghi chức vụ")."""
        position, manager = current_position(self.ws, people.get_person(self.ws, self.person_id), self.year)
        when = f" (năm {self.year})" if self.year else ""
        self.identity.setText(f"{self._identity_head} — Chức vụ{when}: {position or 'chưa ghi'}"
                              + ("; lãnh đạo, quản lý" if manager else ""))

    def _award_choices(self) -> list[tuple[Any, str]]:
        return [(None, "(chưa dùng)"), *((a["id"], a["label"]) for a in self.before.awards)]

    def _fill(self, facts: pf.PersonFacts) -> None:
        for y in facts.years:
            self.ratings.add_row([y.year, y.rating, y.under_investigation])
        for i in facts.initiatives:
            self.initiatives.add_row([i.year, i.title, i.scope, i.recognised_ref, i.used_by_recipient_id], i.id)
        for d in facts.disciplines:
            self.disciplines.add_row([d.form, format_date(d.start), format_date(d.end) if d.end else "", d.notes], d.id)

    def _focus_year(self, year: int) -> None:
        self.tabs.setCurrentIndex(RATINGS_TAB)
        for row in self.ratings.rows():
            if self.ratings.value(row, 0) == str(year):
                self.ratings.selectRow(row)
                return
        self.ratings.selectRow(self.add_year(year))

    # ------------------------------------------------------------------ rows
    def add_year(self, year: int | None = None) -> int:
        known = {self.ratings.value(r, 0) for r in self.ratings.rows()}
        year = year or self.year or date.today().year
        while str(year) in known:
            year -= 1
        return self.ratings.add_row([year, None, False])

    def add_initiative(self) -> int:
        return self.initiatives.add_row([self.year or date.today().year, "", "co_so", "", None])

    def add_discipline(self) -> int:
        return self.disciplines.add_row(["Khiển trách", "", "", ""])

    # ------------------------------------------------------------------ saving
    def facts(self) -> pf.PersonFacts:
        """The record as the tables now say (KnownError naming the table and row when a cell is wrong)."""
        years = []
        for row in self.ratings.rows():
            try:
                years.append(pf.PersonYear(require_year(self.ratings.value(row, 0)), self.ratings.value(row, 1),
                                           self.ratings.value(row, 2)))
            except KnownError as exc:
                raise row_error("Xếp loại", row, exc) from None
        initiatives = []
        for row in self.initiatives.rows():
            t = self.initiatives
            try:
                initiatives.append(pf.initiative_item(t.value(row, 0), t.value(row, 1), t.value(row, 2),
                                                      t.value(row, 3), used_by_recipient_id=t.value(row, 4),
                                                      id=t.key(row)))
            except KnownError as exc:
                raise row_error("Sáng kiến", row, exc) from None
        disciplines = []
        for row in self.disciplines.rows():
            t = self.disciplines
            try:
                disciplines.append(pf.discipline_item(t.value(row, 0), t.value(row, 1), t.value(row, 2),
                                                      t.value(row, 3), id=t.key(row)))
            except KnownError as exc:
                raise row_error("Kỷ luật", row, exc) from None
        recruited = optional_date(self.recruited.text().strip(), "recruited_on", "Ngày tuyển dụng")
        return pf.PersonFacts(self.person_id, self.person["full_name"], recruited, tuple(years), tuple(initiatives),
                              tuple(disciplines))

    def save(self) -> None:
        self.error.setText("")
        try:
            self.result_value = pf.save_person_facts(self.ws, self.facts()).merge(self.positions.changes)
        except KnownError as exc:
            self.error.setText(f"Chưa lưu: {exc.message}")
            return
        self.accept()

    def undo(self) -> Changes:
        """Put the record back as it was when the dialog opened."""
        return self.undo_action()()

    def undo_action(self) -> Callable[[], Changes]:
        """The undo of this dialog's save, holding no reference to the dialog."""
        ws, before = self.ws, self.before
        return lambda: pf.save_person_facts(ws, before)
