"""``import units``: a unit directory (name, kind, head count, valid from) into the units, all or nothing.

A unit already in the list (same name, still active) gets the file's kind, head count and start day when they
differ; a new name is added. Any problem — a cell, or a write the database refuses — and nothing is written;
``dry_run`` makes the same writes and rolls them back."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from emulation_desk.errors import KnownError
from emulation_desk.exchange.errors import SheetProblem, problem, rejected
from emulation_desk.exchange.reader import SourceWorkbook
from emulation_desk.exchange.unit_list import UnitList, UnitRow, read_unit_list
from emulation_desk.services.awards.imports import read_source
from emulation_desk.services.common import Changes
from emulation_desk.services.records.units import UNIT_KINDS, _unit_values, add_unit, update_unit
from emulation_desk.services.workspace import Workspace


@dataclass
class UnitImportResult:
    listing: UnitList
    dry_run: bool
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)

    def summary(self) -> str:
        verb = "Kiểm tra xong (chưa ghi gì): sẽ thêm" if self.dry_run else "Đã thêm"
        return (f"{verb} {len(self.added)} đơn vị, cập nhật {len(self.updated)} đơn vị; "
                f"{len(self.unchanged)} đơn vị đã có và không đổi.")


class _DryRun(Exception):
    pass


def _apply(ws: Workspace, row: UnitRow, result: UnitImportResult) -> None:
    values = _unit_values(row.name, row.kind, row.head_count or 0, valid_from=row.valid_from)
    existing = ws.store.query("SELECT * FROM unit WHERE name_key = ? AND valid_to IS NULL", [values["name_key"]])
    if not existing:
        add_unit(ws, row.name, row.kind, head_count=row.head_count or 0, valid_from=row.valid_from)
        result.added.append(row.name)
        return
    unit = existing[0]
    changes: dict[str, object] = {}
    if not row.kind_guessed and unit["kind"] != row.kind:
        changes["kind"] = row.kind
    if row.head_count is not None and unit["head_count"] != row.head_count:
        changes["head_count"] = row.head_count
    if row.valid_from is not None and unit["valid_from"] != row.valid_from.isoformat():
        changes["valid_from"] = row.valid_from
    if changes:
        update_unit(ws, unit["id"], **changes)
        result.updated.append(row.name)
    else:
        result.unchanged.append(row.name)


def import_unit_source(ws: Workspace, source: SourceWorkbook, *, dry_run: bool = False) -> UnitImportResult:
    listing = read_unit_list(source, UNIT_KINDS)
    problems: list[SheetProblem] = list(listing.problems)
    seen: dict[str, int] = {}
    for row in listing.rows:
        key = _unit_values(row.name, row.kind)["name_key"]
        if key in seen:
            problems.append(problem(f"Đơn vị này đã có ở dòng {seen[key]}. Hãy xóa một dòng.", sheet=row.sheet,
                                    row=row.row, value=row.name))
        seen.setdefault(key, row.row)
    if problems:
        raise rejected(problems, "danh sách đơn vị")
    result = UnitImportResult(listing, dry_run)
    try:
        with ws.store.transaction():
            for row in listing.rows:
                try:
                    _apply(ws, row, result)
                except KnownError as exc:
                    problems.append(problem(exc.message, sheet=row.sheet, row=row.row, value=row.name))
            if problems:
                raise rejected(problems, "danh sách đơn vị")
            ws.store.log("import", "unit", "", f"Nhập danh sách đơn vị từ tệp {source.name}: thêm "
                         f"{len(result.added)}, cập nhật {len(result.updated)}.",
                         after={"file": source.name, "sha256": source.sha256, "added": result.added,
                                "updated": result.updated})
            if dry_run:
                raise _DryRun
    except _DryRun:
        return result
    result.changes = Changes(units=True)
    return result


def import_units(ws: Workspace, path: Path | str, *, dry_run: bool = False) -> UnitImportResult:
    """Read the directory file (.xlsx, .xls, .docx) and import it (see the module docstring)."""
    return import_unit_source(ws, read_source(path), dry_run=dry_run)
