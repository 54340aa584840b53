"""Emulation blocs (khối thi đua) of a year: members, head and deputy, criteria, scores, ranking."""

from __future__ import annotations

from typing import Any

from emulation_desk.core.text import vi_sort_key
from emulation_desk.errors import NotFoundError, ValidationError
from emulation_desk.services.common import Changes, Copied, Created, Removed, require_text, require_year
from emulation_desk.services.workspace import Workspace


def add_bloc(ws: Workspace, year: Any, name: str, *, head_unit_id: str | None = None,
             deputy_unit_id: str | None = None, sort_order: int = 0, notes: str = "") -> Created:
    values = {"year": require_year(year), "name": require_text(name, "name", "Tên khối thi đua"),
              "head_unit_id": head_unit_id, "deputy_unit_id": deputy_unit_id, "sort_order": sort_order,
              "notes": notes}
    if head_unit_id and head_unit_id == deputy_unit_id:
        raise ValidationError("Khối trưởng và khối phó phải là hai đơn vị khác nhau.", field="deputy_unit_id")
    with ws.store.transaction():
        if ws.store.scalar("SELECT 1 FROM bloc WHERE year = ? AND name = ?", [values["year"], values["name"]]):
            raise ValidationError(f"Năm {values['year']} đã có khối “{values['name']}”.", field="name")
        bloc_id = ws.store.insert("bloc", values, summary=f"Tạo khối thi đua {values['name']} năm {values['year']}")
    return Created(bloc_id, Changes(blocs=True, ids={bloc_id}))


def get_bloc(ws: Workspace, bloc_id: str) -> dict[str, Any]:
    row = ws.store.get("bloc", bloc_id)
    if row is None:
        raise NotFoundError("Không tìm thấy khối thi đua.")
    return row


def set_members(ws: Workspace, bloc_id: str, unit_ids: list[str]) -> Changes:
    """Put units in a bloc; a unit already in another bloc of the same year is moved here."""
    store = ws.store
    bloc = get_bloc(ws, bloc_id)
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


def add_criterion(ws: Workspace, bloc_id: str, name: str, max_points: Any, *, sort_order: int = 0
                  ) -> Created:
    try:
        points = float(str(max_points).replace(",", "."))
    except ValueError:
        raise ValidationError("Điểm tối đa phải là một số.", field="max_points") from None
    if points <= 0:
        raise ValidationError("Điểm tối đa phải lớn hơn 0.", field="max_points")
    with ws.store.transaction():
        criterion_id = ws.store.insert("bloc_criterion", {
            "bloc_id": bloc_id, "name": require_text(name, "name", "Tên tiêu chí", max_length=500),
            "max_points": points, "sort_order": sort_order}, summary="Thêm tiêu chí chấm điểm")
    return Created(criterion_id, Changes(blocs=True, ids={bloc_id}))


def set_score(ws: Workspace, criterion_id: str, unit_id: str, points: Any) -> Changes:
    store = ws.store
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


def list_blocs(ws: Workspace, year: int) -> list[dict[str, Any]]:
    return ws.store.query(
        """SELECT b.*, hu.name AS head_name, du.name AS deputy_name,
                  (SELECT count(*) FROM bloc_member m WHERE m.bloc_id = b.id) AS member_count
           FROM bloc b LEFT JOIN unit hu ON hu.id = b.head_unit_id LEFT JOIN unit du ON du.id = b.deputy_unit_id
           WHERE b.year = ? ORDER BY b.sort_order, b.name""", [year])


def bloc_results(ws: Workspace, bloc_id: str) -> dict[str, Any]:
    """Scoring grid of a bloc: criteria, each member's points, total and rank (ties share a rank)."""
    criteria = ws.store.query("SELECT * FROM bloc_criterion WHERE bloc_id = ? ORDER BY sort_order, name", [bloc_id])
    members = ws.store.query("SELECT u.id, u.name FROM bloc_member m JOIN unit u ON u.id = m.unit_id "
                             "WHERE m.bloc_id = ? ORDER BY m.sort_order", [bloc_id])
    scores = ws.store.query("SELECT s.* FROM bloc_score s JOIN bloc_criterion c ON c.id = s.criterion_id "
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


def update_bloc(ws: Workspace, bloc_id: str, *, name: str, head_unit_id: str | None = None,
                deputy_unit_id: str | None = None, notes: str = "") -> Changes:
    store = ws.store
    bloc = get_bloc(ws, bloc_id)
    clean = require_text(name, "name", "Tên khối thi đua")
    if head_unit_id and head_unit_id == deputy_unit_id:
        raise ValidationError("Khối trưởng và khối phó phải là hai đơn vị khác nhau.", field="deputy_unit_id")
    with store.transaction():
        if store.scalar("SELECT 1 FROM bloc WHERE year = ? AND name = ? AND id <> ?", [bloc["year"], clean, bloc_id]):
            raise ValidationError(f"Năm {bloc['year']} đã có khối “{clean}”.", field="name")
        store.update("bloc", bloc_id, {"name": clean, "head_unit_id": head_unit_id, "deputy_unit_id": deputy_unit_id,
                                       "notes": notes}, summary=f"Sửa khối thi đua {clean}")
    return Changes(blocs=True, ids={bloc_id})


def delete_bloc(ws: Workspace, bloc_id: str) -> Removed:
    """Delete a bloc that has no members and no criteria yet; return it (for undo)."""
    store = ws.store
    bloc = get_bloc(ws, bloc_id)
    used = store.scalar("SELECT EXISTS(SELECT 1 FROM bloc_member WHERE bloc_id = ?1) "
                        "OR EXISTS(SELECT 1 FROM bloc_criterion WHERE bloc_id = ?1)", [bloc_id])
    if used:
        raise ValidationError(f"Khối “{bloc['name']}” đã có đơn vị hoặc tiêu chí nên không xóa được. "
                              "Hãy bỏ các đơn vị và tiêu chí khỏi khối trước.")
    with store.transaction():
        store.delete("bloc", bloc_id, summary=f"Xóa khối thi đua {bloc['name']}")
    return Removed(bloc, Changes(blocs=True, ids={bloc_id}))


def list_members(ws: Workspace, bloc_id: str) -> list[dict[str, Any]]:
    return ws.store.query("SELECT m.*, u.name AS unit_name FROM bloc_member m JOIN unit u ON u.id = m.unit_id "
                          "WHERE m.bloc_id = ? ORDER BY m.sort_order, u.name", [bloc_id])


def remove_member(ws: Workspace, bloc_id: str, unit_id: str) -> Removed:
    """Take a unit out of a bloc when it has no scores there; return the membership row (for undo)."""
    store = ws.store
    rows = store.query("SELECT * FROM bloc_member WHERE bloc_id = ? AND unit_id = ?", [bloc_id, unit_id])
    if not rows:
        raise NotFoundError("Đơn vị không thuộc khối này.")
    scored = store.scalar("SELECT count(*) FROM bloc_score s JOIN bloc_criterion c ON c.id = s.criterion_id "
                          "WHERE c.bloc_id = ? AND s.unit_id = ?", [bloc_id, unit_id])
    if scored:
        raise ValidationError("Đơn vị đã được chấm điểm trong khối này nên không bỏ ra được. "
                              "Hãy chuyển đơn vị sang khối khác (điểm đã chấm được giữ lại) hoặc xóa điểm trước.")
    bloc = get_bloc(ws, bloc_id)
    if unit_id in (bloc["head_unit_id"], bloc["deputy_unit_id"]):
        raise ValidationError("Đơn vị đang là khối trưởng hoặc khối phó; hãy chọn khối trưởng/khối phó khác trước.")
    with store.transaction():
        store.delete("bloc_member", rows[0]["id"], summary="Bỏ đơn vị khỏi khối thi đua")
    return Removed(rows[0], Changes(blocs=True, ids={bloc_id, unit_id}))


def update_criterion(ws: Workspace, criterion_id: str, *, name: str, max_points: Any) -> Changes:
    store = ws.store
    criterion = store.get("bloc_criterion", criterion_id)
    if criterion is None:
        raise NotFoundError("Không tìm thấy tiêu chí.")
    points = _points_value(max_points, "max_points", "Điểm tối đa")
    if points <= 0:
        raise ValidationError("Điểm tối đa phải lớn hơn 0.", field="max_points")
    highest = store.scalar("SELECT max(points) FROM bloc_score WHERE criterion_id = ?", [criterion_id])
    if highest is not None and highest > points:
        raise ValidationError(f"Đã có đơn vị được chấm {highest:g} điểm ở tiêu chí này; điểm tối đa không được nhỏ "
                              "hơn số đó.", field="max_points")
    with store.transaction():
        store.update("bloc_criterion", criterion_id,
                     {"name": require_text(name, "name", "Tên tiêu chí", max_length=500), "max_points": points},
                     summary="Sửa tiêu chí chấm điểm")
    return Changes(blocs=True, ids={criterion["bloc_id"]})


def delete_criterion(ws: Workspace, criterion_id: str) -> Removed:
    """Delete a criterion nobody has been scored on yet; return it (for undo)."""
    store = ws.store
    criterion = store.get("bloc_criterion", criterion_id)
    if criterion is None:
        raise NotFoundError("Không tìm thấy tiêu chí.")
    if store.scalar("SELECT count(*) FROM bloc_score WHERE criterion_id = ?", [criterion_id]):
        raise ValidationError(f"Tiêu chí “{criterion['name']}” đã có điểm chấm nên không xóa được.")
    with store.transaction():
        store.delete("bloc_criterion", criterion_id, summary=f"Xóa tiêu chí {criterion['name']}")
    return Removed(criterion, Changes(blocs=True, ids={criterion["bloc_id"]}))


def clear_score(ws: Workspace, criterion_id: str, unit_id: str) -> Changes:
    """Remove one score (the cell becomes empty again)."""
    with ws.store.transaction():
        existing = ws.store.scalar("SELECT id FROM bloc_score WHERE criterion_id = ? AND unit_id = ?",
                                   [criterion_id, unit_id])
        if existing:
            ws.store.delete("bloc_score", existing, summary="Xóa điểm chấm")
    return Changes(blocs=True, ids={criterion_id, unit_id})


def _points_value(value: Any, field: str, label: str) -> float:
    try:
        return float(str(value).strip().replace(",", "."))
    except ValueError:
        raise ValidationError(f"{label} phải là một số, ví dụ 8,5.", field=field) from None


def copy_year(ws: Workspace, from_year: Any, to_year: Any) -> Copied:
    """Copy last year's blocs (name, head, deputy, members still active) and criteria into a new year;
    scores are not copied. Refused when the new year already has blocs. Returns the number of blocs."""
    store = ws.store
    source, target = require_year(from_year), require_year(to_year)
    if source == target:
        raise ValidationError("Năm nguồn và năm đích phải khác nhau.", field="to_year")
    blocs = list_blocs(ws, source)
    if not blocs:
        raise ValidationError(f"Năm {source} chưa có khối thi đua nào để sao chép.", field="from_year")
    if store.scalar("SELECT count(*) FROM bloc WHERE year = ?", [target]):
        raise ValidationError(f"Năm {target} đã có khối thi đua; không sao chép chồng lên.", field="to_year")
    active = ("(u.valid_from IS NULL OR u.valid_from <= ?) AND (u.valid_to IS NULL OR u.valid_to >= ?)")
    bounds = [f"{target}-12-31", f"{target}-01-01"]
    with store.transaction():
        for bloc in blocs:
            members = store.query(f"SELECT m.* FROM bloc_member m JOIN unit u ON u.id = m.unit_id "
                                  f"WHERE m.bloc_id = ? AND {active} ORDER BY m.sort_order", [bloc["id"], *bounds])
            kept = {m["unit_id"] for m in members}
            new_id = store.insert("bloc", {
                "year": target, "name": bloc["name"], "sort_order": bloc["sort_order"], "notes": bloc["notes"],
                "head_unit_id": bloc["head_unit_id"] if bloc["head_unit_id"] in kept else None,
                "deputy_unit_id": bloc["deputy_unit_id"] if bloc["deputy_unit_id"] in kept else None},
                summary=f"Sao chép khối {bloc['name']} sang năm {target}")
            store.insert_many("bloc_member", [{"bloc_id": new_id, "unit_id": m["unit_id"], "year": target,
                                               "sort_order": m["sort_order"]} for m in members])
            criteria = store.query("SELECT * FROM bloc_criterion WHERE bloc_id = ? ORDER BY sort_order", [bloc["id"]])
            store.insert_many("bloc_criterion", [{"bloc_id": new_id, "name": c["name"], "max_points": c["max_points"],
                                                  "sort_order": c["sort_order"]} for c in criteria])
        store.log("create", "bloc", "", f"Sao chép {len(blocs)} khối thi đua và tiêu chí từ năm {source} sang năm {target}")
    return Copied(len(blocs), Changes(blocs=True))
