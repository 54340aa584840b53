"""The statistical table's own logic (issue 14 §3): one percentage rule that never misleads, the reporting period
in the title and the note, the kinds that are not công trạng, managers by the position of the award's year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from emulation_desk.core.catalog import load_catalog
from emulation_desk.core.report_period import ReportPeriod, table_parts
from emulation_desk.core.stats import AwardFact, CountedFacts, cell_facts, check_table, compute_table, percent
from emulation_desk.core.text import format_percent

CATALOG = load_catalog()

# (numerator, denominator, value, printed) — the model report's style (62,5%; 98%) with the two guards
PERCENTS = [
    (30, 48, "62.5", "62,5%"),  # exact to one decimal: kept (model report, Bằng khen của tỉnh)
    (47, 48, "98", "98%"),  # otherwise a whole percent, half up (model report)
    (1984, 1984, "100", "100%"), (1, 2, "50", "50%"), (2, 3, "67", "67%"), (1, 3, "33", "33%"),
    (199, 200, "99.5", "99,5%"), (1, 200, "0.5", "0,5%"),  # exact: kept
    (1, 201, "0.5", "0,5%"),  # 0,497…: not zero, so never 0%
    (1999, 2000, "99.95", "99,95%"),  # 99,95: below the whole, so never 100%
    (1, 2001, "0.05", "0,05%"), (19999, 20000, "99.99", "99,99%"), (1, 300000, "0.01", "0,01%"),
    (299999, 300000, "99.99", "99,99%"),  # closer to an end than 0,005: the nearest figure short of it
    (3, 2, "150", "150%"),
]


@pytest.mark.parametrize(("part", "whole", "value", "printed"), PERCENTS, ids=[f"{p}/{w}" for p, w, *_ in PERCENTS])
def test_one_percentage_rule_that_never_misleads(part: int, whole: int, value: str, printed: str) -> None:
    share = percent(part, whole)
    assert share == Decimal(value) and format_percent(share) == printed


def test_an_empty_share_prints_nothing() -> None:
    assert percent(0, 5) is None and percent(5, 0) is None


@pytest.mark.parametrize(("period", "inside", "outside"), [
    (ReportPeriod(2020), (date(2020, 1, 1), date(2020, 12, 31)), (date(2019, 12, 31), date(2021, 1, 1))),
    (ReportPeriod(2020, "thong_ke"), (date(2019, 12, 1), date(2020, 11, 30)), (date(2019, 11, 30), date(2020, 12, 1))),
])
def test_the_reporting_period(period: ReportPeriod, inside: tuple[date, date], outside: tuple[date, date]) -> None:
    assert all(period.contains(d) for d in inside) and not any(period.contains(d) for d in outside)


def test_the_period_shows_in_the_title_and_the_note() -> None:
    calendar = compute_table(2020, [], CATALOG)
    assert calendar.title == "BIỂU TỔNG HỢP KẾT QUẢ KHEN THƯỞNG NĂM 2020"
    assert calendar.notes[0] == ("Biểu đếm các quyết định khen thưởng ký từ ngày 01/01/2020 đến ngày 31/12/2020 "
                                 "(năm dương lịch), theo ngày ký quyết định, không theo năm đạt thành tích.")
    sector = compute_table(2020, [], CATALOG, period=ReportPeriod(2020, "thong_ke"))
    assert sector.title == "BIỂU TỔNG HỢP KẾT QUẢ KHEN THƯỞNG NĂM 2020 (TỪ NGÀY 01/12/2019 ĐẾN NGÀY 30/11/2020)"
    assert "ký từ ngày 01/12/2019 đến ngày 30/11/2020 (kỳ thống kê của ngành Nội vụ" in sector.notes[0]
    data = sector.to_json()
    assert data["period"] == {"kind": "thong_ke", "start": "2019-12-01", "end": "2020-11-30"}
    assert data["notes"] == list(sector.notes)
    with pytest.raises(ValueError, match="Kỳ báo cáo"):
        ReportPeriod(2020, "quy")


HERO = AwardFact("r1", "d1", "BMVNAH", "ca_nhan", "cong_hien", False, "p1", date(2020, 7, 24))


def test_cong_hien_is_not_cong_trang_by_default() -> None:
    """Cống hiến, niên hạn, đối ngoại, kháng chiến go to the "chuyên đề, đột xuất" half unless the office sets
    otherwise (the province's guidance), and the note says where."""
    table = compute_table(2020, [HERO], CATALOG)
    row = table.row("III.4")
    assert (row.c6, row.c10, row.c11, row.c13) == (None, 1, Decimal(100), 1)
    assert ("Khen thưởng không theo công trạng: cống hiến, niên hạn, đối ngoại, kháng chiến được tính ở nhóm cột "
            "chuyên đề, đột xuất (cột 10–13).") in table.notes
    moved = compute_table(2020, [HERO], CATALOG, parts={"cong_hien": "cong_trang"})
    assert (moved.row("III.4").c6, moved.row("III.4").c10) == (1, None)
    assert ("Khen thưởng không theo công trạng: cống hiến được tính ở nhóm cột công trạng, thành tích (cột 6–9); "
            "niên hạn, đối ngoại, kháng chiến được tính ở nhóm cột chuyên đề, đột xuất (cột 10–13).") in moved.notes
    assert [f.recipient_id for f in cell_facts(moved.row("III.4"), "c6", CATALOG, moved.parts)] == ["r1"]
    assert check_table(moved, [HERO]) == []


@pytest.mark.parametrize(("parts", "message"), [({"khong_co": "cong_trang"}, "không có trong danh mục"),
                                                ({"cong_hien": "ca_hai"}, "chỉ được tính vào")])
def test_a_wrong_kind_setting_is_refused(parts: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        table_parts(CATALOG, parts)


@pytest.mark.parametrize(("today", "then", "column"), [
    (True, False, "c9"),  # a manager today, a direct worker in the award's year
    (False, True, "c8"),  # promoted since: a direct worker today, a manager then
    (None, True, "c8"),  # today's flag not recorded, the year's position is
    (True, None, "c8"),  # the year's position not recorded yet: today's flag (the fallback)
])
def test_managers_by_the_position_of_the_awards_year(today: bool | None, then: bool | None, column: str) -> None:
    fact = AwardFact("r1", "d1", "LDTT", "ca_nhan", "cong_trang", today, "p1", date(2020, 12, 10), then)
    table = compute_table(2020, [fact], CATALOG)
    row = table.row("I.2")
    assert row.count(column) == 1 and row.count("c8") + row.count("c9") == 1
    assert not [v for v in check_table(table, [fact]) if v.severity == "warning"]
    counted = compute_table(2020, [CountedFacts("LDTT", "ca_nhan", "cong_trang", today, 3, then)], CATALOG)
    assert counted.row("I.2").count(column) == 3


def test_unknown_position_is_still_flagged() -> None:
    fact = AwardFact("r1", "d1", "LDTT", "ca_nhan", "cong_trang", None, "p1", date(2020, 12, 10))
    warnings = [v for v in check_table(compute_table(2020, [fact], CATALOG), [fact]) if v.severity == "warning"]
    assert len(warnings) == 1 and "chưa ghi rõ là lãnh đạo quản lý" in warnings[0].message
