"""Plain facts the eligibility rules read: a subject's history and the nomination being judged.

Pure data (no SQL): the service gathers these from the database once per year and hands them to the
rules of the regime in force. Everything a verdict rests on is in here, so a verdict can always say
which years and which decisions it used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from emulation_desk.core.achievement import AchievementPeriod
from emulation_desk.core.text import fold, format_date

RATING_RANK = {"khtnv": 0, "htnv": 1, "httnv": 2, "htxsnv": 3}
RATING_LABELS = {
    "htxsnv": "Hoàn thành xuất sắc nhiệm vụ",
    "httnv": "Hoàn thành tốt nhiệm vụ",
    "htnv": "Hoàn thành nhiệm vụ",
    "khtnv": "Không hoàn thành nhiệm vụ",
}
SCOPE_RANK = {"co_so": 1, "tinh": 2, "toan_quoc": 3}
SCOPE_LABELS = {"co_so": "cấp cơ sở", "tinh": "cấp tỉnh", "toan_quoc": "toàn quốc"}

# Discipline forms by severity (Luật Cán bộ, công chức / Luật Viên chức); matched on the folded text.
DISCIPLINE_SEVERITY = {
    "khien trach": 1, "canh cao": 2, "ha bac luong": 3, "giang chuc": 3, "cach chuc": 4, "buoc thoi viec": 5,
}
REPRIMAND, WARNING = 1, 2


def rating_label(code: str | None) -> str:
    return RATING_LABELS.get(code or "", "chưa có kết quả xếp loại")


def rating_at_least(code: str | None, minimum: str) -> bool:
    return code is not None and RATING_RANK.get(code, -1) >= RATING_RANK[minimum]


def discipline_severity(form: str) -> int:
    """Severity of a discipline form; an unknown wording counts as a reprimand (the mildest form)."""
    key = fold(form)
    for name, level in DISCIPLINE_SEVERITY.items():
        if key.startswith(name):
            return level
    return REPRIMAND


def months_worked(recruited_on: date, year: int) -> int:
    """Whole months from the recruitment date to the end of ``year`` (01/3 → 31/12 is 10 months)."""
    end = date(year + 1, 1, 1)
    start = max(recruited_on, date(year, 1, 1))
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


@dataclass(frozen=True, slots=True)
class AwardRecord:
    """One award of a subject: a recipient line of an issued decision, or a pending nomination.

    ``year`` is the achievement year (the last one when the award rewards a period from ``year_from``), not
    the year the decision was signed: a title of 2023 signed on 10/01/2024 has ``year`` 2023 and ``signed_on``
    10/01/2024. A caller that knows no better passes the decision's year (the signing year) as ``year``."""

    year: int
    form_code: str
    form_name: str
    family: str
    category: str  # danh_hieu | hinh_thuc
    level: str  # nha_nuoc | bo_tinh | co_so
    kind: str
    feeds_chains: bool
    issuer_level: str = ""
    decision_ref: str = ""  # "QĐ số 2891/QĐ-UBND ngày 14/08/2020"
    recipient_id: str = ""
    decision_id: str = ""
    nomination_id: str = ""  # the nomination this award came from (or the pending nomination itself)
    year_from: int | None = None  # first achievement year of a period ("02 năm liên tục 2022–2023"); None: one year
    signed_on: date | None = None  # the decision's date (the regime and base salary follow it)
    via: str = ""  # the unit it was awarded to before a merge, when it counts for the successor

    @property
    def pending(self) -> bool:
        return not self.recipient_id

    @property
    def period(self) -> AchievementPeriod:
        return AchievementPeriod.of(self.year, self.year_from)

    def _where(self) -> str:
        where = self.decision_ref if not self.pending else "đang đề nghị, chưa có quyết định"
        return f"{where}; tặng {self.via} trước khi sáp nhập" if self.via else where

    def describe(self) -> str:
        """"Lao động tiên tiến năm 2023 (QĐ số 12/QĐ-UBND ngày 10/01/2024)"."""
        return f"{self.form_name} {self.period.label()} ({self._where()})"

    def cite(self) -> str:
        """The short citation an explanation names: "Bằng khen của Chủ tịch UBND tỉnh 2023, QĐ số 123/QĐ-UBND
        ngày 15/01/2024"."""
        return f"{self.form_name} {self.period.compact()}, {self._where()}"


@dataclass(frozen=True, slots=True)
class InitiativeRecord:
    id: str
    year: int
    title: str
    scope: str  # co_so | tinh | toan_quoc
    used_by_recipient_id: str | None = None

    def describe(self) -> str:
        """"sáng kiến «Số hóa hồ sơ» năm 2020 (cấp cơ sở)"; a title that already says "sáng kiến" or its year is
        not followed by the same words again."""
        noun = "" if fold(self.title).startswith(("sang kien", "de tai", "giai phap")) else "sáng kiến "
        year = "" if str(self.year) in self.title else f" năm {self.year}"
        return f"{noun}«{self.title}»{year} ({SCOPE_LABELS.get(self.scope, self.scope)})"


@dataclass(frozen=True, slots=True)
class DisciplineRecord:
    form: str
    start: date
    end: date | None = None

    @property
    def severity(self) -> int:
        return discipline_severity(self.form)

    def overlaps_year(self, year: int) -> bool:
        return self.start <= date(year, 12, 31) and (self.end is None or self.end >= date(year, 1, 1))

    def describe(self) -> str:
        until = f" đến {format_date(self.end)}" if self.end else ""
        return f"kỷ luật «{self.form}» từ {format_date(self.start)}{until}"


@dataclass(frozen=True, slots=True)
class MemberDiscipline:
    person_name: str
    record: DisciplineRecord


@dataclass(frozen=True, slots=True)
class CollectiveYear:
    """What the rules read about a collective in one year (unit_year plus counts from the records)."""

    year: int
    head_count: int | None = None
    completed_count: int | None = None  # members rated "hoàn thành nhiệm vụ" or better
    rating: str | None = None
    declared_disciplined: int | None = None  # unit_year.disciplined_count (form not recorded)
    standard_members: int = 0  # members who hold or are proposed for LĐTT/CSTT/CSTĐCS this year
    cstdcs_members: int = 0
    member_disciplines: tuple[MemberDiscipline, ...] = ()
    bloc_name: str = ""
    bloc_rank: int | None = None
    bloc_size: int = 0


@dataclass(frozen=True)
class SubjectHistory:
    """Everything known about one person, collective or household, across years."""

    subject: str  # ca_nhan | tap_the | ho_gia_dinh
    subject_id: str
    name: str
    awards: tuple[AwardRecord, ...] = ()
    ratings: Mapping[int, str] = field(default_factory=dict)
    initiatives: tuple[InitiativeRecord, ...] = ()
    recruited_on: date | None = None
    disciplines: tuple[DisciplineRecord, ...] = ()
    investigated_years: frozenset[int] = frozenset()
    collective_years: Mapping[int, CollectiveYear] = field(default_factory=dict)

    @cached_property
    def _by_year(self) -> dict[int, tuple[AwardRecord, ...]]:
        index: dict[int, list[AwardRecord]] = {}
        for award in self.awards:
            for year in range(award.year if award.year_from is None else award.year_from, award.year + 1):
                index.setdefault(year, []).append(award)
        return {year: tuple(items) for year, items in index.items()}

    def awards_in(self, year: int, families: tuple[str, ...] | None = None, *, chains_only: bool = False,
                  exclude_nomination: str = "") -> list[AwardRecord]:
        """Awards whose achievement period contains ``year`` (optionally of some form families; optionally only
        those that feed multi-year chains), leaving out the award that comes from ``exclude_nomination``."""
        return [a for a in self._by_year.get(year, ())
                if (families is None or a.family in families)
                and (not chains_only or a.feeds_chains)
                and not (exclude_nomination and a.nomination_id == exclude_nomination)]


@dataclass(frozen=True, slots=True)
class NominationFacts:
    """The nomination being judged."""

    id: str
    year: int
    form_code: str
    kind: str
    subject: str
    subject_id: str
    name: str
    status: str = "submitted"
    birth_year: int | None = None
    unit_id: str | None = None  # the person's unit (or the collective itself)
    unit_name: str = ""
    initiative_id: str | None = None
    decision_date: date | None = None
    votes_members: int | None = None
    votes_present: int | None = None
    votes_yes: int | None = None
    name_key: str = ""  # the folded name (search key), when the records have it
    year_from: int | None = None  # the first year of the achievement proposed, when it is a period
    subject_valid_to: date | None = None  # a collective's last day (dissolved or merged into another unit)
    successor_name: str = ""  # the unit it was merged into, when the clerk recorded the merge
    received_on: date | None = None  # the day the dossier was received (transition to the amended Law)

    @property
    def period(self) -> AchievementPeriod:
        """The achievement proposed: the nomination's year (or its period)."""
        return AchievementPeriod.of(self.year, self.year_from)

    @property
    def subject_key(self) -> str:
        return f"{self.subject}:{self.subject_id}"

    @property
    def judged_on(self) -> date:
        """The date whose regime applies: the decision date when decided, else the year's end."""
        return self.decision_date or date(self.year, 12, 31)


@dataclass(frozen=True)
class QuotaFacts:
    """Counts of a year behind the CSTĐCS quota: people who reached the LĐTT standard and CSTĐCS."""

    standard_total: int = 0
    cstdcs_total: int = 0
    standard_by_unit: Mapping[str, int] = field(default_factory=dict)
    cstdcs_by_unit: Mapping[str, int] = field(default_factory=dict)
    unit_names: Mapping[str, str] = field(default_factory=dict)


def with_predecessors(successor: SubjectHistory, predecessors: Sequence[SubjectHistory]) -> SubjectHistory:
    """A collective's history with the history of the units merged into it (where the clerk recorded the
    merge: TT 15/2025/TT-BNV): their awards count for it, each naming the unit it was given to, and their
    yearly ratings and facts fill the years the successor has none of (the first predecessor given wins)."""
    awards = list(successor.awards)
    ratings = dict(successor.ratings)
    years = dict(successor.collective_years)
    for old in predecessors:
        awards.extend(replace(a, via=a.via or old.name) for a in old.awards)
        for year, rating in old.ratings.items():
            ratings.setdefault(year, rating)
        for year, facts in old.collective_years.items():
            years.setdefault(year, facts)
    return replace(successor, awards=tuple(awards), ratings=ratings, collective_years=years)
