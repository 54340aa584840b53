"""Thiết lập: every page holding edits asks "Lưu / Không lưu / Ở lại" before they are lost — on "Đóng", Esc, the
window's X, when the clerk leaves the page for another tab, and on "Hủy" of each page's edit form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from emulation_desk.services.records import catalog_edit, org
from emulation_desk.services.records.positions import manager_dictionary
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.dialogs import DISCARD, SAVE, STAY, FormDialog
from emulation_desk.ui.settings_dialog import SettingsDialog


@pytest.fixture
def dialog(qtbot: QtBot, demo_ws: Workspace) -> SettingsDialog:
    from emulation_desk.ui.app import create_application

    create_application()
    settings = SettingsDialog(demo_ws)
    qtbot.addWidget(settings)
    settings.show()
    return settings


def _answering(dialog: SettingsDialog, *answers: str) -> list[str]:
    asked: list[str] = []
    queue = iter(answers)
    dialog.unsaved_guard.choose = lambda _parent, what: asked.append(what) or next(queue)
    return asked


def test_organisation_page_asks_when_the_clerk_leaves_it(dialog: SettingsDialog, demo_ws: Workspace) -> None:
    asked = _answering(dialog, STAY, DISCARD)
    place = dialog.org_panel.fields["place_name"]
    before = place.text()
    place.setText("Địa danh chưa lưu")
    dialog.tabs.setCurrentIndex(1)
    assert asked == ["thông tin cơ quan"] and dialog.tabs.currentIndex() == 0  # stayed on the page
    dialog.tabs.setCurrentIndex(1)
    assert dialog.tabs.currentIndex() == 1 and place.text() == before  # discarded: the stored text is back
    dialog.tabs.setCurrentIndex(0)
    assert len(asked) == 2  # nothing held: no question
    assert demo_ws.organisation()["place_name"] == before


def test_positions_page_asks_on_close_and_on_leaving(dialog: SettingsDialog, demo_ws: Workspace) -> None:
    page = dialog.positions_page
    dialog.tabs.setCurrentWidget(page)
    asked = _answering(dialog, STAY, SAVE, DISCARD)
    dialog.unsaved_guard.close()  # nothing edited yet
    assert asked == [] and not dialog.isVisible()
    dialog.show()
    page.add_row("Trưởng ban chỉ đạo", True)
    dialog.unsaved_guard.close()
    assert asked == ["danh mục chức vụ"] and dialog.isVisible()
    dialog.unsaved_guard.close()
    assert not dialog.isVisible() and ("trưởng ban chỉ đạo", True) in [
        (phrase.casefold(), flag) for phrase, flag in manager_dictionary(demo_ws)]
    dialog.show()
    stored = manager_dictionary(demo_ws)
    page.table.item(0, 0).setText("Phó giám đốc sở")
    dialog.tabs.setCurrentIndex(0)
    assert asked[-1] == "danh mục chức vụ" and dialog.tabs.currentIndex() == 0
    assert page.entries() == [tuple(e) for e in stored] and manager_dictionary(demo_ws) == stored


def test_positions_page_stays_when_saving_is_refused(dialog: SettingsDialog) -> None:
    page = dialog.positions_page
    dialog.tabs.setCurrentWidget(page)
    asked = _answering(dialog, SAVE)
    page.table.setRowCount(0)
    page.add_row("x" * 300, True)  # too long a phrase: refused with a message, the clerk stays
    dialog.unsaved_guard.close()
    assert dialog.isVisible() and asked == ["danh mục chức vụ"]
    assert "dài quá 100 ký tự" in page.error.text() and not page.error.isHidden() and page.unsaved()


def _in_editor(open_editor: Callable[[], Any], edit: Callable[[FormDialog], None], *answers: str) -> list[Any]:
    """Open one of the page's edit forms, change it, press "Hủy" and answer the question with ``answers`` (one
    press per answer). Returns what was asked, then whether the form was still open after each press."""
    seen: list[Any] = []

    def act() -> None:
        modal = QApplication.activeModalWidget()
        try:
            assert isinstance(modal, FormDialog)
            edit(modal)
            queue = iter(answers)
            modal.unsaved_guard.choose = lambda _parent, what: seen.append(what) or next(queue)
            cancel = next(b for b in modal.buttons.buttons() if b.text() == "Hủy")
            for _ in answers:
                cancel.click()
                seen.append(modal.isVisible())
        finally:
            if isinstance(modal, FormDialog) and modal.isVisible():
                modal.reject()

    QTimer.singleShot(0, act)
    open_editor()
    return seen


def test_signatory_form_asks_and_saves(dialog: SettingsDialog, demo_ws: Workspace) -> None:
    def edit(form: FormDialog) -> None:
        form.fields["full_name"].setText("Trần Thị Người Ký")

    seen = _in_editor(lambda: dialog.edit_signatory(None), edit, STAY, SAVE)
    assert seen == ["người ký", True, "người ký", False]
    assert "Trần Thị Người Ký" in [r["full_name"] for r in org.list_signatories(demo_ws, active_only=False)]
    assert "Trần Thị Người Ký" in [r["full_name"] for r in dialog.signatory_page.model.rows()]


def test_council_member_form_asks_and_discards(dialog: SettingsDialog, demo_ws: Workspace) -> None:
    before = org.current_council(demo_ws)[1]

    def edit(form: FormDialog) -> None:
        form.fields["full_name"].setText("Lê Văn Ủy Viên")

    assert _in_editor(lambda: dialog.edit_member(None), edit, DISCARD) == ["thành viên Hội đồng", False]
    assert org.current_council(demo_ws)[1] == before


def test_catalog_form_and_coefficient_forms_ask(dialog: SettingsDialog, demo_ws: Workspace) -> None:
    form = catalog_edit.list_forms(demo_ws)[0]

    def edit_source(editor: FormDialog) -> None:
        editor.fields["source"].setText("Nghị định 98/2023/NĐ-CP (đã đối chiếu)")

    assert _in_editor(lambda: dialog.edit_form(form), edit_source, SAVE) == ["hình thức khen thưởng", False]
    assert catalog_edit.list_forms(demo_ws)[0]["source"] == "Nghị định 98/2023/NĐ-CP (đã đối chiếu)"
    coefficient = catalog_edit.list_coefficients(demo_ws)[0]

    def edit_value(editor: FormDialog) -> None:
        editor.fields["value"].setText("9,9")

    assert _in_editor(lambda: dialog.edit_coefficient(coefficient), edit_value, DISCARD) == [
        "hệ số tiền thưởng", False]
    assert catalog_edit.list_coefficients(demo_ws)[0]["value"] == coefficient["value"]


def test_untouched_form_closes_without_a_question(dialog: SettingsDialog, demo_ws: Workspace) -> None:
    regime = catalog_edit.list_regimes(demo_ws)[0]
    assert _in_editor(lambda: dialog.edit_regime(regime), lambda _form: None, DISCARD) == [False]


def test_regime_form_asks_and_saves(dialog: SettingsDialog, demo_ws: Workspace) -> None:
    regime = catalog_edit.list_regimes(demo_ws)[0]

    def edit(form: FormDialog) -> None:
        bases = form.fields["legal_bases"]
        assert isinstance(bases, QPlainTextEdit)
        bases.setPlainText(bases.toPlainText() + "\nCăn cứ thêm của tỉnh;")

    assert _in_editor(lambda: dialog.edit_regime(regime), edit, SAVE) == ["chế độ pháp lý", False]
    assert catalog_edit.list_regimes(demo_ws)[0]["legal_bases_list"][-1] == "Căn cứ thêm của tỉnh;"


def test_base_salary_form_asks_stays_then_discards(dialog: SettingsDialog, demo_ws: Workspace) -> None:
    before = catalog_edit.list_base_salaries(demo_ws)

    def edit(form: FormDialog) -> None:
        form.fields["valid_from"].setText("01/07/2027")
        form.fields["amount"].setText("2.600.000")

    seen = _in_editor(lambda: dialog.edit_salary(None), edit, STAY, DISCARD)
    assert seen == ["mức lương cơ sở", True, "mức lương cơ sở", False]
    assert catalog_edit.list_base_salaries(demo_ws) == before
