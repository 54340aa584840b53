"""The streaming reader gives the values openpyxl's read-only mode gives (the reader used before), for
every kind of cell, with inline and with shared strings; and it reads past a wrong ``<dimension>``."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from emulation_desk.exchange.reader import CellError, Formula, read_workbook
from tests.bench.import_bench import as_excel_saves_it
from tests.exchange.builders import messy_nomination_workbook, replace_member


def _varied(path: Path, epoch_1904: bool) -> Path:
    wb = openpyxl.Workbook()
    if epoch_1904:
        wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Các kiểu ô"
    ws.append(["Chữ", "  khoảng trắng  ", "", "   ", "dòng 1\ndòng 2", "a_x000D_b"])
    ws.append([1, 2.5, -3, 1e20, 0.1, True, False])
    ws.append([datetime(1980, 12, 15), date(2020, 2, 29), datetime(2021, 1, 1, 8, 30), time(7, 15)])
    ws["E3"] = 44000
    ws["E3"].number_format = "dd/mm/yyyy"
    ws["F3"] = 29570
    ws["F3"].number_format = "#,##0"
    ws["G3"] = 1.5
    ws["G3"].number_format = "[h]:mm:ss"
    ws.append(["=1+1", '=CONCATENATE("Nguyễn ","An")', "#N/A"])
    ws["C4"].data_type = "e"
    ws["D4"] = CellRichText([TextBlock(InlineFont(b=True), "Nguyễn "), "Văn An"])
    ws["A7"] = "sau hai dòng trống"
    ws["J7"] = "cột J"
    hidden = wb.create_sheet("Ẩn")
    hidden.sheet_state = "hidden"
    hidden.append(["ẩn"])
    wb.save(path)
    return path


def _old_way(path: Path) -> list[tuple[str, bool, list[tuple[Any, ...]]]]:
    """What openpyxl's read-only mode reads, converted as the previous reader converted it."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    sheets = []
    for ws in wb.worksheets:
        ws.reset_dimensions()
        rows = []
        for cells in ws.iter_rows():
            values: list[Any] = []
            for cell in cells:
                value = cell.value
                if value is not None and cell.data_type == "f":
                    value = Formula(str(value))
                elif value is not None and cell.data_type == "e":
                    value = CellError(str(value))
                elif isinstance(value, str):
                    value = openpyxl.utils.escape.unescape(value) if "_x" in value else value
                    value = value if value.strip() else None
                values.append(value)
            while values and values[-1] is None:
                values.pop()
            rows.append(tuple(values))
        while rows and not rows[-1]:
            rows.pop()
        sheets.append((ws.title, ws.sheet_state != "visible", rows))
    wb.close()
    return sheets


def _new_way(path: Path) -> list[tuple[str, bool, list[tuple[Any, ...]]]]:
    return [(g.title, g.hidden, g.rows) for g in read_workbook(path).sheets]


@pytest.mark.parametrize("epoch_1904", [False, True])
@pytest.mark.parametrize("shared", [False, True])
def test_values_as_openpyxl_reads_them(tmp_path: Path, epoch_1904: bool, shared: bool) -> None:
    path = _varied(tmp_path / "kieu.xlsx", epoch_1904)
    if shared:
        path = as_excel_saves_it(path, tmp_path / "kieu_excel.xlsx")
    new = _new_way(path)
    assert new == _old_way(path)
    rows = new[0][2]
    assert rows[0][4] == "dòng 1\ndòng 2" and rows[0][5] == "a\rb" and rows[0][2:4] == (None, None)
    assert rows[1] == (1, 2.5, -3, 1e20, 0.1, True, False)
    assert rows[2][:3] == (datetime(1980, 12, 15), datetime(2020, 2, 29), datetime(2021, 1, 1, 8, 30))
    assert rows[2][4] == (datetime(2024, 6, 19) if epoch_1904 else datetime(2020, 6, 18)) and rows[2][5] == 29570
    assert rows[3] == (Formula("=1+1"), Formula('=CONCATENATE("Nguyễn ","An")'), CellError("#N/A"), "Nguyễn Văn An")
    assert rows[6][0] == "sau hai dòng trống" and rows[6][9] == "cột J" and rows[4] == rows[5] == ()
    assert new[1] == ("Ẩn", True, [("ẩn",)])


def test_the_messy_list_reads_as_before(tmp_path: Path) -> None:
    path = messy_nomination_workbook(tmp_path / "danh_sach.xlsx")
    assert _new_way(path) == _old_way(path)


def test_a_wrong_dimension_does_not_hide_rows(tmp_path: Path) -> None:
    """Some programs write ``<dimension ref="A1"/>`` whatever the sheet holds; every row is still read."""
    path = _varied(tmp_path / "kieu.xlsx", False)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    start = sheet.index("<dimension ref=\"") + len("<dimension ref=\"")
    sheet = sheet[:start] + "A1" + sheet[sheet.index("\"", start):]
    replace_member(path, "xl/worksheets/sheet1.xml", sheet.encode())
    grid = read_workbook(path).sheets[0]
    assert grid.row_count == 7 and grid.value(7, 10) == "cột J"
