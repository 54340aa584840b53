"""Writing cells that reopen exactly as written, and saving a workbook all-or-nothing.

openpyxl turns a string that starts with "=" into a formula, "#N/A" into an error cell, silently cuts
strings at 32.767 characters and raises on control characters. Here every string is written as a text
cell (``data_type = "s"``; text starting with = + - @, a tab or a carriage return also gets Excel's
quote prefix so that editing the cell keeps it text), an over-long string or a control character is
collected as a :class:`SheetProblem`, and the export fails as a whole before anything is written.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from emulation_desk.core.text import format_int
from emulation_desk.exchange.errors import ExportError, SheetProblem, problem

EXCEL_MAX_CHARS = 32_767
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FONT_NAME = "Times New Roman"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
DATE_FORMAT = "dd/mm/yyyy"


def font(size: float = 12, *, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic)


class CellWriter:
    """Writes values into one workbook, collecting every value that cannot be written unchanged."""

    def __init__(self) -> None:
        self.problems: list[SheetProblem] = []

    def put(self, ws: Worksheet, row: int, column: int, value: Any, **style: Any) -> Any:
        """Write ``value`` (text stays text, numbers stay numbers); return the cell."""
        cell = ws.cell(row=row, column=column)
        if isinstance(value, str):
            if not self._check_text(ws.title, row, column, value):
                return cell
            cell.value = value
            cell.data_type = "s"  # never a formula, never an error code
            if value.startswith(FORMULA_TRIGGERS):
                cell.quotePrefix = True
        elif isinstance(value, Decimal):
            cell.value = float(value)
        elif isinstance(value, datetime | date):
            cell.value = value
            cell.number_format = DATE_FORMAT
        elif value is None or isinstance(value, int | float | bool):
            cell.value = value
        else:
            raise TypeError(f"cannot write {type(value).__name__} to a spreadsheet cell")
        for name, setting in style.items():
            setattr(cell, name, setting)
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
    """A4 page, margins in inches close to Decree 30's (2 cm top/bottom, 3 cm left, 1.5 cm right)."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_margins.left, ws.page_margins.right = 0.79, 0.59
    ws.page_margins.top, ws.page_margins.bottom = 0.59, 0.59
    ws.print_options.horizontalCentered = True
    if fit_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    if title_rows:
        ws.print_title_rows = title_rows


def line_count(text: str, width_chars: float) -> int:
    """Lines a wrapped text takes in a column ``width_chars`` wide (greedy word wrap, capitals wider)."""
    usable = max(width_chars - 1.0, 1.0)
    lines = 0
    for paragraph in str(text).split("\n"):
        current = 0.0
        lines += 1
        for word in paragraph.split():
            size = sum(1.25 if ch.isupper() else 1.0 for ch in word)
            if current and current + 1 + size > usable:
                lines += 1
                current = size
            else:
                current = current + 1 + size if current else size
            while current > usable:  # a word longer than the line breaks anywhere
                lines += 1
                current -= usable
    return lines


def save_atomically(workbook: Workbook, target: Path | str) -> Path:
    """Save next to the target, then replace it in one step: the target is either old or complete."""
    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        raise ExportError(f"Tên tệp phải có đuôi .xlsx (nhận được “{target.name}”).")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".xlsx.tmp", dir=target.parent)
        os.close(handle)
    except OSError as exc:
        raise ExportError(f"Không ghi được vào thư mục {target.parent}: {exc.strerror or exc}. Hãy chọn thư mục "
                          "khác có quyền ghi.") from exc
    temp = Path(temp_name)
    try:
        workbook.save(temp)
        os.replace(temp, target)
    except PermissionError as exc:
        raise ExportError(f"Không ghi được tệp “{target.name}”: tệp đang được mở (trong Excel?) hoặc không có "
                          "quyền ghi. Hãy đóng tệp rồi thử lại.") from exc
    except OSError as exc:
        raise ExportError(f"Không ghi được tệp “{target.name}”: {exc.strerror or exc}. Hãy kiểm tra ổ đĩa còn "
                          "chỗ trống và quyền ghi.") from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return target
