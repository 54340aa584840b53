"""Regime C — Luật 06/2026/QH16 amending the 2022 Law (in force 01/10/2026 ⚠️): DISABLED.

Only the draft is known (eligibility.md §4): CSTĐCS would need "hoàn thành xuất sắc nhiệm vụ" and an
initiative, without the LĐTT prerequisite. The rule set is written so that it can be switched on once the
enacted text is loaded and checked; until then :data:`ENABLED` is False and the engine reports nominations
of this regime as needing a manual check. The catalog keeps the regime disabled as well.
"""

from __future__ import annotations

from emulation_desk.core.rules.common import RuleContext, initiatives
from emulation_desk.core.rules.facts import rating_at_least, rating_label
from emulation_desk.core.rules.general import cstdcs_quota
from emulation_desk.core.rules.nd98 import ART_QUOTA, make_general
from emulation_desk.core.rules.nd152 import ART_PRINCIPLES, ART_TITLE_PAIR, LAW_2022_CHAINS, RULES
from emulation_desk.core.rules.ruleset import RuleSet
from emulation_desk.core.rules.verdict import Check, failed, passed

REGIME = "LUAT_2026"
NAME = "Luật TĐKT 2022 (sửa đổi 2026), Luật 06/2026/QH16"
ENABLED = False  # the enacted text has not been loaded

ART_CSTDCS = "Dự thảo Luật sửa đổi, bổ sung Luật TĐKT (laodong 1629499): CSTĐCS = HTXSNV và có sáng kiến ❓"


def cstdcs(ctx: RuleContext) -> list[Check]:
    """Chiến sĩ thi đua cơ sở (draft) — HTXSNV and an initiative; no LĐTT prerequisite ❓."""
    rating = ctx.history.ratings.get(ctx.year)
    title = "Hoàn thành xuất sắc nhiệm vụ"
    excellent = (passed("luat2026.cstdcs.excellent", title, f"năm {ctx.year} hoàn thành xuất sắc nhiệm vụ", ART_CSTDCS)
                 if rating_at_least(rating, "htxsnv") else
                 failed("luat2026.cstdcs.excellent", title, f"năm {ctx.year} xếp loại {rating_label(rating).lower()}",
                        ART_CSTDCS, confirmed=False))
    usable, _ = initiatives(ctx, [ctx.year], "co_so")
    title = "Có sáng kiến được công nhận"
    initiative = (passed("luat2026.cstdcs.initiative", title, f"có {usable[0].describe()}", ART_CSTDCS) if usable else
                  failed("luat2026.cstdcs.initiative", title, f"năm {ctx.year} không có sáng kiến được công nhận",
                         ART_CSTDCS, confirmed=False))
    return [excellent, initiative, cstdcs_quota(ctx, ART_QUOTA)]


RULESET = RuleSet(REGIME, NAME, ENABLED, {**RULES, "CSTDCS": (cstdcs,)},
                  make_general(ART_TITLE_PAIR, ART_PRINCIPLES, title_pair_warns=True), chains=LAW_2022_CHAINS)
