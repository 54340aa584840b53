"""The Decree 30/2020 page that every document uses: A4 geometry, styles, the two-column header, rules,
the "Nơi nhận" + signature block and page numbers centred at the top from page 2.

Every piece of user or database text that reaches reportlab markup goes through :func:`markup`
(NFC, then XML-escaped), so "A & B <Chi nhánh>" prints literally and decomposed input prints correctly.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from emulation_desk.core.text import nfc
from emulation_desk.documents.fonts import DocumentFonts, document_fonts

# Decree 30/2020, Appendix I: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
TOP, BOTTOM, LEFT, RIGHT = 20 * mm, 20 * mm, 30 * mm, 15 * mm
PORTRAIT, LANDSCAPE = A4, landscape(A4)
TEXT_WIDTH = PORTRAIT[0] - LEFT - RIGHT
LANDSCAPE_WIDTH = LANDSCAPE[0] - LEFT - RIGHT
HEADER_LEFT = 65 * mm  # agency column; the rest (100 mm) holds the national motto
BODY_SIZE, BODY_LEADING = 14, 17
FIRST_LINE_INDENT = 1.27 * 72 / 2.54  # 1.27 cm (36 pt)
PAGE_NUMBER_SIZE = 13
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGNING_SPACE = 28 * mm  # room for the signature and the seal


def markup(text: str | None) -> str:
    """User text made safe for Paragraph markup: NFC, then &, < and > escaped."""
    return escape(nfc(text or ""))


@dataclass(frozen=True)
class Styles:
    fonts: DocumentFonts
    body: ParagraphStyle
    basis: ParagraphStyle  # căn cứ lines: italic body
    title: ParagraphStyle
    centred_bold: ParagraphStyle
    centred_italic: ParagraphStyle
    heading: ParagraphStyle  # I., 1. (bold, indented like the body)
    heading_italic: ParagraphStyle  # a)
    recipients_label: ParagraphStyle
    recipients: ParagraphStyle
    sign: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_centre: ParagraphStyle
    cell_right: ParagraphStyle


def make_styles(fonts: DocumentFonts | None = None) -> Styles:
    f = fonts or document_fonts()
    body = ParagraphStyle("body", fontName=f.regular, fontSize=BODY_SIZE, leading=BODY_LEADING, alignment=TA_JUSTIFY,
                          firstLineIndent=FIRST_LINE_INDENT, spaceBefore=6)
    centred = ParagraphStyle("centred", parent=body, alignment=TA_CENTER, firstLineIndent=0, spaceBefore=0)
    cell = ParagraphStyle("cell", fontName=f.regular, fontSize=12, leading=14, alignment=TA_LEFT)
    return Styles(
        fonts=f, body=body,
        basis=ParagraphStyle("basis", parent=body, fontName=f.italic),
        title=ParagraphStyle("title", parent=centred, fontName=f.bold),
        centred_bold=ParagraphStyle("centred_bold", parent=centred, fontName=f.bold),
        centred_italic=ParagraphStyle("centred_italic", parent=centred, fontName=f.italic),
        heading=ParagraphStyle("heading", parent=body, fontName=f.bold, alignment=TA_LEFT, keepWithNext=1),
        heading_italic=ParagraphStyle("heading_italic", parent=body, fontName=f.italic, alignment=TA_LEFT,
                                      keepWithNext=1),
        recipients_label=ParagraphStyle("recipients_label", fontName=f.bold_italic, fontSize=12, leading=14),
        recipients=ParagraphStyle("recipients", fontName=f.regular, fontSize=11, leading=13),
        sign=ParagraphStyle("sign", fontName=f.bold, fontSize=14, leading=17, alignment=TA_CENTER),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=f.bold),
        cell_centre=ParagraphStyle("cell_centre", parent=cell, alignment=TA_CENTER),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=2),
    )


_KEEP_WITH_NUMBER = {"năm", "số", "ngày", "tháng", "khóa", "lần"}
# Two-syllable words of award names, forms and titles that a line break must not split where the width
# allows ("CÔNG / TÁC", "cá / nhân" read as two words).
COMPOUNDS = frozenset("""
công tác|thi đua|khen thưởng|cá nhân|tập thể|tổng kết|phương hướng|nhiệm vụ|kết quả|danh hiệu|lao động|tiên tiến|
chiến sĩ|chiến sỹ|cơ sở|giấy khen|bằng khen|quyết định|danh sách|thành phố|nhân dân|ủy ban|hội đồng|thành tích|
xuất sắc|hình thức|điển hình|phong trào|gia đình|chủ tịch|năm học|đơn vị|tổng hợp|biểu quyết|kiểm phiếu|đề nghị|
trích ngang|chấm điểm|thực hiện|huân chương|thủ tướng|chính phủ|hạnh phúc|độc lập|tự do|nông thôn|văn minh|đô thị|
an ninh|tổ quốc|giai đoạn|chuyên đề|đột xuất|cống hiến|thường trực|phiên họp|tài liệu|biên bản|tỉnh thành|
văn hóa|xã hội|nội vụ|tài chính|kế hoạch|giáo dục|đào tạo|y tế|trường học|mầm non|tiểu học|trung học|
dịch bệnh|phòng chống|an toàn|giao thông|môi trường|tài nguyên|công an|quân sự|hội nghị|đại hội
""".replace("\n", "").split("|"))


def _splits_compound(left: str, right: str) -> bool:
    return f"{left} {right}".lower().strip(",.;:()“”\"") in COMPOUNDS


def _bad_cut(words: list[str], cut: int) -> bool:
    before, after = words[cut - 1], words[cut]
    if before.lower() in _KEEP_WITH_NUMBER and after[:1].isdigit():
        return True  # never "năm / 2020" or "số / 164"
    return before[:1].isdigit() and after.lower() in ("tháng", "năm")  # nor "ngày 10 / tháng 12"


def balanced_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """Split ``text`` into as few lines as fit ``width``, two lines of even length rather than a long and a
    short one ("ỦY BAN NHÂN DÂN / THÀNH PHỐ NAM ĐỊNH"), never inside a two-syllable word of :data:`COMPOUNDS`
    where another break fits."""
    words = text.split()
    if stringWidth(text, font, size) <= width or len(words) < 2:
        return [text]
    best: tuple[tuple[bool, float], list[str]] | None = None
    for cut in range(1, len(words)):
        if _bad_cut(words, cut):
            continue
        lines = [" ".join(words[:cut]), " ".join(words[cut:])]
        widest = max(stringWidth(line, font, size) for line in lines)
        score = (_splits_compound(words[cut - 1], words[cut]), widest)
        if widest <= width and (best is None or score < best[0]):
            best = (score, lines)
    if best:
        return best[1]
    lines: list[list[str]] = []
    current: list[str] = []
    for word in words:
        if current and stringWidth(" ".join([*current, word]), font, size) > width:
            carried = [current.pop()] if len(current) > 1 and _splits_compound(current[-1], word) else []
            lines.append(current)
            current = carried
        current.append(word)
    return [" ".join(line) for line in [*lines, current]]


@dataclass(frozen=True)
class HeaderLine:
    text: str
    font: str
    size: float


class DocumentHeader(Flowable):
    """Decree 30 header: agency (left) and national motto (right), each with its rule; the number and the
    italic place-date on one shared baseline below them."""

    def __init__(self, parent_body: str, issuing_body: str, number_line: str | None, place_date: str | None,
                 fonts: DocumentFonts | None = None, width: float = TEXT_WIDTH) -> None:
        super().__init__()
        self.fonts = fonts or document_fonts()
        self.total_width = width
        self.left_width = HEADER_LEFT
        self.right_width = width - HEADER_LEFT
        f = self.fonts
        self.left: list[HeaderLine] = []
        if parent_body.strip():
            self.left += [HeaderLine(t, f.regular, 13) for t in balanced_lines(nfc(parent_body), f.regular, 13,
                                                                              self.left_width)]
        self.left += [HeaderLine(t, f.bold, 13) for t in balanced_lines(nfc(issuing_body), f.bold, 13,
                                                                       self.left_width)]
        self.right = [HeaderLine(NATIONAL_TITLE, f.bold, 12), HeaderLine(MOTTO, f.bold, 13)]
        self.number_line = nfc(number_line) if number_line is not None else None
        self.place_date = nfc(place_date) if place_date is not None else None
        self.rule_gap = 3.5
        block = max(self._block_height(self.left), self._block_height(self.right)) + self.rule_gap + 1
        self.number_baseline = block + 10 + 13 if (self.number_line or self.place_date) else None
        self.height = (self.number_baseline + 4) if self.number_baseline else block + 2

    @staticmethod
    def _block_height(lines: Sequence[HeaderLine]) -> float:
        return sum(line.size * 1.2 for line in lines)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.total_width, self.height

    def _draw_column(self, lines: Sequence[HeaderLine], centre: float, rule_fraction: float | None) -> None:
        canvas = self.canv
        y = self.height
        for line in lines:
            y -= line.size * 1.2
            canvas.setFont(line.font, line.size)
            canvas.drawCentredString(centre, y + line.size * 0.2, line.text)
        last = lines[-1]
        text_width = stringWidth(last.text, last.font, last.size)
        rule = text_width if rule_fraction is None else max(text_width * rule_fraction, 20 * mm)
        rule = min(rule, text_width)
        y -= self.rule_gap
        canvas.setLineWidth(0.6)
        canvas.line(centre - rule / 2, y, centre + rule / 2, y)

    def draw(self) -> None:
        f = self.fonts
        left_centre = self.left_width / 2
        right_centre = self.left_width + self.right_width / 2
        self._draw_column(self.left, left_centre, 0.4)  # 1/3–1/2 of the agency name
        self._draw_column(self.right, right_centre, None)  # as long as the motto
        if self.number_baseline is None:
            return
        y = self.height - self.number_baseline
        if self.number_line:
            self.canv.setFont(f.regular, 13)
            self.canv.drawCentredString(left_centre, y, self.number_line)
        if self.place_date:
            self.canv.setFont(f.italic, 14)
            self.canv.drawCentredString(right_centre, y, self.place_date)


class CentredRule(Flowable):
    """A short solid rule under a title (Decree 30: 1/3–1/2 of the text above)."""

    def __init__(self, width: float, space_before: float = 6, space_after: float = 8,
                 frame_width: float = TEXT_WIDTH) -> None:
        super().__init__()
        self.rule_width = width
        self.frame_width = frame_width
        self.space_before = space_before
        self.space_after = space_after

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.frame_width = availWidth
        return availWidth, self.space_before + self.space_after

    def draw(self) -> None:
        self.canv.setLineWidth(0.6)
        x = (self.frame_width - self.rule_width) / 2
        y = self.space_after
        self.canv.line(x, y, x + self.rule_width, y)


def balanced_markup(text: str, font: str, size: float, width: float = TEXT_WIDTH) -> str:
    """Escaped text whose lines are broken evenly (a centred title reads better as two similar lines
    than as a full line and one orphan word)."""
    return "<br/>".join(markup(line) for line in balanced_lines(nfc(text), font, size, width))


def title_block(kind: str, subject: str, styles: Styles) -> list[Flowable]:
    """"BÁO CÁO" / "QUYẾT ĐỊNH" and the trích yếu, centred bold, with a short rule under it."""
    size = styles.title.fontSize
    lines = balanced_lines(nfc(subject), styles.fonts.bold, size, TEXT_WIDTH)
    widest = max(stringWidth(line, styles.fonts.bold, size) for line in lines)
    return [Spacer(1, 8), Paragraph(markup(kind), styles.title),
            Paragraph(balanced_markup(subject, styles.fonts.bold, size), styles.title),
            CentredRule(max(widest * 0.4, 30 * mm))]


class SectionStart(Flowable):
    """Marks the first page of an attachment: page numbers restart there (Decree 30: an appendix of
    several pages is numbered on its own)."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class Decree30Document(BaseDocTemplate):
    """A4 portrait pages (and landscape ones for tables) with page numbers centred in the top margin,
    absent on the first page of the document and of each attachment."""

    def __init__(self, target: Any, *, title: str, author: str, subject: str = "",
                 first_template: str = "portrait") -> None:
        super().__init__(target, pagesize=PORTRAIT, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP,
                         bottomMargin=BOTTOM, title=nfc(title), author=nfc(author), subject=nfc(subject),
                         creator="emulation_desk", invariant=1, initialFontName=document_fonts().regular,
                         initialFontSize=BODY_SIZE)
        self.section_start = 1
        self.numbering_start = 1  # the start the current page's number is counted from
        portrait_frame = Frame(LEFT, BOTTOM, TEXT_WIDTH, PORTRAIT[1] - TOP - BOTTOM, id="portrait",
                               leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        landscape_frame = Frame(LEFT, BOTTOM, LANDSCAPE_WIDTH, LANDSCAPE[1] - TOP - BOTTOM, id="landscape",
                                leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates = [
            PageTemplate("portrait", [portrait_frame], onPageEnd=self._page_number, pagesize=PORTRAIT),
            PageTemplate("landscape", [landscape_frame], onPageEnd=self._page_number, pagesize=LANDSCAPE),
        ]
        templates.sort(key=lambda t: t.id != first_template)  # the first one lays out page 1
        self.addPageTemplates(templates)

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, SectionStart):
            self.section_start = self.page
            if getattr(self.frame, "_atTop", 1):  # mid-page (a short list after the signature): this page
                self.numbering_start = self.page  # keeps the document's number, the next one is the list's 2

    def _page_number(self, canvas: Any, doc: Any) -> None:
        number = self.page - self.numbering_start + 1
        self.numbering_start = self.section_start
        if number < 2:
            return
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setFont(document_fonts().regular, PAGE_NUMBER_SIZE)
        canvas.drawCentredString(width / 2, height - TOP / 2 - PAGE_NUMBER_SIZE / 3, str(number))
        canvas.restoreState()


def signature_column(signing_lines: Sequence[str], signer_name: str, styles: Styles) -> list[Flowable]:
    """The signer's title lines, the room to sign and seal, the name."""
    right: list[Flowable] = [Paragraph(markup(line.upper()), styles.sign) for line in signing_lines]
    return [*right, Spacer(1, SIGNING_SPACE), Paragraph(markup(signer_name), styles.sign)]


def signature_block(recipients: Sequence[str], signing_lines: Sequence[str], signer_name: str,
                    styles: Styles) -> Table:
    """"Nơi nhận:" (bold italic 12, recipients 11) at the left, the signature block at the right."""
    left: list[Flowable] = []
    if recipients:
        left.append(Paragraph("Nơi nhận:", styles.recipients_label))
        left += [Paragraph(markup(_recipient_line(r)), styles.recipients) for r in recipients]
    right = signature_column(signing_lines, signer_name, styles)
    table = Table([[left, right]], colWidths=[TEXT_WIDTH * 0.45, TEXT_WIDTH * 0.55])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0),
                               ("FONT", (0, 0), (-1, -1), styles.fonts.regular, 11),
                               ("RIGHTPADDING", (-1, 0), (-1, 0), 0), ("TOPPADDING", (0, 0), (-1, -1), 0)]))
    table.spaceBefore = 12
    return table


def _recipient_line(text: str) -> str:
    text = nfc(text).strip()
    return text if text.startswith(("-", "–", "+")) else f"- {text}"


def render(story: list[Flowable], *, title: str, author: str, subject: str = "",
           first_template: str = "portrait") -> bytes:
    """Lay the story out on Decree 30 pages and return the PDF bytes."""
    buffer = io.BytesIO()
    Decree30Document(buffer, title=title, author=author, subject=subject,
                     first_template=first_template).build(story)
    return buffer.getvalue()
