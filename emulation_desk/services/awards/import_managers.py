"""The management flag of an imported nomination line ("Lãnh đạo quản lý").

A line that states the flag ("x", "có", "không"…) keeps it, whatever its position says. A line whose cell is
blank — or a file without the column — gets the flag proposed at the year of the award
(:func:`emulation_desk.services.records.positions.flag_for_line`: the person's position history, else the
dictionary of positions, editable in Thiết lập → "Chức vụ, kỳ báo cáo"). Every proposed line is listed in the
preview (:attr:`ImportPreview.manager_lines`) and the clerk may override any of them before importing
(:func:`choose_manager`, or ``managers=`` when planning again). A person the import creates gets the same flag
in the record.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from emulation_desk.exchange.plan import ImportPreview, ManagerLine, NewPerson, PlannedItem
from emulation_desk.services.records.positions import PositionAt, flag_for_line, manager_dictionary
from emulation_desk.services.workspace import Workspace


def line_key(item: PlannedItem) -> str:
    return f"{item.entry.sheet}!{item.entry.row}"


def plan_managers(ws: Workspace, preview: ImportPreview, chosen: Mapping[str, bool] | None = None) -> None:
    """Propose the flag of every individual line that does not state it; ``chosen`` (line key → flag) are the
    clerk's overrides from an earlier preview of the same list."""
    dictionary = manager_dictionary(ws)
    year = preview.year or 0
    chosen = chosen or {}
    preview.manager_lines = []
    lines = [i for i in preview.items if i.entry.subject == "ca_nhan" and i.entry.is_manager is None]
    with_history = _with_history(ws, [i.nominee.id for i in lines if i.nominee.id])
    for item in lines:
        person_id, known = item.nominee.id, item.nominee.details or {}
        held = None  # read from the history (one query each) only for the few people who have one
        if person_id and person_id not in with_history and known:
            held = PositionAt(year, known.get("position") or "", bool(known.get("is_manager")))
        proposal = flag_for_line(ws, person_id, year, item.entry.position, dictionary, held=held)
        key = line_key(item)
        line = ManagerLine(key, item.entry.sheet, item.entry.row, item.entry.name, proposal.position,
                           proposal.is_manager, proposal.why, chosen.get(key))
        preview.manager_lines.append(line)
        _apply(item, line)


def _with_history(ws: Workspace, person_ids: list[str]) -> set[str]:
    """Which of these people have a position history (one query for the whole list)."""
    if not person_ids:
        return set()
    return {r["person_id"] for r in ws.store.query(
        "SELECT DISTINCT person_id FROM person_position WHERE person_id IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(set(person_ids)))])}


def _apply(item: PlannedItem, line: ManagerLine) -> None:
    item.manager = line.flag
    item.position = line.position
    new = item.nominee.new
    if isinstance(new, NewPerson) and (new.is_manager is None or new.manager_proposed):
        new.is_manager, new.manager_proposed = line.flag, True


def choose_manager(preview: ImportPreview, keys: list[str], flag: bool | None) -> int:
    """The clerk's choice for these lines (None: back to the proposal). Returns how many lines changed."""
    wanted = set(keys)
    items = {line_key(i): i for i in preview.items}
    changed = 0
    for line in preview.manager_lines:
        if line.key in wanted:
            line.chosen = flag
            _apply(items[line.key], line)
            changed += 1
    preview.request["managers"] = {m.key: m.chosen for m in preview.manager_lines if m.chosen is not None}
    return changed
