"""A dialog that shows a PDF (a report, a table, a decision) with "In…" and "Lưu thành…" buttons.

PDFium (``pypdfium2``, :mod:`emulation_desk.ui.pdf_pages`) renders the pages; the dialog shows them one
under the other with page navigation (a page box, Page Up/Down) and zoom (fit the width, the whole page,
or a percentage of the real size). Printing goes through QtPrintSupport, page by page at the printer's
resolution (rendered in strips), each page in its own orientation (the statistical table is landscape).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QPageLayout, QPainter, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.documents.output import write_atomically
from emulation_desk.errors import KnownError
from emulation_desk.ui.pdf_pages import GAP, PageCanvas, PdfPages

FIT_WIDTH, FIT_PAGE = "width", "page"
ZOOMS = [(FIT_WIDTH, "Vừa chiều rộng"), (FIT_PAGE, "Cả trang"), *((p, f"{p}%") for p in (50, 75, 100, 125, 150, 200))]
REAL_SIZE = 96 / 72  # 100 %: a point is 1/72 inch on a 96 dpi screen


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
        self.error = ""
        try:
            self.pages: PdfPages | None = PdfPages(self.path)
        except KnownError as exc:
            self.pages, self.error = None, exc.message
        self.canvas = PageCanvas(self.pages)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.canvas)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._pinned_page: int | None = None
        self.scroll.verticalScrollBar().valueChanged.connect(lambda *_: self._follow_scroll())
        self.scroll.viewport().installEventFilter(self)
        self._build()
        self._load()

    def _build(self) -> None:
        self.page_box = QSpinBox()
        self.page_box.setMinimum(1)
        self.page_box.setToolTip("Đến trang (Page Up / Page Down để lật trang)")
        self.page_box.valueChanged.connect(lambda value: self.go_to_page(value - 1))
        self.of_label = QLabel()
        self.zoom_box = QComboBox()
        for key, label in ZOOMS:
            self.zoom_box.addItem(label, key)
        self.zoom_box.setToolTip("Thu phóng (Ctrl + / Ctrl −)")
        self.zoom_box.currentIndexChanged.connect(lambda *_: self.apply_zoom())
        zoom_out, zoom_in = QPushButton("−"), QPushButton("+")
        for button, step, keys in ((zoom_out, -1, QKeySequence.StandardKey.ZoomOut),
                                   (zoom_in, 1, QKeySequence.StandardKey.ZoomIn)):
            button.setFixedWidth(32)
            button.clicked.connect(lambda _=False, s=step: self.step_zoom(s))
            QShortcut(QKeySequence(keys), self, lambda s=step: self.step_zoom(s))
        for key, step in ((Qt.Key.Key_PageUp, -1), (Qt.Key.Key_PageDown, 1)):
            QShortcut(QKeySequence(key), self, lambda s=step: self.go_to_page(self.current_page() + s))
        top = QHBoxLayout()
        top.addWidget(QLabel("Trang"))
        top.addWidget(self.page_box)
        top.addWidget(self.of_label)
        top.addStretch(1)
        top.addWidget(zoom_out)
        top.addWidget(self.zoom_box)
        top.addWidget(zoom_in)
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
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)

    @classmethod
    def from_bytes(cls, data: bytes, **kwargs: object) -> PdfPreviewDialog:
        """Preview PDF bytes (kept in a temporary file that goes away with the dialog)."""
        handle = tempfile.NamedTemporaryFile(prefix="xem-truoc-", suffix=".pdf", delete=False)  # noqa: SIM115
        with handle:
            handle.write(data)
        return cls(handle.name, owns_file=True, **kwargs)  # type: ignore[arg-type]

    def _load(self) -> None:
        ok = self.pages is not None and self.page_count() > 0
        for widget in (self.print_button, self.save_button, self.page_box, self.zoom_box):
            widget.setEnabled(ok)
        if ok:
            self.pages_label.setText(f"{self.page_count()} trang")
            self.page_box.setMaximum(self.page_count())
            self.of_label.setText(f"/ {self.page_count()}")
            self.apply_zoom()
        else:
            self.pages_label.setText(self.error or "Tệp PDF không có trang nào. Hãy tạo lại văn bản rồi xem lại.")

    def page_count(self) -> int:
        return self.pages.count() if self.pages is not None else 0

    # ------------------------------------------------------------------ navigation and zoom
    def zoom_for(self, key: object) -> float:
        """Pixels per point for a zoom choice (fit choices follow the dialog's size)."""
        if self.pages is None or not self.page_count():
            return REAL_SIZE
        if isinstance(key, int):
            return REAL_SIZE * key / 100
        viewport = self.scroll.viewport().size()
        widest = max(s.width() for s in self.pages.sizes)
        by_width = max(viewport.width() - 2 * GAP, 100) / widest
        if key == FIT_WIDTH:
            return by_width
        tallest = max(s.height() for s in self.pages.sizes)
        return min(by_width, max(viewport.height() - 2 * GAP, 100) / tallest)

    def apply_zoom(self) -> None:
        page = self.current_page()
        self.canvas.set_zoom(self.zoom_for(self.zoom_box.currentData()))
        self.go_to_page(page)

    def step_zoom(self, step: int) -> None:
        """One step in the percentages from the zoom now shown (a fit choice counts as its percentage)."""
        percent = self.canvas.zoom / REAL_SIZE * 100
        choices = [k for k, _ in ZOOMS if isinstance(k, int)]
        wanted = [p for p in choices if (p > percent + 1 if step > 0 else p < percent - 1)]
        if wanted:
            self.zoom_box.setCurrentIndex(self.zoom_box.findData(wanted[0] if step > 0 else wanted[-1]))

    def current_page(self) -> int:
        """The page at the top of the view; a last page that cannot scroll up to the top (a short window)
        stays the current one while the view rests at the end where going to it left it."""
        bar = self.scroll.verticalScrollBar()
        if self._pinned_page is not None and bar.value() == bar.maximum():
            return self._pinned_page
        self._pinned_page = None
        return self.canvas.page_at(bar.value() + GAP)

    def go_to_page(self, page: int) -> None:
        if 0 <= page < len(self.canvas.rects):
            bar = self.scroll.verticalScrollBar()
            target = self.canvas.rects[page].top() - GAP
            self._pinned_page = None
            bar.setValue(target)
            if bar.value() < target:  # the view ends before the page reaches its top
                self._pinned_page = page
            self._follow_scroll()

    def _follow_scroll(self) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(self.current_page() + 1)
        self.page_box.blockSignals(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The fit choices follow the viewport's size (it changes after the dialog's own resize)."""
        if (watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize and self.page_count()
                and self.zoom_box.currentData() in (FIT_WIDTH, FIT_PAGE)):
            self.apply_zoom()
        return super().eventFilter(watched, event)

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
        assert self.pages is not None
        size = self.pages.size(page)
        landscape = size.width() > size.height()
        return QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait

    def print_to(self, printer: QPrinter) -> None:
        """Print every page at the printer's resolution, full page, in the page's own orientation."""
        printer.setFullPage(True)
        count = self.page_count()
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
        assert self.pages is not None
        target = printer.pageLayout().fullRectPixels(printer.resolution())
        points = self.pages.size(page)
        scale = min(target.width() / points.width(), target.height() / points.height())
        for top, strip in self.pages.strips(page, scale):
            painter.drawImage(QPoint(0, top), strip)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._cleanup()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._cleanup()
        super().done(result)

    def _cleanup(self) -> None:
        if self.pages is not None:
            self.canvas.pages = None
            self.canvas.set_zoom(self.canvas.zoom)
            self.pages.close()
            self.pages = None
        if self.owns_file:
            self.path.unlink(missing_ok=True)
            self.owns_file = False
