"""The period of the statistical table and the notes printed under it.

The table of year Y counts the decisions **signed** in its reporting period (what the office decided that
year), not the titles earned in Y: a title of 2023 signed in January 2024 is in the table of 2024. The period
is the calendar year by default; the Home Affairs sector's statistical period runs from 01/12 of the year
before to 30/11 (a setting of the office). The choice shows in the table's title and its note.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from emulation_desk.core.catalog import Catalog
from emulation_desk.core.text import format_date

PERIOD_KINDS = {"nam": "năm dương lịch", "thong_ke": "kỳ thống kê của ngành Nội vụ (01/12 năm trước đến 30/11)"}
# Kinds that are not "công trạng": where they go is the province's guidance (a setting per kind).
NOT_MERIT_KINDS = ("cong_hien", "nien_han", "doi_ngoai", "khang_chien")
PART_COLUMNS = {"cong_trang": "công trạng, thành tích (cột 6–9)", "chuyen_de": "chuyên đề, đột xuất (cột 10–13)"}


@dataclass(frozen=True)
class ReportPeriod:
    """The days whose decisions the table of ``year`` counts."""

    year: int
    kind: str = "nam"  # nam | thong_ke

    def __post_init__(self) -> None:
        if self.kind not in PERIOD_KINDS:
            raise ValueError(f"Kỳ báo cáo «{self.kind}» không hợp lệ (chỉ được {', '.join(PERIOD_KINDS)}).")

    @property
    def start(self) -> date:
        return date(self.year, 1, 1) if self.kind == "nam" else date(self.year - 1, 12, 1)

    @property
    def end(self) -> date:
        return date(self.year, 12, 31) if self.kind == "nam" else date(self.year, 11, 30)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def title_suffix(self) -> str:
        """"NĂM 2020", or "NĂM 2020 (TỪ NGÀY 01/12/2019 ĐẾN NGÀY 30/11/2020)" for the sector's period."""
        if self.kind == "nam":
            return f"NĂM {self.year}"
        return f"NĂM {self.year} (TỪ NGÀY {format_date(self.start)} ĐẾN NGÀY {format_date(self.end)})"

    def note(self) -> str:
        return (f"Biểu đếm các quyết định khen thưởng ký từ ngày {format_date(self.start)} đến ngày "
                f"{format_date(self.end)} ({PERIOD_KINDS[self.kind]}), theo ngày ký quyết định, không theo năm "
                "đạt thành tích.")


def table_parts(catalog: Catalog, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """Kind → half of the table ("cong_trang" or "chuyen_de"): the catalog's default, or the office's setting."""
    parts = {k.code: k.table_part for k in catalog.kinds}
    for kind, part in (overrides or {}).items():
        if kind not in parts:
            raise ValueError(f"Loại khen thưởng «{kind}» không có trong danh mục.")
        if part not in PART_COLUMNS:
            raise ValueError(f"Loại khen thưởng «{kind}»: chỉ được tính vào {' hoặc '.join(PART_COLUMNS)}.")
        parts[kind] = part
    return parts


def _kind_names(catalog: Catalog, codes: list[str]) -> str:
    return ", ".join(catalog.kind(c).name.lower() for c in codes)


def table_notes(catalog: Catalog, parts: Mapping[str, str], period: ReportPeriod) -> tuple[str, ...]:
    """The notes under the table: what it counts, where the kinds that are not công trạng go, how managers are
    told from direct workers."""
    notes = [period.note()]
    known = [k.code for k in sorted(catalog.kinds, key=lambda k: k.sort_order) if k.code in NOT_MERIT_KINDS]
    placed = {part: [c for c in known if parts.get(c) == part] for part in PART_COLUMNS}
    where = [f"{_kind_names(catalog, codes)} được tính ở nhóm cột {PART_COLUMNS[part]}"
             for part, codes in placed.items() if codes]
    if where:
        notes.append(f"Khen thưởng không theo công trạng: {'; '.join(where)}.")
    notes.append("Cá nhân lãnh đạo quản lý (từ cấp phòng trở lên) xác định theo chức vụ trong năm được khen thưởng; "
                 "người chưa ghi chức vụ của năm đó tính theo chức vụ hiện tại.")
    return tuple(notes)
