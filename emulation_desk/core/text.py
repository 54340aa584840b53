"""Vietnamese text utilities: normalisation, search folding, collation and number/date formatting.

Everything returned for display is NFC; everything stored should go through :func:`clean_text`.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

__all__ = [
    "clean_text",
    "fold",
    "format_count",
    "format_date",
    "format_date_long",
    "format_decimal",
    "format_int",
    "format_percent",
    "matches_folded",
    "nfc",
    "parse_date",
    "person_sort_key",
    "split_name",
    "to_roman",
    "upper_vi",
    "vi_sort_key",
]

# --------------------------------------------------------------------------- normalisation / search


def nfc(s: str) -> str:
    """Return ``s`` in Unicode NFC (Unikey/EVKey may send decomposed NFD text)."""
    return unicodedata.normalize("NFC", s)


def clean_text(s: str | None) -> str:
    """NFC, strip and collapse every whitespace run (tabs, NBSP, newlines) to one space; None gives ""."""
    if s is None:
        return ""
    return " ".join(nfc(s).split())


def _fold_char(ch: str) -> str:
    """One character's fold: its NFD without combining marks, case-folded, "đ" as "d"."""
    decomposed = unicodedata.normalize("NFD", ch)
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return bare.casefold().replace("đ", "d")


class _FoldTable(dict[int, str]):
    """``str.translate`` table of :func:`_fold_char`, filled on first sight of each character. NFD,
    casefold and the removal of marks all work character by character, so folding each character alone
    gives the same text as folding the whole string."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Accent-, case- and whitespace-insensitive search key: "Trần Văn Đức" gives "tran van duc"."""
    return " ".join(s.translate(_FOLD_TABLE).split())


def matches_folded(haystack_key: str, query: str) -> bool:
    """True if every word of ``query`` (folded here) occurs in the already folded ``haystack_key``."""
    return all(word in haystack_key for word in fold(query).split())


def upper_vi(s: str) -> str:
    """Upper-case Vietnamese text ("đ" gives "Đ"); the result is NFC."""
    return nfc(nfc(s).upper())


# --------------------------------------------------------------------------- collation
#
# A small re-implementation of ICU's collation for locale "vi" (CLDR root + the "vi" tailoring
#   &̀<<̉<<̃<<́<<̣ &a<ă<<<Ă<â<<<Â &d<đ<<<Đ &e<ê<<<Ê &o<ô<<<Ô<ơ<<<Ơ &u<ư<<<Ư
# with the default attributes: tertiary strength, non-ignorable punctuation, no French secondary).
# Every character becomes collation elements (primary, secondary, tertiary); the key is the three
# weight sequences, compared level by level, which is exactly how an ICU sort key compares.

_COMMON = 1  # secondary weight of a base character
_PUNCT = 0x100  # whitespace and punctuation come first ...
_SYMBOL = 0x1000  # ... then symbols ICU knows but this table does not (by code point) ...
_DIGIT = 0x200000  # ... then digits ...
_LETTER = 0x300000  # ... then the Vietnamese/English alphabet ...
_OTHER_LETTER = 0x400000  # ... then every other letter (by code point).
_OTHER_MARK = 0x1000  # secondary weight base for combining marks not listed below

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_PRIMARY = {ch: _LETTER + i for i, ch in enumerate(_ALPHABET)}

# ICU root order of whitespace and punctuation; a string of several characters is one primary
# weight whose members differ at the secondary ("S") or tertiary ("T") level. Characters with a
# compatibility decomposition ("…" = "...", "№" = "No") are left to the NFKD fallback below.
_PUNCT_ORDER: tuple[tuple[str, str], ...] = (
    ("\t", ""), ("\n", ""), ("\x0b", ""), ("\x0c", ""), ("\r", ""), ("\x85", ""),
    ("\u2028", ""), ("\u2029", ""), (" \u3000\u2009\xa0", "T"), ("_", ""), ("-", ""),
    ("\u2010\u2011", "T"), ("\u2013", ""), ("\u2014", ""), (",", ""), (";", ""), (":", ""),
    ("!", ""), ("?", ""), (".", ""), ("\u00b7", ""), ("'\u2018\u2019", "S"),
    ('"\u201c\u201d', "S"), ("\u00ab", ""), ("\u00bb", ""), ("(", ""), (")", ""), ("[", ""),
    ("]", ""), ("{", ""), ("}", ""), ("\u00a7", ""), ("@", ""), ("*", ""), ("/", ""), ("\\", ""),
    ("&", ""), ("#", ""), ("%", ""), ("\u2022", ""), ("`", ""), ("^", ""), ("\u00b0", ""),
    ("+", ""), ("\u00d7", ""), ("<", ""), ("=", ""), (">", ""), ("|", ""), ("~", ""),
    ("\u2212", ""), ("$", ""), ("\u20ab", ""),
)  # fmt: skip
_PUNCT_ELEMENTS: dict[str, tuple[int, int, int]] = {
    ch: (_PUNCT + i, _COMMON + (j if level == "S" else 0), j if level == "T" else 0)
    for i, (group, level) in enumerate(_PUNCT_ORDER)
    for j, ch in enumerate(group)
}
_PUNCT_ELEMENTS["\u202f"] = _PUNCT_ELEMENTS["\xa0"]  # both are <noBreak> spaces: fully equal in ICU

# Secondary order of the common combining marks: ICU root order with the Vietnamese tones
# grave < hook < tilde < acute < dot below moved to the front of the accents.
_MARK_ORDER = (
    "\u0332\u0313\u0314\u0300\u0309\u0303\u0301\u0323\u0306\u0302\u030c"
    "\u030a\u0342\u0308\u030b\u0307\u0338\u0327\u0328\u0304\u031b"
)
_MARK_SECONDARY = {ch: _COMMON + 1 + i for i, ch in enumerate(_MARK_ORDER)}

# Base letter + modifier that form a separate Vietnamese letter (ICU contractions).
_CONTRACTIONS = {
    ("a", "\u0306"),
    ("a", "\u0302"),
    ("e", "\u0302"),
    ("o", "\u0302"),
    ("o", "\u031b"),
    ("u", "\u031b"),
}
_MODIFIABLE = {base for base, _ in _CONTRACTIONS}

_Element = tuple[int, int, int]


def _contract(decomposed: str) -> list[str]:
    """Merge base + modifier (also across a lower-class mark, e.g. a + dot below + breve) into ă, â, ê, ô, ơ, ư."""
    chars = list(decomposed)
    i = 0
    while i < len(chars):
        if chars[i].lower() in _MODIFIABLE:
            blocking = 0  # highest combining class skipped so far
            for k in range(i + 1, len(chars)):
                ccc = unicodedata.combining(chars[k])
                if ccc == 0:
                    break
                if (chars[i].lower(), chars[k]) in _CONTRACTIONS and blocking < ccc:
                    chars[i] = unicodedata.normalize("NFC", chars[i] + chars.pop(k))
                    break
                blocking = max(blocking, ccc)
        i += 1
    return chars


@lru_cache(maxsize=4096)
def _char_elements(ch: str) -> tuple[_Element, ...]:
    """Collation elements of one (decomposed, contracted) character."""
    if ch in _PUNCT_ELEMENTS:
        return (_PUNCT_ELEMENTS[ch],)
    lower = ch.lower()
    if lower in _LETTER_PRIMARY:
        return ((_LETTER_PRIMARY[lower], _COMMON, int(ch != lower)),)
    if ch in _MARK_SECONDARY:
        return ((0, _MARK_SECONDARY[ch], 0),)
    if "0" <= ch <= "9":
        return ((_DIGIT + ord(ch) - ord("0"), _COMMON, 0),)
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf") or ch == "\u034f":
        return ()  # completely ignorable
    compat = unicodedata.normalize("NFKD", ch)
    if compat != ch:  # full-width forms, ligatures, superscripts: tertiary variants
        return tuple((p, s, t + 2) for p, s, t in _elements(compat))
    if category.startswith("M"):
        return ((0, _OTHER_MARK + ord(ch), 0),)
    if category.startswith("L"):
        base = lower if len(lower) == 1 else ch
        return ((_OTHER_LETTER + ord(base), _COMMON, int(ch != lower)),)
    if category == "Nd":
        return ((_DIGIT + unicodedata.decimal(ch), _COMMON, 1),)
    return ((_SYMBOL + ord(ch), _COMMON, 0),)


def _elements(decomposed: str) -> list[_Element]:
    return [element for ch in _contract(decomposed) for element in _char_elements(ch)]


def vi_sort_key(s: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Sort key ordering strings like ICU's "vi" collator (letters, tones, case, then punctuation/digits).

    Exact for Vietnamese and English letters, spaces, ASCII punctuation and digits and the usual
    typographic punctuation (dashes, curly quotes, «», …, NBSP). Approximate only for exotic input:
    letters outside a-z/Vietnamese (ø, ł, Greek…) sort after "z" by code point, rare combining marks
    after the common ones, unknown symbols before the digits by code point.
    """
    elements = _elements(unicodedata.normalize("NFD", s))
    return (
        tuple(p for p, _, _ in elements if p),
        tuple(sec for _, sec, _ in elements),
        tuple(ter for _, _, ter in elements),
    )


def split_name(full_name: str) -> tuple[str, str, str]:
    """Split a Vietnamese full name into (family, middle, given); a one-word name is ("", "", word)."""
    words = clean_text(full_name).split(" ")
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def person_sort_key(full_name: str) -> tuple[object, ...]:
    """Vietnamese order of people: given name, then family name, then middle names, then full name."""
    family, middle, given = split_name(full_name)
    cleaned = clean_text(full_name)
    return (vi_sort_key(given), vi_sort_key(family), vi_sort_key(middle), vi_sort_key(cleaned), cleaned)


# --------------------------------------------------------------------------- dates

_DATE_HINT = "Nhập theo dạng ngày/tháng/năm, ví dụ 15/12/2020."
_DMY_RE = re.compile(r"([0-9]{1,2})([/.\-])([0-9]{1,2})\2([0-9]+)")
_ISO_RE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


def format_date(d: date) -> str:
    """Short date "05/03/2020" (dd/mm/yyyy)."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_date_long(d: date, place: str | None = None) -> str:
    """Document date "Nam Định, ngày 05 tháng 3 năm 2020" (Decree 30/2020: zero-pad days < 10, months 1-2)."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    text = f"ngày {d.day:02d} tháng {month} năm {d.year}"
    place = clean_text(place)
    return f"{place}, {text}" if place else text


def parse_date(text: str) -> date:
    """Parse "15/12/2020", "5/3/2020", "15-12-2020", "15.12.2020" or ISO "2020-12-15"; ValueError otherwise."""
    raw = clean_text(text)
    if not raw:
        raise ValueError(f"Chưa nhập ngày. {_DATE_HINT}")
    if match := _ISO_RE.fullmatch(raw):
        year_text, month_text, day_text = match.groups()
    elif match := _DMY_RE.fullmatch(raw):
        day_text, _, month_text, year_text = match.groups()
    else:
        raise ValueError(f"Không đọc được ngày: «{raw}». {_DATE_HINT}")
    day, month, year = int(day_text), int(month_text), int(year_text)
    if len(year_text) != 4:
        reason = "năm phải ghi đủ 4 chữ số" + (", không viết tắt 2 chữ số" if len(year_text) == 2 else "")
    elif year == 0:
        reason = "không có năm 0"
    elif not 1 <= month <= 12:
        reason = f"không có tháng {month}"
    elif day == 0:
        reason = "không có ngày 0"
    elif day > (days := calendar.monthrange(year, month)[1]):
        if month == 2 and day == 29:
            reason = f"năm {year} không phải năm nhuận, tháng 2 chỉ có {days} ngày"
        else:
            reason = f"tháng {month} không có ngày {day}"
    else:
        return date(year, month, day)
    raise ValueError(f"Ngày không hợp lệ: {raw} ({reason}). {_DATE_HINT}")


# --------------------------------------------------------------------------- numbers


def _to_decimal(x: Decimal | float | int) -> Decimal:
    """Exact Decimal of ``x`` (floats go through their shortest repr, never binary expansion)."""
    value = Decimal(str(x)) if isinstance(x, float) else Decimal(x)
    if not value.is_finite():
        raise ValueError(f"Không phải là số hữu hạn: {x}")
    return value


def format_int(n: int) -> str:
    """Integer with thousands dots: "1.984", "-1.234.567"."""
    return f"{n:,}".replace(",", ".")


def format_count(n: int) -> str:
    """Count as written in documents: "0", "01".."09", then "10", "1.984"; negatives as plain integers."""
    return f"{n:02d}" if 0 < n < 10 else format_int(n)


def format_decimal(x: Decimal | float | int, places: int | None = None) -> str:
    """Decimal comma and thousands dots ("9,03", "15.860"); ``places`` fixes the decimals (half up)."""
    value = _to_decimal(x)
    if places is not None:
        if places < 0:
            raise ValueError("places must be >= 0")
        try:
            value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        except InvalidOperation as exc:
            raise ValueError(f"Số quá lớn: {x}") from exc
    digits = format(value, "f")
    sign = "-" if digits.startswith("-") and value != 0 else ""
    int_part, _, frac_part = digits.lstrip("-").partition(".")
    return sign + format_int(int(int_part)) + ("," + frac_part if frac_part else "")


def format_percent(x: Decimal | int | float | None, max_places: int = 2) -> str:
    """Percentage "62,5%", "100%" (at most ``max_places`` decimals, no trailing zeros); None gives ""."""
    if x is None:
        return ""
    value = _to_decimal(x).quantize(Decimal(1).scaleb(-max_places), rounding=ROUND_HALF_UP)
    return format_decimal(value.normalize()) + "%"


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def to_roman(n: int) -> str:
    """Roman numeral for 1..3999 ("IV", "XIV"); ValueError outside that range."""
    if not 1 <= n <= 3999:
        raise ValueError(f"Số La Mã chỉ từ 1 đến 3999, không viết được {n}")
    parts = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        parts.append(letters * count)
    return "".join(parts)
