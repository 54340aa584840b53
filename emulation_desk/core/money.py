"""Bonus money (Decree 98/2023 Art. 53) and Vietnamese amounts in words for financial documents."""

from __future__ import annotations

import operator
from decimal import Decimal, InvalidOperation

from emulation_desk.core.text import format_int

__all__ = [
    "amount_in_words",
    "bonus_amount",
    "format_money",
    "format_money_vnd",
    "number_to_words",
    "round_up_to",
]

_BILLION = 10**9


def _as_decimal(value: Decimal | str | float | int, what: str) -> Decimal:
    """Exact Decimal of ``value``; floats via ``str``; "0,3" accepted; ValueError in Vietnamese if invalid."""
    if isinstance(value, float):
        value = str(value)
    if isinstance(value, str):
        text = value.strip()
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        value = text
    try:
        result = Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValueError(f"{what} không hợp lệ: {value!r}") from exc
    if not result.is_finite():
        raise ValueError(f"{what} không hợp lệ: {value!r}")
    return result


def round_up_to(amount: Decimal | int, step: int = 10_000) -> int:
    """Round ``amount`` up (towards +infinity) to a multiple of ``step``; exact multiples are unchanged."""
    if step <= 0:
        raise ValueError("step must be positive")
    quotient, remainder = divmod(_as_decimal(amount, "Số tiền"), step)  # truncates towards zero
    return (int(quotient) + (1 if remainder > 0 else 0)) * step


def bonus_amount(coefficient: Decimal | str | float, base_salary: int, step: int = 10_000) -> int:
    """Bonus = coefficient × base salary, rounded up to ``step`` (10.000 đồng), in exact Decimal arithmetic."""
    factor = _as_decimal(coefficient, "Hệ số")
    if factor < 0:
        raise ValueError(f"Hệ số không được âm: {coefficient}")
    if base_salary < 0:
        raise ValueError(f"Mức lương cơ sở không được âm: {base_salary}")
    return round_up_to(factor * base_salary, step)


# --------------------------------------------------------------------------- amounts in words

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ("", "nghìn", "triệu")


def _group_words(group: int, full: bool) -> list[str]:
    """Words for 1..999; ``full`` forces the hundreds ("không trăm") for groups after the leading one."""
    hundreds, rest = divmod(group, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += ["lẻ", _DIGITS[units]] if words else [_DIGITS[units]]
        return words
    words += ["mười"] if tens == 1 else [_DIGITS[tens], "mươi"]
    if units == 1 and tens >= 2:
        words.append("mốt")
    elif units == 4 and tens >= 2:
        words.append("tư")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def _below_billion(n: int, inner: bool) -> list[str]:
    """Words for 1..999.999.999; ``inner`` if some non-zero part was already read before it."""
    words: list[str] = []
    for scale in (2, 1, 0):
        group = n // 1000**scale % 1000
        if group:
            words += _group_words(group, full=inner or bool(words))
            if _SCALES[scale]:
                words.append(_SCALES[scale])
    return words


def _positive_words(n: int, inner: bool = False) -> list[str]:
    """Words for n >= 1; above a billion the "tỷ" part is read recursively ("một nghìn tỷ")."""
    if n < _BILLION:
        return _below_billion(n, inner)
    high, low = divmod(n, _BILLION)
    words = [*_positive_words(high, inner), "tỷ"]
    if low:
        words += _below_billion(low, inner=True)
    return words


def number_to_words(n: int) -> str:
    """Vietnamese cardinal in lower case, as on financial documents: 1010 gives "một nghìn không trăm mười"."""
    n = operator.index(n)
    if n == 0:
        return "không"
    if n < 0:
        return "âm " + number_to_words(-n)
    return " ".join(_positive_words(n))


def amount_in_words(n: int, currency: str = "đồng") -> str:
    """Amount in words with a capital first letter: 710000 gives "Bảy trăm mười nghìn đồng"."""
    words = number_to_words(n)
    words = words[0].upper() + words[1:]
    return f"{words} {currency}" if currency else words


def format_money(n: int) -> str:
    """Money with thousands dots: "710.000"."""
    return format_int(n)


def format_money_vnd(n: int) -> str:
    """Money with unit: "710.000 đồng"."""
    return f"{format_int(n)} đồng"
