"""The person form: a changed position (or flag) asks the year it holds from and adds a dated position, so a
promotion does not rewrite last year's table; typing a position proposes the flag from the dictionary."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from emulation_desk.services.records import people
from emulation_desk.services.records.positions import position_at, position_history
from emulation_desk.services.records.units import add_unit
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.forms import PersonDialog
from tests.ui.test_law_year_dialogs import _type


def _person(ws: Workspace) -> str:
    unit = add_unit(ws, "Phòng Văn hóa - Xã hội", "phong_chuyen_mon").id
    return people.add_person(ws, "Nguyễn Văn An", birth_year=1980, unit_id=unit, position="Chuyên viên").id


def _dialog(qtbot: QtBot, ws: Workspace, person_id: str, year: int) -> PersonDialog:
    create_application()
    dialog = PersonDialog(ws, people.get_person(ws, person_id), None, year=year)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_promotion_adds_a_dated_position(qtbot: QtBot, ws: Workspace) -> None:
    person_id = _person(ws)
    dialog = _dialog(qtbot, ws, person_id, 2025)
    assert not dialog.since.isVisibleTo(dialog)  # nothing changed: no year asked
    _type(qtbot, dialog.position_edit, "Trưởng phòng")
    assert dialog.manager.isChecked() and "Trưởng phòng" in dialog.manager_note.text()
    assert dialog.since.isVisibleTo(dialog) and dialog.since.value() == 2025  # the working year by default
    assert "các năm trước vẫn là “Chuyên viên”" in dialog.since_note.text()
    dialog.ok_button.click()
    assert dialog.result() == PersonDialog.DialogCode.Accepted
    assert (position_at(ws, person_id, 2024).position, position_at(ws, person_id, 2024).is_manager) == (
        "Chuyên viên", False)
    held = position_at(ws, person_id, 2025)
    assert (held.position, held.is_manager, held.from_year, held.source) == ("Trưởng phòng", True, 2025, "dictionary")
    record = people.get_person(ws, person_id)
    assert (record["position"], record["is_manager"]) == ("Trưởng phòng", 1)  # today's position
    assert [(e["from_year"], e["position"]) for e in position_history(ws, person_id)] == [
        (None, "Chuyên viên"), (2025, "Trưởng phòng")]


def test_the_clerk_chooses_the_year_and_the_flag(qtbot: QtBot, ws: Workspace) -> None:
    person_id = _person(ws)
    dialog = _dialog(qtbot, ws, person_id, 2025)
    _type(qtbot, dialog.position_edit, "Trưởng ban quản lý chợ")
    assert dialog.manager.isChecked()  # the dictionary proposes "Trưởng ban"…
    dialog.manager.click()  # …the clerk says no
    dialog.since.setValue(2023)
    dialog.ok_button.click()
    assert dialog.result() == PersonDialog.DialogCode.Accepted
    held = position_at(ws, person_id, 2024)
    assert (held.position, held.is_manager, held.from_year, held.source) == ("Trưởng ban quản lý chợ", False, 2023,
                                                                             "clerk")
    assert position_at(ws, person_id, 2022).position == "Chuyên viên"


def test_other_corrections_rewrite_nothing_of_the_history(qtbot: QtBot, ws: Workspace) -> None:
    person_id = _person(ws)
    dialog = _dialog(qtbot, ws, person_id, 2025)
    dialog.fields["full_name"].setText("Nguyễn Văn Ân")
    dialog.ok_button.click()
    assert dialog.result() == PersonDialog.DialogCode.Accepted
    assert position_history(ws, person_id) == []
    assert people.get_person(ws, person_id)["full_name"] == "Nguyễn Văn Ân"


def test_a_misspelt_position_is_corrected_in_place(qtbot: QtBot, ws: Workspace) -> None:
    person_id = _person(ws)
    dialog = _dialog(qtbot, ws, person_id, 2025)
    _type(qtbot, dialog.position_edit, "Chuyên viên chính")
    assert dialog.correction.isVisibleTo(dialog)
    dialog.correction.click()
    assert not dialog.since.isEnabled() and "mọi năm" in dialog.since_note.text()
    dialog.ok_button.click()
    assert dialog.result() == PersonDialog.DialogCode.Accepted
    assert position_history(ws, person_id) == []
    assert position_at(ws, person_id, 2020).position == "Chuyên viên chính"


def test_a_person_with_positions_is_deleted_and_restored_whole(ws: Workspace) -> None:
    from emulation_desk.services.records.positions import set_position

    person_id = _person(ws)
    set_position(ws, person_id, 2024, "Phó Trưởng phòng")
    removed = people.delete_person(ws, person_id)
    assert ws.store.scalar("SELECT count(*) FROM person_position WHERE person_id = ?", [person_id]) == 0
    people.restore_person(ws, removed)
    assert [(e["from_year"], e["position"]) for e in position_history(ws, person_id)] == [
        (None, "Chuyên viên"), (2024, "Phó Trưởng phòng")]
