"""Positions by year: what a person held from a year on, with the management flag ("lãnh đạo, quản lý từ
cấp phòng trở lên") that the dictionary of positions proposes and the clerk may override.

The history is ``person_position`` (migration 0008): entries "from year Y", plus at most one undated entry
(``from_year`` NULL: what the person held before any dated change, copied from the person's record). The
person's own ``position``/``is_manager`` stay today's position: a newest entry updates them. Readers:

- :func:`position_at` — the position held in a year (the form, the decision's lines, the Hồ sơ);
- :func:`position_history` — every entry, oldest first, for the Hồ sơ;
- :func:`set_position` / :func:`remove_position` — the clerk's edits (audited, one transaction each);
- :func:`manager_dictionary` / :func:`set_manager_dictionary` — the dictionary, a setting of the office.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emulation_desk.core.positions import DEFAULT_DICTIONARY, Proposal, clean_dictionary, propose_manager
from emulation_desk.errors import NotFoundError, ValidationError
from emulation_desk.services.common import Changes, Created, Removed, require_text, require_year
from emulation_desk.services.workspace import Workspace
from emulation_desk.settings import MANAGER_DICTIONARY

SOURCE_LABELS = {"dictionary": "theo danh mục chức vụ", "clerk": "cán bộ chọn", "record": "theo hồ sơ hiện tại"}


@dataclass(frozen=True)
class PositionAt:
    """The position held in ``year``: from a dated entry (``from_year``), the undated entry, or the person's
    record (``source`` "record": nothing in the history)."""

    year: int
    position: str
    is_manager: bool
    from_year: int | None = None
    dated: bool = False  # a dated entry of the history covers the year (not a copy of today's record)
    source: str = "record"  # dictionary | clerk | record (where the flag comes from)
    entry_id: str = ""

    def describe(self) -> str:
        since = f"từ năm {self.from_year}" if self.from_year else "chưa rõ từ năm nào"
        role = "lãnh đạo, quản lý" if self.is_manager else "không phải lãnh đạo, quản lý"
        return f"{self.position or '(chưa ghi chức vụ)'} ({since}; {role}, {SOURCE_LABELS[self.source]})"


def manager_dictionary(ws: Workspace) -> list[tuple[str, bool]]:
    """The office's dictionary of positions (the shipped one until the clerk corrects it)."""
    stored = MANAGER_DICTIONARY.read(ws.store)
    if stored is None:
        return list(DEFAULT_DICTIONARY)
    try:
        return clean_dictionary(stored)
    except ValueError:  # a hand-edited file never breaks the program
        return list(DEFAULT_DICTIONARY)


def set_manager_dictionary(ws: Workspace, entries: list[tuple[str, bool]] | None) -> Changes:
    """Replace the dictionary (None or empty: back to the shipped one)."""
    try:
        value = [[phrase, flag] for phrase, flag in clean_dictionary(entries or DEFAULT_DICTIONARY)]
    except ValueError as exc:
        raise ValidationError(str(exc), field="dictionary") from None
    with ws.store.transaction():
        MANAGER_DICTIONARY.write(ws.store, value)
    return Changes(settings=True)


def propose(ws: Workspace, position: str) -> Proposal:
    """The management flag the office's dictionary proposes for ``position``."""
    return propose_manager(position, manager_dictionary(ws))


@dataclass(frozen=True)
class LineFlag:
    """What a nomination line that does not state its management flag gets: the position (the one held in
    the year when the line gives none), the flag (None: nothing says it, the clerk chooses) and why."""

    position: str
    is_manager: bool | None
    why: str


def _same_position(a: str, b: str) -> bool:
    from emulation_desk.core.text import fold

    return " ".join(fold(a).split()) == " ".join(fold(b).split())


def flag_for_line(ws: Workspace, person_id: str | None, year: int, position: str,
                  dictionary: list[tuple[str, bool]] | None = None, *, held: PositionAt | None = None
                  ) -> LineFlag:
    """The flag a line without one gets, at the year of the award: the person's position history when it
    covers the year and names the same position (or the line names none); else the dictionary's proposal for
    the line's position; else today's record when it says "manager" for that position; else nothing.
    ``held``: the position held in ``year`` when the caller has read it already."""
    text = (position or "").strip()
    words = dictionary if dictionary is not None else manager_dictionary(ws)
    if held is None and person_id:
        held = position_at(ws, person_id, year)
    if held is not None and held.source in ("clerk", "dictionary") and (not text or _same_position(text, held.position)):
        return LineFlag(text or held.position, held.is_manager, f"Theo chức vụ năm {year}: {held.describe()}.")
    if held is not None and not text:
        text = held.position
    proposal = propose_manager(text, words)
    if proposal.is_manager is not None:
        return LineFlag(text, proposal.is_manager, proposal.describe())
    if held is not None and held.source == "record" and held.is_manager and _same_position(text, held.position):
        return LineFlag(text, True, "Theo hồ sơ hiện tại: lãnh đạo, quản lý.")
    return LineFlag(text, None, proposal.describe() if text else "Không ghi chức vụ: hãy tự chọn.")


def _person(ws: Workspace, person_id: str) -> dict[str, Any]:
    row = ws.store.get("person", person_id)
    if row is None:
        raise NotFoundError("Không tìm thấy cá nhân.")
    return row


def position_history(ws: Workspace, person_id: str) -> list[dict[str, Any]]:
    """The person's entries, the undated one first, then by year; each with ``source_label``."""
    rows = ws.store.query("SELECT * FROM person_position WHERE person_id = ? ORDER BY coalesce(from_year, 0)",
                          [person_id])
    return [{**r, "source_label": SOURCE_LABELS[r["manager_source"]]} for r in rows]


def _entry_at(entries: list[dict[str, Any]], year: int) -> dict[str, Any] | None:
    dated = [e for e in entries if e["from_year"] is not None and e["from_year"] <= year]
    if dated:
        return max(dated, key=lambda e: e["from_year"])
    return next((e for e in entries if e["from_year"] is None), None)


def position_at(ws: Workspace, person_id: str, year: int) -> PositionAt:
    """The position and management flag ``person_id`` held in ``year``."""
    entries = position_history(ws, person_id)
    entry = _entry_at(entries, year)
    if entry is None and entries:  # before the first recorded position: nothing was held that the records know
        return PositionAt(year, "", False)
    if entry is None:
        person = _person(ws, person_id)
        return PositionAt(year, person["position"], bool(person["is_manager"]))
    return PositionAt(year, entry["position"], bool(entry["is_manager"]), entry["from_year"],
                      entry["from_year"] is not None, entry["manager_source"], entry["id"])


def set_position(ws: Workspace, person_id: str, from_year: Any, position: str, *,
                 is_manager: bool | None = None, notes: str = "") -> Created:
    """The position held from ``from_year`` on (an entry of that year is replaced). ``is_manager`` None: the
    dictionary proposes it (a position it does not know is "not a manager" and says so in the history's
    source). The first dated entry keeps what the person's record said before as the undated entry, so the
    years before stay as they were; the newest entry becomes the person's position of today."""
    person = _person(ws, person_id)
    year = require_year(from_year, "from_year", "Năm bắt đầu giữ chức vụ")
    text = require_text(position, "position", "Chức vụ", required=False)
    proposal = propose(ws, text)
    flag = is_manager if is_manager is not None else bool(proposal.is_manager)
    if not text and not flag:
        raise ValidationError("Hãy ghi chức vụ (hoặc đánh dấu là lãnh đạo, quản lý).", field="position")
    source = "clerk" if is_manager is not None or proposal.is_manager is None else "dictionary"
    values = {"person_id": person_id, "from_year": year, "position": text, "is_manager": int(flag),
              "manager_source": source, "notes": require_text(notes, "notes", "Ghi chú", required=False,
                                                              max_length=1000)}
    entries = position_history(ws, person_id)
    store = ws.store
    with store.transaction():
        if not entries and (person["position"] or person["is_manager"]):
            store.insert("person_position", {"person_id": person_id, "from_year": None,
                                             "position": person["position"], "is_manager": person["is_manager"],
                                             "manager_source": "record"},
                         summary=f"Ghi chức vụ trước đây của {person['full_name']}")
        same = next((e for e in entries if e["from_year"] == year), None)
        summary = f"{person['full_name']}: {text or 'lãnh đạo, quản lý'} từ năm {year}"
        if same:
            store.update("person_position", same["id"], values, summary=f"Sửa chức vụ — {summary}")
            entry_id = same["id"]
        else:
            entry_id = store.insert("person_position", values, summary=f"Ghi chức vụ — {summary}")
        if all(e["from_year"] is None or e["from_year"] <= year for e in entries):
            store.update("person", person_id, {"position": text, "is_manager": int(flag)},
                         summary=f"Chức vụ hiện tại của {person['full_name']}")
    return Created(entry_id, Changes(people=True, ids={person_id, entry_id}))


def remove_position(ws: Workspace, entry_id: str) -> Removed:
    """Delete one entry of a history (the person's record of today is left as it is)."""
    row = ws.store.get("person_position", entry_id)
    if row is None:
        raise NotFoundError("Không tìm thấy dòng chức vụ này.")
    since = f"từ năm {row['from_year']}" if row["from_year"] else "trước đây"
    with ws.store.transaction():
        old = ws.store.delete("person_position", entry_id, summary=f"Xóa chức vụ {row['position']} {since}")
    return Removed(old, Changes(people=True, ids={row["person_id"]}))


MANAGER_AT_SQL = """(SELECT pp.is_manager FROM person_position pp WHERE pp.person_id = {person}
    AND pp.from_year <= {year} ORDER BY pp.from_year DESC LIMIT 1)"""
UNDATED_MANAGER_SQL = """(SELECT pp.is_manager FROM person_position pp WHERE pp.person_id = {person}
    AND pp.from_year IS NULL)"""


def manager_at_sql(person: str, year: str) -> str:
    """SQL of the flag held in a year by a dated entry (NULL when no dated entry covers it), for queries that
    count a year's lines in SQLite."""
    return MANAGER_AT_SQL.format(person=person, year=year)


def undated_manager_sql(person: str) -> str:
    return UNDATED_MANAGER_SQL.format(person=person)


def resolve_person(ws: Workspace, name: str, unit: str = "") -> dict[str, Any]:
    """The one person called ``name`` (accents and case ignored; ``unit``: part of the unit's name, to tell
    namesakes apart). A clear message listing the candidates when there are several (never a guess)."""
    from emulation_desk.core.text import fold, matches_folded

    rows = ws.store.query("SELECT p.*, coalesce(u.name, '') AS unit_name FROM person p "
                          "LEFT JOIN unit u ON u.id = p.unit_id WHERE p.name_key = ?", [fold(name)])
    if unit:
        rows = [r for r in rows if matches_folded(fold(r["unit_name"]), unit)]
    if len(rows) == 1:
        return rows[0]
    if not rows:
        raise NotFoundError(f"Không tìm thấy cá nhân «{name}»" + (f" ở đơn vị «{unit}»" if unit else "") + ".")
    listed = "; ".join(f"{r['full_name']} ({r['unit_name'] or 'chưa ghi đơn vị'}"
                       + (f", sinh năm {r['birth_year']}" if r["birth_year"] else "") + ")" for r in rows[:10])
    raise ValidationError(f"Có {len(rows)} người tên «{name}»: {listed}. Hãy ghi thêm đơn vị (--unit).",
                          field="person")
