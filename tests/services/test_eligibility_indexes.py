"""The covering indexes of migration 0010 change how the histories are read, never the verdicts."""

from __future__ import annotations

from emulation_desk.services.awards.eligibility import year_eligibility
from emulation_desk.services.workspace import Workspace

# The indexes of migration 0010, and the plain index on recipients by person they replaced (migration 0001).
WITHOUT_0010 = """
DROP INDEX recipient_person;
DROP INDEX person_year_rating;
DROP INDEX person_recruited;
CREATE INDEX recipient_person ON decision_recipient(person_id);
"""


def uses_index(ws: Workspace, sql: str, index: str) -> bool:
    plan = ws.store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", ["x", "y"]).fetchall()
    return any(f"COVERING INDEX {index}" in row[-1] for row in plan)


def test_the_history_reads_use_the_covering_indexes(demo_ws: Workspace) -> None:
    assert uses_index(demo_ws, "SELECT person_id, decision_id, form_code, kind, nomination_id, id "
                               "FROM decision_recipient WHERE person_id IN (?, ?)", "recipient_person")
    assert uses_index(demo_ws, "SELECT person_id, year, rating, under_investigation FROM person_year "
                               "WHERE year <= 2020 AND person_id IN (?, ?)", "person_year_rating")


def test_verdicts_are_the_same_with_and_without_the_indexes(demo_ws: Workspace) -> None:
    years = (2019, 2020)
    with_indexes = {year: year_eligibility(demo_ws, year) for year in years}
    assert sum(len(r.verdicts) for r in with_indexes.values()) > 3000
    demo_ws.store.conn.executescript(WITHOUT_0010)
    assert not uses_index(demo_ws, "SELECT person_id, decision_id, form_code, kind, nomination_id, id "
                                   "FROM decision_recipient WHERE person_id IN (?, ?)", "recipient_person")
    for year in years:
        assert year_eligibility(demo_ws, year) == with_indexes[year]
