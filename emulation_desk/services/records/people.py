"""People (cá nhân): one identity across years, so that their award history is one list."""

from __future__ import annotations

from datetime import date
from typing import Any

from emulation_desk.core.text import fold, matches_folded, nfc, person_sort_key
from emulation_desk.errors import NotFoundError, ValidationError
from emulation_desk.services.common import Changes, Created, Removed, optional_date, require_text
from emulation_desk.services.workspace import Workspace


def person_values(full_name: str, *, gender: str | None = None, birth_year: Any = None, birth_date: Any = None,
                   unit_id: str | None = None, position: str = "", is_manager: bool = False,
                   recruited_on: Any = None, hometown: str = "", deceased: bool = False, notes: str = ""
                   ) -> dict[str, Any]:
    name = require_text(full_name, "full_name", "Họ và tên", max_length=200)
    if gender not in (None, "", "nam", "nu"):
        raise ValidationError("Giới tính phải là Nam hoặc Nữ.", field="gender")
    born = optional_date(birth_date, "birth_date", "Ngày sinh")
    year: int | None = None
    if birth_year not in (None, ""):
        try:
            year = int(str(birth_year).strip())
        except ValueError:
            raise ValidationError("Năm sinh phải là một số, ví dụ 1978.", field="birth_year") from None
    if born is not None:
        if year is not None and year != born.year:
            raise ValidationError("Năm sinh không khớp với ngày sinh.", field="birth_year")
        year = born.year
    if year is not None and not 1900 <= year <= date.today().year:
        raise ValidationError(f"Năm sinh {year} không hợp lý (phải từ 1900 đến năm nay).", field="birth_year")
    recruited = optional_date(recruited_on, "recruited_on", "Ngày tuyển dụng")
    return {
        "full_name": name, "name_key": fold(name), "gender": gender or None, "birth_year": year,
        "birth_date": born.isoformat() if born else None, "unit_id": unit_id or None,
        "position": require_text(position, "position", "Chức vụ", required=False, max_length=300),
        "is_manager": int(bool(is_manager)), "recruited_on": recruited.isoformat() if recruited else None,
        "hometown": require_text(hometown, "hometown", "Quê quán", required=False, max_length=300),
        "deceased": int(bool(deceased)), "notes": nfc(notes or ""),
    }


def add_person(ws: Workspace, full_name: str, **fields: Any) -> Created:
    values = person_values(full_name, **fields)
    with ws.store.transaction():
        person_id = ws.store.insert("person", values, summary=f"Thêm cá nhân {values['full_name']}")
    return Created(person_id, Changes(people=True, ids={person_id}))


def get_person(ws: Workspace, person_id: str) -> dict[str, Any]:
    row = ws.store.get("person", person_id)
    if row is None:
        raise NotFoundError("Không tìm thấy cá nhân.")
    return row


def update_person(ws: Workspace, person_id: str, *, position_from: Any = None, **fields: Any) -> Changes:
    """Correct a person's record. With ``position_from`` (a year) a changed position or management flag is a
    new dated position held from that year on (:func:`positions.set_position`: the years before keep the old
    one, so a promotion does not rewrite last year's table); ``is_manager`` None then lets the dictionary of
    positions propose the flag. Without it, the record's position is corrected as it stands."""
    current = get_person(ws, person_id)
    merged = {k: current[k] for k in ("gender", "birth_year", "birth_date", "unit_id", "position", "is_manager",
                                      "recruited_on", "hometown", "deceased", "notes")}
    dated = position_from not in (None, "") and position_changed(current, fields)
    position, manager = current["position"], None
    if dated:  # the record keeps today's position until set_position says the new one is the newest
        position, manager = fields.pop("position", current["position"]), fields.pop("is_manager", None)
    merged.update({k: v for k, v in fields.items() if k != "full_name"})
    values = person_values(fields.get("full_name", current["full_name"]), **merged)
    changes = Changes(people=True, ids={person_id})
    with ws.store.transaction():
        ws.store.update("person", person_id, values, summary=f"Sửa thông tin cá nhân {values['full_name']}")
        if dated:
            from emulation_desk.services.records.positions import set_position

            changes.merge(set_position(ws, person_id, position_from, position, is_manager=manager).changes)
    return changes


def position_changed(current: dict[str, Any], fields: dict[str, Any]) -> bool:
    """Whether the edited ``position`` / ``is_manager`` differ from the record (spaces and case aside)."""
    from emulation_desk.core.text import clean_text

    if "position" in fields and fold(clean_text(fields["position"] or "")) != fold(current["position"] or ""):
        return True
    return fields.get("is_manager") is not None and bool(fields["is_manager"]) != bool(current["is_manager"])


def search_people(ws: Workspace, query: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """Type-ahead: people whose folded name contains every folded word of the query."""
    words = fold(query).split()
    if not words:
        return []
    like = "%" + words[0] + "%"
    rows = ws.store.query(
        "SELECT p.*, u.name AS unit_name FROM person p LEFT JOIN unit u ON u.id = p.unit_id "
        "WHERE p.name_key LIKE ? LIMIT ?", [like, limit * 20])
    hits = [r for r in rows if matches_folded(r["name_key"], query)]
    hits.sort(key=lambda r: person_sort_key(r["full_name"]))
    return hits[:limit]


def list_people(ws: Workspace, unit_id: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT p.*, u.name AS unit_name FROM person p LEFT JOIN unit u ON u.id = p.unit_id"
    params: list[Any] = []
    if unit_id:
        sql += " WHERE p.unit_id = ?"
        params.append(unit_id)
    rows = ws.store.query(sql, params)
    rows.sort(key=lambda r: person_sort_key(r["full_name"]))
    return rows


def person_history(ws: Workspace, person_id: str) -> list[dict[str, Any]]:
    """Every award of a person across years and issuers, newest first."""
    return ws.store.query(
        """SELECT d.year, d.number, d.symbol, d.signed_on, d.issuer_name, d.issuer_level, f.name AS form_name,
                  f.code AS form_code, r.kind, r.position, r.unit_name, d.id AS decision_id
           FROM decision_recipient r JOIN decision d ON d.id = r.decision_id JOIN award_form f ON f.code = r.form_code
           WHERE r.person_id = ? AND d.deleted_at IS NULL ORDER BY d.signed_on DESC""", [person_id])


def person_in_use(ws: Workspace, person_id: str) -> bool:
    """Whether anything refers to the person (nominations, awards, ratings, initiatives, discipline…)."""
    return bool(ws.store.scalar(
        "SELECT EXISTS(SELECT 1 FROM nomination WHERE person_id = ?1) "
        "OR EXISTS(SELECT 1 FROM decision_recipient WHERE person_id = ?1) "
        "OR EXISTS(SELECT 1 FROM person_year WHERE person_id = ?1) "
        "OR EXISTS(SELECT 1 FROM initiative WHERE person_id = ?1) "
        "OR EXISTS(SELECT 1 FROM discipline WHERE person_id = ?1) "
        "OR EXISTS(SELECT 1 FROM council_member WHERE person_id = ?1)", [person_id]))


def delete_person(ws: Workspace, person_id: str) -> Removed:
    """Delete a person nothing refers to; return the deleted row (for undo)."""
    store = ws.store
    person = get_person(ws, person_id)
    if person_in_use(ws, person_id):
        raise ValidationError(f"“{person['full_name']}” đã có đề nghị, khen thưởng hoặc hồ sơ theo năm nên không "
                              "xóa được. Nếu người này đã chuyển đi, hãy sửa đơn vị công tác.")
    positions = store.query("SELECT * FROM person_position WHERE person_id = ?", [person_id])
    with store.transaction():  # the positions by year are part of the record: deleted (and restored) with it
        for entry in positions:
            store.delete("person_position", entry["id"], summary=f"Xóa chức vụ theo năm của {person['full_name']}")
        store.delete("person", person_id, summary=f"Xóa cá nhân {person['full_name']}")
    return Removed(person, Changes(people=True, ids={person_id}), (("person_position", tuple(positions)),))


def restore_person(ws: Workspace, removed: Removed) -> Changes:
    """Undo :func:`delete_person`: the person and the positions by year deleted with it, all or none."""
    from emulation_desk.services.maintenance.undo import restore_rows

    with ws.store.transaction():
        changes = restore_rows(ws, "person", [removed.row])
        for table, rows in removed.dependents:
            if rows:
                changes.merge(restore_rows(ws, table, list(rows)))
    return changes
