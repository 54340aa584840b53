"""One export path for every document and list: :func:`export_document` ``(ws, document, path, **params)``.

The service gathers the document's data, the file's suffix chooses the renderer (``.pdf``: reportlab in
:mod:`emulation_desk.documents`, ``.xlsx``: openpyxl in :mod:`emulation_desk.exchange`, driven by
:mod:`~emulation_desk.services.reporting.exports`), the file is written all-or-nothing and the export is
audited here or in the service the entry wraps (the certificates' print log, the dossier's folder). The command
line (``export …``) and the window (the reports tab's buttons, "Văn bản khác", the council's papers, the
certificates dialog) both call this, so the same document comes out of both byte for byte. The papers of a
dossier upward (``dossier_paper``: PDF and Word) are written one by one; the whole dossier's folder and zip by
the ``dossier`` entry (:func:`emulation_desk.services.council.dossier_print.export_dossier`).

:data:`DOCUMENTS` is the registry: document → suffix → renderer (:data:`FOLDER` for a document written as a
folder: the dossier upward). A new document (or a new format of one) is one entry here; every face that lists
the formats reads :func:`suffixes`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from emulation_desk.errors import KnownError
from emulation_desk.services.common import Changes
from emulation_desk.services.workspace import Workspace

FOLDER = "/"  # the "suffix" of a document written as a folder of files


@dataclass(frozen=True)
class Exported:
    """A document written: the file (or folder), its pages (PDF) or rows (spreadsheet), what it is in Vietnamese;
    ``changes`` what the export changed beyond its audit row (Sổ vàng numbers, a dossier), ``warnings`` what to
    check before printing or sending, ``detail`` the wrapped service's own result."""

    path: Path
    what: str
    pages: int = 0
    rows: int = 0
    changes: Changes | None = None
    warnings: tuple[str, ...] = ()
    detail: Any = None

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
    from emulation_desk.documents.council import council_pack_pdf
    from emulation_desk.services.reporting.council_data import pack_for_print

    what = f"tài liệu họp Hội đồng năm {year}"
    data = council_pack_pdf(pack_for_print(ws, year))
    return _pdf(ws, data, target, "council_pack", "", what, what)


def _meeting_pdf(which: str, what: str) -> Renderer:
    def render(ws: Workspace, target: Path, *, meeting_id: str | None = None, year: int | None = None) -> Exported:
        from emulation_desk.documents.council_minutes import minutes_pdf, tally_pdf
        from emulation_desk.services.reporting.council_data import meeting_for_print

        meeting = meeting_for_print(ws, meeting_id, year)
        data = minutes_pdf(meeting) if which == "minutes" else tally_pdf(meeting)
        return _pdf(ws, data, target, f"council_{which}", meeting_id or "",
                    f"{what} năm {meeting.year}", what)

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
def _spreadsheet(result: Any) -> Exported:
    """An ``ExportResult`` of :mod:`~emulation_desk.services.reporting.exports` (already written and audited)."""
    return Exported(result.path, result.what, rows=result.rows, detail=result)


def _template_xlsx(ws: Workspace, target: Path, *, year: int | None = None) -> Exported:
    from emulation_desk.services.reporting.exports import export_nomination_template

    return _spreadsheet(export_nomination_template(ws, target, year=year))


def _nominations_xlsx(ws: Workspace, target: Path, *, year: int) -> Exported:
    from emulation_desk.services.reporting.exports import export_nominations

    return _spreadsheet(export_nominations(ws, year, target))


def _decision_list_xlsx(ws: Workspace, target: Path, *, number: str | None = None, year: int | None = None,
                        decision_id: str | None = None) -> Exported:
    from emulation_desk.services.reporting.exports import export_decision

    return _spreadsheet(export_decision(ws, target, decision_id=decision_id, number=number, year=year))


def _person_xlsx(ws: Workspace, target: Path, *, person_id: str | None = None, name: str | None = None,
                 birth_year: int | None = None) -> Exported:
    """A person's award history, by id (the window) or by name and birth year (the command line)."""
    from emulation_desk.services.reporting.exports import export_person_history, person_named

    chosen = person_id or person_named(ws, name or "", birth_year)
    return _spreadsheet(export_person_history(ws, chosen, target))


def _certificates_pdf(ws: Workspace, target: Path, *, number: str | None = None, year: int | None = None,
                      decision_id: str | None = None, blank: bool = False, profile: str | None = None,
                      only: list[int] | None = None) -> Exported:
    """The certificates of an issued decision; the service writes the file and logs the print (Sổ vàng)."""
    from emulation_desk.services.reporting.certificates import export_certificates

    result, changes = export_certificates(ws, target, decision_id=decision_id, number=number, year=year,
                                          blank=blank, profile=profile, only=only)
    how = "lên phôi" if blank else "toàn bộ trên giấy trắng"
    return Exported(result.path, f"giấy khen ({how}, mẫu {result.layout})", pages=result.pages, changes=changes,
                    warnings=result.warnings, detail=result)


def _calibration_pdf(ws: Workspace, target: Path, *, layout: str = "a4_ngang", profile: str | None = None
                     ) -> Exported:
    from emulation_desk.documents import page_count
    from emulation_desk.services.reporting.certificates import export_calibration

    written, changes = export_calibration(ws, target, layout=layout, profile=profile)
    return Exported(written, "trang căn chỉnh máy in", pages=page_count(written.read_bytes()), changes=changes)


def _dossier_folder(ws: Workspace, target: Path, *, year: int | None = None, form: str | None = None,
                    dated_on: Any = None, number: str = "", dossier_id: str | None = None) -> Exported:
    """The dossier upward: a folder (named by the tờ trình) under ``target`` and its zip. By ``dossier_id`` (the
    window: a dossier already prepared) or by year and form (the command line: the service prepares the dossier
    first); the service writes the papers and records the folder."""
    from emulation_desk.services.council.dossier_print import export_dossier, write_dossier

    if dossier_id:
        result, changes = write_dossier(ws, dossier_id, target), Changes(nominations=True, ids={dossier_id})
    else:
        if year is None or not form:
            raise KnownError("Hãy cho biết năm và hình thức khen thưởng của hồ sơ.")
        result, changes = export_dossier(ws, year, form, target, dated_on=dated_on, number=number)
    return Exported(result.folder, f"hồ sơ đề nghị cấp trên ({len(result.files)} tệp)", changes=changes,
                    warnings=result.warnings, detail=result)


DOCUMENTS: dict[str, dict[str, Renderer]] = {
    "report": {".pdf": _report_pdf},
    "table": {".pdf": _table_pdf, ".xlsx": _table_xlsx},
    "decision": {".pdf": _decision_pdf},
    "council_pack": {".pdf": _council_pack_pdf},
    "minutes": {".pdf": _meeting_pdf("minutes", "biên bản họp Hội đồng")},
    "tally": {".pdf": _meeting_pdf("tally", "biên bản kiểm phiếu")},
    "dossier_paper": {".pdf": _dossier_paper, ".docx": _dossier_paper},
    "template": {".xlsx": _template_xlsx},
    "nominations": {".xlsx": _nominations_xlsx},
    "decision_list": {".xlsx": _decision_list_xlsx},
    "person_history": {".xlsx": _person_xlsx},
    "certificates": {".pdf": _certificates_pdf},
    "calibration": {".pdf": _calibration_pdf},
    "dossier": {FOLDER: _dossier_folder},
}
NOUNS = {"report": ("báo cáo", "bao-cao-2020"), "table": ("biểu", "bieu-tong-hop-2020"),
         "decision": ("quyết định", "qd-4520"), "council_pack": ("tài liệu họp", "tai-lieu-hop-hoi-dong-2020"),
         "minutes": ("biên bản", "bien-ban-hop-2020"), "tally": ("biên bản kiểm phiếu", "kiem-phieu-2020"),
         "template": ("mẫu danh sách", "mau-de-nghi"), "nominations": ("danh sách đề nghị", "de-nghi-2020"),
         "decision_list": ("danh sách kèm quyết định", "ds-qd-4520"), "person_history": ("quá trình khen thưởng",
                                                                                           "qua-trinh-khen-thuong"),
         "certificates": ("giấy khen", "giay-khen-2891"), "calibration": ("trang căn chỉnh", "trang-can-chinh"),
         "dossier_paper": ("văn bản của hồ sơ", "01-to-trinh")}


def suffixes(document: str) -> list[str]:
    """The file suffixes ``document`` can be written as (".pdf" first)."""
    return list(DOCUMENTS[document])


def renderer_for(document: str, path: Path | str) -> Renderer:
    """The renderer of ``document`` for the file's suffix, or a Vietnamese error naming the suffixes that work."""
    renderers = DOCUMENTS[document]
    if FOLDER in renderers:  # any name is a folder's
        return renderers[FOLDER]
    suffix = Path(path).suffix.lower()
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
