"""The calibration page of a certificate layout: millimetre rulers along the top and left edges, crosshairs
near the corners and in the middle, and a light mark where each line of the layout will print. Printed on
plain paper at 100 % and laid over a blank, it shows how far a printer and tray shift and stretch; the
clerk measures two crosshairs and the program turns the measures into a printer profile.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from emulation_desk.core.text import format_decimal
from emulation_desk.documents.certificate_layout import FIELD_LABELS, Layout, Layouts
from emulation_desk.documents.certificates import CertificateCanvas, Placement, Rendered

CROSS_INSET_MM = 20.0  # the corner crosshairs, from both edges
CROSS_ARM_MM = 6.0
GREY = (0.55, 0.55, 0.55)


def crosshair_points(layout: Layout) -> list[tuple[float, float]]:
    """Nominal crosshair positions (mm from the left and top edges): four corners, then the centre."""
    w, h, d = layout.width_mm, layout.height_mm, CROSS_INSET_MM
    return [(d, d), (w - d, d), (d, h - d), (w - d, h - d), (w / 2, h / 2)]


class CalibrationPage(CertificateCanvas):
    def draw_calibration(self, profile_line: str) -> None:
        c = self.canvas
        c.setStrokeColorRGB(0, 0, 0)
        c.setFillColorRGB(0, 0, 0)
        self._rulers()
        for x, y in crosshair_points(self.layout):
            self._cross(x, y)
        self._field_marks()
        self._instructions(profile_line)
        c.showPage()
        self.pages += 1

    def _text(self, x_mm: float, y_mm: float, text: str, size: float = 7, face: str = "regular",
              align: str = "left") -> None:
        x, y = self._xy(x_mm, y_mm)
        self._line(x, y, align, [(text, getattr(self.fonts, face))], size)

    def _segment(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.3) -> None:
        a, b = self._xy(x0, y0)
        c, d = self._xy(x1, y1)
        self.canvas.setLineWidth(width)
        self.canvas.line(a, b, c, d)

    def _rulers(self) -> None:
        w, h = self.layout.width_mm, self.layout.height_mm
        for x in range(int(w) + 1):
            length = 5.0 if x % 10 == 0 else 3.5 if x % 5 == 0 else 2.0
            self._segment(x, 0, x, length, 0.25)
            if x % 10 == 0 and 0 < x < w:
                self._text(x, 8.5, str(x), 6, align="centre")
        for y in range(int(h) + 1):
            length = 5.0 if y % 10 == 0 else 3.5 if y % 5 == 0 else 2.0
            self._segment(0, y, length, y, 0.25)
            if y % 10 == 0 and 10 < y < h:
                self._text(6.5, y + 1, str(y), 6)

    def _cross(self, x: float, y: float) -> None:
        arm = CROSS_ARM_MM
        self._segment(x - arm, y, x + arm, y, 0.35)
        self._segment(x, y - arm, x, y + arm, 0.35)
        cx, cy = self._xy(x, y)
        self.canvas.circle(cx, cy, 1.5 * mm * self.placement.scale_x)
        label = f"X {format_decimal(x, 1)} – Y {format_decimal(y, 1)} mm"
        right_half = x > self.layout.width_mm / 2  # the label stays inside the paper
        self._text(x - 2 if right_half else x + 2, y - 2, label, 7, align="right" if right_half else "left")

    def _field_marks(self) -> None:
        c = self.canvas
        c.saveState()
        c.setStrokeColorRGB(*GREY)
        c.setFillColorRGB(*GREY)
        c.setDash(1.5, 1.5)
        for spec in self.layout.fields:
            half = (spec.max_width_mm or 60.0) / 2
            start = {"centre": spec.x_mm - half, "left": spec.x_mm, "right": spec.x_mm - 2 * half}[spec.align]
            for index in range(spec.lines):
                y = spec.y_mm + index * spec.line_gap_mm
                self._segment(start, y, start + 2 * half, y, 0.3)
            self._text(start, spec.y_mm - 1, FIELD_LABELS[spec.key], 6, face="italic")
        c.restoreState()

    def _instructions(self, profile_line: str) -> None:
        w = self.layout.width_mm
        lines = [
            f"TRANG CĂN CHỈNH MÁY IN — {self.layout.name}",
            "In trên giấy thường, chế độ “Kích thước thực” (100%, không co giãn trang), đúng khay sẽ in phôi.",
            "Đặt trang in chồng lên phôi, soi dưới ánh sáng; đo vị trí thực của dấu chữ thập góc trên bên trái",
            "và góc dưới bên phải (tính từ mép giấy, mm) rồi nhập vào hồ sơ máy in để chương trình tự tính độ lệch.",
            profile_line,
        ]
        y = 24.0  # between the top crosshairs and the first line of the layout
        for index, line in enumerate(lines):
            face = "bold" if index == 0 else "regular"
            size = 9.5 if index == 0 else 8
            while stringWidth(line, getattr(self.fonts, face), size) > (w - 70) * mm and size > 6:
                size -= 0.5
            self._text(w / 2, y, line, size, face=face, align="centre")
            y += 4.2


def calibration_pdf(layout: Layout, layouts: Layouts, placement: Placement | None = None,
                    profile_name: str = "") -> Rendered:
    """One page at the layout's paper size, with the profile's correction applied when one is given."""
    used = placement or Placement()
    page = CalibrationPage(layout, layouts, blank=False, placement=used, title=f"Trang căn chỉnh — {layout.name}")
    if profile_name:
        line = (f"Hồ sơ máy in: {profile_name} (lệch X {format_decimal(used.offset_x_mm, 2)} mm, lệch Y "
                f"{format_decimal(used.offset_y_mm, 2)} mm, tỷ lệ X {format_decimal(used.scale_x, 4)}, tỷ lệ Y "
                f"{format_decimal(used.scale_y, 4)}).")
    else:
        line = "Chưa áp dụng hồ sơ máy in nào (in đúng vị trí danh nghĩa)."
    page.draw_calibration(line)
    return page.finish()
