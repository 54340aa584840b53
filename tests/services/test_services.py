"""Services: one transaction per action, validation in Vietnamese, NFC text, UUID keys and authors."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from emulation_desk.errors import ValidationError
from emulation_desk.services.awards import blocs, decisions, nominations
from emulation_desk.services.records import people, units
from emulation_desk.services.workspace import Workspace


def test_add_unit_stores_nfc_a_folded_key_uuid_and_author(ws: Workspace) -> None:
    nfd = unicodedata.normalize("NFD", "Phòng  Giáo dục và Đào tạo ")
    created = units.add_unit(ws, nfd, "phong_chuyen_mon", head_count=15)
    unit_id, changes = created.id, created.changes
    row = units.get_unit(ws, unit_id)
    assert row["name"] == unicodedata.normalize("NFC", "Phòng Giáo dục và Đào tạo")
    assert row["name_key"] == "phong giao duc va dao tao"
    assert len(row["id"]) == 36 and row["created_by"] == "tester" and row["created_at"].endswith("Z")
    assert changes.units and unit_id in changes.ids
    log = ws.store.query("SELECT * FROM audit_log WHERE entity = 'unit' AND entity_id = ?", [unit_id])
    assert log and log[0]["action"] == "create" and log[0]["actor"] == "tester"


@pytest.mark.parametrize("fields, message", [
    ({"name": "", "kind": "phong_chuyen_mon"}, "Tên đơn vị không được để trống"),
    ({"name": "Phòng A", "kind": ""}, "loại đơn vị"),
    ({"name": "Phòng A", "kind": "phong_chuyen_mon", "head_count": -3}, "không được là số âm"),
    ({"name": "Phòng A", "kind": "phong_chuyen_mon", "valid_from": "31/02/2020"}, "Ngày không hợp lệ"),
])
def test_unit_validation_messages_are_vietnamese(ws: Workspace, fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError) as info:
        units.add_unit(ws, **fields)  # type: ignore[arg-type]
    assert message in info.value.message
    assert ws.store.scalar("SELECT count(*) FROM unit") == 0


def test_unit_with_records_is_ended_not_deleted_and_merge_keeps_history(ws: Workspace) -> None:
    a = units.add_unit(ws, "UBND xã Nam Phong", "xa").id
    b = units.add_unit(ws, "UBND xã Nam Vân", "xa").id
    pid = people.add_person(ws, "Trần Thị Hoa", unit_id=a, birth_year=1980).id
    with pytest.raises(ValidationError) as info:
        units.delete_unit(ws, a)
    assert "Kết thúc hoạt động" in info.value.message
    merged = units.merge_units(ws, [a, b], "UBND xã Nam Phong Vân", "xa", date(2025, 7, 1)).id
    assert units.get_unit(ws, a)["valid_to"] == "2025-06-30"
    assert units.get_unit(ws, a)["merged_into_id"] == merged
    assert people.get_person(ws, pid)["unit_id"] == merged
    assert [u["name"] for u in units.list_units(ws, 2026)] == ["UBND xã Nam Phong Vân"]
    assert len(units.list_units(ws, 2020)) == 2


def test_person_search_without_accents(ws: Workspace) -> None:
    for name in ("Trần Văn Đức", "Trần Thị Dung", "Nguyễn Văn An"):
        people.add_person(ws, name)
    assert [p["full_name"] for p in people.search_people(ws, "tran van")] == ["Trần Văn Đức"]
    assert {p["full_name"] for p in people.search_people(ws, "d tran")} == {"Trần Văn Đức", "Trần Thị Dung"}


def test_future_birth_year_is_refused(ws: Workspace) -> None:
    with pytest.raises(ValidationError) as info:
        people.add_person(ws, "Lê Văn Nam", birth_year=date.today().year + 1)
    assert "không hợp lý" in info.value.message


def test_own_decision_flow_with_bonus_by_date(ws: Workspace) -> None:
    unit_id = units.add_unit(ws, "Phòng Tư pháp", "phong_chuyen_mon").id
    person_id = people.add_person(ws, "Phạm Văn Bình", unit_id=unit_id, position="Chuyên viên").id
    decision_id = decisions.create_decision(
        ws, number="4520", symbol="QĐ-UBND", signed_on="10/12/2020", issuer_level="don_vi",
        issuer_name="Chủ tịch UBND thành phố", title="Về việc công nhận danh hiệu Lao động tiên tiến năm 2020",
        kind="cong_trang", form_code="LDTT").id
    decisions.add_recipients(ws, decision_id, [{"subject": "ca_nhan", "person_id": person_id}])
    with pytest.raises(ValidationError):
        decisions.add_recipients(ws, decision_id, [{"subject": "tap_the", "unit_id": unit_id}])
    decisions.issue_decision(ws, decision_id)
    recipients = decisions.decision_recipients(ws, decision_id)
    assert recipients[0]["amount"] == 450_000  # 0,3 × 1.490.000 = 447.000, rounded up to 10.000
    assert recipients[0]["unit_name"] == "Phòng Tư pháp" and recipients[0]["is_manager"] == 0
    with pytest.raises(ValidationError) as info:
        decisions.add_recipients(ws, decision_id, [{"subject": "ca_nhan", "person_id": person_id}])
    assert "Đính chính" in info.value.message
    assert decisions.find_decision(ws, "4520/QĐ-UBND", 2020)["id"] == decision_id


def test_nomination_form_must_suit_the_subject_and_status_moves_are_checked(ws: Workspace) -> None:
    unit_id = units.add_unit(ws, "Trường THCS Hàn Thuyên", "truong_hoc").id
    with pytest.raises(ValidationError) as info:
        nominations.add_nomination(ws, year=2020, form_code="LDTT", kind="cong_trang",
                                   subject="tap_the", unit_id=unit_id)
    assert "không dùng cho tập thể" in info.value.message
    nid = nominations.add_nomination(ws, year=2020, form_code="TTLDTT", kind="cong_trang",
                                     subject="tap_the", unit_id=unit_id).id
    with pytest.raises(ValidationError):
        nominations.set_status(ws, [nid], "decided")
    nominations.set_status(ws, [nid], "submitted")
    assert nominations.get_nomination(ws, nid)["status"] == "submitted"


def test_bloc_scores_rank_and_leader(ws: Workspace) -> None:
    a = units.add_unit(ws, "UBND phường A", "phuong").id
    b = units.add_unit(ws, "UBND phường B", "phuong").id
    bloc_id = blocs.add_bloc(ws, 2020, "Khối phường", head_unit_id=a, deputy_unit_id=b).id
    blocs.set_members(ws, bloc_id, [a, b])
    c1 = blocs.add_criterion(ws, bloc_id, "Nhiệm vụ chính trị", 60).id
    c2 = blocs.add_criterion(ws, bloc_id, "Thi đua", "40").id
    for criterion, unit, points in ((c1, a, 55), (c2, a, "35,5"), (c1, b, 58), (c2, b, 30)):
        blocs.set_score(ws, criterion, unit, points)
    with pytest.raises(ValidationError):
        blocs.set_score(ws, c2, b, 41)
    results = blocs.bloc_results(ws, bloc_id)
    assert [(r["unit_name"], r["total"], r["rank"]) for r in results["rows"]] == [
        ("UBND phường A", 90.5, 1), ("UBND phường B", 88.0, 2)]
    assert results["leader"]["unit_name"] == "UBND phường A"
