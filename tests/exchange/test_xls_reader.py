"""The .xls reader types values as the .xlsx reader does: whole numbers as int, dates by format, formulas
refused, hidden sheets marked, legacy fonts noted per cell."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import xlwt

from emulation_desk.exchange.reader import Formula, read_workbook


@pytest.fixture
def xls(tmp_path: Path) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Danh sách")
    sheet.write(0, 0, "Họ và tên")
    sheet.write(0, 1, 1967)
    sheet.write(0, 2, 2.5)
    sheet.write(0, 3, datetime(1975, 3, 8), xlwt.easyxf(num_format_str="DD/MM/YYYY"))
    sheet.write(0, 4, xlwt.Formula("B1+1"))
    sheet.write(0, 5, True)
    sheet.write(1, 0, "Hä vµ tªn", xlwt.easyxf("font: name .VnTime"))
    sheet.write(1, 1, "   ")
    hidden = book.add_sheet("Ẩn")
    hidden.write(0, 0, "x")
    hidden.visibility = 1
    book.save(str(tmp_path / "ds.xls"))
    return tmp_path / "ds.xls"


def test_values_fonts_and_sheets(xls: Path) -> None:
    source = read_workbook(xls)
    first, hidden = source.sheets
    assert source.kind == "xls" and hidden.hidden and not first.hidden
    name, year, half, born, formula, flag = first.rows[0]
    assert (name, year, half, born, flag) == ("Họ và tên", 1967, 2.5, datetime(1975, 3, 8), True)
    assert type(year) is int
    assert isinstance(formula, Formula) and "công thức" in formula.text
    assert first.rows[1] == ("Họ và tên",)  # converted from TCVN3 by its font; blank text is empty
    (conversion,) = source.conversions
    assert (conversion.sheet, conversion.column, conversion.by_font) == ("Danh sách", "A", True)
    assert len(source.sha256) == 64
