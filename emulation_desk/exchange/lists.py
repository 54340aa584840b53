"""Plain lists to XLSX (a decision's recipients, a person's award history): a title block, one bordered
header row repeated on every printed page, one row per record, A4 print setup."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from emulation_desk.exchange.writer import CellWriter, Look, a4, line_count, row_height, set_widths

TITLE, SUBTITLE, NOTE = Look(13, bold=True, center=True), Look(12, center=True), Look(12, italic=True, center=True)
HEADER = Look(11, bold=True, center=True, border=True)
TEXT, MIDDLE = Look(11, border=True), Look(11, center=True, border=True)
MONEY = Look(11, border=True, number_format="#,##0", wrap=False)


@dataclass(frozen=True)
class ListColumn:
    title: str
    width: float
    kind: str = "text"  # text | int | money | date


def list_workbook(sheet_title: str, title_lines: Sequence[str], columns: Sequence[ListColumn],
                  rows: Sequence[Sequence[Any]], *, landscape: bool = True) -> tuple[Workbook, CellWriter]:
    """A one-sheet workbook; every value goes through :class:`CellWriter` (problems are collected)."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title[:31]
    writer = CellWriter()
    width = len(columns)
    last = get_column_letter(width)
    for row, text in enumerate(title_lines, start=1):
        ws.merge_cells(f"A{row}:{last}{row}")
        bold = row == 1
        writer.put(ws, row, 1, text, TITLE if bold else NOTE if text.startswith("(") else SUBTITLE)
        total = sum(c.width for c in columns)
        ws.row_dimensions[row].height = row_height(line_count(text, total, 13 if bold else 12, bold=bold), 13)
    header = len(title_lines) + 2
    for column, spec in enumerate(columns, start=1):
        writer.put(ws, header, column, spec.title, HEADER)
    ws.row_dimensions[header].height = row_height(max(line_count(c.title, c.width, 11, bold=True) for c in columns), 11)
    for offset, values in enumerate(rows, start=1):
        row = header + offset
        lines = 1
        for column, (spec, value) in enumerate(zip(columns, values, strict=True), start=1):
            writer.put(ws, row, column, value,
                       MONEY if spec.kind == "money" else MIDDLE if spec.kind in ("int", "date") else TEXT)
            if isinstance(value, str):
                lines = max(lines, line_count(value, spec.width, 11))
        ws.row_dimensions[row].height = row_height(lines, 11)
    set_widths(ws, [c.width for c in columns])
    ws.freeze_panes = f"A{header + 1}"
    a4(ws, landscape=landscape, title_rows=f"{header}:{header}")
    return wb, writer
