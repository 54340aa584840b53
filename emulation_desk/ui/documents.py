"""Every document of the year from the window: preview (with "In…" and "Lưu thành…"), print and export.

A :class:`Document` says how to make one document — its PDF bytes for the preview (reading only) and its
export to a file (written all-or-nothing and logged through the export registry,
:mod:`emulation_desk.services.reporting.registry`); both take the workspace of the operation that runs them.
:class:`DocumentActions` runs either through the window's one operation runner (:mod:`emulation_desk.ui.operations`:
a preview is a read on its own read-only connection, an export a write because it is audited) and shows the
result in :class:`emulation_desk.ui.pdf_preview.PdfPreviewDialog`. The factories below cover the decision with
its list, the year-end report, the statistical table, the council's pack, minutes and ballot count, and the
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
from emulation_desk.ui.operations import OpContext, Operation, read, wait_for, write

PDF_PATTERN = "Tệp PDF (*.pdf)"
XLSX_PATTERN = "Tệp Excel (*.xlsx)"


@dataclass(frozen=True)
class Document:
    """One document: ``what`` names it in messages ("quyết định số 15/QĐ-UBND"); ``build(ws)`` gives the PDF
    bytes (None: no preview, e.g. a spreadsheet); ``export(ws, path)`` writes it and returns what was written
    (an ``Exported``, a path or (path, pages))."""

    what: str
    file_name: str
    build: Callable[[Workspace], bytes] | None
    export: Callable[[Workspace, Path], Any]
    pattern: str = PDF_PATTERN


def ask_save_path(parent: QWidget, title: str, default_name: str, pattern: str) -> str:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / default_name), pattern)
    suffix = ".xlsx" if pattern == XLSX_PATTERN else ".pdf"
    if chosen and not chosen.lower().endswith(suffix):
        chosen += suffix
    return chosen


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pages(result: Any) -> int | None:
    if isinstance(result, tuple) and len(result) > 1:
        return int(result[1])
    pages = getattr(result, "pages", None)
    return int(pages) if pages else None


class DocumentActions:
    """Preview and export of documents for one widget (``wait`` runs the event loop until they end)."""

    def __init__(self, owner: QWidget) -> None:
        self.owner = owner
        self.choose_path: Callable[[QWidget, str, str, str], str] = ask_save_path
        self.last_preview: Any = None
        self.last_written: Path | None = None

    def wait(self, timeout_ms: int = 120_000) -> None:
        wait_for(self.owner, timeout_ms)

    def preview(self, document: Document) -> Operation[Any] | None:
        """Make the PDF in the background into a temporary file and show it with "In…" and "Lưu thành…"."""
        build = document.build
        if build is None:
            return self.export(document)

        def job(ctx: OpContext) -> Path:
            data = build(ctx.ws)
            handle = tempfile.NamedTemporaryFile(prefix="xem-truoc-", suffix=".pdf", delete=False)  # noqa: SIM115
            with handle:
                handle.write(data)
            return Path(handle.name)

        return read(self.owner, job, lambda path: self.show(path, document, owns_file=True),
                    title=f"Đang tạo bản xem trước {document.what}…").run_in_background()

    def show(self, path: Path, document: Document, *, owns_file: bool) -> Any:
        from emulation_desk.ui.pdf_preview import PdfPreviewDialog

        dialog = PdfPreviewDialog(path, title=f"Xem trước và in — {document.what}", parent=self.owner,
                                  owns_file=owns_file, suggested_name=document.file_name)
        self.last_preview = dialog
        dialog.exec()
        return dialog

    def export(self, document: Document, path: Path | None = None) -> Operation[Any] | None:
        """Ask for the file (unless given), write it in the background, then offer to open a PDF."""
        if path is None:
            chosen = self.choose_path(self.owner, f"Lưu {document.what}", document.file_name, document.pattern)
            if not chosen:
                return None
            path = Path(chosen)
        target = path
        return write(self.owner, lambda ctx: document.export(ctx.ws, target),
                     lambda result: self._written(document, result, target),
                     title=f"Đang xuất {document.what}…").run_in_background()

    def _written(self, document: Document, result: Any, path: Path) -> None:
        written = Path(getattr(result, "path", None) or (result[0] if isinstance(result, tuple) else path))
        self.last_written = written
        pages = _pages(result)
        shown_pages = f" ({pages} trang)" if pages else ""
        title = _capital(document.what)
        if written.suffix.lower() != ".pdf":
            inform(self.owner, title, f"Đã lưu tệp {written}.")
            return
        if ask(self.owner, title, f"Đã lưu tệp {written}{shown_pages}. Mở tệp để xem trước và in?",
               yes="Xem trước và in", no="Đóng"):
            self.show(written, document, owns_file=False)


# ---------------------------------------------------------------------- the documents
def _registered(document: str, **params: Any) -> Callable[[Workspace, Path], Any]:
    def export(ws: Workspace, path: Path) -> Any:
        from emulation_desk.services.reporting.registry import export_document

        return export_document(ws, document, path, **params)

    return export


def decision_document(decision: dict[str, Any]) -> Document:
    """A decision of this office with its attached list (a draft prints marked as such)."""
    label = f"{decision['number']}/{decision['symbol']}" if decision["number"] else "(chưa có số)"
    name = f"quyet-dinh-{decision['number'] or 'du-thao'}-{decision['year']}.pdf"
    decision_id, year = decision["id"], int(decision["year"])

    def build(ws: Workspace) -> bytes:
        from emulation_desk.documents.decision import decision_pdf
        from emulation_desk.services.reporting.documents_data import decision_for_print

        return decision_pdf(decision_for_print(ws, "", year, decision_id=decision_id))

    return Document(f"quyết định số {label}", name, build,
                    _registered("decision", number="", year=year, decision_id=decision_id))


def report_document(year: int) -> Document:
    def build(ws: Workspace) -> bytes:
        from emulation_desk.documents.report import report_pdf
        from emulation_desk.services.reporting.documents_data import report_for_print

        return report_pdf(report_for_print(ws, year))

    return Document(f"báo cáo tổng kết năm {year}", f"bao-cao-tong-ket-{year}.pdf", build,
                    _registered("report", year=year))


def table_document(year: int) -> Document:
    def build(ws: Workspace) -> bytes:
        from emulation_desk.documents.report import table_pdf
        from emulation_desk.services.reporting.documents_data import table_for_print

        return table_pdf(*table_for_print(ws, year))

    return Document(f"biểu tổng hợp năm {year}", f"bieu-tong-hop-{year}.pdf", build, _registered("table", year=year))


def table_xlsx_document(year: int) -> Document:
    return Document(f"biểu tổng hợp năm {year} (Excel)", f"bieu-tong-hop-{year}.xlsx", None,
                    _registered("table", year=year), XLSX_PATTERN)


def council_pack_document(year: int) -> Document:
    def build(ws: Workspace) -> bytes:
        from emulation_desk.documents.council import council_pack_pdf, pack_for_print

        return council_pack_pdf(pack_for_print(ws, year))

    return Document(f"tài liệu họp Hội đồng năm {year}", f"tai-lieu-hop-hoi-dong-{year}.pdf", build,
                    _registered("council_pack", year=year))


MEETING_PAPERS = {"minutes": ("biên bản họp Hội đồng", "bien-ban-hop-hoi-dong"),
                  "tally": ("biên bản kiểm phiếu", "bien-ban-kiem-phieu")}


def meeting_document(which: str, year: int, meeting_id: str | None = None) -> Document:
    """The minutes or the ballot count of a meeting (the year's latest when no meeting is named)."""
    what, stem = MEETING_PAPERS[which]

    def build(ws: Workspace) -> bytes:
        from emulation_desk.documents.council_minutes import meeting_for_print, minutes_pdf, tally_pdf

        render = minutes_pdf if which == "minutes" else tally_pdf
        return render(meeting_for_print(ws, meeting_id, None if meeting_id else year))

    return Document(f"{what} năm {year}", f"{stem}-{year}.pdf", build,
                    _registered(which, meeting_id=meeting_id, year=None if meeting_id else year))


def template_document(year: int) -> Document:
    """The empty nomination list units fill in (Excel; lists of the forms valid in ``year``)."""
    def export(ws: Workspace, path: Path) -> Any:
        from emulation_desk.services.reporting.exports import export_nomination_template

        return export_nomination_template(ws, path, year=year)

    return Document(f"mẫu danh sách đề nghị khen thưởng năm {year}", f"mau-danh-sach-de-nghi-{year}.xlsx", None,
                    export, XLSX_PATTERN)


# "Văn bản khác": key → (label, document factory, has a preview)
OTHER_DOCUMENTS: dict[str, tuple[str, Callable[[int], Document], bool]] = {
    "table": ("biểu tổng hợp (PDF)", table_document, True),
    "council_pack": ("tài liệu họp Hội đồng", council_pack_document, True),
    "minutes": ("biên bản họp Hội đồng", lambda year: meeting_document("minutes", year), True),
    "tally": ("biên bản kiểm phiếu", lambda year: meeting_document("tally", year), True),
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
