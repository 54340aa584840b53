"""Bonus money of decisions from the records: per recipient, per decision, per year and per paying level."""

from __future__ import annotations

from datetime import date

import pytest

from emulation_desk.errors import NotFoundError
from emulation_desk.services.awards.bonus import decision_bonus, year_bonus_totals
from emulation_desk.services.awards.decisions import add_recipients, create_decision, issue_decision
from emulation_desk.services.records.people import add_person
from emulation_desk.services.records.units import add_unit
from emulation_desk.services.workspace import Workspace

CITY = "Chủ tịch UBND thành phố Nam Định"


def _decision(ws: Workspace, number: str, signed: date, form: str, recipients: list[dict], *,
              issue: bool = True) -> str:
    decision = create_decision(ws, number=number, symbol="QĐ-UBND", signed_on=signed,
                               issuer_level="don_vi", issuer_name=CITY, title=f"Về việc khen thưởng {number}",
                               kind="cong_trang", form_code=form).id
    add_recipients(ws, decision, recipients)
    if issue:
        issue_decision(ws, decision)
    return decision


@pytest.fixture
def people(ws: Workspace) -> dict[str, str]:
    unit = add_unit(ws, "Phòng Nội vụ", "phong_chuyen_mon").id
    return {"unit": unit, **{key: add_person(ws, name, unit_id=unit).id
                             for key, name in (("an", "Nguyễn Văn An"), ("binh", "Trần Thị Bình"))}}


def test_a_draft_decision_gets_its_amounts_and_total_in_words(ws: Workspace, people: dict[str, str]) -> None:
    decision = _decision(ws, "15", date(2024, 12, 10), "LDTT",
                         [{"subject": "ca_nhan", "person_id": people["an"]},
                          {"subject": "ca_nhan", "person_id": people["binh"]}], issue=False)
    bonus = decision_bonus(ws, decision)
    assert (bonus.regime, bonus.base_salary) == ("ND98_2023", 2_340_000)
    assert [(str(r.coefficient), r.amount) for r in bonus.results] == [("0.3", 710_000), ("0.3", 710_000)]
    assert bonus.total == 1_420_000 and bonus.total_in_words == "Một triệu bốn trăm hai mươi nghìn đồng"
    assert bonus.warnings == []


@pytest.mark.parametrize(("signed", "regime", "base", "amount"), [
    (date(2023, 12, 31), "ND91_2017", 1_800_000, 540_000), (date(2024, 1, 1), "ND98_2023", 1_800_000, 540_000),
    (date(2025, 6, 30), "ND98_2023", 2_340_000, 710_000), (date(2025, 7, 1), "ND152_2025", 2_340_000, 710_000),
    (date(2026, 6, 30), "ND152_2025", 2_340_000, 710_000), (date(2026, 7, 1), "ND152_2025", 2_530_000, 760_000),
])
def test_the_decision_date_chooses_regime_and_base_salary(ws: Workspace, people: dict[str, str], signed: date,
                                                          regime: str, base: int, amount: int) -> None:
    decision = _decision(ws, "7", signed, "LDTT", [{"subject": "ca_nhan", "person_id": people["an"]}], issue=False)
    bonus = decision_bonus(ws, decision)
    assert (bonus.regime, bonus.base_salary, bonus.results[0].amount) == (regime, base, amount)


def test_a_collective_and_a_missing_coefficient(ws: Workspace, people: dict[str, str]) -> None:
    decision = _decision(ws, "9", date(2025, 8, 1), "GK_CT_XA",
                         [{"subject": "tap_the", "unit_id": people["unit"]}], issue=False)
    assert decision_bonus(ws, decision).results[0].amount == 1_410_000  # 0,6 × 2.340.000, rounded up
    old = _decision(ws, "10", date(2021, 5, 1), "HC_HUU_NGHI", [{"subject": "ca_nhan", "person_id": people["an"]}],
                    issue=False)
    bonus = decision_bonus(ws, old)
    assert bonus.total == 0 and bonus.results[0].amount is None
    assert bonus.warnings and "Nguyễn Văn An: Chưa có hệ số tiền thưởng" in bonus.warnings[0]


def test_the_highest_title_of_the_year_is_read_across_decisions(ws: Workspace, people: dict[str, str]) -> None:
    _decision(ws, "20", date(2024, 8, 14), "CSTDCS", [{"subject": "ca_nhan", "person_id": people["an"]}])
    ldtt = _decision(ws, "21", date(2024, 12, 10), "LDTT", [{"subject": "ca_nhan", "person_id": people["an"]},
                                                            {"subject": "ca_nhan", "person_id": people["binh"]}],
                     issue=False)
    bonus = decision_bonus(ws, ldtt)
    assert [r.amount for r in bonus.results] == [0, 710_000]
    assert "Chiến sĩ thi đua cơ sở (QĐ số 20/QĐ-UBND ngày 14/08/2024)" in bonus.results[0].note
    with pytest.raises(NotFoundError):
        decision_bonus(ws, "00000000-0000-0000-0000-000000000000")


def test_the_demo_year_totals_add_up(demo_ws: Workspace) -> None:
    year = year_bonus_totals(demo_ws, 2020)
    assert year.total == sum(amount for _, _, amount in year.by_level) == sum(d["amount"] for d in year.by_decision)
    assert [code for code, _, _ in year.by_level] == ["don_vi", "tinh", "bo", "thu_tuong", "chu_tich_nuoc"]
    assert year.missing == 0 and year.total_in_words.endswith("đồng")
    by_number = {d["number"]: d["amount"] for d in year.by_decision}
    assert by_number["1560"] == 22_350_000  # Huân chương Lao động hạng Nhì, tập thể: 15 × 1.490.000
    assert by_number["3104"] == 5 * 4_470_000  # 5 CSTĐ cấp tỉnh: 3,0 × 1.490.000
    # All 342 CSTĐCS are paid 1,0 × 1.490.000: the 5 CSTĐ cấp tỉnh of 2020 reward 2018–2020, another achievement
    # period than the CSTĐCS of 2020 (NĐ 98/2023 Điều 53, issue 14).
    assert by_number["2891"] + by_number["4521"] == 342 * 1_490_000
