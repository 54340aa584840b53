"""Thresholds and quotas of the eligibility rules that no confirmed legal text fixes: settings.

Every default is here, in one place; the clerk's values are stored in the database (setting key
``eligibility``) and merged over these defaults. Confirmed figures (10 months of work for LĐTT under
Decree 91, "trên 50%" of members for TTLĐTT under the 2003 Law, 70% under the 2022 Law…) stay in the
regime modules next to the article they come from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any

SETTING_KEY = "eligibility"
QUOTA_SCOPES = {"toan_co_quan": "toàn cơ quan", "tung_don_vi": "từng đơn vị đề nghị"}
CLAUSE_MODES = {"khong": "không áp dụng", "canh_bao": "chỉ cảnh báo", "bat_buoc": "bắt buộc"}
VOTE_BASES = {"all_members": "tổng số thành viên Hội đồng", "present": "số thành viên có mặt"}

DEFAULTS: dict[str, Any] = {
    # CSTĐCS at most this % of the people who reached the LĐTT standard in the year. Decree 91 Art 9.3 caps
    # it at 15% and lets the province fix the figure. No national quota exists after 31/12/2023: the later
    # regimes read the province's rate, empty (no check) until the clerk sets it.
    "cstdcs_quota_percent": {"ND91_2017": "15", "ND98_2023": "", "ND152_2025": "", "LUAT_2026": ""},
    "cstdcs_quota_scope": "toan_co_quan",
    # TT 15/2025 may keep TT 01/2024's "recruited less than 6 months" bar for LĐTT (not confirmed).
    "ldtt_min_months_nd152": 6,
    # Law 2022 Art 27.1 (TTLĐXS) has no discipline clause (the 2013 text had one): none by default; a province
    # that adds one to its own regulation sets "canh_bao" or "bat_buoc".
    "ttldxs_discipline_clause": "khong",
    # Council vote thresholds per award form: {"CSTD_TINH": {"percent": "90", "base": "all_members"}}. They
    # override the regime's default where its text fixes one (Decree 91 Art 45.8: 90% of all members for CSTĐ
    # cấp tỉnh, CSTĐ toàn quốc, Anh hùng); the later regimes fix none, so nothing is checked until set.
    "vote_thresholds": {},
}

LABELS = {
    "cstdcs_quota_percent": "Tỷ lệ tối đa Chiến sĩ thi đua cơ sở trên số người đạt tiêu chuẩn Lao động tiên tiến (%)",
    "cstdcs_quota_scope": "Phạm vi tính tỷ lệ Chiến sĩ thi đua cơ sở",
    "ldtt_min_months_nd152": "Số tháng công tác tối thiểu để xét Lao động tiên tiến từ 01/7/2025",
    "ttldxs_discipline_clause": ("Điều kiện không có thành viên bị kỷ luật từ cảnh cáo khi xét Tập thể lao động "
                                 "xuất sắc"),
    "vote_thresholds": "Tỷ lệ phiếu đồng ý tối thiểu của Hội đồng theo hình thức khen thưởng",
}


class SettingsError(ValueError):
    """A setting has a wrong value; the message is Vietnamese."""


@dataclass(frozen=True)
class VoteThreshold:
    percent: Decimal
    base: str  # all_members | present


@dataclass(frozen=True)
class EligibilitySettings:
    cstdcs_quota_percent: Mapping[str, Decimal | None] = field(
        default_factory=lambda: {k: Decimal(v) if v else None for k, v in DEFAULTS["cstdcs_quota_percent"].items()})
    cstdcs_quota_scope: str = "toan_co_quan"
    ldtt_min_months_nd152: int = 6
    ttldxs_discipline_clause: str = "khong"
    vote_thresholds: Mapping[str, VoteThreshold] = field(default_factory=dict)
    # The level of the office whose council votes ("tinh", "huyen", "xa"; from the organisation profile, not a
    # stored setting). A regime's default threshold binds the council of its level only: NĐ 91/2017 Điều 45.8
    # (90%) is the provincial council's rule, not a city's council proposing to the province.
    council_level: str | None = None

    def quota_for(self, regime: str | None) -> Decimal | None:
        return self.cstdcs_quota_percent.get(regime or "")

    def with_changes(self, **changes: Any) -> EligibilitySettings:
        return replace(self, **changes)


def _percent(value: Any, what: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise SettingsError(f"{what}: «{value}» không phải là số.") from None
    if not number.is_finite() or not 0 <= number <= 100:
        raise SettingsError(f"{what}: tỷ lệ phải từ 0 đến 100 (đang là {value}).")
    return number


def _choice(value: Any, choices: Mapping[str, str], what: str) -> str:
    if value not in choices:
        raise SettingsError(f"{what}: chỉ được chọn {', '.join(f'«{v}»' for v in choices.values())}.")
    return str(value)


def settings_from_mapping(stored: Mapping[str, Any] | None) -> EligibilitySettings:
    """The effective settings: ``stored`` (as kept in the database) merged over :data:`DEFAULTS`."""
    stored = dict(stored or {})
    unknown = sorted(set(stored) - set(DEFAULTS))
    if unknown:
        raise SettingsError(f"Thiết lập xét điều kiện không hợp lệ: {', '.join(unknown)}.")
    data = {**DEFAULTS, **stored}
    quotas = {**DEFAULTS["cstdcs_quota_percent"], **dict(data["cstdcs_quota_percent"] or {})}
    months = data["ldtt_min_months_nd152"]
    if isinstance(months, bool) or not isinstance(months, int) or not 0 <= months <= 12:
        raise SettingsError(f"{LABELS['ldtt_min_months_nd152']}: phải là số nguyên từ 0 đến 12.")
    votes: dict[str, VoteThreshold] = {}
    for form, spec in dict(data["vote_thresholds"] or {}).items():
        what = f"{LABELS['vote_thresholds']} ({form})"
        percent = _percent(spec.get("percent"), what) if isinstance(spec, Mapping) else None
        if percent is None:
            raise SettingsError(f"{what}: phải ghi tỷ lệ phần trăm.")
        votes[form] = VoteThreshold(percent, _choice(spec.get("base", "all_members"), VOTE_BASES, what))
    return EligibilitySettings(
        cstdcs_quota_percent={k: _percent(v, LABELS["cstdcs_quota_percent"]) for k, v in quotas.items()},
        cstdcs_quota_scope=_choice(data["cstdcs_quota_scope"], QUOTA_SCOPES, LABELS["cstdcs_quota_scope"]),
        ldtt_min_months_nd152=months,
        ttldxs_discipline_clause=_choice(data["ttldxs_discipline_clause"], CLAUSE_MODES,
                                         LABELS["ttldxs_discipline_clause"]),
        vote_thresholds=votes,
    )
