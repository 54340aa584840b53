"""Deleted is not gone: deleting a nomination or a decision moves it to the trash (``deleted_at`` set).

Every list already hides rows with ``deleted_at``; :func:`restore` brings them back (the "undo" of a
delete is a restore of the returned ids) until :func:`empty_trash` deletes them for real — after a
backup, with every deleted row's full content kept in the audit log.
"""

from __future__ import annotations

from typing import Any

from emulation_desk.errors import NotFoundError, ValidationError
from emulation_desk.services.awards.nominations import NOMINEE_JOINS, NOMINEE_NAME
from emulation_desk.services.common import Changes
from emulation_desk.services.workspace import Workspace
from emulation_desk.storage.db import Store

KIND_LABELS = {"nomination": "Đề nghị khen thưởng", "decision": "Quyết định"}
TRASHABLE = tuple(KIND_LABELS)



def _decision_label(row: dict[str, Any]) -> str:
    number = f"số {row['number']}/{row['symbol']}" if row["number"] else "(chưa có số)"
    return f"Quyết định {number} ngày {row['signed_on'][8:10]}/{row['signed_on'][5:7]}/{row['signed_on'][:4]}"


def _in_a_decision(store: Store, row: dict[str, Any]) -> str:
    used = store.query(
        "SELECT d.number, d.symbol, d.signed_on FROM decision d WHERE d.deleted_at IS NULL AND "
        "(d.id = ? OR d.id IN (SELECT r.decision_id FROM decision_recipient r WHERE r.nomination_id = ?)) "
        "LIMIT 1", [row["decision_id"], row["id"]])
    if not used:
        return ""
    return (f"Đề nghị này đã được đưa vào {_decision_label(used[0])} nên không xóa được. "
            "Hãy bỏ người/tập thể này khỏi quyết định trước (hoặc xóa quyết định dự thảo).")


def why_not_deletable(ws: Workspace, ids: list[str]) -> str:
    """Why these nominations cannot go to the trash ("" when they can): asked before the clerk confirms."""
    for nomination_id in ids:
        row = ws.store.get("nomination", nomination_id)
        problem = _in_a_decision(ws.store, row) if row is not None and not row["deleted_at"] else ""
        if problem:
            name = ws.store.scalar(f"SELECT {NOMINEE_NAME} FROM nomination n {NOMINEE_JOINS} WHERE n.id = ?",
                                   [nomination_id])
            return f"{name}: {problem}" if len(ids) > 1 and name else problem
    return ""


def delete_nominations(ws: Workspace, ids: list[str]) -> Changes:
    """Move nominations to the trash (all or none)."""
    store = ws.store
    with store.transaction():
        for nomination_id in ids:
            row = store.get("nomination", nomination_id)
            if row is None or row["deleted_at"]:
                raise NotFoundError("Không tìm thấy đề nghị khen thưởng cần xóa (có thể đã bị xóa).")
            problem = _in_a_decision(store, row)
            if problem:
                raise ValidationError(problem)
            store.update("nomination", nomination_id, {"deleted_at": store.clock()}, action="delete",
                         summary="Chuyển đề nghị khen thưởng vào thùng rác")
    return Changes(nominations=True, ids=set(ids))


def delete_decision(ws: Workspace, decision_id: str) -> Changes:
    """Move a decision (with its recipients) to the trash; an issued own decision cannot be deleted."""
    store = ws.store
    row = store.get("decision", decision_id)
    if row is None or row["deleted_at"]:
        raise NotFoundError("Không tìm thấy quyết định cần xóa (có thể đã bị xóa).")
    if row["is_own"] and row["status"] == "issued":
        raise ValidationError(
            f"{_decision_label(row)} đã ban hành nên không xóa được: đó là văn bản đã gửi đi. "
            "Nếu quyết định có sai sót, hãy dùng chức năng “Đính chính” và ghi rõ lý do.")
    with store.transaction():
        store.update("decision", decision_id, {"deleted_at": store.clock()}, action="delete",
                     summary="Chuyển quyết định vào thùng rác")
    return Changes(decisions=True, nominations=True, ids={decision_id})


def list_trash(ws: Workspace) -> list[dict[str, Any]]:
    """Everything in the trash, most recently deleted first."""
    store = ws.store
    items: list[dict[str, Any]] = []
    for row in store.query(
            f"""SELECT n.id, n.year, n.deleted_at, n.updated_by, f.short_name AS form_name,
                       coalesce({NOMINEE_NAME}, '') AS nominee
                FROM nomination n JOIN award_form f ON f.code = n.form_code
                {NOMINEE_JOINS}
                WHERE n.deleted_at IS NOT NULL"""):
        items.append({"id": row["id"], "kind": "nomination", "kind_label": KIND_LABELS["nomination"],
                      "year": row["year"], "label": f"{row['nominee']} — {row['form_name']}",
                      "deleted_at": row["deleted_at"], "deleted_by": row["updated_by"], "detail": ""})
    for row in store.query(
            """SELECT d.*, (SELECT count(*) FROM decision_recipient r WHERE r.decision_id = d.id) AS recipients
               FROM decision d WHERE d.deleted_at IS NOT NULL"""):
        items.append({"id": row["id"], "kind": "decision", "kind_label": KIND_LABELS["decision"],
                      "year": row["year"], "label": f"{_decision_label(row)}: {row['title']}",
                      "deleted_at": row["deleted_at"], "deleted_by": row["updated_by"],
                      "detail": f"{row['recipients']} người/tập thể được khen"})
    return sorted(items, key=lambda item: item["deleted_at"], reverse=True)


def _trashed(store: Store, table: str, ids: list[str] | None) -> list[str]:
    rows = store.query(f"SELECT id FROM [{table}] WHERE deleted_at IS NOT NULL")
    found = [r["id"] for r in rows]
    return found if ids is None else [i for i in found if i in set(ids)]


def restore(ws: Workspace, ids: list[str]) -> Changes:
    """Take records out of the trash (all or none)."""
    store = ws.store
    changes = Changes(ids=set(ids))
    with store.transaction():
        for record_id in ids:
            table = next((t for t in TRASHABLE if (store.get(t, record_id) or {}).get("deleted_at")), None)
            if table is None:
                raise NotFoundError("Không tìm thấy mục cần khôi phục trong thùng rác.")
            if table == "decision":
                _check_number_free(store, store.get("decision", record_id) or {})
            store.update(table, record_id, {"deleted_at": None}, action="restore",
                         summary=f"Khôi phục {KIND_LABELS[table].lower()} từ thùng rác")
            changes.merge(Changes(nominations=True) if table == "nomination" else Changes(decisions=True))
    return changes


def _check_number_free(store: Store, row: dict[str, Any]) -> None:
    if not row.get("number"):
        return
    clash = store.scalar(
        "SELECT count(*) FROM decision WHERE deleted_at IS NULL AND issuer_name = ? AND year = ? AND number = ? "
        "AND symbol = ?", [row["issuer_name"], row["year"], row["number"], row["symbol"]])
    if clash:
        raise ValidationError(
            f"Không khôi phục được {_decision_label(row)} vì đã có quyết định khác cùng số. "  # number keeps its case
            "Hãy sửa số của quyết định kia trước.")


def empty_trash(ws: Workspace, ids: list[str] | None = None) -> Changes:
    """Delete trashed records for real (all of them, or only ``ids``), after a backup.

    Each deleted row (a decision's recipients too) is kept whole in the audit log. Links from records
    that stay (a nomination's decision, a recipient's nomination) are cleared, logged as updates.
    """
    from emulation_desk.services.maintenance.backup import backup_before

    store = ws.store
    decisions, nominations = _trashed(store, "decision", ids), _trashed(store, "nomination", ids)
    if not decisions and not nominations:
        return Changes()
    backup_before(ws, "empty_trash")
    with store.transaction():
        for decision_id in decisions:
            for row in store.query("SELECT id FROM nomination WHERE decision_id = ?", [decision_id]):
                store.update("nomination", row["id"], {"decision_id": None},
                             summary="Bỏ liên kết tới quyết định bị xóa hẳn")
            for row in store.query("SELECT id FROM decision_recipient WHERE decision_id = ?", [decision_id]):
                store.delete("decision_recipient", row["id"], summary="Xóa hẳn cùng quyết định trong thùng rác")
            store.delete("decision", decision_id, summary="Xóa hẳn quyết định khỏi thùng rác")
        for nomination_id in nominations:
            for row in store.query("SELECT id FROM decision_recipient WHERE nomination_id = ?", [nomination_id]):
                store.update("decision_recipient", row["id"], {"nomination_id": None},
                             summary="Bỏ liên kết tới đề nghị bị xóa hẳn")
            store.delete("nomination", nomination_id, summary="Xóa hẳn đề nghị khen thưởng khỏi thùng rác")
    return Changes(nominations=True, decisions=True, ids=set(decisions) | set(nominations))
