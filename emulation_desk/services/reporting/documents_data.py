"""What the printed documents need, gathered from the records: the letterhead, a report with its current
figures, a decision with its recipients grouped for the attached list, and the signature lines.

The documents layer renders these plain values; it never reads the database itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from emulation_desk.core.stats import StatTable
from emulation_desk.core.text import nfc
from emulation_desk.errors import KnownError, ValidationError
from emulation_desk.services.awards.decisions import decision_recipients, find_decision
from emulation_desk.services.common import Changes
from emulation_desk.services.records.org import signing_block
from emulation_desk.services.reporting.report_figures import rendered_sections
from emulation_desk.services.reporting.reports import find_report
from emulation_desk.services.reporting.statistics import stat_table
from emulation_desk.services.workspace import Workspace
from emulation_desk.settings import DECISION_LIST_ORDER

SUBJECTS = ("tap_the", "ca_nhan", "ho_gia_dinh")
GROUP_TITLES = {"tap_the": "TẬP THỂ", "ca_nhan": "CÁ NHÂN", "ho_gia_dinh": "HỘ GIA ĐÌNH"}
# Who pays out the bonus, named in the execution article, by administrative level.
FINANCE_OFFICE = {"huyen": "Trưởng phòng Tài chính - Kế hoạch", "xa": "Công chức Tài chính - Kế toán",
                  "tinh": "Giám đốc Sở Tài chính"}


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


@dataclass(frozen=True)
class ListEntry:
    name: str
    position: str
    unit: str
    amount: int | None
    is_manager: bool = False


@dataclass(frozen=True)
class ListGroup:
    subject: str
    title: str
    entries: tuple[ListEntry, ...]


@dataclass(frozen=True)
class DecisionPrint:
    letterhead: Letterhead
    number: str
    symbol: str
    signed_on: date
    draft: bool
    title: str
    issuer_line: str
    legal_bases: tuple[str, ...]
    proposal: str
    form_name: str
    form_is_title: bool  # a danh hiệu (printed in quotes) rather than a hình thức
    bonus_source: str
    executors: str
    recipients: tuple[str, ...]  # Nơi nhận
    signing_lines: tuple[str, ...]
    signer_name: str
    groups: tuple[ListGroup, ...]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(e.amount or 0 for g in self.groups for e in g.entries)

    def amounts(self, subject: str) -> list[int]:
        return sorted({e.amount for g in self.groups if g.subject == subject for e in g.entries if e.amount})


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
    """The year's report with its sections' figures computed now and its statistical table."""
    head = letterhead(ws)
    report = find_report(ws, year)
    org = ws.organisation() or {}
    lines = list(report["signing_lines"])
    if not lines:
        signer = _signatory(ws, report["signer_id"], report["signer_name"], report["signer_position"], head.head_title)
        lines = signing_block(signer, collective_title=org.get("collective_title", "ỦY BAN NHÂN DÂN"),
                              head_title=head.head_title, on_behalf_of_body=True)
    sections = tuple(rendered_sections(ws, report))
    return ReportPrint(head, year, report["number"], report["symbol"] or org.get("symbol_report", ""),
                       _date(report["signed_on"]), report["title"], sections, tuple(report["recipients"]),
                       tuple(lines), report["signer_name"], stat_table(ws, year))


def table_for_print(ws: Workspace, year: int) -> tuple[Letterhead, StatTable]:
    return letterhead(ws), stat_table(ws, year)


# ---------------------------------------------------------------------------------------- decisions


def list_order(ws: Workspace) -> tuple[str, ...]:
    """Order of the groups in a decision's attached list (a setting; collectives first by default)."""
    value = DECISION_LIST_ORDER.read(ws.store)
    order = [s for s in value if s in SUBJECTS] if isinstance(value, list) else []
    return tuple(order + [s for s in SUBJECTS if s not in order])


def set_list_order(ws: Workspace, order: list[str]) -> Changes:
    if sorted(order) != sorted(SUBJECTS):
        raise ValidationError("Thứ tự nhóm trong danh sách phải gồm đủ: tập thể, cá nhân, hộ gia đình.",
                              field="list_order")
    with ws.store.transaction():
        DECISION_LIST_ORDER.write(ws.store, list(order))
    return Changes(settings=True)


def _entries(rows: list[dict[str, Any]], subject: str) -> tuple[ListEntry, ...]:
    """Collectives and households in the decision's order; individuals grouped by unit (units in order of
    first appearance) with the unit's leaders first (heads before deputies), then the decision's order."""
    chosen = [r for r in rows if r["subject"] == subject]
    if subject == "ca_nhan":
        first_seen: dict[str, int] = {}
        for index, row in enumerate(chosen):
            first_seen.setdefault(row["unit_name"], index)
        chosen = sorted(chosen, key=lambda r: (first_seen[r["unit_name"]], not r["is_manager"],
                                               bool(r["is_manager"]) and nfc(r["position"]).startswith("Phó")))
    return tuple(ListEntry(r["display_name"], r["position"], r["unit_name"], r["amount"], bool(r["is_manager"]))
                 for r in chosen)


def _head_of(office: str) -> str:
    if office.startswith("Sở "):
        return f"Giám đốc {office}"
    if office.startswith("Phòng "):
        return f"Trưởng phòng {office[len('Phòng '):]}"
    return f"Thủ trưởng {office}"


def _executors(org: dict[str, Any]) -> str:
    level = org.get("level", "huyen")
    office = nfc(org.get("office_name", "")).strip()
    parts = ["Chánh Văn phòng UBND tỉnh" if level == "tinh" else f"Chánh Văn phòng HĐND và {org['body_short']}"]
    if office:
        parts.append(_head_of(office))
    parts.append(FINANCE_OFFICE.get(level, FINANCE_OFFICE["huyen"]))
    return ", ".join(parts) + ", Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1"


def legal_bases(ws: Workspace, decision: dict[str, Any], provincial_regulation: str) -> tuple[str, ...]:
    """The decision's own căn cứ lines, or the regime's of its date; "{quy_che_tinh}" filled in."""
    lines = json.loads(decision["legal_bases"] or "[]")
    if not lines:
        regime = ws.catalog().regime_for(date.fromisoformat(decision["signed_on"]))
        lines = list(regime.legal_bases) if regime else []
    out = []
    for line in lines:
        if "{quy_che_tinh}" in line:
            if not provincial_regulation.strip():
                continue  # no regulation recorded: leave the line out rather than print a placeholder
            line = line.replace("{quy_che_tinh}", provincial_regulation.strip())
        out.append(nfc(line))
    return tuple(out)


def decision_for_print(ws: Workspace, number: str, year: int) -> DecisionPrint:
    """An award decision of this office, with its attached list, ready to print."""
    head = letterhead(ws)
    org = ws.organisation() or {}
    decision = find_decision(ws, number, year)
    label = f"{decision['number']}/{decision['symbol']}".strip("/")
    if not decision["is_own"]:
        raise KnownError(f"Quyết định số {label} là quyết định của {decision['issuer_name']}, được lưu lại để "
                         "thống kê. Phần mềm chỉ in quyết định do cơ quan mình ban hành; hãy dùng bản gốc đã nhận.")
    rows = decision_recipients(ws, decision["id"])
    if not rows:
        raise KnownError(f"Quyết định số {label} chưa có tập thể, cá nhân nào được khen thưởng. "
                         "Hãy thêm danh sách rồi in lại.")
    form = ws.catalog().form(decision["form_code"] or rows[0]["form_code"])
    order = list_order(ws)
    groups = tuple(ListGroup(s, GROUP_TITLES[s], _entries(rows, s)) for s in order
                   if any(r["subject"] == s for r in rows))
    signer = _signatory(ws, decision["signer_id"], decision["signer_name"], decision["signer_position"],
                        head.head_title)
    lines = signing_block(signer, collective_title=org.get("collective_title", "ỦY BAN NHÂN DÂN"),
                          head_title=head.head_title, on_behalf_of_body=False)
    office_code = org.get("office_code", "")
    return DecisionPrint(
        letterhead=head, number=decision["number"], symbol=decision["symbol"] or org.get("symbol_decision", ""),
        signed_on=date.fromisoformat(decision["signed_on"]), draft=decision["status"] != "issued",
        title=decision["title"], issuer_line=f"{head.head_title} {head.issuing_body}".upper(),
        legal_bases=legal_bases(ws, decision, org.get("provincial_regulation", "")),
        proposal=decision["proposal_ref"], form_name=form.short_name,
        form_is_title=form.category == "danh_hieu" and not form.short_name.startswith("Cờ"),
        bonus_source=decision["bonus_source"] or org.get("fund_source", ""), executors=_executors(org),
        recipients=("Như Điều 3;", f"Lưu: VT{', ' + office_code if office_code else ''}."),
        signing_lines=tuple(lines), signer_name=signer["full_name"], groups=groups,
        counts={s: sum(1 for r in rows if r["subject"] == s) for s in SUBJECTS})


def record_export(ws: Workspace, entity: str, entity_id: str, what: str, path: Path) -> None:
    """One audit row per document written (who printed which personal data, and where to)."""
    with ws.store.transaction():
        ws.store.log("export", entity, entity_id, f"Xuất {what} ra tệp {path}")
