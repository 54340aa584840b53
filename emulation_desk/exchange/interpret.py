"""From raw rows to typed, checked entries (a nominee or a decision recipient as the file writes it).

Still no database: matching people and units to records is the services' job. Every refusal becomes a
:class:`SheetProblem` at its cell; a row with a problem yields no entry, so nothing half-checked goes on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from emulation_desk.core.achievement import AchievementPeriod, parse_period
from emulation_desk.core.text import clean_text, fold, parse_date
from emulation_desk.exchange.catalog_match import FormResolver
from emulation_desk.exchange.errors import SheetProblem, problem
from emulation_desk.exchange.fact_cells import fact_values
from emulation_desk.exchange.headers import FIELD_LABELS, subject_from_text
from emulation_desk.exchange.rows import RawRecord
from emulation_desk.exchange.values import (
    CellIssue,
    as_amount,
    as_birth,
    as_date,
    as_flag,
    as_gender,
    as_text,
    refuse_special,
)

MAX_LENGTHS = {"name": 200, "unit_name": 300, "position": 300, "unit": 300, "achievement": 5000, "notes": 2000,
               "address": 500, "decision_title": 1000, "issuer": 300, "decision_number": 80}
_HOUSEHOLD_PREFIX = re.compile(r"^(hộ|gia đình)\s+(ông|bà|anh|chị)?\s*(\((ông|bà)\))?\s*(/\s*bà)?\s*", re.IGNORECASE)
_DECISION_RE = re.compile(r"(?:quyết\s*định|qđ)\s*(?:số)?\s*:?\s*(\d{1,6}[a-z]?)\s*/\s*((?:\d{4}/)?[\wĐđ.\-]+)",
                          re.IGNORECASE)
_DATE_RE = re.compile(r"ngày\s*(\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)\s*(\d{1,2})\s*(?:/|-|\.|\s+năm\s+)\s*(\d{4})",
                      re.IGNORECASE)
_ISSUER_RE = re.compile(r"\bcủa\s+(.+?)\s*(?:\)|,?\s+về\s+việc|,?\s+v/v|$)", re.IGNORECASE)
_TITLE_RE = re.compile(r"((?:về\s+việc|v/v)\s+.+?)\s*\)?$", re.IGNORECASE)
_PERSON_FIELDS = ("birth", "birth_male", "birth_female", "gender", "gender_male", "gender_female", "position",
                  "position_unit", "is_manager")
_LEVEL_RE = re.compile(r"cấp\s+ban\s+hành\s*:\s*(.+?)\s*(?=về\s+việc|v/v|$)", re.IGNORECASE)


def as_period(value: Any) -> AchievementPeriod | None:
    """A "Năm thành tích" cell: 2023, "2023", "2022-2023"; None when empty."""
    refuse_special(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return parse_period(str(value))
    except ValueError as exc:
        raise CellIssue(str(exc)) from None


@dataclass(frozen=True)
class DecisionHeader:
    """A decision as a file names it: "Quyết định số 4520/QĐ-UBND ngày 10/12/2020 của Chủ tịch UBND …"."""

    number: str
    symbol: str
    signed_on: date
    issuer_name: str
    issuer_level: str | None = None
    title: str = ""

    def key(self) -> tuple[str, str, str, str]:
        return (fold(self.issuer_name), self.number, fold(self.symbol), self.signed_on.isoformat())

    def label(self) -> str:
        symbol = f"/{self.symbol}" if self.symbol else ""
        return f"Quyết định số {self.number}{symbol} ngày {self.signed_on.strftime('%d/%m/%Y')}"


def parse_decision_text(text: str) -> DecisionHeader | None:
    """The decision a title or section line names, or None (number and date are both required)."""
    number = _DECISION_RE.search(text)
    day = _DATE_RE.search(text)
    if not number or not day:
        return None
    try:
        signed = parse_date(f"{day.group(1)}/{day.group(2)}/{day.group(3)}")
    except ValueError:
        return None
    issuer = _ISSUER_RE.search(text[day.end():]) or _ISSUER_RE.search(text)
    title = _TITLE_RE.search(text)
    level = _LEVEL_RE.search(text)
    return DecisionHeader(number=number.group(1), symbol=number.group(2).strip(".-"), signed_on=signed,
                          issuer_name=clean_text(issuer.group(1)) if issuer else "",
                          issuer_level=clean_text(level.group(1)) if level else None,
                          title=clean_text(title.group(1)) if title else "")


def split_number(text: str) -> tuple[str, str]:
    """"4520/QĐ-UBND" → ("4520", "QĐ-UBND"); "4520" → ("4520", "")."""
    number, _, symbol = clean_text(text).partition("/")
    return number.strip(), symbol.strip()


@dataclass
class Entry:
    """One nominee or recipient, typed and checked, with the column of each field for messages."""

    sheet: str
    row: int
    subject: str
    name: str
    form_code: str
    kind: str
    gender: str | None = None
    birth_year: int | None = None
    birth_date: date | None = None
    position: str = ""
    unit_text: str = ""
    is_manager: bool | None = None
    address: str = ""
    achievement: str = ""
    achievement_year: AchievementPeriod | None = None  # "Năm thành tích" (a year or a period); None: the list's
    notes: str = ""
    amount: int | None = None
    decision: DecisionHeader | None = None
    columns: dict[str, str] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)  # rating, initiative, discipline, figures (fact_cells)

    def place(self, name: str = "name") -> tuple[str, int, str]:
        return self.sheet, self.row, self.columns.get(name, "")


@dataclass
class Context:
    """What interpreting a row needs to know beyond the row."""

    forms: FormResolver
    epoch: datetime
    year: int | None = None
    default_form: str | None = None
    default_decision: DecisionHeader | None = None
    decisions: bool = False
    split_position_unit: Callable[[str], tuple[str, str]] = lambda text: (text, "")
    today: date = field(default_factory=date.today)


class _Row:
    """Collects the problems of one record while its fields are read."""

    def __init__(self, record: RawRecord) -> None:
        self.record = record
        self.problems: list[SheetProblem] = []

    def read(self, name: str, convert: Callable[[Any], Any]) -> Any:
        if name not in self.record.cells:  # an unmapped field: nothing to read or check
            return None
        try:
            return convert(self.record.value(name))
        except CellIssue as issue:
            self.problems.append(problem(issue.reason, sheet=self.record.sheet, row=self.record.row,
                                         column=self.record.column(name), value=self.record.value(name)))
            return None

    def fail(self, reason: str, name: str = "name") -> None:
        self.problems.append(problem(reason, sheet=self.record.sheet, row=self.record.row,
                                     column=self.record.column(name), value=self.record.value(name)))

    def text(self, name: str, limit: int | None = None) -> str:
        if name not in self.record.cells:
            return ""
        label = FIELD_LABELS.get(name, name)
        multiline = name in ("achievement", "notes")
        return self.read(name, lambda v: as_text(v, max_length=limit or MAX_LENGTHS.get(name, 300), label=label,
                                                  multiline=multiline)) or ""


def _subject(row: _Row, ctx: Context, form_hint: str | None) -> str:
    explicit = row.text("subject", 50)
    if explicit:
        found = subject_from_text(explicit)
        if found is None:
            row.fail("Đối tượng phải ghi “Cá nhân”, “Tập thể” hoặc “Hộ gia đình”.", "subject")
        return found or "ca_nhan"
    if row.record.subject:
        return row.record.subject
    if any(row.record.value(n) is not None for n in _PERSON_FIELDS):
        return "ca_nhan"  # a birth year or a position says person, whatever the form says
    if form_hint:
        subjects = ctx.forms.catalog.form(form_hint).subjects
        if len(subjects) == 1:
            return subjects[0]
    return "ca_nhan"


def _birth(row: _Row, ctx: Context, entry: Entry) -> None:
    sources = [n for n in ("birth", "birth_male", "birth_female") if row.record.value(n) is not None]
    if len(sources) > 1:
        row.fail("Năm sinh ghi ở nhiều cột; chỉ ghi ở một cột (Nam hoặc Nữ).", sources[1])
        return
    if not sources:
        return
    result = row.read(sources[0], lambda v: as_birth(v, ctx.epoch, today=ctx.today))
    if result:
        entry.birth_year, entry.birth_date = result
        entry.columns["birth"] = row.record.column(sources[0])
    if sources[0] != "birth":
        entry.gender = "nam" if sources[0] == "birth_male" else "nu"


def _gender(row: _Row, entry: Entry) -> None:
    gender = row.read("gender", as_gender)
    male = row.read("gender_male", lambda v: as_flag(v, label="Giới tính (Nam)"))
    female = row.read("gender_female", lambda v: as_flag(v, label="Giới tính (Nữ)"))
    if male and female:
        row.fail("Đánh dấu cả Nam và Nữ; chỉ đánh dấu một cột.", "gender_male")
    found = gender or ("nam" if male else "nu" if female else None)
    if found and entry.gender and found != entry.gender:
        row.fail("Giới tính không khớp với cột năm sinh (Nam/Nữ).", "gender")
    entry.gender = entry.gender or found


def _form(row: _Row, ctx: Context, subject: str | None, written: str) -> str | None:
    year = ctx.year
    if written:
        return row.read("form", lambda v: ctx.forms.resolve(written, subject=subject, year=year))
    fallback = row.record.section_form or ctx.default_form
    if fallback:
        form = ctx.forms.catalog.form(fallback)
        if subject is not None and subject not in form.subjects:
            row.fail(f"Hình thức «{form.name}» (ghi ở tiêu đề nhóm) không dùng cho đối tượng của dòng này.")
            return None
        return fallback
    row.fail("Chưa có hình thức khen thưởng: hãy ghi vào cột hình thức hoặc chọn hình thức cho cả danh sách.",
             "form")
    return None


def _decision(row: _Row, ctx: Context) -> DecisionHeader | None:
    record = row.record
    number_text = row.text("decision_number")
    if number_text:
        number, symbol = split_number(number_text)
        signed = row.read("decision_date", lambda v: as_date(v, ctx.epoch, label="Ngày ký"))
        if signed is None:
            if record.value("decision_date") is None:
                row.fail("Thiếu ngày ký của quyết định.", "decision_date")
            return None
        level = row.text("issuer_level", 100) or None
        return DecisionHeader(number=number, symbol=symbol, signed_on=signed, issuer_name=row.text("issuer"),
                              issuer_level=level, title=row.text("decision_title"))
    header = record.section_decision or ctx.default_decision
    if header is None:
        row.fail("Không rõ dòng này thuộc quyết định nào: hãy ghi số quyết định và ngày ký (cột riêng, dòng "
                 "tiêu đề nhóm hoặc dòng “Kèm theo Quyết định số … ngày …” ở đầu trang).", "decision_number")
    return header


def interpret(record: RawRecord, ctx: Context) -> tuple[Entry | None, list[SheetProblem]]:
    """Type and check one record; an entry only when the row has no problem."""
    row = _Row(record)
    name = row.text("name", MAX_LENGTHS["unit_name"])
    written_form = row.text("form")
    form_hint = None
    if written_form:
        try:
            form_hint = ctx.forms.resolve(written_form, year=ctx.year)
        except CellIssue:  # ambiguous until the subject is known; resolved again below
            form_hint = None
    subject = _subject(row, ctx, form_hint or record.section_form or ctx.default_form)
    if not name and record.value("name") is None:
        row.fail("Thiếu họ tên (hoặc tên tập thể).")
    elif subject == "ho_gia_dinh":
        name = clean_text(_HOUSEHOLD_PREFIX.sub("", name)) or name
    if subject != "tap_the" and len(name) > MAX_LENGTHS["name"]:
        row.fail(f"Họ và tên dài {len(name)} ký tự, vượt giới hạn {MAX_LENGTHS['name']} ký tự. Hãy kiểm tra lại ô "
                 "này (chương trình không tự cắt bớt).")
    decision = _decision(row, ctx) if ctx.decisions else None
    if decision is not None and ctx.year is None:
        form_code = _form(row, replace(ctx, year=decision.signed_on.year), subject, written_form)
    else:
        form_code = _form(row, ctx, subject, written_form)
    kind = row.read("kind", lambda v: ctx.forms.kind(as_text(v, max_length=100))) or "cong_trang"
    entry = Entry(sheet=record.sheet, row=record.row, subject=subject, name=name, form_code=form_code or "",
                  kind=kind, decision=decision,
                  columns={n: record.column(n) for n in record.cells})
    if subject == "ca_nhan":
        _birth(row, ctx, entry)
        _gender(row, entry)
        entry.is_manager = row.read("is_manager", lambda v: as_flag(v, label="Lãnh đạo quản lý"))
        entry.position = row.text("position")
        entry.unit_text = row.text("unit")
        combined = row.text("position_unit")
        if combined:
            position, unit = ctx.split_position_unit(combined)
            entry.position = entry.position or position
            entry.unit_text = entry.unit_text or unit
            entry.columns.setdefault("unit", record.column("position_unit"))
    else:
        entry.unit_text = row.text("unit")
    entry.unit_text = entry.unit_text or (record.section_unit or "")
    entry.address = row.text("address")
    entry.achievement = row.text("achievement")
    entry.achievement_year = row.read("achievement_year", as_period)
    entry.notes = row.text("notes")
    entry.amount = row.read("amount", as_amount)
    entry.facts = fact_values(row.read, subject)
    if row.problems:
        return None, row.problems
    return entry, []

