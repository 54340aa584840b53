"""Cell values, header spellings and form names: table-driven, each refusal with a Vietnamese reason."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

from emulation_desk.core.catalog import load_catalog
from emulation_desk.exchange.catalog_match import FormResolver
from emulation_desk.exchange.headers import header_key, match_field
from emulation_desk.exchange.interpret import parse_decision_text, split_number
from emulation_desk.exchange.reader import CellError, Formula
from emulation_desk.exchange.values import (
    CellIssue,
    as_amount,
    as_birth,
    as_date,
    as_flag,
    as_gender,
    as_text,
)

TODAY = date(2026, 11, 26)
W1900, M1904 = CALENDAR_WINDOWS_1900, CALENDAR_MAC_1904


def test_defusedxml_is_in_force() -> None:
    assert openpyxl.DEFUSEDXML is True
    import emulation_desk.exchange.reader  # noqa: F401 - importing the reader checks it too


@pytest.mark.parametrize(("value", "epoch", "expected"), [
    (1980, W1900, (1980, None)),
    (1980.0, W1900, (1980, None)),
    ("1980", W1900, (1980, None)),
    ("năm 1980", W1900, (1980, None)),
    ("15/12/1980", W1900, (1980, date(1980, 12, 15))),
    ("5.3.1975", W1900, (1975, date(1975, 3, 5))),
    (datetime(1975, 3, 8), W1900, (1975, date(1975, 3, 8))),
    (29570, W1900, (1980, date(1980, 12, 15))),  # a serial number in a cell not formatted as a date
    (28108, M1904, (1980, date(1980, 12, 15))),  # the same day in a 1904-epoch workbook
    (None, W1900, (None, None)),
])
def test_birth_values(value: object, epoch: datetime, expected: tuple[int | None, date | None]) -> None:
    assert as_birth(value, epoch, today=TODAY) == expected


@pytest.mark.parametrize(("value", "fragment"), [
    ("31/02/1980", "tháng 2 không có ngày 31"),
    ("29/02/1981", "không phải năm nhuận"),
    ("2031", "tương lai"),
    (2031, "tương lai"),
    ("15/12/2030", "tương lai"),
    (1850, "không hợp lý"),
    (60, "29/02/1900"),  # Excel's serial 60 is a day that never existed
    (datetime(1900, 2, 28), "01/03/1900"),  # what openpyxl makes of serial 59 or 60 in a date cell
    ("mười hai", "Không đọc được ngày"),
    (True, "TRUE/FALSE"),
    (Formula("=DATE(1980,1,1)"), "công thức"),
    (CellError("#N/A"), "#N/A"),
])
def test_impossible_birth_values_are_refused(value: object, fragment: str) -> None:
    with pytest.raises(CellIssue) as caught:
        as_birth(value, W1900, today=TODAY)
    assert fragment in caught.value.reason


@pytest.mark.parametrize(("value", "expected"), [
    ("10/12/2020", date(2020, 12, 10)), ("2020-12-10", date(2020, 12, 10)), (datetime(2020, 12, 10), date(2020, 12, 10)),
    (44175, date(2020, 12, 10)), (None, None),
])
def test_full_dates(value: object, expected: date | None) -> None:
    assert as_date(value, W1900) == expected


def test_a_year_alone_is_not_a_decision_date() -> None:
    with pytest.raises(CellIssue, match="đủ ngày, tháng, năm"):
        as_date(2020, W1900)


def test_text_is_never_cut() -> None:
    assert as_text("  Nguyễn\u00a0 Văn\nAn ", max_length=20) == "Nguyễn Văn An"
    assert as_text(1234.0) == "1234"
    with pytest.raises(CellIssue, match="vượt giới hạn 200"):
        as_text("x" * 201, max_length=200)


@pytest.mark.parametrize(("value", "expected"), [("Nam", "nam"), ("NỮ", "nu"), ("nu", "nu"), (None, None)])
def test_gender(value: object, expected: str | None) -> None:
    assert as_gender(value) == expected


@pytest.mark.parametrize(("value", "expected"), [("x", True), ("X", True), ("có", True), (1, True), ("", None),
                                                 (None, None), ("không", False), (0, False)])
def test_flags(value: object, expected: bool | None) -> None:
    assert as_flag(value) is expected


@pytest.mark.parametrize(("value", "expected"), [("1.950.000", 1950000), (1950000, 1950000), ("710.000 đồng", 710000),
                                                 (None, None)])
def test_amounts(value: object, expected: int | None) -> None:
    assert as_amount(value) == expected


@pytest.mark.parametrize(("header", "field"), [
    ("Họ và tên", "name"), ("Họ tên", "name"), ("HỌ VÀ TÊN", "name"), ("Họ và tên (*)", "name"),
    ("Tên tập thể", "name"), ("Họ và tên/Tên tập thể", "name"), ("Chức vụ", "position"),
    ("Chức vụ, đơn vị công tác", "position_unit"), ("Chức vụ và đơn vị công tác", "position_unit"),
    ("Đơn vị", "unit"), ("Đơn vị công tác", "unit"), ("Năm sinh", "birth"), ("Ngày sinh", "birth"),
    ("Ngày, tháng, năm sinh", "birth"), ("Giới tính", "gender"), ("Hình thức khen thưởng", "form"),
    ("Danh hiệu", "form"), ("Danh hiệu thi đua đề nghị", "form"), ("Số quyết định", "decision_number"),
    ("Ngày ký", "decision_date"), ("Cơ quan ban hành", "issuer"), ("STT", "stt"), ("TT", "stt"),
    ("Tóm tắt thành tích", "achievement"), ("Ghi chú", "notes"), ("Lãnh đạo quản lý (ghi x)", "is_manager"),
    ("Loại khen thưởng", "kind"), ("Số tiền (đồng)", "amount"), ("Địa chỉ", "address"), ("Quê quán", None),
    # the facts sent with the list (issue 13): ratings, initiatives, discipline, a collective's figures
    ("Xếp loại", "rating"), ("Mức độ hoàn thành nhiệm vụ", "rating"), ("Sáng kiến", "initiative"),
    ("Kỷ luật", "discipline"), ("Hình thức kỷ luật", "discipline"), ("Số bị kỷ luật", "disciplined_count"),
    ("Số người đạt danh hiệu Lao động tiên tiến", "standard_count"), ("Số đạt CSTĐCS", "cstdcs_count"),
    ("Tổng số thành viên", "head_count"), ("Số hoàn thành nhiệm vụ trở lên", "completed_count"),
])
def test_header_spellings(header: str, field: str | None) -> None:
    assert match_field(header) == field, header_key(header)


@pytest.fixture(scope="module")
def forms() -> FormResolver:
    return FormResolver(load_catalog(), "huyen")


@pytest.mark.parametrize(("text", "subject", "year", "code"), [
    ("Lao động tiên tiến", None, 2020, "LDTT"), ("LĐTT", None, 2020, "LDTT"),
    ("Danh hiệu “Lao động tiên tiến”", None, 2020, "LDTT"), ("Chiến sỹ thi đua cơ sở", None, 2020, "CSTDCS"),
    ("CSTĐCS", None, 2020, "CSTDCS"), ("Tập thể lao động tiên tiến", None, 2020, "TTLDTT"),
    ("Giấy khen", "ca_nhan", 2020, "GK_CT_HUYEN"), ("Giấy khen của Chủ tịch UBND thành phố", "tap_the", 2020, "GK_CT_HUYEN"),
    ("Bằng khen của Chủ tịch UBND tỉnh", None, 2020, "BK_TINH"),
    ("Bằng khen UBND tỉnh", None, 2020, "BK_TINH"), ("Huân chương Lao động hạng Nhì", None, 2020, "HC_LAO_DONG_2"),
])
def test_form_names(forms: FormResolver, text: str, subject: str | None, year: int, code: str) -> None:
    assert forms.resolve(text, subject=subject, year=year) == code


@pytest.mark.parametrize(("text", "subject", "fragment"), [
    ("Lao động xuất sắc nhất", None, "Không nhận ra hình thức"),
    ("Tập thể lao động tiên tiến", "ca_nhan", "không dùng cho cá nhân"),
    ("Giấy khen", "ca_nhan", "chưa rõ"),  # in 2026 the district's Giấy khen no longer exists
])
def test_unknown_or_unsuitable_forms(forms: FormResolver, text: str, subject: str | None, fragment: str) -> None:
    with pytest.raises(CellIssue) as caught:
        forms.resolve(text, subject=subject, year=2026 if text == "Giấy khen" else 2020)
    assert fragment in caught.value.reason


def test_the_giay_khen_of_the_office_depends_on_its_level() -> None:
    catalog = load_catalog()
    assert FormResolver(catalog, "xa").resolve("Giấy khen", subject="ca_nhan", year=2026) == "GK_CT_XA"
    with pytest.raises(CellIssue, match="chưa rõ"):
        FormResolver(catalog, None).resolve("Giấy khen", year=2020)


def test_forms_and_kinds_named_in_longer_text(forms: FormResolver) -> None:
    assert forms.find_in("DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU TẬP THỂ LAO ĐỘNG TIÊN TIẾN NĂM 2020") == "TTLDTT"
    assert forms.find_in("II. Chiến sĩ thi đua cơ sở") == "CSTDCS"
    assert forms.find_in("I. Cá nhân") is None
    assert forms.kind("Theo công trạng và thành tích") == "cong_trang"
    assert forms.kind("Đột xuất") == "dot_xuat"
    with pytest.raises(CellIssue, match="loại khen thưởng"):
        forms.kind("Thường niên đặc biệt")


def test_decision_lines() -> None:
    header = parse_decision_text("(Kèm theo Quyết định số 4520/QĐ-UBND ngày 10/12/2020 của Chủ tịch UBND thành phố "
                                 "Nam Định) Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2020")
    assert header is not None
    assert (header.number, header.symbol, header.signed_on) == ("4520", "QĐ-UBND", date(2020, 12, 10))
    assert header.issuer_name == "Chủ tịch UBND thành phố Nam Định"
    assert header.title.startswith("Về việc công nhận")
    long_form = parse_decision_text("Quyết định số 812/QĐ-TTg ngày 18 tháng 6 năm 2020 của Thủ tướng Chính phủ")
    assert long_form is not None and long_form.signed_on == date(2020, 6, 18) and long_form.symbol == "QĐ-TTg"
    assert parse_decision_text("Quyết định số 12/QĐ-UBND") is None
    assert split_number("4520/QĐ-UBND") == ("4520", "QĐ-UBND") and split_number("4520") == ("4520", "")
