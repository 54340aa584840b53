"""The statistical table "Biểu tổng hợp kết quả khen thưởng" as a landscape A4 page: the model report's
merged header, column numbers (1)…(14), group rows I/II/III in bold, percentages with a decimal comma,
extra rows after the official ones. Rendered from the one :class:`StatTable` every renderer shares."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from emulation_desk.core.stats import ALL_COLUMNS, StatTable
from emulation_desk.core.text import format_int, format_percent
from emulation_desk.documents.page import LANDSCAPE_WIDTH, CentredRule, Styles, balanced_markup, markup

TOTAL_YEAR = "Số lượng khen thưởng trong năm"
MERIT = "Khen thưởng theo công trạng, thành tích đạt được"
THEMATIC = "Khen thưởng chuyên đề, đột xuất, khen điển hình tiên tiến"
MANAGERS = "Số lượng khen thưởng cho cá nhân là lãnh đạo quản lý (lãnh đạo từ cấp phòng trở lên)"
WORKERS = ("Số lượng khen thưởng cho nông dân/công nhân/chiến sỹ/người LĐ trực tiếp/công chức, viên chức "
           "không làm công tác quản lý")
COLUMN_NUMBERS = ("(1)", "(2)", "(3)", "(4)", "(5) = (4:3)", "(6)", "(7) = (6:3)", "(8)", "(9)", "(10)",
                  "(11) = (10:3)", "(12)", "(13)", "(14)")
# Widths in mm of columns (1)…(14), scaled to the landscape text width.
_WIDTHS = (9, 62, 11, 11, 12, 11, 12, 17, 24, 11, 12, 17, 24, 19)
HEADER_ROWS = 4


COUNT_COLUMNS = (2, 3, 5, 7, 8, 9, 11, 12)  # columns (3), (4), (6), (8), (9), (10), (12), (13): counts
MIN_LABEL = 40 * mm


def column_widths(table: StatTable | None = None, font: str | None = None) -> list[float]:
    """Widths of columns (1)…(14) at the landscape text width. A count column is widened to hold its widest
    figure (a province's six-digit counts, "100.000"), taking the room from the label column (2), which wraps;
    a number is never wrapped or drawn across a border."""
    scale = LANDSCAPE_WIDTH / (sum(_WIDTHS) * mm)
    widths = [w * mm * scale for w in _WIDTHS]
    if table is None or font is None:
        return widths
    for column in COUNT_COLUMNS:
        key = ALL_COLUMNS[column - 2]
        texts = [cell_text(row.value(key)) for row in table.rows()]
        need = max((stringWidth(t, font, 11) for t in texts if t), default=0) + 2 * 2.5 + 1
        if need > widths[column]:
            widths[1] -= need - widths[column]
            widths[column] = need
    if widths[1] < MIN_LABEL:  # very large counts: the other columns share the shortfall
        others = LANDSCAPE_WIDTH - widths[1]
        widths = [MIN_LABEL if i == 1 else w * (LANDSCAPE_WIDTH - MIN_LABEL) / others for i, w in enumerate(widths)]
    return widths


def _styles(styles: Styles) -> dict[str, ParagraphStyle]:
    f = styles.fonts
    head = ParagraphStyle("table_head", fontName=f.bold, fontSize=10, leading=11.5, alignment=TA_CENTER)
    return {
        "head": head,
        "sub": ParagraphStyle("table_sub", parent=head, fontName=f.regular, fontSize=8, leading=9),
        "number": ParagraphStyle("table_number", parent=head, fontName=f.italic, fontSize=9, leading=10.5),
        "label": ParagraphStyle("table_label", fontName=f.regular, fontSize=11, leading=12.5),
        "group": ParagraphStyle("table_group", fontName=f.bold, fontSize=11, leading=13),
        "note": ParagraphStyle("table_note", fontName=f.regular, fontSize=10, leading=12),
    }


def _header(s: dict[str, ParagraphStyle]) -> list[list[Any]]:
    def head(text: str) -> Paragraph:
        return Paragraph(markup(text), s["head"])

    def sub(text: str) -> Paragraph:
        return Paragraph(markup(text), s["sub"])

    empty = [""] * 14
    row0 = [head("Stt"), head("Hình thức khen thưởng"), head(TOTAL_YEAR), "", "", head(MERIT), "", "", "",
            head(THEMATIC), "", "", "", head("Ghi chú")]
    row1 = ["", "", sub("Tổng số"), sub("Trong đó khen thưởng cho cá nhân"), "", sub("Tổng số"), sub("Tỷ lệ %"),
            sub(MANAGERS), sub(WORKERS), sub("Tổng số"), sub("Tỷ lệ %"), sub(MANAGERS), sub(WORKERS), ""]
    row2 = list(empty)
    row2[3], row2[4] = sub("Số lượng"), sub("Tỷ lệ %")
    row3 = [Paragraph(n, s["number"]) for n in COLUMN_NUMBERS]
    return [row0, row1, row2, row3]


HEADER_SPANS = [
    ((0, 0), (0, 2)), ((1, 0), (1, 2)), ((2, 0), (4, 0)), ((5, 0), (8, 0)), ((9, 0), (12, 0)), ((13, 0), (13, 2)),
    ((2, 1), (2, 2)), ((3, 1), (4, 1)),
    *[((c, 1), (c, 2)) for c in range(5, 13)],
]


def cell_text(value: Any) -> str:
    """A table value as printed: counts with thousands dots, percentages with a decimal comma."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal):
        return format_percent(value)
    if isinstance(value, int):
        return format_int(value)
    return str(value)


def table_rows(table: StatTable, s: dict[str, ParagraphStyle], groups: slice = slice(None)
               ) -> tuple[list[list[Any]], list[int]]:
    """Body rows (of the chosen groups) and the indexes (in the body) of the group rows."""
    rows: list[list[Any]] = []
    group_rows: list[int] = []
    for group in table.groups[groups]:
        group_rows.append(len(rows))
        rows.append([group.code, Paragraph(markup(group.title), s["group"]), *[""] * 12])
        for row in group.rows:
            values = [cell_text(row.value(c)) for c in ALL_COLUMNS[:-1]]
            note = Paragraph(markup(row.c14), s["note"]) if row.c14 else ""
            rows.append([str(row.no), Paragraph(markup(row.label), s["label"]), *values, note])
    return rows, group_rows


def stat_table_flowable(table: StatTable, styles: Styles, groups: slice = slice(None)) -> Table:
    """The table (or the chosen groups of it, under the same header and column widths)."""
    s = _styles(styles)
    body, group_rows = table_rows(table, s, groups)
    data = _header(s) + body
    grid = Table(data, colWidths=column_widths(table, styles.fonts.regular), repeatRows=HEADER_ROWS)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
        ("VALIGN", (0, 0), (-1, HEADER_ROWS - 1), "MIDDLE"),
        ("VALIGN", (0, HEADER_ROWS), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, -1), styles.fonts.regular, 11),
        ("ALIGN", (0, HEADER_ROWS), (0, -1), "CENTER"),
        ("ALIGN", (2, HEADER_ROWS), (12, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 0.3), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        *[("SPAN", a, b) for a, b in HEADER_SPANS],
    ]
    for index in group_rows:
        row = HEADER_ROWS + index
        commands += [("SPAN", (1, row), (-1, row)), ("FONT", (0, row), (0, row), styles.fonts.bold, 11)]
    grid.setStyle(TableStyle(commands))
    return grid


def table_page(table: StatTable, styles: Styles, subtitle: str = "", agency: str = "") -> list[Flowable]:
    """The flowables of the landscape page: (agency), title, italic subtitle, the table."""
    title_style = ParagraphStyle("table_title", parent=styles.title, leading=16)
    subtitle_style = ParagraphStyle("table_subtitle", parent=styles.centred_italic, fontSize=13, leading=15)
    story: list[Flowable] = []
    if agency:
        agency_style = ParagraphStyle("table_agency", parent=styles.centred_bold, fontSize=12, leading=14,
                                      alignment=0)
        story += [Paragraph(markup(agency), agency_style), Spacer(1, 3)]
    story.append(Paragraph(balanced_markup(table.title, styles.fonts.bold, 14, LANDSCAPE_WIDTH), title_style))
    if subtitle:
        story.append(Paragraph(markup(subtitle), subtitle_style))
    story += [CentredRule(60 * mm, space_before=5, space_after=5), stat_table_flowable(table, styles)]
    return story


def table_notes(table: StatTable, styles: Styles) -> list[Flowable]:
    """The notes under the table (what it counts, where the kinds that are not công trạng go, how managers are
    told apart), in a smaller italic type."""
    if not table.notes:
        return []
    style = ParagraphStyle("table_notes", parent=styles.body, fontName=styles.fonts.italic, fontSize=9, leading=10.5,
                           firstLineIndent=0, spaceBefore=0, spaceAfter=0, alignment=0)
    text = "Ghi chú: " + " ".join(f"({number}) {note}" for number, note in enumerate(table.notes, start=1))
    return [Spacer(1, 3), Paragraph(markup(text), style)]
