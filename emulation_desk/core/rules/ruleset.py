"""A regime's rule set: the rules of each award form, the general checks, the chains to plan for."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from emulation_desk.core.catalog import Catalog
from emulation_desk.core.rules.common import Rule, RuleContext
from emulation_desk.core.rules.facts import NominationFacts
from emulation_desk.core.rules.verdict import Check, noted

R = TypeVar("R", bound=Callable[..., object])


def reads_years(back: int) -> Callable[[R], R]:
    """Declare what a rule reads of the subject's history: only the years of the achievement proposed and the
    ``back`` years before them (its awards, ratings, initiatives, disciplines, investigations, collective facts),
    besides the nomination's own award and the recruitment date. The engine then judges equal cases once
    (:class:`~emulation_desk.core.rules.engine.CaseJudge`). A rule that is not marked is taken to read the whole
    history, which is always right, only slower. A rule that reads its nomination's name, unit or ids (other
    than a collective's name when it is dissolved, and the unit of the CSTĐCS quota) must not be marked without
    adding them to the case's key."""

    def mark(rule: R) -> R:
        rule.years_back = back  # type: ignore[attr-defined]
        return rule

    return mark


def years_back_of(rule: Callable[..., object]) -> int | None:
    """What :func:`reads_years` declared for ``rule`` (None: the whole history)."""
    return getattr(rule, "years_back", None)


@dataclass(frozen=True)
class ChainTarget:
    """A title reached by a chain of yearly titles, for "who almost qualifies" (one year short)."""

    form_code: str
    families: tuple[str, ...]  # the yearly title the chain is made of
    n: int  # consecutive years needed
    also_needs: str = ""  # the other conditions, in words
    subject: str = "ca_nhan"


@dataclass(frozen=True)
class RuleSet:
    regime: str
    name: str
    enabled: bool
    by_form: Mapping[str, tuple[Rule, ...]]
    general: Callable[[RuleContext], list[Check]]
    chains: tuple[ChainTarget, ...] = field(default=())

    def _applies(self, nomination: NominationFacts, catalog: Catalog) -> tuple[Rule, ...] | None:
        """The form's rules that run for ``nomination`` (None: a thematic or ad-hoc award of a hình thức, which
        gets a note instead)."""
        rules = self.by_form.get(nomination.form_code, ())
        form = catalog.form(nomination.form_code)
        if not rules or nomination.subject not in form.subjects:
            return ()
        if form.category == "hinh_thuc" and nomination.kind != "cong_trang":
            return None
        return rules

    def years_back(self, nomination: NominationFacts, catalog: Catalog) -> int | None:
        """How many years before the achievement the checks of ``nomination`` read (see :func:`reads_years`);
        None when some check may read the whole history."""
        general = years_back_of(self.general)
        rules = self._applies(nomination, catalog) or ()
        backs = [years_back_of(rule) for rule in rules]
        if general is None or None in backs:
            return None
        return max([general, *backs])  # type: ignore[list-item]

    def form_checks(self, ctx: RuleContext) -> list[Check]:
        """The form's own rules. Merit criteria of a hình thức (Bằng khen, Huân chương…) are not applied to a
        thematic or ad-hoc award of it: those follow the movement's own rules."""
        rules = self._applies(ctx.nomination, ctx.catalog)
        if rules is None:
            kind = ctx.catalog.kind(ctx.nomination.kind).name.lower()
            return [noted("form.kind", "Tiêu chuẩn khen thưởng theo công trạng",
                          f"khen thưởng {kind}: xét theo tiêu chí của phong trào, không theo tiêu chuẩn công trạng")]
        checks: list[Check] = []
        for rule in rules:  # none when the form has no rules or not for this subject
            checks.extend(rule(ctx))
        return checks

    def checks(self, ctx: RuleContext) -> list[Check]:
        return self.general(ctx) + self.form_checks(ctx)
