"""Decisions (quyết định khen thưởng): this office's own and those received from higher levels."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from emulation_desk.core.catalog import Catalog
from emulation_desk.core.text import nfc
from emulation_desk.errors import NotFoundError, ValidationError
from emulation_desk.services.awards import achievement as ach
from emulation_desk.services.common import (
    Changes,
    Created,
    require_date,
    require_form_for_subject,
    require_text,
)
from emulation_desk.services.workspace import Workspace

ISSUER_LEVELS = {
    "don_vi": "Ủy ban nhân dân (đơn vị mình)",
    "tinh": "Tỉnh",
    "bo": "Bộ, ngành, đoàn thể Trung ương",
    "thu_tuong": "Thủ tướng Chính phủ",
    "chu_tich_nuoc": "Chủ tịch nước",
    "khac": "Khác",
}
STATUS_LABELS = {"draft": "Dự thảo", "issued": "Đã ban hành"}


def _decision_values(catalog: Catalog, *, number: str, symbol: str, signed_on: Any, issuer_level: str,
                     issuer_name: str, title: str, kind: str, form_code: str | None = None,
                     signer_id: str | None = None, signer_name: str = "", signer_position: str = "",
                     legal_bases: list[str] | None = None, proposal_ref: str = "", bonus_source: str = "",
                     notes: str = "", execution_text: str = "", recipients_text: str = "") -> dict[str, Any]:
    signed = require_date(signed_on, "signed_on", "Ngày ký")
    if issuer_level not in ISSUER_LEVELS:
        raise ValidationError("Hãy chọn cấp ban hành quyết định.", field="issuer_level")
    if form_code is not None:
        catalog.form(form_code)
    catalog.kind(kind)
    return {
        "year": signed.year, "number": require_text(number, "number", "Số quyết định", required=False, max_length=20),
        "symbol": require_text(symbol, "symbol", "Ký hiệu", required=False, max_length=50),
        "signed_on": signed.isoformat(), "issuer_level": issuer_level,
        "issuer_name": require_text(issuer_name, "issuer_name", "Cơ quan ban hành"),
        "is_own": int(issuer_level == "don_vi"),
        "title": require_text(title, "title", "Trích yếu", max_length=1000), "form_code": form_code, "kind": kind,
        "signer_id": signer_id, "signer_name": nfc(signer_name), "signer_position": nfc(signer_position),
        "legal_bases": json.dumps([nfc(x) for x in (legal_bases or [])], ensure_ascii=False),
        "proposal_ref": nfc(proposal_ref), "bonus_source": nfc(bonus_source), "notes": nfc(notes),
        # Điều 3 and Nơi nhận (one recipient a line) as the clerk words them; "" = the office's default
        "execution_text": require_text(execution_text, "execution_text", "Điều 3", required=False, max_length=2000),
        "recipients_text": _lines(recipients_text, "recipients_text", "Nơi nhận"),
    }


def _lines(text: str | None, field_name: str, label: str) -> str:
    """Text of several lines, each cleaned, empty lines dropped (at most 2.000 characters, never cut)."""
    lines = [require_text(line, field_name, label, required=False) for line in (text or "").splitlines()]
    joined = "\n".join(line for line in lines if line)
    if len(joined) > 2000:
        raise ValidationError(f"{label} dài quá 2000 ký tự (hiện có {len(joined)}). Hãy rút gọn.", field=field_name)
    return joined


def create_decision(ws: Workspace, *, achievement_period: ach.PeriodInput = None, working_year: int | None = None,
                    **fields: Any) -> Created:
    """Create a decision: a draft when it is this office's own, issued at once when received. Its achievement
    year or period (``achievement_period``: "2023", "2022-2023") defaults to the year its title names, then
    ``working_year`` (never after the signing year)."""
    catalog = ws.catalog()
    values = _decision_values(catalog, **fields)
    period = ach.decision_period(catalog, title=values["title"], signed=date.fromisoformat(values["signed_on"]),
                                 form_code=values["form_code"], given=achievement_period, working_year=working_year)
    values.update(ach.columns(period))
    values["status"] = "draft" if values["is_own"] else "issued"
    with ws.store.transaction():
        decision_id = ws.store.insert("decision", values, summary=f"Tạo quyết định {values['number']}/{values['symbol']}")
    return Created(decision_id, Changes(decisions=True, ids={decision_id}))


def get_decision(ws: Workspace, decision_id: str) -> dict[str, Any]:
    row = ws.store.get("decision", decision_id)
    if row is None or row["deleted_at"]:
        raise NotFoundError("Không tìm thấy quyết định.")
    return row


def find_decision(ws: Workspace, number: str, year: int) -> dict[str, Any]:
    """A decision by its number (with or without symbol, e.g. "2345" or "2345/QĐ-UBND") and year."""
    text = number.strip()
    num, _, symbol = text.partition("/")
    rows = ws.store.query("SELECT * FROM decision WHERE year = ? AND number = ? AND deleted_at IS NULL "
                          "ORDER BY is_own DESC", [year, num.strip()])
    if symbol:
        rows = [r for r in rows if r["symbol"].lower() == symbol.strip().lower()]
    if not rows:
        raise NotFoundError(f"Không tìm thấy quyết định số {text} năm {year}.")
    return rows[0]


def _ensure_editable(decision: dict[str, Any]) -> None:
    if decision["status"] == "issued" and decision["is_own"]:
        raise ValidationError("Quyết định đã ban hành nên không sửa trực tiếp được. "
                              "Hãy dùng chức năng “Đính chính” để sửa và ghi lại lý do.")


def recipient_values(ws: Workspace, decision: dict[str, Any], *, form_code: str | None = None,
                     subject: str, person_id: str | None = None, unit_id: str | None = None,
                     household_id: str | None = None, kind: str | None = None, position: str | None = None,
                     is_manager: bool | None = None, posthumous: bool = False, achievement: str = "",
                     nomination_id: str | None = None, sort_order: int = 0,
                     achievement_period: ach.PeriodInput = None) -> dict[str, Any]:
    """Build a recipient row with the name and unit as they stand today (a snapshot), the achievement year
    or period (``achievement_period``; default: the decision's) and the position held in that year."""
    from emulation_desk.services.records.positions import position_at

    store = ws.store
    catalog = ws.catalog()
    code = form_code or decision["form_code"]
    if not code:
        raise ValidationError("Hãy chọn hình thức khen thưởng cho người/tập thể được khen.", field="form_code")
    require_form_for_subject(catalog, code, subject, "subject")
    period = ach.as_period(achievement_period) or ach.line_default(catalog, decision, code)
    ach.check_within(period, date.fromisoformat(decision["signed_on"]))
    row: dict[str, Any] = {"decision_id": decision["id"], "form_code": code, "kind": kind or decision["kind"],
                           "subject": subject, "posthumous": int(posthumous), "achievement": nfc(achievement),
                           "nomination_id": nomination_id, "sort_order": sort_order, **ach.columns(period)}
    if subject == "ca_nhan":
        person = store.get("person", person_id or "")
        if person is None:
            raise ValidationError("Hãy chọn cá nhân được khen thưởng.", field="person_id")
        unit = store.get("unit", person["unit_id"]) if person["unit_id"] else None
        held = position_at(ws, person["id"], period.last)
        row.update(person_id=person["id"], display_name=person["full_name"],
                   position=nfc(position if position is not None else held.position),
                   unit_name=unit["name"] if unit else "",
                   is_manager=int(is_manager if is_manager is not None else held.is_manager))
    elif subject == "tap_the":
        unit = store.get("unit", unit_id or "")
        if unit is None:
            raise ValidationError("Hãy chọn tập thể được khen thưởng.", field="unit_id")
        parent = store.get("unit", unit["parent_id"]) if unit["parent_id"] else None
        row.update(unit_id=unit["id"], display_name=unit["name"], unit_name=parent["name"] if parent else "",
                   position="", is_manager=None)
    else:
        household = store.get("household", household_id or "")
        if household is None:
            raise ValidationError("Hãy chọn hộ gia đình được khen thưởng.", field="household_id")
        row.update(household_id=household["id"], display_name=f"Hộ ông (bà) {household['head_name']}",
                   unit_name=household["address"], position="", is_manager=None)
    return row


def add_recipients(ws: Workspace, decision_id: str, recipients: list[dict[str, Any]]
                   ) -> Changes:
    """Add recipients to a decision (all or none)."""
    store = ws.store
    decision = get_decision(ws, decision_id)
    _ensure_editable(decision)
    start = int(store.scalar("SELECT coalesce(max(sort_order), 0) FROM decision_recipient WHERE decision_id = ?",
                             [decision_id]))
    with store.transaction():
        for offset, spec in enumerate(recipients, start=1):
            row = recipient_values(ws, decision, sort_order=start + offset, **spec)
            store.insert("decision_recipient", row, summary=f"Thêm {row['display_name']} vào quyết định")
    return Changes(decisions=True, ids={decision_id})


def compute_bonuses(ws: Workspace, decision_id: str) -> Changes:
    """Fill each recipient's coefficient and amount under the regime in force on the decision date and its
    principles (only the highest title of the same achievement is paid; see core/bonus.py). The total and
    the warnings are :func:`~emulation_desk.services.awards.bonus.decision_bonus`'s."""
    from emulation_desk.services.awards.bonus import decision_bonus

    store = ws.store
    bonus = decision_bonus(ws, decision_id)
    with store.transaction():
        current = {r["id"]: r for r in store.query("SELECT id, coefficient, amount FROM decision_recipient "
                                                  "WHERE decision_id = ?", [decision_id])}
        for result in bonus.results:
            value = str(result.coefficient) if result.coefficient is not None else None
            row = current[result.line.recipient_id]
            if row["amount"] != result.amount or row["coefficient"] != value:
                store.update("decision_recipient", row["id"], {"coefficient": value, "amount": result.amount},
                             summary="Tính tiền thưởng")
        store.update("decision", decision_id, {"regime_code": bonus.regime, "base_salary": bonus.base_salary},
                     summary="Ghi chế độ và mức lương cơ sở áp dụng")
    return Changes(decisions=True, ids={decision_id})


def issue_decision(ws: Workspace, decision_id: str, *, issued_at: str | None = None) -> Changes:
    """Mark an own decision as issued (read-only from now on, except through a logged correction)."""
    store = ws.store
    decision = get_decision(ws, decision_id)
    if decision["status"] == "issued":
        raise ValidationError("Quyết định này đã được ban hành.")
    if not decision["number"]:
        raise ValidationError("Hãy nhập số quyết định trước khi ban hành.", field="number")
    count = store.scalar("SELECT count(*) FROM decision_recipient WHERE decision_id = ?", [decision_id])
    if not count:
        raise ValidationError("Quyết định chưa có người/tập thể được khen thưởng.")
    with store.transaction():
        compute_bonuses(ws, decision_id)
        store.update("decision", decision_id, {"status": "issued", "issued_at": issued_at or store.clock()},
                     summary="Ban hành quyết định", action="issue")
    return Changes(decisions=True, ids={decision_id})


def list_decisions(ws: Workspace, year: int) -> list[dict[str, Any]]:
    return ws.store.query(
        """SELECT d.*, f.name AS form_name,
                  (SELECT count(*) FROM decision_recipient r WHERE r.decision_id = d.id) AS recipient_count,
                  (SELECT sum(r.amount) FROM decision_recipient r WHERE r.decision_id = d.id) AS total_amount
           FROM decision d LEFT JOIN award_form f ON f.code = d.form_code
           WHERE d.year = ? AND d.deleted_at IS NULL ORDER BY d.signed_on, d.number""", [year])


def decision_recipients(ws: Workspace, decision_id: str) -> list[dict[str, Any]]:
    return ws.store.query(
        """SELECT r.*, f.name AS form_name, f.short_name AS form_short_name
           FROM decision_recipient r JOIN award_form f ON f.code = r.form_code
           WHERE r.decision_id = ? ORDER BY r.sort_order, r.display_name""", [decision_id])


RECEIVED_LEVELS = ("tinh", "bo", "thu_tuong", "chu_tich_nuoc", "khac")
CORRECTABLE_FIELDS = ("number", "symbol", "signed_on", "title", "signer_id", "signer_name", "signer_position",
                      "legal_bases", "proposal_ref", "bonus_source", "notes", "execution_text", "recipients_text",
                      "achievement_period")


def default_legal_bases(catalog: Catalog, organisation: dict[str, Any] | None, on: date) -> list[str]:
    """The "Căn cứ …" lines of the regime in force on ``on``, with the province's regulation filled in."""
    regime = catalog.regime_for(on)
    if regime is None:
        return []
    regulation = (organisation or {}).get("provincial_regulation") or "Quy định về công tác thi đua, khen thưởng của tỉnh"
    return [line.replace("{quy_che_tinh}", regulation) for line in regime.legal_bases]


def update_decision(ws: Workspace, decision_id: str, *, achievement_period: ach.PeriodInput = None,
                    working_year: int | None = None, **fields: Any) -> Changes:
    """Edit a draft (or a received decision); an issued own decision needs :func:`correct_decision`. The
    achievement follows a new title when it was the old title's default; the lines that had it follow."""
    decision = get_decision(ws, decision_id)
    _ensure_editable(decision)
    current = _current_fields(decision)
    current.update(fields)
    values = _decision_values(ws.catalog(), **current)
    values.update(_next_achievement(ws, decision, values, achievement_period, working_year))
    with ws.store.transaction():
        ws.store.update("decision", decision_id, values, summary=f"Sửa quyết định {values['number']}/{values['symbol']}")
        ach.follow_lines(ws, decision, {**decision, **values})
    return Changes(decisions=True, ids={decision_id})


def _next_achievement(ws: Workspace, decision: dict[str, Any], values: dict[str, Any], given: ach.PeriodInput,
                      working_year: int | None) -> dict[str, int]:
    """The achievement after an edit: the one given; else the new title's default when the stored one was the
    old title's default; else the stored one (which must stay within the signing year)."""
    catalog = ws.catalog()
    signed = date.fromisoformat(values["signed_on"])
    stored = ach.stored_period(decision)
    was_default = stored == ach.guess(catalog, decision["title"], date.fromisoformat(decision["signed_on"]),
                                      decision["form_code"], working_year).period
    if given is None and not was_default:
        ach.check_within(stored, signed)
        return ach.columns(stored)
    return ach.columns(ach.decision_period(catalog, title=values["title"], signed=signed,
                                           form_code=values["form_code"], given=given, working_year=working_year))


def _current_fields(decision: dict[str, Any]) -> dict[str, Any]:
    keys = ("number", "symbol", "signed_on", "issuer_level", "issuer_name", "title", "kind", "form_code",
            "signer_id", "signer_name", "signer_position", "proposal_ref", "bonus_source", "notes",
            "execution_text", "recipients_text")
    fields = {k: decision[k] for k in keys}
    fields["legal_bases"] = json.loads(decision["legal_bases"])
    return fields


def correct_decision(ws: Workspace, decision_id: str, changes: dict[str, Any], reason: str
                     ) -> Changes:
    """Correct an issued decision (đính chính): only the listed fields, a reason is required, and the
    change is logged with action "correct" and the reason; bonuses are recomputed when the date moves."""
    store = ws.store
    catalog = ws.catalog()
    decision = get_decision(ws, decision_id)
    why = require_text(reason, "reason", "Lý do đính chính", max_length=1000)
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValidationError("Không đính chính được: " + ", ".join(sorted(unknown)) + ".")
    current = _current_fields(decision)
    given = changes.get("achievement_period")
    current.update({k: v for k, v in changes.items() if k != "achievement_period"})
    values = _decision_values(catalog, **current)
    values.update(_next_achievement(ws, decision, values, given, None))
    changed = {k: v for k, v in values.items() if decision.get(k) != v}
    if not changed:
        raise ValidationError("Không có nội dung nào thay đổi.")
    with store.transaction():
        store.update("decision", decision_id, changed, action="correct",
                     summary=f"Đính chính quyết định {decision['number']}/{decision['symbol']}: {why}")
        ach.follow_lines(ws, decision, {**decision, **values}, action="correct")
        if "signed_on" in changed and decision["is_own"]:
            compute_bonuses(ws, decision_id)
    return Changes(decisions=True, ids={decision_id})


def set_decision_texts(ws: Workspace, decision_id: str, *, execution_text: str, recipients: list[str],
                       reason: str = "") -> Changes:
    """Điều 3 and the Nơi nhận lines of one decision (empty: the office's default). A draft is simply edited;
    an issued own decision is corrected (đính chính), which needs a reason and is logged with it."""
    decision = get_decision(ws, decision_id)
    texts = {"execution_text": execution_text, "recipients_text": "\n".join(recipients)}
    if decision["status"] == "issued" and decision["is_own"]:
        return correct_decision(ws, decision_id, texts, reason)
    return update_decision(ws, decision_id, **texts)


def create_from_nominations(ws: Workspace, recipients: list[dict[str, Any]], **fields: Any
                            ) -> Created:
    """An own decision from approved nominations of one form. ``recipients``: one dict per nomination
    (``nomination_id`` plus optional ``position``/``is_manager`` overrides). The nominations move to
    "decided" and point to the decision; bonuses are computed. All or nothing."""
    store = ws.store
    if not recipients:
        raise ValidationError("Hãy chọn ít nhất một đề nghị để đưa vào quyết định.", field="recipients")
    nominations = [store.get("nomination", spec["nomination_id"]) for spec in recipients]
    if any(n is None or n["deleted_at"] for n in nominations):
        raise NotFoundError("Có đề nghị không còn tồn tại; hãy tải lại danh sách.")
    forms = {n["form_code"] for n in nominations if n}
    if len(forms) != 1:
        raise ValidationError("Một quyết định chỉ gồm các đề nghị của cùng một hình thức khen thưởng.",
                              field="recipients")
    form_code = forms.pop()
    for n in nominations:
        assert n is not None
        if n["status"] not in ("voted", "checked"):
            raise ValidationError("Chỉ đưa vào quyết định các đề nghị đã thẩm định hoặc đã bình xét.",
                                  field="recipients")
    fields = {**fields, "issuer_level": "don_vi", "form_code": form_code}
    fields.setdefault("kind", nominations[0]["kind"])  # type: ignore[index]
    with store.transaction():
        decision_id = create_decision(ws, **fields).id
        specs = []
        for spec, n in zip(recipients, nominations, strict=True):
            assert n is not None
            manager = spec.get("is_manager", n["is_manager"])
            specs.append({"subject": n["subject"], "person_id": n["person_id"], "unit_id": n["unit_id"],
                          "household_id": n["household_id"], "kind": n["kind"], "nomination_id": n["id"],
                          "position": spec.get("position", n["position"] or None),
                          "is_manager": None if manager is None else bool(manager),
                          "achievement": n["achievement"],
                          "achievement_period": spec.get("achievement_period") or nomination_period(n)})
        add_recipients(ws, decision_id, specs)
        for n in nominations:
            assert n is not None
            store.update("nomination", n["id"], {"status": "decided", "decision_id": decision_id},
                         summary="Đề nghị đã có quyết định khen thưởng")
        compute_bonuses(ws, decision_id)
    return Created(decision_id, Changes(decisions=True, nominations=True, ids={decision_id, *(r["nomination_id"] for r in recipients)}))


def nomination_period(nomination: dict[str, Any]) -> ach.AchievementPeriod:
    """The achievement a nomination proposes: its year, or the period ending in its year."""
    return ach.AchievementPeriod(nomination["achievement_first"] or nomination["year"], nomination["year"])


def record_received(ws: Workspace, recipients: list[dict[str, Any]], **fields: Any
                    ) -> Created:
    """Record a decision of a higher level (province, ministry, Prime Minister, President) with its
    recipients (dicts as for :func:`add_recipients`). All or nothing."""
    if fields.get("issuer_level") not in RECEIVED_LEVELS:
        raise ValidationError("Hãy chọn cấp ban hành quyết định (tỉnh, bộ, Thủ tướng, Chủ tịch nước…).",
                              field="issuer_level")
    if not recipients:
        raise ValidationError("Hãy thêm ít nhất một người hoặc tập thể được khen thưởng.", field="recipients")
    from emulation_desk.services.council.dossier import close_matching_dossiers

    with ws.store.transaction():
        decision_id = create_decision(ws, **fields).id
        add_recipients(ws, decision_id, recipients)
        closed = close_matching_dossiers(ws, decision_id)  # the dossiers sent up for it are decided
    return Created(decision_id, Changes(decisions=True, nominations=bool(closed), ids={decision_id, *closed}))


def remove_recipient(ws: Workspace, recipient_id: str) -> Changes:
    """Take a recipient out of a draft decision; its nomination goes back to "voted"."""
    store = ws.store
    row = store.get("decision_recipient", recipient_id)
    if row is None:
        raise NotFoundError("Không tìm thấy người/tập thể trong quyết định.")
    _ensure_editable(get_decision(ws, row["decision_id"]))
    with store.transaction():
        store.delete("decision_recipient", recipient_id, summary=f"Bỏ {row['display_name']} khỏi quyết định")
        if row["nomination_id"]:
            store.update("nomination", row["nomination_id"], {"status": "voted", "decision_id": None},
                         summary="Đề nghị được bỏ khỏi dự thảo quyết định")
    return Changes(decisions=True, nominations=True, ids={row["decision_id"]})


def decision_log(ws: Workspace, decision_id: str) -> list[dict[str, Any]]:
    """The audit entries of a decision (creation, issue, corrections), oldest first."""
    return ws.store.query("SELECT at, actor, action, summary FROM audit_log WHERE entity = 'decision' AND entity_id = ? "
                          "ORDER BY seq", [decision_id])
