"""The statistical table of a year, computed from the decisions recorded for that year."""

from __future__ import annotations

from typing import Any

from emulation_desk.core.stats import AwardFact, StatTable, Violation, cell_facts, check_table, compute_table
from emulation_desk.services.workspace import Workspace

# Which decisions count: issued ones (own decisions once issued; received decisions are recorded as issued).
FACTS_SQL = """
SELECT r.id AS recipient_id, r.decision_id, r.form_code, r.subject, r.kind, r.is_manager
FROM decision_recipient r JOIN decision d ON d.id = r.decision_id
WHERE d.year = ? AND d.deleted_at IS NULL AND d.status = 'issued'
ORDER BY d.signed_on, r.sort_order
"""


def award_facts(ws: Workspace, year: int) -> list[AwardFact]:
    return [
        AwardFact(recipient_id=r["recipient_id"], decision_id=r["decision_id"], form_code=r["form_code"],
                  subject=r["subject"], kind=r["kind"],
                  is_manager=None if r["is_manager"] is None else bool(r["is_manager"]))
        for r in ws.store.query(FACTS_SQL, [year])
    ]


def stat_table(ws: Workspace, year: int) -> StatTable:
    """The full 14-column table of ``year``."""
    return compute_table(year, award_facts(ws, year), ws.catalog())


def check_year(ws: Workspace, year: int) -> list[Violation]:
    facts = award_facts(ws, year)
    return check_table(compute_table(year, facts, ws.catalog()), facts)


def recipients_by_ids(ws: Workspace, recipient_ids: list[str]) -> list[dict[str, Any]]:
    """Decision-recipient rows with their decision's number, date and issuer, in decision order."""
    rows: list[dict[str, Any]] = []
    for start in range(0, len(recipient_ids), 500):
        chunk = recipient_ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        rows += ws.store.query(
            f"""SELECT r.*, d.number, d.symbol, d.signed_on, d.issuer_name, f.short_name AS form_short_name
                FROM decision_recipient r JOIN decision d ON d.id = r.decision_id
                JOIN award_form f ON f.code = r.form_code WHERE r.id IN ({marks})""", chunk)
    rows.sort(key=lambda r: (r["signed_on"], r["number"], r["sort_order"]))
    return rows


def cell_records(ws: Workspace, year: int, row_key: str, column: str) -> list[dict[str, Any]]:
    """The decision recipients a cell of the year's table counts (every figure can be traced)."""
    table = stat_table(ws, year)
    facts = cell_facts(table.row(row_key), column, ws.catalog())
    return recipients_by_ids(ws, [f.recipient_id for f in facts])
