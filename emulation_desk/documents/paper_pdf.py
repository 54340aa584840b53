"""A :class:`~emulation_desk.documents.paper.Paper` on the Decree 30 page (reportlab), block by block."""

from __future__ import annotations

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    LongTable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from emulation_desk.documents.page import (
    SIGNING_SPACE,
    TEXT_WIDTH,
    CentredRule,
    DocumentHeader,
    SectionStart,
    Styles,
    balanced_lines,
    balanced_markup,
    make_styles,
    markup,
    render,
)
from emulation_desk.documents.paper import Block, Paper, SignColumn

PLACEHOLDER_SPACE = 10 * mm  # the PDF leaves the clerk's part empty (the Word file says what goes there)


def _styles() -> tuple[Styles, dict[str, ParagraphStyle]]:
    s = make_styles()
    extra = {
        "line": ParagraphStyle("line", parent=s.body, firstLineIndent=0, alignment=TA_LEFT, spaceBefore=3),
        "label": ParagraphStyle("label", parent=s.body, fontName=s.fonts.italic, fontSize=12, leading=14,
                                alignment=TA_RIGHT, firstLineIndent=0, spaceBefore=0),
        "note": ParagraphStyle("note", parent=s.sign, fontName=s.fonts.italic, fontSize=13),
    }
    return s, extra


def _subject(text: str, s: Styles) -> list[Flowable]:
    size = s.title.fontSize
    widest = max(stringWidth(line, s.fonts.bold, size) for line in balanced_lines(text, s.fonts.bold, size,
                                                                                   TEXT_WIDTH))
    return [Paragraph(balanced_markup(text, s.fonts.bold, size), s.title), CentredRule(max(widest * 0.4, 30 * mm))]


def _table(block: Block, s: Styles) -> Table:
    rows = []
    for index, row in enumerate(block.rows):
        style = s.cell_bold if index == 0 or index in block.group_rows else s.cell
        if index == 0:
            style = ParagraphStyle("head", parent=s.cell_bold, alignment=1)
        rows.append([Paragraph(markup(cell), style) for cell in row])
    table = LongTable(rows, colWidths=[w * TEXT_WIDTH for w in block.widths], repeatRows=1)
    commands = [("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    for index in block.group_rows:
        commands.append(("SPAN", (0, index), (-1, index)))
    table.setStyle(TableStyle(commands))
    table.spaceBefore, table.spaceAfter = 6, 6
    return table


def _column(column: SignColumn, s: Styles, note_style: ParagraphStyle) -> list[Flowable]:
    out: list[Flowable] = [Paragraph(markup(line), s.sign) for line in column.lines]
    if column.note:
        out.append(Paragraph(markup(column.note), note_style))
    out.append(Spacer(1, SIGNING_SPACE))
    if column.name:
        out.append(Paragraph(markup(column.name), s.sign))
    return out


def _signatures(block: Block, s: Styles, note_style: ParagraphStyle) -> Flowable:
    cells: list[list[Flowable]] = []
    widths: list[float] = []
    if block.recipients:
        left: list[Flowable] = [Paragraph("Nơi nhận:", s.recipients_label)]
        left += [Paragraph(markup(r), s.recipients) for r in block.recipients]
        cells.append(left)
        widths.append(TEXT_WIDTH * 0.45)
    share = (TEXT_WIDTH - sum(widths)) / max(len(block.columns), 1)
    for column in block.columns:
        cells.append(_column(column, s, note_style))
        widths.append(share)
    table = Table([cells], colWidths=widths)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0)]))
    table.spaceBefore = 12
    return KeepTogether([table])


def story_of(paper: Paper) -> list[Flowable]:
    s, extra = _styles()
    story: list[Flowable] = []
    h = paper.header
    if h.form_label:
        story.append(Paragraph(markup(h.form_label), extra["label"]))
    story.append(DocumentHeader(h.parent_body, h.issuing_body, h.number_line, h.place_date))
    styles = {"centred": s.centred_bold.clone("c", fontName=s.fonts.regular), "centred_italic": s.centred_italic,
              "heading": s.heading, "body": s.body, "basis": s.basis, "line": extra["line"]}
    for block in paper.blocks:
        if block.kind == "title":
            story += [Spacer(1, 10), Paragraph(markup(block.text), s.title)]
        elif block.kind == "subject":
            story += _subject(block.text, s)
        elif block.kind == "table":
            story.append(_table(block, s))
        elif block.kind == "signatures":
            story.append(_signatures(block, s, extra["note"]))
        elif block.kind == "placeholder":
            story.append(Spacer(1, PLACEHOLDER_SPACE))
        elif block.kind == "page_break":  # an attachment: its own page, numbered on its own
            story += [PageBreak(), SectionStart()]
        elif block.kind == "space":
            story.append(Spacer(1, 6))
        else:
            story.append(Paragraph(markup(block.text), styles[block.kind]))
    return story


def paper_pdf(paper: Paper) -> bytes:
    return render(story_of(paper), title=paper.title, author=paper.author)
