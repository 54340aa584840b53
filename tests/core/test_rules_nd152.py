"""Regime B2 (NĐ 152/2025, TT 15/2025) from 01/7/2025 to 30/9/2026, and the boundary 30/6/2025 | 01/7/2025
(the amended Law from 01/10/2026 is in test_rules_luat2026)."""

from __future__ import annotations

from datetime import date

import pytest

from emulation_desk.core.rules.settings import EligibilitySettings
from tests.core.test_rules_helpers import award, initiative, person, unit, verdict

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
