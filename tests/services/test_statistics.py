"""The year's consistency check reports every problem with the records behind it; every cell can be traced."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from emulation_desk.cli import run
from emulation_desk.core.stats import COUNT_COLUMNS, cell_facts
from emulation_desk.services.awards.decisions import add_recipients, create_decision, issue_decision
from emulation_desk.services.records.people import add_person
from emulation_desk.services.records.units import add_unit
from emulation_desk.services.reporting.statistics import (
    cell_records,
    check_year,
    recipients_by_ids,
    traced_table,
    year_problems,
)
from emulation_desk.services.workspace import Workspace


def _office(ws: Workspace) -> dict[str, Any]:
    """A small office: one unit, two people, an issued LĐTT decision of 2020."""
    unit = add_unit(ws, "Phòng Nội vụ", "phong_chuyen_mon").id
    an = add_person(ws, "Nguyễn Văn An", unit_id=unit, position="Chuyên viên", birth_year=1980).id
    binh = add_person(ws, "Trần Thị Bình", unit_id=unit, position="Trưởng phòng", is_manager=True,
                      birth_year=1975).id
    decision = create_decision(ws, number="4520", symbol="QĐ-UBND", signed_on=date(2020, 12, 10),
                               issuer_level="don_vi", issuer_name="Chủ tịch UBND thành phố Nam Định",
                               title="Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2020", kind="cong_trang",
                               form_code="LDTT").id
    add_recipients(ws, decision, [{"subject": "ca_nhan", "person_id": an},
                                  {"subject": "ca_nhan", "person_id": binh}])
    issue_decision(ws, decision)
    return {"unit": unit, "an": an, "binh": binh, "decision": decision}


def _raw_recipient(ws: Workspace, decision: str, **row: Any) -> str:
    """Write a recipient line directly, as a damaged import or an old version could have left it."""
    values = {"decision_id": decision, "kind": "cong_trang", "display_name": "?", "sort_order": 99, **row}
    with ws.store.transaction():
        return ws.store.insert("decision_recipient", values)


def test_a_clean_year_has_no_problem(ws: Workspace) -> None:
    _office(ws)
    assert check_year(ws, 2020) == []


def test_a_subject_listed_twice_in_one_decision_is_an_error_naming_both_lines(ws: Workspace) -> None:
    office = _office(ws)
    _raw_recipient(ws, office["decision"], form_code="LDTT", subject="ca_nhan", person_id=office["an"],
                   display_name="Nguyễn Văn An", is_manager=0, unit_name="Phòng Nội vụ")
    problems = [p for p in year_problems(ws, 2020) if p.is_error]
    assert len(problems) == 1
    lines = problems[0].lines()
    assert "được ghi 2 lần trong cùng một quyết định" in problems[0].violation.message
    assert lines == ["QĐ số 4520/QĐ-UBND ngày 10/12/2020: Nguyễn Văn An — Chuyên viên, Phòng Nội vụ (Lao động tiên tiến)",
                     "QĐ số 4520/QĐ-UBND ngày 10/12/2020: Nguyễn Văn An — Phòng Nội vụ (Lao động tiên tiến)"]


def test_a_title_for_individuals_given_to_a_collective_is_an_error(ws: Workspace) -> None:
    office = _office(ws)
    _raw_recipient(ws, office["decision"], form_code="LDTT", subject="tap_the", unit_id=office["unit"],
                   display_name="Phòng Nội vụ")
    problems = [p for p in year_problems(ws, 2020) if p.is_error]
    assert [p.violation.row_key for p in problems] == ["I.2"]
    assert "chỉ dành cho cá nhân" in problems[0].violation.message
    assert problems[0].records[0]["display_name"] == "Phòng Nội vụ"


def test_an_individual_without_the_manager_flag_is_a_warning_with_the_record(ws: Workspace) -> None:
    office = _office(ws)
    with ws.store.transaction():
        rows = ws.store.query("SELECT id FROM decision_recipient WHERE person_id = ?", [office["an"]])
        ws.store.conn.execute("UPDATE decision_recipient SET is_manager = NULL WHERE id = ?", [rows[0]["id"]])
    problems = year_problems(ws, 2020)
    assert [p.is_error for p in problems] == [False]
    assert "chưa ghi rõ là lãnh đạo quản lý" in problems[0].violation.message
    assert problems[0].records[0]["display_name"] == "Nguyễn Văn An"


def test_drafts_empty_decisions_and_forms_out_of_period_are_named(ws: Workspace) -> None:
    office = _office(ws)
    create_decision(ws, number="4600", symbol="QĐ-UBND", signed_on=date(2020, 12, 20),
                    issuer_level="don_vi", issuer_name="Chủ tịch UBND thành phố Nam Định",
                    title="Về việc tặng Giấy khen (dự thảo)", kind="cong_trang", form_code="GK_CT_HUYEN")
    empty = create_decision(ws, number="77", symbol="QĐ-UBND", signed_on=date(2020, 3, 2),
                            issuer_level="tinh", issuer_name="Chủ tịch UBND tỉnh Nam Định",
                            title="Về việc tặng Bằng khen", kind="cong_trang", form_code="BK_TINH").id
    late = create_decision(ws, number="90", symbol="QĐ-UBND", signed_on=date(2025, 8, 1),
                           issuer_level="tinh", issuer_name="Chủ tịch UBND tỉnh Ninh Bình",
                           title="Ghi nhận Giấy khen cấp huyện", kind="cong_trang").id
    _raw_recipient(ws, late, form_code="GK_CT_HUYEN", subject="ca_nhan", person_id=office["an"], is_manager=0,
                   display_name="Nguyễn Văn An")
    messages = {p.violation.message: p.lines() for p in year_problems(ws, 2020)}
    assert messages["Quyết định chưa ban hành nên chưa được tính vào biểu."] == [
        "QĐ số 4600/QĐ-UBND ngày 20/12/2020: Về việc tặng Giấy khen (dự thảo)"]
    assert any(line.startswith("QĐ số 77/QĐ-UBND ngày 02/03/2020") for line in
               messages["Quyết định đã ban hành nhưng chưa có danh sách người, tập thể được khen."])
    later = year_problems(ws, 2025)
    assert [p.violation.severity for p in later] == ["warning"]
    assert "không còn (hoặc chưa) được áp dụng" in later[0].violation.message
    assert empty and all(not p.is_error for p in year_problems(ws, 2020))


def test_a_title_given_twice_in_a_year_is_a_warning(ws: Workspace) -> None:
    office = _office(ws)
    again = create_decision(ws, number="4700", symbol="QĐ-UBND", signed_on=date(2020, 12, 28),
                            issuer_level="don_vi", issuer_name="Chủ tịch UBND thành phố Nam Định",
                            title="Về việc công nhận danh hiệu “Lao động tiên tiến” (bổ sung)", kind="cong_trang",
                            form_code="LDTT").id
    add_recipients(ws, again, [{"subject": "ca_nhan", "person_id": office["binh"]}])
    issue_decision(ws, again)
    problems = year_problems(ws, 2020)
    assert [(p.violation.severity, len(p.records)) for p in problems] == [("warning", 2)]
    assert {r["number"] for r in problems[0].records} == {"4520", "4700"}


def test_the_check_command_prints_the_records_and_fails_on_errors(ws: Workspace,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    office = _office(ws)
    _raw_recipient(ws, office["decision"], form_code="LDTT", subject="ca_nhan", person_id=office["an"],
                   display_name="Nguyễn Văn An", is_manager=0)
    path = str(ws.path)
    ws.close()
    assert run(["--db", path, "check", "--year", "2020", "--limit", "1"]) == 1
    out = capsys.readouterr().out
    assert "Lỗi số liệu: Một người/tập thể được ghi 2 lần" in out
    assert "    - QĐ số 4520/QĐ-UBND ngày 10/12/2020: Nguyễn Văn An" in out
    assert "… và 1 bản ghi khác." in out and "Kết quả: CÓ LỖI." in out


def test_every_count_cell_of_the_demo_lists_exactly_the_records_it_counts(demo_ws: Workspace) -> None:
    table, catalog = traced_table(demo_ws, 2020), demo_ws.catalog()
    for row in table.rows():
        for column in COUNT_COLUMNS:
            ids = [f.recipient_id for f in cell_facts(row, column, catalog)]
            assert len(recipients_by_ids(demo_ws, ids)) == len(set(ids)) == row.count(column), (row.key, column)
    sample = cell_records(demo_ws, 2020, "I.3", "c8")
    assert {r["form_short_name"] for r in sample} == {"Chiến sĩ thi đua cơ sở"}
    assert all(r["is_manager"] == 1 and r["number"] and r["signed_on"].startswith("2020") for r in sample)
    percent = cell_records(demo_ws, 2020, "II.5", "c5")
    assert len(percent) == 30  # the percentage (4:3) traces to the 30 individuals of column 4
    with pytest.raises(KeyError):
        cell_records(demo_ws, 2020, "II.5", "c99")
