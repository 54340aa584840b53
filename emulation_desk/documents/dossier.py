"""The papers of a dossier upward (hồ sơ đề nghị cấp trên khen thưởng), composed from data: the Tờ trình
with its attached list, the council's Biên bản with the vote result, and each nominee's Báo cáo thành tích
in the form of the regime in force (the awards-received part filled from the history). Each paper is a
:class:`~emulation_desk.documents.paper.Paper`, written as PDF and as Word from the same value.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache

from emulation_desk.core.text import format_count, format_date, format_date_long, nfc
from emulation_desk.documents.paper import Block, Header, Paper, SignColumn, para, table
from emulation_desk.resources import resource_path

GROUPS = (("tap_the", "TẬP THỂ"), ("ca_nhan", "CÁ NHÂN"), ("ho_gia_dinh", "HỘ GIA ĐÌNH"))
ROMAN = ("I", "II", "III")
ACHIEVEMENT_PLACEHOLDER = ("[Cán bộ ghi phần thành tích tại đây: kết quả thực hiện nhiệm vụ được giao; các "
                           "giải pháp, sáng kiến; việc thực hiện chủ trương, chính sách; phong trào thi đua; "
                           "công tác đảng, đoàn thể. Xóa dòng này sau khi viết.]")


@dataclass(frozen=True)
class AwardLine:
    year: int
    form_name: str
    is_title: bool  # danh hiệu thi đua (part III.1) or hình thức khen thưởng (III.2)
    decision: str  # "Quyết định số 2891/QĐ-UBND ngày 14/08/2020 của Chủ tịch UBND thành phố Nam Định"


@dataclass(frozen=True)
class Nominee:
    subject: str  # ca_nhan | tap_the | ho_gia_dinh
    name: str
    position: str
    unit: str  # an individual's unit; a collective's parent unit; a household's address
    gender: str = ""
    birth: str = ""
    hometown: str = ""
    head_count: int | None = None
    address: str = ""
    achievement: str = ""  # the clerk's text, when written in the program
    history: tuple[AwardLine, ...] = ()


@dataclass(frozen=True)
class VoteLine:
    name: str
    unit: str
    yes: int
    base: int
    passed: bool


@dataclass(frozen=True)
class Minutes:
    number_line: str
    council_name: str
    held_on: date
    start_time: str
    end_time: str
    place: str
    chair: str  # "Đ/c Trần Quốc Khánh, Chủ tịch UBND thành phố, Chủ tịch Hội đồng"
    secretary: str
    members: int
    taking_part: int
    absent: tuple[str, ...]
    votes: tuple[VoteLine, ...]
    chair_name: str
    secretary_name: str


@dataclass(frozen=True)
class DossierPrint:
    parent_body: str
    issuing_body: str
    body_name: str  # "Ủy ban nhân dân thành phố Nam Định"
    place: str
    number: str
    symbol: str
    dated_on: date
    year: int
    regime_code: str
    form_name: str
    form_is_title: bool
    verb: str  # "tặng", "tặng thưởng", "tặng danh hiệu"
    addressee: str  # who the tờ trình goes to
    decider: str  # who decides (the same, or the one the addressee submits to)
    legal_bases: tuple[str, ...]
    signing_lines: tuple[str, ...]
    signer_name: str
    recipients: tuple[str, ...]
    nominees: tuple[Nominee, ...]
    minutes: Minutes | None
    shared_achievement: str = ""

    @property
    def number_line(self) -> str:
        return f"Số: {self.number.strip() or ' ' * 6}/{self.symbol}"

    @property
    def reference(self) -> str:
        number = self.number.strip() or "…"
        return f"Tờ trình số {number}/{self.symbol} ngày {format_date(self.dated_on)}"

    def counts(self) -> str:
        parts = [f"{format_count(sum(1 for n in self.nominees if n.subject == s))} {label.lower()}"
                 for s, label in GROUPS if any(n.subject == s for n in self.nominees)]
        return " và ".join(parts)

    def form_phrase(self) -> str:
        return f"{self.verb} {'“' + self.form_name + '”' if self.form_is_title else self.form_name}"


@cache
def report_forms() -> dict[str, dict[str, object]]:
    return tomllib.loads(resource_path("dossier", "report_forms.toml").read_text(encoding="utf-8"))


def form_label(regime_code: str, subject: str) -> str:
    forms = report_forms()
    entry = forms.get(regime_code) or forms[sorted(forms)[-1]]
    which = "individual" if subject == "ca_nhan" else "collective"
    return f"{entry[which]} (kèm theo {entry['decree']})"


# ---------------------------------------------------------------- the tờ trình and its list
def _list_rows(d: DossierPrint) -> tuple[list[tuple[str, ...]], set[int]]:
    rows: list[tuple[str, ...]] = [("STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị công tác / Địa chỉ")]
    groups: set[int] = set()
    present = [(s, label) for s, label in GROUPS if any(n.subject == s for n in d.nominees)]
    for number, (subject, label) in enumerate(present):
        groups.add(len(rows))
        rows.append((f"{ROMAN[number]}. {label}", "", ""))
        chosen = [n for n in d.nominees if n.subject == subject]
        for index, n in enumerate(chosen, start=1):
            detail = ", ".join(p for p in (n.position, n.unit) if p)
            rows.append((str(index), n.name, detail))
    return rows, groups


def submission_paper(d: DossierPrint) -> Paper:
    header = Header(d.parent_body, d.issuing_body, d.number_line, format_date_long(d.dated_on, d.place))
    subject = f"Về việc đề nghị {d.form_phrase()} năm {d.year}"
    blocks: list[Block] = [para("title", "TỜ TRÌNH"), para("subject", subject),
                           para("centred", f"Kính gửi: {d.addressee}.")]
    blocks += [para("basis", line) for line in d.legal_bases]
    if d.minutes:
        blocks.append(para("basis", f"Căn cứ Biên bản họp {d.minutes.council_name} ngày "
                                    f"{format_date(d.minutes.held_on)}."))
    through = "" if d.decider == d.addressee else f", trình {d.decider}"
    achievement = d.shared_achievement or f"đã có thành tích xuất sắc trong công tác năm {d.year}"
    blocks.append(para("body", f"{d.body_name} kính đề nghị {d.addressee} xem xét{through} {d.form_phrase()} "
                               f"cho {d.counts()} (có danh sách kèm theo), {achievement.rstrip('.')}."))
    blocks.append(para("body", "(Có báo cáo thành tích" + (" và biên bản họp Hội đồng" if d.minutes else "")
                       + " kèm theo)."))
    blocks.append(para("body", f"Kính đề nghị {d.addressee} xem xét, quyết định./."))
    blocks.append(Block("signatures", columns=(SignColumn(d.signing_lines, "", d.signer_name),),
                        recipients=d.recipients))
    blocks += [Block("page_break"), para("title", "DANH SÁCH"),
               para("subject", f"Đề nghị {d.form_phrase()} năm {d.year}"),
               para("centred_italic", f"(Kèm theo {d.reference} của {d.body_name})")]
    rows, groups = _list_rows(d)
    blocks.append(table(rows, (0.1, 0.38, 0.52), groups))
    return Paper("01-to-trinh", f"Tờ trình {subject[0].lower()}{subject[1:]}", header, tuple(blocks),
                 author=d.body_name)


# ---------------------------------------------------------------- the council's minutes
def minutes_paper(d: DossierPrint) -> Paper | None:
    m = d.minutes
    if m is None:
        return None
    header = Header(d.issuing_body, m.council_name.upper(), m.number_line, None)
    blocks: list[Block] = [
        para("title", "BIÊN BẢN"),
        para("subject", f"Họp {m.council_name} xét, đề nghị {d.form_phrase()} năm {d.year}"),
        para("line", f"Thời gian: {_time(m.start_time, ', ')}ngày {format_date(m.held_on)}."),
        para("line", f"Địa điểm: {m.place or '…'}."),
        para("heading", "Thành phần:"), para("line", f"Chủ trì: {m.chair}."),
    ]
    if m.secretary:
        blocks.append(para("line", f"Thư ký: {m.secretary}."))
    absent = f" (vắng: {', '.join(m.absent)})" if m.absent else ""
    blocks.append(para("line", f"Có mặt {format_count(m.taking_part)}/{format_count(m.members)} thành viên Hội "
                               f"đồng{absent}."))
    blocks += [para("heading", "Nội dung:"),
               para("body", f"Thường trực Hội đồng trình bày tiêu chuẩn và tóm tắt thành tích của "
                            f"{format_count(len(m.votes))} trường hợp được đề nghị {d.form_phrase()} năm {d.year}. "
                            "Hội đồng thảo luận và biểu quyết từng trường hợp."),
               para("heading", "Kết quả:")]
    rows: list[tuple[str, ...]] = [("STT", "Tên tập thể, cá nhân", "Đơn vị", "Kết quả biểu quyết")]
    for index, v in enumerate(m.votes, start=1):
        share = f"{v.yes * 100 / v.base:.1f}".replace(".", ",") if v.base else "0"
        rows.append((str(index), v.name, v.unit, f"{v.yes}/{v.base} đồng ý ({share}%)"
                     + ("" if v.passed else ", không đạt")))
    blocks.append(table(rows, (0.08, 0.34, 0.3, 0.28)))
    passed = sum(1 for v in m.votes if v.passed)
    blocks.append(para("body", f"Hội đồng thống nhất đề nghị {d.addressee} xem xét{_through(d)} "
                               f"{d.form_phrase()} cho {format_count(passed)} trường hợp đạt tỷ lệ theo quy định."))
    if m.end_time:
        blocks.append(para("body", f"Cuộc họp kết thúc vào {_time(m.end_time, ' ')}cùng ngày./."))
    blocks.append(Block("signatures", columns=(SignColumn(("THƯ KÝ",), "", m.secretary_name),
                                               SignColumn(("CHỦ TỌA",), "", m.chair_name))))
    return Paper("02-bien-ban-hop-hoi-dong", f"Biên bản họp {m.council_name}", header, tuple(blocks),
                 author=d.body_name)


def _time(text: str, after: str) -> str:
    """"08:00" → "8 giờ", "10:30" → "10 giờ 30 phút" (then ``after``); "" when no time was recorded."""
    if not text:
        return ""
    hours, _, minutes = text.partition(":")
    return (f"{int(hours)} giờ {minutes} phút" if minutes and minutes != "00" else f"{int(hours)} giờ") + after


def _through(d: DossierPrint) -> str:
    return "" if d.decider == d.addressee else f", trình {d.decider}"


# ---------------------------------------------------------------- a nominee's report
def _profile(n: Nominee) -> list[Block]:
    if n.subject == "ca_nhan":
        lines = [f"Họ và tên: {n.name.upper()}", f"Sinh ngày, tháng, năm: {n.birth or '…'}",
                 f"Giới tính: {n.gender or '…'}", f"Quê quán: {n.hometown or '…'}",
                 f"Đơn vị công tác: {n.unit or '…'}", f"Chức vụ: {n.position or '…'}",
                 "Trình độ chuyên môn, nghiệp vụ: …"]
        return [para("heading", "I. SƠ LƯỢC LÝ LỊCH")] + [para("line", _item(line)) for line in lines]
    lines = [f"Tên tập thể: {n.name}", f"Đơn vị cấp trên: {n.unit or '…'}", f"Trụ sở: {n.address or '…'}"]
    if n.head_count:
        lines.append(f"Số cán bộ, công chức, viên chức, người lao động: {format_count(n.head_count)}")
    return [para("heading", "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH")] + [para("line", _item(line)) for line in lines]


def _item(line: str) -> str:
    """"- Quê quán: Nam Định." (a field not recorded stays "…" for the clerk to fill in)."""
    return f"- {line}" if line.endswith("…") else f"- {line}."


def _history(n: Nominee, titles: bool) -> list[Block]:
    what = "Danh hiệu thi đua" if titles else "Hình thức khen thưởng"
    lines = [a for a in n.history if a.is_title == titles]
    blocks = [para("heading", f"{1 if titles else 2}. {what}")]
    if not lines:
        return [*blocks, para("line", f"Chưa có {what.lower()} nào được ghi nhận.")]
    verb = "công nhận danh hiệu thi đua" if titles else "khen thưởng"
    rows = [("Năm", what, f"Số, ngày, tháng, năm của quyết định {verb}; cơ quan ban hành quyết định")]
    rows += [(str(a.year), a.form_name, a.decision) for a in lines]
    return [*blocks, table(rows, (0.12, 0.33, 0.55))]


def report_paper(d: DossierPrint, n: Nominee, index: int, stem_name: str) -> Paper:
    if n.subject == "ca_nhan":
        parent, body = d.issuing_body, (n.unit or d.issuing_body).upper()
    elif n.subject == "tap_the":
        parent, body = (n.unit or d.issuing_body).upper(), n.name.upper()
    else:
        parent, body = d.parent_body, d.issuing_body
    header = Header(parent, body, None, format_date_long(d.dated_on, d.place), form_label(d.regime_code, n.subject))
    blocks: list[Block] = [para("title", "BÁO CÁO THÀNH TÍCH"),
                           para("subject", f"Đề nghị {d.form_phrase()} năm {d.year}"),
                           *_profile(n), para("heading", "II. THÀNH TÍCH ĐẠT ĐƯỢC")]
    if n.achievement.strip():
        blocks += [para("body", line) for line in nfc(n.achievement).splitlines() if line.strip()]
    else:
        blocks.append(Block("placeholder", ACHIEVEMENT_PLACEHOLDER))
    blocks += [para("heading", "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"), *_history(n, True), *_history(n, False)]
    if n.subject == "ca_nhan":
        columns = (SignColumn(("THỦ TRƯỞNG ĐƠN VỊ", "XÁC NHẬN, ĐỀ NGHỊ"), "(Ký, đóng dấu)"),
                   SignColumn(("NGƯỜI BÁO CÁO THÀNH TÍCH",), "(Ký, ghi rõ họ và tên)", n.name))
    else:
        columns = (SignColumn(("XÁC NHẬN CỦA CẤP TRÌNH", "KHEN THƯỞNG"), "(Ký, đóng dấu)"),
                   SignColumn(("THỦ TRƯỞNG ĐƠN VỊ",), "(Ký, đóng dấu)"))
    blocks.append(Block("signatures", columns=columns))
    return Paper(f"{index + 3:02d}-bao-cao-thanh-tich-{stem_name}", f"Báo cáo thành tích — {n.name}", header,
                 tuple(blocks), author=d.body_name)
