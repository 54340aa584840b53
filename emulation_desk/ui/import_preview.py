"""Parts of the import preview beyond matches and problems: the facts the list brings into Hồ sơ (with the
clerk's choice where they differ from it), the namesake questions answered in the dialog, what was recognised
while reading (skipped rows, converted legacy text), and the paste dialog ("Dán từ Excel/Word")."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.exchange.errors import SpreadsheetError
from emulation_desk.exchange.namesakes import ANSWER_LABELS
from emulation_desk.exchange.reader import SourceWorkbook
from emulation_desk.services.awards import imports
from emulation_desk.services.awards.import_facts import FACT_CHOICES
from emulation_desk.ui.dialogs import ERROR_STYLE
from emulation_desk.ui.table_model import Column
from emulation_desk.ui.tabs.base import make_table, selected_rows

FACT_COLUMNS = [Column("sheet", "Trang", width=80), Column("row", "Dòng", kind="int", width=45),
                Column("name", "Người/tập thể", kind="name", width=190), Column("what", "Thông tin", width=220),
                Column("value", "Theo tệp", width=260), Column("current", "Hồ sơ đang ghi", width=200)]


class FactsPanel(QWidget):
    """Every fact the list writes; where one differs from Hồ sơ, the clerk chooses which wins (once a list)."""

    choice_changed = Signal(object)  # "file" | "keep" | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        self.choice_label = QLabel("Khi thông tin trong tệp khác với hồ sơ đã nhập:")
        self.choice = QComboBox()
        self.choice.addItem("(hãy chọn)", None)
        for code, label in FACT_CHOICES.items():
            self.choice.addItem(label, code)
        self.choice.currentIndexChanged.connect(lambda _i: self.choice_changed.emit(self.choice.currentData()))
        row.addWidget(self.choice_label)
        row.addWidget(self.choice)
        row.addStretch(1)
        layout.addLayout(row)
        self.view, self.model, _ = make_table(FACT_COLUMNS, self)
        layout.addWidget(self.view, 1)

    def show_preview(self, preview: Any) -> int:
        changes, differing = preview.fact_changes, preview.fact_conflicts
        self.model.set_rows([c.as_dict() for c in changes])
        self.choice_label.setVisible(bool(differing))
        self.choice.setVisible(bool(differing))
        if differing:
            self.summary.setText(f"Tệp ghi {len(changes)} thông tin vào hồ sơ; <b>{len(differing)} thông tin khác với "
                                 "hồ sơ đã nhập</b> (cột “Hồ sơ đang ghi”). Hãy chọn bên nào được giữ.")
        elif changes:
            self.summary.setText(f"Tệp ghi {len(changes)} thông tin vào hồ sơ (xếp loại, sáng kiến, kỷ luật, số liệu "
                                 "tập thể). Ô để trống trong tệp không thay đổi hồ sơ.")
        else:
            self.summary.setText("Tệp không có thông tin mới cho hồ sơ (hoặc không có các cột xếp loại, sáng kiến, "
                                 "kỷ luật, số liệu tập thể).")
        return len(changes)


MANAGER_COLUMNS = [Column("sheet", "Trang", width=80), Column("row", "Dòng", kind="int", width=45),
                   Column("name", "Họ và tên", kind="name", width=190), Column("position", "Chức vụ", width=200),
                   Column("flag", "Lãnh đạo quản lý", width=110), Column("why", "Căn cứ", width=420)]


class ManagersPanel(QWidget):
    """The lines whose "Lãnh đạo quản lý" is blank in the file, with the flag proposed from the position (the
    dictionary of positions, or the position history of the award's year); the clerk overrides the selected
    lines. Flags the file states are kept and not listed."""

    chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview: Any = None
        layout = QVBoxLayout(self)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.view, self.model, self.proxy = make_table(MANAGER_COLUMNS, self, multi=True)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel("Các dòng đã chọn:"))
        self.yes_button = QPushButton("&Là lãnh đạo quản lý")
        self.no_button = QPushButton("&Không phải lãnh đạo quản lý")
        self.auto_button = QPushButton("Theo &chức vụ (đề xuất)")
        for button, flag in ((self.yes_button, True), (self.no_button, False), (self.auto_button, None)):
            button.clicked.connect(lambda _c=False, f=flag: self.choose(f))
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

    def show_preview(self, preview: Any) -> int:
        self.preview = preview
        lines = getattr(preview, "manager_lines", [])
        self.model.set_rows([m.as_dict() for m in lines])
        unknown = sum(1 for m in lines if m.flag is None)
        for button in (self.yes_button, self.no_button, self.auto_button):
            button.setEnabled(bool(lines))
        if lines:
            self.summary.setText(
                f"{len(lines)} dòng để trống ô “Lãnh đạo quản lý”: chương trình điền theo chức vụ của năm được khen "
                "(danh mục chức vụ ở Thiết lập → “Chức vụ, kỳ báo cáo”)"
                + (f"; <b>{unknown} dòng chưa rõ</b> (chức vụ không có trong danh mục) được ghi là chưa rõ" if unknown
                   else "") + ". Ô đã ghi trong tệp được giữ nguyên. Chọn dòng rồi bấm nút bên dưới để sửa.")
        else:
            self.summary.setText("Mọi dòng cá nhân đều đã ghi ô “Lãnh đạo quản lý” (được giữ nguyên như trong tệp).")
        return len(lines)

    def choose(self, flag: bool | None) -> int:
        from emulation_desk.services.awards.import_managers import choose_manager

        keys = [r["key"] for r in selected_rows(self.view, self.model, self.proxy)]
        if self.preview is None or not keys:
            return 0
        changed = choose_manager(self.preview, keys, flag)
        self.show_preview(self.preview)
        self.chosen.emit()
        return changed


class NamesakePanel(QScrollArea):
    """Each namesake question with both rows side by side and the answer chosen in a combo box."""

    answered = Signal(str, object)  # question id, "same" | "different" | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.combos: dict[str, QComboBox] = {}
        self.setWidget(QLabel("Không có người trùng tên cần hỏi."))

    def show_preview(self, preview: Any) -> int:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.combos = {}
        for question in preview.questions:
            layout.addWidget(self._question(question))
        if not preview.questions:
            layout.addWidget(QLabel("Không có người trùng tên cần hỏi."))
        layout.addStretch(1)
        self.setWidget(inner)
        return len(preview.unanswered)

    def _question(self, question: Any) -> QGroupBox:
        box = QGroupBox(question.id)
        layout = QVBoxLayout(box)
        text = QLabel(question.text())
        text.setWordWrap(True)
        layout.addWidget(text)
        sides = [s for s in question.sides if s[1] or s[2]]
        table = QTableWidget(len(sides), 3)
        table.setHorizontalHeaderLabels(["", f"Dòng {question.first.row}", f"Dòng {question.second.row}"])
        table.verticalHeader().setVisible(False)
        for row, values in enumerate(sides):
            for column, value in enumerate(values):
                table.setItem(row, column, QTableWidgetItem(value))
        table.resizeColumnsToContents()
        table.setMaximumHeight(36 + 26 * len(sides))
        layout.addWidget(table)
        combo = QComboBox()
        combo.addItem("(chưa trả lời)", None)
        for code, label in ANSWER_LABELS.items():
            combo.addItem(label, code)
        combo.setCurrentIndex(max(combo.findData(question.answer), 0))
        combo.currentIndexChanged.connect(lambda _i, q=question.id, c=combo: self.answered.emit(q, c.currentData()))
        layout.addWidget(combo)
        self.combos[question.id] = combo
        return box


class NotesPanel(QPlainTextEdit):
    """What was recognised while reading: rows of the printed form skipped, legacy-encoded text converted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)

    def show_preview(self, preview: Any) -> int:
        notes = preview.notes()
        self.setPlainText("\n".join(notes) if notes else "Không có dòng nào bị bỏ qua, không có chữ cần chuyển bảng mã.")
        return len(notes)


class PasteBox(QPlainTextEdit):
    """Rows pasted with Ctrl+V: the clipboard's text and, when Excel or Word put one there, its HTML table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.html = ""
        self.setPlaceholderText("Chép các dòng của danh sách trong Excel hoặc Word (cả dòng tiêu đề cột), rồi bấm "
                                "vào đây và nhấn Ctrl+V.")

    def insertFromMimeData(self, source: Any) -> None:
        if source.hasHtml():
            self.html = source.html()
        super().insertFromMimeData(source)


class PasteDialog(QDialog):
    """"Dán từ Excel/Word": the pasted rows are read by the same interpretation as a file; ``source`` holds them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Dán danh sách từ Excel/Word")
        self.source: SourceWorkbook | None = None
        layout = QVBoxLayout(self)
        self.box = PasteBox()
        layout.addWidget(self.box, 1)
        self.error = QLabel("")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.paste_button = buttons.addButton("Dán (Ctrl+V)", QDialogButtonBox.ButtonRole.ActionRole)
        self.paste_button.setShortcut(QKeySequence.StandardKey.Paste)
        self.preview_button = buttons.addButton("Xem trước", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        self.paste_button.clicked.connect(self.paste)
        buttons.accepted.connect(self.read)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 480)

    def paste(self) -> None:
        data = QGuiApplication.clipboard().mimeData()
        self.box.clear()
        self.box.html = ""
        if data is not None:
            self.box.insertFromMimeData(data)

    def read(self) -> None:
        text = self.box.toPlainText()
        if not text.strip():
            self.error.setText("Chưa có dữ liệu: hãy chép các dòng trong Excel hoặc Word rồi dán vào ô trên.")
            return
        try:
            self.source = imports.read_pasted(text, html=self.box.html or None)
        except SpreadsheetError as exc:
            self.error.setText(exc.message)
            return
        if not self.source.sheets:
            self.error.setText("Không đọc được dòng nào từ dữ liệu dán. Hãy chép cả dòng tiêu đề cột.")
            return
        self.accept()
