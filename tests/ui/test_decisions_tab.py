"""Decisions tab: a decision from approved nominations (recipients editable, bonus and total), issue,
a logged correction, and a received decision with its recipients."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from emulation_desk.services.awards import decisions, nominations
from emulation_desk.services.records import people
from emulation_desk.ui.main_window import MainWindow
from tests.ui.driving import answer, fill_and_save, when_modal


def _approve_three(window: MainWindow) -> list[str]:
    ws = window.ws
    ids = []
    for person in people.search_people(ws, "tran minh", limit=3):
        nid = nominations.add_nomination(ws, year=2020, form_code="CSTDCS", kind="cong_trang",
                                         subject="ca_nhan", person_id=person["id"], status="checked",
                                         position=person["position"]).id
        ids.append(nid)
    nominations.set_status(ws, ids, "voted")
    return ids


def test_create_decision_from_approved_nominations_then_issue_and_correct(window: MainWindow) -> None:
    ids = _approve_three(window)
    window.tabs.setCurrentIndex(3)
    tab = window.decisions_tab
    before = tab.model.rowCount()
    seen: dict[str, str] = {}

    def edit_recipients(dialog) -> None:  # type: ignore[no-untyped-def]
        model = dialog.model
        assert model.rowCount() == 3
        model.setData(model.index(2, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
        model.setData(model.index(0, 2), "Hiệu trưởng", Qt.ItemDataRole.EditRole)
        model.setData(model.index(0, 3), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        seen["total"] = dialog.total.text()
        seen["bases"] = dialog.bases.toPlainText()
        dialog.fields["signer_id"].setCurrentIndex(1)

    when_modal(fill_and_save({"number": "4600", "signed_on": "15/12/2020"}, before=edit_recipients))
    tab.new_record()
    assert "2.980.000 đồng" in seen["total"]  # 2 × CSTĐCS (1,0 × 1.490.000), the third one left out
    assert "Quyết định số 05/2019/QĐ-UBND" in seen["bases"] and "{quy_che_tinh}" not in seen["bases"]
    assert tab.model.rowCount() == before + 1
    decision = tab.selected_row()
    assert decision["number"] == "4600" and decision["status"] == "draft"
    recipients = decisions.decision_recipients(window.ws, decision["id"])
    assert len(recipients) == 2
    assert recipients[0]["position"] == "Hiệu trưởng" and recipients[0]["is_manager"] == 1
    assert [r["amount"] for r in recipients] == [1_490_000, 1_490_000]
    statuses = [nominations.get_nomination(window.ws, i)["status"] for i in ids]
    assert statuses == ["decided", "decided", "voted"]
    when_modal(answer("Ban hành"))
    tab.issue()
    assert decisions.get_decision(window.ws, decision["id"])["status"] == "issued"
    errors: dict[str, str] = {}
    when_modal(fill_and_save({"title": "Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2020"}, errors))
    tab.correct()
    assert "Lý do đính chính" in errors["reason"]
    when_modal(fill_and_save({"title": "Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2020",
                              "reason": "Sai trích yếu"}))
    tab.correct()
    assert decisions.decision_log(window.ws, decision["id"])[-1]["action"] == "correct"


def test_record_a_received_decision_with_its_recipients(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(3)
    tab = window.decisions_tab
    before = tab.model.rowCount()

    def add_people(dialog) -> None:  # type: ignore[no-untyped-def]
        for query in ("tran minh anh", "hoang phuong uyen"):
            dialog.picker.edit.setText(query)
            dialog.picker.choose(dialog.picker.search()[0])
            dialog.add_recipient()
        assert dialog.model.rowCount() == 2

    when_modal(fill_and_save({"issuer_level": "tinh", "issuer_name": "Chủ tịch UBND tỉnh Nam Định", "number": "3300",
                              "signed_on": "20/12/2020", "title": "Về việc tặng Bằng khen",
                              "form_code": "BK_TINH"}, before=add_people))
    tab.record_received()
    assert tab.model.rowCount() == before + 1
    row = tab.selected_row()
    assert row["is_own"] == 0 and row["status"] == "issued" and row["recipient_count"] == 2
    names = {r["display_name"] for r in decisions.decision_recipients(window.ws, row["id"])}
    assert names == {"Trần Minh Anh", "Hoàng Phương Uyên"}


def test_received_decision_without_recipients_is_refused_in_the_form(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(3)
    errors: dict[str, str] = {}
    when_modal(fill_and_save({"issuer_name": "Thủ tướng Chính phủ", "number": "1", "title": "Tặng Bằng khen",
                              "issuer_level": "thu_tuong", "form_code": "BK_TTG"}, errors))
    window.decisions_tab.record_received()
    assert "ít nhất một" in errors.get("recipients", ""), errors


def test_a_new_decision_is_signed_by_the_head_unless_the_clerk_chooses(qtbot: QtBot, window: MainWindow) -> None:
    """"Người ký" starts on the head (it started on "— chọn người ký —", and a decision saved so had no signature)."""
    from emulation_desk.services.records.org import list_signatories
    from emulation_desk.ui.decision_dialogs import FromNominationsDialog

    dialog = FromNominationsDialog(window.ws, 2020, window)
    qtbot.addWidget(dialog)
    head = list_signatories(window.ws)[0]
    assert head["is_head"] and dialog.fields["signer_id"].currentData() == head["id"]
