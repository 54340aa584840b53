"""The cell-trace window: the recipients one count cell of the table counts, with search, export and close."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from emulation_desk.ui.app import create_application
from emulation_desk.ui.stat_table import CellRecordsDialog

ROWS = [
    {"display_name": "Trần Văn An", "position": "Chuyên viên", "is_manager": 0, "unit_name": "Phòng Nội vụ",
     "form_short_name": "Giấy khen", "number": "125", "symbol": "QĐ-UBND", "signed_on": "2020-12-10"},
    {"display_name": "Nguyễn Văn Trân", "position": "Trưởng phòng", "is_manager": 1, "unit_name": "Phòng Tài chính",
     "form_short_name": "Giấy khen", "number": "126", "symbol": "QĐ-UBND", "signed_on": "2020-12-11"},
]


def test_search_export_close(qtbot: QtBot, tmp_path: Path) -> None:
    create_application()
    dialog = CellRecordsDialog("Giấy khen — cột 3 — năm 2020", ROWS)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.count_label.text().endswith("2 dòng")
    dialog.filter_edit.setText("tran van")
    assert [r["display_name"] for r in dialog.shown_rows()] == ["Trần Văn An"]
    assert dialog.count_label.text().endswith("1/2 dòng")
    dialog.choose_path = lambda _parent, _name: str(tmp_path / "o.xlsx")
    shown: list[str] = []
    import emulation_desk.ui.dialogs as dialogs

    original, dialogs.inform = dialogs.inform, lambda _p, title, text, **_k: shown.append(text)
    try:
        assert dialog.export() == tmp_path / "o.xlsx"
    finally:
        dialogs.inform = original
    sheet = load_workbook(tmp_path / "o.xlsx").active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Giấy khen — cột 3 — năm 2020" and values[1][0] == "Họ tên / Tên tập thể"
    assert values[2][0] == "Trần Văn An" and values[2][5] == "125/QĐ-UBND" and len(values) == 3
    assert "1 dòng" in shown[0]
    close = next(b for b in dialog.findChildren(type(dialog.export_button)) if b.text() == "Đóng")
    close.click()
    assert not dialog.isVisible()
    assert dialog.view.columnWidth(6) >= 100  # "Ngày ký" is not cut
