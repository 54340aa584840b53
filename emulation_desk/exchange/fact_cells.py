"""The fact columns units send with their lists: "Xếp loại" / "Mức độ hoàn thành nhiệm vụ", "Sáng kiến" (with its
recognising decision), "Kỷ luật" for a person; the rating and yearly figures of a collective. Each cell is read
to a typed value or a :class:`CellIssue` that says what to write. Pure: no SQL."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from emulation_desk.core.text import clean_text, fold, parse_date
from emulation_desk.exchange.values import CellIssue, as_text

RATING_LABELS = {
    "htxsnv": "Hoàn thành xuất sắc nhiệm vụ",
    "httnv": "Hoàn thành tốt nhiệm vụ",
    "htnv": "Hoàn thành nhiệm vụ",
    "khtnv": "Không hoàn thành nhiệm vụ",
}
# Folded words → rating code; the first match wins ("không hoàn thành" before "hoàn thành").
RATING_WORDS = (
    ("khtnv", ("khong hoan thanh", "khtnv", "khong ht")),
    ("htxsnv", ("hoan thanh xuat sac", "htxsnv", "htxs", "xuat sac")),
    ("httnv", ("hoan thanh tot", "httnv", "htt", "tot")),
    ("htnv", ("hoan thanh", "htnv", "ht")),
)
SCOPE_WORDS = (
    ("toan_quoc", ("toan quoc", "toan_quoc", "quoc gia", "trung uong")),
    ("tinh", ("tinh", "bo", "nganh", "thanh pho truc thuoc")),
    ("co_so", ("co so", "co_so", "huyen", "xa", "phuong", "don vi", "co quan")),
)
RATING_HINT = ("Hãy ghi: Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ hoặc Không hoàn "
               "thành nhiệm vụ.")
PERSON_FACTS = ("rating", "initiative", "initiative_ref", "initiative_scope", "discipline")
COLLECTIVE_FACTS = ("rating", "head_count", "completed_count", "standard_count", "cstdcs_count", "disciplined_count")
COUNT_FIELDS = COLLECTIVE_FACTS[1:]
_NONE = {"khong", "khong co", "khong bi ky luat", "chua", "chua co", "-", "--", "x khong", "0"}
_DATE = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}")
# "(cấp cơ sở)", "(cấp cơ sở; QĐ số 21/QĐ-UBND)": the scope, and what follows it in the same parentheses
_SCOPE = re.compile(r"\(\s*((?:cấp|Cấp|CẤP)\s[^();]*?|toàn quốc|Toàn quốc)\s*"
                    r"(?:[;,]\s*((?:QĐ|Quyết định|quyết định|qđ|Qđ)\b[^()]*?))?\s*\)")
# "tên, cấp cơ sở; QĐ số …" (the template's header: "tên, phạm vi; quyết định công nhận")
_PLAIN_SCOPE = re.compile(r"[,;]\s*((?:cấp|Cấp|CẤP)\s[^();,]*?|toàn quốc|Toàn quốc)\s*(?=[;(]|$)")
_REF = re.compile(r"[(\[;–—]\s*((?:QĐ|Quyết định|quyết định|qđ|Qđ)\b.*?)[)\]]?\s*$")


def rating_code(value: object) -> str | None:
    """The rating code of a text; None for an empty text; ValueError (with the hint) for anything else."""
    text = fold(str(value or "")).strip(" .")
    if not text:
        return None
    if text in RATING_LABELS:
        return text
    for code, words in RATING_WORDS:
        if any(text == w or text.startswith(w + " ") or (len(w) > 4 and w in text) for w in words):
            return code
    raise ValueError(f"Không nhận ra xếp loại «{value}». {RATING_HINT}")


def scope_code(value: object) -> str:
    """The recognised scope of an initiative ("cấp cơ sở", "cấp tỉnh", "toàn quốc"); cơ sở when empty."""
    text = fold(str(value or "")).strip(" .").removeprefix("cap ").strip()
    if not text:
        return "co_so"
    for code, words in SCOPE_WORDS:
        if any(text == w or text.startswith(w) for w in words):
            return code
    raise ValueError(f"Không nhận ra phạm vi công nhận «{value}» của sáng kiến. Hãy ghi: cấp cơ sở, cấp tỉnh hoặc "
                     "toàn quốc.")


@dataclass(frozen=True)
class InitiativeCell:
    title: str
    ref: str = ""
    scope: str | None = None  # when the cell says it: "(cấp tỉnh)"


@dataclass(frozen=True)
class DisciplineCell:
    form: str
    start: date
    end: date | None = None


def _is_none(text: str) -> bool:
    return fold(text).strip(" .") in _NONE


def as_rating(value: Any) -> str | None:
    try:
        return rating_code(as_text(value, max_length=100, label="Xếp loại"))
    except ValueError as exc:
        raise CellIssue(str(exc)) from None


def as_initiative(value: Any) -> InitiativeCell | None:
    """"Số hóa hồ sơ (QĐ số 15/QĐ-UBND ngày 10/11/2024)" → title and recognising decision; "Không" → None."""
    text = as_text(value, max_length=1000, label="Sáng kiến")
    if not text or _is_none(text):
        return None
    scope, ref = None, ""
    said = _SCOPE.search(text)
    if said:
        try:
            scope = scope_code(said.group(1))
        except ValueError as exc:
            raise CellIssue(str(exc)) from None
        ref = clean_text(said.group(2) or "")  # "(cấp cơ sở; QĐ số …)": the decision was lost with the scope
        text = clean_text(text[:said.start()] + text[said.end():])
    else:
        plain = _PLAIN_SCOPE.search(text)
        if plain:
            try:
                scope = scope_code(plain.group(1))
                text = clean_text(text[:plain.start()] + text[plain.end():])
            except ValueError:
                pass  # "…, cấp nước sạch": words of the title, not a scope
    match = _REF.search(text)
    if match:
        ref = clean_text(match.group(1))
    title = clean_text(text[:match.start()] if match else text).strip(" ;,-–—")
    if not title:
        raise CellIssue("Hãy ghi tên sáng kiến trước quyết định công nhận, ví dụ «Số hóa hồ sơ (QĐ số 15/QĐ-UBND)».")
    return InitiativeCell(title, ref, scope)


def as_scope(value: Any) -> str | None:
    text = as_text(value, max_length=100, label="Phạm vi")
    if not text:
        return None
    try:
        return scope_code(text)
    except ValueError as exc:
        raise CellIssue(str(exc)) from None


def as_discipline(value: Any) -> DisciplineCell | None:
    """"Khiển trách (từ 01/02/2024 đến 01/02/2025)" → form, from, to; "Không" → None."""
    text = as_text(value, max_length=300, label="Kỷ luật")
    if not text or _is_none(text):
        return None
    dates = _DATE.findall(text)
    form = clean_text(re.split(r"[(,;]|\btừ\b|\bngày\b", text, maxsplit=1)[0]).strip(" -–—")
    if not form:
        raise CellIssue("Hãy ghi hình thức kỷ luật, ví dụ «Khiển trách từ 01/02/2024 đến 01/02/2025».")
    if not dates:
        raise CellIssue(f"Kỷ luật «{form}» cần ghi ngày bắt đầu (và ngày kết thúc nếu đã hết), ví dụ «{form} từ "
                        "01/02/2024 đến 01/02/2025».")
    try:
        start = parse_date(re.sub(r"\s", "", dates[0]))
        end = parse_date(re.sub(r"\s", "", dates[1])) if len(dates) > 1 else None
    except ValueError as exc:
        raise CellIssue(str(exc)) from None
    if end is not None and end < start:
        raise CellIssue("Ngày kết thúc kỷ luật phải sau ngày bắt đầu.")
    return DisciplineCell(form, start, end)


def as_count(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellIssue("Hãy ghi một số nguyên không âm, ví dụ 25.")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        if value < 0:
            raise CellIssue("Số không được âm.")
        return value
    if isinstance(value, datetime | date):
        raise CellIssue("Ô này cần một số người, không phải ngày tháng.")
    text = fold(str(value)).strip().removesuffix("nguoi").strip().replace(".", "")
    if not text:
        return None
    if not text.isdigit():
        raise CellIssue("Hãy ghi một số nguyên không âm, ví dụ 25.")
    return int(text)


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "rating": as_rating, "initiative": as_initiative, "initiative_ref": lambda v: as_text(v, label="Quyết định"),
    "initiative_scope": as_scope, "discipline": as_discipline,
    **{name: as_count for name in COUNT_FIELDS},
}


def fact_values(read: Callable[[str, Callable[[Any], Any]], Any], subject: str) -> dict[str, Any]:
    """The facts of one row, read through ``read(field, converter)`` (which records a cell's problem and gives
    None); only the fields the sheet has and the row fills."""
    names = PERSON_FACTS if subject == "ca_nhan" else COLLECTIVE_FACTS if subject == "tap_the" else ()
    found: dict[str, Any] = {}
    for name in names:
        value = read(name, CONVERTERS[name])
        if value not in (None, ""):
            found[name] = value
    initiative = found.get("initiative")
    if isinstance(initiative, InitiativeCell) and found.get("initiative_ref") and not initiative.ref:
        found["initiative"] = InitiativeCell(initiative.title, clean_text(found["initiative_ref"]), initiative.scope)
    return found
