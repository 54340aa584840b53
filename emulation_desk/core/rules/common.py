"""Shared predicates of the eligibility rules: the context a rule reads, chains across years, windows
after a base award, initiatives, the LĐTT standard, and lettered alternatives.

Every predicate returns what it found (years, decisions, records) so that a check can cite its evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from emulation_desk.core.catalog import AwardForm, Catalog
from emulation_desk.core.rules.facts import (
    REPRIMAND,
    SCOPE_RANK,
    AwardRecord,
    InitiativeRecord,
    NominationFacts,
    QuotaFacts,
    SubjectHistory,
    months_worked,
    rating_at_least,
    rating_label,
)
from emulation_desk.core.rules.settings import EligibilitySettings
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
    warned,
    worst,
)
from emulation_desk.core.text import format_date

# Form families the rules talk about (see the catalog's "family" keys).
LDTT = ("ldtt",)  # Lao động tiên tiến, Chiến sĩ tiên tiến
CSTDCS = ("cstdcs",)
STANDARD = LDTT + CSTDCS  # holding either means the LĐTT standard was reached
CSTD_PROVINCE = ("cstd_tinh", "cstd_bo")
BK_PROVINCE = ("bang_khen_tinh", "bang_khen_bo")
BK_PM = ("bang_khen_ttg",)
FLAG_PROVINCE = ("co_thi_dua_tinh", "co_thi_dua_bo")
TTLDXS = ("ttldxs",)


@dataclass(frozen=True)
class RuleContext:
    """What a rule reads: the nomination, its subject's history, the catalog and the settings."""

    nomination: NominationFacts
    history: SubjectHistory
    catalog: Catalog
    settings: EligibilitySettings = field(default_factory=EligibilitySettings)
    regime: str | None = None
    quota: QuotaFacts = field(default_factory=QuotaFacts)

    @property
    def year(self) -> int:
        return self.nomination.year

    @property
    def form(self) -> AwardForm:
        return self.catalog.form(self.nomination.form_code)

    def form_name(self, family_or_code: str) -> str:
        for form in self.catalog.forms:
            if form.code == family_or_code or form.family == family_or_code:
                return form.name
        return family_or_code

    def awards(self, year: int, families: tuple[str, ...] | None = None, *, chains_only: bool = False
               ) -> list[AwardRecord]:
        """Other awards of the subject in ``year`` (never the one this nomination itself produced)."""
        return self.history.awards_in(year, families, chains_only=chains_only, exclude_nomination=self.nomination.id)

    def title(self, year: int, families: tuple[str, ...]) -> AwardRecord | None:
        """A title of ``families`` held in ``year`` that counts for chains (chuyên đề/đột xuất never do)."""
        found = self.awards(year, families, chains_only=True)
        return min(found, key=lambda a: a.pending) if found else None

    def own_recipient_ids(self) -> set[str]:
        return {a.recipient_id for a in self.history.awards if a.nomination_id == self.nomination.id and a.recipient_id}


Rule = Callable[[RuleContext], list[Check]]


# ---------------------------------------------------------------------------------------------- ratings


def rating_in(ctx: RuleContext, year: int) -> str | None:
    """The year's rating; a title of the LĐTT standard implies at least "hoàn thành tốt nhiệm vụ"."""
    rating = ctx.history.ratings.get(year)
    if rating is None and ctx.title(year, STANDARD):
        return "httnv"
    return rating


def rating_evidence(ctx: RuleContext, year: int) -> str:
    rating = ctx.history.ratings.get(year)
    if rating is not None:
        return f"năm {year}: {rating_label(rating)}"
    title = ctx.title(year, STANDARD)
    if title:
        return f"năm {year}: chưa có kết quả xếp loại, có {title.describe()}"
    return f"năm {year}: chưa có kết quả xếp loại"


# ---------------------------------------------------------------------------------------------- chains


@dataclass(frozen=True)
class Chain:
    """Consecutive years with a title, counted back from ``ending_year``."""

    run: tuple[AwardRecord, ...]  # newest first
    needed: int
    ending_year: int
    missing_year: int | None  # the first year (going back) without the title, if the run is too short
    broken_by: str = ""  # the discipline in force that year, when that is what broke the run

    @property
    def ok(self) -> bool:
        return len(self.run) >= self.needed

    @property
    def years(self) -> list[int]:
        return sorted(a.year for a in self.run)

    def evidence(self) -> list[str]:
        found = [a.describe() for a in sorted(self.run, key=lambda a: a.year)]
        return found + ([f"năm {self.missing_year}: {self.broken_by}"] if self.broken_by else [])

    def cites(self) -> list[str]:
        return [a.cite() for a in sorted(self.run, key=lambda a: a.year)]

    def gap(self, name: str) -> str:
        """Why the run is too short, in words."""
        if self.broken_by:
            return f"năm {self.missing_year} {broken_words(self.broken_by)}"
        return f"năm {self.missing_year} không có danh hiệu {name}"


ART_FROM_END = "NĐ 98/2023/NĐ-CP, NĐ 152/2025/NĐ-CP Điều 4: thành tích được tính từ khi hết thời hạn kỷ luật"


def broken_words(discipline: str) -> str:
    return f"bị {discipline} — thành tích chỉ được tính từ khi hết thời hạn kỷ luật"


def disciplined(ctx: RuleContext, year: int) -> str:
    """The discipline (from khiển trách up) in force during ``year``, described; "" when none. Achievements
    count only from the end of a penalty (NĐ 98/2023, NĐ 152/2025 Điều 4), so such a year breaks every chain
    and window it falls in."""
    found = discipline_in(ctx, year) if ctx.nomination.subject == "ca_nhan" else []
    return found[0] if found else ""


def consecutive(ctx: RuleContext, families: tuple[str, ...], n: int, ending_year: int) -> Chain:
    """``consecutive(title, n, ending_year)``: the title held every achievement year from ``ending_year - n + 1``
    to ``ending_year`` ("liên tục": a year without it, or under a discipline, breaks the chain). Awards of
    chuyên đề/đột xuất kinds never count (NĐ 98/2023 Điều 4 khoản 3)."""
    run: list[AwardRecord] = []
    year = ending_year
    while len(run) < n:
        under = disciplined(ctx, year)
        award = None if under else ctx.title(year, families)
        if award is None:
            return Chain(tuple(run), n, ending_year, year, under)
        run.append(award)
        year -= 1
    return Chain(tuple(run), n, ending_year, None)


def consecutive_times(ctx: RuleContext, families: tuple[str, ...], n: int, ending_year: int, max_gap: int
                      ) -> Chain:
    """``n`` successive awards of a title given per cycle (e.g. CSTĐ cấp tỉnh, every 3 years at most): the
    newest within ``max_gap`` years of ``ending_year`` and each earlier one within ``max_gap`` of the next."""
    awards = sorted({a.year: a for a in ctx.history.awards
                     if a.family in families and a.feeds_chains and a.year <= ending_year
                     and a.nomination_id != ctx.nomination.id}.values(), key=lambda a: -a.year)
    run: list[AwardRecord] = []
    previous = ending_year
    for award in awards:
        if previous - award.year > max_gap or len(run) == n:
            break
        run.append(award)
        previous = award.year
    missing = None if len(run) >= n else previous - max_gap
    return Chain(tuple(run), n, ending_year, missing)


@dataclass(frozen=True)
class Window:
    """Years after a base award, up to the proposal, that all reach a rating ("05 năm tiếp theo … liên tục")."""

    base: AwardRecord | None
    run_years: tuple[int, ...]  # consecutive qualifying years ending at the proposal year, oldest first
    broken_year: int | None  # the newest year after the base that did not qualify
    evidence: tuple[str, ...]
    broken_by: str = ""  # the discipline in force in ``broken_year``, when that is what broke the run

    def ok(self, min_years: int) -> bool:
        return self.base is not None and len(self.run_years) >= min_years

    def gap(self) -> str:
        """" (năm 2021 không đạt)" or the discipline that broke the run; "" when nothing broke it."""
        if self.broken_by:
            return f" (năm {self.broken_year} {broken_words(self.broken_by)})"
        return f" (năm {self.broken_year} không đạt)" if self.broken_year else ""


def window_since(ctx: RuleContext, base_families: tuple[str, ...], year: int, min_rating: str) -> Window:
    """The latest base award (of ``base_families``, whose achievement ends before ``year``) and the run of
    consecutive years after it, ending at ``year``, whose rating is at least ``min_rating`` and that no
    discipline falls in (achievements count from the end of a penalty: NĐ 98/2023, NĐ 152/2025 Điều 4)."""
    bases = [a for a in ctx.history.awards
             if a.family in base_families and a.feeds_chains and a.year < year and not a.pending]
    if not bases:
        return Window(None, (), None, ())
    base = max(bases, key=lambda a: a.year)
    run: list[int] = []
    broken, under = None, ""
    for y in range(year, base.year, -1):
        under = disciplined(ctx, y)
        if not under and rating_at_least(rating_in(ctx, y), min_rating):
            run.append(y)
        else:
            broken = y
            break
    evidence = [base.describe()] + [rating_evidence(ctx, y) for y in range(base.year + 1, year + 1)]
    if under:
        evidence.append(f"năm {broken}: {under} ({ART_FROM_END})")
    return Window(base, tuple(sorted(run)), broken, tuple(evidence), under)


def count_titles(ctx: RuleContext, families: tuple[str, ...], years: Sequence[int]) -> list[AwardRecord]:
    """``count_in_window(title)``: the titles held in the given years (one per year)."""
    found = [ctx.title(y, families) for y in years]
    return [a for a in found if a is not None]


# ---------------------------------------------------------------------------------------------- initiatives


def initiatives(ctx: RuleContext, years: Sequence[int], min_scope: str = "co_so") -> tuple[
        list[InitiativeRecord], list[InitiativeRecord]]:
    """(usable, already used elsewhere) initiatives of the given years with at least ``min_scope``. An
    initiative already used by another award does not count again (Luật TĐKT 2022, C1 in eligibility.md)."""
    own = ctx.own_recipient_ids()
    chosen = ctx.nomination.initiative_id
    usable: list[InitiativeRecord] = []
    used: list[InitiativeRecord] = []
    for item in ctx.history.initiatives:
        if item.year not in years or SCOPE_RANK.get(item.scope, 0) < SCOPE_RANK[min_scope]:
            continue
        if item.used_by_recipient_id and item.used_by_recipient_id not in own and item.id != chosen:
            used.append(item)
        else:
            usable.append(item)
    return usable, used


# ---------------------------------------------------------------------------------------------- LĐTT standard


def discipline_in(ctx: RuleContext, year: int, min_severity: int = REPRIMAND) -> list[str]:
    return [d.describe() for d in ctx.history.disciplines
            if d.overlaps_year(year) and d.severity >= min_severity]


def ldtt_checks(ctx: RuleContext, year: int, min_months: int, article: str, code: str) -> list[Check]:
    """The LĐTT standard of ``year``: rating at least "hoàn thành tốt nhiệm vụ", at least ``min_months`` of
    work in the year, no discipline from "khiển trách" up during the year."""
    checks: list[Check] = []
    rating = ctx.history.ratings.get(year)
    title = "Xếp loại từ hoàn thành tốt nhiệm vụ trở lên"
    if rating is None:
        checks.append(missing(f"{code}.rating", title, f"năm {year} chưa có kết quả xếp loại", article,
                              needs=[f"xếp loại năm {year}"]))
    elif rating_at_least(rating, "httnv"):
        checks.append(passed(f"{code}.rating", title, f"năm {year} xếp loại {rating_label(rating)}", article))
    else:
        checks.append(failed(f"{code}.rating", title, f"năm {year} chỉ xếp loại {rating_label(rating)}", article))
    recruited = ctx.history.recruited_on
    title = f"Công tác đủ {min_months} tháng trong năm"
    if recruited is None:
        checks.append(noted(f"{code}.recruited", title, "chưa ghi ngày tuyển dụng, không kiểm tra", article))
    elif recruited.year > year:
        checks.append(failed(f"{code}.recruited", title, f"tuyển dụng ngày {format_date(recruited)}, sau năm {year}",
                             article))
    else:
        months = months_worked(recruited, year)
        detail = f"tuyển dụng ngày {format_date(recruited)}, công tác {months} tháng trong năm {year}"
        if months < min_months:
            checks.append(failed(f"{code}.recruited", title,
                                 f"mới tuyển dụng ngày {format_date(recruited)}, chưa đủ {min_months} tháng công tác "
                                 f"trong năm {year}", article))
        else:
            checks.append(passed(f"{code}.recruited", title, detail, article))
    found = discipline_in(ctx, year)
    title = "Không bị kỷ luật từ khiển trách trở lên trong năm"
    if found:
        checks.append(failed(f"{code}.discipline", title, f"bị {found[0]} trong năm {year}", article, found))
    else:
        checks.append(passed(f"{code}.discipline", title, f"không bị kỷ luật trong năm {year}", article))
    return checks


def ldtt_prerequisite(ctx: RuleContext, year: int, min_months: int, article: str, code: str) -> Check:
    """"Đạt tiêu chuẩn Lao động tiên tiến" for a higher title: the title itself (awarded or proposed this year),
    or every part of the standard met."""
    title = "Tiêu chuẩn Lao động tiên tiến"
    held = ctx.title(year, LDTT)
    if held:
        return passed(code, title, f"có {held.describe()}", article, [held.describe()],
                      basis=[] if held.pending else [held.cite()])
    parts = ldtt_checks(ctx, year, min_months, article, code)
    evidence = [f"{c.title}: {c.detail}" for c in parts]
    fails = [c.detail for c in parts if c.outcome == FAIL]
    if fails:
        return failed(code, title, f"không đạt tiêu chuẩn Lao động tiên tiến: {fails[0]}", article, evidence)
    if any(c.outcome == MISSING for c in parts):
        return missing(code, title, f"chưa đủ dữ liệu để xác định tiêu chuẩn Lao động tiên tiến: "
                       f"{next(c.detail for c in parts if c.outcome == MISSING)}", article, evidence,
                       needs=needs_of(parts))
    if any(c.outcome == WARN for c in parts):
        return warned(code, title, f"chưa đủ thông tin để xác định tiêu chuẩn Lao động tiên tiến: "
                      f"{next(c.detail for c in parts if c.outcome == WARN)}", article, evidence)
    return passed(code, title, f"đạt tiêu chuẩn Lao động tiên tiến năm {year} "
                  f"({rating_label(ctx.history.ratings.get(year)).lower()})", article, evidence)


# ---------------------------------------------------------------------------------------------- shared checks


def chain_check(ctx: RuleContext, code: str, families: tuple[str, ...], n: int, article: str,
                *, confirmed: bool = True) -> Check:
    """A title held ``n`` consecutive years up to the nomination's year, with the first missing year."""
    chain = consecutive(ctx, families, n, ctx.year)
    name = ctx.form_name(families[0])
    title = f"{n} năm liên tục đạt {name}"
    if chain.ok:
        return passed(code, title, f"đạt {name} các năm {', '.join(map(str, chain.years))}", article, chain.evidence(),
                      basis=chain.cites())
    return failed(code, title, chain.gap(name), article, chain.evidence(), confirmed=confirmed)


def initiative_check(ctx: RuleContext, code: str, years: list[int], scope: str, article: str) -> Check:
    """An initiative or research topic of at least ``scope`` recognised in one of ``years``."""
    usable, _ = initiatives(ctx, years, scope)
    where = {"tinh": "cấp tỉnh (bộ, ngành)", "toan_quoc": "toàn quốc"}[scope]
    title = f"Có sáng kiến, đề tài có phạm vi ảnh hưởng {where}"
    if usable:
        return passed(code, title, f"có {usable[0].describe()}", article, [i.describe() for i in usable])
    return failed(code, title, f"các năm {years[0]}–{years[-1]} không có sáng kiến, đề tài có phạm vi ảnh hưởng "
                  f"{where}", article)


def excellent_years(ctx: RuleContext, years: list[int]) -> tuple[bool, list[str]]:
    """Whether every year was rated HTXSNV, with the rating of each year as evidence."""
    evidence = [rating_evidence(ctx, y) for y in years]
    return all(rating_at_least(rating_in(ctx, y), "htxsnv") for y in years), evidence


# ---------------------------------------------------------------------------------------------- alternatives


@dataclass(frozen=True)
class Path:
    """One lettered path of a "một trong các tiêu chuẩn sau" rule."""

    letter: str
    description: str
    checks: tuple[Check, ...]

    @property
    def outcome(self) -> str:
        return worst({c.outcome for c in self.checks})


def alternatives(code: str, title: str, article: str, paths: Sequence[Path], unchecked: Mapping[str, str] = {},
                 *, confirmed: bool = True) -> Check:
    """Pass when one lettered path passes, naming it. Otherwise the failure of each path; when some paths
    cannot be checked from the records (``unchecked``: letter → what it asks) the result is a warning."""
    for path in paths:
        if path.outcome == PASS:
            cites = list(dict.fromkeys(b for c in path.checks for b in c.basis))
            rests_on = "; ".join(cites) if cites else "; ".join(c.detail for c in path.checks)
            return passed(code, title, f"đạt theo điểm {path.letter} ({path.description}): {rests_on}", article,
                          [f"điểm {path.letter}: {c.detail}" for c in path.checks], basis=cites)
    evidence = [f"điểm {p.letter} ({p.description}): {c.detail}" for p in paths for c in p.checks if c.outcome != PASS]
    evidence += [f"điểm {letter} ({what}): không kiểm tra tự động được" for letter, what in unchecked.items()]
    first = next((c.detail for p in paths for c in p.checks if c.outcome != PASS), "không đạt")
    letters = ", ".join(dict.fromkeys(p.letter for p in paths))
    if any(p.outcome == MISSING for p in paths):
        return missing(code, title, f"chưa đạt điểm {letters}: {first}", article, evidence,
                       needs=needs_of(c for p in paths for c in p.checks))
    if unchecked or any(p.outcome == WARN for p in paths):
        others = f"; điểm {', '.join(unchecked)} cần xét theo hồ sơ" if unchecked else ""
        return warned(code, title, f"chưa đạt điểm {letters}: {first}{others}", article, evidence)
    return failed(code, title, f"không đạt điểm nào ({letters}): {first}", article, evidence, confirmed=confirmed)
