"""Regime B2 (NĐ 152/2025, TT 15/2025) from 01/7/2025, the boundary 30/6/2025 | 01/7/2025, and the 2026 Law's
rule set, which stays switched off until its text is loaded."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from emulation_desk.core.rules import luat2026
from emulation_desk.core.rules.common import RuleContext
from emulation_desk.core.rules.engine import REGISTRY, judge, ruleset_for
from emulation_desk.core.rules.settings import EligibilitySettings
from tests.core.test_rules_helpers import CATALOG, award, initiative, nomination, person, unit, verdict

GOOD = {2025: "httnv", 2026: "httnv"}


@pytest.mark.parametrize(("months", "recruited", "status"), [
    (6, date(2025, 7, 1), "dat"), (6, date(2025, 7, 2), "chua_dat"),
    (10, date(2025, 7, 1), "chua_dat"), (10, date(2025, 3, 1), "dat"),
])
def test_ldtt_minimum_months_is_a_setting_under_tt_15_2025(months: int, recruited: date, status: str) -> None:
    """TT 15/2025/TT-BNV may keep TT 01/2024's 6 months ❓: the figure is the setting ldtt_min_months_nd152."""
    settings = EligibilitySettings(ldtt_min_months_nd152=months)
    v = verdict("LDTT", 2025, person(ratings=GOOD, recruited=recruited), settings=settings)
    assert v.regime == "ND152_2025" and v.status == status, v.reason


def test_two_titles_of_the_same_kind_in_a_year_warn_under_tt_15_2025() -> None:
    """TT 15/2025/TT-BNV "không xét tặng 2 danh hiệu thi đua" ❓: a warning; under NĐ 91 only a note."""
    history = person([award(2025, "LDTT", decision="d-ldtt")], {2025: "htxsnv"})
    assert verdict("CSTDCS", 2025, history).status == "canh_bao"
    older = person([award(2020, "LDTT", decision="d-ldtt")], {2020: "htxsnv"}, [initiative(2020)])
    assert verdict("CSTDCS", 2020, older).status == "dat"


BOUNDARY = [
    # (case, form, subject, history, status on 30/6/2025 (NĐ 98), status on 01/7/2025 (NĐ 152))
    ("Giấy khen Chủ tịch UBND cấp huyện: không còn cấp huyện từ 01/7/2025", "GK_CT_HUYEN", "ca_nhan", person(),
     "khong_ap_dung", "chua_dat"),
    ("Giấy khen Chủ tịch UBND cấp xã: vẫn áp dụng", "GK_CT_XA", "ca_nhan", person(), "khong_ap_dung", "khong_ap_dung"),
    ("LĐTT tuyển dụng 01/7/2024: đủ 6 tháng theo cả hai", "LDTT", "ca_nhan",
     person(ratings={2025: "httnv"}, recruited=date(2024, 7, 1)), "dat", "dat"),
    ("TTLĐTT 70%: như nhau", "TTLDTT", "tap_the", unit(2025, standard=14), "dat", "dat"),
]


@pytest.mark.parametrize(("case", "form", "subject", "history", "before", "after"), BOUNDARY,
                         ids=[c[0] for c in BOUNDARY])
def test_regime_boundary_30_6_2025_and_01_7_2025(case: str, form: str, subject: str, history: object, before: str,
                                                 after: str) -> None:
    old = verdict(form, 2025, history, subject=subject, decided=date(2025, 6, 30))  # type: ignore[arg-type]
    new = verdict(form, 2025, history, subject=subject, decided=date(2025, 7, 1))  # type: ignore[arg-type]
    assert (old.regime, new.regime) == ("ND98_2023", "ND152_2025")
    assert (old.status, new.status) == (before, after), old.reason + " | " + new.reason
    if after == "chua_dat":
        assert "chỉ áp dụng đến 30/06/2025" in new.reason


def test_the_2026_rule_set_is_registered_but_switched_off() -> None:
    assert "LUAT_2026" in REGISTRY and luat2026.ENABLED is False and ruleset_for("LUAT_2026") is None
    # Even when the clerk switches the regime on in the catalog, the engine says the rules are missing.
    regimes = tuple(dataclasses.replace(r, enabled=True) if r.code == "LUAT_2026" else
                    dataclasses.replace(r, valid_to=date(2026, 9, 30)) if r.code == "ND152_2025" else r
                    for r in CATALOG.regimes)
    catalog = dataclasses.replace(CATALOG, regimes=regimes)
    v = judge(nomination("LDTT", 2026), person(ratings=GOOD), catalog)
    assert v.regime == "LUAT_2026" and v.status == "canh_bao"
    assert "chưa có bộ tiêu chuẩn tự động" in v.reason
    # Before 01/10/2026 the 2022 Law still applies.
    assert judge(nomination("LDTT", 2026, decided=date(2026, 9, 30)), person(ratings=GOOD), catalog).status == "dat"


@pytest.mark.parametrize(("rating", "initiatives_", "expected"), [
    ("htxsnv", [initiative(2026)], ["pass", "pass"]),
    ("htxsnv", [], ["pass", "warn"]),
    ("httnv", [initiative(2026)], ["warn", "pass"]),
])
def test_draft_2026_cstdcs_needs_excellence_and_an_initiative_without_ldtt(rating: str, initiatives_: list,
                                                                         expected: list[str]) -> None:
    """Draft amendment (laodong 1629499) ❓: CSTĐCS = HTXSNV and an initiative; the LĐTT prerequisite goes."""
    ctx = RuleContext(nomination("CSTDCS", 2026), person(ratings={2026: rating}, initiatives_=initiatives_,
                                                         recruited=date(2026, 11, 1)), CATALOG)
    checks = luat2026.cstdcs(ctx)
    assert [c.outcome for c in checks[:2]] == expected
    assert not any("ldtt" in c.code for c in checks)
