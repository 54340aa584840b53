"""Hồ sơ dialogs: a person's yearly facts and a collective's figures typed into tables, saved in one audited
transaction, undone from the main window; the award history opens its decision; a verdict that lacks data
opens the record it names."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from emulation_desk.services.awards.eligibility import year_eligibility
from emulation_desk.services.awards.nominations import add_nomination
from emulation_desk.services.records import person_facts as pf
from emulation_desk.services.records import unit_facts as uf
from emulation_desk.services.records.people import add_person
from emulation_desk.services.records.units import add_unit
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.main_window import MainWindow
from emulation_desk.ui.records_person import PersonRecordDialog
from emulation_desk.ui.records_unit import UnitRecordDialog
from emulation_desk.ui.tabs.base import selected_rows
from emulation_desk.ui.tabs.nominations import NominationsTab, eligibility_verdicts
from tests.ui.driving import when_modal

SCREEN = (1366, 768)


def _person(ws: Workspace) -> str:
    unit = add_unit(ws, "Phòng Nội vụ", "phong_chuyen_mon", head_count=8).id
    return add_person(ws, "Đỗ Thị Giang", birth_year=1988, unit_id=unit, position="Chuyên viên").id


def test_person_record_typed_into_tables_and_saved(qtbot: QtBot, ws: Workspace) -> None:
    create_application()
    person = _person(ws)
    dialog = PersonRecordDialog(ws, person, year=2024, needs=["xếp loại năm 2024"])
    qtbot.addWidget(dialog)
    assert dialog.width() <= SCREEN[0] and dialog.height() <= SCREEN[1] - 60
    assert "xếp loại năm 2024" in dialog.banner.text() and dialog.ratings.rowCount() == 1  # the year is ready
    dialog.ratings.set_value(0, 1, "htxsnv")
    dialog.ratings.set_value(0, 2, True)
    dialog.add_initiative()
    dialog.initiatives.set_value(0, 1, "Số hóa hồ sơ một cửa")
    dialog.initiatives.set_value(0, 2, "tinh")
    dialog.initiatives.set_value(0, 3, "QĐ số 15/QĐ-UBND ngày 10/11/2024")
    dialog.add_discipline()
    dialog.disciplines.set_value(0, 0, "Cảnh cáo")
    dialog.disciplines.set_value(0, 1, "01/03/2022")
    dialog.disciplines.set_value(0, 2, "28/02/2023")
    dialog.recruited.setText("01/03/2015")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    facts = pf.person_facts(ws, person)
    assert facts.year(2024) == pf.PersonYear(2024, "htxsnv", True) and facts.recruited_on == date(2015, 3, 1)
    assert [(i.title, i.scope) for i in facts.initiatives] == [("Số hóa hồ sơ một cửa", "tinh")]
    assert facts.disciplines[0].form == "Cảnh cáo" and facts.disciplines[0].end == date(2023, 2, 28)
    dialog.undo()
    assert pf.person_facts(ws, person) == dialog.before


def test_a_wrong_cell_names_its_row_and_nothing_is_saved(qtbot: QtBot, ws: Workspace) -> None:
    create_application()
    person = _person(ws)
    dialog = PersonRecordDialog(ws, person, year=2024)
    qtbot.addWidget(dialog)
    dialog.add_year()
    dialog.ratings.set_value(0, 1, "httnv")
    dialog.add_initiative()  # left without a title
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Chưa lưu: Sáng kiến, dòng 1: Tên sáng kiến không được để trống."
    assert dialog.isVisible() is False or dialog.result() != dialog.DialogCode.Accepted
    assert pf.person_facts(ws, person).years == ()


def test_award_history_opens_its_decision(qtbot: QtBot, demo_ws: Workspace) -> None:
    create_application()
    row = demo_ws.store.query("SELECT r.person_id FROM decision_recipient r JOIN decision d ON "
                              "d.id = r.decision_id WHERE r.person_id IS NOT NULL LIMIT 1")[0]
    dialog = PersonRecordDialog(demo_ws, row["person_id"], year=2020)
    qtbot.addWidget(dialog)
    assert dialog.history.model.rowCount() >= 1
    dialog.history.select_row(0)
    chosen = selected_rows(dialog.history.view, dialog.history.model, dialog.history.proxy)[0]
    view = dialog.history.open_decision()
    assert view is not None and f"Quyết định số {chosen['number']}/" in view.header.text()
    assert view.model.rowCount() >= 1
    view.close()


def test_unit_record_figures(qtbot: QtBot, ws: Workspace) -> None:
    create_application()
    unit = add_unit(ws, "Trường Tiểu học An Bình", "truong_hoc", head_count=30).id
    dialog = UnitRecordDialog(ws, unit, year=2024, needs=["số liệu năm 2024 của tập thể"])
    qtbot.addWidget(dialog)
    assert dialog.figures.rowCount() == 1 and dialog.figures.value(0, 1) == "30"
    for column, value in ((2, "30"), (3, "31"), (4, "5"), (5, "0")):
        dialog.figures.set_value(0, column, value)
    dialog.figures.set_value(0, 6, "htxsnv")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "lớn hơn tổng số thành viên" in dialog.error.text() and uf.unit_facts(ws, unit) == ()
    dialog.figures.set_value(0, 3, "26")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert uf.unit_facts(ws, unit) == (uf.UnitYear(2024, 30, 30, 26, 5, 0, "htxsnv"),)


def test_missing_data_verdict_opens_the_record_and_undo(qtbot: QtBot, ws: Workspace) -> None:
    create_application()
    person = _person(ws)
    add_nomination(ws, year=2024, form_code="LDTT", kind="cong_trang", subject="ca_nhan", person_id=person,
                   status="submitted")
    window = MainWindow(ws, verdict_provider=eligibility_verdicts)
    qtbot.addWidget(window)
    window.show()
    tab: NominationsTab = window.nominations_tab
    window.year_box.setCurrentIndex(window.year_box.findData(2024)) if hasattr(window, "year_box") else None
    tab.load(2024)
    tab.view.selectRow(0)
    assert tab.selected_row()["_verdict_status"] == "thieu_du_lieu"
    assert tab.record_button.isVisibleTo(tab) and tab.record_button.text() == "Nhập ở Hồ sơ…"
    assert tab.record_button.toolTip() == "Cần nhập: xếp loại năm 2024 (Ctrl+H)"

    def fill(dialog: PersonRecordDialog) -> None:
        assert isinstance(dialog, PersonRecordDialog)
        dialog.ratings.set_value(0, 1, "httnv")
        dialog.save_button.click()

    when_modal(fill)
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert year_eligibility(ws, 2024).verdicts[0].status == "dat"
    tab.load(2024)
    tab.view.selectRow(0)
    assert tab.selected_row()["_verdict_status"] == "dat"
    assert window.undo_button.isVisibleTo(window)
    window.undo()
    assert pf.person_facts(ws, person).year(2024).rating is None


def test_units_tab_opens_both_records(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.units_tab
    window.tabs.setCurrentWidget(tab)
    window.activateWindow()
    tab.view.setFocus()
    tab.view.selectRow(0)
    unit = tab.selected_row()
    seen: list[str] = []

    def look(dialog: UnitRecordDialog) -> None:
        seen.append(dialog.windowTitle())
        dialog.reject()

    when_modal(look)
    qtbot.keyClick(tab.view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert seen == [f"Hồ sơ đơn vị — {unit['name']}"]
    tab.people_view.selectRow(0)
    person = tab.selected_person()

    def look_person(dialog: PersonRecordDialog) -> None:
        seen.append(dialog.windowTitle())
        dialog.reject()

    when_modal(look_person)
    assert tab.open_person_record() is False
    assert seen[-1] == f"Hồ sơ cá nhân — {person['full_name']}"


def test_the_record_shows_the_position_of_the_year(qtbot: QtBot, ws: Workspace) -> None:
    import pytest

    positions = pytest.importorskip("emulation_desk.services.records.positions")
    create_application()
    person = _person(ws)
    positions.set_position(ws, person, 2024, "Trưởng phòng", is_manager=True)
    dialog = PersonRecordDialog(ws, person, year=2024)
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(type(dialog.banner)))
    assert "Chức vụ (năm 2024): Trưởng phòng; lãnh đạo, quản lý" in text
    assert dialog.tabs.tabText(3) == "Chức vụ theo năm" and dialog.positions.table.rowCount() >= 1
    earlier = PersonRecordDialog(ws, person, year=2023)
    qtbot.addWidget(earlier)
    assert "Chức vụ (năm 2023): Chuyên viên" in " ".join(w.text() for w in earlier.findChildren(type(earlier.banner)))


def test_unit_directory_from_the_window(qtbot: QtBot, ws: Workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.cli.test_records_cli import _directory
    from tests.ui.driving import answer

    create_application()
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    from emulation_desk.ui.operations import wait_for

    when_modal(answer("Nhập"))
    assert window.open_unit_import(str(_directory(tmp_path / "danh-ba.xlsx"))) is not None
    wait_for(window)
    result = window.last_unit_import
    assert result.added == ["Phòng Nội vụ", "Trường Mầm non An Bình", "Thôn Đông"]
    assert window.units_tab.model.rowCount() == 3 and "Đã thêm 3 đơn vị" in window.message_label.text()
    seen: list[str] = []

    def refused(box) -> None:  # type: ignore[no-untyped-def]
        seen.append(box.text())
        answer("Đóng")(box)

    when_modal(refused)
    window.open_unit_import(str(_directory(tmp_path / "sai.xlsx", bad_kind=True)))
    wait_for(window)
    assert "Không nhận ra loại đơn vị" in seen[0]


def test_the_identity_line_follows_a_position_recorded_in_the_dialog(qtbot: QtBot, ws: Workspace) -> None:
    """"Chức vụ theo năm": once "Ghi chức vụ" saves a promotion of the dialog's year, the line at the top says it
    (it kept the old position until the dialog was opened again)."""
    create_application()
    person = _person(ws)
    dialog = PersonRecordDialog(ws, person, year=2024)
    qtbot.addWidget(dialog)
    assert "Chức vụ (năm 2024): Chuyên viên" in dialog.identity.text()
    panel = dialog.positions
    panel.year.setValue(2024)
    panel.position.setText("Trưởng phòng Nội vụ")
    assert panel.add()
    assert "Chức vụ (năm 2024): Trưởng phòng Nội vụ; lãnh đạo, quản lý" in dialog.identity.text()
