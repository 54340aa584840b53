"""The council meeting: cases and conflicts, attendance, thresholds at and around the limit (both bases),
results carried into the nominations (all or nothing) and a decision from the passed ones."""

from __future__ import annotations

import pytest

from emulation_desk.errors import ValidationError
from emulation_desk.services.council import meetings as council
from emulation_desk.services.council.meetings import Counts, VoteRule, evaluate
from emulation_desk.services.council.rules import set_vote_rule
from emulation_desk.services.records.org import current_council
from tests.council.conftest import reopen

ALL90 = VoteRule(90, "all", False)
ALL80 = VoteRule(80, "all", False)
PRESENT50 = VoteRule(50, "present", True)
PRESENT_TWO_THIRDS = VoteRule(67, "present", False)


@pytest.mark.parametrize(("rule", "members", "took_part", "abstaining", "yes", "passed", "needed"), [
    # 90% of all 9 members: 8.1 → 9 yes needed, absences do not lower the bar
    (ALL90, 9, 9, 0, 9, True, 9),
    (ALL90, 9, 9, 0, 8, False, 9),
    (ALL90, 9, 8, 0, 8, False, 9),
    # an abstaining member leaves the base: 90% of 8 = 7.2 → 8
    (ALL90, 9, 9, 1, 8, True, 8),
    (ALL90, 9, 9, 1, 7, False, 8),
    # 90% of 10 exactly 9: "at least" passes at the limit
    (ALL90, 10, 10, 0, 9, True, 9),
    (ALL90, 10, 7, 0, 8, False, 9),
    # 80% of all 9 = 7.2 → 8, even with two absent
    (ALL80, 9, 7, 0, 7, False, 8),
    (ALL80, 9, 8, 0, 8, True, 8),
    (ALL80, 10, 8, 0, 8, True, 8),
    # more than 50% of those taking part: 8 present → 5 needed (4 is exactly half: fails)
    (PRESENT50, 9, 8, 0, 4, False, 5),
    (PRESENT50, 9, 8, 0, 5, True, 5),
    (PRESENT50, 9, 7, 0, 4, True, 4),
    (PRESENT50, 9, 7, 1, 3, False, 4),
    (PRESENT50, 9, 7, 1, 4, True, 4),
    (PRESENT_TWO_THIRDS, 9, 6, 0, 4, False, 5),
    (PRESENT_TWO_THIRDS, 9, 6, 0, 5, True, 5),
    # nobody left to vote
    (PRESENT50, 9, 1, 1, 0, False, 1),
])
def test_threshold_table(rule, members, took_part, abstaining, yes, passed, needed) -> None:  # type: ignore[no-untyped-def]
    outcome = evaluate(rule, members, took_part, abstaining, yes)
    assert outcome.passed is passed
    assert outcome.needed == needed


def test_default_rules_per_regime(demo_ws) -> None:  # type: ignore[no-untyped-def]
    assert council.vote_rule(demo_ws, "ND91_2017", "CSTD_TINH") == VoteRule(90, "all", False)
    assert council.vote_rule(demo_ws, "ND98_2023", "CSTDCS") == VoteRule(80, "all", False)
    assert council.vote_rule(demo_ws, "ND152_2025", "CSTD_TOAN_QUOC").percent == 90
    fallback = council.vote_rule(demo_ws, "ND91_2017", "CSTDCS")
    assert (fallback.percent, fallback.base, fallback.strict, fallback.confirmed) == (50, "present", True, False)
    assert "chưa đối chiếu" in fallback.label
    set_vote_rule(demo_ws, "ND91_2017", "CSTDCS", 80, "all")
    assert council.vote_rule(demo_ws, "ND91_2017", "CSTDCS") == VoteRule(80, "all", False)
    with pytest.raises(ValidationError):
        set_vote_rule(demo_ws, "ND91_2017", "CSTDCS", 120, "all")
    assert {"CSTDCS", "CSTD_TINH", "BK_TTG", "HC_LAO_DONG_2", "AH_LAO_DONG"} <= council.ballot_forms(demo_ws)
    assert "LDTT" not in council.ballot_forms(demo_ws)


@pytest.fixture
def meeting(demo_ws):  # type: ignore[no-untyped-def]
    reopen(demo_ws, ("CSTD_TINH", "CSTDCS", "TTLDTT"))
    meeting_id = council.create_meeting(demo_ws, 2020, "2020-12-10", place="Phòng họp số 1",
                                        start_time="8h30").id
    return meeting_id


def test_meeting_takes_the_waiting_nominations(demo_ws, meeting) -> None:  # type: ignore[no-untyped-def]
    row = council.get_meeting(demo_ws, meeting)
    assert (row["regime_code"], row["start_time"], row["place"]) == ("ND91_2017", "08:30", "Phòng họp số 1")
    results = council.meeting_results(demo_ws, meeting)
    assert len(results) == 9
    assert {r.case["form_code"]: r.case["ballot_required"] for r in results} == \
        {"CSTD_TINH": 1, "CSTDCS": 1, "TTLDTT": 0}
    assert all(r.outcome is None for r in results)


def test_no_waiting_nomination_is_a_clear_error(demo_ws) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="không còn đề nghị"):
        council.create_meeting(demo_ws, 2020, "2020-12-10")


def test_conflicts_become_abstentions(demo_ws) -> None:  # type: ignore[no-untyped-def]
    _, members = current_council(demo_ws)
    nominee = next(m for m in members if m["person_id"])
    head = next(m for m in members if m["unit_id"] and m["id"] != nominee["id"])
    from emulation_desk.services.awards.nominations import add_nomination
    own = add_nomination(demo_ws, year=2020, form_code="CSTDCS", kind="cong_trang",
                         subject="ca_nhan", person_id=nominee["person_id"], status="checked").id
    unit = add_nomination(demo_ws, year=2020, form_code="TTLDTT", kind="cong_trang",
                          subject="tap_the", unit_id=head["unit_id"], status="checked").id
    meeting_id = council.create_meeting(demo_ws, 2020, "2020-12-10", nomination_ids=[own, unit]).id
    by_nomination = {r.case["nomination_id"]: r for r in council.meeting_results(demo_ws, meeting_id)}
    own_members = {a["member_id"] for a in by_nomination[own].abstentions}
    assert nominee["id"] in own_members
    assert "người được đề nghị" in by_nomination[own].abstentions[0]["reason"]
    assert head["id"] in {a["member_id"] for a in by_nomination[unit].abstentions}


def test_tally_with_absent_members_and_apply(demo_ws, meeting) -> None:  # type: ignore[no-untyped-def]
    names = ["Vũ Thị Hương Giang", "tran quoc dung"]
    absent = council.members_by_names(demo_ws, meeting, names)
    council.record_attendance(demo_ws, meeting, {absent[0]: "absent", absent[1]: "written"})
    results = council.meeting_results(demo_ws, meeting)
    cstd = [r.case["id"] for r in results if r.case["form_code"] == "CSTD_TINH"]
    cstdcs = [r.case["id"] for r in results if r.case["form_code"] == "CSTDCS"]
    # 8 took part (7 present + 1 written); CSTĐ tỉnh needs 9/9 of all members → impossible with one absent
    council.record_tally(demo_ws, meeting, {cstd[0]: Counts(yes=8), cstd[1]: Counts(yes=7, no=1),
                                            cstd[2]: Counts(yes=8, issued=8, returned=8, invalid=0)})
    # CSTĐCS under ND 91 falls back to > 50% of those taking part (8): 5 passes, 4 fails
    council.record_tally(demo_ws, meeting, {cstdcs[0]: Counts(yes=5, no=3), cstdcs[1]: Counts(yes=4, no=4),
                                            cstdcs[2]: Counts(yes=6, no=1, invalid=1)})
    with pytest.raises(ValidationError, match="chưa nhập"):
        council.apply_results(demo_ws, meeting)
    council.record_form_vote(demo_ws, meeting, "TTLDTT", Counts(yes=7))  # one head abstains
    outcome = {r.case["id"]: r.passed for r in council.meeting_results(demo_ws, meeting)}
    assert [outcome[c] for c in cstd] == [False, False, False]
    assert [outcome[c] for c in cstdcs] == [True, False, True]
    council.apply_results(demo_ws, meeting)
    rows = demo_ws.store.query(
        "SELECT n.status, n.votes_members, n.votes_present, n.votes_valid, n.votes_yes, c.id FROM nomination n "
        "JOIN council_case c ON c.nomination_id = n.id WHERE c.meeting_id = ?", [meeting])
    by_case = {r["id"]: r for r in rows}
    assert by_case[cstdcs[0]]["status"] == "voted"
    assert by_case[cstdcs[1]]["status"] == "rejected"
    assert (by_case[cstdcs[2]]["votes_members"], by_case[cstdcs[2]]["votes_present"],
            by_case[cstdcs[2]]["votes_valid"], by_case[cstdcs[2]]["votes_yes"]) == (9, 8, 7, 6)
    with pytest.raises(ValidationError, match="không sửa được"):
        council.record_tally(demo_ws, meeting, {cstd[0]: Counts(yes=9)})


@pytest.mark.parametrize(("counts", "message"), [
    (Counts(yes=5, issued=9), "chỉ có 8"),
    (Counts(yes=5, no=4), "nhiều hơn số phiếu"),
    (Counts(yes=3, issued=5, returned=6), "thu vào"),
    (Counts(yes=3, invalid=9), "không hợp lệ"),
])
def test_impossible_counts_are_refused(demo_ws, meeting, counts, message) -> None:  # type: ignore[no-untyped-def]
    absent = council.members_by_names(demo_ws, meeting, ["Lê Thu Lệ"])
    council.record_attendance(demo_ws, meeting, {absent[0]: "absent"})
    case = council.meeting_results(demo_ws, meeting)[0].case["id"]
    with pytest.raises(ValidationError, match=message):
        council.record_tally(demo_ws, meeting, {case: counts})
    assert demo_ws.store.scalar("SELECT count(*) FROM council_tally") == 0


def test_apply_is_all_or_nothing(demo_ws, meeting) -> None:  # type: ignore[no-untyped-def]
    results = council.meeting_results(demo_ws, meeting)
    council.record_tally(demo_ws, meeting, {r.case["id"]: Counts(yes=9 - len(r.abstentions)) for r in results})
    with demo_ws.store.transaction():  # one nomination was decided meanwhile
        demo_ws.store.update("nomination", results[-1].case["nomination_id"], {"status": "decided"})
    with pytest.raises(ValidationError, match="đã có quyết định"):
        council.apply_results(demo_ws, meeting)
    statuses = {r["status"] for r in demo_ws.store.query(
        "SELECT n.status FROM nomination n JOIN council_case c ON c.nomination_id = n.id WHERE c.meeting_id = ? "
        "AND n.id <> ?", [meeting, results[-1].case["nomination_id"]])}
    assert statuses == {"checked"}


def test_per_member_votes_and_decision(demo_ws, meeting) -> None:  # type: ignore[no-untyped-def]
    _, members = current_council(demo_ws)
    results = council.meeting_results(demo_ws, meeting)
    votes = {r.case["id"]: {m["id"]: True for m in members
                            if m["id"] not in {a["member_id"] for a in r.abstentions}} for r in results}
    council.record_votes(demo_ws, meeting, votes)
    council.apply_results(demo_ws, meeting)
    decision_id = council.decision_from_meeting(demo_ws, meeting, "CSTDCS", signed_on="2020-12-20").id
    decision = demo_ws.store.get("decision", decision_id)
    assert decision["status"] == "draft" and "Chiến sĩ thi đua cơ sở" in decision["title"]
    assert demo_ws.store.scalar("SELECT count(*) FROM decision_recipient WHERE decision_id = ?", [decision_id]) == 3
    assert demo_ws.store.scalar("SELECT count(*) FROM nomination WHERE decision_id = ? AND status = 'decided'",
                                [decision_id]) == 3
    with pytest.raises(ValidationError, match="Không có trường hợp"):
        council.decision_from_meeting(demo_ws, meeting, "CSTDCS", signed_on="2020-12-20")


def test_attendance_change_updates_or_refuses_entered_counts(demo_ws, meeting) -> None:  # type: ignore[no-untyped-def]
    results = council.meeting_results(demo_ws, meeting)
    cstdcs = next(r.case["id"] for r in results if r.case["form_code"] == "CSTDCS")
    council.record_tally(demo_ws, meeting, {cstdcs: Counts(yes=5, issued=8)})
    one, two = council.members_by_names(demo_ws, meeting, ["Lê Thu Lệ", "Đỗ Mai Thủy"])
    council.record_attendance(demo_ws, meeting, {one: "absent"})  # 8 take part: the 8 ballots still fit
    assert demo_ws.store.scalar("SELECT present FROM council_tally WHERE case_id = ?", [cstdcs]) == 8
    with pytest.raises(ValidationError, match="điểm danh mới"):
        council.record_attendance(demo_ws, meeting, {one: "absent", two: "absent"})
    assert council.attendance(demo_ws, meeting)[two] == "present"  # nothing half-written
