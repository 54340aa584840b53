"""Tab "Quyết định": this office's decisions and those received, with the recipients of the chosen one;
create from approved nominations, record a received decision, issue, and correct (logged); preview, print
and export the chosen decision with its list as PDF (Ctrl+P), a draft included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from emulation_desk.core.achievement import AchievementPeriod
from emulation_desk.core.text import format_int
from emulation_desk.services.awards import decisions
from emulation_desk.services.awards.decisions import ISSUER_LEVELS, decision_recipients, list_decisions
from emulation_desk.services.common import Changes
from emulation_desk.services.maintenance import trash
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui import documents
from emulation_desk.ui.column_chooser import install_column_chooser
from emulation_desk.ui.dialogs import ask, inform, run_action
from emulation_desk.ui.operations import Operation
from emulation_desk.ui.table_model import Column
from emulation_desk.ui.tabs.base import BaseTab, make_table, on_keys, selected_rows


def _status(row: dict[str, object]) -> str:
    if not row["is_own"]:
        return "Cấp trên"
    return "Đã ban hành" if row["status"] == "issued" else "Dự thảo"


def achievement_text(row: dict[str, Any]) -> str:
    """A decision's or a line's achievement for a list: "2023" or "2021–2025" (the signing year for a row
    recorded before achievement years existed)."""
    if row.get("achievement_last") is None:
        return str(row.get("year") or "")
    return AchievementPeriod(row["achievement_first"], row["achievement_last"]).compact()


DECISION_COLUMNS = [
    Column("number", "Số, ký hiệu", width=120, display=lambda r: f"{r['number']}/{r['symbol']}" if r["number"] else "(chưa có số)"),
    Column("signed_on", "Ngày ký", kind="date", width=85),
    Column("issuer_level", "Cấp", width=165, display=lambda r: "UBND" if r["is_own"] else
           ISSUER_LEVELS.get(r["issuer_level"], "")),
    Column("title", "Trích yếu", width=520),
    # sorted by the last year earned (kind "year" reads achievement_last), shown as the year or the period
    Column("achievement_last", "Năm thành tích", kind="year", width=100, display=achievement_text),
    Column("recipient_count", "Số được khen", kind="int", width=88),
    Column("total_amount", "Tiền thưởng (đồng)", kind="money", width=125),
    Column("status", "Trạng thái", width=95, display=_status),
]
RECIPIENT_COLUMNS = [
    Column("display_name", "Họ tên / Tên tập thể", kind="name", width=300),
    Column("position", "Chức vụ", width=170),
    Column("is_manager", "Lãnh đạo QL", kind="bool", width=85),
    Column("unit_name", "Đơn vị", width=270),
    Column("form_short_name", "Hình thức", width=190),
    Column("achievement_last", "Năm thành tích", kind="year", width=100, display=achievement_text),
    Column("amount", "Tiền thưởng (đồng)", kind="money", width=120),
]
TITLE_COLUMN = next(i for i, c in enumerate(DECISION_COLUMNS) if c.key == "title")
OWNERS = [("all", "Tất cả quyết định"), ("own", "Của UBND"), ("received", "Của cấp trên")]


class DecisionsTab(BaseTab):
    title = "Quyết định"
    item_label = "quyết định"

    def __init__(self, ws: Workspace) -> None:
        super().__init__(ws, DECISION_COLUMNS)
        self.owner_filter = QComboBox()
        for value, label in OWNERS:
            self.owner_filter.addItem(label, value)
        self.owner_filter.currentIndexChanged.connect(lambda *_: self._owner_changed())
        self.top.insertWidget(self.top.count() - 1, QLabel("Xem:"))
        self.top.insertWidget(self.top.count() - 1, self.owner_filter)
        self.add_button("Tạo quyết định từ đề nghị đã duyệt…", self.new_record, "Ctrl+N")
        self.add_button("Ghi nhận quyết định cấp trên…", self.record_received)
        self.edit_button = self.add_button("Sửa…", self.open_record, "Sửa dự thảo (Enter)")
        self.issue_button = self.add_button("Ban hành", self.issue, "Sau khi ban hành, quyết định chỉ sửa được bằng "
                                            "đính chính có ghi lý do")
        self.correct_button = self.add_button("Đính chính…", self.correct, "Sửa quyết định đã ban hành, ghi lý do")
        self.certificates_button = self.add_button("In giấy khen…", self.print_certificates, "In giấy khen, bằng khen "
                                                   "theo quyết định đã ban hành (lên phôi hoặc toàn bộ)")
        self.delete_button = self.add_button("Xóa", self.delete_selected, "Đưa quyết định đã chọn vào thùng rác "
                                             "(khôi phục được; Ctrl+Z để hoàn tác ngay). Quyết định đã ban hành "
                                             "không xóa được.")
        self.preview_button = self.add_button("Xem trước và in…", self.preview_decision,
                                              "Quyết định đã chọn kèm danh sách, đúng như khi in (Ctrl+P)")
        self.pdf_button = self.add_button("Xuất PDF…", self.export_decision, "Lưu quyết định đã chọn kèm danh sách "
                                          "thành tệp PDF")
        self.docs = documents.DocumentActions(self)
        self.add_history_button()
        self.finish_buttons()
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE_COLUMN, header.ResizeMode.Stretch)  # the title takes the room left
        install_column_chooser(self.view, DECISION_COLUMNS, "DecisionsTab", ())
        self.recipients_view, self.recipients_model, self.recipients_proxy = make_table(RECIPIENT_COLUMNS, self)
        self.recipients_title = QLabel("Danh sách được khen thưởng")
        self.remove_button = self.add_button("Bỏ khỏi dự thảo", self.remove_recipient, "Delete",
                                             layout=QHBoxLayout())
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()
        title_row.addWidget(self.recipients_title, 1)
        title_row.addWidget(self.remove_button)
        lower_layout.addLayout(title_row)
        lower_layout.addWidget(self.recipients_view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(lower)
        splitter.setSizes([290, 340])
        self.layout_.addWidget(splitter, 1)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_recipients())
        on_keys(self.recipients_view, self.edit_line_achievement, self.remove_recipient)
        self.recipients_view.doubleClicked.connect(lambda *_: self.edit_line_achievement())
        self.recipients_view.setToolTip("Bấm đúp (hoặc Enter) một dòng để ghi năm thành tích riêng cho dòng đó.")

    def cares_about(self, changes: Changes) -> bool:
        return changes.decisions or changes.catalog

    def _owner_changed(self) -> None:
        value = self.owner_filter.currentData()
        predicate = None if value == "all" else (lambda r: bool(r["is_own"]) == (value == "own"))
        self.proxy.set_predicate("owner", predicate)
        self._update_count()

    def load(self, year: int) -> None:
        super().load(year)
        selected = self.selected_row()
        self.set_rows(list_decisions(self.ws, year))
        self.recipients_model.set_rows([])
        self._update_buttons()
        if selected:
            self.select_id(selected["id"])

    def _update_buttons(self) -> None:
        row = self.selected_row()
        draft = bool(row and row["is_own"] and row["status"] == "draft")
        self.issue_button.setEnabled(draft)
        self.edit_button.setEnabled(bool(row) and not (row and row["is_own"] and row["status"] == "issued"))
        self.correct_button.setEnabled(bool(row and row["is_own"] and row["status"] == "issued"))
        self.certificates_button.setEnabled(bool(row and row["is_own"] and row["status"] == "issued"))
        self.remove_button.setEnabled(draft)
        printable = bool(row and row["is_own"])
        for button in (self.preview_button, self.pdf_button):
            button.setEnabled(printable)
            button.setToolTip("" if printable or not row else "Quyết định của cấp trên chỉ lưu để thống kê; hãy dùng "
                              "bản gốc đã nhận.")

    def _show_recipients(self) -> None:
        self._update_buttons()
        decision = self.selected_row()
        if decision is None:
            return
        rows = decision_recipients(self.ws, decision["id"])
        level = "UBND" if decision["is_own"] else ISSUER_LEVELS.get(decision["issuer_level"], "")
        total = sum(r["amount"] or 0 for r in rows)
        money = f", tổng tiền thưởng {format_int(total)} đồng" if total else ""
        self.recipients_title.setText(
            f"Quyết định số {decision['number']}/{decision['symbol']} ({level}, {_status(decision).lower()}): "
            f"{len(rows)} người/tập thể{money}")
        self.recipients_model.set_rows(rows)

    # ------------------------------------------------------------------ documents
    def _printable(self, title: str) -> dict[str, object] | None:
        row = self.selected_row()
        if row is None:
            inform(self, title, "Hãy chọn một quyết định của UBND trong danh sách.")
            return None
        if not row["is_own"]:
            inform(self, title, f"Quyết định số {row['number']}/{row['symbol']} là của cấp trên, được lưu để thống "
                   "kê. Phần mềm chỉ in quyết định do cơ quan mình ban hành; hãy dùng bản gốc đã nhận.")
            return None
        return row

    def preview_decision(self) -> Operation[Any] | None:
        row = self._printable("Xem trước và in")
        return self.docs.preview(documents.decision_document(row)) if row else None

    def export_decision(self, path: Path | None = None) -> Operation[Any] | None:
        row = self._printable("Xuất PDF")
        return self.docs.export(documents.decision_document(row), path) if row else None

    def print_or_export(self) -> None:
        """Ctrl+P: the chosen decision with its list, previewed with its Print button."""
        self.preview_decision()

    # ------------------------------------------------------------------ actions
    def new_record(self) -> None:
        if self.year is None:
            return
        from emulation_desk.ui.decision_dialogs import FromNominationsDialog

        dialog = FromNominationsDialog(self.ws, self.year, self)
        if dialog.exec():
            self.changed(dialog.result_value.changes)
            self.select_id(dialog.result_value.id)

    def record_received(self) -> None:
        if self.year is None:
            return
        from emulation_desk.ui.decision_dialogs import ReceivedDialog

        dialog = ReceivedDialog(self.ws, self.year, self)
        if dialog.exec():
            self.changed(dialog.result_value.changes)
            self.select_id(dialog.result_value.id)

    def open_record(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if row["is_own"] and row["status"] == "issued":
            if ask(self, "Quyết định đã ban hành", "Quyết định đã ban hành chỉ sửa được bằng đính chính (ghi lại lý "
                   "do). Mở cửa sổ đính chính?", yes="Đính chính"):
                self.correct()
            return
        from emulation_desk.ui.decision_dialogs import DecisionEditDialog

        dialog = DecisionEditDialog(self.ws, decisions.get_decision(self.ws, row["id"]), self)
        if dialog.exec():
            self.changed(dialog.result_value)

    def correct(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        from emulation_desk.ui.decision_dialogs import DecisionEditDialog

        dialog = DecisionEditDialog(self.ws, decisions.get_decision(self.ws, row["id"]), self)
        if dialog.exec():
            self.changed(dialog.result_value)

    def print_certificates(self) -> None:
        row = self.selected_row()
        if row is not None:
            from emulation_desk.ui.certificate_dialog import CertificateDialog

            CertificateDialog(self.ws, row, self).exec()

    def issue(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if not ask(self, "Ban hành quyết định", f"Ban hành Quyết định số {row['number']}/{row['symbol']}? Sau khi ban "
                   "hành, quyết định chỉ sửa được bằng đính chính có ghi lý do.", yes="Ban hành"):
            return
        changes = run_action(self, lambda: decisions.issue_decision(self.ws, row["id"]))
        self.changed(changes)

    def remove_recipient(self) -> None:
        decision = self.selected_row()
        rows = selected_rows(self.recipients_view, self.recipients_model, self.recipients_proxy)
        if decision is None or not rows or decision["status"] != "draft" or not decision["is_own"]:
            return
        if not ask(self, "Bỏ khỏi dự thảo", f"Bỏ “{rows[0]['display_name']}” khỏi dự thảo quyết định? Đề nghị của "
                   "người này trở lại trạng thái “Đã bình xét”.", yes="Bỏ ra"):
            return
        self.changed(run_action(self, lambda: decisions.remove_recipient(self.ws, rows[0]["id"])))

    def edit_line_achievement(self) -> None:
        """The achievement year or period of the chosen line (a correction with a reason once issued)."""
        decision = self.selected_row()
        rows = selected_rows(self.recipients_view, self.recipients_model, self.recipients_proxy)
        if decision is None or not rows:
            return
        from emulation_desk.ui.decision_dialogs import LineAchievementDialog

        dialog = LineAchievementDialog(self.ws, decisions.get_decision(self.ws, decision["id"]), rows[0], self)
        if dialog.exec():
            self.changed(dialog.result_value)
            self._show_recipients()

    def delete_selected(self) -> None:
        """Move the selected decision to the trash; an issued own decision is refused by the service."""
        row = self.selected_row()
        if row is None:
            inform(self, "Xóa quyết định", "Hãy chọn quyết định cần xóa.")
            return
        label = self.history_label(row)
        if not ask(self, "Xóa quyết định", f"Xóa {label[0].lower()}{label[1:]}? Quyết định và danh sách được khen "
                   "được đưa vào thùng rác và khôi phục được (Tệp → Thùng rác, hoặc Hoàn tác ngay bằng Ctrl+Z).",
                   yes="Xóa", no="Không xóa", warning=True):
            return
        decision_id = row["id"]
        changes = run_action(self, lambda: trash.delete_decision(self.ws, decision_id), "Không xóa được")
        if changes is None:
            return
        self.changed(changes)
        self.undo_offered.emit(f"Đã xóa {label[0].lower()}{label[1:]} (đưa vào thùng rác)",
                               lambda: trash.restore(self.ws, [decision_id]))

    def history_label(self, row: dict[str, object]) -> str:
        number = f"số {row['number']}/{row['symbol']}" if row["number"] else "(chưa có số)"
        return f"Quyết định {number}"
