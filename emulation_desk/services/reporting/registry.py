"""One export path for the official documents: :func:`export_document` ``(ws, document, path, **params)``.

The service gathers the document's data, the file's suffix chooses the renderer (``.pdf``: reportlab in
:mod:`emulation_desk.documents`, ``.xlsx``: openpyxl in :mod:`~emulation_desk.services.reporting.exports`),
the file is written all-or-nothing and the export is audited. The command line (``export report|table|
decision|council-pack|minutes|tally``) and the window (the reports tab's buttons, the council's papers) both
call this, so the same document comes out of both byte for byte. The papers of a dossier upward
(``dossier_paper``: PDF and Word) are written here one by one; the whole dossier's folder and zip by
:func:`emulation_desk.services.council.dossier_print.write_dossier` (``export dossier``).

:data:`DOCUMENTS` is the registry: document → suffix → renderer. A new document (or a new format of one)
is one entry here; every face that lists the formats reads :func:`suffixes`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from emulation_desk.errors import KnownError
from emulation_desk.services.workspace import Workspace


@dataclass(frozen=True)
class Exported:
    """A document written: the file, its pages (PDF) or rows (spreadsheet), and what it is, in Vietnamese."""

    path: Path
    what: str
    pages: int = 0
    rows: int = 0

    def summary(self) -> str:
        size = f" ({self.pages} trang)" if self.pages else f" ({self.rows} dòng)" if self.rows else ""
        return f"Đã ghi {self.what}{size} vào tệp: {self.path}"


Renderer = Callable[..., Exported]


def _pdf(ws: Workspace, data: bytes, target: Path, entity: str, entity_id: str, logged: str, shown: str) -> Exported:
    """Write ``data`` all-or-nothing and audit it (``logged``: the audit row's words, ``shown``: the clerk's)."""
    from emulation_desk.documents import page_count
    from emulation_desk.documents.output import write_atomically
    from emulation_desk.services.reporting.documents_data import record_export

    written = write_atomically(data, target)
    record_export(ws, entity, entity_id, logged, written)
    return Exported(written, shown, pages=page_count(data))


def _report_pdf(ws: Workspace, target: Path, *, year: int) -> Exported:
    from emulation_desk.documents.report import report_pdf
    from emulation_desk.services.reporting.documents_data import report_for_print

    what = f"báo cáo tổng kết năm {year}"
    return _pdf(ws, report_pdf(report_for_print(ws, year)), target, "report", "", what, what)


def _table_pdf(ws: Workspace, target: Path, *, year: int) -> Exported:
    from emulation_desk.documents.report import table_pdf
    from emulation_desk.services.reporting.documents_data import table_for_print

    return _pdf(ws, table_pdf(*table_for_print(ws, year)), target, "stat_table", "",
                f"biểu tổng hợp kết quả khen thưởng năm {year}", f"biểu tổng hợp năm {year}")


def _table_xlsx(ws: Workspace, target: Path, *, year: int) -> Exported:
    from emulation_desk.services.reporting.exports import export_table

    result = export_table(ws, year, target)
    return Exported(result.path, f"biểu tổng hợp năm {year}", rows=result.rows)


def _decision_pdf(ws: Workspace, target: Path, *, number: str, year: int, decision_id: str | None = None
                  ) -> Exported:
    """A decision by its number (the command line) or by its id (the window: a draft has no number yet)."""
    from emulation_desk.documents.decision import decision_pdf
    from emulation_desk.services.awards.decisions import find_decision
    from emulation_desk.services.reporting.documents_data import decision_for_print

    data = decision_pdf(decision_for_print(ws, number, year, decision_id=decision_id))
    row = ws.store.get("decision", decision_id) if decision_id else find_decision(ws, number, year)
    what = f"quyết định số {row['number']}/{row['symbol']}"
    return _pdf(ws, data, target, "decision", row["id"], what, f"{what} năm {year}")


def _council_pack_pdf(ws: Workspace, target: Path, *, year: int) -> Exported:
    from emulation_desk.documents.council import export_council_pack

    path, pages = export_council_pack(ws, year, target)
    return Exported(Path(path), f"tài liệu họp Hội đồng năm {year}", pages=pages)


def _meeting_pdf(which: str, what: str) -> Renderer:
    def render(ws: Workspace, target: Path, *, meeting_id: str | None = None, year: int | None = None) -> Exported:
        from emulation_desk.documents.council_minutes import export_meeting_document

        path, pages = export_meeting_document(ws, which, target, meeting_id=meeting_id, year=year)
        return Exported(Path(path), what, pages=pages)

    return render


def _dossier_paper(ws: Workspace, target: Path, *, dossier_id: str, paper: str) -> Exported:
    """One paper of a dossier upward (tờ trình, biên bản, a báo cáo thành tích) as PDF or Word (.docx)."""
    from emulation_desk.documents import page_count
    from emulation_desk.documents.output import write_atomically
    from emulation_desk.documents.paper_docx import paper_docx
    from emulation_desk.documents.paper_pdf import paper_pdf
    from emulation_desk.services.council.dossier_print import dossier_paper
    from emulation_desk.services.reporting.documents_data import record_export

    found = dossier_paper(ws, dossier_id, paper)
    pdf = target.suffix.lower() == ".pdf"
    data = paper_pdf(found) if pdf else paper_docx(found)
    written = write_atomically(data, target)
    what = found.title[:1].lower() + found.title[1:]
    record_export(ws, "dossier", dossier_id, what, written)
    return Exported(written, what, pages=page_count(data) if pdf else 0)


DOCUMENTS: dict[str, dict[str, Renderer]] = {
    "report": {".pdf": _report_pdf},
    "table": {".pdf": _table_pdf, ".xlsx": _table_xlsx},
    "decision": {".pdf": _decision_pdf},
    "council_pack": {".pdf": _council_pack_pdf},
    "minutes": {".pdf": _meeting_pdf("minutes", "biên bản họp Hội đồng")},
    "tally": {".pdf": _meeting_pdf("tally", "biên bản kiểm phiếu")},
    "dossier_paper": {".pdf": _dossier_paper, ".docx": _dossier_paper},
}
NOUNS = {"report": ("báo cáo", "bao-cao-2020"), "table": ("biểu", "bieu-tong-hop-2020"),
         "decision": ("quyết định", "qd-4520"), "council_pack": ("tài liệu họp", "tai-lieu-hop-hoi-dong-2020"),
         "minutes": ("biên bản", "bien-ban-hop-2020"), "tally": ("biên bản kiểm phiếu", "kiem-phieu-2020"),
         "dossier_paper": ("văn bản của hồ sơ", "01-to-trinh")}


def suffixes(document: str) -> list[str]:
    """The file suffixes ``document`` can be written as (".pdf" first)."""
    return list(DOCUMENTS[document])


def renderer_for(document: str, path: Path | str) -> Renderer:
    """The renderer of ``document`` for the file's suffix, or a Vietnamese error naming the suffixes that work."""
    suffix = Path(path).suffix.lower()
    renderers = DOCUMENTS[document]
    if suffix in renderers:
        return renderers[suffix]
    noun, stem = NOUNS.get(document, ("văn bản", "van-ban"))
    example = stem + next(iter(renderers))
    if len(renderers) == 1:
        raise KnownError(f"Tên tệp “{Path(path).name}” phải có đuôi {example[len(stem):]}, ví dụ “{example}”.")
    shown = f"“{suffix}”" if suffix else "không có đuôi"
    raise KnownError(f"Chưa xuất được {noun} ra tệp {shown}. Hãy đặt tên tệp có một trong các đuôi: "
                     f"{', '.join(renderers)} (ví dụ “{example}”).")


def export_document(ws: Workspace, document: str, path: Path | str, **params: Any) -> Exported:
    """Write ``document`` (a key of :data:`DOCUMENTS`) to ``path`` in the format its suffix names."""
    return renderer_for(document, path)(ws, Path(path), **params)
