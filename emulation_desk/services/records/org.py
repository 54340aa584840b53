"""Organisation profile, signatories and the emulation council: settings, never constants."""

from __future__ import annotations

from typing import Any

from emulation_desk.errors import ValidationError
from emulation_desk.services.common import Changes, Created, Removed, optional_date, require_text
from emulation_desk.services.workspace import Workspace

ORG_LEVELS = {"xa": "Cấp xã", "huyen": "Cấp huyện", "tinh": "Cấp tỉnh"}
COUNCIL_ROLES = {"chu_tich": "Chủ tịch Hội đồng", "pho_chu_tich": "Phó Chủ tịch Hội đồng", "uy_vien": "Ủy viên",
                 "uy_vien_thu_ky": "Ủy viên, Thư ký"}
ORG_TEXT_FIELDS = {
    "parent_body": ("Tên cơ quan chủ quản", True), "issuing_body": ("Tên cơ quan ban hành", True),
    "body_short": ("Tên gọi tắt", True), "collective_title": ("Danh nghĩa tập thể", True),
    "head_title": ("Chức danh người đứng đầu", True), "place_name": ("Địa danh", True),
    "office_name": ("Cơ quan thường trực", False), "office_code": ("Ký hiệu đơn vị soạn thảo", False),
    "council_name": ("Tên Hội đồng", False), "symbol_report": ("Ký hiệu báo cáo", True),
    "symbol_decision": ("Ký hiệu quyết định", True), "symbol_submission": ("Ký hiệu tờ trình", True),
    "symbol_minutes": ("Ký hiệu biên bản", True), "provincial_regulation": ("Quy định thi đua của tỉnh", False),
    "fund_source": ("Nguồn kinh phí khen thưởng", False),
}


def _org_values(fields: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, (label, required) in ORG_TEXT_FIELDS.items():
        if name in fields:
            values[name] = require_text(fields[name], name, label, required=required, max_length=500)
    if "level" in fields:
        if fields["level"] not in ORG_LEVELS:
            raise ValidationError("Hãy chọn cấp hành chính.", field="level")
        values["level"] = fields["level"]
    for name, label in (("valid_from", "Áp dụng từ ngày"), ("valid_to", "Áp dụng đến ngày")):
        if name in fields:
            parsed = optional_date(fields[name], name, label)
            values[name] = parsed.isoformat() if parsed else None
    return values


def save_organisation(ws: Workspace, org_id: str | None = None, **fields: Any) -> Created:
    """Create or update the organisation profile."""
    values = _org_values(fields)
    with ws.store.transaction():
        if org_id:
            ws.store.update("organisation", org_id, values, summary="Sửa thông tin cơ quan")
        else:
            missing = [label for name, (label, required) in ORG_TEXT_FIELDS.items() if required and name not in values
                       and name not in ("collective_title", "head_title", "symbol_report", "symbol_decision",
                                        "symbol_submission", "symbol_minutes")]
            if missing or "level" not in values:
                raise ValidationError("Còn thiếu: " + ", ".join(missing or ["Cấp hành chính"]) + ".")
            org_id = ws.store.insert("organisation", values, summary="Tạo thông tin cơ quan")
    return Created(org_id, Changes(settings=True, ids={org_id}))


def add_signatory(ws: Workspace, full_name: str, position: str, *, is_head: bool = False, sort_order: int = 0
                  ) -> Created:
    values = {"full_name": require_text(full_name, "full_name", "Họ và tên người ký", max_length=200),
              "position": require_text(position, "position", "Chức vụ người ký").upper(),
              "is_head": int(is_head), "sort_order": sort_order}
    with ws.store.transaction():
        signatory_id = ws.store.insert("signatory", values, summary=f"Thêm người ký {values['full_name']}")
    return Created(signatory_id, Changes(settings=True, ids={signatory_id}))


def list_signatories(ws: Workspace, *, active_only: bool = True) -> list[dict[str, Any]]:
    where = "WHERE active = 1" if active_only else ""
    return ws.store.query(f"SELECT * FROM signatory {where} ORDER BY is_head DESC, sort_order, full_name")


def signing_block(signatory: dict[str, Any], *, collective_title: str, head_title: str, on_behalf_of_body: bool
                  ) -> list[str]:
    """Lines above the signature: a report is an act of the UBND as a body ("TM. ỦY BAN NHÂN DÂN",
    then "KT. CHỦ TỊCH" for a deputy); a Chairman's decision never says "TM."."""
    lines: list[str] = []
    if on_behalf_of_body:
        lines.append(f"TM. {collective_title.upper()}")
    if signatory["is_head"]:
        lines.append(head_title.upper())
    else:
        lines.append(f"KT. {head_title.upper()}")
        lines.append(signatory["position"].upper())
    return lines


def add_council(ws: Workspace, name: str, *, established_by: str = "", valid_from: Any = None) -> Created:
    start = optional_date(valid_from, "valid_from", "Ngày thành lập")
    values = {"name": require_text(name, "name", "Tên Hội đồng"), "established_by": established_by,
              "valid_from": start.isoformat() if start else None}
    with ws.store.transaction():
        council_id = ws.store.insert("council", values, summary=f"Tạo {values['name']}")
    return Created(council_id, Changes(settings=True, ids={council_id}))


def add_council_member(ws: Workspace, council_id: str, full_name: str, position: str, role: str, *,
                       person_id: str | None = None, unit_id: str | None = None, sort_order: int = 0
                       ) -> Created:
    if role not in COUNCIL_ROLES:
        raise ValidationError("Hãy chọn vai trò trong Hội đồng.", field="role")
    values = {"council_id": council_id, "full_name": require_text(full_name, "full_name", "Họ và tên", max_length=200),
              "position": require_text(position, "position", "Chức vụ", required=False), "role": role,
              "person_id": person_id, "unit_id": unit_id, "sort_order": sort_order}
    with ws.store.transaction():
        member_id = ws.store.insert("council_member", values, summary=f"Thêm thành viên Hội đồng {values['full_name']}")
    return Created(member_id, Changes(settings=True, ids={member_id}))


def add_member_to_current_council(ws: Workspace, full_name: str, position: str, role: str) -> Created:
    """A member of the current council, after its last one; when the office has no council yet, the council
    (named as in the office profile) is created first — both in one transaction."""
    with ws.store.transaction():
        council, members = current_council(ws)
        changes = Changes()
        if council is None:
            organisation = ws.organisation() or {}
            created = add_council(ws, organisation.get("council_name") or "Hội đồng Thi đua - Khen thưởng")
            council_id, changes = created.id, created.changes
        else:
            council_id = council["id"]
        member = add_council_member(ws, council_id, full_name, position, role, sort_order=len(members) + 1)
    return Created(member.id, changes.merge(member.changes))


def current_council(ws: Workspace) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    councils = ws.store.query("SELECT * FROM council ORDER BY coalesce(valid_from, '') DESC LIMIT 1")
    if not councils:
        return None, []
    members = ws.store.query("SELECT * FROM council_member WHERE council_id = ? ORDER BY sort_order", [councils[0]["id"]])
    return councils[0], members


def update_signatory(ws: Workspace, signatory_id: str, *, full_name: str, position: str, is_head: bool = False,
                     active: bool = True) -> Changes:
    values = {"full_name": require_text(full_name, "full_name", "Họ và tên người ký", max_length=200),
              "position": require_text(position, "position", "Chức vụ người ký").upper(),
              "is_head": int(is_head), "active": int(active)}
    with ws.store.transaction():
        ws.store.update("signatory", signatory_id, values, summary=f"Sửa người ký {values['full_name']}")
    return Changes(settings=True, ids={signatory_id})


def update_council_member(ws: Workspace, member_id: str, *, full_name: str, position: str, role: str) -> Changes:
    if role not in COUNCIL_ROLES:
        raise ValidationError("Hãy chọn vai trò trong Hội đồng.", field="role")
    values = {"full_name": require_text(full_name, "full_name", "Họ và tên", max_length=200),
              "position": require_text(position, "position", "Chức vụ", required=False), "role": role}
    with ws.store.transaction():
        ws.store.update("council_member", member_id, values, summary=f"Sửa thành viên Hội đồng {values['full_name']}")
    return Changes(settings=True, ids={member_id})


def remove_council_member(ws: Workspace, member_id: str) -> Removed:
    with ws.store.transaction():
        row = ws.store.delete("council_member", member_id, summary="Bỏ thành viên Hội đồng")
    return Removed(row, Changes(settings=True, ids={member_id}))
