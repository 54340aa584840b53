"""A large year's list shows its first rows while the rest is read, and its search text arrives after."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from emulation_desk.services.awards import nominations
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.table_model import RowTableModel
from emulation_desk.ui.tabs import nominations as tab_module
from emulation_desk.ui.tabs.nominations import FIRST_ROWS, NOMINATION_COLUMNS, NominationsTab


def test_first_rows_show_before_the_whole_list(qtbot: QtBot, demo_ws: Workspace,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    create_application()
    release = threading.Event()
    real = nominations.list_nominations

    def slow_whole_list(ws: Workspace, year: int, *, limit: int | None = None) -> list[dict[str, Any]]:
        if limit is None:
            assert release.wait(30)
        return real(ws, year, limit=limit)

    monkeypatch.setattr(tab_module.nominations, "list_nominations", slow_whole_list)
    tab = NominationsTab(demo_ws, background=True)
    qtbot.addWidget(tab)
    tab.load(2020)
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=30_000)
    first = [r["id"] for r in tab.model.rows()]
    assert len(first) == FIRST_ROWS and tab.count_label.text() == "Đang tải…"
    release.set()
    tab.wait_loaded(60_000)
    whole = [r["id"] for r in tab.model.rows()]
    assert len(whole) > 3000 and whole[:FIRST_ROWS] == first  # the same order: the first rows stay in place
    assert tab.model._folded is not None  # made in the worker, not at the first keystroke
    tab.filter_edit.setText("nguyen")
    assert 0 < tab.proxy.rowCount() < len(whole)


def test_search_text_that_does_not_fit_the_rows_is_ignored() -> None:
    model = RowTableModel(NOMINATION_COLUMNS)
    model.set_rows([{"id": "a", "nominee_name": "Trần Văn An"}])
    assert not model.set_folded(["x", "y"])
    assert model.set_folded(["tran van an"]) and model.folded(0) == "tran van an"


def test_a_long_list_filters_when_typing_pauses(qtbot: QtBot, demo_ws: Workspace,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from emulation_desk.ui.tabs import base

    create_application()
    tab = NominationsTab(demo_ws)
    qtbot.addWidget(tab)
    tab.load(2020)
    total = tab.model.rowCount()
    tab.filter_edit.setText("nguyen")  # a short list (the demo): at once
    shown = tab.proxy.rowCount()
    assert 0 < shown < total
    tab.filter_edit.clear()
    monkeypatch.setattr(base, "FILTER_AT_ONCE_ROWS", 1_000)
    for text in ("n", "ng", "nguyen"):
        tab.filter_edit.setText(text)
    assert tab.proxy.rowCount() == total  # not yet: typing goes on
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == shown, timeout=2_000)
    assert tab.count_label.text() == f"{shown}/{total} đề nghị"
