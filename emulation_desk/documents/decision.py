"""A Chairman's award decision (quyết định khen thưởng) and its attached list, as one Decree 30 PDF.

Structure (documents.md §1–2): header; "QUYẾT ĐỊNH" + trích yếu; the issuer's title; căn cứ lines in
italic (";" … "."); "QUYẾT ĐỊNH:"; Điều 1 (who, how many, "có danh sách kèm theo"), Điều 2 (the bonus and
its source), Điều 3 (who carries it out); Nơi nhận and the signature ("CHỦ TỊCH" or "KT. CHỦ TỊCH /
PHÓ CHỦ TỊCH", never "TM."). Then the attached list, numbered on its own: "DANH SÁCH …", "(Kèm theo
Quyết định số …)", groups I./II./III. with TT | Họ và tên | Chức vụ | Đơn vị | Số tiền, the header row
repeated on every page, and the total in figures and in words.
"""

from __future__ import annotations

import re

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, LongTable, PageBreak, Paragraph, Spacer, TableStyle

from emulation_desk.core.money import amount_in_words, format_money
from emulation_desk.core.text import format_count, format_date_long, nfc, to_roman
from emulation_desk.documents.page import (
    TEXT_WIDTH,
    CentredRule,
    DocumentHeader,
    SectionStart,
    Styles,
    balanced_markup,
    make_styles,
    markup,
    render,
    signature_block,
    title_block,
)
from emulation_desk.documents.report import number_line
from emulation_desk.services.reporting.documents_data import DecisionPrint, ListGroup

SUBJECT_WORDS = {"tap_the": "tập thể", "ca_nhan": "cá nhân", "ho_gia_dinh": "hộ gia đình"}
_ABOUT = re.compile(r"^\s*(về việc|v/v)\s+", re.IGNORECASE)
_WHO = re.compile(r"^(các\s+)?(tập thể,? (và )?cá nhân|tập thể|cá nhân|hộ gia đình)\s*", re.IGNORECASE)
LIST_WIDTHS_MM = (11, 46, 35, 47, 26)
CELL_PADDING = 8  # left + right padding of a list cell, in points


def split_title(title: str) -> tuple[str, str]:
    """"Về việc tặng Giấy khen cho các tập thể, cá nhân có thành tích …" → ("tặng Giấy khen", "có thành tích …");
    "Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2020" → (that action, "")."""
    text = _ABOUT.sub("", nfc(title).strip())
    action, found, rest = text.partition(" cho ")
    if not found:
        return text, ""
    return action.strip(), _WHO.sub("", rest.strip()).strip()


def counts_phrase(decision: DecisionPrint) -> str:
    parts = [f"{format_count(n)} {SUBJECT_WORDS[s]}" for s, n in decision.counts.items() if n]
    return ", ".join(parts)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def article_texts(decision: DecisionPrint) -> list[tuple[str, str]]:
    """(bold label, text) of each paragraph of the articles."""
    action, reason = split_title(decision.title)
    paragraphs = [("Điều 1. ", f"{_capital(action)} cho {counts_phrase(decision)} (có danh sách kèm theo).")]
    if reason:
        paragraphs.append(("", f"Đã {reason}." if not reason.lower().startswith("đã ") else _capital(reason) + "."))
    paragraphs.append(("Điều 2. ", bonus_text(decision)))
    paragraphs.append(("Điều 3. ", f"Quyết định này có hiệu lực kể từ ngày ký. {decision.executors} chịu trách "
                                   "nhiệm thi hành Quyết định này./."))
    return paragraphs


def bonus_text(decision: DecisionPrint) -> str:
    source = decision.bonus_source.strip() or "nguồn kinh phí thi đua, khen thưởng theo quy định"
    source = source[:1].lower() + source[1:] if source[:2] in ("Qu", "Ng") else source
    total = decision.total
    if not total:
        return f"Tiền thưởng kèm theo thực hiện theo quy định hiện hành, trích từ {source}."
    rates = []
    for subject, word in SUBJECT_WORDS.items():
        amounts = decision.amounts(subject)
        if len(amounts) == 1:
            rates.append(f"mỗi {word} {format_money(amounts[0])} đồng")
    rate_text = f" ({'; '.join(rates)})" if rates and len(rates) == sum(1 for n in decision.counts.values() if n) \
        else " theo danh sách kèm theo"
    return (f"Tiền thưởng kèm theo thực hiện theo quy định hiện hành{rate_text}; tổng số tiền thưởng là "
            f"{format_money(total)} đồng (Bằng chữ: {amount_in_words(total)}), trích từ {source}.")


def decision_story(decision: DecisionPrint, styles: Styles) -> list[Flowable]:
    head = decision.letterhead
    date_line = format_date_long(decision.signed_on, head.place_name)
    story: list[Flowable] = []
    if decision.draft:
        story.append(Paragraph("DỰ THẢO", ParagraphStyle("draft", parent=styles.sign, alignment=0, fontSize=12)))
    story += [
        DocumentHeader(head.parent_body, head.issuing_body, number_line(decision.number, decision.symbol),
                       date_line, styles.fonts),
        *title_block("QUYẾT ĐỊNH", decision.title, styles),
        Paragraph(balanced_markup(decision.issuer_line, styles.fonts.bold, 14), styles.centred_bold),
        Spacer(1, 6),
    ]
    bases = [line.rstrip(" ;.") for line in decision.legal_bases]
    if decision.proposal.strip():
        bases.append(decision.proposal.strip().rstrip(" ;."))
    for index, line in enumerate(bases):
        ending = "." if index == len(bases) - 1 else ";"
        story.append(Paragraph(markup(line + ending), styles.basis))
    story += [Spacer(1, 6), Paragraph("QUYẾT ĐỊNH:", styles.centred_bold)]
    for label, text in article_texts(decision):
        html = (f"<b>{markup(label)}</b>" if label else "") + markup(text)
        story.append(Paragraph(html, styles.body))
    closing = story.pop()
    story.append(KeepTogether([closing, signature_block(decision.recipients, decision.signing_lines,
                                                        decision.signer_name, styles)]))
    story += [PageBreak(), SectionStart(), *list_story(decision, styles)]
    return story


def list_subject(decision: DecisionPrint) -> str:
    action, reason = split_title(decision.title)
    who = [SUBJECT_WORDS[s] for s, n in decision.counts.items() if n]
    if not who:
        return ""
    who_text = "Các " + " và ".join([", ".join(who[:-1]), who[-1]] if len(who) > 1 else who)
    return f"{who_text} được {action}" + (f" {reason}" if reason else "")


def list_story(decision: DecisionPrint, styles: Styles) -> list[Flowable]:
    head = decision.letterhead
    number = decision.number.strip() or "      "
    reference = (f"(Kèm theo Quyết định số {number}/{decision.symbol} {format_date_long(decision.signed_on)} "
                 f"của {head.head_title.capitalize()} {head.body_short})")
    story: list[Flowable] = [
        DocumentHeader(head.parent_body, head.issuing_body, None, None, styles.fonts), Spacer(1, 10),
        Paragraph("DANH SÁCH", styles.title),
        Paragraph(balanced_markup(list_subject(decision), styles.fonts.bold, 14), styles.title),
        Paragraph(balanced_markup(reference, styles.fonts.italic, 14), styles.centred_italic), CentredRule(50 * mm),
        list_table(decision, styles),
    ]
    total = decision.total
    if total:
        words = ParagraphStyle("words", parent=styles.body, firstLineIndent=0, fontName=styles.fonts.italic)
        story.append(Paragraph(markup(f"(Bằng chữ: {amount_in_words(total)}.)"), words))
    return story


def _cell(text: str, width: float, styles: Styles) -> object:
    """Plain text when it fits on one line (reportlab draws it as is, nothing parsed, and lays out thousands
    of rows fast); a wrapping Paragraph of escaped text otherwise."""
    text = nfc(text)
    if stringWidth(text, styles.fonts.regular, styles.cell.fontSize) <= width - CELL_PADDING:
        return text
    return Paragraph(markup(text), styles.cell)


def _list_rows(groups: tuple[ListGroup, ...], widths: list[float], with_money: bool, styles: Styles
               ) -> tuple[list[list[object]], list[int], list[int]]:
    rows: list[list[object]] = []
    group_rows: list[int] = []
    wide_names: list[int] = []  # collectives and households: no position, the name takes its cell too
    for index, group in enumerate(groups, start=1):
        group_rows.append(len(rows) + 1)
        rows.append([to_roman(index), Paragraph(markup(group.title), styles.cell_bold), "", "", ""])
        for number, entry in enumerate(group.entries, start=1):
            wide = group.subject != "ca_nhan" and not entry.position
            if wide:
                wide_names.append(len(rows) + 1)
            name_width = widths[1] + (widths[2] if wide else 0)
            rows.append([str(number), _cell(entry.name, name_width, styles), _cell(entry.position, widths[2], styles),
                         _cell(entry.unit, widths[3], styles), format_money(entry.amount) if entry.amount else ""])
    if not with_money:
        rows = [row[:4] for row in rows]
    return rows, group_rows, wide_names


def list_table(decision: DecisionPrint, styles: Styles) -> LongTable:
    with_money = bool(decision.total)
    header_style = ParagraphStyle("list_head", parent=styles.cell_centre, fontName=styles.fonts.bold)
    header = [Paragraph(t, header_style) for t in ("TT", "Họ và tên", "Chức vụ", "Đơn vị", "Số tiền (đồng)")]
    widths = [w * mm for w in LIST_WIDTHS_MM]
    if not with_money:
        header, widths = header[:4], widths[:4]
        widths[3] += LIST_WIDTHS_MM[4] * mm
    widths = [w * TEXT_WIDTH / sum(widths) for w in widths]
    body, group_rows, wide_names = _list_rows(decision.groups, [*widths, 0], with_money, styles)
    total_row: list[object] = ["", Paragraph(markup("Tổng cộng: " + counts_phrase(decision)), styles.cell_bold), "", ""]
    if with_money:
        total_row.append(format_money(decision.total))
    data = [header, *body, total_row]
    table = LongTable(data, colWidths=widths, repeatRows=1)
    last = len(data) - 1
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, -1), styles.fonts.regular, styles.cell.fontSize, styles.cell.leading),
        ("ALIGN", (0, 0), (0, -1), "CENTER"), ("ALIGN", (4, 1), (4, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING / 2), ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING / 2),
        ("SPAN", (1, last), (3, last)), ("FONT", (4, last), (4, last), styles.fonts.bold, styles.cell.fontSize),
    ]
    commands += [("SPAN", (1, row), (2, row)) for row in wide_names]
    for row in group_rows:
        commands += [("SPAN", (1, row), (-1, row)), ("FONT", (0, row), (0, row), styles.fonts.bold, 12)]
    table.setStyle(TableStyle(commands))
    return table


def decision_pdf(decision: DecisionPrint) -> bytes:
    """The decision and its attached list."""
    styles = make_styles()
    label = number_line(decision.number, decision.symbol)[4:].strip()
    return render(decision_story(decision, styles), title=f"Quyết định {label}",
                  author=decision.letterhead.issuing_body, subject=decision.title)
