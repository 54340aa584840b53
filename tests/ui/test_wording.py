"""Wording the clerk reads: the demo window's title says its name once."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from emulation_desk import APP_TITLE
from emulation_desk.ui.main_window import MainWindow


def test_the_demo_title_names_the_program_once(window: MainWindow) -> None:
    title = window.windowTitle()
    assert title == f"DỮ LIỆU MẪU — {APP_TITLE}"
    assert title.endswith(QApplication.applicationDisplayName())  # so Qt does not add the name again
    assert title.count(APP_TITLE) == 1


def test_the_audit_view_speaks_the_clerks_words(qtbot, ws) -> None:  # type: ignore[no-untyped-def]
    from emulation_desk.services.awards import nominations
    from emulation_desk.services.records.people import add_person
    from emulation_desk.services.records.units import add_unit
    from emulation_desk.ui.app import create_application
    from emulation_desk.ui.audit_view import AuditView

    create_application()
    unit = add_unit(ws, "Phòng Nội vụ", "phong_chuyen_mon").id
    person = add_person(ws, "Trần Văn An", birth_year=1980, unit_id=unit).id
    nomination = nominations.add_nomination(ws, year=2020, form_code="LDTT", kind="cong_trang",
                                            subject="ca_nhan", person_id=person, status="checked").id
    nominations.set_status(ws, [nomination], "voted")
    view = AuditView(ws, record_id=nomination)
    qtbot.addWidget(view)
    update = next(r for r in view.model.rows() if r["action"] == "update")
    assert "Trạng thái: Đã thẩm định → Đã bình xét" in update["changes"]
    assert update["record_name"].startswith("Đề nghị ") and "Trần Văn An" in update["record_name"]
    assert "status" not in update["changes"] and "voted" not in update["changes"]
    row = view.proxy.mapFromSource(view.model.index(view.model.find_row("id", update["id"]), 0))
    view.view.selectRow(row.row())
    assert "Trạng thái: Đã thẩm định → Đã bình xét" in view.detail.toPlainText()
    assert update["entity_id"] not in view.detail.toPlainText()  # no UUIDs in the clerk's text…
    assert not view.technical.isVisibleTo(view)
    view.technical_button.setChecked(True)  # …they are behind "Chi tiết kỹ thuật"
    assert view.technical.isVisibleTo(view) and update["entity_id"] in view.technical.toPlainText()
    created = next(r for r in view.model.rows() if r["action"] == "create" and r["entity"] == "nomination")
    assert "Cá nhân: Trần Văn An" in created["change_lines"]


def test_forms_are_chosen_by_their_full_name_with_the_issuer(qtbot, demo_ws) -> None:  # type: ignore[no-untyped-def]
    from emulation_desk.ui.app import create_application
    from emulation_desk.ui.decision_dialogs import ReceivedDialog
    from emulation_desk.ui.nomination_dialog import NominationDialog

    create_application()
    dialog = NominationDialog(demo_ws, 2020)
    qtbot.addWidget(dialog)
    texts = [dialog.form_box.itemText(i) for i in range(dialog.form_box.count())]
    assert "Giấy khen của Chủ tịch UBND cấp huyện" in texts
    assert "Giấy khen" not in texts  # never four forms of one bare name
    received = ReceivedDialog(demo_ws, 2020)
    qtbot.addWidget(received)
    box = received.fields["form_code"]
    assert all(box.itemText(i) != "Bằng khen" for i in range(box.count()))


def test_deleting_a_decided_nomination_is_refused_before_asking(qtbot, demo_ws, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import emulation_desk.ui.tabs.nominations as tab_module
    from emulation_desk.services.maintenance.trash import why_not_deletable
    from emulation_desk.ui.app import create_application

    create_application()
    decided = demo_ws.store.query("SELECT n.id, d.number, d.symbol FROM nomination n JOIN decision d "
                                  "ON d.id = n.decision_id WHERE n.status = 'decided' AND d.symbol <> '' LIMIT 1")[0]
    reason = why_not_deletable(demo_ws, [decided["id"]])
    assert f"số {decided['number']}/{decided['symbol']}" in reason  # the number keeps its case ("QĐ-UBND")
    asked, told = [], []
    monkeypatch.setattr(tab_module, "ask", lambda *a, **k: asked.append(a) or True)
    monkeypatch.setattr(tab_module, "inform", lambda _p, title, text, **k: told.append(text))
    tab = tab_module.NominationsTab(demo_ws)
    qtbot.addWidget(tab)
    tab.load(2020)
    tab.select_id(decided["id"])
    tab.delete_selected()
    assert asked == [] and told == [reason]
    assert demo_ws.store.scalar("SELECT deleted_at FROM nomination WHERE id = ?", [decided["id"]]) is None


def test_the_undo_hint_goes_once_something_else_changed(window) -> None:  # type: ignore[no-untyped-def]
    from emulation_desk.services.common import Changes

    window.offer_undo("Đã xóa 1 đề nghị", lambda: Changes(nominations=True))
    assert window.undo_button.isVisibleTo(window) and window.undo_action.isEnabled()
    window.apply_changes(Changes(units=True))  # another change: the offered undo is stale
    assert not window.undo_button.isVisibleTo(window) and not window.undo_action.isEnabled()


def test_closing_settings_with_unsaved_edits_asks_save_discard_or_stay(qtbot, demo_ws) -> None:  # type: ignore[no-untyped-def]
    from emulation_desk.ui.app import create_application
    from emulation_desk.ui.dialogs import DISCARD, SAVE, STAY
    from emulation_desk.ui.settings_dialog import SettingsDialog

    create_application()
    dialog = SettingsDialog(demo_ws)
    qtbot.addWidget(dialog)
    dialog.show()
    asked: list[str] = []
    answers = iter([STAY, SAVE])
    dialog.unsaved_guard.choose = lambda _parent, what: asked.append(what) or next(answers)
    dialog.unsaved_guard.close()  # nothing edited: closes without asking
    assert asked == [] and not dialog.isVisible()
    dialog.show()
    field = dialog.org_panel.fields["place_name"]
    field.setText("Thành phố Nam Định mới")
    dialog.unsaved_guard.close()
    assert asked == ["thông tin cơ quan"] and dialog.isVisible()  # stayed
    dialog.unsaved_guard.close()
    assert not dialog.isVisible() and demo_ws.organisation()["place_name"] == "Thành phố Nam Định mới"  # saved
    dialog.show()
    field.setText("Khác")
    dialog.unsaved_guard.choose = lambda _parent, _what: DISCARD
    dialog.unsaved_guard.close()
    assert not dialog.isVisible() and demo_ws.organisation()["place_name"] == "Thành phố Nam Định mới"


def test_a_decision_from_nominations_warns_about_doubtful_verdicts(qtbot, demo_ws) -> None:  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    from emulation_desk.services.awards.eligibility import year_eligibility
    from emulation_desk.ui.app import create_application
    from emulation_desk.ui.decision_dialogs import FromNominationsDialog
    from emulation_desk.ui.decision_warnings import salary_warning

    create_application()
    doubtful = [v for v in year_eligibility(demo_ws, 2020).verdicts if v.status in ("canh_bao", "chua_dat")]
    target = doubtful[0]
    with demo_ws.store.transaction():
        demo_ws.store.update("nomination", target.nomination_id, {"status": "checked", "decision_id": None})
    dialog = FromNominationsDialog(demo_ws, 2020)
    qtbot.addWidget(dialog)
    dialog.form_box.setCurrentIndex(dialog.form_box.findData(target.form_code))
    text = dialog.total.text()
    assert "Cảnh báo:" in text and ("Cần xem lại" in text or "Chưa đạt" in text)
    assert salary_warning(SimpleNamespace(unconfirmed=True)).count("chưa xác") == 1
    assert salary_warning(SimpleNamespace(unconfirmed=False)) == ""
