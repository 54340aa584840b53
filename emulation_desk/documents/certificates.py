"""Certificates drawn at millimetre positions: on a pre-printed blank (only the variable lines) or in full
on white paper (every line and a simple border), one page per recipient, shifted and stretched by a printer
profile. The PDF asks viewers not to scale it (``/PrintScaling /None``): a blank printed at 96 % is spoilt.

Long lines shrink down to their layout's minimum size; what still does not fit is reported, naming the
certificate, so that the clerk can shorten the text before printing.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from emulation_desk.core.text import nfc
from emulation_desk.documents.certificate_layout import FIELD_LABELS, Field, Layout, Layouts
from emulation_desk.documents.fonts import DocumentFonts, document_fonts
from emulation_desk.documents.page import MOTTO, NATIONAL_TITLE, balanced_lines

SHRINK_STEP = 0.5  # points


@dataclass(frozen=True)
class Placement:
    """A printer profile's correction: a layout position p (mm) is drawn at offset + scale * p."""

    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0
    scale_x: float = 1.0
    scale_y: float = 1.0

    def x(self, x_mm: float) -> float:
        return (self.offset_x_mm + self.scale_x * x_mm) * mm

    def y(self, y_mm: float, page_height_mm: float) -> float:
        """PDF y (points from the bottom) of a position measured from the top edge."""
        return (page_height_mm - (self.offset_y_mm + self.scale_y * y_mm)) * mm


@dataclass(frozen=True)
class Certificate:
    """The variable text of one certificate: field key → its text (one string, wrapped by the layout) or
    its lines (the signer's title); ``prefix`` goes before the name ("Ông", "Bà")."""

    number: int  # Số sổ vàng
    label: str  # how the clerk finds it in a warning: the recipient's name
    texts: dict[str, str | tuple[str, ...]]
    prefix: str = ""


@dataclass
class Rendered:
    data: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Fitted:
    lines: tuple[str, ...]
    size: float
    fits: bool


def _font(fonts: DocumentFonts, face: str) -> str:
    return getattr(fonts, face)


def _fixed_text(key: str) -> str | None:
    return {"national_title": NATIONAL_TITLE, "motto": MOTTO}.get(key)


def fit_lines(text: str | Sequence[str], spec: Field, font: str, extra_width: float = 0.0) -> Fitted:
    """The largest size from ``spec.size`` down to ``spec.min_size`` at which the text fits its width in at
    most ``spec.lines`` lines (a given tuple keeps its own lines); ``extra_width`` (points at ``spec.size``)
    is room taken on the line by a prefix in another face."""
    given = not isinstance(text, str)
    width = spec.max_width_mm * mm if spec.max_width_mm else None
    size = spec.size
    while True:
        if given:
            lines = tuple(nfc(line) for line in text)
        else:
            lines = (nfc(text),) if width is None else tuple(balanced_lines(nfc(text), font, size, width))
        grow = extra_width * size / spec.size
        fits = width is None or (len(lines) <= spec.lines and all(
            stringWidth(line, font, size) + grow <= width for line in lines))
        if fits or size - SHRINK_STEP < spec.min_size - 1e-9:
            break
        size -= SHRINK_STEP
    if not given and len(lines) > spec.lines:  # keep to the layout's lines; the warning says it overflows
        lines = (*lines[:spec.lines - 1], " ".join(lines[spec.lines - 1:]))
    return Fitted(lines, size, fits)


class CertificateCanvas:
    """Draws certificates of one layout onto one PDF."""

    def __init__(self, layout: Layout, layouts: Layouts, *, blank: bool, placement: Placement,
                 fonts: DocumentFonts | None = None, title: str = "", background: Path | None = None) -> None:
        self.layout, self.blank, self.placement = layout, blank, placement
        self.colours = layouts.colours
        self.fonts = fonts or document_fonts()
        self.background = background
        self.buffer = io.BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=(layout.width_mm * mm, layout.height_mm * mm), invariant=1,
                             pageCompression=1)
        self.canvas.setViewerPreference("PrintScaling", "None")
        self.canvas.setTitle(nfc(title or layout.name))
        self.canvas.setCreator("emulation_desk")
        self.pages = 0
        self.warnings: list[str] = []

    def _xy(self, x_mm: float, y_mm: float) -> tuple[float, float]:
        return self.placement.x(x_mm), self.placement.y(y_mm, self.layout.height_mm)

    def draw(self, certificate: Certificate) -> None:
        c = self.canvas
        if self.background is not None:
            c.drawImage(str(self.background), 0, 0, self.layout.width_mm * mm, self.layout.height_mm * mm)
        if not self.blank and self.layout.border:
            self._border()
        for spec in self.layout.fields:
            if self.blank and not spec.blank:
                continue
            text = _fixed_text(spec.key) or certificate.texts.get(spec.key)
            if text:
                self._field(spec, text, certificate)
        c.showPage()
        self.pages += 1

    def _field(self, spec: Field, text: str | tuple[str, ...], certificate: Certificate) -> None:
        font = _font(self.fonts, spec.face)
        prefix = certificate.prefix if spec.key == "recipient" and certificate.prefix else ""
        prefix_font = _font(self.fonts, spec.prefix_face or spec.face)
        prefix_width = stringWidth(prefix + " ", prefix_font, spec.size) if prefix else 0.0
        fitted = fit_lines(text, spec, font, prefix_width)
        if not fitted.fits:
            self.warnings.append(f"Giấy số {certificate.number} ({certificate.label}): dòng "
                                 f"{FIELD_LABELS[spec.key]} quá dài, đã thu nhỏ tới cỡ chữ {fitted.size:g} mà "
                                 "vẫn không vừa")
        self.canvas.setFillColorRGB(*self.colours[spec.colour])
        for index, line in enumerate(fitted.lines):
            x, y = self._xy(spec.x_mm, spec.y_mm + index * spec.line_gap_mm)
            lead = (prefix + " ") if prefix and index == 0 else ""
            self._line(x, y, spec.align, [(lead, prefix_font), (line, font)], fitted.size)
            if spec.rule and not self.blank:
                self._rule(x, y, stringWidth(line, font, fitted.size), spec.align)

    def _line(self, x: float, y: float, align: str, runs: list[tuple[str, str]], size: float) -> None:
        runs = [(text, font) for text, font in runs if text]
        total = sum(stringWidth(text, font, size) for text, font in runs)
        start = {"centre": x - total / 2, "left": x, "right": x - total}[align]
        for text, font in runs:
            self.canvas.setFont(font, size)
            self.canvas.drawString(start, y, text)
            start += stringWidth(text, font, size)

    def _rule(self, x: float, y: float, width: float, align: str) -> None:
        start = {"centre": x - width / 2, "left": x, "right": x - width}[align]
        self.canvas.setStrokeColorRGB(0, 0, 0)
        self.canvas.setLineWidth(0.7)
        self.canvas.line(start, y - 2 * mm, start + width, y - 2 * mm)

    def _border(self) -> None:
        border = self.layout.border
        assert border is not None
        self.canvas.setStrokeColorRGB(*self.colours.get(border.colour, (0, 0, 0)))
        w, h = self.layout.width_mm, self.layout.height_mm
        for inset, weight in ((border.outer_mm, 2.2), (border.inner_mm, 0.8)):
            x0, y0 = self._xy(inset, h - inset)
            x1, y1 = self._xy(w - inset, inset)
            self.canvas.setLineWidth(weight)
            self.canvas.rect(x0, y0, x1 - x0, y1 - y0)

    def finish(self) -> Rendered:
        self.canvas.save()
        return Rendered(self.buffer.getvalue(), self.pages, self.warnings)


def render_certificates(certificates: Iterable[Certificate], layout: Layout, layouts: Layouts, *, blank: bool,
                        placement: Placement | None = None, title: str = "", background: Path | None = None
                        ) -> Rendered:
    """One page per certificate, in the order given."""
    sheet = CertificateCanvas(layout, layouts, blank=blank, placement=placement or Placement(), title=title,
                              background=background)
    for certificate in certificates:
        sheet.draw(certificate)
    if not sheet.pages:
        raise ValueError("no certificate to draw")
    return sheet.finish()
