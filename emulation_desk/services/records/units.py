"""Units (đơn vị): add, edit, end (never delete a unit with records), merge, list."""

from __future__ import annotations

from datetime import date
from typing import Any

from emulation_desk.core.text import fold, nfc, vi_sort_key
from emulation_desk.errors import NotFoundError, ValidationError
from emulation_desk.services.common import (
    Changes,
    Created,
    Removed,
    optional_date,
    require_count,
    require_text,
)
from emulation_desk.services.workspace import Workspace

UNIT_KINDS = {
    "phong_chuyen_mon": "Phòng chuyên môn",
    "don_vi_su_nghiep": "Đơn vị sự nghiệp",
    "truong_hoc": "Trường học",
    "phuong": "Phường",
    "xa": "Xã",
    "hoi_doan_the": "Hội, đoàn thể",
    "doanh_nghiep": "Doanh nghiệp, hợp tác xã",
    "nganh_doc": "Cơ quan ngành dọc",
    "thon_to_dan_pho": "Thôn, tổ dân phố",
    "khac": "Khác",
}


def _unit_values(name: str, kind: str, head_count: Any = 0, short_name: str = "", address: str = "",
                 valid_from: Any = None, valid_to: Any = None, notes: str = "", parent_id: str | None = None
                 ) -> dict[str, Any]:
    clean_name = require_text(name, "name", "Tên đơn vị")
    if kind not in UNIT_KINDS:
        raise ValidationError("Hãy chọn loại đơn vị.", field="kind")
    start = optional_date(valid_from, "valid_from", "Ngày bắt đầu")
    end = optional_date(valid_to, "valid_to", "Ngày kết thúc")
    if start and end and end < start:
        raise ValidationError("Ngày kết thúc phải sau ngày bắt đầu.", field="valid_to")
    return {
        "name": clean_name, "name_key": fold(clean_name), "kind": kind,
        "head_count": require_count(head_count, "head_count", "Số người"),
        "short_name": require_text(short_name, "short_name", "Tên viết tắt", required=False),
        "address": require_text(address, "address", "Địa chỉ", required=False, max_length=500),
        "valid_from": start.isoformat() if start else None, "valid_to": end.isoformat() if end else None,
        "notes": nfc(notes or ""), "parent_id": parent_id,
    }


def add_unit(ws: Workspace, name: str, kind: str, **fields: Any) -> Created:
    """Create a unit; return its id."""
    values = _unit_values(name, kind, **fields)
    with ws.store.transaction():
        duplicate = ws.store.scalar("SELECT id FROM unit WHERE name_key = ? AND valid_to IS NULL", [values["name_key"]])
        if duplicate:
            raise ValidationError(f"Đã có đơn vị tên “{values['name']}”. Hãy dùng đơn vị đó hoặc đặt tên khác.",
                                  field="name")
        unit_id = ws.store.insert("unit", values, summary=f"Thêm đơn vị {values['name']}")
    return Created(unit_id, Changes(units=True, ids={unit_id}))


def update_unit(ws: Workspace, unit_id: str, **fields: Any) -> Changes:
    current = get_unit(ws, unit_id)
    merged = {k: current[k] for k in ("name", "kind", "head_count", "short_name", "address", "valid_from",
                                      "valid_to", "notes", "parent_id")}
    merged.update(fields)
    values = _unit_values(**merged)
    with ws.store.transaction():
        ws.store.update("unit", unit_id, values, summary=f"Sửa đơn vị {values['name']}")
    return Changes(units=True, ids={unit_id})


def get_unit(ws: Workspace, unit_id: str) -> dict[str, Any]:
    row = ws.store.get("unit", unit_id)
    if row is None:
        raise NotFoundError("Không tìm thấy đơn vị.")
    return row


def unit_has_records(ws: Workspace, unit_id: str) -> bool:
    return bool(ws.store.scalar(
        "SELECT EXISTS(SELECT 1 FROM decision_recipient WHERE unit_id = ?1) "
        "OR EXISTS(SELECT 1 FROM nomination WHERE unit_id = ?1 OR proposing_unit_id = ?1) "
        "OR EXISTS(SELECT 1 FROM person WHERE unit_id = ?1) OR EXISTS(SELECT 1 FROM bloc_member WHERE unit_id = ?1)",
        [unit_id]))


def end_unit(ws: Workspace, unit_id: str, end_date: date, *, merged_into_id: str | None = None) -> Changes:
    """End a unit's validity (units with records are ended, never deleted)."""
    unit = get_unit(ws, unit_id)
    if unit["valid_from"] and end_date.isoformat() < unit["valid_from"]:
        raise ValidationError("Ngày kết thúc phải sau ngày bắt đầu của đơn vị.", field="valid_to")
    with ws.store.transaction():
        ws.store.update("unit", unit_id, {"valid_to": end_date.isoformat(), "merged_into_id": merged_into_id},
                        summary=f"Kết thúc hoạt động đơn vị {unit['name']}")
    return Changes(units=True, ids={unit_id})


def delete_unit(ws: Workspace, unit_id: str) -> Removed:
    """Delete a unit that has no records at all (the deleted row is returned, for undo); otherwise tell the
    clerk to end it instead."""
    store = ws.store
    unit = get_unit(ws, unit_id)
    if unit_has_records(ws, unit_id):
        raise ValidationError(f"Đơn vị “{unit['name']}” đã có hồ sơ (người, đề nghị hoặc khen thưởng) nên không "
                              "xóa được. Hãy dùng “Kết thúc hoạt động” để giữ lại lịch sử.")
    with store.transaction():
        row = store.delete("unit", unit_id, summary=f"Xóa đơn vị {unit['name']}")
    return Removed(row, Changes(units=True, ids={unit_id}))


def merge_units(ws: Workspace, source_ids: list[str], name: str, kind: str, on: date, **fields: Any
                ) -> Created:
    """Merge units into a new one from ``on`` (the 2025 reform): the old units end the day before and
    point to the new one; their people move; every award keeps pointing to the old unit's record, so
    both histories stay whole."""
    store = ws.store
    if len(source_ids) < 2:
        raise ValidationError("Hãy chọn ít nhất hai đơn vị để hợp nhất.")
    with store.transaction():
        new_id = add_unit(ws, name, kind, valid_from=on, **fields).id
        day_before = date.fromordinal(on.toordinal() - 1)
        for source in source_ids:
            end_unit(ws, source, day_before, merged_into_id=new_id)
            for person in store.query("SELECT id FROM person WHERE unit_id = ?", [source]):
                store.update("person", person["id"], {"unit_id": new_id}, summary="Chuyển người sang đơn vị hợp nhất")
    return Created(new_id, Changes(units=True, people=True, ids={new_id, *source_ids}))


def list_units(ws: Workspace, year: int | None = None, *, include_ended: bool = False) -> list[dict[str, Any]]:
    """Units with their bloc of the year and people count; valid in ``year`` unless include_ended."""
    params: list[Any] = [year or 0]
    where = ""
    if year and not include_ended:
        where = ("WHERE (u.valid_from IS NULL OR u.valid_from <= ?2) AND (u.valid_to IS NULL OR u.valid_to >= ?3)")
        params += [f"{year}-12-31", f"{year}-01-01"]
    return ws.store.query(
        f"""SELECT u.*, b.name AS bloc_name, b.id AS bloc_id,
                   (SELECT count(*) FROM person p WHERE p.unit_id = u.id) AS people_count
            FROM unit u
            LEFT JOIN bloc_member bm ON bm.unit_id = u.id AND bm.year = ?1
            LEFT JOIN bloc b ON b.id = bm.bloc_id
            {where}
            ORDER BY u.sort_order, u.name""", params)


def unit_history(ws: Workspace, unit_id: str) -> list[dict[str, Any]]:
    """Awards received by the unit as a collective, across years (newest first)."""
    return ws.store.query(
        """SELECT d.year, d.number, d.symbol, d.signed_on, d.issuer_name, f.name AS form_name, r.kind, d.id AS decision_id
           FROM decision_recipient r JOIN decision d ON d.id = r.decision_id JOIN award_form f ON f.code = r.form_code
           WHERE r.unit_id = ? AND d.deleted_at IS NULL ORDER BY d.signed_on DESC""", [unit_id])


def reopen_unit(ws: Workspace, unit_id: str) -> Changes:
    """Undo "end": the unit is active again (its merge pointer is cleared)."""
    unit = get_unit(ws, unit_id)
    with ws.store.transaction():
        ws.store.update("unit", unit_id, {"valid_to": None, "merged_into_id": None},
                        summary=f"Cho đơn vị {unit['name']} hoạt động trở lại")
    return Changes(units=True, ids={unit_id})


def unit_choices(ws: Workspace, year: int | None = None) -> list[tuple[str, str]]:
    """(id, name) of the units valid in ``year`` (all when None), in Vietnamese order."""
    rows = list_units(ws, year)
    rows.sort(key=lambda r: vi_sort_key(r["name"]))
    return [(r["id"], r["name"]) for r in rows]


def search_units(ws: Workspace, query: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """Type-ahead on folded unit names (every word of the query must occur)."""
    words = fold(query).split()
    if not words:
        return []
    rows = ws.store.query("SELECT * FROM unit WHERE name_key LIKE ? ORDER BY valid_to IS NOT NULL, name LIMIT ?",
                          ["%" + words[0] + "%", limit * 20])
    return [r for r in rows if all(w in r["name_key"] for w in words)][:limit]
