"""The statistical table (Biểu tổng hợp kết quả khen thưởng) as XLSX, from the same :class:`StatTable`
object the PDF renders, laid out like the model report's: merged header over three rows, column numbers
(1)…(14) with (5)=(4:3), (7)=(6:3), (11)=(10:3), borders, Times New Roman, A4 landscape with the header
rows repeated on every page, row heights set for wrapped text (LibreOffice does not grow them), counts as
numbers and percentages as numbers with a percent format."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from emulation_desk.core.stats import ALL_COLUMNS, PERCENT_COLUMNS, StatTable
from emulation_desk.exchange.writer import CellWriter, Look, a4, line_count, row_height, save_atomically

WIDTHS = (5, 28, 7.5, 7.5, 7.5, 7.5, 7.5, 14, 17, 7.5, 10, 14, 17, 13)
HEADER_SIZE, BODY_SIZE = 10, 11
HEAD = Look(HEADER_SIZE, bold=True, center=True, border=True)
NUMBER = Look(HEADER_SIZE, italic=True, center=True, border=True)
GROUP_NO, GROUP = Look(BODY_SIZE, bold=True, center=True, border=True), Look(BODY_SIZE, bold=True, border=True)
NO, LABEL, EXTRA = Look(BODY_SIZE, center=True, border=True), Look(BODY_SIZE, border=True), \
    Look(BODY_SIZE, italic=True, border=True)
# Counts print as the PDF prints them ("1.984", "123.456") whatever the PC's separators: literal dots.
THOUSANDS = '[>=1000000]#"."###"."###;[>=1000]#"."###;0'
COUNT = Look(BODY_SIZE, center=True, border=True, number_format=THOUSANDS, wrap=False)
PERCENT = {True: Look(BODY_SIZE, center=True, border=True, number_format="0%", wrap=False),
           False: Look(BODY_SIZE, center=True, border=True, number_format="0.0%", wrap=False)}
AGENCY = Look(12, bold=True, wrap=False)
NOTE = Look(BODY_SIZE, center=True, border=True)
NOTE_LINE = Look(BODY_SIZE, italic=True)  # the notes under the table
FIRST_HEADER_ROW = 3
NUMBER_ROW = FIRST_HEADER_ROW + 3
LEADERS = "Số lượng khen thưởng cho cá nhân là lãnh đạo quản lý (lãnh đạo từ cấp phòng trở lên)"
WORKERS = ("Số lượng khen thưởng cho nông dân/công nhân/chiến sỹ/người LĐ trực tiếp/công chức, viên chức không "
           "làm công tác quản lý")
# (first row offset, first column, last row offset, last column, text); offsets from FIRST_HEADER_ROW.
HEADER_CELLS: tuple[tuple[int, int, int, int, str], ...] = (
    (0, 1, 2, 1, "Stt"), (0, 2, 2, 2, "Hình thức khen thưởng"),
    (0, 3, 0, 5, "Số lượng khen thưởng trong năm"),
    (0, 6, 0, 9, "Khen thưởng theo công trạng, thành tích đạt được"),
    (0, 10, 0, 13, "Khen thưởng chuyên đề, đột xuất, khen điển hình tiên tiến"), (0, 14, 2, 14, "Ghi chú"),
    (1, 3, 2, 3, "Tổng số"), (1, 4, 1, 5, "Trong đó khen thưởng cho cá nhân"), (2, 4, 2, 4, "Số lượng"),
    (2, 5, 2, 5, "Tỷ lệ %"), (1, 6, 2, 6, "Tổng số"), (1, 7, 2, 7, "Tỷ lệ %"), (1, 8, 2, 8, LEADERS),
    (1, 9, 2, 9, WORKERS), (1, 10, 2, 10, "Tổng số"), (1, 11, 2, 11, "Tỷ lệ %"), (1, 12, 2, 12, LEADERS),
    (1, 13, 2, 13, WORKERS),
)
NUMBERS = ("(1)", "(2)", "(3)", "(4)", "(5)=(4:3)", "(6)", "(7)=(6:3)", "(8)", "(9)", "(10)", "(11)=(10:3)", "(12)",
           "(13)", "(14)")


def _span_width(first: int, last: int) -> float:
    return sum(WIDTHS[first - 1:last])


def _header(ws: Worksheet, writer: CellWriter) -> None:
    needs: list[tuple[int, int, float]] = []  # first row, last row, points needed
    for top, left, bottom, right, text in HEADER_CELLS:
        row, last_row = FIRST_HEADER_ROW + top, FIRST_HEADER_ROW + bottom
        writer.put(ws, row, left, text, HEAD)
        if (row, left) != (last_row, right):  # merging gives the edge cells the first cell's borders
            ws.merge_cells(start_row=row, start_column=left, end_row=last_row, end_column=right)
        lines = line_count(text, _span_width(left, right), HEADER_SIZE, bold=True)
        needs.append((row, last_row, row_height(lines, HEADER_SIZE)))
    heights = {r: row_height(1, HEADER_SIZE) for r in range(FIRST_HEADER_ROW, FIRST_HEADER_ROW + 3)}
    for first, last, points in sorted(needs, key=lambda n: n[1] - n[0]):
        have = sum(heights[r] for r in range(first, last + 1))
        if have < points:
            heights[last] += points - have
    for row, height in heights.items():
        ws.row_dimensions[row].height = round(height, 1)
    for column, text in enumerate(NUMBERS, start=1):
        writer.put(ws, NUMBER_ROW, column, text, NUMBER)
    ws.row_dimensions[NUMBER_ROW].height = row_height(max(
        line_count(t, w, HEADER_SIZE, italic=True) for t, w in zip(NUMBERS, WIDTHS, strict=True)), HEADER_SIZE)


def _percent_cell(writer: CellWriter, ws: Worksheet, row: int, column: int, value: Decimal | None) -> None:
    if value is None:
        writer.put(ws, row, column, None, COUNT)
        return
    writer.put(ws, row, column, value / 100, PERCENT[value == value.to_integral_value()])


def _body(ws: Worksheet, writer: CellWriter, table: StatTable) -> int:
    row = NUMBER_ROW
    for group in table.groups:
        row += 1
        writer.put(ws, row, 1, group.code, GROUP_NO)
        writer.put(ws, row, 2, group.title, GROUP)
        for column in range(3, len(WIDTHS) + 1):
            writer.put(ws, row, column, None, GROUP)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(WIDTHS))
        ws.row_dimensions[row].height = row_height(line_count(group.title, sum(WIDTHS[1:]), BODY_SIZE, bold=True),
                                                   BODY_SIZE)
        for item in group.rows:
            row += 1
            writer.put(ws, row, 1, item.no, NO)
            writer.put(ws, row, 2, item.label, LABEL if item.official else EXTRA)
            for offset, column in enumerate(ALL_COLUMNS, start=3):
                value = item.value(column)
                if column in PERCENT_COLUMNS:
                    _percent_cell(writer, ws, row, offset, value)
                else:
                    writer.put(ws, row, offset, value or None, NOTE if column == "c14" else COUNT)
            lines = max(line_count(item.label, WIDTHS[1], BODY_SIZE, italic=not item.official),
                        line_count(item.c14, WIDTHS[13], BODY_SIZE) if item.c14 else 1)
            ws.row_dimensions[row].height = row_height(lines, BODY_SIZE)
    return row


def table_workbook(table: StatTable, issuing_body: str = "") -> tuple[Workbook, CellWriter]:
    """The table on one sheet: the issuing body's line, the title, the header (frozen on screen, repeated on
    every printed page), the rows with merged group rows; A4 landscape, Decree 30 margins, fit to width."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"Biểu {table.year}"
    writer = CellWriter()
    last = get_column_letter(len(WIDTHS))
    ws.merge_cells(f"A1:{last}1")
    writer.put(ws, 1, 1, issuing_body, AGENCY)
    ws.merge_cells(f"A2:{last}2")
    writer.put(ws, 2, 1, table.title or f"BIỂU TỔNG HỢP KẾT QUẢ KHEN THƯỞNG NĂM {table.year}",
               Look(13, bold=True, center=True))
    ws.row_dimensions[1].height = 18
    ws.row_dimensions[2].height = 22
    _header(ws, writer)
    last_row = _body(ws, writer, table)
    if table.notes:
        ws.row_dimensions[last_row + 1].height = 8  # a little room between the table and its notes
    for offset, note in enumerate(table.notes, start=2):  # under the table, one note a merged row
        row = last_row + offset
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(WIDTHS))
        writer.put(ws, row, 1, f"Ghi chú {offset - 1}: {note}", NOTE_LINE)
        ws.row_dimensions[row].height = row_height(line_count(f"Ghi chú {offset - 1}: {note}", sum(WIDTHS), BODY_SIZE, italic=True), BODY_SIZE)
    for index, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = f"C{NUMBER_ROW + 1}"
    a4(ws, landscape=True, title_rows=f"{FIRST_HEADER_ROW}:{NUMBER_ROW}")
    return wb, writer


def render_table_xlsx(table: StatTable, path: Path | str, issuing_body: str = "") -> Path:
    """Write the table to ``path`` (.xlsx) atomically; the renderer the ``export table`` command uses."""
    wb, writer = table_workbook(table, issuing_body)
    writer.raise_if_problems("biểu tổng hợp")
    return save_atomically(wb, path)
