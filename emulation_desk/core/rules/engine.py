"""The entry point of the eligibility rules: pick the regime in force, run its rules, decide the verdict;
and list who is one year short of a chain.

The regime is the catalog's enabled regime on the date the nomination is judged (its decision date when
decided, else the 31/12 of its year) — the law in force when the decision is made, whatever the achievement
years. A dossier received before the amended Law came into force is judged under the earlier regime
(transition). A regime the catalog marks unconfirmed says so in every verdict's reason. Rule modules are
registered here, one per regime.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

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


# ---------------------------------------------------------------------------------------------- equal cases


def _history_key(nomination: NominationFacts, history: SubjectHistory, back: int | None) -> tuple[Any, ...]:
    """What the checks of ``nomination`` can read of ``history``, with the records' own keys replaced by how
    they relate to the nomination (its own award, its chosen initiative…): the awards, ratings, initiatives,
    disciplines, investigations and collective facts of the years read (every year when ``back`` is None), the
    nomination's own awards whatever their year, and the recruitment date."""
    own = nomination.id
    mine = [a for a in history.awards if a.nomination_id == own]
    own_decisions = {a.decision_id for a in mine if a.decision_id}
    own_recipients = {a.recipient_id for a in mine if a.recipient_id}
    low = None if back is None else (nomination.year_from or nomination.year) - back
    high = nomination.year
    awards = tuple(
        (a.year, a.year_from, a.form_code, a.form_name, a.family, a.category, a.level, a.kind, a.feeds_chains,
         a.issuer_level, a.decision_ref, bool(a.recipient_id), a.decision_id in own_decisions,
         1 if a.nomination_id == own else 2 if a.nomination_id else 0, a.signed_on, a.via)
        for a in history.awards
        if low is None or a.nomination_id == own or (a.year >= low and (a.year_from or a.year) <= high))
    if low is None:
        ratings = tuple(sorted(history.ratings.items()))
        initiatives = history.initiatives
        disciplines = history.disciplines
        investigated = history.investigated_years
        collective = tuple(sorted(history.collective_years.items()))
    else:  # most histories hold nothing but a few awards and ratings: the empty parts cost nothing
        ratings = tuple(sorted((y, r) for y, r in history.ratings.items() if low <= y <= high))
        initiatives = tuple(i for i in history.initiatives if low <= i.year <= high) if history.initiatives else ()
        disciplines: tuple[Any, ...] = ()
        if history.disciplines:
            start, end = date(low, 1, 1), date(high, 12, 31)
            disciplines = tuple(d for d in history.disciplines
                                if d.start <= end and (d.end is None or d.end >= start))
        investigated = frozenset(y for y in history.investigated_years if low <= y <= high) \
            if history.investigated_years else frozenset()
        collective = tuple(sorted((y, c) for y, c in history.collective_years.items() if low <= y <= high)) \
            if history.collective_years else ()
    chosen = nomination.initiative_id
    return (history.subject, awards, ratings, history.recruited_on, disciplines, investigated, collective,
            tuple((i.year, i.title, i.scope, bool(i.used_by_recipient_id), i.used_by_recipient_id in own_recipients,
                   i.id == chosen) for i in initiatives) if initiatives else ())


@dataclass
class CaseJudge:
    """:func:`judge` for many nominations of one year, each distinct case judged once: a province year holds
    100.000 proposals, and most of them (a Lao động tiên tiến of one decision, rated the same, with no other award
    that year) are the same case. A case is what the checks read: the nomination without its ids, name and unit
    (the name only for a dissolved collective, whose check names it; the unit only when the CSTĐCS quota is
    counted per unit) and the part of the history the regime's rules read (:func:`_history_key`,
    :func:`~emulation_desk.core.rules.ruleset.reads_years`). A verdict of an equal case is the first one's, with
    this nomination's id, name and unit. ``verify``: judge every case afresh as well and fail on a difference
    (for tests)."""

    catalog: Catalog
    settings: EligibilitySettings = field(default_factory=EligibilitySettings)
    quota: QuotaFacts = field(default_factory=QuotaFacts)
    verify: bool = False
    cases: dict[Hashable, Verdict] = field(default_factory=dict)
    _backs: dict[tuple[Any, ...], int | None] = field(default_factory=dict)
    _texts: dict[Any, Any] = field(default_factory=dict)  # equal checks and reasons of different cases, kept once

    def _years_back(self, nomination: NominationFacts) -> int | None:
        key = (nomination.decision_date, nomination.year, nomination.received_on, nomination.form_code,
               nomination.kind, nomination.subject)
        if key not in self._backs:
            regime, _ = regime_of(nomination, self.catalog)
            ruleset = ruleset_for(regime.code if regime else None)
            self._backs[key] = ruleset.years_back(nomination, self.catalog) if ruleset else 0
        return self._backs[key]

    def first_year_read(self, nominations: Iterable[NominationFacts]) -> int | None:
        """The first achievement year the checks of a subject's ``nominations`` read of its history (None: they
        may read every year): the awards earned before it need not be gathered."""
        first: int | None = None
        for n in nominations:
            back = self._years_back(n)
            if back is None:
                return None
            low = (n.year_from or n.year) - back
            first = low if first is None else min(first, low)
        return first

    def key(self, nomination: NominationFacts, history: SubjectHistory, extra: Sequence[Check] = ()) -> Hashable:
        n = nomination
        per_unit = (n.unit_id, n.unit_name) if self.settings.cstdcs_quota_scope == "tung_don_vi" else None
        return (n.year, n.form_code, n.kind, n.subject, n.status, n.decision_date, n.votes_members, n.votes_present,
                n.votes_yes, n.year_from, n.subject_valid_to, n.successor_name, n.received_on,
                n.name if n.subject_valid_to is not None else None, per_unit, tuple(extra),
                _history_key(n, history, self._years_back(n)))

    def __call__(self, nomination: NominationFacts, history: SubjectHistory, extra: Sequence[Check] = ()) -> Verdict:
        key = self.key(nomination, history, extra)
        seen = self.cases.get(key)
        if seen is None:
            made = judge(nomination, history, self.catalog, self.settings, self.quota, extra)
            keep = self._texts.setdefault
            verdict = self.cases[key] = Verdict(
                made.nomination_id, made.year, made.form_code, made.form_name, made.subject, made.subject_name,
                made.unit_name, made.regime, made.regime_name, made.status, keep(made.reason, made.reason),
                tuple([keep(c, c) for c in made.checks]))
            return verdict
        n = nomination
        verdict = Verdict(n.id, n.year, seen.form_code, seen.form_name, n.subject, n.name, n.unit_name, seen.regime,
                          seen.regime_name, seen.status, seen.reason, seen.checks)
        if self.verify:
            fresh = judge(nomination, history, self.catalog, self.settings, self.quota, extra)
            if fresh != verdict:
                raise AssertionError(f"the case of {n.id} was judged as an equal case's: {fresh} != {verdict}")
        return verdict


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
