"""The window's achievement year and the management flag from the position (issues 13 §4 and 14 §1): the
decision forms prefill the achievement from the title and keep it in step until the clerk types; picking a
person in the nomination form fills unit, position and the flag the dictionary proposes for the award year."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from emulation_desk.services.awards.decisions import create_decision, get_decision
from emulation_desk.services.records.people import add_person
from emulation_desk.services.records.positions import set_position
from emulation_desk.services.records.units import add_unit
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.decision_dialogs import DecisionEditDialog, ReceivedDialog
from emulation_desk.ui.nomination_dialog import NominationDialog


def _type(qtbot: QtBot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Replace the text as typing does (QTest cannot send Vietnamese letters: those are inserted, with the
    signal a keyboard edit sends)."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)
        edit.textEdited.emit(edit.text())


def test_the_received_form_reads_the_year_from_the_title(qtbot: QtBot, ws: Workspace) -> None:
    create_application()
    person = add_person(ws, "Nguyễn Văn An").id
    dialog = ReceivedDialog(ws, 2024)
    qtbot.addWidget(dialog)
    dialog.show()
    achievement = dialog.fields["achievement_period"]
    _type(qtbot, dialog.fields["signed_on"], "15/01/2024")
    _type(qtbot, dialog.fields["title"], "Về việc tặng Bằng khen năm 2023")
    assert achievement.text() == "2023" and "năm 2023" in achievement.note.text()
    _type(qtbot, dialog.fields["title"], "Về việc tặng Bằng khen giai đoạn 2019-2023")
    assert achievement.text() == "2019-2023"
    _type(qtbot, achievement, "2022-2023")
    _type(qtbot, dialog.fields["title"], "Về việc tặng Bằng khen năm 2021")
    assert achievement.text() == "2022-2023"  # the clerk's own value stays
    dialog.fields["issuer_name"].setText("Chủ tịch UBND tỉnh Nam Định")
    dialog.fields["form_code"].setCurrentIndex(dialog.fields["form_code"].findData("BK_TINH"))
    dialog.picker.search()
    dialog.picker._hits = {"Nguyễn Văn An": {"id": person, "full_name": "Nguyễn Văn An"}}
    dialog.picker.choose("Nguyễn Văn An")
    dialog.add_recipient()
    _type(qtbot, achievement, "2025")
    dialog._try_accept()
    assert "sau năm ký quyết định" in dialog.error_text("achievement_period") and dialog.isVisible()
    _type(qtbot, achievement, "2022-2023")
    dialog._try_accept()
    saved = get_decision(ws, dialog.result_value.id)
    assert (saved["achievement_first"], saved["achievement_last"], saved["year"]) == (2022, 2023, 2024)


def test_the_edit_form_follows_a_new_title_when_the_year_was_the_default(qtbot: QtBot, ws: Workspace) -> None:
    create_application()
    decision_id = create_decision(ws, number="5", symbol="QĐ-UBND", signed_on=date(2024, 1, 10),
                                  issuer_level="don_vi", issuer_name="Chủ tịch UBND thành phố", kind="cong_trang",
                                  title="Về việc tặng danh hiệu Lao động tiên tiến năm 2022", form_code="LDTT").id
    dialog = DecisionEditDialog(ws, get_decision(ws, decision_id))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.fields["achievement_period"].text() == "2022"
    _type(qtbot, dialog.fields["title"], "Về việc tặng danh hiệu Lao động tiên tiến năm 2023")
    assert dialog.fields["achievement_period"].text() == "2023"
    dialog._try_accept()
    assert get_decision(ws, decision_id)["achievement_last"] == 2023


def _nomination_form(qtbot: QtBot, ws: Workspace, year: int, person: str) -> NominationDialog:
    dialog = NominationDialog(ws, year)
    qtbot.addWidget(dialog)
    dialog.show()
    row = {"id": person, "full_name": "x"}
    dialog.picker._hits = {"x": row}
    dialog.picker.choose("x")
    dialog.fields["form_code"].setCurrentIndex(max(dialog.fields["form_code"].findData("LDTT"), 0))
    return dialog


def test_picking_a_person_fills_unit_position_and_the_flag_of_the_award_year(qtbot: QtBot, ws: Workspace) -> None:
    create_application()
    unit = add_unit(ws, "Phòng Nội vụ", "phong_chuyen_mon").id
    person = add_person(ws, "Nguyễn Văn An", unit_id=unit, position="Chuyên viên").id
    set_position(ws, person, 2025, "Trưởng phòng Nội vụ")
    before = _nomination_form(qtbot, ws, 2024, person)
    assert before.fields["position"].text() == "Chuyên viên" and not before.fields["is_manager"].isChecked()
    assert before.fields["proposing_unit_id"].currentData() == unit
    after = _nomination_form(qtbot, ws, 2025, person)
    assert after.fields["position"].text() == "Trưởng phòng Nội vụ" and after.fields["is_manager"].isChecked()
    after._try_accept()
    saved = ws.store.get("nomination", after.result_value.id)
    assert (saved["position"], saved["is_manager"], saved["proposing_unit_id"]) == ("Trưởng phòng Nội vụ", 1, unit)


def test_an_unticked_box_is_not_saved_as_not_a_manager_in_silence(qtbot: QtBot, ws: Workspace) -> None:
    create_application()
    person = add_person(ws, "Trần Thị Bình").id  # no position recorded
    dialog = _nomination_form(qtbot, ws, 2025, person)
    manager = dialog.fields["is_manager"]
    _type(qtbot, dialog.fields["position"], "Phó Trưởng phòng Văn hóa")
    assert manager.isChecked() and "Phó Trưởng phòng" in dialog.manager_note.text()
    _type(qtbot, dialog.fields["position"], "Phụ trách kế toán")
    assert not manager.isChecked() and "hãy tự chọn" in dialog.manager_note.text()
    dialog._try_accept()
    assert ws.store.get("nomination", dialog.result_value.id)["is_manager"] is None  # not known: the table warns
    other = _nomination_form(qtbot, ws, 2025, add_person(ws, "Lê Văn Cường", position="Trưởng phòng Y tế").id)
    assert other.fields["is_manager"].isChecked()
    other.fields["is_manager"].click()  # the clerk overrides: acting head, not appointed
    assert "tự chọn" in other.manager_note.text()
    other._try_accept()
    assert ws.store.get("nomination", other.result_value.id)["is_manager"] == 0
