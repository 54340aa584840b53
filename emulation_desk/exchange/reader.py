"""Reading an untrusted .xlsx into plain grids of cell values, safely.

Order of defence: :func:`safety.check_container` (extension, OLE/password, zip bombs) before any XML is
parsed; openpyxl with defusedxml (checked at import: without it XML bombs go through); ``read_only=True``
(streaming, nothing kept but what we copy) and ``data_only=False`` so that a formula arrives as a formula
(:class:`Formula`) and is refused by the importer, never evaluated nor replaced by a cached value; a row
cap, a column cap and a stop at the first long run of empty rows, whatever the sheet claims.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
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
from emulation_desk.exchange.safety import DEFAULT_LIMITS, Limits, check_container

if not openpyxl.DEFUSEDXML:  # pragma: no cover - the dependency is declared; this guards broken installs
    raise RuntimeError("defusedxml is not installed: openpyxl would parse untrusted XML unprotected")

MARKER_SHEET = "_emulation_desk"
MARKER_TAG = "emulation_desk"
Progress = Callable[[str, int], None]


@dataclass(frozen=True, slots=True)
class Formula:
    """A cell holding a formula: shown to the clerk, never evaluated, never imported."""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class CellError:
    """A cell holding an Excel error value such as #N/A or #REF!."""

    code: str

    def __str__(self) -> str:
        return self.code


@dataclass
class SheetGrid:
    """The values of one sheet as read (rows from 1; trailing empty cells and rows dropped)."""

    title: str
    rows: list[tuple[Any, ...]]
    claimed_rows: int | None = None
    stopped_at: int | None = None  # first row not read because a long run of empty rows ended the data
    hidden: bool = False

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
    check_container(path, limits)
    sha = _file_sha256(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except SpreadsheetError:
        raise
    except Exception as exc:  # untrusted input: every parser failure is a damaged or hostile file
        raise _translate(path, exc) from exc
    try:
        if len(workbook.worksheets) > limits.max_sheets:
            message = (f"Tệp “{path.name}” có {len(workbook.worksheets)} trang tính, vượt giới hạn "
                       f"{limits.max_sheets}. Hãy chép các trang cần nhập sang một tệp mới.")
            raise UnsafeSpreadsheetError(message, [problem(message)])
        source = SourceWorkbook(path=path, sha256=sha, sheets=[], epoch=workbook.epoch)
        for worksheet in workbook.worksheets:
            grid = _read_sheet(path, worksheet, limits, progress, source.warnings)
            if grid.title == MARKER_SHEET:
                source.marker = _marker(grid)
            else:
                source.sheets.append(grid)
        return source
    except SpreadsheetError:
        raise
    except Exception as exc:
        raise _translate(path, exc) from exc
    finally:
        workbook.close()


def _defused(exc: BaseException | None) -> bool:
    """Whether defusedxml refused something anywhere in the chain (openpyxl wraps it in a ValueError)."""
    seen = 0
    while exc is not None and seen < 20:
        if (type(exc).__module__ or "").startswith("defusedxml"):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _translate(path: Path, exc: Exception) -> SpreadsheetError:
    if _defused(exc):
        message = (f"Tệp “{path.name}” chứa khai báo XML nguy hiểm (dấu hiệu “bom XML”) nên không được mở. "
                   "Hãy xin đơn vị gửi lại tệp được lưu trực tiếp từ Excel.")
        return UnsafeSpreadsheetError(message, [problem(message)], details=repr(exc))
    message = (f"Tệp “{path.name}” bị hỏng hoặc không đúng cấu trúc của Excel nên không đọc được. Hãy mở tệp "
               "bằng Excel, lưu lại thành .xlsx (hoặc xin đơn vị gửi lại) rồi nhập lại.")
    return DamagedSpreadsheetError(message, [problem(message)], details=repr(exc))


def _read_sheet(path: Path, worksheet: Any, limits: Limits, progress: Progress | None,
                warnings: list[SheetProblem]) -> SheetGrid:
    title = str(worksheet.title)
    claimed = worksheet.max_row
    if claimed is not None and claimed > limits.max_rows:
        message = (f"Trang “{title}” khai báo {format_int(claimed)} dòng, vượt giới hạn "
                   f"{format_int(limits.max_rows)} dòng của một danh sách. Nếu đây là danh sách thật, hãy chép "
                   "phần có dữ liệu sang một tệp mới rồi nhập tệp mới.")
        raise UnsafeSpreadsheetError(message, [problem(message, sheet=title)])
    width = min(limits.max_columns, worksheet.max_column or limits.max_columns)
    grid = SheetGrid(title=title, rows=[], claimed_rows=claimed,
                     hidden=getattr(worksheet, "sheet_state", "visible") != "visible")
    empty_run = 0
    for index, cells in enumerate(worksheet.iter_rows(min_row=1, max_col=width), start=1):
        if index > limits.max_rows:
            message = (f"Trang “{title}” có hơn {format_int(limits.max_rows)} dòng, vượt giới hạn của một danh "
                       "sách. Hãy chia danh sách thành nhiều tệp.")
            raise UnsafeSpreadsheetError(message, [problem(message, sheet=title, row=index)])
        values = _row_values(title, index, cells, limits)
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
    while grid.rows and not grid.rows[-1]:
        grid.rows.pop()
    if grid.stopped_at and claimed and claimed >= grid.stopped_at:
        warnings.append(problem(
            f"Sau dòng {len(grid.rows)} có {limits.empty_run} dòng trống liên tiếp; phần còn lại của trang (đến dòng "
            f"{format_int(claimed)}) không được đọc. Nếu còn dữ liệu ở dưới, hãy xóa các dòng trống rồi nhập lại.",
            sheet=title, row=grid.stopped_at))
    return grid


def _row_values(title: str, index: int, cells: tuple[Any, ...], limits: Limits) -> tuple[Any, ...]:
    values: list[Any] = []
    for position, cell in enumerate(cells, start=1):
        value = cell.value
        if value is None:
            values.append(None)
            continue
        kind = cell.data_type
        if kind == "f":
            value = Formula(str(value))
        elif kind == "e":
            value = CellError(str(value))
        elif isinstance(value, str):
            if len(value) > limits.max_cell_chars:
                message = (f"Ô dài {format_int(len(value))} ký tự, vượt giới hạn {format_int(limits.max_cell_chars)} "
                           "ký tự của Excel: tệp không do Excel tạo ra hoặc đã bị sửa. Tệp không được nhập; "
                           "hãy kiểm tra ô này.")
                raise UnsafeSpreadsheetError(message, [problem(message, sheet=title, row=index,
                                                                column=get_column_letter(position), value=value)])
            if "_x" in value:  # OOXML escapes (_x000D_ = carriage return), as Excel reads them
                value = unescape(value)
            if not value.strip():
                value = None
        values.append(value)
    while values and values[-1] is None:
        values.pop()
    return tuple(values)


def _marker(grid: SheetGrid) -> list[list[Any]] | None:
    """The template marker: A1 = "emulation_desk", then rows "key, values…" (checked by the caller)."""
    if grid.text(1, 1) != MARKER_TAG:
        return None
    return [list(grid.rows[row - 1][:40]) for row in range(2, min(grid.row_count, 200) + 1) if grid.text(row, 1)]
