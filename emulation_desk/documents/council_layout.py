"""Layout pieces shared by the council's papers (pack, minutes, ballot count): the header with the council
under the People's Committee, table cells and the grid style. Written here because the page layer's header
breaks a name at any space (a small helper, not a change to ``documents/page.py``)."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle

from emulation_desk.core.stats import percent
from emulation_desk.core.text import format_percent, nfc
from emulation_desk.documents.page import TEXT_WIDTH, CentredRule, DocumentHeader, HeaderLine, Styles, markup
from emulation_desk.services.council.rules import BASE_LABELS, VoteRule

COUNCIL_BODY = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
CELL_PAD = 8


class CouncilHeader(DocumentHeader):
    """The Decree 30 header with the council under the People's Committee; the council's name breaks after
    the dash ("HỘI ĐỒNG THI ĐUA -" / "KHEN THƯỞNG"), never before it (the page layer breaks at any space).
    No place-date line: a biên bản and the council's papers carry none (ND 30, Mẫu 1.9)."""

    def __init__(self, parent_body: str, number_line: str | None, styles: Styles, width: float) -> None:
        super().__init__(parent_body, COUNCIL_BODY, number_line, None, styles.fonts, width=width)
        bold = [HeaderLine(line, styles.fonts.bold, 13) for line in ("HỘI ĐỒNG THI ĐUA -", "KHEN THƯỞNG")]
        self.left = [line for line in self.left if line.font != styles.fonts.bold] + bold
        block = max(self._block_height(self.left), self._block_height(self.right)) + self.rule_gap + 1
        self.number_baseline = block + 10 + 13 if self.number_line else None
        self.height = (self.number_baseline + 4) if self.number_baseline else block + 2


def council_header(pack_parent: str, styles: Styles, width: float = TEXT_WIDTH, number: str | None = None
                   ) -> DocumentHeader:
    return CouncilHeader(pack_parent, number, styles, width)


def cell(text: str, width: float, styles: Styles, style: ParagraphStyle | None = None) -> object:
    text = nfc(text)
    use = style or styles.cell
    if stringWidth(text, use.fontName, use.fontSize) <= width - CELL_PAD:
        return text
    return Paragraph(markup(text), use)


def grid_style(styles: Styles, extra: list[tuple[object, ...]] | None = None) -> TableStyle:
    return TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, -1), styles.fonts.regular, styles.cell.fontSize, styles.cell.leading),
        ("ALIGN", (0, 0), (0, -1), "CENTER"), ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4), ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD / 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD / 2), *(extra or []),
    ])


def header_cells(labels: list[str], styles: Styles) -> list[Paragraph]:
    style = ParagraphStyle("head", parent=styles.cell_centre, fontName=styles.fonts.bold)
    return [Paragraph(markup(label), style) for label in labels]


def title_lines(lines: list[str], styles: Styles, width: float = TEXT_WIDTH) -> list[Flowable]:
    out: list[Flowable] = [Spacer(1, 6)]
    out += [Paragraph(markup(line), styles.title) for line in lines]
    out.append(CentredRule(40 * mm, frame_width=width))
    return out


def share_text(numerator: int, denominator: int) -> str:
    """A vote share by the program's one percentage rule (core.stats.percent): "87,5%", "89%", "0%"."""
    if denominator <= 0:
        return ""
    return format_percent(percent(numerator, denominator)) if numerator else "0%"


def rule_text(rule: VoteRule) -> str:
    """The threshold as printed on paper: "từ 90% tổng số thành viên Hội đồng đồng ý trở lên" (the screen's
    note that a default was not checked against the council's rules is for the clerk, not for the paper)."""
    text = f"{'trên' if rule.strict else 'từ'} {rule.percent}% {BASE_LABELS[rule.base]} đồng ý"
    return text if rule.strict else f"{text} trở lên"


def rule_short(rule: VoteRule) -> str:
    """"≥ 90% tổng số TV" for a narrow cell of the pack."""
    base = "tổng số TV" if rule.base == "all" else "số TV tham gia"
    return f"{'>' if rule.strict else '≥'} {rule.percent}% {base}"
