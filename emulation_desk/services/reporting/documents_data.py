"""What the printed documents need, gathered from the records: the letterhead, a report with its current
figures, a decision with its recipients grouped for the attached list, and the signature lines.

The documents layer renders these plain values; it never reads the database itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from emulation_desk.core.stats import StatTable
from emulation_desk.core.text import format_date_long, nfc
from emulation_desk.errors import KnownError
from emulation_desk.services.records.org import signing_block
from emulation_desk.services.reporting.reports import find_report, printable_sections, report_for_year
from emulation_desk.services.reporting.statistics import stat_table
from emulation_desk.services.workspace import Workspace

# A decision's data live in decision_data (re-exported here: the documents and the tests import them from here).
_DECISION_NAMES = {"ListEntry", "ListGroup", "DecisionPrint", "decision_for_print", "list_order", "set_list_order",
                   "legal_bases", "_executors", "default_texts", "DecisionTexts", "matching_decisions",
                   "resolve_decision", "SUBJECTS", "GROUP_TITLES"}


@dataclass(frozen=True)
class Letterhead:
    parent_body: str
    issuing_body: str
    place_name: str
    body_short: str
    head_title: str


@dataclass(frozen=True)
class ReportPrint:
    letterhead: Letterhead
    year: int
    number: str
    symbol: str
    signed_on: date | None
    title: str
    sections: tuple[dict[str, Any], ...]  # level, label, title, body (figures filled in)
    recipients: tuple[str, ...]
    signing_lines: tuple[str, ...]
    signer_name: str
    table: StatTable


def letterhead(ws: Workspace) -> Letterhead:
    org = ws.organisation()
    if org is None:
        raise KnownError("Chưa có thông tin cơ quan (tên cơ quan ban hành, địa danh…) nên chưa in được văn bản. "
                         "Hãy nhập thông tin cơ quan trong phần Cài đặt rồi in lại.")
    return Letterhead(org["parent_body"], org["issuing_body"], org["place_name"], org["body_short"],
                      org["head_title"])


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _signatory(ws: Workspace, signer_id: str | None, name: str, position: str, head_title: str) -> dict[str, Any]:
    row = ws.store.get("signatory", signer_id) if signer_id else None
    if row:
        return row
    return {"full_name": name, "position": position or head_title,
            "is_head": int(nfc(position).upper() in ("", nfc(head_title).upper()))}


def report_for_print(ws: Workspace, year: int) -> ReportPrint:
    """The year's report with its sections' figures computed now and its statistical table; a year without a
    report prints the standard structure (reports.report_for_year), its blanks as dotted lines."""
    head = letterhead(ws)
    report, raw_sections, _stored = report_for_year(ws, year)
    org = ws.organisation() or {}
    lines = list(report["signing_lines"])
    if not lines:
        signer = _signatory(ws, report["signer_id"], report["signer_name"], report["signer_position"], head.head_title)
        lines = signing_block(signer, collective_title=org.get("collective_title", "ỦY BAN NHÂN DÂN"),
                              head_title=head.head_title, on_behalf_of_body=True)
    sections = tuple(printable_sections(ws, raw_sections, year))
    return ReportPrint(head, year, report["number"], report["symbol"] or org.get("symbol_report", ""),
                       _date(report["signed_on"]), report["title"], sections, tuple(report["recipients"]),
                       tuple(lines), report["signer_name"], stat_table(ws, year))


@dataclass(frozen=True)
class TableSigning:
    """What the table sent on its own carries besides the figures: place and date, the signature."""

    place_date: str
    lines: tuple[str, ...]
    signer_name: str


def table_for_print(ws: Workspace, year: int) -> tuple[Letterhead, StatTable, TableSigning]:
    """The letterhead, the year's table and its signing: the year's report's date and signer when there is a
    report, else the office's head with a date left to write by hand."""
    head = letterhead(ws)
    org = ws.organisation() or {}
    try:
        report = find_report(ws, year)
    except KnownError:
        report = None
    if report is not None:
        signer = _signatory(ws, report["signer_id"], report["signer_name"], report["signer_position"],
                            head.head_title)
        signed, lines = _date(report["signed_on"]), list(report["signing_lines"])
    else:
        rows = ws.store.query("SELECT * FROM signatory WHERE is_head = 1 ORDER BY sort_order LIMIT 1")
        signer = rows[0] if rows else {"full_name": "", "position": head.head_title, "is_head": 1}
        signed, lines = None, []
    if not lines:
        lines = signing_block(signer, collective_title=org.get("collective_title", "ỦY BAN NHÂN DÂN"),
                              head_title=head.head_title, on_behalf_of_body=True)
    when = format_date_long(signed, head.place_name) if signed else \
        f"{nfc(head.place_name)}, ngày      tháng      năm {year}"
    return head, stat_table(ws, year), TableSigning(when, tuple(lines), signer["full_name"])


def record_export(ws: Workspace, entity: str, entity_id: str, what: str, path: Path) -> None:
    """One audit row per document written (who printed which personal data, and where to)."""
    with ws.store.transaction():
        ws.store.log("export", entity, entity_id, f"Xuất {what} ra tệp {path}")


def __getattr__(name: str) -> Any:
    if name in _DECISION_NAMES:
        from emulation_desk.services.reporting import decision_data

        return getattr(decision_data, name)
    raise AttributeError(name)
