"""The import dialog's "Lãnh đạo quản lý" tab: the flags proposed for blank cells, overridden by the clerk with
the buttons under the list before importing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel
from pytestqt.qtbot import QtBot

from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.import_dialog import ImportDialog
from tests.exchange.builders import nomination_table
from tests.exchange.test_import_managers import HEADER, YEAR, _flags, _office

UNIT = "Văn phòng HĐND và UBND"


def test_proposed_flags_are_listed_and_overridden(qtbot: QtBot, ws: Workspace, tmp_path: Path) -> None:
    create_application()
    _office(ws)
    path = nomination_table(tmp_path / "ds.xlsx", [
        [1, "Nguyễn Văn An", 1975, "Trưởng phòng", UNIT, "Lao động tiên tiến", None],
        [2, "Trần Thị Bình", 1980, "Trưởng phòng", UNIT, "Lao động tiên tiến", "không"],
        [3, "Hoàng Văn Em", 1991, "Văn thư", UNIT, "Lao động tiên tiến", None],
    ], header=HEADER, title=f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM {YEAR}")
    dialog = ImportDialog(ws, path, year=YEAR, unit_name=UNIT)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.previewed, timeout=20_000):
        dialog.show()
    panel = dialog.managers_panel
    assert dialog.tabs.tabText(7) == "Lãnh đạo quản lý (2)" and dialog.import_button.isEnabled()
    shown = {panel.model.row_at(r)["name"]: panel.model.row_at(r)["flag"] for r in range(panel.model.rowCount())}
    assert shown == {"Nguyễn Văn An": "Có", "Hoàng Văn Em": "Chưa rõ"}  # Trần Thị Bình's "không" is kept as written
    assert "1 dòng chưa rõ" in panel.summary.text()
    dialog.tabs.setCurrentWidget(panel)
    row = next(r for r in range(panel.proxy.rowCount())
               if panel.proxy.index(r, 2).data() == "Hoàng Văn Em")
    panel.view.selectionModel().select(panel.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                       | QItemSelectionModel.SelectionFlag.Rows)
    panel.yes_button.click()
    again = {panel.model.row_at(r)["name"]: (panel.model.row_at(r)["flag"], panel.model.row_at(r)["why"])
             for r in range(panel.model.rowCount())}
    assert again["Hoàng Văn Em"] == ("Có", "Cán bộ chọn (không theo đề xuất)")
    assert "để trống: 1 điền theo chức vụ, 1 cán bộ chọn" in dialog.status.text()
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    assert _flags(ws) == {"Nguyễn Văn An": ("Trưởng phòng", 1), "Trần Thị Bình": ("Trưởng phòng", 0),
                          "Hoàng Văn Em": ("Văn thư", 1)}
