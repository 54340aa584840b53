"""Year-end reports (báo cáo tổng kết): number, date, title, recipients, signer and the sections.

Section bodies are the clerk's text; generated figures are inserted where a body holds a placeholder
such as ``{{khen_thuong_nha_nuoc}}`` (see :mod:`emulation_desk.services.reporting.report_figures`), so they are
always current.
"""

from __future__ import annotations

import json
import re
from typing import Any

from emulation_desk.core.text import nfc
from emulation_desk.errors import NotFoundError, ValidationError
from emulation_desk.services.common import Changes, Created, optional_date, require_text, require_year
from emulation_desk.services.workspace import Workspace
from emulation_desk.storage.db import Store


def create_report(ws: Workspace, *, year: Any, title: str, number: str = "", symbol: str = "",
                  signed_on: Any = None, place_name: str = "", signer_id: str | None = None,
                  signer_name: str = "", signer_position: str = "", signing_lines: list[str] | None = None,
                  recipients: list[str] | None = None, sections: list[dict[str, Any]] | None = None
                  ) -> Created:
    """Create a report with its section tree (``sections``: dicts with level, label, title, body, children)."""
    signed = optional_date(signed_on, "signed_on", "Ngày ban hành")
    values = {
        "year": require_year(year), "title": require_text(title, "title", "Tên báo cáo", max_length=1000),
        "number": require_text(number, "number", "Số", required=False, max_length=20),
        "symbol": require_text(symbol, "symbol", "Ký hiệu", required=False, max_length=50),
        "signed_on": signed.isoformat() if signed else None, "place_name": nfc(place_name),
        "signer_id": signer_id, "signer_name": nfc(signer_name), "signer_position": nfc(signer_position),
        "signing_lines": json.dumps([nfc(x) for x in signing_lines or []], ensure_ascii=False),
        "recipients": json.dumps([nfc(x) for x in recipients or []], ensure_ascii=False),
    }
    with ws.store.transaction():
        report_id = ws.store.insert("report", values, summary=f"Tạo báo cáo năm {values['year']}")
        _insert_sections(ws.store, report_id, None, sections or [], [0])
    return Created(report_id, Changes(reports=True, ids={report_id}))


def _insert_sections(store: Store, report_id: str, parent_id: str | None, sections: list[dict[str, Any]],
                     counter: list[int]) -> None:
    for section in sections:
        counter[0] += 1
        section_id = store.insert("report_section", {
            "report_id": report_id, "parent_id": parent_id, "level": int(section.get("level", 0)),
            "label": nfc(section.get("label", "")), "title": nfc(section.get("title", "")),
            "body": nfc(section.get("body", "")), "sort_order": counter[0]}, audit=False)
        _insert_sections(store, report_id, section_id, section.get("children", []), counter)


def update_section(ws: Workspace, section_id: str, *, title: str | None = None, body: str | None = None) -> Changes:
    changes: dict[str, Any] = {}
    if title is not None:
        changes["title"] = nfc(title)
    if body is not None:
        changes["body"] = nfc(body)
    with ws.store.transaction():
        ws.store.update("report_section", section_id, changes, summary="Sửa nội dung báo cáo")
    return Changes(reports=True, ids={section_id})


def find_report(ws: Workspace, year: int) -> dict[str, Any]:
    rows = ws.store.query("SELECT * FROM report WHERE year = ? AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 1",
                          [year])
    if not rows:
        raise NotFoundError(f"Chưa có báo cáo tổng kết năm {year}.")
    report = rows[0]
    report["recipients"] = json.loads(report["recipients"])
    report["signing_lines"] = json.loads(report["signing_lines"])
    return report


def report_sections(ws: Workspace, report_id: str) -> list[dict[str, Any]]:
    """Sections in document order (flat, with level and parent_id)."""
    return ws.store.query("SELECT * FROM report_section WHERE report_id = ? ORDER BY sort_order", [report_id])


def _shift_years(text: str, from_year: int, to_year: int) -> str:
    """Year numbers of a title moved forward: "năm 2020, phương hướng năm 2021" → "năm 2021, … năm 2022"."""
    shift = to_year - from_year

    def replace(match: re.Match[str]) -> str:
        year = int(match.group(0))
        return str(year + shift) if from_year - 1 <= year <= from_year + 1 else match.group(0)

    return re.sub(r"(?<!\d)(19|20)\d\d(?!\d)", replace, text)


def copy_report(ws: Workspace, from_year: Any, to_year: Any) -> Created:
    """Start a year's report from another year's: same section tree and texts (their figures are
    placeholders, so they refresh by themselves), year numbers in the titles moved; no number or date."""
    store = ws.store
    source, target = require_year(from_year), require_year(to_year, "to_year", "Năm báo cáo mới")
    old = find_report(ws, source)
    if store.scalar("SELECT count(*) FROM report WHERE year = ? AND deleted_at IS NULL", [target]):
        raise ValidationError(f"Năm {target} đã có báo cáo tổng kết; không tạo thêm.", field="to_year")
    sections = report_sections(ws, old["id"])
    children: dict[str | None, list[dict[str, Any]]] = {}
    for section in sections:
        children.setdefault(section["parent_id"], []).append(section)

    def tree(parent: str | None) -> list[dict[str, Any]]:
        return [{"level": s["level"], "label": s["label"], "title": _shift_years(s["title"], source, target),
                 "body": s["body"], "children": tree(s["id"])} for s in children.get(parent, [])]

    with store.transaction():
        report_id = create_report(
            ws, year=target, title=_shift_years(old["title"], source, target), symbol=old["symbol"],
            place_name=old["place_name"], signer_id=old["signer_id"], signer_name=old["signer_name"],
            signer_position=old["signer_position"], signing_lines=old["signing_lines"],
            recipients=old["recipients"], sections=tree(None)).id
        store.log("create", "report", report_id, f"Tạo báo cáo năm {target} từ báo cáo năm {source}")
    return Created(report_id, Changes(reports=True, ids={report_id}))


def list_reports(ws: Workspace) -> list[dict[str, Any]]:
    return ws.store.query("SELECT id, year, number, symbol, title FROM report WHERE deleted_at IS NULL ORDER BY year DESC")
