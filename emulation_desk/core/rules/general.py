"""Checks every nomination gets, whatever its form: subject type, the form's validity, discipline and
investigation, duplicates (same form twice a year, one achievement at two levels, one person proposed
twice under different spellings), one state-level award a year, the CSTĐCS quota and council votes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from emulation_desk.core.catalog import SUBJECT_LABELS, Catalog
from emulation_desk.core.rules.common import CSTDCS, LDTT, RuleContext, discipline_in
from emulation_desk.core.rules.facts import AwardRecord, NominationFacts
from emulation_desk.core.rules.settings import QUOTA_SCOPES, VoteThreshold
from emulation_desk.core.rules.verdict import Check, failed, noted, passed, warned
from emulation_desk.core.text import fold, format_date, format_int, format_percent

STATE_LEVEL_EXEMPT_KINDS = ("dot_xuat", "cong_hien", "nien_han")


def subject_type(ctx: RuleContext) -> Check:
    """A form for individuals is not proposed for a collective, a household form not for a person…"""
    form, subject = ctx.form, ctx.nomination.subject
    title = "Đúng đối tượng của hình thức khen thưởng"
    allowed = ", ".join(SUBJECT_LABELS[s] for s in form.subjects)
    if subject in form.subjects:
        return passed("general.subject", title, f"{form.name} dành cho {allowed}", "Danh mục khen thưởng",
                      substantive=False)
    return failed("general.subject", title, f"{form.name} chỉ dành cho {allowed}, không xét cho "
                  f"{SUBJECT_LABELS.get(subject, subject)}", "Danh mục khen thưởng", substantive=False)


def form_in_force(ctx: RuleContext) -> Check | None:
    form, day = ctx.form, ctx.nomination.judged_on
    if form.valid_on(day):
        return None
    when = (f"chỉ áp dụng đến {format_date(form.valid_to)}" if form.valid_to and day > form.valid_to
            else f"chỉ áp dụng từ {format_date(form.valid_from)}" if form.valid_from else "không còn áp dụng")
    return failed("general.form_in_force", "Hình thức còn được áp dụng",
                  f"{form.name} {when} (ngày xét {format_date(day)})", form.source, substantive=False)


ART_DISSOLVED = ("TT 15/2025/TT-BNV: không khen thưởng tập thể đã giải thể, sáp nhập; thành tích trước khi sáp nhập "
                 "được tính cho đơn vị mới")


def subject_in_existence(ctx: RuleContext) -> Check | None:
    """A collective dissolved or merged away (its last day before the date judged) cannot receive a new award;
    its history counts for the unit it was merged into, where the clerk recorded the merge."""
    n = ctx.nomination
    if n.subject != "tap_the" or n.subject_valid_to is None or n.subject_valid_to >= n.judged_on:
        return None
    where = f", đã sáp nhập vào {n.successor_name} — hãy đề nghị cho {n.successor_name}" if n.successor_name else ""
    return failed("general.dissolved", "Tập thể còn tồn tại vào ngày xét",
                  f"{n.name} chỉ tồn tại đến {format_date(n.subject_valid_to)} (ngày xét {format_date(n.judged_on)})"
                  f"{where}", ART_DISSOLVED, substantive=False)


def discipline_principle(ctx: RuleContext, article: str, *, confirmed: bool) -> Check | None:
    """No award while a discipline is in force in the year (NĐ 98/2023 Điều 4: achievements count from the
    end of the penalty)."""
    if ctx.nomination.subject != "ca_nhan" or ctx.form.family in LDTT + CSTDCS:
        return None  # the LĐTT standard checks discipline itself
    found = discipline_in(ctx, ctx.year)
    title = "Không trong thời gian bị kỷ luật"
    if found:
        return failed("general.discipline", title, f"đang chịu {found[0]} trong năm {ctx.year}", article, found,
                      confirmed=confirmed, substantive=False)
    return passed("general.discipline", title, f"không có kỷ luật trong năm {ctx.year}", article, substantive=False)


def investigation(ctx: RuleContext, article: str, *, confirmed: bool) -> Check | None:
    if ctx.nomination.subject != "ca_nhan" or ctx.year not in ctx.history.investigated_years:
        return None
    return failed("general.investigation", "Không đang bị xem xét kỷ luật, điều tra, thanh tra",
                  f"năm {ctx.year} đang bị xem xét kỷ luật, điều tra, thanh tra hoặc có khiếu nại chưa giải quyết",
                  article, confirmed=confirmed, substantive=False)


ONE_ACHIEVEMENT = "Không khen thưởng nhiều lần, nhiều hình thức cho một thành tích (Luật TĐKT 2022 Điều 6)"


def overlapping_awards(ctx: RuleContext) -> list[AwardRecord]:
    """The subject's other awards whose achievement period shares a year with the nomination's."""
    found: dict[int, AwardRecord] = {}
    for year in ctx.nomination.period.years:
        for award in ctx.awards(year):
            found.setdefault(id(award), award)
    return list(found.values())


def duplicates(ctx: RuleContext, *, title_pair_article: str, one_achievement_article: str = ONE_ACHIEVEMENT,
               title_pair_warns: bool = False) -> list[Check]:
    """Same title for the same achievement year; LĐTT and CSTĐCS together; the same form twice for the year's
    merit; another merit award of the year at another level (one achievement rewarded twice). Years are
    achievement years: a title of 2023 signed in January 2024 is no duplicate of a title of 2024."""
    form, year = ctx.form, ctx.year
    kind = ctx.nomination.kind
    others = overlapping_awards(ctx)
    same_year = [a for a in others if a.period.contains(year)]
    checks: list[Check] = []
    title = "Không trùng khen thưởng trong năm"
    if form.category == "danh_hieu":
        same = [a for a in same_year if a.family == form.family]
        if same:
            checks.append(failed("general.duplicate", title, f"đã có {same[0].describe()}",
                                 "Mỗi danh hiệu thi đua chỉ xét một lần cho thành tích của một năm",
                                 [a.describe() for a in same], substantive=False))
        pair = CSTDCS if form.family in LDTT else LDTT if form.family in CSTDCS else ()
        both = [a for a in same_year if a.family in pair and a.feeds_chains]
        if both:
            make = warned if title_pair_warns else noted
            checks.append(make("general.title_pair", "Lao động tiên tiến và Chiến sĩ thi đua cơ sở cùng năm",
                               f"đã có {both[0].describe()} (biểu tổng hợp đếm người này ở cả hai dòng)",
                               title_pair_article, [a.describe() for a in both]))
        return checks
    own_decisions = {a.decision_id for a in ctx.history.awards if a.nomination_id == ctx.nomination.id}
    same = [a for a in others if a.form_code == form.code
            and ((kind == "cong_trang" and a.kind == "cong_trang")
                 or (a.decision_id and a.decision_id in own_decisions))]
    if same:
        exact = [a for a in same if a.period.contains(year)]
        if exact:
            checks.append(failed("general.duplicate", title, f"đã được tặng {exact[0].describe()}",
                                 one_achievement_article, [a.describe() for a in exact], substantive=False))
        else:
            checks.append(warned("general.duplicate", title, f"thành tích {ctx.nomination.period.label()} trùng một "
                                 f"phần với {same[0].describe()}", one_achievement_article,
                                 [a.describe() for a in same], substantive=False))
    elif kind == "cong_trang":
        levels = [a for a in same_year if a.category == "hinh_thuc" and a.kind == "cong_trang"]
        if levels:
            checks.append(warned("general.two_levels", "Một thành tích không khen ở hai cấp",
                                 f"cùng năm đã có {levels[0].describe()} theo công trạng — có thể một thành tích "
                                 "được khen hai lần", one_achievement_article, [a.describe() for a in levels],
                                 substantive=False))
    return checks


def one_state_award(ctx: RuleContext, article: str, *, confirmed: bool, since: date | None = None) -> Check | None:
    """At most one state-level form a year for a subject (Huân/Huy chương, danh hiệu vinh dự, giải thưởng,
    Bằng khen Thủ tướng), except đột xuất, cống hiến, niên hạn (TT 12/2019/TT-BNV)."""
    form = ctx.form
    if form.level != "nha_nuoc" or form.category != "hinh_thuc" or ctx.nomination.kind in STATE_LEVEL_EXEMPT_KINDS:
        return None
    if since is not None and ctx.nomination.judged_on < since:
        return None
    others = [a for a in ctx.awards(ctx.year) if a.year == ctx.year and a.level == "nha_nuoc"
              and a.category == "hinh_thuc" and a.kind not in STATE_LEVEL_EXEMPT_KINDS]
    title = "Mỗi năm không quá một hình thức khen thưởng cấp Nhà nước"
    if others:
        return failed("general.state_level", title, f"cùng năm đã có {others[0].describe()}", article,
                      [a.describe() for a in others], confirmed=confirmed, substantive=False)
    return None


def cstdcs_quota(ctx: RuleContext, article: str, *, unset: str, limit: str) -> Check:
    """CSTĐCS at most the set percentage of the people who reached the LĐTT standard, over the whole office
    or per proposing unit (setting). Exceeding it is a year-level problem: every CSTĐCS proposal of the scope
    gets a warning and the council decides whom to keep. ``unset`` says why nothing is checked when the
    regime's rate is empty; ``limit`` names whose rate it is ("tỷ lệ của tỉnh")."""
    percent = ctx.settings.quota_for(ctx.regime)
    title = "Tỷ lệ Chiến sĩ thi đua cơ sở"
    if percent is None:
        return noted("quota.cstdcs", title, unset, article)
    scope = ctx.settings.cstdcs_quota_scope
    if scope == "tung_don_vi":
        unit = ctx.nomination.unit_id or ""
        part, whole = ctx.quota.cstdcs_by_unit.get(unit, 0), ctx.quota.standard_by_unit.get(unit, 0)
        where = ctx.quota.unit_names.get(unit, ctx.nomination.unit_name or "đơn vị")
    else:
        part, whole = ctx.quota.cstdcs_total, ctx.quota.standard_total
        where = QUOTA_SCOPES[scope]
    if not whole:
        return warned("quota.cstdcs", title, f"chưa có ai đạt tiêu chuẩn Lao động tiên tiến năm {ctx.year} ({where})",
                      article)
    ratio = (Decimal(part) * 100 / whole).quantize(Decimal("0.1"))
    detail = (f"{format_int(part)}/{format_int(whole)} người đạt tiêu chuẩn LĐTT ({format_percent(ratio)}) "
              f"được đề nghị Chiến sĩ thi đua cơ sở ({where})")
    if Decimal(part) * 100 <= percent * whole:
        return passed("quota.cstdcs", title, f"{detail}, không quá {format_percent(percent)} ({limit})", article)
    return warned("quota.cstdcs", title, f"{detail}, vượt mức {format_percent(percent)} ({limit}) — Hội đồng cần "
                  "chọn lại", article)


VOTES_SETTING = "Tỷ lệ theo thiết lập của cơ quan (quy chế Hội đồng Thi đua - Khen thưởng)"


def council_votes(ctx: RuleContext, defaults: Mapping[str, VoteThreshold] | None = None,
                  default_article: str = "") -> Check | None:
    """The council's yes votes against the threshold of the form: the office's setting, else the regime's
    default where its text fixes one (``defaults``, citing ``default_article``); no check otherwise."""
    code = ctx.nomination.form_code
    threshold = ctx.settings.vote_thresholds.get(code)
    article = VOTES_SETTING
    if threshold is None and defaults and code in defaults:
        threshold, article = defaults[code], default_article
    if threshold is None:
        return None
    n = ctx.nomination
    base = n.votes_members if threshold.base == "all_members" else n.votes_present
    title = f"Được từ {format_percent(threshold.percent)} phiếu đồng ý của Hội đồng"
    if n.votes_yes is None or not base:
        return warned("general.votes", title, "chưa ghi kết quả bỏ phiếu", article, substantive=False)
    ratio = (Decimal(n.votes_yes) * 100 / base).quantize(Decimal("0.1"))
    detail = f"{n.votes_yes}/{base} phiếu đồng ý ({format_percent(ratio)})"
    if Decimal(n.votes_yes) * 100 >= threshold.percent * base:
        return passed("general.votes", title, detail, article, substantive=False)
    return failed("general.votes", title, f"chỉ được {detail}", article, substantive=False)


def spelling_duplicates(nominations: Sequence[NominationFacts], catalog: Catalog) -> dict[str, list[Check]]:
    """A person proposed twice under slightly different spellings: different person records with the same
    folded name, birth year and unit. Both proposals get a warning naming the other."""
    groups: dict[tuple[str, int, str], list[NominationFacts]] = {}
    for n in nominations:
        if n.subject == "ca_nhan" and n.birth_year and n.unit_id:
            groups.setdefault((n.name_key or fold(n.name), n.birth_year, n.unit_id), []).append(n)
    found: dict[str, list[Check]] = {}
    for members in groups.values():
        if len({n.subject_id for n in members}) < 2:
            continue
        for n in members:
            others = [m for m in members if m.subject_id != n.subject_id]
            evidence = [f"«{m.name}», sinh năm {m.birth_year}, đề nghị {catalog.form(m.form_code).name}"
                        for m in others]
            found.setdefault(n.id, []).append(warned(
                "general.same_person", "Không đề nghị một người hai lần dưới hai cách viết tên",
                f"có thể trùng người với «{others[0].name}» (cùng năm sinh {n.birth_year}, cùng đơn vị)",
                "Kiểm tra hồ sơ cá nhân", evidence, substantive=False))
    return found


def general_checks(ctx: RuleContext, *, principle_article: str, principles_confirmed: bool,
                   state_level_article: str, state_level_confirmed: bool, state_level_since: date | None = None,
                   title_pair_article: str = "", one_achievement_article: str = ONE_ACHIEVEMENT,
                   title_pair_warns: bool = False, vote_defaults: Mapping[str, VoteThreshold] | None = None,
                   vote_article: str = "") -> list[Check]:
    """Every general check for one nomination, in explanation order."""
    checks: list[Check | None] = [
        subject_type(ctx), form_in_force(ctx), subject_in_existence(ctx),
        discipline_principle(ctx, principle_article, confirmed=principles_confirmed),
        investigation(ctx, principle_article, confirmed=principles_confirmed),
        *duplicates(ctx, title_pair_article=title_pair_article or "Cách đếm của biểu tổng hợp",
                    one_achievement_article=one_achievement_article, title_pair_warns=title_pair_warns),
        one_state_award(ctx, state_level_article, confirmed=state_level_confirmed, since=state_level_since),
        council_votes(ctx, vote_defaults, vote_article),
    ]
    return [c for c in checks if c is not None]

