"""Bonus money: regime and base salary by decision date, per-subject coefficients, and the principles
(only the highest title for one achievement; different achievements each paid; a title and a form both paid)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from emulation_desk.core.achievement import AchievementPeriod
from emulation_desk.core.bonus import BonusLine, apply_principles, line_bonus, totals
from emulation_desk.core.catalog import load_catalog

CATALOG = load_catalog()


def line(form: str, signed: date, subject: str = "ca_nhan", *, who: str = "p1", decision: str = "d1",
         kind: str = "cong_trang", level: str = "don_vi", ident: str = "",
         earned: tuple[int, int] | int | None = None) -> BonusLine:
    period = (AchievementPeriod(*earned) if isinstance(earned, tuple) else
              AchievementPeriod.of(earned) if earned else None)
    return BonusLine(ident or f"{form}-{who}-{decision}-{kind}", decision, f"{subject}:{who}", "Nguyễn Văn An", form,
                     subject, kind, signed, level, f"QĐ {decision}", period)


# (case, form, subject, date, coefficient, amount) — amounts from legal.md §3 (rounded up to 10.000 đ)
BOUNDARIES = [
    # NĐ 91/2017 Điều 73.1.d: Giấy khen of the commune-level Chairman 0,15 (73.2.b: collective 0,3)
    ("GK Chủ tịch xã, NĐ 91 Điều 73.1.d, 31/12/2023", "GK_CT_XA", "ca_nhan", date(2023, 12, 31), "0.15", 270_000),
    ("GK Chủ tịch xã tập thể, NĐ 91 Điều 73.2.b", "GK_CT_XA", "tap_the", date(2023, 12, 31), "0.3", 540_000),
    ("GK Chủ tịch xã, NĐ 98, 01/01/2024", "GK_CT_XA", "ca_nhan", date(2024, 1, 1), "0.15", 270_000),
    ("BK Thủ tướng, NĐ 91, 31/12/2023", "BK_TTG", "ca_nhan", date(2023, 12, 31), "3.5", 6_300_000),
    ("BK Thủ tướng, NĐ 98, 01/01/2024", "BK_TTG", "ca_nhan", date(2024, 1, 1), "3.5", 6_300_000),
    # NĐ 152/2025 Điều 54.1.a: Bằng khen của Thủ tướng 3,5 / 7,0 / 5,25 (× 2.340.000, rounded up)
    ("BK Thủ tướng, NĐ 152 Điều 54.1.a, cá nhân", "BK_TTG", "ca_nhan", date(2025, 8, 1), "3.5", 8_190_000),
    ("BK Thủ tướng, NĐ 152 Điều 54.1.a, tập thể", "BK_TTG", "tap_the", date(2025, 8, 1), "7.0", 16_380_000),
    ("BK Thủ tướng, NĐ 152 Điều 54.1.a, hộ gia đình", "BK_TTG", "ho_gia_dinh", date(2025, 8, 1), "5.25", 12_290_000),
    # NĐ 152/2025 Điều 54.1.d: Kỷ niệm chương of a ministry or province at most 0,6
    ("KNC bộ, tỉnh, NĐ 152 Điều 54.1.d", "KNC_BO_TINH", "ca_nhan", date(2025, 8, 1), "0.6", 1_410_000),
    # the amended Law from 01/10/2026 (Decree 152 figures, NĐ 161/2026 base salary 2.530.000)
    ("BK Thủ tướng, 30/9/2026 (NĐ 152)", "BK_TTG", "ca_nhan", date(2026, 9, 30), "3.5", 8_860_000),
    ("BK Thủ tướng, 01/10/2026 (Luật sửa đổi 2026)", "BK_TTG", "ca_nhan", date(2026, 10, 1), "3.5", 8_860_000),
    ("GK Chủ tịch xã, NĐ 98, 30/6/2025", "GK_CT_XA", "ca_nhan", date(2025, 6, 30), "0.15", 360_000),
    ("GK Chủ tịch xã, NĐ 152, 01/7/2025", "GK_CT_XA", "ca_nhan", date(2025, 7, 1), "0.3", 710_000),
    ("BK tỉnh, NĐ 98, 30/6/2025", "BK_TINH", "ca_nhan", date(2025, 6, 30), "1.0", 2_340_000),
    ("BK tỉnh, NĐ 152, 01/7/2025", "BK_TINH", "ca_nhan", date(2025, 7, 1), "1.5", 3_510_000),
    ("LĐTT, lương cơ sở 2.340.000, 30/6/2026", "LDTT", "ca_nhan", date(2026, 6, 30), "0.3", 710_000),
    ("LĐTT, lương cơ sở 2.530.000, 01/7/2026", "LDTT", "ca_nhan", date(2026, 7, 1), "0.3", 760_000),
    ("CSTĐ tỉnh, 30/6/2026", "CSTD_TINH", "ca_nhan", date(2026, 6, 30), "3.0", 7_020_000),
    ("CSTĐ tỉnh, 01/7/2026", "CSTD_TINH", "ca_nhan", date(2026, 7, 1), "3.0", 7_590_000),
    ("LĐTT 2020 (lương cơ sở 1.490.000)", "LDTT", "ca_nhan", date(2020, 12, 10), "0.3", 450_000),
    # collective ×2 and household ×1,5 — explicit rows of the catalog, never multiplied in code
    ("GK Chủ tịch xã tập thể ×2, NĐ 152", "GK_CT_XA", "tap_the", date(2025, 7, 1), "0.6", 1_410_000),
    ("GK Chủ tịch xã hộ gia đình ×1,5, NĐ 152", "GK_CT_XA", "ho_gia_dinh", date(2025, 7, 1), "0.45", 1_060_000),
    ("BK tỉnh hộ gia đình ×1,5, NĐ 152", "BK_TINH", "ho_gia_dinh", date(2025, 7, 1), "2.25", 5_270_000),
    ("HCLĐ hạng Nhì tập thể ×2, 2020", "HC_LAO_DONG_2", "tap_the", date(2020, 10, 22), "15", 22_350_000),
    ("TTLĐTT 0,8, 2024", "TTLDTT", "tap_the", date(2024, 12, 10), "0.8", 1_880_000),
]


@pytest.mark.parametrize(("case", "form", "subject", "signed", "coefficient", "amount"), BOUNDARIES,
                         ids=[b[0] for b in BOUNDARIES])
def test_regime_and_base_salary_of_the_decision_date(case: str, form: str, subject: str, signed: date,
                                                     coefficient: str, amount: int) -> None:
    result = line_bonus(line(form, signed, subject), CATALOG)
    assert (result.coefficient, result.amount) == (Decimal(coefficient), amount)


def test_a_missing_per_subject_row_is_reported_not_multiplied() -> None:
    """NĐ 91/2017 has no household subject: no figure is invented from the individual one."""
    result = line_bonus(line("GK_CT_XA", date(2023, 6, 1), "ho_gia_dinh"), CATALOG)
    assert result.amount is None and result.missing and "Chưa có hệ số tiền thưởng" in result.note


@pytest.mark.parametrize("regime", ["ND91_2017", "ND98_2023", "ND152_2025"])
def test_orders_pay_collectives_twice_the_individual_figure(regime: str) -> None:
    """Huân chương: collective ×2 (legal.md §3, NĐ 152 Điều 51)."""
    index = {(c.form, c.subject): c.value for c in CATALOG.coefficients if c.regime == regime}
    orders = [f.code for f in CATALOG.forms if f.family.startswith("huan_chuong") and (f.code, "tap_the") in index]
    assert len(orders) >= 12  # Sao vàng, Hồ Chí Minh, Độc lập, Quân công, Lao động, Chiến công, BVTQ (3 hạng)
    for code in orders:
        assert index[(code, "tap_the")] == 2 * index[(code, "ca_nhan")], code


def test_households_get_one_and_a_half_times_under_nd152() -> None:
    index = {(c.form, c.subject): c.value for c in CATALOG.coefficients if c.regime == "ND152_2025"}
    households = [form for form, subject in index if subject == "ho_gia_dinh"]
    assert households
    for form in households:
        assert index[(form, "ho_gia_dinh")] == Decimal("1.5") * index[(form, "ca_nhan")], form


PRINCIPLES = [
    # (case, lines, paid amounts in order)
    ("LĐTT and CSTĐCS for the same year's work: only CSTĐCS",
     [line("LDTT", date(2020, 12, 10)), line("CSTDCS", date(2020, 12, 10), decision="d2")], [0, 1_490_000]),
    ("TTLĐTT of the city and TTLĐXS of the province: only TTLĐXS",
     [line("TTLDTT", date(2020, 12, 10), "tap_the", level="don_vi"),
      line("TTLDXS", date(2020, 12, 4), "tap_the", decision="d2", level="tinh")], [0, 2_240_000]),
    ("CSTĐCS 2019 and LĐTT 2020: different achievements, both",
     [line("CSTDCS", date(2019, 12, 12)), line("LDTT", date(2020, 12, 10), decision="d2")], [1_490_000, 450_000]),
    ("a title and a form in one decision: both",
     [line("LDTT", date(2020, 12, 10)), line("GK_CT_HUYEN", date(2020, 12, 10))], [450_000, 450_000]),
    ("Giấy khen chuyên đề and Giấy khen công trạng: both",
     [line("GK_CT_HUYEN", date(2020, 5, 20), kind="chuyen_de"), line("GK_CT_HUYEN", date(2020, 12, 10), decision="d2")],
     [450_000, 450_000]),
    ("a thematic title does not take the place of the yearly one",
     [line("LDTT", date(2020, 12, 10)), line("CSTDCS", date(2020, 6, 1), decision="d2", kind="chuyen_de")],
     [450_000, 1_490_000]),
    ("the same person twice in one decision: paid once",
     [line("LDTT", date(2020, 12, 10), ident="x"), line("LDTT", date(2020, 12, 10), ident="y")], [450_000, 0]),
    ("two people: each paid",
     [line("LDTT", date(2020, 12, 10), who="p1"), line("LDTT", date(2020, 12, 10), who="p2")], [450_000, 450_000]),
]


ACHIEVEMENT = [
    # NĐ 98/2023 Điều 53 — titles belong to their achievement period, not to the year they were signed.
    ("LĐTT 2023 signed 10/01/2024 and LĐTT 2024: different years, both (Điều 53)",
     [line("LDTT", date(2024, 1, 10), earned=2023), line("LDTT", date(2024, 12, 20), decision="d2", earned=2024)],
     [540_000, 710_000]),
    ("LĐTT 2023 signed 10/01/2024 and CSTĐCS 2024: different years, both (Điều 53)",
     [line("LDTT", date(2024, 1, 10), earned=2023), line("CSTDCS", date(2024, 12, 20), decision="d2", earned=2024)],
     [540_000, 2_340_000]),
    ("LĐTT 2023 and CSTĐCS 2023 signed in different years: the same achievement, only CSTĐCS (Điều 53)",
     [line("LDTT", date(2023, 12, 20), earned=2023), line("CSTDCS", date(2024, 1, 10), decision="d2", earned=2023)],
     [0, 1_800_000]),
    ("city CSTĐCS 2024 and province CSTĐ cấp tỉnh 2022–2024: periods differ, both (Điều 53)",
     [line("CSTDCS", date(2024, 12, 20), earned=2024),
      line("CSTD_TINH", date(2024, 12, 28), decision="d2", level="tinh", earned=(2022, 2024))],
     [2_340_000, 7_020_000]),
    ("without recorded periods, CSTĐ cấp tỉnh rewards three years by its nature (Luật 2022 Điều 22)",
     [line("CSTDCS", date(2024, 12, 20)), line("CSTD_TINH", date(2024, 12, 28), decision="d2", level="tinh")],
     [2_340_000, 7_020_000]),
]


@pytest.mark.parametrize(("case", "lines", "paid"), ACHIEVEMENT, ids=[p[0] for p in ACHIEVEMENT])
def test_highest_title_only_within_one_achievement_period(case: str, lines: list[BonusLine], paid: list[int]) -> None:
    results = apply_principles(lines, CATALOG)
    assert [r.amount for r in results] == paid
    if 0 in paid:
        note = next(r.note for r in results if r.amount == 0)
        assert "cùng thành tích năm 2023 đã có danh hiệu Chiến sĩ thi đua cơ sở" in note


def test_the_regime_and_salary_follow_the_signing_date_not_the_achievement_year() -> None:
    """A title of 2023 signed on 10/01/2024: NĐ 98/2023 regime and the base salary of that day."""
    result = line_bonus(line("GK_CT_XA", date(2024, 1, 10), earned=2023), CATALOG)
    assert (result.regime, result.coefficient, result.base_salary) == ("ND98_2023", Decimal("0.15"), 1_800_000)


@pytest.mark.parametrize(("case", "lines", "paid"), PRINCIPLES, ids=[p[0] for p in PRINCIPLES])
def test_principles(case: str, lines: list[BonusLine], paid: list[int]) -> None:
    results = apply_principles(lines, CATALOG)
    assert [r.amount for r in results] == paid
    for r in results:
        if r.amount == 0:
            assert r.note and r.full_amount
    if "only" in case:
        assert "NĐ 98/2023/NĐ-CP Điều 53" in next(r.note for r in results if r.amount == 0)


def test_totals_per_decision_and_per_paying_level() -> None:
    lines = [line("LDTT", date(2020, 12, 10), who="p1"), line("LDTT", date(2020, 12, 10), who="p2"),
             line("BK_TINH", date(2020, 12, 4), who="p3", decision="d2", level="tinh"),
             line("GK_CT_XA", date(2020, 12, 4), "ho_gia_dinh", who="h1", decision="d3")]
    sums = totals(apply_principles(lines, CATALOG))
    assert sums.by_decision == {"d1": 900_000, "d2": 1_490_000, "d3": 0}
    assert sums.by_level == {"don_vi": 900_000, "tinh": 1_490_000}
    assert (sums.total, sums.missing, sums.not_paid) == (2_390_000, 1, 0)
