"""The facts a nomination list brings (rating, initiative, discipline; a collective's figures) into the year's
Hồ sơ, all or nothing with the nominations.

:func:`plan_facts` lists, in the preview, each fact the list would write and each one that differs from what the
clerk already has (a rating typed in Hồ sơ, a figure of the unit); the clerk chooses once for the list: the file
wins ("file") or Hồ sơ stays ("keep"). A column the file lacks, or a cell left empty, changes nothing.
:func:`write_facts` writes them inside the import's transaction through the Hồ sơ services (audited)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emulation_desk.core.text import fold
from emulation_desk.errors import KnownError
from emulation_desk.exchange.errors import SheetProblem, problem
from emulation_desk.exchange.fact_cells import COUNT_FIELDS, RATING_LABELS, DisciplineCell, InitiativeCell
from emulation_desk.exchange.plan import ImportPreview, PlannedItem
from emulation_desk.services.records import person_facts as pf
from emulation_desk.services.records import unit_facts as uf
from emulation_desk.services.workspace import Workspace

FACT_CHOICES = {"file": "Lấy theo tệp", "keep": "Giữ như hồ sơ đã nhập"}
_COUNT_WORDS = {"head_count": "tổng số thành viên", "completed_count": "số hoàn thành nhiệm vụ trở lên",
                "standard_count": "số đạt Lao động tiên tiến", "cstdcs_count": "số đạt Chiến sĩ thi đua cơ sở",
                "disciplined_count": "số bị kỷ luật"}


@dataclass
class FactChange:
    """One fact of one line: what it is, the value in the file and (when it differs) the one in Hồ sơ."""

    sheet: str
    row: int
    name: str
    field: str
    what: str  # "xếp loại năm 2024"
    value: str  # as the file says it
    current: str = ""  # as Hồ sơ says it, when different

    def line(self) -> str:
        where = f"Trang “{self.sheet}”, dòng {self.row}, {self.name}: {self.what}"
        if self.current:
            return f"{where}: hồ sơ ghi «{self.current}», tệp ghi «{self.value}»"
        return f"{where}: {self.value}"

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "name": self.name, "field": self.field, "what": self.what,
                "value": self.value, "current": self.current}


def _rating_text(code: str | None) -> str:
    return RATING_LABELS.get(code or "", "")


def _person_changes(ws: Workspace, item: PlannedItem, year: int, person_id: str | None) -> list[FactChange]:
    entry, facts = item.entry, item.entry.facts
    known = pf.person_facts(ws, person_id) if person_id else None
    out: list[FactChange] = []

    def add(field: str, what: str, value: str, current: str = "") -> None:
        out.append(FactChange(entry.sheet, entry.row, entry.name, field, what, value, current))

    if "rating" in facts:
        current = known.year(year).rating if known else None
        if current != facts["rating"]:
            add("rating", f"xếp loại năm {year}", _rating_text(facts["rating"]), _rating_text(current))
    initiative = facts.get("initiative")
    if isinstance(initiative, InitiativeCell):
        titles = {fold(i.title) for i in known.initiatives if i.year == year} if known else set()
        if fold(initiative.title) not in titles:
            ref = f" ({initiative.ref})" if initiative.ref else ""
            add("initiative", f"sáng kiến năm {year}", f"{initiative.title}{ref}")
    discipline = facts.get("discipline")
    if isinstance(discipline, DisciplineCell):
        same = known and any(fold(d.form) == fold(discipline.form) and d.start == discipline.start
                             for d in known.disciplines)
        if not same:
            period = pf.DisciplineItem(discipline.form, discipline.start, discipline.end).period()
            add("discipline", "kỷ luật", f"{discipline.form} ({period})")
    return out


def _unit_changes(ws: Workspace, item: PlannedItem, year: int, unit_id: str | None) -> list[FactChange]:
    entry, facts = item.entry, item.entry.facts
    current = uf.unit_year_of(uf.unit_facts(ws, unit_id), year) if unit_id else uf.UnitYear(year)
    out: list[FactChange] = []
    for field in ("rating", *COUNT_FIELDS):
        if field not in facts or getattr(current, field) == facts[field]:
            continue
        old = getattr(current, field)
        if field == "rating":
            value, before = _rating_text(facts[field]), _rating_text(old)
            what = f"xếp loại năm {year} của tập thể"
        else:
            value, before = str(facts[field]), "" if old is None else str(old)
            what = f"{_COUNT_WORDS[field]} năm {year}"
        out.append(FactChange(entry.sheet, entry.row, entry.name, field, what, value, before))
    return out


def plan_facts(ws: Workspace, preview: ImportPreview) -> None:
    """Fill the preview's fact changes and, among them, those that differ from what Hồ sơ already holds."""
    year = preview.year
    preview.fact_changes, preview.fact_conflicts = [], []
    if year is None:
        return
    for item in preview.items:
        if not item.entry.facts:
            continue
        if item.entry.subject == "ca_nhan":
            changes = _person_changes(ws, item, year, item.nominee.id)
        elif item.entry.subject == "tap_the":
            changes = _unit_changes(ws, item, year, item.nominee.id)
        else:
            continue
        preview.fact_changes.extend(changes)
        preview.fact_conflicts.extend(c for c in changes if c.current)


def _kept(preview: ImportPreview) -> set[tuple[str, int, str]]:
    """The (sheet, row, field) the clerk chose to keep as in Hồ sơ."""
    if preview.fact_choice != "keep":
        return set()
    return {(c.sheet, c.row, c.field) for c in preview.fact_conflicts}


def _write_person(ws: Workspace, item: PlannedItem, year: int, person_id: str, skip: set[str]) -> None:
    facts = item.entry.facts
    options: dict[str, Any] = {}
    if "rating" in facts and "rating" not in skip:
        options["rating"] = facts["rating"]
    initiatives, disciplines = [], []
    initiative = facts.get("initiative")
    if isinstance(initiative, InitiativeCell):
        known = {fold(i.title) for i in pf.person_facts(ws, person_id).initiatives if i.year == year}
        if fold(initiative.title) not in known:
            initiatives.append(pf.initiative_item(year, initiative.title, facts.get("initiative_scope") or "co_so",
                                                  initiative.ref))
    discipline = facts.get("discipline")
    if isinstance(discipline, DisciplineCell):
        same = any(fold(d.form) == fold(discipline.form) and d.start == discipline.start
                   for d in pf.person_facts(ws, person_id).disciplines)
        if not same:
            disciplines.append(pf.discipline_item(discipline.form, discipline.start, discipline.end))
    if options or initiatives or disciplines:
        pf.set_person_facts(ws, person_id, year, initiatives=initiatives, disciplines=disciplines, **options)


def write_facts(ws: Workspace, preview: ImportPreview, problems: list[SheetProblem]) -> int:
    """Write the list's facts (inside the caller's transaction); a fact the services refuse becomes a problem of
    its line. Returns how many lines brought facts."""
    year = preview.year
    if year is None:
        return 0
    kept = _kept(preview)
    written = 0
    for item in preview.items:
        facts, entry = item.entry.facts, item.entry
        nominee_id = item.nominee.resolved()
        if not facts or not nominee_id or entry.subject not in ("ca_nhan", "tap_the"):
            continue
        skip = {f for (s, r, f) in kept if (s, r) == (entry.sheet, entry.row)}
        try:
            if entry.subject == "ca_nhan":
                _write_person(ws, item, year, nominee_id, skip)
            else:
                figures = {f: facts[f] for f in ("rating", *COUNT_FIELDS) if f in facts and f not in skip}
                if figures:
                    uf.set_unit_facts(ws, nominee_id, year, **figures)
        except KnownError as exc:
            problems.append(problem(exc.message, sheet=entry.sheet, row=entry.row, value=entry.name))
            continue
        written += 1
    return written
