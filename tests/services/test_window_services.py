"""Services the window needs: copying a year, decisions from nominations, corrections, catalog edits."""

from __future__ import annotations

import json
from datetime import date

import pytest

from emulation_desk.errors import ValidationError
from emulation_desk.services.awards import blocs, decisions, nominations
from emulation_desk.services.maintenance import undo
from emulation_desk.services.records import catalog_edit, people, units
from emulation_desk.services.reporting import reports
from emulation_desk.services.workspace import Workspace


def _unit_and_people(ws: Workspace) -> tuple[str, list[str]]:
    unit_id = units.add_unit(ws, "Phòng Tư pháp", "phong_chuyen_mon").id
    ids = [people.add_person(ws, name, unit_id=unit_id, position="Chuyên viên").id
           for name in ("Phạm Văn Bình", "Lê Thị Hoa", "Đỗ Minh An")]
    return unit_id, ids


def _voted(ws: Workspace, person_ids: list[str], form: str = "LDTT") -> list[str]:
    out = []
    for pid in person_ids:
        nid = nominations.add_nomination(ws, year=2020, form_code=form, kind="cong_trang",
                                         subject="ca_nhan", person_id=pid, status="checked").id
        nominations.set_status(ws, [nid], "voted")
        out.append(nid)
    return out


def test_decision_from_approved_nominations_moves_them_to_decided(ws: Workspace) -> None:
    _, person_ids = _unit_and_people(ws)
    nids = _voted(ws, person_ids)
    assert len(nominations.approved_nominations(ws, 2020, "LDTT")) == 3
    created = decisions.create_from_nominations(
        ws, [{"nomination_id": nids[0], "position": "Trưởng phòng", "is_manager": True},
             {"nomination_id": nids[1]}],
        number="12", symbol="QĐ-UBND", signed_on=date(2020, 12, 10), issuer_name="Chủ tịch UBND thành phố",
        title="Về việc công nhận danh hiệu Lao động tiên tiến năm 2020")
    decision_id, changes = created.id, created.changes
    assert changes.nominations and changes.decisions
    rows = decisions.decision_recipients(ws, decision_id)
    assert [(r["display_name"], r["position"], r["is_manager"], r["amount"]) for r in rows] == [
        ("Phạm Văn Bình", "Trưởng phòng", 1, 450_000), ("Lê Thị Hoa", "Chuyên viên", 0, 450_000)]
    statuses = {n: nominations.get_nomination(ws, n)["status"] for n in nids}
    assert statuses == {nids[0]: "decided", nids[1]: "decided", nids[2]: "voted"}
    assert nominations.get_nomination(ws, nids[0])["decision_id"] == decision_id
    decisions.remove_recipient(ws, rows[1]["id"])
    assert nominations.get_nomination(ws, nids[1])["status"] == "voted"


def test_decision_from_nominations_refuses_mixed_forms_and_changes_nothing(ws: Workspace) -> None:
    _, person_ids = _unit_and_people(ws)
    nids = _voted(ws, person_ids[:1]) + _voted(ws, person_ids[1:2], "CSTDCS")
    with pytest.raises(ValidationError) as info:
        decisions.create_from_nominations(ws, [{"nomination_id": n} for n in nids],
                                          number="1", symbol="QĐ-UBND", signed_on="10/12/2020",
                                          issuer_name="UBND", title="Khen thưởng")
    assert "cùng một hình thức" in info.value.message
    assert ws.store.scalar("SELECT count(*) FROM decision") == 0


def test_correction_of_an_issued_decision_is_logged_with_its_reason(ws: Workspace) -> None:
    _, person_ids = _unit_and_people(ws)
    decision_id = decisions.create_from_nominations(
        ws, [{"nomination_id": n} for n in _voted(ws, person_ids)], number="12",
        symbol="QĐ-UBND", signed_on="10/12/2020", issuer_name="Chủ tịch UBND", title="Khen thưởng LĐTT").id
    decisions.issue_decision(ws, decision_id)
    with pytest.raises(ValidationError):
        decisions.update_decision(ws, decision_id, title="Sửa thẳng")
    with pytest.raises(ValidationError) as info:
        decisions.correct_decision(ws, decision_id, {"title": "Khen thưởng LĐTT năm 2020"}, "")
    assert "Lý do đính chính" in info.value.message
    decisions.correct_decision(ws, decision_id, {"title": "Khen thưởng LĐTT năm 2020"},
                               "Sai trích yếu")
    assert decisions.get_decision(ws, decision_id)["title"] == "Khen thưởng LĐTT năm 2020"
    log = decisions.decision_log(ws, decision_id)
    assert log[-1]["action"] == "correct" and "Sai trích yếu" in log[-1]["summary"]


def test_received_decision_with_recipients(ws: Workspace) -> None:
    unit_id, person_ids = _unit_and_people(ws)
    decision_id = decisions.record_received(
        ws, [{"subject": "ca_nhan", "person_id": person_ids[0]},
             {"subject": "tap_the", "unit_id": unit_id}],
        number="345", symbol="QĐ-UBND", signed_on="20/11/2020", issuer_level="tinh",
        issuer_name="Chủ tịch UBND tỉnh Nam Định", title="Tặng Bằng khen", kind="cong_trang", form_code="BK_TINH").id
    row = decisions.get_decision(ws, decision_id)
    assert row["status"] == "issued" and row["is_own"] == 0
    assert len(decisions.decision_recipients(ws, decision_id)) == 2
    with pytest.raises(ValidationError):
        decisions.record_received(ws, [], number="1", symbol="x", signed_on="1/1/2020",
                                  issuer_level="tinh", issuer_name="UBND tỉnh", title="x", kind="cong_trang")


def test_default_legal_bases_fill_the_province_regulation(ws: Workspace) -> None:
    lines = decisions.default_legal_bases(ws.catalog(), {"provincial_regulation": "Quyết định số 05/2019/QĐ-UBND"},
                                          date(2020, 12, 10))
    assert lines and not any("{quy_che_tinh}" in line for line in lines)
    assert any("Luật Thi đua" in line for line in lines)


def test_copy_year_copies_blocs_members_and_criteria_but_not_scores(demo_ws: Workspace) -> None:
    count = blocs.copy_year(demo_ws, 2020, 2021).count
    assert count == 11
    old, new = blocs.list_blocs(demo_ws, 2020), blocs.list_blocs(demo_ws, 2021)
    assert [b["name"] for b in old] == [b["name"] for b in new]
    assert [b["member_count"] for b in old] == [b["member_count"] for b in new]
    result = blocs.bloc_results(demo_ws, new[0]["id"])
    assert len(result["criteria"]) == 5 and all(r["total"] == 0 for r in result["rows"])
    with pytest.raises(ValidationError):
        blocs.copy_year(demo_ws, 2020, 2021)


def test_bloc_rows_are_deleted_only_when_unused_and_can_be_restored(ws: Workspace) -> None:
    a = units.add_unit(ws, "UBND phường A", "phuong").id
    b = units.add_unit(ws, "UBND phường B", "phuong").id
    bloc_id = blocs.add_bloc(ws, 2020, "Khối phường").id
    blocs.set_members(ws, bloc_id, [a, b])
    criterion = blocs.add_criterion(ws, bloc_id, "Nhiệm vụ", 60).id
    blocs.set_score(ws, criterion, a, 50)
    with pytest.raises(ValidationError):
        blocs.remove_member(ws, bloc_id, a)
    with pytest.raises(ValidationError):
        blocs.delete_criterion(ws, criterion)
    row = blocs.remove_member(ws, bloc_id, b).row
    assert [m["unit_name"] for m in blocs.list_members(ws, bloc_id)] == ["UBND phường A"]
    undo.restore_rows(ws, "bloc_member", [row])
    assert len(blocs.list_members(ws, bloc_id)) == 2
    with pytest.raises(ValidationError):
        blocs.update_criterion(ws, criterion, name="Nhiệm vụ", max_points=40)


def test_person_delete_only_when_unused_and_undo_restores_the_same_record(ws: Workspace) -> None:
    _, (used, free, _) = _unit_and_people(ws)
    _voted(ws, [used])
    with pytest.raises(ValidationError):
        people.delete_person(ws, used)
    row = people.delete_person(ws, free).row
    undo.restore_rows(ws, "person", [row])
    assert people.get_person(ws, free)["created_at"] == row["created_at"]


def test_duplicate_warnings(ws: Workspace) -> None:
    _, person_ids = _unit_and_people(ws)
    first = _voted(ws, person_ids[:1])[0]
    second = _voted(ws, person_ids[:1])[0]
    single = _voted(ws, person_ids[1:2])[0]
    warnings = nominations.duplicate_warnings(ws, 2020)
    assert set(warnings) == {first, second} and "Trùng" in warnings[first]
    assert single not in warnings


def test_copy_report_moves_the_years_of_the_titles(demo_ws: Workspace) -> None:
    report_id = reports.copy_report(demo_ws, 2020, 2021).id
    new = reports.find_report(demo_ws, 2021)
    assert new["id"] == report_id and "năm 2021" in new["title"] and "năm 2022" in new["title"]
    old_sections = reports.report_sections(demo_ws, reports.find_report(demo_ws, 2020)["id"])
    new_sections = reports.report_sections(demo_ws, report_id)
    assert len(old_sections) == len(new_sections)
    assert new_sections[0]["title"] == old_sections[0]["title"].replace("2020", "2021")
    assert [s["body"] for s in new_sections] == [s["body"] for s in old_sections]
    with pytest.raises(ValidationError):
        reports.copy_report(demo_ws, 2020, 2021)


def test_catalog_edits_mark_rows_edited_and_refresh_the_catalog(ws: Workspace) -> None:
    before = ws.catalog().base_salary_for(date(2030, 1, 1))
    catalog_edit.add_base_salary(ws, "01/01/2030", "3.000.000", instrument="Nghị định x")
    assert ws.catalog().base_salary_for(date(2030, 1, 1)).amount == 3_000_000
    assert before is None or before.amount != 3_000_000
    regime = catalog_edit.list_regimes(ws)[0]
    catalog_edit.set_coefficient(ws, "LDTT", regime["code"], "ca_nhan", "0,35")
    assert str(ws.catalog().coefficient_for("LDTT", "ca_nhan", date.fromisoformat(regime["valid_from"])).value) == "0.35"
    row = ws.store.query("SELECT * FROM form_coefficient WHERE form_code = 'LDTT' AND regime_code = ?",
                         [regime["code"]])[0]
    assert row["user_edited"] == 1
    catalog_edit.update_regime(ws, regime["code"], valid_from=regime["valid_from"], valid_to=None,
                               legal_bases="Căn cứ A;\n\nCăn cứ B;", unconfirmed=False)
    assert json.loads(ws.store.get("regime", regime["code"])["legal_bases"]) == ["Căn cứ A;", "Căn cứ B;"]
    with pytest.raises(ValidationError):
        catalog_edit.set_coefficient(ws, "LDTT", regime["code"], "ca_nhan", "abc")


def test_the_first_council_member_creates_the_council_in_the_same_transaction(ws: Workspace) -> None:
    """Thiết lập → Hội đồng → "Thêm thành viên…" on a new file: the council and its member, one service call."""
    from emulation_desk.services.records import org

    with pytest.raises(ValidationError):
        org.add_member_to_current_council(ws, "Nguyễn Văn An", "", "khong_co")
    assert org.current_council(ws) == (None, []), "a refused member leaves no council behind"
    first = org.add_member_to_current_council(ws, "Nguyễn Văn An", "Chủ tịch UBND", "chu_tich")
    council, members = org.current_council(ws)
    assert council is not None and council["name"] == "Hội đồng Thi đua - Khen thưởng"
    assert [m["full_name"] for m in members] == ["Nguyễn Văn An"] and first.changes.settings
    assert first.changes.ids == {council["id"], first.id}
    second = org.add_member_to_current_council(ws, "Trần Thị Bình", "Trưởng phòng Nội vụ", "pho_chu_tich")
    _council, members = org.current_council(ws)
    assert [m["sort_order"] for m in members] == [1, 2] and second.changes.ids == {second.id}
    with pytest.raises(ValidationError):
        org.add_member_to_current_council(ws, "Lê Văn Cường", "", "khong_co")
    assert len(org.current_council(ws)[1]) == 2
