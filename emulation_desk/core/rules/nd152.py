"""Regime B2 — Luật TĐKT 06/2022/QH15, NĐ 152/2025/NĐ-CP, TT 15/2025/TT-BNV: decisions from 01/7/2025
(eligibility.md §3). The Law's criteria are those of :mod:`nd98`; what changes is the implementing text:
the minimum months of work for LĐTT (TT 15/2025 ❓, a setting) and "no two titles of the same kind in
one year" (TT 15/2025 ❓, a warning until the text is re-read).
"""

from __future__ import annotations

from emulation_desk.core.rules.common import RuleContext, ldtt_checks, ldtt_prerequisite
from emulation_desk.core.rules.general import cstdcs_quota
from emulation_desk.core.rules.nd98 import (
    ART_QUOTA,
    LAW_2022_CHAINS,
    LAW_2022_RULES,
    QUOTA_LIMIT,
    QUOTA_UNSET,
    excellent_or_initiative,
    make_general,
)
from emulation_desk.core.rules.ruleset import RuleSet, reads_years
from emulation_desk.core.rules.verdict import UNCONFIRMED_WORDS, Check, secondary, unconfirmed

REGIME = "ND152_2025"
NAME = "Luật TĐKT 2022, Nghị định 152/2025/NĐ-CP"

ART_LDTT = ("Luật TĐKT 2022 Điều 24 khoản 1; số tháng công tác tối thiểu theo thiết lập (TT 01/2024/TT-BNV: 06 "
            f"tháng; TT 15/2025/TT-BNV {UNCONFIRMED_WORDS})")
ART_CSTDCS = "Luật TĐKT 2022 Điều 23"
ART_PRINCIPLES = secondary("NĐ 152/2025/NĐ-CP Điều 4 (nguyên tắc như NĐ 98/2023 Điều 4): không khen thưởng khi đang "
                           "bị kỷ luật")
ART_TITLE_PAIR = unconfirmed("TT 15/2025/TT-BNV: không xét tặng hai danh hiệu thi đua cùng loại trong một năm")


@reads_years(0)
def ldtt(ctx: RuleContext) -> list[Check]:
    """Lao động tiên tiến — Luật 2022 Điều 24.1 ✅; minimum months of work per TT 15/2025 ❓ (setting, default 6)."""
    return ldtt_checks(ctx, ctx.year, ctx.settings.ldtt_min_months_nd152, ART_LDTT, "nd152.ldtt")


@reads_years(0)
def cstdcs(ctx: RuleContext) -> list[Check]:
    """Chiến sĩ thi đua cơ sở — Luật 2022 Điều 23: the LĐTT standard and (HTXSNV or a recognised initiative) ✅;
    quota per the province (setting) ❓."""
    return [ldtt_prerequisite(ctx, ctx.year, ctx.settings.ldtt_min_months_nd152, ART_CSTDCS, "nd152.cstdcs.ldtt"),
            excellent_or_initiative(ctx, "nd152.cstdcs.merit", ART_CSTDCS),
            cstdcs_quota(ctx, ART_QUOTA, unset=QUOTA_UNSET, limit=QUOTA_LIMIT)]


RULES = {"LDTT": (ldtt,), "CSTT": (ldtt,), "CSTDCS": (cstdcs,), **LAW_2022_RULES}
RULESET = RuleSet(REGIME, NAME, True, RULES, make_general(ART_TITLE_PAIR, ART_PRINCIPLES, title_pair_warns=True),
                  chains=LAW_2022_CHAINS)
