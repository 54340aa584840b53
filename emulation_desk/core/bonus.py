"""Bonus money of decision recipients under the regime principles (pure: reads plain lines, no SQL).

- Amount = coefficient of the regime in force on the decision date × base salary in force on that date,
  rounded up to the next 10.000 đồng (NĐ 98/2023 Điều 53; :func:`emulation_desk.core.money.bonus_amount`).
- Collective and household amounts come from the catalog's explicit per-subject coefficients (e.g. Giấy
  khen tập thể 0,6 = ×2, hộ gia đình 0,45 = ×1,5): nothing is multiplied here; a missing row is reported.
- Same time, same achievement, several titles (danh hiệu thi đua) for one subject → only the highest
  title's bonus is paid (NĐ 91/2017 and NĐ 98/2023 Điều 53: "nhận mức tiền thưởng cao nhất"). "Same time,
  same achievement" is read as: merit (công trạng) titles with the same achievement period — the years the
  title rewards, not the year it was signed (a title of 2023 signed in January 2024 is of 2023).
- Different achievements (a thematic award, another achievement period — a CSTĐ cấp tỉnh rewarding
  2022–2024 and a CSTĐCS of 2024) → each paid; a title and a form (hình thức khen thưởng) in one decision →
  both paid.
- A subject written twice for the same form in one decision is paid once.
- Totals per decision, per year, per paying level (the issuer pays from its fund: Luật TĐKT Điều 11.4).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from emulation_desk.core.achievement import AchievementPeriod, title_span
from emulation_desk.core.catalog import SUBJECT_LABELS, Catalog
from emulation_desk.core.money import bonus_amount
from emulation_desk.core.text import format_date

ARTICLE_HIGHEST = ("NĐ 98/2023/NĐ-CP Điều 53 (như NĐ 91/2017/NĐ-CP): nhiều danh hiệu cho một thành tích trong cùng "
                   "thời gian chỉ nhận mức cao nhất")


@dataclass(frozen=True)
class BonusLine:
    """One recipient line of a decision, as the bonus rules read it."""

    recipient_id: str
    decision_id: str
    subject_key: str  # "ca_nhan:<person id>"
    display_name: str
    form_code: str
    subject: str
    kind: str
    signed_on: date
    issuer_level: str
    decision_ref: str = ""
    achievement: AchievementPeriod | None = None  # the years the award rewards; None: read from the signing year

    def period(self, family: str = "") -> AchievementPeriod:
        """The achievement period: the one recorded, else the signing year (widened for a title that rewards
        several years by its nature, e.g. CSTĐ cấp tỉnh: three years)."""
        if self.achievement is not None:
            return self.achievement
        return AchievementPeriod(self.signed_on.year - title_span(family) + 1, self.signed_on.year)


@dataclass(frozen=True)
class BonusResult:
    line: BonusLine
    regime: str | None
    coefficient: Decimal | None
    base_salary: int | None
    full_amount: int | None  # coefficient × base salary, rounded up (None: no coefficient or salary)
    amount: int | None  # what is paid under the principles
    note: str = ""
    unconfirmed: bool = False  # the coefficient is marked unconfirmed in the catalog

    @property
    def missing(self) -> bool:
        return self.full_amount is None


def line_bonus(line: BonusLine, catalog: Catalog) -> BonusResult:
    """The bonus of one line alone: the regime and base salary of its decision date."""
    regime = catalog.regime_for(line.signed_on)
    salary = catalog.base_salary_for(line.signed_on)
    coefficient = catalog.coefficient_for(line.form_code, line.subject, line.signed_on)
    form = catalog.form(line.form_code)
    if regime is None:
        note = f"Không xác định được chế độ pháp lý cho ngày {format_date(line.signed_on)}."
    elif salary is None:
        note = f"Chưa có mức lương cơ sở áp dụng cho ngày {format_date(line.signed_on)}."
    elif coefficient is None:
        note = (f"Chưa có hệ số tiền thưởng của {form.name} cho {SUBJECT_LABELS.get(line.subject, line.subject)} "
                f"theo {regime.name} — hãy bổ sung trong danh mục.")
    else:
        amount = bonus_amount(coefficient.value, salary.amount)
        return BonusResult(line, regime.code, coefficient.value, salary.amount, amount, amount, "",
                           coefficient.unconfirmed)
    return BonusResult(line, regime.code if regime else None, None, salary.amount if salary else None, None, None,
                       note)


def apply_principles(lines: Sequence[BonusLine], catalog: Catalog) -> list[BonusResult]:
    """The bonus of every line under the principles (see the module docstring), in the lines' order."""
    results = {line.recipient_id: line_bonus(line, catalog) for line in lines}
    seen: dict[tuple[str, str, str], BonusLine] = {}
    for line in lines:
        key = (line.decision_id, line.subject_key, line.form_code)
        if key in seen and results[line.recipient_id].amount:
            results[line.recipient_id] = replace(results[line.recipient_id], amount=0,
                                                 note="Dòng trùng: người/tập thể này đã có trong quyết định.")
        seen.setdefault(key, line)
    titles: dict[tuple[str, AchievementPeriod], list[BonusLine]] = defaultdict(list)
    for line in seen.values():
        form = catalog.form(line.form_code)
        if form.category == "danh_hieu" and line.kind == "cong_trang":
            titles[(line.subject_key, line.period(form.family))].append(line)
    for (_, period), same in titles.items():
        if len({line.form_code for line in same}) < 2:
            continue
        best = max(same, key=lambda x: (results[x.recipient_id].full_amount or 0, -x.signed_on.toordinal()))
        for line in same:
            if line is best or not results[line.recipient_id].amount:
                continue
            best_form = catalog.form(best.form_code).name
            where = f" ({best.decision_ref})" if best.decision_ref else ""
            results[line.recipient_id] = replace(
                results[line.recipient_id], amount=0,
                note=f"Không hưởng: cùng thành tích {period.label()} đã có danh hiệu {best_form}{where} với mức "
                     f"thưởng cao hơn ({ARTICLE_HIGHEST}).")
    return [results[line.recipient_id] for line in lines]


@dataclass(frozen=True)
class BonusTotals:
    total: int = 0
    by_decision: dict[str, int] = field(default_factory=dict)
    by_level: dict[str, int] = field(default_factory=dict)
    missing: int = 0  # lines without an amount (no coefficient or base salary)
    not_paid: int = 0  # lines paid nothing under the principles


def totals(results: Sequence[BonusResult]) -> BonusTotals:
    by_decision: dict[str, int] = defaultdict(int)
    by_level: dict[str, int] = defaultdict(int)
    for r in results:
        by_decision[r.line.decision_id] += r.amount or 0
        by_level[r.line.issuer_level] += r.amount or 0
    return BonusTotals(sum(by_decision.values()), dict(by_decision), dict(by_level),
                       sum(1 for r in results if r.missing), sum(1 for r in results if r.amount == 0))
