"""The PDF preview dialog: pages shown (PDFium), page navigation and zoom, save as (all-or-nothing), printing
every page in its orientation at the printer's resolution."""

from __future__ import annotations

import io
import os
from pathlib import Path

os.environ.setdefault("EMULATION_DESK_FONT_DIRS", "")

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
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


def test_pages_are_painted_not_blank(dialog: PdfPreviewDialog, qtbot: QtBot) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    image = dialog.canvas.grab(dialog.canvas.rects[0]).toImage()
    dark = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
               if image.pixelColor(x, y).lightness() < 128)
    assert dark > 200  # the report's first page has its heading and text in black


def test_navigation_and_zoom(dialog: PdfPreviewDialog, qtbot: QtBot) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.zoom_box.currentData() == "width" and dialog.of_label.text() == "/ 5"
    room = dialog.scroll.viewport().width() - 24
    assert abs(dialog.canvas.rects[4].width() - room) <= 2  # the widest (landscape) page fills the width
    assert abs(dialog.canvas.rects[0].width() - room * 595.3 / 841.9) <= 2
    dialog.page_box.setValue(5)  # the landscape table page
    assert dialog.current_page() == 4
    assert dialog.canvas.rects[4].width() > dialog.canvas.rects[4].height()
    dialog.zoom_box.setCurrentIndex(dialog.zoom_box.findData(100))
    assert dialog.current_page() == 4  # zoom keeps the page
    assert abs(dialog.canvas.rects[0].width() - round(595.3 * 96 / 72)) <= 1
    dialog.step_zoom(1)
    assert dialog.zoom_box.currentData() == 125
    dialog.step_zoom(-1)
    dialog.step_zoom(-1)
    assert dialog.zoom_box.currentData() == 75
    dialog.zoom_box.setCurrentIndex(dialog.zoom_box.findData("page"))
    page = dialog.canvas.rects[0]
    assert page.height() <= dialog.scroll.viewport().height() - 24 + 1
    dialog.scroll.verticalScrollBar().setValue(dialog.canvas.rects[2].top())
    assert dialog.page_box.value() == 3  # scrolling moves the page box
    qtbot.keyClick(dialog.scroll.viewport(), Qt.Key.Key_PageDown)
    assert dialog.current_page() == 3 and dialog.page_box.value() == 4  # Page Down turns one page
    qtbot.keyClick(dialog.scroll.viewport(), Qt.Key.Key_PageUp)
    qtbot.keyClick(dialog.scroll.viewport(), Qt.Key.Key_PageUp)
    assert dialog.current_page() == 1


def test_printing_at_high_resolution_matches_the_page(dialog: PdfPreviewDialog, report_bytes: bytes,
                                                      tmp_path: Path) -> None:
    """Printed in strips at 600 dpi (seven strips a page), each page lies where the original's does: no gap,
    no offset, nothing rescaled, the landscape page after the portrait ones included."""
    import pypdfium2 as pdfium

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(600)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))  # the report's paper (the default may be Letter)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    dialog.print_to(printer)

    def profiles(data: bytes, page: int) -> tuple[list[int], list[int]]:
        """Darkness of each row and each column of the page at 100 dpi."""
        bitmap = pdfium.PdfDocument(data)[page].render(scale=100 / 72)
        width, height, stride, step = bitmap.width, bitmap.height, bitmap.stride, bitmap.n_channels
        buffer = bytes(bitmap.buffer)
        dark = [[255 - buffer[y * stride + x * step] for x in range(width)] for y in range(height)]
        return [sum(row) for row in dark], [sum(column) for column in zip(*dark, strict=True)]

    def best_shift(a: list[int], b: list[int]) -> int:
        inner = range(20, min(len(a), len(b)) - 20)
        return min(range(-8, 9), key=lambda s: sum(abs(a[i] - b[i + s]) for i in inner))

    for page in (0, 4):
        (rows_a, cols_a), (rows_b, cols_b) = profiles(report_bytes, page), profiles(printed.read_bytes(), page)
        assert (len(rows_a), len(cols_a)) == (len(rows_b), len(cols_b))
        assert best_shift(rows_a, rows_b) == 0 and best_shift(cols_a, cols_b) == 0, page
        assert 0.75 < sum(rows_b) / sum(rows_a) < 1.25, page  # the whole page, not a part of it
