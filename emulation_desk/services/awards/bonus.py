"""Bonus money of decisions from the records: per recipient, per decision, per year and per paying level.

The rules are in :mod:`emulation_desk.core.bonus`; ``services.awards.decisions.compute_bonuses`` writes what
:func:`decision_bonus` computes when a decision is issued.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from emulation_desk.core.achievement import AchievementPeriod
from emulation_desk.core.bonus import BonusLine, BonusResult, apply_principles, totals
from emulation_desk.core.money import amount_in_words
from emulation_desk.core.text import format_date
from emulation_desk.errors import NotFoundError
from emulation_desk.services.workspace import Workspace

LEVEL_LABELS = {
    "don_vi": "Ủy ban nhân dân (đơn vị mình)",
    "tinh": "Tỉnh",
    "bo": "Bộ, ngành, đoàn thể Trung ương",
    "thu_tuong": "Thủ tướng Chính phủ",
    "chu_tich_nuoc": "Chủ tịch nước",
    "khac": "Khác",
}

LINES_SQL = """
SELECT r.id, r.decision_id, r.subject, coalesce(r.person_id, r.unit_id, r.household_id) AS subject_id,
       r.display_name, r.form_code, r.kind, d.signed_on, d.issuer_level, d.number, d.symbol,
       r.achievement_first, r.achievement_last
FROM decision_recipient r JOIN decision d ON d.id = r.decision_id
WHERE d.deleted_at IS NULL AND {where}
ORDER BY d.signed_on, d.number, r.sort_order
"""


@dataclass(frozen=True)
class DecisionBonus:
    decision_id: str
    regime: str | None
    base_salary: int | None
    results: list[BonusResult]
    total: int
    total_in_words: str
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class YearBonus:
    year: int
    total: int
    total_in_words: str
    by_level: list[tuple[str, str, int]]  # (level code, label, amount)
    by_decision: list[dict[str, Any]]  # decision rows with "amount"
    missing: int
    not_paid: int


def _line(row: dict[str, Any]) -> BonusLine:
    signed = date.fromisoformat(row["signed_on"])
    number = f"{row['number']}/{row['symbol']}" if row["symbol"] else row["number"] or "(chưa có số)"
    return BonusLine(row["id"], row["decision_id"], f"{row['subject']}:{row['subject_id']}", row["display_name"],
                     row["form_code"], row["subject"], row["kind"], signed, row["issuer_level"],
                     f"QĐ số {number} ngày {format_date(signed)}",
                     AchievementPeriod(row["achievement_first"], row["achievement_last"])
                     if row["achievement_last"] is not None else None)


def decision_bonus(ws: Workspace, decision_id: str) -> DecisionBonus:
    """Bonus money of one decision (draft or issued) under the regime principles: each recipient's coefficient
    and amount, the total and its words. Titles the same subjects received in other issued decisions of the
    year are read for the "highest title only" principle."""
    catalog = ws.catalog()
    decision = ws.store.get("decision", decision_id)
    if decision is None or decision["deleted_at"]:
        raise NotFoundError("Không tìm thấy quyết định.")
    own = [_line(r) for r in ws.store.query(LINES_SQL.format(where="d.id = ?"), [decision_id])]
    others = [_line(r) for r in ws.store.query(LINES_SQL.format(
        where="""d.year BETWEEN ? - 1 AND ? + 1 AND d.status = 'issued' AND d.id <> ?
                 AND coalesce(r.person_id, r.unit_id, r.household_id) IN (
                     SELECT coalesce(person_id, unit_id, household_id) FROM decision_recipient WHERE decision_id = ?)"""),
        [decision["year"], decision["year"], decision_id, decision_id])]
    results = apply_principles(own + others, catalog)[:len(own)]
    signed = date.fromisoformat(decision["signed_on"])
    regime, salary = catalog.regime_for(signed), catalog.base_salary_for(signed)
    total = totals(results).total
    warnings = [f"{r.line.display_name}: {r.note}" for r in results if r.missing]
    return DecisionBonus(decision_id, regime.code if regime else None, salary.amount if salary else None, results,
                         total, amount_in_words(total), warnings)


def year_bonus_totals(ws: Workspace, year: int) -> YearBonus:
    """Bonus money of every issued decision of ``year``: per decision, per paying level and in total."""
    lines = [_line(r) for r in ws.store.query(LINES_SQL.format(where="d.year = ? AND d.status = 'issued'"), [year])]
    results = apply_principles(lines, ws.catalog())
    sums = totals(results)
    decisions = ws.store.query("SELECT id, number, symbol, signed_on, issuer_level, issuer_name, title FROM decision "
                               "WHERE year = ? AND status = 'issued' AND deleted_at IS NULL ORDER BY signed_on, number",
                               [year])
    by_decision = [{**d, "amount": sums.by_decision.get(d["id"], 0)} for d in decisions]
    by_level = [(code, label, sums.by_level[code]) for code, label in LEVEL_LABELS.items() if code in sums.by_level]
    return YearBonus(year, sums.total, amount_in_words(sums.total), by_level, by_decision, sums.missing, sums.not_paid)
