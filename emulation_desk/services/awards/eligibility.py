"""Eligibility of the year's nominations, from the records: a verdict per nomination with its explanation,
the year's summary, "who almost qualifies", and the settings of the rules.

What the whole year shares (quotas, collectives, decisions) is gathered once; the subjects' histories are
gathered a slice of subjects at a time (a few queries per slice), handed to the pure rules in
:mod:`emulation_desk.core.rules`, and let go once judged.
"""

from __future__ import annotations

import gc
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from emulation_desk.core.catalog import Catalog
from emulation_desk.core.rules.engine import AlmostItem, CaseJudge, almost_qualified, judge, ruleset_for
from emulation_desk.core.rules.facts import (
    AwardRecord,
    CollectiveYear,
    DisciplineRecord,
    InitiativeRecord,
    MemberDiscipline,
    NominationFacts,
    QuotaFacts,
    SubjectHistory,
)
from emulation_desk.core.rules.general import spelling_duplicates
from emulation_desk.core.rules.settings import (
    EligibilitySettings,
    SettingsError,
    settings_from_mapping,
)
from emulation_desk.core.rules.verdict import STATUSES, Verdict
from emulation_desk.core.text import fold, format_date, person_sort_key
from emulation_desk.errors import NotFoundError, ValidationError
from emulation_desk.services.awards.nominations import NOMINEE_JOINS, NOMINEE_NAME
from emulation_desk.services.common import Changes
from emulation_desk.services.workspace import Workspace
from emulation_desk.settings import ELIGIBILITY
from emulation_desk.storage.db import translate_error

HISTORY_YEARS = 12  # how far back the chains look (HCLĐ hạng Ba: a BK TTg, then 5 years…)
STANDARD_FAMILIES = ("ldtt", "cstdcs")
ID_SLICE = 500  # ids per query (any SQLite accepts 999 parameters)
MAX_DECIDED_PARAMETERS = 400  # decisions named beside a slice of ids (the rest of the 999)
SUBJECTS_PER_SLICE = 1_000  # subjects judged together: bounds the memory a province year takes
SUBJECT_COLUMNS = {"ca_nhan": "person_id", "tap_the": "unit_id", "ho_gia_dinh": "household_id"}

NOMINATIONS_SQL = f"""
SELECT n.id, n.year, n.achievement_first, n.form_code, n.kind, n.subject, n.person_id, n.unit_id, n.household_id,
       n.status,
       n.initiative_id, n.votes_members, n.votes_present, n.votes_yes, n.decision_id, d.signed_on AS decision_date,
       p.full_name, p.name_key AS person_key, p.birth_year, coalesce(py.unit_id, p.unit_id) AS person_unit_id,
       pu.name AS person_unit_name, u.name AS unit_name, u.name_key AS unit_key, h.head_name,
       h.name_key AS household_key
FROM nomination n
LEFT JOIN decision d ON d.id = n.decision_id AND d.deleted_at IS NULL
{NOMINEE_JOINS}
LEFT JOIN person_year py ON py.person_id = n.person_id AND py.year = n.year
LEFT JOIN unit pu ON pu.id = coalesce(py.unit_id, p.unit_id)
WHERE n.year = ? AND n.deleted_at IS NULL
ORDER BY n.form_code, {NOMINEE_NAME}, n.id
"""

AWARDS_SQL = """
SELECT r.id, r.{column} AS subject_id, r.form_code, r.kind, r.nomination_id, d.id AS decision_id, d.year,
       d.number, d.symbol, d.signed_on, d.issuer_level
FROM decision_recipient r JOIN decision d ON d.id = r.decision_id
WHERE d.status = 'issued' AND d.deleted_at IS NULL AND d.year BETWEEN ? AND ?
  AND r.{column} IN ({subjects})
"""


@dataclass
class YearFacts:
    """Everything the rules need for one year's nominations."""

    year: int
    nominations: list[NominationFacts]
    histories: dict[str, SubjectHistory]
    quota: QuotaFacts


@dataclass(frozen=True)
class YearEligibility:
    year: int
    verdicts: tuple[Verdict, ...]
    counts: Mapping[str, int] = field(default_factory=dict)
    by_form: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"year": self.year, "counts": dict(self.counts),
                "by_form": {k: dict(v) for k, v in self.by_form.items()},
                "verdicts": [v.to_json() for v in self.verdicts]}


# ------------------------------------------------------------------------------------------------ settings


def eligibility_settings(ws: Workspace) -> EligibilitySettings:
    """The effective settings of the rules (stored values over the defaults)."""
    try:
        return settings_from_mapping(ELIGIBILITY.read(ws.store))
    except SettingsError as exc:
        raise ValidationError(f"{exc} Hãy sửa lại trong phần Thiết lập.") from None


def update_eligibility_settings(ws: Workspace, changes: Mapping[str, Any]) -> Changes:
    """Change some settings of the rules (all or none)."""
    stored = ELIGIBILITY.read(ws.store)
    stored.update(changes)
    try:
        settings_from_mapping(stored)
    except SettingsError as exc:
        raise ValidationError(str(exc)) from None
    with ws.store.transaction():
        ELIGIBILITY.write(ws.store, stored)
    return Changes(settings=True)


# ------------------------------------------------------------------------------------------------ gathering


def _rows(ws: Workspace, sql: str, params: Sequence[Any], *, plain: bool = False) -> Iterator[Any]:
    """A read query streamed as light rows (``sqlite3.Row``), or as plain tuples with ``plain`` (the cheapest
    rows sqlite3 makes): a province year reads hundreds of thousands of them."""
    cursor = ws.store.conn.cursor()
    cursor.row_factory = None if plain else sqlite3.Row
    try:
        cursor.execute(sql, list(params))
        while batch := cursor.fetchmany(2_000):
            yield from batch
    except sqlite3.Error as exc:
        raise translate_error(exc, ws.store.path) from exc
    finally:
        cursor.close()


def _decision_ref(row: Mapping[str, Any]) -> str:
    number = f"{row['number']}/{row['symbol']}" if row["symbol"] else row["number"] or "(chưa có số)"
    return f"QĐ số {number} ngày {format_date(date.fromisoformat(row['signed_on']))}"


@dataclass
class _Records:
    """Makes award records; a form's catalog facts are looked up once (a province year makes half a million)."""

    catalog: Catalog
    forms: dict[tuple[str, str], tuple[str, str, str, str, bool]] = field(default_factory=dict)

    def make(self, form_code: str, kind: str, year: int, issuer_level: str = "", decision_ref: str = "",
             recipient_id: str = "", decision_id: str = "", nomination_id: str = "", year_from: int | None = None,
             signed_on: date | None = None) -> AwardRecord:
        static = self.forms.get((form_code, kind))
        if static is None:
            form = self.catalog.form(form_code)
            static = self.forms[(form_code, kind)] = (form.name, form.family, form.category, form.level,
                                                      self.catalog.kind(kind).feeds_chains)
        name, family, category, level, feeds = static
        return AwardRecord(year, form_code, name, family, category, level, kind, feeds, issuer_level, decision_ref,
                           recipient_id, decision_id, nomination_id, year_from, signed_on)


def _nomination_facts(row: Mapping[str, Any], shared: dict[Any, Any]) -> NominationFacts:
    """One nomination's facts; equal texts (forms, units, statuses) are kept once through ``shared``."""
    keep = shared.setdefault
    subject = row["subject"]
    subject_id = row[SUBJECT_COLUMNS[subject]]
    if subject == "ca_nhan":
        name, key, unit_id, unit_name = (row["full_name"], row["person_key"], row["person_unit_id"],
                                         row["person_unit_name"] or "")
    elif subject == "tap_the":
        name, key, unit_id, unit_name = row["unit_name"], row["unit_key"], row["unit_id"], ""
    else:
        name, key, unit_id, unit_name = f"Hộ ông (bà) {row['head_name']}", row["household_key"], None, ""
    decided = date.fromisoformat(row["decision_date"]) if row["decision_date"] else None
    return NominationFacts(row["id"], row["year"], keep(row["form_code"], row["form_code"]),
                           keep(row["kind"], row["kind"]), keep(subject, subject), subject_id, name,
                           keep(row["status"], row["status"]), row["birth_year"], keep(unit_id, unit_id),
                           keep(unit_name, unit_name), row["initiative_id"], keep(decided, decided),
                           row["votes_members"], row["votes_present"], row["votes_yes"], key or "",
                           _first_year(row["achievement_first"], row["year"]))


def _first_year(first: int | None, last: int) -> int | None:
    """The first achievement year of a period (None for one year)."""
    return None if first is None or first == last else first


def _subject_select(column: str) -> str:
    return f"SELECT {column} FROM nomination WHERE year = ? AND deleted_at IS NULL AND {column} IS NOT NULL"


def _slices(ids: Sequence[str]) -> Iterator[tuple[str, list[str]]]:
    """``ids`` in slices small enough for any SQLite's parameter limit, with their placeholders."""
    size = ID_SLICE
    for start in range(0, len(ids), size):
        part = list(ids[start:start + size])
        yield ", ".join("?" * len(part)), part


@dataclass
class _Year:
    """What every subject of the year shares: the issued decisions of the history window, the quota counts,
    the collectives' yearly facts and the disciplines, gathered once (a fixed number of queries)."""

    year: int
    records: _Records
    decisions: dict[str, tuple[int, str, str]]  # id → (year, "QĐ số … ngày …", issuer level)
    quota: QuotaFacts
    collectives: dict[str, dict[int, CollectiveYear]]
    disciplines: dict[str, list[DisciplineRecord]]


def _year_nominations(ws: Workspace, year: int) -> tuple[list[NominationFacts], dict[str, str]]:
    """The year's nominations (in list order) and, for those decided, their decision."""
    nominations: list[NominationFacts] = []
    decision_of: dict[str, str] = {}
    shared: dict[Any, Any] = {}  # a province year repeats a few hundred forms, units and decisions 100.000 times
    for row in _rows(ws, NOMINATIONS_SQL, [year]):
        facts = _nomination_facts(row, shared)
        nominations.append(facts)
        if row["decision_id"]:
            decision_of[facts.id] = shared.setdefault(row["decision_id"], row["decision_id"])
    return nominations, decision_of


def _issued_decisions(ws: Workspace, year: int) -> dict[str, tuple[int, str, str]]:
    return {r["id"]: (r["year"], _decision_ref(r), r["issuer_level"]) for r in _rows(
        ws, "SELECT id, year, number, symbol, signed_on, issuer_level FROM decision WHERE status = 'issued' "
            "AND deleted_at IS NULL AND year BETWEEN ? AND ?", [year - HISTORY_YEARS, year + 1])}


def _standard_counts(ws: Workspace, year: int) -> tuple[Counter[str], Counter[str]]:
    """Per unit ("" when unknown): people holding (or proposed for) a title of the LĐTT standard in ``year``,
    and those among them holding CSTĐCS; counted in SQLite (a province has 200.000 people)."""
    marks = ", ".join("?" for _ in STANDARD_FAMILIES)
    standard: Counter[str] = Counter()
    cstdcs: Counter[str] = Counter()
    for r in _rows(ws, f"""
            WITH holder(person_id, family) AS (
                SELECT r.person_id, f.family FROM decision_recipient r JOIN decision d ON d.id = r.decision_id
                JOIN award_form f ON f.code = r.form_code
                WHERE r.achievement_last = ? AND d.status = 'issued' AND d.deleted_at IS NULL
                  AND r.kind = 'cong_trang' AND r.person_id IS NOT NULL AND f.family IN ({marks})
                UNION
                SELECT n.person_id, f.family FROM nomination n JOIN award_form f ON f.code = n.form_code
                WHERE n.year = ? AND n.deleted_at IS NULL AND n.status <> 'rejected' AND n.person_id IS NOT NULL
                  AND f.family IN ({marks}))
            SELECT coalesce(py.unit_id, p.unit_id, '') AS unit_id, count(DISTINCT h.person_id) AS standard,
                   count(DISTINCT CASE WHEN h.family = 'cstdcs' THEN h.person_id END) AS cstdcs
            FROM holder h LEFT JOIN person p ON p.id = h.person_id
            LEFT JOIN person_year py ON py.person_id = h.person_id AND py.year = ?
            GROUP BY 1""", [year, *STANDARD_FAMILIES, year, *STANDARD_FAMILIES, year]):
        standard[r["unit_id"]] += r["standard"]
        cstdcs[r["unit_id"]] += r["cstdcs"]
    return standard, cstdcs


def _disciplines(ws: Workspace, year: int) -> tuple[dict[str, list[DisciplineRecord]],
                                                    dict[str, list[MemberDiscipline]]]:
    """Disciplines of the history window, per person and per unit (with the person's name)."""
    by_person: dict[str, list[DisciplineRecord]] = defaultdict(list)
    by_unit: dict[str, list[MemberDiscipline]] = defaultdict(list)
    for r in _rows(ws, """SELECT d.person_id, d.form, d.start_date, d.end_date, p.full_name,
                                 coalesce(py.unit_id, p.unit_id) AS unit_id
                          FROM discipline d LEFT JOIN person p ON p.id = d.person_id
                          LEFT JOIN person_year py ON py.person_id = d.person_id AND py.year = ?
                          WHERE d.end_date IS NULL OR d.end_date >= ?""", [year, f"{year - HISTORY_YEARS}-01-01"]):
        record = DisciplineRecord(r["form"], date.fromisoformat(r["start_date"]),
                                  date.fromisoformat(r["end_date"]) if r["end_date"] else None)
        by_person[r["person_id"]].append(record)
        if r["unit_id"]:
            by_unit[r["unit_id"]].append(MemberDiscipline(r["full_name"] or "", record))
    return by_person, by_unit


def _bloc_ranks(ws: Workspace, year: int) -> dict[str, tuple[str, int, int]]:
    """unit id → (bloc name, rank by total score, members) for the year's blocs."""
    rows = ws.store.query(
        """SELECT b.id AS bloc_id, b.name, m.unit_id, coalesce(sum(s.points), 0) AS total,
                  (SELECT count(*) FROM bloc_member x WHERE x.bloc_id = b.id) AS size
           FROM bloc b JOIN bloc_member m ON m.bloc_id = b.id
           LEFT JOIN bloc_criterion c ON c.bloc_id = b.id
           LEFT JOIN bloc_score s ON s.criterion_id = c.id AND s.unit_id = m.unit_id
           WHERE b.year = ? GROUP BY b.id, m.unit_id""", [year])
    by_bloc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_bloc[r["bloc_id"]].append(r)
    ranks: dict[str, tuple[str, int, int]] = {}
    for members in by_bloc.values():
        if not any(m["total"] for m in members):
            continue
        for m in members:
            rank = 1 + sum(1 for other in members if other["total"] > m["total"])
            ranks[m["unit_id"]] = (m["name"], rank, m["size"])
    return ranks


def _declared(declared: int | None, counted: int) -> int:
    return counted if declared is None else declared


def _collective_years(ws: Workspace, year: int, standard: Counter[str], cstdcs: Counter[str],
                      member_discipline: Mapping[str, list[MemberDiscipline]]
                      ) -> dict[str, dict[int, CollectiveYear]]:
    """unit id → year → facts, for the nominated collectives (member counts for ``year`` only)."""
    blocs = _bloc_ranks(ws, year)
    result: dict[str, dict[int, CollectiveYear]] = defaultdict(dict)
    for r in ws.store.query(f"SELECT * FROM unit_year WHERE year <= ? AND unit_id IN ({_subject_select('unit_id')})",
                            [year, year]):
        unit, y = r["unit_id"], r["year"]
        current = y == year
        bloc = blocs.get(unit) if current else None
        result[unit][y] = CollectiveYear(
            y, r["head_count"], r["completed_count"], r["rating"], r["disciplined_count"],
            # the figures the unit declared (Hồ sơ đơn vị) win over the count of its members' own records
            _declared(r["standard_count"], standard[unit]) if current else 0,
            _declared(r["cstdcs_count"], cstdcs[unit]) if current else 0,
            tuple(member_discipline.get(unit, ())) if current else (),
            bloc[0] if bloc else "", bloc[1] if bloc else None, bloc[2] if bloc else 0)
    nominated = {r["unit_id"] for r in ws.store.query(_subject_select("unit_id"), [year])}
    for unit, (name, rank, size) in blocs.items():  # bloc results count even without a unit_year row
        if unit in nominated and year not in result.get(unit, {}):
            result[unit][year] = CollectiveYear(year, bloc_name=name, bloc_rank=rank, bloc_size=size,
                                                standard_members=standard[unit], cstdcs_members=cstdcs[unit],
                                                member_disciplines=tuple(member_discipline.get(unit, ())))
    return result


def _year_context(ws: Workspace, year: int) -> _Year:
    standard, cstdcs = _standard_counts(ws, year)
    disciplines, member_discipline = _disciplines(ws, year)
    unit_names = {r["id"]: r["name"] for r in _rows(ws, "SELECT id, name FROM unit", [])}
    quota = QuotaFacts(sum(standard.values()), sum(cstdcs.values()), dict(standard), dict(cstdcs), unit_names)
    return _Year(year, _Records(ws.catalog()), _issued_decisions(ws, year), quota,
                 _collective_years(ws, year, standard, cstdcs, member_discipline), disciplines)


def _histories(ws: Workspace, context: _Year, by_subject: Mapping[str, Sequence[NominationFacts]],
               decision_of: Mapping[str, str], since: Mapping[str, int | None] | None = None
               ) -> dict[str, SubjectHistory]:
    """The histories of some nominated subjects (a slice of the year): their issued awards over the history
    window plus the year's pending proposals, ratings, initiatives, recruitment and disciplines. A recipient
    line whose nomination link is empty is matched to the decided nomination of the same decision, subject
    and form. ``since``: subject key → the first achievement year its checks read (None or absent: all), so
    the awards earned before it are not made (a Lao động tiên tiến reads one year of a ten-year history); the
    lines of this year's nominations are always kept."""
    year = context.year
    since = since or {}
    this_year = {n.id for items in by_subject.values() for n in items}
    ids: dict[str, list[str]] = defaultdict(list)
    for items in by_subject.values():
        ids[items[0].subject].append(items[0].subject_id)
    decided = {(decision_of[n.id], n.subject_key, n.form_code): n.id
               for items in by_subject.values() for n in items if n.id in decision_of}
    decided_in = sorted({decision for decision, _, _ in decided})
    awards: dict[str, list[AwardRecord]] = defaultdict(list)
    linked: set[str] = set()
    decisions, make = context.decisions, context.records.make
    for subject, subject_ids in ids.items():
        column = SUBJECT_COLUMNS[subject]
        keys = {subject_id: f"{subject}:{subject_id}" for subject_id in subject_ids}
        lows = {subject_id: since.get(key) for subject_id, key in keys.items()}
        known = [low for low in lows.values() if low is not None]
        floor = min(known) if known else 0
        # the lines SQLite need not hand over: earned before every year read, and no line of this year's
        # nominations (linked, or in the decision of a decided one: a handful of decisions, else no filter)
        recent = (f"achievement_last IS NULL OR achievement_last >= ? OR nomination_id IS NOT NULL OR decision_id "
                  f"IN ({', '.join('?' * len(decided_in))})") if len(decided_in) <= MAX_DECIDED_PARAMETERS else ""
        for whole, group in ((True, [i for i in subject_ids if lows[i] is None or not recent]),
                             (False, [i for i in subject_ids if lows[i] is not None and recent])):
            sql = (f"SELECT {column}, decision_id, form_code, kind, nomination_id, achievement_first, "
                   f"achievement_last, id FROM decision_recipient WHERE {column} IN ({{marks}})")
            if not whole:
                sql += f" AND ({recent})"
            for marks, part in _slices(group):
                # plain tuples: the province's histories are half a million recipient lines (the columns in the
                # order of the covering index recipient_person, migration 0010)
                params = part if whole else [*part, floor, *decided_in]
                for subject_id, decision_id, form_code, kind, nomination_id, first, last, recipient in _rows(
                        ws, sql.format(marks=marks), params, plain=True):
                    decision = decisions.get(decision_id)
                    if decision is None:
                        continue
                    key = keys[subject_id]
                    nomination = nomination_id or decided.get((decision_id, key, form_code), "")
                    earned = last or decision[0]  # the achievement year; the signing year for a line without one
                    low = lows[subject_id]
                    if low is not None and earned < low and nomination not in this_year:
                        continue
                    awards[key].append(make(form_code, kind, earned, decision[2], decision[1], recipient, decision_id,
                                            nomination, _first_year(first, earned)))
                    if nomination:
                        linked.add(nomination)
    for items in by_subject.values():
        for n in items:
            if n.status != "rejected" and n.id not in linked:
                awards[n.subject_key].append(context.records.make(n.form_code, n.kind, n.year, nomination_id=n.id,
                                                                  year_from=n.year_from))
    ratings: dict[str, dict[int, str]] = defaultdict(dict)
    investigated: dict[str, set[int]] = defaultdict(set)
    recruited: dict[str, date] = {}
    for marks, part in _slices(ids.get("ca_nhan", [])):
        for r in _rows(ws, f"SELECT person_id, year, rating, under_investigation FROM person_year "
                           f"WHERE year <= ? AND person_id IN ({marks})", [year, *part]):
            if r["rating"]:
                ratings[r["person_id"]][r["year"]] = r["rating"]
            if r["under_investigation"]:
                investigated[r["person_id"]].add(r["year"])
        for r in _rows(ws, f"SELECT id, recruited_on FROM person WHERE recruited_on IS NOT NULL AND id IN ({marks})",
                       part):
            recruited[r["id"]] = date.fromisoformat(r["recruited_on"])
    initiatives: dict[str, list[InitiativeRecord]] = defaultdict(list)
    for subject, subject_ids in ids.items():
        if subject == "ho_gia_dinh":
            continue
        column = SUBJECT_COLUMNS[subject]
        own = "" if subject == "ca_nhan" else " AND person_id IS NULL"  # a person's initiative is the person's
        for marks, part in _slices(subject_ids):
            for r in _rows(ws, f"SELECT id, {column} AS owner, year, title, scope, used_by_recipient_id "
                               f"FROM initiative WHERE year <= ? AND {column} IN ({marks}){own}", [year, *part]):
                initiatives[f"{subject}:{r['owner']}"].append(
                    InitiativeRecord(r["id"], r["year"], r["title"], r["scope"], r["used_by_recipient_id"]))
    histories: dict[str, SubjectHistory] = {}
    for key, items in by_subject.items():
        n = items[0]
        subject_ratings = ratings.get(n.subject_id, {}) if n.subject == "ca_nhan" else {
            y: c.rating for y, c in context.collectives.get(n.subject_id, {}).items() if c.rating}
        histories[key] = SubjectHistory(
            n.subject, n.subject_id, n.name, tuple(awards.get(key, ())), subject_ratings,
            tuple(initiatives.get(key, ())), recruited.get(n.subject_id),
            tuple(context.disciplines.get(n.subject_id, ())) if n.subject == "ca_nhan" else (),
            frozenset(investigated.get(n.subject_id, ())), context.collectives.get(n.subject_id, {}))
    return histories


def _by_subject(nominations: Iterable[NominationFacts]) -> dict[str, list[NominationFacts]]:
    grouped: dict[str, list[NominationFacts]] = {}
    for n in nominations:
        grouped.setdefault(n.subject_key, []).append(n)
    return grouped


def gather_year(ws: Workspace, year: int) -> YearFacts:
    """The facts behind every nomination of ``year`` at once (for a small office or a test; the year's
    verdicts are judged a slice of subjects at a time, see :func:`year_eligibility`)."""
    nominations, decision_of = _year_nominations(ws, year)
    context = _year_context(ws, year)
    return YearFacts(year, nominations, _histories(ws, context, _by_subject(nominations), decision_of),
                     context.quota)


def _person_units(ws: Workspace, year: int, ids: Sequence[str]) -> dict[str, tuple[str | None, str]]:
    """person id → (unit of ``year``, full name), for the given people."""
    found: dict[str, tuple[str | None, str]] = {}
    for marks, part in _slices(ids):
        for r in _rows(ws, f"SELECT p.id, p.full_name, coalesce(py.unit_id, p.unit_id) AS unit_id FROM person p "
                           f"LEFT JOIN person_year py ON py.person_id = p.id AND py.year = ? WHERE p.id IN ({marks})",
                       [year, *part]):
            found[r["id"]] = (r["unit_id"], r["full_name"])
    return found


# ------------------------------------------------------------------------------------------------ services


@contextmanager
def _bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while hundreds of thousands of small immutable facts are built:
    they hold no cycles, and the collector's repeated scans would otherwise cost about as much as the work."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _name_order(n: NominationFacts) -> tuple[Any, ...]:
    """People by given name, then family and middle names (on the folded key: cheap enough for tens of thousands
    of proposals; screens re-sort with the Vietnamese collator); collectives and households after them."""
    words = (n.name_key or fold(n.name)).split()
    if n.subject == "ca_nhan":
        return (0, words[-1:], words[:-1], n.id)
    return (1, words, [], n.id)


def evaluate_facts(facts: YearFacts, catalog: Catalog, settings: EligibilitySettings) -> list[Verdict]:
    same_person = spelling_duplicates(facts.nominations, catalog)
    return [judge(n, facts.histories[n.subject_key], catalog, settings, facts.quota, same_person.get(n.id, ()))
            for n in facts.nominations]


Progress = Callable[[int, int], None]


def _judge_year(ws: Workspace, year: int, *, subject_key: str | None = None, progress: Progress | None = None,
                ranked: bool = False) -> tuple[dict[str, int], list[Verdict]]:
    """The verdicts on the year's nominations (or on one subject's), judged a slice of subjects at a time: a
    slice's histories are gathered, judged and let go, so a province year (100.000 proposals, a million awards
    in the records) never holds every history at once. With ``ranked``, also each nomination's place in name
    order (made before the verdicts exist, when memory is lowest)."""
    catalog = ws.catalog()
    settings = eligibility_settings(ws)
    nominations, decision_of = _year_nominations(ws, year)
    same_person = spelling_duplicates(nominations, catalog)
    rank = {n.id: i for i, n in enumerate(sorted(nominations, key=_name_order))} if ranked else {}
    context = _year_context(ws, year)
    grouped = _by_subject(nominations)
    keys = list(grouped) if subject_key is None else [k for k in (subject_key,) if k in grouped]
    step = SUBJECTS_PER_SLICE
    verdicts: list[Verdict] = []
    judged = CaseJudge(catalog, settings, context.quota)  # equal cases judged once, their checks kept once
    for start in range(0, len(keys), step):
        part = {k: grouped[k] for k in keys[start:start + step]}
        since = {key: judged.first_year_read(items) for key, items in part.items()}
        histories = _histories(ws, context, part, decision_of, since)
        for key, items in part.items():
            history = histories[key]
            verdicts.extend(judged(n, history, same_person.get(n.id, ())) for n in items)
        if progress is not None:
            progress(min(start + step, len(keys)), len(keys))
    return rank, verdicts


def year_eligibility(ws: Workspace, year: int, *, progress: Progress | None = None) -> YearEligibility:
    """A verdict for every nomination of ``year`` (by form, failures first, then by given name) and the counts
    per status (overall and per form). ``progress(done, total)`` is told after each slice of subjects."""
    catalog = ws.catalog()
    order = {status: i for i, status in enumerate(("chua_dat", "thieu_du_lieu", "canh_bao", "dat", "khong_ap_dung"))}
    with _bulk():
        rank, verdicts = _judge_year(ws, year, progress=progress, ranked=True)
        forms = {v.form_code: catalog.form(v.form_code).sort_order for v in verdicts}
        verdicts.sort(key=lambda v: (forms[v.form_code], order[v.status], rank[v.nomination_id]))
    counts = Counter({status: 0 for status in STATUSES})
    by_form: dict[str, Counter[str]] = defaultdict(Counter)
    for v in verdicts:
        counts[v.status] += 1
        by_form[v.form_code][v.status] += 1
    return YearEligibility(year, tuple(verdicts), dict(counts), {k: dict(c) for k, c in by_form.items()})


def nomination_verdict(ws: Workspace, nomination_id: str) -> Verdict:
    """The verdict of one nomination (the year's proposals are read, so duplicates and quotas are right; only
    this subject's history is gathered)."""
    row = ws.store.conn.execute(
        "SELECT year, subject, coalesce(person_id, unit_id, household_id) FROM nomination "
        "WHERE id = ? AND deleted_at IS NULL", [nomination_id]).fetchone()
    if row is None:
        raise NotFoundError("Không tìm thấy đề nghị khen thưởng này (có thể đã bị xóa).")
    with _bulk():
        verdicts = _judge_year(ws, row[0], subject_key=f"{row[1]}:{row[2]}")[1]
    for verdict in verdicts:
        if verdict.nomination_id == nomination_id:
            return verdict
    raise AssertionError("a nomination of the year has no verdict")  # pragma: no cover


def almost(ws: Workspace, year: int) -> list[AlmostItem]:
    """People one year short of a chain (e.g. CSTĐCS in two consecutive years, for CSTĐ cấp tỉnh next year),
    sorted by target and name; for the clerk's plan and the council pack."""
    catalog = ws.catalog()
    regime = catalog.regime_for(date(year + 1, 12, 31))
    ruleset = ruleset_for(regime.code if regime else None)
    if ruleset is None or not ruleset.chains:
        return []
    longest = max(t.n for t in ruleset.chains)
    families = sorted({f for t in ruleset.chains for f in t.families} | {catalog.form(t.form_code).family
                                                                         for t in ruleset.chains})
    marks = ", ".join("?" for _ in families)
    rows = _rows(
        ws, f"""SELECT r.id, r.person_id AS subject_id, r.form_code, r.kind, r.nomination_id, d.id AS decision_id,
                       coalesce(r.achievement_last, d.year) AS year, r.achievement_first, d.number, d.symbol,
                       d.signed_on, d.issuer_level
                FROM decision_recipient r JOIN decision d ON d.id = r.decision_id
                JOIN award_form f ON f.code = r.form_code
                WHERE d.status = 'issued' AND d.deleted_at IS NULL AND r.achievement_last BETWEEN ? AND ?
                  AND r.person_id IS NOT NULL AND f.family IN ({marks})""", [year - longest + 1, year, *families])
    awards: dict[str, list[AwardRecord]] = defaultdict(list)
    issued: set[tuple[str, str]] = set()
    records = _Records(catalog)
    for row in rows:
        awards[row["subject_id"]].append(records.make(row["form_code"], row["kind"], row["year"],
                                                      decision_ref=_decision_ref(row), recipient_id=row["id"],
                                                      decision_id=row["decision_id"],
                                                      year_from=_first_year(row["achievement_first"], row["year"])))
        issued.add((row["decision_id"], row["subject_id"]))
        issued.add((row["nomination_id"] or "", row["subject_id"]))
    # Proposals of the year not yet in an issued decision count too (the clerk plans in December).
    for row in _rows(ws, f"""SELECT n.id, n.person_id, n.form_code, n.kind, n.decision_id FROM nomination n
                             JOIN award_form f ON f.code = n.form_code
                             WHERE n.year = ? AND n.deleted_at IS NULL AND n.status <> 'rejected'
                               AND n.person_id IS NOT NULL AND f.family IN ({marks})""", [year, *families]):
        if (row["decision_id"], row["person_id"]) not in issued and (row["id"], row["person_id"]) not in issued:
            awards[row["person_id"]].append(records.make(row["form_code"], row["kind"], year,
                                                         nomination_id=row["id"]))
    units = _person_units(ws, year, list(awards))
    unit_names = {r["id"]: r["name"] for r in ws.store.query("SELECT id, name FROM unit")}
    histories: Iterable[tuple[SubjectHistory, str]] = (
        (SubjectHistory("ca_nhan", pid, units.get(pid, (None, pid))[1], tuple(items)),
         unit_names.get(units.get(pid, (None, ""))[0] or "", "")) for pid, items in awards.items())
    items = almost_qualified(histories, year, catalog, eligibility_settings(ws))
    return sorted(items, key=lambda i: (i.target_form, i.unit_name, person_sort_key(i.name)))
