"""Regime C — Luật TĐKT 2022 amended by Luật 06/2026/QH16, in force 01/10/2026: the boundary 30/9 | 01/10/2026,
what is applied (the 2022 criteria), what is unconfirmed (CSTĐCS without LĐTT; the transition), and that a
verdict of the amended Law always says so."""

from __future__ import annotations

from datetime import date

import pytest

from emulation_desk.core.rules import luat2026
from emulation_desk.core.rules.engine import REGISTRY, ruleset_for
from emulation_desk.core.rules.verdict import UNCONFIRMED_WORDS
from tests.core.test_rules_helpers import check, initiative, person, unit, verdict

GOOD = {2026: "httnv"}
AFTER, BEFORE = date(2026, 10, 1), date(2026, 9, 30)


def test_the_amended_law_is_a_regime_from_01_10_2026() -> None:
    assert "LUAT_2026" in REGISTRY and luat2026.ENABLED and ruleset_for("LUAT_2026") is not None
    old = verdict("LDTT", 2026, person(ratings=GOOD), decided=BEFORE)
    new = verdict("LDTT", 2026, person(ratings=GOOD), decided=AFTER)
    assert (old.regime, new.regime) == ("ND152_2025", "LUAT_2026")
    assert (old.status, new.status) == ("dat", "dat")


def test_a_verdict_of_the_amended_law_says_so_never_silently() -> None:
    """Luật 06/2026/QH16: its text is not confirmed — the reason, the regime line and a note all say it."""
    new = verdict("LDTT", 2026, person(ratings=GOOD), decided=AFTER)
    assert "Luật TĐKT 2022 (sửa đổi 2026)" in new.reason and UNCONFIRMED_WORDS in new.reason
    assert UNCONFIRMED_WORDS in new.regime_name
    note = check(new, "luat2026.regime")
    assert note.outcome == "info" and "Chiến sĩ thi đua cơ sở" in note.detail
    text = new.explanation()
    assert f"Chế độ áp dụng: Luật TĐKT 2022 (sửa đổi 2026), Luật 06/2026/QH16 (có điểm {UNCONFIRMED_WORDS})" in text
    old = verdict("LDTT", 2026, person(ratings=GOOD), decided=BEFORE)
    assert UNCONFIRMED_WORDS not in old.reason and "sửa đổi 2026" not in old.explanation()


# (case, rating, initiatives, recruited, status) — CSTĐCS judged under both readings (Luật 2022 Điều 23; the draft)
CSTDCS = [
    ("HTXSNV và sáng kiến: đạt theo cả hai", "htxsnv", [initiative(2026)], date(2010, 1, 1), "dat"),
    ("HTTNV, không sáng kiến: không đạt theo cả hai", "httnv", [], date(2010, 1, 1), "chua_dat"),
    ("HTTNV và sáng kiến: Luật 2022 đạt, dự thảo không", "httnv", [initiative(2026)], date(2010, 1, 1), "canh_bao"),
    ("HTXSNV và sáng kiến, mới tuyển dụng 01/11: dự thảo đạt, Luật 2022 không (chưa đủ 6 tháng)", "htxsnv",
     [initiative(2026)], date(2026, 11, 1), "canh_bao"),
    ("HTXSNV, không sáng kiến: Luật 2022 đạt, dự thảo không", "htxsnv", [], date(2010, 1, 1), "canh_bao"),
]


@pytest.mark.parametrize(("case", "rating", "initiatives_", "recruited", "status"), CSTDCS, ids=[c[0] for c in CSTDCS])
def test_cstdcs_is_judged_under_both_readings(case: str, rating: str, initiatives_: list, recruited: date,
                                              status: str) -> None:
    history = person(ratings={2026: rating}, initiatives_=initiatives_, recruited=recruited)
    v = verdict("CSTDCS", 2026, history, decided=AFTER)
    assert v.status == status, v.explanation()
    found = check(v, "luat2026.cstdcs")
    assert any(e.startswith("Luật TĐKT 2022") for e in found.evidence)
    assert any(e.startswith("Dự thảo sửa đổi") for e in found.evidence)
    if status == "canh_bao":
        assert "theo Luật TĐKT 2022:" in found.detail and "theo dự thảo sửa đổi:" in found.detail


def test_the_2022_criteria_still_apply_to_other_titles() -> None:
    """Luật 2022 Điều 28.1 (TTLĐTT ≥ 70%): unchanged as far as is known."""
    assert verdict("TTLDTT", 2026, unit(2026, standard=13), subject="tap_the", decided=AFTER).status == "chua_dat"
    assert verdict("TTLDTT", 2026, unit(2026, standard=14), subject="tap_the", decided=AFTER).status == "dat"


def test_a_dossier_received_before_01_10_2026_follows_the_unamended_law() -> None:
    """Transition (third-party paraphrase, unconfirmed): dossiers received before 01/10/2026 follow Law 06/2022."""
    history = person(ratings={2026: "httnv"}, initiatives_=[initiative(2026)])
    v = verdict("CSTDCS", 2026, history, decided=date(2026, 10, 20), received_on=date(2026, 9, 25))
    assert v.regime == "ND152_2025" and v.status == "dat"
    assert "hồ sơ nhận ngày 25/09/2026" in check(v, "regime.transition").detail
    late = verdict("CSTDCS", 2026, history, decided=date(2026, 10, 20), received_on=date(2026, 10, 2))
    assert late.regime == "LUAT_2026" and late.status == "canh_bao"
