"""Achievement years and periods (Luật TĐKT 2022 Điều 22–28; NĐ 98/2023 Điều 53): the default read from a decision's
title, the clerk's input, and the period's own arithmetic."""

from __future__ import annotations

import pytest

from emulation_desk.core.achievement import (
    AchievementPeriod,
    achievement_from_title,
    parse_period,
    title_span,
)

# (case, title, fallback, span, (first, last), read from the title)
TITLES = [
    ("danh hiệu năm 2023 ký tháng 01/2024 (Luật 2022 Điều 24: thành tích của năm 2023)",
     "Về việc tặng danh hiệu Lao động tiên tiến năm 2023", 2024, 1, (2023, 2023), True),
    ("không dấu, chữ hoa", "VE VIEC TANG DANH HIEU CHIEN SI THI DUA CO SO NAM 2021", 2022, 1, (2021, 2021), True),
    ("giai đoạn (NĐ 98 Điều 53: thành tích một thời kỳ)",
     "Về việc khen thưởng tổng kết phong trào thi đua giai đoạn 2015-2020", 2020, 1, (2015, 2020), True),
    ("giai đoạn có khoảng trắng và gạch dài", "khen thưởng thành tích giai đoạn 2016 – 2020", 2021, 1, (2016, 2020),
     True),
    ("02 năm liên tục (Luật 2022 Điều 74.1.d)",
     "Về việc tặng Bằng khen cho cá nhân đã có thành tích xuất sắc 02 năm liên tục (2022-2023)", 2024, 1,
     (2022, 2023), True),
    ("từ năm … đến năm", "đã hoàn thành xuất sắc nhiệm vụ từ năm 2019 đến năm 2023", 2024, 1, (2019, 2023), True),
    ("05 năm liên tục đến năm 2023 (Luật 2022 Điều 73.1.b)",
     "tặng Bằng khen của Thủ tướng cho cá nhân 05 năm liên tục hoàn thành tốt nhiệm vụ, năm 2023", 2024, 1,
     (2019, 2023), True),
    ("năm học: thành tích của năm kết thúc năm học", "Về việc tặng Cờ thi đua năm học 2019-2020", 2020, 1,
     (2020, 2020), True),
    ("giai đoạn chưa kết thúc: sơ kết tính đến năm quyết định",
     "sơ kết phong trào thi đua giai đoạn 2021-2025", 2023, 1, (2021, 2023), True),
    ("CSTĐ cấp tỉnh năm 2024 thưởng 03 năm (Luật 2022 Điều 22)", "tặng danh hiệu Chiến sĩ thi đua cấp tỉnh năm 2024",
     2025, 3, (2022, 2024), True),
    ("không ghi năm: mặc định của người gọi", "Về việc tặng Giấy khen", 2024, 1, (2024, 2024), False),
    ("nhiều năm không rõ giai đoạn: không đoán", "khen thưởng năm 2023 và phát động thi đua năm 2024", 2024, 1,
     (2024, 2024), False),
    ("số quyết định không phải năm", "Về việc tặng Giấy khen theo đề nghị tại Tờ trình số 12345", 2024, 1,
     (2024, 2024), False),
]


@pytest.mark.parametrize(("case", "title", "fallback", "span", "expected", "from_title"), TITLES,
                         ids=[t[0] for t in TITLES])
def test_achievement_from_the_decision_title(case: str, title: str, fallback: int, span: int,
                                             expected: tuple[int, int], from_title: bool) -> None:
    guess = achievement_from_title(title, fallback, span=span)
    assert (guess.period.first, guess.period.last) == expected
    assert guess.from_title is from_title
    if from_title:
        assert guess.matched and guess.matched.lower() in title.lower()
        assert "theo trích yếu" in guess.describe()
    else:
        assert "mặc định" in guess.describe()


def test_a_period_fallback_is_kept_as_given() -> None:
    assert achievement_from_title("", AchievementPeriod(2019, 2023)).period == AchievementPeriod(2019, 2023)


def test_several_years_say_why_the_title_was_not_used() -> None:
    guess = achievement_from_title("khen thưởng năm 2023 và phát động thi đua năm 2024", 2024)
    assert guess.note == "trích yếu ghi nhiều năm (2023, 2024)" and "2023, 2024" in guess.describe()


@pytest.mark.parametrize(("text", "expected"), [
    ("2023", (2023, 2023)), ("năm 2023", (2023, 2023)), ("2022-2023", (2022, 2023)), ("2022 – 2023", (2022, 2023)),
    (" 2015—2020 ", (2015, 2020)), ("Năm 2019 - năm 2023", (2019, 2023)),
])
def test_the_clerk_types_a_year_or_a_period(text: str, expected: tuple[int, int]) -> None:
    period = parse_period(text)
    assert (period.first, period.last) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("", "Không đọc được"), ("23", "Không đọc được"), ("2023-2021", "năm đầu sau năm cuối"),
    ("1900-2023", "từ 1945 đến 2100"), ("1950-2023", "dài quá"), ("hai nghìn", "Không đọc được"),
])
def test_bad_input_gets_a_vietnamese_message(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_period(text)


def test_the_period_arithmetic() -> None:
    one, two = AchievementPeriod.of(2023), AchievementPeriod(2022, 2024)
    assert one.single and not two.single and list(two.years) == [2022, 2023, 2024]
    assert two.contains(2023) and not two.contains(2025) and one.overlaps(two)
    assert not AchievementPeriod.of(2021).overlaps(two)
    assert (one.label(), two.label()) == ("năm 2023", "giai đoạn 2022–2024")
    assert (one.compact(), two.compact()) == ("2023", "2022–2024")
    assert AchievementPeriod.of(2024, 2022) == two
    with pytest.raises(ValueError):
        AchievementPeriod(2024, 2023)


def test_title_spans() -> None:
    """CSTĐ cấp tỉnh/bộ reward 03 consecutive CSTĐCS (Luật TĐKT 2022 Điều 22); yearly titles one year."""
    assert (title_span("cstd_tinh"), title_span("cstd_bo"), title_span("ldtt"), title_span("")) == (3, 3, 1, 1)
