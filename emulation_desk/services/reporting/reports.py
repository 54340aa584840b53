"""Year-end reports (báo cáo tổng kết): number, date, title, recipients, signer and the sections.

Section bodies are the clerk's text; generated figures are inserted where a body holds a placeholder
such as ``{{khen_thuong_nha_nuoc}}`` (see :mod:`emulation_desk.services.reporting.report_figures`), so they are
always current.

A year's report starts from last year's (:func:`copy_report`) or, in a first year, from the standard
structure shipped in ``resources/report/standard.toml`` (:func:`start_standard_report`): the model report's
parts, sections and headings with the figure blocks in place and ``{{cho_viet}}`` where the clerk writes.
Until a section is written its blank prints as a dotted line, and :func:`unwritten_sections` names it.
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import lru_cache
from typing import Any

from emulation_desk.core.text import nfc
from emulation_desk.errors import NotFoundError, ValidationError
from emulation_desk.resources import resource_path
from emulation_desk.services.common import Changes, Created, optional_date, require_text, require_year
from emulation_desk.services.reporting.report_figures import CLERK_MARK, PLACEHOLDERS, fill, report_figures
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


# ---------------------------------------------------------------------- a first year: the standard structure
CLERK_WRITES = "viet"  # a paragraph of the structure the clerk writes
CLOSING = "closing"  # the closing formula, composed from the office's name


@lru_cache(maxsize=1)
def standard_structure() -> dict[str, Any]:
    """The shipped structure (title, recipients, closing formula, sections in document order)."""
    data = tomllib.loads(resource_path("report", "standard.toml").read_text(encoding="utf-8"))
    for section in data["section"]:
        for part in section.get("body", []):
            if part not in (CLERK_WRITES, CLOSING) and part not in PLACEHOLDERS:
                raise ValueError(f"standard.toml: unknown body part {part!r}")
    return data


def _words(ws: Workspace, year: int) -> dict[str, str]:
    org = ws.organisation() or {}
    return {"year": str(year), "next_year": str(year + 1), "body_short": org.get("body_short") or "cơ quan"}


def _section_body(parts: list[str], closing: str) -> str:
    lines = []
    for part in parts:
        if part == CLERK_WRITES:
            lines.append(CLERK_MARK)
        elif part == CLOSING:
            lines.append(closing)
        else:
            lines.append("{{" + part + "}}")
    return "\n".join(lines)


def standard_sections(ws: Workspace, year: int) -> list[dict[str, Any]]:
    """The standard structure for ``year`` as a section tree (dicts with level, label, title, body, children)."""
    data, words = standard_structure(), _words(ws, year)
    closing = data["closing"].format(**words)
    roots: list[dict[str, Any]] = []
    open_at: dict[int, dict[str, Any]] = {}
    for spec in data["section"]:
        level = int(spec["level"])
        section = {"level": level, "label": spec["label"], "title": spec["title"].format(**words),
                   "body": _section_body(spec.get("body", []), closing), "children": []}
        parent = next((open_at[lv] for lv in range(level - 1, -1, -1) if lv in open_at), None)
        (parent["children"] if parent else roots).append(section)
        open_at = {lv: s for lv, s in open_at.items() if lv < level}
        open_at[level] = section
    return roots


def _standard_values(ws: Workspace, year: int) -> dict[str, Any]:
    data, words = standard_structure(), _words(ws, year)
    org = ws.organisation() or {}
    heads = ws.store.query("SELECT * FROM signatory WHERE active = 1 ORDER BY is_head DESC, sort_order LIMIT 1")
    signer = heads[0] if heads else None
    return {"year": year, "title": data["title"].format(**words), "symbol": org.get("symbol_report", ""),
            "place_name": org.get("place_name", ""), "signer_id": signer["id"] if signer else None,
            "signer_name": signer["full_name"] if signer else "",
            "signer_position": signer["position"] if signer else "", "recipients": list(data["recipients"])}


def start_standard_report(ws: Workspace, year: Any) -> Created:
    """Start ``year``'s report from the standard structure (a first year, or a clerk who wants a fresh start):
    headings and figure blocks in place, the free text left for the clerk; no number or date yet."""
    target = require_year(year)
    if ws.store.scalar("SELECT count(*) FROM report WHERE year = ? AND deleted_at IS NULL", [target]):
        raise ValidationError(f"Năm {target} đã có báo cáo tổng kết; không tạo thêm.", field="year")
    with ws.store.transaction():
        report_id = create_report(ws, **_standard_values(ws, target), sections=standard_sections(ws, target)).id
        ws.store.log("create", "report", report_id, f"Tạo báo cáo năm {target} theo cấu trúc chuẩn")
    return Created(report_id, Changes(reports=True, ids={report_id}))


def _flatten(tree: list[dict[str, Any]], out: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for section in tree:
        out.append({k: v for k, v in section.items() if k != "children"})
        _flatten(section["children"], out)
    return out


def report_for_year(ws: Workspace, year: int) -> tuple[dict[str, Any], list[dict[str, Any]], bool]:
    """The year's report and its sections in document order, and whether it is stored. A year without a
    report gets the standard structure, unsaved (nothing is written: printing only reads)."""
    try:
        report = find_report(ws, year)
    except NotFoundError:
        values = _standard_values(ws, year)
        report = {**values, "id": "", "number": "", "signed_on": None, "signing_lines": [], "status": "draft"}
        return report, _flatten(standard_sections(ws, year), []), False
    return report, report_sections(ws, report["id"]), True


def printable_sections(ws: Workspace, sections: list[dict[str, Any]], year: int) -> list[dict[str, Any]]:
    """Sections with their figures computed now and the clerk's blanks as dotted lines."""
    figures = report_figures(ws, year)
    return [{**s, "body": fill(s["body"], figures)} for s in sections]


def unwritten_sections(sections: list[dict[str, Any]]) -> list[str]:
    """Headings of the sections whose text the clerk has still to write ("3. Công tác khen thưởng")."""
    return [f"{s['label']} {s['title']}".strip() for s in sections if CLERK_MARK in s["body"]]


def unwritten_note(sections: list[dict[str, Any]], *, stored: bool, year: int) -> str:
    """What to tell the clerk about a report still to be written (empty when every section is written)."""
    missing = unwritten_sections(sections)
    if not missing:
        return ""
    start = "" if stored else (f"Năm {year} chưa có báo cáo tổng kết: đã in theo cấu trúc chuẩn (tạo báo cáo ở "
                               f"thẻ “Báo cáo và biểu tổng hợp” để viết nội dung). ")
    shown = "; ".join(missing[:3]) + ("…" if len(missing) > 3 else "")
    return (f"{start}Còn {len(missing)} mục chưa viết (in thành dòng chấm để viết tay): {shown}")
