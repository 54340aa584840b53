"""Blocs tab: score a bloc through the grid (0…max checked), copy last year's blocs, members and criteria."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from emulation_desk.services.awards import blocs
from emulation_desk.services.records import units
from emulation_desk.ui.main_window import MainWindow
from emulation_desk.ui.score_grid import FIXED
from tests.ui.driving import answer, fill_and_save, when_modal


def _type_in_cell(qtbot: QtBot, view, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = next(e for e in view.viewport().findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)  # the delegate commits on the next loop


def test_score_a_bloc_through_the_grid(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentIndex(1)
    tab = window.blocs_tab
    tab.view.selectRow(0)
    grid = tab.grid_model
    criterion = grid.criteria()[0]
    unit_id = grid.rows[1]["unit_id"]
    _type_in_cell(qtbot, tab.grid_view, 1, FIXED, "39,5")
    result = blocs.bloc_results(window.ws, tab.selected_row()["id"])
    row = next(r for r in result["rows"] if r["unit_id"] == unit_id)
    assert row["points"][0] == 39.5
    assert grid.index(1, grid.columnCount() - 1).data() == f"{row['total']:.1f}".replace(".", ",")
    messages: list[str] = []
    grid.error.disconnect()
    grid.error.connect(messages.append)
    _type_in_cell(qtbot, tab.grid_view, 1, FIXED, "55")  # above the maximum of 40
    assert messages and "từ 0 đến 40" in messages[0]
    assert next(r for r in blocs.bloc_results(window.ws, tab.selected_row()["id"])["rows"]
                if r["unit_id"] == unit_id)["points"][0] == 39.5
    assert criterion["max_points"] == 40


def test_copy_last_year_then_add_criterion_and_members(window: MainWindow) -> None:
    window.year_box.setCurrentIndex(window.year_box.findData(2021))
    window.tabs.setCurrentIndex(1)
    tab = window.blocs_tab
    assert tab.model.rowCount() == 0
    when_modal(answer("Sao chép"))
    when_modal(answer("Đóng"), attempts=200)
    tab.copy_last_year()
    assert tab.model.rowCount() == 11
    tab.view.selectRow(0)
    assert tab.grid_model.rowCount() == 12 and len(tab.grid_model.criteria()) == 5
    when_modal(fill_and_save({"name": "Công tác chuyển đổi số", "max_points": "5"}))
    tab.add_criterion()
    assert len(tab.grid_model.criteria()) == 6
    tab.criterion_view.selectRow(5)
    when_modal(answer("Xóa"))
    tab.delete_criterion()
    assert len(tab.grid_model.criteria()) == 5
    window.undo()
    assert len(tab.grid_model.criteria()) == 6


def test_move_a_unit_to_another_bloc(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(1)
    tab = window.blocs_tab
    tab.view.selectRow(1)
    target = tab.selected_row()
    unit = units.search_units(window.ws, "phong tu phap")[0]

    def pick(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.filter.setText("phong tu phap")
        dialog.view.selectRow(0)
        dialog._accept()

    when_modal(pick)
    tab.add_members()
    members = {m["unit_id"] for m in blocs.list_members(window.ws, target["id"])}
    assert unit["id"] in members


def test_edit_head_and_deputy_of_a_bloc(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(1)
    tab = window.blocs_tab
    tab.view.selectRow(0)
    bloc = tab.selected_row()
    members = blocs.list_members(window.ws, bloc["id"])
    errors: dict[str, str] = {}
    when_modal(fill_and_save({"head_unit_id": members[2]["unit_id"], "deputy_unit_id": members[2]["unit_id"]},
                             errors))
    tab.open_record()
    assert "hai đơn vị khác nhau" in errors["deputy_unit_id"]
    when_modal(fill_and_save({"head_unit_id": members[2]["unit_id"], "deputy_unit_id": members[3]["unit_id"]}))
    tab.open_record()
    stored = blocs.get_bloc(window.ws, bloc["id"])
    assert (stored["head_unit_id"], stored["deputy_unit_id"]) == (members[2]["unit_id"], members[3]["unit_id"])
    assert tab.selected_row()["head_name"] == members[2]["unit_name"]
