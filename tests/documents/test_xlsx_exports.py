"""The XLSX table and lists as printed papers: counts with thousands dots as in the PDF, the header frozen
and repeated, merged group rows, Decree 30 margins, A4 landscape fit to width, the issuing body's line; the
lists end with a total row and print no internal phrase."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from openpyxl import load_workbook

from emulation_desk.services.reporting import exports
from emulation_desk.services.workspace import Workspace


def test_table_xlsx_is_a_paper(doc_ws: Workspace, tmp_path: Path) -> None:
    path = exports.export_table(doc_ws, 2020, tmp_path / "bieu.xlsx").path
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "ỦY BAN NHÂN DÂN THÀNH PHỐ NAM ĐỊNH" and sheet["A1"].font.bold
    assert sheet["A2"].value.startswith("BIỂU TỔNG HỢP KẾT QUẢ KHEN THƯỞNG")
    assert sheet.freeze_panes == "C7" and sheet.print_title_rows == "$3:$6"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    groups = [r for r in range(7, sheet.max_row + 1) if sheet.cell(r, 1).value in ("I", "II", "III")]
    assert groups and all(f"B{r}:N{r}" in merged for r in groups)
    margins = sheet.page_margins
    assert (margins.left, margins.right, margins.top, margins.bottom) == (1.18, 0.59, 0.79, 0.79)
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    lao_dong = next(r for r in range(7, sheet.max_row + 1) if sheet.cell(r, 2).value == "Lao động tiên tiến")
    cell = sheet.cell(lao_dong, 3)
    assert cell.value == 1984 and '"."' in cell.number_format  # a number, shown with a dot


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_the_counts_as_the_pdf_does(doc_ws: Workspace, tmp_path: Path) -> None:
    path = exports.export_table(doc_ws, 2020, tmp_path / "bieu.xlsx").path
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    with pdfplumber.open(tmp_path / "bieu.pdf") as pdf:
        text = " ".join((p.extract_text() or "") for p in pdf.pages)
    assert "1.984" in text and "1984" not in text.replace("1.984", "")


def test_decision_list_has_a_total_row_and_no_internal_phrase(doc_ws: Workspace, tmp_path: Path) -> None:
    result = exports.export_decision(doc_ws, tmp_path / "qd.xlsx", number="4523", year=2020)
    sheet = load_workbook(result.path).active
    values = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any("đơn vị mình" in v for v in values)
    last = [c.value for c in sheet[sheet.max_row]]
    assert last[1] == "Tổng cộng: 58 tập thể, 87 cá nhân" and last[-1] == 91_350_000
