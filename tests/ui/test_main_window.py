"""The main window: five tabs in Vietnamese, keyboard shortcuts, lazy loading per year, settings, status."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from emulation_desk.services.records import catalog_edit
from emulation_desk.ui.main_window import MainWindow
from emulation_desk.ui.settings_dialog import SettingsDialog
from tests.ui.driving import fill_and_save, when_modal


def test_window_opens_with_five_tabs_and_demo_rows(window: MainWindow) -> None:
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Đơn vị", "Khối thi đua", "Đề nghị khen thưởng", "Quyết định", "Báo cáo và biểu tổng hợp"]
    assert window.year() == 2020
    assert window.year_box.findData(2021) >= 0  # the next year can be started
    units, blocs, nominations, decisions, _ = window.tab_list
    assert units.model.rowCount() > 150
    for index in range(5):
        window.tabs.setCurrentIndex(index)
    assert blocs.model.rowCount() == 11 and nominations.model.rowCount() > 3000
    assert decisions.model.rowCount() == 25
    window.tabs.setCurrentIndex(3)
    assert "Năm 2020" in window.status_label.text() and "quyết định" in window.status_label.text()
    window.year_box.setCurrentIndex(window.year_box.findData(2019))
    assert decisions.model.rowCount() > 0 and window.year() == 2019


def test_menus_have_the_shortcuts_and_no_english(window: MainWindow) -> None:
    actions = {a.text().replace("&", ""): a for menu in window.menuBar().actions() for a in menu.menu().actions()
               if a.text()}
    shortcuts = {name: a.shortcut().toString() for name, a in actions.items()}
    assert shortcuts["Thêm mới…"] == QKeySequence(QKeySequence.StandardKey.New).toString()
    assert shortcuts["Tìm trong danh sách"] == "Ctrl+F" and shortcuts["Tải lại dữ liệu"] == "F5"
    assert shortcuts["In, xuất tệp…"] == "Ctrl+P" and shortcuts["Báo cáo và biểu tổng hợp"] == "Ctrl+5"
    english = {"File", "Edit", "View", "Help", "Quit", "Undo", "Settings"}
    assert not english & {name.split()[0] for name in actions}
    assert window.import_action.isEnabled() and window.import_action.toolTip()
    assert window.import_decisions_action.isEnabled()
    for wired in (window.backup_action, window.trash_action, window.audit_action):
        assert wired.isEnabled() and wired.toolTip()


def test_ctrl_f_focuses_the_filter_and_ctrl_numbers_switch_tabs(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    next(a for m in window.menuBar().actions() for a in m.menu().actions() if a.shortcut().toString() == "Ctrl+3"
         ).trigger()
    assert window.tabs.currentIndex() == 2
    next(a for m in window.menuBar().actions() for a in m.menu().actions() if a.shortcut().toString() == "Ctrl+F"
         ).trigger()
    assert window.nominations_tab.filter_edit.hasFocus() or window.focusWidget() is window.nominations_tab.filter_edit


def test_settings_add_base_salary_and_edit_coefficient(qtbot: QtBot, window: MainWindow) -> None:
    dialog = SettingsDialog(window.ws, window)
    qtbot.addWidget(dialog)
    errors: dict[str, str] = {}
    when_modal(fill_and_save({"valid_from": "01/07/2030", "amount": "abc"}, errors))
    dialog.edit_salary(None)
    assert "số tiền" in errors["amount"]
    when_modal(fill_and_save({"valid_from": "01/07/2030", "amount": "3.500.000", "instrument": "Nghị định mới"}))
    dialog.edit_salary(None)
    assert catalog_edit.list_base_salaries(window.ws)[-1]["amount"] == 3_500_000
    assert dialog.changes.catalog
    page = dialog.coefficients_page
    page.view.selectRow(0)
    row = page.selected()
    when_modal(fill_and_save({"value": "0,45", "unconfirmed": True}))
    dialog.edit_coefficient(row)
    stored = next(r for r in catalog_edit.list_coefficients(window.ws) if r["id"] == row["id"])
    assert stored["value"] == "0.45" and stored["unconfirmed"] == 1 and stored["user_edited"] == 1
    assert dialog.org_panel.values()["place_name"] == "Nam Định"
    dialog.org_panel.fields["place_name"].setText("")
    assert not dialog.save_organisation()
    assert "Địa danh" in dialog.org_panel.error_text("place_name")
    assert window.ws.organisation()["place_name"] == "Nam Định"
