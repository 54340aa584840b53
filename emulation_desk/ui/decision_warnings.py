"""What the clerk should know before a decision is made from nominations: included nominations whose
eligibility verdict is "Cần xem lại" or "Chưa đạt", and a base salary marked unconfirmed in the catalog."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from emulation_desk.services.workspace import Workspace

DOUBTFUL = {"chua_dat": "Chưa đạt", "canh_bao": "Cần xem lại"}
JUDGE_AT_MOST = 5_000  # approved nominations judged when the dialog opens (a province year is left to the tab)


def doubtful_verdicts(ws: Workspace, year: int, count: int) -> dict[str, tuple[str, str]] | None:
    """(label, reason) of the year's nominations that are not plainly eligible; None when the year is too large
    to judge here (the nominations tab shows the verdicts)."""
    if count == 0 or count > JUDGE_AT_MOST:
        return None if count else {}
    from emulation_desk.services.awards.eligibility import year_eligibility

    return {v.nomination_id: (DOUBTFUL[v.status], v.reason or "")
            for v in year_eligibility(ws, year).verdicts if v.status in DOUBTFUL}


def verdict_warning(found: dict[str, tuple[str, str]] | None, included: Iterable[dict[str, Any]]) -> str:
    """HTML of the warning for the included rows ("" when none is doubtful)."""
    rows = list(included)
    if found is None:
        return ("<br><span style='color:#ef6c00'>Chưa kiểm tra điều kiện ở đây (năm có quá nhiều đề nghị): hãy xem "
                "cột Điều kiện ở tab Đề nghị trước khi tạo quyết định.</span>") if rows else ""
    doubtful = [(r, found[r["id"]]) for r in rows if r["id"] in found]
    if not doubtful:
        return ""
    names = "; ".join(f"{html.escape(str(r.get('nominee_name') or r.get('label') or ''))} ({label})"
                      for r, (label, _reason) in doubtful[:8])
    more = f" và {len(doubtful) - 8} trường hợp khác" if len(doubtful) > 8 else ""
    return (f"<br><span style='color:#c62828'><b>Cảnh báo:</b> {len(doubtful)} đề nghị được đưa vào chưa chắc đủ "
            f"điều kiện: {names}{more}. Hãy xem lại hoặc bỏ chọn trước khi tạo quyết định.</span>")


def salary_warning(salary: Any) -> str:
    """HTML of the warning when the base salary used is marked unconfirmed ("" otherwise)."""
    if salary is None or not getattr(salary, "unconfirmed", False):
        return ""
    return ("<br><span style='color:#c62828'><b>Lưu ý:</b> mức lương cơ sở này đang được đánh dấu <i>chưa xác "
            "nhận</i> trong danh mục: hãy đối chiếu văn bản quy định trước khi ban hành.</span>")
