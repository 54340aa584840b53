"""The entry point of the eligibility rules: pick the regime in force, run its rules, decide the verdict;
and list who is one year short of a chain.

The regime is the catalog's enabled regime on the date the nomination is judged (its decision date when
decided, else the 31/12 of its year) — the law in force when the decision is made, whatever the achievement
years. A dossier received before the amended Law came into force is judged under the earlier regime
(transition). A regime the catalog marks unconfirmed says so in every verdict's reason. Rule modules are
registered here, one per regime.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from emulation_desk.core.catalog import Catalog, Regime
from emulation_desk.core.rules import luat2026, nd91, nd98, nd152
from emulation_desk.core.rules.common import RuleContext, consecutive
from emulation_desk.core.rules.facts import NominationFacts, QuotaFacts, SubjectHistory
from emulation_desk.core.rules.general import duplicates, subject_type
from emulation_desk.core.rules.ruleset import RuleSet
from emulation_desk.core.rules.settings import EligibilitySettings
from emulation_desk.core.rules.verdict import UNCONFIRMED_WORDS, Check, Verdict, decide, noted, warned

REGISTRY: dict[str, RuleSet] = {r.regime: r for r in (nd91.RULESET, nd98.RULESET, nd152.RULESET, luat2026.RULESET)}
# Regimes whose transition rule sends a dossier received before their first day to the earlier regime.
TRANSITIONS = {luat2026.REGIME: luat2026.TRANSITION_ARTICLE}


def ruleset_for(regime_code: str | None) -> RuleSet | None:
    """The enabled rule set of a regime (None when there is none, or it is switched off)."""
    ruleset = REGISTRY.get(regime_code or "")
    return ruleset if ruleset is not None and ruleset.enabled else None


def _no_rules(ctx: RuleContext, regime_name: str) -> list[Check]:
    detail = (f"chưa có bộ tiêu chuẩn tự động cho chế độ «{regime_name}» — hãy xét theo văn bản" if regime_name else
              f"không xác định được chế độ pháp lý cho ngày {ctx.nomination.judged_on:%d/%m/%Y} — hãy kiểm tra "
              "danh mục chế độ pháp lý")
    return [subject_type(ctx), *duplicates(ctx, title_pair_article="Cách đếm của biểu tổng hợp"),
            warned("regime.missing", "Bộ tiêu chuẩn của chế độ pháp lý", detail, substantive=False)]


def regime_of(nomination: NominationFacts, catalog: Catalog) -> tuple[Regime | None, list[Check]]:
    """The regime a nomination is judged under (by its decision date), and a note when a transition rule sends
    it to the earlier one."""
    regime = catalog.regime_for(nomination.judged_on)
    received = nomination.received_on
    if regime is None or regime.code not in TRANSITIONS or received is None or received >= regime.valid_from:
        return regime, []
    earlier = catalog.regime_for(received)
    if earlier is None or ruleset_for(earlier.code) is None:
        return regime, []
    return earlier, [noted("regime.transition", "Quy định chuyển tiếp",
                           f"hồ sơ nhận ngày {received:%d/%m/%Y}, trước ngày {regime.name} có hiệu lực: xét theo "
                           f"{earlier.name}", TRANSITIONS[regime.code])]


def judge(nomination: NominationFacts, history: SubjectHistory, catalog: Catalog,
          settings: EligibilitySettings | None = None, quota: QuotaFacts | None = None,
          extra: Sequence[Check] = ()) -> Verdict:
    """The verdict on one nomination: every rule of its regime checked, with the evidence."""
    regime, notes = regime_of(nomination, catalog)
    ruleset = ruleset_for(regime.code if regime else None)
    ctx = RuleContext(nomination, history, catalog, settings or EligibilitySettings(),
                      regime.code if regime else None, quota or QuotaFacts())
    checks = notes + (ruleset.checks(ctx) if ruleset else _no_rules(ctx, regime.name if regime else ""))
    checks += list(extra)
    form = catalog.form(nomination.form_code)
    status, reason = decide(checks, form.name)
    name = ruleset.name if ruleset else (regime.name if regime else "")
    if regime is not None and regime.unconfirmed:
        name = f"{name} (có điểm {UNCONFIRMED_WORDS})"
        reason = f"{reason} — xét theo {regime.name}; có điểm {UNCONFIRMED_WORDS}"
    return Verdict(nomination.id, nomination.year, form.code, form.name, nomination.subject, nomination.name,
                   nomination.unit_name, regime.code if regime else None, name, status, reason, tuple(checks))


@dataclass(frozen=True)
class AlmostItem:
    """A subject one year short of a chain: if it holds the yearly title next year, it qualifies."""

    subject: str
    subject_id: str
    name: str
    unit_name: str
    target_form: str
    target_name: str
    held_years: tuple[int, ...]
    next_year: int
    needs: str
    evidence: tuple[str, ...]


def almost_qualified(histories: Iterable[tuple[SubjectHistory, str]], year: int, catalog: Catalog,
                     settings: EligibilitySettings | None = None) -> list[AlmostItem]:
    """Subjects (with their unit's name) whose chain of a yearly title, ending in ``year``, is exactly one year
    short of a target of the regime in force next year (e.g. 2 years of CSTĐCS for CSTĐ cấp tỉnh)."""
    regime = catalog.regime_for(date(year + 1, 12, 31))
    ruleset = ruleset_for(regime.code if regime else None)
    if ruleset is None:
        return []
    items: list[AlmostItem] = []
    for history, unit_name in histories:
        for target in ruleset.chains:
            if history.subject != target.subject:
                continue
            probe = NominationFacts("", year + 1, target.form_code, "cong_trang", history.subject, history.subject_id,
                                    history.name)
            ctx = RuleContext(probe, history, catalog, settings or EligibilitySettings(), ruleset.regime)
            chain = consecutive(ctx, target.families, target.n, year)
            if len(chain.run) != target.n - 1 or history.awards_in(year, (catalog.form(target.form_code).family,)):
                continue
            title = ctx.form_name(target.families[0])
            items.append(AlmostItem(
                history.subject, history.subject_id, history.name, unit_name, target.form_code,
                catalog.form(target.form_code).name, tuple(chain.years), year + 1,
                f"đạt {title} năm {year + 1} {target.also_needs}".strip(), tuple(chain.evidence())))
    return items
