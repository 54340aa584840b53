"""Regime A — Luật TĐKT 2003 (sửa đổi 2005, 2013), NĐ 91/2017/NĐ-CP, TT 12/2019/TT-BNV: decisions from
01/10/2017 to 31/12/2023 (eligibility.md §2).

Each rule is a function of a :class:`RuleContext`; its docstring names the article it encodes and the
confidence of the source (✅ quoted article, ⚠️ secondary source, ❓ recalled); the articles the clerk reads
say it in words. A rule whose text is not confirmed reports a failure as a warning ("cần xem lại"), never as
a rejection.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from emulation_desk.core.rules import collective as col
from emulation_desk.core.rules.common import (
    BK_PM,
    BK_PROVINCE,
    CSTD_PROVINCE,
    CSTDCS,
    FLAG_PROVINCE,
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
from emulation_desk.core.rules.general import cstdcs_quota, general_checks
from emulation_desk.core.rules.ruleset import ChainTarget, RuleSet, reads_years
from emulation_desk.core.rules.settings import VoteThreshold
from emulation_desk.core.rules.verdict import Check, failed, passed, secondary, unconfirmed, warned

REGIME = "ND91_2017"
NAME = "Luật TĐKT 2003 (sửa đổi 2013), Nghị định 91/2017/NĐ-CP"

LDTT_MIN_MONTHS = 10  # NĐ 91/2017: no LĐTT for people recruited less than 10 months ✅ (O1, O10)
TTLDTT_SHARE = 50  # Luật 2003 Điều 28: "trên 50%" of members LĐTT ✅ (O2)
TTLDXS_SHARE = 70  # Luật 2003 Điều 27 (2013 text): at least 70% LĐTT ⚠️ (O5)

ART_LDTT = "Luật TĐKT 2003 Điều 24; NĐ 91/2017/NĐ-CP (tiêu chuẩn Lao động tiên tiến)"
ART_CSTDCS = "Luật TĐKT 2003 Điều 23; NĐ 91/2017/NĐ-CP Điều 9"
ART_QUOTA = "NĐ 91/2017/NĐ-CP Điều 9 khoản 3: không quá 15% số người đạt Lao động tiên tiến, tỉnh quy định tỷ lệ cụ thể"
QUOTA_UNSET = "đã bỏ trống tỷ lệ trong phần Thiết lập nên không kiểm tra (NĐ 91/2017: không quá 15%)"
QUOTA_LIMIT = "theo NĐ 91/2017/NĐ-CP Điều 9 khoản 3 và thiết lập của tỉnh"
ART_CSTD_PROVINCE = "Luật TĐKT 2003 Điều 22; NĐ 91/2017/NĐ-CP Điều 9"
ART_CSTD_NATIONAL = "Luật TĐKT 2003 Điều 21; NĐ 91/2017/NĐ-CP Điều 9 khoản 1"
ART_TTLDTT = "Luật TĐKT 2003 Điều 28"
ART_TTLDXS = secondary("Luật TĐKT 2003 Điều 27 (văn bản sửa đổi 2013)")
ART_FLAG = unconfirmed("NĐ 91/2017/NĐ-CP: Cờ thi đua cấp tỉnh cho tập thể dẫn đầu cụm, khối thi đua")
ART_BK_PROVINCE = unconfirmed("NĐ 91/2017/NĐ-CP Điều 39 (tiêu chuẩn Bằng khen cấp tỉnh)")
ART_BK_PM = secondary("NĐ 91/2017/NĐ-CP Điều 38 (Bằng khen của Thủ tướng Chính phủ)")
ART_HCLD3 = secondary("NĐ 91/2017/NĐ-CP Điều 24 (Huân chương Lao động hạng Ba; như NĐ 65/2014/NĐ-CP Điều 17)")
ART_PRINCIPLES = unconfirmed("Luật TĐKT 2003; NĐ 91/2017/NĐ-CP: không xét khen thưởng người đang bị kỷ luật, "
                             "xem xét kỷ luật")
ART_ONE_ACHIEVEMENT = unconfirmed("Khen thưởng đúng thành tích, không khen hai lần cho một thành tích (Luật TĐKT 2003 "
                                  "Điều 6)")
ART_STATE_LEVEL = "TT 12/2019/TT-BNV (từ 01/01/2020): mỗi năm không quá một hình thức khen thưởng cấp Nhà nước"
ART_VOTES = ("NĐ 91/2017/NĐ-CP Điều 45 khoản 8: Hội đồng cấp tỉnh bỏ phiếu kín, từ 90% tổng số thành viên "
             "(thành viên vắng mặt bỏ phiếu bằng văn bản)")
VOTE_LEVEL = "tinh"  # Điều 45.8 binds the council of the province (or ministry), "cùng cấp" with the title
VOTE_DEFAULTS = {code: VoteThreshold(Decimal(90), "all_members")
                 for code in ("CSTD_TINH", "CSTD_BO", "CSTD_TOAN_QUOC", "AH_LAO_DONG", "AH_LLVTND")}
STATE_LEVEL_SINCE = date(2020, 1, 1)


@reads_years(0)
def ldtt(ctx: RuleContext) -> list[Check]:
    """Lao động tiên tiến / Chiến sĩ tiên tiến — Luật 2003 Điều 24; NĐ 91/2017: HTTNV; not recruited less than
    10 months; no discipline from khiển trách up ✅."""
    return ldtt_checks(ctx, ctx.year, LDTT_MIN_MONTHS, ART_LDTT, "nd91.ldtt")


@reads_years(0)
def cstdcs(ctx: RuleContext) -> list[Check]:
    """Chiến sĩ thi đua cơ sở — Luật 2003 Điều 23; NĐ 91/2017 Điều 9: the LĐTT title (standard) of the year and
    an initiative, research topic or combat ingenuity recognised at the base; HTXSNV alone is not enough ✅.
    Quota: NĐ 91 Điều 9.3 (15%, or the province's lower rate: setting)."""
    usable, used = initiatives(ctx, [ctx.year], "co_so")
    title = "Có sáng kiến, đề tài được công nhận"
    if usable:
        initiative = passed("nd91.cstdcs.initiative", title, f"có {usable[0].describe()}", ART_CSTDCS,
                            [i.describe() for i in usable])
    else:
        why = f" ({used[0].describe()} đã được dùng để xét khen thưởng khác)" if used else ""
        initiative = failed("nd91.cstdcs.initiative", title,
                            f"năm {ctx.year} không có sáng kiến, đề tài được công nhận{why}", ART_CSTDCS)
    return [ldtt_prerequisite(ctx, ctx.year, LDTT_MIN_MONTHS, ART_CSTDCS, "nd91.cstdcs.ldtt"), initiative,
            cstdcs_quota(ctx, ART_QUOTA, unset=QUOTA_UNSET, limit=QUOTA_LIMIT)]


@reads_years(2)
def cstd_province(ctx: RuleContext) -> list[Check]:
    """Chiến sĩ thi đua cấp tỉnh/bộ — Luật 2003 Điều 22; NĐ 91/2017 Điều 9: 3 consecutive years CSTĐCS and an
    initiative with province- or ministry-wide effect ✅."""
    years = list(range(ctx.year - 2, ctx.year + 1))
    return [chain_check(ctx, "nd91.cstd_tinh.chain", CSTDCS, 3, ART_CSTD_PROVINCE),
            initiative_check(ctx, "nd91.cstd_tinh.initiative", years, "tinh", ART_CSTD_PROVINCE)]


def cstd_national(ctx: RuleContext) -> list[Check]:
    """Chiến sĩ thi đua toàn quốc — Luật 2003 Điều 21; NĐ 91/2017 Điều 9.1: two successive CSTĐ cấp tỉnh/bộ and
    an initiative with nationwide effect ✅ (a provincial CSTĐ comes at most every 3 years)."""
    chain = consecutive_times(ctx, CSTD_PROVINCE, 2, ctx.year, max_gap=3)
    title = "02 lần liên tục đạt Chiến sĩ thi đua cấp tỉnh, bộ"
    if chain.ok:
        times = passed("nd91.cstdtq.chain", title, f"đạt các năm {', '.join(map(str, chain.years))}", ART_CSTD_NATIONAL,
                       chain.evidence())
    else:
        times = failed("nd91.cstdtq.chain", title,
                       f"chỉ có {len(chain.run)} lần Chiến sĩ thi đua cấp tỉnh, bộ liên tục", ART_CSTD_NATIONAL,
                       chain.evidence())
    years = list(range(ctx.year - 5, ctx.year + 1))
    return [times, initiative_check(ctx, "nd91.cstdtq.initiative", years, "toan_quoc", ART_CSTD_NATIONAL)]


@reads_years(0)
def ttldtt(ctx: RuleContext) -> list[Check]:
    """Tập thể lao động tiên tiến — Luật 2003 Điều 28: HTTNV; more than 50% of members LĐTT; no member
    disciplined at cảnh cáo or above ✅."""
    return [col.collective_rating(ctx, "nd91.ttldtt.rating", ART_TTLDTT, "httnv"),
            col.member_share(ctx, "nd91.ttldtt.share", ART_TTLDTT, TTLDTT_SHARE, strict=True),
            col.no_member_disciplined(ctx, "nd91.ttldtt.discipline", ART_TTLDTT)]


@reads_years(0)
def ttldxs(ctx: RuleContext) -> list[Check]:
    """Tập thể lao động xuất sắc — Luật 2003 Điều 27 (2013): 100% HTNV, at least 70% LĐTT, at least one CSTĐCS,
    no member disciplined at cảnh cáo or above ⚠️ (company page only: failures are warnings)."""
    return [col.all_members_completed(ctx, "nd91.ttldxs.completed", ART_TTLDXS, confirmed=False),
            col.member_share(ctx, "nd91.ttldxs.share", ART_TTLDXS, TTLDXS_SHARE, strict=False, confirmed=False),
            col.has_cstdcs_member(ctx, "nd91.ttldxs.cstdcs", ART_TTLDXS, confirmed=False),
            col.no_member_disciplined(ctx, "nd91.ttldxs.discipline", ART_TTLDXS, confirmed=False)]


@reads_years(0)
def province_flag(ctx: RuleContext) -> list[Check]:
    """Cờ thi đua cấp tỉnh — NĐ 91/2017: the leading collective of a provincial cluster or bloc ❓."""
    return [col.leads_bloc(ctx, "nd91.co_tinh.bloc", ART_FLAG, confirmed=False)]


@reads_years(1)
def bk_province(ctx: RuleContext) -> list[Check]:
    """Bằng khen cấp tỉnh — NĐ 91/2017 Điều 39 ❓ (recalled): an individual with 2 consecutive years HTXSNV and
    2 initiatives at the base; a collective with 2 consecutive years HTXSNV."""
    years = [ctx.year - 1, ctx.year]
    ok, evidence = excellent_years(ctx, years)
    title = "02 năm liên tục hoàn thành xuất sắc nhiệm vụ"
    checks = [passed("nd91.bk_tinh.excellent", title, f"hoàn thành xuất sắc nhiệm vụ các năm {years[0]}, {years[1]}",
                     ART_BK_PROVINCE, evidence) if ok else
              failed("nd91.bk_tinh.excellent", title, f"không hoàn thành xuất sắc nhiệm vụ đủ hai năm {years[0]}, "
                     f"{years[1]}", ART_BK_PROVINCE, evidence, confirmed=False)]
    if ctx.nomination.subject == "ca_nhan":
        usable, _ = initiatives(ctx, years, "co_so")
        title = "02 sáng kiến được công nhận trong hai năm"
        checks.append(passed("nd91.bk_tinh.initiatives", title, f"có {len(usable)} sáng kiến", ART_BK_PROVINCE,
                             [i.describe() for i in usable]) if len(usable) >= 2 else
                      failed("nd91.bk_tinh.initiatives", title, f"chỉ có {len(usable)} sáng kiến trong các năm "
                             f"{years[0]}, {years[1]}", ART_BK_PROVINCE, [i.describe() for i in usable],
                             confirmed=False))
    return checks


def bk_pm(ctx: RuleContext) -> list[Check]:
    """Bằng khen của Thủ tướng — NĐ 91/2017 Điều 38 ⚠️. Individual, one of: (a) outstanding in a movement of 3
    years or more; (b) achievements with province-wide effect; (c) a Bằng khen cấp tỉnh/bộ, then 5 consecutive
    years HTXSNV and 5 initiatives. Collective: a Bằng khen cấp tỉnh/bộ, then 5 consecutive years HTXSNV with
    at least one Cờ thi đua cấp tỉnh/bộ (NĐ 65/2014 Điều 23.3c)."""
    window = window_since(ctx, BK_PROVINCE, ctx.year, "htxsnv")
    run = list(window.run_years)
    since = f"sau {window.base.describe()}" if window.base else "chưa có Bằng khen cấp tỉnh, bộ"
    five = (passed("nd91.bk_ttg.window", "05 năm liên tục hoàn thành xuất sắc nhiệm vụ",
                   f"{len(run)} năm liên tục {since}", ART_BK_PM, window.evidence,
                   basis=[window.base.cite()] if window.base else []) if window.ok(5) else
            failed("nd91.bk_ttg.window", "05 năm liên tục hoàn thành xuất sắc nhiệm vụ",
                   f"chỉ {len(run)} năm liên tục hoàn thành xuất sắc nhiệm vụ {since}{window.gap()}" if window.base
                   else since,
                   ART_BK_PM, window.evidence, confirmed=False))
    if ctx.nomination.subject == "ca_nhan":
        usable, _ = initiatives(ctx, run, "co_so")
        enough = (passed("nd91.bk_ttg.initiatives", "05 sáng kiến", f"có {len(usable)} sáng kiến", ART_BK_PM)
                  if len(usable) >= 5 else
                  failed("nd91.bk_ttg.initiatives", "05 sáng kiến", f"chỉ có {len(usable)} sáng kiến trong các năm đó",
                         ART_BK_PM, confirmed=False))
        path = Path("c", "Bằng khen cấp tỉnh, bộ rồi 05 năm hoàn thành xuất sắc nhiệm vụ và 05 sáng kiến",
                    (five, enough))
        return [alternatives("nd91.bk_ttg", "Một trong các tiêu chuẩn Bằng khen của Thủ tướng", ART_BK_PM, [path],
                             {"a": "tiêu biểu trong phong trào thi đua từ 03 năm trở lên",
                              "b": "thành tích có phạm vi ảnh hưởng trong tỉnh, bộ"}, confirmed=False)]
    flags = count_titles(ctx, FLAG_PROVINCE, run)
    flag = (passed("nd91.bk_ttg.flag", "Có Cờ thi đua cấp tỉnh, bộ trong các năm đó", flags[0].describe(), ART_BK_PM,
                   basis=[flags[0].cite()])
            if flags else failed("nd91.bk_ttg.flag", "Có Cờ thi đua cấp tỉnh, bộ trong các năm đó",
                                 "không có Cờ thi đua cấp tỉnh, bộ trong các năm đó", ART_BK_PM, confirmed=False))
    return [five, flag]


def _after_pm_award(ctx: RuleContext) -> tuple[list[int], list[Check]]:
    """A Bằng khen của Thủ tướng, then 05 consecutive years "lập được thành tích xuất sắc" (read as HTXSNV)."""
    window = window_since(ctx, BK_PM, ctx.year, "htxsnv")
    title = "Bằng khen của Thủ tướng rồi 05 năm liên tục hoàn thành xuất sắc nhiệm vụ"
    if window.base is None:
        return [], [failed("nd91.hcld3.window", title, "chưa có Bằng khen của Thủ tướng Chính phủ", ART_HCLD3,
                           confirmed=False)]
    run = list(window.run_years)
    since = f"sau {window.base.describe()}"
    if window.ok(5):
        return run, [passed("nd91.hcld3.window", title, f"{len(run)} năm liên tục {since}", ART_HCLD3, window.evidence,
                            basis=[window.base.cite()])]
    return run, [failed("nd91.hcld3.window", title, f"chỉ {len(run)} năm liên tục hoàn thành xuất sắc nhiệm vụ "
                        f"{since}{window.gap()}", ART_HCLD3, window.evidence, confirmed=False)]


def hcld3(ctx: RuleContext) -> list[Check]:
    """Huân chương Lao động hạng Ba — NĐ 91/2017 Điều 24 ⚠️ (text seen as NĐ 65/2014 Điều 17, which NĐ 91 carried
    over). Individual, point 1.b: a Bằng khen của Thủ tướng, then 05 consecutive years of excellent results with
    02 initiatives applied at ministry or province scope. Collective, point 4.b: 10 years of existence, a Bằng
    khen của Thủ tướng, then 05 consecutive years HTXSNV with 02 Cờ thi đua cấp tỉnh/bộ, or 01 Cờ and 02 Bằng
    khen cấp tỉnh/bộ. The other points (đột xuất, workers and farmers, long service) are read from the file."""
    run, checks = _after_pm_award(ctx)
    if ctx.nomination.subject == "ca_nhan":
        usable, _ = initiatives(ctx, run, "tinh")
        title = "02 sáng kiến áp dụng trong phạm vi cấp tỉnh, bộ"
        checks.append(passed("nd91.hcld3.initiatives", title, f"có {len(usable)} sáng kiến", ART_HCLD3,
                             [i.describe() for i in usable]) if len(usable) >= 2 else
                      failed("nd91.hcld3.initiatives", title, f"chỉ có {len(usable)} sáng kiến cấp tỉnh, bộ trong "
                             "các năm đó", ART_HCLD3, [i.describe() for i in usable], confirmed=False))
        path = Path("b", "Bằng khen của Thủ tướng rồi 05 năm xuất sắc và 02 sáng kiến cấp tỉnh", tuple(checks))
        return [alternatives("nd91.hcld3", "Một trong các tiêu chuẩn Huân chương Lao động hạng Ba (cá nhân)", ART_HCLD3,
                             [path], {"a": "thành tích xuất sắc đột xuất, công trình, sáng kiến cấp tỉnh xuất sắc",
                                      "khoản 2, 3": "công nhân, nông dân; quá trình cống hiến"}, confirmed=False)]
    flags, praises = count_titles(ctx, FLAG_PROVINCE, run), count_titles(ctx, BK_PROVINCE, run)
    title = "02 Cờ thi đua cấp tỉnh, bộ hoặc 01 Cờ và 02 Bằng khen cấp tỉnh, bộ trong các năm đó"
    found = [a.cite() for a in flags + praises]
    enough = len(flags) >= 2 or (len(flags) >= 1 and len(praises) >= 2)
    checks.append(passed("nd91.hcld3.flags", title, f"{len(flags)} Cờ thi đua, {len(praises)} Bằng khen", ART_HCLD3,
                         found, basis=found) if enough else
                  failed("nd91.hcld3.flags", title, f"chỉ có {len(flags)} Cờ thi đua và {len(praises)} Bằng khen cấp "
                         "tỉnh, bộ trong các năm đó", ART_HCLD3, found, confirmed=False))
    checks.append(warned("nd91.hcld3.history", "Quá trình xây dựng, phát triển từ 10 năm trở lên",
                         "hồ sơ không ghi năm thành lập — hãy đối chiếu hồ sơ", ART_HCLD3))
    path = Path("b", "10 năm xây dựng, Bằng khen của Thủ tướng rồi 05 năm xuất sắc, Cờ thi đua", tuple(checks))
    return [alternatives("nd91.hcld3", "Một trong các tiêu chuẩn Huân chương Lao động hạng Ba (tập thể)", ART_HCLD3,
                         [path], {"a": "thành tích xuất sắc có phạm vi ảnh hưởng trong tỉnh, bộ"}, confirmed=False)]


@reads_years(0)
def general(ctx: RuleContext) -> list[Check]:
    return general_checks(ctx, principle_article=ART_PRINCIPLES, principles_confirmed=False,
                          state_level_article=ART_STATE_LEVEL, state_level_confirmed=True,
                          state_level_since=STATE_LEVEL_SINCE, one_achievement_article=ART_ONE_ACHIEVEMENT,
                          title_pair_article="Cách đếm của biểu tổng hợp: người đạt CSTĐCS không ghi thêm LĐTT",
                          vote_defaults=VOTE_DEFAULTS if ctx.settings.council_level == VOTE_LEVEL else None,
                          vote_article=ART_VOTES)


RULES = {
    "LDTT": (ldtt,), "CSTT": (ldtt,), "CSTDCS": (cstdcs,),
    "CSTD_TINH": (cstd_province,), "CSTD_BO": (cstd_province,), "CSTD_TOAN_QUOC": (cstd_national,),
    "TTLDTT": (ttldtt,), "DVTT": (ttldtt,), "TTLDXS": (ttldxs,), "DVQT": (ttldxs,),
    "CO_TD_TINH": (province_flag,), "BK_TINH": (bk_province,), "BK_TTG": (bk_pm,), "HC_LAO_DONG_3": (hcld3,),
}

RULESET = RuleSet(REGIME, NAME, True, RULES, general, chains=(
    ChainTarget("CSTD_TINH", CSTDCS, 3, "và có sáng kiến, đề tài có phạm vi ảnh hưởng cấp tỉnh"),
))
