"""Tab "Báo cáo và biểu tổng hợp": the statistical table exactly as it prints (each count cell opens the
records it counts), the year-end report's sections (edited with their placeholders, previewed with the
figures filled in from the data), starting a year's report from last year's or, in a first year, from the
standard structure (headings and figure blocks, the text left to write), and the export buttons."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.errors import NotFoundError
from emulation_desk.services.common import Changes
from emulation_desk.services.reporting import reports, statistics
from emulation_desk.services.reporting.report_figures import (
    CLERK_BLANK,
    CLERK_MARK,
    PLACEHOLDERS,
    rendered_sections,
)
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui import documents
from emulation_desk.ui.dialogs import ask, inform, run_action
from emulation_desk.ui.operations import Operation, read, running_under, wait_for
from emulation_desk.ui.stat_table import CELL_ROLE, CellRecordsDialog, make_stat_view
from emulation_desk.ui.table_model import Column
from emulation_desk.ui.tabs.base import BaseTab, on_keys

# An exporter writes one document of a year to a file: exporter(ws, year, path) -> anything.
Exporter = Callable[[Workspace, int, Path], Any]
EXPORTS = {
    "report_pdf": ("Xuất PDF báo cáo", "Tệp PDF (*.pdf)", "bao-cao-tong-ket-{year}.pdf"),
    "table_pdf": ("Xuất PDF biểu", "Tệp PDF (*.pdf)", "bieu-tong-hop-{year}.pdf"),
    "table_xlsx": ("Xuất Excel biểu", "Tệp Excel (*.xlsx)", "bieu-tong-hop-{year}.xlsx"),
}
NOT_AVAILABLE = "Chức năng này chưa có trong bản này."


def _exporter(document: str) -> Exporter:
    """The services' one export path for ``document`` of a year (the format by the file's suffix)."""
    def export(ws: Workspace, year: int, path: Path) -> Any:
        from emulation_desk.services.reporting.registry import export_document

        return export_document(ws, document, path, year=year)

    return export


def default_exporters() -> dict[str, Exporter]:
    """The exporters of the window: the report and the table as PDF, the table as Excel."""
    return {"report_pdf": _exporter("report"), "table_pdf": _exporter("table"), "table_xlsx": _exporter("table")}



SECTION_COLUMNS = [
    Column("label", "Mục", width=64, display=lambda r: "   " * int(r["level"]) + r["label"]),
    Column("title", "Tiêu đề", width=250),
    Column("body", "Nội dung", width=76, display=lambda r: "chưa viết" if CLERK_MARK in r["body"] else ""),
]
UNWRITTEN_HINT = f"{CLERK_MARK} là chỗ cần viết: thay bằng nội dung của mục (khi in, chỗ chưa viết là dòng chấm)."


def _table_and_checks(ws: Workspace, year: int, catalog: Any) -> tuple[Any, list[Any]]:
    from emulation_desk.core.stats import check_table, compute_table

    facts = statistics.award_facts(ws, year)  # read once: the table and its checks share them
    table = compute_table(year, facts, catalog)
    return table, check_table(table, facts)


class ReportsTab(BaseTab):
    title = "Báo cáo và biểu tổng hợp"
    item_label = "mục báo cáo"

    def __init__(self, ws: Workspace, exporters: dict[str, Exporter] | None = None, *,
                 background: bool = False) -> None:
        super().__init__(ws, SECTION_COLUMNS)
        self.exporters = exporters or {}
        self.background = background and str(ws.path) != ":memory:"
        self._generation = 0
        self.report: dict[str, Any] | None = None
        self.export_buttons: dict[str, QPushButton] = {}
        for key, (label, _, _) in EXPORTS.items():
            button = self.add_button(label + "…", lambda k=key: self.export(k))
            if key not in self.exporters:
                button.setEnabled(False)
                button.setToolTip(NOT_AVAILABLE)
            self.export_buttons[key] = button
        self.preview_button = self.add_button("Xem trước và in…", self.preview_report,
                                              "Xem báo cáo tổng kết (kèm biểu) đúng như khi in, rồi bấm “In…”")
        self.docs = documents.DocumentActions(self)
        self.other_button = documents.other_documents_button(self, self.other_document)
        self.buttons.addWidget(self.other_button)
        self.copy_button = self.add_button("Tạo báo cáo năm nay từ báo cáo năm trước…", self.copy_from_last_year)
        self.standard_button = self.add_button("Tạo báo cáo theo cấu trúc chuẩn…", self.start_standard,
                                               "Báo cáo mới với các phần, mục của báo cáo tổng kết mẫu và số liệu "
                                               "tự động; lời văn để trống cho cán bộ viết")
        self.finish_buttons()
        self.pages = QTabWidget()
        self.pages.addTab(self._table_page(), "Biểu tổng hợp kết quả khen thưởng")
        self.pages.addTab(self._report_page(), "Báo cáo tổng kết")
        self._preview_stale = False
        self.pages.currentChanged.connect(lambda *_: self._preview_stale and self.refresh_preview())
        self.layout_.addWidget(self.pages, 1)
        self.filter_edit.setPlaceholderText("Tìm mục của báo cáo (gõ không dấu cũng được) — Ctrl+F")

    # ------------------------------------------------------------------ pages
    def _table_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        self.table_title = QLabel()
        self.table_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stat_view, self.stat_model = make_stat_view(page)
        self.stat_view.doubleClicked.connect(self.open_cell)
        on_keys(self.stat_view, lambda: self.open_cell(self.stat_view.currentIndex()))
        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        layout.addWidget(self.table_title)
        layout.addWidget(self.stat_view, 1)
        layout.addWidget(self.check_label)
        return page

    def _report_page(self) -> QWidget:
        page = QWidget()
        self.report_title = QLabel()
        self.report_title.setWordWrap(True)
        self.section_title = QLineEdit()
        self.section_body = QPlainTextEdit()
        self.placeholder_box = QComboBox()
        self.placeholder_box.setMinimumContentsLength(24)
        self.placeholder_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for key, label in PLACEHOLDERS.items():
            self.placeholder_box.addItem(f"{label} — {{{{{key}}}}}", key)
        insert = QPushButton("Chèn số liệu")
        insert.setToolTip("Chèn chỗ số liệu tự động vào vị trí con trỏ")
        insert.clicked.connect(self.insert_placeholder)
        self.save_button = QPushButton("Lưu mục này")
        self.save_button.clicked.connect(self.save_section)
        self.preview = QTextBrowser()
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(QLabel("Tiêu đề mục:"))
        editor_layout.addWidget(self.section_title)
        editor_layout.addWidget(QLabel("Nội dung (chỗ {{…}} là số liệu tự động, được điền khi xem và khi in):"))
        editor_layout.addWidget(self.section_body, 1)
        hint = QLabel(UNWRITTEN_HINT)
        hint.setWordWrap(True)
        editor_layout.addWidget(hint)
        row = QHBoxLayout()
        row.addWidget(self.placeholder_box, 1)
        row.addWidget(insert)
        editor_layout.addLayout(row)
        editor_layout.addWidget(self.save_button)
        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(QLabel("Xem trước (số liệu lấy từ dữ liệu hiện tại):"))
        preview_layout.addWidget(self.preview, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(editor)
        splitter.addWidget(preview)
        self.view.setMinimumWidth(300)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 4)
        splitter.setStretchFactor(2, 4)
        splitter.setSizes([420, 440, 460])
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.report_title)
        layout.addWidget(splitter, 1)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_section())
        return page

    # ------------------------------------------------------------------ loading
    def cares_about(self, changes: Changes) -> bool:
        return True  # the table and the figures follow every record

    def load(self, year: int) -> None:
        super().load(year)
        self._load_table(year)
        try:
            self.report = reports.find_report(self.ws, year)
        except NotFoundError:
            self.report = None
        self._set_start_buttons(year)
        if self.report is None:
            self.set_rows([])
            self.report_title.setText(self._start_hint(year))
            self.preview.clear()
            self.section_title.clear()
            self.section_body.clear()
            return
        self._show_sections(reports.report_sections(self.ws, self.report["id"]))
        self.refresh_preview()

    def _show_sections(self, sections: list[dict[str, Any]]) -> None:
        report = self.report or {}
        number = f"Số {report['number']}/{report['symbol']} — " if report.get("number") else ""
        note = reports.unwritten_note(sections, stored=True, year=int(report.get("year", 0)))
        self.report_title.setText(f"<b>{number}{html.escape(report.get('title', ''))}</b>"
                                  + (f"<br>{html.escape(note)}" if note else ""))
        self.set_rows(sections)

    def _set_start_buttons(self, year: int) -> None:
        self.has_last_year = bool(self.ws.store.scalar(
            "SELECT count(*) FROM report WHERE year = ? AND deleted_at IS NULL", [year - 1]))
        self.copy_button.setText(f"Tạo báo cáo năm {year} từ báo cáo năm {year - 1}…")
        self.copy_button.setEnabled(self.report is None and self.has_last_year)
        self.copy_button.setToolTip("" if self.has_last_year else f"Chưa có báo cáo tổng kết năm {year - 1}.")
        self.standard_button.setText(f"Tạo báo cáo năm {year} theo cấu trúc chuẩn…")
        self.standard_button.setEnabled(self.report is None)

    def _start_hint(self, year: int) -> str:
        standard = f"“Tạo báo cáo năm {year} theo cấu trúc chuẩn” (các phần, mục và số liệu tự động; lời văn để trống)"
        if self.has_last_year:
            return (f"Chưa có báo cáo tổng kết năm {year}. Bấm “Tạo báo cáo năm {year} từ báo cáo năm {year - 1}” "
                    f"để bắt đầu từ nội dung năm trước, hoặc {standard}.")
        return f"Chưa có báo cáo tổng kết năm {year}. Bấm {standard} để bắt đầu."

    def _load_table(self, year: int) -> None:
        """The year's table and its checks; on a large year they are computed by a read operation on its
        own read-only connection (the catalog is an immutable value, shared safely)."""
        self._generation += 1
        generation, catalog = self._generation, self.ws.catalog()
        self.table_title.setText(f"<b>BIỂU TỔNG HỢP KẾT QUẢ KHEN THƯỞNG NĂM {year}</b>")
        if not self.background:
            self._show_table(generation, _table_and_checks(self.ws, year, catalog))
            return
        self.check_label.setText("Đang tính biểu…")

        def shown(table: Any) -> None:  # the figures: counted by SQLite, a fraction of a second
            if generation != self._generation:
                return
            self.stat_model.set_table(table)
            self.check_label.setText("Đang kiểm tra các đẳng thức của biểu…")
            read(self, lambda ctx: _table_and_checks(ctx.ws, year, catalog),  # the checks need every line
                 lambda result: self._show_checks(generation, result)).run_in_background()

        read(self, lambda ctx: statistics.stat_table(ctx.ws, year), shown).run_in_background()

    def _show_checks(self, generation: int, result: tuple[Any, list[Any]]) -> None:
        """The checks of the table already shown from the SQL counts (the same figures, made from every line)."""
        self._show_table(generation, (None, result[1]))

    def wait_loaded(self, timeout_ms: int = 60_000) -> None:
        """Run the event loop until the table has been computed and the documents made (scripts and tests)."""
        wait_for(self, timeout_ms)

    def busy(self) -> bool:
        """An operation of this tab (the table, an export, the preview) has not ended yet."""
        return bool(running_under(self))

    def _show_table(self, generation: int, result: tuple[Any, list[Any]]) -> None:
        if generation != self._generation:
            return
        table, problems = result
        if table is not None:
            self.stat_model.set_table(table)
        self.check_label.setText("Biểu đã kiểm tra: các đẳng thức đều đúng. Bấm đúp vào một số để xem danh sách."
                                 if not problems else "Cần xem lại: " + "; ".join(p.message for p in problems[:5]))

    def refresh_preview(self) -> None:
        """The report with its figures filled in; made when its page is shown (figures cost queries)."""
        if self.report is None:
            return
        if self.pages.currentIndex() != 1:
            self._preview_stale = True
            return
        self._preview_stale = False
        parts = []
        for section in rendered_sections(self.ws, self.report):
            heading = html.escape(f"{section['label']} {section['title']}".strip())
            parts.append(f"<p><b>{heading}</b></p>" if heading else "")
            for paragraph in section["body"].split("\n"):
                if paragraph.strip() == CLERK_BLANK:
                    parts.append("<p style='text-indent:20px; color:#8a5a00'>"
                                 f"{html.escape(CLERK_BLANK[:60])} <i>(chưa viết)</i></p>")
                elif paragraph.strip():
                    parts.append(f"<p style='text-indent:20px'>{html.escape(paragraph)}</p>")
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setHtml("".join(parts))
        self.preview.verticalScrollBar().setValue(scroll)

    def _show_section(self) -> None:
        section = self.selected_row()
        if section is None:
            return
        self.section_title.setText(section["title"])
        self.section_body.setPlainText(section["body"])

    # ------------------------------------------------------------------ actions
    def open_record(self) -> None:
        self.section_body.setFocus()

    def open_cell(self, index: Any) -> None:
        cell = index.data(CELL_ROLE) if index is not None and index.isValid() else None
        if cell is None or self.year is None:
            return
        row_key, column = cell
        rows = statistics.cell_records(self.ws, self.year, row_key, column)
        label = self.stat_model.table.row(row_key).label if self.stat_model.table else row_key
        number = ["(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)", "(12)", "(13)", "(14)"][
            int(column[1:]) - 3]
        dialog = CellRecordsDialog(f"{label} — cột {number} — năm {self.year}", rows, self)
        dialog.exec()

    def insert_placeholder(self) -> None:
        key = self.placeholder_box.currentData()
        self.section_body.insertPlainText(f"{{{{{key}}}}}")
        self.section_body.setFocus()

    def save_section(self) -> None:
        section = self.selected_row()
        if section is None:
            inform(self, "Lưu mục báo cáo", "Hãy chọn một mục của báo cáo ở danh sách bên trái.")
            return
        changes = run_action(self, lambda: reports.update_section(
            self.ws, section["id"], title=self.section_title.text(), body=self.section_body.toPlainText()))
        if changes is not None:
            self._show_sections(reports.report_sections(self.ws, self.report["id"]))  # type: ignore[index]
            self.select_id(section["id"])
            self.refresh_preview()

    def copy_from_last_year(self) -> None:
        if self.year is None:
            return
        if not ask(self, "Tạo báo cáo", f"Tạo báo cáo tổng kết năm {self.year} từ nội dung báo cáo năm {self.year - 1}? "
                   "Số liệu tự động sẽ lấy theo dữ liệu năm mới; phần lời văn cần sửa lại.", yes="Tạo báo cáo"):
            return
        copied = run_action(self, lambda: reports.copy_report(self.ws, self.year - 1, self.year))  # type: ignore[operator]
        if copied is not None:
            self.changed(copied.changes)

    def start_standard(self) -> None:
        if self.year is None:
            return
        if not ask(self, "Tạo báo cáo", f"Tạo báo cáo tổng kết năm {self.year} theo cấu trúc chuẩn? Báo cáo có đủ "
                   "các phần, mục của báo cáo tổng kết và các đoạn số liệu tự động; phần lời văn để trống, "
                   "mục nào chưa viết sẽ in thành dòng chấm.", yes="Tạo báo cáo"):
            return
        created = run_action(self, lambda: reports.start_standard_report(self.ws, self.year))
        if created is not None:
            self.changed(created.changes)

    def print_or_export(self) -> None:
        """Ctrl+P: the year's report, previewed with its Print button."""
        self.preview_report()

    def export(self, key: str, path: Path | None = None) -> Operation[Any] | None:
        """One of the export buttons: the exporter given to the tab writes the file in the background."""
        exporter = self.exporters.get(key)
        if exporter is None or self.year is None:
            return None
        label, pattern, default = EXPORTS[key]
        year = self.year
        document = documents.Document(f"{label.removeprefix('Xuất ').lower()} năm {year}", default.format(year=year),
                                      None, lambda ws, target: exporter(ws, year, target), pattern)
        return self.docs.export(document, path)

    def preview_report(self) -> Operation[Any] | None:
        """Build the year's report PDF (a read operation) and show it with its Print button; a year without a
        report previews the standard structure (nothing is stored)."""
        if self.year is None:
            return None
        return self.docs.preview(documents.report_document(self.year))

    def other_document(self, kind: str, preview: bool) -> Operation[Any] | None:
        """An entry of "Văn bản khác": the table, the council's papers, the units' template."""
        if self.year is None:
            return None
        document = documents.OTHER_DOCUMENTS[kind][1](self.year)
        return self.docs.preview(document) if preview else self.docs.export(document)
