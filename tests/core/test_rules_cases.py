"""Equal cases judged once (CaseJudge): the verdict of a case seen before is the one a fresh judgement gives,
with the nomination's own id, name and unit; what tells cases apart is what the rules read."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from emulation_desk.core.rules.engine import REGISTRY, CaseJudge, judge
from emulation_desk.core.rules.facts import (
    AwardRecord,
    DisciplineRecord,
    InitiativeRecord,
    NominationFacts,
    QuotaFacts,
    SubjectHistory,
)
from emulation_desk.core.rules.ruleset import years_back_of
from emulation_desk.core.rules.settings import EligibilitySettings
from tests.core.test_rules_helpers import CATALOG, DEFAULT_QUOTA, award, initiative, unit


def _record(year: int, form: str, *, recipient: str, decision: str = "d1", nomination: str = "") -> AwardRecord:
    """An issued award of decision ``decision`` (its reference names it), on recipient line ``recipient``."""
    f = CATALOG.form(form)
    return AwardRecord(year, form, f.name, f.family, f.category, f.level, "cong_trang", True, "don_vi",
                       f"QĐ số {decision}/QĐ-UBND ngày 10/12/{year}", recipient, decision, nomination)


def _person(pid: str, name: str, awards: tuple[AwardRecord, ...], **extra: object) -> SubjectHistory:
    return SubjectHistory("ca_nhan", pid, name, awards, extra.pop("ratings", {2025: "httnv"}),  # type: ignore[arg-type]
                          recruited_on=date(2010, 1, 1), **extra)  # type: ignore[arg-type]


def _nomination(nid: str, pid: str, name: str, form: str = "LDTT", year: int = 2025, **extra: object
                ) -> NominationFacts:
    return NominationFacts(nid, year, form, "cong_trang", "ca_nhan", pid, name, unit_id="u-" + pid,  # type: ignore[arg-type]
                           unit_name=f"Đơn vị của {name}", decision_date=date(year, 12, 10), **extra)


def _judge_all(cases: list[tuple[NominationFacts, SubjectHistory]], settings: EligibilitySettings | None = None,
               quota: QuotaFacts = DEFAULT_QUOTA) -> tuple[CaseJudge, list]:  # type: ignore[type-arg]
    judged = CaseJudge(CATALOG, settings or EligibilitySettings(), quota, verify=True)
    verdicts = [judged(n, h) for n, h in cases]
    fresh = [judge(n, h, CATALOG, settings or EligibilitySettings(), quota) for n, h in cases]
    assert verdicts == fresh
    return judged, verdicts


def test_two_people_with_equal_histories_share_a_case_and_keep_their_own_names() -> None:
    an = _nomination("n-an", "p-an", "Nguyễn Văn An")
    binh = _nomination("n-binh", "p-binh", "Trần Thị Bình")
    # the same decision, each on their own recipient line, their own nomination's award
    cases = [(an, _person("p-an", "Nguyễn Văn An", (_record(2025, "LDTT", recipient="r1", nomination="n-an"),))),
             (binh, _person("p-binh", "Trần Thị Bình",
                            (_record(2025, "LDTT", recipient="r2", nomination="n-binh"),)))]
    judged, (first, second) = _judge_all(cases)
    assert len(judged.cases) == 1
    assert (first.nomination_id, first.subject_name, first.unit_name) == ("n-an", "Nguyễn Văn An",
                                                                         "Đơn vị của Nguyễn Văn An")
    assert (second.nomination_id, second.subject_name, second.unit_name) == ("n-binh", "Trần Thị Bình",
                                                                            "Đơn vị của Trần Thị Bình")
    assert second.explanation().startswith("Trần Thị Bình (Đơn vị của Trần Thị Bình) — Lao động tiên tiến")
    assert "Nguyễn Văn An" not in second.explanation()
    assert second.checks is first.checks  # judged once


def test_what_the_rules_read_tells_cases_apart() -> None:
    base = _person("p", "A", (_record(2025, "LDTT", recipient="r", nomination="n"),))
    other_award = _person("p", "A", (_record(2025, "LDTT", recipient="r", nomination="another"),))  # a duplicate
    rated_lower = replace(base, ratings={2025: "htnv"})
    recruited_late = replace(base, recruited_on=date(2025, 9, 1))
    punished = replace(base, disciplines=(DisciplineRecord("Khiển trách", date(2025, 3, 1), date(2025, 9, 1)),))
    other_decision = _person("p", "A", (_record(2025, "LDTT", recipient="r", decision="d2", nomination="n"),))
    histories = [base, other_award, rated_lower, recruited_late, punished, other_decision]
    judged, verdicts = _judge_all([(_nomination("n", "p", "A"), h) for h in histories])
    assert len(judged.cases) == len(histories)
    assert len({v.status for v in verdicts[:5]}) == 2 and verdicts[1].status == "chua_dat"
    assert "QĐ số d2" not in verdicts[0].explanation()


def test_years_a_rule_does_not_read_are_left_out_of_the_case_but_not_for_a_rule_that_reads_them() -> None:
    old_a = (_record(2019, "CSTDCS", recipient="x1", decision="d19"), _record(2018, "BK_TINH", recipient="x2"))
    old_b = (_record(2017, "LDTT", recipient="y1", decision="d17"),)
    a = _person("pa", "An", (*old_a, _record(2025, "LDTT", recipient="a", nomination="na")))
    b = _person("pb", "Bình", (*old_b, _record(2025, "LDTT", recipient="b", nomination="nb")))
    judged, _ = _judge_all([(_nomination("na", "pa", "An"), a), (_nomination("nb", "pb", "Bình"), b)])
    assert len(judged.cases) == 1  # a Lao động tiên tiến reads only 2025
    judged, verdicts = _judge_all([(_nomination("na", "pa", "An", "BK_TTG"), a),
                                   (_nomination("nb", "pb", "Bình", "BK_TTG"), b)])
    assert len(judged.cases) == 2  # Bằng khen của Thủ tướng looks back to the last Bằng khen cấp tỉnh
    assert verdicts[0].checks != verdicts[1].checks


def test_own_recipient_lines_and_chosen_initiatives_are_read_relative_to_the_nomination() -> None:
    mine = _record(2025, "CSTDCS", recipient="r-a", nomination="na")
    used_by_me = InitiativeRecord("i-a", 2025, "Số hóa hồ sơ", "co_so", "r-a")
    used_elsewhere = InitiativeRecord("i-b", 2025, "Số hóa hồ sơ", "co_so", "r-elsewhere")
    ratings = {2025: "httnv"}
    a = _person("pa", "An", (mine,), ratings=ratings, initiatives=(used_by_me,))
    b = _person("pb", "Bình", (replace(mine, recipient_id="r-b", nomination_id="nb"),), ratings=ratings,
                initiatives=(replace(used_by_me, id="i-x", used_by_recipient_id="r-b"),))
    c = _person("pc", "Chi", (replace(mine, recipient_id="r-c", nomination_id="nc"),), ratings=ratings,
                initiatives=(used_elsewhere,))
    chosen = _person("pd", "Dũng", (replace(mine, recipient_id="r-d", nomination_id="nd"),), ratings=ratings,
                     initiatives=(replace(used_elsewhere, id="i-d"),))
    judged, verdicts = _judge_all([
        (_nomination("na", "pa", "An", "CSTDCS"), a), (_nomination("nb", "pb", "Bình", "CSTDCS"), b),
        (_nomination("nc", "pc", "Chi", "CSTDCS"), c),
        (_nomination("nd", "pd", "Dũng", "CSTDCS", initiative_id="i-d"), chosen)])
    assert len(judged.cases) == 3  # An and Bình used their own initiative; Chi's was used elsewhere; Dũng chose it
    assert verdicts[0].status == verdicts[1].status == verdicts[3].status != verdicts[2].status


def test_a_dissolved_collective_is_named_in_its_own_check() -> None:
    history = unit(2025)
    first = NominationFacts("n1", 2025, "TTLDTT", "cong_trang", "tap_the", "u1", "Trường A",
                            subject_valid_to=date(2025, 6, 30))
    second = replace(first, id="n2", subject_id="u2", name="Trường B")
    judged, verdicts = _judge_all([(first, history), (second, replace(history, subject_id="u2", name="Trường B"))])
    assert len(judged.cases) == 2
    assert any("Trường B chỉ tồn tại" in c.detail for c in verdicts[1].checks)
    assert not any("Trường A" in c.detail for c in verdicts[1].checks)


def test_the_quota_counted_per_unit_tells_units_apart() -> None:
    quota = QuotaFacts(100, 10, {"u-pa": 10, "u-pb": 10}, {"u-pa": 1, "u-pb": 5}, {"u-pa": "A", "u-pb": "B"})
    cases = [(_nomination(f"n{p}", p, p, "CSTDCS"), _person(p, p, (), ratings={2025: "htxsnv"})) for p in ("pa", "pb")]
    rate = {"ND152_2025": Decimal(20)}
    judged, _ = _judge_all(cases, EligibilitySettings(cstdcs_quota_percent=rate), quota)
    assert len(judged.cases) == 1
    judged, verdicts = _judge_all(cases, EligibilitySettings(cstdcs_quota_percent=rate,
                                                             cstdcs_quota_scope="tung_don_vi"), quota)
    assert len(judged.cases) == 2 and verdicts[0].status != verdicts[1].status


FORMS = sorted({code for ruleset in REGISTRY.values() for code in ruleset.by_form} | {"GK_CT_HUYEN"})
DAYS = [date(2019, 12, 10), date(2024, 12, 10), date(2025, 12, 10), date(2026, 12, 10)]


def _random_history(rng: random.Random, subject: str, sid: str, nid: str, year: int) -> SubjectHistory:
    awards = []
    for _ in range(rng.choice([0, 0, 1, 2, 4])):
        form = rng.choice(["LDTT", "CSTDCS", "BK_TINH", "BK_TTG", "CSTD_TINH", "TTLDTT", "CO_TD_TINH"])
        mine = rng.random() < 0.1
        awards.append(replace(award(year - rng.choice([0, 0, 1, 3, 6]), form, rng.choice(["cong_trang", "chuyen_de"])),
                              recipient_id=f"r-{sid}-{len(awards)}", nomination_id=nid if mine else ""))
    ratings = {y: rng.choice(["htxsnv", "httnv"]) for y in range(year - 6, year + 1) if y >= year - 1 or rng.random() < 0.2}
    inits = tuple(initiative(year - rng.randint(0, 3), rng.choice(["co_so", "tinh"]),
                             rng.choice([None, f"r-{sid}-0", "r-other"]), ident=f"i-{sid}-{k}")
                  for k in range(rng.choice([0, 0, 0, 1, 2])))
    punished = (DisciplineRecord("Khiển trách", date(year - rng.randint(0, 4), 3, 1), date(year - 1, 3, 1)),) \
        if rng.random() < 0.05 else ()
    if subject == "tap_the":
        history = unit(year, rating=rng.choice(["httnv", "htxsnv", None]), standard=rng.choice([10, 15]),
                       awards=awards)
        return replace(history, subject_id=sid)
    return SubjectHistory("ca_nhan", sid, sid, tuple(awards), ratings, inits,
                          date(2010, 1, 1) if rng.random() < 0.9 else rng.choice([None, date(year, 8, 1)]), punished,
                          frozenset({year}) if rng.random() < 0.05 else frozenset())


def test_random_cases_judged_once_give_the_verdicts_of_judging_each_afresh() -> None:
    rng = random.Random(21)
    cases = []
    for i in range(3000):
        form = rng.choice(FORMS) if rng.random() < 0.4 else rng.choice(["LDTT", "CSTDCS", "TTLDTT", "BK_TINH"])
        subject = CATALOG.form(form).subjects[0]
        day = rng.choice(DAYS)
        nid, sid = f"n{i}", f"s{i}"
        n = NominationFacts(nid, day.year, form, "chuyen_de" if rng.random() < 0.1 else "cong_trang", subject, sid,
                            f"Tên {i}", unit_id=rng.choice(["u1", "u2"]), unit_name="Đơn vị",
                            decision_date=day, votes_members=10, votes_present=10,
                            votes_yes=9 if rng.random() < 0.9 else rng.choice([None, 5]),
                            initiative_id=rng.choice([None, None, None, f"i-{sid}-0"]))
        cases.append((n, _random_history(rng, subject, sid, nid, day.year)))
    for settings in (EligibilitySettings(), EligibilitySettings(cstdcs_quota_scope="tung_don_vi")):
        judged, _ = _judge_all(cases, settings, QuotaFacts(100, 30, {"u1": 10}, {"u1": 5}, {"u1": "Một"}))
        assert len(judged.cases) < len(cases) * 0.8  # equal cases were met, and each was checked afresh


@pytest.mark.parametrize("ruleset", list(REGISTRY.values()), ids=list(REGISTRY))
def test_every_general_check_declares_the_years_it_reads(ruleset) -> None:  # type: ignore[no-untyped-def]
    assert years_back_of(ruleset.general) == 0
