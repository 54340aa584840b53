"""Achievement years: every awarded line belongs to the year (or period) it was earned, not the year the
decision was signed (Luật TĐKT 2022 Điều 22–28; NĐ 98/2023/NĐ-CP Điều 53: "thành tích đến đâu khen thưởng
đến đó"). Localities often sign the titles of year N in January of N+1; chains, windows, duplicates and the
"highest title only" bonus rule read the achievement, while the legal regime and the base salary are still
those of the decision date.

- :class:`AchievementPeriod` — one year (``first == last``) or a period of years, both ends inclusive;
- :func:`parse_period` — what the clerk types in a form or a spreadsheet column ("2023", "2022-2023");
- :func:`achievement_from_title` — the default read from a decision's title ("… năm 2023", "giai đoạn
  2015-2020", "02 năm liên tục (2022-2023)"), else the caller's fallback (the working year, the signing year);
- :func:`title_span` — how many years a title rewards by its nature (CSTĐ cấp tỉnh: three CSTĐCS in a row).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from emulation_desk.core.text import clean_text, fold

MIN_YEAR, MAX_YEAR = 1945, 2100
MAX_SPAN = 40  # longer "periods" are typing mistakes (a kháng chiến period is at most 1945–1975 plus a little)

# Years a title rewards by its nature, when nothing more precise is recorded (form family → years):
# CSTĐ cấp tỉnh/bộ is given for 03 consecutive CSTĐCS (Luật TĐKT 2003 Điều 22; Luật TĐKT 2022 Điều 22).
TITLE_SPANS = {"cstd_tinh": 3, "cstd_bo": 3}
# Titles given for one year's achievement (Luật TĐKT 2022 Điều 22–28: xét tặng hằng năm): a period proposed for
# them is a typing mistake. The titles that crown several years (CSTĐ cấp tỉnh, toàn quốc) are not here.
YEARLY_TITLE_FAMILIES = frozenset({"ldtt", "cstdcs", "ttldtt", "ttldxs"})


@dataclass(frozen=True, order=True)
class AchievementPeriod:
    """The years an award rewards, ``first`` to ``last`` inclusive (a single year when they are equal)."""

    first: int
    last: int

    def __post_init__(self) -> None:
        if not (MIN_YEAR <= self.first <= self.last <= MAX_YEAR):
            raise ValueError(f"Năm thành tích không hợp lệ: {self.first}–{self.last}.")

    @classmethod
    def of(cls, year: int, first: int | None = None) -> AchievementPeriod:
        """The period ending in ``year`` (a single year when ``first`` is not given)."""
        return cls(year if first is None else first, year)

    @property
    def single(self) -> bool:
        return self.first == self.last

    @property
    def years(self) -> range:
        return range(self.first, self.last + 1)

    def contains(self, year: int) -> bool:
        return self.first <= year <= self.last

    def overlaps(self, other: AchievementPeriod) -> bool:
        return self.first <= other.last and other.first <= self.last

    def compact(self) -> str:
        """"2023" or "2022–2023" (for short citations and table cells)."""
        return str(self.last) if self.single else f"{self.first}–{self.last}"

    def label(self) -> str:
        """"năm 2023" or "giai đoạn 2022–2023" (after a form's name)."""
        return f"năm {self.last}" if self.single else f"giai đoạn {self.first}–{self.last}"


@dataclass(frozen=True)
class AchievementGuess:
    """The period derived for a decision, and what it was read from (for a migration's preview)."""

    period: AchievementPeriod
    from_title: bool
    matched: str = ""  # the words of the title it was read from ("năm 2023"); "" for the fallback
    note: str = ""  # why the title was not used, when it mentions years that do not settle it

    def describe(self) -> str:
        if self.from_title:
            return f"{self.period.label()} (theo trích yếu: «{self.matched}»)"
        why = f"; {self.note}" if self.note else ""
        return f"{self.period.label()} (mặc định{why})"


_DASH = r"\s*[-–—]\s*"
_YEAR = r"((?:19|20)\d{2})"
_SPAN_PATTERNS = (  # (pattern on the folded title, index of the first and last year groups)
    re.compile(rf"giai doan(?: tu)?(?: nam)?\s*{_YEAR}{_DASH}(?:nam\s*)?{_YEAR}"),
    re.compile(rf"tu nam\s*{_YEAR}\s*(?:den|toi)(?: het)?\s*nam\s*{_YEAR}"),
    re.compile(rf"\(\s*(?:nam\s*)?{_YEAR}{_DASH}(?:nam\s*)?{_YEAR}\s*\)"),
    re.compile(rf"nam lien tuc(?: tu)?(?: nam)?\s*{_YEAR}{_DASH}{_YEAR}"),
)
_SCHOOL_YEAR = re.compile(rf"nam hoc\s*{_YEAR}{_DASH}{_YEAR}")
_COUNTED = re.compile(r"(\d{1,2}) nam lien tuc")
_ANY_YEAR = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_NAMED_YEAR = re.compile(rf"nam\s*{_YEAR}(?!\d)")


def _period(first: int, last: int) -> AchievementPeriod | None:
    if first > last or last - first + 1 > MAX_SPAN or not (first >= MIN_YEAR and last <= MAX_YEAR):
        return None
    return AchievementPeriod(first, last)


def _fallback(fallback: int | AchievementPeriod, span: int) -> AchievementPeriod:
    if isinstance(fallback, AchievementPeriod):
        return fallback
    return AchievementPeriod(fallback - max(span, 1) + 1, fallback)


def achievement_from_title(title: str, fallback: int | AchievementPeriod, *, span: int = 1) -> AchievementGuess:
    """The achievement year or period a decision's title gives, else ``fallback``.

    In order: an explicit period ("giai đoạn 2015-2020", "từ năm 2019 đến năm 2023", "(2022-2023)", "02 năm
    liên tục 2022-2023"); a school year ("năm học 2019-2020" is the achievement of 2020, the year it ends);
    "N năm liên tục … năm 2023" (the N years ending in 2023); one year named "năm 2023". A title naming
    several different years without saying which period it rewards is not guessed at: the fallback is used
    and the guess says why. ``span`` widens a single year backwards for titles that reward several years by
    their nature (see :func:`title_span`)."""
    text = fold(clean_text(title))
    for pattern in _SPAN_PATTERNS:
        if (m := pattern.search(text)) and (found := _period(int(m.group(1)), int(m.group(2)))):
            return _within(found, _fallback(fallback, 1).last, _original(title, m))
    if (m := _SCHOOL_YEAR.search(text)) and int(m.group(2)) == int(m.group(1)) + 1:
        return AchievementGuess(_fallback(int(m.group(2)), span), True, _original(title, m))
    years = sorted({int(y) for y in _ANY_YEAR.findall(text)})
    counted = _COUNTED.search(text)
    if counted and len(years) == 1 and (found := _period(years[0] - int(counted.group(1)) + 1, years[0])):
        return AchievementGuess(found, True, _original(title, counted))
    named = _NAMED_YEAR.findall(text)
    if len(years) == 1 and named:
        m = _NAMED_YEAR.search(text)
        assert m is not None
        return AchievementGuess(_fallback(years[0], span), True, _original(title, m))
    note = f"trích yếu ghi nhiều năm ({', '.join(map(str, years))})" if len(years) > 1 else ""
    return AchievementGuess(_fallback(fallback, span), False, "", note)


def _within(found: AchievementPeriod, latest: int, matched: str) -> AchievementGuess:
    """A period still running when the decision was made (a mid-term review of "giai đoạn 2021-2025" in 2023)
    rewards the years up to then."""
    if found.first <= latest < found.last:
        return AchievementGuess(AchievementPeriod(found.first, latest), True, matched,
                                f"giai đoạn chưa kết thúc, tính đến năm {latest}")
    return AchievementGuess(found, True, matched)


def _original(title: str, match: re.Match[str]) -> str:
    """The words of the original title behind a match on its folded text (folding keeps the length of
    Vietnamese text once cleaned; if it does not, the folded words are shown)."""
    cleaned = clean_text(title)
    if len(fold(cleaned)) == len(cleaned):
        return cleaned[match.start():match.end()].strip(" ()")
    return match.group(0).strip(" ()")


_INPUT = re.compile(rf"^(?:nam\s*)?{_YEAR}(?:{_DASH}(?:nam\s*)?{_YEAR})?$")


def parse_period(text: str) -> AchievementPeriod:
    """A period typed by the clerk: "2023", "năm 2023", "2022-2023", "2022 – 2023". ValueError (Vietnamese)
    otherwise."""
    raw = clean_text(text)
    m = _INPUT.match(fold(raw))
    hint = "Ghi một năm (2023) hoặc từ năm đến năm (2022-2023)."
    if not m:
        raise ValueError(f"Không đọc được năm thành tích «{raw}». {hint}")
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    if first < MIN_YEAR or last > MAX_YEAR:
        raise ValueError(f"Năm thành tích «{raw}»: năm phải từ {MIN_YEAR} đến {MAX_YEAR}. {hint}")
    if first > last:
        raise ValueError(f"Năm thành tích «{raw}»: năm đầu sau năm cuối. {hint}")
    if last - first + 1 > MAX_SPAN:
        raise ValueError(f"Năm thành tích «{raw}»: dài quá {MAX_SPAN} năm. {hint}")
    return AchievementPeriod(first, last)


def title_span(family: str) -> int:
    """Years a title of ``family`` rewards by its nature (1 for the yearly titles)."""
    return TITLE_SPANS.get(family, 1)
