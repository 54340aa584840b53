"""What must never be stored is refused by the database itself (the last line behind the services)."""

from __future__ import annotations

import uuid

import pytest

from emulation_desk.errors import ValidationError
from emulation_desk.services.workspace import Workspace


def unit_row(**overrides: object) -> dict[str, object]:
    row: dict[str, object] = {"name": "Phòng Nội vụ", "name_key": "phong noi vu", "kind": "phong_chuyen_mon",
                              "head_count": 10}
    row.update(overrides)
    return row


@pytest.mark.parametrize("overrides, why", [
    ({"name": ""}, "empty name"),
    ({"name": "   "}, "blank name"),
    ({"head_count": -1}, "negative count"),
    ({"kind": "quan_doi"}, "unknown kind"),
    ({"valid_from": "2020-02-30"}, "impossible date"),
    ({"valid_from": "15/12/2020"}, "date not in ISO form"),
    ({"valid_from": "2021-01-01", "valid_to": "2020-01-01"}, "ends before it starts"),
    ({"head_count": "mười"}, "text in an integer column (STRICT)"),
])
def test_bad_units_are_refused(ws: Workspace, overrides: dict[str, object], why: str) -> None:
    with pytest.raises(ValidationError), ws.store.transaction():
        ws.store.insert("unit", unit_row(**overrides))
    assert ws.store.scalar("SELECT count(*) FROM unit") == 0, why


@pytest.mark.parametrize("year", [1944, 2101, 0])
def test_years_outside_1945_2100_are_refused(ws: Workspace, year: int) -> None:
    with pytest.raises(ValidationError), ws.store.transaction():
        ws.store.insert("bloc", {"year": year, "name": "Khối A"})


def test_nomination_needs_exactly_the_nominee_of_its_subject(ws: Workspace) -> None:
    with ws.store.transaction():
        unit_id = ws.store.insert("unit", unit_row())
    with pytest.raises(ValidationError), ws.store.transaction():
        ws.store.insert("nomination", {"year": 2020, "form_code": "LDTT", "kind": "cong_trang", "subject": "ca_nhan",
                                       "unit_id": unit_id})


def test_decision_year_must_match_its_date(ws: Workspace) -> None:
    with pytest.raises(ValidationError), ws.store.transaction():
        ws.store.insert("decision", {"year": 2021, "signed_on": "2020-12-15", "issuer_level": "don_vi",
                                     "issuer_name": "Chủ tịch UBND", "is_own": 1, "title": "Về việc tặng",
                                     "kind": "cong_trang"})


def test_audit_log_only_grows(ws: Workspace) -> None:
    with ws.store.transaction():
        ws.store.insert("unit", unit_row())
    count = ws.store.scalar("SELECT count(*) FROM audit_log")
    assert count >= 1
    with pytest.raises(ValidationError) as info, ws.store.transaction():
        ws.store.conn.execute("DELETE FROM audit_log")
    assert "chỉ được ghi thêm" in str(info.value)
    with pytest.raises(ValidationError), ws.store.transaction():
        ws.store.conn.execute("UPDATE audit_log SET actor = 'x'")
    assert ws.store.scalar("SELECT count(*) FROM audit_log") == count


def test_foreign_keys_are_enforced(ws: Workspace) -> None:
    with pytest.raises(ValidationError), ws.store.transaction():
        ws.store.insert("person", {"full_name": "Trần Văn An", "name_key": "tran van an", "unit_id": str(uuid.uuid4())})


def test_a_failed_transaction_leaves_nothing_behind(ws: Workspace) -> None:
    with pytest.raises(ValidationError), ws.store.transaction():
        ws.store.insert("unit", unit_row(name="Đơn vị A", name_key="don vi a"))
        ws.store.insert("unit", unit_row(name=""))
    assert ws.store.scalar("SELECT count(*) FROM unit") == 0
