"""Certificate PDFs read back: page size, /PrintScaling /None, every line at its layout position (after a
printer profile's offsets and scale) within 0,5 mm, shrink-to-fit and its warning, LĐTT refused."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader

from emulation_desk.documents.calibration import calibration_pdf, crosshair_points
from emulation_desk.documents.certificate_layout import (
    LayoutError,
    layouts_from_mapping,
    shipped_layouts,
)
from emulation_desk.documents.certificates import Certificate, Placement, render_certificates
from emulation_desk.errors import KnownError

MM = 72 / 25.4
TOLERANCE_MM = 0.5

TEXTS: dict[str, str | tuple[str, ...]] = {
    "issuer": "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA BÌNH", "verb": "TẶNG", "form_title": "GIẤY KHEN",
    "recipient": "Nguyễn Thị Hồng Nhung", "position_unit": "Giáo viên, Trường Tiểu học Hòa Bình",
    "achievement": "Đã có thành tích xuất sắc trong phong trào thi đua năm 2026",
    "decision": "Quyết định số 12/QĐ-UBND", "decision_date": "ngày 01/12/2026", "golden_number": "Số sổ vàng: 7",
    "place_date": "Hòa Bình, ngày 01 tháng 12 năm 2026", "signer_title": ("CHỦ TỊCH",),
    "signer_name": "Trần Văn Bình",
}


def certificate(number: int = 7, **texts: Any) -> Certificate:
    return Certificate(number, str(texts.get("recipient", TEXTS["recipient"])), {**TEXTS, **texts}, "Bà")


def lines_of(pdf: bytes, page_index: int = 0) -> list[dict[str, Any]]:
    """Text lines: text, start and end x (points), baseline from the top (points), size; a gap of more
    than 15 mm on one baseline starts another line."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[page_index]
        height = float(page.height)
        chars = sorted(page.chars, key=lambda c: (round(height - c["matrix"][5], 1), c["matrix"][4]))
    found: list[dict[str, Any]] = []
    for char in chars:
        baseline = height - char["matrix"][5]
        last = found[-1] if found else None
        if last and abs(last["baseline"] - baseline) < 0.2 and char["x0"] - last["x1"] < 15 * MM:
            last["text"] += char["text"]
            last["x1"] = char["x1"]
        else:
            found.append({"text": char["text"], "x0": char["x0"], "x1": char["x1"], "baseline": baseline,
                          "size": round(char["size"], 2)})
    return found


def line(found: list[dict[str, Any]], text: str) -> dict[str, Any]:
    matches = [entry for entry in found if entry["text"] == text] or [
        entry for entry in found if text in entry["text"]]
    assert matches, (text, [entry["text"] for entry in found])
    return matches[0]


def test_a4_page_size_and_print_scaling() -> None:
    layouts = shipped_layouts()
    rendered = render_certificates([certificate(1), certificate(2)], layouts.by_code("a4_ngang"), layouts,
                                   blank=True)
    reader = PdfReader(io.BytesIO(rendered.data))
    assert len(reader.pages) == rendered.pages == 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / MM, 1), round(float(box.height) / MM, 1)) == (297.0, 210.0)
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/PrintScaling"] == "/None"


def test_a3_page_size() -> None:
    layouts = shipped_layouts()
    layout = layouts.for_form("BK_TINH")
    rendered = render_certificates([certificate(form_title="BẰNG KHEN")], layout, layouts, blank=False)
    box = PdfReader(io.BytesIO(rendered.data)).pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (420, 297)


@pytest.mark.parametrize("placement", [Placement(), Placement(2.5, -1.75, 0.985, 1.012)])
def test_every_line_at_its_position(placement: Placement) -> None:
    layouts = shipped_layouts()
    layout = layouts.by_code("a4_ngang")
    rendered = render_certificates([certificate()], layout, layouts, blank=False, placement=placement)
    found = lines_of(rendered.data)
    checked = 0
    for spec in layout.fields:
        text = {"national_title": "CỘNG HÒA", "motto": "Độc lập"}.get(spec.key) or TEXTS[spec.key]
        first = text[0] if isinstance(text, tuple) else text
        probe = first if spec.lines == 1 or len(first) < 30 else first.split()[0] + " " + first.split()[1]
        entry = line(found, probe)
        x = {"centre": (entry["x0"] + entry["x1"]) / 2, "left": entry["x0"], "right": entry["x1"]}[spec.align]
        want_x = placement.offset_x_mm + placement.scale_x * spec.x_mm
        want_y = placement.offset_y_mm + placement.scale_y * spec.y_mm
        assert abs(x / MM - want_x) <= TOLERANCE_MM, (spec.key, x / MM, want_x)
        assert abs(entry["baseline"] / MM - want_y) <= TOLERANCE_MM, (spec.key, entry["baseline"] / MM, want_y)
        checked += 1
    assert checked == len(layout.fields) == 14


def test_blank_prints_only_the_variable_lines() -> None:
    layouts = shipped_layouts()
    layout = layouts.by_code("a4_ngang")
    text = " ".join(e["text"] for e in lines_of(render_certificates([certificate()], layout, layouts,
                                                                     blank=True).data))
    assert "Nguyễn Thị Hồng Nhung" in text and "Số sổ vàng: 7" in text
    assert "CỘNG HÒA" not in text and "GIẤY KHEN" not in text and "TẶNG" not in text.split()
    full = " ".join(e["text"] for e in lines_of(render_certificates([certificate()], layout, layouts,
                                                                     blank=False).data))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in full and "GIẤY KHEN" in full


def test_issuer_and_form_title_in_dark_red_bold() -> None:
    layouts = shipped_layouts()
    rendered = render_certificates([certificate()], layouts.by_code("a4_ngang"), layouts, blank=False)
    with pdfplumber.open(io.BytesIO(rendered.data)) as doc:
        chars = doc.pages[0].chars
    red = [c for c in chars if c["text"] in "GIẤYKHEN" and round(c["size"]) == 34]
    assert red and all("Bold" in c["fontname"] for c in red)
    colour = tuple(round(v, 3) for v in red[0]["non_stroking_color"])
    assert colour == (round(0xC0 / 255, 3), 0.0, 0.0)


def test_long_name_shrinks_then_warns() -> None:
    layouts = shipped_layouts()
    layout = layouts.by_code("a4_ngang")
    spec = layout.field("recipient")
    assert spec is not None
    longer = "Tập thể Lớp 5A Trường Tiểu học và Trung học cơ sở Hòa Bình, huyện Đồng Hỷ, tỉnh Thái Nguyên"
    rendered = render_certificates([certificate(recipient=longer)], layout, layouts, blank=True)
    entry = line(lines_of(rendered.data), "Tập thể")
    assert spec.min_size <= entry["size"] < spec.size
    assert (entry["x1"] - entry["x0"]) / MM <= spec.max_width_mm
    assert rendered.warnings == []
    too_long = "Ban chỉ đạo " + " ".join(["phong trào thi đua yêu nước"] * 6)
    rendered = render_certificates([certificate(3, recipient=too_long)], layout, layouts, blank=True)
    assert line(lines_of(rendered.data), "Ban chỉ đạo")["size"] == spec.min_size
    assert len(rendered.warnings) == 1
    assert rendered.warnings[0].startswith("Giấy số 3 (Ban chỉ đạo") and "họ tên" in rendered.warnings[0]


def test_achievement_wraps_on_two_lines() -> None:
    layouts = shipped_layouts()
    layout = layouts.by_code("a4_ngang")
    spec = layout.field("achievement")
    assert spec is not None
    long_text = ("Đã có thành tích xuất sắc trong việc thực hiện nhiệm vụ chính trị của địa phương, tích cực "
                 "tham gia các phong trào thi đua yêu nước năm 2026")
    found = lines_of(render_certificates([certificate(achievement=long_text)], layout, layouts, blank=True).data)
    first, second = line(found, "Đã có"), line(found, "năm 2026")
    assert first is not second
    assert abs((second["baseline"] - first["baseline"]) / MM - spec.line_gap_mm) <= TOLERANCE_MM


def test_no_certificate_for_ldtt_and_unknown_form() -> None:
    layouts = shipped_layouts()
    with pytest.raises(KnownError, match=r"Lao động tiên tiến.*không có giấy chứng nhận"):
        layouts.for_form("LDTT")
    with pytest.raises(KnownError, match="Chưa có mẫu in giấy khen cho hình thức “Huân chương”"):
        layouts.for_form("HC_LD_BA", "Huân chương")
    assert layouts.for_form("CSTDCS").code == "a4_ngang"


def test_bad_layout_is_named() -> None:
    data = {"layouts": [{"code": "x", "width_mm": 297, "height_mm": 210, "forms": [], "fields": [
        {"key": "recipient", "x_mm": 400, "y_mm": 100, "size": 12}]}]}
    with pytest.raises(LayoutError, match=r"Mẫu x, dòng recipient: vị trí .* nằm ngoài khổ giấy"):
        layouts_from_mapping(data)


def test_calibration_page_crosshairs_follow_the_profile() -> None:
    layouts = shipped_layouts()
    layout = layouts.by_code("a4_ngang")
    placement = Placement(1.5, -2.0, 1.01, 0.99)
    rendered = calibration_pdf(layout, layouts, placement, "Máy in phòng Nội vụ")
    reader = PdfReader(io.BytesIO(rendered.data))
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/PrintScaling"] == "/None"
    with pdfplumber.open(io.BytesIO(rendered.data)) as doc:
        page = doc.pages[0]
        text = page.extract_text()
        segments = [(ln["x0"], ln["top"], ln["x1"], ln["bottom"]) for ln in page.lines]
    assert "TRANG CĂN CHỈNH MÁY IN" in text and "Máy in phòng Nội vụ" in text
    for x, y in crosshair_points(layout):
        want_x, want_y = (placement.offset_x_mm + placement.scale_x * x) * MM, \
            (placement.offset_y_mm + placement.scale_y * y) * MM
        vertical = [s for s in segments if abs(s[0] - s[2]) < 0.01 and abs(s[0] - want_x) < TOLERANCE_MM * MM
                    and s[1] < want_y < s[3]]
        assert vertical, (x, y)
