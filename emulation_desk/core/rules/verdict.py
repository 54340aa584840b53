"""Results of the eligibility rules: one :class:`Check` per rule checked, one :class:`Verdict` per nomination.

A verdict's status follows from its checks: any failed check → "chua_dat"; otherwise any check that lacks a
fact of the records (a rating, a collective's figures: outcome "missing", naming what to enter in Hồ sơ) →
"thieu_du_lieu", which is never a failure; otherwise any warning (a rule whose text is unconfirmed, a doubtful
duplicate) → "canh_bao"; otherwise "dat" when at least one substantive rule of the form passed, and
"khong_ap_dung" when the form has no rule that can be checked automatically (only the general checks ran).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

PASS, FAIL, WARN, INFO, MISSING = "pass", "fail", "warn", "info", "missing"
MISSING_STATUS = "thieu_du_lieu"
STATUSES = ("dat", "chua_dat", MISSING_STATUS, "canh_bao", "khong_ap_dung")
STATUS_LABELS = {
    "dat": "Đủ điều kiện",
    "chua_dat": "Chưa đủ điều kiện",
    MISSING_STATUS: "Chưa có dữ liệu",
    "canh_bao": "Cần xem lại",
    "khong_ap_dung": "Không áp dụng",
}
OUTCOME_LABELS = {PASS: "Đạt", FAIL: "Không đạt", MISSING: "Chưa có dữ liệu", WARN: "Cần xem lại", INFO: "Ghi chú"}
WHERE_TO_ENTER = "nhập ở Hồ sơ"
# How sure a cited article is, in the words the clerk reads (screen fonts lack the ✅/⚠️/❓ glyphs).
UNCONFIRMED_WORDS = "chưa xác nhận văn bản"
SECONDARY_WORDS = "theo nguồn thứ cấp, cần đối chiếu văn bản"
UNCONFIRMED_NOTE = f"tiêu chuẩn {UNCONFIRMED_WORDS}, hãy đối chiếu văn bản gốc"


def unconfirmed(article: str) -> str:
    """An article whose text was not seen: "NĐ 91/2017/NĐ-CP Điều 39 (chưa xác nhận văn bản)"."""
    return f"{article} ({UNCONFIRMED_WORDS})"


def secondary(article: str) -> str:
    """An article known from a single or secondary source."""
    return f"{article} ({SECONDARY_WORDS})"


@dataclass(frozen=True, slots=True)
class Check:
    """One rule checked for one nomination."""

    code: str  # stable identifier, e.g. "nd91.cstdcs.initiative"
    title: str  # what the rule asks, in Vietnamese
    outcome: str  # pass | fail | warn | info
    detail: str  # why, as a short Vietnamese phrase ("năm 2019 không có danh hiệu Chiến sĩ thi đua cơ sở")
    article: str = ""  # the legal basis it encodes
    evidence: tuple[str, ...] = ()  # the years, decisions and records it rests on
    substantive: bool = True  # False for the general checks every nomination gets
    basis: tuple[str, ...] = ()  # short citations of the decisions it rests on ("Bằng khen … 2023, QĐ số …")
    needs: tuple[str, ...] = ()  # what the records lack, when the outcome is "missing" ("xếp loại năm 2024")

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "title": self.title, "outcome": self.outcome, "detail": self.detail,
                "article": self.article, "evidence": list(self.evidence), "substantive": self.substantive,
                "basis": list(self.basis), "needs": list(self.needs)}


Texts = tuple[str, ...] | list[str]


def passed(code: str, title: str, detail: str, article: str = "", evidence: Texts = (), *,
           substantive: bool = True, basis: Texts = ()) -> Check:
    return Check(code, title, PASS, detail, article, tuple(evidence), substantive, tuple(basis))


def failed(code: str, title: str, detail: str, article: str = "", evidence: Texts = (), *,
           confirmed: bool = True, substantive: bool = True, basis: Texts = ()) -> Check:
    """A rule not met; when the rule's text is unconfirmed the failure is only a warning."""
    if not confirmed:
        return Check(code, title, WARN, f"{detail} ({UNCONFIRMED_NOTE})", article, tuple(evidence), substantive,
                     tuple(basis))
    return Check(code, title, FAIL, detail, article, tuple(evidence), substantive, tuple(basis))


def warned(code: str, title: str, detail: str, article: str = "", evidence: Texts = (), *,
           substantive: bool = True, basis: Texts = ()) -> Check:
    return Check(code, title, WARN, detail, article, tuple(evidence), substantive, tuple(basis))


def missing(code: str, title: str, detail: str, article: str = "", evidence: Texts = (), *,
            needs: Texts, substantive: bool = True) -> Check:
    """A rule that cannot be judged because the records lack a fact; ``needs`` names each missing fact the way
    the clerk finds it in Hồ sơ ("xếp loại năm 2024", "số liệu năm 2024 của tập thể")."""
    return Check(code, title, MISSING, detail, article, tuple(evidence), substantive, (), tuple(needs))


def needs_of(checks: Iterable[Check]) -> tuple[str, ...]:
    """Every missing fact the checks name, once each, in order."""
    return tuple(dict.fromkeys(n for c in checks for n in c.needs))


def worst(outcomes: set[str] | list[str] | tuple[str, ...]) -> str:
    """The outcome of a group of checks: a failure, else missing data, else a warning, else a pass."""
    for outcome in (FAIL, MISSING, WARN):
        if outcome in outcomes:
            return outcome
    return PASS


def noted(code: str, title: str, detail: str, article: str = "", evidence: Texts = ()) -> Check:
    return Check(code, title, INFO, detail, article, tuple(evidence), False)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The result for one nomination: status, a one-line reason for lists, and every rule checked."""

    nomination_id: str
    year: int
    form_code: str
    form_name: str
    subject: str
    subject_name: str
    unit_name: str
    regime: str | None
    regime_name: str
    status: str
    reason: str
    checks: tuple[Check, ...]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def needs(self) -> tuple[str, ...]:
        """The facts the records lack for this verdict ("xếp loại năm 2024"), for the Hồ sơ button."""
        return needs_of(self.checks)

    def explanation(self) -> str:
        """The full explanation: every rule checked, its outcome, the article and the evidence."""
        unit = f" ({self.unit_name})" if self.unit_name else ""
        lines = [f"{self.subject_name}{unit} — {self.form_name} năm {self.year}",
                 f"Chế độ áp dụng: {self.regime_name or 'không xác định'}",
                 f"Kết luận: {self.reason}"]
        for check in self.checks:
            lines.append(f"- [{OUTCOME_LABELS[check.outcome]}] {check.title}: {check.detail}")
            if check.article:
                lines.append(f"    Căn cứ: {check.article}")
            lines.extend(f"    • {item}" for item in check.evidence)
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {"nomination_id": self.nomination_id, "year": self.year, "form": self.form_code,
                "form_name": self.form_name, "subject": self.subject, "name": self.subject_name,
                "unit": self.unit_name, "regime": self.regime, "status": self.status,
                "status_label": self.status_label, "reason": self.reason, "needs": list(self.needs),
                "checks": [c.to_json() for c in self.checks]}


def _join(details: list[str], limit: int = 2) -> str:
    text = "; ".join(details[:limit])
    return text + ("; …" if len(details) > limit else "")


def needs_text(needs: Iterable[str], limit: int = 3) -> str:
    """The missing facts in one phrase, those of the same year and subject said together: "xếp loại, số liệu năm
    2024 của tập thể"; "xếp loại năm 2023; xếp loại năm 2024"."""
    groups: dict[str, list[str]] = {}
    for need in needs:
        what, sep, rest = need.partition(" năm ")
        groups.setdefault(sep + rest, []).append(what)
    parts = [", ".join(dict.fromkeys(whats)) + rest for rest, whats in groups.items()]
    return _join(parts, limit)


def decide(checks: list[Check], form_name: str) -> tuple[str, str]:
    """Status and one-line reason from the checks (see the module docstring)."""
    fails = [c.detail for c in checks if c.outcome == FAIL]
    if fails:
        return "chua_dat", "Chưa đủ điều kiện: " + _join(fails)
    needs = needs_of(checks)
    if needs:
        return MISSING_STATUS, f"Chưa có dữ liệu: {needs_text(needs)} — {WHERE_TO_ENTER}"
    warns = [c.detail for c in checks if c.outcome == WARN]
    if warns:
        return "canh_bao", "Cần xem lại: " + _join(warns)
    passes = [c.detail for c in checks if c.outcome == PASS and c.substantive]
    if passes:
        return "dat", "Đủ điều kiện: " + _join(passes)
    return "khong_ap_dung", (f"Không có tiêu chuẩn kiểm tra tự động cho {form_name}; đã kiểm tra đối tượng, "
                             "kỷ luật và trùng lặp — hãy xét theo hồ sơ.")
