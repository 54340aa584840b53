"""Official documents as PDF on the Decree 30/2020 page (reportlab, no Qt): this package only renders.

The ``*_pdf`` functions of the submodules turn a document's data (gathered by the services) into PDF bytes.
Writing a document to a file goes through the services' one export path,
:func:`emulation_desk.services.reporting.registry.export_document`, which chooses the renderer (PDF here,
XLSX in the services' spreadsheet exports) by the file's suffix and audits the export.
"""

from __future__ import annotations

import re
from pathlib import Path

from emulation_desk.errors import KnownError

_PAGE = re.compile(rb"/Type /Page[^s]")


def page_count(data: bytes) -> int:
    """Pages of a PDF written by this package."""
    return len(_PAGE.findall(data))


def require_pdf_name(path: Path | str) -> Path:
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        raise KnownError(f"Tên tệp “{target.name}” phải có đuôi .pdf, ví dụ “bao-cao-2020.pdf”.")
    return target
