"""Every document from the window: the chosen decision with its list (Ctrl+P on the Decisions tab, export
PDF), the report, the table, the council's papers and the units' template from "Văn bản khác" — made in
the background and shown in the PDF preview with its Print button."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from emulation_desk.ui.main_window import MainWindow
from emulation_desk.ui.pdf_preview import PdfPreviewDialog
from tests.ui.driving import answer, when_modal

WAIT = 6000  # polls of 20 ms: a PDF is made in the background, slowly on a loaded machine


def _text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def when_shown(act, attempts: int = WAIT) -> None:  # type: ignore[no-untyped-def]
    """Like when_modal, but passes over the progress dialog shown while the PDF is made."""

    def poll(left: int) -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, (PdfPreviewDialog, QMessageBox)) and widget.isVisible():
            try:
                act(widget)
            except BaseException:
                widget.close()
                raise
        elif left > 0:
            QTimer.singleShot(20, lambda: poll(left - 1))

    QTimer.singleShot(0, lambda: poll(attempts))


def _look(seen: dict[str, object]):  # type: ignore[no-untyped-def]
    def act(dialog) -> None:  # type: ignore[no-untyped-def]
        if isinstance(dialog, QMessageBox):
            seen["message"] = dialog.text()
            dialog.close()
            return
        assert isinstance(dialog, PdfPreviewDialog)
        seen["title"], seen["pages"] = dialog.windowTitle(), dialog.page_count()
        seen["printable"] = dialog.print_button.isEnabled()
        seen["text"] = _text(dialog.path.read_bytes())
        dialog.accept()

    return act


def _select(window: MainWindow, number: str) -> None:
    tab = window.decisions_tab
    row = next(i for i in range(tab.proxy.rowCount())
               if tab.proxy.index(i, 0).data() == f"{number}/QĐ-UBND")
    tab.view.selectRow(row)


def test_ctrl_p_on_the_decisions_tab_previews_the_decision_with_its_list(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(3)
    tab = window.decisions_tab
    _select(window, "4520")
    assert tab.preview_button.isEnabled() and tab.pdf_button.isEnabled()
    seen: dict[str, object] = {}
    when_shown(_look(seen))
    window.print_action.trigger()
    tab.docs.wait()
    assert seen["title"] == "Xem trước và in — quyết định số 4520/QĐ-UBND" and seen["printable"]
    assert "Số: 4520/QĐ-UBND" in seen["text"] and "DANH SÁCH" in seen["text"]
    assert int(seen["pages"]) >= 2  # the decision and its attached list


def test_export_the_decision_as_pdf(window: MainWindow, tmp_path: Path) -> None:
    window.tabs.setCurrentIndex(3)
    tab = window.decisions_tab
    _select(window, "4520")
    target = tmp_path / "qd-4520.pdf"
    tab.docs.choose_path = lambda *_args: str(target)
    when_shown(answer("Đóng"))
    tab.export_decision()
    tab.docs.wait()
    assert tab.docs.last_written == target and "Số: 4520/QĐ-UBND" in _text(target.read_bytes())


def test_a_received_decision_is_not_printed(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(3)
    tab = window.decisions_tab
    row = next(i for i in range(tab.proxy.rowCount()) if tab.proxy.index(i, 2).data() != "UBND")
    tab.view.selectRow(row)
    assert not tab.preview_button.isEnabled()
    seen: dict[str, object] = {}
    when_modal(_look(seen))
    tab.print_or_export()
    assert "chỉ in quyết định do cơ quan mình ban hành" in str(seen["message"])


def test_report_table_and_council_pack_previews(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(4)
    tab = window.reports_tab
    for start, expected in ((lambda: window.print_action.trigger(), "Tổng kết công tác thi đua"),
                            (lambda: tab.other_document("table", True), "BIỂU TỔNG HỢP KẾT QUẢ KHEN THƯỞNG"),
                            (lambda: tab.other_document("council_pack", True), "Hội đồng")):
        seen: dict[str, object] = {}
        when_shown(_look(seen))
        start()
        tab.docs.wait()
        assert expected in str(seen.get("text")), (expected, seen)
    labels = [a.text() for a in tab.other_button.menu().actions()]
    assert "Xem trước và in biên bản kiểm phiếu…" in labels
    assert "Xuất mẫu danh sách đề nghị cho các đơn vị (Excel)…" in labels


def test_minutes_without_a_meeting_say_so(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(4)
    tab = window.reports_tab
    seen: dict[str, object] = {}
    when_shown(_look(seen))
    tab.other_document("minutes", True)
    tab.docs.wait()
    assert "cuộc họp" in str(seen["message"]).lower()


def test_units_template_exported_from_the_window(window: MainWindow, tmp_path: Path) -> None:
    window.tabs.setCurrentIndex(4)
    tab = window.reports_tab
    target = tmp_path / "mau.xlsx"
    tab.docs.choose_path = lambda *_args: str(target)
    seen: dict[str, object] = {}
    when_shown(_look(seen))
    tab.other_document("template", False)
    tab.docs.wait()
    assert f"Đã lưu tệp {target}" in str(seen["message"])
    assert openpyxl.load_workbook(target).sheetnames


def test_a_first_year_report_previews_before_it_is_started(qtbot: QtBot, ws) -> None:  # type: ignore[no-untyped-def]
    from emulation_desk.services.records.org import save_organisation
    from emulation_desk.ui.app import create_application

    save_organisation(ws, parent_body="UBND TỈNH NINH BÌNH", issuing_body="ỦY BAN NHÂN DÂN XÃ AN BÌNH",
                      body_short="UBND xã", place_name="An Bình", level="xa")
    create_application()
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(4)
    seen: dict[str, object] = {}
    when_shown(_look(seen))
    window.print_action.trigger()
    window.reports_tab.docs.wait()
    assert "ĐẶC ĐIỂM, TÌNH HÌNH" in str(seen["text"]) and "……" in str(seen["text"])
