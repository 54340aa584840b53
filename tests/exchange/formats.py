"""One unit list written every way units send it, built by the tests themselves (nothing checked in):
.xlsx (openpyxl), .xls (xlwt, Excel 97–2003 BIFF8), .docx (python-docx), pasted text and HTML, legacy
encodings (TCVN3, VNI; by font or without one), decomposed NFD text, the rows of the printed form
(column numbers, repeated page headers, subtotals, notes, signature) and namesakes.

Why xlwt for the .xls: it is unmaintained, but it is on the package index and writes genuine BIFF8 (an OLE
compound file with FONT/XF records, merged ranges, dates by number format), which is exactly what old office
PCs send; it is a test-only dependency, used to build fixtures, never shipped. Writing BIFF8 and its OLE
container by hand would test our own writer as much as the reader, and LibreOffice is not on every machine.

A list is a sequence of :class:`Line` (kind, values); the writers style each kind: title lines, a two-row
header ("Năm sinh" over "Nam" | "Nữ", the other header cells merged down), group rows merged across the table,
data rows, the rows of the printed form, and the footer.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from emulation_desk.core import legacy_vn

UNIT = "Phòng Giáo dục và Đào tạo"
WIDTH = 8
HEADER1 = ["STT", "Họ và tên", "Năm sinh", None, "Chức vụ", "Đơn vị công tác", "Hình thức khen thưởng",
           "Tóm tắt thành tích"]
HEADER2 = [None, None, "Nam", "Nữ", None, None, None, None]
NUMBERS = [f"({i})" for i in range(1, WIDTH + 1)]


@dataclass(frozen=True)
class Line:
    kind: str  # title | header1 | header2 | group | data | numbering | subtotal | notes | footer
    values: tuple[Any, ...]


def canonical() -> list[Line]:
    """The clean list: title block, two-row header, collectives then individuals (group rows), a footer."""
    lines = [Line("title", ("UBND THÀNH PHỐ NAM ĐỊNH",)), Line("title", ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",)),
             Line("title", ("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2021",)),
             Line("header1", tuple(HEADER1)), Line("header2", tuple(HEADER2)), Line("group", ("I. TẬP THỂ",))]
    lines.append(Line("data", (1, "Tổ Văn phòng", None, None, None, UNIT, "Tập thể Lao động tiên tiến",
                               "Hoàn thành xuất sắc nhiệm vụ năm 2021")))
    lines.append(Line("group", ("II. CÁ NHÂN",)))
    people = [
        ("Nguyễn Thanh Long", 1967, None, "Trưởng phòng", "Lao động tiên tiến", "Hoàn thành xuất sắc nhiệm vụ"),
        ("Nguyễn Thị Loan", None, datetime(1975, 3, 8), "Phó Trưởng phòng", "Chiến sĩ thi đua cơ sở",
         'Sáng kiến "Quản lý hồ sơ điện tử" được công nhận'),
        ("Đào Tiến Định", 1994, None, "Chuyên viên", "Lao động tiên tiến", None),
        ("Trần Văn Mới", "15/12/1980", None, "Chuyên viên", "Lao động tiên tiến", "Mới chuyển đến; tích cực"),
        ("Phạm Ngọc Ước", 1983, None, "Kế toán", "Lao động tiên tiến", "Giữ vững kỷ luật, trách nhiệm"),
        ("Vũ Thị Hường", None, 1990, "Văn thư", "Lao động tiên tiến", "Hỗ trợ đồng nghiệp ở các trường"),
    ]
    for number, (name, male, female, position, form, achievement) in enumerate(people, start=1):
        lines.append(Line("data", (number, name, male, female, position, UNIT, form, achievement)))
    lines += [Line("footer", (None, None, None, None, None, "Nam Định, ngày 10 tháng 12 năm 2021")),
              Line("footer", (None, "NGƯỜI LẬP BIỂU", None, None, None, "THỦ TRƯỞNG ĐƠN VỊ"))]
    return lines


def with_form_rows(lines: list[Line], page: int = 3) -> list[Line]:
    """Column numbers under the header, the header and numbers again every ``page`` data rows (as printed
    pages repeat them), a subtotal after each group, a notes row before the footer."""
    header = [line for line in lines if line.kind in ("header1", "header2")]
    numbering = Line("numbering", tuple(NUMBERS))
    out: list[Line] = []
    count = 0
    in_group = False
    for line in lines:
        if line.kind == "group" and in_group:
            out.append(Line("subtotal", (None, f"Cộng: {count} người")))
        if line.kind == "footer" and in_group:
            out += [Line("subtotal", (None, "Tổng cộng")),
                    Line("notes", ("Ghi chú: danh sách xếp theo thứ tự đơn vị; số liệu đến 30/11/2021.",))]
            in_group = False
        out.append(line)
        if line.kind == "header2":
            out.append(numbering)
        if line.kind == "group":
            in_group, count = True, 0
        if line.kind == "data":
            count += 1
            if count % page == 0:
                out += [*header, numbering]
    return out


def encoded(lines: list[Line], encoding: str, *, capitals_font: bool = False) -> list[Line]:
    """Every text as a legacy font shows it; ``capitals_font``: title, header and group rows in the
    capitals-only font (".VnTimeH"), typed in lower case as ABC users did."""
    def convert(line: Line, text: str) -> str:
        if encoding == "nfd":
            return unicodedata.normalize("NFD", text)
        if encoding == legacy_vn.VNI:
            return legacy_vn.encode_vni(text)
        upper = capitals_font and line.kind in ("title", "header1", "header2", "group")
        return legacy_vn.encode_tcvn3(text.lower() if upper else text)
    return [replace(line, values=tuple(convert(line, v) if isinstance(v, str) else v for v in line.values))
            for line in lines]


def font_for(encoding: str | None, kind: str, capitals_font: bool = False) -> str:
    if encoding == legacy_vn.TCVN3:
        return ".VnTimeH" if capitals_font and kind in ("title", "header1", "header2", "group") else ".VnTime"
    if encoding == legacy_vn.VNI:
        return "VNI-Times"
    return "Times New Roman"


# --------------------------------------------------------------------------- writers


def write_xlsx(path: Path, lines: list[Line], *, font: Callable[[str], str] | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    for row, line in enumerate(lines, start=1):
        for column, value in enumerate(line.values, start=1):
            if value is None:
                continue
            cell = ws.cell(row, column, value.date() if isinstance(value, datetime) else value)
            if isinstance(value, datetime):
                cell.number_format = "DD/MM/YYYY"
            cell.font = Font(name=font(line.kind) if font else "Times New Roman")
        if line.kind in ("group", "title", "notes"):
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=WIDTH)
        if line.kind == "header1":
            ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=4)
            for column in (1, 2, 5, 6, 7, 8):
                ws.merge_cells(start_row=row, start_column=column, end_row=row + 1, end_column=column)
    wb.save(path)
    return path


def write_xls(path: Path, lines: list[Line], *, font: Callable[[str], str] | None = None) -> Path:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Danh sách")
    styles: dict[tuple[str, bool], Any] = {}

    def style(kind: str, is_date: bool) -> Any:
        key = (font(kind) if font else "Times New Roman", is_date)
        if key not in styles:
            styles[key] = xlwt.easyxf(f"font: name {key[0]}", num_format_str="DD/MM/YYYY" if is_date else None)
        return styles[key]

    for row, line in enumerate(lines):
        if line.kind in ("group", "title", "notes"):
            ws.write_merge(row, row, 0, WIDTH - 1, line.values[0], style(line.kind, False))
            continue
        for column, value in enumerate(line.values):
            if value is not None:
                ws.write(row, column, value, style(line.kind, isinstance(value, datetime)))
    wb.save(str(path))
    return path


def write_docx(path: Path, lines: list[Line], *, font: Callable[[str], str] | None = None,
               numbered_by_word: bool = True) -> Path:
    """Title, footer and "heading" lines as paragraphs, each run of other lines as a table: group rows merged
    across, the header's cells merged down over its two rows; ``numbered_by_word``: the STT column left empty
    (Word's automatic numbering is not in the text)."""
    import docx

    document = docx.Document()
    segment: list[Line] = []
    for line in lines:
        if line.kind in ("title", "footer", "heading"):
            if segment:
                _table(document, segment, font, numbered_by_word)
                segment = []
            _paragraph(document, Line(line.kind, (" ".join(str(v) for v in line.values if v),)), font)
        else:
            segment.append(line)
    if segment:
        _table(document, segment, font, numbered_by_word)
    document.save(str(path))
    return path


def _table(document: Any, lines: list[Line], font: Callable[[str], str] | None, numbered_by_word: bool) -> None:
    table = document.add_table(rows=len(lines), cols=WIDTH)
    for row, line in enumerate(lines):
        values = list(line.values) + [None] * (WIDTH - len(line.values))
        if line.kind in ("group", "notes", "subtotal") and values[0] is not None:
            table.cell(row, 0).merge(table.cell(row, WIDTH - 1))
        if line.kind == "header1":
            table.cell(row, 2).merge(table.cell(row, 3))
            for column in (0, 1, 4, 5, 6, 7):
                table.cell(row, column).merge(table.cell(row + 1, column))
        for column, value in enumerate(values):
            if value is None or (line.kind == "data" and column == 0 and numbered_by_word):
                continue
            if line.kind == "header2" and column in (0, 1, 4, 5, 6, 7):
                continue
            text = value.strftime("%d/%m/%Y") if isinstance(value, datetime) else str(value)
            run = table.cell(row, column).paragraphs[0].add_run(text)
            run.font.name = font(line.kind) if font else "Times New Roman"


def _paragraph(document: Any, line: Line, font: Callable[[str], str] | None) -> None:
    run = document.add_paragraph().add_run(str(line.values[0]))
    run.font.name = font(line.kind) if font else "Times New Roman"


def as_tsv(lines: list[Line]) -> str:
    """The rows as Excel puts them on the clipboard (tabs; a cell with a tab or line break quoted)."""
    def cell(value: Any) -> str:
        text = "" if value is None else value.strftime("%d/%m/%Y") if isinstance(value, datetime | date) else str(value)
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in '\t\n"') else text
    return "\r\n".join("\t".join(cell(v) for v in line.values) for line in lines) + "\r\n"


def as_html(lines: list[Line], *, font: str | None = None) -> str:
    """The rows as Word's HTML clipboard flavour (header, a table, spans for merged cells)."""
    rows = []
    for line in lines:
        values = list(line.values)
        style = f" style='font-family:\"{font}\"'" if font else ""
        if line.kind in ("group", "title", "notes"):
            rows.append(f"<tr><td colspan={WIDTH}><p><span{style}>{html.escape(str(values[0]))}</span></p></td></tr>")
            continue
        cells = []
        for value in values:
            text = "" if value is None else value.strftime("%d/%m/%Y") if isinstance(value, datetime) else str(value)
            cells.append(f"<td><p class=MsoNormal><span{style}>{html.escape(text)}</span></p></td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    body = "<table class=MsoTableGrid>" + "".join(rows) + "</table>"
    return ("Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000009999\r\n"
            f"<html><body><!--StartFragment-->{body}<!--EndFragment--></body></html>")
