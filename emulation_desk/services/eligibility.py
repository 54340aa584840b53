"""Eligibility of the year's nominations, from the records: a verdict per nomination with its explanation,
the year's summary, "who almost qualifies", and the settings of the rules.

Facts are gathered once per year (a fixed number of queries, whatever the number of nominations) and
handed to the pure rules in :mod:`emulation_desk.core.rules`.
"""

from __future__ import annotations

import gc
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from emulation_desk.core.catalog import Catalog
from emulation_desk.core.rules.engine import AlmostItem, almost_qualified, judge, ruleset_for
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
    SETTING_KEY,
    EligibilitySettings,
    SettingsError,
    settings_from_mapping,
)
from emulation_desk.core.rules.verdict import STATUSES, Verdict
from emulation_desk.core.text import fold, format_date, person_sort_key
from emulation_desk.errors import NotFoundError, ValidationError
from emulation_desk.services.common import Changes
from emulation_desk.services.workspace import Workspace
from emulation_desk.storage.db import translate_error

HISTORY_YEARS = 12  # how far back the chains look (HCLĐ hạng Ba: a BK TTg, then 5 years…)
STANDARD_FAMILIES = ("ldtt", "cstdcs")
SUBJECT_COLUMNS = {"ca_nhan": "person_id", "tap_the": "unit_id", "ho_gia_dinh": "household_id"}

NOMINATIONS_SQL = """
SELECT n.id, n.year, n.form_code, n.kind, n.subject, n.person_id, n.unit_id, n.household_id, n.status,
       n.initiative_id, n.votes_members, n.votes_present, n.votes_yes, n.decision_id, d.signed_on AS decision_date,
       p.full_name, p.name_key AS person_key, p.birth_year, coalesce(py.unit_id, p.unit_id) AS person_unit_id,
       pu.name AS person_unit_name, u.name AS unit_name, u.name_key AS unit_key, h.head_name,
       h.name_key AS household_key
FROM nomination n
LEFT JOIN decision d ON d.id = n.decision_id AND d.deleted_at IS NULL
LEFT JOIN person p ON p.id = n.person_id
LEFT JOIN person_year py ON py.person_id = n.person_id AND py.year = n.year
LEFT JOIN unit pu ON pu.id = coalesce(py.unit_id, p.unit_id)
LEFT JOIN unit u ON u.id = n.unit_id
LEFT JOIN household h ON h.id = n.household_id
WHERE n.year = ? AND n.deleted_at IS NULL
ORDER BY n.form_code, coalesce(p.full_name, u.name, h.head_name), n.id
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
        return settings_from_mapping(ws.store.get_setting(SETTING_KEY, {}))
    except SettingsError as exc:
        raise ValidationError(f"{exc} Hãy sửa lại trong phần Thiết lập.") from None


def update_eligibility_settings(ws: Workspace, changes: Mapping[str, Any]) -> Changes:
    """Change some settings of the rules (all or none)."""
    stored = dict(ws.store.get_setting(SETTING_KEY, {}) or {})
    stored.update(changes)
    try:
        settings_from_mapping(stored)
    except SettingsError as exc:
        raise ValidationError(str(exc)) from None
    with ws.store.transaction():
        ws.store.set_setting(SETTING_KEY, stored)
    return Changes(settings=True)


# ------------------------------------------------------------------------------------------------ gathering


def _rows(ws: Workspace, sql: str, params: list[Any]) -> list[sqlite3.Row]:
    """A read query as light rows (the gathering reads hundreds of thousands of them on a large office)."""
    cursor = ws.store.conn.cursor()
    cursor.row_factory = sqlite3.Row
    try:
        return cursor.execute(sql, params).fetchall()
    except sqlite3.Error as exc:
        raise translate_error(exc, ws.store.path) from exc


def _decision_ref(row: Mapping[str, Any]) -> str:
    number = f"{row['number']}/{row['symbol']}" if row["symbol"] else row["number"] or "(chưa có số)"
    return f"QĐ số {number} ngày {format_date(date.fromisoformat(row['signed_on']))}"


def _record(catalog: Catalog, form_code: str, kind: str, year: int, **extra: Any) -> AwardRecord:
    form = catalog.form(form_code)
    return AwardRecord(year, form_code, form.name, form.family, form.category, form.level, kind,
                       catalog.kind(kind).feeds_chains, **extra)


def _nomination_facts(row: Mapping[str, Any]) -> NominationFacts:
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
    return NominationFacts(row["id"], row["year"], row["form_code"], row["kind"], subject, subject_id, name,
                           row["status"], row["birth_year"], unit_id, unit_name, row["initiative_id"], decided,
                           row["votes_members"], row["votes_present"], row["votes_yes"], key or "")


def _subject_select(column: str) -> str:
    return f"SELECT {column} FROM nomination WHERE year = ? AND deleted_at IS NULL AND {column} IS NOT NULL"


def _awards(ws: Workspace, catalog: Catalog, year: int, nominations: list[NominationFacts],
            decided: Mapping[tuple[str, str, str], str]) -> dict[str, list[AwardRecord]]:
    """Issued awards of every nominated subject over the history window, plus the year's pending proposals.
    A recipient line whose nomination link is empty is matched to the decided nomination of the same
    decision, subject and form (``decided``)."""
    awards: dict[str, list[AwardRecord]] = defaultdict(list)
    linked: set[str] = set()
    refs: dict[str, str] = {}
    for subject, column in SUBJECT_COLUMNS.items():
        sql = AWARDS_SQL.format(column=column, subjects=_subject_select(column))
        for row in _rows(ws, sql, [year - HISTORY_YEARS, year, year]):
            key = f"{subject}:{row['subject_id']}"
            decision_id = row["decision_id"]
            nomination = row["nomination_id"] or decided.get((decision_id, key, row["form_code"]), "")
            if decision_id not in refs:
                refs[decision_id] = _decision_ref(row)
            awards[key].append(_record(
                catalog, row["form_code"], row["kind"], row["year"], issuer_level=row["issuer_level"],
                decision_ref=refs[decision_id], recipient_id=row["id"], decision_id=decision_id,
                nomination_id=nomination))
            if nomination:
                linked.add(nomination)
    for n in nominations:
        if n.status != "rejected" and n.id not in linked:
            awards[n.subject_key].append(_record(catalog, n.form_code, n.kind, n.year, nomination_id=n.id))
    return awards


def _person_units(ws: Workspace, year: int) -> dict[str, tuple[str | None, str]]:
    rows = _rows(ws, "SELECT p.id, p.full_name, coalesce(py.unit_id, p.unit_id) AS unit_id FROM person p "
                     "LEFT JOIN person_year py ON py.person_id = p.id AND py.year = ?", [year])
    return {r["id"]: (r["unit_id"], r["full_name"]) for r in rows}


def _standard_holders(ws: Workspace, year: int) -> dict[str, set[str]]:
    """People holding (or proposed for) a title of the LĐTT standard in ``year``, with the families held."""
    marks = ", ".join("?" for _ in STANDARD_FAMILIES)
    rows = _rows(
        ws, f"""SELECT r.person_id, f.family FROM decision_recipient r JOIN decision d ON d.id = r.decision_id
            JOIN award_form f ON f.code = r.form_code
            WHERE d.year = ? AND d.status = 'issued' AND d.deleted_at IS NULL AND r.kind = 'cong_trang'
              AND r.person_id IS NOT NULL AND f.family IN ({marks})
            UNION
            SELECT n.person_id, f.family FROM nomination n JOIN award_form f ON f.code = n.form_code
            WHERE n.year = ? AND n.deleted_at IS NULL AND n.status <> 'rejected' AND n.person_id IS NOT NULL
              AND f.family IN ({marks})""", [year, *STANDARD_FAMILIES, year, *STANDARD_FAMILIES])
    holders: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        holders[r["person_id"]].add(r["family"])
    return holders


def _quota(holders: Mapping[str, set[str]], units: Mapping[str, tuple[str | None, str]],
           unit_names: Mapping[str, str]) -> QuotaFacts:
    standard: Counter[str] = Counter()
    cstdcs: Counter[str] = Counter()
    for person_id, families in holders.items():
        unit = units.get(person_id, (None, ""))[0] or ""
        standard[unit] += 1
        if "cstdcs" in families:
            cstdcs[unit] += 1
    return QuotaFacts(sum(standard.values()), sum(cstdcs.values()), dict(standard), dict(cstdcs), dict(unit_names))


def _disciplines(ws: Workspace, year: int) -> dict[str, list[DisciplineRecord]]:
    found: dict[str, list[DisciplineRecord]] = defaultdict(list)
    for r in ws.store.query("SELECT person_id, form, start_date, end_date FROM discipline "
                            "WHERE end_date IS NULL OR end_date >= ?", [f"{year - HISTORY_YEARS}-01-01"]):
        found[r["person_id"]].append(DisciplineRecord(r["form"], date.fromisoformat(r["start_date"]),
                                                      date.fromisoformat(r["end_date"]) if r["end_date"] else None))
    return found


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


def gather_year(ws: Workspace, year: int) -> YearFacts:
    """The facts behind every nomination of ``year``, in one pass over the year's records."""
    catalog = ws.catalog()
    store = ws.store
    rows = _rows(ws, NOMINATIONS_SQL, [year])
    nominations = [_nomination_facts(r) for r in rows]
    decided = {(r["decision_id"], n.subject_key, n.form_code): n.id
               for r, n in zip(rows, nominations, strict=True) if r["decision_id"]}
    awards = _awards(ws, catalog, year, nominations, decided)
    units = _person_units(ws, year)
    unit_names = {r["id"]: r["name"] for r in store.query("SELECT id, name FROM unit")}
    holders = _standard_holders(ws, year)
    disciplines = _disciplines(ws, year)
    people_sql = _subject_select("person_id")
    ratings: dict[str, dict[int, str]] = defaultdict(dict)
    investigated: dict[str, set[int]] = defaultdict(set)
    for r in _rows(ws, f"SELECT person_id, year, rating, under_investigation FROM person_year WHERE year <= ? "
                       f"AND person_id IN ({people_sql})", [year, year]):
        if r["rating"]:
            ratings[r["person_id"]][r["year"]] = r["rating"]
        if r["under_investigation"]:
            investigated[r["person_id"]].add(r["year"])
    initiatives: dict[str, list[InitiativeRecord]] = defaultdict(list)
    for r in store.query(f"SELECT * FROM initiative WHERE year <= ? AND (person_id IN ({people_sql}) OR unit_id IN "
                         f"({_subject_select('unit_id')}))", [year, year, year]):
        key = f"ca_nhan:{r['person_id']}" if r["person_id"] else f"tap_the:{r['unit_id']}"
        initiatives[key].append(InitiativeRecord(r["id"], r["year"], r["title"], r["scope"], r["used_by_recipient_id"]))
    recruited = {r["id"]: date.fromisoformat(r["recruited_on"]) for r in store.query(
        f"SELECT id, recruited_on FROM person WHERE recruited_on IS NOT NULL AND id IN ({people_sql})", [year])}
    collectives = _collective_years(ws, year, units, holders, disciplines)
    histories: dict[str, SubjectHistory] = {}
    for n in nominations:
        if n.subject_key in histories:
            continue
        subject_ratings = ratings.get(n.subject_id, {}) if n.subject == "ca_nhan" else {
            y: c.rating for y, c in collectives.get(n.subject_id, {}).items() if c.rating}
        histories[n.subject_key] = SubjectHistory(
            n.subject, n.subject_id, n.name, tuple(awards.get(n.subject_key, ())), subject_ratings,
            tuple(initiatives.get(n.subject_key, ())), recruited.get(n.subject_id),
            tuple(disciplines.get(n.subject_id, ())) if n.subject == "ca_nhan" else (),
            frozenset(investigated.get(n.subject_id, ())), collectives.get(n.subject_id, {}))
    return YearFacts(year, nominations, histories, _quota(holders, units, unit_names))


def _collective_years(ws: Workspace, year: int, units: Mapping[str, tuple[str | None, str]],
                      holders: Mapping[str, set[str]], disciplines: Mapping[str, list[DisciplineRecord]]
                      ) -> dict[str, dict[int, CollectiveYear]]:
    """unit id → year → facts, for the nominated collectives (member counts for ``year`` only)."""
    standard: Counter[str] = Counter()
    cstdcs: Counter[str] = Counter()
    for person_id, families in holders.items():
        unit = units.get(person_id, (None, ""))[0]
        if unit:
            standard[unit] += 1
            cstdcs[unit] += "cstdcs" in families
    member_discipline: dict[str, list[MemberDiscipline]] = defaultdict(list)
    for person_id, records in disciplines.items():
        unit, name = units.get(person_id, (None, ""))
        if unit:
            member_discipline[unit].extend(MemberDiscipline(name, d) for d in records)
    blocs = _bloc_ranks(ws, year)
    result: dict[str, dict[int, CollectiveYear]] = defaultdict(dict)
    for r in ws.store.query(f"SELECT * FROM unit_year WHERE year <= ? AND unit_id IN ({_subject_select('unit_id')})",
                            [year, year]):
        unit, y = r["unit_id"], r["year"]
        current = y == year
        bloc = blocs.get(unit) if current else None
        result[unit][y] = CollectiveYear(
            y, r["head_count"], r["completed_count"], r["rating"], r["disciplined_count"],
            standard[unit] if current else 0, cstdcs[unit] if current else 0,
            tuple(member_discipline.get(unit, ())) if current else (),
            bloc[0] if bloc else "", bloc[1] if bloc else None, bloc[2] if bloc else 0)
    nominated = {r["unit_id"] for r in ws.store.query(_subject_select("unit_id"), [year])}
    for unit, (name, rank, size) in blocs.items():  # bloc results count even without a unit_year row
        if unit in nominated and year not in result.get(unit, {}):
            result[unit][year] = CollectiveYear(year, bloc_name=name, bloc_rank=rank, bloc_size=size,
                                                standard_members=standard[unit], cstdcs_members=cstdcs[unit],
                                                member_disciplines=tuple(member_discipline.get(unit, ())))
    return result


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


def year_eligibility(ws: Workspace, year: int) -> YearEligibility:
    """A verdict for every nomination of ``year`` (by form, failures first, then by given name) and the counts
    per status (overall and per form)."""
    catalog = ws.catalog()
    with _bulk():
        facts = gather_year(ws, year)
        names = {n.id: _name_order(n) for n in facts.nominations}
        order = {status: i for i, status in enumerate(("chua_dat", "canh_bao", "dat", "khong_ap_dung"))}
        verdicts = sorted(evaluate_facts(facts, catalog, eligibility_settings(ws)),
                          key=lambda v: (catalog.form(v.form_code).sort_order, order[v.status], names[v.nomination_id]))
    counts = Counter({status: 0 for status in STATUSES})
    by_form: dict[str, Counter[str]] = defaultdict(Counter)
    for v in verdicts:
        counts[v.status] += 1
        by_form[v.form_code][v.status] += 1
    return YearEligibility(year, tuple(verdicts), dict(counts), {k: dict(c) for k, c in by_form.items()})


def nomination_verdict(ws: Workspace, nomination_id: str) -> Verdict:
    """The verdict of one nomination (its year's facts are gathered, so duplicates and quotas are right)."""
    year = ws.store.scalar("SELECT year FROM nomination WHERE id = ? AND deleted_at IS NULL", [nomination_id])
    if year is None:
        raise NotFoundError("Không tìm thấy đề nghị khen thưởng này (có thể đã bị xóa).")
    for verdict in year_eligibility(ws, year).verdicts:
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
                       d.year, d.number, d.symbol, d.signed_on, d.issuer_level
                FROM decision_recipient r JOIN decision d ON d.id = r.decision_id
                JOIN award_form f ON f.code = r.form_code
                WHERE d.status = 'issued' AND d.deleted_at IS NULL AND d.year BETWEEN ? AND ?
                  AND r.person_id IS NOT NULL AND f.family IN ({marks})""", [year - longest + 1, year, *families])
    awards: dict[str, list[AwardRecord]] = defaultdict(list)
    issued: set[tuple[str, str]] = set()
    for row in rows:
        awards[row["subject_id"]].append(_record(catalog, row["form_code"], row["kind"], row["year"],
                                                 decision_ref=_decision_ref(row), recipient_id=row["id"],
                                                 decision_id=row["decision_id"]))
        issued.add((row["decision_id"], row["subject_id"]))
        issued.add((row["nomination_id"] or "", row["subject_id"]))
    # Proposals of the year not yet in an issued decision count too (the clerk plans in December).
    for row in _rows(ws, f"""SELECT n.id, n.person_id, n.form_code, n.kind, n.decision_id FROM nomination n
                             JOIN award_form f ON f.code = n.form_code
                             WHERE n.year = ? AND n.deleted_at IS NULL AND n.status <> 'rejected'
                               AND n.person_id IS NOT NULL AND f.family IN ({marks})""", [year, *families]):
        if (row["decision_id"], row["person_id"]) not in issued and (row["id"], row["person_id"]) not in issued:
            awards[row["person_id"]].append(_record(catalog, row["form_code"], row["kind"], year,
                                                    nomination_id=row["id"]))
    units = _person_units(ws, year)
    unit_names = {r["id"]: r["name"] for r in ws.store.query("SELECT id, name FROM unit")}
    histories: Iterable[tuple[SubjectHistory, str]] = (
        (SubjectHistory("ca_nhan", pid, units.get(pid, (None, pid))[1], tuple(items)),
         unit_names.get(units.get(pid, (None, ""))[0] or "", "")) for pid, items in awards.items())
    items = almost_qualified(histories, year, catalog, eligibility_settings(ws))
    return sorted(items, key=lambda i: (i.target_form, i.unit_name, person_sort_key(i.name)))
