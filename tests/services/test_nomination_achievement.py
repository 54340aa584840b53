"""A nomination's achievement year or period set by hand (issue 14 §1), as the import sets it: a nomination of
year Y proposes the achievement of Y, or a period ending in Y for the forms that reward several years (Luật TĐKT
2022 Điều 22: CSTĐ cấp tỉnh for 03 consecutive CSTĐCS; NĐ 98/2023 Điều 53: "thành tích đến đâu khen thưởng đến
đó"); the yearly titles take one year (Luật TĐKT 2022 Điều 22–28: xét tặng hằng năm). The table-placement
setting of the kinds that are not công trạng (issue 14 §3) and the position-history index (migration 0012)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from emulation_desk.cli import run
from emulation_desk.errors import ValidationError
from emulation_desk.services.awards.decisions import (
    add_recipients,
    create_decision,
    create_from_nominations,
    decision_recipients,
    issue_decision,
)
from emulation_desk.services.awards.nominations import add_nomination, get_nomination, update_nomination
from emulation_desk.services.records.people import add_person
from emulation_desk.services.records.positions import MANAGER_AT_SQL, UNDATED_MANAGER_SQL, set_position
from emulation_desk.services.reporting.statistics import (
    cell_records,
    check_year,
    set_table_part,
    stat_table,
    table_parts,
    traced_table,
)
from emulation_desk.services.workspace import Workspace, open_workspace


def _nominate(ws: Workspace, person: str, form: str, period: object, year: int = 2024) -> dict:
    created = add_nomination(ws, year=year, form_code=form, kind="cong_trang", subject="ca_nhan", person_id=person,
                             status="checked", achievement_period=period)
    return get_nomination(ws, created.id)


@pytest.mark.parametrize(("case", "form", "given", "first"), [
    ("empty: the nomination's year, as the import has it", "LDTT", "", None),
    ("None: the same", "CSTDCS", None, None),
    ("the year itself", "LDTT", "2024", None),
    ("the year written 'năm 2024'", "LDTT", "năm 2024", None),
    ("CSTĐ cấp tỉnh rewards 03 consecutive years (Luật 2022 Điều 22)", "CSTD_TINH", "2022-2024", 2022),
    ("a Bằng khen for 02 years in a row (NĐ 98/2023 Điều 21 — its period)", "BK_TINH", "2023 – 2024", 2023),
])
def test_a_nominations_achievement_is_a_year_or_a_period_ending_in_it(ws: Workspace, case: str, form: str,
                                                                       given: object, first: int | None) -> None:
    person = add_person(ws, "Lê Văn Tám").id
    assert _nominate(ws, person, form, given)["achievement_first"] == first, case


@pytest.mark.parametrize(("case", "form", "given", "phrase"), [
    ("a later year (NĐ 98 Điều 53: an achievement comes before its award)", "LDTT", "2025",
     "không kết thúc vào năm của đề nghị (2024)"),
    ("an earlier year belongs to that year's nominations", "LDTT", "2023", "hãy ghi thành đề nghị của năm 2023"),
    ("a period that does not end in the year", "BK_TINH", "2021-2022", "không kết thúc vào năm của đề nghị"),
    ("first after last", "BK_TINH", "2024-2023", "năm đầu sau năm cuối"),
    ("not a year", "LDTT", "hai năm", "Không đọc được năm thành tích"),
    ("a yearly title over two years (Luật 2022 Điều 22–28: xét tặng hằng năm)", "LDTT", "2023-2024",
     "xét tặng hằng năm"),
    ("the same for CSTĐCS", "CSTDCS", "2023-2024", "không phải giai đoạn 2023–2024"),
])
def test_a_wrong_achievement_is_refused_with_a_message(ws: Workspace, case: str, form: str, given: str,
                                                        phrase: str) -> None:
    person = add_person(ws, "Lê Văn Tám").id
    with pytest.raises(ValidationError, match=re.escape(phrase)) as raised:
        _nominate(ws, person, form, given)
    assert raised.value.field == "achievement_period", case
    assert not ws.store.query("SELECT id FROM nomination"), "nothing half-written"


def test_the_achievement_is_edited_and_carried_into_the_decision(ws: Workspace) -> None:
    person = add_person(ws, "Lê Văn Tám").id
    nomination = _nominate(ws, person, "BK_TINH", "")
    update_nomination(ws, nomination["id"], achievement_period="2023-2024")
    assert get_nomination(ws, nomination["id"])["achievement_first"] == 2023
    with pytest.raises(ValidationError, match="không kết thúc"):
        update_nomination(ws, nomination["id"], achievement_period="2022-2023")
    assert get_nomination(ws, nomination["id"])["achievement_first"] == 2023, "a refused edit changes nothing"
    # A decision of January 2025 from it: the line keeps the period the nomination proposes (NĐ 98 Điều 53).
    made = create_from_nominations(ws, [{"nomination_id": nomination["id"]}], number="3", symbol="QĐ-UBND",
                                   signed_on=date(2025, 1, 8), issuer_name="Chủ tịch UBND thành phố",
                                   title="Về việc tặng Giấy khen năm 2024", working_year=2024)
    line = decision_recipients(ws, made.id)[0]
    assert (line["achievement_first"], line["achievement_last"]) == (2023, 2024)
    # the decided nomination is not editable any more
    with pytest.raises(ValidationError, match="đã có quyết định"):
        update_nomination(ws, nomination["id"], achievement_period="")


def _run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = run(["--db", str(db), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_command_line_adds_and_edits_a_nominations_achievement(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite"
    ws = open_workspace(db)
    add_person(ws, "Nguyễn Văn An")
    ws.close()
    code, out, _ = _run(capsys, db, "nominations", "add", "--year", "2024", "--name", "nguyen van an", "--form",
                        "CSTĐ cấp tỉnh", "--nam-thanh-tich", "2022-2024")
    assert code == 0 and "Nguyễn Văn An; năm thành tích 2022–2024" in out
    code, out, _ = _run(capsys, db, "nominations", "add", "--year", "2024", "--name", "Nguyễn Văn An", "--form",
                        "LĐTT")
    assert code == 0 and "năm thành tích 2024." in out
    code, _, err = _run(capsys, db, "nominations", "edit", "--year", "2024", "--name", "Nguyễn Văn An",
                        "--nam-thanh-tich", "2023-2024")
    assert code == 1 and "có 2 đề nghị năm 2024" in err and "--form" in err
    code, _, err = _run(capsys, db, "nominations", "edit", "--year", "2024", "--name", "Nguyễn Văn An", "--form",
                        "LĐTT", "--nam-thanh-tich", "2023-2024")
    assert code == 1 and "xét tặng hằng năm" in err
    code, out, _ = _run(capsys, db, "nominations", "edit", "--year", "2024", "--name", "Nguyễn Văn An", "--form",
                        "CSTĐ cấp tỉnh", "--nam-thanh-tich", "")
    assert code == 0 and "năm thành tích 2024." in out
    code, out, _ = _run(capsys, db, "nominations", "list", "--year", "2024")
    assert code == 0 and out.count("năm thành tích 2024") == 2


# ------------------------------------------------------------------ §3: where the kinds that are not công trạng go

def _hero_and_worker(ws: Workspace) -> None:
    """A Huy chương (cống hiến) and a LĐTT (công trạng) signed in 2024."""
    hero, worker = add_person(ws, "Phạm Thị Hoa").id, add_person(ws, "Trần Văn Ba").id
    for number, form, kind, person in (("1", "HC_LAO_DONG_3", "cong_hien", hero), ("2", "LDTT", "cong_trang", worker)):
        decision = create_decision(ws, number=number, symbol="QĐ-UBND", signed_on=date(2024, 12, 10),
                                   issuer_level="don_vi", issuer_name="Chủ tịch UBND thành phố",
                                   title="Về việc khen thưởng năm 2024", kind=kind, form_code=form).id
        add_recipients(ws, decision, [{"subject": "ca_nhan", "person_id": person, "is_manager": False}])
        issue_decision(ws, decision)


def _half(ws: Workspace, form_row: str) -> tuple[int, int]:
    row = stat_table(ws, 2024).row(form_row)
    return row.count("c6"), row.count("c10")


def test_the_placement_of_each_kind_is_a_setting_and_the_note_says_it(ws: Workspace) -> None:
    """Issue 14 §3: cống hiến, niên hạn, kháng chiến and đối ngoại are not công trạng; the provincial guidance
    places them (default: "chuyên đề, đột xuất", cột 10–13); the 14-column trace and checks follow the setting."""
    _hero_and_worker(ws)
    table = traced_table(ws, 2024)
    row = next(r for r in table.rows() if any(f.form_code == "HC_LAO_DONG_3" for f in r.facts))
    key = row.key
    assert table_parts(ws) == {} and _half(ws, key) == (0, 1)
    assert any("cống hiến, niên hạn, đối ngoại, kháng chiến được tính ở nhóm cột chuyên đề, đột xuất" in n
               for n in table.notes)
    set_table_part(ws, "cong_hien", "cong_trang")
    assert table_parts(ws) == {"cong_hien": "cong_trang"} and _half(ws, key) == (1, 0)
    moved = stat_table(ws, 2024)
    assert any(n.startswith("Khen thưởng không theo công trạng: cống hiến được tính ở nhóm cột công trạng, thành "
                            "tích (cột 6–9)") for n in moved.notes)
    assert [r["display_name"] for r in cell_records(ws, 2024, key, "c6")] == ["Phạm Thị Hoa"]
    assert cell_records(ws, 2024, key, "c10") == []
    assert [p for p in check_year(ws, 2024) if p.severity == "error"] == []
    assert traced_table(ws, 2024).row(key).count("c8") + traced_table(ws, 2024).row(key).count("c9") == 1
    set_table_part(ws, "cong_hien", None)
    assert table_parts(ws) == {} and _half(ws, key) == (0, 1)


@pytest.mark.parametrize(("kind", "part", "phrase"), [
    ("cong_trang", "chuyen_de", "Chỉ chọn được nhóm cột cho khen thưởng không theo công trạng"),
    ("nien_han", "ca_hai", "Nhóm cột chỉ được là"),
])
def test_a_wrong_placement_is_refused(ws: Workspace, kind: str, part: str, phrase: str) -> None:
    with pytest.raises(ValidationError, match=phrase):
        set_table_part(ws, kind, part)
    assert table_parts(ws) == {}


# ------------------------------------------------------------------ migration 0012: the position lookup's index

def test_the_position_lookup_reads_one_covering_index_without_sorting(ws: Workspace) -> None:
    person = add_person(ws, "Đỗ Minh Khoa", position="Chuyên viên").id
    for year, text in ((2020, "Phó Trưởng phòng"), (2023, "Trưởng phòng")):
        set_position(ws, person, year, text)
    for sql in (MANAGER_AT_SQL.format(person="?", year="?"), UNDATED_MANAGER_SQL.format(person="?")):
        args = [person, 2024] if "from_year <=" in sql else [person]
        plan = " | ".join(r[3] for r in ws.store.conn.execute(f"EXPLAIN QUERY PLAN SELECT {sql}", args))
        assert "COVERING INDEX person_position_year" in plan and "TEMP B-TREE" not in plan, plan
    assert ws.store.conn.execute(f"SELECT {MANAGER_AT_SQL.format(person='?', year='?')}", [person, 2022]
                                 ).fetchone()[0] == 1
