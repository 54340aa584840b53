"""The thresholds of the council's votes: per (regime, form) a percentage, a base (all members or those
taking part) and whether the share must be above or at least the percentage; the forms voted by secret
ballot. Defaults in one place (documents.md §4, eligibility.md §5), the council's own rules as settings.

Counting rule: the base of a case is either all members of the council or the members who took part
(present, or absent with a written opinion); members who abstain on the case are taken out of the base,
since they do not vote on it. "≥ p%" passes when yes × 100 ≥ p × base; "> p%" when yes × 100 > p × base
(exact integers, no rounding).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from emulation_desk.errors import ValidationError
from emulation_desk.services.common import Changes, require_count
from emulation_desk.services.workspace import Workspace
from emulation_desk.settings import COUNCIL_BALLOT_FORMS, COUNCIL_THRESHOLDS

BASE_LABELS = {"all": "tổng số thành viên Hội đồng", "present": "số thành viên tham gia biểu quyết"}

# Defaults in one place: (percent, base, strict ">"), per regime and form (documents.md §4, eligibility.md §5).
_NINETY_ALL = {"percent": 90, "base": "all", "strict": False, "confirmed": True}
DEFAULT_THRESHOLDS: dict[str, dict[str, dict[str, Any]]] = {
    "ND91_2017": {"CSTD_TINH": _NINETY_ALL, "CSTD_BO": _NINETY_ALL, "CSTD_TOAN_QUOC": _NINETY_ALL,
                  "AH_LAO_DONG": _NINETY_ALL, "AH_LLVTND": _NINETY_ALL},
    "ND98_2023": {"CSTDCS": {"percent": 80, "base": "all", "strict": False, "confirmed": True},
                  "CSTD_TINH": _NINETY_ALL, "CSTD_BO": _NINETY_ALL, "CSTD_TOAN_QUOC": _NINETY_ALL,
                  "AH_LAO_DONG": _NINETY_ALL, "AH_LLVTND": _NINETY_ALL},
}
DEFAULT_THRESHOLDS["ND152_2025"] = dict(DEFAULT_THRESHOLDS["ND98_2023"])
FALLBACK_RULE = {"percent": 50, "base": "present", "strict": True, "confirmed": False}
DEFAULT_BALLOT_FORMS = ("CSTDCS", "CSTD_TINH", "CSTD_BO", "CSTD_TOAN_QUOC", "BK_TTG")
BALLOT_FAMILY_PREFIXES = ("huan_chuong", "anh_hung")


@dataclass(frozen=True)
class VoteRule:
    percent: int
    base: str  # "all" | "present"
    strict: bool  # True: more than percent; False: at least percent
    confirmed: bool = True

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> VoteRule:
        return cls(int(data["percent"]), str(data["base"]), bool(data.get("strict", False)),
                   bool(data.get("confirmed", True)))

    def to_json(self) -> dict[str, Any]:
        return {"percent": self.percent, "base": self.base, "strict": self.strict, "confirmed": self.confirmed}

    @property
    def label(self) -> str:
        sign = "trên" if self.strict else "từ"
        text = f"{sign} {self.percent}% {BASE_LABELS[self.base]} đồng ý" + ("" if self.strict else " trở lên")
        return text + ("" if self.confirmed else " (mức mặc định, chưa đối chiếu quy chế Hội đồng)")

    @property
    def short(self) -> str:
        """"≥ 90% tổng số TV", "> 50% số TV tham gia (*)" for narrow table cells."""
        base = "tổng số TV" if self.base == "all" else "số TV tham gia"
        return f"{'>' if self.strict else '≥'} {self.percent}% {base}" + ("" if self.confirmed else " (*)")


@dataclass(frozen=True)
class Counts:
    """What the clerk enters for one case; missing ballot figures default to the voters of the case."""

    yes: int
    no: int = 0
    issued: int | None = None
    returned: int | None = None
    invalid: int = 0


@dataclass(frozen=True)
class Outcome:
    base: int
    needed: int  # smallest number of "yes" that passes
    passed: bool

    def share(self, yes: int) -> float | None:
        return None if self.base <= 0 else yes * 100 / self.base


def evaluate(rule: VoteRule, members: int, took_part: int, abstaining: int, yes: int) -> Outcome:
    """Pass or fail of one case under ``rule`` (see the module docstring)."""
    base = (members if rule.base == "all" else took_part) - abstaining
    if base <= 0:
        return Outcome(max(base, 0), 1, False)
    needed = rule.percent * base // 100 + 1 if rule.strict else math.ceil(rule.percent * base / 100)
    needed = max(needed, 1)
    return Outcome(base, needed, yes >= needed)


# ---------------------------------------------------------------- settings
def vote_rule(ws: Workspace, regime_code: str | None, form_code: str) -> VoteRule:
    saved = COUNCIL_THRESHOLDS.read(ws.store)
    for source in (saved, DEFAULT_THRESHOLDS):
        found = (source.get(regime_code or "", {}) or {}).get(form_code)
        if found:
            return VoteRule.from_json(found)
    fallback = (saved.get("*", {}) or {}).get("*")
    return VoteRule.from_json(fallback or FALLBACK_RULE)


def set_vote_rule(ws: Workspace, regime_code: str, form_code: str, percent: Any, base: str, *,
                  strict: bool = False) -> Changes:
    """Save the council's own threshold for a (regime, form); "*" / "*" sets the fallback."""
    value = require_count(percent, "percent", "Tỷ lệ phần trăm")
    if not 1 <= value <= 100:
        raise ValidationError("Tỷ lệ phải từ 1 đến 100 (%).", field="percent")
    if base not in BASE_LABELS:
        raise ValidationError("Hãy chọn cách tính: trên tổng số thành viên hay trên số có mặt.", field="base")
    saved = COUNCIL_THRESHOLDS.read(ws.store)
    saved.setdefault(regime_code, {})[form_code] = {"percent": value, "base": base, "strict": strict,
                                                   "confirmed": True}
    with ws.store.transaction():
        COUNCIL_THRESHOLDS.write(ws.store, saved)
    return Changes(settings=True)


def ballot_forms(ws: Workspace) -> set[str]:
    """Forms voted by secret ballot: the setting, or CSTĐCS, CSTĐ, BK Thủ tướng, Huân chương, Anh hùng."""
    saved = COUNCIL_BALLOT_FORMS.read(ws.store)
    if saved is not None:
        return set(saved)
    rows = ws.store.query("SELECT code, family FROM award_form")
    return {r["code"] for r in rows if r["code"] in DEFAULT_BALLOT_FORMS
            or r["family"].startswith(BALLOT_FAMILY_PREFIXES)}


def set_ballot_forms(ws: Workspace, form_codes: list[str]) -> Changes:
    catalog = ws.catalog()
    for code in form_codes:
        catalog.form(code)
    with ws.store.transaction():
        COUNCIL_BALLOT_FORMS.write(ws.store, sorted(set(form_codes)))
    return Changes(settings=True)
