"""Nominations (đề nghị khen thưởng): proposals of the year, their status and vote counts."""

from __future__ import annotations

from typing import Any

from emulation_desk.core.text import nfc
from emulation_desk.errors import NotFoundError, ValidationError
from emulation_desk.services.awards.achievement import PeriodInput, nomination_first
from emulation_desk.services.common import Changes, Created, require_form_for_subject, require_year
from emulation_desk.services.workspace import Workspace

STATUS_LABELS = {
    "draft": "Đang soạn",
    "submitted": "Đã nộp",
    "checked": "Đã thẩm định",
    "voted": "Đã bình xét",
    "decided": "Đã có quyết định",
    "rejected": "Không được đề nghị",
    "forwarded": "Đã trình cấp trên",
}
# Moves a clerk can make by hand; "decided" is set when a decision is created from the nomination.
ALLOWED_MOVES = {
    "draft": {"submitted", "rejected"},
    "submitted": {"draft", "checked", "rejected"},
    "checked": {"submitted", "voted", "rejected", "forwarded"},
    "voted": {"checked", "decided", "rejected", "forwarded"},
    "forwarded": {"voted", "decided", "rejected"},
    "rejected": {"draft", "submitted", "checked"},
    "decided": set(),
}


def add_nomination(ws: Workspace, *, year: Any, form_code: str, kind: str, subject: str,
                   person_id: str | None = None, unit_id: str | None = None, household_id: str | None = None,
                   proposing_unit_id: str | None = None, position: str = "", is_manager: bool | None = None,
                   achievement: str = "", initiative_id: str | None = None, status: str = "draft",
                   submitted_on: str | None = None, notes: str = "",
                   achievement_period: PeriodInput = None) -> Created:
    """Create a nomination after checking that the form suits the nominee's kind of subject.
    ``achievement_period`` ("2023", "2022-2023"): the year or the period ending in ``year`` it proposes; empty:
    the nomination's year (as the import has it). A nomination of an individual that gives a position but no
    management flag gets the flag the dictionary of positions proposes for it (None when the dictionary does not
    know the position), as the form and the import do."""
    catalog = ws.catalog()
    if subject == "ca_nhan" and is_manager is None and (position or "").strip():
        from emulation_desk.services.records.positions import propose

        is_manager = propose(ws, position).is_manager
    form = require_form_for_subject(catalog, form_code, subject)
    catalog.kind(kind)
    if status not in STATUS_LABELS:
        raise ValidationError("Trạng thái không hợp lệ.", field="status")
    year = require_year(year)
    values = {
        "year": year, "achievement_first": nomination_first(year, achievement_period, catalog, form_code),
        "form_code": form_code,
        "kind": kind, "subject": subject,
        "person_id": person_id if subject == "ca_nhan" else None,
        "unit_id": unit_id if subject == "tap_the" else None,
        "household_id": household_id if subject == "ho_gia_dinh" else None,
        "proposing_unit_id": proposing_unit_id, "position": nfc(position),
        "is_manager": None if is_manager is None else int(is_manager), "achievement": nfc(achievement),
        "initiative_id": initiative_id, "status": status, "submitted_on": submitted_on, "notes": nfc(notes),
    }
    nominee = {"ca_nhan": values["person_id"], "tap_the": values["unit_id"], "ho_gia_dinh": values["household_id"]}
    if not nominee[subject]:
        raise ValidationError("Hãy chọn người, tập thể hoặc hộ gia đình được đề nghị.", field="nominee")
    with ws.store.transaction():
        nomination_id = ws.store.insert("nomination", values, summary=f"Thêm đề nghị {form.short_name} năm {values['year']}")
    return Created(nomination_id, Changes(nominations=True, ids={nomination_id}))


def get_nomination(ws: Workspace, nomination_id: str) -> dict[str, Any]:
    row = ws.store.get("nomination", nomination_id)
    if row is None or row["deleted_at"]:
        raise NotFoundError("Không tìm thấy đề nghị khen thưởng.")
    return row


def set_status(ws: Workspace, nomination_ids: list[str], status: str) -> Changes:
    """Change the status of several nominations at once (all or none)."""
    store = ws.store
    if status not in STATUS_LABELS:
        raise ValidationError("Trạng thái không hợp lệ.", field="status")
    if len(nomination_ids) > 1 and not store.conn.in_transaction:
        from emulation_desk.services.maintenance.backup import backup_before

        backup_before(ws, "bulk")  # a checked copy before a bulk change
    with store.transaction():
        for nomination_id in nomination_ids:
            row = get_nomination(ws, nomination_id)
            if row["status"] == status:
                continue
            if status not in ALLOWED_MOVES[row["status"]]:
                raise ValidationError(
                    f"Không thể chuyển đề nghị từ “{STATUS_LABELS[row['status']]}” sang “{STATUS_LABELS[status]}”.")
            store.update("nomination", nomination_id, {"status": status},
                         summary=f"Chuyển trạng thái sang {STATUS_LABELS[status]}")
    return Changes(nominations=True, ids=set(nomination_ids))


# The nominee of a nomination ``n`` — a person ``p``, a collective ``u`` or a household ``h`` — and its name:
# the one join every query that names nominees uses (joins on these aliases may follow it).
NOMINEE_JOINS = """LEFT JOIN person p ON p.id = n.person_id
LEFT JOIN unit u ON u.id = n.unit_id
LEFT JOIN household h ON h.id = n.household_id"""
NOMINEE_NAME = "coalesce(p.full_name, u.name, h.head_name)"

LIST_COLUMNS = ("id", "year", "achievement_first", "form_code", "kind", "subject", "person_id", "unit_id",
                "household_id",
                "proposing_unit_id", "position", "is_manager", "achievement", "status", "decision_id")


def list_nominations(ws: Workspace, year: int, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Nominations of a year with nominee name, unit and form for display (the columns a list needs);
    ``limit``: only the first ones, in the same order (a window shows them while it reads the rest)."""
    columns = ", ".join(f"n.{c}" for c in LIST_COLUMNS)
    return ws.store.query(
        f"""SELECT {columns}, f.name AS form_name, f.short_name AS form_short_name, k.name AS kind_name,
                  {NOMINEE_NAME} AS nominee_name,
                  coalesce(pu.name, '') AS proposing_unit_name,
                  coalesce(pun.name, '') AS person_unit_name, p.birth_year AS birth_year,
                  p.is_manager AS person_is_manager
           FROM nomination n
           JOIN award_form f ON f.code = n.form_code
           JOIN award_kind k ON k.code = n.kind
           {NOMINEE_JOINS}
           LEFT JOIN unit pun ON pun.id = p.unit_id
           LEFT JOIN unit pu ON pu.id = n.proposing_unit_id
           WHERE n.year = ? AND n.deleted_at IS NULL{" LIMIT ?" if limit is not None else ""}""",
        [year] if limit is None else [year, limit], shared=SHARED_LIST_COLUMNS)


SHARED_LIST_COLUMNS = ("year", "form_code", "kind", "subject", "status", "position", "proposing_unit_id", "unit_id",
                       "decision_id", "achievement", "form_name", "form_short_name", "kind_name",
                       "proposing_unit_name", "person_unit_name")


EDITABLE_FIELDS = ("form_code", "kind", "proposing_unit_id", "position", "is_manager", "achievement", "notes",
                   "submitted_on", "achievement_period")


def update_nomination(ws: Workspace, nomination_id: str, **fields: Any) -> Changes:
    """Edit a nomination that has no decision yet (form, kind, proposing unit, position, achievement…);
    ``achievement_period`` is its achievement year or period (empty: its year)."""
    catalog = ws.catalog()
    row = get_nomination(ws, nomination_id)
    if row["status"] == "decided":
        raise ValidationError("Đề nghị đã có quyết định khen thưởng nên không sửa được.")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError("Không sửa được: " + ", ".join(sorted(unknown)) + ".")
    values = dict(fields)
    if "form_code" in values:
        form = catalog.form(values["form_code"])
        if row["subject"] not in form.subjects:
            raise ValidationError(f"Hình thức “{form.name}” không dùng cho đối tượng này.", field="form_code")
    if "kind" in values:
        catalog.kind(values["kind"])
    for key in ("position", "achievement", "notes"):
        if key in values:
            values[key] = nfc(values[key] or "")
    if "is_manager" in values and values["is_manager"] is not None:
        values["is_manager"] = int(bool(values["is_manager"]))
    if "achievement_period" in values:
        values["achievement_first"] = nomination_first(row["year"], values.pop("achievement_period"), catalog,
                                                       values.get("form_code", row["form_code"]))
    with ws.store.transaction():
        ws.store.update("nomination", nomination_id, values, summary="Sửa đề nghị khen thưởng")
    return Changes(nominations=True, ids={nomination_id})


def duplicate_warnings(ws: Workspace, year: int, rows: list[dict[str, Any]] | None = None) -> dict[str, str]:
    """Nominations that look doubled: the same nominee proposed twice for the same form in a year, or
    already awarded that form in a decision of the year that did not come from this nomination.
    ``rows`` (from :func:`list_nominations`) saves reading the year's nominations again."""
    rows = list_nominations(ws, year) if rows is None else rows
    warnings: dict[str, str] = {}
    groups: dict[tuple[Any, str], list[dict[str, Any]]] = {}
    for row in rows:
        if row["status"] != "rejected":
            nominee = row["person_id"] or row["unit_id"] or row["household_id"]
            groups.setdefault((nominee, row["form_code"]), []).append(row)
    for group in groups.values():
        if len(group) > 1:
            for row in group:
                warnings[row["id"]] = f"Trùng: có {len(group)} đề nghị “{row['form_short_name']}” cho cùng đối tượng."
    pending = [r for r in rows if r["status"] not in ("rejected", "decided")]
    for subject_key in ("person_id", "unit_id", "household_id"):
        ids = sorted({r[subject_key] for r in pending if r[subject_key]})
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            awarded = ws.store.query(
                f"""SELECT r.{subject_key} AS nominee, r.form_code, r.nomination_id, d.number, d.symbol
                    FROM decision_recipient r JOIN decision d ON d.id = r.decision_id
                    WHERE r.{subject_key} IN ({marks}) AND d.year = ? AND d.deleted_at IS NULL""", [*chunk, year])
            found = {(a["nominee"], a["form_code"]): a for a in awarded}
            for row in pending:
                hit = found.get((row[subject_key], row["form_code"]))
                if hit is not None and hit["nomination_id"] != row["id"]:
                    warnings.setdefault(row["id"], f"Đã được khen “{row['form_short_name']}” theo Quyết định số "
                                                   f"{hit['number']}/{hit['symbol']}.")
    return warnings


def approved_nominations(ws: Workspace, year: int, form_code: str | None = None) -> list[dict[str, Any]]:
    """Nominations ready for a decision ("voted" or "checked"), optionally of one form."""
    rows = [r for r in list_nominations(ws, year) if r["status"] in ("voted", "checked")]
    return [r for r in rows if form_code is None or r["form_code"] == form_code]


def set_statuses(ws: Workspace, groups: dict[str, list[str]]) -> Changes:
    """Several status changes at once ({status: ids}), all or none — e.g. undoing a bulk change."""
    changes = Changes(nominations=True)
    with ws.store.transaction():
        for status, ids in groups.items():
            changes.merge(set_status(ws, ids, status))
    return changes
