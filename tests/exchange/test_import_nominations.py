"""Importing a unit's real, messy nomination list into the demo: preview, matches, all or nothing."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from emulation_desk.exchange.errors import ImportRejectedError
from emulation_desk.services.awards import imports
from emulation_desk.services.reporting import exports
from emulation_desk.services.workspace import Workspace
from tests.exchange.builders import UNIT, messy_nomination_workbook, nomination_table


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    return messy_nomination_workbook(tmp_path / "PGD_de_nghi_2020.xlsx")


def test_messy_list_is_understood(demo_ws: Workspace, messy: Path) -> None:
    preview = imports.preview_nominations(demo_ws, imports.read_source(messy), year=2021, unit_name=UNIT)
    assert preview.ok, [p.line() for p in preview.problems]
    people, collectives = preview.mapping.sheets
    assert (people.sheet, people.header_row, people.first_data_row) == ("Cá nhân", 8, 10)
    assert {f: people.letter(f) for f in ("name", "birth_male", "birth_female", "position_unit", "form", "kind")} == {
        "name": "B", "birth_male": "C", "birth_female": "D", "position_unit": "E", "form": "F", "kind": "G"}
    assert (collectives.sheet, collectives.header_row, collectives.subject) == ("Tập thể", 3, "tap_the")
    lines = {(i.entry.sheet, i.entry.row): i.entry for i in preview.items}
    assert sorted(lines) == [("Cá nhân", 11), ("Cá nhân", 12), ("Cá nhân", 14), ("Cá nhân", 16), ("Cá nhân", 17),
                             ("Tập thể", 4), ("Tập thể", 5)]  # no totals, no signature block, no section rows
    long_ldtt, loan, new, long_cstd = lines["Cá nhân", 11], lines["Cá nhân", 12], lines["Cá nhân", 14], lines["Cá nhân", 16]
    # three date styles: a number, an Excel date, a dd/mm/yyyy text
    assert (long_ldtt.birth_year, long_ldtt.birth_date, long_ldtt.gender) == (1967, None, "nam")
    assert (loan.birth_year, loan.birth_date, loan.gender) == (1975, date(1975, 3, 8), "nu")
    assert (new.birth_year, new.birth_date) == (1980, date(1980, 12, 15))
    # sections switch the form; a written form wins; "Chức vụ, đơn vị công tác" is split on a known unit
    assert (long_ldtt.form_code, long_cstd.form_code, lines["Cá nhân", 17].form_code) == ("LDTT", "CSTDCS", "CSTDCS")
    assert (loan.position, loan.unit_text) == ("Phó Trưởng phòng", UNIT)
    assert {lines["Tập thể", 4].form_code, lines["Tập thể", 5].form_code} == {"TTLDTT"}  # from the sheet's title
    matched = {(m.sheet, m.row) for m in preview.matches}
    assert matched == {("Cá nhân", 11), ("Cá nhân", 12), ("Cá nhân", 16), ("Cá nhân", 17), ("Tập thể", 5)}
    assert sorted((n.what, n.description) for n in preview.new_records) == [
        ("Cá nhân", f"Trần Văn Mới (1980) – {UNIT}"), ("Đơn vị/tập thể", "Tổ Văn phòng, Phòng Giáo dục và Đào tạo")]
    assert "7 đề nghị khen thưởng" in preview.summary()


def test_import_is_one_transaction_with_an_audit_row(demo_ws: Workspace, messy: Path) -> None:
    store = demo_ws.store
    audit_before = store.scalar("SELECT count(*) FROM audit_log WHERE action = 'import'")
    result = imports.import_nominations(demo_ws, messy, year=2021, unit_name=UNIT)
    assert result.counts == {"people": 1, "units": 1, "households": 0, "nominations": 7}
    rows = store.query("SELECT n.form_code, n.status, n.proposing_unit_id, coalesce(p.full_name, u.name) AS who "
                       "FROM nomination n LEFT JOIN person p ON p.id = n.person_id LEFT JOIN unit u ON u.id = n.unit_id "
                       "WHERE n.year = 2021")
    assert len(rows) == 7 and {r["status"] for r in rows} == {"submitted"}
    assert sorted(r["who"] for r in rows if r["form_code"] == "CSTDCS") == ["Nguyễn Thanh Long", "Đào Tiến Định"]
    assert store.scalar("SELECT count(*) FROM audit_log WHERE action = 'import'") == audit_before + 1
    unit_id = store.scalar("SELECT id FROM unit WHERE name = ?", [UNIT])
    assert store.get_setting(f"import_mapping:{unit_id}")["position_unit"] == "chuc vu, don vi cong tac"
    before = digest(demo_ws.path)
    with pytest.raises(ImportRejectedError) as again:  # the same list twice: refused, nothing written
        imports.import_nominations(demo_ws, messy, year=2021, unit_name=UNIT)
    assert len(again.value.problems) == 7 and "Đã có đề nghị" in again.value.problems[0].reason
    assert digest(demo_ws.path) == before


def test_dry_run_checks_everything_and_writes_nothing(demo_ws: Workspace, messy: Path) -> None:
    before = digest(demo_ws.path)
    result = imports.import_nominations(demo_ws, messy, year=2021, unit_name=UNIT, dry_run=True)
    assert result.dry_run and result.counts["nominations"] == 7
    assert result.summary().startswith("Kiểm tra xong (chưa ghi gì)")
    assert digest(demo_ws.path) == before


def test_a_failure_while_writing_rolls_everything_back(demo_ws: Workspace, messy: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    real = imports._nomination_values
    calls = {"n": 0}

    def failing(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 5:
            raise imports.ValidationError("Ổ đĩa giả lập bị lỗi.")
        return real(*args, **kwargs)

    monkeypatch.setattr(imports, "_nomination_values", failing)
    preview = imports.preview_nominations(demo_ws, imports.read_source(messy), year=2021, unit_name=UNIT)
    before = digest(demo_ws.path)
    with pytest.raises(ImportRejectedError) as caught:
        imports.commit_import(demo_ws, preview)
    assert [p.reason for p in caught.value.problems] == ["Ổ đĩa giả lập bị lỗi."]
    assert digest(demo_ws.path) == before
    assert all(p.id is None for p in preview.new_people), "records of a failed import keep no ids"


def test_a_database_error_after_people_were_written_rolls_everything_back(
        demo_ws: Workspace, messy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = demo_ws.store
    real = store.insert_many

    def insert_many(table: str, rows: object) -> int:
        if table == "nomination":  # the people are already in; now the disk "fills up"
            raise imports.KnownError("Ổ đĩa đã đầy, không ghi được dữ liệu.")
        return real(table, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "insert_many", insert_many)
    before = digest(demo_ws.path)
    people = store.scalar("SELECT count(*) FROM person")
    with pytest.raises(ImportRejectedError, match="Ổ đĩa đã đầy"):
        imports.import_nominations(demo_ws, messy, year=2021, unit_name=UNIT)
    assert digest(demo_ws.path) == before
    assert store.scalar("SELECT count(*) FROM person") == people


def test_problems_stop_the_import(demo_ws: Workspace, tmp_path: Path) -> None:
    path = nomination_table(tmp_path / "loi.xlsx", [
        [1, "Nguyễn Văn An", 1980, "Chuyên viên", UNIT, "Tập thể lao động tiên tiến"],
        [2, "Trần Thị Bình", 1985, "Chuyên viên", UNIT, ""],
        [3, "Lê Văn Cường", 1982, "Chuyên viên", UNIT, "Lao động tiên tiến"],
        [4, "Lê Văn Cường", 1982, "Chuyên viên", UNIT, "LĐTT"],
    ])
    preview = imports.preview_nominations(demo_ws, imports.read_source(path), year=2021, unit_name=UNIT)
    reasons = {p.row: p.reason for p in preview.problems}
    assert "không dùng cho cá nhân" in reasons[3]
    assert "Chưa có hình thức khen thưởng" in reasons[4]
    assert "Trùng với dòng 5" in reasons[6]
    assert not preview.ok
    unknown = imports.preview_nominations(demo_ws, imports.read_source(path), year=2021, unit_name="Phòng Không Có")
    assert "Không tìm thấy đơn vị «Phòng Không Có»" in unknown.problems[0].reason


def test_a_corrected_mapping_is_remembered_for_the_unit(demo_ws: Workspace, tmp_path: Path) -> None:
    header = ["STT", "Họ và tên", "Năm sinh", "Chức vụ", "Đơn vị", "Nội dung đề nghị"]
    first = nomination_table(tmp_path / "lan1.xlsx", [[1, "Nguyễn Văn An", 1980, "Chuyên viên", UNIT, "LĐTT"]], header)
    preview = imports.preview_nominations(demo_ws, imports.read_source(first), year=2021, unit_name=UNIT)
    assert "form" not in preview.mapping.sheets[0].columns  # "Nội dung đề nghị" is not a known spelling
    preview.mapping.sheets[0].columns["form"] = 6  # the clerk picks the column in the preview
    corrected = imports.preview_nominations(demo_ws, preview.source, year=2021, unit_name=UNIT,
                                            mapping=preview.mapping)
    imports.commit_import(demo_ws, corrected)
    second = nomination_table(tmp_path / "lan2.xlsx", [[1, "Trần Thị Bình", 1985, "Chuyên viên", UNIT, "CSTĐCS"]],
                              header)
    again = imports.preview_nominations(demo_ws, imports.read_source(second), year=2021, unit_name=UNIT)
    assert again.mapping.source == "remembered" and again.mapping.sheets[0].columns["form"] == 6
    assert again.ok and again.items[0].entry.form_code == "CSTDCS"


def test_a_filled_template_needs_no_mapping(demo_ws: Workspace, tmp_path: Path) -> None:
    template = exports.export_nomination_template(demo_ws, tmp_path / "mau.xlsx", year=2021).path
    wb = load_workbook(template)
    wb["Cá nhân"].append([1, "Nguyễn Văn An", "Nam", "15/12/1980", "Chuyên viên", UNIT, None, "Lao động tiên tiến",
                          "Theo công trạng và thành tích", "Hoàn thành xuất sắc nhiệm vụ"])
    wb["Tập thể"].append([1, "Tổ Chuyên môn", UNIT, "Tập thể lao động tiên tiến", "Theo công trạng và thành tích"])
    wb["Hộ gia đình"].append([1, "Hộ ông Trần Văn Tư", "Số 5 đường Trần Hưng Đạo", "Tổ dân phố số 1, phường Bà Triệu",
                              "Gia đình văn hóa"])
    wb.save(template)
    preview = imports.preview_nominations(demo_ws, imports.read_source(template), year=2021, unit_name=UNIT)
    assert preview.mapping.source == "template" and preview.ok, [p.line() for p in preview.problems]
    subjects = {i.entry.subject: i for i in preview.items}
    assert set(subjects) == {"ca_nhan", "tap_the", "ho_gia_dinh"}
    assert subjects["ho_gia_dinh"].entry.name == "Trần Văn Tư"
    assert subjects["ho_gia_dinh"].unit is not None and subjects["ho_gia_dinh"].unit.id  # an existing tổ dân phố
    imports.commit_import(demo_ws, preview)
    assert demo_ws.store.scalar("SELECT count(*) FROM household") == 1


def test_dates_of_a_1904_workbook(demo_ws: Workspace, tmp_path: Path) -> None:
    from datetime import datetime

    from openpyxl import Workbook
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = Workbook()
    wb.epoch = CALENDAR_MAC_1904  # old Mac Excel counts days from 1904
    sheet = wb.active
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Hình thức khen thưởng"])
    sheet.append([1, "Nguyễn Văn An", datetime(1980, 12, 15), UNIT, "Lao động tiên tiến"])
    sheet.append([2, "Trần Thị Bình", 28108, UNIT, "Lao động tiên tiến"])  # 15/12/1980 as a 1904 serial number
    wb.save(tmp_path / "mac.xlsx")
    preview = imports.preview_nominations(demo_ws, imports.read_source(tmp_path / "mac.xlsx"), year=2021)
    assert preview.ok, [p.line() for p in preview.problems]
    assert [i.entry.birth_date for i in preview.items] == [date(1980, 12, 15), date(1980, 12, 15)]


def test_only_the_people_a_line_may_name_are_read_and_matched_as_before(demo_ws: Workspace) -> None:
    from emulation_desk.core.text import fold
    from emulation_desk.exchange.directory import Directory
    from emulation_desk.exchange.interpret import Entry

    store = demo_ws.store
    unit_id = store.scalar("SELECT id FROM unit ORDER BY name LIMIT 1")
    with store.transaction():
        for born in (1980, 1985, None):
            store.insert("person", {"full_name": "Lê Thị Trùng", "name_key": fold("Lê Thị Trùng"), "gender": "nu",
                                    "birth_year": born, "unit_id": unit_id})
    entries = [Entry("Cá nhân", 2, "ca_nhan", "Lê Thị Trùng", "LDTT", "cong_trang", birth_year=1985)]
    directory = Directory([], [], [], year=2021)
    imports._add_people(demo_ws, directory, entries)
    assert sorted((p["birth_year"] or 0) for p in directory.people[fold("Lê Thị Trùng")]) == [0, 1985]
    undated = Directory([], [], [], year=2021)
    imports._add_people(demo_ws, undated, [*entries, Entry("Cá nhân", 3, "ca_nhan", "Lê Thị Trùng", "LDTT",
                                                            "cong_trang")])
    assert sorted((p["birth_year"] or 0) for p in undated.people[fold("Lê Thị Trùng")]) == [0, 1980, 1985]
