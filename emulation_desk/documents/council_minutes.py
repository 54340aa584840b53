"""The papers written after the vote: the biên bản kiểm phiếu (ballot count) and the biên bản họp Hội đồng
(council minutes), from a meeting recorded through :mod:`emulation_desk.services.council.meetings`. It only
renders a :class:`MeetingPrint` (gathered by :func:`emulation_desk.services.reporting.council_data.meeting_for_print`);
the export registry writes and audits the file.

Structure: documents.md §4–5. A biên bản header carries the number line but no place-date line (ND 30,
Mẫu 1.9); the minutes are signed THƯ KÝ (left) and CHỦ TỌA (right), the count by the vote-counting board.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, LongTable, Paragraph, Spacer, Table, TableStyle

from emulation_desk.core.text import format_count, format_date_long, nfc
from emulation_desk.documents.council_layout import (
    cell,
    council_header,
    grid_style,
    header_cells,
    rule_text,
    share_text,
)
from emulation_desk.documents.page import (
    SIGNING_SPACE,
    TEXT_WIDTH,
    CentredRule,
    Styles,
    make_styles,
    markup,
    render,
)
from emulation_desk.services.council import meetings as council_service
from emulation_desk.services.council.meetings import CaseResult
from emulation_desk.services.records.org import COUNCIL_ROLES


@dataclass
class MeetingPrint:
    parent_body: str
    council_name: str
    symbol: str
    year: int
    held_on: date
    start_time: str
    end_time: str
    place: str
    members: list[dict[str, Any]]
    presence: dict[str, str]
    chair: dict[str, Any] | None
    secretary: dict[str, Any] | None
    office: str
    body_short: str
    results: list[CaseResult]
    board: list[dict[str, Any]]
    own_forms: dict[str, bool] = field(default_factory=dict)  # form code → this office decides it (cơ sở)

    def by_form(self) -> list[tuple[str, list[CaseResult]]]:
        groups: dict[str, list[CaseResult]] = defaultdict(list)
        for r in self.results:
            groups[r.case["form_name"]].append(r)
        return list(groups.items())

    @property
    def taking_part(self) -> int:
        return sum(1 for m in self.members if self.presence.get(m["id"], "present") != "absent")

    @property
    def present(self) -> int:
        return sum(1 for m in self.members if self.presence.get(m["id"], "present") == "present")


# ---------------------------------------------------------------- shared pieces
def _time_phrase(time: str, day: date) -> str:
    if time:
        hours, minutes = time.split(":")
        return f"{hours} giờ {minutes} phút, {format_date_long(day)}"
    return f"...... giờ ...... phút, {format_date_long(day)}"


def _line(text: str, styles: Styles, *, bold_label: str = "") -> Paragraph:
    style = ParagraphStyle("minutes_line", parent=styles.body, firstLineIndent=0, spaceBefore=3)
    return Paragraph((f"<b>{markup(bold_label)}</b>" if bold_label else "") + markup(text), style)


def _para(text: str, styles: Styles) -> Paragraph:
    return Paragraph(markup(text), styles.body)


def _opening(m: MeetingPrint, title: str, subject: str, styles: Styles) -> list[Flowable]:
    return [council_header(m.parent_body, styles, number=f"Số:       /{m.symbol}"), Spacer(1, 10),
            Paragraph(markup(title), styles.title), Paragraph(markup(subject), styles.centred_bold),
            CentredRule(40 * mm), Spacer(1, 4),
            _line(_time_phrase(m.start_time, m.held_on) + ".", styles, bold_label="Thời gian: "),
            _line((m.place or "........................................") + ".", styles, bold_label="Địa điểm: ")]


def _member_name(member: dict[str, Any] | None) -> str:
    return member["full_name"] if member else ""


def _signatures(left: str, right: str, left_name: str, right_name: str, styles: Styles) -> Table:
    cells = [[Paragraph(markup(left), styles.sign), Paragraph(markup(right), styles.sign)],
             [Spacer(1, SIGNING_SPACE), Spacer(1, SIGNING_SPACE)],
             [Paragraph(markup(left_name).replace("\n", "<br/>"), styles.sign),
              Paragraph(markup(right_name), styles.sign)]]
    table = Table(cells, colWidths=[TEXT_WIDTH / 2, TEXT_WIDTH / 2])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    table.spaceBefore = 14
    return table


def _share(r: CaseResult) -> str:
    if r.outcome is None or r.outcome.base <= 0:
        return ""
    return share_text(r.case["yes"], r.outcome.base)


def _result_word(r: CaseResult) -> str:
    if r.outcome is None:
        return "Chưa biểu quyết"
    return "Đạt" if r.outcome.passed else "Không đạt"


def results_table(results: list[CaseResult], styles: Styles) -> LongTable:
    widths = [12 * mm, 55 * mm, TEXT_WIDTH - 135 * mm, 26 * mm, 20 * mm, 22 * mm]
    rows: list[list[object]] = [header_cells(["STT", "Họ và tên / Tên tập thể", "Đơn vị", "Số phiếu đồng ý",
                                              "Tỷ lệ %", "Kết quả"], styles)]
    for i, r in enumerate(results, start=1):
        votes = f"{r.case['yes']}/{r.outcome.base}" if r.outcome else ""
        rows.append([str(i), cell(r.case["nominee_name"], widths[1], styles),
                     cell(r.case["unit_name"] or "-", widths[2], styles),
                     votes, _share(r), _result_word(r)])
    table = LongTable(rows, colWidths=widths, repeatRows=1)
    table.setStyle(grid_style(styles, [("ALIGN", (3, 1), (-1, -1), "CENTER")]))
    return table


# ---------------------------------------------------------------- biên bản kiểm phiếu
def tally_story(m: MeetingPrint, styles: Styles) -> list[Flowable]:
    ballots = [(name, rs) for name, rs in m.by_form() if rs[0].case["ballot_required"]]
    story = _opening(m, "BIÊN BẢN KIỂM PHIẾU", f"Bầu các danh hiệu, hình thức khen thưởng năm {m.year}", styles)
    story += [_line("Ban kiểm phiếu gồm:", styles, bold_label="")]
    board = [(mb["full_name"], mb["position"]) for mb in m.board] or [("............................................", "")] * 3
    for i, (name, position) in enumerate(board, start=1):
        role = "Trưởng ban" if i == 1 else "Ủy viên"
        story.append(_line(f"{i}. Đồng chí {name}" + (f", {position}" if position else "") + f" - {role}.", styles))
    absent = len(m.members) - m.taking_part
    written = m.taking_part - m.present
    story.append(_para(f"Tổng số thành viên Hội đồng: {format_count(len(m.members))}; có mặt: {format_count(m.present)}; "
                       f"vắng mặt: {format_count(absent + written)}"
                       + (f" (trong đó {format_count(written)} thành viên gửi ý kiến bằng văn bản)" if written else "")
                       + ".", styles))
    if not ballots:
        story.append(_para("Phiên họp không có hình thức nào phải bỏ phiếu kín.", styles))
    for number, (name, rs) in enumerate(ballots, start=1):
        story += tally_form(number, name, rs, styles)
    closing = _para("Ban kiểm phiếu lập biên bản này và công bố kết quả trước Hội đồng./.", styles)
    story.append(KeepTogether([closing, board_signatures(m, styles)]))
    return story


def board_signatures(m: MeetingPrint, styles: Styles) -> Table:
    """The head of the vote-counting board at the right, then every other member with a signature space and
    name of their own, two to a row (blank spaces to sign when the board is not recorded yet)."""
    names = [mb["full_name"] for mb in m.board] or ["", "", ""]
    blocks = [("TRƯỞNG BAN KIỂM PHIẾU", names[0])] + [("ỦY VIÊN", name) for name in names[1:]]
    ordered = [blocks[1] if len(blocks) > 1 else ("", ""), blocks[0], *blocks[2:]]
    if len(ordered) % 2:
        ordered.append(("", ""))
    rows: list[list[object]] = []
    for left, right in zip(ordered[::2], ordered[1::2], strict=True):
        rows += [[Paragraph(markup(left[0]), styles.sign), Paragraph(markup(right[0]), styles.sign)],
                 [Spacer(1, SIGNING_SPACE), Spacer(1, SIGNING_SPACE)],
                 [Paragraph(markup(left[1]), styles.sign), Paragraph(markup(right[1]), styles.sign)]]
    table = Table(rows, colWidths=[TEXT_WIDTH / 2, TEXT_WIDTH / 2])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 2), (-1, 2), 14)]))
    table.spaceBefore = 14
    return table


def tally_form(number: int, name: str, rs: list[CaseResult], styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(markup(f"{number}. {name}"), styles.heading)]
    counted = [r for r in rs if r.outcome is not None]
    if counted:
        first = counted[0].case
        same = all((r.case["issued"], r.case["returned"], r.case["invalid"]) ==
                   (first["issued"], first["returned"], first["invalid"]) for r in counted)
        if same:
            story.append(_para(f"Số phiếu phát ra: {format_count(first['issued'])}; số phiếu thu vào: "
                               f"{format_count(first['returned'])}; hợp lệ: {format_count(first['valid'])}; "
                               f"không hợp lệ: {format_count(first['invalid'])}.", styles))
    story += [_para(f"Mức cần đạt: {rule_text(rs[0].rule)}.", styles), Spacer(1, 4)]
    story = [KeepTogether([*story, results_table(rs, styles)])]
    passed = [r.case["nominee_name"] for r in rs if r.passed]
    if passed:
        story.append(_para(f"Các trường hợp có tên sau đạt mức cần đạt: {', '.join(passed)}.", styles))
    else:
        story.append(_para("Không có trường hợp nào đạt mức cần đạt.", styles))
    return story


# ---------------------------------------------------------------- biên bản họp Hội đồng
def minutes_story(m: MeetingPrint, styles: Styles) -> list[Flowable]:
    story = _opening(m, "BIÊN BẢN", f"Họp {m.council_name}", styles)
    story.insert(4, Paragraph(markup(f"V/v xét, đề nghị khen thưởng năm {m.year}"), styles.centred_bold))
    story += [Paragraph("I. THÀNH PHẦN", styles.heading)]
    chair, secretary = m.chair, m.secretary
    if chair:
        story.append(_line(f"Đồng chí {chair['full_name']}, {chair['position']}, "
                           f"{COUNCIL_ROLES[chair['role']]}.", styles, bold_label="Chủ trì: "))
    if secretary:
        story.append(_line(f"Đồng chí {secretary['full_name']}, {secretary['position']}.", styles,
                           bold_label="Thư ký: "))
    absent = [mb for mb in m.members if m.presence.get(mb["id"], "present") != "present"]
    text = f"Có mặt {format_count(m.present)}/{format_count(len(m.members))} thành viên Hội đồng"
    if absent:
        names = "; ".join(f"đồng chí {mb['full_name']}" + (" - có ý kiến bằng văn bản"
                                                         if m.presence.get(mb["id"]) == "written" else "")
                          for mb in absent)
        text += f" (vắng mặt: {names})"
    story += [_para(text + ":", styles), Spacer(1, 4), attendance_table(m, styles)]
    story += [Paragraph("II. NỘI DUNG", styles.heading)]
    office = m.office or "Cơ quan thường trực Hội đồng"
    for line in (f"{office} báo cáo tóm tắt thành tích, kết quả thẩm định điều kiện, tiêu chuẩn của các tập thể, "
                 "cá nhân được đề nghị khen thưởng và kết quả chấm điểm các khối thi đua.",
                 "Hội đồng thảo luận, biểu quyết công khai; bỏ phiếu kín đối với các danh hiệu, hình thức khen thưởng "
                 "theo quy định."):
        story.append(_para(line, styles))
    story += [Paragraph("III. KẾT QUẢ", styles.heading)]
    for number, (name, rs) in enumerate(m.by_form(), start=1):
        how = "bỏ phiếu kín" if rs[0].case["ballot_required"] else "biểu quyết"
        story.append(KeepTogether([Paragraph(markup(f"{number}. {name}"), styles.heading_italic),
                                   _para(f"Hình thức: {how}; mức cần đạt: {rule_text(rs[0].rule)}.", styles),
                                   Spacer(1, 4), results_table(rs, styles)]))
    abstaining = [(a, r) for r in m.results for a in r.abstentions]
    if abstaining:
        story.append(_para("Các thành viên không tham gia biểu quyết: " + "; ".join(
            f"đồng chí {a['full_name']} đối với trường hợp {r.case['nominee_name']} ({a['reason'].lower()})"
            for a, r in abstaining) + ".", styles))
    story += conclusion(m, styles)
    end = m.end_time.replace(":", " giờ ") + " phút" if m.end_time else "...... giờ ...... phút"
    closing = _para(f"Cuộc họp kết thúc vào hồi {end} cùng ngày. Biên bản đã được thông qua tại cuộc họp./.",
                    styles)
    story.append(KeepTogether([closing, _signatures("THƯ KÝ", "CHỦ TỌA", _member_name(secretary),
                                                    _member_name(chair), styles), *minutes_recipients(m, styles)]))
    return story


def minutes_recipients(m: MeetingPrint, styles: Styles) -> list[Flowable]:
    """"Nơi nhận:" under the signatures (ND 30, Mẫu 1.9): the Chairman, the members, the file."""
    lines = [f"Chủ tịch {m.body_short};", "Các thành viên Hội đồng;", "Lưu: VT, Hồ sơ."]
    block: list[Flowable] = [Spacer(1, 10), Paragraph("Nơi nhận:", styles.recipients_label)]
    return block + [Paragraph(markup(f"- {line}"), styles.recipients) for line in lines]


def attendance_table(m: MeetingPrint, styles: Styles) -> Table:
    widths = [12 * mm, 50 * mm, TEXT_WIDTH - 130 * mm, 38 * mm, 30 * mm]
    rows: list[list[object]] = [header_cells(["STT", "Họ và tên", "Chức vụ", "Chức danh trong Hội đồng",
                                              "Tham dự"], styles)]
    for i, mb in enumerate(m.members, start=1):
        presence = council_service.PRESENCE_LABELS[m.presence.get(mb["id"], "present")]
        presence = "Vắng, có ý kiến bằng văn bản" if presence.startswith("Vắng mặt, có") else presence
        rows.append([str(i), cell(mb["full_name"], widths[1], styles), cell(mb["position"], widths[2], styles),
                     cell(COUNCIL_ROLES[mb["role"]], widths[3], styles), cell(presence, widths[4], styles)])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(grid_style(styles))
    return table


def conclusion(m: MeetingPrint, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [Paragraph("IV. KẾT LUẬN", styles.heading)]
    passed = [(name, [r for r in rs if r.passed]) for name, rs in m.by_form()]
    passed = [(name, rs) for name, rs in passed if rs]
    if not passed:
        story.append(_para("Không có trường hợp nào đạt mức đồng ý cần thiết.", styles))
    own = [(name, rs) for name, rs in passed if m.own_forms.get(rs[0].case["form_code"], False)]
    higher = [(name, rs) for name, rs in passed if (name, rs) not in own]
    for chosen, action in ((own, "xem xét, quyết định khen thưởng"),
                           (higher, "xem xét, trình cấp có thẩm quyền khen thưởng")):
        if not chosen:
            continue
        story.append(_para(f"Hội đồng thống nhất đề nghị Chủ tịch {m.body_short} {action} cho các tập thể, cá nhân "
                           "có tên sau:", styles))
        for name, rs in chosen:
            names = ", ".join(nfc(r.case["nominee_name"]) for r in rs)
            story.append(_para(f"- {name}: {format_count(len(rs))} trường hợp ({names}).", styles))
    failed = [r for r in m.results if r.passed is False]
    if failed:
        story.append(_para("Không đề nghị khen thưởng (không đạt mức đồng ý cần thiết): " + "; ".join(
            f"{r.case['nominee_name']} ({r.case['form_name']})" for r in failed) + ".", styles))
    waiting = [r for r in m.results if r.passed is None]
    if waiting:
        story.append(_para(f"Còn {format_count(len(waiting))} trường hợp chưa biểu quyết.", styles))
    return story


# ---------------------------------------------------------------- files
def minutes_pdf(m: MeetingPrint) -> bytes:
    return render(minutes_story(m, make_styles()), title=f"Biên bản họp Hội đồng năm {m.year}",
                  author=m.council_name)


def tally_pdf(m: MeetingPrint) -> bytes:
    return render(tally_story(m, make_styles()), title=f"Biên bản kiểm phiếu năm {m.year}", author=m.council_name)
