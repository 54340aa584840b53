"""Official documents as PDF on the Decree 30/2020 page (reportlab, no Qt).

Each ``export_*`` function gathers its data through the services, lays the document out and writes it
all-or-nothing (a temporary file in the target folder, then moved into place), recording the export in
the audit log. ``*_pdf`` functions in the submodules return the bytes for previews and tests.
"""

from __future__ import annotations

import re
from pathlib import Path

from emulation_desk.errors import KnownError
from emulation_desk.services.workspace import Workspace

_PAGE = re.compile(rb"/Type /Page[^s]")


def page_count(data: bytes) -> int:
    """Pages of a PDF written by this package."""
    return len(_PAGE.findall(data))


def require_pdf_name(path: Path | str) -> Path:
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        raise KnownError(f"Tên tệp “{target.name}” phải có đuôi .pdf, ví dụ “bao-cao-2020.pdf”.")
    return target


def export_report(ws: Workspace, year: int, path: Path | str) -> tuple[Path, int]:
    """The year-end report with its statistical table; returns (file, pages)."""
    from emulation_desk.documents.output import write_atomically
    from emulation_desk.documents.report import report_pdf
    from emulation_desk.services.reporting.documents_data import record_export, report_for_print

    target = require_pdf_name(path)
    report = report_for_print(ws, year)
    data = report_pdf(report)
    written = write_atomically(data, target)
    record_export(ws, "report", "", f"báo cáo tổng kết năm {year}", written)
    return written, page_count(data)


def export_table_pdf(ws: Workspace, year: int, path: Path | str) -> tuple[Path, int]:
    """The statistical table alone on landscape pages; returns (file, pages)."""
    from emulation_desk.documents.output import write_atomically
    from emulation_desk.documents.report import table_pdf
    from emulation_desk.services.reporting.documents_data import record_export, table_for_print

    target = require_pdf_name(path)
    data = table_pdf(*table_for_print(ws, year))
    written = write_atomically(data, target)
    record_export(ws, "stat_table", "", f"biểu tổng hợp kết quả khen thưởng năm {year}", written)
    return written, page_count(data)


def export_decision(ws: Workspace, number: str, year: int, path: Path | str, *, decision_id: str | None = None
                    ) -> tuple[Path, int]:
    """An award decision of this office with its attached list (by number, or by id); returns (file, pages)."""
    from emulation_desk.documents.decision import decision_pdf
    from emulation_desk.documents.output import write_atomically
    from emulation_desk.services.awards.decisions import find_decision
    from emulation_desk.services.reporting.documents_data import decision_for_print, record_export

    target = require_pdf_name(path)
    decision = decision_for_print(ws, number, year, decision_id=decision_id)
    data = decision_pdf(decision)
    written = write_atomically(data, target)
    row = ws.store.get("decision", decision_id) if decision_id else find_decision(ws, number, year)
    record_export(ws, "decision", row["id"], f"quyết định số {row['number']}/{row['symbol']}", written)
    return written, page_count(data)
