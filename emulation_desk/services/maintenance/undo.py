"""Undo of a deletion: put the deleted record back exactly as it was (same key, same history)."""

from __future__ import annotations

from typing import Any

from emulation_desk.errors import ValidationError
from emulation_desk.services.common import Changes
from emulation_desk.services.workspace import Workspace

# Records the window lets the clerk delete (when unused) and therefore restore.
RESTORABLE = {
    "person": ("Khôi phục cá nhân", "people"),
    "person_position": ("Khôi phục chức vụ theo năm", "people"),
    "bloc": ("Khôi phục khối thi đua", "blocs"),
    "bloc_member": ("Khôi phục thành viên khối", "blocs"),
    "bloc_criterion": ("Khôi phục tiêu chí chấm điểm", "blocs"),
    "bloc_score": ("Khôi phục điểm chấm", "blocs"),
    "unit": ("Khôi phục đơn vị", "units"),
    "council_member": ("Khôi phục thành viên Hội đồng", "settings"),
}


def restore_rows(ws: Workspace, table: str, rows: list[dict[str, Any]]) -> Changes:
    """Re-insert deleted rows (parents first, as given), all or none."""
    if table not in RESTORABLE:
        raise ValidationError("Không hoàn tác được thao tác này.")
    summary, flag = RESTORABLE[table]
    with ws.store.transaction():
        for row in rows:
            ws.store.insert(table, row, audit=False)
            ws.store.log("restore", table, str(row.get("id", "")), summary, after=row)
    changes = Changes(ids={str(r.get("id", "")) for r in rows})
    setattr(changes, flag, True)
    return changes
