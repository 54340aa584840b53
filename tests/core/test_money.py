"""Tests for emulation_desk.core.money: bonus rounding (Decree 98/2023 Art. 53) and amounts in words."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from emulation_desk.core.money import (
    amount_in_words,
    bonus_amount,
    format_money,
    format_money_vnd,
    number_to_words,
    round_up_to,
)

WORDS = [
    (0, "không"),
    (1, "một"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi tư"),
    (25, "hai mươi lăm"),
    (44, "bốn mươi tư"),
    (55, "năm mươi lăm"),
    (91, "chín mươi mốt"),
    (100, "một trăm"),
    (101, "một trăm lẻ một"),
    (104, "một trăm lẻ bốn"),
    (105, "một trăm lẻ năm"),
    (110, "một trăm mười"),
    (111, "một trăm mười một"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (999, "chín trăm chín mươi chín"),
    (1000, "một nghìn"),
    (1001, "một nghìn không trăm lẻ một"),
    (1010, "một nghìn không trăm mười"),
    (1015, "một nghìn không trăm mười lăm"),
    (1100, "một nghìn một trăm"),
    (10000, "mười nghìn"),
    (15000, "mười lăm nghìn"),
    (100000, "một trăm nghìn"),
    (105000, "một trăm lẻ năm nghìn"),
    (710000, "bảy trăm mười nghìn"),
    (1000000, "một triệu"),
    (1000001, "một triệu không trăm lẻ một"),
    (1001000, "một triệu không trăm lẻ một nghìn"),
    (1010000, "một triệu không trăm mười nghìn"),
    (2030000, "hai triệu không trăm ba mươi nghìn"),
    (15500000, "mười lăm triệu năm trăm nghìn"),
    (21600000, "hai mươi mốt triệu sáu trăm nghìn"),
    (30360000, "ba mươi triệu ba trăm sáu mươi nghìn"),
    (1000000000, "một tỷ"),
    (1000050000, "một tỷ không trăm năm mươi nghìn"),
    (1000000005, "một tỷ không trăm lẻ năm"),
    (2500000000, "hai tỷ năm trăm triệu"),
    (100000000000, "một trăm tỷ"),
    (1000000000000, "một nghìn tỷ"),
    (1005000000000, "một nghìn không trăm lẻ năm tỷ"),
    (1000000000000000, "một triệu tỷ"),
    (-1234, "âm một nghìn hai trăm ba mươi tư"),
    (-710000, "âm bảy trăm mười nghìn"),
]


@pytest.mark.parametrize(("n", "expected"), WORDS)
def test_number_to_words(n: int, expected: str) -> None:
    assert number_to_words(n) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (710000, "Bảy trăm mười nghìn đồng"),
        (1010000, "Một triệu không trăm mười nghìn đồng"),
        (0, "Không đồng"),
        (21600000, "Hai mươi mốt triệu sáu trăm nghìn đồng"),
        (-5000, "Âm năm nghìn đồng"),
    ],
)
def test_amount_in_words(n: int, expected: str) -> None:
    assert amount_in_words(n) == expected


def test_amount_in_words_other_currency() -> None:
    assert amount_in_words(1001, currency="USD") == "Một nghìn không trăm lẻ một USD"
    assert amount_in_words(15, currency="") == "Mười lăm"


@pytest.mark.parametrize("bad", [1.5, "12", Decimal("3")])
def test_number_to_words_requires_int(bad: object) -> None:
    with pytest.raises(TypeError):
        number_to_words(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("n", "money", "money_vnd"),
    [(710000, "710.000", "710.000 đồng"), (0, "0", "0 đồng"), (21600000, "21.600.000", "21.600.000 đồng")],
)
def test_format_money(n: int, money: str, money_vnd: str) -> None:
    assert format_money(n) == money
    assert format_money_vnd(n) == money_vnd


# --------------------------------------------------------------------------- rounding and bonus


@pytest.mark.parametrize(
    ("amount", "step", "expected"),
    [
        (Decimal("702000"), 10_000, 710_000),
        (Decimal("351000"), 10_000, 360_000),
        (Decimal("2024000"), 10_000, 2_030_000),
        (Decimal("21600000"), 10_000, 21_600_000),
        (Decimal("1053000"), 10_000, 1_060_000),
        (Decimal("710000.0"), 10_000, 710_000),
        (Decimal("710000.01"), 10_000, 720_000),
        (Decimal("0"), 10_000, 0),
        (Decimal("1"), 10_000, 10_000),
        (Decimal("1234"), 1_000, 2_000),
        (Decimal("-15000"), 10_000, -10_000),
        (710_001, 10_000, 720_000),
    ],
)
def test_round_up_to(amount: Decimal, step: int, expected: int) -> None:
    assert round_up_to(amount, step) == expected


def test_round_up_to_rejects_bad_step() -> None:
    with pytest.raises(ValueError):
        round_up_to(Decimal(1000), 0)


@pytest.mark.parametrize(
    ("coefficient", "base", "expected"),
    [
        (0.3, 2_340_000, 710_000),
        (0.15, 2_340_000, 360_000),
        (0.8, 2_530_000, 2_030_000),
        (12, 1_800_000, 21_600_000),
        (0.45, 2_340_000, 1_060_000),
        ("0,3", 2_340_000, 710_000),
        (" 0.3 ", 2_340_000, 710_000),
    ],
)
def test_bonus_amount_decree_examples(coefficient: Decimal | str | float, base: int, expected: int) -> None:
    assert bonus_amount(coefficient, base) == expected


BASES = (1_800_000, 2_340_000, 2_530_000)
WORKED_TABLE = {
    "0.15": (270_000, 360_000, 380_000),
    "0.3": (540_000, 710_000, 760_000),
    "0.45": (810_000, 1_060_000, 1_140_000),
    "0.8": (1_440_000, 1_880_000, 2_030_000),
    "1.5": (2_700_000, 3_510_000, 3_800_000),
    "3.0": (5_400_000, 7_020_000, 7_590_000),
    "4.5": (8_100_000, 10_530_000, 11_390_000),
    "12": (21_600_000, 28_080_000, 30_360_000),
}


@pytest.mark.parametrize(
    ("coefficient", "base", "expected"),
    [
        (coefficient, base, amount)
        for coefficient, amounts in WORKED_TABLE.items()
        for base, amount in zip(BASES, amounts, strict=True)
    ],
)
@pytest.mark.parametrize("as_type", [Decimal, str, float])
def test_bonus_amount_worked_table(coefficient: str, base: int, expected: int, as_type: type) -> None:
    assert bonus_amount(as_type(coefficient), base) == expected


@pytest.mark.parametrize(
    ("coefficient", "base"), [("-0.5", 2_340_000), ("abc", 2_340_000), ("0.3", -1), ("NaN", 1)]
)
def test_bonus_amount_rejects_invalid_input(coefficient: str, base: int) -> None:
    with pytest.raises(ValueError):
        bonus_amount(coefficient, base)


# --------------------------------------------------------------------------- words round trip

_DIGIT_VALUES = {
    "không": 0,
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}
_PLAIN_UNITS = {w: v for w, v in _DIGIT_VALUES.items() if v}  # after "lẻ" or standing alone
_UNITS_AFTER_MUOI = {**_PLAIN_UNITS, "lăm": 5}
del _UNITS_AFTER_MUOI["năm"]
_UNITS_AFTER_MUOI_2 = {**_UNITS_AFTER_MUOI, "mốt": 1, "tư": 4}
del _UNITS_AFTER_MUOI_2["một"], _UNITS_AFTER_MUOI_2["bốn"]
_SCALE_POWERS = {"triệu": 2, "nghìn": 1}


class WordsError(AssertionError):
    pass


def _parse_group(tokens: list[str], full: bool) -> int:
    """Strictly parse 1..999; ``full`` (not the leading group) requires the "X trăm" part."""
    value = 0
    if len(tokens) >= 2 and tokens[1] == "trăm":
        value, tokens, has_hundreds = _DIGIT_VALUES[tokens[0]] * 100, tokens[2:], True
        if value == 0 and not full:
            raise WordsError("leading group starts with 'không trăm'")
    elif full:
        raise WordsError(f"inner group without hundreds: {tokens}")
    else:
        has_hundreds = False
    match tokens:
        case []:
            pass
        case ["lẻ", unit] if has_hundreds and unit in _PLAIN_UNITS:
            value += _PLAIN_UNITS[unit]
        case [unit] if not has_hundreds and unit in _PLAIN_UNITS:
            value += _PLAIN_UNITS[unit]
        case ["mười", *rest] if len(rest) <= 1 and all(u in _UNITS_AFTER_MUOI for u in rest):
            value += 10 + sum(_UNITS_AFTER_MUOI[u] for u in rest)
        case [tens, "mươi", *rest] if (
            _DIGIT_VALUES.get(tens, 0) >= 2 and len(rest) <= 1 and all(u in _UNITS_AFTER_MUOI_2 for u in rest)
        ):
            value += 10 * _DIGIT_VALUES[tens] + sum(_UNITS_AFTER_MUOI_2[u] for u in rest)
        case _:
            raise WordsError(f"bad group {tokens}")
    if value == 0:
        raise WordsError("empty group")
    return value


def _parse_below_billion(tokens: list[str], inner: bool) -> int:
    total, last_power, group = 0, 3, []
    for token in [*tokens, None]:
        if token in _SCALE_POWERS or token is None:
            power = _SCALE_POWERS.get(token, 0)
            if power >= last_power:
                raise WordsError(f"scale out of order: {token}")
            if group:
                total += _parse_group(group, full=inner or total > 0) * 1000**power
            elif token is not None:
                raise WordsError(f"scale word without a number: {token}")
            last_power, group = power, []
        else:
            group.append(token)
    return total


def _parse_positive(tokens: list[str], inner: bool = False) -> int:
    if "tỷ" not in tokens:
        return _parse_below_billion(tokens, inner)
    cut = len(tokens) - 1 - tokens[::-1].index("tỷ")
    high = _parse_positive(tokens[:cut], inner)
    if high == 0:
        raise WordsError("'tỷ' without a number")
    return high * 10**9 + _parse_below_billion(tokens[cut + 1 :], inner=True)


def parse_words(text: str) -> int:
    """Map words back to the number, refusing anything not written the documented way."""
    tokens = text.split(" ")
    if tokens == ["không"]:
        return 0
    if tokens[0] == "âm":
        return -_parse_positive(tokens[1:])
    return _parse_positive(tokens)


@pytest.mark.parametrize(("n", "words"), WORDS)
def test_parser_reads_the_table(n: int, words: str) -> None:
    assert parse_words(words) == n


@pytest.mark.parametrize(
    "bad",
    [
        "một nghìn mười",
        "một triệu mười nghìn",
        "hai mươi một",
        "mười năm",
        "mười tư",
        "một trăm năm",
        "không trăm năm",
    ],
)
def test_parser_refuses_malformed_words(bad: str) -> None:
    with pytest.raises(WordsError):
        parse_words(bad)


GROUP = st.one_of(
    st.sampled_from([0, 0, 1, 4, 5, 10, 11, 14, 15, 21, 24, 25, 100, 101, 105, 110]), st.integers(0, 999)
)
STRUCTURED = st.lists(GROUP, min_size=1, max_size=5).map(
    lambda groups: sum(g * 1000**i for i, g in enumerate(groups))
)


@given(st.one_of(st.integers(0, 10**15 - 1), STRUCTURED))
def test_number_to_words_round_trip(n: int) -> None:
    words = number_to_words(n)
    assert words
    assert "  " not in words
    assert words == words.strip()
    assert parse_words(words) == n
    assert parse_words(number_to_words(-n)) == -n
