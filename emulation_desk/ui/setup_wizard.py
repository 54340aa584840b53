"""First start on an empty file: a short setup ("Thiết lập ban đầu") in five steps — the office, the document
symbols, the signatories and their capacity, the council, the province's regulation with the regime and base
salary the catalog applies today (shown, not typed). Skippable; offered at start only while the file's
profile is empty — no office, or no signatory (a letterhead set alone, e.g. by ``profile set``, is shown
filled in) — and the clerk has not skipped it. The first-run welcome asks for nothing, so a new office types
its name once, here. Tệp → Thiết lập opens it again at any time, filled in with what is kept. Everything is written in one service call when the clerk finishes (nothing half-written)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from emulation_desk.core.text import nfc
from emulation_desk.errors import KnownError, ValidationError
from emulation_desk.services.common import Changes
from emulation_desk.services.records import org
from emulation_desk.services.records import profile as profiles
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.dialogs import FormPanel, combo, inform

TITLE = "Thiết lập ban đầu"
OFFICE_FIELDS = (("parent_body", "Tên cơ quan chủ quản (*)", "ví dụ: UBND TỈNH NINH BÌNH"),
                 ("issuing_body", "Tên cơ quan ban hành (*)", "ví dụ: ỦY BAN NHÂN DÂN XÃ AN BÌNH"),
                 ("place_name", "Địa danh ghi ngày tháng (*)", "ví dụ: An Bình"),
                 ("body_short", "Tên gọi tắt (*)", "ví dụ: UBND xã"),
                 ("head_title", "Chức danh người đứng đầu (*)", "CHỦ TỊCH"))
SYMBOL_FIELDS = (("symbol_report", "Ký hiệu báo cáo"), ("symbol_decision", "Ký hiệu quyết định"),
                 ("symbol_submission", "Ký hiệu tờ trình"), ("symbol_minutes", "Ký hiệu biên bản họp Hội đồng"),
                 ("office_name", "Cơ quan thường trực Hội đồng"), ("council_name", "Tên Hội đồng Thi đua - Khen thưởng"))
SYMBOL_DEFAULTS = {"symbol_report": "BC-UBND", "symbol_decision": "QĐ-UBND", "symbol_submission": "TTr-UBND",
                   "symbol_minutes": "BB-HĐTĐKT"}


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class OfficePage(QWizardPage):
    def __init__(self, current: dict[str, Any]) -> None:
        super().__init__()
        self.setTitle("Cơ quan")
        self.setSubTitle("Tên cơ quan in ở góc trái mỗi văn bản và địa danh ở dòng ngày tháng.")
        self.panel = FormPanel()
        for name, label, hint in OFFICE_FIELDS:
            self.panel.line(name, label, current.get(name, "CHỦ TỊCH" if name == "head_title" else ""))
            self.panel.fields[name].setPlaceholderText(hint)
        self.panel.add_field("level", "Cấp hành chính (*)", combo(org.ORG_LEVELS, current.get("level"), empty="— chọn —"))
        self._short_typed = bool(current.get("body_short"))
        self.panel.fields["issuing_body"].textEdited.connect(self._derive)
        self.panel.fields["body_short"].textEdited.connect(lambda *_: setattr(self, "_short_typed", True))
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)

    def _derive(self, text: str) -> None:
        derived = profiles.level_and_short_name(text)
        if derived is None:
            return
        level = self.panel.fields["level"]
        level.setCurrentIndex(level.findData(derived[0]))
        if not self._short_typed:
            self.panel.fields["body_short"].setText(derived[1])

    def validatePage(self) -> bool:
        values = self.panel.values()
        for name, label, _ in OFFICE_FIELDS:
            if not nfc(values[name]).strip():
                return self._refuse(name, f"Hãy ghi {label.removesuffix(' (*)').lower()}.")
        if values["level"] is None:
            return self._refuse("level", "Hãy chọn cấp hành chính.")
        self.panel.clear_errors()
        return True

    def _refuse(self, field: str, message: str) -> bool:
        self.panel.show_error(ValidationError(message, field=field))
        return False


class SymbolsPage(QWizardPage):
    def __init__(self, current: dict[str, Any]) -> None:
        super().__init__()
        self.setTitle("Ký hiệu văn bản")
        self.setSubTitle("Ký hiệu đứng sau số văn bản, ví dụ “Số: 15/QĐ-UBND”. Để nguyên nếu cơ quan dùng ký hiệu chung.")
        self.panel = FormPanel()
        for name, label in SYMBOL_FIELDS:
            self.panel.line(name, label, current.get(name) or SYMBOL_DEFAULTS.get(name, ""))
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)


class RowsPage(QWizardPage):
    """A small table the clerk types into; empty rows are ignored."""

    def __init__(self, title: str, subtitle: str, headers: list[str], rows: int) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.table = QTableWidget(rows, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.add_button = QPushButton("Thêm dòng")
        self.add_button.clicked.connect(lambda *_: self.add_row())
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.layout_.addLayout(row)

    def add_row(self) -> int:
        self.table.insertRow(self.table.rowCount())
        return self.table.rowCount() - 1

    def text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return nfc(item.text()).strip() if item is not None else ""

    def set_text(self, row: int, column: int, text: str, *, editable: bool = True) -> None:
        item = QTableWidgetItem(text)
        if not editable:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, column, item)


class SignersPage(RowsPage):
    def __init__(self, signers: list[dict[str, Any]], head_title: Any) -> None:
        super().__init__("Người ký", "Người đứng đầu ký với chức danh của mình; cấp phó ký thay (KT.). Báo cáo thêm "
                         "dòng “TM. ỦY BAN NHÂN DÂN”.", ["Họ và tên", "Chức vụ", "Ký văn bản với dòng"],
                         max(3, len(signers)))
        self.head_title = head_title
        for row, signer in enumerate(signers):
            self.set_text(row, 0, signer["full_name"])
            self.set_text(row, 1, signer["position"])
        self.table.itemChanged.connect(self._capacity)
        self._capacity()

    def _capacity(self, *_args: Any) -> None:
        head = nfc(self.head_title() or "CHỦ TỊCH").upper()
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            position = self.text(row, 1).upper()
            shown = "" if not position else head if position == head else f"KT. {head} / {position}"
            self.set_text(row, 2, shown, editable=False)
        self.table.blockSignals(False)

    def signers(self) -> list[profiles.Signer]:
        return [profiles.Signer(self.text(r, 0), self.text(r, 1)) for r in range(self.table.rowCount())
                if self.text(r, 0) or self.text(r, 1)]


class CouncilPage(RowsPage):
    def __init__(self, members: list[dict[str, Any]]) -> None:
        super().__init__("Hội đồng Thi đua - Khen thưởng", "Thành viên Hội đồng và vai trò của từng người (in ở biên "
                         "bản họp và phiếu bầu).", ["Họ và tên", "Chức vụ", "Vai trò"], max(5, len(members)))
        for row in range(self.table.rowCount()):
            self._role_box(row)
        for row, member in enumerate(members):
            self.set_text(row, 0, member["full_name"])
            self.set_text(row, 1, member["position"])
            box = self.table.cellWidget(row, 2)
            box.setCurrentIndex(box.findData(member["role"]))

    def _role_box(self, row: int) -> None:
        default = "chu_tich" if row == 0 else "uy_vien"
        self.table.setCellWidget(row, 2, combo(org.COUNCIL_ROLES, default))

    def add_row(self) -> int:
        row = super().add_row()
        self._role_box(row)
        return row

    def members(self) -> list[profiles.Member]:
        return [profiles.Member(self.text(r, 0), self.text(r, 1), self.table.cellWidget(r, 2).currentData())
                for r in range(self.table.rowCount()) if self.text(r, 0)]


class LawPage(QWizardPage):
    def __init__(self, ws: Workspace, current: dict[str, Any]) -> None:
        super().__init__()
        self.setTitle("Quy định của tỉnh và chế độ đang áp dụng")
        self.setSubTitle("Quy định thi đua, khen thưởng của tỉnh được dẫn ở phần căn cứ của quyết định.")
        self.regulation = QPlainTextEdit(current.get("provincial_regulation", ""))
        self.regulation.setPlaceholderText("ví dụ: Quyết định số …/20…/QĐ-UBND ngày … của Ủy ban nhân dân tỉnh … ban "
                                           "hành Quy định về công tác thi đua, khen thưởng trên địa bàn tỉnh")
        self.regulation.setMaximumHeight(90)
        law = profiles.law_on(ws, date.today())
        self.regime_label = _note(f"<b>Chế độ áp dụng hôm nay ({date.today():%d/%m/%Y}):</b> {law['regime']}")
        self.salary_label = _note(f"<b>Mức lương cơ sở:</b> {law['base_salary']}")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Quy định thi đua, khen thưởng của tỉnh:"))
        layout.addWidget(self.regulation)
        layout.addSpacing(12)
        layout.addWidget(self.regime_label)
        layout.addWidget(self.salary_label)
        layout.addWidget(_note("Chế độ và lương cơ sở lấy theo danh mục khen thưởng và ngày ký quyết định; sửa ở "
                               "Tệp → Thiết lập… → “Chế độ pháp lý” và “Lương cơ sở” khi có văn bản mới."))
        layout.addStretch(1)


class SetupWizard(QWizard):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.changes = Changes()
        self.setWindowTitle(TITLE)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        data = profiles.profile(ws)
        current = data["organisation"] or {}
        intro = QWizardPage()
        intro.setTitle("Chào mừng đến với chương trình quản lý thi đua, khen thưởng")
        QVBoxLayout(intro).addWidget(_note(
            ("Thông tin cơ quan đã có được điền sẵn ở các bước sau: kiểm tra lại rồi ghi tiếp phần còn thiếu.<br><br>"
             if current else "") + "Vài bước ngắn để ghi thông tin cơ quan: tên cơ quan và địa danh in trên văn bản, ký hiệu văn bản, "
            "người ký, thành viên Hội đồng Thi đua - Khen thưởng và quy định của tỉnh.<br><br>Có thể bấm “Bỏ qua” "
            "và ghi sau ở Tệp → Thiết lập… (nút “Thiết lập ban đầu…”). Khi chưa có thông tin cơ quan, chương trình "
            "chưa in được văn bản."))
        self.office, self.symbols = OfficePage(current), SymbolsPage(current)
        self.signers = SignersPage(data["signatories"], lambda: self.office.panel.values()["head_title"])
        self.council, self.law = CouncilPage(data["members"]), LawPage(ws, current)
        for page in (intro, self.office, self.symbols, self.signers, self.council, self.law):
            self.addPage(page)
        for button, text in ((QWizard.WizardButton.NextButton, "Tiếp tục >"),
                             (QWizard.WizardButton.BackButton, "< Quay lại"),
                             (QWizard.WizardButton.FinishButton, "Lưu và bắt đầu"),
                             (QWizard.WizardButton.CancelButton, "Bỏ qua")):
            self.setButtonText(button, text)
        self.setOption(QWizard.WizardOption.HaveHelpButton, True)
        self.setButtonText(QWizard.WizardButton.HelpButton, "Hướng dẫn")
        self.helpRequested.connect(self.open_guide)
        QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self, self.open_guide)  # F1
        self.currentIdChanged.connect(lambda *_: self.signers._capacity())
        self.resize(880, 600)

    def open_guide(self) -> Any:
        from emulation_desk.ui.guide import open_guide

        self.guide = open_guide(self, anchor="thiet-lap")
        return self.guide

    def values(self) -> dict[str, Any]:
        values = {**self.office.panel.values(), **self.symbols.panel.values(),
                  "provincial_regulation": self.law.regulation.toPlainText()}
        return {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}

    def accept(self) -> None:
        try:
            self.changes.merge(profiles.save_profile(self.ws, signers=self.signers.signers(),
                                                     members=self.council.members(), **self.values()))
        except KnownError as exc:
            inform(self, TITLE, exc.message + " Chưa lưu gì; hãy sửa rồi bấm “Lưu và bắt đầu” lại.", error=True)
            return
        super().accept()

    def reject(self) -> None:
        if profiles.is_empty(self.ws) and not profiles.setup_skipped(self.ws):
            self.changes.merge(profiles.skip_setup(self.ws))
        super().reject()


def should_offer(ws: Workspace, *, demo: bool) -> bool:
    """At start: only on a file with no office profile that the clerk has not chosen to set up later."""
    return not demo and profiles.is_empty(ws) and not profiles.setup_skipped(ws)


def offer_setup(window: Any) -> SetupWizard | None:
    """Open the setup over the main window when :func:`should_offer` says so; apply what it saved."""
    if not should_offer(window.ws, demo=window.demo):
        return None
    return open_setup(window.ws, window, window.apply_changes)


def open_setup(ws: Workspace, parent: QWidget | None, apply: Any = None) -> SetupWizard:
    wizard = SetupWizard(ws, parent)
    parent_window = parent
    if parent_window is not None:
        parent_window.last_wizard = wizard  # type: ignore[attr-defined]
    wizard.exec()
    if apply is not None and (wizard.changes.settings or wizard.changes.ids):
        apply(wizard.changes)
    return wizard
