"""Cell values as typed data, strictly: every refusal is a :class:`CellIssue` with a Vietnamese reason.

Dates arrive three ways: Excel dates (already converted by openpyxl with the workbook's 1900 or 1904
epoch), numbers (a year such as 1980, or an Excel serial day number in a cell not formatted as a date) and
text ("15/12/2020", "1980"). Excel counts a 29 February 1900 that never existed (serial 60); anything
before 1 March 1900 is refused rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from openpyxl.utils.datetime import from_excel

from emulation_desk.core.text import clean_text, fold, format_date, nfc, parse_date
from emulation_desk.exchange.reader import CellError, Formula

_EXCEL_RELIABLE_FROM = date(1900, 3, 1)
_YEAR_RE = re.compile(r"(?:nam\s*)?(\d{4})")
_TRUE = {"x", "co", "1", "true", "dung", "yes", "v", "lanh dao", "lanh dao quan ly", "ldql", "la lanh dao"}
_FALSE = {"", "0", "khong", "false", "no", "-", "sai"}
_GENDERS = {"nam": "nam", "nu": "nu", "male": "nam", "female": "nu", "m": "nam", "f": "nu"}


# A list repeats the same few texts (positions, units, forms, "Nam"/"Nữ") thousands of times: clean and
# fold each distinct text once.
_clean = lru_cache(maxsize=16_384)(clean_text)
_fold = lru_cache(maxsize=16_384)(fold)


class CellIssue(ValueError):
    """A cell value that cannot be used; ``reason`` is Vietnamese and says what to do."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def refuse_special(value: Any) -> None:
    if isinstance(value, Formula):
        raise CellIssue("Ô chứa công thức; chương trình không tính công thức. Hãy chép ô rồi dán đặc biệt "
                        "“chỉ giá trị” (Paste Special → Values) trước khi nhập.")
    if isinstance(value, CellError):
        raise CellIssue(f"Ô có giá trị lỗi của Excel ({value.code}). Hãy sửa hoặc xóa ô này.")


def as_text(value: Any, *, max_length: int = 300, label: str = "Nội dung", multiline: bool = False) -> str:
    """Cleaned text (NFC, single spaces; ``multiline`` keeps line breaks); numbers without ".0"; refuses
    over-long text (never cuts)."""
    refuse_special(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        raise CellIssue(f"{label} phải là chữ, không phải giá trị TRUE/FALSE.")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = format_date(value.date())
    if multiline:
        text = "\n".join(" ".join(line.split()) for line in nfc(str(value)).replace("\r\n", "\n").split("\n"))
        text = text.strip()
    else:
        text = _clean(value if isinstance(value, str) else str(value))
    if len(text) > max_length:
        raise CellIssue(f"{label} dài {len(text)} ký tự, vượt giới hạn {max_length} ký tự. Hãy rút gọn nội dung "
                        "trong tệp (chương trình không tự cắt bớt).")
    return text


def _excel_serial(number: float, epoch: datetime) -> date:
    if number < 1 or number >= 2_958_466:
        raise CellIssue(f"Số {number:g} không phải là ngày hợp lệ của Excel.")
    converted = from_excel(number, epoch)
    day = converted.date() if isinstance(converted, datetime) else converted
    if epoch.year < 1904 and number < 61:
        raise CellIssue("Ngày trước 01/03/1900 trong Excel không đáng tin (Excel tính cả ngày 29/02/1900 không "
                        "có thật). Hãy ghi ngày dạng chữ, ví dụ 15/12/2020.")
    return day


def _check_excel_date(value: datetime) -> date:
    day = value.date()
    if day < _EXCEL_RELIABLE_FROM:
        raise CellIssue("Ngày trước 01/03/1900 trong Excel không đáng tin (Excel tính cả ngày 29/02/1900 không "
                        "có thật, và ô trống định dạng ngày hiện thành 00/01/1900). Hãy nhập lại ngày.")
    return day


def as_date(value: Any, epoch: datetime, *, label: str = "Ngày") -> date | None:
    """A full date; None for an empty cell."""
    refuse_special(value)
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _check_excel_date(value)
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellIssue(f"{label} không đọc được từ giá trị TRUE/FALSE.")
    if isinstance(value, int | float):
        if 1000 <= value <= 2100 and float(value).is_integer():
            raise CellIssue(f"{label} cần ghi đủ ngày, tháng, năm (ví dụ 15/12/{int(value)}), không chỉ năm.")
        return _excel_serial(float(value), epoch)
    try:
        return parse_date(str(value))
    except ValueError as exc:
        raise CellIssue(str(exc)) from None


def as_birth(value: Any, epoch: datetime, *, today: date | None = None) -> tuple[int | None, date | None]:
    """(birth year, birth date or None) from a date, a year or text; the year must be 1900..this year."""
    refuse_special(value)
    today = today or date.today()
    if value is None or value == "":
        return None, None
    born: date | None = None
    year: int | None = None
    if isinstance(value, datetime):
        born = _check_excel_date(value)
    elif isinstance(value, bool):
        raise CellIssue("Năm sinh không đọc được từ giá trị TRUE/FALSE.")
    elif isinstance(value, int | float):
        if float(value).is_integer() and 1000 <= value <= 9999:
            year = int(value)
        else:
            born = _excel_serial(float(value), epoch)
    else:
        text = clean_text(str(value))
        match = _YEAR_RE.fullmatch(fold(text))
        if match:
            year = int(match.group(1))
        else:
            try:
                born = parse_date(text)
            except ValueError as exc:
                raise CellIssue(f"{exc} Có thể ghi chỉ năm sinh, ví dụ 1980.") from None
    if born is not None:
        year = born.year
        if born > today:
            raise CellIssue(f"Ngày sinh {format_date(born)} ở tương lai. Hãy kiểm tra lại.")
    assert year is not None
    if year > today.year:
        raise CellIssue(f"Năm sinh {year} ở tương lai. Hãy kiểm tra lại.")
    if year < 1900:
        raise CellIssue(f"Năm sinh {year} không hợp lý (phải từ 1900 trở về sau). Hãy kiểm tra lại.")
    return year, born


def as_gender(value: Any) -> str | None:
    text = _fold(as_text(value, max_length=20, label="Giới tính"))
    if not text:
        return None
    if text in _GENDERS:
        return _GENDERS[text]
    raise CellIssue("Giới tính phải ghi “Nam” hoặc “Nữ”.")


def as_flag(value: Any, *, label: str = "Ô đánh dấu") -> bool | None:
    """A yes/no mark ("x", "có", 1 / empty, "không", 0); None when empty."""
    refuse_special(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = fold(as_text(value, max_length=50, label=label))
    if text in _TRUE:
        return True
    if text in _FALSE:
        return None if text == "" else False
    raise CellIssue(f"{label}: ghi “x” (hoặc “có”) nếu đúng, để trống nếu không.")


def as_amount(value: Any) -> int | None:
    """A money amount in đồng ("1.950.000", 1950000); None when empty."""
    refuse_special(value)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellIssue("Số tiền phải là một số.")
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        text = clean_text(str(value)).lower().replace("đồng", "").replace("đ", "").replace(" ", "")
        text = text.replace(".", "").replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise CellIssue("Số tiền phải là một số, ví dụ 1.950.000.") from None
    if number < 0 or number != number.to_integral_value():
        raise CellIssue("Số tiền phải là số nguyên không âm (đồng).")
    return int(number)
