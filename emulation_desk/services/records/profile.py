"""The office profile as one action: what the first-start setup and ``profile set`` write in one go.

The organisation row, the signatories (with their signing capacity) and the current council's members are
kept by :mod:`emulation_desk.services.records.org`; this module composes them for a new office — the level
and the short name follow from the issuing body when not given — and reads them back with the regime and
the base salary the catalog applies on a date (shown, never typed: they are law, not the office's choice).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from emulation_desk.core.money import format_money
from emulation_desk.core.text import nfc
from emulation_desk.errors import ValidationError
from emulation_desk.services.common import Changes, require_text
from emulation_desk.services.records import org
from emulation_desk.services.workspace import Workspace
from emulation_desk.settings import SETUP_SKIPPED

# The word after "ỦY BAN NHÂN DÂN" names the level: longest first ("THỊ XÃ" before "XÃ").
LEVEL_WORDS = (("THỊ TRẤN", "xa", "thị trấn"), ("THỊ XÃ", "huyen", "thị xã"), ("THÀNH PHỐ", "huyen", "thành phố"),
               ("PHƯỜNG", "xa", "phường"), ("HUYỆN", "huyen", "huyện"), ("QUẬN", "huyen", "quận"),
               ("TỈNH", "tinh", "tỉnh"), ("XÃ", "xa", "xã"))
COLLECTIVE = "ỦY BAN NHÂN DÂN"


@dataclass(frozen=True)
class Signer:
    full_name: str
    position: str


@dataclass(frozen=True)
class Member:
    full_name: str
    position: str
    role: str


def level_and_short_name(issuing_body: str) -> tuple[str, str] | None:
    """("xa", "UBND xã") for "ỦY BAN NHÂN DÂN XÃ AN BÌNH"; None when the name says no level."""
    words = nfc(issuing_body).upper().replace("UỶ", "ỦY").split()
    if " ".join(words[:4]) == COLLECTIVE:
        words = words[4:]
    elif words[:1] == ["UBND"]:
        words = words[1:]
    rest = " ".join(words)
    for word, level, short in LEVEL_WORDS:
        if rest.startswith(word + " ") or rest == word:
            return level, f"UBND {short}"
    return None


def is_empty(ws: Workspace) -> bool:
    """True while the profile cannot sign a document: no organisation, or no one who signs (a file whose
    letterhead was set alone, by the command line, still gets the setup for the rest)."""
    return ws.organisation() is None or not ws.store.scalar("SELECT count(*) FROM signatory WHERE active = 1")


def _organisation_fields(ws: Workspace, fields: dict[str, Any]) -> dict[str, Any]:
    values = {k: v for k, v in fields.items() if v is not None}
    current = ws.organisation()
    body = values.get("issuing_body") or (current or {}).get("issuing_body", "")
    derived = level_and_short_name(body) if body else None
    if current is None and derived:
        values.setdefault("level", derived[0])
        values.setdefault("body_short", derived[1])
    if current is None and "level" not in values and body:
        raise ValidationError("Chưa biết cấp hành chính của cơ quan: tên cơ quan ban hành không có chữ xã, phường, "
                              "huyện, quận, thành phố, tỉnh. Hãy ghi rõ cấp (xa, huyen hoặc tinh).", field="level")
    return values


def save_profile(ws: Workspace, *, signers: list[Signer] | None = None, members: list[Member] | None = None,
                 **fields: Any) -> Changes:
    """Write the office profile (None fields unchanged) and, when given, replace the signatories and the
    council's members — all in one transaction: nothing is half-written."""
    with ws.store.transaction():
        values = _organisation_fields(ws, fields)
        current = ws.organisation()
        if values or current is None:
            org.save_organisation(ws, current["id"] if current else None, **values)
        if signers is not None:
            _replace_signers(ws, signers)
        if members is not None:
            _replace_members(ws, members)
    return Changes(settings=True)


def _replace_signers(ws: Workspace, signers: list[Signer]) -> None:
    head_title = nfc((ws.organisation() or {}).get("head_title") or "CHỦ TỊCH").upper()
    existing = {nfc(s["full_name"]): s for s in org.list_signatories(ws, active_only=False)}
    kept = set()
    for order, signer in enumerate(signers):
        name = require_text(signer.full_name, "signatory", "Họ và tên người ký", max_length=200)
        is_head = nfc(signer.position).upper().strip() == head_title
        if name in existing:
            org.update_signatory(ws, existing[name]["id"], full_name=name, position=signer.position, is_head=is_head)
            ws.store.update("signatory", existing[name]["id"], {"sort_order": order}, summary=f"Thứ tự người ký {name}")
        else:
            org.add_signatory(ws, name, signer.position, is_head=is_head, sort_order=order)
        kept.add(name)
    for name, row in existing.items():
        if name not in kept and row["active"]:
            org.update_signatory(ws, row["id"], full_name=row["full_name"], position=row["position"],
                                 is_head=bool(row["is_head"]), active=False)


def _replace_members(ws: Workspace, members: list[Member]) -> None:
    council, current = org.current_council(ws)
    if council is None:
        profile = ws.organisation() or {}
        derived = level_and_short_name(profile.get("issuing_body", ""))
        where = f"{derived[1].removeprefix('UBND ')} {profile.get('place_name', '')}" if derived else ""
        name = profile.get("council_name") or f"Hội đồng Thi đua - Khen thưởng {where}".strip()
        council_id = org.add_council(ws, name, valid_from=date.today()).id
    else:
        council_id = council["id"]
    for row in current:
        org.remove_council_member(ws, row["id"])
    for order, member in enumerate(members):
        org.add_council_member(ws, council_id, member.full_name, member.position, role_code(member.role),
                               sort_order=order)


def role_code(role: str) -> str:
    """"chu_tich" or its label ("Chủ tịch Hội đồng", "Ủy viên, Thư ký"…) → the role's code."""
    text = nfc(role).strip()
    if text in org.COUNCIL_ROLES:
        return text
    for code, label in org.COUNCIL_ROLES.items():
        if text.casefold() in (label.casefold(), label.casefold().replace(" hội đồng", "")):
            return code
    raise ValidationError(f"Vai trò trong Hội đồng “{role}” không có. Hãy dùng một trong: "
                          + ", ".join(f"{code} ({label})" for code, label in org.COUNCIL_ROLES.items()) + ".",
                          field="role")


def law_on(ws: Workspace, on: date) -> dict[str, str]:
    """The regime and the base salary the catalog applies on ``on``, as text to show."""
    catalog = ws.catalog()
    regime, salary = catalog.regime_for(on), catalog.base_salary_for(on)
    return {"regime": regime.name if regime else "Chưa có chế độ áp dụng cho ngày này trong danh mục",
            "base_salary": (f"{format_money(salary.amount)} đồng/tháng (từ {salary.valid_from:%d/%m/%Y}, "
                            f"{salary.instrument})") if salary else "Chưa có mức lương cơ sở trong danh mục"}


def profile(ws: Workspace) -> dict[str, Any]:
    """The whole profile: organisation (None when empty), active signatories, council and its members."""
    council, members = org.current_council(ws)
    return {"organisation": ws.organisation(), "signatories": org.list_signatories(ws), "council": council,
            "members": members}


def setup_skipped(ws: Workspace) -> bool:
    return bool(SETUP_SKIPPED.read(ws.store))


def skip_setup(ws: Workspace) -> Changes:
    """The clerk closed the first-start setup: do not offer it at every start (Thiết lập still opens it)."""
    with ws.store.transaction():
        SETUP_SKIPPED.write(ws.store, True)
    return Changes(settings=True)
