"""Hồ sơ facts: a person's ratings, initiatives, discipline, investigation and recruitment; a collective's yearly
figures; audited, all or nothing, undone by saving the record read before; read by the eligibility rules."""

from __future__ import annotations

from datetime import date

import pytest

from emulation_desk.errors import ValidationError
from emulation_desk.services.awards.eligibility import nomination_verdict
from emulation_desk.services.awards.nominations import add_nomination
from emulation_desk.services.records import person_facts as pf
from emulation_desk.services.records import unit_facts as uf
from emulation_desk.services.records.people import add_person
from emulation_desk.services.records.units import add_unit


@pytest.mark.parametrize(("text", "code"), [
    ("Hoàn thành xuất sắc nhiệm vụ", "htxsnv"), ("HTXSNV", "htxsnv"), ("xuất sắc", "htxsnv"),
    ("Hoàn thành tốt nhiệm vụ", "httnv"), ("Tốt", "httnv"), ("hoàn thành nhiệm vụ", "htnv"), ("HTNV", "htnv"),
    ("Không hoàn thành nhiệm vụ", "khtnv"), ("KHTNV", "khtnv"), ("", None),
    ("Hoa\u0300n tha\u0300nh xuâ\u0301t să\u0301c", "htxsnv"),  # typed decomposed
])
def test_ratings_in_words(text: str, code: str | None) -> None:
    assert pf.parse_rating(text) == code


def test_a_rating_that_names_nothing_says_what_to_write() -> None:
    with pytest.raises(ValidationError, match="Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt"):
        pf.parse_rating("giỏi")


def test_person_facts_round_trip_and_audit(ws) -> None:  # type: ignore[no-untyped-def]
    person = add_person(ws, "Trần Thị Bình", birth_year=1985).id
    pf.set_person_facts(ws, person, 2024, rating="tốt", recruited_on="01/03/2019", under_investigation=True,
                        initiatives=[pf.initiative_item(2024, "Số hóa hồ sơ", "cấp tỉnh", "QĐ số 15/QĐ-UBND")],
                        disciplines=[pf.discipline_item("Khiển trách", "01/02/2023", "01/02/2024")])
    facts = pf.person_facts(ws, person)
    assert facts.recruited_on == date(2019, 3, 1)
    assert facts.year(2024) == pf.PersonYear(2024, "httnv", True)
    assert [(i.title, i.scope, i.recognised_ref) for i in facts.initiatives] == [
        ("Số hóa hồ sơ", "tinh", "QĐ số 15/QĐ-UBND")]
    assert facts.disciplines[0].period() == "01/02/2023 – 01/02/2024"
    logged = {r["entity"] for r in ws.store.query("SELECT entity FROM audit_log WHERE summary LIKE '%Trần Thị Bình%'")}
    assert {"person", "person_year", "initiative", "discipline"} <= logged
    # another year leaves 2024 as it was
    pf.set_person_facts(ws, person, 2025, rating="Hoàn thành nhiệm vụ")
    again = pf.person_facts(ws, person)
    assert again.year(2024).rating == "httnv" and again.year(2025).rating == "htnv"
    assert len(again.initiatives) == 1


def test_undo_puts_the_record_back_under_the_same_keys(ws) -> None:  # type: ignore[no-untyped-def]
    person = add_person(ws, "Lê Văn Cường").id
    pf.set_person_facts(ws, person, 2024, rating="htxsnv",
                        initiatives=[pf.initiative_item(2024, "Sáng kiến A", "co_so")])
    before = pf.person_facts(ws, person)
    edited = pf.PersonFacts(person, before.full_name, date(2020, 1, 1), (pf.PersonYear(2024, "htnv"),), (), ())
    pf.save_person_facts(ws, edited)
    assert pf.person_facts(ws, person).initiatives == ()
    pf.save_person_facts(ws, before)  # the window's undo
    after = pf.person_facts(ws, person)
    assert after.year(2024).rating == "htxsnv" and after.recruited_on is None
    assert [i.id for i in after.initiatives] == [i.id for i in before.initiatives]


def test_nothing_is_half_written(ws) -> None:  # type: ignore[no-untyped-def]
    unit = add_unit(ws, "Phòng Nội vụ", "phong_chuyen_mon").id
    person = add_person(ws, "Phạm Thị Dung", unit_id=unit).id
    pf.set_person_facts(ws, person, 2024, initiatives=[pf.initiative_item(2024, "Sáng kiến B")])
    initiative = pf.person_facts(ws, person).initiatives[0]
    add_nomination(ws, year=2024, form_code="CSTDCS", kind="cong_trang", subject="ca_nhan", person_id=person,
                   initiative_id=initiative.id)
    facts = pf.person_facts(ws, person)
    dropped = pf.PersonFacts(person, facts.full_name, date(2018, 5, 1), (pf.PersonYear(2024, "htxsnv"),), (), ())
    with pytest.raises(ValidationError, match="đang được nêu trong một đề nghị"):
        pf.save_person_facts(ws, dropped)
    unchanged = pf.person_facts(ws, person)
    assert unchanged.recruited_on is None and unchanged.year(2024).rating is None


def test_discipline_and_initiative_checks() -> None:
    with pytest.raises(ValidationError, match="ngày bắt đầu kỷ luật"):
        pf.discipline_item("Cảnh cáo", "")
    with pytest.raises(ValidationError, match="sau ngày bắt đầu"):
        pf.discipline_item("Cảnh cáo", "01/02/2024", "01/01/2024")
    with pytest.raises(ValidationError, match="phạm vi công nhận"):
        pf.initiative_item(2024, "X", "cấp trời")
    assert pf.initiative_item(2024, "X", "Toàn quốc").scope == "toan_quoc"


def test_unit_figures_checked_saved_and_undone(ws) -> None:  # type: ignore[no-untyped-def]
    unit = add_unit(ws, "Trường Mầm non An Bình", "truong_hoc").id
    uf.set_unit_facts(ws, unit, 2024, head_count="30", completed_count=30, standard_count="25 người", cstdcs_count=4,
                      rating="Hoàn thành xuất sắc nhiệm vụ")
    before = uf.unit_facts(ws, unit)
    assert before == (uf.UnitYear(2024, 30, 30, 25, 4, None, "htxsnv"),)
    assert uf.figures_text(before[0]) == "30 thành viên, 30 hoàn thành nhiệm vụ, 25 LĐTT, 4 CSTĐCS"
    with pytest.raises(ValidationError, match="lớn hơn tổng số thành viên"):
        uf.set_unit_facts(ws, unit, 2024, standard_count=31)
    with pytest.raises(ValidationError, match="số nguyên không âm"):
        uf.set_unit_facts(ws, unit, 2024, head_count="ba mươi")
    uf.set_unit_facts(ws, unit, 2024, standard_count=None, disciplined_count=0)
    assert uf.unit_facts(ws, unit)[0].standard_count is None
    uf.save_unit_facts(ws, unit, before)
    assert uf.unit_facts(ws, unit) == before


def test_declared_unit_figures_reach_the_rules(ws) -> None:  # type: ignore[no-untyped-def]
    unit = add_unit(ws, "Phòng Tư pháp", "phong_chuyen_mon", head_count=10).id
    nomination = add_nomination(ws, year=2024, form_code="TTLDTT", kind="cong_trang", subject="tap_the",
                                unit_id=unit).id
    share = [c for c in nomination_verdict(ws, nomination).checks if c.code.endswith("ttldtt.share")]
    assert share and share[0].outcome != "pass"
    uf.set_unit_facts(ws, unit, 2024, head_count=10, completed_count=10, standard_count=8, disciplined_count=0,
                      rating="htxsnv")
    share = [c for c in nomination_verdict(ws, nomination).checks if c.code.endswith("ttldtt.share")]
    assert share[0].outcome == "pass" and "8/10" in share[0].detail
