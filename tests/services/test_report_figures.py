"""The report's generated figures state exactly the model report's numbers for the demo year."""

from __future__ import annotations

from emulation_desk.services.reporting.report_figures import fill, rendered_sections, report_figures
from emulation_desk.services.reporting.reports import find_report
from emulation_desk.services.workspace import Workspace


def test_state_level_sentence(demo_ws: Workspace) -> None:
    text = report_figures(demo_ws, 2020)["khen_thuong_nha_nuoc"]
    for phrase in ("01 cá nhân được truy tặng danh hiệu vinh dự Nhà nước Bà mẹ Việt Nam anh hùng",
                   "01 tập thể được tặng thưởng Huân chương Lao động hạng Nhì",
                   "02 tập thể được tặng Cờ thi đua của Chính phủ",
                   "03 tập thể được tặng Bằng khen của Thủ tướng Chính phủ",
                   "01 tập thể được tặng Cờ thi đua của Bộ", "04 tập thể được tặng Bằng khen của Bộ"):
        assert phrase in text
    assert text.index("Bà mẹ") < text.index("Huân chương") < text.index("Cờ thi đua của Chính phủ")


def test_province_and_own_sentences(demo_ws: Workspace) -> None:
    figures = report_figures(demo_ws, 2020)
    province = figures["khen_thuong_tinh"]
    for phrase in ("09 tập thể được tặng Cờ thi đua của UBND tỉnh",
                   "27 tập thể được tặng danh hiệu “Tập thể lao động xuất sắc”",
                   "18 tập thể và 30 cá nhân được tặng Bằng khen của Chủ tịch UBND tỉnh",
                   "05 cá nhân được tặng danh hiệu “Chiến sĩ thi đua cấp tỉnh”"):
        assert phrase in province
    own = figures["khen_thuong_don_vi"]
    for phrase in ("“Tập thể lao động tiên tiến” cho 148 tập thể", "“Chiến sĩ thi đua cơ sở” cho 342 cá nhân",
                   "“Lao động tiên tiến” cho 1.984 cá nhân", "Giấy khen cho 146 tập thể và 396 cá nhân"):
        assert phrase in own
    assert "09 thành viên" in figures["hoi_dong"]
    assert "kiem_tra" not in figures  # the program keeps no inspections: section 6 keeps the clerk's text
    assert "25 tập thể, 75 cá nhân điển hình tiên tiến" in figures["dien_hinh_tien_tien"]


def test_report_bodies_are_filled_and_unknown_placeholders_stay_visible(demo_ws: Workspace) -> None:
    report = find_report(demo_ws, 2020)
    bodies = "\n".join(s["body"] for s in rendered_sections(demo_ws, report))
    assert "{{" not in bodies and "1.984 cá nhân" in bodies
    assert fill("Số liệu: {{khong_co}}.", {}) == "Số liệu: [chưa có số liệu: khong_co]."


def test_an_empty_year_says_so(ws: Workspace) -> None:
    figures = report_figures(ws, 2031)
    assert "chưa có" in figures["khen_thuong_nha_nuoc"] and "chưa có" in figures["khen_thuong_don_vi"]


def test_a_cell_lists_the_records_it_counts(demo_ws: Workspace) -> None:
    from emulation_desk.services.reporting.statistics import cell_records

    rows = cell_records(demo_ws, 2020, "II.5", "c12")
    assert len(rows) == 1 and rows[0]["number"] == "1890" and rows[0]["is_manager"] == 1
    assert len(cell_records(demo_ws, 2020, "I.1", "c10")) == 397
