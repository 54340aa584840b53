"""Reading an untrusted .xls (Excel 97–2003, BIFF8) with xlrd, through the same caps and grids as .xlsx.

Before xlrd parses anything, :func:`prescan` walks the record headers of the Workbook stream (xlrd's own
compound-document reader finds the stream; the walk reads 4 bytes a record, no content): an encrypted file
(FILEPASS), a sheet claiming more rows than the cap (DIMENSIONS) or holding more cells than the cap is refused
there, before xlrd builds a single cell. The walk also notes the cells that hold a formula: xlrd gives only a
formula's cached result, and a formula is refused by the importer in .xls as in .xlsx, never imported.

Values are typed as the .xlsx reader types them: numbers as int when whole, dates by the cell's number
format with the workbook's datemode (1900 or 1904), booleans, errors as :class:`CellError`; only the top-left
cell of a merged range holds its value. The font of each text cell (its XF record's FONT) is noted so that
TCVN3/VNI text is converted (:mod:`legacy`).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Any

import xlrd
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH
from xlrd.compdoc import CompDoc, CompDocError

from emulation_desk.core.legacy_vn import font_encoding
from emulation_desk.core.text import format_int
from emulation_desk.exchange.errors import (
    DamagedSpreadsheetError,
    EncryptedSpreadsheetError,
    SpreadsheetError,
    UnsafeSpreadsheetError,
    problem,
)
from emulation_desk.exchange.reader import (
    MARKER_SHEET,
    CellError,
    Formula,
    Progress,
    SourceWorkbook,
    _marker,
    _read_sheet,
    cell_text,
)
from emulation_desk.exchange.safety import Limits

_BOF, _EOF, _BOUNDSHEET, _DIMENSIONS, _FILEPASS, _FORMULA = 0x0809, 0x000A, 0x0085, 0x0200, 0x002F, 0x0006
_SINGLE_CELLS = {0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x0201, 0x00D6}  # NUMBER, RK, LABELSST…
_MULRK, _MULBLANK = 0x00BD, 0x00BE


@dataclass
class SheetFacts:
    """What the record walk learnt of one sheet substream before xlrd reads it."""

    name: str = ""
    claimed_rows: int | None = None
    cells: int = 0
    formulas: set[tuple[int, int]] = field(default_factory=set)  # 0-based (row, column)


def _refuse(message: str, error: type[SpreadsheetError] = UnsafeSpreadsheetError, **place: Any) -> None:
    raise error(message, [problem(message, **place)])


def _workbook_stream(data: bytes, path: Path) -> memoryview:
    try:
        doc = CompDoc(data, logfile=StringIO())
        for name in ("Workbook", "Book"):
            stream, base, size = doc.locate_named_stream(name)
            if stream is not None:
                return memoryview(stream)[base:base + size]
    except (CompDocError, struct.error, IndexError, ValueError) as exc:
        message = (f"Tệp “{path.name}” bị hỏng (cấu trúc tệp Excel 97-2003 không đúng) nên không đọc được. Hãy mở "
                   "tệp bằng Excel, lưu thành .xlsx rồi nhập lại.")
        raise DamagedSpreadsheetError(message, [problem(message)], details=repr(exc)) from exc
    message = (f"Tệp “{path.name}” là tệp Office 97-2003 nhưng không có bảng tính Excel (có thể là tệp Word .doc "
               "đã bị đổi đuôi). Hãy mở tệp bằng đúng chương trình và lưu thành .xlsx hoặc .docx.")
    raise DamagedSpreadsheetError(message, [problem(message)])


def _sheet_name(record: memoryview) -> str:
    """The name in a BOUNDSHEET record (BIFF8 short string: length, flags, then Latin-1 or UTF-16 chars)."""
    length, flags = record[6], record[7]
    raw = bytes(record[8:8 + length * (2 if flags & 1 else 1)])
    return raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")


def prescan(data: bytes, path: Path, limits: Limits) -> dict[int, SheetFacts]:
    """Sheet BOF offset → facts, from the record headers only; refuses before xlrd parses the file."""
    stream = _workbook_stream(data, path)
    end, pos = len(stream), 0
    names: dict[int, str] = {}
    sheets: dict[int, SheetFacts] = {}
    current: SheetFacts | None = None
    unpack = struct.Struct("<HH").unpack_from
    while pos + 4 <= end:
        code, length = unpack(stream, pos)
        body = pos + 4
        if code == _FILEPASS:
            _refuse(f"Tệp “{path.name}” được đặt mật khẩu nên không đọc được. Hãy mở tệp bằng Excel, gỡ mật khẩu "
                    "rồi lưu lại (nên lưu thành .xlsx) và nhập lại.", EncryptedSpreadsheetError)
        if code == _BOUNDSHEET and length >= 8:
            names[struct.unpack_from("<I", stream, body)[0]] = _sheet_name(stream[body:body + length])
        elif code == _BOF and pos in names:
            current = sheets[pos] = SheetFacts(name=names[pos])
        elif current is not None:
            if code in _SINGLE_CELLS:
                current.cells += 1
                if code == _FORMULA and length >= 4:
                    current.formulas.add(struct.unpack_from("<HH", stream, body))
            elif code == _MULRK:
                current.cells += max(length - 6, 0) // 6
            elif code == _MULBLANK:
                current.cells += max(length - 6, 0) // 2
            elif code == _DIMENSIONS and length >= 8:
                current.claimed_rows = struct.unpack_from("<I", stream, body + 4)[0]
                _check_claim(current, limits)
            elif code == _EOF:
                current = None
            if current is not None and current.cells > limits.max_cells:
                _refuse(f"Trang “{current.name}” có hơn {format_int(limits.max_cells)} ô dữ liệu, vượt giới hạn của "
                        "một danh sách. Hãy chia danh sách thành nhiều tệp.", sheet=current.name)
        pos = body + length
    return sheets


def _check_claim(facts: SheetFacts, limits: Limits) -> None:
    if facts.claimed_rows is not None and facts.claimed_rows > limits.max_rows:
        _refuse(f"Trang “{facts.name}” khai báo {format_int(facts.claimed_rows)} dòng, vượt giới hạn "
                f"{format_int(limits.max_rows)} dòng của một danh sách. Nếu đây là danh sách thật, hãy chép phần "
                "có dữ liệu sang một tệp mới rồi nhập tệp mới.", sheet=facts.name)


@dataclass(frozen=True)
class _Entry:
    title: str
    state: str


class XlsSheetStream:
    """A sheet of an open xlrd book as the rows :func:`reader._read_sheet` reads (row numbers from 1)."""

    def __init__(self, book: Any, sheet: Any, facts: SheetFacts | None, max_columns: int) -> None:
        self.book, self.sheet, self.max_columns = book, sheet, max_columns
        self.facts = facts or SheetFacts(name=sheet.name)
        states = {0: "visible", 1: "hidden", 2: "veryHidden"}
        self.entry = _Entry(sheet.name, states.get(getattr(sheet, "visibility", 0), "hidden"))
        self.claimed_rows = self.facts.claimed_rows
        self.fonts: dict[tuple[int, int], tuple[str, bool]] = {}
        self._legacy_xf = _legacy_xfs(book)

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        sheet, width = self.sheet, self.max_columns
        for row in range(sheet.nrows):
            types = sheet.row_types(row, 0, width)
            values = sheet.row_values(row, 0, width)
            yield row + 1, [self._value(row, column, kind, value)
                            for column, (kind, value) in enumerate(zip(types, values, strict=True))]

    def _value(self, row: int, column: int, kind: int, value: Any) -> Any:
        if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
            return None
        if kind == xlrd.XL_CELL_TEXT:
            if self._legacy_xf and (legacy := self._legacy_xf.get(self.sheet.cell_xf_index(row, column))):
                self.fonts[(row + 1, column + 1)] = legacy
            typed: Any = value
        elif kind == xlrd.XL_CELL_NUMBER:
            typed = int(value) if float(value).is_integer() else value
        elif kind == xlrd.XL_CELL_DATE:
            try:
                typed = xlrd.xldate.xldate_as_datetime(value, self.book.datemode)
            except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                typed = CellError("#VALUE!")
        elif kind == xlrd.XL_CELL_BOOLEAN:
            typed = bool(value)
        else:
            typed = CellError(xlrd.error_text_from_code.get(value, "#N/A"))
        if (row, column) in self.facts.formulas:
            return Formula(f"=… (công thức, kết quả {cell_text(typed)})")
        return typed


def _legacy_xfs(book: Any) -> dict[int, tuple[str, bool]]:
    """XF index → legacy font encoding, for the XF records whose FONT is a TCVN3 or VNI font."""
    fonts = [font_encoding(font.name) for font in book.font_list]
    return {index: fonts[xf.font_index] for index, xf in enumerate(book.xf_list)
            if 0 <= xf.font_index < len(fonts) and fonts[xf.font_index]}


def read_xls(path: Path, limits: Limits, *, progress: Progress | None = None) -> SourceWorkbook:
    """Check and read an .xls (the container was checked by :func:`safety.check_container`)."""
    data = path.read_bytes()
    facts = prescan(data, path, limits)
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, logfile=StringIO())
    except xlrd.XLRDError as exc:
        message = (f"Tệp “{path.name}” bị hỏng hoặc không đúng cấu trúc của Excel 97-2003 nên không đọc được. Hãy "
                   "mở tệp bằng Excel, lưu thành .xlsx rồi nhập lại.")
        raise DamagedSpreadsheetError(message, [problem(message)], details=repr(exc)) from exc
    try:
        return _read_book(path, data, book, facts, limits, progress)
    except SpreadsheetError:
        raise
    except Exception as exc:  # untrusted input: any failure of xlrd is a damaged file
        message = (f"Tệp “{path.name}” bị hỏng hoặc không đúng cấu trúc của Excel 97-2003 nên không đọc được. Hãy "
                   "mở tệp bằng Excel, lưu thành .xlsx rồi nhập lại.")
        raise DamagedSpreadsheetError(message, [problem(message)], details=repr(exc)) from exc
    finally:
        book.release_resources()


def _read_book(path: Path, data: bytes, book: Any, facts: dict[int, SheetFacts], limits: Limits,
               progress: Progress | None) -> SourceWorkbook:
    if book.nsheets > limits.max_sheets:
        _refuse(f"Tệp “{path.name}” có {book.nsheets} trang tính, vượt giới hạn {limits.max_sheets}. Hãy chép các "
                "trang cần nhập sang một tệp mới.")
    by_name = {f.name: f for f in facts.values()}
    source = SourceWorkbook(path=path, sha256=hashlib.sha256(data).hexdigest(), sheets=[],
                            epoch=CALENDAR_MAC_1904 if book.datemode == 1 else WINDOWS_EPOCH, kind="xls")
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        stream = XlsSheetStream(book, sheet, by_name.get(sheet.name), limits.max_columns)
        grid = _read_sheet(stream, limits, progress, source.warnings)
        book.unload_sheet(index)
        if grid.title == MARKER_SHEET:
            source.marker = _marker(grid)
        else:
            source.sheets.append(grid)
    return source
