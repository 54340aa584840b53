"""The first window: four tabs listing the demo's records, a year selector, accent-free filtering."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.main_window import MainWindow
from emulation_desk.ui.table_model import Column, RowTableModel, VietnameseFilterProxy


def test_window_opens_with_four_tabs_and_demo_rows(qtbot: QtBot, demo_ws: Workspace) -> None:
    create_application()
    window = MainWindow(demo_ws, demo=True)
    qtbot.addWidget(window)
    window.show()
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Đơn vị", "Khối thi đua", "Đề nghị khen thưởng", "Quyết định"]
    assert window.year() == 2020
    units, blocs, nominations, decisions = window.tab_list
    assert units.model.rowCount() > 150
    assert blocs.model.rowCount() == 11
    assert nominations.model.rowCount() > 3000
    assert decisions.model.rowCount() == 25
    assert "Năm 2020" in window.status_label.text()
    units.filter_edit.setText("phong giao duc")
    assert units.proxy.rowCount() == 1
    assert units.proxy.index(0, 0).data() == "Phòng Giáo dục và Đào tạo"
    decisions.view.selectRow(0)
    assert decisions.recipients_model.rowCount() > 0
    window.year_box.setCurrentIndex(window.year_box.findData(2019))
    assert decisions.model.rowCount() > 0 and window.year() == 2019


def test_table_model_sorts_people_the_vietnamese_way(qtbot: QtBot) -> None:
    model = RowTableModel([Column("name", "Họ và tên", kind="name"), Column("n", "Số", kind="int")])
    names = ["Nguyễn Văn Bình", "Trần Thị An", "Đỗ Thị Ánh", "Lê An", "Phạm Văn Đông", "Nguyễn Thị Dung"]
    model.set_rows([{"name": n, "n": i * 7 % 5} for i, n in enumerate(names)])
    proxy = VietnameseFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(0)
    assert [proxy.index(i, 0).data() for i in range(proxy.rowCount())] == [
        "Lê An", "Trần Thị An", "Đỗ Thị Ánh", "Nguyễn Văn Bình", "Nguyễn Thị Dung", "Phạm Văn Đông"]
    proxy.set_query("do thi")
    assert [proxy.index(i, 0).data() for i in range(proxy.rowCount())] == ["Đỗ Thị Ánh"]
