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


def test_the_window_writes_the_lists_and_certificates_the_command_line_writes(window: MainWindow, demo_path: Path,
                                                                              tmp_path: Path) -> None:
    """"Văn bản khác" (the units' template, the year's nominations) and "In giấy khen…" go through the export
    registry: the same cells and the same PDF bytes as ``export template|list|certificates`` on a copy of the
    same file."""
    import shutil

    from emulation_desk.cli import run
    from emulation_desk.services.reporting.decision_data import resolve_decision
    from emulation_desk.ui.certificate_dialog import CertificateDialog
    from emulation_desk.ui.operations import wait_for

    twin = tmp_path / "twin.sqlite"
    window.ws.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(demo_path, twin)  # the window holds demo_path; the command line works on its copy
    cli, shown = tmp_path / "cli", tmp_path / "window"
    cli.mkdir()
    shown.mkdir()
    db = ["--db", str(twin)]
    assert run([*db, "export", "template", "nominations", "--year", "2020", "--out", str(cli / "mau.xlsx")]) == 0
    assert run([*db, "export", "list", "nominations", "--year", "2020", "--out", str(cli / "ds.xlsx")]) == 0
    assert run([*db, "export", "certificates", "--number", "2891", "--year", "2020", "--only", "3",
                "--out", str(cli / "gk.pdf")]) == 0

    window.tabs.setCurrentIndex(4)
    tab = window.reports_tab
    for key, name in (("template", "mau.xlsx"), ("nominations", "ds.xlsx")):
        tab.docs.choose_path = lambda *_args, target=shown / name: str(target)
        when_shown(lambda box: box.close())
        tab.other_document(key, False)
        tab.docs.wait()
        assert _cells(cli / name) == _cells(shown / name), name
    dialog = CertificateDialog(window.ws, resolve_decision(window.ws, "2891", 2020), window)
    dialog.full.setChecked(True)
    dialog.only.setText("3")
    when_modal(answer("Đóng"))
    dialog.save(shown / "gk.pdf")
    wait_for(dialog, 60_000)
    assert dialog.written == shown / "gk.pdf"
    assert (cli / "gk.pdf").read_bytes() == (shown / "gk.pdf").read_bytes()


def _cells(path: Path) -> list[list[object]]:
    book = openpyxl.load_workbook(path)
    return [[c.value for c in row] for sheet in book.worksheets for row in sheet.iter_rows()]
