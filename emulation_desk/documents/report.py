"""The year-end report (báo cáo tổng kết) and the statistical table alone, as Decree 30 PDFs.

Headings follow the model report: "Phần I" centred bold with its title in bold capitals under it;
"I." bold capitals; "1." bold; "a)" italic — each indented like the body's first line.
Body text is 14 pt, justified, 1.27 cm first-line indent, 6 pt between paragraphs.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from emulation_desk.core.stats import StatTable
from emulation_desk.core.text import format_date, format_date_long, nfc, upper_vi
from emulation_desk.documents.page import (
    BOTTOM,
    LANDSCAPE,
    LANDSCAPE_WIDTH,
    TEXT_WIDTH,
    TOP,
    DocumentHeader,
    Styles,
    balanced_markup,
    make_styles,
    markup,
    render,
    signature_block,
    signature_column,
    title_block,
)
from emulation_desk.documents.stat_table import stat_table_flowable, table_notes, table_page
from emulation_desk.services.reporting.documents_data import Letterhead, ReportPrint, TableSigning

LEAD_IN = re.compile(r"^(\*\s*[^:]{1,100}:)(.*)$", re.DOTALL)  # "* Khen thưởng cấp tỉnh: …"


def number_line(number: str, symbol: str) -> str:
    """"Số: 164/BC-UBND", or room to write the number in by hand when it is not given yet."""
    return f"Số: {number}/{symbol}" if number.strip() else f"Số:        /{symbol}"


def place_date(place: str, signed_on: date | None, year: int) -> str:
    if signed_on:
        return format_date_long(signed_on, place)
    return f"{nfc(place)}, ngày      tháng      năm {year}"


def body_paragraphs(body: str, styles: Styles) -> list[Flowable]:
    """One paragraph per line of the clerk's text; a "* Heading:" lead-in is set in bold."""
    paragraphs: list[Flowable] = []
    for line in nfc(body).splitlines():
        text = line.strip()
        if not text:
            continue
        match = LEAD_IN.match(text)
        html = f"<b>{markup(match.group(1))}</b>{markup(match.group(2))}" if match else markup(text)
        paragraphs.append(Paragraph(html, styles.body))
    return paragraphs


def section_flowables(section: dict[str, Any], styles: Styles) -> list[Flowable]:
    level, label, title = section["level"], nfc(section["label"]).strip(), nfc(section["title"]).strip()
    story: list[Flowable] = []
    if level == 0:
        story.append(Spacer(1, 6))
        if label:
            story.append(Paragraph(markup(label), styles.centred_bold))
        if title:
            story.append(Paragraph(balanced_markup(upper_vi(title), styles.fonts.bold, 14), styles.centred_bold))
        for item in story:
            item.keepWithNext = 1
    elif label or title:
        text = upper_vi(title) if level == 1 else title
        style = styles.heading_italic if level >= 3 else styles.heading
        story.append(Paragraph(markup(f"{label} {text}".strip()), style))
    return story + body_paragraphs(section["body"], styles)


def report_story(report: ReportPrint, styles: Styles) -> list[Flowable]:
    head = report.letterhead
    story: list[Flowable] = [
        DocumentHeader(head.parent_body, head.issuing_body, number_line(report.number, report.symbol),
                       place_date(head.place_name, report.signed_on, report.year), styles.fonts),
        *title_block("BÁO CÁO", report.title, styles),
    ]
    for section in report.sections:
        story += section_flowables(section, styles)
    # The signature never stands alone on a page: the closing paragraph goes with it.
    closing = story.pop() if isinstance(story[-1], Paragraph) else Spacer(1, 0)
    story.append(KeepTogether([closing, signature_block(report.recipients, report.signing_lines,
                                                        report.signer_name, styles)]))
    reference = f"số {report.number}/{report.symbol}" if report.number.strip() else f"năm {report.year}"
    when = f" ngày {format_date(report.signed_on)}" if report.signed_on else ""
    subtitle = f"(Kèm theo Báo cáo {reference}{when} của {head.body_short})"
    # the annex keeps the model report's one page; the notes print with the table sent on its own (table_pdf)
    story += [NextPageTemplate("landscape"), PageBreak(), *table_page(report.table, styles, subtitle)]
    return story


def report_pdf(report: ReportPrint) -> bytes:
    """The year-end report followed by its statistical table on a landscape page."""
    styles = make_styles()
    return render(report_story(report, styles), title=f"Báo cáo {number_line(report.number, report.symbol)[4:]}",
                  author=report.letterhead.issuing_body, subject=report.title)


def table_pdf(head: Letterhead, table: StatTable, signing: TableSigning | None = None) -> bytes:
    """The statistical table alone on landscape pages, sent on its own: the issuing body above it, the place
    and date and the signature block under it. A table too long for one page with its signature breaks
    between two groups (never after a group's heading row), and the signature goes with the last rows."""
    styles = make_styles()
    story = table_page(table, styles, agency=head.issuing_body)
    notes = table_notes(table, styles)
    if signing is None:
        return render([*story, *notes], title=table.title, author=head.issuing_body, subject=table.title,
                      first_template="landscape")
    closing = [*notes, _table_signature(signing, styles)]  # the notes and the signature go with the last rows
    frame = LANDSCAPE[1] - TOP - BOTTOM - 12
    above = sum(f.wrap(LANDSCAPE_WIDTH, frame)[1] + f.getSpaceBefore() for f in story[:-1])
    under = sum(f.wrap(LANDSCAPE_WIDTH, frame)[1] for f in closing)
    if above + story[-1].wrap(LANDSCAPE_WIDTH, 10**6)[1] + under > frame:
        cut = _group_cut(table, styles, frame - above)
        story[-1:] = [stat_table_flowable(table, styles, slice(0, cut)), PageBreak(),
                      stat_table_flowable(table, styles, slice(cut, None))]
    story[-1:] = [KeepTogether([story[-1], *closing])]
    return render(story, title=table.title, author=head.issuing_body, subject=table.title,
                  first_template="landscape")


def _group_cut(table: StatTable, styles: Styles, room: float) -> int:
    """How many groups fit in ``room`` points on the first page (at least one)."""
    for cut in range(len(table.groups) - 1, 0, -1):
        if stat_table_flowable(table, styles, slice(0, cut)).wrap(LANDSCAPE_WIDTH, 10**6)[1] <= room:
            return cut
    return 1


def _table_signature(signing: TableSigning, styles: Styles) -> Table:
    """Place and date (italic) and the signature block at the right under the table."""
    column: list[Flowable] = [Paragraph(markup(signing.place_date), styles.centred_italic), Spacer(1, 4),
                              *signature_column(signing.lines, signing.signer_name, styles)]
    holder = Table([["", column]], colWidths=[LANDSCAPE_WIDTH - TEXT_WIDTH * 0.55, TEXT_WIDTH * 0.55])
    holder.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 8)]))
    return holder
