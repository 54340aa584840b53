"""The window's finder: Ctrl+K, results as the clerk types, Enter opens the result where it lives."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from emulation_desk.ui.finder import FOUND_ROLE
from emulation_desk.ui.main_window import MainWindow


def _type(qtbot: QtBot, window: MainWindow, text: str) -> list[str]:
    field = window.finder
    field.clear()
    field.setFocus()
    field.setText(text)  # keyClicks aborts on letters outside the test keyboard's map ("ầ")
    field.last = None  # the search runs when the typing pauses
    qtbot.waitUntil(lambda: field.last is not None and field.results.count() > 0, timeout=3000)
    items = [field.results.item(i) for i in range(field.results.count())]
    return [i.text() for i in items if i.data(FOUND_ROLE) is not None]


def test_ctrl_k_focuses_the_toolbar_field(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    window.finder_action.trigger()
    assert window.finder.hasFocus() or window.focusWidget() is window.finder
    assert window.finder_action.shortcut().toString() == "Ctrl+K"


def test_results_as_you_type_follow_the_search_rule(qtbot: QtBot, window: MainWindow) -> None:
    texts = _type(qtbot, window, "Trần Văn")
    assert texts and all(t.startswith(("Cá nhân: Trần Văn", "Đề nghị: Trần Văn")) for t in texts)
    assert window.finder.results.isVisible()
    assert _type(qtbot, window, "khong co ai ten nay") == []
    assert "Không tìm thấy" in window.finder.results.item(0).text()


def test_enter_opens_a_person_in_the_list_of_their_unit(qtbot: QtBot, window: MainWindow) -> None:
    _type(qtbot, window, "hoang phuong uyen")
    qtbot.keyClick(window.finder, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.units_tab
    qtbot.waitUntil(lambda: window.units_tab.selected_person() is not None, timeout=3000)
    assert window.units_tab.selected_person()["full_name"] == "Hoàng Phương Uyên"
    assert not window.finder.results.isVisible()


def test_enter_on_a_decision_selects_it_in_its_year(qtbot: QtBot, window: MainWindow) -> None:
    _type(qtbot, window, "4522")
    qtbot.keyClick(window.finder, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.decisions_tab
    qtbot.waitUntil(lambda: window.decisions_tab.selected_row() is not None, timeout=3000)
    assert window.decisions_tab.selected_row()["number"] == "4522"


def test_down_then_enter_opens_a_nomination(qtbot: QtBot, window: MainWindow) -> None:
    _type(qtbot, window, "hoang phuong uyen")
    rows = [window.finder.results.item(i).data(FOUND_ROLE) for i in range(window.finder.results.count())]
    target = next(i for i, f in enumerate(rows) if f is not None and f.kind == "nomination")
    for _ in range(target):
        qtbot.keyClick(window.finder, Qt.Key.Key_Down)
    qtbot.keyClick(window.finder, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.nominations_tab
    qtbot.waitUntil(lambda: window.nominations_tab.selected_row() is not None, timeout=5000)
    assert window.nominations_tab.selected_row()["id"] == rows[target].id
