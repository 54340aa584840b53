"""A Chairman's award decision (quyết định khen thưởng) and its attached list, as one Decree 30 PDF.

Structure (documents.md §1–2): header; "QUYẾT ĐỊNH" + trích yếu; the issuer's title; căn cứ lines in
italic (";" … "."); "QUYẾT ĐỊNH:"; Điều 1 composed from the decision's data (the form's verb, the form, the
counts, the recipients' shared achievement), Điều 2 (what the list pays and from which fund), Điều 3 (the
decision's own or the office's default); Nơi nhận and the signature ("CHỦ TỊCH" or "KT. CHỦ TỊCH / PHÓ
CHỦ TỊCH", never "TM."). Then the attached list, numbered on its own: "DANH SÁCH …", "(Kèm theo Quyết định
số …)", one part per kind of recipient (I. TẬP THỂ with "Tên tập thể", II. CÁ NHÂN with "Họ và tên" and
"Chức vụ"), a heading row per unit instead of a unit column, the header row repeated on every page, a
"Ghi chú" column only when someone is paid nothing, then the total in figures and in words. A short list
follows the signature on the same page when it fits there.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from emulation_desk.core.money import amount_in_words, format_money
from emulation_desk.core.text import format_count, format_date_long, nfc, to_roman
from emulation_desk.documents.list_table import PAD_BOTTOM, PAD_TOP, PAD_X, Column, ListRows, ListTable
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
NAME_HEADERS = {"tap_the": "Tên tập thể", "ca_nhan": "Họ và tên", "ho_gia_dinh": "Chủ hộ"}
SECOND_HEADERS = {"ca_nhan": "Chức vụ", "ho_gia_dinh": "Địa chỉ"}
# Column widths in mm of the 165 mm text width; the note is wider where the part has no position column.
TT_MM, MONEY_MM = 12, 27
NOTE_MM = {"ca_nhan": 46, "ho_gia_dinh": 46, "tap_the": 60}
LIST_SIZE, LIST_LEADING, NOTE_SIZE = 12, 14, 10


def counts_phrase(decision: DecisionPrint) -> str:
    parts = [f"{format_count(n)} {SUBJECT_WORDS[s]}" for s, n in decision.counts.items() if n]
    return ", ".join(parts)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def form_phrase(decision: DecisionPrint) -> str:
    """"danh hiệu “Lao động tiên tiến”" or "Giấy khen"."""
    return f"danh hiệu “{decision.form_name}”" if decision.form_is_title else decision.form_name


def article_one(decision: DecisionPrint) -> list[tuple[str, str]]:
    """Điều 1 from the data: "{Công nhận|Tặng|Tặng thưởng} {form} cho {counts} (có danh sách kèm theo).",
    then the recipients' shared achievement when they have one."""
    lines = [("Điều 1. ", f"{_capital(decision.verb)} {form_phrase(decision)} cho {counts_phrase(decision)} "
                          "(có danh sách kèm theo).")]
    if decision.achievement:
        lines.append(("", decision.achievement))
    return lines


def article_texts(decision: DecisionPrint) -> list[tuple[str, str]]:
    """(bold label, text) of each paragraph of the articles."""
    execution = decision.execution or (f"Quyết định này có hiệu lực kể từ ngày ký. {decision.executors} chịu "
                                       "trách nhiệm thi hành Quyết định này./.")
    return [*article_one(decision), ("Điều 2. ", bonus_text(decision)), ("Điều 3. ", execution)]


def _source(decision: DecisionPrint) -> str:
    source = decision.bonus_source.strip() or "nguồn kinh phí thi đua, khen thưởng theo quy định"
    return source[:1].lower() + source[1:] if source[:2] in ("Qu", "Ng") else source


def _one_rate(decision: DecisionPrint) -> str | None:
    """"mỗi tập thể 900.000 đồng, mỗi cá nhân 450.000 đồng" when everyone of each kind is paid the same."""
    rates = []
    for group in decision.groups:
        amounts = {e.amount for e in group.entries}
        if len(amounts) != 1 or not next(iter(amounts)):
            return None
        rates.append(f"mỗi {SUBJECT_WORDS[group.subject]} {format_money(next(iter(amounts)))} đồng")
    return ", ".join(rates)


def unpaid_phrase(decision: DecisionPrint) -> str:
    """"17 tập thể" of the recipients paid nothing, by kind."""
    parts = []
    for group in decision.groups:
        count = sum(1 for e in group.entries if e.amount == 0)
        if count:
            parts.append(f"{format_count(count)} {SUBJECT_WORDS[group.subject]}")
    return ", ".join(parts)


def bonus_text(decision: DecisionPrint) -> str:
    """Điều 2: what the attached list pays — one rate when all are paid the same, otherwise "theo danh sách"
    — its total in figures and words (the sum of the list), and who is paid nothing."""
    source = _source(decision)
    if not decision.computed:
        return f"Tiền thưởng kèm theo thực hiện theo quy định hiện hành, trích từ {source}."
    total = decision.total
    if not total:
        return ("Các tập thể, cá nhân có tên tại Điều 1 không hưởng tiền thưởng theo Quyết định này (lý do ghi "
                "trong danh sách kèm theo).")
    rate = _one_rate(decision)
    how = f": {rate}" if rate else " theo danh sách kèm theo"
    text = (f"Tiền thưởng kèm theo thực hiện theo quy định hiện hành{how}; tổng số tiền thưởng là "
            f"{format_money(total)} đồng (Bằng chữ: {amount_in_words(total)}), trích từ {source}.")
    unpaid = unpaid_phrase(decision)
    if unpaid:
        text += f" {_capital(unpaid)} không hưởng tiền thưởng theo Quyết định này (lý do ghi trong danh sách)."
    return text


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
    attached = list_story(decision, styles)
    attached[0].spaceBefore = 24  # kept after the signature on the same page, dropped at a page top
    story += [CondPageBreak(_height(attached) + 24), SectionStart(), *attached]
    return story


def _height(story: list[Flowable]) -> float:
    """The height ``story`` takes at the text width (a list longer than a page never fits after the articles)."""
    total = 0.0
    for flowable in story:
        total += flowable.wrap(TEXT_WIDTH, 10**6)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        if total > 800:
            break
    return total


def list_subject(decision: DecisionPrint) -> str:
    """"Các tập thể và cá nhân được tặng Giấy khen" / "Các cá nhân được công nhận danh hiệu “…”"."""
    who = [SUBJECT_WORDS[s] for s, n in decision.counts.items() if n]
    if not who:
        return ""
    who_text = "Các " + " và ".join([", ".join(who[:-1]), who[-1]] if len(who) > 1 else who)
    return f"{who_text} được {decision.verb} {form_phrase(decision)}"


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
    ]
    with_money, with_note = decision.computed, any(e.note for g in decision.groups for e in g.entries)
    for number, group in enumerate(decision.groups, start=1):
        table = ListTable(part_rows(number, group, styles, with_money, with_note))
        table.spaceBefore = 6 if number > 1 else 0
        story.append(table)
    story.append(total_table(decision, styles, with_money, with_note, decision.groups[-1].subject))
    if with_money and decision.total:
        words = ParagraphStyle("words", parent=styles.body, firstLineIndent=0, fontName=styles.fonts.italic)
        story.append(Paragraph(markup(f"(Bằng chữ: {amount_in_words(decision.total)}.)"), words))
    return story


def part_columns(subject: str, with_money: bool, with_note: bool) -> tuple[list[str], list[Column]]:
    """Headers and columns of one part: TT, the name (and position or address), money, note."""
    fixed = TT_MM + (MONEY_MM if with_money else 0) + (NOTE_MM[subject] if with_note else 0)
    free = TEXT_WIDTH / mm - fixed
    headers, widths = ["TT", NAME_HEADERS[subject]], [TT_MM]
    if subject in SECOND_HEADERS:
        name = round(free * 0.52)
        headers.append(SECOND_HEADERS[subject])
        widths += [name, free - name]
    else:
        widths.append(free)
    aligns = ["CENTER"] + ["LEFT"] * (len(widths) - 1)
    if with_money:
        headers.append("Số tiền (đồng)")
        widths.append(MONEY_MM)
        aligns.append("RIGHT")
    if with_note:
        headers.append("Ghi chú")
        widths.append(NOTE_MM[subject])
        aligns.append("LEFT")
    columns = [Column(w * mm, a) for w, a in zip(widths, aligns, strict=True)]
    if with_note:
        columns[-1] = Column(NOTE_MM[subject] * mm, "LEFT", NOTE_SIZE)
    return headers, columns


def part_rows(number: int, group: ListGroup, styles: Styles, with_money: bool, with_note: bool) -> ListRows:
    """One part of the list: its title row, a heading row per unit, one row per recipient (numbered within
    the part); the unit is said once by its heading, never in a column."""
    headers, columns = part_columns(group.subject, with_money, with_note)
    rows = ListRows(columns, styles.fonts.regular, styles.fonts.bold, LIST_SIZE, LIST_LEADING, headers)
    rows.add_heading(to_roman(number), group.title)
    unit = None
    for index, entry in enumerate(group.entries, start=1):
        if entry.unit != unit:
            unit = entry.unit
            if unit:
                rows.add_heading("", nfc(unit))
        values = [str(index), entry.name]
        if group.subject in SECOND_HEADERS:
            values.append(entry.position)
        if with_money:
            values.append(format_money(entry.amount) if entry.amount else "-")
        if with_note:
            values.append(entry.note)
        rows.add(values)
    return rows


def total_table(decision: DecisionPrint, styles: Styles, with_money: bool, with_note: bool, last: str) -> Table:
    """The "Tổng cộng" row in a small table of its own, its money under the money column of the last part."""
    label = Paragraph(markup(f"Tổng cộng: {counts_phrase(decision)}"), styles.cell_bold)
    cells: list[object] = [label]
    note = NOTE_MM[last] if with_note else 0
    widths = [TEXT_WIDTH - (MONEY_MM if with_money else 0) * mm - note * mm]
    if with_money:
        cells.append(format_money(decision.total))
        widths.append(MONEY_MM * mm)
    if with_note:
        cells.append("")
        widths.append(note * mm)
    table = Table([cells], colWidths=widths)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, -1), styles.fonts.bold, LIST_SIZE, LIST_LEADING), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_TOP), ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_BOTTOM),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X), ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X)]))
    return table


def decision_pdf(decision: DecisionPrint) -> bytes:
    """The decision and its attached list."""
    styles = make_styles()
    label = number_line(decision.number, decision.symbol)[4:].strip()
    return render(decision_story(decision, styles), title=f"Quyết định {label}",
                  author=decision.letterhead.issuing_body, subject=decision.title)
