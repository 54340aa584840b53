"""Achievement years from the data (issue 14): a title of 2023 signed in January 2024 belongs to 2023 in the
chains and to the table of 2024 (signed in its period); a decision's default is its title's year, then the
working year; lines follow their decision unless set apart; the reporting period is a setting."""

from __future__ import annotations

from datetime import date

import pytest

from emulation_desk.core.achievement import AchievementPeriod
from emulation_desk.errors import ValidationError
from emulation_desk.services.awards.achievement import set_decision_achievement, set_line_achievement
from emulation_desk.services.awards.decisions import (
    add_recipients,
    correct_decision,
    create_decision,
    decision_recipients,
    get_decision,
    issue_decision,
    update_decision,
)
from emulation_desk.services.awards.eligibility import almost, gather_year
from emulation_desk.services.awards.nominations import add_nomination
from emulation_desk.services.records.people import add_person
from emulation_desk.services.records.units import add_unit
from emulation_desk.services.reporting.statistics import set_report_period, stat_table
from emulation_desk.services.workspace import Workspace

CITY = "Chủ tịch UBND thành phố Nam Định"


def _decision(ws: Workspace, number: str, signed: date, title: str, form: str = "CSTDCS", **extra: object) -> str:
    return create_decision(ws, number=number, symbol="QĐ-UBND", signed_on=signed, issuer_level="don_vi",
                           issuer_name=CITY, title=title, kind="cong_trang", form_code=form, **extra).id


def _period(row: dict) -> tuple[int, int]:
    return row["achievement_first"], row["achievement_last"]


@pytest.fixture
def person(ws: Workspace) -> str:
    unit = add_unit(ws, "Phòng Nội vụ", "phong_chuyen_mon").id
    return add_person(ws, "Lê Văn Tám", unit_id=unit, birth_year=1980).id


def _titles_signed_each_january(ws: Workspace, person: str) -> list[str]:
    made = []
    for year in (2022, 2023):
        decision = _decision(ws, f"{year}1", date(year + 1, 1, 10),
                             f"Về việc công nhận danh hiệu “Chiến sĩ thi đua cơ sở” năm {year}")
        add_recipients(ws, decision, [{"subject": "ca_nhan", "person_id": person}])
        issue_decision(ws, decision)
        made.append(decision)
    return made


def test_a_title_of_2023_signed_in_january_2024_counts_for_2023_in_the_chains(ws: Workspace, person: str) -> None:
    first, second = _titles_signed_each_january(ws, person)
    assert _period(get_decision(ws, second)) == (2023, 2023) and get_decision(ws, second)["year"] == 2024
    assert [_period(r) for r in decision_recipients(ws, first)] == [(2022, 2022)]
    items = almost(ws, 2023)
    assert [(i.name, i.held_years) for i in items] == [("Lê Văn Tám", (2022, 2023))]
    add_nomination(ws, year=2024, form_code="CSTDCS", kind="cong_trang", subject="ca_nhan", person_id=person,
                   status="submitted")
    history = gather_year(ws, 2024).histories[f"ca_nhan:{person}"]
    issued = sorted((a.year, a.signed_on.year if a.signed_on else None) for a in history.awards if not a.pending)
    assert [a.year for a in history.awards_in(2023) if not a.pending] == [2023]
    assert [y for y, _ in issued] == [2022, 2023]


def test_the_table_of_a_year_counts_what_was_signed_in_its_period(ws: Workspace, person: str) -> None:
    _titles_signed_each_january(ws, person)
    assert stat_table(ws, 2024).row("I.3").c3 == 1  # the CSTĐCS of 2023 signed on 10/01/2024
    assert stat_table(ws, 2023).row("I.3").c3 == 1  # the CSTĐCS of 2022 signed on 10/01/2023
    assert stat_table(ws, 2022).row("I.3").c3 is None
    december = _decision(ws, "55", date(2022, 12, 5), "Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2022")
    add_recipients(ws, december, [{"subject": "ca_nhan", "person_id": person}])
    issue_decision(ws, december)
    assert stat_table(ws, 2022).row("I.3").c3 == 1
    set_report_period(ws, "thong_ke")
    table = stat_table(ws, 2023)
    assert table.row("I.3").c3 == 2  # 05/12/2022 and 10/01/2023 are in 01/12/2022–30/11/2023
    assert "TỪ NGÀY 01/12/2022 ĐẾN NGÀY 30/11/2023" in table.title
    assert "01/12/2022" in table.notes[0]
    with pytest.raises(ValidationError, match="Kỳ báo cáo"):
        set_report_period(ws, "quy")


def test_the_default_is_the_titles_year_then_the_working_year(ws: Workspace) -> None:
    titled = _decision(ws, "1", date(2024, 1, 10), "Về việc tặng danh hiệu Lao động tiên tiến năm 2023", "LDTT")
    untitled = _decision(ws, "2", date(2024, 1, 10), "Về việc khen thưởng", "LDTT", working_year=2023)
    plain = _decision(ws, "3", date(2024, 1, 10), "Về việc khen thưởng", "LDTT")
    period = _decision(ws, "4", date(2021, 3, 1), "Về việc khen thưởng giai đoạn 2016-2020", "BK_TINH")
    given = _decision(ws, "5", date(2024, 1, 10), "Về việc khen thưởng", "LDTT", achievement_period="2022-2023")
    assert [_period(get_decision(ws, d)) for d in (titled, untitled, plain, period, given)] == [
        (2023, 2023), (2023, 2023), (2024, 2024), (2016, 2020), (2022, 2023)]
    with pytest.raises(ValidationError, match="sau năm ký quyết định"):
        _decision(ws, "6", date(2024, 1, 10), "Về việc khen thưởng", "LDTT", achievement_period="2025")
    with pytest.raises(ValidationError, match="Không đọc được năm thành tích"):
        _decision(ws, "7", date(2024, 1, 10), "Về việc khen thưởng", "LDTT", achievement_period="năm ngoái")


def test_lines_follow_their_decision_unless_set_apart(ws: Workspace, person: str) -> None:
    other = add_person(ws, "Trần Thị Bình").id
    decision = _decision(ws, "9", date(2024, 1, 10), "Về việc tặng danh hiệu Lao động tiên tiến năm 2022", "LDTT")
    add_recipients(ws, decision, [{"subject": "ca_nhan", "person_id": person},
                                  {"subject": "ca_nhan", "person_id": other, "achievement_period": "2021"}])
    update_decision(ws, decision, title="Về việc tặng danh hiệu Lao động tiên tiến năm 2023")
    assert _period(get_decision(ws, decision)) == (2023, 2023)  # the new title's default
    lines = {r["display_name"]: _period(r) for r in decision_recipients(ws, decision)}
    assert lines == {"Lê Văn Tám": (2023, 2023), "Trần Thị Bình": (2021, 2021)}
    line = next(r for r in decision_recipients(ws, decision) if r["display_name"] == "Trần Thị Bình")
    set_line_achievement(ws, line["id"], "")  # back to the decision's
    assert {_period(r) for r in decision_recipients(ws, decision)} == {(2023, 2023)}
    issue_decision(ws, decision)
    with pytest.raises(ValidationError, match="Lý do đính chính"):
        set_decision_achievement(ws, decision, "2022")
    set_decision_achievement(ws, decision, "2022", reason="Trích yếu ghi nhầm năm")
    assert {_period(r) for r in decision_recipients(ws, decision)} == {(2022, 2022)}
    logged = ws.store.query("SELECT action, summary FROM audit_log WHERE entity = 'decision' AND entity_id = ? "
                            "AND action = 'correct'", [decision])
    assert logged and "Trích yếu ghi nhầm năm" in logged[-1]["summary"]
    correct_decision(ws, decision, {"achievement_period": "2023"}, "Sửa lại năm thành tích")
    assert _period(get_decision(ws, decision)) == (2023, 2023)


def test_a_period_title_is_paid_beside_the_titles_of_each_year(ws: Workspace, person: str) -> None:
    provincial = _decision(ws, "31", date(2024, 1, 15), "Về việc tặng danh hiệu Chiến sĩ thi đua cấp tỉnh năm 2023",
                           "CSTD_TINH")
    assert _period(get_decision(ws, provincial)) == (2021, 2023)  # three CSTĐCS years by its nature
    add_recipients(ws, provincial, [{"subject": "ca_nhan", "person_id": person}])
    assert [AchievementPeriod(*_period(r)) for r in decision_recipients(ws, provincial)] == [
        AchievementPeriod(2021, 2023)]


def test_a_decision_of_january_from_last_years_nominations_keeps_their_year(ws: Workspace, person: str) -> None:
    from emulation_desk.services.awards.decisions import create_from_nominations

    nomination = add_nomination(ws, year=2023, form_code="LDTT", kind="cong_trang", subject="ca_nhan",
                                person_id=person, status="checked").id
    decision = create_from_nominations(ws, [{"nomination_id": nomination}], number="3", symbol="QĐ-UBND",
                                       signed_on=date(2024, 1, 8), issuer_name=CITY,
                                       title="Về việc tặng danh hiệu Lao động tiên tiến").id
    assert get_decision(ws, decision)["year"] == 2024
    assert [_period(r) for r in decision_recipients(ws, decision)] == [(2023, 2023)]
    issue_decision(ws, decision)
    assert stat_table(ws, 2024).row("I.2").c3 == 1 and stat_table(ws, 2023).row("I.2").c3 is None
