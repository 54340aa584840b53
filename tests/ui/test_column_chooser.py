"""The nominations list shows what a clerk reads at 1366 px; the header's context menu chooses the rest, and
the choice is remembered."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.column_chooser import install_column_chooser
from emulation_desk.ui.tabs.nominations import NOMINATION_COLUMNS, NominationsTab


@pytest.fixture(autouse=True)
def own_preferences(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.setenv("EMULATION_DESK_DATA_DIR", str(tmp_path))  # the remembered choice stays in this test


def _shown(tab: NominationsTab) -> list[str]:
    header = tab.view.horizontalHeader()
    return [c.title for i, c in enumerate(NOMINATION_COLUMNS) if not header.isSectionHidden(i)]


def test_the_clerks_columns_fit_1366_px_and_the_choice_is_remembered(qtbot: QtBot, demo_ws: Workspace) -> None:
    create_application()
    tab = NominationsTab(demo_ws)
    qtbot.addWidget(tab)
    assert _shown(tab) == ["Điều kiện", "Cảnh báo", "Người/tập thể được đề nghị", "Hình thức", "Đơn vị đề nghị",
                           "Trạng thái"]
    header = tab.view.horizontalHeader()
    width = sum(header.sectionSize(i) for i in range(header.count()) if not header.isSectionHidden(i))
    assert width + 250 + 60 <= 1366  # with the explanation panel and the row numbers
    menu = tab.view._column_chooser.menu()
    titles = [a.text() for a in menu.actions() if a.isCheckable()]
    assert titles == [c.title for c in NOMINATION_COLUMNS]
    next(a for a in menu.actions() if a.text() == "Năm sinh").setChecked(True)
    next(a for a in menu.actions() if a.text() == "Cảnh báo").setChecked(False)
    assert "Năm sinh" in _shown(tab) and "Cảnh báo" not in _shown(tab)
    again = NominationsTab(demo_ws)
    qtbot.addWidget(again)
    assert _shown(again) == _shown(tab)


def test_the_last_column_cannot_be_hidden(qtbot: QtBot, demo_ws: Workspace) -> None:
    create_application()
    tab = NominationsTab(demo_ws)
    qtbot.addWidget(tab)
    chooser = install_column_chooser(tab.view, NOMINATION_COLUMNS, "Test", ())
    for column in NOMINATION_COLUMNS:
        chooser.set_visible(column.key, False)
    assert len(chooser.hidden()) == len(NOMINATION_COLUMNS) - 1
