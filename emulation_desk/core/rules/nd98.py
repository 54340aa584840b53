"""Regime B1 — Luật TĐKT 06/2022/QH15, NĐ 98/2023/NĐ-CP, TT 01/2024/TT-BNV: decisions from 01/01/2024 to
30/6/2025 (eligibility.md §3). Decree 152/2025 keeps the Law's criteria; :mod:`nd152` reuses these rules.

Principles (NĐ 98/2023 Điều 4 ✅): no award while a discipline, an investigation or a complaint is pending;
chuyên đề and đột xuất awards never feed multi-year chains; a lower form is not a prerequisite of a higher
one; criteria are alternatives ("một trong các tiêu chuẩn") — each lettered path is evaluated and the one
that passed is named.
"""

from __future__ import annotations

from collections.abc import Callable

from emulation_desk.core.rules import collective as col
from emulation_desk.core.rules.common import (
    BK_PM,
    BK_PROVINCE,
    CSTD_PROVINCE,
    CSTDCS,
    Path,
    RuleContext,
    alternatives,
    chain_check,
    consecutive_times,
    count_titles,
    excellent_years,
    initiative_check,
    initiatives,
    ldtt_checks,
    ldtt_prerequisite,
    window_since,
)
from emulation_desk.core.rules.facts import rating_at_least, rating_label
from emulation_desk.core.rules.general import cstdcs_quota, general_checks
from emulation_desk.core.rules.ruleset import ChainTarget, RuleSet, reads_years
from emulation_desk.core.rules.verdict import Check, failed, missing, passed, unconfirmed

REGIME = "ND98_2023"
NAME = "Luật TĐKT 2022, Nghị định 98/2023/NĐ-CP"

LDTT_MIN_MONTHS = 6  # TT 01/2024/TT-BNV Điều 1: no LĐTT for people recruited less than 6 months ✅ (T1, T2)
TTLDTT_SHARE = 70  # Luật 2022 Điều 28.1: at least 70% of members LĐTT/CSTT ✅
TTLDXS_SHARE = 70  # Luật 2022 Điều 27.1 ✅

ART_LDTT = "Luật TĐKT 2022 Điều 24 khoản 1; TT 01/2024/TT-BNV Điều 1"
ART_CSTDCS = "Luật TĐKT 2022 Điều 23"
ART_QUOTA = "Luật TĐKT 2022 Điều 23 không quy định tỷ lệ chung toàn quốc; tỷ lệ theo quy định của tỉnh (thiết lập)"
QUOTA_UNSET = ("từ 01/01/2024 không còn tỷ lệ chung toàn quốc; chưa đặt tỷ lệ của tỉnh trong phần Thiết lập nên "
               "không kiểm tra")
QUOTA_LIMIT = "tỷ lệ của tỉnh theo thiết lập"
ART_CSTD_PROVINCE = "Luật TĐKT 2022 Điều 22"
ART_CSTD_NATIONAL = "Luật TĐKT 2022 Điều 21; NĐ 152/2025/NĐ-CP Điều 60 khoản 3"
ART_TTLDTT = "Luật TĐKT 2022 Điều 28 khoản 1"
ART_TTLDXS = "Luật TĐKT 2022 Điều 27 khoản 1"
ART_TTLDXS_DISCIPLINE = ("Luật TĐKT 2022 Điều 27 khoản 1 không có điều kiện về kỷ luật; áp dụng theo quy định của "
                         "tỉnh (thiết lập)")
ART_FLAG = unconfirmed("Luật TĐKT 2022 Điều 26: tập thể dẫn đầu cụm, khối thi đua của tỉnh")
ART_BK_PROVINCE = "Luật TĐKT 2022 Điều 74 khoản 1 điểm d"
ART_BK_PROVINCE_COLLECTIVE = unconfirmed("Luật TĐKT 2022 Điều 74 khoản 2")
ART_BK_PM = "Luật TĐKT 2022 Điều 73 khoản 1 điểm b"
ART_HCLD3 = "Luật TĐKT 2022 Điều 44 khoản 1 điểm e"
ART_PRINCIPLES = "NĐ 98/2023/NĐ-CP Điều 4: không khen thưởng khi đang bị kỷ luật, điều tra, thanh tra, khiếu nại"
ART_STATE_LEVEL = unconfirmed("Một hình thức cấp Nhà nước mỗi năm (TT 12/2019/TT-BNV); chưa thấy quy định tương ứng "
                              "sau 2024")
ART_TITLE_PAIR = "Cách đếm của biểu tổng hợp: người đạt CSTĐCS không ghi thêm LĐTT"


@reads_years(0)
def ldtt(ctx: RuleContext) -> list[Check]:
    """Lao động tiên tiến — Luật 2022 Điều 24.1; TT 01/2024 Điều 1: at least HTTNV; not recruited less than 6
    months; no discipline during the year (NĐ 98 Điều 4) ✅."""
    return ldtt_checks(ctx, ctx.year, LDTT_MIN_MONTHS, ART_LDTT, "nd98.ldtt")


def excellent_or_initiative(ctx: RuleContext, code: str, article: str) -> Check:
    """HTXSNV or an initiative / accepted research topic recognised at the base, in the year."""
    title = "Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận"
    rating = ctx.history.ratings.get(ctx.year)
    usable, used = initiatives(ctx, [ctx.year], "co_so")
    if rating_at_least(rating, "htxsnv"):
        return passed(code, title, f"năm {ctx.year} hoàn thành xuất sắc nhiệm vụ", article)
    if usable:
        return passed(code, title, f"có {usable[0].describe()}", article, [i.describe() for i in usable])
    why = f"; {used[0].describe()} đã dùng để xét khen thưởng khác" if used else ""
    if rating is None:
        return missing(code, title, f"năm {ctx.year} chưa có kết quả xếp loại và không có sáng kiến được công "
                       f"nhận{why}", article, needs=[f"xếp loại năm {ctx.year}"])
    return failed(code, title, f"năm {ctx.year} xếp loại {rating_label(rating).lower()} và không có sáng kiến được "
                  f"công nhận{why}", article)


@reads_years(0)
def cstdcs(ctx: RuleContext) -> list[Check]:
    """Chiến sĩ thi đua cơ sở — Luật 2022 Điều 23: the LĐTT standard and (HTXSNV or an initiative / research topic
    recognised at the base) ✅. No national quota was found: the quota is a setting ❓."""
    return [ldtt_prerequisite(ctx, ctx.year, LDTT_MIN_MONTHS, ART_CSTDCS, "nd98.cstdcs.ldtt"),
            excellent_or_initiative(ctx, "nd98.cstdcs.merit", ART_CSTDCS),
            cstdcs_quota(ctx, ART_QUOTA, unset=QUOTA_UNSET, limit=QUOTA_LIMIT)]


@reads_years(2)
def cstd_province(ctx: RuleContext) -> list[Check]:
    """Chiến sĩ thi đua cấp tỉnh/bộ — Luật 2022 Điều 22: 3 consecutive years CSTĐCS and an initiative or topic
    effective and replicable province-wide ✅."""
    years = list(range(ctx.year - 2, ctx.year + 1))
    return [chain_check(ctx, "luat2022.cstd_tinh.chain", CSTDCS, 3, ART_CSTD_PROVINCE),
            initiative_check(ctx, "luat2022.cstd_tinh.initiative", years, "tinh", ART_CSTD_PROVINCE)]


def cstd_national(ctx: RuleContext) -> list[Check]:
    """Chiến sĩ thi đua toàn quốc — Luật 2022 Điều 21: two successive CSTĐ cấp tỉnh/bộ (proposed right after the
    second) and an initiative with nationwide effect ✅."""
    chain = consecutive_times(ctx, CSTD_PROVINCE, 2, ctx.year, max_gap=3)
    title = "02 lần liên tục đạt Chiến sĩ thi đua cấp tỉnh, bộ"
    times = (passed("luat2022.cstdtq.chain", title, f"đạt các năm {', '.join(map(str, chain.years))}",
                    ART_CSTD_NATIONAL, chain.evidence()) if chain.ok else
             failed("luat2022.cstdtq.chain", title, f"chỉ có {len(chain.run)} lần Chiến sĩ thi đua cấp tỉnh, bộ "
                    "liên tục", ART_CSTD_NATIONAL, chain.evidence()))
    years = list(range(ctx.year - 5, ctx.year + 1))
    return [times, initiative_check(ctx, "luat2022.cstdtq.initiative", years, "toan_quoc", ART_CSTD_NATIONAL)]


@reads_years(0)
def ttldtt(ctx: RuleContext) -> list[Check]:
    """Tập thể lao động tiên tiến — Luật 2022 Điều 28.1: at least HTTNV; at least 70% of members LĐTT/CSTT;
    no member disciplined at cảnh cáo or above ✅."""
    return [col.collective_rating(ctx, "luat2022.ttldtt.rating", ART_TTLDTT, "httnv"),
            col.member_share(ctx, "luat2022.ttldtt.share", ART_TTLDTT, TTLDTT_SHARE, strict=False),
            col.no_member_disciplined(ctx, "luat2022.ttldtt.discipline", ART_TTLDTT)]


@reads_years(0)
def ttldxs(ctx: RuleContext) -> list[Check]:
    """Tập thể lao động xuất sắc — Luật 2022 Điều 27.1: HTXSNV; 100% of members HTNV; at least 70% LĐTT; at least
    one CSTĐCS ✅. The article has no discipline clause (Tập thể lao động tiên tiến keeps one, Điều 28.1.c): none
    is checked unless the province's regulation adds one (setting)."""
    checks = [col.collective_rating(ctx, "luat2022.ttldxs.rating", ART_TTLDXS, "htxsnv"),
              col.all_members_completed(ctx, "luat2022.ttldxs.completed", ART_TTLDXS),
              col.member_share(ctx, "luat2022.ttldxs.share", ART_TTLDXS, TTLDXS_SHARE, strict=False),
              col.has_cstdcs_member(ctx, "luat2022.ttldxs.cstdcs", ART_TTLDXS)]
    mode = ctx.settings.ttldxs_discipline_clause
    if mode != "khong":
        checks.append(col.no_member_disciplined(ctx, "luat2022.ttldxs.discipline", ART_TTLDXS_DISCIPLINE,
                                                confirmed=mode == "bat_buoc"))
    return checks


@reads_years(0)
def province_flag(ctx: RuleContext) -> list[Check]:
    """Cờ thi đua cấp tỉnh — Luật 2022 Điều 26: a leading collective of a provincial cluster or bloc ❓."""
    return [col.leads_bloc(ctx, "luat2022.co_tinh.bloc", ART_FLAG, confirmed=False)]


@reads_years(1)
def bk_province(ctx: RuleContext) -> list[Check]:
    """Bằng khen của Chủ tịch UBND tỉnh. Individual — Luật 2022 Điều 74.1.d ✅: 2 consecutive years CSTĐCS, or
    2 consecutive years HTXSNV with 2 initiatives not already used for CSTĐCS; the other points of the clause
    are read from the file. Collective — Điều 74.2 ❓: 2 consecutive years HTXSNV."""
    years = [ctx.year - 1, ctx.year]
    ok, evidence = excellent_years(ctx, years)
    title = "02 năm liên tục hoàn thành xuất sắc nhiệm vụ"
    excellent = (passed("luat2022.bk_tinh.excellent", title, f"các năm {years[0]}, {years[1]}", ART_BK_PROVINCE,
                        evidence) if ok else
                 failed("luat2022.bk_tinh.excellent", title, f"không hoàn thành xuất sắc nhiệm vụ đủ hai năm "
                        f"{years[0]}, {years[1]}", ART_BK_PROVINCE, evidence,
                        confirmed=ctx.nomination.subject == "ca_nhan"))
    if ctx.nomination.subject != "ca_nhan":
        return [excellent if ok else failed(excellent.code, title, excellent.detail, ART_BK_PROVINCE_COLLECTIVE,
                                            evidence, confirmed=False)]
    usable, _ = initiatives(ctx, years, "co_so")
    two = (passed("luat2022.bk_tinh.initiatives", "02 sáng kiến chưa dùng để xét CSTĐCS", f"có {len(usable)} sáng kiến",
                  ART_BK_PROVINCE, [i.describe() for i in usable]) if len(usable) >= 2 else
           failed("luat2022.bk_tinh.initiatives", "02 sáng kiến chưa dùng để xét CSTĐCS",
                  f"chỉ có {len(usable)} sáng kiến chưa dùng trong các năm {years[0]}, {years[1]}", ART_BK_PROVINCE))
    paths = [Path("d", "02 năm liên tục Chiến sĩ thi đua cơ sở",
                  (chain_check(ctx, "luat2022.bk_tinh.chain", CSTDCS, 2, ART_BK_PROVINCE),)),
             Path("d", "02 năm liên tục hoàn thành xuất sắc nhiệm vụ và 02 sáng kiến", (excellent, two))]
    return [alternatives("luat2022.bk_tinh", "Một trong các tiêu chuẩn Bằng khen cấp tỉnh (cá nhân)", ART_BK_PROVINCE,
                         paths, {"a–c": "các thành tích khác của khoản 1 Điều 74"})]


def window_path(ctx: RuleContext, code: str, base: tuple[str, ...], article: str, *, excellent_year: bool
                ) -> tuple[Check, ...]:
    """A base award, then at least 5 consecutive years from HTTNV up to the proposal, with 3 CSTĐCS (and, for
    Huân chương Lao động hạng Ba, at least one year HTXSNV)."""
    window = window_since(ctx, base, ctx.year, "httnv")
    run = list(window.run_years)
    base_name = ctx.form_name(base[0])
    if window.base is None:
        return (failed(f"{code}.base", f"Đã được tặng {base_name}", f"chưa có {base_name}", article),)
    checks = [passed(f"{code}.window", "05 năm liên tục hoàn thành tốt nhiệm vụ trở lên",
                     f"{len(run)} năm liên tục sau {window.base.describe()}", article, window.evidence,
                     basis=[window.base.cite()])
              if window.ok(5) else
              failed(f"{code}.window", "05 năm liên tục hoàn thành tốt nhiệm vụ trở lên",
                     f"chỉ {len(run)} năm liên tục hoàn thành tốt nhiệm vụ trở lên sau {window.base.describe()}"
                     f"{window.gap()}", article, window.evidence)]
    titles = count_titles(ctx, CSTDCS, run)
    checks.append(passed(f"{code}.cstdcs", "Trong đó 03 lần Chiến sĩ thi đua cơ sở",
                         f"{len(titles)} lần: {', '.join(str(a.year) for a in titles)}", article,
                         [a.describe() for a in titles], basis=[a.cite() for a in titles if not a.pending])
                  if len(titles) >= 3 else
                  failed(f"{code}.cstdcs", "Trong đó 03 lần Chiến sĩ thi đua cơ sở",
                         f"chỉ {len(titles)} lần Chiến sĩ thi đua cơ sở trong các năm đó", article,
                         [a.describe() for a in titles]))
    if excellent_year:
        best = [y for y in run if rating_at_least(ctx.history.ratings.get(y), "htxsnv")]
        checks.append(passed(f"{code}.excellent", "Có ít nhất 01 năm hoàn thành xuất sắc nhiệm vụ", f"năm {best[0]}",
                             article) if best else
                      failed(f"{code}.excellent", "Có ít nhất 01 năm hoàn thành xuất sắc nhiệm vụ",
                             "không có năm nào hoàn thành xuất sắc nhiệm vụ trong các năm đó", article))
    return tuple(checks)


def bk_pm(ctx: RuleContext) -> list[Check]:
    """Bằng khen của Thủ tướng, individual — Luật 2022 Điều 73.1.b ✅: a Bằng khen cấp bộ/tỉnh, then at least 5
    consecutive years HTTNV or better up to the proposal, including 3 CSTĐCS. Collective criteria ❓: none."""
    if ctx.nomination.subject != "ca_nhan":
        return []
    path = Path("b", "Bằng khen cấp tỉnh, bộ rồi 05 năm liên tục, 03 lần CSTĐCS",
                window_path(ctx, "luat2022.bk_ttg", BK_PROVINCE, ART_BK_PM, excellent_year=False))
    return [alternatives("luat2022.bk_ttg", "Một trong các tiêu chuẩn Bằng khen của Thủ tướng (cá nhân)", ART_BK_PM,
                         [path], {"a, c": "các thành tích khác của khoản 1 Điều 73"})]


def hcld3(ctx: RuleContext) -> list[Check]:
    """Huân chương Lao động hạng Ba, individual — Luật 2022 Điều 44.1.e ✅: a Bằng khen của Thủ tướng, then at
    least 5 consecutive years HTTNV or better, with at least one year HTXSNV and 3 CSTĐCS. Point g (long service,
    NĐ 152 Điều 21) and Điều 44.2 (workers, farmers) are read from the file."""
    if ctx.nomination.subject != "ca_nhan":
        return []
    path = Path("e", "Bằng khen của Thủ tướng rồi 05 năm liên tục, 03 lần CSTĐCS, 01 năm HTXSNV",
                window_path(ctx, "luat2022.hcld3", BK_PM, ART_HCLD3, excellent_year=True))
    return [alternatives("luat2022.hcld3", "Một trong các tiêu chuẩn Huân chương Lao động hạng Ba (cá nhân)",
                         ART_HCLD3, [path], {"a–d, g": "các thành tích khác của khoản 1 Điều 44; khoản 2 Điều 44"})]


def make_general(title_pair_article: str, principle_article: str = ART_PRINCIPLES, *, title_pair_warns: bool = False
                 ) -> Callable[[RuleContext], list[Check]]:
    """The general checks of the 2022 Law's regimes, citing the given articles."""

    @reads_years(0)
    def general(ctx: RuleContext) -> list[Check]:
        return general_checks(ctx, principle_article=principle_article, principles_confirmed=True,
                              state_level_article=ART_STATE_LEVEL, state_level_confirmed=False,
                              title_pair_article=title_pair_article, title_pair_warns=title_pair_warns)
    return general


LAW_2022_RULES = {
    "CSTD_TINH": (cstd_province,), "CSTD_BO": (cstd_province,), "CSTD_TOAN_QUOC": (cstd_national,),
    "TTLDTT": (ttldtt,), "DVTT": (ttldtt,), "TTLDXS": (ttldxs,), "DVQT": (ttldxs,),
    "CO_TD_TINH": (province_flag,), "BK_TINH": (bk_province,), "BK_TTG": (bk_pm,), "HC_LAO_DONG_3": (hcld3,),
}
LAW_2022_CHAINS = (
    ChainTarget("CSTD_TINH", CSTDCS, 3, "và có sáng kiến, đề tài có phạm vi ảnh hưởng cấp tỉnh"),
    ChainTarget("BK_TINH", CSTDCS, 2, "(Điều 74 khoản 1 điểm d)"),
)

RULESET = RuleSet(REGIME, NAME, True, {"LDTT": (ldtt,), "CSTT": (ldtt,), "CSTDCS": (cstdcs,), **LAW_2022_RULES},
                  make_general(ART_TITLE_PAIR), chains=LAW_2022_CHAINS)
