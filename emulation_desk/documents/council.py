"""The council pack (tài liệu họp Hội đồng Thi đua - Khen thưởng) as ONE PDF, in hand-out order: a cover with
the agenda, the bloc scoring tables, the review lists (danh sách trích ngang) per award form and proposing
unit, and the ballots (phiếu bầu) — one copy per member taking part in the vote.

It only renders: the data (:class:`CouncilPack`) are gathered by
:func:`emulation_desk.services.reporting.council_data.pack_for_print`, the file is written and audited by the
export registry; layout from the Decree 30 page layer (:mod:`emulation_desk.documents.page`). Minutes and tallies are in ``council_minutes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    LongTable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from emulation_desk.core.text import (
    format_count,
    format_date_long,
    format_decimal,
    nfc,
)
from emulation_desk.documents.council_layout import (
    COUNCIL_BODY,
    cell,
    council_header,
    grid_style,
    header_cells,
    rule_short,
    title_lines,
)
from emulation_desk.documents.page import (
    LANDSCAPE_WIDTH,
    TEXT_WIDTH,
    CentredRule,
    SectionStart,
    Styles,
    balanced_markup,
    make_styles,
    markup,
    render,
)
from emulation_desk.services.council import meetings as council_service

CONTESTED = {"chua_dat": "CHƯA ĐỦ ĐIỀU KIỆN", "thieu_du_lieu": "CHƯA CÓ DỮ LIỆU", "canh_bao": "CẦN XEM LẠI"}
STATUS_SHORT = {"dat": "Đủ điều kiện", "khong_ap_dung": "Xét theo hồ sơ", **CONTESTED}
CONTESTED_SHADE = (0.88, 0.88, 0.88)


# ---------------------------------------------------------------- data
@dataclass(frozen=True)
class Candidate:
    name: str
    position: str
    unit: str
    group: str  # proposing unit
    achievement: str
    chain: str
    status: str
    reason: str
    nomination_id: str = ""


@dataclass(frozen=True)
class FormList:
    code: str
    name: str
    category: str
    candidates: tuple[Candidate, ...]
    ballot: bool
    rule: council_service.VoteRule
    voting: frozenset[str] | None = None  # nominations on the meeting's ballot; None: no meeting yet

    @property
    def ballot_candidates(self) -> tuple[Candidate, ...]:
        """Who is on the ballot: the meeting's cases of this form, or every candidate before a meeting."""
        if self.voting is None:
            return self.candidates
        return tuple(c for c in self.candidates if c.nomination_id in self.voting)

    @property
    def contested(self) -> int:
        return sum(1 for c in self.candidates if c.status in CONTESTED)


@dataclass(frozen=True)
class BlocTable:
    name: str
    head: str
    deputy: str
    result: dict[str, Any]


@dataclass
class CouncilPack:
    year: int
    parent_body: str
    council_name: str
    meeting_date: date | None
    meeting_place: str
    meeting_time: str
    blocs: list[BlocTable] = field(default_factory=list)
    forms: list[FormList] = field(default_factory=list)
    copies: int = 0
    copies_note: str = ""

    @property
    def ballot_forms(self) -> list[FormList]:
        return [f for f in self.forms if f.ballot and f.ballot_candidates]


# ---------------------------------------------------------------- layout helpers
def _meeting_phrase(pack: CouncilPack) -> str:
    if pack.meeting_date is None:
        return "ngày ...... tháng ...... năm ........"
    return format_date_long(pack.meeting_date)


# ---------------------------------------------------------------- cover
def heading_markup(heading: str, styles: Styles) -> str:
    """"PHIÊN HỌP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" kept on one line, the place on the next."""
    head, found, rest = heading.partition(COUNCIL_BODY)
    if found and rest.strip():
        return f"{markup(head + found)}<br/>{markup(rest.strip())}"
    return balanced_markup(heading, styles.fonts.bold, 14)


def cover_story(pack: CouncilPack, styles: Styles) -> list[Flowable]:
    when = _meeting_phrase(pack)
    heading = f"PHIÊN HỌP {nfc(pack.council_name).upper()}"
    story: list[Flowable] = [council_header(pack.parent_body, styles), Spacer(1, 20 * mm),
                             Paragraph("TÀI LIỆU", styles.title),
                             Paragraph(heading_markup(heading, styles), styles.title),
                             Paragraph(markup(f"Xét đề nghị khen thưởng năm {pack.year}"), styles.centred_bold),
                             CentredRule(40 * mm), Spacer(1, 6)]
    place = f"; địa điểm: {pack.meeting_place}" if pack.meeting_place else ""
    time = f"{pack.meeting_time.replace(':', ' giờ ')} phút, " if pack.meeting_time else ""
    story.append(Paragraph(markup(f"(Thời gian: {time}{when}{place})"), styles.centred_italic))
    story += [Spacer(1, 16), Paragraph("CHƯƠNG TRÌNH PHIÊN HỌP", styles.centred_bold), Spacer(1, 4)]
    ballot_names = ", ".join(f"“{f.name}”" for f in pack.ballot_forms)
    items = ["Khai mạc, thông qua chương trình phiên họp (Chủ tịch Hội đồng)."]
    if pack.blocs:
        items.append(f"Thường trực Hội đồng báo cáo kết quả chấm điểm thi đua của {format_count(len(pack.blocs))} "
                     "khối thi đua và đơn vị đề nghị dẫn đầu từng khối (Phần I).")
    items.append("Thường trực Hội đồng báo cáo danh sách trích ngang các trường hợp đề nghị khen thưởng và kết quả "
                 f"thẩm định điều kiện, tiêu chuẩn (Phần {'II' if pack.blocs else 'I'}).")
    if ballot_names:
        items += [f"Hội đồng thảo luận, bỏ phiếu kín (phiếu bầu kèm theo) đối với: {ballot_names}; biểu quyết các "
                  "hình thức còn lại.", "Ban kiểm phiếu làm việc, công bố kết quả kiểm phiếu."]
    else:
        items.append("Hội đồng thảo luận, biểu quyết các hình thức khen thưởng.")
    items.append("Chủ tịch Hội đồng kết luận; thông qua biên bản phiên họp.")
    body = ParagraphStyle("agenda", parent=styles.body, firstLineIndent=0, leftIndent=18, bulletIndent=0,
                          bulletFontName=styles.fonts.regular, bulletFontSize=styles.body.fontSize)
    story += [Paragraph(markup(text), body, bulletText=f"{i}.") for i, text in enumerate(items, start=1)]
    story += [Spacer(1, 10), *summary_table(pack, styles)]
    return story


def summary_table(pack: CouncilPack, styles: Styles) -> list[Flowable]:
    widths = [10 * mm, 70 * mm, 22 * mm, 24 * mm, TEXT_WIDTH - 126 * mm]
    rows: list[list[object]] = [header_cells(["TT", "Hình thức", "Số trường hợp", "Cần xem lại / chưa đủ ĐK",
                                              "Cách biểu quyết, mức cần đạt"], styles)]
    for i, form in enumerate(pack.forms, start=1):
        how = ("Bỏ phiếu kín, " if form.ballot else "Biểu quyết, ") + rule_short(form.rule)
        rows.append([str(i), cell(form.name, widths[1], styles), format_count(len(form.candidates)),
                     format_count(form.contested) if form.contested else "-", cell(how, widths[4], styles)])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(grid_style(styles, [("ALIGN", (2, 1), (3, -1), "CENTER")]))
    note = ParagraphStyle("legend", parent=styles.body, fontName=styles.fonts.italic, fontSize=11, leading=13,
                          firstLineIndent=0)
    legend = ("TV: thành viên Hội đồng; “tham gia” gồm người có mặt và người vắng mặt có ý kiến bằng văn bản; "
              "thành viên là người được đề nghị hoặc đứng đầu tập thể được đề nghị không biểu quyết trường hợp đó.")
    return [table, Paragraph(markup(legend), note)]


# ---------------------------------------------------------------- bloc results
def bloc_story(pack: CouncilPack, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [council_header(pack.parent_body, styles, LANDSCAPE_WIDTH),
                             *title_lines(["PHẦN I", f"KẾT QUẢ CHẤM ĐIỂM THI ĐUA CÁC KHỐI NĂM {pack.year}"], styles,
                                     LANDSCAPE_WIDTH)]
    if not pack.blocs:
        story.append(Paragraph(markup(f"Năm {pack.year} chưa có khối thi đua nào được chấm điểm."), styles.body))
    for index, bloc in enumerate(pack.blocs, start=1):
        if index > 1:
            story.append(PageBreak())
        story.append(KeepTogether(bloc_block(index, bloc, styles)))  # heading, leader and table on one page
    return story


def bloc_block(index: int, bloc: BlocTable, styles: Styles) -> list[Flowable]:
    result = bloc.result
    criteria = result["criteria"]
    lead = [Paragraph(markup(f"{index}. {bloc.name}"), styles.heading)]
    if bloc.head or bloc.deputy:
        lead.append(Paragraph(markup(f"Khối trưởng: {bloc.head or '(chưa có)'}; khối phó: {bloc.deputy or '(chưa có)'}."),
                              ParagraphStyle("bloc_sub", parent=styles.body, fontSize=12, leading=14, spaceBefore=0,
                                             firstLineIndent=0, fontName=styles.fonts.italic)))
    fixed = 10 * mm + 62 * mm + 22 * mm + 18 * mm
    crit_width = (LANDSCAPE_WIDTH - fixed) / max(len(criteria), 1)
    labels = ["TT", "Đơn vị"] + [f"{c['name']} (tối đa {format_decimal(c['max_points'])})" for c in criteria]
    labels += [f"Tổng điểm (tối đa {format_decimal(result['max_total'])})", "Xếp hạng"]
    small = ParagraphStyle("crit_head", parent=styles.cell_centre, fontName=styles.fonts.bold, fontSize=10, leading=12)
    rows: list[list[object]] = [[Paragraph(markup(t), small) for t in labels]]
    incomplete = False
    for i, row in enumerate(result["rows"], start=1):
        incomplete |= not row["complete"]
        points = [format_decimal(p) if p is not None else "-" for p in row["points"]]
        name = row["unit_name"] + ("" if row["complete"] else " (*)")
        rows.append([str(i), cell(name, 62 * mm, styles), *points, format_decimal(row["total"]), str(row["rank"])])
    widths = [10 * mm, 62 * mm, *([crit_width] * len(criteria)), 22 * mm, 18 * mm]
    table = Table(rows, colWidths=widths, repeatRows=1)
    leader = result["leader"]
    extra: list[tuple[object, ...]] = [("ALIGN", (2, 1), (-1, -1), "CENTER")]
    if leader:
        at = 1 + result["rows"].index(leader)
        extra += [("FONT", (0, at), (-1, at), styles.fonts.bold, 12), ("BACKGROUND", (0, at), (-1, at), (0.93,) * 3)]
    table.setStyle(grid_style(styles, extra))
    note = ParagraphStyle("bloc_note", parent=styles.body, fontSize=12, leading=14, firstLineIndent=0, spaceBefore=2)
    if leader:
        verdict = (f"Đơn vị đề nghị dẫn đầu khối: <b>{markup(leader['unit_name'])}</b> "
                   f"({markup(format_decimal(leader['total']))} điểm, xếp thứ nhất, in đậm trong bảng).")
    else:
        verdict = ("Chưa xác định được đơn vị dẫn đầu khối (chưa chấm điểm hoặc có đơn vị đồng điểm cao nhất): "
                   "Hội đồng xem xét, quyết định.")
    out: list[Flowable] = [*lead, Paragraph(verdict, note), Spacer(1, 3), table]
    if incomplete:
        out.append(Paragraph("(*) Đơn vị chưa được chấm đủ các tiêu chí.", note))
    return out


# ---------------------------------------------------------------- review lists
REVIEW_WIDTHS_MM = (10, 48, 58, 62, 0)


def review_story(pack: CouncilPack, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = []
    for number, form in enumerate(pack.forms, start=1):
        story += [PageBreak(), council_header(pack.parent_body, styles, LANDSCAPE_WIDTH)] if story else \
            [council_header(pack.parent_body, styles, LANDSCAPE_WIDTH),
             *title_lines([f"PHẦN {'II' if pack.blocs else 'I'}", "DANH SÁCH TRÍCH NGANG CÁC TRƯỜNG HỢP ĐỀ NGHỊ KHEN THƯỞNG"], styles,
                     LANDSCAPE_WIDTH)]
        story += review_list(number, form, styles)
    return story


def review_list(number: int, form: FormList, styles: Styles) -> list[Flowable]:
    kind = "danh hiệu" if form.category == "danh_hieu" else "hình thức"
    counts = f"Tổng số: {format_count(len(form.candidates))} trường hợp"
    if form.contested:
        counts += (f"; trong đó {format_count(form.contested)} trường hợp chưa đủ điều kiện hoặc cần xem lại "
                   "(tô nền xám)")
    story: list[Flowable] = [
        Spacer(1, 6),
        Paragraph(markup(f"{number}. Đề nghị {kind} “{form.name}”"), styles.heading),
        Paragraph(markup(counts + "."), ParagraphStyle("count", parent=styles.body, fontName=styles.fonts.italic,
                                                       fontSize=12, leading=14, spaceBefore=0)),
        Spacer(1, 4), review_table(form, styles),
    ]
    return story


def review_table(form: FormList, styles: Styles) -> LongTable:
    widths = [w * mm for w in REVIEW_WIDTHS_MM]
    widths[-1] = LANDSCAPE_WIDTH - sum(widths)
    small = ParagraphStyle("review_cell", parent=styles.cell, fontSize=11, leading=13)
    rows: list[list[object]] = [header_cells(["TT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị công tác",
                                              "Thành tích; các năm đạt danh hiệu", "Kết quả thẩm định"], styles)]
    extra: list[tuple[object, ...]] = []
    group = None
    headed = {c.group for c in form.candidates if c.name != c.group}  # a unit proposing only itself: no row
    for number, c in enumerate(form.candidates, start=1):
        if c.group != group:
            group = c.group
            if group in headed:
                rows.append(["", Paragraph(markup(f"Đơn vị đề nghị: {group}"), styles.cell_bold), "", "", ""])
                extra += [("SPAN", (1, len(rows) - 1), (-1, len(rows) - 1))]
        where = ", ".join(x for x in (c.position, c.unit) if x)
        merit = "; ".join(x for x in (c.achievement, c.chain) if x)
        label = STATUS_SHORT.get(c.status, "")
        if c.status in CONTESTED:
            verdict: object = Paragraph(f"<b>{markup(label)}</b>" + (f": {markup(c.reason)}" if c.reason else ""),
                                        small)
        else:
            verdict = label
        wide = not where
        name = cell(c.name, widths[1] + (widths[2] if wide else 0), styles, small)
        rows.append([str(number), name, cell(where, widths[2], styles, small) if where else "",
                     cell(merit, widths[3], styles, small) if merit else "", verdict])
        if wide:
            extra.append(("SPAN", (1, len(rows) - 1), (2, len(rows) - 1)))
        if c.status in CONTESTED:
            extra.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), CONTESTED_SHADE))
    table = LongTable(rows, colWidths=widths, repeatRows=1)
    table.setStyle(grid_style(styles, [("VALIGN", (0, 1), (-1, -1), "TOP"),
                                       ("FONT", (0, 1), (-1, -1), styles.fonts.regular, 11, 13), *extra]))
    return table


# ---------------------------------------------------------------- ballots
def ballottitle_lines(form: FormList, year: int) -> str:
    if form.category == "danh_hieu":
        return f"Bầu danh hiệu “{form.name}” năm {year}"
    return f"Đề nghị tặng {form.name} năm {year}"


def ballot_story(pack: CouncilPack, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = []
    for _copy in range(pack.copies):
        for form in pack.ballot_forms:
            story += [NextPageTemplate("portrait"), PageBreak(), SectionStart(), *one_ballot(pack, form, styles)]
    return story


def one_ballot(pack: CouncilPack, form: FormList, styles: Styles) -> list[Flowable]:
    instructions = ParagraphStyle("instr", parent=styles.body, fontName=styles.fonts.italic, fontSize=13, leading=16)
    story: list[Flowable] = [
        council_header(pack.parent_body, styles), Spacer(1, 8), Paragraph("PHIẾU BẦU", styles.title),
        Paragraph(markup(ballottitle_lines(form, pack.year)), styles.centred_bold), CentredRule(40 * mm),
        Paragraph(markup(f"(Phiên họp {_meeting_phrase(pack)})"), styles.centred_italic),
        Paragraph(markup("Đồng chí đồng ý trường hợp nào thì đánh dấu (X) vào ô “Đồng ý”, không đồng ý thì đánh "
                         "dấu (X) vào ô “Không đồng ý” cùng dòng. Mỗi dòng chỉ đánh dấu một ô; dòng đánh dấu cả hai "
                         "ô hoặc để trống không được tính. Không ghi tên người bầu vào phiếu."), instructions),
        Spacer(1, 6),
    ]
    widths = [10 * mm, 50 * mm, TEXT_WIDTH - 96 * mm, 18 * mm, 18 * mm]
    rows: list[list[object]] = [header_cells(["TT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Đồng ý",
                                              "Không đồng ý"], styles)]
    spans: list[tuple[object, ...]] = []
    for i, c in enumerate(form.ballot_candidates, start=1):
        unit = c.unit or (c.group if c.group not in ("Đơn vị khác", c.name) else "")
        where = ", ".join(x for x in (c.position, unit) if x)
        if where:
            rows.append([str(i), cell(c.name, widths[1], styles), cell(where, widths[2], styles), "", ""])
        else:  # a collective: its name takes the unit's cell too
            rows.append([str(i), cell(c.name, widths[1] + widths[2], styles), "", "", ""])
            spans.append(("SPAN", (1, len(rows) - 1), (2, len(rows) - 1)))
    table = LongTable(rows, colWidths=widths, repeatRows=1)
    table.setStyle(grid_style(styles, [("TOPPADDING", (0, 1), (-1, -1), 5), ("BOTTOMPADDING", (0, 1), (-1, -1), 7),
                                       *spans]))
    story += [table, Spacer(1, 8),
              Paragraph(markup("Phiếu hợp lệ là phiếu do Ban kiểm phiếu phát ra tại phiên họp."),
                        ParagraphStyle("foot", parent=instructions, fontSize=12, leading=14))]
    return story


# ---------------------------------------------------------------- the pack
def pack_story(pack: CouncilPack, styles: Styles) -> list[Flowable]:
    story = cover_story(pack, styles)
    if pack.blocs:  # no blocs scored this year: no part of them (and the review lists are Phần I)
        story += [NextPageTemplate("landscape"), PageBreak(), SectionStart(), *bloc_story(pack, styles)]
    story += [NextPageTemplate("landscape"), PageBreak(), SectionStart(), *review_story(pack, styles)]
    story += ballot_story(pack, styles)
    return story


def council_pack_pdf(pack: CouncilPack) -> bytes:
    styles = make_styles()
    return render(pack_story(pack, styles), title=f"Tài liệu họp Hội đồng Thi đua - Khen thưởng năm {pack.year}",
                  author=pack.council_name, subject=f"Xét đề nghị khen thưởng năm {pack.year}")
