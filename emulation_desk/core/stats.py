"""The statistical table "Biểu tổng hợp kết quả khen thưởng", computed once from award facts.

Every renderer (screen, PDF, XLSX, JSON) uses the :class:`StatTable` built here, so they cannot
disagree. Columns (see the domain notes): 3 total; 4 to individuals; 5 = 4:3; 6 theo công trạng;
7 = 6:3; 8/9 công trạng to managers / direct workers; 10 chuyên đề, đột xuất, điển hình tiên tiến;
11 = 10:3; 12/13 chuyên đề to managers / direct workers; 14 notes.

One rounding rule for every percentage (:func:`percent`): a ratio that is exact with one decimal place
keeps it (30/48 → 62,5%); any other ratio is rounded half up to a whole percent (47/48 → 98%) — except that
a share that is not zero never prints as 0% and a share below the whole never as 100%: it keeps the fewest
decimals that tell it apart (1/201 → 0,5%; 1999/2000 → 99,95%). This reproduces the model report's table and
is used by every renderer.

The table counts the decisions signed in its period (:class:`~emulation_desk.core.report_period.ReportPeriod`,
the calendar year by default); which half of the table a kind of award goes to is the catalog's default or
the office's setting (cống hiến, niên hạn, đối ngoại, kháng chiến are not công trạng); an individual is a
manager by the position held in the award's year when the records have it, else by today's flag.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from emulation_desk.core.catalog import SUBJECT_LABELS, AwardForm, Catalog
from emulation_desk.core.report_period import ReportPeriod, table_notes, table_parts
from emulation_desk.core.text import format_count

COUNT_COLUMNS = ("c3", "c4", "c6", "c8", "c9", "c10", "c12", "c13")
PERCENT_COLUMNS = ("c5", "c7", "c11")
ALL_COLUMNS = ("c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12", "c13", "c14")


@dataclass(frozen=True)
class AwardFact:
    """One recipient line of one decision of the year, as the table counts it."""

    recipient_id: str
    decision_id: str
    form_code: str
    subject: str  # ca_nhan | tap_the | ho_gia_dinh
    kind: str  # award kind code; its table_part decides công trạng vs chuyên đề
    is_manager: bool | None  # individuals only: today's flag; None = not recorded (counted as direct worker, flagged)
    subject_id: str = ""  # the person, unit or household awarded (for the duplicate checks)
    signed_on: date | None = None  # the decision's date (for the form's validity)
    manager_at_award: bool | None = None  # the position held in the award's year; None: today's flag decides


@dataclass(frozen=True)
class CountedFacts:
    """``count`` recipient lines alike in everything the table counts (form, subject, kind, manager flag):
    enough for the figures, without reading every line (a province year has 100.000)."""

    form_code: str
    subject: str
    kind: str
    is_manager: bool | None
    count: int
    manager_at_award: bool | None = None


Countable = AwardFact | CountedFacts


def _weight(items: Iterable[Countable]) -> int:
    return sum(f.count if isinstance(f, CountedFacts) else 1 for f in items)


def percent(numerator: int, denominator: int) -> Decimal | None:
    """Percentage by the table's single rounding rule (see the module docstring); None when the numerator is
    zero."""
    if not numerator or not denominator:
        return None
    exact_tenths = numerator * 1000
    if exact_tenths % denominator == 0:
        value = Decimal(exact_tenths // denominator) / 10
        return value.quantize(Decimal(1)) if value == value.to_integral_value() else value
    exact = Decimal(numerator * 100) / Decimal(denominator)
    for places in (0, 1, 2):
        value = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if 0 < value < 100 or not 0 < exact < 100:
            return value
    step = Decimal("0.01")  # closer than 0,005 to an end: the nearest figure that is not the end itself
    return step if exact < 1 else 100 - step


@dataclass(frozen=True)
class TableRow:
    """One row of the table; counts are None where the printed table is empty."""

    key: str  # "I.1"; extra rows continue the numbering of their group
    group: str
    no: int
    label: str
    official: bool
    c3: int | None = None
    c4: int | None = None
    c5: Decimal | None = None
    c6: int | None = None
    c7: Decimal | None = None
    c8: int | None = None
    c9: int | None = None
    c10: int | None = None
    c11: Decimal | None = None
    c12: int | None = None
    c13: int | None = None
    c14: str = ""
    facts: tuple[AwardFact, ...] = field(default=(), repr=False, compare=False)

    def value(self, column: str) -> Any:
        return getattr(self, column)

    def count(self, column: str) -> int:
        """A count column as an int (0 where empty)."""
        return getattr(self, column) or 0


@dataclass(frozen=True)
class TableGroup:
    code: str
    title: str
    rows: tuple[TableRow, ...]


@dataclass(frozen=True)
class StatTable:
    year: int
    groups: tuple[TableGroup, ...]
    title: str = ""
    period: ReportPeriod | None = None
    notes: tuple[str, ...] = ()  # printed under the table (what it counts, where each kind goes)
    parts: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)  # kind → half of the table

    def rows(self) -> list[TableRow]:
        return [row for group in self.groups for row in group.rows]

    def row(self, key: str) -> TableRow:
        for candidate in self.rows():
            if candidate.key == key:
                return candidate
        raise KeyError(f"Biểu không có dòng {key}")

    def to_json(self) -> dict[str, Any]:
        """The table as JSON-ready data: counts as ints, percentages as numbers, null where empty."""
        rows = []
        for group in self.groups:
            for row in group.rows:
                item: dict[str, Any] = {"group": group.code, "no": row.no, "key": row.key, "form": row.label,
                                        "official": row.official}
                for column in ALL_COLUMNS:
                    value = row.value(column)
                    if isinstance(value, Decimal):
                        value = int(value) if value == value.to_integral_value() else float(value)
                    item[column] = value
                rows.append(item)
        period = self.period or ReportPeriod(self.year)
        return {"year": self.year, "title": self.title,
                "period": {"kind": period.kind, "start": period.start.isoformat(), "end": period.end.isoformat()},
                "notes": list(self.notes),
                "groups": [{"code": g.code, "title": g.title} for g in self.groups], "rows": rows}


def _is_manager(fact: Countable) -> bool:
    """A manager by the position held in the award's year, else by today's flag."""
    return bool(fact.is_manager if fact.manager_at_award is None else fact.manager_at_award)


def _row_from_facts(key: str, group: str, no: int, label: str, official: bool, facts: Sequence[Countable],
                    catalog: Catalog, list_kinds: bool, parts: Mapping[str, str]) -> TableRow:
    total = _weight(facts)
    individuals = [f for f in facts if f.subject == "ca_nhan"]
    merit = [f for f in facts if parts.get(f.kind) == "cong_trang"]
    thematic = [f for f in facts if parts.get(f.kind) != "cong_trang"]
    merit_people = [f for f in merit if f.subject == "ca_nhan"]
    thematic_people = [f for f in thematic if f.subject == "ca_nhan"]

    def n(items: Sequence[Countable]) -> int | None:
        return _weight(items) or None

    note = ""
    if list_kinds and facts:
        counts: dict[str, int] = {}
        for fact in facts:
            form = catalog.form(fact.form_code)
            label_ = form.note_label or form.short_name
            counts[label_] = counts.get(label_, 0) + _weight((fact,))
        if len(counts) == 1:
            note = next(iter(counts))
        else:
            note = "; ".join(f"{format_count(c)} {name}" for name, c in counts.items())
    return TableRow(
        key=key, group=group, no=no, label=label, official=official,
        c3=n(facts), c4=n(individuals), c5=percent(_weight(individuals), total),
        c6=n(merit), c7=percent(_weight(merit), total),
        c8=n([f for f in merit_people if _is_manager(f)]), c9=n([f for f in merit_people if not _is_manager(f)]),
        c10=n(thematic), c11=percent(_weight(thematic), total),
        c12=n([f for f in thematic_people if _is_manager(f)]),
        c13=n([f for f in thematic_people if not _is_manager(f)]),
        c14=note, facts=tuple(f for f in facts if isinstance(f, AwardFact)),
    )


def compute_table(year: int, facts: Iterable[Countable], catalog: Catalog, *, period: ReportPeriod | None = None,
                  parts: Mapping[str, str] | None = None) -> StatTable:
    """Compute the whole table for a year from the decisions signed in ``period`` (the caller selects them;
    the calendar year by default). ``parts`` overrides the half of the table a kind goes to (the office's
    setting; see :func:`~emulation_desk.core.report_period.table_parts`). Official rows always appear; forms
    without an official row are counted in extra rows of their group (one per extra-row label), never
    dropped. With :class:`AwardFact` lines each cell can be traced (:func:`cell_facts`); with
    :class:`CountedFacts` the figures are the same and cheaper to get."""
    period = period or ReportPeriod(year)
    halves = table_parts(catalog, parts)
    by_row: dict[str, list[Countable]] = {}
    extra: dict[tuple[str, str], list[Countable]] = {}
    for fact in facts:
        form = catalog.form(fact.form_code)
        if form.stat_row:
            by_row.setdefault(form.stat_row, []).append(fact)
        else:
            extra.setdefault((form.stat_group, form.extra_row_label or form.short_name), []).append(fact)
    groups: list[TableGroup] = []
    for group in sorted(catalog.groups, key=lambda g: (g.sort_order, g.code)):
        official = sorted((r for r in catalog.rows if r.group == group.code), key=lambda r: r.no)
        rows = [
            _row_from_facts(r.key, group.code, r.no, r.label, True, by_row.get(r.key, []), catalog, r.note_kinds,
                            halves)
            for r in official
        ]
        next_no = max((r.no for r in official), default=0) + 1
        for (group_code, label), items in sorted(extra.items(), key=lambda kv: kv[0][1]):
            if group_code != group.code:
                continue
            rows.append(_row_from_facts(f"{group.code}.{next_no}", group.code, next_no, label, False, items,
                                        catalog, True, halves))
            next_no += 1
        groups.append(TableGroup(group.code, group.title, tuple(rows)))
    return StatTable(year=year, groups=tuple(groups), title=f"BIỂU TỔNG HỢP KẾT QUẢ KHEN THƯỞNG {period.title_suffix()}",
                     period=period, notes=table_notes(catalog, halves, period), parts=halves)


COLUMN_MEANINGS = {
    "c3": "tổng số", "c4": "khen thưởng cho cá nhân", "c6": "theo công trạng, thành tích",
    "c8": "theo công trạng – cá nhân lãnh đạo quản lý", "c9": "theo công trạng – người lao động trực tiếp",
    "c10": "chuyên đề, đột xuất, điển hình tiên tiến", "c12": "chuyên đề – cá nhân lãnh đạo quản lý",
    "c13": "chuyên đề – người lao động trực tiếp",
}


def cell_facts(row: TableRow, column: str, catalog: Catalog, parts: Mapping[str, str] | None = None
               ) -> list[AwardFact]:
    """The award facts (decision recipients) a count cell counts: every figure can be traced. ``parts`` is the
    table's own (:attr:`StatTable.parts`) when the office moved a kind to the other half."""
    parts = parts or table_parts(catalog)
    facts = list(row.facts)
    if column in ("c3", "c5", "c7", "c11", "c14"):
        base = {"c3": facts, "c14": facts}.get(column)
        if base is not None:
            return base
        column = {"c5": "c4", "c7": "c6", "c11": "c10"}[column]
    merit = [f for f in facts if parts.get(f.kind) == "cong_trang"]
    thematic = [f for f in facts if parts.get(f.kind) != "cong_trang"]
    selectors = {
        "c4": [f for f in facts if f.subject == "ca_nhan"],
        "c6": merit,
        "c8": [f for f in merit if f.subject == "ca_nhan" and _is_manager(f)],
        "c9": [f for f in merit if f.subject == "ca_nhan" and not _is_manager(f)],
        "c10": thematic,
        "c12": [f for f in thematic if f.subject == "ca_nhan" and _is_manager(f)],
        "c13": [f for f in thematic if f.subject == "ca_nhan" and not _is_manager(f)],
    }
    if column not in selectors:
        raise KeyError(f"Không có cột {column}")
    return selectors[column]


@dataclass(frozen=True)
class Violation:
    """A broken identity or a doubtful record, with the recipients behind it."""

    row_key: str
    message: str
    recipient_ids: tuple[str, ...] = ()
    severity: str = "error"  # error | warning
    decision_ids: tuple[str, ...] = ()  # decisions behind a decision-level problem


def check_table(table: StatTable, facts: Sequence[AwardFact]) -> list[Violation]:
    """Prove the identities of the table and that each recipient is counted exactly once."""
    problems: list[Violation] = []
    for row in table.rows():
        c3, c4 = row.count("c3"), row.count("c4")
        behind = tuple(f.recipient_id for f in row.facts)
        if row.count("c6") + row.count("c10") != c3:
            problems.append(Violation(row.key, f"Dòng {row.key} ({row.label}): cột 6 + cột 10 = "
                                      f"{row.count('c6') + row.count('c10')}, khác cột 3 = {c3}.", behind))
        people = row.count("c8") + row.count("c9") + row.count("c12") + row.count("c13")
        if people != c4:
            problems.append(Violation(row.key, f"Dòng {row.key} ({row.label}): cột 8 + 9 + 12 + 13 = {people}, "
                                      f"khác cột 4 = {c4}.", behind))
        if c4 > c3:
            problems.append(Violation(row.key, f"Dòng {row.key} ({row.label}): cột 4 = {c4} lớn hơn cột 3 = {c3}.",
                                      behind))
        for column, num in (("c5", "c4"), ("c7", "c6"), ("c11", "c10")):
            if row.value(column) != percent(row.count(num), c3):
                problems.append(Violation(row.key, f"Dòng {row.key} ({row.label}): tỷ lệ ở cột {column[1:]} là "
                                          f"{row.value(column)}, theo số liệu phải là {percent(row.count(num), c3)}.",
                                          behind))
        unknown = [f.recipient_id for f in row.facts
                   if f.subject == "ca_nhan" and f.is_manager is None and f.manager_at_award is None]
        if unknown:
            problems.append(Violation(
                row.key, f"Dòng {row.key} ({row.label}): {len(unknown)} cá nhân chưa ghi rõ là lãnh đạo quản lý "
                "hay người lao động trực tiếp (đang tính là lao động trực tiếp).", tuple(unknown), "warning"))
    counted: dict[str, int] = {}
    for row in table.rows():
        for fact in row.facts:
            counted[fact.recipient_id] = counted.get(fact.recipient_id, 0) + 1
    for fact in facts:
        times = counted.get(fact.recipient_id, 0)
        if times != 1:
            problems.append(Violation("", f"Người/tập thể nhận khen thưởng {fact.recipient_id} được đếm {times} lần "
                                      "trong biểu (phải đúng 1 lần).", (fact.recipient_id,)))
    if sum(counted.values()) != len(facts):
        problems.append(Violation("", f"Tổng số dòng của biểu ({sum(counted.values())}) khác số người/tập thể "
                                  f"trong các quyết định ({len(facts)})."))
    return problems


def check_facts(facts: Sequence[AwardFact], catalog: Catalog) -> list[Violation]:
    """Doubtful records behind the table: a subject listed twice for a form in one decision (counted twice),
    a form given to a subject it is not for, a form used outside its period, a title given twice in a year."""
    problems: list[Violation] = []
    lines: dict[tuple[str, str, str], list[AwardFact]] = defaultdict(list)
    titles: dict[tuple[str, str, str], list[AwardFact]] = defaultdict(list)
    for fact in facts:
        form = catalog.form(fact.form_code)
        key = _row_key(form)
        if fact.subject_id:
            lines[(fact.decision_id, fact.subject_id, fact.form_code)].append(fact)
            if form.category == "danh_hieu":
                titles[(fact.subject_id, form.family or form.code, key)].append(fact)
        if fact.subject not in form.subjects:
            subject = SUBJECT_LABELS.get(fact.subject, fact.subject)
            problems.append(Violation(key, f"{form.name} được ghi cho {subject}, "
                                      f"nhưng hình thức này chỉ dành cho "
                                      f"{', '.join(SUBJECT_LABELS[s] for s in form.subjects)}.", (fact.recipient_id,)))
        if fact.signed_on is not None and not form.valid_on(fact.signed_on):
            problems.append(Violation(key, f"{form.name} không còn (hoặc chưa) được áp dụng vào ngày ký quyết định.",
                                      (fact.recipient_id,), "warning"))
    for (_, _, form_code), same in lines.items():
        if len(same) > 1:
            problems.append(Violation(_row_key(catalog.form(form_code)), f"Một người/tập thể được ghi {len(same)} lần "
                                      f"trong cùng một quyết định ({catalog.form(form_code).name}): biểu đếm "
                                      f"{len(same)} lần.", tuple(f.recipient_id for f in same)))
    for (_, _family, key), same in titles.items():
        if len({f.decision_id for f in same}) > 1:
            name = catalog.form(same[0].form_code).name
            problems.append(Violation(key, f"Một người/tập thể nhận danh hiệu {name} {len(same)} lần trong năm "
                                      f"(ở {len({f.decision_id for f in same})} quyết định): biểu đếm {len(same)} lần.",
                                      tuple(f.recipient_id for f in same), "warning"))
    return problems


def _row_key(form: AwardForm) -> str:
    return form.stat_row or form.stat_group
