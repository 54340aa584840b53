"""The nominations import proposes the management flag from the dictionary of positions where the file leaves
it blank (a cell or the whole column), keeps every flag the file states, lists the proposals in the preview and
lets the clerk override them before importing."""

from __future__ import annotations

from pathlib import Path

from emulation_desk.services.awards import imports
from emulation_desk.services.awards.import_managers import choose_manager
from emulation_desk.services.awards.nominations import add_nomination
from emulation_desk.services.records.org import save_organisation
from emulation_desk.services.records.people import add_person
from emulation_desk.services.records.positions import set_manager_dictionary, set_position
from emulation_desk.services.records.units import add_unit
from emulation_desk.services.workspace import Workspace
from tests.exchange.builders import nomination_table

YEAR = 2024
HEADER = ["STT", "Họ và tên", "Năm sinh", "Chức vụ", "Đơn vị", "Hình thức khen thưởng", "Lãnh đạo quản lý"]


def _office(ws: Workspace) -> None:
    save_organisation(ws, parent_body="UBND TỈNH NINH BÌNH", issuing_body="ỦY BAN NHÂN DÂN XÃ AN BÌNH",
                      body_short="UBND xã", level="xa", place_name="An Bình")
    add_unit(ws, "Văn phòng HĐND và UBND", "phong_chuyen_mon")


def _flags(ws: Workspace) -> dict[str, tuple[str, int | None]]:
    rows = ws.store.query("SELECT p.full_name, n.position, n.is_manager FROM nomination n JOIN person p "
                          "ON p.id = n.person_id WHERE n.year = ?", [YEAR])
    return {r["full_name"]: (r["position"], r["is_manager"]) for r in rows}


def test_blank_cells_get_the_proposal_and_stated_flags_are_kept(ws: Workspace, tmp_path: Path) -> None:
    _office(ws)
    unit = "Văn phòng HĐND và UBND"
    path = nomination_table(tmp_path / "ds.xlsx", [
        [1, "Nguyễn Văn An", 1975, "Trưởng phòng", unit, "Lao động tiên tiến", None],
        [2, "Trần Thị Bình", 1980, "Trưởng phòng", unit, "Lao động tiên tiến", "không"],
        [3, "Lê Văn Cường", 1985, "Chuyên viên", unit, "Lao động tiên tiến", "x"],
        [4, "Phạm Thị Dung", 1990, "Tổ trưởng", unit, "Lao động tiên tiến", None],
        [5, "Hoàng Văn Em", 1991, "Chuyên viên", unit, "Lao động tiên tiến", ""],
    ], header=HEADER, title=f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM {YEAR}")
    preview = imports.preview_nominations(ws, imports.read_source(path), year=YEAR, unit_name=unit)
    assert preview.ok, [p.line() for p in preview.problems]
    lines = {m.name: m for m in preview.manager_lines}
    assert set(lines) == {"Nguyễn Văn An", "Phạm Thị Dung", "Hoàng Văn Em"}  # stated flags are not proposals
    assert (lines["Nguyễn Văn An"].proposed, lines["Phạm Thị Dung"].proposed, lines["Hoàng Văn Em"].proposed) == (
        True, False, None)
    assert "Trưởng phòng" in lines["Nguyễn Văn An"].why
    assert "3 ô “Lãnh đạo quản lý” để trống: 2 điền theo chức vụ, 1 chưa rõ" in preview.summary()
    # the clerk says the Chuyên viên is a manager after all
    assert choose_manager(preview, [lines["Hoàng Văn Em"].key], True) == 1
    assert lines["Hoàng Văn Em"].as_dict()["flag"] == "Có"
    imports.commit_import(ws, preview)
    assert _flags(ws) == {"Nguyễn Văn An": ("Trưởng phòng", 1), "Trần Thị Bình": ("Trưởng phòng", 0),
                          "Lê Văn Cường": ("Chuyên viên", 1), "Phạm Thị Dung": ("Tổ trưởng", 0),
                          "Hoàng Văn Em": ("Chuyên viên", 1)}
    # the people created carry the same flag in their record
    people = {r["full_name"]: r["is_manager"] for r in ws.store.query("SELECT full_name, is_manager FROM person")}
    assert people["Nguyễn Văn An"] == 1 and people["Trần Thị Bình"] == 0 and people["Hoàng Văn Em"] == 1


def test_a_file_without_the_column_is_proposed_at_the_year_of_the_award(ws: Workspace, tmp_path: Path) -> None:
    _office(ws)
    unit = "Văn phòng HĐND và UBND"
    unit_id = ws.store.scalar("SELECT id FROM unit WHERE name = ?", [unit])
    promoted = add_person(ws, "Đỗ Văn Giang", birth_year=1970, unit_id=unit_id, position="Chuyên viên").id
    set_position(ws, promoted, 2023, "Phó Chánh Văn phòng")  # the dictionary: a manager from 2023
    set_position(ws, promoted, 2025, "Chánh Văn phòng")
    overridden = add_person(ws, "Vũ Thị Hà", birth_year=1972, unit_id=unit_id).id
    set_position(ws, overridden, 2020, "Trưởng ban", is_manager=False)  # the clerk's own say
    path = nomination_table(tmp_path / "ds.xlsx", [
        [1, "Đỗ Văn Giang", 1970, None, unit, "Lao động tiên tiến"],
        [2, "Vũ Thị Hà", 1972, "Trưởng ban", unit, "Lao động tiên tiến"],
    ], title=f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM {YEAR}")
    preview = imports.preview_nominations(ws, imports.read_source(path), year=YEAR, unit_name=unit)
    assert preview.ok, [p.line() for p in preview.problems]
    lines = {m.name: m for m in preview.manager_lines}
    assert (lines["Đỗ Văn Giang"].position, lines["Đỗ Văn Giang"].proposed) == ("Phó Chánh Văn phòng", True)
    assert "năm 2024" in lines["Đỗ Văn Giang"].why
    assert lines["Vũ Thị Hà"].proposed is False and "cán bộ chọn" in lines["Vũ Thị Hà"].why
    imports.commit_import(ws, preview)
    assert _flags(ws) == {"Đỗ Văn Giang": ("Phó Chánh Văn phòng", 1), "Vũ Thị Hà": ("Trưởng ban", 0)}


def test_the_dictionary_the_clerk_corrected_is_the_one_used(ws: Workspace, tmp_path: Path) -> None:
    _office(ws)
    unit = "Văn phòng HĐND và UBND"
    set_manager_dictionary(ws, [("Kế toán trưởng", True), ("Trưởng phòng", False)])
    path = nomination_table(tmp_path / "ds.xlsx", [
        [1, "Ngô Văn Khánh", 1979, "Kế toán trưởng", unit, "Lao động tiên tiến"],
        [2, "Bùi Thị Loan", 1981, "Trưởng phòng", unit, "Lao động tiên tiến"],
    ], title=f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM {YEAR}")
    preview = imports.preview_nominations(ws, imports.read_source(path), year=YEAR, unit_name=unit)
    # a choice made in one preview survives planning the list again (a corrected column, a namesake answer)
    key = next(m.key for m in preview.manager_lines if m.name == "Bùi Thị Loan")
    choose_manager(preview, [key], True)
    again = imports.preview_nominations(ws, preview.source, year=YEAR, unit_name=unit,
                                        managers=preview.request["managers"])
    imports.commit_import(ws, again)
    assert _flags(ws) == {"Ngô Văn Khánh": ("Kế toán trưởng", 1), "Bùi Thị Loan": ("Trưởng phòng", 1)}


def test_a_typed_nomination_with_a_position_gets_the_dictionary_flag(ws: Workspace) -> None:
    _office(ws)
    person = add_person(ws, "Đinh Văn Minh", birth_year=1968).id
    manager = add_nomination(ws, year=YEAR, form_code="LDTT", kind="cong_trang", subject="ca_nhan",
                             person_id=person, position="Phó Chủ tịch UBND xã").id
    unknown = add_nomination(ws, year=YEAR, form_code="CSTDCS", kind="cong_trang", subject="ca_nhan",
                             person_id=person, position="Văn thư").id
    stated = add_nomination(ws, year=YEAR - 1, form_code="LDTT", kind="cong_trang", subject="ca_nhan",
                            person_id=person, position="Phó Chủ tịch UBND xã", is_manager=False).id
    flags = {i: ws.store.get("nomination", i)["is_manager"] for i in (manager, unknown, stated)}  # type: ignore[index]
    assert flags == {manager: 1, unknown: None, stated: 0}


def test_the_command_line_lists_the_proposals_and_takes_the_clerks_choice(ws: Workspace, tmp_path: Path,
                                                                         capsys: object) -> None:
    from emulation_desk.cli import run

    _office(ws)
    unit = "Văn phòng HĐND và UBND"
    path = nomination_table(tmp_path / "ds.xlsx", [
        [1, "Nguyễn Văn An", 1975, "Trưởng phòng", unit, "Lao động tiên tiến", None],
        [2, "Lê Thị Hoa", 1985, "Văn thư", unit, "Lao động tiên tiến", None],
    ], header=HEADER, title=f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM {YEAR}")
    db = ws.path
    ws.close()
    assert run(["--db", str(db), "import", "nominations", str(path), "--year", str(YEAR), "--unit", unit,
                 "--lanh-dao", "Danh sách!4=co"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "Danh sách!3 Nguyễn Văn An, Trưởng phòng: Có — Theo danh mục chức vụ" in out
    assert "Danh sách!4 Lê Thị Hoa, Văn thư: Có — Cán bộ chọn" in out
    assert run(["--db", str(db), "import", "nominations", str(path), "--year", str(YEAR + 1), "--unit", unit,
                 "--lanh-dao", "Danh sách!4=có lẽ"]) != 0
