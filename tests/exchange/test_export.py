"""Exports: the template, the statistical table, lists; text stays text, nothing is cut, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from emulation_desk.core.stats import ALL_COLUMNS, PERCENT_COLUMNS
from emulation_desk.exchange.errors import ExportError
from emulation_desk.exchange.lists import ListColumn, list_workbook
from emulation_desk.exchange.writer import save_atomically
from emulation_desk.services.awards import imports
from emulation_desk.services.awards.decisions import add_recipients, create_decision
from emulation_desk.services.records.people import add_person
from emulation_desk.services.records.units import add_unit
from emulation_desk.services.reporting import exports
from emulation_desk.services.reporting.statistics import stat_table
from emulation_desk.services.workspace import Workspace

TRICKY = ["=HYPERLINK(\"http://x\",\"bấm\")", "+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "#N/A", "=1+1", "a_x0041_b",
          "dòng 1\r\ndòng 2"]


def test_template_layout(ws: Workspace, tmp_path: Path) -> None:
    result = exports.export_nomination_template(ws, tmp_path / "mau.xlsx", year=2020)
    wb = load_workbook(result.path)
    assert wb.sheetnames == ["Cá nhân", "Tập thể", "Hộ gia đình", "Danh mục", "_emulation_desk"]
    assert wb["Danh mục"].sheet_state == "hidden" and wb["_emulation_desk"].sheet_state == "veryHidden"
    people = wb["Cá nhân"]
    assert [c.value for c in people[5]][:4] == ["STT", "Họ và tên", "Giới tính", "Ngày sinh (hoặc năm sinh)"]
    assert people.protection.sheet and people["B5"].protection.locked
    assert people.column_dimensions["B"].protection.locked is False, "units type in the data rows"
    assert people.column_dimensions["B"].width == 26
    assert int(people.page_setup.paperSize) == 9 and people.page_setup.orientation == "landscape"
    assert people.print_title_rows == "$5:$5"
    validations = {str(dv.sqref)[0]: dv.formula1 for dv in people.data_validations.dataValidation}
    assert set(validations) == {"C", "G", "H", "I", "J"}  # gender, manager mark, form, kind, rating
    assert [c.value for c in people[5]][9:12] == ["Mức độ hoàn thành nhiệm vụ", "Sáng kiến (tên; quyết định công nhận)",
                                                  "Kỷ luật (hình thức, từ ngày đến ngày)"]
    lists = wb["Danh mục"]
    column = {lists.cell(1, c).value: [lists.cell(r, c).value for r in range(2, lists.max_row + 1)]
              for c in range(1, lists.max_column + 1)}
    assert "Lao động tiên tiến" in column["forms:ca_nhan"] and "Tập thể lao động tiên tiến" not in column["forms:ca_nhan"]
    assert "Gia đình văn hóa" in column["forms:ho_gia_dinh"]
    assert column["kinds"][0] == "Theo công trạng và thành tích"
    assert column["ratings"][0] == "Hoàn thành xuất sắc nhiệm vụ"
    assert validations["H"] == f"'Danh mục'!$A$2:$A${len([v for v in column['forms:ca_nhan'] if v]) + 1}"
    assert ws.store.scalar("SELECT count(*) FROM audit_log WHERE action = 'export'") == 1


def test_table_as_xlsx(demo_ws: Workspace, tmp_path: Path) -> None:
    table = stat_table(demo_ws, 2020)
    path = exports.export_table(demo_ws, 2020, tmp_path / "bieu.xlsx").path
    sheet = load_workbook(path).active
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:N1", "A3:A5", "B3:B5", "C3:E3", "F3:I3", "J3:M3", "N3:N5", "D4:E4", "C4:C5", "H4:H5"} <= merged
    assert [sheet.cell(6, c).value for c in (1, 5, 7, 11, 14)] == ["(1)", "(5)=(4:3)", "(7)=(6:3)", "(11)=(10:3)", "(14)"]
    assert sheet["A3"].value == "Stt" and sheet["C3"].value == "Số lượng khen thưởng trong năm"
    rows, group = {}, ""
    for row in range(7, sheet.max_row + 1):
        if isinstance(sheet.cell(row, 1).value, int):
            rows[f"{group}.{sheet.cell(row, 1).value}"] = row
        else:
            group = sheet.cell(row, 1).value
    for item in table.rows():
        row = rows[item.key]
        for offset, column in enumerate(ALL_COLUMNS, start=3):
            cell, value = sheet.cell(row, offset), item.value(column)
            if column in PERCENT_COLUMNS and value is not None:
                assert cell.value == pytest.approx(float(value) / 100) and cell.data_type == "n"
                assert cell.number_format == ("0%" if value == int(value) else "0.0%")
            elif column != "c14":
                assert cell.value == (value or None)
    assert sheet.cell(rows["II.5"], 5).value == pytest.approx(0.625) and sheet.cell(rows["I.2"], 3).value == 1984
    assert sheet["B8"].font.name == "Times New Roman" and sheet["C3"].font.name == "Times New Roman"
    assert sheet["C3"].border.left.style == "thin" and sheet.cell(rows["I.2"], 9).border.bottom.style == "thin"
    assert sheet.print_title_rows == "$3:$6" and sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9
    heights = [sheet.row_dimensions[r].height for r in range(3, sheet.max_row + 1)]
    assert all(h for h in heights), "every row has a height (LibreOffice does not grow rows)"
    assert sum(heights[:3]) > 100, "the wrapped header cells get room"


def test_text_stays_text_and_reopens_unchanged(tmp_path: Path) -> None:
    wb, writer = list_workbook("Thử", ["DANH SÁCH"], [ListColumn("Nội dung", 30)], [[t] for t in TRICKY])
    writer.raise_if_problems("thử")
    path = save_atomically(wb, tmp_path / "thu.xlsx")
    sheet = load_workbook(path).active
    cells = [sheet.cell(4 + i, 1) for i in range(len(TRICKY))]
    assert {c.data_type for c in cells} == {"s"}
    assert all(c.quotePrefix for c, text in zip(cells, TRICKY, strict=True)
               if text.startswith(("=", "+", "-", "@", "\t", "\r")))
    read_back = imports.read_source(path).sheets[0]
    assert [read_back.value(4 + i, 1) for i in range(len(TRICKY))] == TRICKY  # never formulas, never errors


@pytest.mark.parametrize(("value", "fragment"), [("a" * 40_000, "32.767"), ("Nguyễn\x07Văn", "ký tự điều khiển")])
def test_values_excel_would_change_are_refused(tmp_path: Path, value: str, fragment: str) -> None:
    target = tmp_path / "ds.xlsx"
    target.write_bytes(b"old file")
    _wb, writer = list_workbook("Thử", ["DANH SÁCH"], [ListColumn("Nội dung", 30)], [["ổn"], [value]])
    with pytest.raises(ExportError) as caught:
        writer.raise_if_problems("danh sách")
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (5, "A") and fragment in problem.reason
    assert target.read_bytes() == b"old file", "nothing was written"


def test_formula_like_names_survive_export_and_reimport(ws: Workspace, tmp_path: Path) -> None:
    unit_id = add_unit(ws, "Phòng Nội vụ", "phong_chuyen_mon").id
    people = [add_person(ws, name, birth_year=1980, unit_id=unit_id).id
              for name in ("=HYPERLINK(\"x\")", "+Nguyễn Văn An", "-Trần Bình", "@Lê Cường")]
    decision_id = create_decision(ws, number="12", symbol="QĐ-UBND", signed_on="10/12/2020",
                                  issuer_level="tinh", issuer_name="Chủ tịch UBND tỉnh Nam Định",
                                  title="Về việc tặng Bằng khen", kind="cong_trang", form_code="BK_TINH").id
    add_recipients(ws, decision_id, [{"subject": "ca_nhan", "person_id": p} for p in people])
    path = exports.export_decision(ws, tmp_path / "qd.xlsx", decision_id=decision_id).path
    sheet = load_workbook(path).active
    assert sorted(sheet.cell(r, 2).value for r in range(7, 11)) == sorted(
        ["=HYPERLINK(\"x\")", "+Nguyễn Văn An", "-Trần Bình", "@Lê Cường"])
    ws.store.conn.execute("PRAGMA foreign_keys = OFF")  # start the office file over, keeping the catalog
    with ws.store.transaction():
        for table in ("decision_recipient", "decision", "person"):
            ws.store.conn.execute(f"DELETE FROM {table}")
    ws.store.conn.execute("PRAGMA foreign_keys = ON")
    imports.import_decisions(ws, path)
    names = sorted(r["full_name"] for r in ws.store.query("SELECT full_name FROM person"))
    assert names == sorted(["=HYPERLINK(\"x\")", "+Nguyễn Văn An", "-Trần Bình", "@Lê Cường"])


def test_lists_of_a_year_and_of_a_person(demo_ws: Workspace, tmp_path: Path) -> None:
    listed = exports.export_nominations(demo_ws, 2020, tmp_path / "de_nghi_2020.xlsx")
    total = demo_ws.store.scalar("SELECT count(*) FROM nomination WHERE year = 2020 AND deleted_at IS NULL")
    assert listed.rows == total
    wb = load_workbook(listed.path, read_only=True)
    assert sum(wb[s].max_row - 5 for s in ("Cá nhân", "Tập thể", "Hộ gia đình") if wb[s].max_row > 5) == total
    wb.close()
    person = demo_ws.store.scalar("SELECT person_id FROM decision_recipient WHERE person_id IS NOT NULL "
                                  "GROUP BY person_id ORDER BY count(*) DESC LIMIT 1")
    history = exports.export_person_history(demo_ws, person, tmp_path / "qua_trinh.xlsx")
    sheet = load_workbook(history.path).active
    assert sheet["A1"].value.startswith("QUÁ TRÌNH KHEN THƯỞNG CỦA ") and history.rows >= 2
    assert sheet.cell(5, 4).number_format == "dd/mm/yyyy"
