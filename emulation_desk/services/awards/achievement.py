"""Achievement years of decisions and their lines (issue 14): what a decision and each recipient line
reward, kept apart from the decision's date. A decision's default is the year its title names ("… năm 2023",
"giai đoạn 2016-2020"), then the working year (never after the signing year); each line takes its decision's,
widened for a title that rewards several years by its nature (CSTĐ cấp tỉnh: three), unless the clerk sets
its own. The regime and the base salary still follow the decision date."""

from __future__ import annotations

from datetime import date
from typing import Any

from emulation_desk.core.achievement import (
    YEARLY_TITLE_FAMILIES,
    AchievementGuess,
    AchievementPeriod,
    achievement_from_title,
    parse_period,
    title_span,
)
from emulation_desk.core.catalog import Catalog
from emulation_desk.errors import NotFoundError, ValidationError
from emulation_desk.services.common import Changes, require_text
from emulation_desk.services.workspace import Workspace

PeriodInput = AchievementPeriod | str | int | None


def as_period(value: PeriodInput, field_name: str = "achievement_period") -> AchievementPeriod | None:
    """What the clerk gave ("2023", "2022-2023", 2023 or a period); None when empty. ValidationError
    (Vietnamese) for what cannot be read."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, AchievementPeriod):
        return value
    try:
        return parse_period(str(value))
    except ValueError as exc:
        raise ValidationError(str(exc), field=field_name) from None


def _span(catalog: Catalog, form_code: str | None) -> int:
    return title_span(catalog.form(form_code).family or "") if form_code else 1


def guess(catalog: Catalog, title: str, signed: date, form_code: str | None = None,
          working_year: int | None = None) -> AchievementGuess:
    """The default of a decision: the title's year or period, else the working year (kept within the
    signing year), else the signing year."""
    fallback = min(working_year, signed.year) if working_year else signed.year
    found = achievement_from_title(title, fallback, span=_span(catalog, form_code))
    if found.period.last > signed.year:  # a title naming a later year than the signature is not believed
        return achievement_from_title("", fallback, span=_span(catalog, form_code))
    return found


def check_within(period: AchievementPeriod, signed: date, field_name: str = "achievement_period") -> None:
    if period.last > signed.year:
        raise ValidationError(f"Năm thành tích {period.compact()} sau năm ký quyết định ({signed.year}): "
                              "thành tích phải đạt được trước khi khen. Hãy sửa năm thành tích hoặc ngày ký.",
                              field=field_name)


def nomination_first(year: int, value: PeriodInput, catalog: Catalog | None = None,
                     form_code: str | None = None) -> int | None:
    """A nomination's ``achievement_first`` for what the clerk gave (the form, the command line): None for its
    own year alone or nothing given (the default, as the import has it), else the first year of a period that
    ends in the nomination's year ("2022-2023" on a nomination of 2023). ValidationError (Vietnamese) for a
    year or period that does not end in its year: a nomination of year Y proposes the achievement of Y."""
    period = as_period(value)
    if period is None:
        return None
    if period.last != year:
        raise ValidationError(
            f"Năm thành tích {period.compact()} không kết thúc vào năm của đề nghị ({year}): hãy ghi {year} hoặc "
            f"một giai đoạn đến {year} (ví dụ {year - 1}-{year}); thành tích năm {period.last} hãy ghi thành đề "
            f"nghị của năm {period.last}.",
            field="achievement_period")
    form = catalog.form(form_code) if catalog is not None and form_code else None
    if form is not None and not period.single and form.family in YEARLY_TITLE_FAMILIES:
        raise ValidationError(
            f"Danh hiệu “{form.short_name}” xét tặng hằng năm (Luật Thi đua, khen thưởng 2022, Điều 22–28): năm "
            f"thành tích là một năm ({year}), không phải giai đoạn {period.compact()}.", field="achievement_period")
    return None if period.single else period.first


def nomination_text(row: dict[str, Any]) -> str:
    """What a form shows for a nomination's achievement: "2023" or "2022-2023"."""
    first = row.get("achievement_first")
    return str(row["year"]) if first is None or first == row["year"] else f"{first}-{row['year']}"


def line_period(value: PeriodInput, signed: date, who: str = "", field_name: str = "recipients"
                ) -> AchievementPeriod | None:
    """A recipient line's own achievement as the clerk typed it (None when empty: the decision's), checked
    against the signing date; the message names the line (``who``) so that a list of lines can be fixed."""
    try:
        period = as_period(value)
        if period is not None:
            check_within(period, signed)
    except ValidationError as exc:
        raise ValidationError(f"{who}: {exc.message}" if who else exc.message, field=field_name) from None
    return period


def period_text(period: AchievementPeriod) -> str:
    """The achievement as a form's field shows it ("2023", "2022-2023": what :func:`parse_period` reads)."""
    return str(period.last) if period.single else f"{period.first}-{period.last}"


def decision_period(catalog: Catalog, *, title: str, signed: date, form_code: str | None,
                    given: PeriodInput = None, working_year: int | None = None) -> AchievementPeriod:
    """The decision's achievement: the one given, else the default (:func:`guess`)."""
    period = as_period(given) or guess(catalog, title, signed, form_code, working_year).period
    check_within(period, signed)
    return period


def stored_period(row: dict[str, Any], fallback_year: int | None = None) -> AchievementPeriod:
    """The achievement of a decision or line row (``fallback_year``, else the row's year, for a row without
    one)."""
    if row["achievement_last"] is None:
        year = fallback_year or row["year"]
        return AchievementPeriod(year, year)
    return AchievementPeriod(row["achievement_first"], row["achievement_last"])


def line_default(catalog: Catalog, decision: dict[str, Any], form_code: str) -> AchievementPeriod:
    """A line's achievement when the clerk gives none: its decision's, widened backwards for a form that
    rewards several years by its nature when the decision's form does not."""
    period = stored_period(decision)
    span = _span(catalog, form_code)
    if period.single and span > 1 and _span(catalog, decision["form_code"]) == 1:
        return AchievementPeriod(max(period.last - span + 1, 1945), period.last)
    return period


def columns(period: AchievementPeriod) -> dict[str, int]:
    return {"achievement_first": period.first, "achievement_last": period.last}


def _decision(ws: Workspace, decision_id: str) -> dict[str, Any]:
    row = ws.store.get("decision", decision_id)
    if row is None or row["deleted_at"]:
        raise NotFoundError("Không tìm thấy quyết định.")
    return row


def _write_kind(decision: dict[str, Any], reason: str) -> tuple[str, str]:
    """("update", "") for a draft or a received decision; ("correct", reason) for an issued own one."""
    if decision["status"] == "issued" and decision["is_own"]:
        why = require_text(reason, "reason", "Lý do đính chính", max_length=1000)
        return "correct", f": {why}"
    return "update", ""


def set_line_achievement(ws: Workspace, recipient_id: str, value: PeriodInput, *, reason: str = "") -> Changes:
    """One line's achievement (None or "": back to its decision's). An issued own decision is corrected
    (đính chính) with a logged reason."""
    store = ws.store
    line = store.get("decision_recipient", recipient_id)
    if line is None:
        raise NotFoundError("Không tìm thấy người/tập thể trong quyết định.")
    decision = _decision(ws, line["decision_id"])
    period = as_period(value) or line_default(ws.catalog(), decision, line["form_code"])
    check_within(period, date.fromisoformat(decision["signed_on"]))
    if stored_period(line, decision["year"]) == period:
        return Changes()
    action, why = _write_kind(decision, reason)
    with store.transaction():
        store.update("decision_recipient", recipient_id, columns(period), action=action,
                     summary=f"Năm thành tích của {line['display_name']}: {period.compact()}{why}")
    return Changes(decisions=True, ids={decision["id"]})


def set_decision_achievement(ws: Workspace, decision_id: str, value: PeriodInput, *, reason: str = "",
                             working_year: int | None = None) -> Changes:
    """A decision's achievement (None: its default again); the lines that had the decision's old one follow
    (a line the clerk set apart keeps its own). An issued own decision is corrected with a logged reason."""
    store = ws.store
    catalog = ws.catalog()
    decision = _decision(ws, decision_id)
    signed = date.fromisoformat(decision["signed_on"])
    period = decision_period(catalog, title=decision["title"], signed=signed, form_code=decision["form_code"],
                             given=value, working_year=working_year)
    old = stored_period(decision)
    if old == period:
        return Changes()
    action, why = _write_kind(decision, reason)
    number = f"{decision['number']}/{decision['symbol']}" if decision["symbol"] else decision["number"]
    with store.transaction():
        store.update("decision", decision_id, columns(period), action=action,
                     summary=f"Năm thành tích của quyết định {number}: {period.compact()}{why}")
        follow_lines(ws, decision, {**decision, **columns(period)}, action=action)
    return Changes(decisions=True, ids={decision_id})


def follow_lines(ws: Workspace, before: dict[str, Any], after: dict[str, Any], *, action: str = "update") -> None:
    """Move the lines that had the decision's old default to its new one (inside the caller's transaction)."""
    catalog = ws.catalog()
    for line in ws.store.query("SELECT id, form_code, display_name, achievement_first, achievement_last "
                               "FROM decision_recipient WHERE decision_id = ?", [before["id"]]):
        current = stored_period(line, before["year"])
        if line["achievement_last"] is not None and current != line_default(catalog, before, line["form_code"]):
            continue  # set apart by the clerk
        new = line_default(catalog, after, line["form_code"])
        if line["achievement_last"] is None or current != new:
            ws.store.update("decision_recipient", line["id"], columns(new), action=action,
                            summary=f"Năm thành tích của {line['display_name']}: {new.compact()}")
