"""Emulation blocs (khối thi đua) of a year: members, head and deputy, criteria, scores, ranking."""

from __future__ import annotations

from typing import Any

from emulation_desk.core.text import vi_sort_key
from emulation_desk.errors import NotFoundError, ValidationError
from emulation_desk.services.common import Changes, require_text, require_year
from emulation_desk.storage.db import Store


def add_bloc(store: Store, year: Any, name: str, *, head_unit_id: str | None = None,
             deputy_unit_id: str | None = None, sort_order: int = 0, notes: str = "") -> tuple[str, Changes]:
    values = {"year": require_year(year), "name": require_text(name, "name", "Tên khối thi đua"),
              "head_unit_id": head_unit_id, "deputy_unit_id": deputy_unit_id, "sort_order": sort_order,
              "notes": notes}
    if head_unit_id and head_unit_id == deputy_unit_id:
        raise ValidationError("Khối trưởng và khối phó phải là hai đơn vị khác nhau.", field="deputy_unit_id")
    with store.transaction():
        if store.scalar("SELECT 1 FROM bloc WHERE year = ? AND name = ?", [values["year"], values["name"]]):
            raise ValidationError(f"Năm {values['year']} đã có khối “{values['name']}”.", field="name")
        bloc_id = store.insert("bloc", values, summary=f"Tạo khối thi đua {values['name']} năm {values['year']}")
    return bloc_id, Changes(blocs=True, ids={bloc_id})


def get_bloc(store: Store, bloc_id: str) -> dict[str, Any]:
    row = store.get("bloc", bloc_id)
    if row is None:
        raise NotFoundError("Không tìm thấy khối thi đua.")
    return row


def set_members(store: Store, bloc_id: str, unit_ids: list[str]) -> Changes:
    """Put units in a bloc; a unit already in another bloc of the same year is moved here."""
    bloc = get_bloc(store, bloc_id)
    with store.transaction():
        for order, unit_id in enumerate(unit_ids, start=1):
            existing = store.query("SELECT * FROM bloc_member WHERE year = ? AND unit_id = ?", [bloc["year"], unit_id])
            if existing:
                if existing[0]["bloc_id"] != bloc_id:
                    store.update("bloc_member", existing[0]["id"], {"bloc_id": bloc_id, "sort_order": order},
                                 summary="Chuyển đơn vị sang khối khác")
            else:
                store.insert("bloc_member", {"bloc_id": bloc_id, "unit_id": unit_id, "year": bloc["year"],
                                             "sort_order": order}, summary="Thêm đơn vị vào khối")
    return Changes(blocs=True, ids={bloc_id, *unit_ids})


def add_criterion(store: Store, bloc_id: str, name: str, max_points: Any, *, sort_order: int = 0
                  ) -> tuple[str, Changes]:
    try:
        points = float(str(max_points).replace(",", "."))
    except ValueError:
        raise ValidationError("Điểm tối đa phải là một số.", field="max_points") from None
    if points <= 0:
        raise ValidationError("Điểm tối đa phải lớn hơn 0.", field="max_points")
    with store.transaction():
        criterion_id = store.insert("bloc_criterion", {
            "bloc_id": bloc_id, "name": require_text(name, "name", "Tên tiêu chí", max_length=500),
            "max_points": points, "sort_order": sort_order}, summary="Thêm tiêu chí chấm điểm")
    return criterion_id, Changes(blocs=True, ids={bloc_id})


def set_score(store: Store, criterion_id: str, unit_id: str, points: Any) -> Changes:
    criterion = store.get("bloc_criterion", criterion_id)
    if criterion is None:
        raise NotFoundError("Không tìm thấy tiêu chí.")
    try:
        value = float(str(points).replace(",", "."))
    except ValueError:
        raise ValidationError("Điểm phải là một số.", field="points") from None
    if value < 0 or value > criterion["max_points"]:
        raise ValidationError(f"Điểm phải từ 0 đến {criterion['max_points']:g}.", field="points")
    with store.transaction():
        existing = store.scalar("SELECT id FROM bloc_score WHERE criterion_id = ? AND unit_id = ?",
                                [criterion_id, unit_id])
        if existing:
            store.update("bloc_score", existing, {"points": value}, summary="Sửa điểm chấm")
        else:
            store.insert("bloc_score", {"criterion_id": criterion_id, "unit_id": unit_id, "points": value},
                         summary="Chấm điểm")
    return Changes(blocs=True, ids={criterion_id, unit_id})


def list_blocs(store: Store, year: int) -> list[dict[str, Any]]:
    return store.query(
        """SELECT b.*, hu.name AS head_name, du.name AS deputy_name,
                  (SELECT count(*) FROM bloc_member m WHERE m.bloc_id = b.id) AS member_count
           FROM bloc b LEFT JOIN unit hu ON hu.id = b.head_unit_id LEFT JOIN unit du ON du.id = b.deputy_unit_id
           WHERE b.year = ? ORDER BY b.sort_order, b.name""", [year])


def bloc_results(store: Store, bloc_id: str) -> dict[str, Any]:
    """Scoring grid of a bloc: criteria, each member's points, total and rank (ties share a rank)."""
    criteria = store.query("SELECT * FROM bloc_criterion WHERE bloc_id = ? ORDER BY sort_order, name", [bloc_id])
    members = store.query("SELECT u.id, u.name FROM bloc_member m JOIN unit u ON u.id = m.unit_id "
                          "WHERE m.bloc_id = ? ORDER BY m.sort_order", [bloc_id])
    scores = store.query("SELECT s.* FROM bloc_score s JOIN bloc_criterion c ON c.id = s.criterion_id "
                         "WHERE c.bloc_id = ?", [bloc_id])
    grid = {(s["unit_id"], s["criterion_id"]): s["points"] for s in scores}
    rows = []
    for member in members:
        points = [grid.get((member["id"], c["id"])) for c in criteria]
        rows.append({"unit_id": member["id"], "unit_name": member["name"], "points": points,
                     "total": round(sum(p for p in points if p is not None), 2),
                     "complete": all(p is not None for p in points)})
    rows.sort(key=lambda r: (-r["total"], vi_sort_key(r["unit_name"])))
    rank = 0
    previous: float | None = None
    for index, row in enumerate(rows, start=1):
        if row["total"] != previous:
            rank = index
            previous = row["total"]
        row["rank"] = rank
    leader = rows[0] if rows and rows[0]["total"] > 0 and (len(rows) == 1 or rows[1]["total"] < rows[0]["total"]) else None
    return {"criteria": criteria, "rows": rows, "max_total": sum(c["max_points"] for c in criteria),
            "leader": leader}
