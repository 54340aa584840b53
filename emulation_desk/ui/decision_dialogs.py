"""Dialogs of the Decisions tab: a decision from approved nominations of one form (recipients filled in
and editable, bonus per recipient and total), a received decision with its recipients, and the edit of a
draft or the logged correction (đính chính) of an issued decision."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from emulation_desk.core.money import amount_in_words, bonus_amount
from emulation_desk.core.text import format_date, format_int, parse_date
from emulation_desk.errors import ValidationError
from emulation_desk.services.awards import achievement as ach
from emulation_desk.services.awards import decisions, nominations
from emulation_desk.services.awards.decisions import ISSUER_LEVELS, RECEIVED_LEVELS
from emulation_desk.services.common import Created
from emulation_desk.services.records import org, positions
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.decision_warnings import doubtful_verdicts, salary_warning, verdict_warning
from emulation_desk.ui.dialogs import FormDialog, combo
from emulation_desk.ui.nomination_dialog import NomineePicker
from emulation_desk.ui.table_model import Column, RowTableModel
from emulation_desk.ui.tabs.base import make_table, on_keys, selected_rows

Index = QModelIndex | QPersistentModelIndex
DRAFT_HEADERS = ["Đưa vào", "Họ tên / Tên tập thể", "Chức vụ", "Lãnh đạo QL", "Đơn vị", "Năm thành tích",
                 "Tiền thưởng (đồng)"]
PERIOD_COLUMN, AMOUNT_COLUMN = 5, 6
PERIOD_HINT = ("Năm thành tích của từng dòng: bấm đúp để ghi riêng (2023, hoặc 2022-2023); để trống là theo năm "
               "thành tích của quyết định.")
_PROBLEM_BRUSH = QBrush(QColor("#fde2e1"))


def own_issuer_name(ws: Workspace) -> str:
    organisation = ws.organisation() or {}
    head = (organisation.get("head_title") or "CHỦ TỊCH").capitalize()
    body = " ".join(x for x in (organisation.get("body_short"), organisation.get("place_name")) if x)
    return f"{head} {body}".strip()


class AchievementEdit(QLineEdit):
    """The achievement year or period of a decision ("2023", "2022-2023"): filled from the title (then the
    working year) and kept in step with it until the clerk types here; ``note`` says where it comes from."""

    def __init__(self, ws: Workspace, working_year: int, value: str = "") -> None:
        super().__init__(value)
        self.ws, self.working_year = ws, working_year
        self.touched = bool(value)
        self.setPlaceholderText("ví dụ 2023, hoặc 2022-2023 cho một giai đoạn")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.textEdited.connect(self._edited)

    def _edited(self, *_: Any) -> None:
        self.touched = True
        self.note.setText("Cán bộ tự ghi năm thành tích.")

    def follow(self, title: str, signed_text: str, form_code: str | None) -> None:
        """Re-read the default from the title, the signing date and the form (unless the clerk typed here)."""
        if self.touched:
            return
        try:
            signed = parse_date(signed_text)
        except ValueError:
            signed = date(self.working_year, 12, 31)
        guess = ach.guess(self.ws.catalog(), title, signed, form_code or None, self.working_year)
        period = guess.period
        self.setText(str(period.last) if period.single else f"{period.first}-{period.last}")
        self.setCursorPosition(0)
        self.note.setText(f"Thành tích {guess.describe()}. Chế độ và mức tiền thưởng vẫn theo ngày ký.")


def add_achievement_field(dialog: FormDialog, edit: AchievementEdit) -> AchievementEdit:
    dialog.add_field("achievement_period", "Năm thành tích (*)", edit)
    dialog.form.addRow("", edit.note)
    return edit


class LinePeriods:
    """The achievement of each line of a decision being made: the clerk's own text for a line (``period_text``
    in the row), else the line's default — the decision's field, or the period its nomination proposes. Checked
    as the service checks it (first ≤ last, not after the signing year), so a wrong cell shows at once."""

    def __init__(self, decision_text: Any, signed_text: Any) -> None:
        self.decision_text, self.signed_text = decision_text, signed_text

    def default(self, row: dict[str, Any]) -> str:
        if row.get("achievement_first") not in (None, row.get("year")) and row.get("year"):
            return ach.nomination_text(row)  # the nomination proposes a period
        return self.decision_text().strip()

    def text(self, row: dict[str, Any]) -> str:
        return row.get("period_text") or self.default(row)

    def set(self, row: dict[str, Any], text: str) -> None:
        text = " ".join(str(text).split())
        row["period_text"] = "" if text == self.default(row) else text

    def signed(self) -> date | None:
        try:
            return parse_date(self.signed_text())
        except ValueError:
            return None

    def problem(self, row: dict[str, Any], who: str = "") -> str:
        """The Vietnamese message for a line's own achievement that cannot be saved ("" when it can)."""
        if not row.get("period_text"):
            return ""
        try:
            ach.line_period(row["period_text"], self.signed() or date(2100, 12, 31), who)
        except ValidationError as exc:
            return exc.message
        return ""

    def spec(self, row: dict[str, Any], who: str, *, explicit: bool = True) -> str | None:
        """What the service gets for a line: the text shown (``explicit``), or only the clerk's own (else the
        service's default, the decision's), checked first so that the message names the line."""
        text = self.text(row)
        if row.get("period_text"):
            signed = self.signed()
            if signed is not None:
                ach.line_period(text, signed, who)
        elif not explicit:
            return None
        return text or None


class RecipientDraftModel(QAbstractTableModel):
    """The recipients of a decision being made: include or not, position and management post editable."""

    edited = Signal()

    def __init__(self, rows: list[dict[str, Any]], parent: Any = None, periods: LinePeriods | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.amounts: dict[str, int | None] = {}
        self.periods = periods or LinePeriods(lambda: "", lambda: "")

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(DRAFT_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return DRAFT_HEADERS[section] if orientation == Qt.Orientation.Horizontal else str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column in (0, 3):
            if column == 3 and row["subject"] != "ca_nhan":
                return None
            on = row["include"] if column == 0 else bool(row["is_manager"])
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 1:
                return row["nominee_name"]
            if column == 2:
                return row["position"] or ""
            if column == 4:
                return row["proposing_unit_name"] or row.get("person_unit_name", "")
            if column == PERIOD_COLUMN:
                return self.periods.text(row)
            if column == AMOUNT_COLUMN:
                amount = self.amounts.get(row["id"])
                return "" if amount is None or not row["include"] else format_int(amount)
        if column == PERIOD_COLUMN and role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole):
            problem = self.periods.problem(row)
            if role == Qt.ItemDataRole.BackgroundRole:
                return _PROBLEM_BRUSH if problem else None
            return problem or ("Ghi riêng cho dòng này." if row.get("period_text") else PERIOD_HINT)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AMOUNT_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 or (index.column() == 3 and self.rows[index.row()]["subject"] == "ca_nhan"):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if (index.column() == 2 and self.rows[index.row()]["subject"] == "ca_nhan") or index.column() == PERIOD_COLUMN:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column in (0, 3):
            checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            row["include" if column == 0 else "is_manager"] = bool(checked)
        elif role == Qt.ItemDataRole.EditRole and column == 2:
            row["position"] = str(value).strip()
        elif role == Qt.ItemDataRole.EditRole and column == PERIOD_COLUMN:
            self.periods.set(row, str(value))
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        self.edited.emit()
        return True

    def included(self) -> list[dict[str, Any]]:
        return [r for r in self.rows if r["include"]]

    def set_amounts(self, amounts: dict[str, int | None]) -> None:
        self.amounts = amounts
        if self.rows:
            self.dataChanged.emit(self.index(0, AMOUNT_COLUMN), self.index(len(self.rows) - 1, AMOUNT_COLUMN))

    def periods_changed(self) -> None:
        """The decision's achievement or date changed: the lines that follow it (and the checks) repaint."""
        if self.rows:
            self.dataChanged.emit(self.index(0, PERIOD_COLUMN), self.index(len(self.rows) - 1, PERIOD_COLUMN))


def _title_for(form_name: str, category: str, year: int) -> str:
    if category == "danh_hieu":
        return f"Về việc công nhận danh hiệu “{form_name}” năm {year}"
    return f"Về việc tặng {form_name} cho các tập thể, cá nhân có thành tích xuất sắc năm {year}"


class FromNominationsDialog(FormDialog):
    """Create an own decision from the approved ("voted"/"checked") nominations of one form."""

    def __init__(self, ws: Workspace, year: int, parent: QWidget | None = None) -> None:
        super().__init__(f"Tạo quyết định khen thưởng từ đề nghị đã duyệt — năm {year}", parent, ok_text="Tạo quyết định")
        self.ws, self.year = ws, year
        self.approved = nominations.approved_nominations(ws, year)
        self.doubtful = doubtful_verdicts(ws, year, len(self.approved))  # Cần xem lại / Chưa đạt, warned below
        forms: dict[str, tuple[str, int]] = {}
        for row in self.approved:
            name, count = forms.get(row["form_code"], (row["form_name"], 0))  # full name: "Giấy khen của …"
            forms[row["form_code"]] = (name, count + 1)
        organisation = ws.organisation() or {}
        self.form_box = combo([(code, f"{name} ({count} đề nghị)") for code, (name, count) in forms.items()])
        self.add_field("form_code", "Hình thức khen thưởng", self.form_box)
        self.number = self.line("number", "Số quyết định", "")
        self.symbol = self.line("symbol", "Ký hiệu", organisation.get("symbol_decision", "QĐ-UBND"))
        self.signed = self.line("signed_on", "Ngày ký (*)", format_date(date(year, 12, 10)))
        signers = org.list_signatories(ws)
        self.signers = {s["id"]: s for s in signers}
        self.add_field("signer_id", "Người ký", combo([(s["id"], f"{s['full_name']} — {s['position'].capitalize()}")
                                                       for s in signers], signers[0]["id"] if signers else None,
                                                      empty="— chọn người ký —"))  # the head signs by default
        self.title_edit = self.line("title", "Trích yếu (*)", "")
        self.achievement = add_achievement_field(self, AchievementEdit(ws, year))
        self.title_edit.textChanged.connect(lambda *_: self._follow())
        self.signed.textChanged.connect(lambda *_: self._follow())
        self.bases = QPlainTextEdit()
        self.bases.setFixedHeight(90)
        self.add_field("legal_bases", "Căn cứ (mỗi dòng một căn cứ)", self.bases)
        self.periods = LinePeriods(self.achievement.text, self.signed.text)
        self.model = RecipientDraftModel([], self, self.periods)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setDefaultSectionSize(22)
        for column, width in enumerate((60, 210, 190, 85, 220, 110, 120)):
            self.table.setColumnWidth(column, width)
        self.achievement.textChanged.connect(lambda *_: self.model.periods_changed())
        self.signed.textChanged.connect(lambda *_: self.model.periods_changed())
        self.total = QLabel()
        self.total.setWordWrap(True)
        self.body.insertWidget(self.body.count() - 1, QLabel("Danh sách được khen (bỏ chọn để không đưa vào; "
                                                             "sửa chức vụ, năm thành tích bằng cách bấm đúp):"))
        self.body.insertWidget(self.body.count() - 1, self.table, 1)
        self.body.insertWidget(self.body.count() - 1, self.total)
        self.form_box.currentIndexChanged.connect(lambda *_: self._form_changed())
        self.signed.editingFinished.connect(self._date_changed)
        self.model.edited.connect(self._update_total)
        self._form_changed()
        self._date_changed()
        self.resize(1000, 700)
        self.save = self._save

    def _follow(self) -> None:
        self.achievement.follow(self.title_edit.text(), self.signed.text(), self.form_box.currentData())

    def _signed_date(self) -> date | None:
        try:
            return parse_date(self.signed.text())
        except ValueError:
            return None

    def _form_changed(self) -> None:
        code = self.form_box.currentData()
        rows = [self._draft_row(r) for r in self.approved if r["form_code"] == code]
        self.model.beginResetModel()
        self.model.rows = rows
        self.model.endResetModel()
        if code:
            form = self.ws.catalog().form(code)
            self.title_edit.setText(_title_for(form.short_name, form.category, self.year))
        self._update_total()

    def _draft_row(self, nomination: dict[str, Any]) -> dict[str, Any]:
        """A nomination as a line of the draft: a flag not recorded is the one held in the nomination's year
        (the position history, else the dictionary's proposal for its position)."""
        row = {**nomination, "include": True}
        if row["subject"] == "ca_nhan" and row["is_manager"] is None and row.get("person_id"):
            held = positions.position_at(self.ws, row["person_id"], row["year"])
            proposal = positions.propose(self.ws, row["position"] or held.position).is_manager
            row["is_manager"] = held.is_manager if held.dated or proposal is None else proposal
            row["position"] = row["position"] or held.position
        return row

    def _date_changed(self) -> None:
        signed = self._signed_date()
        if signed is not None:
            lines = decisions.default_legal_bases(self.ws.catalog(), self.ws.organisation(), signed)
            self.bases.setPlainText("\n".join(lines))
        self._update_total()

    def _update_total(self) -> None:
        signed, code = self._signed_date(), self.form_box.currentData()
        catalog = self.ws.catalog()
        salary = catalog.base_salary_for(signed) if signed else None
        amounts: dict[str, int | None] = {}
        for row in self.model.rows:
            coefficient = catalog.coefficient_for(code, row["subject"], signed) if signed and code else None
            amounts[row["id"]] = bonus_amount(coefficient.value, salary.amount) if coefficient and salary else None
        self.model.set_amounts(amounts)
        included = self.model.included()
        total = sum(amounts.get(r["id"]) or 0 for r in included)
        salary_text = f"mức lương cơ sở {format_int(salary.amount)} đồng" if salary else "chưa có mức lương cơ sở"
        self.total.setText(f"<b>{len(included)}</b> người/tập thể — tổng tiền thưởng <b>{format_int(total)} đồng</b>"
                           f" ({amount_in_words(total) if total else 'không đồng'}); {salary_text}."
                           + verdict_warning(self.doubtful, included) + salary_warning(salary))

    def _save(self, values: dict[str, Any]) -> Created:
        if not values["form_code"]:
            raise ValidationError("Năm này chưa có đề nghị nào đã thẩm định hoặc đã bình xét.", field="form_code")
        signer = self.signers.get(values["signer_id"] or "")
        recipients = [{"nomination_id": r["id"], "position": r["position"] or "",
                       "is_manager": bool(r["is_manager"]) if r["subject"] == "ca_nhan" else None,
                       "achievement_period": self.periods.spec(r, _who(number, r["nominee_name"]))}
                      for number, r in enumerate(self.model.rows, start=1) if r["include"]]
        return decisions.create_from_nominations(
            self.ws, recipients, number=values["number"], symbol=values["symbol"],
            signed_on=values["signed_on"], issuer_name=own_issuer_name(self.ws), title=values["title"],
            signer_id=signer["id"] if signer else None, signer_name=signer["full_name"] if signer else "",
            signer_position=signer["position"] if signer else "",
            legal_bases=[line for line in values["legal_bases"].splitlines() if line.strip()],
            achievement_period=values["achievement_period"], working_year=self.year)


RECIPIENT_COLUMNS = [
    Column("label", "Người / tập thể được khen", width=300),
    Column("subject", "Đối tượng", width=90, display=lambda r: "Cá nhân" if r["subject"] == "ca_nhan" else "Tập thể"),
    Column("period_text", "Năm thành tích", width=130),
]


def _who(number: int, name: str) -> str:
    return f"Dòng {number} ({name})"


class ReceivedLinesModel(RowTableModel):
    """The lines of a received decision: the achievement column is edited in place (double-click); an empty
    cell shows the decision's, a wrong one is marked with its message."""

    def __init__(self, periods: LinePeriods, parent: Any = None) -> None:
        columns = list(RECIPIENT_COLUMNS)
        columns[2] = Column("period_text", "Năm thành tích", width=130, display=periods.text)
        super().__init__(columns, parent)
        self.periods = periods
        self.period_column = 2

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() and index.column() == self.period_column else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == self.period_column:
            row = self.row_at(index.row())
            if role == Qt.ItemDataRole.EditRole:
                return self.periods.text(row)
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole):
                problem = self.periods.problem(row)
                if role == Qt.ItemDataRole.BackgroundRole:
                    return _PROBLEM_BRUSH if problem else None
                return problem or ("Ghi riêng cho dòng này." if row.get("period_text") else PERIOD_HINT)
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != self.period_column:
            return False
        row = dict(self.row_at(index.row()))
        self.periods.set(row, str(value))
        self.update_row(index.row(), row)
        return True

    def refresh(self) -> None:
        """The decision's achievement or date changed: the lines that follow it repaint."""
        if self.rowCount():
            self.rows_changed()


class ReceivedDialog(FormDialog):
    """Record a decision of a higher level with its recipients (picked with type-ahead or created)."""

    def __init__(self, ws: Workspace, year: int, parent: QWidget | None = None) -> None:
        super().__init__("Ghi nhận quyết định khen thưởng của cấp trên", parent, ok_text="Ghi nhận")
        self.ws = ws
        catalog = ws.catalog()
        self.add_field("issuer_level", "Cấp ban hành (*)",
                       combo([(c, ISSUER_LEVELS[c]) for c in RECEIVED_LEVELS], "tinh"))
        self.line("issuer_name", "Cơ quan, người ký ban hành (*)", "")
        self.fields["issuer_name"].setPlaceholderText("ví dụ: Chủ tịch UBND tỉnh Nam Định")
        self.line("number", "Số quyết định", "")
        self.line("symbol", "Ký hiệu", "QĐ-UBND")
        self.line("signed_on", "Ngày ký (*)", format_date(date(year, 12, 1)))
        self.line("title", "Trích yếu (*)", "")
        self.add_field("form_code", "Hình thức khen thưởng (*)",
                       combo([(f.code, f.name) for f in catalog.forms if f.level != "co_so"], None))
        self.year = year
        self.achievement = add_achievement_field(self, AchievementEdit(ws, year))
        for name in ("title", "signed_on"):
            self.fields[name].textChanged.connect(lambda *_: self._follow())  # type: ignore[attr-defined]
        self.fields["form_code"].currentIndexChanged.connect(lambda *_: self._follow())  # type: ignore[attr-defined]
        self._follow()
        self.add_field("kind", "Loại khen thưởng", combo([(k.code, k.name) for k in catalog.kinds], "cong_trang"))
        self.picker = NomineePicker(ws, year, self)
        self.subject_box = combo({"ca_nhan": "Cá nhân", "tap_the": "Tập thể"}, "ca_nhan")
        self.subject_box.currentIndexChanged.connect(lambda *_: self.picker.set_subject(self.subject_box.currentData()))
        add = QPushButton("Thêm vào danh sách")
        add.clicked.connect(self.add_recipient)
        remove = QPushButton("Bỏ khỏi danh sách")
        remove.clicked.connect(self.remove_recipient)
        row = QHBoxLayout()
        row.addWidget(self.subject_box)
        row.addWidget(self.picker, 1)
        row.addWidget(add)
        row.addWidget(remove)
        holder = QWidget()
        holder.setLayout(row)
        self.add_field("recipients", "Người / tập thể được khen", holder)
        self.view, _, self.proxy = make_table(RECIPIENT_COLUMNS, self)
        self.periods = LinePeriods(self.achievement.text, self.fields["signed_on"].text)  # type: ignore[attr-defined]
        self.model = ReceivedLinesModel(self.periods, self)
        self.proxy.setSourceModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.achievement.textChanged.connect(lambda *_: self.model.refresh())
        self.fields["signed_on"].textChanged.connect(lambda *_: self.model.refresh())  # type: ignore[attr-defined]
        on_keys(self.view, None, self.remove_recipient)
        hint = QLabel(PERIOD_HINT)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.body.insertWidget(self.body.count() - 1, hint)
        self.body.insertWidget(self.body.count() - 1, self.view, 1)
        self.resize(980, 680)
        self.save = self._save

    def _follow(self) -> None:
        self.achievement.follow(self.fields["title"].text(), self.fields["signed_on"].text(),  # type: ignore[attr-defined]
                                self.fields["form_code"].currentData())  # type: ignore[attr-defined]

    def add_recipient(self) -> None:
        if not self.picker.chosen_id:
            self.picker.search()
            self.show_error(ValidationError("Hãy chọn một tên trong danh sách gợi ý (hoặc bấm “Tạo mới…”).",
                                            field="recipients"))
            return
        subject = self.subject_box.currentData()
        rows = self.model.rows()
        if any(r["id"] == self.picker.chosen_id for r in rows):
            return
        rows.append({"id": self.picker.chosen_id, "subject": subject, "label": self.picker.edit.text(),
                     "period_text": ""})
        self.model.set_rows(rows)
        self.picker.set_subject(subject)
        self.errors["recipients"].hide()

    def remove_recipient(self) -> None:
        chosen = {r["id"] for r in selected_rows(self.view, self.model, self.proxy)}
        self.model.set_rows([r for r in self.model.rows() if r["id"] not in chosen])

    def _save(self, values: dict[str, Any]) -> Created:
        recipients = [{"subject": r["subject"], ("person_id" if r["subject"] == "ca_nhan" else "unit_id"): r["id"],
                       "achievement_period": self.periods.spec(r, _who(number, r["label"]), explicit=False)}
                      for number, r in enumerate(self.model.rows(), start=1)]
        return decisions.record_received(
            self.ws, recipients, number=values["number"], symbol=values["symbol"],
            signed_on=values["signed_on"], issuer_level=values["issuer_level"], issuer_name=values["issuer_name"],
            title=values["title"], kind=values["kind"], form_code=values["form_code"],
            achievement_period=values["achievement_period"], working_year=self.year)


class DecisionEditDialog(FormDialog):
    """Edit a draft, or correct an issued decision (then a reason is required and logged)."""

    def __init__(self, ws: Workspace, decision: dict[str, Any], parent: QWidget | None = None) -> None:
        self.correcting = decision["status"] == "issued" and bool(decision["is_own"])
        number = f"{decision['number']}/{decision['symbol']}"
        super().__init__(f"Đính chính Quyết định số {number}" if self.correcting else f"Sửa quyết định {number}",
                         parent, ok_text="Đính chính" if self.correcting else "Lưu")
        self.line("number", "Số quyết định", decision["number"])
        self.line("symbol", "Ký hiệu", decision["symbol"])
        self.line("signed_on", "Ngày ký (*)", format_date(date.fromisoformat(decision["signed_on"])))
        self.line("title", "Trích yếu (*)", decision["title"])
        stored = ach.stored_period(decision)
        edit = AchievementEdit(ws, decision["year"], str(stored.last) if stored.single
                               else f"{stored.first}-{stored.last}")
        self.achievement = add_achievement_field(self, edit)
        was_default = stored == ach.guess(ws.catalog(), decision["title"], date.fromisoformat(decision["signed_on"]),
                                          decision["form_code"]).period
        edit.touched = not was_default  # a year the clerk set apart stays; a default follows a new title
        edit.note.setText("Theo trích yếu." if was_default else "Năm thành tích đã ghi riêng cho quyết định này.")
        for name in ("title", "signed_on"):
            self.fields[name].textChanged.connect(  # type: ignore[attr-defined]
                lambda *_: self.achievement.follow(self.fields["title"].text(),  # type: ignore[attr-defined]
                                                   self.fields["signed_on"].text(),  # type: ignore[attr-defined]
                                                   decision["form_code"]))
        bases = QPlainTextEdit("\n".join(json.loads(decision["legal_bases"])))
        bases.setFixedHeight(110)
        self.add_field("legal_bases", "Căn cứ (mỗi dòng một căn cứ)", bases)
        if decision["is_own"]:  # Điều 3 and Nơi nhận of this decision; empty: the office's defaults
            from emulation_desk.services.reporting.decision_data import default_texts

            default = default_texts(ws)
            for name, label, value, hint in (
                    ("execution_text", "Điều 3 (để trống: theo mặc định)", decision["execution_text"],
                     default.execution),
                    ("recipients_text", "Nơi nhận (mỗi dòng một nơi; để trống: theo mặc định)",
                     decision["recipients_text"], "\n".join(default.recipients))):
                edit = QPlainTextEdit(value)
                edit.setPlaceholderText(hint)
                edit.setFixedHeight(70)
                self.add_field(name, label, edit)
        if self.correcting:
            note = QLabel("Quyết định đã ban hành: mọi thay đổi được ghi vào nhật ký cùng lý do đính chính.")
            note.setWordWrap(True)
            self.body.insertWidget(0, note)
            reason = QPlainTextEdit()
            reason.setFixedHeight(60)
            self.add_field("reason", "Lý do đính chính (*)", reason)
        self.setMinimumWidth(720)

        def save(values: dict[str, Any]) -> Any:
            reason = values.pop("reason", None)
            values["legal_bases"] = [line for line in values["legal_bases"].splitlines() if line.strip()]
            if self.correcting:
                return decisions.correct_decision(ws, decision["id"], values, reason or "")
            return decisions.update_decision(ws, decision["id"], **values)

        self.save = save


class LineAchievementDialog(FormDialog):
    """The achievement year or period of one line of a recorded decision (the Decisions tab's list, Enter or
    double-click): empty follows the decision's again; an issued own decision is corrected with a reason."""

    def __init__(self, ws: Workspace, decision: dict[str, Any], line: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        self.correcting = decision["status"] == "issued" and bool(decision["is_own"])
        super().__init__(f"Năm thành tích — {line['display_name']}", parent,
                         ok_text="Đính chính" if self.correcting else "Lưu")
        own = ach.stored_period(line, decision["year"])
        default = ach.line_default(ws.catalog(), decision, line["form_code"])
        edit = self.line("achievement_period", "Năm thành tích", "" if own == default else ach.period_text(own))
        edit.setPlaceholderText(f"để trống: theo quyết định ({ach.period_text(default)})")
        signed = date.fromisoformat(decision["signed_on"])
        note = QLabel(f"Quyết định ký ngày {format_date(signed)}, khen thành tích {default.label()}. Ghi riêng cho "
                      f"dòng này một năm ({default.last}) hoặc một giai đoạn ({default.last - 1}-{default.last}), "
                      f"không sau năm ký ({signed.year}); để trống: theo quyết định.")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.form.addRow("", note)
        if self.correcting:
            reason = QPlainTextEdit()
            reason.setFixedHeight(60)
            self.add_field("reason", "Lý do đính chính (*)", reason)
        self.setMinimumWidth(680)

        def save(values: dict[str, Any]) -> Any:
            given = ach.line_period(values["achievement_period"], signed, field_name="achievement_period")
            return ach.set_line_achievement(ws, line["id"], given, reason=values.get("reason") or "")

        self.save = save
