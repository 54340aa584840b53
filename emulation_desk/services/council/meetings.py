"""The council meeting (họp Hội đồng Thi đua - Khen thưởng): the meeting of a year, attendance, members who
abstain on a case (conflicts), the vote counts per case, the threshold of the regime and of the council's
rules, the results carried back into the nominations and a decision from the passed ones.

The thresholds and the counting rule are in :mod:`emulation_desk.services.council.rules` (re-exported here).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from emulation_desk.core.text import fold, nfc
from emulation_desk.errors import NotFoundError, ValidationError
from emulation_desk.services.awards import decisions as decision_service
from emulation_desk.services.awards.nominations import NOMINEE_JOINS, NOMINEE_NAME
from emulation_desk.services.common import Changes, Created, require_date, require_text, require_year
from emulation_desk.services.council.rules import (
    FALLBACK_RULE,
    Counts,
    Outcome,
    VoteRule,
    ballot_forms,
    evaluate,
    vote_rule,
)
from emulation_desk.services.records.org import current_council
from emulation_desk.services.workspace import Workspace

__all__ = ["Counts", "Outcome", "VoteRule", "ballot_forms", "evaluate", "vote_rule"]  # re-exported

PRESENCE_LABELS = {"present": "Có mặt", "absent": "Vắng mặt", "written": "Vắng mặt, có ý kiến bằng văn bản"}
CASE_STATUSES = ("submitted", "checked", "voted")  # nominations a new meeting takes up
RESULT_FROM = ("submitted", "checked", "voted", "rejected")  # statuses a result may overwrite


# ---------------------------------------------------------------- the meeting
def get_meeting(ws: Workspace, meeting_id: str) -> dict[str, Any]:
    row = ws.store.get("council_meeting", meeting_id)
    if row is None:
        raise NotFoundError("Không tìm thấy cuộc họp Hội đồng này (có thể đã bị xóa). Hãy chọn lại cuộc họp.")
    return row


def list_meetings(ws: Workspace, year: int | None = None) -> list[dict[str, Any]]:
    where, params = ("WHERE year = ?", [year]) if year is not None else ("", [])
    return ws.store.query(f"SELECT * FROM council_meeting {where} ORDER BY held_on DESC, created_at DESC", params)


def latest_meeting(ws: Workspace, year: int) -> dict[str, Any]:
    rows = list_meetings(ws, year)
    if not rows:
        raise NotFoundError(f"Năm {year} chưa có cuộc họp Hội đồng nào. Hãy tạo cuộc họp trước "
                            f"(lệnh: council new --year {year} --date NGÀY).")
    return rows[0]


def members_of(ws: Workspace, meeting: Mapping[str, Any]) -> list[dict[str, Any]]:
    return ws.store.query("SELECT * FROM council_member WHERE council_id = ? ORDER BY sort_order, full_name",
                          [meeting["council_id"]])


def _time(value: str, field_name: str, label: str) -> str:
    text = (value or "").strip().replace("h", ":").replace("g", ":")
    if not text:
        return ""
    hours, _, minutes = text.partition(":")
    try:
        h, m = int(hours), int(minutes or 0)
    except ValueError:
        raise ValidationError(f"{label} phải có dạng giờ:phút, ví dụ 08:00.", field=field_name) from None
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise ValidationError(f"{label} không hợp lệ: {value}.", field=field_name)
    return f"{h:02d}:{m:02d}"


def _nominations(ws: Workspace, year: int, ids: list[str] | None) -> list[dict[str, Any]]:
    if ids is not None:
        marks = ",".join("?" for _ in ids) or "NULL"
        rows = ws.store.query(f"SELECT * FROM nomination WHERE id IN ({marks}) AND deleted_at IS NULL", ids)
        if len(rows) != len(set(ids)):
            raise ValidationError("Có đề nghị khen thưởng không còn trong dữ liệu. Hãy chọn lại danh sách.")
        wrong = [r for r in rows if r["year"] != year or r["status"] not in RESULT_FROM]
        if wrong:
            raise ValidationError(f"Có {len(wrong)} đề nghị không thuộc năm {year} hoặc đã có quyết định/đang "
                                  "soạn; Hội đồng chỉ xét các đề nghị đã nộp hoặc đã thẩm định.")
        return rows
    marks = ",".join("?" for _ in CASE_STATUSES)
    return ws.store.query(
        f"SELECT * FROM nomination n WHERE year = ? AND deleted_at IS NULL AND status IN ({marks}) "
        "AND NOT EXISTS (SELECT 1 FROM council_case c JOIN council_meeting m ON m.id = c.meeting_id "
        "WHERE c.nomination_id = n.id AND m.results_applied_at IS NULL) ORDER BY form_code", [year, *CASE_STATUSES])


def conflicts(members: list[dict[str, Any]], nomination: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(member id, reason) of members who must abstain: the nominee, or the head of the nominated unit."""
    found = []
    for m in members:
        if m["person_id"] and m["person_id"] == nomination["person_id"]:
            found.append((m["id"], "Là người được đề nghị khen thưởng"))
        elif m["unit_id"] and nomination["subject"] == "tap_the" and m["unit_id"] == nomination["unit_id"]:
            found.append((m["id"], "Là người đứng đầu tập thể được đề nghị khen thưởng"))
    return found


def create_meeting(ws: Workspace, year: Any, held_on: Any, *, place: str = "", start_time: str = "",
                   end_time: str = "", nomination_ids: list[str] | None = None) -> Created:
    """A meeting of the current council for ``year``, with its cases, thresholds and conflicts. By default it
    takes up the submitted/checked/voted nominations of the year that no other open meeting holds."""
    year = require_year(year)
    day = require_date(held_on, "held_on", "Ngày họp")
    council, members = current_council(ws)
    if council is None or not members:
        raise ValidationError("Chưa có Hội đồng Thi đua - Khen thưởng hoặc Hội đồng chưa có thành viên. "
                              "Hãy nhập Hội đồng và các thành viên trong phần Thiết lập trước.")
    nominations = _nominations(ws, year, nomination_ids)
    if not nominations:
        raise ValidationError(f"Năm {year} không còn đề nghị nào chờ Hội đồng xét (các đề nghị đã có quyết định, "
                              "đã bị loại hoặc đang soạn). Hãy chuyển đề nghị sang “Đã nộp” hoặc “Đã thẩm định”.")
    regime = ws.catalog().regime_for(day)
    regime_code = regime.code if regime else None
    forms = sorted({n["form_code"] for n in nominations})
    rules = {code: vote_rule(ws, regime_code, code).to_json() for code in forms}
    chair = next((m for m in members if m["role"] == "chu_tich"), members[0])
    secretary = next((m for m in members if m["role"] == "uy_vien_thu_ky" and m["id"] != chair["id"]), None)
    ballots = ballot_forms(ws)
    values = {"council_id": council["id"], "year": year, "held_on": day.isoformat(),
              "start_time": _time(start_time, "start_time", "Giờ bắt đầu"),
              "end_time": _time(end_time, "end_time", "Giờ kết thúc"),
              "place": require_text(place, "place", "Địa điểm", required=False),
              "chair_member_id": chair["id"], "secretary_member_id": secretary["id"] if secretary else None,
              "regime_code": regime_code, "vote_rules": json.dumps(rules, ensure_ascii=False)}
    store = ws.store
    with store.transaction():
        meeting_id = store.insert("council_meeting", values, summary=f"Tạo cuộc họp Hội đồng năm {year}")
        for order, nomination in enumerate(nominations, start=1):
            case_id = store.insert("council_case", {
                "meeting_id": meeting_id, "nomination_id": nomination["id"], "sort_order": order,
                "ballot_required": int(nomination["form_code"] in ballots)}, audit=False)
            for member_id, reason in conflicts(members, nomination):
                store.insert("council_abstention", {"case_id": case_id, "member_id": member_id, "reason": reason},
                             summary="Thành viên Hội đồng không tham gia biểu quyết trường hợp của mình")
        store.log("create", "council_case", meeting_id, f"Đưa {len(nominations)} đề nghị vào cuộc họp Hội đồng")
    return Created(meeting_id, Changes(nominations=True, ids={meeting_id}))


def update_meeting(ws: Workspace, meeting_id: str, *, place: str | None = None, start_time: str | None = None,
                   end_time: str | None = None, counting_board: list[str] | None = None) -> Changes:
    """Place, times and the vote-counting board (member ids, the head first) of a meeting."""
    meeting = get_meeting(ws, meeting_id)
    values: dict[str, Any] = {}
    if place is not None:
        values["place"] = require_text(place, "place", "Địa điểm", required=False)
    if start_time is not None:
        values["start_time"] = _time(start_time, "start_time", "Giờ bắt đầu")
    if end_time is not None:
        values["end_time"] = _time(end_time, "end_time", "Giờ kết thúc")
    if counting_board is not None:
        known = {m["id"] for m in members_of(ws, meeting)}
        if any(member_id not in known for member_id in counting_board) or len(set(counting_board)) != len(
                counting_board):
            raise ValidationError("Ban kiểm phiếu phải gồm các thành viên khác nhau của Hội đồng.")
        values["counting_board"] = json.dumps(counting_board)
    with ws.store.transaction():
        ws.store.update("council_meeting", meeting_id, values, summary="Sửa thông tin cuộc họp Hội đồng")
    return Changes(ids={meeting_id})


def _ensure_open(meeting: Mapping[str, Any]) -> None:
    if meeting["results_applied_at"]:
        raise ValidationError("Kết quả cuộc họp này đã được chuyển vào các đề nghị nên không sửa được nữa. "
                              "Nếu cần họp lại, hãy tạo một cuộc họp mới.")


def record_attendance(ws: Workspace, meeting_id: str, presence: Mapping[str, str]) -> Changes:
    """Attendance of every member: ``presence`` maps member id → present/absent/written; members left out
    are present."""
    meeting = get_meeting(ws, meeting_id)
    _ensure_open(meeting)
    members = members_of(ws, meeting)
    known = {m["id"] for m in members}
    for member_id, value in presence.items():
        if member_id not in known:
            raise ValidationError("Có người không phải thành viên của Hội đồng này. Hãy chọn lại.")
        if value not in PRESENCE_LABELS:
            raise ValidationError(f"Tình trạng dự họp không hợp lệ: {value}.")
    store = ws.store
    with store.transaction():
        store.conn.execute("DELETE FROM council_attendance WHERE meeting_id = ?", [meeting_id])
        for m in members:
            store.insert("council_attendance", {"meeting_id": meeting_id, "member_id": m["id"],
                                                "presence": presence.get(m["id"], "present")}, audit=False)
        absent = sum(1 for v in presence.values() if v != "present")
        store.log("update", "council_attendance", meeting_id, f"Ghi điểm danh: vắng {absent} thành viên")
        _refresh_tallies(ws, meeting_id, _voters(members, presence))
    return Changes(ids={meeting_id})


def _refresh_tallies(ws: Workspace, meeting_id: str, took_part: int) -> None:
    """Counts already entered follow a change of attendance; impossible ones must be entered again."""
    for r in meeting_results(ws, meeting_id):
        c = r.case
        if not c["tally_id"] or c["present"] == took_part:
            continue
        if c["issued"] > took_part - c["abstaining"]:
            raise ValidationError(f"{c['nominee_name']}: đã nhập {c['issued']} phiếu phát ra nhưng theo điểm danh mới "
                                  f"chỉ còn {took_part - c['abstaining']} thành viên được bỏ phiếu. Hãy sửa số phiếu "
                                  "của trường hợp này trước rồi ghi lại điểm danh.")
        ws.store.update("council_tally", c["tally_id"], {"present": took_part}, summary="Cập nhật theo điểm danh")


def members_by_names(ws: Workspace, meeting_id: str, names: list[str]) -> list[str]:
    """Member ids from names typed by the clerk (accents and case ignored); an unknown name is an error."""
    members = members_of(ws, get_meeting(ws, meeting_id))
    found = []
    for name in names:
        hits = [m for m in members if fold(m["full_name"]) == fold(name)]
        if len(hits) != 1:
            known = ", ".join(m["full_name"] for m in members)
            raise ValidationError(f"Không tìm thấy thành viên “{name}” trong Hội đồng. Các thành viên: {known}.")
        found.append(hits[0]["id"])
    return found


def attendance(ws: Workspace, meeting_id: str) -> dict[str, str]:
    """member id → presence; empty when attendance has not been recorded yet."""
    rows = ws.store.query("SELECT member_id, presence FROM council_attendance WHERE meeting_id = ?", [meeting_id])
    return {r["member_id"]: r["presence"] for r in rows}


# ---------------------------------------------------------------- cases and counts
CASES_SQL = f"""
SELECT c.*, n.form_code, n.subject, n.person_id, n.unit_id, n.status AS nomination_status, n.kind,
       n.position, n.achievement, {NOMINEE_NAME} AS nominee_name,
       coalesce(pu.name, par.name, '') AS unit_name, f.name AS form_name, f.sort_order AS form_order,
       t.members, t.present, t.abstaining, t.issued, t.returned, t.valid, t.invalid, t.yes, t.no,
       t.id AS tally_id
FROM council_case c
JOIN nomination n ON n.id = c.nomination_id
JOIN award_form f ON f.code = n.form_code
{NOMINEE_JOINS}
LEFT JOIN unit pu ON pu.id = p.unit_id
LEFT JOIN unit par ON par.id = u.parent_id
LEFT JOIN council_tally t ON t.case_id = c.id
WHERE c.meeting_id = ?
ORDER BY f.sort_order, c.sort_order
"""


@dataclass
class CaseResult:
    """One case of a meeting with its counts, rule and outcome (outcome None until counts are entered)."""

    case: dict[str, Any]
    rule: VoteRule
    abstentions: list[dict[str, Any]] = field(default_factory=list)
    outcome: Outcome | None = None

    @property
    def passed(self) -> bool | None:
        return None if self.outcome is None else self.outcome.passed


def _voters(members: list[dict[str, Any]], presence: Mapping[str, str]) -> int:
    """Members taking part in the votes: present, or absent with a written opinion."""
    if not presence:
        return len(members)
    return sum(1 for m in members if presence.get(m["id"], "present") != "absent")


def meeting_results(ws: Workspace, meeting_id: str) -> list[CaseResult]:
    meeting = get_meeting(ws, meeting_id)
    rules = json.loads(meeting["vote_rules"])
    abstentions: dict[str, list[dict[str, Any]]] = {}
    for row in ws.store.query(
            "SELECT a.*, m.full_name FROM council_abstention a JOIN council_case c ON c.id = a.case_id "
            "JOIN council_member m ON m.id = a.member_id WHERE c.meeting_id = ?", [meeting_id]):
        abstentions.setdefault(row["case_id"], []).append(row)
    results = []
    for case in ws.store.query(CASES_SQL, [meeting_id]):
        rule = VoteRule.from_json(rules.get(case["form_code"]) or FALLBACK_RULE)
        result = CaseResult(case, rule, abstentions.get(case["id"], []))
        if case["tally_id"]:
            result.outcome = evaluate(rule, case["members"], case["present"], case["abstaining"], case["yes"])
        results.append(result)
    return results


def _tally_row(name: str, counts: Counts, members: int, took_part: int, abstaining: int) -> dict[str, Any]:
    voters = took_part - abstaining
    issued = voters if counts.issued is None else counts.issued
    returned = issued if counts.returned is None else counts.returned
    values = {"yes": counts.yes, "no": counts.no, "issued": issued, "returned": returned, "invalid": counts.invalid}
    if any(value < 0 for value in values.values()):
        raise ValidationError(f"{name}: số phiếu không được là số âm.")
    if issued > voters:
        raise ValidationError(f"{name}: phát ra {issued} phiếu nhưng chỉ có {voters} thành viên được bỏ phiếu.")
    if returned > issued:
        raise ValidationError(f"{name}: số phiếu thu vào ({returned}) lớn hơn số phiếu phát ra ({issued}).")
    if counts.invalid > returned:
        raise ValidationError(f"{name}: số phiếu không hợp lệ ({counts.invalid}) lớn hơn số phiếu thu vào.")
    valid = returned - counts.invalid
    if counts.yes + counts.no > valid:
        raise ValidationError(f"{name}: đồng ý ({counts.yes}) + không đồng ý ({counts.no}) nhiều hơn số phiếu "
                              f"hợp lệ ({valid}). Hãy kiểm tra lại số phiếu.")
    return {"members": members, "present": took_part, "abstaining": abstaining, "issued": issued,
            "returned": returned, "valid": valid, "invalid": counts.invalid, "yes": counts.yes, "no": counts.no}


def record_tally(ws: Workspace, meeting_id: str, counts: Mapping[str, Counts]) -> Changes:
    """Counts per case (case id → Counts), checked against the attendance; all or nothing."""
    meeting = get_meeting(ws, meeting_id)
    _ensure_open(meeting)
    members = members_of(ws, meeting)
    took_part = _voters(members, attendance(ws, meeting_id))
    cases = {r.case["id"]: r for r in meeting_results(ws, meeting_id)}
    store = ws.store
    with store.transaction():
        for case_id, entry in counts.items():
            if case_id not in cases:
                raise ValidationError("Có trường hợp không thuộc cuộc họp này. Hãy chọn lại.")
            case = cases[case_id]
            row = _tally_row(case.case["nominee_name"], entry, len(members), took_part, len(case.abstentions))
            if case.case["tally_id"]:
                store.update("council_tally", case.case["tally_id"], row, summary="Sửa kết quả kiểm phiếu")
            else:
                store.insert("council_tally", {"case_id": case_id, **row}, summary="Nhập kết quả kiểm phiếu")
    return Changes(ids={meeting_id})


def record_votes(ws: Workspace, meeting_id: str, votes: Mapping[str, Mapping[str, bool]]) -> Changes:
    """Per-member votes (case id → member id → yes/no), turned into counts."""
    meeting = get_meeting(ws, meeting_id)
    presence = attendance(ws, meeting_id)
    names = {m["id"]: m["full_name"] for m in members_of(ws, meeting)}
    cases = {r.case["id"]: r for r in meeting_results(ws, meeting_id)}
    counts = {}
    for case_id, ballots in votes.items():
        abstaining = {a["member_id"] for a in cases[case_id].abstentions} if case_id in cases else set()
        for member_id in ballots:
            if presence.get(member_id, "present") == "absent" or member_id in abstaining:
                raise ValidationError(f"{names.get(member_id, 'Thành viên')} vắng mặt hoặc không tham gia "
                                      "biểu quyết trường hợp này nên không thể có phiếu.")
        yes = sum(1 for v in ballots.values() if v)
        counts[case_id] = Counts(yes=yes, no=len(ballots) - yes, issued=len(ballots))
    return record_tally(ws, meeting_id, counts)


def record_form_vote(ws: Workspace, meeting_id: str, form_code: str, counts: Counts) -> Changes:
    """One show of hands for every case of a form voted openly (e.g. the whole LĐTT list)."""
    cases = [r.case["id"] for r in meeting_results(ws, meeting_id)
             if r.case["form_code"] == form_code and not r.case["ballot_required"]]
    if not cases:
        raise ValidationError(f"Cuộc họp không có trường hợp biểu quyết công khai của hình thức {form_code}.")
    return record_tally(ws, meeting_id, {case_id: counts for case_id in cases})


def apply_results(ws: Workspace, meeting_id: str) -> Changes:
    """Carry the results into the nominations: passed → "voted", failed → "rejected", with the final
    figures in votes_members/present/valid/yes. Every case must have its counts; all or nothing."""
    meeting = get_meeting(ws, meeting_id)
    _ensure_open(meeting)
    results = meeting_results(ws, meeting_id)
    missing = [r.case["nominee_name"] for r in results if r.outcome is None]
    if missing:
        shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
        raise ValidationError(f"Còn {len(missing)} trường hợp chưa nhập kết quả biểu quyết ({shown}). "
                              "Hãy nhập đủ rồi ghi kết quả.")
    moved = [r.case["nominee_name"] for r in results if r.case["nomination_status"] not in RESULT_FROM]
    if moved:
        raise ValidationError(f"Có {len(moved)} đề nghị đã có quyết định hoặc bị trả về đang soạn "
                              f"({', '.join(moved[:3])}); không ghi kết quả được. Hãy tạo cuộc họp mới.")
    store = ws.store
    with store.transaction():
        for r in results:
            c = r.case
            status = "voted" if r.passed else "rejected"
            store.update("council_case", c["id"], {"result": "passed" if r.passed else "failed"},
                         summary="Ghi kết quả biểu quyết")
            store.update("nomination", c["nomination_id"], {
                "status": status, "votes_members": c["members"], "votes_present": c["present"],
                "votes_valid": c["valid"], "votes_yes": c["yes"]}, summary="Ghi kết quả bình xét của Hội đồng")
        store.update("council_meeting", meeting_id, {"results_applied_at": store.clock()},
                     summary="Chuyển kết quả họp Hội đồng vào các đề nghị")
    return Changes(nominations=True, ids={meeting_id, *(r.case["nomination_id"] for r in results)})


def ineligible_cases(ws: Workspace, year: int, nomination_ids: list[str]) -> dict[str, str]:
    """Nomination id → the eligibility reason, for those the check marks "Chưa đủ điều kiện" (chua_dat)."""
    from emulation_desk.services.awards.eligibility import nomination_verdict, year_eligibility

    if len(nomination_ids) > 20:
        verdicts = [v for v in year_eligibility(ws, year).verdicts if v.nomination_id in set(nomination_ids)]
    else:
        verdicts = [nomination_verdict(ws, i) for i in nomination_ids]
    return {v.nomination_id: v.reason for v in verdicts if v.status == "chua_dat"}


def passed_cases(ws: Workspace, meeting_id: str, form_code: str) -> list[dict[str, Any]]:
    """The cases of one form the council passed whose nominations wait for a decision."""
    return [r.case for r in meeting_results(ws, meeting_id)
            if r.case["form_code"] == form_code and r.case["result"] == "passed"
            and r.case["nomination_status"] == "voted"]


def decision_from_meeting(ws: Workspace, meeting_id: str, form_code: str, *, signed_on: Any, number: str = "",
                          title: str | None = None, signer_id: str | None = None, legal_bases: list[str] | None = None,
                          include_ineligible: bool = False) -> Created:
    """A draft decision of this office for the passed ("voted") nominations of one form of the meeting, with
    its bonus computed, the signer (the office's head unless chosen) and the căn cứ of the meeting's minutes;
    those nominations become "decided". A nominee the check marks "Chưa đủ điều kiện" is left out unless the
    clerk chooses ``include_ineligible`` (the choice and the names are logged)."""
    meeting = get_meeting(ws, meeting_id)
    catalog = ws.catalog()
    form = catalog.form(form_code)
    rows = passed_cases(ws, meeting_id, form_code)
    if not rows:
        raise ValidationError(f"Không có trường hợp {form.name} nào đã được Hội đồng thông qua mà chưa có quyết "
                              "định. Hãy ghi kết quả cuộc họp trước.")
    org = ws.organisation()
    if org is None:
        raise ValidationError("Chưa có thông tin cơ quan. Hãy nhập trong phần Thiết lập.")
    ineligible = ineligible_cases(ws, meeting["year"], [r["nomination_id"] for r in rows])
    if not include_ineligible:
        rows = [r for r in rows if r["nomination_id"] not in ineligible]
        if not rows:
            raise ValidationError(f"Các trường hợp {form.name} được Hội đồng thông qua đều chưa đủ điều kiện theo kết "
                                  "quả xét điều kiện. Hãy xem lại hồ sơ, hoặc chọn đưa cả các trường hợp này vào dự "
                                  "thảo (việc chọn được ghi vào nhật ký).")
    store = ws.store
    signer = store.get("signatory", signer_id) if signer_id else next(
        iter(store.query("SELECT * FROM signatory WHERE is_head = 1 ORDER BY sort_order LIMIT 1")), None)
    nominations = {n["id"]: n for n in store.query(
        f"SELECT * FROM nomination WHERE id IN ({','.join('?' for _ in rows)})", [r["nomination_id"] for r in rows])}
    with store.transaction():
        created = decision_service.create_decision(
            ws, number=number, symbol=org["symbol_decision"], signed_on=signed_on,
            issuer_level="don_vi", issuer_name=org["issuing_body"], form_code=form_code, kind=rows[0]["kind"],
            title=title or default_title(form.name, form.category, meeting["year"]),
            signer_id=signer["id"] if signer else None, signer_name=signer["full_name"] if signer else "",
            signer_position=signer["position"] if signer else "",
            legal_bases=legal_bases or _bases_with_minutes(ws, meeting, require_date(signed_on, "signed_on", "Ngày ký")),
            bonus_source=org["fund_source"])
        decision_id, changes = created.id, created.changes
        specs = []
        for r in rows:
            n = nominations[r["nomination_id"]]
            specs.append({"subject": n["subject"], "person_id": n["person_id"], "unit_id": n["unit_id"],
                          "household_id": n["household_id"], "kind": n["kind"], "position": n["position"] or None,
                          "is_manager": None if n["is_manager"] is None else bool(n["is_manager"]),
                          "achievement": n["achievement"], "nomination_id": n["id"]})
        changes.merge(decision_service.add_recipients(ws, decision_id, specs))
        for n in nominations.values():
            store.update("nomination", n["id"], {"status": "decided", "decision_id": decision_id},
                         summary="Đưa vào quyết định khen thưởng")
        decision_service.compute_bonuses(ws, decision_id)
        included = [r["nominee_name"] for r in rows if r["nomination_id"] in ineligible]
        if included:
            store.log("other", "decision", decision_id, "Người soạn chọn đưa vào dự thảo các trường hợp chưa đủ "
                      f"điều kiện theo kết quả xét điều kiện: {', '.join(included)}",
                      after={"nominations": [r["nomination_id"] for r in rows if r["nomination_id"] in ineligible]})
    return Created(decision_id, changes.merge(Changes(nominations=True, ids=set(nominations))))


def _bases_with_minutes(ws: Workspace, meeting: Mapping[str, Any], signed: date) -> list[str]:
    """The regime's căn cứ lines, then "Căn cứ Biên bản họp Hội đồng … ngày …" of the meeting."""
    from emulation_desk.core.text import format_date_long

    council = ws.store.get("council", meeting["council_id"])
    name = council["name"] if council else "Hội đồng Thi đua - Khen thưởng"
    lines = decision_service.default_legal_bases(ws.catalog(), ws.organisation(), signed)
    return [*lines, f"Căn cứ Biên bản họp {name} {format_date_long(meeting_date(meeting))};"]


def default_title(form_name: str, category: str, year: int) -> str:
    if category == "danh_hieu":
        return f"Về việc công nhận danh hiệu “{nfc(form_name)}” năm {year}"
    return f"Về việc tặng {nfc(form_name)} cho các tập thể, cá nhân đã có thành tích xuất sắc năm {year}"


def meeting_date(meeting: Mapping[str, Any]) -> date:
    return date.fromisoformat(meeting["held_on"])
