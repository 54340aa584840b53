"""A block of rows copied from Excel or Word (Ctrl+C) read as a one-sheet list, through the same grid, caps,
legacy-font conversion and interpretation as a file. No Qt here: the window hands over the clipboard's text
and, when it has one, its HTML flavour.

- Text: Excel and Word put tab-separated rows on the clipboard; a cell holding a line break or a tab is
  quoted ("…") by Excel, which :mod:`csv` reads.
- HTML (``text/html``; on Windows the "HTML Format" with its ``Version:0.9 StartHTML:…`` header): the table
  rows, a cell spanning columns (``colspan``) once in its first column, the cells under a ``rowspan`` empty —
  as a merged range reads from a workbook. A cell whose text is in a legacy font (``font-family:.VnTime`` or
  ``<font face="VNI-Times">``) is noted so that TCVN3/VNI text is converted. Used when it holds a table.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from openpyxl.utils.datetime import WINDOWS_EPOCH

from emulation_desk.core.legacy_vn import font_encoding
from emulation_desk.exchange.errors import UnsafeSpreadsheetError, problem
from emulation_desk.exchange.reader import SourceWorkbook, _read_sheet
from emulation_desk.exchange.safety import DEFAULT_LIMITS, Limits

PASTE_NAME = "Dán từ bộ nhớ tạm"
SHEET_TITLE = "Dữ liệu dán"
_FONT_FAMILY = re.compile(r"font-family\s*:\s*['\"]?([^;'\",]+)", re.IGNORECASE)
_BREAKS = {"br", "p", "div", "li"}


@dataclass(frozen=True)
class _Entry:
    title: str
    state: str = "visible"


class _RowsStream:
    def __init__(self, rows: list[list[Any]], fonts: dict[tuple[int, int], tuple[str, bool]]) -> None:
        self.entry = _Entry(SHEET_TITLE)
        self.claimed_rows: int | None = None
        self.fonts = fonts
        self._rows = rows

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        yield from enumerate(self._rows, start=1)


class _TableParser(HTMLParser):
    """The rows of the tables of an HTML fragment, with rowspan/colspan placed and legacy fonts noted."""

    def __init__(self, max_rows: int) -> None:
        super().__init__(convert_charrefs=True)
        self.max_rows = max_rows
        self.rows: list[list[Any]] = []
        self.fonts: dict[tuple[int, int], tuple[str, bool]] = {}
        self._row: list[Any] | None = None
        self._cell: list[str] | None = None
        self._cell_font: tuple[str, bool] | None = None
        self._column = 0
        self._colspan = 1
        self._spans: dict[int, int] = {}  # column → rows still covered by a rowspan above
        self._font_stack: list[tuple[str, tuple[str, bool] | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        font = font_encoding(values["face"]) if "face" in values else None
        style = _FONT_FAMILY.search(values.get("style", ""))
        font = font_encoding(style.group(1).strip()) if style else font
        if tag not in ("br", "img", "col", "meta"):
            self._font_stack.append((tag, font))
        if tag == "tr":
            self._row, self._column = [], 0
        elif tag in ("td", "th") and self._row is not None:
            while self._spans.get(self._column, 0) > 0:
                self._spans[self._column] -= 1
                self._column += 1
            self._cell, self._cell_font = [], None
            self._colspan = max(_int(values.get("colspan")), 1)
            rowspan = max(_int(values.get("rowspan")), 1)
            for offset in range(self._colspan):
                if rowspan > 1:
                    self._spans[self._column + offset] = rowspan - 1
        elif tag in _BREAKS and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        while self._font_stack:
            if self._font_stack.pop()[0] == tag:
                break
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            text = "".join(self._cell).strip()
            self._row.extend([None] * (self._column - len(self._row)))
            self._row.append(text or None)
            if text and self._cell_font:
                self.fonts[(len(self.rows) + 1, self._column + 1)] = self._cell_font
            self._column += self._colspan
            self._cell = None
        elif tag == "tr" and self._row is not None:
            while self._spans.get(self._column, 0) > 0:
                self._spans[self._column] -= 1
                self._column += 1
            if len(self.rows) < self.max_rows + 1:
                self.rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
            if data.strip() and self._cell_font is None:
                self._cell_font = next((f for _tag, f in reversed(self._font_stack) if f), None)


def _int(text: str | None) -> int:
    try:
        return int((text or "").strip() or 1)
    except ValueError:
        return 1


def _html_rows(html: str, limits: Limits) -> tuple[list[list[Any]], dict[tuple[int, int], tuple[str, bool]]]:
    start = html.lower().find("<html")
    parser = _TableParser(limits.max_rows)
    parser.feed(html[start:] if start >= 0 else html)
    parser.close()
    return parser.rows, parser.fonts


def _text_rows(text: str) -> list[list[Any]]:
    rows = []
    for cells in csv.reader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n")), delimiter="\t"):
        rows.append([cell.strip() or None for cell in cells])
    return rows


def read_pasted(text: str | None = None, *, html: str | None = None, limits: Limits = DEFAULT_LIMITS
                ) -> SourceWorkbook:
    """The pasted rows as a one-sheet :class:`SourceWorkbook` (HTML tables first when there are some)."""
    size = len(text or "") + len(html or "")
    if size > limits.max_file_bytes:
        message = ("Khối dữ liệu dán quá lớn so với một danh sách. Hãy dán từng phần, hoặc lưu danh sách thành tệp "
                   "rồi nhập tệp.")
        raise UnsafeSpreadsheetError(message, [problem(message)])
    rows: list[list[Any]] = []
    fonts: dict[tuple[int, int], tuple[str, bool]] = {}
    if html and "<td" in html.lower():
        rows, fonts = _html_rows(html, limits)
    if not rows and text:
        rows = _text_rows(text)
    digest = hashlib.sha256(((text or "") + "\0" + (html or "")).encode("utf-8", "surrogatepass")).hexdigest()
    source = SourceWorkbook(path=Path(PASTE_NAME), sha256=digest, sheets=[], epoch=WINDOWS_EPOCH, kind="paste")
    grid = _read_sheet(_RowsStream(rows, fonts), limits, None, source.warnings)
    if grid.rows:
        source.sheets.append(grid)
    return source.finish()
