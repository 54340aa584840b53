"""Writing cells that reopen exactly as written, and saving a workbook all-or-nothing.

openpyxl turns a string that starts with "=" into a formula, "#N/A" into an error cell, silently cuts
strings at 32.767 characters and raises on control characters. Here every string is written as a text
cell (``data_type = "s"``; text starting with = + - @, a tab or a carriage return also gets Excel's
quote prefix so that editing the cell keeps it text), an over-long string or a control character is
collected as a :class:`SheetProblem`, and the export fails as a whole before anything is written.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.pdfbase.ttfonts import TTFont

from emulation_desk.core.text import format_int
from emulation_desk.exchange.errors import ExportError, SheetProblem, problem
from emulation_desk.resources import resource_path

EXCEL_MAX_CHARS = 32_767
_OOXML_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FONT_NAME = "Times New Roman"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
DATE_FORMAT = "dd/mm/yyyy"


def ooxml_escape(text: str) -> str:
    """Escape what XML would change, the way Excel does: a carriage return (XML reads it as a line feed)
    becomes ``_x000D_`` and a literal ``_xHHHH_`` keeps its underscore (``_x005F_``)."""
    if "_x" in text:
        text = _OOXML_ESCAPE.sub(lambda m: "_x005F" + m.group(0), text)
    return text.replace("\r", "_x000D_")


def font(size: float = 12, *, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic)


@dataclass(frozen=True)
class Look:
    """How a cell looks; each distinct look becomes one named style of the workbook (fast to assign)."""

    size: float = 12
    bold: bool = False
    italic: bool = False
    center: bool = False
    border: bool = False
    number_format: str = "General"
    locked: bool = True
    wrap: bool = True


class CellWriter:
    """Writes values into one workbook, collecting every value that cannot be written unchanged."""

    def __init__(self) -> None:
        self.problems: list[SheetProblem] = []
        self._names: dict[tuple[int, Look], str] = {}

    def style_name(self, ws: Worksheet, look: Look) -> str:
        workbook = ws.parent
        key = (id(workbook), look)
        name = self._names.get(key)
        if name is None:
            name = f"emulation_desk {len(self._names) + 1}"
            alignment = Alignment(horizontal="center" if look.center else "left", vertical="center",
                                  wrap_text=look.wrap)
            workbook.add_named_style(NamedStyle(
                name=name, font=font(look.size, bold=look.bold, italic=look.italic), alignment=alignment,
                border=BORDER if look.border else Border(), number_format=look.number_format,
                protection=Protection(locked=look.locked)))
            self._names[key] = name
        return name

    def put(self, ws: Worksheet, row: int, column: int, value: Any, look: Look | None = None) -> Any:
        """Write ``value`` (text stays text, numbers stay numbers, dates get dd/mm/yyyy); return the cell."""
        cell = ws.cell(row=row, column=column)
        if isinstance(value, datetime | date) and look is not None:
            look = replace(look, number_format=DATE_FORMAT)
        if look is not None:
            cell.style = self.style_name(ws, look)
        if isinstance(value, str):
            if not self._check_text(ws.title, row, column, value):
                return cell
            cell.value = ooxml_escape(value)
            cell.data_type = "s"  # never a formula, never an error code
            if value.startswith(FORMULA_TRIGGERS):
                cell.quotePrefix = True
        elif isinstance(value, Decimal):
            cell.value = float(value)
        elif isinstance(value, datetime | date):
            cell.value = value
            if look is None:
                cell.number_format = DATE_FORMAT
        elif value is None or isinstance(value, int | float | bool):
            cell.value = value
        else:
            raise TypeError(f"cannot write {type(value).__name__} to a spreadsheet cell")
        return cell

    def _check_text(self, sheet: str, row: int, column: int, value: str) -> bool:
        place = {"sheet": sheet, "row": row, "column": get_column_letter(column), "value": value}
        if len(value) > EXCEL_MAX_CHARS:
            self.problems.append(problem(
                f"Nội dung dài {format_int(len(value))} ký tự, vượt giới hạn {format_int(EXCEL_MAX_CHARS)} ký tự "
                "của một ô Excel; chương trình không cắt bớt. Hãy rút gọn nội dung này rồi xuất lại.", **place))
            return False
        bad = ILLEGAL_CHARACTERS_RE.search(value)
        if bad:
            self.problems.append(problem(
                f"Nội dung có ký tự điều khiển không ghi được vào Excel (mã {ord(bad.group()):#04x}). Hãy sửa "
                "nội dung này (thường do chép từ phần mềm khác) rồi xuất lại.", **place))
            return False
        return True

    def raise_if_problems(self, what: str) -> None:
        if self.problems:
            raise ExportError(f"Không xuất được {what}: {len(self.problems)} nội dung không ghi được vào Excel "
                              "mà không bị thay đổi. Không có tệp nào được ghi.", self.problems)


def set_widths(ws: Worksheet, widths: Iterable[float]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def a4(ws: Worksheet, *, landscape: bool, title_rows: str | None = None, fit_width: bool = True) -> None:
    """A4 page with Decree 30's margins (2 cm top and bottom, 3 cm left, 1,5 cm right; in inches)."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_margins.left, ws.page_margins.right = 1.18, 0.59
    ws.page_margins.top, ws.page_margins.bottom = 0.79, 0.79
    ws.print_options.horizontalCentered = True
    if fit_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    if title_rows:
        ws.print_title_rows = title_rows


@cache
def _metrics(bold: bool, italic: bool) -> TTFont:
    """Liberation Serif (Times New Roman's metrics, shipped with the program) to measure text."""
    face = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic", (True, True): "BoldItalic"}
    return TTFont(f"xlsx-measure-{int(bold)}{int(italic)}",
                  str(resource_path("fonts", f"LiberationSerif-{face[bold, italic]}.ttf")))


def text_points(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    return float(_metrics(bold, italic).stringWidth(text, size))


def column_points(width: float) -> float:
    """Usable points of a column ``width`` units wide in Excel (7 px per unit of the Calibri 11 "0", 5 px
    padding), less a 5 % margin for renderers that lay text out a little wider."""
    return ((width * 7 + 5) * 0.75 - 3) / 1.05


def line_count(text: str, width: float, size: float = 11, *, bold: bool = False, italic: bool = False) -> int:
    """Lines ``text`` takes when wrapped in a column (or merged columns) ``width`` units wide."""
    usable = max(column_points(width), 1.0)
    space = text_points(" ", size, bold=bold, italic=italic)
    lines = 0
    for paragraph in str(text).split("\n"):
        lines += 1
        current = 0.0
        for word in paragraph.split():
            size_pt = text_points(word, size, bold=bold, italic=italic)
            if current and current + space + size_pt > usable:
                lines += 1
                current = 0.0
            current = current + space + size_pt if current else size_pt
            while current > usable:  # a word longer than the line is broken anywhere
                lines += 1
                current -= usable
    return lines


def row_height(lines: int, size: float) -> float:
    """Row height in points for ``lines`` wrapped lines of Times New Roman ``size``."""
    return round(lines * size * 1.2 + 3, 1)


def save_atomically(workbook: Workbook, target: Path | str) -> Path:
    """Save the workbook to ``target`` all-or-nothing: the target is either old or complete.

    The archive is built in memory and written by the one atomic writer of finished documents
    (:func:`emulation_desk.documents.output.write_atomically`: a temporary file beside the target, flushed to
    the disk, then renamed). openpyxl writing its zip straight to a file on a nearly full disk left the archive
    open after the error, and Python printed a traceback when it was collected after the message; in memory
    nothing can fail half-way, and the disk sees one write whose failure is a Vietnamese message."""
    from emulation_desk.documents.output import write_atomically

    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        raise ExportError(f"Tên tệp phải có đuôi .xlsx (nhận được “{target.name}”).")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return write_atomically(buffer.getvalue(), target, make_folder=True)
