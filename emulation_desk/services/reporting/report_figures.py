"""The generated figures of the year-end report, always computed from the records.

A report section's body may hold placeholders (``{{khen_thuong_nha_nuoc}}``…); :func:`fill` replaces each
with a sentence in the model report's style ("01 tập thể được tặng thưởng Huân chương Lao động hạng Nhì;
02 tập thể được tặng Cờ thi đua của Chính phủ; …"), grouped as the model report groups them: awards by
central bodies (Chủ tịch nước, Thủ tướng, bộ, ngành), by the province, and by this office.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from emulation_desk.core.catalog import AwardForm
from emulation_desk.core.money import amount_in_words, format_money
from emulation_desk.core.text import format_count
from emulation_desk.services.workspace import Workspace

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
CENTRAL_LEVELS = ("chu_tich_nuoc", "thu_tuong", "bo")

PLACEHOLDERS = {
    "khen_thuong_nha_nuoc": "Khen thưởng cấp Nhà nước (Chủ tịch nước, Thủ tướng, bộ, ngành Trung ương)",
    "khen_thuong_tinh": "Khen thưởng cấp tỉnh",
    "khen_thuong_don_vi": "Khen thưởng của cơ quan (Chủ tịch UBND)",
    "dien_hinh_tien_tien": "Số tập thể, cá nhân điển hình tiên tiến được khen thưởng",
    "khoi_thi_dua": "Số khối thi đua và đơn vị dẫn đầu",
    "hoi_dong": "Thành phần Hội đồng Thi đua - Khen thưởng",
    "tien_thuong": "Tổng tiền thưởng theo quyết định của cơ quan",
}
# Placeholders of earlier versions whose facts the program does not keep (the inspections of section 6 are
# not the number of units): they print nothing, and the clerk's own text around them stays.
RETIRED = ("kiem_tra",)
# A paragraph the clerk has still to write (a report started from the standard structure): it prints as a
# dotted line to write on, never as made-up prose, and the window and the command line count such sections.
CLERK_SLOT = "cho_viet"
CLERK_MARK = "{{" + CLERK_SLOT + "}}"
CLERK_BLANK = "…" * 60  # one unbroken run: two lines of dots, not dot groups spread by justification


@dataclass(frozen=True)
class FormCount:
    form: AwardForm
    collectives: int
    individuals: int
    households: int
    posthumous: int


def _subjects(c: FormCount) -> str:
    parts = []
    if c.collectives:
        parts.append(f"{format_count(c.collectives)} tập thể")
    if c.individuals:
        parts.append(f"{format_count(c.individuals)} cá nhân")
    if c.households:
        parts.append(f"{format_count(c.households)} hộ gia đình")
    return " và ".join(parts)


def _award_phrase(c: FormCount) -> str:
    """"09 tập thể được tặng Cờ thi đua của UBND tỉnh" and its variants."""
    form = c.form
    if form.family.startswith("huan_chuong") or form.short_name.startswith("Huân chương"):
        verb = "được tặng thưởng"
    elif c.posthumous and c.posthumous == c.individuals and not c.collectives:
        verb = "được truy tặng"
    else:
        verb = "được tặng"
    if _honorary(form):
        what = f"danh hiệu vinh dự Nhà nước {form.short_name}"
    elif form.category == "danh_hieu" and not form.short_name.startswith("Cờ"):
        what = f"danh hiệu “{form.short_name}”"
    else:
        what = form.short_name
    return f"{_subjects(c)} {verb} {what}"


def form_counts(ws: Workspace, year: int, levels: tuple[str, ...]) -> list[FormCount]:
    """Recipients of issued decisions of ``year`` by issuers of the given levels, per form."""
    marks = ", ".join("?" for _ in levels)
    rows = ws.store.query(
        f"""SELECT r.form_code, sum(r.subject = 'tap_the') AS collectives, sum(r.subject = 'ca_nhan') AS individuals,
                   sum(r.subject = 'ho_gia_dinh') AS households, sum(r.posthumous) AS posthumous
            FROM decision_recipient r JOIN decision d ON d.id = r.decision_id
            WHERE d.year = ? AND d.status = 'issued' AND d.deleted_at IS NULL AND d.issuer_level IN ({marks})
            GROUP BY r.form_code""", [year, *levels])
    catalog = ws.catalog()
    counts = [FormCount(catalog.form(r["form_code"]), r["collectives"], r["individuals"], r["households"],
                        r["posthumous"]) for r in rows]
    return sorted(counts, key=lambda c: _level_order(c.form))


def _honorary(form: AwardForm) -> bool:
    return form.extra_row_label == "Danh hiệu vinh dự Nhà nước"


def _level_order(form: AwardForm) -> tuple[int, int]:
    """The model report's order: honorary titles, orders (Huân chương), other state awards, then the
    ministries'; within this office's own awards, collective titles first and certificates last."""
    if _honorary(form):
        return (0, form.sort_order)
    if form.short_name.startswith("Huân chương"):
        return (1, form.sort_order)
    if form.level == "nha_nuoc":
        return (2, form.sort_order)
    if form.level == "bo_tinh":
        return (3, form.sort_order)
    return (4 + (form.category != "danh_hieu"), -form.sort_order)


def _sentence(prefix: str, counts: list[FormCount], empty: str) -> str:
    if not counts:
        return empty
    return prefix + "; ".join(_award_phrase(c) for c in counts) + "."


def _org_name(ws: Workspace) -> str:
    org = ws.organisation()
    return org["body_short"] if org else "đơn vị"


def report_figures(ws: Workspace, year: int) -> dict[str, str]:
    """Every placeholder's text for ``year``."""
    org = ws.organisation()
    short = _org_name(ws)
    figures: dict[str, str] = {}
    figures["khen_thuong_nha_nuoc"] = "* Khen thưởng cấp Nhà nước: " + _sentence(
        f"Trong năm {year}, có ", form_counts(ws, year, CENTRAL_LEVELS),
        f"Trong năm {year}, chưa có tập thể, cá nhân nào được khen thưởng cấp Nhà nước.")
    figures["khen_thuong_tinh"] = "* Khen thưởng cấp tỉnh: " + _sentence(
        "Có ", form_counts(ws, year, ("tinh",)), f"Trong năm {year}, chưa có khen thưởng cấp tỉnh.")
    own = form_counts(ws, year, ("don_vi",))
    head = (org["head_title"].capitalize() if org else "Chủ tịch") + f" {short}"
    if own:
        parts = []
        for c in own:
            if c.form.category == "danh_hieu" and not c.form.short_name.startswith("Cờ"):
                parts.append(f"tặng danh hiệu “{c.form.short_name}” cho {_subjects(c)}")
            else:
                parts.append(f"tặng {c.form.short_name} cho {_subjects(c)}")
        figures["khen_thuong_don_vi"] = (f"* Khen thưởng của {short}: Trong năm {year}, {head} đã ban hành quyết định "
                                         + "; ".join(parts) + ".")
    else:
        figures["khen_thuong_don_vi"] = f"* Khen thưởng của {short}: chưa có quyết định khen thưởng trong năm {year}."
    figures["dien_hinh_tien_tien"] = _typical(ws, year)
    figures["khoi_thi_dua"] = _blocs(ws, year)
    figures["hoi_dong"] = _council(ws, short)
    figures["tien_thuong"] = _money(ws, year, head)
    return figures


def _typical(ws: Workspace, year: int) -> str:
    row = ws.store.query(
        """SELECT sum(r.subject = 'tap_the') AS collectives, sum(r.subject = 'ca_nhan') AS individuals
           FROM decision_recipient r JOIN decision d ON d.id = r.decision_id
           WHERE d.year = ? AND d.status = 'issued' AND d.deleted_at IS NULL AND r.kind = 'dien_hinh'""", [year])[0]
    if not (row["collectives"] or row["individuals"]):
        return f"Trong năm {year} chưa có khen thưởng điển hình tiên tiến."
    parts = [f"{format_count(row['collectives'])} tập thể" if row["collectives"] else "",
             f"{format_count(row['individuals'])} cá nhân" if row["individuals"] else ""]
    return f"Trong năm {year}, đã khen thưởng {', '.join(p for p in parts if p)} điển hình tiên tiến."


def _blocs(ws: Workspace, year: int) -> str:
    count = ws.store.scalar("SELECT count(*) FROM bloc WHERE year = ?", [year])
    if not count:
        return f"Năm {year} chưa chia khối thi đua."
    members = ws.store.scalar("SELECT count(*) FROM bloc_member WHERE year = ?", [year])
    return f"Năm {year}, {format_count(members)} cơ quan, đơn vị được chia thành {format_count(count)} khối thi đua."


def _council(ws: Workspace, short: str) -> str:
    from emulation_desk.services.records.org import current_council

    council, members = current_council(ws)
    if council is None:
        return "Chưa có thông tin về Hội đồng Thi đua - Khen thưởng."
    chair = next((m for m in members if m["role"] == "chu_tich"), None)
    org = ws.organisation()
    office = f"; {org['office_name']} là cơ quan thường trực của Hội đồng" if org and org["office_name"] else ""
    chaired = f" do {chair['position']} làm Chủ tịch Hội đồng" if chair and chair["position"] else ""
    return f"{council['name']} gồm {format_count(len(members))} thành viên{chaired}{office}."


def _money(ws: Workspace, year: int, head: str) -> str:
    total = ws.store.scalar(
        "SELECT coalesce(sum(r.amount), 0) FROM decision_recipient r JOIN decision d ON d.id = r.decision_id "
        "WHERE d.year = ? AND d.status = 'issued' AND d.deleted_at IS NULL AND d.is_own = 1", [year])
    if not total:
        return ""
    return (f"Tổng tiền thưởng theo các quyết định của {head} năm {year} là {format_money(int(total))} đồng "
            f"(bằng chữ: {amount_in_words(int(total)).lower()}).")


def fill(text: str, figures: dict[str, str]) -> str:
    """Replace every placeholder; an unknown one is left visible so the clerk sees it."""

    def replace(match: re.Match[str]) -> str:
        if match.group(1) in RETIRED:
            return ""
        if match.group(1) == CLERK_SLOT:
            return CLERK_BLANK
        return figures.get(match.group(1), f"[chưa có số liệu: {match.group(1)}]")

    return "\n".join(" ".join(line.split()) for line in PLACEHOLDER.sub(replace, text).split("\n"))


def rendered_sections(ws: Workspace, report: dict[str, Any],
                      figures_for: Callable[[Workspace, int], dict[str, str]] = report_figures
                      ) -> list[dict[str, Any]]:
    """The report's sections in document order with bodies whose figures are current."""
    from emulation_desk.services.reporting.reports import report_sections

    figures = figures_for(ws, report["year"])
    sections = report_sections(ws, report["id"])
    return [{**s, "body": fill(s["body"], figures)} for s in sections]
