"""Exports to Excel: the nomination template, a year's nominations, a decision's recipients, a person's award
history and the statistical table. Each file is written completely or not at all (a temporary file
replaced in one step), nothing is cut or turned into a formula, and each export adds an audit row."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from emulation_desk.core.text import fold, format_count, format_date, person_sort_key, upper_vi, vi_sort_key
from emulation_desk.errors import KnownError
from emulation_desk.exchange.lists import ListColumn, list_workbook
from emulation_desk.exchange.table import render_table_xlsx
from emulation_desk.exchange.template import (
    KIND_LIST,
    template_rows,
    template_workbook,
    write_nomination_sheets,
)
from emulation_desk.exchange.writer import CellWriter, save_atomically
from emulation_desk.services.awards.decisions import (
    ISSUER_LEVELS,
    decision_recipients,
    find_decision,
    get_decision,
)
from emulation_desk.services.awards.nominations import NOMINEE_JOINS, STATUS_LABELS
from emulation_desk.services.common import SUBJECT_LABELS
from emulation_desk.services.records.people import get_person, person_history
from emulation_desk.services.reporting.statistics import stat_table
from emulation_desk.services.workspace import Workspace


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    what: str = ""

    def summary(self) -> str:
        count = f" ({self.rows} dòng)" if self.rows else ""
        return f"Đã xuất {self.what}{count} ra tệp {self.path}."


def _log(ws: Workspace, entity: str, entity_id: str, summary: str, path: Path, rows: int) -> None:
    with ws.store.transaction():
        ws.store.log("export", entity, entity_id, summary, after={"file": str(path), "rows": rows})


def _save(ws: Workspace, wb: Workbook, writer: CellWriter, path: Path | str, what: str, *, entity: str,
          entity_id: str = "", rows: int = 0) -> ExportResult:
    writer.raise_if_problems(what)
    target = save_atomically(wb, path)
    _log(ws, entity, entity_id, f"Xuất {what} ra tệp {target.name}", target, rows)
    return ExportResult(target, rows, what)


def export_nomination_template(ws: Workspace, path: Path | str, *, year: int | None = None) -> ExportResult:
    """The empty template units fill in (lists of the catalog's forms valid in ``year``)."""
    wb, writer = template_workbook(ws.catalog(), year=year)
    return _save(ws, wb, writer, path, "mẫu danh sách đề nghị khen thưởng", entity="nomination")


_NOMINATIONS_SQL = f"""
SELECT n.*, f.name AS form_name, k.name AS kind_name, coalesce(pu.name, '') AS proposing_unit,
       p.full_name, p.gender, p.birth_year, p.birth_date, coalesce(punit.name, '') AS person_unit,
       u.name AS unit_name, coalesce(parent.name, '') AS parent_name,
       h.head_name, h.address, coalesce(hunit.name, '') AS household_unit
FROM nomination n
JOIN award_form f ON f.code = n.form_code JOIN award_kind k ON k.code = n.kind
LEFT JOIN unit pu ON pu.id = n.proposing_unit_id
{NOMINEE_JOINS}
LEFT JOIN unit punit ON punit.id = p.unit_id LEFT JOIN unit parent ON parent.id = u.parent_id
LEFT JOIN unit hunit ON hunit.id = h.unit_id
WHERE n.year = ? AND n.deleted_at IS NULL
"""


def _flag(value: Any) -> str | None:
    return None if value is None else ("x" if value else "không")


def _nomination_row(r: dict[str, Any]) -> dict[str, Any]:
    common = {"subject": r["subject"], "form": r["form_name"], "kind": r["kind_name"], "achievement": r["achievement"],
              "notes": r["notes"], "proposing_unit": r["proposing_unit"],
              "status": STATUS_LABELS.get(r["status"], r["status"])}
    if r["subject"] == "ca_nhan":
        born: Any = date.fromisoformat(r["birth_date"]) if r["birth_date"] else r["birth_year"]
        gender = {"nam": "Nam", "nu": "Nữ"}.get(r["gender"] or "")
        return {**common, "name": r["full_name"], "gender": gender, "birth": born, "position": r["position"],
                "unit": r["person_unit"], "is_manager": _flag(r["is_manager"])}
    if r["subject"] == "tap_the":
        return {**common, "name": r["unit_name"], "unit": r["parent_name"]}
    return {**common, "name": r["head_name"], "address": r["address"], "unit": r["household_unit"]}


def export_nominations(ws: Workspace, year: int, path: Path | str) -> ExportResult:
    """A year's nominations in the template's layout (re-importable with no mapping), with status."""
    rows = [_nomination_row(r) for r in ws.store.query(_NOMINATIONS_SQL, [year])]
    rows.sort(key=lambda r: (vi_sort_key(r["proposing_unit"]), vi_sort_key(r["form"]), person_sort_key(r["name"])))
    wb = Workbook()
    wb.remove(wb.active)
    writer = CellWriter()
    write_nomination_sheets(wb, writer, ws.catalog(), year=year, kind=KIND_LIST, rows_by_subject=template_rows(rows))
    return _save(ws, wb, writer, path, f"danh sách đề nghị khen thưởng năm {year}", entity="nomination",
                 rows=len(rows))


RECIPIENT_COLUMNS = (ListColumn("STT", 5, "int"), ListColumn("Họ và tên / Tên tập thể", 28),
                     ListColumn("Đối tượng", 11), ListColumn("Chức vụ", 20), ListColumn("Đơn vị", 28),
                     ListColumn("Hình thức khen thưởng", 24), ListColumn("Loại khen thưởng", 16),
                     ListColumn("Lãnh đạo quản lý", 10), ListColumn("Số tiền (đồng)", 13, "money"))


def decision_title_lines(decision: dict[str, Any]) -> list[str]:
    symbol = f"/{decision['symbol']}" if decision["symbol"] else ""
    signed = format_date(date.fromisoformat(decision["signed_on"]))
    lines = ["DANH SÁCH KHEN THƯỞNG",
             f"(Kèm theo Quyết định số {decision['number']}{symbol} ngày {signed} của {decision['issuer_name']})"]
    if not decision["is_own"]:  # a received decision says its level; this office's own needs no such line
        lines.append(f"Cấp ban hành: {ISSUER_LEVELS.get(decision['issuer_level'], '')}")
    return [*lines, decision["title"]]


def export_decision(ws: Workspace, path: Path | str, *, decision_id: str | None = None, number: str | None = None,
                    year: int | None = None) -> ExportResult:
    """A decision's recipients (by id, or by number and year) as a list re-importable as a past decision."""
    decision = get_decision(ws, decision_id) if decision_id else find_decision(ws, number or "", year or 0)
    kinds = {k.code: k.name for k in ws.catalog().kinds}
    recipients = decision_recipients(ws, decision["id"])
    rows = [[index, r["display_name"], SUBJECT_LABELS[r["subject"]], r["position"], r["unit_name"], r["form_name"],
             kinds.get(r["kind"], r["kind"]), _flag(r["is_manager"]) if r["subject"] == "ca_nhan" else None,
             r["amount"]]
            for index, r in enumerate(recipients, start=1)]
    counts = Counter(SUBJECT_LABELS[r["subject"]].lower() for r in recipients)
    total = "Tổng cộng: " + ", ".join(f"{format_count(n)} {label}" for label, n in counts.items())
    wb, writer = list_workbook(f"QĐ {decision['number']}", decision_title_lines(decision), RECIPIENT_COLUMNS, rows,
                               total=total)
    return _save(ws, wb, writer, path, f"danh sách kèm theo quyết định số {decision['number']}", entity="decision",
                 entity_id=decision["id"], rows=len(rows))


HISTORY_COLUMNS = (ListColumn("STT", 5, "int"), ListColumn("Năm", 7, "int"), ListColumn("Số quyết định", 16),
                   ListColumn("Ngày ký", 11, "date"), ListColumn("Cơ quan ban hành", 28),
                   ListColumn("Hình thức khen thưởng", 28), ListColumn("Loại khen thưởng", 16),
                   ListColumn("Chức vụ", 18), ListColumn("Đơn vị", 26))


def person_named(ws: Workspace, name: str, birth_year: int | None = None) -> str:
    """The one person of that name (and birth year, when given), or a Vietnamese error listing the namesakes."""
    people = [p for p in ws.store.query("SELECT p.*, u.name AS unit_name FROM person p LEFT JOIN unit u "
                                        "ON u.id = p.unit_id WHERE p.name_key = ?", [fold(name)])
              if birth_year is None or p["birth_year"] == birth_year]
    if len(people) != 1:
        found = "; ".join(f"{p['full_name']} ({p['birth_year'] or '?'}, {p['unit_name'] or 'không rõ đơn vị'})"
                          for p in people)
        raise KnownError(f"Không tìm thấy cá nhân «{name}»." if not people else
                         f"Có {len(people)} người tên «{name}»: {found}. Hãy thêm --birth-year.")
    return str(people[0]["id"])


def export_person_history(ws: Workspace, person_id: str, path: Path | str) -> ExportResult:
    """Every award of one person across years and issuers, newest first."""
    person = get_person(ws, person_id)
    kinds = {k.code: k.name for k in ws.catalog().kinds}
    rows = [[index, r["year"], f"{r['number']}/{r['symbol']}" if r["symbol"] else r["number"],
             date.fromisoformat(r["signed_on"]), r["issuer_name"], r["form_name"], kinds.get(r["kind"], r["kind"]),
             r["position"], r["unit_name"]]
            for index, r in enumerate(person_history(ws, person_id), start=1)]
    born = f", sinh năm {person['birth_year']}" if person["birth_year"] else ""
    title = [f"QUÁ TRÌNH KHEN THƯỞNG CỦA {upper_vi(person['full_name'])}", f"({person['full_name']}{born})"]
    wb, writer = list_workbook("Khen thưởng", title, HISTORY_COLUMNS, rows,
                               total=f"Tổng cộng: {format_count(len(rows))} lần được khen thưởng")
    return _save(ws, wb, writer, path, f"quá trình khen thưởng của {person['full_name']}", entity="person",
                 entity_id=person_id, rows=len(rows))


def export_table(ws: Workspace, year: int, path: Path | str) -> ExportResult:
    """The year's statistical table as XLSX (the same table object the PDF renders)."""
    table = stat_table(ws, year)
    org = ws.organisation() or {}
    target = render_table_xlsx(table, path, org.get("issuing_body", ""))
    _log(ws, "report", "", f"Xuất biểu tổng hợp năm {year} ra tệp {target.name}", target, len(table.rows()))
    return ExportResult(target, len(table.rows()), f"biểu tổng hợp năm {year}")
