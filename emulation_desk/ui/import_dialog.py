"""Preview of an import before anything is written: the column mapping (correctable with combo boxes), the
records matched, the records to create, the problems and notes. "Nhập dữ liệu" is enabled only when there
is no problem. The file is read by a background operation (``local``: no database; progress in the dialog's
status line, stopped when the dialog closes) so the window never freezes; the preview reads the database on
the GUI thread. The import itself is a ``write`` operation of the one runner: one transaction on the
background writer, progress in the dialog's status line and bar, the dialog kept open until it has ended
(all or nothing: a stop — the window closing — or a failure rolls everything back).

Standalone: the caller picks the file (``QFileDialog``) and opens ``ImportDialog(ws, path, year=…)``;
``imported`` carries the service's own :class:`Changes` so the tabs reload.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.core.text import format_int
from emulation_desk.errors import KnownError
from emulation_desk.exchange.headers import DECISION_FIELDS, FIELD_LABELS, NOMINATION_FIELDS, ColumnMapping
from emulation_desk.exchange.plan import ImportPreview
from emulation_desk.exchange.reader import SourceWorkbook
from emulation_desk.services.awards import imports
from emulation_desk.services.common import Changes
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.import_preview import FactsPanel, ManagersPanel, NamesakePanel, NotesPanel
from emulation_desk.ui.operations import OpContext, Operation, local, write
from emulation_desk.ui.table_model import Column
from emulation_desk.ui.tabs.base import make_table

NOT_USED = "(không dùng)"
MATCH_COLUMNS = [Column("sheet", "Trang", width=90), Column("row", "Dòng", kind="int", width=50),
                 Column("subject", "Đối tượng", width=90), Column("written", "Trong tệp", kind="name", width=230),
                 Column("record", "Khớp với hồ sơ có sẵn", width=360)]
NEW_COLUMNS = [Column("sheet", "Trang", width=90), Column("row", "Dòng", kind="int", width=50),
               Column("what", "Loại", width=110), Column("description", "Sẽ tạo mới", width=430)]
PROBLEM_COLUMNS = [Column("sheet", "Trang", width=90), Column("row", "Dòng", kind="int", width=50),
                   Column("column", "Cột", width=40), Column("value", "Giá trị", width=150),
                   Column("reason", "Lý do", width=560)]


def read_file(path: Path, ctx: OpContext) -> SourceWorkbook:
    """Read and check the file (no database); closing the dialog stops the reader between two rows
    (``ctx.progress`` raises :class:`~emulation_desk.ui.operations.Cancelled`)."""
    return imports.read_source(path, progress=lambda sheet, rows: ctx.progress(
        rows, 0, f"Đang đọc trang “{sheet}”: {format_int(rows)} dòng…"))


class ImportDialog(QDialog):
    """Preview and import of one file; ``what`` is "nominations" or "decisions"."""

    imported = Signal(object)
    previewed = Signal()

    def __init__(self, ws: Workspace, path: Path | str | None = None, *, what: str = imports.NOMINATIONS,
                 year: int | None = None, unit_name: str | None = None, parent: QWidget | None = None,
                 source: SourceWorkbook | None = None) -> None:
        super().__init__(parent)
        if what == imports.NOMINATIONS and year is None:
            raise ValueError("a nomination list is imported for a year")
        path = source.path if source is not None and path is None else path
        self.ws, self.path, self.what, self.year, self.unit_name = ws, Path(path or ""), what, year, unit_name
        self.answers: dict[str, str] = {}  # namesake answers chosen in the dialog
        self.fact_choice: str | None = None  # "file" | "keep", where the list's facts differ from Hồ sơ
        self.managers: dict[str, bool] = {}  # management flags the clerk chose for blank cells ("sheet!row")
        self.source: SourceWorkbook | None = None
        self.preview: ImportPreview | None = None
        self.mapping: ColumnMapping | None = None
        self.combos: dict[str, QComboBox] = {}
        self.summary_text = ""  # what the import wrote, once it has
        self.setWindowTitle(f"Nhập dữ liệu từ tệp {self.path.name}")
        self.resize(1180, 650)
        self._build()
        if source is not None:  # rows pasted from Excel or Word: already read
            QTimer.singleShot(0, lambda: self._read(source))
        else:
            self._start()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        kind = "danh sách đề nghị khen thưởng" if self.what == imports.NOMINATIONS else "quyết định khen thưởng đã có"
        year = f" năm {self.year}" if self.year else ""
        title = QLabel(f"<b>{kind.capitalize()}{year}</b> — tệp {self.path.name}")
        self.status = QLabel("Đang kiểm tra tệp…")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(180)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.progress)
        self.mapping_box = QGroupBox("Cột dữ liệu (sửa nếu chương trình chọn sai cột)")
        self.mapping_grid = QGridLayout(self.mapping_box)
        self.sheet_combo = QComboBox()
        self.sheet_combo.currentIndexChanged.connect(lambda _i: self._fill_combos())
        self.mapping_box.setEnabled(False)
        self.tabs = QTabWidget()
        self.match_view, self.match_model, _ = make_table(MATCH_COLUMNS, self)
        self.new_view, self.new_model, _ = make_table(NEW_COLUMNS, self)
        self.problem_view, self.problem_model, _ = make_table(PROBLEM_COLUMNS, self)
        self.warning_view, self.warning_model, _ = make_table(PROBLEM_COLUMNS, self)
        self.facts_panel, self.namesake_panel, self.notes_panel = FactsPanel(), NamesakePanel(), NotesPanel()
        self.managers_panel = ManagersPanel()
        self.facts_panel.choice_changed.connect(self._facts_chosen)
        self.namesake_panel.answered.connect(self._answered)
        self.managers_panel.chosen.connect(self._managers_chosen)
        for view in (self.match_view, self.new_view, self.problem_view, self.warning_view, self.facts_panel,
                     self.namesake_panel, self.notes_panel, self.managers_panel):
            self.tabs.addTab(view, "")
        self.extra_counts = [0, 0, 0, 0]
        buttons = QDialogButtonBox()
        self.import_button = QPushButton("Nhập dữ liệu")
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        self.close_button = QPushButton("Đóng")
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(self._import)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(status_row)
        scroll = QScrollArea()  # the fact columns make the mapping long: it scrolls within a 768-pixel screen
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.mapping_box)
        scroll.setMinimumHeight(150)
        scroll.setMaximumHeight(190)
        layout.addWidget(scroll)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self._set_tab_titles()

    def _set_tab_titles(self) -> None:
        counts = [m.rowCount() for m in (self.match_model, self.new_model, self.problem_model, self.warning_model)]
        counts += self.extra_counts
        titles = ("Khớp dữ liệu có sẵn", "Sẽ tạo mới", "Lỗi cần sửa", "Lưu ý", "Hồ sơ", "Trùng tên cần trả lời",
                  "Đã nhận ra", "Lãnh đạo quản lý")
        for index, (title, count) in enumerate(zip(titles, counts, strict=True)):
            self.tabs.setTabText(index, f"{title} ({count})")

    # ------------------------------------------------------------------ reading in the background
    def _start(self) -> None:
        path = self.path
        self.reading: Operation[SourceWorkbook] = local(self, lambda ctx: read_file(path, ctx), self._read)
        self.reading.failure(self._refused)
        self.reading.progressed.connect(lambda _done, _total, text: self.status.setText(text))
        self.reading.run_in_background()

    def _stop_reading(self) -> None:
        reading = getattr(self, "reading", None)  # none for pasted rows
        if reading is not None and reading.running():
            reading.stop()

    def done(self, result: int) -> None:
        if self.committing():  # the import ends all or nothing before the dialog goes (Esc, the title bar's ×)
            self.status.setText("<b>Đang ghi dữ liệu vào tệp, xin đợi một chút…</b> (việc nhập ghi tất cả hoặc "
                                "không ghi gì)")
            return
        self._stop_reading()
        super().done(result)

    def _refused(self, error: KnownError) -> None:
        self.progress.hide()
        self.status.setText(f"<b>Không nhập được tệp này.</b> {error.message}")
        self.problem_model.set_rows([p.as_dict() for p in getattr(error, "problems", [])])
        self.tabs.setCurrentWidget(self.problem_view)
        self._set_tab_titles()
        self.previewed.emit()

    def _read(self, source: SourceWorkbook) -> None:
        self.progress.hide()
        self.source = source
        self._refresh(None)

    # ------------------------------------------------------------------ preview
    def _refresh(self, mapping: ColumnMapping | None) -> None:
        assert self.source is not None
        if self.what == imports.NOMINATIONS:
            self.preview = imports.preview_nominations(self.ws, self.source, year=self.year or 0,
                                                       unit_name=self.unit_name, mapping=mapping,
                                                       answers=self.answers, facts=self.fact_choice,
                                                       managers=self.managers)
        else:
            self.preview = imports.preview_decisions(self.ws, self.source, mapping=mapping)
        if mapping is None:
            self.mapping = self.preview.mapping
            self.sheet_combo.blockSignals(True)
            self.sheet_combo.clear()
            self.sheet_combo.addItems([m.sheet for m in self.mapping.sheets])
            self.sheet_combo.blockSignals(False)
            self._fill_combos()
        self._show(self.preview)

    def _show(self, preview: ImportPreview) -> None:
        self.match_model.set_rows([m.as_dict() for m in preview.matches])
        self.new_model.set_rows([n.as_dict() for n in preview.new_records])
        self.problem_model.set_rows([p.as_dict() for p in preview.problems])
        self.warning_model.set_rows([p.as_dict() for p in preview.warnings])
        self.extra_counts = [self.facts_panel.show_preview(preview), self.namesake_panel.show_preview(preview),
                             self.notes_panel.show_preview(preview), self.managers_panel.show_preview(preview)]
        self._set_tab_titles()
        unit = f" Đơn vị đề nghị: {preview.proposing_unit_name}." if preview.proposing_unit_name else ""
        if preview.problems:
            self.status.setText(f"{preview.summary()}{unit} <b>Có {len(preview.problems)} lỗi: chưa nhập được.</b> "
                                "Hãy sửa tệp (hoặc chọn lại cột) rồi mở lại.")
            self.tabs.setCurrentWidget(self.problem_view)
        elif preview.unanswered:
            self.status.setText(f"{preview.summary()}{unit} <b>Hãy trả lời các câu hỏi về người trùng tên</b> (thẻ "
                                "“Trùng tên cần trả lời”).")
            self.tabs.setCurrentWidget(self.namesake_panel)
        elif getattr(preview, "facts_undecided", False):
            self.status.setText(f"{preview.summary()}{unit} <b>Hãy chọn giữ hồ sơ hay lấy theo tệp</b> cho các thông "
                                "tin khác nhau (thẻ “Hồ sơ”).")
            self.tabs.setCurrentWidget(self.facts_panel)
        else:
            self.status.setText(f"{preview.summary()}{unit} Bấm “Nhập dữ liệu” để ghi tất cả.")
        self.import_button.setEnabled(preview.ok)
        self.previewed.emit()

    # ------------------------------------------------------------------ mapping combo boxes
    def _fill_combos(self) -> None:
        while self.mapping_grid.count():
            item = self.mapping_grid.takeAt(0)
            if item.widget() is not None and item.widget() is not self.sheet_combo:
                item.widget().deleteLater()
        self.combos = {}
        sheet = self._current_sheet()
        if sheet is None:
            return
        self.mapping_box.setEnabled(True)
        if self.mapping is not None and len(self.mapping.sheets) > 1:
            self.mapping_grid.addWidget(QLabel("Trang:"), 0, 0)
            self.mapping_grid.addWidget(self.sheet_combo, 0, 1)
        fields = NOMINATION_FIELDS if self.what == imports.NOMINATIONS else DECISION_FIELDS
        shown = [f for f in fields if f != "stt"]
        for index, name in enumerate(shown):
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)  # three columns of fields fit the dialog's width
            combo.addItem(NOT_USED, None)
            for column, label in sheet.choices():
                combo.addItem(label, column)
            combo.setCurrentIndex(max(combo.findData(sheet.columns.get(name)), 0))
            combo.currentIndexChanged.connect(lambda _i, field=name: self._mapping_changed(field))
            row, col = 1 + index // 3, (index % 3) * 2
            self.mapping_grid.addWidget(QLabel(FIELD_LABELS[name] + ":"), row, col)
            self.mapping_grid.addWidget(combo, row, col + 1)
            self.combos[name] = combo

    def _current_sheet(self) -> Any:
        if not self.mapping or not self.mapping.sheets:
            return None
        return self.mapping.sheets[max(self.sheet_combo.currentIndex(), 0)]

    def _mapping_changed(self, field: str) -> None:
        sheet = self._current_sheet()
        column = self.combos[field].currentData()
        if column is None:
            sheet.columns.pop(field, None)
        else:
            for other, combo in self.combos.items():  # one column feeds one field
                if other != field and combo.currentData() == column:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
                    sheet.columns.pop(other, None)
            sheet.columns[field] = column
        self.mapping.source = "corrected"
        self._refresh(self.mapping)

    def _answered(self, question: str, answer: str | None) -> None:
        if answer is None:
            self.answers.pop(question, None)
        else:
            self.answers[question] = answer
        mapping = self.mapping if self.mapping is not None and self.mapping.source == "corrected" else None
        # planned again once the combo box's signal has returned: the new preview rebuilds the questions' widgets
        QTimer.singleShot(0, lambda: self._refresh(mapping))

    def _managers_chosen(self) -> None:
        if self.preview is not None:  # kept when the list is planned again (a column corrected, an answer)
            self.managers = dict(self.preview.request.get("managers", {}))
            self._show(self.preview)

    def _facts_chosen(self, choice: str | None) -> None:
        self.fact_choice = choice
        if self.preview is not None:
            self.preview.fact_choice = choice
            self.import_button.setEnabled(self.preview.ok)
            self._show(self.preview)

    # ------------------------------------------------------------------ import
    def committing(self) -> bool:
        commit = getattr(self, "commit", None)
        return commit is not None and commit.running()

    def _import(self) -> Operation[imports.ImportResult] | None:
        """Write the whole preview in the background (the one writer): progress here, all or nothing."""
        if self.preview is None or not self.preview.ok or self.committing():
            return None
        preview, rows = self.preview, len(self.preview.items)
        self._set_busy(True)
        self.status.setText(f"Đang nhập {format_int(rows)} dòng…")
        self.progress.setRange(0, rows + len(preview.new_people) + 3)
        self.progress.setValue(0)
        self.progress.show()
        self.commit: Operation[imports.ImportResult] = write(
            self, lambda ctx: imports.commit_import(ctx.ws, preview, progress=ctx.progress), self._imported,
            title=f"Đang nhập dữ liệu từ tệp {self.path.name}…").progress_in_place()
        self.commit.failure(self._not_imported).cancellable(self._stopped)
        self.commit.progressed.connect(self._commit_progress)
        self.commit.ended.connect(self._commit_ended)
        return self.commit.run_in_background()

    def _set_busy(self, busy: bool) -> None:
        self.import_button.setEnabled(not busy and self.preview is not None and self.preview.ok)
        self.close_button.setEnabled(not busy)
        for widget in (self.mapping_box, self.facts_panel, self.namesake_panel):
            widget.setEnabled(not busy)

    def _commit_progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(min(done, total))
        if text:
            self.status.setText(text)

    def _commit_ended(self) -> None:
        if not self.summary_text:  # refused, stopped or a bug: nothing written, the dialog stays usable
            self.progress.hide()
            self._set_busy(False)

    def _not_imported(self, error: KnownError) -> None:
        self.status.setText(f"<b>Không nhập gì.</b> {error.message}")
        self.problem_model.set_rows([p.as_dict() for p in getattr(error, "problems", [])])
        self.tabs.setCurrentWidget(self.problem_view)
        self._set_tab_titles()

    def _stopped(self) -> None:
        self.status.setText("<b>Đã dừng: không có gì được ghi.</b>")

    def apply_changes(self, changes: Changes) -> None:
        """The runner hands the import's own Changes here (the dialog is its own window): on to the window."""
        self.imported.emit(changes)

    def _imported(self, result: imports.ImportResult) -> None:
        self.progress.hide()
        self.summary_text = result.summary()  # the window says it once the dialog has closed
        self.status.setText(self.summary_text)
        self.accept()
