"""A council draft decision: it carries the bonus, the signer and the căn cứ of the meeting's minutes, and it
passes a nominee the check marks "Chưa đủ điều kiện" on only by the clerk's explicit, logged choice."""

from __future__ import annotations

import pytest

from emulation_desk.errors import ValidationError
from emulation_desk.services.awards.eligibility import year_eligibility
from emulation_desk.services.council import meetings as council
from emulation_desk.services.council.meetings import Counts
from emulation_desk.services.workspace import Workspace


def _cases(ws: Workspace) -> tuple[str, list[str]]:
    """A form with 2020 nominations the check marks "chua_dat" and "dat": (form, [bad, good]),
    both put back to "checked" for a new meeting."""
    verdicts = year_eligibility(ws, 2020).verdicts
    decided = {r["id"] for r in ws.store.query("SELECT id FROM nomination WHERE year = 2020 AND status IN "
                                               "('decided', 'rejected')")}
    for form in ("CSTDCS", "LDTT", "TTLDTT", "GK_CT_HUYEN"):
        bad = [v.nomination_id for v in verdicts if v.form_code == form and v.status == "chua_dat"
               and v.nomination_id in decided]
        good = [v.nomination_id for v in verdicts if v.form_code == form and v.status == "dat"
                and v.nomination_id in decided]
        if bad and good:
            ids = [bad[0], good[0]]
            with ws.store.transaction():
                for nomination_id in ids:
                    ws.store.update("nomination", nomination_id, {"status": "checked", "decision_id": None})
            return form, ids
    raise AssertionError("the demo has no form with both verdicts")


def _passed_meeting(ws: Workspace, ids: list[str]) -> str:
    meeting_id = council.create_meeting(ws, 2020, "2020-12-10", nomination_ids=ids).id
    members = len(council.members_of(ws, council.get_meeting(ws, meeting_id)))
    council.record_tally(ws, meeting_id, {r.case["id"]: Counts(yes=members - len(r.abstentions))
                                          for r in council.meeting_results(ws, meeting_id)})
    council.apply_results(ws, meeting_id)
    return meeting_id


def test_draft_leaves_out_the_ineligible_and_carries_bonus_signer_and_minutes(demo_ws: Workspace) -> None:
    form, (bad, good) = _cases(demo_ws)
    meeting_id = _passed_meeting(demo_ws, [bad, good])
    decision_id = council.decision_from_meeting(demo_ws, meeting_id, form, signed_on="2020-12-20").id
    rows = demo_ws.store.query("SELECT * FROM decision_recipient WHERE decision_id = ?", [decision_id])
    assert [r["nomination_id"] for r in rows] == [good]
    assert all(r["amount"] and r["amount"] > 0 for r in rows)  # the bonus is computed
    decision = demo_ws.store.get("decision", decision_id)
    head = demo_ws.store.query("SELECT * FROM signatory WHERE is_head = 1 ORDER BY sort_order LIMIT 1")[0]
    assert decision["signer_id"] == head["id"] and decision["signer_name"] == head["full_name"]
    assert "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng thành phố Nam Định ngày 10 tháng 12 năm 2020;" \
        in decision["legal_bases"]
    assert demo_ws.store.get("nomination", bad)["status"] == "voted"  # still waiting, not passed on


def test_including_the_ineligible_is_an_explicit_logged_choice(demo_ws: Workspace) -> None:
    form, (bad, _good) = _cases(demo_ws)
    meeting_id = _passed_meeting(demo_ws, [bad])
    with pytest.raises(ValidationError, match="chưa đủ điều kiện"):
        council.decision_from_meeting(demo_ws, meeting_id, form, signed_on="2020-12-20")
    decision_id = council.decision_from_meeting(demo_ws, meeting_id, form, signed_on="2020-12-20",
                                                   include_ineligible=True).id
    rows = demo_ws.store.query("SELECT nomination_id FROM decision_recipient WHERE decision_id = ?", [decision_id])
    assert [r["nomination_id"] for r in rows] == [bad]
    logged = demo_ws.store.query("SELECT * FROM audit_log WHERE entity = 'decision' AND entity_id = ? AND "
                                 "summary LIKE '%chưa đủ điều kiện%'", [decision_id])
    assert len(logged) == 1 and bad in logged[0]["after_json"]
