"""The dossier upward (hồ sơ đề nghị cấp trên khen thưởng): the forwarded nominations of one form and year
gathered under one tờ trình, and its status — prepared → sent (date and tờ trình number) → decided (the
higher level's decision recorded as received; the nominations in it become "decided", the others "rejected").

The papers themselves are made by :mod:`emulation_desk.services.council.dossier_print`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from emulation_desk.core.text import format_date
from emulation_desk.errors import KnownError, NotFoundError, ValidationError
from emulation_desk.services.common import Changes, Created, require_date, require_text
from emulation_desk.services.workspace import Workspace

STATUS_LABELS = {"prepared": "Đã chuẩn bị", "sent": "Đã gửi cấp trên", "decided": "Cấp trên đã quyết định"}


def forwarded_nominations(ws: Workspace, year: int, form_code: str) -> list[dict[str, Any]]:
    """Nominations of ``form_code`` in ``year`` marked "Đã trình cấp trên", in no other dossier."""
    return ws.store.query(
        """SELECT n.* FROM nomination n
           WHERE n.year = ? AND n.form_code = ? AND n.status = 'forwarded' AND n.deleted_at IS NULL
             AND NOT EXISTS (SELECT 1 FROM dossier_item i WHERE i.nomination_id = n.id)
           ORDER BY n.subject DESC, n.rowid""", [year, form_code])


def find_dossier(ws: Workspace, year: int, form_code: str) -> dict[str, Any] | None:
    """The newest dossier of a form and year (None when there is none yet)."""
    rows = ws.store.query("SELECT * FROM dossier WHERE year = ? AND form_code = ? ORDER BY created_at DESC, "
                          "rowid DESC LIMIT 1", [year, form_code])
    return rows[0] if rows else None


def get_dossier(ws: Workspace, dossier_id: str) -> dict[str, Any]:
    row = ws.store.get("dossier", dossier_id)
    if row is None:
        raise NotFoundError("Không tìm thấy hồ sơ đề nghị cấp trên. Hãy tải lại danh sách.")
    return row


def dossier_items(ws: Workspace, dossier_id: str) -> list[dict[str, Any]]:
    return ws.store.query("SELECT * FROM dossier_item WHERE dossier_id = ? ORDER BY sort_order, rowid",
                          [dossier_id])


def _meeting_of(ws: Workspace, nomination_ids: list[str]) -> str | None:
    """The latest council meeting that voted on these nominations."""
    marks = ",".join("?" for _ in nomination_ids)
    return ws.store.scalar(
        f"""SELECT m.id FROM council_meeting m JOIN council_case c ON c.meeting_id = m.id
            WHERE c.nomination_id IN ({marks}) ORDER BY m.held_on DESC, m.rowid DESC LIMIT 1""", nomination_ids)


def _default_signer(ws: Workspace) -> str | None:
    return ws.store.scalar("SELECT id FROM signatory WHERE active = 1 ORDER BY is_head DESC, sort_order LIMIT 1")


def prepare_dossier(ws: Workspace, year: int, form_code: str, *, dated_on: Any = None, number: str = "",
                    signer_id: str | None = None, nomination_ids: list[str] | None = None) -> Created:
    """Gather the forwarded nominations of a form and year in a dossier (the prepared one of that form and
    year when there is one: new forwarded nominations join it). A sent dossier is not changed.
    ``nomination_ids``: only these of the forwarded nominations (the ones the clerk selected)."""
    try:
        form = ws.catalog().form(form_code)
    except KeyError:
        raise KnownError(f"Không có hình thức khen thưởng mã “{form_code}” trong danh mục. Hãy ghi mã của hình "
                         "thức được đề nghị, ví dụ BK_TINH, CSTD_TINH, BK_TTG (xem Thiết lập → Danh mục).") from None
    fresh = forwarded_nominations(ws, year, form_code)
    if nomination_ids is not None:
        chosen = set(nomination_ids)
        fresh = [n for n in fresh if n["id"] in chosen]
    current = find_dossier(ws, year, form_code)
    if current and current["status"] != "prepared":
        current = None if fresh else current
    if current is None and not fresh:
        raise KnownError(f"Năm {year} không có đề nghị “{form.short_name}” nào ở trạng thái “Đã trình cấp trên” "
                         "chưa vào hồ sơ. Hãy chuyển các đề nghị đã được Hội đồng thông qua sang trạng thái đó.")
    day = require_date(dated_on or date.today(), "dated_on", "Ngày tờ trình")
    values = {"number": require_text(number, "number", "Số tờ trình", required=False, max_length=20),
              "dated_on": day.isoformat()}
    store = ws.store
    with store.transaction():
        if current is None:
            every = [n["id"] for n in fresh]
            current_id = store.insert("dossier", {
                "year": year, "form_code": form_code, **values, "signer_id": signer_id or _default_signer(ws),
                "meeting_id": _meeting_of(ws, every), "symbol": (ws.organisation() or {}).get("symbol_submission", "")},
                summary=f"Chuẩn bị hồ sơ đề nghị {form.short_name} năm {year}")
        else:
            current_id = current["id"]
            if current["status"] == "prepared":
                store.update("dossier", current_id, {**values, **({"signer_id": signer_id} if signer_id else {})},
                             summary=f"Cập nhật hồ sơ đề nghị {form.short_name} năm {year}")
        start = len(dossier_items(ws, current_id))
        store.insert_many("dossier_item", [{"dossier_id": current_id, "nomination_id": n["id"], "sort_order": start + i}
                                           for i, n in enumerate(fresh, start=1)])
        if fresh and current is not None and not current["meeting_id"]:
            store.update("dossier", current_id, {"meeting_id": _meeting_of(ws, [n["id"] for n in fresh])})
    return Created(current_id, Changes(nominations=True, ids={current_id}))


HIGHER_LEVELS = {"xa": ("bo_tinh", "nha_nuoc"), "huyen": ("bo_tinh", "nha_nuoc"), "tinh": ("nha_nuoc",)}
READY = ("checked", "voted", "forwarded")  # approved (thẩm định or voted by the council) or already forwarded


def needs_higher_level(ws: Workspace, form_code: str) -> bool:
    """Whether an award of ``form_code`` is decided above this office (a dossier goes up for it)."""
    level = (ws.organisation() or {}).get("level") or "xa"
    try:
        form = ws.catalog().form(form_code)
    except KeyError:
        return False
    return form.level in HIGHER_LEVELS.get(level, HIGHER_LEVELS["xa"])


def prepare_from_nominations(ws: Workspace, nomination_ids: list[str], *, dated_on: Any = None, number: str = ""
                             ) -> list[Created]:
    """A dossier (one per form and year) from the nominations the clerk selected: each must be for an award
    decided above this office and approved ("Đã thẩm định", "Đã bình xét") or already "Đã trình cấp trên";
    the approved ones become "Đã trình cấp trên". All or nothing; a Vietnamese message names what is wrong."""
    from emulation_desk.services.awards.nominations import STATUS_LABELS, set_status

    if not nomination_ids:
        raise KnownError("Hãy chọn các đề nghị cần lập hồ sơ (giữ Ctrl hoặc Shift để chọn nhiều).")
    marks = ",".join("?" for _ in nomination_ids)
    rows = ws.store.query(
        f"""SELECT n.id, n.year, n.form_code, n.status, coalesce(p.full_name, u.name, h.head_name) AS name,
                   (SELECT count(*) FROM dossier_item i WHERE i.nomination_id = n.id) AS dossiers
            FROM nomination n LEFT JOIN person p ON p.id = n.person_id LEFT JOIN unit u ON u.id = n.unit_id
            LEFT JOIN household h ON h.id = n.household_id
            WHERE n.id IN ({marks}) AND n.deleted_at IS NULL""", nomination_ids)
    problems: list[str] = []
    for r in rows:
        form = ws.catalog().form(r["form_code"])
        if not needs_higher_level(ws, r["form_code"]):
            problems.append(f"{r['name']}: “{form.short_name}” do cơ quan mình quyết định, không cần hồ sơ trình "
                            "cấp trên (hãy tạo quyết định ở thẻ Quyết định)")
        elif r["dossiers"]:
            problems.append(f"{r['name']}: đã có trong một hồ sơ đề nghị cấp trên")
        elif r["status"] not in READY:
            problems.append(f"{r['name']}: đang ở trạng thái “{STATUS_LABELS[r['status']]}” — chỉ lập hồ sơ cho đề "
                            "nghị đã thẩm định hoặc đã được Hội đồng bình xét")
    if len(rows) < len(set(nomination_ids)):
        problems.append("một số đề nghị không còn (đã bị xóa); hãy tải lại danh sách")
    if problems:
        shown = "; ".join(problems[:5]) + (f"; và {len(problems) - 5} đề nghị khác" if len(problems) > 5 else "")
        raise KnownError(f"Chưa lập được hồ sơ: {shown}.")
    groups: dict[tuple[int, str], list[str]] = {}
    for r in rows:
        groups.setdefault((r["year"], r["form_code"]), []).append(r["id"])
    created: list[Created] = []
    with ws.store.transaction():
        approved = [r["id"] for r in rows if r["status"] != "forwarded"]
        if approved:
            set_status(ws, approved, "forwarded")
        for (year, form_code), ids in sorted(groups.items()):
            created.append(prepare_dossier(ws, year, form_code, dated_on=dated_on, number=number,
                                           nomination_ids=ids))
    return created


def set_achievement(ws: Workspace, dossier_id: str, nomination_id: str, text: str) -> Changes:
    """The achievement part of one nominee's report, when the clerk writes it in the program."""
    item = ws.store.query("SELECT id FROM dossier_item WHERE dossier_id = ? AND nomination_id = ?",
                          [dossier_id, nomination_id])
    if not item:
        raise NotFoundError("Đề nghị này không có trong hồ sơ.")
    lines = [require_text(line, "achievement_text", "Phần thành tích", required=False, max_length=100000)
             for line in (text or "").splitlines()]
    value = "\n".join(line for line in lines if line)  # one paragraph a line
    if len(value) > 100000:
        raise ValidationError("Phần thành tích dài quá 100.000 ký tự. Hãy rút gọn.", field="achievement_text")
    with ws.store.transaction():
        ws.store.update("dossier_item", item[0]["id"], {"achievement_text": value},
                        summary="Sửa phần thành tích của báo cáo thành tích")
    return Changes(nominations=True, ids={dossier_id})


def mark_sent(ws: Workspace, dossier_id: str, *, sent_on: Any, number: str) -> Changes:
    """The tờ trình went up: its number and the date it was sent."""
    dossier = get_dossier(ws, dossier_id)
    if dossier["status"] == "decided":
        raise KnownError("Hồ sơ này cấp trên đã có quyết định; không sửa ngày gửi được nữa.")
    text = require_text(number, "number", "Số tờ trình", max_length=20)
    day = require_date(sent_on, "sent_on", "Ngày gửi")
    if day.isoformat() < dossier["dated_on"]:
        raise ValidationError(f"Ngày gửi ({format_date(day)}) trước ngày tờ trình "
                              f"({format_date(date.fromisoformat(dossier['dated_on']))}). Hãy kiểm tra lại.",
                              field="sent_on")
    with ws.store.transaction():
        ws.store.update("dossier", dossier_id, {"status": "sent", "number": text, "sent_on": day.isoformat()},
                        summary=f"Gửi hồ sơ đề nghị cấp trên (Tờ trình số {text}) ngày {format_date(day)}")
    return Changes(nominations=True, ids={dossier_id})


def close_dossier(ws: Workspace, dossier_id: str, decision_id: str) -> Changes:
    """The higher level's decision (recorded as received) closes the dossier: nominees in it are "decided"
    (awarded), the others "rejected"; each item keeps its outcome."""
    dossier = get_dossier(ws, dossier_id)
    if dossier["status"] == "decided":
        raise KnownError("Hồ sơ này đã ghi quyết định của cấp trên rồi (khi ghi nhận quyết định cấp trên).")
    if dossier["status"] != "sent":
        raise KnownError("Hãy ghi ngày gửi và số tờ trình (hồ sơ đã gửi) trước khi ghi quyết định của cấp trên.")
    decision = ws.store.get("decision", decision_id)
    if decision is None or decision["is_own"]:
        raise KnownError("Hãy chọn quyết định của cấp trên đã ghi nhận (không phải quyết định của cơ quan).")
    awarded = {r["key"] for r in ws.store.query(
        "SELECT coalesce(person_id, unit_id, household_id) AS key FROM decision_recipient WHERE decision_id = ?",
        [decision_id])}
    store = ws.store
    with store.transaction():
        for item in dossier_items(ws, dossier_id):
            n = store.get("nomination", item["nomination_id"])
            assert n is not None
            won = (n["person_id"] or n["unit_id"] or n["household_id"]) in awarded
            store.update("dossier_item", item["id"], {"outcome": "awarded" if won else "not_awarded"})
            store.update("nomination", n["id"], {"status": "decided", "decision_id": decision_id} if won
                         else {"status": "rejected"}, summary="Kết quả đề nghị cấp trên khen thưởng")
        store.update("dossier", dossier_id, {"status": "decided", "decision_id": decision_id},
                     summary=f"Cấp trên quyết định (Quyết định số {decision['number']}/{decision['symbol']})")
    return Changes(nominations=True, decisions=True, ids={dossier_id})


def close_matching_dossiers(ws: Workspace, decision_id: str) -> list[str]:
    """After a higher decision is recorded: every sent dossier of its form, of its year or earlier, with a
    nominee among its recipients, is closed by it. Returns the ids closed."""
    decision = ws.store.get("decision", decision_id)
    if decision is None or decision["is_own"]:
        return []
    found = ws.store.query(
        """SELECT DISTINCT d.id FROM dossier d JOIN dossier_item i ON i.dossier_id = d.id
           JOIN nomination n ON n.id = i.nomination_id
           JOIN decision_recipient r ON r.decision_id = ? AND r.form_code = d.form_code
                AND coalesce(r.person_id, r.unit_id, r.household_id) = coalesce(n.person_id, n.unit_id, n.household_id)
           WHERE d.status = 'sent' AND d.year <= ?""", [decision_id, decision["year"]])
    for row in found:
        close_dossier(ws, row["id"], decision_id)
    return [row["id"] for row in found]


def list_dossiers(ws: Workspace, year: int) -> list[dict[str, Any]]:
    return ws.store.query(
        """SELECT d.*, f.short_name AS form_name, (SELECT count(*) FROM dossier_item i WHERE i.dossier_id = d.id)
                  AS items
           FROM dossier d JOIN award_form f ON f.code = d.form_code WHERE d.year = ? ORDER BY d.dated_on""", [year])
