"""A person's record of facts (Hồ sơ): per year the rating and a pending investigation, the initiatives with
their recognised scope, the disciplines, the recruitment date — what the eligibility rules read.

:func:`person_facts` reads the whole record; :func:`save_person_facts` writes a whole record back (the Hồ sơ
dialog's Save, and its undo: saving the record read before the edit puts everything back, initiatives and
disciplines under their old keys); :func:`set_person_facts` changes a few facts of one year (the command line,
the import).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from emulation_desk.core.rules.facts import RATING_LABELS, SCOPE_LABELS
from emulation_desk.core.text import format_date, nfc
from emulation_desk.errors import ValidationError
from emulation_desk.exchange.fact_cells import rating_code, scope_code
from emulation_desk.services.common import Changes, optional_date, require_text, require_year
from emulation_desk.services.records.people import get_person
from emulation_desk.services.workspace import Workspace

KEEP: Any = object()  # "leave this fact as it is"

RATING_CHOICES = tuple(RATING_LABELS.items())
SCOPE_CHOICES = (("co_so", "Cấp cơ sở"), ("tinh", "Cấp tỉnh, bộ, ngành"), ("toan_quoc", "Toàn quốc"))


def parse_rating(value: object) -> str | None:
    """The rating code of a text ("Hoàn thành xuất sắc nhiệm vụ", "HTXSNV", "Tốt"…); None for an empty text;
    ValidationError for a text that names no rating."""
    try:
        return rating_code(value)
    except ValueError as exc:
        raise ValidationError(str(exc), field="rating") from None


def parse_scope(value: object) -> str:
    """The recognised scope of an initiative ("cấp cơ sở", "cấp tỉnh", "toàn quốc"); cơ sở when empty."""
    try:
        return scope_code(value)
    except ValueError as exc:
        raise ValidationError(str(exc), field="scope") from None


@dataclass(frozen=True)
class PersonYear:
    year: int
    rating: str | None = None
    under_investigation: bool = False

    @property
    def rating_label(self) -> str:
        return RATING_LABELS.get(self.rating or "", "")


@dataclass(frozen=True)
class InitiativeItem:
    year: int
    title: str
    scope: str = "co_so"
    recognised_ref: str = ""  # the decision recognising it ("QĐ số 15/QĐ-HĐSK ngày 10/11/2024")
    used_by_recipient_id: str | None = None  # the award it already served (it counts once)
    id: str = ""  # "" for a new one
    used_by: str = ""  # that award, described (read only)

    @property
    def scope_label(self) -> str:
        return SCOPE_LABELS.get(self.scope, self.scope)


@dataclass(frozen=True)
class DisciplineItem:
    form: str
    start: date
    end: date | None = None
    notes: str = ""
    id: str = ""

    def period(self) -> str:
        return f"{format_date(self.start)} – {format_date(self.end)}" if self.end else f"từ {format_date(self.start)}"


@dataclass(frozen=True)
class PersonFacts:
    person_id: str
    full_name: str
    recruited_on: date | None = None
    years: tuple[PersonYear, ...] = ()
    initiatives: tuple[InitiativeItem, ...] = ()
    disciplines: tuple[DisciplineItem, ...] = ()
    awards: tuple[dict[str, Any], ...] = field(default=(), compare=False)  # recipient lines, for "used by"

    def year(self, year: int) -> PersonYear:
        return next((y for y in self.years if y.year == year), PersonYear(year))

    def to_json(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id, "full_name": self.full_name,
            "recruited_on": self.recruited_on.isoformat() if self.recruited_on else None,
            "years": [{"year": y.year, "rating": y.rating, "rating_label": y.rating_label,
                       "under_investigation": y.under_investigation} for y in self.years],
            "initiatives": [{"id": i.id, "year": i.year, "title": i.title, "scope": i.scope,
                             "recognised_ref": i.recognised_ref, "used_by_recipient_id": i.used_by_recipient_id,
                             "used_by": i.used_by} for i in self.initiatives],
            "disciplines": [{"id": d.id, "form": d.form, "start": d.start.isoformat(),
                             "end": d.end.isoformat() if d.end else None, "notes": d.notes}
                            for d in self.disciplines],
        }


def _award_lines(ws: Workspace, person_id: str) -> list[dict[str, Any]]:
    rows = ws.store.query(
        """SELECT r.id, d.year, d.number, d.symbol, d.signed_on, f.name AS form_name
           FROM decision_recipient r JOIN decision d ON d.id = r.decision_id JOIN award_form f ON f.code = r.form_code
           WHERE r.person_id = ? AND d.deleted_at IS NULL ORDER BY d.signed_on DESC""", [person_id])
    for r in rows:
        number = f"{r['number']}/{r['symbol']}" if r["symbol"] else (r["number"] or "chưa có số")
        r["label"] = f"{r['form_name']} năm {r['year']} (QĐ số {number})"
    return rows


def person_facts(ws: Workspace, person_id: str) -> PersonFacts:
    """The person's whole record of facts, years in order, newest initiative first."""
    person = get_person(ws, person_id)
    store = ws.store
    years = tuple(PersonYear(r["year"], r["rating"], bool(r["under_investigation"])) for r in store.query(
        "SELECT year, rating, under_investigation FROM person_year WHERE person_id = ? "
        "AND (rating IS NOT NULL OR under_investigation = 1) ORDER BY year", [person_id]))
    awards = _award_lines(ws, person_id)
    labels = {a["id"]: a["label"] for a in awards}
    initiatives = tuple(
        InitiativeItem(r["year"], r["title"], r["scope"], r["recognised_ref"], r["used_by_recipient_id"], r["id"],
                       labels.get(r["used_by_recipient_id"] or "", ""))
        for r in store.query("SELECT * FROM initiative WHERE person_id = ? ORDER BY year DESC, title", [person_id]))
    disciplines = tuple(
        DisciplineItem(r["form"], date.fromisoformat(r["start_date"]),
                       date.fromisoformat(r["end_date"]) if r["end_date"] else None, r["notes"], r["id"])
        for r in store.query("SELECT * FROM discipline WHERE person_id = ? ORDER BY start_date DESC", [person_id]))
    recruited = date.fromisoformat(person["recruited_on"]) if person["recruited_on"] else None
    return PersonFacts(person_id, person["full_name"], recruited, years, initiatives, disciplines, tuple(awards))


# ------------------------------------------------------------------------------------------------ checking


def initiative_item(year: object, title: object, scope: object = "co_so", recognised_ref: object = "", *,
                    used_by_recipient_id: str | None = None, id: str = "") -> InitiativeItem:
    """A checked initiative from what the clerk typed (scope as a code or in words)."""
    scope_code = scope if scope in SCOPE_LABELS else parse_scope(scope)
    return InitiativeItem(require_year(year, "year", "Năm của sáng kiến"),
                          require_text(title, "title", "Tên sáng kiến", max_length=1000), scope_code,
                          require_text(recognised_ref, "recognised_ref", "Quyết định công nhận", required=False,
                                       max_length=300), used_by_recipient_id or None, id)


def discipline_item(form: object, start: object, end: object = None, notes: object = "", *, id: str = ""
                    ) -> DisciplineItem:
    """A checked discipline: its form, from (required) and to (empty while it runs)."""
    begin = optional_date(start, "start", "Ngày bắt đầu kỷ luật")
    if begin is None:
        raise ValidationError("Hãy ghi ngày bắt đầu kỷ luật (ngày quyết định kỷ luật có hiệu lực).", field="start")
    finish = optional_date(end, "end", "Ngày kết thúc kỷ luật")
    if finish is not None and finish < begin:
        raise ValidationError("Ngày kết thúc kỷ luật phải sau ngày bắt đầu.", field="end")
    return DisciplineItem(require_text(form, "form", "Hình thức kỷ luật", max_length=100), begin, finish,
                          nfc(str(notes or "")), id)


def _check(facts: PersonFacts) -> None:
    seen: set[int] = set()
    for y in facts.years:
        require_year(y.year)
        if y.year in seen:
            raise ValidationError(f"Năm {y.year} được ghi hai lần trong hồ sơ; hãy giữ một dòng.", field="year")
        seen.add(y.year)
        if y.rating not in (None, *RATING_LABELS):
            raise ValidationError("Xếp loại không hợp lệ.", field="rating")
    own = {a["id"] for a in facts.awards}
    for item in facts.initiatives:
        if item.used_by_recipient_id and item.used_by_recipient_id not in own:
            raise ValidationError(f"Sáng kiến «{item.title}» được ghi là đã dùng cho một khen thưởng không phải của "
                                  "người này.", field="used_by")


# ------------------------------------------------------------------------------------------------ writing


def _write_years(ws: Workspace, facts: PersonFacts) -> None:
    store = ws.store
    existing = {r["year"]: r for r in store.query("SELECT id, year, rating, under_investigation FROM person_year "
                                                  "WHERE person_id = ?", [facts.person_id])}
    wanted = {y.year: y for y in facts.years}
    for year, row in existing.items():
        y = wanted.get(year, PersonYear(year))
        values = {"rating": y.rating, "under_investigation": int(y.under_investigation)}
        if (row["rating"], row["under_investigation"]) != (values["rating"], values["under_investigation"]):
            store.update("person_year", row["id"], values, summary=f"Sửa xếp loại, xem xét kỷ luật năm {year} của "
                         f"{facts.full_name}")
    for year, y in wanted.items():
        if year not in existing and (y.rating or y.under_investigation):
            store.insert("person_year", {"person_id": facts.person_id, "year": year, "rating": y.rating,
                                         "under_investigation": int(y.under_investigation)},
                         summary=f"Ghi xếp loại năm {year} của {facts.full_name}")


def _sync(ws: Workspace, table: str, person_id: str, rows: Iterable[tuple[str, dict[str, Any]]], what: str,
          name: str) -> None:
    """Make the person's rows of ``table`` the given ones: update by key, insert the new (an old key is kept, so
    an undo puts a deleted row back as it was), delete the others."""
    store = ws.store
    current = {r["id"]: r for r in store.query(f"SELECT * FROM [{table}] WHERE person_id = ?", [person_id])}
    keep: set[str] = set()
    for key, values in rows:
        values = {**values, "person_id": person_id}
        if key and key in current:
            keep.add(key)
            if any(current[key].get(k) != v for k, v in values.items()):
                store.update(table, key, values, summary=f"Sửa {what} của {name}")
        else:
            keep.add(store.insert(table, {**values, **({"id": key} if key else {})}, summary=f"Thêm {what} của {name}"))
    for key, row in current.items():
        if key not in keep:
            if table == "initiative" and store.scalar("SELECT EXISTS(SELECT 1 FROM nomination WHERE initiative_id = ?)",
                                                      [key]):
                raise ValidationError(f"Sáng kiến «{row['title']}» đang được nêu trong một đề nghị khen thưởng nên "
                                      "không xóa được. Hãy sửa đề nghị đó trước.")
            store.delete(table, key, summary=f"Xóa {what} của {name}")


def save_person_facts(ws: Workspace, facts: PersonFacts) -> Changes:
    """Write the person's whole record of facts as given (all or nothing, each change audited)."""
    person = get_person(ws, facts.person_id)
    facts = replace(facts, awards=tuple(_award_lines(ws, facts.person_id)))
    _check(facts)
    name = person["full_name"]
    with ws.store.transaction():
        recruited = facts.recruited_on.isoformat() if facts.recruited_on else None
        if person["recruited_on"] != recruited:
            ws.store.update("person", facts.person_id, {"recruited_on": recruited},
                            summary=f"Sửa ngày tuyển dụng của {name}")
        _write_years(ws, facts)
        _sync(ws, "initiative", facts.person_id, (
            (i.id, {"year": i.year, "title": i.title, "scope": i.scope, "recognised_ref": i.recognised_ref,
                    "used_by_recipient_id": i.used_by_recipient_id}) for i in facts.initiatives), "sáng kiến", name)
        _sync(ws, "discipline", facts.person_id, (
            (d.id, {"form": d.form, "start_date": d.start.isoformat(),
                    "end_date": d.end.isoformat() if d.end else None, "notes": d.notes}) for d in facts.disciplines),
            "kỷ luật", name)
    return Changes(people=True, nominations=True, ids={facts.person_id})


def set_person_facts(ws: Workspace, person_id: str, year: int, *, rating: Any = KEEP,
                     under_investigation: Any = KEEP, recruited_on: Any = KEEP,
                     initiatives: Iterable[InitiativeItem] = (), disciplines: Iterable[DisciplineItem] = ()
                     ) -> Changes:
    """Change some facts of ``year`` (a rating as a code or in words; None clears it), the recruitment date, and
    add initiatives and disciplines; what is not given stays as it was."""
    facts = person_facts(ws, person_id)
    current = facts.year(require_year(year))
    new_year = PersonYear(
        current.year,
        current.rating if rating is KEEP else (rating if rating in RATING_LABELS else parse_rating(rating)),
        current.under_investigation if under_investigation is KEEP else bool(under_investigation))
    years = (*tuple(y for y in facts.years if y.year != current.year), new_year)
    recruited = facts.recruited_on if recruited_on is KEEP else optional_date(recruited_on, "recruited_on",
                                                                              "Ngày tuyển dụng")
    return save_person_facts(ws, replace(facts, recruited_on=recruited, years=years,
                                         initiatives=facts.initiatives + tuple(initiatives),
                                         disciplines=facts.disciplines + tuple(disciplines)))

