"""A :class:`~emulation_desk.documents.paper.Paper` as an editable Word file (python-docx): A4, Decree 30
margins, Times New Roman 14, the two-column header as a borderless table, tables with grid lines, the
signatures as a borderless table. Higher levels ask for Word and PDF; the unit still edits the Word text.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from emulation_desk.documents.paper import Block, Paper, SignColumn

FONT = "Times New Roman"
PAGE_W, PAGE_H = 210, 297
TOP, BOTTOM, LEFT, RIGHT = 20, 20, 30, 15  # mm, as documents/page.py
TEXT_W = PAGE_W - LEFT - RIGHT
HEADER_LEFT = 65  # mm
INDENT = Mm(12.7)
CENTRE, JUSTIFY, LEFT_ALIGN, RIGHT_ALIGN = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY,
                                            WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT)


def _setup(doc: Any, paper: Paper) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin, section.bottom_margin = Mm(TOP), Mm(BOTTOM)
    section.left_margin, section.right_margin = Mm(LEFT), Mm(RIGHT)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = Pt(17)  # as the PDF's leading
    doc.core_properties.title, doc.core_properties.author = paper.title, paper.author or "emulation_desk"


def _paragraph(container: Any, text: str, *, size: float = 14, bold: bool = False, italic: bool = False,
               align: Any = JUSTIFY, indent: bool = False, before: float = 0) -> Any:
    p = container.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_before = Pt(before)
    if indent:
        p.paragraph_format.first_line_indent = INDENT
    if text:
        run = p.add_run(text)
        run.font.size, run.bold, run.italic = Pt(size), bold, italic
    return p


def _rule(container: Any, width_mm: float, cell_mm: float) -> None:
    """A short centred rule: an empty paragraph's bottom border, indented to ``width_mm``."""
    p = container.add_paragraph()
    side = max((cell_mm - width_mm) / 2, 0)
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = Mm(side)
    p.paragraph_format.space_after = Pt(2)
    pr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    pr.append(borders)
    p.add_run().font.size = Pt(2)


def _no_borders(table: Any) -> None:
    pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    pr.append(borders)


def _cells(table: Any, widths_mm: list[float]) -> list[Any]:
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)  # the grid: LibreOffice lays columns out by it
    cells = list(table.rows[0].cells)
    for cell, width in zip(cells, widths_mm, strict=True):
        cell.width = Mm(width)
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)  # start empty
    return cells


def _header(doc: Any, paper: Paper) -> None:
    h = paper.header
    if h.form_label:
        _paragraph(doc, h.form_label, size=12, italic=True, align=RIGHT_ALIGN)
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = _cells(table, [HEADER_LEFT, TEXT_W - HEADER_LEFT])
    if h.parent_body:
        _paragraph(left, h.parent_body, size=13, align=CENTRE)
    _paragraph(left, h.issuing_body, size=13, bold=True, align=CENTRE)
    _rule(left, 25, HEADER_LEFT)
    if h.number_line:
        _paragraph(left, h.number_line, size=13, align=CENTRE, before=4)
    _paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, align=CENTRE)
    _paragraph(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, align=CENTRE)
    _rule(right, 62, TEXT_W - HEADER_LEFT)
    if h.place_date:
        _paragraph(right, h.place_date, italic=True, align=CENTRE, before=4)


def _table(doc: Any, block: Block) -> None:
    table = doc.add_table(rows=len(block.rows), cols=len(block.widths))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Mm(w * TEXT_W) for w in block.widths]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for index, row in enumerate(block.rows):
        cells = table.rows[index].cells
        if index in block.group_rows:
            merged = cells[0].merge(cells[-1])
            run = merged.paragraphs[0].add_run(row[0])
            run.bold, run.font.size = True, Pt(12)
            continue
        for cell, text, width in zip(cells, row, widths, strict=True):
            cell.width = width
            p = cell.paragraphs[0]
            p.alignment = CENTRE if index == 0 else LEFT_ALIGN
            run = p.add_run(text)
            run.font.size, run.bold = Pt(12), index == 0
    doc.add_paragraph()


def _sign_column(cell: Any, column: SignColumn) -> None:
    for line in column.lines:
        _paragraph(cell, line, bold=True, align=CENTRE)
    if column.note:
        _paragraph(cell, column.note, size=13, italic=True, align=CENTRE)
    for _ in range(3):
        _paragraph(cell, "", align=CENTRE)
    if column.name:
        _paragraph(cell, column.name, bold=True, align=CENTRE)


def _signatures(doc: Any, block: Block) -> None:
    count = len(block.columns) + (1 if block.recipients else 0)
    table = doc.add_table(rows=1, cols=count)
    _no_borders(table)
    first = TEXT_W * 0.45 if block.recipients else 0
    share = (TEXT_W - first) / len(block.columns)
    cells = _cells(table, ([first] if block.recipients else []) + [share] * len(block.columns))
    if block.recipients:
        _paragraph(cells[0], "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT_ALIGN, before=6)
        for line in block.recipients:
            _paragraph(cells[0], line, size=11, align=LEFT_ALIGN)
    for cell, column in zip(cells[-len(block.columns):], block.columns, strict=True):
        _sign_column(cell, column)


def _block(doc: Any, block: Block) -> None:
    kind = block.kind
    if kind == "title":
        _paragraph(doc, block.text, bold=True, align=CENTRE, before=10)
    elif kind == "subject":
        _paragraph(doc, block.text, bold=True, align=CENTRE)
        _rule(doc, 45, TEXT_W)
    elif kind == "table":
        _table(doc, block)
    elif kind == "signatures":
        _signatures(doc, block)
    elif kind == "placeholder":
        p = _paragraph(doc, "", indent=True, before=6)
        run = p.add_run(block.text)
        run.italic, run.font.highlight_color = True, WD_COLOR_INDEX.YELLOW
    elif kind == "space":
        doc.add_paragraph()
    elif kind == "page_break":
        doc.add_page_break()
    else:
        options = {"centred": {"align": CENTRE}, "centred_italic": {"align": CENTRE, "italic": True},
                   "heading": {"bold": True, "align": LEFT_ALIGN, "indent": True, "before": 6},
                   "body": {"indent": True, "before": 6}, "basis": {"italic": True, "indent": True, "before": 3},
                   "line": {"align": LEFT_ALIGN, "before": 3}}[kind]
        _paragraph(doc, block.text, **options)


def paper_docx(paper: Paper) -> bytes:
    doc = Document()
    _setup(doc, paper)
    _header(doc, paper)
    for block in paper.blocks:
        _block(doc, block)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
