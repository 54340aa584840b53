"""The council meeting dialog: attendance checkboxes, a tally grid with live pass/fail against each form's
threshold, the members who abstain shown per case, and buttons to save, to carry the results into the
nominations and to print the pack, the minutes and the ballot count through an injected exporter.

Standalone: the main window opens it with a workspace, a meeting id and ``exporter(kind, meeting_id, year)``
where kind is "pack", "minutes" or "tally" (the exporter asks for the file name and writes it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.core.text import format_date_long, format_percent
from emulation_desk.errors import KnownError
from emulation_desk.services.common import Changes
from emulation_desk.services.council import meetings as council
from emulation_desk.services.council.meetings import CaseResult, Counts, evaluate
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.dialogs import ask, inform

Exporter = Callable[[str, str, int], None]
COLUMNS = ("Hình thức", "Họ và tên / Tập thể", "Cách biểu quyết", "Không biểu quyết", "Đồng ý", "Không đồng ý",
           "Cần tối thiểu", "Kết quả")
YES_COL, NO_COL, NEED_COL, RESULT_COL = 4, 5, 6, 7
PASS_COLOUR, FAIL_COLOUR = QColor(214, 240, 214), QColor(248, 215, 215)


class CouncilDialog(QDialog):
    def __init__(self, ws: Workspace, meeting_id: str, exporter: Exporter | None = None,
                 parent: QWidget | None = None, confirm: Callable[[str], bool] | None = None) -> None:
        super().__init__(parent)
        self.confirm = confirm or self._ask
        self._yes = "Đồng ý"
        self.ws = ws
        self.meeting_id = meeting_id
        self.exporter = exporter
        self.changes = Changes()  # what the services called from this dialog changed, for the window
        self.meeting = council.get_meeting(ws, meeting_id)
        self.members = council.members_of(ws, self.meeting)
        self.results: list[CaseResult] = council.meeting_results(ws, meeting_id)
        self.setWindowTitle(f"Họp Hội đồng Thi đua - Khen thưởng năm {self.meeting['year']}")
        self.resize(1300, 700)
        layout = QVBoxLayout(self)
        day = format_date_long(council.meeting_date(self.meeting))
        place = f" — {self.meeting['place']}" if self.meeting["place"] else ""
        self.info = QLabel(f"Phiên họp {day}{place}. {len(self.results)} trường hợp.")
        layout.addWidget(self.info)
        layout.addWidget(self._attendance_box())
        self.table = QTableWidget(len(self.results), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._fill_table()
        layout.addWidget(self.table, 1)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        layout.addLayout(self._buttons())
        self.refresh_outcomes()

    # ------------------------------------------------------------ building
    def _attendance_box(self) -> QGroupBox:
        box = QGroupBox("Điểm danh (bỏ dấu ở thành viên vắng mặt; đánh dấu “bằng văn bản” nếu có ý kiến gửi trước)")
        grid = QGridLayout(box)
        presence = council.attendance(self.ws, self.meeting_id)
        self.present_boxes: dict[str, QCheckBox] = {}
        self.written_boxes: dict[str, QCheckBox] = {}
        for index, member in enumerate(self.members):
            state = presence.get(member["id"], "present")
            present = QCheckBox(member["full_name"])
            present.setChecked(state == "present")
            present.setToolTip(member["position"])
            written = QCheckBox("bằng văn bản")
            written.setChecked(state == "written")
            written.setEnabled(state != "present")
            present.toggled.connect(lambda on, w=written: (w.setEnabled(not on), w.setChecked(False) if on else None))
            present.toggled.connect(self.refresh_outcomes)
            written.toggled.connect(self.refresh_outcomes)
            row, col = divmod(index, 3)
            grid.addWidget(present, row, col * 2)
            grid.addWidget(written, row, col * 2 + 1)
            self.present_boxes[member["id"]] = present
            self.written_boxes[member["id"]] = written
        return box

    def _fill_table(self) -> None:
        self.yes_boxes: list[QSpinBox] = []
        self.no_boxes: list[QSpinBox] = []
        for row, result in enumerate(self.results):
            case = result.case
            abstaining = ", ".join(a["full_name"] for a in result.abstentions)
            how = ("Bỏ phiếu kín, " if case["ballot_required"] else "Biểu quyết, ") + result.rule.short
            for col, text in enumerate((case["form_name"], case["nominee_name"], how, abstaining)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                if col == 3 and result.abstentions:
                    item.setToolTip("; ".join(f"{a['full_name']}: {a['reason']}" for a in result.abstentions))
                self.table.setItem(row, col, item)
            for col, value, store in ((YES_COL, case["yes"], self.yes_boxes), (NO_COL, case["no"], self.no_boxes)):
                spin = QSpinBox()
                spin.setRange(-1, len(self.members))
                spin.setSpecialValueText("—")  # -1: not entered yet
                spin.setValue(-1 if value is None else value)
                spin.valueChanged.connect(self.refresh_outcomes)
                self.table.setCellWidget(row, col, spin)
                store.append(spin)
            for col in (NEED_COL, RESULT_COL):
                item = QTableWidgetItem("")
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, col, item)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.save_button = QPushButton("Ghi điểm danh và số phiếu")
        self.apply_button = QPushButton("Chuyển kết quả vào đề nghị")
        self.pack_button = QPushButton("In tài liệu họp…")
        self.minutes_button = QPushButton("In biên bản họp…")
        self.tally_button = QPushButton("In biên bản kiểm phiếu…")
        self.save_button.clicked.connect(self.save)
        self.apply_button.clicked.connect(self.apply)
        self.pack_button.clicked.connect(lambda: self._export("pack"))
        self.minutes_button.clicked.connect(lambda: self._export("minutes"))
        self.tally_button.clicked.connect(lambda: self._export("tally"))
        self.draft_button = QPushButton("Tạo dự thảo quyết định")
        self.draft_button.setEnabled(bool(self.meeting["results_applied_at"]))
        self.draft_button.clicked.connect(self.make_drafts)
        for button in (self.save_button, self.apply_button, self.draft_button):
            row.addWidget(button)
        row.addStretch(1)
        for button in (self.pack_button, self.minutes_button, self.tally_button):
            button.setEnabled(self.exporter is not None)
            row.addWidget(button)
        closing = QPushButton("Đóng")
        closing.clicked.connect(self.accept)
        row.addWidget(closing)
        if self.meeting["results_applied_at"]:
            self._lock()
        return row

    # ------------------------------------------------------------ state
    def presence(self) -> dict[str, str]:
        found = {}
        for member_id, box in self.present_boxes.items():
            if not box.isChecked():
                found[member_id] = "written" if self.written_boxes[member_id].isChecked() else "absent"
        return found

    def took_part(self) -> int:
        return sum(1 for state in self.presence().values() if state == "written") + \
            sum(1 for box in self.present_boxes.values() if box.isChecked())

    def refresh_outcomes(self) -> None:
        took_part = self.took_part()
        passed = failed = waiting = 0
        for row, result in enumerate(self.results):
            yes = self.yes_boxes[row].value()
            outcome = evaluate(result.rule, len(self.members), took_part, len(result.abstentions), max(yes, 0))
            self.table.item(row, NEED_COL).setText(f"{outcome.needed}/{outcome.base}")
            item = self.table.item(row, RESULT_COL)
            if yes < 0:
                item.setText("Chưa nhập")
                item.setBackground(QBrush())
                waiting += 1
                continue
            share = format_percent(yes * 100 / outcome.base) if outcome.base else "-"
            item.setText(f"{'Đạt' if outcome.passed else 'Không đạt'} ({share})")
            item.setBackground(PASS_COLOUR if outcome.passed else FAIL_COLOUR)
            passed += outcome.passed
            failed += not outcome.passed
        note = " (*) Mức mặc định: hãy đối chiếu quy chế Hội đồng." if any(
            not r.rule.confirmed for r in self.results) else ""
        self.summary.setText(f"Có mặt hoặc có ý kiến: {took_part}/{len(self.members)} thành viên (TV). "
                             f"Đạt: {passed}; không đạt: {failed}; chưa nhập: {waiting}.{note}")

    # ------------------------------------------------------------ actions
    def _counts(self) -> dict[str, Counts]:
        counts = {}
        for row, result in enumerate(self.results):
            yes, no = self.yes_boxes[row].value(), self.no_boxes[row].value()
            if yes >= 0:
                counts[result.case["id"]] = Counts(yes=yes, no=max(no, 0))
        return counts

    def save(self) -> bool:
        try:
            with self.ws.store.transaction():
                changes = council.record_attendance(self.ws, self.meeting_id, self.presence())
                changes.merge(council.record_tally(self.ws, self.meeting_id, self._counts()))
        except KnownError as exc:
            inform(self, "Chưa ghi được", exc.message, error=True)
            return False
        self.changes.merge(changes)
        self.results = council.meeting_results(self.ws, self.meeting_id)
        self.refresh_outcomes()
        return True

    def _ask(self, text: str) -> bool:
        """The question with a button that says what it does (``_yes``), never Qt's Yes/No."""
        return ask(self, "Họp Hội đồng", text, yes=self._yes)

    def apply(self) -> None:
        self._yes = "Chuyển kết quả"
        if not self.confirm("Chuyển kết quả vào các đề nghị? Trường hợp đạt sẽ thành “Đã bình xét”, không đạt "
                            "thành “Không được đề nghị”; sau đó không sửa được số phiếu của cuộc họp này."):
            return
        if not self.save():
            return
        try:
            self.changes.merge(council.apply_results(self.ws, self.meeting_id))
        except KnownError as exc:
            inform(self, "Chưa chuyển được kết quả", exc.message, error=True)
            return
        self.meeting = council.get_meeting(self.ws, self.meeting_id)
        self._lock()
        self.draft_button.setEnabled(True)
        self.info.setText(self.info.text() + " Đã chuyển kết quả vào các đề nghị.")

    def make_drafts(self) -> list[str]:
        """A draft decision per form of this office's competence with passed cases; a nominee the check marks
        "Chưa đủ điều kiện" goes in only when the clerk says so (the service logs that choice)."""
        made: list[str] = []
        forms = {r.case["form_code"] for r in self.results}
        catalog = self.ws.catalog()
        for code in sorted(forms, key=lambda c: catalog.form(c).sort_order):
            if catalog.form(code).level != "co_so":
                continue
            cases = council.passed_cases(self.ws, self.meeting_id, code)
            if not cases:
                continue
            try:
                self._yes = "Vẫn đưa vào dự thảo"
                bad = council.ineligible_cases(self.ws, self.meeting["year"], [c["nomination_id"] for c in cases])
                include = bool(bad) and self.confirm(
                    f"{catalog.form(code).name}: {len(bad)} trường hợp được Hội đồng thông qua nhưng kết quả xét điều "
                    "kiện là “Chưa đủ điều kiện” (" + ", ".join(c["nominee_name"] for c in cases
                                                               if c["nomination_id"] in bad)
                    + "). Vẫn đưa các trường hợp này vào dự thảo quyết định? Việc chọn được ghi vào nhật ký.")
                created = council.decision_from_meeting(self.ws, self.meeting_id, code,
                                                        signed_on=self.meeting["held_on"], include_ineligible=include)
                self.changes.merge(created.changes)
                made.append(created.id)
            except KnownError as exc:
                inform(self, "Chưa tạo được dự thảo", exc.message, error=True)
        if made:
            self.info.setText(self.info.text() + f" Đã tạo {len(made)} dự thảo quyết định (tab Quyết định).")
        return made

    def _lock(self) -> None:
        for widget in [*self.yes_boxes, *self.no_boxes, *self.present_boxes.values(), *self.written_boxes.values()]:
            widget.setEnabled(False)
        self.save_button.setEnabled(False)
        self.apply_button.setEnabled(False)

    def _export(self, kind: str) -> None:
        if self.exporter is None:
            return
        if kind != "pack" and not self.meeting["results_applied_at"] and not self.save():
            return
        try:
            self.exporter(kind, self.meeting_id, self.meeting["year"])
        except KnownError as exc:
            inform(self, "Chưa in được", exc.message, error=True)
