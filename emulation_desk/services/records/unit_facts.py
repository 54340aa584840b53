"""A collective's yearly figures (Hồ sơ đơn vị): head count, members rated "hoàn thành nhiệm vụ" or better,
members who reached the Lao động tiên tiến standard and Chiến sĩ thi đua cơ sở, disciplined members, and the
collective's own rating — what the rules for Tập thể lao động tiên tiến / xuất sắc and the CSTĐCS quota read.

:func:`save_unit_facts` writes every year as given (the dialog's Save and its undo); :func:`set_unit_facts`
changes a few figures of one year (the command line, the import). An empty figure is "not known".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from emulation_desk.core.rules.facts import RATING_LABELS
from emulation_desk.errors import ValidationError
from emulation_desk.services.common import Changes, require_year
from emulation_desk.services.records.person_facts import KEEP, parse_rating
from emulation_desk.services.records.units import get_unit
from emulation_desk.services.workspace import Workspace

FIGURE_LABELS = {
    "head_count": "Tổng số thành viên",
    "completed_count": "Số hoàn thành nhiệm vụ trở lên",
    "standard_count": "Số đạt Lao động tiên tiến",
    "cstdcs_count": "Số đạt Chiến sĩ thi đua cơ sở",
    "disciplined_count": "Số bị kỷ luật",
}


@dataclass(frozen=True)
class UnitYear:
    year: int
    head_count: int | None = None
    completed_count: int | None = None
    standard_count: int | None = None
    cstdcs_count: int | None = None
    disciplined_count: int | None = None
    rating: str | None = None
    notes: str = ""

    @property
    def rating_label(self) -> str:
        return RATING_LABELS.get(self.rating or "", "")

    def is_empty(self) -> bool:
        return all(getattr(self, f) is None for f in FIGURE_LABELS) and not self.rating and not self.notes


COLUMNS = tuple(f.name for f in fields(UnitYear) if f.name != "year")


def figure(value: object, label: str) -> int | None:
    """A count typed by the clerk or read from a file ("25", "25 người", ""); None when empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValidationError(f"{label} phải là số nguyên không âm.")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip().removesuffix("người").strip()
        if not text:
            return None
        if not text.isdigit():
            raise ValidationError(f"{label} phải là số nguyên không âm (đang ghi «{value}»).")
        number = int(text)
    if number < 0:
        raise ValidationError(f"{label} không được là số âm.")
    return number


def check_year(y: UnitYear) -> UnitYear:
    """The year's figures checked against each other (a part is never larger than the whole)."""
    require_year(y.year)
    if y.rating not in (None, *RATING_LABELS):
        raise ValidationError("Xếp loại của tập thể không hợp lệ.", field="rating")
    head = y.head_count
    for name in ("completed_count", "standard_count", "disciplined_count"):
        part = getattr(y, name)
        if head is not None and part is not None and part > head:
            raise ValidationError(f"Năm {y.year}: {FIGURE_LABELS[name].lower()} ({part}) lớn hơn tổng số thành viên "
                                  f"({head}).", field=name)
    if y.cstdcs_count is not None and y.standard_count is not None and y.cstdcs_count > y.standard_count:
        raise ValidationError(f"Năm {y.year}: số đạt Chiến sĩ thi đua cơ sở ({y.cstdcs_count}) lớn hơn số đạt Lao "
                              f"động tiên tiến ({y.standard_count}) — người đạt CSTĐCS cũng đạt chuẩn LĐTT.",
                              field="cstdcs_count")
    return y


def unit_facts(ws: Workspace, unit_id: str) -> tuple[UnitYear, ...]:
    """The unit's yearly figures, oldest year first."""
    get_unit(ws, unit_id)
    return tuple(UnitYear(**{k: r[k] for k in ("year", *COLUMNS)}) for r in ws.store.query(
        "SELECT * FROM unit_year WHERE unit_id = ? ORDER BY year", [unit_id]))


def save_unit_facts(ws: Workspace, unit_id: str, years: tuple[UnitYear, ...] | list[UnitYear]) -> Changes:
    """Make the unit's yearly figures the given ones (a year left out, or left empty, is cleared)."""
    unit = get_unit(ws, unit_id)
    wanted: dict[int, UnitYear] = {}
    for y in years:
        if y.year in wanted:
            raise ValidationError(f"Năm {y.year} được ghi hai lần; hãy giữ một dòng.", field="year")
        wanted[y.year] = check_year(y)
    store = ws.store
    with store.transaction():
        current = {r["year"]: r for r in store.query("SELECT * FROM unit_year WHERE unit_id = ?", [unit_id])}
        for year, row in current.items():
            new = wanted.get(year, UnitYear(year))
            values = {k: v for k, v in asdict(new).items() if k != "year"}
            if any(row[k] != v for k, v in values.items()):
                store.update("unit_year", row["id"], values, summary=f"Sửa số liệu năm {year} của {unit['name']}")
        for year, new in wanted.items():
            if year not in current and not new.is_empty():
                store.insert("unit_year", {"unit_id": unit_id, **asdict(new)},
                             summary=f"Ghi số liệu năm {year} của {unit['name']}")
    return Changes(units=True, nominations=True, ids={unit_id})


def unit_year_of(years: tuple[UnitYear, ...], year: int) -> UnitYear:
    return next((y for y in years if y.year == year), UnitYear(year))


def set_unit_facts(ws: Workspace, unit_id: str, year: int, **figures: Any) -> Changes:
    """Change some figures of ``year`` (the names of :data:`COLUMNS`; KEEP or absent leaves one as it was,
    None clears it; the rating as a code or in words)."""
    unknown = set(figures) - set(COLUMNS)
    if unknown:
        raise ValidationError(f"Không có số liệu tên {', '.join(sorted(unknown))}.")
    years = unit_facts(ws, unit_id)
    current = unit_year_of(years, require_year(year))
    changes: dict[str, Any] = {}
    for name, value in figures.items():
        if value is KEEP:
            continue
        if name == "rating":
            changes[name] = value if value in RATING_LABELS or value is None else parse_rating(value)
        elif name == "notes":
            changes[name] = str(value or "")
        else:
            changes[name] = figure(value, FIGURE_LABELS[name])
    updated = replace(current, **changes)
    return save_unit_facts(ws, unit_id, (*tuple(y for y in years if y.year != current.year), updated))


def figures_text(y: UnitYear) -> str:
    """"25 thành viên, 25 hoàn thành nhiệm vụ, 20 LĐTT, 3 CSTĐCS, 0 bị kỷ luật" (known figures only)."""
    words = (("head_count", "thành viên"), ("completed_count", "hoàn thành nhiệm vụ"), ("standard_count", "LĐTT"),
             ("cstdcs_count", "CSTĐCS"), ("disciplined_count", "bị kỷ luật"))
    parts = [f"{getattr(y, name)} {word}" for name, word in words if getattr(y, name) is not None]
    return ", ".join(parts)

