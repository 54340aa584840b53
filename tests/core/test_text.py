"""Tests for emulation_desk.core.text (collation is checked against ICU's "vi" collator)."""

import itertools
import random
import unicodedata
from datetime import date
from decimal import Decimal

import icu
import pytest

from emulation_desk.core.text import (
    clean_text,
    fold,
    format_count,
    format_date,
    format_date_long,
    format_decimal,
    format_int,
    format_percent,
    matches_folded,
    nfc,
    parse_date,
    person_sort_key,
    split_name,
    to_roman,
    upper_vi,
    vi_sort_key,
)

COLLATOR = icu.Collator.createInstance(icu.Locale("vi"))


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def sign(x: int) -> int:
    return (x > 0) - (x < 0)


def key_cmp(a: str, b: str) -> int:
    ka, kb = vi_sort_key(a), vi_sort_key(b)
    return (ka > kb) - (ka < kb)


def assert_same_order_as_icu(strings: list[str]) -> None:
    """Sorted orders agree and every adjacent pair compares the same way (catches false ties too)."""
    by_icu = sorted(strings, key=COLLATOR.getSortKey)
    assert sorted(strings, key=vi_sort_key) == by_icu
    for a, b in itertools.pairwise(by_icu):
        assert key_cmp(a, b) == sign(COLLATOR.compare(a, b)), (a, b)


# --------------------------------------------------------------------------- normalisation / search


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (nfd("Trần Văn Đức"), "Trần Văn Đức"),
        (nfd("Nguyễn Thị Ngọc Ánh"), "Nguyễn Thị Ngọc Ánh"),
        ("Hà Nội", "Hà Nội"),
        ("", ""),
    ],
)
def test_nfc(raw: str, expected: str) -> None:
    assert nfc(raw) == expected
    assert unicodedata.is_normalized("NFC", nfc(raw))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("", ""),
        ("   ", ""),
        ("  Trần   Văn\tĐức \n", "Trần Văn Đức"),
        ("Lê\xa0\xa0Văn\u2009An", "Lê Văn An"),
        (nfd(" Phạm  Thị Hồng "), "Phạm Thị Hồng"),
    ],
)
def test_clean_text(raw: str | None, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Trần Văn Đức", "tran van duc"),
        (nfd("Trần Văn Đức"), "tran van duc"),
        ("ĐỖ THỊ ÁNH", "do thi anh"),
        ("  Nguyễn\t Hữu   Ước ", "nguyen huu uoc"),
        ("Phường Ỷ La, TP. Tuyên Quang", "phuong y la, tp. tuyen quang"),
        ("Ưng Ơn Ân", "ung on an"),
        ("", ""),
    ],
)
def test_fold(raw: str, expected: str) -> None:
    assert fold(raw) == expected


@pytest.mark.parametrize(
    ("name", "query", "expected"),
    [
        ("Trần Văn Đức", "tran van", True),
        ("Trần Văn Đức", "Trần Văn", True),
        ("Trần Văn Đức", "duc tran", True),
        ("Trần Văn Đức", "đức", True),
        ("Trần Văn Đức", "d", True),
        ("Trần Văn Đức", "  TRAN   ", True),
        ("Trần Văn Đức", "tran thi", False),
        ("Trần Văn Đức", "nguyen", False),
        ("Trần Văn Đức", "", True),
    ],
)
def test_matches_folded(name: str, query: str, expected: bool) -> None:
    assert matches_folded(fold(name), query) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("đỗ thị ánh", "ĐỖ THỊ ÁNH"),
        (nfd("nguyễn hữu ước"), "NGUYỄN HỮU ƯỚC"),
        ("ủy ban nhân dân xã", "ỦY BAN NHÂN DÂN XÃ"),
    ],
)
def test_upper_vi(raw: str, expected: str) -> None:
    assert upper_vi(raw) == expected
    assert unicodedata.is_normalized("NFC", upper_vi(raw))


# --------------------------------------------------------------------------- collation

TRICKY_ORDERS = [
    ["a", "à", "ả", "ã", "á", "ạ", "ă", "ằ", "ẳ", "ẵ", "ắ", "ặ", "â", "ầ", "ẩ", "ẫ", "ấ", "ậ", "b"],
    ["d", "D", "da", "dz", "đ", "Đ", "đa", "e"],
    ["o", "ò", "ọ", "ô", "ồ", "ộ", "ơ", "ờ", "ợ", "p"],
    ["u", "ú", "ư", "ừ", "ứ", "ự", "v"],
    ["anh", "Anh", "ảnh", "Ảnh", "ánh", "Ánh", "ăn", "Ăn", "Ânh", "ấnh"],
    ["Nguyễn Văn An", "Nguyễn Văn Anh", "Nguyễn Văn Ân", "Nguyễn Văn Ẩn", "Nguyễn Văn Ấn"],
    ["an", "aN", "An", "AN", "ân", "Ân"],
    [
        "Le",
        "Lè",
        "Lẽ",
        "Lẹ",
        "lê",
        "Lê",
        "LÊ",
        "Lề",
        "Lể",
        "Lễ",
        "Lế",
        "Lệ",
        "Lê A",
        "Lê Văn",
        "Lê Văn An",
        "Lê-Văn",
    ],
    ["ma ma", "ma mà", "mà ma", "mà mà"],
    [" a", "-a", "1", "10", "2", "a", "a b", "a-b", "a1", "ab"],
    ["Y", "ý", "Ý", "Ỷ La", "Yến"],
]


@pytest.mark.parametrize("expected", TRICKY_ORDERS, ids=lambda order: order[0].strip() or "space")
def test_vi_sort_key_tricky_cases_match_icu(expected: list[str]) -> None:
    shuffled = expected[::-1]
    assert sorted(shuffled, key=COLLATOR.getSortKey) == expected  # the table states ICU's order
    assert sorted(shuffled, key=vi_sort_key) == expected
    for a in expected:
        for b in expected:
            assert key_cmp(a, b) == sign(COLLATOR.compare(a, b)), (a, b)


def test_vi_sort_key_ignores_normalization_form() -> None:
    for name in ["Nguyễn Thị Ngọc Ánh", "Đặng Hữu Ước", "Vũ Thị Ặng"]:
        assert vi_sort_key(nfd(name)) == vi_sort_key(name)


FAMILIES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Lương",
    "Trương",
    "Tạ",
    "Âu",
    "Ông",
    "Ứng",
    "Ưng",
    "Ấu",
]
MIDDLES = [
    "Văn",
    "Thị",
    "Hữu",
    "Đức",
    "Ngọc",
    "Minh",
    "Thanh",
    "Quốc",
    "Xuân",
    "Thu",
    "Kim",
    "Bảo",
    "Gia",
    "Hoài",
    "Phương",
    "Thùy",
    "Thuỳ",
    "Đình",
    "Công",
    "Quang",
    "Mỹ",
    "Diệu",
    "Ánh",
    "Ái",
]
GIVENS = [
    "An",
    "Ân",
    "Ẩn",
    "Anh",
    "Ánh",
    "Ảnh",
    "Bình",
    "Cường",
    "Dũng",
    "Dung",
    "Đông",
    "Đồng",
    "Hà",
    "Hạ",
    "Hải",
    "Hậu",
    "Hằng",
    "Hương",
    "Hưởng",
    "Khoa",
    "Lợi",
    "Lực",
    "Mạnh",
    "Ngọc",
    "Nguyệt",
    "Oanh",
    "Phượng",
    "Quyết",
    "Sơn",
    "Sớn",
    "Tuấn",
    "Thắng",
    "Ước",
    "Yến",
    "Ý",
    "Ỷ",
    "Huệ",
    "Huế",
    "Đạt",
    "Đắc",
    "Ặng",
    "Ằng",
    "Ẳng",
    "Ẵng",
    "Ắng",
    "Thủy",
    "Thuỷ",
    "Trọng",
    "Tùng",
    "Tú",
    "Tứ",
    "Tự",
    "Từ",
    "Tư",
    "Mơ",
    "Mờ",
    "Mở",
    "Mỡ",
    "Mớ",
    "Mợ",
]
_VOWELS = "aăâeêioôơuưy"
_TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
LETTERS = [nfc(v + t) for v in _VOWELS for t in _TONES] + list("bcdđghklmnpqrstvx")


def random_names(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    names = []
    for _ in range(count):
        words = [rng.choice(FAMILIES), *rng.choices(MIDDLES, k=rng.randint(0, 2)), rng.choice(GIVENS)]
        name = " ".join(words)
        roll = rng.random()
        if roll < 0.1:
            name = upper_vi(name)
        elif roll < 0.2:
            name = name.lower()
        elif roll < 0.3:
            name = nfd(name)
        names.append(name)
    return names


def random_words(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    result = []
    for _ in range(count):
        word_count = rng.randint(1, 3)
        words = ["".join(rng.choices(LETTERS, k=rng.randint(1, 4))) for _ in range(word_count)]
        text = " ".join(words)
        result.append(text.upper() if rng.random() < 0.2 else text)
    return result


@pytest.mark.slow
def test_vi_sort_key_random_names_match_icu() -> None:
    names = random_names(4000, seed=20240601)
    assert len(set(names)) > 2000
    assert_same_order_as_icu(names)


@pytest.mark.slow
def test_vi_sort_key_random_letter_strings_match_icu() -> None:
    assert_same_order_as_icu(random_words(4000, seed=7))


PUNCTUATION = (
    " \u3000\u2009\xa0\u202f_-\u2010\u2011\u2013\u2014,;:!?.\u2026\u00b7'\u2018\u2019\"\u201c\u201d\u00ab\u00bb"
    "()[]{}\u00a7@*/\\&#%\u2022`^\u00b0+\u00d7<=>|~\u2212$\u20ab\u2116"
)


def test_vi_sort_key_punctuation_and_digits_match_icu() -> None:
    rng = random.Random(11)
    alphabet = [*PUNCTUATION, *"0123456789", *"aAàđNoO", "\t", "\n", "\r"]
    strings = ["".join(rng.choices(alphabet, k=rng.randint(1, 4))) for _ in range(3000)]
    assert_same_order_as_icu(strings)


def test_vi_sort_key_common_latin_accents_match_icu() -> None:
    words = [
        "Müller",
        "Muller",
        "Mùller",
        "François",
        "Francois",
        "José",
        "Jose",
        "Jōsé",
        "Čapek",
        "Capek",
        "Ångström",
        "Angstrom",
    ]
    assert_same_order_as_icu(words)


@pytest.mark.parametrize(
    ("full_name", "expected"),
    [
        ("Trần Văn Đức", ("Trần", "Văn", "Đức")),
        ("Nguyễn Thị Ngọc Ánh", ("Nguyễn", "Thị Ngọc", "Ánh")),
        ("Lê An", ("Lê", "", "An")),
        ("  Tôn   Nữ  Thị Hà ", ("Tôn", "Nữ Thị", "Hà")),
        ("Hùng", ("", "", "Hùng")),
        ("", ("", "", "")),
    ],
)
def test_split_name(full_name: str, expected: tuple[str, str, str]) -> None:
    assert split_name(full_name) == expected


def test_person_sort_key_vietnamese_order() -> None:
    people = ["Nguyễn Văn Bình", "Trần Thị An", "Lê An", "Đỗ Thị Ánh", "Phạm Văn Đông", "Nguyễn Thị Dung"]
    assert sorted(people, key=person_sort_key) == [
        "Lê An",
        "Trần Thị An",
        "Đỗ Thị Ánh",
        "Nguyễn Văn Bình",
        "Nguyễn Thị Dung",
        "Phạm Văn Đông",
    ]


def test_person_sort_key_middle_name_then_full_name() -> None:
    people = ["Lê Văn An", "Lê An", "Lê Thị An", "Lê Thị Ân", "Lê Thị  An"]
    assert sorted(people, key=person_sort_key) == [
        "Lê An",
        "Lê Thị An",
        "Lê Thị  An",
        "Lê Văn An",
        "Lê Thị Ân",
    ]


def test_person_sort_key_matches_icu_per_part() -> None:
    def icu_key(name: str) -> tuple[bytes, ...]:
        family, middle, given = split_name(name)
        return tuple(COLLATOR.getSortKey(part) for part in (given, family, middle, clean_text(name)))

    names = random_names(2000, seed=3)
    assert sorted(names, key=person_sort_key) == sorted(names, key=lambda n: (icu_key(n), clean_text(n)))


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("d", "expected"),
    [(date(2020, 3, 5), "05/03/2020"), (date(2020, 12, 15), "15/12/2020"), (date(2021, 1, 7), "07/01/2021")],
)
def test_format_date(d: date, expected: str) -> None:
    assert format_date(d) == expected


@pytest.mark.parametrize(
    ("d", "place", "expected"),
    [
        (date(2020, 12, 15), None, "ngày 15 tháng 12 năm 2020"),
        (date(2020, 12, 15), "Nam Định", "Nam Định, ngày 15 tháng 12 năm 2020"),
        (date(2020, 3, 5), None, "ngày 05 tháng 3 năm 2020"),
        (date(2021, 1, 7), None, "ngày 07 tháng 01 năm 2021"),
        (date(2021, 2, 15), None, "ngày 15 tháng 02 năm 2021"),
        (date(2021, 10, 1), "  Hà Nội ", "Hà Nội, ngày 01 tháng 10 năm 2021"),
        (date(2021, 11, 30), "", "ngày 30 tháng 11 năm 2021"),
    ],
)
def test_format_date_long(d: date, place: str | None, expected: str) -> None:
    assert format_date_long(d, place) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/12/2020", date(2020, 12, 15)),
        ("5/3/2020", date(2020, 3, 5)),
        ("05/03/2020", date(2020, 3, 5)),
        ("15-12-2020", date(2020, 12, 15)),
        ("15.12.2020", date(2020, 12, 15)),
        ("2020-12-15", date(2020, 12, 15)),
        (" 29/02/2024 ", date(2024, 2, 29)),
    ],
)
def test_parse_date_accepts(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("31/02/1980", "Ngày không hợp lệ: 31/02/1980 (tháng 2 không có ngày 31)."),
        ("29/02/2021", "năm 2021 không phải năm nhuận"),
        ("31/04/2020", "tháng 4 không có ngày 31"),
        ("15/13/2020", "không có tháng 13"),
        ("00/12/2020", "không có ngày 0"),
        ("15/12/20", "năm phải ghi đủ 4 chữ số"),
        ("15/12/020", "năm phải ghi đủ 4 chữ số"),
        ("15/12-2020", "Không đọc được ngày"),
        ("hôm qua", "Không đọc được ngày"),
        ("2020/12/15", "Không đọc được ngày"),
        ("", "Chưa nhập ngày"),
    ],
)
def test_parse_date_rejects_with_vietnamese_message(text: str, fragment: str) -> None:
    with pytest.raises(ValueError) as excinfo:
        parse_date(text)
    message = str(excinfo.value)
    assert fragment in message
    assert message.endswith("Nhập theo dạng ngày/tháng/năm, ví dụ 15/12/2020.")


def test_parse_date_full_message() -> None:
    with pytest.raises(
        ValueError, match=r"^Ngày không hợp lệ: 31/02/1980 \(tháng 2 không có ngày 31\)\. Nhập theo"
    ):
        parse_date("31/02/1980")


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "0"), (1, "01"), (5, "05"), (9, "09"), (10, "10"), (542, "542"), (1984, "1.984"), (15860, "15.860")],
)
def test_format_count(n: int, expected: str) -> None:
    assert format_count(n) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "0"), (542, "542"), (1984, "1.984"), (-1234567, "-1.234.567"), (1000000, "1.000.000")],
)
def test_format_int(n: int, expected: str) -> None:
    assert format_int(n) == expected


@pytest.mark.parametrize(
    ("x", "places", "expected"),
    [
        (Decimal("9.03"), None, "9,03"),
        (Decimal("187.4"), None, "187,4"),
        (Decimal("15860"), None, "15.860"),
        (Decimal("1234567.891"), None, "1.234.567,891"),
        (Decimal("-1234.5"), None, "-1.234,5"),
        (Decimal("1.5E+3"), None, "1.500"),
        (0.1, None, "0,1"),
        (42, None, "42"),
        (Decimal("187.4"), 2, "187,40"),
        (Decimal("2.345"), 2, "2,35"),
        (Decimal("15860"), 1, "15.860,0"),
        (Decimal("9.5"), 0, "10"),
        (Decimal("-0.001"), 2, "0,00"),
    ],
)
def test_format_decimal(x: Decimal | float | int, places: int | None, expected: str) -> None:
    assert format_decimal(x, places) == expected


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (Decimal("62.5"), "62,5%"),
        (Decimal("62.50"), "62,5%"),
        (100, "100%"),
        (Decimal("100.00"), "100%"),
        (2, "2%"),
        (0, "0%"),
        (Decimal(200) / 3, "66,67%"),
        (12.5, "12,5%"),
        (None, ""),
    ],
)
def test_format_percent(x: Decimal | int | float | None, expected: str) -> None:
    assert format_percent(x) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "I"),
        (4, "IV"),
        (9, "IX"),
        (14, "XIV"),
        (40, "XL"),
        (1990, "MCMXC"),
        (2024, "MMXXIV"),
        (3999, "MMMCMXCIX"),
    ],
)
def test_to_roman(n: int, expected: str) -> None:
    assert to_roman(n) == expected


@pytest.mark.parametrize("n", [0, -1, 4000])
def test_to_roman_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        to_roman(n)
