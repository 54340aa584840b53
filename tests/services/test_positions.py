"""Positions by year (issue 13 point 4, issue 14 §3): the dictionary proposes the management flag, the clerk
may override it, and a Trưởng phòng promoted in 2025 stays in column (9) of 2024 and (8) of 2025."""

from __future__ import annotations

from datetime import date

import pytest

from emulation_desk.core.positions import propose_manager
from emulation_desk.errors import ValidationError
from emulation_desk.services.awards.decisions import (
    add_recipients,
    create_decision,
    decision_recipients,
    issue_decision,
)
from emulation_desk.services.maintenance.undo import restore_rows
from emulation_desk.services.records.people import add_person, get_person
from emulation_desk.services.records.positions import (
    manager_dictionary,
    position_at,
    position_history,
    propose,
    remove_position,
    set_manager_dictionary,
    set_position,
)
from emulation_desk.services.records.units import add_unit
from emulation_desk.services.reporting.statistics import stat_table, traced_table
from emulation_desk.services.workspace import Workspace


@pytest.mark.parametrize(("position", "flag"), [
    ("Trưởng phòng Nội vụ", True), ("Phó Trưởng phòng Tài chính - Kế hoạch", True), ("Phó Chủ tịch UBND", True),
    ("Hiệu trưởng", True), ("Phó hiệu trưởng Trường THCS Lộc Hòa", True), ("Bí thư Đảng ủy", True),
    ("Chánh Văn phòng HĐND và UBND", True), ("Phó Trưởng ban Tuyên giáo", True), ("Giám đốc Trung tâm", True),
    ("Tổ trưởng tổ chuyên môn", False), ("Trưởng thôn Đông", False), ("Chuyên viên", None), ("", None),
])
def test_the_dictionary_proposes_the_flag_by_the_longest_phrase(position: str, flag: bool | None) -> None:
    assert propose_manager(position).is_manager is flag


def test_the_clerk_corrects_the_dictionary(ws: Workspace) -> None:
    assert propose(ws, "Trưởng trạm Y tế").is_manager is True
    entries = [e for e in manager_dictionary(ws) if e[0] != "Trưởng trạm"] + [("Kế toán trưởng", True)]
    set_manager_dictionary(ws, entries)
    assert propose(ws, "Trưởng trạm Y tế").is_manager is None
    assert propose(ws, "Kế toán trưởng").describe() == "Theo danh mục chức vụ («Kế toán trưởng»): lãnh đạo, quản lý."
    with pytest.raises(ValidationError, match="ghi hai lần"):
        set_manager_dictionary(ws, [("Trưởng phòng", True), ("trưởng  phòng", False)])
    set_manager_dictionary(ws, None)
    assert propose(ws, "Trưởng trạm Y tế").is_manager is True


def _ldtt(ws: Workspace, number: str, year: int, people: list[dict]) -> str:
    decision = create_decision(ws, number=number, symbol="QĐ-UBND", signed_on=date(year, 12, 10),
                               issuer_level="don_vi", issuer_name="Chủ tịch UBND thành phố", kind="cong_trang",
                               title=f"Về việc tặng danh hiệu Lao động tiên tiến năm {year}", form_code="LDTT").id
    add_recipients(ws, decision, people)
    issue_decision(ws, decision)
    return decision


def test_a_promotion_does_not_rewrite_last_years_table(ws: Workspace) -> None:
    unit = add_unit(ws, "Phòng Nội vụ", "phong_chuyen_mon").id
    person = add_person(ws, "Nguyễn Văn An", unit_id=unit, position="Chuyên viên").id
    promoted = set_position(ws, person, 2025, "Trưởng phòng Nội vụ")
    history = position_history(ws, person)
    assert [(h["from_year"], h["position"], h["is_manager"], h["manager_source"]) for h in history] == [
        (None, "Chuyên viên", 0, "record"), (2025, "Trưởng phòng Nội vụ", 1, "dictionary")]
    assert get_person(ws, person)["position"] == "Trưởng phòng Nội vụ" and get_person(ws, person)["is_manager"] == 1
    assert position_at(ws, person, 2024).position == "Chuyên viên" and not position_at(ws, person, 2024).is_manager
    held = position_at(ws, person, 2026)
    assert held.is_manager and held.dated and held.entry_id == promoted.id
    assert "từ năm 2025" in held.describe()
    first = _ldtt(ws, "10", 2024, [{"subject": "ca_nhan", "person_id": person}])
    second = _ldtt(ws, "11", 2025, [{"subject": "ca_nhan", "person_id": person}])
    assert [(r["position"], r["is_manager"]) for r in decision_recipients(ws, first)] == [("Chuyên viên", 0)]
    assert [(r["position"], r["is_manager"]) for r in decision_recipients(ws, second)] == [
        ("Trưởng phòng Nội vụ", 1)]
    row_2024, row_2025 = stat_table(ws, 2024).row("I.2"), stat_table(ws, 2025).row("I.2")
    assert (row_2024.c8, row_2024.c9) == (None, 1)
    assert (row_2025.c8, row_2025.c9) == (1, None)


def test_a_dated_position_overrides_a_line_saved_as_not_a_manager(ws: Workspace) -> None:
    person = add_person(ws, "Trần Thị Bình", position="Trưởng phòng Văn hóa", is_manager=False).id
    _ldtt(ws, "12", 2025, [{"subject": "ca_nhan", "person_id": person, "is_manager": False}])
    assert stat_table(ws, 2025).row("I.2").c9 == 1  # nothing in the history says otherwise: the line's flag
    set_position(ws, person, 2020, "Trưởng phòng Văn hóa")
    for table in (stat_table(ws, 2025), traced_table(ws, 2025)):
        assert (table.row("I.2").c8, table.row("I.2").c9) == (1, None)
    set_position(ws, person, 2020, "Trưởng phòng Văn hóa", is_manager=False, notes="Phụ trách, chưa bổ nhiệm")
    entry = position_history(ws, person)[-1]
    assert (entry["is_manager"], entry["manager_source"], entry["source_label"]) == (0, "clerk", "cán bộ chọn")
    assert stat_table(ws, 2025).row("I.2").c9 == 1


def test_an_entry_is_removed_and_restored(ws: Workspace) -> None:
    person = add_person(ws, "Lê Văn Cường").id
    with pytest.raises(ValidationError, match="Hãy ghi chức vụ"):
        set_position(ws, person, 2024, "")
    with pytest.raises(ValidationError, match="Năm bắt đầu"):
        set_position(ws, person, 1800, "Hiệu trưởng")
    entry = set_position(ws, person, 2024, "Hiệu trưởng").id
    removed = remove_position(ws, entry)
    assert position_history(ws, person) == []
    restore_rows(ws, "person_position", [removed.row])
    assert [h["id"] for h in position_history(ws, person)] == [entry]


def test_before_the_first_position_of_someone_without_one_nothing_is_held(ws: Workspace) -> None:
    person = add_person(ws, "Phạm Thị Dung").id  # no position in the record
    set_position(ws, person, 2025, "Phó Chủ tịch UBND")
    assert [h["from_year"] for h in position_history(ws, person)] == [2025]
    before = position_at(ws, person, 2024)
    assert (before.position, before.is_manager, before.dated) == ("", False, False)
    assert position_at(ws, person, 2025).is_manager
