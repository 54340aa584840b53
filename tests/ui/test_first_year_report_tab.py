"""Reports tab on a new office file: the report starts from the standard structure by a click; the sections
still to write are marked; last year's copy is offered only when last year has a report."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from emulation_desk.services.records.org import save_organisation
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.main_window import MainWindow
from tests.ui.driving import answer, when_modal


def test_first_year_report_from_the_standard_structure(qtbot: QtBot, ws: Workspace) -> None:
    save_organisation(ws, parent_body="UBND TỈNH NINH BÌNH", issuing_body="ỦY BAN NHÂN DÂN XÃ AN BÌNH",
                      body_short="UBND xã", place_name="An Bình", level="xa")
    create_application()
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(4)
    tab = window.reports_tab
    tab.pages.setCurrentIndex(1)
    year = window.year()
    assert tab.report is None and not tab.copy_button.isEnabled()
    assert tab.standard_button.isEnabled() and "cấu trúc chuẩn" in tab.report_title.text()
    when_modal(answer("Tạo báo cáo"))
    tab.standard_button.click()
    assert tab.report is not None and f"năm {year}" in tab.report["title"]
    assert tab.model.rowCount() == 22 and not tab.standard_button.isEnabled()
    assert "Còn 17 mục chưa viết" in tab.report_title.text()
    marks = [tab.model.index(row, 2).data() for row in range(tab.model.rowCount())]
    assert marks.count("chưa viết") == 17 and marks[0] == ""
    assert "(chưa viết)" in tab.preview.toPlainText() and "{{" not in tab.preview.toPlainText()
    tab.view.selectRow(1)  # I. ĐẶC ĐIỂM, TÌNH HÌNH
    assert tab.section_body.toPlainText() == "{{cho_viet}}"
    tab.section_body.setPlainText("Năm nay xã triển khai các phong trào thi đua.")
    tab.save_button.click()
    assert "Còn 16 mục chưa viết" in tab.report_title.text()
    assert "Năm nay xã triển khai" in tab.preview.toPlainText()
