"""The data of the council's papers, gathered for :mod:`emulation_desk.documents.council` (the pack: blocs,
review lists with the eligibility verdicts, ballots) and :mod:`emulation_desk.documents.council_minutes` (the
minutes and the ballot count of a meeting). The documents only render these values; the export registry
(:mod:`emulation_desk.services.reporting.registry`) writes and audits the files."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from typing import Any

from emulation_desk.core.rules.verdict import Verdict
from emulation_desk.core.text import format_date_long, nfc, person_sort_key, vi_sort_key
from emulation_desk.documents.council import BlocTable, Candidate, CouncilPack, FormList
from emulation_desk.documents.council_minutes import MeetingPrint
from emulation_desk.errors import KnownError
from emulation_desk.services.awards import blocs as bloc_service
from emulation_desk.services.awards.eligibility import year_eligibility
from emulation_desk.services.awards.nominations import list_nominations
from emulation_desk.services.council import meetings as council_service
from emulation_desk.services.records.org import current_council
from emulation_desk.services.workspace import Workspace


def _chain(verdict: Verdict | None) -> str:
    if verdict is None:
        return ""
    return "; ".join(c.detail for c in verdict.checks if ".chain" in c.code or c.code.endswith("window"))


def _reason(verdict: Verdict | None) -> str:
    if verdict is None:
        return ""
    text = verdict.reason
    for prefix in ("Chưa đủ điều kiện: ", "Cần xem lại: ", "Đủ điều kiện: "):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def pack_for_print(ws: Workspace, year: int) -> CouncilPack:
    """Everything the pack prints for ``year``: every non-draft nomination, the blocs and the council."""
    org = ws.organisation()
    council, members = current_council(ws)
    if org is None or council is None or not members:
        raise KnownError("Chưa có thông tin cơ quan hoặc Hội đồng Thi đua - Khen thưởng chưa có thành viên. "
                         "Hãy nhập trong phần Thiết lập rồi in lại.")
    meetings = council_service.list_meetings(ws, year)
    meeting = meetings[0] if meetings else None
    pack = CouncilPack(year, org["issuing_body"], council["name"],
                       council_service.meeting_date(meeting) if meeting else None,
                       meeting["place"] if meeting else "", meeting["start_time"] if meeting else "")
    for bloc in bloc_service.list_blocs(ws, year):
        pack.blocs.append(BlocTable(bloc["name"], bloc["head_name"] or "", bloc["deputy_name"] or "",
                                    bloc_service.bloc_results(ws, bloc["id"])))
    _add_forms(ws, year, pack, meeting)
    presence = council_service.attendance(ws, meeting["id"]) if meeting else {}
    if presence:
        pack.copies = sum(1 for m in members if presence.get(m["id"], "present") != "absent")
        pack.copies_note = f"theo điểm danh phiên họp ngày {format_date_long(pack.meeting_date)}" \
            if pack.meeting_date else "theo điểm danh"
    else:
        pack.copies = len(members)
        pack.copies_note = "chưa điểm danh: in đủ cho mọi thành viên"
    return pack


def _add_forms(ws: Workspace, year: int, pack: CouncilPack, meeting: dict[str, Any] | None) -> None:
    catalog = ws.catalog()
    verdicts = {v.nomination_id: v for v in year_eligibility(ws, year).verdicts}
    ballots = council_service.ballot_forms(ws)
    regime = meeting["regime_code"] if meeting else None
    if regime is None:
        found = catalog.regime_for(date(year, 12, 31))
        regime = found.code if found else None
    by_form: dict[str, list[Candidate]] = defaultdict(list)
    for n in list_nominations(ws, year):
        if n["status"] == "draft":
            continue
        verdict = verdicts.get(n["id"])
        unit = n["person_unit_name"] if n["subject"] == "ca_nhan" else ""
        by_form[n["form_code"]].append(Candidate(
            nfc(n["nominee_name"]), nfc(n["position"]), nfc(unit), nfc(n["proposing_unit_name"]) or "Đơn vị khác",
            nfc(n["achievement"]).split("\n")[0][:200], _chain(verdict),
            verdict.status if verdict else "khong_ap_dung", _reason(verdict), n["id"]))
    voting = None
    if meeting:
        voting = frozenset(r.case["nomination_id"] for r in council_service.meeting_results(ws, meeting["id"])
                           if r.case["ballot_required"])
    order = {f.code: i for i, f in enumerate(catalog.forms)}
    for code in sorted(by_form, key=lambda c: order.get(c, 10**6)):
        form = catalog.form(code)
        people = sorted(by_form[code], key=lambda c: (vi_sort_key(c.group), person_sort_key(c.name)))
        pack.forms.append(FormList(code, form.name, form.category, tuple(people), code in ballots,
                                   council_service.vote_rule(ws, regime, code), voting))


def meeting_for_print(ws: Workspace, meeting_id: str | None = None, year: int | None = None) -> MeetingPrint:
    if meeting_id:
        meeting = council_service.get_meeting(ws, meeting_id)
    elif year is not None:
        meeting = council_service.latest_meeting(ws, year)
    else:
        raise KnownError("Hãy chọn cuộc họp (--meeting) hoặc năm (--year).")
    org = ws.organisation()
    council = ws.store.get("council", meeting["council_id"])
    if org is None or council is None:
        raise KnownError("Chưa có thông tin cơ quan hoặc Hội đồng. Hãy nhập trong phần Thiết lập rồi in lại.")
    members = council_service.members_of(ws, meeting)
    by_id = {m["id"]: m for m in members}
    return MeetingPrint(org["issuing_body"], council["name"], org["symbol_minutes"], meeting["year"],
                        council_service.meeting_date(meeting), meeting["start_time"], meeting["end_time"],
                        meeting["place"], members, council_service.attendance(ws, meeting["id"]),
                        by_id.get(meeting["chair_member_id"]), by_id.get(meeting["secretary_member_id"]),
                        org["office_name"], org["body_short"], council_service.meeting_results(ws, meeting["id"]),
                        [by_id[i] for i in json.loads(meeting["counting_board"]) if i in by_id],
                        {f.code: f.level == "co_so" for f in ws.catalog().forms})
