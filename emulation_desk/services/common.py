"""Shared pieces of the services: validation helpers and the value describing what changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from emulation_desk.core.catalog import AwardForm, Catalog
from emulation_desk.core.text import clean_text, parse_date
from emulation_desk.errors import ValidationError

SUBJECT_LABELS = {"ca_nhan": "Cá nhân", "tap_the": "Tập thể", "ho_gia_dinh": "Hộ gia đình"}
RATING_LABELS = {
    "htxsnv": "Hoàn thành xuất sắc nhiệm vụ",
    "httnv": "Hoàn thành tốt nhiệm vụ",
    "htnv": "Hoàn thành nhiệm vụ",
    "khtnv": "Không hoàn thành nhiệm vụ",
}


@dataclass
class Changes:
    """What a service call changed, so that each view reloads only what it shows."""

    units: bool = False
    people: bool = False
    blocs: bool = False
    nominations: bool = False
    decisions: bool = False
    reports: bool = False
    catalog: bool = False
    settings: bool = False
    ids: set[str] = field(default_factory=set)

    def merge(self, other: Changes) -> Changes:
        for name in ("units", "people", "blocs", "nominations", "decisions", "reports", "catalog", "settings"):
            setattr(self, name, getattr(self, name) or getattr(other, name))
        self.ids |= other.ids
        return self


@dataclass(frozen=True)
class Created:
    """What a service that makes a record returns: the new record's key and what changed."""

    id: str
    changes: Changes


@dataclass(frozen=True)
class Removed:
    """What a service that deletes a record returns: the row as it was (for undo) and what changed."""

    row: dict[str, Any]
    changes: Changes
    dependents: tuple[tuple[str, tuple[dict[str, Any], ...]], ...] = ()  # (table, rows) deleted with it


@dataclass(frozen=True)
class Copied:
    """What a service that copies a year's records returns: how many were copied and what changed."""

    count: int
    changes: Changes


def require_text(value: object, field_name: str, label: str, *, max_length: int = 300,
                 required: bool = True) -> str:
    """Clean a text field; raise a Vietnamese ValidationError naming the field when it is wrong."""
    text = clean_text(value if isinstance(value, str) or value is None else str(value))
    if required and not text:
        raise ValidationError(f"{label} không được để trống.", field=field_name)
    if len(text) > max_length:
        raise ValidationError(f"{label} dài quá {max_length} ký tự (hiện có {len(text)}). Hãy rút gọn.",
                              field=field_name)
    return text


def require_year(value: object, field_name: str = "year", label: str = "Năm") -> int:
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(f"{label} phải là một số, ví dụ 2020.", field=field_name) from None
    if not 1945 <= year <= 2100:
        raise ValidationError(f"{label} {year} nằm ngoài khoảng 1945–2100.", field=field_name)
    return year


def optional_date(value: object, field_name: str, label: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return parse_date(str(value))
    except ValueError as exc:
        raise ValidationError(f"{label}: {exc}", field=field_name) from None


def require_date(value: object, field_name: str, label: str) -> date:
    parsed = optional_date(value, field_name, label)
    if parsed is None:
        raise ValidationError(f"{label} không được để trống.", field=field_name)
    return parsed


def require_count(value: object, field_name: str, label: str) -> int:
    try:
        number = int(str(value).strip() or "0")
    except (TypeError, ValueError):
        raise ValidationError(f"{label} phải là số nguyên không âm.", field=field_name) from None
    if number < 0:
        raise ValidationError(f"{label} không được là số âm.", field=field_name)
    return number


def require_form_for_subject(catalog: Catalog, form_code: str, subject: str, field_name: str = "form_code"
                             ) -> AwardForm:
    """The catalog form, after checking it can be given to this kind of subject (cá nhân / tập thể / hộ)."""
    form = catalog.form(form_code)
    if subject not in form.subjects:
        label = SUBJECT_LABELS.get(subject, subject).lower()
        raise ValidationError(f"Hình thức “{form.name}” không dùng cho {label}.", field=field_name)
    return form
