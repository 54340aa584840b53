"""Every document of the year from the window: preview (with "In…" and "Lưu thành…"), print and export.

A :class:`Document` says how to make one document — its PDF bytes for the preview (reading only) and its
export to a file (written all-or-nothing and logged by the documents layer); :class:`DocumentActions` runs
either in the background (one call site of :mod:`emulation_desk.ui.worker`) and shows the result in
:class:`emulation_desk.ui.pdf_preview.PdfPreviewDialog`. The factories below cover the decision with its
list, the year-end report, the statistical table, the council's pack, minutes and ballot count, and the
units' nomination template (Excel, export only).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton, QWidget

from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.dialogs import ask, inform
from emulation_desk.ui.worker import BackgroundTask, run_in_background, wait_for

PDF_PATTERN = "Tệp PDF (*.pdf)"
XLSX_PATTERN = "Tệp Excel (*.xlsx)"


@dataclass(frozen=True)
class Document:
    """One document: ``what`` names it in messages ("quyết định số 15/QĐ-UBND"); ``build`` gives the PDF
    bytes (None: no preview, e.g. a spreadsheet); ``export(path)`` writes it and returns the path or
    (path, pages)."""

    what: str
    file_name: str
    build: Callable[[], bytes] | None
    export: Callable[[Path], Any]
    pattern: str = PDF_PATTERN


def ask_save_path(parent: QWidget, title: str, default_name: str, pattern: str) -> str:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / default_name), pattern)
    suffix = ".xlsx" if pattern == XLSX_PATTERN else ".pdf"
    if chosen and not chosen.lower().endswith(suffix):
        chosen += suffix
    return chosen


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class DocumentActions:
    """Preview and export of documents for one widget; keeps its running tasks (``wait`` for tests)."""

    def __init__(self, owner: QWidget) -> None:
        self.owner = owner
        self.tasks: list[BackgroundTask] = []
        self.choose_path: Callable[[QWidget, str, str, str], str] = ask_save_path
        self.last_preview: Any = None
        self.last_written: Path | None = None

    def _run(self, title: str, job: Callable[[], Any], on_done: Callable[[Any], None]) -> BackgroundTask:
        task = run_in_background(self.owner, title, lambda _progress: job(), on_done)
        self.tasks.append(task)
        task.done.connect(lambda *_: self.tasks.remove(task) if task in self.tasks else None)
        task.failed.connect(lambda *_: self.tasks.remove(task) if task in self.tasks else None)
        return task

    def wait(self, timeout_ms: int = 30_000) -> None:
        wait_for(self.tasks, timeout_ms)

    def preview(self, document: Document) -> BackgroundTask | None:
        """Make the PDF in the background into a temporary file and show it with "In…" and "Lưu thành…"."""
        build = document.build
        if build is None:
            return self.export(document)

        def job() -> Path:
            data = build()
            handle = tempfile.NamedTemporaryFile(prefix="xem-truoc-", suffix=".pdf", delete=False)  # noqa: SIM115
            with handle:
                handle.write(data)
            return Path(handle.name)

        return self._run(f"Đang tạo bản xem trước {document.what}…", job,
                         lambda path: self.show(path, document, owns_file=True))

    def show(self, path: Path, document: Document, *, owns_file: bool) -> Any:
        from emulation_desk.ui.pdf_preview import PdfPreviewDialog

        dialog = PdfPreviewDialog(path, title=f"Xem trước và in — {document.what}", parent=self.owner,
                                  owns_file=owns_file, suggested_name=document.file_name)
        self.last_preview = dialog
        dialog.exec()
        return dialog

    def export(self, document: Document, path: Path | None = None) -> BackgroundTask | None:
        """Ask for the file (unless given), write it in the background, then offer to open a PDF."""
        if path is None:
            chosen = self.choose_path(self.owner, f"Lưu {document.what}", document.file_name, document.pattern)
            if not chosen:
                return None
            path = Path(chosen)
        target = path
        return self._run(f"Đang xuất {document.what}…", lambda: document.export(target),
                         lambda result: self._written(document, result, target))

    def _written(self, document: Document, result: Any, path: Path) -> None:
        written = Path(getattr(result, "path", None) or (result[0] if isinstance(result, tuple) else path))
        self.last_written = written
        pages = f" ({result[1]} trang)" if isinstance(result, tuple) and len(result) > 1 else ""
        title = _capital(document.what)
        if written.suffix.lower() != ".pdf":
            inform(self.owner, title, f"Đã lưu tệp {written}.")
            return
        if ask(self.owner, title, f"Đã lưu tệp {written}{pages}. Mở tệp để xem trước và in?",
               yes="Xem trước và in", no="Đóng"):
            self.show(written, document, owns_file=False)


# ---------------------------------------------------------------------- the documents
def decision_document(ws: Workspace, decision: dict[str, Any]) -> Document:
    """A decision of this office with its attached list (a draft prints marked as such)."""
    from emulation_desk.documents import export_decision

    label = f"{decision['number']}/{decision['symbol']}" if decision["number"] else "(chưa có số)"
    name = f"quyet-dinh-{decision['number'] or 'du-thao'}-{decision['year']}.pdf"
    decision_id, year = decision["id"], int(decision["year"])

    def build() -> bytes:
        from emulation_desk.documents.decision import decision_pdf
        from emulation_desk.services.reporting.documents_data import decision_for_print

        return decision_pdf(decision_for_print(ws, "", year, decision_id=decision_id))

    return Document(f"quyết định số {label}", name, build,
                    lambda path: export_decision(ws, "", year, path, decision_id=decision_id))


def report_document(ws: Workspace, year: int) -> Document:
    from emulation_desk.documents import export_report

    def build() -> bytes:
        from emulation_desk.documents.report import report_pdf
        from emulation_desk.services.reporting.documents_data import report_for_print

        return report_pdf(report_for_print(ws, year))

    return Document(f"báo cáo tổng kết năm {year}", f"bao-cao-tong-ket-{year}.pdf", build,
                    lambda path: export_report(ws, year, path))


def table_document(ws: Workspace, year: int) -> Document:
    from emulation_desk.documents import export_table_pdf

    def build() -> bytes:
        from emulation_desk.documents.report import table_pdf
        from emulation_desk.services.reporting.documents_data import table_for_print

        return table_pdf(*table_for_print(ws, year))

    return Document(f"biểu tổng hợp năm {year}", f"bieu-tong-hop-{year}.pdf", build,
                    lambda path: export_table_pdf(ws, year, path))


def table_xlsx_document(ws: Workspace, year: int) -> Document:
    from emulation_desk.services.reporting.exports import export_table

    return Document(f"biểu tổng hợp năm {year} (Excel)", f"bieu-tong-hop-{year}.xlsx", None,
                    lambda path: export_table(ws, year, path), XLSX_PATTERN)


def council_pack_document(ws: Workspace, year: int) -> Document:
    from emulation_desk.documents.council import council_pack_pdf, export_council_pack, pack_for_print

    return Document(f"tài liệu họp Hội đồng năm {year}", f"tai-lieu-hop-hoi-dong-{year}.pdf",
                    lambda: council_pack_pdf(pack_for_print(ws, year)),
                    lambda path: export_council_pack(ws, year, path))


MEETING_PAPERS = {"minutes": ("biên bản họp Hội đồng", "bien-ban-hop-hoi-dong"),
                  "tally": ("biên bản kiểm phiếu", "bien-ban-kiem-phieu")}


def meeting_document(ws: Workspace, which: str, year: int, meeting_id: str | None = None) -> Document:
    """The minutes or the ballot count of a meeting (the year's latest when no meeting is named)."""
    from emulation_desk.documents.council_minutes import (
        export_meeting_document,
        meeting_for_print,
        minutes_pdf,
        tally_pdf,
    )

    what, stem = MEETING_PAPERS[which]
    render = minutes_pdf if which == "minutes" else tally_pdf
    return Document(f"{what} năm {year}", f"{stem}-{year}.pdf",
                    lambda: render(meeting_for_print(ws, meeting_id, None if meeting_id else year)),
                    lambda path: export_meeting_document(ws, which, path, meeting_id=meeting_id,
                                                         year=None if meeting_id else year))


def template_document(ws: Workspace, year: int) -> Document:
    """The empty nomination list units fill in (Excel; lists of the forms valid in ``year``)."""
    from emulation_desk.services.reporting.exports import export_nomination_template

    return Document(f"mẫu danh sách đề nghị khen thưởng năm {year}", f"mau-danh-sach-de-nghi-{year}.xlsx", None,
                    lambda path: export_nomination_template(ws, path, year=year), XLSX_PATTERN)


# "Văn bản khác": key → (label, document factory, has a preview)
OTHER_DOCUMENTS: dict[str, tuple[str, Callable[[Workspace, int], Document], bool]] = {
    "table": ("biểu tổng hợp (PDF)", table_document, True),
    "council_pack": ("tài liệu họp Hội đồng", council_pack_document, True),
    "minutes": ("biên bản họp Hội đồng", lambda ws, year: meeting_document(ws, "minutes", year), True),
    "tally": ("biên bản kiểm phiếu", lambda ws, year: meeting_document(ws, "tally", year), True),
    "template": ("mẫu danh sách đề nghị cho các đơn vị (Excel)", template_document, False),
}


def other_documents_button(parent: QWidget, act: Callable[[str, bool], Any]) -> QToolButton:
    """"Văn bản khác": a menu of the year's other documents; ``act(key, preview)`` makes one."""
    button = QToolButton(parent)
    button.setText("Văn bản khác")
    button.setToolTip("Xem trước, in hoặc xuất tệp: biểu tổng hợp, tài liệu và biên bản họp Hội đồng, mẫu "
                      "danh sách đề nghị cho các đơn vị")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    for key, (label, _factory, previews) in OTHER_DOCUMENTS.items():
        if previews:
            menu.addAction(f"Xem trước và in {label}…", lambda k=key: act(k, True))
        menu.addAction(f"Xuất {label}…", lambda k=key: act(k, False))
    button.setMenu(menu)
    return button
