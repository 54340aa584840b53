"""Eligibility on the demo year and on small hand-made databases: facts gathered from the records."""

from __future__ import annotations

import math
import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from emulation_desk.core.rules.engine import CaseJudge
from emulation_desk.core.rules.general import spelling_duplicates
from emulation_desk.errors import NotFoundError, ValidationError
from emulation_desk.services.awards import eligibility
from emulation_desk.services.awards.decisions import add_recipients, create_decision, issue_decision
from emulation_desk.services.awards.eligibility import (
    ID_SLICE,
    almost,
    eligibility_settings,
    evaluate_facts,
    gather_year,
    nomination_verdict,
    update_eligibility_settings,
    year_eligibility,
)
from emulation_desk.services.awards.nominations import add_nomination
from emulation_desk.services.records.people import add_person
from emulation_desk.services.records.units import add_unit
from emulation_desk.services.workspace import Workspace, open_workspace


@pytest.fixture(scope="module")
def demo(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path = tmp_path_factory.mktemp("elig") / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    ws = open_workspace(path)
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def result(demo: Workspace):  # type: ignore[no-untyped-def]
    return year_eligibility(demo, 2020)


def _by_status(demo: Workspace, result, status: str) -> list:  # type: ignore[no-untyped-def]
    ids = {r["id"] for r in demo.store.query("SELECT id FROM nomination WHERE year = 2020 AND status = ?", [status])}
    return [v for v in result.verdicts if v.nomination_id in ids]


def test_every_nomination_gets_a_verdict(demo: Workspace, result) -> None:  # type: ignore[no-untyped-def]
    assert len(result.verdicts) == demo.store.scalar("SELECT count(*) FROM nomination WHERE year = 2020")
    assert sum(result.counts.values()) == len(result.verdicts)
    assert all(v.reason and v.checks for v in result.verdicts)


def test_the_decided_nominations_mostly_pass(demo: Workspace, result) -> None:  # type: ignore[no-untyped-def]
    decided = _by_status(demo, result, "decided")
    failing = [v for v in decided if v.status == "chua_dat"]
    assert failing == [], [v.reason for v in failing[:5]]
    passing = [v for v in decided if v.status in ("dat", "khong_ap_dung")]
    assert len(passing) > 0.95 * len(decided)
    assert result.by_form["LDTT"]["dat"] == 1984 and result.by_form["CSTDCS"]["dat"] == 342


def test_the_rejected_nominations_fail_for_the_right_reasons(demo: Workspace, result) -> None:  # type: ignore[no-untyped-def]
    rejected = _by_status(demo, result, "rejected")
    assert len(rejected) == 14
    recruits = [v for v in rejected if v.form_code == "LDTT"]
    assert len(recruits) == 4 and all(v.status == "chua_dat" and "mới tuyển dụng ngày" in v.reason
                                      and "chưa đủ 10 tháng công tác trong năm 2020" in v.reason for v in recruits)
    plain = [v for v in rejected if v.form_code == "CSTDCS"]
    assert len(plain) == 8 and all(v.status == "chua_dat" and "không đạt tiêu chuẩn Lao động tiên tiến: năm 2020"
                                   in v.reason for v in plain)  # the year said once (issue 14)
    units = {v.subject_name: v for v in rejected if v.form_code == "TTLDTT"}
    assert units["UBND phường Cửa Bắc"].status == "chua_dat"
    assert "bị kỷ luật «Cảnh cáo» năm 2020" in units["UBND phường Cửa Bắc"].reason
    assert units["Trường Tiểu học Lộc Vượng"].status == "chua_dat"
    assert "bị kỷ luật «Cảnh cáo» năm 2020" in units["Trường Tiểu học Lộc Vượng"].reason


def test_the_provincial_emulation_fighters_have_three_years_of_cstdcs(demo: Workspace, result) -> None:  # type: ignore[no-untyped-def]
    fighters = [v for v in result.verdicts if v.form_code == "CSTD_TINH"]
    assert len(fighters) == 5
    for v in fighters:
        assert v.status == "dat", v.explanation()
        assert "đạt Chiến sĩ thi đua cơ sở các năm 2018, 2019, 2020" in v.reason
        assert "(cấp tỉnh)" in v.reason


def test_the_quota_reads_the_whole_office(result) -> None:  # type: ignore[no-untyped-def]
    cstdcs = next(v for v in result.verdicts if v.form_code == "CSTDCS" and v.status == "dat")
    quota = next(c for c in cstdcs.checks if c.code == "quota.cstdcs")
    assert quota.outcome == "pass" and "342/2.326" in quota.detail and "14,7%" in quota.detail


def test_collectives_without_yearly_facts_lack_data_not_fail(result) -> None:  # type: ignore[no-untyped-def]
    lacking = [v for v in result.verdicts if v.form_code == "TTLDTT" and v.status == "thieu_du_lieu"]
    assert lacking and all("số liệu năm 2020 của tập thể — nhập ở Hồ sơ" in v.reason for v in lacking)
    assert all("số liệu năm 2020 của tập thể" in v.needs for v in lacking)
    assert result.counts["thieu_du_lieu"] == sum(1 for v in result.verdicts if v.status == "thieu_du_lieu")


def test_the_facts_are_gathered_in_a_few_queries_per_slice_of_subjects(demo: Workspace) -> None:
    statements: list[str] = []
    demo.store.conn.set_trace_callback(statements.append)
    try:
        facts = gather_year(demo, 2020)
    finally:
        demo.store.conn.set_trace_callback(None)
    assert len(facts.nominations) > 3000
    kinds = Counter(h.subject for h in facts.histories.values())
    slices = sum(math.ceil(count / ID_SLICE) for count in kinds.values())
    selects = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    assert len(selects) <= 12 + 4 * slices
    assert len(selects) < len(facts.histories) / 50  # never a query per subject


def test_judging_slice_by_slice_gives_the_verdicts_of_the_whole_year_at_once(
        demo: Workspace, result, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    at_once = evaluate_facts(gather_year(demo, 2020), demo.catalog(), eligibility_settings(demo))
    assert sorted(at_once, key=lambda v: v.nomination_id) == sorted(result.verdicts, key=lambda v: v.nomination_id)
    monkeypatch.setattr(eligibility, "SUBJECTS_PER_SLICE", 97)
    monkeypatch.setattr(eligibility, "ID_SLICE", 13)
    told: list[tuple[int, int]] = []
    sliced = year_eligibility(demo, 2020, progress=lambda done, total: told.append((done, total)))
    assert sliced == result
    total = told[-1][1]
    assert len(told) == math.ceil(total / 97) and told[-1] == (total, total)
    assert [done for done, _ in told] == sorted(done for done, _ in told)


def test_one_nomination_and_an_unknown_one(demo: Workspace, result) -> None:  # type: ignore[no-untyped-def]
    first = result.verdicts[0]
    assert nomination_verdict(demo, first.nomination_id) == first
    with pytest.raises(NotFoundError):
        nomination_verdict(demo, "00000000-0000-0000-0000-000000000000")


def test_who_almost_qualifies_in_the_demo(demo: Workspace) -> None:
    items = almost(demo, 2020)
    assert items and all(i.target_form == "CSTD_TINH" and i.held_years == (2019, 2020) for i in items)
    fighters = {r["person_id"] for r in demo.store.query(
        "SELECT r.person_id FROM decision_recipient r WHERE r.form_code = 'CSTD_TINH'")}
    assert not fighters & {i.subject_id for i in items}
    assert all(i.unit_name for i in items)


def test_settings_are_stored_and_used(ws: Workspace) -> None:
    assert eligibility_settings(ws).cstdcs_quota_scope == "toan_co_quan"
    changes = update_eligibility_settings(ws, {"cstdcs_quota_scope": "tung_don_vi"})
    assert changes.settings and eligibility_settings(ws).cstdcs_quota_scope == "tung_don_vi"
    with pytest.raises(ValidationError, match="từ 0 đến 100"):
        update_eligibility_settings(ws, {"cstdcs_quota_percent": {"ND91_2017": 150}})
    assert eligibility_settings(ws).quota_for("ND91_2017") == 15


def test_a_person_entered_twice_under_two_spellings_is_flagged(ws: Workspace) -> None:
    store = ws.store
    unit = add_unit(ws, "Phòng Nội vụ", "phong_chuyen_mon").id
    people = [add_person(ws, name, unit_id=unit, birth_year=1985, recruited_on="01/01/2010").id
              for name in ("Nguyễn Thị Ngân", "Nguyễn Thị  Ngan")]
    with store.transaction():
        for person_id in people:
            store.insert("person_year", {"person_id": person_id, "year": 2020, "rating": "httnv", "unit_id": unit})
            store.insert("nomination", {"year": 2020, "form_code": "LDTT", "kind": "cong_trang", "subject": "ca_nhan",
                                        "person_id": person_id, "status": "submitted"})
    verdicts = year_eligibility(ws, 2020).verdicts
    assert [v.status for v in verdicts] == ["canh_bao", "canh_bao"]
    assert "có thể trùng người" in verdicts[0].reason


def test_a_pending_proposal_counts_for_who_almost_qualifies(ws: Workspace) -> None:
    unit = add_unit(ws, "Phòng Nội vụ", "phong_chuyen_mon").id
    person = add_person(ws, "Lê Văn Tám", unit_id=unit, birth_year=1980).id
    decision = create_decision(ws, number="4901", symbol="QĐ-UBND", signed_on=date(2019, 12, 12),
                               issuer_level="don_vi", issuer_name="Chủ tịch UBND thành phố", kind="cong_trang",
                               title="Về việc công nhận danh hiệu “Chiến sĩ thi đua cơ sở” năm 2019",
                               form_code="CSTDCS").id
    add_recipients(ws, decision, [{"subject": "ca_nhan", "person_id": person}])
    issue_decision(ws, decision)
    assert almost(ws, 2020) == []
    add_nomination(ws, year=2020, form_code="CSTDCS", kind="cong_trang", subject="ca_nhan",
                   person_id=person, status="submitted")
    items = almost(ws, 2020)
    assert [(i.name, i.unit_name, i.held_years) for i in items] == [("Lê Văn Tám", "Phòng Nội vụ", (2019, 2020))]
    assert "đang đề nghị" in items[0].evidence[1]


def test_every_demo_year_judged_once_per_case_gives_the_verdicts_of_judging_each_afresh(
        demo: Workspace) -> None:
    years = [r[0] for r in demo.store.conn.execute("SELECT DISTINCT year FROM nomination ORDER BY 1")]
    assert years
    shared = 0
    for year in years:
        facts = gather_year(demo, year)  # every subject's whole history, each nomination judged afresh
        afresh = evaluate_facts(facts, demo.catalog(), eligibility_settings(demo))
        judged = CaseJudge(demo.catalog(), eligibility_settings(demo), facts.quota, verify=True)
        same_person = spelling_duplicates(facts.nominations, demo.catalog())
        assert [judged(n, facts.histories[n.subject_key], same_person.get(n.id, ()))
                for n in facts.nominations] == afresh
        shared += len(afresh) - len(judged.cases)
        # the service: histories cut to the years the rules read, equal cases judged once
        by_id = {v.nomination_id: v for v in year_eligibility(demo, year).verdicts}
        assert by_id == {v.nomination_id: v for v in afresh}
        assert all(v.explanation().startswith(v.subject_name) for v in by_id.values())
    assert shared > 0
