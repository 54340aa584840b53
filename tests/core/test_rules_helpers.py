"""Builders of plain facts for the rule tests (imported by the other test_rules_* modules), and the tests of
the shared predicates: months of work, discipline severity, chains, windows, alternatives."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import pytest

from emulation_desk.core.catalog import load_catalog
from emulation_desk.core.rules.common import (
    CSTDCS,
    Path,
    RuleContext,
    alternatives,
    consecutive,
    consecutive_times,
    initiatives,
    window_since,
)
from emulation_desk.core.rules.engine import judge
from emulation_desk.core.rules.facts import (
    AwardRecord,
    CollectiveYear,
    DisciplineRecord,
    InitiativeRecord,
    MemberDiscipline,
    NominationFacts,
    QuotaFacts,
    SubjectHistory,
    discipline_severity,
    months_worked,
)
from emulation_desk.core.rules.settings import EligibilitySettings
from emulation_desk.core.rules.verdict import Check, Verdict, failed, passed, warned

CATALOG = load_catalog()
DEFAULT_QUOTA = QuotaFacts(standard_total=2326, cstdcs_total=342)


def award(year: int, form: str, kind: str = "cong_trang", *, pending: bool = False, nomination: str = "",
          decision: str = "") -> AwardRecord:
    f = CATALOG.form(form)
    ref = "" if pending else f"QĐ số {year}1/QĐ-UBND ngày 10/12/{year}"
    return AwardRecord(year, form, f.name, f.family, f.category, f.level, kind, CATALOG.kind(kind).feeds_chains,
                       "" if pending else "don_vi", ref, "" if pending else f"r-{form}-{year}-{kind}",
                       decision or ("" if pending else f"d-{form}-{year}"), nomination)


def initiative(year: int, scope: str = "co_so", used_by: str | None = None, ident: str = "") -> InitiativeRecord:
    return InitiativeRecord(ident or f"i-{year}-{scope}", year, "Số hóa hồ sơ khen thưởng", scope, used_by)


def person(awards: Iterable[AwardRecord] = (), ratings: Mapping[int, str] | None = None,
           initiatives_: Iterable[InitiativeRecord] = (), recruited: date | None = date(2010, 1, 1),
           disciplines: Iterable[DisciplineRecord] = (), investigated: Iterable[int] = ()) -> SubjectHistory:
    return SubjectHistory("ca_nhan", "p1", "Nguyễn Văn An", tuple(awards), dict(ratings or {}), tuple(initiatives_),
                          recruited, tuple(disciplines), frozenset(investigated))


def unit(year: int, *, head: int | None = 20, standard: int = 15, cstdcs: int = 2, completed: int | None = None,
         rating: str | None = "httnv", disciplines: Iterable[tuple[str, str]] = (), declared: int | None = 0,
         bloc_rank: int | None = None, awards: Iterable[AwardRecord] = (),
         ratings: Mapping[int, str] | None = None) -> SubjectHistory:
    members = tuple(MemberDiscipline(name, DisciplineRecord(form, date(year, 5, 1), date(year + 1, 4, 30)))
                    for name, form in disciplines)
    cy = CollectiveYear(year, head, head if completed is None else completed, rating, declared, standard, cstdcs,
                        members, "Khối phường" if bloc_rank else "", bloc_rank, 8 if bloc_rank else 0)
    all_ratings = {year: rating} if rating else {}
    all_ratings.update(ratings or {})
    return SubjectHistory("tap_the", "u1", "UBND phường Vị Xuyên", tuple(awards), all_ratings,
                          collective_years={year: cy})


def nomination(form: str, year: int, *, subject: str | None = None, kind: str = "cong_trang",
               decided: date | None = None, ident: str = "n1", **extra: Any) -> NominationFacts:
    subject = subject or CATALOG.form(form).subjects[0]
    subject_id = "p1" if subject == "ca_nhan" else "u1" if subject == "tap_the" else "h1"
    return NominationFacts(ident, year, form, kind, subject, subject_id, extra.pop("name", "Nguyễn Văn An"),
                           decision_date=decided, **extra)


def verdict(form: str, year: int, history: SubjectHistory, *, settings: EligibilitySettings | None = None,
            quota: QuotaFacts | None = None, **extra: Any) -> Verdict:
    return judge(nomination(form, year, **extra), history, CATALOG, settings, quota or DEFAULT_QUOTA)


def check(v: Verdict, code: str) -> Check:
    """The check whose code ends with ``code`` (e.g. "cstdcs.initiative")."""
    found = [c for c in v.checks if c.code.endswith(code)]
    assert found, f"no check {code} in {[c.code for c in v.checks]}"
    return found[0]


def context(history: SubjectHistory, form: str = "CSTD_TINH", year: int = 2020) -> RuleContext:
    return RuleContext(nomination(form, year), history, CATALOG)


# ------------------------------------------------------------------------------------------------ tests


@pytest.mark.parametrize(("recruited", "year", "months"), [
    (date(2020, 3, 1), 2020, 10),  # 01/3 → 31/12: ten whole months (NĐ 91 threshold reached)
    (date(2020, 3, 2), 2020, 9),
    (date(2020, 7, 1), 2020, 6),  # TT 01/2024 threshold reached
    (date(2020, 7, 2), 2020, 5),
    (date(2019, 11, 15), 2020, 12),
    (date(2020, 12, 31), 2020, 0),
])
def test_months_worked(recruited: date, year: int, months: int) -> None:
    assert months_worked(recruited, year) == months


@pytest.mark.parametrize(("form", "severity"), [
    ("Khiển trách", 1), ("Cảnh cáo", 2), ("CẢNH CÁO", 2), ("Hạ bậc lương", 3), ("Giáng chức", 3),
    ("Cách chức", 4), ("Buộc thôi việc", 5), ("Hình thức khác", 1),
])
def test_discipline_severity(form: str, severity: int) -> None:
    assert discipline_severity(form) == severity


@pytest.mark.parametrize(("years", "n", "ok", "missing"), [
    ((2018, 2019, 2020), 3, True, None),
    ((2018, 2020), 3, False, 2019),  # a gap breaks the chain ("liên tục")
    ((2019, 2020), 3, False, 2018),
    ((2017, 2018, 2019), 3, False, 2020),  # must end in the nomination year
    ((2016, 2017, 2018, 2019, 2020), 3, True, None),
])
def test_consecutive(years: tuple[int, ...], n: int, ok: bool, missing: int | None) -> None:
    chain = consecutive(context(person([award(y, "CSTDCS") for y in years])), CSTDCS, n, 2020)
    assert (chain.ok, chain.missing_year) == (ok, missing)


def test_thematic_awards_never_feed_chains() -> None:
    """NĐ 98/2023 Điều 4 khoản 3: chuyên đề, đột xuất results are not counted in công trạng chains."""
    history = person([award(2018, "CSTDCS"), award(2019, "CSTDCS", "chuyen_de"), award(2020, "CSTDCS")])
    assert consecutive(context(history), CSTDCS, 3, 2020).missing_year == 2019


def test_a_pending_proposal_of_the_year_counts_but_not_the_nomination_itself() -> None:
    history = person([award(2018, "CSTDCS"), award(2019, "CSTDCS"), award(2020, "CSTDCS", pending=True,
                                                                               nomination="other")])
    assert consecutive(context(history), CSTDCS, 3, 2020).ok
    own = person([award(2018, "CSTDCS"), award(2019, "CSTDCS"), award(2020, "CSTDCS", pending=True, nomination="n1")])
    assert not consecutive(context(own), CSTDCS, 3, 2020).ok


@pytest.mark.parametrize(("years", "n", "ok"), [
    ((2017, 2020), 2, True), ((2016, 2019), 2, True), ((2014, 2020), 2, False), ((2020,), 2, False),
    ((2012, 2016), 2, False),  # the newest is more than one cycle before the proposal
])
def test_consecutive_times(years: tuple[int, ...], n: int, ok: bool) -> None:
    history = person([award(y, "CSTD_TINH") for y in years])
    assert consecutive_times(context(history, "CSTD_TOAN_QUOC"), ("cstd_tinh",), n, 2020, max_gap=3).ok is ok


@pytest.mark.parametrize(("ratings", "run", "broken"), [
    ({y: "httnv" for y in range(2015, 2021)}, (2015, 2016, 2017, 2018, 2019, 2020), None),
    ({**{y: "httnv" for y in range(2015, 2021)}, 2017: "htnv"}, (2018, 2019, 2020), 2017),
    ({2019: "htxsnv"}, (), 2020),
])
def test_window_after_a_base_award(ratings: dict[int, str], run: tuple[int, ...], broken: int | None) -> None:
    history = person([award(2014, "BK_TINH")], ratings)
    window = window_since(context(history, "BK_TTG"), ("bang_khen_tinh",), 2020, "httnv")
    assert (window.run_years, window.broken_year) == (run, broken)
    assert window.base is not None and window.base.year == 2014


def test_window_without_a_base_award() -> None:
    window = window_since(context(person(ratings={2020: "htxsnv"}), "BK_TTG"), ("bang_khen_tinh",), 2020, "httnv")
    assert window.base is None and not window.ok(1)


def test_an_initiative_used_by_another_award_does_not_count_again() -> None:
    history = person(initiatives_=[initiative(2020, used_by="someone-else", ident="a"), initiative(2020, ident="b")])
    usable, used = initiatives(context(history), [2020])
    assert [i.id for i in usable] == ["b"] and [i.id for i in used] == ["a"]


def _path(letter: str, *outcomes: str) -> Path:
    makers = {"pass": passed, "fail": failed, "warn": warned}
    return Path(letter, f"đường {letter}", tuple(makers[o]("x", "x", f"{letter}-{o}") for o in outcomes))


@pytest.mark.parametrize(("paths", "unchecked", "outcome", "phrase"), [
    ([_path("b", "fail"), _path("c", "pass", "pass")], {}, "pass", "đạt theo điểm c"),
    ([_path("b", "fail"), _path("c", "pass", "fail")], {}, "fail", "không đạt điểm nào (b, c)"),
    ([_path("b", "fail")], {"a": "khác"}, "warn", "điểm a cần xét theo hồ sơ"),
    ([_path("b", "warn")], {}, "warn", "chưa đạt điểm b"),
])
def test_alternatives_name_the_path_that_passed(paths: list[Path], unchecked: dict[str, str], outcome: str,
                                                phrase: str) -> None:
    result = alternatives("x", "x", "Điều 1", paths, unchecked)
    assert result.outcome == outcome and phrase in result.detail
