"""What an import will do, before it does it: the records it matched, the records it will create, the
problems that stop it. Plain data, shown by the command line and the preview dialog alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from emulation_desk.core.catalog import SUBJECT_LABELS
from emulation_desk.exchange.errors import SheetProblem
from emulation_desk.exchange.headers import ColumnMapping
from emulation_desk.exchange.interpret import DecisionHeader, Entry
from emulation_desk.exchange.legacy import Conversion
from emulation_desk.exchange.reader import SourceWorkbook
from emulation_desk.exchange.rows import SkippedRows


@dataclass
class NewUnit:
    key: str
    name: str
    parent_id: str | None
    sheet: str
    row: int
    id: str | None = None  # set when created


@dataclass
class UnitRef:
    id: str | None = None
    new: NewUnit | None = None
    name: str = ""

    def resolved(self) -> str | None:
        return self.id if self.id else (self.new.id if self.new else None)


@dataclass
class NewPerson:
    key: tuple[str, int | None, str]
    full_name: str
    gender: str | None
    birth_year: int | None
    birth_date: date | None
    unit: UnitRef | None
    position: str
    is_manager: bool | None
    sheet: str
    row: int
    id: str | None = None
    manager_proposed: bool = False  # is_manager came from a blank cell's proposal (not from the file)


@dataclass
class NewHousehold:
    key: tuple[str, str]
    head_name: str
    address: str
    unit: UnitRef | None
    sheet: str
    row: int
    id: str | None = None


@dataclass
class Nominee:
    """Who a line names: an existing record (``id``) or one the import creates (``new``)."""

    subject: str
    id: str | None = None
    new: NewPerson | NewUnit | NewHousehold | None = None
    label: str = ""
    details: dict[str, Any] | None = None  # the existing record's row (position, is_manager…)

    def resolved(self) -> str | None:
        return self.id if self.id else (self.new.id if self.new else None)

    def key(self) -> tuple[str, str]:
        """Identity within one import (a record to create is the same object wherever it is named)."""
        return (self.subject, self.id) if self.id else (self.subject, f"new:{id(self.new)}")


@dataclass
class PlannedItem:
    entry: Entry
    nominee: Nominee
    unit: UnitRef | None = None
    manager: bool | None = None  # the flag written when the file leaves it blank (proposed or the clerk's)
    position: str = ""  # the position written when the file leaves it blank (the one held in the year)


@dataclass
class ManagerLine:
    """A line whose "Lãnh đạo quản lý" cell (or column) is blank: the flag proposed for it and why; ``chosen``
    when the clerk overrode the proposal in the preview."""

    key: str  # "sheet!row"
    sheet: str
    row: int
    name: str
    position: str
    proposed: bool | None
    why: str
    chosen: bool | None = None

    @property
    def flag(self) -> bool | None:
        return self.chosen if self.chosen is not None else self.proposed

    def as_dict(self) -> dict[str, Any]:
        shown = {True: "Có", False: "Không", None: "Chưa rõ"}[self.flag]
        return {"key": self.key, "sheet": self.sheet, "row": self.row, "name": self.name,
                "position": self.position or "(không ghi)", "flag": shown,
                "why": "Cán bộ chọn (không theo đề xuất)" if self.chosen is not None else self.why}


@dataclass
class PlannedDecision:
    header: DecisionHeader
    issuer_level: str
    title: str
    kind: str
    form_code: str | None
    items: list[PlannedItem] = field(default_factory=list)
    sheet: str = ""
    row: int = 0

    @property
    def is_own(self) -> bool:
        return self.issuer_level == "don_vi"


@dataclass(frozen=True)
class MatchLine:
    sheet: str
    row: int
    subject: str
    written: str
    record: str

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "subject": SUBJECT_LABELS.get(self.subject, self.subject).capitalize(),
                "written": self.written, "record": self.record}


@dataclass(frozen=True)
class NewLine:
    what: str  # "Cá nhân", "Đơn vị", "Hộ gia đình", "Quyết định"
    description: str
    sheet: str
    row: int

    def as_dict(self) -> dict[str, Any]:
        return {"what": self.what, "description": self.description, "sheet": self.sheet, "row": self.row}


@dataclass
class ImportPreview:
    """Everything an import would do; ``ok`` when it has something to store and no problem."""

    what: str  # "nominations" | "decisions"
    source: SourceWorkbook
    mapping: ColumnMapping
    year: int | None = None
    proposing_unit_id: str | None = None
    proposing_unit_name: str = ""
    default_form: str | None = None
    items: list[PlannedItem] = field(default_factory=list)
    decisions: list[PlannedDecision] = field(default_factory=list)
    new_units: list[NewUnit] = field(default_factory=list)
    new_people: list[NewPerson] = field(default_factory=list)
    new_households: list[NewHousehold] = field(default_factory=list)
    matches: list[MatchLine] = field(default_factory=list)
    new_records: list[NewLine] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)
    warnings: list[SheetProblem] = field(default_factory=list)
    skipped: list[SkippedRows] = field(default_factory=list)  # rows of the printed form, once per kind
    conversions: list[Conversion] = field(default_factory=list)  # legacy-font text converted to Unicode
    questions: list[Any] = field(default_factory=list)  # namesakes.NamesakeQuestion, answered or not
    request: dict[str, Any] = field(default_factory=dict)  # the preview's own arguments, to plan it again
    fact_changes: list[Any] = field(default_factory=list)  # import_facts.FactChange: facts the list brings
    fact_conflicts: list[Any] = field(default_factory=list)  # import_facts.FactChange that differ from Hồ sơ
    fact_choice: str | None = None  # "file" (the list wins) | "keep" (Hồ sơ wins); needed when they differ
    manager_lines: list[ManagerLine] = field(default_factory=list)  # blank flags: proposed, or the clerk's

    @property
    def unanswered(self) -> list[Any]:
        return [q for q in self.questions if q.answer is None]

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.items) and not self.unanswered and not self.facts_undecided

    @property
    def facts_undecided(self) -> bool:
        return bool(self.fact_conflicts) and self.fact_choice not in ("file", "keep")

    def notes(self) -> list[str]:
        """What was recognised and changed while reading, one line each: skipped rows, converted text."""
        return [s.line() for s in self.skipped] + [c.line() for c in self.conversions]

    def summary(self) -> str:
        """One Vietnamese sentence of counts."""
        what = "đề nghị khen thưởng" if self.what == "nominations" else "người/tập thể được khen"
        parts = [f"{len(self.items)} {what}"]
        if self.what == "decisions":
            parts.append(f"{len(self.decisions)} quyết định")
        parts.append(f"{len(self.matches)} khớp với dữ liệu có sẵn")
        parts.append(f"tạo mới {len(self.new_people)} cá nhân, {len(self.new_units)} đơn vị/tập thể, "
                     f"{len(self.new_households)} hộ gia đình")
        if self.fact_changes:
            parts.append(f"ghi {len(self.fact_changes)} thông tin vào hồ sơ (xếp loại, sáng kiến, kỷ luật, số liệu "
                         "tập thể)")
        if self.fact_conflicts:
            choice = {"file": "lấy theo tệp", "keep": "giữ như hồ sơ"}.get(self.fact_choice or "", "cần chọn")
            parts.append(f"{len(self.fact_conflicts)} thông tin khác với hồ sơ đã nhập ({choice})")
        if self.manager_lines:
            chosen = sum(1 for m in self.manager_lines if m.chosen is not None)
            proposed = sum(1 for m in self.manager_lines if m.chosen is None and m.proposed is not None)
            unknown = len(self.manager_lines) - chosen - proposed
            parts.append(f"{len(self.manager_lines)} ô “Lãnh đạo quản lý” để trống: {proposed} điền theo chức vụ"
                         + (f", {chosen} cán bộ chọn" if chosen else "") + (f", {unknown} chưa rõ" if unknown else ""))
        if self.unanswered:
            parts.append(f"{len(self.unanswered)} câu hỏi về người trùng tên cần trả lời")
        return "; ".join(parts) + "."
