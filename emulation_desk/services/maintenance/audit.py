"""The audit log: one row per change (who, when, what, before/after), read back with filters.

Store writes the rows of create/update/delete itself. Other services record the events that are not a
single row change — an import, an export, a backup, a restore — with :func:`record_event`.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from emulation_desk.services.workspace import Workspace

ACTION_LABELS = {
    "create": "Thêm", "update": "Sửa", "delete": "Xóa", "restore": "Khôi phục", "import": "Nhập dữ liệu",
    "export": "Xuất dữ liệu", "backup": "Sao lưu", "migrate": "Nâng cấp dữ liệu", "correct": "Đính chính",
    "issue": "Ban hành", "other": "Khác",
}
ENTITY_LABELS = {
    "database": "Tệp dữ liệu", "settings": "Thiết lập", "organisation": "Cơ quan", "signatory": "Người ký",
    "unit": "Đơn vị", "unit_year": "Đơn vị theo năm", "person": "Cá nhân", "person_year": "Cá nhân theo năm",
    "person_position": "Chức vụ theo năm",
    "household": "Hộ gia đình", "initiative": "Sáng kiến", "discipline": "Kỷ luật", "regime": "Chế độ khen thưởng",
    "base_salary": "Lương cơ sở", "award_kind": "Loại khen thưởng", "stat_group": "Nhóm biểu tổng hợp",
    "stat_row": "Dòng biểu tổng hợp", "award_form": "Hình thức khen thưởng", "form_coefficient": "Hệ số tiền thưởng",
    "council": "Hội đồng", "council_member": "Thành viên hội đồng", "bloc": "Khối thi đua",
    "bloc_member": "Thành viên khối", "bloc_criterion": "Tiêu chí chấm điểm", "bloc_score": "Điểm chấm",
    "decision": "Quyết định", "nomination": "Đề nghị khen thưởng", "decision_recipient": "Người/tập thể được khen",
    "report": "Báo cáo", "report_section": "Mục báo cáo", "demo": "Dữ liệu mẫu", "catalog": "Danh mục khen thưởng",
}
EVENT_ACTIONS = ("import", "export", "backup", "restore", "migrate", "other")
_HIDDEN_FIELDS = {"created_at", "created_by", "updated_at", "updated_by"}



def record_event(ws: Workspace, action: str, summary: str, *, entity: str = "database",
                 entity_id: str = "", details: dict[str, Any] | None = None) -> None:
    """Add one audit row for an import, export, backup, restore… (inside the caller's transaction when
    there is one, so an import and its row are saved together)."""
    if action not in EVENT_ACTIONS:
        raise ValueError(f"not an event action: {action}")
    store = ws.store
    with store.transaction():
        store.log(action, entity, entity_id, summary, after=details)


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def local_time_text(at: str) -> str:
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return at
    return moment.astimezone().strftime("%d/%m/%Y %H:%M:%S")


def _changes_text(before: dict[str, Any] | None, after: dict[str, Any] | None, action: str) -> str:
    if action == "update" and before is not None and after is not None:
        keys = [k for k in after if k not in _HIDDEN_FIELDS]
        return "; ".join(f"{k}: {before.get(k)!s} → {after.get(k)!s}" for k in keys)
    return ""


def audit_entries(ws: Workspace, *, record_id: str | None = None, entity: str | None = None,
                  actor: str | None = None, action: str | None = None, date_from: date | None = None,
                  date_to: date | None = None, limit: int = 5000) -> list[dict[str, Any]]:
    """Audit rows, newest first. ``record_id`` finds the record's own rows and every row that names it
    (a decision's recipients, a person's nominations…); dates are local calendar days, inclusive."""
    where, params = [], []
    if record_id:
        where.append("(entity_id = ? OR instr(coalesce(before_json, ''), ?) > 0 "
                     "OR instr(coalesce(after_json, ''), ?) > 0)")
        params += [record_id, record_id, record_id]
    for column, value in (("entity", entity), ("actor", actor), ("action", action)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if date_from:
        where.append("at >= ?")
        params.append(_utc_text(datetime.combine(date_from, time.min).astimezone()))
    if date_to:
        where.append("at < ?")
        params.append(_utc_text(datetime.combine(date_to + timedelta(days=1), time.min).astimezone()))
    sql = "SELECT * FROM audit_log" + (" WHERE " + " AND ".join(where) if where else "")
    rows = ws.store.query(sql + " ORDER BY seq DESC LIMIT ?", [*params, limit])
    for row in rows:
        before = json.loads(row["before_json"]) if row["before_json"] else None
        after = json.loads(row["after_json"]) if row["after_json"] else None
        row.update(before=before, after=after, at_text=local_time_text(row["at"]),
                   action_label=ACTION_LABELS.get(row["action"], row["action"]),
                   entity_label=ENTITY_LABELS.get(row["entity"], row["entity"]),
                   changes=_changes_text(before, after, row["action"]))
    return rows


def audit_actors(ws: Workspace) -> list[str]:
    return [r["actor"] for r in ws.store.query("SELECT DISTINCT actor FROM audit_log ORDER BY actor")]


def audit_count(ws: Workspace) -> int:
    return int(ws.store.scalar("SELECT count(*) FROM audit_log"))
