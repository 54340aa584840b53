"""Predicates on a collective's year: members who reached the LĐTT standard, discipline of members,
the collective's rating, members' ratings, its place in its emulation bloc."""

from __future__ import annotations

from decimal import Decimal

from emulation_desk.core.rules.common import RuleContext
from emulation_desk.core.rules.facts import WARNING, CollectiveYear, rating_at_least, rating_label
from emulation_desk.core.rules.verdict import Check, failed, missing, passed, warned
from emulation_desk.core.text import format_percent


def collective_year(ctx: RuleContext, year: int | None = None) -> CollectiveYear | None:
    return ctx.history.collective_years.get(year or ctx.year)


def missing_data(ctx: RuleContext, code: str, article: str) -> Check:
    return missing(code, "Số liệu của tập thể trong năm",
                   f"chưa có số liệu năm {ctx.year} của tập thể (tổng số thành viên, số hoàn thành nhiệm vụ, số đạt "
                   "danh hiệu)", article, needs=[f"số liệu năm {ctx.year} của tập thể"])


def _share(part: int, whole: int) -> str:
    return format_percent((Decimal(part) * 100 / whole).quantize(Decimal("0.1"))) if whole else "—"


def member_share(ctx: RuleContext, code: str, article: str, min_percent: int, *, strict: bool,
                 confirmed: bool = True) -> Check:
    """Members who reached the LĐTT standard (LĐTT/CSTT/CSTĐCS held or proposed this year) over the head count:
    more than (``strict``) or at least ``min_percent``%."""
    cy = collective_year(ctx)
    if cy is None or not cy.head_count:
        return missing_data(ctx, code, article)
    sign = "trên" if strict else "từ"
    title = f"Có {sign} {min_percent}% thành viên đạt danh hiệu Lao động tiên tiến"
    part, whole = cy.standard_members, cy.head_count
    ok = part * 100 > min_percent * whole if strict else part * 100 >= min_percent * whole
    detail = f"{part}/{whole} thành viên ({_share(part, whole)}) đạt Lao động tiên tiến hoặc Chiến sĩ thi đua cơ sở"
    if ok:
        return passed(code, title, detail, article)
    return failed(code, title, f"chỉ {detail} năm {ctx.year}, cần {sign} {min_percent}%", article, confirmed=confirmed)


def no_member_disciplined(ctx: RuleContext, code: str, article: str, *, confirmed: bool = True) -> Check:
    """No member disciplined at "cảnh cáo" or above during the year."""
    cy = collective_year(ctx)
    title = "Không có thành viên bị kỷ luật từ cảnh cáo trở lên"
    if cy is None:
        return missing_data(ctx, code, article)
    serious = [m for m in cy.member_disciplines if m.record.severity >= WARNING and m.record.overlaps_year(ctx.year)]
    evidence = [f"{m.person_name}: {m.record.describe()}" for m in serious]
    if serious:
        return failed(code, title, f"có thành viên bị kỷ luật «{serious[0].record.form}» năm {ctx.year} "
                      f"({serious[0].person_name})", article, evidence, confirmed=confirmed)
    known = len([m for m in cy.member_disciplines if m.record.overlaps_year(ctx.year)])
    if cy.declared_disciplined and cy.declared_disciplined > known:
        return warned(code, title, f"tập thể khai {cy.declared_disciplined} thành viên bị kỷ luật năm {ctx.year} "
                      "nhưng chưa ghi hình thức kỷ luật — hãy kiểm tra", article)
    return passed(code, title, f"không có thành viên bị kỷ luật từ cảnh cáo trở lên năm {ctx.year}", article)


def collective_rating(ctx: RuleContext, code: str, article: str, minimum: str, *, confirmed: bool = True) -> Check:
    cy = collective_year(ctx)
    title = f"Tập thể xếp loại từ {rating_label(minimum).lower()} trở lên"
    if cy is None or cy.rating is None:
        return missing(code, title, f"chưa có kết quả xếp loại năm {ctx.year} của tập thể", article,
                       needs=[f"xếp loại năm {ctx.year} của tập thể"])
    detail = f"năm {ctx.year} tập thể xếp loại {rating_label(cy.rating)}"
    if rating_at_least(cy.rating, minimum):
        return passed(code, title, detail, article)
    return failed(code, title, f"{detail}, chưa đạt mức {rating_label(minimum).lower()}", article, confirmed=confirmed)


def all_members_completed(ctx: RuleContext, code: str, article: str, *, confirmed: bool = True) -> Check:
    cy = collective_year(ctx)
    title = "100% thành viên hoàn thành nhiệm vụ trở lên"
    if cy is None or not cy.head_count or cy.completed_count is None:
        return missing_data(ctx, code, article)
    detail = f"{cy.completed_count}/{cy.head_count} thành viên hoàn thành nhiệm vụ trở lên năm {ctx.year}"
    if cy.completed_count >= cy.head_count:
        return passed(code, title, detail, article)
    return failed(code, title, f"chỉ {detail}", article, confirmed=confirmed)


def has_cstdcs_member(ctx: RuleContext, code: str, article: str, *, confirmed: bool = True) -> Check:
    cy = collective_year(ctx)
    title = "Có cá nhân đạt Chiến sĩ thi đua cơ sở"
    if cy is None:
        return missing_data(ctx, code, article)
    if cy.cstdcs_members:
        return passed(code, title, f"{cy.cstdcs_members} thành viên đạt Chiến sĩ thi đua cơ sở năm {ctx.year}", article)
    return failed(code, title, f"năm {ctx.year} không có thành viên đạt Chiến sĩ thi đua cơ sở", article,
                  confirmed=confirmed)


def leads_bloc(ctx: RuleContext, code: str, article: str, *, confirmed: bool = True) -> Check:
    """The collective leads its emulation bloc (khối thi đua) of the year by total score."""
    cy = collective_year(ctx)
    title = "Dẫn đầu khối thi đua"
    if cy is None or cy.bloc_rank is None:
        return warned(code, title, f"tập thể không có điểm chấm trong khối thi đua năm {ctx.year}", article)
    detail = f"xếp thứ {cy.bloc_rank}/{cy.bloc_size} trong {cy.bloc_name} năm {ctx.year}"
    if cy.bloc_rank == 1:
        return passed(code, title, f"dẫn đầu {cy.bloc_name} năm {ctx.year}", article)
    return failed(code, title, f"chỉ {detail}", article, confirmed=confirmed)
