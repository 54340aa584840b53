"""Deleted is not gone (trash), and the audit log records every change and every event."""

from __future__ import annotations

import json
from datetime import date

import pytest

from emulation_desk.errors import ValidationError
from emulation_desk.services.awards.decisions import create_decision, list_decisions
from emulation_desk.services.awards.nominations import list_nominations
from emulation_desk.services.maintenance import audit, trash
from emulation_desk.services.reporting.statistics import stat_table
from emulation_desk.services.workspace import Workspace
from emulation_desk.storage.backup import list_backups


def free_nominations(ws: Workspace, n: int) -> list[str]:
    rows = ws.store.query("SELECT n.id FROM nomination n WHERE n.year = 2020 AND n.deleted_at IS NULL "
                          "AND n.decision_id IS NULL AND NOT EXISTS (SELECT 1 FROM decision_recipient r "
                          "WHERE r.nomination_id = n.id) ORDER BY n.id LIMIT ?", [n])
    return [r["id"] for r in rows]


def test_deleted_nominations_go_to_the_trash_and_come_back(demo_ws: Workspace) -> None:
    before = len(list_nominations(demo_ws, 2020))
    ids = free_nominations(demo_ws, 3)
    changes = trash.delete_nominations(demo_ws, ids)
    assert changes.nominations and changes.ids == set(ids)
    assert len(list_nominations(demo_ws, 2020)) == before - 3
    items = trash.list_trash(demo_ws)
    assert {i["id"] for i in items} == set(ids) and all(i["kind_label"] == "Đề nghị khen thưởng" for i in items)
    trash.restore(demo_ws, ids)  # the "undo"
    assert len(list_nominations(demo_ws, 2020)) == before and trash.list_trash(demo_ws) == []
    actions = [r["action"] for r in audit.audit_entries(demo_ws, record_id=ids[0])]
    assert actions == ["restore", "delete"]


def test_a_nomination_in_a_decision_cannot_be_deleted(demo_ws: Workspace) -> None:
    used = demo_ws.store.scalar("SELECT id FROM nomination WHERE decision_id IS NOT NULL LIMIT 1")
    with pytest.raises(ValidationError, match=r"đã được đưa vào Quyết định số [0-9]+/QĐ-UBND"):
        trash.delete_nominations(demo_ws, [*free_nominations(demo_ws, 1), used])
    assert trash.list_trash(demo_ws) == [], "all or none"


def test_an_issued_own_decision_cannot_be_deleted(demo_ws: Workspace) -> None:
    issued = next(d for d in list_decisions(demo_ws, 2020) if d["is_own"] and d["status"] == "issued")
    with pytest.raises(ValidationError, match="đã ban hành nên không xóa được"):
        trash.delete_decision(demo_ws, issued["id"])


def test_a_received_decision_leaves_the_table_while_in_the_trash(demo_ws: Workspace) -> None:
    received = next(d for d in list_decisions(demo_ws, 2020) if not d["is_own"])
    table_before = stat_table(demo_ws, 2020).to_json()
    trash.delete_decision(demo_ws, received["id"])
    assert received["id"] not in {d["id"] for d in list_decisions(demo_ws, 2020)}
    assert stat_table(demo_ws, 2020).to_json() != table_before
    trash.restore(demo_ws, [received["id"]])
    assert stat_table(demo_ws, 2020).to_json() == table_before


def test_emptying_the_trash_deletes_for_real_after_a_backup_keeping_rows_in_the_log(ws: Workspace) -> None:
    from tests.bench.crash_harness import build_base

    ws.close()
    build_base(ws.path.with_name("base.sqlite"), 5)
    from emulation_desk.services.workspace import open_workspace

    office = open_workspace(ws.path.with_name("base.sqlite"))
    store = office.store
    from emulation_desk.services.awards.decisions import add_recipients
    from emulation_desk.services.awards.nominations import add_nomination

    people = [r["id"] for r in store.query("SELECT id FROM person ORDER BY name_key")]
    nomination_id = add_nomination(office, year=2020, form_code="LDTT", kind="cong_trang",
                                   subject="ca_nhan", person_id=people[0]).id
    decision_id = create_decision(office, number="12", symbol="QĐ-UBND", signed_on="01/12/2020",
                                  issuer_level="don_vi", issuer_name="Chủ tịch UBND", title="Về việc khen",
                                  kind="cong_trang", form_code="LDTT").id
    add_recipients(office, decision_id, [{"subject": "ca_nhan", "person_id": p, "nomination_id": nomination_id}
                                        for p in people[:2]])
    with store.transaction():
        store.update("nomination", nomination_id, {"decision_id": decision_id})
    trash.delete_decision(office, decision_id)
    trash.delete_nominations(office, [nomination_id])
    grown = audit.audit_count(office)
    trash.empty_trash(office)
    assert trash.list_trash(office) == []
    assert store.scalar("SELECT count(*) FROM decision WHERE id = ?", [decision_id]) == 0
    assert store.scalar("SELECT count(*) FROM decision_recipient WHERE decision_id = ?", [decision_id]) == 0
    assert store.integrity_problems() == []
    deleted = audit.audit_entries(office, record_id=decision_id, action="delete")
    full = [r for r in deleted if r["entity"] == "decision" and r["before"] and "title" in r["before"]]
    assert full and full[0]["before"]["number"] == "12", "the whole row is kept in the log"
    assert len([r for r in deleted if r["entity"] == "decision_recipient"]) == 2
    assert audit.audit_count(office) > grown
    assert [b.slug for b in list_backups(office.path)] == ["truoc-don-thung-rac"]
    office.close()


def test_events_are_recorded_and_the_log_is_filtered(ws: Workspace) -> None:
    audit.record_event(ws, "export", "Xuất danh sách đề nghị năm 2020 ra tệp Excel",
                       details={"file": "de-nghi-2020.xlsx", "rows": 12})
    audit.record_event(ws, "import", "Nhập 12 đề nghị")
    with pytest.raises(ValueError):
        audit.record_event(ws, "update", "không phải sự kiện")
    rows = audit.audit_entries(ws, action="export")
    assert len(rows) == 1 and rows[0]["actor"] == "tester" and rows[0]["after"] == {"file": "de-nghi-2020.xlsx",
                                                                                     "rows": 12}
    assert rows[0]["action_label"] == "Xuất dữ liệu" and rows[0]["entity_label"] == "Tệp dữ liệu"
    today = date.today()
    assert len(audit.audit_entries(ws, date_from=today, date_to=today, action="import")) == 1
    assert audit.audit_entries(ws, date_to=date(2000, 1, 1)) == []
    assert audit.audit_entries(ws, actor="nobody") == []
    assert "tester" in audit.audit_actors(ws)


def test_updates_show_before_and_after(ws: Workspace) -> None:
    with ws.store.transaction():
        unit = ws.store.insert("unit", {"name": "Phòng Nội vụ", "name_key": "phong noi vu", "kind": "khac"})
    with ws.store.transaction():
        ws.store.update("unit", unit, {"name": "Phòng Nội vụ thành phố"})
    rows = audit.audit_entries(ws, record_id=unit)
    assert [r["action"] for r in rows] == ["update", "create"]
    assert rows[0]["changes"] == "name: Phòng Nội vụ → Phòng Nội vụ thành phố"
    assert json.loads(ws.store.scalar("SELECT after_json FROM audit_log WHERE entity_id = ? AND action = 'create'",
                                      [unit]))["name"] == "Phòng Nội vụ"
