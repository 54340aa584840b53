"""Checks every nomination gets (subject type, duplicates, spellings, votes), the settings, and "who almost
qualifies"."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from emulation_desk.core.rules.engine import almost_qualified
from emulation_desk.core.rules.facts import SubjectHistory
from emulation_desk.core.rules.general import spelling_duplicates
from emulation_desk.core.rules.settings import (
    DEFAULTS,
    EligibilitySettings,
    SettingsError,
    VoteThreshold,
    settings_from_mapping,
)
from tests.core.test_rules_helpers import CATALOG, award, check, initiative, nomination, person, unit, verdict

GOOD = {2019: "httnv", 2020: "httnv"}


@pytest.mark.parametrize(("form", "subject", "ok"), [
    ("LDTT", "tap_the", False),  # a title for individuals proposed for a collective
    ("TTLDTT", "ca_nhan", False),
    ("GIA_DINH_VAN_HOA", "ca_nhan", False),  # a household form for a person
    ("GIA_DINH_VAN_HOA", "ho_gia_dinh", True),
    ("BK_TINH", "ho_gia_dinh", True),
    ("HC_DAI_DOAN_KET", "tap_the", False),
])
def test_subject_type(form: str, subject: str, ok: bool) -> None:
    history = SubjectHistory(subject, {"ca_nhan": "p1", "tap_the": "u1"}.get(subject, "h1"), "X")
    v = verdict(form, 2020, history, subject=subject)
    assert (check(v, "general.subject").outcome == "pass") is ok
    if not ok:
        assert v.status == "chua_dat" and "chỉ dành cho" in v.reason


@pytest.mark.parametrize(("case", "form", "kind", "others", "outcome", "phrase"), [
    ("same title twice in a year", "LDTT", "cong_trang", [award(2020, "LDTT", decision="d2")], "chua_dat",
     "đã có Lao động tiên tiến năm 2020"),
    ("same title proposed twice", "LDTT", "cong_trang", [award(2020, "CSTT", pending=True, nomination="n2")],
     "chua_dat", "đang đề nghị, chưa có quyết định"),
    ("two year-end Giấy khen", "GK_CT_HUYEN", "cong_trang", [award(2020, "GK_CT_HUYEN", decision="d2")], "chua_dat",
     "đã được tặng Giấy khen"),
    ("Giấy khen chuyên đề and công trạng: different achievements", "GK_CT_HUYEN", "chuyen_de",
     [award(2020, "GK_CT_HUYEN", decision="d2")], "khong_ap_dung", ""),
    ("two thematic Giấy khen", "GK_CT_HUYEN", "chuyen_de", [award(2020, "GK_CT_HUYEN", "chuyen_de", decision="d2")],
     "khong_ap_dung", ""),
    ("one achievement at two levels", "GK_CT_HUYEN", "cong_trang", [award(2020, "BK_TINH", decision="d2")], "canh_bao",
     "có thể một thành tích được khen hai lần"),
    ("last year's award is no duplicate", "LDTT", "cong_trang", [award(2019, "LDTT")], "dat", ""),
])
def test_duplicates(case: str, form: str, kind: str, others: list, outcome: str, phrase: str) -> None:
    v = verdict(form, 2020, person(others, GOOD), kind=kind)
    assert v.status == outcome, v.explanation()
    assert phrase in v.reason


def test_the_nomination_never_duplicates_its_own_decision() -> None:
    own = award(2020, "LDTT", nomination="n1")
    assert verdict("LDTT", 2020, person([own], GOOD)).status == "dat"


def test_a_person_proposed_twice_under_different_spellings() -> None:
    a = nomination("LDTT", 2020, ident="a", name="Nguyễn Thị Ngân", birth_year=1985, unit_id="u1")
    b = nomination("CSTDCS", 2020, ident="b", name="Nguyen Thi  Ngan", birth_year=1985, unit_id="u1")
    b = dataclasses.replace(b, subject_id="p2")
    other_year = nomination("LDTT", 2020, ident="c", name="Nguyễn Thị Ngân", birth_year=1986, unit_id="u1")
    other_year = dataclasses.replace(other_year, subject_id="p3")
    found = spelling_duplicates([a, b, other_year], CATALOG)
    assert set(found) == {"a", "b"}
    assert "«Nguyen Thi  Ngan»" in found["a"][0].detail and "Chiến sĩ thi đua cơ sở" in found["a"][0].evidence[0]


@pytest.mark.parametrize(("base", "yes", "present", "outcome"), [
    ("all_members", 9, 9, "pass"), ("all_members", 8, 8, "fail"), ("present", 8, 8, "pass"),
    ("all_members", None, None, "warn"),
])
def test_council_vote_threshold_is_a_setting(base: str, yes: int | None, present: int | None, outcome: str) -> None:
    settings = EligibilitySettings(vote_thresholds={"LDTT": VoteThreshold(Decimal(90), base)})
    v = verdict("LDTT", 2020, person(ratings=GOOD), settings=settings, votes_members=9, votes_present=present,
                votes_yes=yes)
    assert check(v, "general.votes").outcome == outcome
    assert not any(c.code == "general.votes" for c in verdict("LDTT", 2020, person(ratings=GOOD)).checks)


def test_under_investigation_blocks_under_nd98() -> None:
    v = verdict("BK_TINH", 2024, person([award(2023, "CSTDCS"), award(2024, "CSTDCS")], {2023: "htxsnv"},
                                        investigated=[2024]))
    assert v.status == "chua_dat" and "đang bị xem xét kỷ luật" in v.reason


def test_default_settings() -> None:
    settings = settings_from_mapping(None)
    assert settings == EligibilitySettings()
    assert settings.quota_for("ND91_2017") == Decimal(15) and settings.cstdcs_quota_scope == "toan_co_quan"
    assert settings.ldtt_min_months_nd152 == 6 and settings.vote_thresholds == {}
    assert set(DEFAULTS) == {"cstdcs_quota_percent", "cstdcs_quota_scope", "ldtt_min_months_nd152",
                             "ttldxs_discipline_clause", "vote_thresholds"}


def test_stored_settings_merge_over_the_defaults() -> None:
    settings = settings_from_mapping({"cstdcs_quota_percent": {"ND152_2025": "12,5"},
                                      "vote_thresholds": {"CSTD_TINH": {"percent": 90}}})
    assert settings.quota_for("ND152_2025") == Decimal("12.5") and settings.quota_for("ND91_2017") == Decimal(15)
    assert settings.vote_thresholds["CSTD_TINH"] == VoteThreshold(Decimal(90), "all_members")


@pytest.mark.parametrize(("stored", "message"), [
    ({"quota": 15}, "không hợp lệ: quota"),
    ({"cstdcs_quota_percent": {"ND91_2017": "120"}}, "từ 0 đến 100"),
    ({"cstdcs_quota_percent": {"ND91_2017": "mười"}}, "không phải là số"),
    ({"cstdcs_quota_scope": "tinh"}, "toàn cơ quan"),
    ({"ldtt_min_months_nd152": 13}, "từ 0 đến 12"),
    ({"vote_thresholds": {"CSTD_TINH": {"base": "present"}}}, "phải ghi tỷ lệ"),
])
def test_wrong_settings_are_refused_in_vietnamese(stored: dict, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        settings_from_mapping(stored)


def test_who_almost_qualifies() -> None:
    two = SubjectHistory("ca_nhan", "p1", "Trần Văn Hai", (award(2019, "CSTDCS"), award(2020, "CSTDCS")))
    three = SubjectHistory("ca_nhan", "p2", "Lê Thị Ba", tuple(award(y, "CSTDCS") for y in (2018, 2019, 2020)))
    gap = SubjectHistory("ca_nhan", "p3", "Phạm Văn Tư", (award(2018, "CSTDCS"), award(2020, "CSTDCS")))
    team = unit(2020)
    items = almost_qualified([(two, "Phòng A"), (three, "Phòng B"), (gap, "Phòng C"), (team, "")], 2020, CATALOG)
    assert [(i.name, i.target_form, i.held_years, i.next_year) for i in items] == [
        ("Trần Văn Hai", "CSTD_TINH", (2019, 2020), 2021)]
    assert "đạt Chiến sĩ thi đua cơ sở năm 2021" in items[0].needs and items[0].unit_name == "Phòng A"


def test_under_the_2022_law_one_cstdcs_is_one_year_short_of_the_provincial_bang_khen() -> None:
    one = SubjectHistory("ca_nhan", "p1", "Trần Văn Một", (award(2024, "CSTDCS"),))
    two = SubjectHistory("ca_nhan", "p2", "Trần Văn Hai", (award(2023, "CSTDCS"), award(2024, "CSTDCS")))
    items = almost_qualified([(one, ""), (two, "")], 2024, CATALOG)
    assert sorted((i.name, i.target_form) for i in items) == [("Trần Văn Hai", "CSTD_TINH"),
                                                              ("Trần Văn Một", "BK_TINH")]


def test_initiative_evidence_names_the_year_and_scope() -> None:
    v = verdict("CSTDCS", 2020, person(ratings=GOOD, initiatives_=[initiative(2020)]), decided=date(2020, 12, 10))
    assert "năm 2020 (cấp cơ sở)" in check(v, "cstdcs.initiative").detail
