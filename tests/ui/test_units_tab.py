"""Units tab: add (with validation in the form), edit, end with undo, people with delete and undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from emulation_desk.services.records import people, units
from emulation_desk.ui.main_window import MainWindow
from tests.ui.driving import answer, fill_and_save, when_modal


def test_add_unit_refuses_until_the_form_is_right_then_saves(window: MainWindow) -> None:
    tab = window.units_tab
    before = tab.model.rowCount()
    errors: dict[str, str] = {}
    when_modal(fill_and_save({"name": "Phòng Văn hóa số", "kind": "phong_chuyen_mon", "head_count": "-2"}, errors))
    tab.new_record()
    assert "không được là số âm" in errors["head_count"]
    assert not units.search_units(window.ws, "van hoa so")
    when_modal(fill_and_save({"name": "Phòng Văn hóa số", "kind": "phong_chuyen_mon", "head_count": "7"}))
    tab.new_record()
    found = units.search_units(window.ws, "van hoa so")
    assert [u["head_count"] for u in found] == [7]
    assert tab.model.rowCount() == before + 1
    assert tab.selected_row()["name"] == "Phòng Văn hóa số"


def test_edit_filter_sort_and_end_with_undo(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.units_tab
    tab.filter_edit.setText("phong tu phap")
    assert tab.proxy.rowCount() == 1
    tab.view.selectRow(0)
    unit = tab.selected_row()
    when_modal(fill_and_save({"head_count": "25"}))
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)  # Enter opens the selected record
    assert units.get_unit(window.ws, unit["id"])["head_count"] == 25
    tab.filter_edit.clear()
    tab.view.sortByColumn(0, tab.view.horizontalHeader().sortIndicatorOrder().AscendingOrder)
    names = [tab.proxy.index(i, 0).data() for i in range(5)]
    assert names[0].startswith("Ban")  # Vietnamese order: "Ban …" before "Bệnh viện", "Chi cục"…
    tab.select_id(unit["id"])
    when_modal(fill_and_save({"valid_to": "31/12/2020"}))
    tab.end_selected()
    assert units.get_unit(window.ws, unit["id"])["valid_to"] == "2020-12-31"
    assert window.undo_button.isVisibleTo(window)
    window.undo()
    assert units.get_unit(window.ws, unit["id"])["valid_to"] is None


def test_delete_on_a_unit_with_records_offers_to_end_it(window: MainWindow) -> None:
    tab = window.units_tab
    tab.view.selectRow(0)
    when_modal(answer("Hủy"))
    tab.delete_selected()
    assert units.get_unit(window.ws, tab.selected_row()["id"])["valid_to"] is None


def test_people_add_edit_delete_and_undo(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.units_tab
    tab.filter_edit.setText("phong noi vu")
    tab.view.selectRow(0)
    unit = tab.selected_row()
    count = tab.people_model.rowCount()
    when_modal(fill_and_save({"full_name": "Vũ Thị Ngọc Ánh", "gender": "nu", "birth_year": "1990",
                              "position": "Chuyên viên", "is_manager": False}))
    tab.add_person()
    assert tab.people_model.rowCount() == count + 1
    added = next(p for p in people.list_people(window.ws, unit["id"]) if p["full_name"] == "Vũ Thị Ngọc Ánh")
    tab.people_proxy.set_query("ngoc anh")
    tab.people_view.selectRow(0)
    when_modal(fill_and_save({"position": "Phó Trưởng phòng", "is_manager": True}))
    tab.edit_person()
    assert people.get_person(window.ws, added["id"])["is_manager"] == 1
    tab.people_proxy.set_query("ngoc anh")
    tab.people_view.selectRow(0)
    when_modal(answer("Xóa"))
    qtbot.keyClick(tab.people_view, Qt.Key.Key_Delete)
    assert not [p for p in people.list_people(window.ws, unit["id"]) if p["id"] == added["id"]]
    window.undo()
    assert people.get_person(window.ws, added["id"])["position"] == "Phó Trưởng phòng"


def test_merge_two_units_keeps_both_histories(window: MainWindow) -> None:
    tab = window.units_tab
    tab.filter_edit.setText("ubnd xa")
    assert tab.proxy.rowCount() >= 2
    tab.view.selectRow(0)
    tab.view.selectionModel().select(tab.proxy.index(1, 0), tab.view.selectionModel().SelectionFlag.Select
                                     | tab.view.selectionModel().SelectionFlag.Rows)
    sources = tab.selected_rows()
    assert len(sources) == 2
    history = {s["id"]: len(units.unit_history(window.ws, s["id"])) for s in sources}
    when_modal(fill_and_save({"name": "UBND xã Hợp Nhất", "kind": "xa", "on": "01/07/2025"}))
    tab.merge_selected()
    merged = units.search_units(window.ws, "hop nhat")[0]
    for source in sources:
        row = units.get_unit(window.ws, source["id"])
        assert row["valid_to"] == "2025-06-30" and row["merged_into_id"] == merged["id"]
        assert len(units.unit_history(window.ws, source["id"])) == history[source["id"]]


def test_the_person_form_proposes_the_management_flag_from_the_position(qtbot: QtBot, window: MainWindow) -> None:
    """A Hiệu trưởng typed in "Thêm người" is a manager unless the clerk says otherwise (the box left unticked
    used to save "not a manager", and the table counted the person in column 9)."""
    from emulation_desk.ui.forms import PersonDialog

    dialog = PersonDialog(window.ws, None, None, window)
    qtbot.addWidget(dialog)
    position = dialog.fields["position"]
    position.setText("Hiệu trưởng")  # as typed (QTest cannot type Vietnamese letters)
    assert dialog.manager.isChecked() and "Hiệu trưởng" in dialog.manager_note.text()
    position.setText("Giáo viên")  # not in the dictionary: the dictionary's tick goes, the note asks to choose
    assert not dialog.manager.isChecked() and "hãy tự chọn" in dialog.manager_note.text()
    dialog.manager.click()  # the clerk's choice stays
    position.setText("Giáo viên")
    assert dialog.manager.isChecked() and "tự chọn" in dialog.manager_note.text()
