"""The audit log in the clerk's words: Vietnamese field names and values ("Trạng thái: Đã bình xét → Đã có
quyết định"), records by their names instead of UUIDs. Pure formatting over the rows of
``services.maintenance.audit.audit_entries``; the names come from ``services.records.find.record_names``."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from emulation_desk.core.text import format_date, format_int

FIELD_LABELS = {
    "status": "Trạng thái", "decision_id": "Quyết định", "full_name": "Họ và tên", "name": "Tên",
    "short_name": "Tên viết tắt", "birth_year": "Năm sinh", "birth_date": "Ngày sinh", "gender": "Giới tính",
    "unit_id": "Đơn vị", "person_id": "Cá nhân", "household_id": "Hộ gia đình", "proposing_unit_id": "Đơn vị đề nghị",
    "parent_id": "Đơn vị cấp trên", "merged_into_id": "Sáp nhập vào", "position": "Chức vụ",
    "is_manager": "Lãnh đạo quản lý", "form_code": "Hình thức khen thưởng", "kind": "Loại", "subject": "Đối tượng",
    "year": "Năm", "achievement": "Thành tích", "notes": "Ghi chú", "number": "Số", "symbol": "Ký hiệu",
    "signed_on": "Ngày ký", "title": "Trích yếu", "issuer_name": "Cơ quan ban hành", "signer_name": "Người ký",
    "signer_position": "Chức vụ người ký", "deleted_at": "Đưa vào thùng rác lúc", "submitted_on": "Ngày nộp",
    "votes_members": "Số thành viên", "votes_present": "Số có mặt", "votes_valid": "Số phiếu hợp lệ",
    "votes_yes": "Số phiếu đồng ý", "head_count": "Số người", "valid_from": "Hoạt động từ", "valid_to": "Hoạt động đến",
    "address": "Địa chỉ", "hometown": "Quê quán", "recruited_on": "Ngày tuyển dụng", "deceased": "Đã mất",
    "display_name": "Tên người/tập thể", "unit_name": "Tên đơn vị", "amount": "Tiền thưởng",
    "coefficient": "Hệ số", "base_salary": "Lương cơ sở", "issued_at": "Ban hành lúc", "value": "Giá trị",
    "max_points": "Điểm tối đa", "points": "Điểm", "rating": "Xếp loại", "presence": "Điểm danh",
    "result": "Kết quả", "held_on": "Ngày họp", "place": "Địa điểm", "execution_text": "Điều thi hành",
    "recipients_text": "Nơi nhận", "legal_bases": "Căn cứ", "sort_order": "Thứ tự",
}
ENTITY_EXTRA = {
    "stat_table": "Biểu tổng hợp", "council_meeting": "Cuộc họp Hội đồng", "council_case": "Trường hợp xét",
    "council_tally": "Kết quả kiểm phiếu", "council_attendance": "Điểm danh họp", "trash": "Thùng rác",
    "council_abstention": "Thành viên không biểu quyết", "preferences": "Giao diện",
}
_STATUS = {"draft": "Đang soạn", "submitted": "Đã nộp", "checked": "Đã thẩm định", "voted": "Đã bình xét",
           "decided": "Đã có quyết định", "rejected": "Không được đề nghị", "forwarded": "Đã trình cấp trên"}
_DECISION_STATUS = {"draft": "Dự thảo", "issued": "Đã ban hành"}
_VALUES = {
    "gender": {"nam": "Nam", "nu": "Nữ"},
    "subject": {"ca_nhan": "Cá nhân", "tap_the": "Tập thể", "ho_gia_dinh": "Hộ gia đình"},
    "presence": {"present": "Có mặt", "absent": "Vắng mặt", "excused": "Vắng có lý do"},
    "result": {"passed": "Đạt", "failed": "Không đạt"},
    "rating": {"htxsnv": "Hoàn thành xuất sắc nhiệm vụ", "httnv": "Hoàn thành tốt nhiệm vụ",
               "htnv": "Hoàn thành nhiệm vụ", "khtnv": "Không hoàn thành nhiệm vụ"},
}
_FLAGS = {"is_manager", "deceased", "is_own", "posthumous"}
_MONEY = {"amount", "base_salary"}
HIDDEN = {"created_at", "created_by", "updated_at", "updated_by", "id", "name_key"}
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def field_label(key: str) -> str:
    return FIELD_LABELS.get(key, key.replace("_", " ").capitalize())


def value_text(key: str, value: Any, names: dict[str, str], forms: dict[str, str], entity: str = "") -> str:
    """One stored value as the clerk reads it."""
    if value is None or value == "":
        return "(trống)"
    if key == "status":
        return (_DECISION_STATUS if entity == "decision" else _STATUS).get(str(value), str(value))
    if key in _VALUES:
        return _VALUES[key].get(str(value), str(value))
    if key in _FLAGS:
        return "Có" if value else "Không"
    if key in _MONEY and isinstance(value, int):
        return f"{format_int(value)} đồng"
    if key == "form_code":
        return forms.get(str(value), str(value))
    if isinstance(value, str) and _UUID.match(value):
        return names.get(value, "(bản ghi đã xóa)")
    if isinstance(value, str) and _ISO_DATE.match(value):
        return format_date(date.fromisoformat(value))
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def change_lines(row: dict[str, Any], names: dict[str, str], forms: dict[str, str]) -> list[str]:
    """"Trạng thái: Đã bình xét → Đã có quyết định" for each field an update changed; the fields of a new or
    deleted record otherwise."""
    before, after, entity = row.get("before") or {}, row.get("after") or {}, row.get("entity", "")
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    if before and after:
        keys = [k for k in after if k not in HIDDEN and before.get(k) != after.get(k)]
        return [f"{field_label(k)}: {value_text(k, before.get(k), names, forms, entity)} → "
                f"{value_text(k, after.get(k), names, forms, entity)}" for k in keys]
    values = after or before
    return [f"{field_label(k)}: {value_text(k, v, names, forms, entity)}" for k, v in values.items()
            if k not in HIDDEN and v not in (None, "", [])]


def ids_in(rows: list[dict[str, Any]]) -> set[str]:
    """Every record id an audit row names (its own, and the ids among its values)."""
    found: set[str] = set()
    for row in rows:
        if _UUID.match(str(row.get("entity_id") or "")):
            found.add(row["entity_id"])
        for values in (row.get("before"), row.get("after")):
            if isinstance(values, dict):
                found |= {v for v in values.values() if isinstance(v, str) and _UUID.match(v)}
    return found


def record_name(row: dict[str, Any], names: dict[str, str]) -> str:
    """The record's human name: from the lookup, else its own name fields, else its kind."""
    if row.get("entity_id") in names:
        return names[row["entity_id"]]
    for values in (row.get("after"), row.get("before")):
        if isinstance(values, dict):
            for key in ("full_name", "display_name", "name", "head_name", "title"):
                if values.get(key):
                    return str(values[key])
    entity_id = str(row.get("entity_id") or "")
    return "" if _UUID.match(entity_id) else entity_id
