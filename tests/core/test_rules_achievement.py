"""Issue 14 in the rules: titles belong to the year they were earned while the regime follows the decision date;
achievements count from the end of a penalty; dissolved and merged units; the quota, vote and HCLĐ rules of
each regime; explanations that name their decisions. Each case cites its article."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from emulation_desk.core.rules.facts import AwardRecord, DisciplineRecord, SubjectHistory, with_predecessors
from emulation_desk.core.rules.settings import EligibilitySettings, VoteThreshold
from emulation_desk.core.text import format_date
from tests.core.test_rules_helpers import CATALOG, award, check, initiative, person, unit, verdict


def signed(year: int, form: str, on: date, number: str = "12", *, first: int | None = None, via: str = ""
           ) -> AwardRecord:
    """An issued award of the achievement ``year`` (period from ``first``) signed on ``on``."""
    f = CATALOG.form(form)
    return AwardRecord(year, form, f.name, f.family, f.category, f.level, "cong_trang", True, "don_vi",
                       f"QĐ số {number}/QĐ-UBND ngày {format_date(on)}", f"r-{form}-{year}", f"d-{form}-{year}", "",
                       first, on, via)


JANUARY_CHAIN = [signed(2021, "CSTDCS", date(2022, 1, 12), "15"), signed(2022, "CSTDCS", date(2023, 1, 10), "9"),
                 signed(2023, "CSTDCS", date(2024, 1, 10), "21")]


# ------------------------------------------------------------------------------- achievement year vs signing date


def test_a_chain_of_titles_each_signed_the_next_january() -> None:
    """Luật TĐKT 2022 Điều 22: 03 consecutive CSTĐCS — of 2021, 2022, 2023, each signed the next January."""
    history = person(JANUARY_CHAIN, initiatives_=[initiative(2023, "tinh")])
    v = verdict("CSTD_TINH", 2023, history, decided=date(2024, 2, 20))
    assert v.regime == "ND98_2023" and v.status == "dat", v.explanation()
    chain = check(v, "cstd_tinh.chain")
    assert chain.detail == "đạt Chiến sĩ thi đua cơ sở các năm 2021, 2022, 2023"
    assert "Chiến sĩ thi đua cơ sở năm 2023 (QĐ số 21/QĐ-UBND ngày 10/01/2024)" in chain.evidence
    # The same decisions read by their signing years (what the records said before issue 14) break the chain.
    by_signing = [signed(a.signed_on.year, "CSTDCS", a.signed_on) for a in JANUARY_CHAIN if a.signed_on]
    assert verdict("CSTD_TINH", 2023, person(by_signing, initiatives_=[initiative(2023, "tinh")]),
                   decided=date(2024, 2, 20)).status == "chua_dat"


@pytest.mark.parametrize(("awards", "status"), [
    ([signed(2023, "LDTT", date(2024, 1, 10))], "dat"),  # a title of 2023 signed on 10/01/2024 is no duplicate
    ([signed(2024, "LDTT", date(2024, 12, 20))], "chua_dat"),  # the same title for the same year is
])
def test_duplicates_read_the_achievement_year(awards: list[AwardRecord], status: str) -> None:
    """Luật TĐKT 2022 Điều 24 (LĐTT is yearly): one title per achievement year."""
    v = verdict("LDTT", 2024, person(awards, ratings={2024: "httnv"}))
    assert v.status == status, v.reason
    if status == "chua_dat":
        assert "đã có Lao động tiên tiến năm 2024 (QĐ số 12/QĐ-UBND ngày 20/12/2024)" in v.reason


def test_the_regime_follows_the_decision_date_not_the_achievement_year() -> None:
    """A title of 2023 decided on 10/01/2024 is judged under TT 01/2024 (6 months of work), not NĐ 91 (10)."""
    history = person(ratings={2023: "httnv"}, recruited=date(2023, 5, 1))
    assert verdict("LDTT", 2023, history, decided=date(2023, 12, 31)).status == "chua_dat"
    v = verdict("LDTT", 2023, history, decided=date(2024, 1, 10))
    assert (v.regime, v.status) == ("ND98_2023", "dat")


# ------------------------------------------------------------------------------- discipline: count from its end

REPRIMAND_2022 = DisciplineRecord("Khiển trách", date(2022, 3, 1), date(2023, 2, 28))
WINDOW = {y: "httnv" for y in range(2020, 2026)}


@pytest.mark.parametrize(("form", "base", "disciplines", "status", "phrase"), [
    # Luật 2022 Điều 73.1.b + NĐ 98/2023 Điều 4: a khiển trách inside the 5-year window fails the window
    ("BK_TTG", "BK_TINH", [], "dat", "đạt theo điểm b"),
    ("BK_TTG", "BK_TINH", [REPRIMAND_2022], "canh_bao", "năm 2023 bị kỷ luật «Khiển trách»"),
    # Luật 2022 Điều 44.1.e: the same for Huân chương Lao động hạng Ba
    ("HC_LAO_DONG_3", "BK_TTG", [REPRIMAND_2022], "canh_bao", "thành tích chỉ được tính từ khi hết thời hạn kỷ luật"),
])
def test_a_penalty_inside_a_window_breaks_it(form: str, base: str, disciplines: list[DisciplineRecord], status: str,
                                            phrase: str) -> None:
    ratings = {**WINDOW, 2021: "htxsnv"}
    history = person([signed(2019, base, date(2020, 1, 15)), *[award(y, "CSTDCS") for y in (2020, 2021, 2024)]],
                     ratings, disciplines=disciplines)
    v = verdict(form, 2025, history, decided=date(2026, 1, 20))
    assert v.status == status, v.explanation()
    assert phrase in v.reason or phrase in v.explanation()


def test_a_penalty_breaks_a_chain_of_titles() -> None:
    """Luật 2022 Điều 22 + NĐ 98/2023 Điều 4: a CSTĐCS of a year under discipline does not carry a chain."""
    history = person([award(y, "CSTDCS") for y in (2021, 2022, 2023)], initiatives_=[initiative(2023, "tinh")],
                     disciplines=[DisciplineRecord("Khiển trách", date(2022, 6, 1), date(2022, 11, 30))])
    v = verdict("CSTD_TINH", 2023, history, decided=date(2024, 1, 20))
    assert v.status == "chua_dat"
    assert "năm 2022 bị kỷ luật «Khiển trách» từ 01/06/2022 đến 30/11/2022" in v.reason


# ------------------------------------------------------------------------------- dissolved and merged units


def test_a_dissolved_unit_gets_no_new_award() -> None:
    """TT 15/2025/TT-BNV: a unit merged away (its last day before the decision) cannot receive a new award."""
    history = unit(2025, standard=18)
    gone = verdict("TTLDTT", 2025, history, subject="tap_the", decided=date(2025, 12, 20),
                   subject_valid_to=date(2025, 6, 30), successor_name="Trường Tiểu học Vị Xuyên mới")
    assert gone.status == "chua_dat"
    assert ("chỉ tồn tại đến 30/06/2025 (ngày xét 20/12/2025), đã sáp nhập vào Trường Tiểu học Vị Xuyên mới"
            in check(gone, "general.dissolved").detail)
    earlier = verdict("TTLDTT", 2024, unit(2024, standard=18), subject="tap_the", decided=date(2025, 1, 15),
                      subject_valid_to=date(2025, 6, 30))
    assert earlier.status == "dat" and not [c for c in earlier.checks if c.code == "general.dissolved"]


def test_the_history_of_a_merged_unit_counts_for_its_successor() -> None:
    """TT 15/2025/TT-BNV: achievements before the merge count for the unit it was merged into (Luật 2022 Điều 74.2:
    02 consecutive years HTXSNV — one of them the old unit's)."""
    old = SubjectHistory("tap_the", "u-old", "UBND phường Cửa Nam", (signed(2023, "TTLDTT", date(2024, 1, 8)),),
                         {2024: "htxsnv"})
    new = SubjectHistory("tap_the", "u1", "UBND phường Nam Định", (), {2025: "htxsnv"})
    merged = with_predecessors(new, [old])
    v = verdict("BK_TINH", 2025, merged, subject="tap_the", decided=date(2025, 12, 20))
    assert v.status == "dat", v.explanation()
    assert "các năm 2024, 2025" in v.reason
    assert merged.awards[0].describe() == ("Tập thể lao động tiên tiến năm 2023 (QĐ số 12/QĐ-UBND ngày 08/01/2024; "
                                           "tặng UBND phường Cửa Nam trước khi sáp nhập)")
    assert verdict("BK_TINH", 2025, new, subject="tap_the", decided=date(2025, 12, 20)).status == "canh_bao"


# ------------------------------------------------------------------------------- quota: no national one after 2023

CSTDCS_2023 = person(ratings={2023: "htxsnv"}, initiatives_=[initiative(2023)])


@pytest.mark.parametrize(("decided", "settings", "outcome", "phrase"), [
    # NĐ 91/2017 Điều 9.3: at most 15% (the office: 400 CSTĐCS of 2.000 = 20%)
    (date(2023, 12, 31), None, "warn", "vượt mức 15% (theo NĐ 91/2017/NĐ-CP Điều 9 khoản 3"),
    # Luật TĐKT 2022: no national quota; the province's rate is empty until set — nothing checked
    (date(2024, 1, 1), None, "info", "không còn tỷ lệ chung toàn quốc"),
    (date(2025, 7, 1), None, "info", "chưa đặt tỷ lệ của tỉnh"),
    # the province's rate, once set, is checked and named as the province's
    (date(2024, 1, 1), EligibilitySettings(cstdcs_quota_percent={"ND98_2023": Decimal(25)}), "pass",
     "không quá 25% (tỷ lệ của tỉnh theo thiết lập)"),
])
def test_the_cstdcs_quota_by_regime(decided: date, settings: EligibilitySettings | None, outcome: str,
                                    phrase: str) -> None:
    from emulation_desk.core.rules.facts import QuotaFacts

    v = verdict("CSTDCS", 2023, CSTDCS_2023, decided=decided, settings=settings, quota=QuotaFacts(2000, 400))
    quota = check(v, "quota.cstdcs")
    assert quota.outcome == outcome and phrase in quota.detail, quota.detail
    if decided.year >= 2024:  # the explanation never quotes a national 15% it says does not exist
        assert "15%" not in v.explanation()


# ------------------------------------------------------------------------------- council votes


@pytest.mark.parametrize(("decided", "level", "votes", "settings", "outcome"), [
    # NĐ 91/2017 Điều 45.8: the provincial council, 90% of all its members
    (date(2020, 12, 20), "tinh", (9, 8), None, "fail"),
    (date(2020, 12, 20), "tinh", (9, 9), None, "pass"),
    (date(2020, 12, 20), "tinh", None, None, "warn"),
    # a city's council proposing to the province is not bound by Điều 45.8
    (date(2020, 12, 20), "huyen", (9, 8), None, None),
    # NĐ 98 / NĐ 152 fix no threshold: only the office's setting
    (date(2024, 12, 20), "tinh", (9, 8), None, None),
    (date(2024, 12, 20), "tinh", (9, 8), {"CSTD_TINH": VoteThreshold(Decimal(80), "all_members")}, "pass"),
])
def test_vote_thresholds_per_regime(decided: date, level: str, votes: tuple[int, int] | None,
                                    settings: dict[str, VoteThreshold] | None, outcome: str | None) -> None:
    year = decided.year
    history = person([award(y, "CSTDCS") for y in range(year - 2, year + 1)], initiatives_=[initiative(year, "tinh")])
    counts = {"votes_members": votes[0], "votes_present": votes[0], "votes_yes": votes[1]} if votes else {}
    v = verdict("CSTD_TINH", year, history, decided=decided, **counts,
                settings=EligibilitySettings(council_level=level, vote_thresholds=settings or {}))
    found = [c for c in v.checks if c.code == "general.votes"]
    assert [c.outcome for c in found] == ([outcome] if outcome else [])
    if outcome and not settings:
        assert "NĐ 91/2017/NĐ-CP Điều 45 khoản 8" in found[0].article


# ------------------------------------------------------------------------------- Huân chương Lao động hạng Ba, NĐ 91

HCLD_BASE = [signed(2014, "BK_TTG", date(2015, 3, 2), "310")]


@pytest.mark.parametrize(("history", "status", "phrase"), [
    # NĐ 91/2017 Điều 24.1.b: BK TTg, then 05 years of excellent results and 02 provincial initiatives
    (person(HCLD_BASE, {y: "htxsnv" for y in range(2015, 2020)}, [initiative(2017, "tinh"), initiative(2019, "tinh")]),
     "dat", "điểm b (Bằng khen của Thủ tướng rồi 05 năm xuất sắc và 02 sáng kiến cấp tỉnh): Bằng khen của Thủ tướng "
            "Chính phủ 2014, QĐ số 310/QĐ-UBND ngày 02/03/2015"),
    (person(HCLD_BASE, {y: "htxsnv" for y in range(2015, 2020)}, [initiative(2019, "tinh")]), "canh_bao",
     "chỉ có 1 sáng kiến cấp tỉnh"),
    (person(ratings={y: "htxsnv" for y in range(2015, 2020)}), "canh_bao", "chưa có Bằng khen của Thủ tướng"),
    # Điều 24.4.b: a collective also needs 10 years of existence, which the records do not hold
    (unit(2019, rating="htxsnv", awards=[*HCLD_BASE, *[award(y, "CO_TD_TINH") for y in (2016, 2018)]],
          ratings={y: "htxsnv" for y in range(2015, 2020)}), "canh_bao", "năm thành lập"),
])
def test_hcld_hang_ba_is_judged_under_nd91(history: SubjectHistory, status: str, phrase: str) -> None:
    v = verdict("HC_LAO_DONG_3", 2019, history, subject=history.subject, decided=date(2019, 12, 20))
    assert v.regime == "ND91_2017" and v.status == status, v.explanation()
    assert phrase in v.reason or phrase in v.explanation()


# ------------------------------------------------------------------------------- explanations


def test_a_passing_alternative_names_the_decisions_it_rests_on() -> None:
    """Luật 2022 Điều 74.1.d: "điểm d: Chiến sĩ thi đua cơ sở 2023, QĐ …; Chiến sĩ thi đua cơ sở 2024, QĐ …"."""
    history = person([signed(2023, "CSTDCS", date(2024, 1, 10), "21"), signed(2024, "CSTDCS", date(2025, 1, 9), "7")],
                     {2023: "httnv", 2024: "httnv"})
    v = verdict("BK_TINH", 2024, history, decided=date(2025, 2, 1))
    assert v.status == "dat"
    assert ("đạt theo điểm d (02 năm liên tục Chiến sĩ thi đua cơ sở): Chiến sĩ thi đua cơ sở 2023, QĐ số 21/QĐ-UBND "
            "ngày 10/01/2024; Chiến sĩ thi đua cơ sở 2024, QĐ số 7/QĐ-UBND ngày 09/01/2025") in v.reason
    assert check(v, "bk_tinh").basis == ("Chiến sĩ thi đua cơ sở 2023, QĐ số 21/QĐ-UBND ngày 10/01/2024",
                                         "Chiến sĩ thi đua cơ sở 2024, QĐ số 7/QĐ-UBND ngày 09/01/2025")


@pytest.mark.parametrize(("decided", "regime"), [
    (date(2023, 12, 31), "ND91_2017"), (date(2024, 1, 1), "ND98_2023"),
    (date(2025, 6, 30), "ND98_2023"), (date(2025, 7, 1), "ND152_2025"),
    (date(2026, 9, 30), "ND152_2025"), (date(2026, 10, 1), "LUAT_2026"),
])
def test_regime_boundaries(decided: date, regime: str) -> None:
    """31/12/2023 | 01/01/2024 (Luật 2022, NĐ 98); 30/6 | 01/7/2025 (NĐ 152); 30/9 | 01/10/2026 (Luật 06/2026)."""
    v = verdict("LDTT", decided.year, person(ratings={decided.year: "httnv"}), decided=decided)
    assert (v.regime, v.status) == (regime, "dat")
    assert CATALOG.regime_for(decided).code == regime


@pytest.mark.parametrize(("title", "expected"), [
    ("Số hóa hồ sơ khen thưởng", "sáng kiến «Số hóa hồ sơ khen thưởng» năm 2024 (cấp cơ sở)"),
    ("Sáng kiến quản lý hồ sơ năm 2024", "«Sáng kiến quản lý hồ sơ năm 2024» (cấp cơ sở)"),
    ("Đề tài chuyển đổi số", "«Đề tài chuyển đổi số» năm 2024 (cấp cơ sở)"),
])
def test_no_repeated_words_in_an_initiative(title: str, expected: str) -> None:
    from emulation_desk.core.rules.facts import InitiativeRecord

    assert InitiativeRecord("i", 2024, title, "co_so").describe() == expected


def _repeats(text: str) -> list[str]:
    """Words said twice in a row ("năm 2024 năm 2024", "cùng năm: cùng năm"), punctuation ignored."""
    found = []
    for line in text.splitlines():
        words = re.findall(r"\w+", line.lower())
        found += [" ".join(words[i:i + 2]) for i in range(len(words) - 1)
                  if words[i] == words[i + 1] and not words[i].isdigit()]
        found += [" ".join(words[i:i + 4]) for i in range(len(words) - 3) if words[i:i + 2] == words[i + 2:i + 4]]
    return found


def _all_cases() -> list[tuple[str, int, SubjectHistory, date | None]]:
    from tests.core import test_rules_nd91, test_rules_nd98

    cases: list[tuple[str, int, SubjectHistory, date | None]] = [
        (form, 2020, history, None) for _, form, history, *_ in test_rules_nd91.CASES]
    for _, form, history, *_ in test_rules_nd98.CASES:
        cases += [(form, test_rules_nd98.YEAR, history, d) for d in (None, date(2025, 12, 20), date(2026, 12, 20))]
    cases += [("CSTD_TINH", 2023, person(JANUARY_CHAIN), date(2024, 2, 1)),
              ("BK_TTG", 2025, person([signed(2019, "BK_TINH", date(2020, 1, 15))], WINDOW,
                                      disciplines=[REPRIMAND_2022]), date(2026, 1, 20))]
    return cases


def test_explanations_never_repeat_words_nor_show_glyphs() -> None:
    """Issue 14 §4: no "năm 2024 năm 2024"; the ✅/⚠️/❓ marks are words (screen fonts lack the glyphs)."""
    for form, year, history, decided in _all_cases():
        v = verdict(form, year, history, subject=history.subject, decided=decided)
        text = v.explanation()
        assert _repeats(text) == [], text
        assert not set("✅⚠❓") & set(text), text
