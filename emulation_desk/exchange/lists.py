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
MONEY = Look(11, border=True, number_format='[>=1000000]#"."###"."###;[>=1000]#"."###;0', wrap=False)
TOTAL = Look(11, bold=True, border=True)
TOTAL_MONEY = Look(11, bold=True, border=True, number_format=MONEY.number_format, wrap=False)


@dataclass(frozen=True)
class ListColumn:
    title: str
    width: float
    kind: str = "text"  # text | int | money | date


def list_workbook(sheet_title: str, title_lines: Sequence[str], columns: Sequence[ListColumn],
                  rows: Sequence[Sequence[Any]], *, landscape: bool = True, total: str = ""
                  ) -> tuple[Workbook, CellWriter]:
    """A one-sheet workbook; every value goes through :class:`CellWriter` (problems are collected). With
    ``total`` ("Tổng cộng: 3 cá nhân"), a last row says it and sums the money columns."""
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
        span = sum(c.width for c in columns)
        ws.row_dimensions[row].height = row_height(line_count(text, span, 13 if bold else 12, bold=bold), 13)
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
    if total:
        _total_row(ws, writer, header + len(rows) + 1, columns, rows, total)
    set_widths(ws, [c.width for c in columns])
    ws.freeze_panes = f"A{header + 1}"
    a4(ws, landscape=landscape, title_rows=f"{header}:{header}")
    return wb, writer


def _total_row(ws: Any, writer: CellWriter, row: int, columns: Sequence[ListColumn], rows: Sequence[Sequence[Any]],
               label: str) -> None:
    money = [i for i, c in enumerate(columns) if c.kind == "money"]
    last_text = (money[0] if money else len(columns)) - 1
    for column in range(len(columns)):
        if column in money:
            writer.put(ws, row, column + 1, sum(r[column] or 0 for r in rows), TOTAL_MONEY)
        else:
            writer.put(ws, row, column + 1, label if column == 1 else None, TOTAL)
    if last_text > 1:  # the label under the names (the first column holds the row numbers)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last_text + 1)
    ws.row_dimensions[row].height = row_height(1, 11)
