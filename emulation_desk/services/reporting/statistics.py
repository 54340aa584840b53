"""The statistical table of a year, computed from the decisions recorded for that year; its consistency
check with the records behind every problem; and the records behind every cell."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from emulation_desk.core.report_period import NOT_MERIT_KINDS, PART_COLUMNS, PERIOD_KINDS, ReportPeriod
from emulation_desk.core.stats import (
    AwardFact,
    CountedFacts,
    StatTable,
    Violation,
    cell_facts,
    check_facts,
    check_table,
    compute_table,
)
from emulation_desk.core.text import format_date
from emulation_desk.errors import ValidationError
from emulation_desk.services.common import Changes
from emulation_desk.services.records.positions import manager_at_sql, undated_manager_sql
from emulation_desk.services.workspace import Workspace
from emulation_desk.settings import REPORT_PERIOD, TABLE_PARTS

# Which decisions count: issued ones (own decisions once issued; received decisions are recorded as issued)
# signed in the period. An individual's flag: a dated entry of the position history covering the line's
# achievement year (manager_at_award); else the line's own flag, else the undated entry (today's position).
_MANAGER_AT = manager_at_sql("r.person_id", "coalesce(r.achievement_last, d.year)")
_FLAG = f"coalesce(r.is_manager, {undated_manager_sql('r.person_id')})"
_LINES = """
FROM decision_recipient r JOIN decision d ON d.id = r.decision_id
WHERE d.year BETWEEN ? AND ? AND d.signed_on BETWEEN ? AND ? AND d.deleted_at IS NULL AND d.status = 'issued'
"""
FACTS_SQL = f"""
SELECT r.id AS recipient_id, r.decision_id, r.form_code, r.subject, r.kind,
       CASE WHEN r.subject = 'ca_nhan' THEN {_FLAG} END,
       coalesce(r.person_id, r.unit_id, r.household_id) AS subject_id, d.signed_on,
       CASE WHEN r.subject = 'ca_nhan' THEN {_MANAGER_AT} END
{_LINES}
ORDER BY d.signed_on, r.sort_order
"""


def report_period(ws: Workspace, year: int) -> ReportPeriod:
    """The days whose decisions the table of ``year`` counts (the office's setting; calendar year by default)."""
    kind = REPORT_PERIOD.read(ws.store)
    return ReportPeriod(year, kind if kind in PERIOD_KINDS else "nam")


def set_report_period(ws: Workspace, kind: str) -> Changes:
    """Choose the table's period: "nam" (calendar year) or "thong_ke" (01/12 of the year before to 30/11)."""
    if kind not in PERIOD_KINDS:
        raise ValidationError("Kỳ báo cáo chỉ được là «nam» (năm dương lịch) hoặc «thong_ke» (từ 01/12 năm trước "
                              "đến 30/11).", field="report_period")
    with ws.store.transaction():
        REPORT_PERIOD.write(ws.store, kind)
    return Changes(settings=True, reports=True)


def table_parts(ws: Workspace) -> dict[str, str]:
    """The office's placement of the kinds that are not công trạng ({kind: part}); the kinds not set (and a
    stored value the catalog no longer knows) keep the catalog's group, "chuyên đề, đột xuất"."""
    stored = TABLE_PARTS.read(ws.store)
    known = {k.code for k in ws.catalog().kinds}
    return {kind: part for kind, part in stored.items()
            if kind in NOT_MERIT_KINDS and kind in known and part in PART_COLUMNS}


def set_table_part(ws: Workspace, kind: str, part: str | None) -> Changes:
    """Count ``kind`` (cống hiến, niên hạn, kháng chiến, đối ngoại) in the table's "cong_trang" or "chuyen_de"
    columns, as the province's guidance says; None goes back to the catalog's group."""
    catalog = ws.catalog()
    if kind not in NOT_MERIT_KINDS or kind not in {k.code for k in catalog.kinds}:
        names = ", ".join(catalog.kind(k).name.lower() for k in NOT_MERIT_KINDS if k in {c.code for c in catalog.kinds})
        raise ValidationError(f"Chỉ chọn được nhóm cột cho khen thưởng không theo công trạng ({names}).",
                              field="table_parts")
    if part is not None and part not in PART_COLUMNS:
        raise ValidationError("Nhóm cột chỉ được là «cong_trang» (công trạng, thành tích, cột 6–9) hoặc «chuyen_de» "
                              "(chuyên đề, đột xuất, cột 10–13).", field="table_parts")
    stored = dict(TABLE_PARTS.read(ws.store))
    if part is None:
        stored.pop(kind, None)
    else:
        stored[kind] = part
    with ws.store.transaction():
        TABLE_PARTS.write(ws.store, stored)
    return Changes(settings=True, reports=True)


def year_table(ws: Workspace, year: int, facts: list[AwardFact] | list[CountedFacts]) -> StatTable:
    """The table of ``year`` from its lines, in the office's period and placement of kinds (every table the
    program shows, prints or checks is made here)."""
    return compute_table(year, facts, ws.catalog(), period=report_period(ws, year), parts=table_parts(ws))


def _bounds(period: ReportPeriod) -> list[Any]:
    """The period's years (for the year index) and days."""
    return [period.start.year, period.end.year, period.start.isoformat(), period.end.isoformat()]


def _flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def award_facts(ws: Workspace, year: int, period: ReportPeriod | None = None) -> list[AwardFact]:
    """Every counted recipient line of ``year``'s period (plain tuples from SQLite: a province year has
    100.000)."""
    dates: dict[str, date] = {}
    facts = []
    for recipient_id, decision_id, form_code, subject, kind, is_manager, subject_id, signed_on, at_award in \
            ws.store.conn.execute(FACTS_SQL, _bounds(period or report_period(ws, year))):
        signed = dates.get(signed_on) or dates.setdefault(signed_on, date.fromisoformat(signed_on))
        facts.append(AwardFact(recipient_id, decision_id, form_code, subject, kind, _flag(is_manager),
                               subject_id or "", signed, _flag(at_award)))
    return facts


COUNTS_SQL = f"""
WITH line(form_code, subject, kind, is_manager, at_award) AS (
    SELECT r.form_code, r.subject, r.kind, CASE WHEN r.subject = 'ca_nhan' THEN {_FLAG} END,
           CASE WHEN r.subject = 'ca_nhan' THEN {_MANAGER_AT} END
    {_LINES})
SELECT form_code, subject, kind, is_manager, at_award, count(*) FROM line
GROUP BY form_code, subject, kind, is_manager, at_award
"""


def award_counts(ws: Workspace, year: int, period: ReportPeriod | None = None) -> list[CountedFacts]:
    """The period's recipient lines counted in SQLite by what the table distinguishes."""
    return [CountedFacts(form, subject, kind, _flag(manager), count, _flag(at_award))
            for form, subject, kind, manager, at_award, count in
            ws.store.conn.execute(COUNTS_SQL, _bounds(period or report_period(ws, year)))]


def stat_table(ws: Workspace, year: int) -> StatTable:
    """The full 14-column table of ``year`` (figures only; :func:`traced_table` keeps every line)."""
    return year_table(ws, year, award_counts(ws, year, report_period(ws, year)))


def traced_table(ws: Workspace, year: int) -> StatTable:
    """The same table with each row's recipient lines, so that every cell can be traced."""
    return year_table(ws, year, award_facts(ws, year, report_period(ws, year)))


def _decision_checks(ws: Workspace, year: int, table: StatTable) -> list[Violation]:
    """Each issued decision's recipients are counted exactly once; drafts and empty decisions are named."""
    problems: list[Violation] = []
    counted = Counter(f.decision_id for row in table.rows() for f in row.facts)
    for d in ws.store.query(
            """SELECT d.id, d.status, d.number, (SELECT count(*) FROM decision_recipient r WHERE r.decision_id = d.id)
                      AS recipients FROM decision d WHERE d.year BETWEEN ? AND ? AND d.signed_on BETWEEN ? AND ?
                      AND d.deleted_at IS NULL""",
            _bounds(table.period or report_period(ws, year))):
        if d["status"] != "issued":
            problems.append(Violation("", "Quyết định chưa ban hành nên chưa được tính vào biểu.", (), "warning",
                                      (d["id"],)))
        elif not d["recipients"]:
            problems.append(Violation("", "Quyết định đã ban hành nhưng chưa có danh sách người, tập thể được khen.",
                                      (), "warning", (d["id"],)))
        elif counted[d["id"]] != d["recipients"]:
            problems.append(Violation("", f"Quyết định có {d['recipients']} người/tập thể được khen nhưng biểu đếm "
                                      f"{counted[d['id']]}.", (), "error", (d["id"],)))
    return problems


def check_year(ws: Workspace, year: int) -> list[Violation]:
    """Every problem of the year's table: broken identities, recipients not counted exactly once, doubtful
    records (duplicates, wrong subject, form out of its period), drafts and empty decisions."""
    facts = award_facts(ws, year, report_period(ws, year))
    catalog = ws.catalog()
    table = year_table(ws, year, facts)
    return check_table(table, facts) + check_facts(facts, catalog) + _decision_checks(ws, year, table)


@dataclass(frozen=True)
class Problem:
    """A violation with the records behind it (decision number and date, names), ready to print or show."""

    violation: Violation
    records: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_error(self) -> bool:
        return self.violation.severity == "error"

    def lines(self, limit: int = 0) -> list[str]:
        """One Vietnamese line per record ("QĐ số 4523/QĐ-UBND ngày 10/12/2020: Nguyễn Văn A — …")."""
        out = [f"{decision_label(d)}: {d['title']}" for d in self.decisions]
        shown = self.records if limit <= 0 else self.records[:limit]
        out += [f"{decision_label(r)}: {record_label(r)}" for r in shown]
        if len(shown) < len(self.records):
            out.append(f"… và {len(self.records) - len(shown)} bản ghi khác.")
        return out


def decision_label(row: dict[str, Any]) -> str:
    number = f"{row['number']}/{row['symbol']}" if row.get("symbol") else (row.get("number") or "(chưa có số)")
    return f"QĐ số {number} ngày {format_date(date.fromisoformat(row['signed_on']))}"


def record_label(row: dict[str, Any]) -> str:
    who = row["display_name"]
    details = ", ".join(x for x in (row.get("position"), row.get("unit_name")) if x)
    return f"{who}" + (f" — {details}" if details else "") + f" ({row['form_short_name']})"


def year_problems(ws: Workspace, year: int) -> list[Problem]:
    """:func:`check_year` with the records behind each violation."""
    problems = []
    for violation in check_year(ws, year):
        problems.append(Problem(violation, recipients_by_ids(ws, list(violation.recipient_ids)),
                                decisions_by_ids(ws, list(violation.decision_ids))))
    return problems


def _chunks(ids: list[str]) -> list[list[str]]:
    return [ids[start:start + 500] for start in range(0, len(ids), 500)]


def recipients_by_ids(ws: Workspace, recipient_ids: list[str]) -> list[dict[str, Any]]:
    """Decision-recipient rows with their decision's number, date and issuer, in decision order."""
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(recipient_ids):
        marks = ", ".join("?" for _ in chunk)
        rows += ws.store.query(
            f"""SELECT r.*, d.number, d.symbol, d.signed_on, d.issuer_name, f.short_name AS form_short_name
                FROM decision_recipient r JOIN decision d ON d.id = r.decision_id
                JOIN award_form f ON f.code = r.form_code WHERE r.id IN ({marks})""", chunk)
    rows.sort(key=lambda r: (r["signed_on"], r["number"], r["sort_order"]))
    return rows


def decisions_by_ids(ws: Workspace, decision_ids: list[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(decision_ids):
        marks = ", ".join("?" for _ in chunk)
        rows += ws.store.query(f"SELECT id, number, symbol, signed_on, title, status, issuer_name FROM decision "
                               f"WHERE id IN ({marks})", chunk)
    rows.sort(key=lambda r: (r["signed_on"], r["number"]))
    return rows


def cell_records(ws: Workspace, year: int, row_key: str, column: str) -> list[dict[str, Any]]:
    """The decision recipients a cell of the year's table counts (every figure can be traced): each with the
    decision's number, symbol and date, the name, position and unit. A percentage cell gives the records of
    its numerator."""
    table = traced_table(ws, year)
    facts = cell_facts(table.row(row_key), column, ws.catalog(), table.parts)
    return recipients_by_ids(ws, [f.recipient_id for f in facts])
