"""A first year from an empty database, in the window only (widgets, keys and dialog fields; no service
call between the steps).

``test_a_first_year_in_the_window``: the setup, three units, ten people, the year-end report started from the
standard structure and written, then the report and the table exported.

``test_a_real_year_from_an_empty_file`` (issue 13, "Done when"): the same start, then the facts typed in Hồ sơ
(ratings, an initiative, a Trưởng phòng from this year with the management flag, a collective's figures), a
bloc created and scored, nominations typed in the form and others imported from the program's own template
filled in with facts (as a unit would), the verdicts, a council meeting (attendance and votes), two decisions
made from the voted nominations, issued and exported, the report and the table; the PDFs and the table's
cells are read back. The database is only read, for the assertions.

With ``EMULATION_DESK_SHOTS=DIR`` on a real X display (Xvfb + a window manager, ``QT_QPA_PLATFORM=xcb``) the
second test saves a screenshot of each screen it goes through."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox, QPushButton, QWizard
from pytestqt.qtbot import QtBot

from emulation_desk.core.money import amount_in_words
from emulation_desk.core.text import format_int
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.main_window import MainWindow
from emulation_desk.ui.score_grid import FIXED
from emulation_desk.ui.setup_wizard import offer_setup
from emulation_desk.ui.tabs.nominations import eligibility_verdicts
from emulation_desk.ui.tabs.reports import default_exporters
from tests.ui.driving import answer, button, fill_and_save, in_turn, select_row, shot, when_modal
from tests.ui.test_setup_wizard import _fill

SCHOOL, OFFICE, HAMLET = "Trường Tiểu học An Bình", "Văn phòng HĐND và UBND xã", "Thôn Đông"
PEOPLE = [("Phạm Văn Hùng", "nam", "Chánh Văn phòng", OFFICE), ("Ngô Thị Lan", "nu", "Công chức Văn phòng - Thống kê", OFFICE),
          ("Đỗ Văn Minh", "nam", "Công chức Tư pháp - Hộ tịch", OFFICE),
          ("Vũ Thị Hoa", "nu", "Công chức Văn hóa - Xã hội", OFFICE),
          ("Bùi Thị Mai", "nu", "Hiệu trưởng", SCHOOL), ("Hoàng Văn Nam", "nam", "Phó Hiệu trưởng", SCHOOL),
          ("Trịnh Thị Hằng", "nu", "Giáo viên", SCHOOL), ("Lý Văn Phúc", "nam", "Giáo viên", SCHOOL),
          ("Đinh Văn Quang", "nam", "Trưởng thôn", HAMLET), ("Mai Thị Thu", "nu", "Chi hội trưởng Phụ nữ", HAMLET)]
UNITS = [(OFFICE, "phong_chuyen_mon", 12), (SCHOOL, "truong_hoc", 31), (HAMLET, "thon_to_dan_pho", 0)]
HEAD = "Trưởng phòng Văn hóa - Xã hội"  # Vũ Thị Hoa from this year on


def _pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _open_window(qtbot: QtBot, ws: Workspace, **options: Any) -> MainWindow:
    create_application()
    window = MainWindow(ws, exporters=default_exporters(), **options)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    return window


def _start_the_year(window: MainWindow) -> None:
    """The setup offered on the empty file, three units through the Units tab's form, ten people."""
    when_modal(lambda wizard: (_fill(wizard), wizard.button(QWizard.WizardButton.FinishButton).click()))
    assert offer_setup(window) is not None
    window.tabs.setCurrentIndex(0)
    units_tab = window.units_tab
    for name, kind, head_count in UNITS:
        errors: dict[str, str] = {}
        when_modal(fill_and_save({"name": name, "kind": kind, "head_count": head_count}, errors))
        window.new_action.trigger()  # Sửa → Thêm mới… (Ctrl+N) on the Units tab
        assert errors == {}
    assert units_tab.model.rowCount() == 3
    add_person = button(units_tab, "Thêm người…")
    for name, gender, position, unit in PEOPLE:
        select_row(units_tab.view, "name", unit)
        errors = {}
        when_modal(fill_and_save({"full_name": name, "gender": gender, "position": position}, errors))
        add_person.click()
        assert errors == {}, name
    counts = {}
    for name, _kind, _count in UNITS:
        select_row(units_tab.view, "name", name)
        counts[name] = {r["full_name"] for r in units_tab.people_model.rows()}
    assert counts == {unit: {p[0] for p in PEOPLE if p[3] == unit} for unit, _k, _c in UNITS}


def _export(docs: Any, click: Any, target: Path, reply: str = "Đóng") -> Path:
    """Export through a tab's document actions; the save dialog answers ``target``, the message after it
    ``reply``."""
    docs.choose_path = lambda *_args: str(target)
    when_modal(answer(reply), attempts=3000, only=QMessageBox)  # not the progress dialog, should it show
    click()
    docs.wait()
    assert target.exists(), target
    return target


def test_a_first_year_in_the_window(qtbot: QtBot, ws: Workspace, tmp_path: Path) -> None:
    window = _open_window(qtbot, ws)
    _start_the_year(window)
    # the report: started from the standard structure, one section written
    window.tabs.setCurrentIndex(4)
    reports_tab = window.reports_tab
    reports_tab.pages.setCurrentIndex(1)
    when_modal(answer("Tạo báo cáo"))
    reports_tab.standard_button.click()
    reports_tab.view.selectRow(1)
    reports_tab.section_body.setPlainText("Năm nay ba cơ quan, đơn vị của xã tham gia phong trào thi đua.")
    reports_tab.save_button.click()
    assert "Còn 16 mục chưa viết" in reports_tab.report_title.text()
    # the report and the table exported with the tab's buttons
    written = {key: _export(reports_tab.docs, reports_tab.export_buttons[key].click, tmp_path / name)
               for key, name in (("report_pdf", "bao-cao.pdf"), ("table_xlsx", "bieu.xlsx"))}
    text = _pdf_text(written["report_pdf"])
    year = window.year()
    for expected in ("ỦY BAN NHÂN DÂN XÃ AN BÌNH", f"KHEN THƯỞNG NĂM {year}", "ĐẶC ĐIỂM, TÌNH HÌNH",
                     "Năm nay ba cơ quan, đơn vị của xã tham gia phong trào thi đua.", "……………",
                     "Hội đồng Thi đua - Khen thưởng xã An Bình gồm 02 thành viên", "NGUYỄN VĂN AN".title()):
        assert expected in text, expected
    sheet = openpyxl.load_workbook(written["table_xlsx"]).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any(f"NĂM {year}" in c for c in cells)


# ---------------------------------------------------------------------------------------------- the whole year
def _person_record(window: MainWindow, name: str, act: Any) -> None:
    """Hồ sơ of a person: chosen in the Units tab (unit, then the person), "Hồ sơ…", ``act`` fills the dialog,
    "Lưu hồ sơ"."""
    tab = window.units_tab
    unit = next(p[3] for p in PEOPLE if p[0] == name)
    select_row(tab.view, "name", unit)
    select_row(tab.people_view, "full_name", name)
    saved: dict[str, Any] = {}

    def fill(dialog: Any) -> None:
        assert dialog.windowTitle() == f"Hồ sơ cá nhân — {name}"
        act(dialog)
        dialog.save_button.click()
        saved["error"] = dialog.error.text()
        if dialog.isVisible():
            dialog.reject()

    when_modal(fill)
    button(tab.lower_tabs.widget(0), "Hồ sơ…").click()
    assert saved == {"error": ""}, saved


def _rating(year: int, rating: str) -> Any:
    """Tab "Xếp loại theo năm": "Thêm năm" (this year) and the rating chosen in its cell."""

    def act(dialog: Any) -> None:
        dialog.tabs.setCurrentIndex(0)
        button(dialog, "Thêm năm").click()
        row = dialog.ratings.rowCount() - 1
        assert dialog.ratings.item(row, 0).text() == str(year)
        box = dialog.ratings.cellWidget(row, 1)
        box.setCurrentIndex(box.findData(rating))

    return act


def _initiative(title: str, decision: str) -> Any:
    def act(dialog: Any) -> None:
        dialog.tabs.setCurrentIndex(1)
        button(dialog, "Thêm sáng kiến").click()
        row = dialog.initiatives.rowCount() - 1
        dialog.initiatives.item(row, 1).setText(title)  # as typed into the cell
        dialog.initiatives.item(row, 3).setText(decision)

    return act


def _both(*acts: Any) -> Any:
    return lambda dialog: [act(dialog) for act in acts]


def _nominate(window: MainWindow, qtbot: QtBot, subject: str, typed: str, form: str,
              checks: dict[str, Any] | None = None) -> None:
    """The nomination form: the nominee typed (no diacritics) and picked in the suggestions with the keys;
    ``checks`` are what the form must have filled in by itself (position, manager flag, unit)."""
    seen: dict[str, Any] = {}

    def fill(dialog: Any) -> None:
        box = dialog.subject_box
        box.setCurrentIndex(box.findData(subject))
        picker = dialog.picker
        dialog.activateWindow()  # on a real display the window manager may activate it a moment later
        picker.edit.setFocus()
        qtbot.waitUntil(picker.edit.hasFocus, timeout=5000)  # the suggestions show only in the focused field
        qtbot.keyClicks(picker.edit, typed)
        qtbot.waitUntil(lambda: picker.completer.popup().isVisible(), timeout=3000)
        popup = picker.completer.popup()
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: picker.chosen_id is not None, timeout=3000)
        forms = dialog.form_box
        forms.setCurrentIndex(forms.findData(form))
        seen.update(position=dialog.position_edit.text(), manager=dialog.manager.isChecked(),
                    unit=dialog.fields["proposing_unit_id"].currentText(), note=dialog.manager_note.text())
        if checks and checks.get("shot"):
            shot(checks["shot"], dialog)
        dialog.ok_button.click()
        seen["error"] = dialog.error_text() or next((dialog.error_text(n) for n in dialog.errors
                                                     if dialog.error_text(n)), "")
        if dialog.isVisible():
            dialog.reject()

    when_modal(fill)
    window.new_action.trigger()
    assert seen["error"] == "", seen
    for key, value in (checks or {}).items():
        if key != "shot":
            assert seen[key] == value, (key, seen)


def _fill_template(path: Path, year: int) -> None:
    """What the school does with the template it was sent: its people with their rating and initiative, and
    itself as a collective with its figures."""
    book = openpyxl.load_workbook(path)
    people, collectives = book["Cá nhân"], book["Tập thể"]
    for sheet in (people, collectives):
        sheet["C2"] = SCHOOL
    header = [c.value for c in people[5]]
    col = {name: header.index(name) + 1 for name in header if name}
    rows = [("Bùi Thị Mai", "Nữ", "Hiệu trưởng", "Chiến sĩ thi đua cơ sở", "Hoàn thành xuất sắc nhiệm vụ",
             f"Dạy học theo nhóm ở lớp ghép (cấp cơ sở; QĐ số 21/QĐ-UBND ngày 20/11/{year})"),
            ("Hoàng Văn Nam", "Nam", "Phó Hiệu trưởng", "Lao động tiên tiến", "Hoàn thành nhiệm vụ", None),
            ("Trịnh Thị Hằng", "Nữ", "Giáo viên", "Lao động tiên tiến", "Hoàn thành tốt nhiệm vụ", None)]
    for index, (name, gender, position, form, rating, initiative) in enumerate(rows, start=6):
        values = {"STT": index - 5, "Họ và tên": name, "Giới tính": gender, "Chức vụ": position,
                  "Đơn vị công tác": SCHOOL, "Hình thức khen thưởng": form, "Loại khen thưởng":
                  "Theo công trạng và thành tích", "Mức độ hoàn thành nhiệm vụ": rating,
                  "Sáng kiến (tên, phạm vi; quyết định công nhận)": initiative}
        for key, value in values.items():
            people.cell(index, col[key], value)
    header = [c.value for c in collectives[5]]
    col = {name: header.index(name) + 1 for name in header if name}
    values = {"STT": 1, "Tên tập thể": SCHOOL, "Hình thức khen thưởng": "Tập thể lao động tiên tiến",
              "Loại khen thưởng": "Theo công trạng và thành tích", "Xếp loại tập thể": "Hoàn thành xuất sắc nhiệm vụ",
              "Tổng số thành viên": 31, "Số hoàn thành nhiệm vụ trở lên": 31, "Số đạt Lao động tiên tiến": 25,
              "Số đạt Chiến sĩ thi đua cơ sở": 3, "Số bị kỷ luật": 0}
    for key, value in values.items():
        collectives.cell(6, col[key], value)
    book.save(path)


def _table_row(sheet: Any, label: str) -> list[Any]:
    for row in sheet.iter_rows(values_only=True):
        if any(isinstance(v, str) and v.strip() == label for v in row):
            return list(row)
    raise AssertionError(f"no row {label!r} in the table")


def test_a_real_year_from_an_empty_file(qtbot: QtBot, ws: Workspace, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    window = _open_window(qtbot, ws, verdict_provider=eligibility_verdicts, background_loading=True)
    _start_the_year(window)
    year = window.year()
    shot("01-don-vi", window)

    # 1. Hồ sơ: ratings, an initiative, a Trưởng phòng from this year (the management flag), a unit's figures
    _person_record(window, "Phạm Văn Hùng", _both(_rating(year, "htxsnv"), _initiative(
        "Số hóa hồ sơ một cửa của xã", f"QĐ số 18/QĐ-UBND ngày 05/11/{year}"),
        lambda d: shot("02-ho-so-ca-nhan-sang-kien", d)))
    _person_record(window, "Ngô Thị Lan", _rating(year, "httnv"))
    _person_record(window, "Trịnh Thị Hằng", _rating(year, "httnv"))

    def promote(dialog: Any) -> None:
        _rating(year, "httnv")(dialog)
        dialog.tabs.setCurrentIndex(3)
        panel = dialog.positions
        panel.year.setValue(year)
        panel.position.setText(HEAD)
        panel.flag.setCurrentIndex(panel.flag.findData("1"))
        button(panel, "Ghi chức vụ").click()
        assert panel.error.text() == "" and panel.rowCount() == 2  # the position before, and this year's
        shot("03-ho-so-chuc-vu-theo-nam", dialog)

    _person_record(window, "Vũ Thị Hoa", promote)
    tab = window.units_tab
    select_row(tab.view, "name", OFFICE)

    def figures(dialog: Any) -> None:
        button(dialog, "Thêm năm").click()
        table = dialog.figures
        row = table.rowCount() - 1
        assert table.item(row, 0).text() == str(year) and table.item(row, 1).text() == "12"  # the head count
        for column, value in ((2, "12"), (3, "10"), (4, "1"), (5, "0")):
            table.item(row, column).setText(value)
        box = table.cellWidget(row, 6)
        box.setCurrentIndex(box.findData("htxsnv"))
        shot("04-ho-so-don-vi", dialog)
        dialog.save_button.click()
        assert dialog.error.text() == ""

    when_modal(figures)
    next(b for b in tab.findChildren(QPushButton) if b.text() == "Hồ sơ…" and b.parent() is tab).click()
    assert ws.store.scalar("SELECT count(*) FROM unit_year") == 1  # read only, for the assertion

    # 2. a bloc: created, its members, two criteria, scored in the grid, its head chosen
    window.tabs.setCurrentIndex(1)
    blocs_tab = window.blocs_tab
    when_modal(fill_and_save({"name": "Khối các cơ quan, đơn vị của xã"}))
    window.new_action.trigger()
    assert blocs_tab.selected_row() is not None

    def members(picker: Any) -> None:
        picker.view.selectAll()
        shot("05-khoi-them-don-vi", picker)
        button(picker, "Đưa vào khối").click()

    when_modal(members)
    button(blocs_tab, "Thêm/chuyển…").click()
    for name, most in (("Thực hiện nhiệm vụ chính trị", "60"), ("Phong trào thi đua, khen thưởng", "40")):
        when_modal(fill_and_save({"name": name, "max_points": most}))
        button(blocs_tab, "Thêm…").click()
    grid = blocs_tab.grid_view
    assert blocs_tab.grid_model.rowCount() == 3 and blocs_tab.grid_model.columnCount() == FIXED + 3
    scores = {OFFICE: ("57,5", "38"), SCHOOL: ("55", "36,5"), HAMLET: ("50", "35")}
    for row, unit_row in enumerate(blocs_tab.grid_model.rows):
        for column, text in enumerate(scores[unit_row["unit_name"]]):
            index = grid.model().index(row, FIXED + column)
            grid.setCurrentIndex(index)
            grid.edit(index)
            editor = next(e for e in grid.viewport().findChildren(QLineEdit) if e.isVisible())
            editor.selectAll()
            qtbot.keyClicks(editor, text)
            qtbot.keyClick(editor, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: grid.state() != grid.State.EditingState)
    assert f"đơn vị dẫn đầu: {OFFICE} (95,5 điểm)" in blocs_tab.grid_title.text()
    shot("06-khoi-cham-diem", window)
    leader = next(r["unit_id"] for r in blocs_tab.member_model.rows() if r["unit_name"] == OFFICE)
    when_modal(fill_and_save({"head_unit_id": leader}))
    button(blocs_tab, "Sửa khối…").click()
    assert blocs_tab.selected_row()["head_name"] == OFFICE

    # 3. nominations typed in the form: picking a person fills in the unit, the position of the year, the flag
    window.tabs.setCurrentIndex(2)
    _nominate(window, qtbot, "ca_nhan", "ngo thi lan", "LDTT", {"position": "Công chức Văn phòng - Thống kê",
                                                               "manager": False, "unit": OFFICE})
    _nominate(window, qtbot, "ca_nhan", "vu thi hoa", "LDTT", {"position": HEAD, "manager": True, "unit": OFFICE,
                                                              "shot": "07-de-nghi-truong-phong"})
    _nominate(window, qtbot, "ca_nhan", "pham van hung", "CSTDCS", {"position": "Chánh Văn phòng", "manager": True})
    _nominate(window, qtbot, "tap_the", "van phong", "TTLDTT", {"unit": OFFICE})

    # 4. the template sent to the units ("Văn bản khác"), filled in by the school, imported with its facts
    window.tabs.setCurrentIndex(4)
    reports_tab = window.reports_tab
    template = tmp_path / "mau-danh-sach.xlsx"
    export = next(a for a in reports_tab.other_button.menu().actions()
                  if a.text() == "Xuất mẫu danh sách đề nghị cho các đơn vị (Excel)…")
    _export(reports_tab.docs, export.trigger, template)
    _fill_template(template, year)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(template), ""))
    preview: dict[str, Any] = {}

    def look_and_import(dialog: Any) -> None:
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
        preview.update(ok=dialog.preview.ok, status=dialog.status.text(),
                       facts=[(r["name"], r["what"], r["value"]) for r in dialog.facts_panel.model.rows()],
                       matched=dialog.match_model.rowCount(), new=dialog.new_model.rowCount())
        dialog.tabs.setCurrentWidget(dialog.facts_panel)
        shot("08-nhap-danh-sach-ho-so", dialog)
        dialog.import_button.click()

    when_modal(look_and_import, attempts=3000)
    window.import_action.trigger()
    assert preview["ok"] and preview["new"] == 0 and preview["matched"] == 4, preview
    facts = {(name, value) for name, _what, value in preview["facts"]}
    assert ("Bùi Thị Mai", "Hoàn thành xuất sắc nhiệm vụ") in facts and ("Hoàng Văn Nam", "Hoàn thành nhiệm vụ") in facts
    assert any(name == "Bùi Thị Mai" and value.startswith("Dạy học theo nhóm ở lớp ghép") for name, value in facts)
    assert window.tabs.currentWidget() is window.nominations_tab
    assert window.message_label.text().endswith("ghi thông tin vào hồ sơ của 4 người/tập thể.")  # 3 people, 1 unit

    # 5. the verdicts: "Đạt" where the facts allow it, and a rating below the standard said so
    nominations_tab = window.nominations_tab
    nominations_tab.wait_loaded()
    verdicts = {(r["nominee_name"], r["form_code"]): r["_verdict_status"] for r in nominations_tab.model.rows()}
    assert verdicts == {("Ngô Thị Lan", "LDTT"): "dat", ("Vũ Thị Hoa", "LDTT"): "dat",
                        ("Phạm Văn Hùng", "CSTDCS"): "dat", (OFFICE, "TTLDTT"): "dat",
                        ("Bùi Thị Mai", "CSTDCS"): "dat", ("Trịnh Thị Hằng", "LDTT"): "dat",
                        ("Hoàng Văn Nam", "LDTT"): "chua_dat", (SCHOOL, "TTLDTT"): "dat"}, verdicts
    select_row(nominations_tab.view, "nominee_name", "Hoàng Văn Nam")
    assert "Hoàn thành nhiệm vụ" in nominations_tab.details.toPlainText()
    shot("09-de-nghi-dieu-kien", window)

    # 6. the council meeting: created, attendance, the votes, the results carried into the nominations
    council: dict[str, Any] = {}
    minutes = tmp_path / "bien-ban-hop.pdf"

    def meet(dialog: Any) -> None:
        council["cases"] = {dialog.results[i].case["nominee_name"]: i for i in range(dialog.table.rowCount())}
        council["members"] = [box.text() for box in dialog.present_boxes.values()]
        away = next(key for key, box in dialog.present_boxes.items() if box.text() == "Trần Văn Cường")
        dialog.present_boxes[away].click()  # away from the meeting, his opinion sent in writing
        dialog.written_boxes[away].click()
        for name, row in council["cases"].items():
            against = name == "Hoàng Văn Nam"
            dialog.yes_boxes[row].setValue(0 if against else 2)
            dialog.no_boxes[row].setValue(2 if against else 0)
        council["summary"] = dialog.summary.text()
        shot("10-hop-hoi-dong", dialog)
        dialog.save_button.click()
        when_modal(answer("Chuyển kết quả"), attempts=3000)
        dialog.apply_button.click()
        council["applied"] = not dialog.apply_button.isEnabled()
        window.choose_pdf_path = lambda *_args: str(minutes)  # the save dialog answers this file
        when_modal(answer("Đóng"), attempts=3000, only=QMessageBox)  # "Đã lưu tệp …", after the progress
        dialog.minutes_button.click()
        window.wait_tasks()
        button(dialog, "Đóng").click()

    in_turn(answer("Tạo cuộc họp"), fill_and_save({"place": "Hội trường UBND xã"}), meet)
    window.council_action.trigger()
    assert council["applied"] and len(council["cases"]) == 8, council
    assert council["members"] == ["Nguyễn Văn An", "Trần Văn Cường"]
    assert "Đạt: 7; không đạt: 1; chưa nhập: 0" in council["summary"], council["summary"]
    text = _pdf_text(minutes)
    assert "BIÊN BẢN" in text and "Trần Văn Cường" in text and "Hội trường UBND xã" in text, text[:3000]
    assert "Hoàng Văn Nam" in text and "Vũ Thị Hoa" in text
    nominations_tab.wait_loaded()
    statuses = {r["nominee_name"] + "|" + r["form_code"]: r["status"] for r in nominations_tab.model.rows()}
    assert statuses["Hoàng Văn Nam|LDTT"] == "rejected" and statuses["Vũ Thị Hoa|LDTT"] == "voted", statuses

    # 7. two decisions made from the voted nominations, issued, their PDFs exported from the window
    window.tabs.setCurrentIndex(3)
    decisions_tab = window.decisions_tab
    made: dict[str, dict[str, Any]] = {}
    for form, number, shot_name in (("LDTT", "15", "11-quyet-dinh-tu-de-nghi"), ("CSTDCS", "16", "")):
        def decide(dialog: Any, form: str = form, number: str = number, shot_name: str = shot_name) -> None:
            dialog.form_box.setCurrentIndex(dialog.form_box.findData(form))
            dialog.number.setText(number)
            signer = dialog.fields["signer_id"]  # the head, by default
            rows = dialog.model.rows
            made[form] = {"names": [r["nominee_name"] for r in rows], "total": dialog.total.text(),
                          "managers": {r["nominee_name"]: bool(r["is_manager"]) for r in rows},
                          "signer": signer.currentText()}
            if shot_name:
                shot(shot_name, dialog)
            dialog.ok_button.click()
            made[form]["error"] = dialog.error_text() or next((dialog.error_text(n) for n in dialog.errors
                                                               if dialog.error_text(n)), "")
            if dialog.isVisible():
                dialog.reject()

        when_modal(decide)
        window.new_action.trigger()
        assert made[form]["error"] == "", made[form]
    assert sorted(made["LDTT"]["names"]) == ["Ngô Thị Lan", "Trịnh Thị Hằng", "Vũ Thị Hoa"], made
    assert made["LDTT"]["managers"] == {"Ngô Thị Lan": False, "Trịnh Thị Hằng": False, "Vũ Thị Hoa": True}
    assert sorted(made["CSTDCS"]["names"]) == ["Bùi Thị Mai", "Phạm Văn Hùng"]
    assert made["LDTT"]["signer"] == "Nguyễn Văn An — Chủ tịch"
    assert decisions_tab.model.rowCount() == 2
    pdfs: dict[str, Path] = {}
    for number in ("15", "16"):
        select_row(decisions_tab.view, "number", number)
        when_modal(answer("Ban hành"))
        decisions_tab.issue_button.click()
        row = select_row(decisions_tab.view, "number", number)
        assert row["status"] == "issued", row
        pdfs[number] = _export(decisions_tab.docs, decisions_tab.pdf_button.click, tmp_path / f"qd-{number}.pdf")
    shot("12-quyet-dinh", window)

    # 8. the report (standard structure) and the table, exported with the Reports tab's buttons
    window.tabs.setCurrentIndex(4)
    reports_tab.pages.setCurrentIndex(1)
    when_modal(answer("Tạo báo cáo"))
    reports_tab.standard_button.click()
    report = _export(reports_tab.docs, reports_tab.export_buttons["report_pdf"].click, tmp_path / "bao-cao.pdf")
    table = _export(reports_tab.docs, reports_tab.export_buttons["table_xlsx"].click, tmp_path / "bieu.xlsx")

    # 9. read back: the decisions (numbers, names, each amount and the total in figures and in words), the
    # report's figures, the table's cells (the Trưởng phòng in column 8, the others in column 9)
    people = {"15": ["Ngô Thị Lan", "Trịnh Thị Hằng", "Vũ Thị Hoa", HEAD], "16": ["Bùi Thị Mai", "Phạm Văn Hùng"]}
    totals = {}
    for number, names in people.items():
        text = _pdf_text(pdfs[number])
        assert "CHỦ TỊCH Nguyễn Văn An" in text  # signed
        assert f"Số: {number}/QĐ-UBND" in text and f"Kèm theo Quyết định số {number}/QĐ-UBND" in text
        assert all(name in text for name in names), (number, text)
        assert "Hoàng Văn Nam" not in text and "Lý Văn Phúc" not in text
        found = re.search(r"mỗi cá nhân ([\d.]+) đồng; tổng số tiền thưởng là ([\d.]+) đồng \(Bằng chữ: ([^)]+)\)",
                          text)
        assert found is not None, text
        each, total, words = (int(found[1].replace(".", "")), int(found[2].replace(".", "")), found[3])
        count = len([n for n in names if n != HEAD])
        assert total == each * count and words == amount_in_words(total)  # the words say the figure
        assert f"Tổng cộng: {count:02d} cá nhân {found[2]} (Bằng chữ: {words}.)" in text  # the list agrees
        stored = ws.store.scalar("SELECT sum(r.amount) FROM decision_recipient r JOIN decision d ON d.id = "
                                 "r.decision_id WHERE d.number = ?", [number])  # read only
        assert stored == total
        totals[number] = total
    assert format_int(totals["15"]) in made["LDTT"]["total"] and format_int(totals["16"]) in made["CSTDCS"]["total"]
    text = _pdf_text(report)
    everything = sum(totals.values())
    assert ("tặng danh hiệu “Chiến sĩ thi đua cơ sở” cho 02 cá nhân; tặng danh hiệu “Lao động tiên tiến” cho 03 "
            "cá nhân") in text
    assert f"là {format_int(everything)} đồng (bằng chữ: {amount_in_words(everything).lower()})" in text
    assert "03 cơ quan, đơn vị được chia thành 01 khối thi đua" in text
    sheet = openpyxl.load_workbook(table).active
    numbering = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "(1)")
    column = {str(label).split("=")[0]: index for index, label in enumerate(numbering)}
    for label, total, leaders, others in (("Lao động tiên tiến", 3, 1, 2), ("Chiến sỹ thi đua cơ sở", 2, 2, None)):
        row = _table_row(sheet, label)
        cells = {key: row[column[key]] for key in ("(3)", "(4)", "(6)", "(8)", "(9)")}
        assert cells == {"(3)": total, "(4)": total, "(6)": total, "(8)": leaders, "(9)": others}, (label, cells)
