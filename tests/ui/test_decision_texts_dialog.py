"""The decision dialog's two texts (Điều 3, Nơi nhận): empty shows the office's default as a hint; a
correction of an issued decision saves them with its reason."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.decision_dialogs import DecisionEditDialog


def test_decision_dialog_edits_article_three_and_recipients(qtbot: QtBot, demo_ws: Workspace) -> None:
    create_application()
    decision = demo_ws.store.query("SELECT * FROM decision WHERE number = '4522'")[0]
    dialog = DecisionEditDialog(demo_ws, decision)
    qtbot.addWidget(dialog)
    recipients = dialog.fields["recipients_text"]
    assert recipients.toPlainText() == "" and "Như Điều 3;" in recipients.placeholderText()
    assert "chịu trách nhiệm thi hành" in dialog.fields["execution_text"].placeholderText()
    recipients.setPlainText("Như Điều 3;\nSở Tài chính;\nLưu: VT, NV.")
    dialog.fields["reason"].setPlainText("Bổ sung Sở Tài chính")
    dialog._try_accept()
    saved = demo_ws.store.get("decision", decision["id"])
    assert saved["recipients_text"] == "Như Điều 3;\nSở Tài chính;\nLưu: VT, NV." and saved["execution_text"] == ""
