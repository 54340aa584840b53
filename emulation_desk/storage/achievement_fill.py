"""Migration 0008's second half: the achievement year of existing decisions and their lines, read from each
decision's title (core.achievement) where the title says it, else the signing year (which the SQL half has
already written). Runs inside migration 0008's transaction; :func:`plan` is the preview (a test reads it)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from emulation_desk.core.achievement import (
    AchievementGuess,
    AchievementPeriod,
    achievement_from_title,
    title_span,
)


@dataclass(frozen=True)
class FillItem:
    """What the fill writes for one decision's lines of one form (``form_code`` "" for the decision row)."""

    decision_id: str
    form_code: str
    title: str
    signed_year: int
    guess: AchievementGuess

    @property
    def period(self) -> AchievementPeriod:
        """The guess, kept within the signing year (a title cannot reward a later year than it was signed)."""
        if self.guess.period.last > self.signed_year:
            return AchievementPeriod(min(self.guess.period.first, self.signed_year), self.signed_year)
        return self.guess.period


def plan(conn: sqlite3.Connection) -> Iterator[FillItem]:
    """For every decision, its own achievement and that of its lines per form (the span a form rewards by
    its nature widens a single year: CSTĐ cấp tỉnh covers three)."""
    families = dict(conn.execute("SELECT code, family FROM award_form"))
    decisions = conn.execute("SELECT id, title, year, form_code FROM decision ORDER BY signed_on, id").fetchall()
    forms: dict[str, list[str]] = {}
    for decision_id, form_code in conn.execute("SELECT DISTINCT decision_id, form_code FROM decision_recipient"):
        forms.setdefault(decision_id, []).append(form_code)
    for decision_id, title, year, form_code in decisions:
        span = title_span(families.get(form_code or "", "") or "")
        yield FillItem(decision_id, "", title, year, achievement_from_title(title, year, span=span))
        for code in sorted(forms.get(decision_id, [])):
            guess = achievement_from_title(title, year, span=title_span(families.get(code, "") or ""))
            yield FillItem(decision_id, code, title, year, guess)


def apply(conn: sqlite3.Connection) -> int:
    """Write the plan; returns the number of rows whose achievement differs from the signing year."""
    changed = 0
    for item in plan(conn):
        period = item.period
        if period == AchievementPeriod(item.signed_year, item.signed_year):
            continue
        if item.form_code:
            cursor = conn.execute("UPDATE decision_recipient SET achievement_first = ?, achievement_last = ? "
                                  "WHERE decision_id = ? AND form_code = ?",
                                  [period.first, period.last, item.decision_id, item.form_code])
        else:
            cursor = conn.execute("UPDATE decision SET achievement_first = ?, achievement_last = ? WHERE id = ?",
                                  [period.first, period.last, item.decision_id])
        changed += cursor.rowcount
    return changed
