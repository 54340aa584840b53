"""The facts arrive with the lists: the project's own template filled with ratings, initiatives, discipline and a
collective's figures imports them into Hồ sơ with the nominations, all or nothing; a column the file lacks leaves
Hồ sơ as it was; a typed fact the file contradicts is listed and the clerk chooses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from emulation_desk.cli import run
from emulation_desk.exchange.errors import ImportRejectedError
from emulation_desk.exchange.fact_cells import as_discipline, as_initiative
from emulation_desk.exchange.values import CellIssue
from emulation_desk.services.awards import imports
from emulation_desk.services.awards.eligibility import year_eligibility
from emulation_desk.services.records import person_facts as pf
from emulation_desk.services.records import unit_facts as uf
from emulation_desk.services.records.people import add_person
from emulation_desk.services.records.units import add_unit
from emulation_desk.services.reporting import exports
from emulation_desk.services.workspace import Workspace

UNIT = "Phòng Nội vụ"


def _office(ws: Workspace) -> tuple[str, str]:
    unit = add_unit(ws, UNIT, "phong_chuyen_mon", head_count=10).id
    school = add_unit(ws, "Trường Mầm non Hoa Sen", "truong_hoc", head_count=30).id
    add_person(ws, "Nguyễn Văn An", birth_year=1980, unit_id=unit, position="Chuyên viên")
    return unit, school


def _filled(ws: Workspace, path: Path, *, discipline: str = "Khiển trách từ 01/02/2023 đến 01/02/2024",
            rating: str = "Hoàn thành xuất sắc nhiệm vụ") -> Path:
    template = exports.export_nomination_template(ws, path, year=2024).path
    wb = load_workbook(template)
    people, collectives = wb["Cá nhân"], wb["Tập thể"]
    people.append([1, "Nguyễn Văn An", "Nam", 1980, "Chuyên viên", UNIT, "", "Lao động tiên tiến",
                   "Theo công trạng và thành tích", rating, "Số hóa hồ sơ một cửa (QĐ số 15/QĐ-UBND ngày 10/11/2024)",
                   discipline, "", ""])
    people.append([2, "Lê Thị Bình", "Nữ", 1990, "Chuyên viên", UNIT, "", "Lao động tiên tiến",
                   "Theo công trạng và thành tích", "Hoàn thành tốt nhiệm vụ", "Không", "Không", "", ""])
    collectives.append([1, "Trường Mầm non Hoa Sen", "", "Tập thể lao động tiên tiến", "Theo công trạng và thành tích",
                        "Hoàn thành tốt nhiệm vụ", 30, 30, 22, 4, 0, "", ""])
    # rows appended after the prepared (empty) ones: move them under the header
    for sheet in (people, collectives):
        last = sheet.max_row
        filled = [r for r in range(6, last + 1) if sheet.cell(r, 2).value]
        for offset, row in enumerate(filled):
            for column in range(1, sheet.max_column + 1):
                sheet.cell(6 + offset, column).value = sheet.cell(row, column).value
            if row != 6 + offset:
                for column in range(1, sheet.max_column + 1):
                    sheet.cell(row, column).value = None
    wb.save(path)
    return path


def test_cells() -> None:
    assert as_initiative("Số hóa hồ sơ (QĐ số 15/QĐ-UBND ngày 10/11/2024)").ref == "QĐ số 15/QĐ-UBND ngày 10/11/2024"
    assert as_initiative("không") is None
    cell = as_initiative("Chuyển đổi số một cửa (cấp tỉnh) (QĐ số 9/QĐ-UBND ngày 02/12/2024)")
    assert (cell.title, cell.scope, cell.ref) == ("Chuyển đổi số một cửa", "tinh", "QĐ số 9/QĐ-UBND ngày 02/12/2024")
    assert as_initiative("Số hóa hồ sơ").scope is None
    # the scope and the decision in one parenthesis (the decision used to be lost with the scope), the template
    # header's own order "tên, phạm vi; quyết định công nhận", a scope of several words, a title with "cấp"
    for text, expected in (
            ("Dạy học theo nhóm (cấp cơ sở; QĐ số 21/QĐ-UBND ngày 20/11/2026)",
             ("Dạy học theo nhóm", "co_so", "QĐ số 21/QĐ-UBND ngày 20/11/2026")),
            ("Dạy học theo nhóm, cấp cơ sở; QĐ số 21/QĐ-UBND", ("Dạy học theo nhóm", "co_so", "QĐ số 21/QĐ-UBND")),
            ("Số hóa hồ sơ (cấp tỉnh, bộ, ngành)", ("Số hóa hồ sơ", "tinh", "")),
            ("Số hóa hồ sơ, toàn quốc", ("Số hóa hồ sơ", "toan_quoc", "")),
            ("Nâng cao chất lượng, cấp nước sạch", ("Nâng cao chất lượng, cấp nước sạch", None, ""))):
        cell = as_initiative(text)
        assert (cell.title, cell.scope, cell.ref) == expected, text
    cell = as_discipline("Cảnh cáo (từ 01/03/2022 đến 28/02/2023)")
    assert (cell.form, cell.start, cell.end) == ("Cảnh cáo", date(2022, 3, 1), date(2023, 2, 28))
    with pytest.raises(CellIssue, match="cần ghi ngày bắt đầu"):
        as_discipline("Khiển trách")


def test_template_with_facts_fills_the_records(ws: Workspace, tmp_path: Path) -> None:
    _office(ws)
    source = imports.read_source(_filled(ws, tmp_path / "ds.xlsx"))
    preview = imports.preview_nominations(ws, source, year=2024, unit_name=UNIT)
    assert preview.ok, [p.line() for p in preview.problems]
    lines = [c.line() for c in preview.fact_changes]
    assert any("Nguyễn Văn An: xếp loại năm 2024: Hoàn thành xuất sắc nhiệm vụ" in line for line in lines)
    assert any("số đạt Lao động tiên tiến năm 2024: 22" in line for line in lines)
    assert "thông tin vào hồ sơ" in preview.summary() and not preview.fact_conflicts
    dry = imports.commit_import(ws, preview, dry_run=True)
    assert dry.counts["facts"] == 3
    an = ws.store.scalar("SELECT id FROM person WHERE full_name = 'Nguyễn Văn An'")
    assert pf.person_facts(ws, an).years == ()
    result = imports.commit_import(ws, preview)
    assert result.counts["nominations"] == 3 and result.counts["facts"] == 3
    assert result.summary().endswith("; ghi thông tin vào hồ sơ của 3 người/tập thể.")  # the window says it too
    facts = pf.person_facts(ws, an)
    assert facts.year(2024).rating == "htxsnv"
    assert [(i.title, i.recognised_ref) for i in facts.initiatives] == [
        ("Số hóa hồ sơ một cửa", "QĐ số 15/QĐ-UBND ngày 10/11/2024")]
    assert facts.disciplines[0].form == "Khiển trách"
    binh = ws.store.scalar("SELECT id FROM person WHERE full_name = 'Lê Thị Bình'")  # created by the import
    assert pf.person_facts(ws, binh).year(2024).rating == "httnv" and not pf.person_facts(ws, binh).disciplines
    school = ws.store.scalar("SELECT id FROM unit WHERE name = 'Trường Mầm non Hoa Sen'")
    assert uf.unit_facts(ws, school) == (uf.UnitYear(2024, 30, 30, 22, 4, 0, "httnv"),)
    statuses = {v.subject_name: v.status for v in year_eligibility(ws, 2024).verdicts}
    assert statuses["Lê Thị Bình"] == "dat" and statuses["Trường Mầm non Hoa Sen"] != "thieu_du_lieu"


def test_a_bad_fact_refuses_the_whole_list(ws: Workspace, tmp_path: Path) -> None:
    _office(ws)
    source = imports.read_source(_filled(ws, tmp_path / "ds.xlsx", discipline="Khiển trách"))
    preview = imports.preview_nominations(ws, source, year=2024, unit_name=UNIT)
    assert any("cần ghi ngày bắt đầu" in p.line() and "cột L" in p.line() for p in preview.problems)
    with pytest.raises(ImportRejectedError):
        imports.commit_import(ws, preview)
    assert ws.store.scalar("SELECT count(*) FROM nomination") == 0


def test_missing_column_leaves_facts_and_a_contradiction_is_chosen(ws: Workspace, tmp_path: Path) -> None:
    unit, _school = _office(ws)
    an = ws.store.scalar("SELECT id FROM person WHERE full_name = 'Nguyễn Văn An'")
    pf.set_person_facts(ws, an, 2024, rating="httnv")
    wb = Workbook()
    sheet = wb.active
    sheet.append(["STT", "Họ và tên", "Năm sinh", "Chức vụ", "Hình thức khen thưởng"])
    sheet.append([1, "Nguyễn Văn An", 1980, "Chuyên viên", "Lao động tiên tiến"])
    wb.save(tmp_path / "no-facts.xlsx")
    preview = imports.preview_nominations(ws, imports.read_source(tmp_path / "no-facts.xlsx"), year=2024,
                                          unit_name=UNIT)
    assert preview.fact_changes == [] and preview.ok
    source = imports.read_source(_filled(ws, tmp_path / "ds.xlsx"))
    preview = imports.preview_nominations(ws, source, year=2024, unit_name=UNIT)
    assert [c.line() for c in preview.fact_conflicts] == [
        "Trang “Cá nhân”, dòng 6, Nguyễn Văn An: xếp loại năm 2024: hồ sơ ghi «Hoàn thành tốt nhiệm vụ», tệp ghi "
        "«Hoàn thành xuất sắc nhiệm vụ»"]
    assert not preview.ok and "cần chọn" in preview.summary()
    with pytest.raises(ImportRejectedError, match="khác với hồ sơ"):
        imports.commit_import(ws, preview, dry_run=True)
    imports.commit_import(ws, preview, facts="keep")
    facts = pf.person_facts(ws, an)
    assert facts.year(2024).rating == "httnv" and facts.initiatives  # kept the rating, took the rest
    assert unit


def test_cli_lists_the_difference_and_takes_the_option(ws: Workspace, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    _office(ws)
    an = ws.store.scalar("SELECT id FROM person WHERE full_name = 'Nguyễn Văn An'")
    pf.set_person_facts(ws, an, 2024, rating="httnv")
    path = _filled(ws, tmp_path / "ds.xlsx")
    db = str(ws.path)
    ws.close()
    base = ["--db", db, "import", "nominations", str(path), "--year", "2024", "--unit", UNIT]
    assert run(base) == 1
    out = capsys.readouterr()
    assert "Khác với hồ sơ: Trang “Cá nhân”, dòng 6" in out.out and "--facts tep" in out.out
    assert run([*base, "--facts", "tep"]) == 0
    assert "Hồ sơ: Trang “Tập thể”, dòng 6, Trường Mầm non Hoa Sen: tổng số thành viên năm 2024: 30" in \
        capsys.readouterr().out
    assert run(["--db", db, "people", "facts", "show", "Nguyễn Văn An", "--json"]) == 0
    assert '"rating": "htxsnv"' in capsys.readouterr().out
