"""A dialog that shows a PDF (a report, a table, a decision) with "In…" and "Lưu thành…" buttons.

QtPdf renders the pages (``PySide6_Pdf``); printing goes through QtPrintSupport, page by page at the
printer's resolution, each page in its own orientation (the statistical table is landscape).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QCloseEvent, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.documents.output import write_atomically
from emulation_desk.errors import KnownError


class PdfPreviewDialog(QDialog):
    """Shows ``path``; "Lưu thành…" copies it all-or-nothing, "In…" prints it."""

    def __init__(self, path: Path | str, *, title: str = "Xem trước văn bản", suggested_name: str = "",
                 parent: QWidget | None = None, owns_file: bool = False) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.owns_file = owns_file
        self.suggested_name = suggested_name or self.path.name
        self.setWindowTitle(title)
        self.resize(900, 680)  # fits a 1366×768 screen
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.pages_label = QLabel()
        self.print_button = QPushButton("&In…")
        self.save_button = QPushButton("&Lưu thành…")
        self.close_button = QPushButton("Đó&ng")
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pages_label)
        buttons.addStretch(1)
        for button in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._load()

    @classmethod
    def from_bytes(cls, data: bytes, **kwargs: object) -> PdfPreviewDialog:
        """Preview PDF bytes (kept in a temporary file that goes away with the dialog)."""
        handle = tempfile.NamedTemporaryFile(prefix="xem-truoc-", suffix=".pdf", delete=False)  # noqa: SIM115
        with handle:
            handle.write(data)
        return cls(handle.name, owns_file=True, **kwargs)  # type: ignore[arg-type]

    def _load(self) -> None:
        error = self.document.load(str(self.path))
        ok = error == QPdfDocument.Error.None_
        for button in (self.print_button, self.save_button):
            button.setEnabled(ok)
        if ok:
            self.pages_label.setText(f"{self.document.pageCount()} trang")
        else:
            self.pages_label.setText("Không mở được tệp PDF. Hãy tạo lại văn bản rồi xem lại.")

    def page_count(self) -> int:
        return self.document.pageCount()

    # ------------------------------------------------------------------ saving
    def save_as(self) -> Path | None:
        start = str(Path.home() / self.suggested_name)
        chosen, _ = QFileDialog.getSaveFileName(self, "Lưu văn bản thành", start, "Tệp PDF (*.pdf)")
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            written = write_atomically(self.path.read_bytes(), target)
        except KnownError as exc:
            QMessageBox.warning(self, "Không lưu được", exc.message)
            return None
        return written

    # ------------------------------------------------------------------ printing
    def print_document(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("In văn bản")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.print_to(printer)
        return True

    def _orientation(self, page: int) -> QPageLayout.Orientation:
        size = self.document.pagePointSize(page)
        landscape = size.width() > size.height()
        return QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait

    def print_to(self, printer: QPrinter) -> None:
        """Print every page at the printer's resolution, full page, in the page's own orientation."""
        printer.setFullPage(True)
        count = self.document.pageCount()
        if not count:
            return
        printer.setPageOrientation(self._orientation(0))
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, "Không in được", "Không mở được máy in. Hãy kiểm tra máy in rồi thử lại.")
            return
        try:
            for page in range(count):
                if page:
                    printer.setPageOrientation(self._orientation(page))
                    printer.newPage()
                self._paint_page(painter, printer, page)
        finally:
            painter.end()

    def _paint_page(self, painter: QPainter, printer: QPrinter, page: int) -> None:
        target = printer.pageLayout().fullRectPixels(printer.resolution())
        points = self.document.pagePointSize(page)
        scale = min(target.width() / points.width(), target.height() / points.height())
        size = QSize(round(points.width() * scale), round(points.height() * scale))
        image = self.document.render(page, size)
        painter.drawImage(QRect(QPoint(0, 0), size), image)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._cleanup()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._cleanup()
        super().done(result)

    def _cleanup(self) -> None:
        if self.owns_file:
            self.document.close()
            self.path.unlink(missing_ok=True)
            self.owns_file = False

