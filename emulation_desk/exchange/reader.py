"""Reading an untrusted list (.xlsx here; .xls in :mod:`xls`, .docx in :mod:`docx`, pasted text in
:mod:`paste`) into plain grids of cell values, safely, the same for every format.

Order of defence: :func:`safety.check_container` (extension against content, OLE/password, zip bombs) before
any XML is parsed; every XML part through :mod:`safexml` (the prolog is checked and any DTD refused before the C expat
parser sees a byte — see its docstring for why that closes entity expansion and external entities);
streaming, row by row (:mod:`xlsx`), nothing kept but the values; a formula arrives as a formula
(:class:`Formula`) and is refused by the importer, never evaluated nor replaced by a cached value; a row
cap, a column cap, a cell cap and a stop at the first long run of empty rows, whatever the sheet claims.
Last, :func:`legacy.normalise_grid` converts text typed in TCVN3/VNI fonts and brings every text to NFC.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.utils.escape import unescape

from emulation_desk.core.text import format_int
from emulation_desk.exchange.errors import (
    DamagedSpreadsheetError,
    SheetProblem,
    SpreadsheetError,
    UnsafeSpreadsheetError,
    problem,
)
from emulation_desk.exchange.legacy import Conversion, normalise_grid
from emulation_desk.exchange.safety import DEFAULT_LIMITS, DOCX, XLS, Limits, check_container
from emulation_desk.exchange.safexml import UnsafeXmlError
from emulation_desk.exchange.xlsx import CellError, Formula, SheetStream, open_book

__all__ = ["CellError", "Formula", "SheetGrid", "SourceWorkbook", "cell_text", "read_workbook"]

MARKER_SHEET = "_emulation_desk"
MARKER_TAG = "emulation_desk"
Progress = Callable[[str, int], None]


@dataclass
class SheetGrid:
    """The values of one sheet as read (rows from 1; trailing empty cells and rows dropped)."""

    title: str
    rows: list[tuple[Any, ...]]
    claimed_rows: int | None = None
    stopped_at: int | None = None  # first row not read because a long run of empty rows ended the data
    hidden: bool = False
    fonts: dict[tuple[int, int], tuple[str, bool]] = field(default_factory=dict)  # legacy-font text cells

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def column_count(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def value(self, row: int, column: int) -> Any:
        """Value at 1-based (row, column); None outside the grid."""
        if 1 <= row <= len(self.rows):
            cells = self.rows[row - 1]
            if 1 <= column <= len(cells):
                return cells[column - 1]
        return None

    def text(self, row: int, column: int) -> str:
        return cell_text(self.value(row, column))


@dataclass
class SourceWorkbook:
    """A workbook read into memory: every sheet's grid, the 1900/1904 epoch, the template marker."""

    path: Path
    sha256: str
    sheets: list[SheetGrid]
    epoch: datetime
    marker: list[list[Any]] | None = None  # rows of the hidden marker sheet after its tag
    warnings: list[SheetProblem] = field(default_factory=list)
    kind: str = "xlsx"  # xlsx | xls | docx | paste
    conversions: list[Conversion] = field(default_factory=list)  # legacy-encoded text converted to Unicode

    def finish(self) -> SourceWorkbook:
        """Convert legacy-font text and normalise every text to NFC, sheet by sheet (every reader ends here)."""
        for grid in self.sheets:
            self.conversions.extend(normalise_grid(grid))
        return self

    @property
    def name(self) -> str:
        return self.path.name

    def sheet(self, title: str) -> SheetGrid:
        for grid in self.sheets:
            if grid.title == title:
                return grid
        raise KeyError(title)


def cell_text(value: Any) -> str:
    """A cell as display text (numbers without a trailing .0; dates dd/mm/yyyy)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Formula):
        return value.text
    if isinstance(value, CellError):
        return value.code
    return str(value)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_workbook(path: Path | str, limits: Limits = DEFAULT_LIMITS, *, progress: Progress | None = None
                  ) -> SourceWorkbook:
    """Check and read a workbook; raise a :class:`SpreadsheetError` subclass with Vietnamese messages."""
    path = Path(path)
    kind = check_container(path, limits)
    if kind == XLS:
        from emulation_desk.exchange.xls import read_xls

        return read_xls(path, limits, progress=progress).finish()
    if kind == DOCX:
        from emulation_desk.exchange.word import read_docx

        return read_docx(path, limits, progress=progress).finish()
    sha = _file_sha256(path)
    try:
        with zipfile.ZipFile(path) as archive:
            book = open_book(archive)
            if len(book.sheets) > limits.max_sheets:
                message = (f"Tệp “{path.name}” có {len(book.sheets)} trang tính, vượt giới hạn "
                           f"{limits.max_sheets}. Hãy chép các trang cần nhập sang một tệp mới.")
                raise UnsafeSpreadsheetError(message, [problem(message)])
            source = SourceWorkbook(path=path, sha256=sha, sheets=[], epoch=book.epoch)
            for entry in book.sheets:
                stream = SheetStream(book, entry, limits.max_columns)
                grid = _read_sheet(stream, limits, progress, source.warnings)
                if grid.title == MARKER_SHEET:
                    source.marker = _marker(grid)
                else:
                    source.sheets.append(grid)
            return source.finish()
    except SpreadsheetError:
        raise
    except Exception as exc:  # untrusted input: every parser failure is a damaged or hostile file
        raise _translate(path, exc) from exc


def _translate(path: Path, exc: Exception) -> SpreadsheetError:
    if isinstance(exc, UnsafeXmlError):
        message = (f"Tệp “{path.name}” chứa khai báo XML nguy hiểm (dấu hiệu “bom XML”) nên không được mở. "
                   "Hãy xin đơn vị gửi lại tệp được lưu trực tiếp từ Excel.")
        return UnsafeSpreadsheetError(message, [problem(message)], details=repr(exc))
    message = (f"Tệp “{path.name}” bị hỏng hoặc không đúng cấu trúc của Excel nên không đọc được. Hãy mở tệp "
               "bằng Excel, lưu lại thành .xlsx (hoặc xin đơn vị gửi lại) rồi nhập lại.")
    return DamagedSpreadsheetError(message, [problem(message)], details=repr(exc))


def _refuse_claimed(title: str, claimed: int, limits: Limits) -> None:
    message = (f"Trang “{title}” khai báo {format_int(claimed)} dòng, vượt giới hạn "
               f"{format_int(limits.max_rows)} dòng của một danh sách. Nếu đây là danh sách thật, hãy chép "
               "phần có dữ liệu sang một tệp mới rồi nhập tệp mới.")
    raise UnsafeSpreadsheetError(message, [problem(message, sheet=title)])


def _read_sheet(stream: Any, limits: Limits, progress: Progress | None,
                warnings: list[SheetProblem]) -> SheetGrid:
    """Rows from 1, gaps filled with empty rows; stops at the row cap, or after ``empty_run`` empty rows.
    ``stream`` is a :class:`SheetStream` or any object with its ``entry``, ``claimed_rows``, ``fonts`` and
    ``rows()`` (the .xls and .docx readers give one)."""
    title = stream.entry.title
    grid = SheetGrid(title=title, rows=[], hidden=stream.entry.state != "visible")
    empty_run = 0
    cells_read = 0
    index = 0  # the last row appended
    checked = False
    for number, cells in stream.rows():
        if not checked:  # <dimension> precedes <sheetData>: refuse a huge claim before reading any row
            checked = True
            if stream.claimed_rows is not None and stream.claimed_rows > limits.max_rows:
                _refuse_claimed(title, stream.claimed_rows, limits)
        if number <= index:
            continue  # a row out of order or repeated: ignored, as openpyxl does
        while index < number:
            index += 1
            if index > limits.max_rows:
                message = (f"Trang “{title}” có hơn {format_int(limits.max_rows)} dòng, vượt giới hạn của một "
                           "danh sách. Hãy chia danh sách thành nhiều tệp.")
                raise UnsafeSpreadsheetError(message, [problem(message, sheet=title, row=index)])
            values = _row_values(title, index, cells, limits) if index == number else ()
            cells_read += len(values)
            if cells_read > limits.max_cells:
                message = (f"Trang “{title}” có hơn {format_int(limits.max_cells)} ô dữ liệu, vượt giới hạn của một "
                           "danh sách. Hãy chia danh sách thành nhiều tệp.")
                raise UnsafeSpreadsheetError(message, [problem(message, sheet=title, row=index)])
            if values:
                empty_run = 0
            else:
                empty_run += 1
                if empty_run >= limits.empty_run:
                    grid.stopped_at = index + 1
                    break
            grid.rows.append(values)
            if progress is not None and index % 500 == 0:
                progress(title, index)
        if grid.stopped_at:
            break
    grid.claimed_rows = stream.claimed_rows
    grid.fonts = getattr(stream, "fonts", None) or {}
    if not checked and grid.claimed_rows is not None and grid.claimed_rows > limits.max_rows:
        _refuse_claimed(title, grid.claimed_rows, limits)
    while grid.rows and not grid.rows[-1]:
        grid.rows.pop()
    claimed = grid.claimed_rows
    if grid.stopped_at and claimed and claimed >= grid.stopped_at:
        warnings.append(problem(
            f"Sau dòng {len(grid.rows)} có {limits.empty_run} dòng trống liên tiếp; phần còn lại của trang (đến dòng "
            f"{format_int(claimed)}) không được đọc. Nếu còn dữ liệu ở dưới, hãy xóa các dòng trống rồi nhập lại.",
            sheet=title, row=grid.stopped_at))
    return grid


def _row_values(title: str, index: int, cells: list[Any], limits: Limits) -> tuple[Any, ...]:
    """The row's values checked: over-long text refused, OOXML escapes undone, blank text as empty."""
    for position, value in enumerate(cells):
        if isinstance(value, str):
            if len(value) > limits.max_cell_chars:
                message = (f"Ô dài {format_int(len(value))} ký tự, vượt giới hạn {format_int(limits.max_cell_chars)} "
                           "ký tự của Excel: tệp không do Excel tạo ra hoặc đã bị sửa. Tệp không được nhập; "
                           "hãy kiểm tra ô này.")
                raise UnsafeSpreadsheetError(message, [problem(message, sheet=title, row=index,
                                                                column=get_column_letter(position + 1), value=value)])
            if "_x" in value:  # OOXML escapes (_x000D_ = carriage return), as Excel reads them
                value = unescape(value)
                cells[position] = value
            if not value.strip():
                cells[position] = None
    while cells and cells[-1] is None:
        cells.pop()
    return tuple(cells)


def _marker(grid: SheetGrid) -> list[list[Any]] | None:
    """The template marker: A1 = "emulation_desk", then rows "key, values…" (checked by the caller)."""
    if grid.text(1, 1) != MARKER_TAG:
        return None
    return [list(grid.rows[row - 1][:40]) for row in range(2, min(grid.row_count, 200) + 1) if grid.text(row, 1)]
