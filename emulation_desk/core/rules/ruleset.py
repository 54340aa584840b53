"""A regime's rule set: the rules of each award form, the general checks, the chains to plan for."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from emulation_desk.core.rules.common import Rule, RuleContext
from emulation_desk.core.rules.verdict import Check, noted


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

    def form_checks(self, ctx: RuleContext) -> list[Check]:
        """The form's own rules. Merit criteria of a hình thức (Bằng khen, Huân chương…) are not applied to a
        thematic or ad-hoc award of it: those follow the movement's own rules."""
        rules = self.by_form.get(ctx.nomination.form_code, ())
        if not rules or ctx.nomination.subject not in ctx.form.subjects:
            return []
        if ctx.form.category == "hinh_thuc" and ctx.nomination.kind != "cong_trang":
            kind = ctx.catalog.kind(ctx.nomination.kind).name.lower()
            return [noted("form.kind", "Tiêu chuẩn khen thưởng theo công trạng",
                          f"khen thưởng {kind}: xét theo tiêu chí của phong trào, không theo tiêu chuẩn công trạng")]
        checks: list[Check] = []
        for rule in rules:
            checks.extend(rule(ctx))
        return checks

    def checks(self, ctx: RuleContext) -> list[Check]:
        return self.general(ctx) + self.form_checks(ctx)
