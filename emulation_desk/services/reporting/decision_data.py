"""What a printed award decision needs, from the records: Điều 1's verb, form, achievement and counts; the
bonus each recipient is paid and, for one paid nothing, why; the attached list in parts (collectives,
individuals, households) ordered by unit in the clerk's unit order; Điều 3 and Nơi nhận (the decision's own
texts, or the office's defaults). Finding the decision by number refuses to guess between several.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from emulation_desk.core.catalog import AwardForm
from emulation_desk.core.text import format_count, format_date, nfc
from emulation_desk.errors import KnownError, NotFoundError, ValidationError
from emulation_desk.services.awards.decisions import decision_recipients
from emulation_desk.services.common import Changes
from emulation_desk.services.records.org import signing_block
from emulation_desk.services.reporting.documents_data import Letterhead, _signatory, letterhead
from emulation_desk.services.workspace import Workspace
from emulation_desk.settings import DECISION_LIST_ORDER

SUBJECTS = ("tap_the", "ca_nhan", "ho_gia_dinh")
GROUP_TITLES = {"tap_the": "TẬP THỂ", "ca_nhan": "CÁ NHÂN", "ho_gia_dinh": "HỘ GIA ĐÌNH"}
# Who pays out the bonus, named in the execution article, by administrative level.
FINANCE_OFFICE = {"huyen": "Trưởng phòng Tài chính - Kế hoạch", "xa": "Công chức Tài chính - Kế toán",
                  "tinh": "Giám đốc Sở Tài chính"}
# The 2022 Law (in force 01/01/2024) "tặng" a title; decisions under the 2003 Law "công nhận" it.
TITLE_GIVEN_FROM = date(2024, 1, 1)
UNORDERED = 10**9


@dataclass(frozen=True)
class ListEntry:
    name: str
    position: str
    unit: str  # the unit heading the entry sits under in the list ("" for none)
    amount: int | None
    is_manager: bool = False
    note: str = ""  # why nothing is paid, e.g. "Đã nhận tiền thưởng theo QĐ số … (danh hiệu cao hơn)"


@dataclass(frozen=True)
class ListGroup:
    """One part of the attached list (collectives, individuals or households); its entries are ordered by
    unit in the clerk's unit order, and consecutive entries of one unit share a heading row."""

    subject: str
    title: str
    entries: tuple[ListEntry, ...]


@dataclass(frozen=True)
class DecisionPrint:
    letterhead: Letterhead
    number: str
    symbol: str
    signed_on: date
    draft: bool
    title: str
    issuer_line: str
    legal_bases: tuple[str, ...]
    proposal: str
    form_name: str
    form_is_title: bool  # a danh hiệu (printed in quotes) rather than a hình thức
    bonus_source: str
    executors: str  # who carries the decision out (named by the default Điều 3)
    recipients: tuple[str, ...]  # Nơi nhận
    signing_lines: tuple[str, ...]
    signer_name: str
    groups: tuple[ListGroup, ...]
    counts: dict[str, int] = field(default_factory=dict)
    verb: str = "tặng"  # tặng / công nhận / tặng thưởng: the action of Điều 1
    achievement: str = ""  # what the recipients did, when they all share it ("Đã có thành tích …")
    execution: str = ""  # Điều 3 as printed (the decision's own text or the default)

    @property
    def total(self) -> int:
        return sum(e.amount or 0 for g in self.groups for e in g.entries)

    @property
    def computed(self) -> bool:
        """Whether every recipient's bonus is known (issued, or a draft whose bonuses were computed)."""
        return all(e.amount is not None for g in self.groups for e in g.entries)

    def amounts(self, subject: str) -> list[int]:
        return sorted({e.amount for g in self.groups if g.subject == subject for e in g.entries if e.amount})

    def unpaid(self) -> list[ListEntry]:
        return [e for g in self.groups for e in g.entries if e.amount == 0]


@dataclass(frozen=True)
class DecisionTexts:
    """Điều 3 and the Nơi nhận lines of a decision: its own, or the defaults of the office profile."""

    execution: str
    recipients: tuple[str, ...]
    own_execution: bool
    own_recipients: bool


# ---------------------------------------------------------------- finding the decision
def _label(row: dict[str, Any]) -> str:
    number = f"{row['number']}/{row['symbol']}" if row["symbol"] else row["number"]
    return number or "(chưa có số)"


def matching_decisions(ws: Workspace, number: str, year: int) -> list[dict[str, Any]]:
    """The decisions of ``year`` whose number (with or without its symbol) is ``number``; for an empty
    number, the year's own decisions without one. This office's own decisions come first."""
    text = nfc(number).strip()
    num, _, symbol = text.partition("/")
    rows = ws.store.query(
        """SELECT d.*, (SELECT count(*) FROM decision_recipient r WHERE r.decision_id = d.id) AS recipient_count,
                  f.short_name AS form_short_name
           FROM decision d LEFT JOIN award_form f ON f.code = d.form_code
           WHERE d.year = ? AND d.number = ? AND d.deleted_at IS NULL ORDER BY d.is_own DESC, d.signed_on""",
        [year, num.strip()])
    if symbol.strip():
        rows = [r for r in rows if r["symbol"].lower() == symbol.strip().lower()]
    return [r for r in rows if r["is_own"]] if not text else rows


def describe(rows: list[dict[str, Any]]) -> str:
    """"4520/QĐ-UBND ngày 10/12/2020 (Lao động tiên tiến, 670 người/tập thể); …" for a message."""
    return "; ".join(f"{_label(r)} ngày {format_date(date.fromisoformat(r['signed_on']))} "
                     f"({r['form_short_name'] or r['title']}, {format_count(r['recipient_count'])} người/tập thể"
                     + ("" if r["is_own"] else f", của {r['issuer_name']}") + ")" for r in rows)


def resolve_decision(ws: Workspace, number: str, year: int) -> dict[str, Any]:
    """The one decision ``number`` names in ``year``; a clear message listing the candidates when the
    number is empty or several decisions carry it (never a guess)."""
    rows = matching_decisions(ws, number, year)
    text = nfc(number).strip()
    if len(rows) == 1:
        return rows[0]
    if not rows and text:
        raise NotFoundError(f"Không tìm thấy quyết định số {text} năm {year}. Xem danh sách bằng lệnh: "
                            f"decisions list --year {year}.")
    if not rows:
        own = [r for r in ws.store.query("SELECT number FROM decision WHERE year = ? AND is_own = 1 AND "
                                         "deleted_at IS NULL", [year])]
        hint = (f"Năm {year} có {format_count(len(own))} quyết định của cơ quan; xem danh sách bằng lệnh: "
                f"decisions list --year {year}.") if own else f"Năm {year} chưa có quyết định nào của cơ quan."
        raise KnownError(f"Hãy ghi số quyết định cần in (--number). {hint}")
    what = f"số {text}" if text else "chưa có số"
    raise KnownError(f"Có {len(rows)} quyết định {what} năm {year}: {describe(rows)}. Hãy ghi cả ký hiệu "
                     f"(ví dụ --number {_label(rows[0])}) hoặc đặt số cho dự thảo rồi in lại.")


# ---------------------------------------------------------------- the list
def list_order(ws: Workspace) -> tuple[str, ...]:
    """Order of the parts of a decision's attached list (a setting; collectives first by default)."""
    value = DECISION_LIST_ORDER.read(ws.store)
    order = [s for s in value if s in SUBJECTS] if isinstance(value, list) else []
    return tuple(order + [s for s in SUBJECTS if s not in order])


def set_list_order(ws: Workspace, order: list[str]) -> Changes:
    if sorted(order) != sorted(SUBJECTS):
        raise ValidationError("Thứ tự nhóm trong danh sách phải gồm đủ: tập thể, cá nhân, hộ gia đình.",
                              field="list_order")
    with ws.store.transaction():
        DECISION_LIST_ORDER.write(ws.store, list(order))
    return Changes(settings=True)


def unit_orders(ws: Workspace) -> dict[str, int]:
    """The clerk's order of the units (Đơn vị tab), by unit name."""
    orders: dict[str, int] = {}
    for index, row in enumerate(ws.store.query("SELECT name FROM unit ORDER BY sort_order, name")):
        orders.setdefault(nfc(row["name"]), index)
    return orders


def _sorted_rows(rows: list[dict[str, Any]], subject: str, orders: dict[str, int]) -> list[dict[str, Any]]:
    """Individuals by unit (the clerk's unit order, then first appearance), leaders first (heads before
    deputies), then the decision's order; collectives without a parent unit first, then those of each
    parent unit; households in the decision's order."""
    chosen = [r for r in rows if r["subject"] == subject]
    first_seen: dict[str, int] = {}
    for index, row in enumerate(chosen):
        first_seen.setdefault(row["unit_name"], index)
    if subject == "ca_nhan":
        return sorted(chosen, key=lambda r: (orders.get(nfc(r["unit_name"]), UNORDERED), first_seen[r["unit_name"]],
                                             not r["is_manager"],
                                             bool(r["is_manager"]) and nfc(r["position"]).startswith("Phó")))
    if subject == "tap_the":
        return sorted(chosen, key=lambda r: (bool(r["unit_name"]), orders.get(nfc(r["unit_name"]), UNORDERED),
                                             first_seen[r["unit_name"]], orders.get(nfc(r["display_name"]),
                                                                                    UNORDERED)))
    return chosen


def _entry(row: dict[str, Any], note: str) -> ListEntry:
    if row["subject"] == "ho_gia_dinh":  # a household: its address in the second column, no unit heading
        return ListEntry(row["display_name"], row["unit_name"], "", row["amount"], False, note)
    return ListEntry(row["display_name"], row["position"], row["unit_name"], row["amount"], bool(row["is_manager"]),
                     note)


def unpaid_notes(ws: Workspace, decision: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, str]:
    """Recipient id → why a recipient is paid nothing: the title of the same achievement year, in another issued
    decision, whose bonus is higher (only the highest is paid), or a second line of the same recipient."""
    zero = [r for r in rows if r["amount"] == 0]
    if not zero:
        return {}
    keys = {r["id"]: r["person_id"] or r["unit_id"] or r["household_id"] for r in zero}
    marks = ",".join("?" for _ in keys)
    others = ws.store.query(
        f"""SELECT coalesce(r.person_id, r.unit_id, r.household_id) AS subject_id, r.subject, r.form_code,
                   d.number, d.symbol, d.signed_on, d.issuer_name, d.is_own
            FROM decision_recipient r JOIN decision d ON d.id = r.decision_id
            JOIN award_form f ON f.code = r.form_code
            WHERE r.achievement_first = ? AND r.achievement_last = ? AND d.status = 'issued'
              AND d.deleted_at IS NULL AND d.id <> ?
              AND f.category = 'danh_hieu' AND r.kind = 'cong_trang' AND r.form_code <> ?
              AND coalesce(r.person_id, r.unit_id, r.household_id) IN ({marks})""",
        [decision["achievement_first"], decision["achievement_last"], decision["id"], decision["form_code"] or "",
         *keys.values()])
    catalog = ws.catalog()

    def worth(row: dict[str, Any]) -> Any:
        found = catalog.coefficient_for(row["form_code"], row["subject"], date.fromisoformat(row["signed_on"]))
        return found.value if found else 0

    best: dict[str, dict[str, Any]] = {}
    for row in sorted(others, key=worth, reverse=True):
        best.setdefault(row["subject_id"], row)
    seen = [r["person_id"] or r["unit_id"] or r["household_id"] for r in rows]
    notes = {}
    for recipient_id, key in keys.items():
        if key in best:
            row = best[key]
            notes[recipient_id] = (f"Đã nhận thưởng “{catalog.form(row['form_code']).short_name}” "
                                   f"(QĐ số {_label(row)}, mức cao hơn)")
        elif seen.count(key) > 1:
            notes[recipient_id] = "Đã tính tiền thưởng ở dòng khác của danh sách"
        else:
            notes[recipient_id] = "Không hưởng tiền thưởng theo nguyên tắc chỉ nhận mức cao nhất"
    return notes


def _groups(ws: Workspace, decision: dict[str, Any], rows: list[dict[str, Any]]) -> tuple[ListGroup, ...]:
    orders = unit_orders(ws)
    notes = unpaid_notes(ws, decision, rows)
    for r in rows:
        if r["amount"] is None and any(x["amount"] is not None for x in rows):
            notes[r["id"]] = "Chưa có mức tiền thưởng trong danh mục"
    return tuple(ListGroup(s, GROUP_TITLES[s], tuple(_entry(r, notes.get(r["id"], ""))
                                                     for r in _sorted_rows(rows, s, orders)))
                 for s in list_order(ws) if any(r["subject"] == s for r in rows))


# ---------------------------------------------------------------- the articles
def action_verb(form: AwardForm, signed_on: date) -> str:
    """"tặng thưởng" an order or a medal; "công nhận" a title under the 2003 Law, "tặng" it under the 2022
    Law; "tặng" any other form (Giấy khen, Bằng khen, Cờ thi đua)."""
    if form.short_name.startswith(("Huân chương", "Huy chương")) or form.family.startswith(("huan_chuong",
                                                                                             "huy_chuong")):
        return "tặng thưởng"
    if is_title(form) and signed_on < TITLE_GIVEN_FROM:
        return "công nhận"
    return "tặng"


def is_title(form: AwardForm) -> bool:
    """A danh hiệu printed in quotes ("Lao động tiên tiến"); a Cờ thi đua is named as it is."""
    return form.category == "danh_hieu" and not form.short_name.startswith("Cờ")


def shared_achievement(rows: list[dict[str, Any]]) -> str:
    """The achievement every recipient shares, as a sentence ("Đã có thành tích … ."); "" when they differ."""
    found = {nfc(r["achievement"]).strip() for r in rows}
    if len(found) != 1:
        return ""
    text = found.pop().rstrip(" .;")
    return f"{text[:1].upper()}{text[1:]}." if text else ""


def _head_of(office: str) -> str:
    if office.startswith("Sở "):
        return f"Giám đốc {office}"
    if office.startswith("Phòng "):
        return f"Trưởng phòng {office[len('Phòng '):]}"
    return f"Thủ trưởng {office}"


def _executors(org: dict[str, Any]) -> str:
    level = org.get("level", "huyen")
    office = nfc(org.get("office_name", "")).strip()
    parts = ["Chánh Văn phòng UBND tỉnh" if level == "tinh" else f"Chánh Văn phòng HĐND và {org['body_short']}"]
    if office:
        parts.append(_head_of(office))
    parts.append(FINANCE_OFFICE.get(level, FINANCE_OFFICE["huyen"]))
    return ", ".join(parts) + ", Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1"


def default_texts(ws: Workspace) -> DecisionTexts:
    """The office's default Điều 3 and Nơi nhận (what a decision prints while its own texts are empty)."""
    org = ws.organisation() or {}
    execution = (f"Quyết định này có hiệu lực kể từ ngày ký. {_executors(org)} chịu trách nhiệm thi hành Quyết "
                 "định này./.") if org else ""
    office_code = org.get("office_code", "")
    return DecisionTexts(execution, ("Như Điều 3;", f"Lưu: VT{', ' + office_code if office_code else ''}."),
                         False, False)


def decision_texts(ws: Workspace, decision: dict[str, Any]) -> DecisionTexts:
    """Điều 3 and Nơi nhận as the decision prints them."""
    default = default_texts(ws)
    own_execution = nfc(decision.get("execution_text") or "").strip()
    own_recipients = tuple(line.strip() for line in nfc(decision.get("recipients_text") or "").splitlines()
                           if line.strip())
    return DecisionTexts(own_execution or default.execution, own_recipients or default.recipients,
                         bool(own_execution), bool(own_recipients))


def legal_bases(ws: Workspace, decision: dict[str, Any], provincial_regulation: str) -> tuple[str, ...]:
    """The decision's own căn cứ lines, or the regime's of its date; "{quy_che_tinh}" filled in."""
    lines = json.loads(decision["legal_bases"] or "[]")
    if not lines:
        regime = ws.catalog().regime_for(date.fromisoformat(decision["signed_on"]))
        lines = list(regime.legal_bases) if regime else []
    out = []
    for line in lines:
        if "{quy_che_tinh}" in line:
            if not provincial_regulation.strip():
                continue  # no regulation recorded: leave the line out rather than print a placeholder
            line = line.replace("{quy_che_tinh}", provincial_regulation.strip())
        out.append(nfc(line))
    return tuple(out)


def decision_for_print(ws: Workspace, number: str, year: int, *, decision_id: str | None = None) -> DecisionPrint:
    """An award decision of this office, with its attached list, ready to print (by number, or by its id:
    the window prints the chosen row, a draft without a number included)."""
    head = letterhead(ws)
    org = ws.organisation() or {}
    decision = ws.store.get("decision", decision_id) if decision_id else resolve_decision(ws, number, year)
    if decision is None or decision.get("deleted_at"):
        raise NotFoundError("Không tìm thấy quyết định đã chọn (có thể đã bị xóa). Hãy tải lại danh sách.")
    label = _label(decision)
    if not decision["is_own"]:
        raise KnownError(f"Quyết định số {label} là quyết định của {decision['issuer_name']}, được lưu lại để "
                         "thống kê. Phần mềm chỉ in quyết định do cơ quan mình ban hành; hãy dùng bản gốc đã nhận.")
    rows = decision_recipients(ws, decision["id"])
    if not rows:
        raise KnownError(f"Quyết định số {label} chưa có tập thể, cá nhân nào được khen thưởng. "
                         "Hãy thêm danh sách rồi in lại.")
    form = ws.catalog().form(decision["form_code"] or rows[0]["form_code"])
    signed_on = date.fromisoformat(decision["signed_on"])
    signer = _signatory(ws, decision["signer_id"], decision["signer_name"], decision["signer_position"],
                        head.head_title)
    lines = signing_block(signer, collective_title=org.get("collective_title", "ỦY BAN NHÂN DÂN"),
                          head_title=head.head_title, on_behalf_of_body=False)
    texts = decision_texts(ws, decision)
    return DecisionPrint(
        letterhead=head, number=decision["number"], symbol=decision["symbol"] or org.get("symbol_decision", ""),
        signed_on=signed_on, draft=decision["status"] != "issued",
        title=decision["title"], issuer_line=f"{head.head_title} {head.issuing_body}".upper(),
        legal_bases=legal_bases(ws, decision, org.get("provincial_regulation", "")),
        proposal=decision["proposal_ref"], form_name=form.short_name, form_is_title=is_title(form),
        bonus_source=decision["bonus_source"] or org.get("fund_source", ""), executors=_executors(org),
        recipients=texts.recipients, signing_lines=tuple(lines), signer_name=signer["full_name"],
        groups=_groups(ws, decision, rows), counts={s: sum(1 for r in rows if r["subject"] == s) for s in SUBJECTS},
        verb=action_verb(form, signed_on), achievement=shared_achievement(rows), execution=texts.execution)
