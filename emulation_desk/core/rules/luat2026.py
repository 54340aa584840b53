"""Regime C — Luật TĐKT 2022 as amended by Luật 06/2026/QH16 (kỳ họp thứ nhất, Quốc hội khóa XVI; in force
01/10/2026 ⚠️): decisions from 01/10/2026.

What is known is applied, what is not confirmed is said so (eligibility.md §4):
- the amendment amends the 2022 Law, it does not replace it: the 2022 criteria (and Decree 152/2025, still the
  implementing decree) are applied, and every verdict says it is judged under the amended Law with points
  not confirmed (:func:`regime_note`; the engine adds it to the verdict's reason);
- CSTĐCS: the draft drops the LĐTT prerequisite and asks for "hoàn thành xuất sắc nhiệm vụ" and an
  initiative; whether the enacted text kept this is not confirmed, so both readings are judged and a
  difference between them is a warning, never a silent choice (:func:`cstdcs`);
- transition (third-party paraphrase ⚠️): a dossier received before 01/10/2026 is judged under the unamended
  Law (:data:`TRANSITION_ARTICLE`, applied by the engine when the receipt date is known).
"""

from __future__ import annotations

from emulation_desk.core.rules import nd152
from emulation_desk.core.rules.common import RuleContext, initiatives
from emulation_desk.core.rules.facts import rating_at_least, rating_label
from emulation_desk.core.rules.general import cstdcs_quota
from emulation_desk.core.rules.nd98 import ART_QUOTA, QUOTA_LIMIT, QUOTA_UNSET, make_general
from emulation_desk.core.rules.ruleset import RuleSet, reads_years
from emulation_desk.core.rules.verdict import (
    FAIL,
    MISSING,
    PASS,
    WARN,
    Check,
    failed,
    missing,
    needs_of,
    noted,
    passed,
    unconfirmed,
    warned,
    worst,
)

REGIME = "LUAT_2026"
NAME = "Luật TĐKT 2022 (sửa đổi 2026), Luật 06/2026/QH16"
ENABLED = True

ART_LAW = unconfirmed("Luật số 06/2026/QH16 sửa đổi, bổ sung một số điều của Luật TĐKT 2022, hiệu lực 01/10/2026")
ART_CSTDCS_DRAFT = unconfirmed("Dự thảo Luật sửa đổi, bổ sung Luật TĐKT (laodong 1629499): CSTĐCS cần hoàn thành "
                               "xuất sắc nhiệm vụ và có sáng kiến, không cần đạt Lao động tiên tiến")
TRANSITION_ARTICLE = unconfirmed("Luật 06/2026/QH16 (quy định chuyển tiếp, theo nguồn thứ ba): hồ sơ nhận trước "
                                 "01/10/2026 xét theo Luật TĐKT 2022 chưa sửa đổi")
UNCONFIRMED_POINTS = (
    "nội dung Luật 06/2026/QH16 chưa được đối chiếu — các tiêu chuẩn xét theo Luật TĐKT 2022 và NĐ 152/2025/NĐ-CP",
    "tiêu chuẩn Chiến sĩ thi đua cơ sở (dự thảo bỏ điều kiện đạt Lao động tiên tiến)",
    "quy định chuyển tiếp cho hồ sơ nhận trước 01/10/2026",
)


def regime_note(ctx: RuleContext) -> Check:
    """Every verdict of the regime says it is judged under the amended Law, with what is not confirmed."""
    return noted("luat2026.regime", "Xét theo Luật TĐKT sửa đổi năm 2026",
                 "quyết định từ 01/10/2026 xét theo Luật TĐKT 2022 đã sửa đổi, bổ sung; các điểm chưa xác nhận văn "
                 "bản: " + "; ".join(UNCONFIRMED_POINTS), ART_LAW)


def _outcome(checks: list[Check]) -> str:
    return worst({c.outcome for c in checks})


def _draft_checks(ctx: RuleContext) -> list[Check]:
    """The draft's reading: HTXSNV and a recognised initiative of the year."""
    rating = ctx.history.ratings.get(ctx.year)
    excellent = (passed("luat2026.cstdcs.excellent", "Hoàn thành xuất sắc nhiệm vụ",
                        f"năm {ctx.year} hoàn thành xuất sắc nhiệm vụ", ART_CSTDCS_DRAFT)
                 if rating_at_least(rating, "htxsnv") else
                 missing("luat2026.cstdcs.excellent", "Hoàn thành xuất sắc nhiệm vụ",
                         f"năm {ctx.year} chưa có kết quả xếp loại", ART_CSTDCS_DRAFT, needs=[f"xếp loại năm {ctx.year}"])
                 if rating is None else
                 failed("luat2026.cstdcs.excellent", "Hoàn thành xuất sắc nhiệm vụ",
                        f"năm {ctx.year} xếp loại {rating_label(rating).lower()}", ART_CSTDCS_DRAFT))
    usable, _ = initiatives(ctx, [ctx.year], "co_so")
    initiative = (passed("luat2026.cstdcs.initiative", "Có sáng kiến được công nhận", f"có {usable[0].describe()}",
                         ART_CSTDCS_DRAFT) if usable else
                  failed("luat2026.cstdcs.initiative", "Có sáng kiến được công nhận",
                         f"năm {ctx.year} không có sáng kiến được công nhận", ART_CSTDCS_DRAFT))
    return [excellent, initiative]


@reads_years(0)
def cstdcs(ctx: RuleContext) -> list[Check]:
    """Chiến sĩ thi đua cơ sở — both readings: the 2022 Law (Điều 23: the LĐTT standard and HTXSNV or an
    initiative) and the draft amendment (HTXSNV and an initiative, no LĐTT prerequisite) ❓. Agreeing readings
    decide; differing ones are a warning naming both."""
    law = [c for c in nd152.cstdcs(ctx) if c.code != "quota.cstdcs"]
    draft = _draft_checks(ctx)
    title = "Tiêu chuẩn Chiến sĩ thi đua cơ sở (Luật TĐKT 2022 và dự thảo sửa đổi)"
    evidence = [f"Luật TĐKT 2022 — {c.title}: {c.detail}" for c in law]
    evidence += [f"Dự thảo sửa đổi — {c.title}: {c.detail}" for c in draft]
    article = f"{nd152.ART_CSTDCS}; {ART_CSTDCS_DRAFT}"
    outcomes = (_outcome(law), _outcome(draft))
    quota = cstdcs_quota(ctx, ART_QUOTA, unset=QUOTA_UNSET, limit=QUOTA_LIMIT)
    if outcomes == (PASS, PASS):
        return [passed("luat2026.cstdcs", title, "đạt theo cả Luật TĐKT 2022 và dự thảo sửa đổi", article,
                       evidence), quota]
    if outcomes == (FAIL, FAIL):
        first = next(c.detail for c in law + draft if c.outcome == FAIL)
        return [failed("luat2026.cstdcs", title, f"không đạt theo cả Luật TĐKT 2022 và dự thảo sửa đổi: {first}",
                       article, evidence), quota]
    if MISSING in outcomes:
        first = next(c.detail for c in law + draft if c.outcome == MISSING)
        return [missing("luat2026.cstdcs", title, f"chưa đủ dữ liệu để xét: {first}", article, evidence,
                        needs=needs_of(law + draft)), quota]
    words = {PASS: "đạt", FAIL: "không đạt", WARN: "chưa đủ thông tin"}
    return [warned("luat2026.cstdcs", title, f"theo Luật TĐKT 2022: {words[outcomes[0]]}; theo dự thảo sửa đổi: "
                   f"{words[outcomes[1]]} — văn bản sửa đổi chưa xác nhận, hãy đối chiếu", article, evidence), quota]


_GENERAL = make_general(nd152.ART_TITLE_PAIR, nd152.ART_PRINCIPLES, title_pair_warns=True)


@reads_years(0)
def general(ctx: RuleContext) -> list[Check]:
    return [regime_note(ctx), *_GENERAL(ctx)]


RULESET = RuleSet(REGIME, NAME, ENABLED, {**nd152.RULES, "CSTDCS": (cstdcs,)}, general, chains=nd152.LAW_2022_CHAINS)
