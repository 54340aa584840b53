"""Nominations tab: add with type-ahead on folded names, verdict column from an injected provider, filters,
duplicate warnings, bulk status change with undo."""

from __future__ import annotations

from dataclasses import dataclass, field

from pytestqt.qtbot import QtBot

from emulation_desk.core.text import fold, matches_folded
from emulation_desk.services.awards import nominations
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.main_window import MainWindow
from emulation_desk.ui.table_model import ROW_ROLE
from emulation_desk.ui.tabs.nominations import NominationsTab
from tests.ui.driving import answer, fill_and_save, when_modal


@dataclass
class FakeVerdict:
    """What the tab reads of an eligibility verdict (core.rules.verdict.Verdict)."""

    status: str
    reason: str
    details: list[str] = field(default_factory=list)
    needs: tuple[str, ...] = ()

    def explanation(self) -> str:
        return "\n".join(self.details)


def fake_provider(ws: Workspace, year: int) -> dict[str, FakeVerdict]:
    rows = nominations.list_nominations(ws, year)
    return {r["id"]: FakeVerdict("chua_dat" if i % 10 == 0 else "dat", "Thiếu xếp loại năm trước" if i % 10 == 0
                                 else "Đủ điều kiện", ["Năm 2019: không có xếp loại", "Năm 2020: hoàn thành tốt"])
            for i, r in enumerate(rows)}


def test_verdict_column_filters_and_side_panel(qtbot: QtBot, demo_ws: Workspace) -> None:
    create_application()
    tab = NominationsTab(demo_ws, fake_provider)
    qtbot.addWidget(tab)
    tab.load(2020)
    total = tab.model.rowCount()
    assert not tab.view.isColumnHidden(0)
    tab.verdict_filter.setCurrentIndex(tab.verdict_filter.findData("chua_dat"))
    assert tab.proxy.rowCount() == (total + 9) // 10
    assert tab.proxy.index(0, 0).data().startswith("Chưa đạt: Thiếu xếp loại")
    tab.view.selectRow(0)
    assert "Năm 2019: không có xếp loại" in tab.details.toPlainText()
    tab.verdict_filter.setCurrentIndex(0)
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("rejected"))
    assert tab.proxy.rowCount() == 14
    tab.filter_edit.setText("nguyen")
    assert 0 < tab.proxy.rowCount() < 14
    assert all("Nguyễn" in tab.proxy.index(i, 2).data() for i in range(tab.proxy.rowCount()))


def test_without_provider_the_verdict_column_is_hidden(qtbot: QtBot, demo_ws: Workspace) -> None:
    create_application()
    tab = NominationsTab(demo_ws, None)
    qtbot.addWidget(tab)
    tab.load(2020)
    assert tab.view.isColumnHidden(0)
    assert tab.proxy.index(0, 0).data() == ""


def test_add_nomination_with_type_ahead_duplicate_warning_and_bulk_status(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(2)
    tab = window.nominations_tab
    before = tab.model.rowCount()

    def pick(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.picker.edit.setText("tran minh anh")
        hits = dialog.picker.search()
        assert hits[0].startswith("Trần Minh Anh (") and all(matches_folded(fold(h), "tran minh anh") for h in hits)
        dialog.picker.choose(hits[0])

    when_modal(fill_and_save({"form_code": "LDTT", "status": "checked"}, before=pick))
    tab.new_record()
    when_modal(fill_and_save({"form_code": "LDTT", "status": "checked"}, before=pick))
    tab.new_record()
    assert tab.model.rowCount() == before + 2
    tab.verdict_filter.setCurrentIndex(tab.verdict_filter.findData("_warning"))
    assert tab.proxy.rowCount() >= 2
    assert all(tab.proxy.index(i, 1).data() == "Trùng lặp" for i in range(tab.proxy.rowCount()))
    tab.verdict_filter.setCurrentIndex(0)
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("checked"))
    assert tab.proxy.rowCount() == 2
    tab.view.selectAll()
    tab.bulk_status.setCurrentIndex(tab.bulk_status.findData("voted"))
    when_modal(answer("Chuyển"))
    tab.change_status()
    assert len(nominations.approved_nominations(window.ws, 2020)) == 2
    assert {r["status"] for r in nominations.approved_nominations(window.ws, 2020)} == {"voted"}
    window.undo()
    assert {r["status"] for r in nominations.approved_nominations(window.ws, 2020)} == {"checked"}


def test_bulk_change_is_all_or_nothing(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(2)
    tab = window.nominations_tab
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("rejected"))
    tab.view.selectAll()
    tab.bulk_status.setCurrentIndex(tab.bulk_status.findData("voted"))  # rejected → voted is not allowed
    when_modal(answer("Chuyển"))
    when_modal(answer("Đóng"), attempts=200)
    tab.change_status()
    rows = nominations.list_nominations(window.ws, 2020)
    assert sum(r["status"] == "rejected" for r in rows) == 14


def test_delete_is_enabled_and_says_it_goes_to_the_trash(window: MainWindow) -> None:
    tab = window.nominations_tab  # the delete itself is driven in test_wiring.py
    assert tab.delete_button.isEnabled() and "thùng rác" in tab.delete_button.toolTip()


def test_background_loading_fills_the_list_and_keeps_the_query(qtbot: QtBot, demo_ws: Workspace) -> None:
    create_application()
    tab = NominationsTab(demo_ws, None, background=True)
    qtbot.addWidget(tab)
    tab.load(2019)
    tab.load(2020)  # the 2019 result, if it comes later, is ignored
    tab.filter_edit.setText("do thi")
    assert tab.count_label.text() == "Đang tải…" or tab.model.rowCount()
    qtbot.waitUntil(lambda: not tab._tasks and tab.model.rowCount() > 3000, timeout=10_000)
    assert {r["year"] for r in tab.model.rows()} == {2020}
    shown = {tab.proxy.index(i, 0).data(ROW_ROLE)["id"] for i in range(tab.proxy.rowCount())}
    same = NominationsTab(demo_ws, None)  # read on the GUI thread, search text made by the model itself
    qtbot.addWidget(same)
    same.load(2020)
    same.filter_edit.setText("do thi")
    assert 0 < len(shown) < tab.model.rowCount()
    assert shown == {same.proxy.index(i, 0).data(ROW_ROLE)["id"] for i in range(same.proxy.rowCount())}


def test_a_collective_picked_in_the_form_proposes_itself(qtbot: QtBot, window: MainWindow) -> None:
    """Picking a collective fills "Đơn vị đề nghị" with it (the list showed the unit column empty), unless the
    clerk chose another unit first."""
    from emulation_desk.ui.nomination_dialog import NominationDialog

    dialog = NominationDialog(window.ws, 2020, None, window)
    qtbot.addWidget(dialog)
    dialog.subject_box.setCurrentIndex(dialog.subject_box.findData("tap_the"))
    unit_box = dialog.fields["proposing_unit_id"]
    dialog.picker.edit.setText(unit_box.itemText(1)[:12])
    hits = dialog.picker.search()
    dialog.picker.choose(hits[0])
    assert unit_box.currentData() == dialog.picker.chosen_id
    unit_box.setCurrentIndex(2)  # the clerk's choice stays when another collective is picked
    dialog.picker.choose(hits[-1])
    assert unit_box.currentIndex() == 2
