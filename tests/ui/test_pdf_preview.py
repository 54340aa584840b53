"""The PDF preview dialog: pages shown, save as (all-or-nothing), printing every page in its orientation."""

from __future__ import annotations

import io
import os
from pathlib import Path

os.environ.setdefault("EMULATION_DESK_FONT_DIRS", "")

import pytest
from pypdf import PdfReader
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.pdf_preview import PdfPreviewDialog


@pytest.fixture(scope="module")
def report_bytes(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    import shutil

    from emulation_desk.documents.report import report_pdf
    from emulation_desk.services.reporting.documents_data import report_for_print
    from emulation_desk.services.workspace import open_workspace

    path = tmp_path_factory.mktemp("preview") / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    ws: Workspace = open_workspace(path)
    try:
        return report_pdf(report_for_print(ws, 2020))
    finally:
        ws.close()


@pytest.fixture
def dialog(qtbot: QtBot, report_bytes: bytes, tmp_path: Path) -> PdfPreviewDialog:
    create_application()
    path = tmp_path / "bao-cao-2020.pdf"
    path.write_bytes(report_bytes)
    widget = PdfPreviewDialog(path, title="Báo cáo tổng kết năm 2020")
    qtbot.addWidget(widget)
    return widget


def test_shows_the_pages(dialog: PdfPreviewDialog, tmp_path: Path) -> None:
    dialog.show()
    assert dialog.document.status() == QPdfDocument.Status.Ready
    assert dialog.page_count() == 5
    assert dialog.pages_label.text() == "5 trang"
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert dialog.width() <= 1366 and dialog.height() <= 768
    assert not dialog.grab().isNull()


def test_a_broken_file_disables_the_buttons(qtbot: QtBot, tmp_path: Path) -> None:
    create_application()
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"not a pdf")
    widget = PdfPreviewDialog(bad)
    qtbot.addWidget(widget)
    assert not widget.print_button.isEnabled() and not widget.save_button.isEnabled()
    assert "Không mở được" in widget.pages_label.text()


def test_save_as_copies_the_file(dialog: PdfPreviewDialog, report_bytes: bytes, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out" / "ban-sao"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Tệp PDF (*.pdf)"))
    assert dialog.save_as() == target.with_name("ban-sao.pdf")
    assert target.with_name("ban-sao.pdf").read_bytes() == report_bytes


def test_save_as_reports_a_missing_folder(dialog: PdfPreviewDialog, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    messages: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "khong" / "a.pdf"), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: messages.append(text))
    assert dialog.save_as() is None
    assert messages and "Không tìm thấy thư mục" in messages[0]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert dialog.save_as() is None


def test_prints_every_page_in_its_orientation(dialog: PdfPreviewDialog, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    dialog.print_to(printer)
    reader = PdfReader(io.BytesIO(printed.read_bytes()))
    assert len(reader.pages) == 5
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    assert all(w < h for w, h in sizes[:4]) and sizes[4][0] > sizes[4][1]


def test_print_button_asks_first(dialog: PdfPreviewDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    printed: list[QPrinter] = []
    monkeypatch.setattr(PdfPreviewDialog, "print_to", lambda self, printer: printed.append(printer))
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert dialog.print_document() is False and not printed
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    assert dialog.print_document() is True and len(printed) == 1


def test_from_bytes_removes_its_temporary_file(qtbot: QtBot, report_bytes: bytes) -> None:
    create_application()
    widget = PdfPreviewDialog.from_bytes(report_bytes, title="Xem trước")
    qtbot.addWidget(widget)
    path = widget.path
    assert path.exists() and widget.page_count() == 5
    widget.accept()
    assert not path.exists()
