"""The council dialog makes the drafts of the passed cases; a nominee marked "Chưa đủ điều kiện" goes in only
when the clerk answers yes to the question naming them."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.council_dialog import CouncilDialog
from tests.council.test_council_drafts import _cases, _passed_meeting


def test_dialog_drafts_ask_before_passing_on_the_ineligible(qtbot: QtBot, demo_ws: Workspace) -> None:
    create_application()
    _form, (bad, good) = _cases(demo_ws)
    meeting_id = _passed_meeting(demo_ws, [bad, good])
    questions: list[str] = []
    dialog = CouncilDialog(demo_ws, meeting_id, confirm=lambda text: questions.append(text) or False)
    qtbot.addWidget(dialog)
    assert dialog.draft_button.isEnabled()
    made = dialog.make_drafts()
    assert len(made) == 1 and len(questions) == 1 and "Chưa đủ điều kiện" in questions[0]
    assert demo_ws.store.get("nomination", bad)["status"] == "voted"  # left waiting
    rows = demo_ws.store.query("SELECT nomination_id FROM decision_recipient WHERE decision_id = ?", made)
    assert [r["nomination_id"] for r in rows] == [good]
