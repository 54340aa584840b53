"""The council dialog: attendance changes the live pass/fail, counts are saved, results carried over,
printing goes through the injected exporter."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from emulation_desk.services.council import meetings as council
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.council_dialog import NEED_COL, RESULT_COL, CouncilDialog
from tests.council.conftest import reopen


def test_dialog_live_results_save_apply_and_print(qtbot: QtBot, demo_ws: Workspace, tmp_path: Path) -> None:
    create_application()
    reopen(demo_ws, ("CSTD_TINH", "CSTDCS", "TTLDTT"))
    meeting_id = council.create_meeting(demo_ws, 2020, "2020-12-10", place="Phòng họp số 1").id
    printed: list[tuple[str, str, int]] = []
    questions: list[str] = []
    dialog = CouncilDialog(demo_ws, meeting_id, exporter=lambda *args: printed.append(args),
                           confirm=lambda text: questions.append(text) or len(questions) > 1)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 9
    rows = {dialog.results[i].case["form_code"]: i for i in range(9)}
    cstd, cstdcs = rows["CSTD_TINH"], rows["CSTDCS"]
    assert any(dialog.table.item(i, 3).text() == "Trần Quốc Dũng" for i in range(9))  # conflict shown
    assert dialog.table.item(cstd, NEED_COL).text() == "9/9"  # 90% of all members
    dialog.yes_boxes[cstd].setValue(9)
    assert dialog.table.item(cstd, RESULT_COL).text().startswith("Đạt")
    dialog.yes_boxes[cstdcs].setValue(5)
    assert dialog.table.item(cstdcs, NEED_COL).text() == "5/9" and "Đạt" in dialog.table.item(cstdcs, RESULT_COL).text()
    absent = council.members_by_names(demo_ws, meeting_id, ["Vũ Thị Hương Giang", "Lê Thu Lệ"])
    for member_id in absent:
        dialog.present_boxes[member_id].setChecked(False)
    # two absent: the "present" base shrinks (> 50% of 7 = 4), the "all members" one does not
    assert dialog.table.item(cstdcs, NEED_COL).text() == "4/7"
    dialog.yes_boxes[cstd].setValue(7)
    assert dialog.table.item(cstd, RESULT_COL).text().startswith("Không đạt")
    dialog.grab().save(str(tmp_path / "council_dialog.png"))
    assert dialog.save()
    assert council.attendance(demo_ws, meeting_id)[absent[0]] == "absent"
    assert demo_ws.store.scalar("SELECT count(*) FROM council_tally") == 2
    dialog.minutes_button.click()
    dialog.pack_button.click()
    assert printed == [("minutes", meeting_id, 2020), ("pack", meeting_id, 2020)]
    for i in range(9):
        if dialog.yes_boxes[i].value() < 0:
            dialog.yes_boxes[i].setValue(7 - len(dialog.results[i].abstentions))
    dialog.apply()  # first answer: no
    assert dialog.save_button.isEnabled() and not council.get_meeting(demo_ws, meeting_id)["results_applied_at"]
    dialog.apply()
    assert not dialog.save_button.isEnabled()
    assert council.get_meeting(demo_ws, meeting_id)["results_applied_at"]


def test_carrying_the_results_asks_with_buttons_that_say_what_they_do(qtbot: QtBot, demo_ws: Workspace) -> None:
    """The question before the results are carried over says "Chuyển kết quả" / "Hủy", not Qt's Yes/No."""
    from tests.ui.driving import when_modal

    create_application()
    reopen(demo_ws, ("CSTDCS",))
    meeting_id = council.create_meeting(demo_ws, 2020, "2020-12-10").id
    dialog = CouncilDialog(demo_ws, meeting_id)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[list[str]] = []

    def refuse(box) -> None:  # type: ignore[no-untyped-def]
        seen.append([b.text() for b in box.buttons()])
        next(b for b in box.buttons() if b.text() == "Hủy").click()

    when_modal(refuse)
    dialog.apply()
    assert seen == [["Chuyển kết quả", "Hủy"]]
    assert not council.get_meeting(demo_ws, meeting_id)["results_applied_at"]
