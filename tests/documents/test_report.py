"""The demo year-end report read back: header, figures of the model report, margins, fonts, page numbers,
and the statistical table on its landscape page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.documents.conftest import page_text
from tests.documents.helpers import MM, centre, find_phrase, span, style_of, top_margin_number, words

PAGE_W, PAGE_H = 595.28, 841.89


def test_header_has_two_columns_and_the_number_shares_the_date_line(report_doc: Any) -> None:
    page = report_doc.pages[0]
    w = words(page)
    left = 30 * MM
    agency = [find_phrase(w, "UBND TỈNH NAM ĐỊNH"), find_phrase(w, "ỦY BAN NHÂN DÂN"),
              find_phrase(w, "THÀNH PHỐ NAM ĐỊNH"), find_phrase(w, "Số: 164/BC-UBND")]
    motto = [find_phrase(w, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), find_phrase(w, "Độc lập - Tự do - Hạnh phúc"),
             find_phrase(w, "Nam Định, ngày 15 tháng 12 năm 2020")]
    for found in agency:  # centred in the left column (65 mm)
        assert centre(found) == pytest.approx(left + 65 * MM / 2, abs=1.5)
        assert span(found)[1] < left + 65 * MM
    for found in motto:  # centred in the right column (100 mm)
        assert centre(found) == pytest.approx(left + 115 * MM, abs=1.5)
        assert span(found)[0] > left + 65 * MM
    number, place_date = agency[-1], motto[-1]
    assert number[0]["bottom"] == pytest.approx(place_date[0]["bottom"], abs=1)
    # the number and date come under both header blocks
    assert number[0]["top"] > max(agency[2][0]["bottom"], motto[1][0]["bottom"])


@pytest.mark.parametrize(("phrase", "face", "size"), [
    ("UBND TỈNH NAM ĐỊNH", "regular", 13),
    ("ỦY BAN NHÂN DÂN", "bold", 13),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "bold", 12),
    ("Độc lập - Tự do - Hạnh phúc", "bold", 13),
    ("Số: 164/BC-UBND", "regular", 13),
    ("Nam Định, ngày 15 tháng 12 năm 2020", "italic", 14),
    ("BÁO CÁO", "bold", 14),
    ("Tổng kết công tác thi đua, khen thưởng năm 2020,", "bold", 14),
    ("Phần I", "bold", 14),
    ("I. ĐẶC ĐIỂM, TÌNH HÌNH", "bold", 14),
    ("1. Lãnh đạo, chỉ đạo thực hiện công tác thi đua, khen thưởng", "bold", 14),
    ("a) Các phong trào thi đua do Trung ương, tỉnh phát động", "italic", 14),
    ("bên cạnh những thuận", "regular", 14),
])
def test_fonts_and_sizes_on_page_one(report_doc: Any, phrase: str, face: str, size: int) -> None:
    assert style_of(find_phrase(words(report_doc.pages[0]), phrase)) == (face, size)


def _signature_page(report_doc: Any) -> Any:
    return next(p for p in report_doc.pages if "Nơi nhận:" in (p.extract_text() or ""))


@pytest.mark.parametrize(("phrase", "face", "size"), [
    ("Nơi nhận:", "bold_italic", 12),
    ("- Ban TĐ-KT tỉnh;", "regular", 11),
    ("- Lưu: VT, NC, NV.", "regular", 11),
    ("TM. ỦY BAN NHÂN DÂN", "bold", 14),
    ("KT. CHỦ TỊCH", "bold", 14),
    ("PHÓ CHỦ TỊCH", "bold", 14),
    ("Phạm Thị Oanh", "bold", 14),
])
def test_recipients_and_signature(report_doc: Any, phrase: str, face: str, size: int) -> None:
    assert style_of(find_phrase(words(_signature_page(report_doc)), phrase)) == (face, size)


def test_signature_block_layout(report_doc: Any) -> None:
    w = words(_signature_page(report_doc))
    label, tm, name = find_phrase(w, "Nơi nhận:"), find_phrase(w, "TM. ỦY BAN NHÂN DÂN"), find_phrase(w, "Phạm Thị Oanh")
    assert span(label)[0] == pytest.approx(30 * MM, abs=1)  # flush left
    assert label[0]["top"] == pytest.approx(tm[0]["top"], abs=3)  # on the line of the signer's title
    assert centre(tm) > PAGE_W / 2 and centre(name) == pytest.approx(centre(tm), abs=2)
    assert name[0]["top"] - tm[0]["bottom"] > 25 * MM  # room to sign and stamp
    assert "TM." not in (find_phrase(w, "KT. CHỦ TỊCH")[0]["text"])


def test_the_model_reports_figures_are_in_the_text(report_doc: Any) -> None:
    text = " ".join(page_text(p) for p in report_doc.pages[:-1])
    for figure in ("01 cá nhân được truy tặng danh hiệu vinh dự Nhà nước Bà mẹ Việt Nam anh hùng",
                   "01 tập thể được tặng thưởng Huân chương Lao động hạng Nhì",
                   "02 tập thể được tặng Cờ thi đua của Chính phủ",
                   "03 tập thể được tặng Bằng khen của Thủ tướng Chính phủ",
                   "09 tập thể được tặng Cờ thi đua của UBND tỉnh",
                   "27 tập thể được tặng danh hiệu “Tập thể lao động xuất sắc”",
                   "05 cá nhân được tặng danh hiệu “Chiến sĩ thi đua cấp tỉnh”",
                   "18 tập thể và 30 cá nhân được tặng Bằng khen của Chủ tịch UBND tỉnh",
                   "“Tập thể lao động tiên tiến” cho 148 tập thể",
                   "“Chiến sĩ thi đua cơ sở” cho 342 cá nhân",
                   "“Lao động tiên tiến” cho 1.984 cá nhân",
                   "25 tập thể, 75 cá nhân điển hình tiên tiến"):
        assert figure in text, figure
    assert "{{" not in text and "[chưa có số liệu" not in text


def test_margins_of_every_portrait_page(report_doc: Any) -> None:
    for page in report_doc.pages[:-1]:
        body = [w for w in words(page) if not (w["bottom"] < 20 * MM and w["text"].isdigit())]
        left = min(w["x0"] for w in body)
        right = page.width - max(w["x1"] for w in body)
        assert 30 * MM - 0.5 <= left <= 35 * MM
        assert 15 * MM - 0.5 <= right <= 20 * MM
        assert min(w["top"] for w in body) >= 20 * MM - 0.5
        assert page.height - max(w["bottom"] for w in body) >= 20 * MM - 0.5
    first = report_doc.pages[0]
    assert min(w["x0"] for w in words(first)) <= 35 * MM  # the text really starts at the left margin
    justified = [page.width - max(w["x1"] for w in words(p)) for p in report_doc.pages[:3]]
    assert min(justified) == pytest.approx(15 * MM, abs=1)  # justified lines reach the right margin


def test_page_numbers_from_page_two_and_on_the_table_page(report_doc: Any) -> None:
    assert top_margin_number(report_doc.pages[0]) is None
    numbers = [top_margin_number(p) for p in report_doc.pages[1:]]
    assert numbers == [str(n) for n in range(2, len(report_doc.pages) + 1)]
    assert style_of([next(w for w in words(report_doc.pages[1]) if w["text"] == "2")]) == ("regular", 13)


def test_body_is_justified_with_a_first_line_indent(report_doc: Any) -> None:
    w = words(report_doc.pages[0])
    first = find_phrase(w, "Năm 2020, bên cạnh")
    assert first[0]["x0"] == pytest.approx(30 * MM + 36, abs=0.6)  # 1.27 cm indent
    second_line = [x for x in w if abs(x["top"] - (first[0]["top"] + 17)) < 1]
    assert min(x["x0"] for x in second_line) == pytest.approx(30 * MM, abs=0.6)
    assert max(x["x1"] for x in second_line) == pytest.approx(PAGE_W - 15 * MM, abs=0.6)


def test_table_page_is_landscape_with_fourteen_numbered_columns(report_doc: Any) -> None:
    page = report_doc.pages[-1]
    assert page.width > page.height
    w = words(page)
    numbers = [next(x for x in w if x["text"] == f"({n})") for n in range(1, 15)]
    xs = [(x["x0"] + x["x1"]) / 2 for x in numbers]
    assert xs == sorted(xs) and len({round(x) for x in xs}) == 14
    assert {"(4:3)", "(6:3)", "(10:3)"} <= {x["text"] for x in w}
    text = page_text(page)
    assert "BIỂU TỔNG HỢP KẾT QUẢ KHEN THƯỞNG NĂM 2020" in text
    assert "(Kèm theo Báo cáo số 164/BC-UBND ngày 15/12/2020 của UBND thành phố)" in text
    assert "Giấy khen 542 396 73% 145 27% 22 65 397 73% 44 265" in text
    assert "Lao động tiên tiến 1.984 1.984 100% 1.984 100% 297 1.687" in text
    assert "Bằng khen của tỉnh 48 30 62,5% 47 98% 29 1 2% 1" in text
    for group in ("KHEN THƯỞNG CỦA ĐƠN VỊ, ĐỊA PHƯƠNG", "KHEN THƯỞNG CẤP TỈNH, CẤP BỘ, NGÀNH TW",
                  "KHEN THƯỞNG CẤP NHÀ NƯỚC"):
        assert style_of(find_phrase(w, group))[0] == "bold"
    official = find_phrase(w, "Bằng khen của Thủ tướng Chính phủ")
    extra = find_phrase(w, "Danh hiệu vinh dự Nhà nước")
    assert extra[0]["top"] > official[0]["top"]  # extra rows come after the official ones


def test_merged_header_cells(report_doc: Any) -> None:
    page = report_doc.pages[-1]
    w = words(page)
    col = {n: next(x for x in w if x["text"] == f"({n})") for n in range(1, 15)}
    group = find_phrase(w, "Khen thưởng theo công trạng,")
    # the merged "công trạng" heading sits above columns 6–9, centred over them
    assert col[6]["x0"] - 20 < span(group)[0] and span(group)[1] < col[9]["x1"] + 20
    tong_so = [x for x in w if x["text"] == "Tổng" and x["top"] < col[1]["top"]]
    assert len(tong_so) == 3  # columns 3, 6 and 10
    ratio = [x for x in w if x["text"] == "Tỷ" and x["top"] < col[1]["top"]]
    assert len(ratio) == 3  # columns 5, 7 and 11
    lines = page.lines + page.rects
    assert lines  # ruled grid


def test_page_count_and_metadata(report_pdf_bytes: bytes) -> None:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(report_pdf_bytes))
    assert len(reader.pages) == 5
    assert reader.metadata.title == "Báo cáo 164/BC-UBND"
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(re.sub(r"^[A-Z]{6}\+", "", str(font.get_object()["/BaseFont"]).lstrip("/")))
    assert fonts == {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif-BoldItalic"}
