"""A PDF's pages for the preview: PDFium (``pypdfium2``) rasterises them, Qt shows and prints the images.

PDFium is not thread-safe: a :class:`PdfPages` is used on the GUI thread only, and renders only what is
on screen (a page takes a few milliseconds at screen size). :class:`PageCanvas` lays the pages out one
under the other at a zoom (pixels per PDF point) and paints the visible ones from a small cache.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from emulation_desk.errors import KnownError

GAP = 12  # pixels between two pages and around them
CACHED_PAGES = 8
STRIP_PX = 1024  # printing renders a page in strips of this many rows (a 600 dpi A4 page is 139 MB at once)


class PdfPages:
    """An open PDF: page count, page sizes in points, pages (or strips of them) as images."""

    def __init__(self, path: Path | str) -> None:
        try:
            self.pdf = pdfium.PdfDocument(str(path))
        except (pdfium.PdfiumError, OSError) as exc:
            raise KnownError("Không mở được tệp PDF. Hãy tạo lại văn bản rồi xem lại.", details=str(exc)) from exc
        self.sizes = [QSizeF(*self.pdf[i].get_size()) for i in range(len(self.pdf))]

    def count(self) -> int:
        return len(self.sizes)

    def size(self, page: int) -> QSizeF:
        return self.sizes[page]

    def render(self, page: int, scale: float, *, top: int = 0, rows: int | None = None) -> QImage:
        """Page ``page`` at ``scale`` pixels per point; ``top``/``rows`` take a horizontal strip of it (in
        pixels of the whole page's image)."""
        height_px = self.sizes[page].height() * scale
        crop_top = top / scale
        crop_bottom = 0.0 if rows is None else max(height_px - top - rows, 0) / scale
        bitmap = self.pdf[page].render(scale=scale, crop=(0, crop_bottom, 0, crop_top), rev_byteorder=True,
                                       prefer_bgrx=True)
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888)
        return image.copy()  # detached from PDFium's buffer, which goes with the bitmap

    def strips(self, page: int, scale: float) -> Iterator[tuple[int, QImage]]:
        """The page at ``scale`` as (top pixel, image) strips of at most :data:`STRIP_PX` rows."""
        height_px = round(self.sizes[page].height() * scale)
        for top in range(0, height_px, STRIP_PX):
            yield top, self.render(page, scale, top=top, rows=min(STRIP_PX, height_px - top))

    def close(self) -> None:
        self.pdf.close()


class PageCanvas(QWidget):
    """The pages one under the other, centred, at ``zoom`` pixels per point (inside a QScrollArea)."""

    def __init__(self, pages: PdfPages | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = pages
        self.zoom = 1.0
        self.rects: list[QRect] = []
        self._cache: OrderedDict[int, QImage] = OrderedDict()
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor("#808080"))
        self.setPalette(palette)
        self.set_zoom(1.0)

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        self._cache.clear()
        self.rects = []
        sizes = self.pages.sizes if self.pages is not None else []
        width = max((round(s.width() * zoom) for s in sizes), default=0) + 2 * GAP
        y = GAP
        for size in sizes:
            w, h = round(size.width() * zoom), round(size.height() * zoom)
            self.rects.append(QRect((width - w) // 2, y, w, h))
            y += h + GAP
        self.setFixedSize(QSize(width, y))
        self.update()

    def page_at(self, y: int) -> int:
        """The page shown at height ``y`` (the one above when ``y`` falls in a gap)."""
        for index, rect in enumerate(self.rects):
            if y < rect.bottom() + GAP:
                return index
        return max(len(self.rects) - 1, 0)

    def image(self, page: int) -> QImage:
        if page in self._cache:
            self._cache.move_to_end(page)
            return self._cache[page]
        assert self.pages is not None
        ratio = self.devicePixelRatioF()
        image = self.pages.render(page, self.zoom * ratio)
        image.setDevicePixelRatio(ratio)
        self._cache[page] = image
        while len(self._cache) > CACHED_PAGES:
            self._cache.popitem(last=False)
        return image

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            for index, rect in enumerate(self.rects):
                if rect.intersects(event.rect()):
                    painter.fillRect(rect.translated(2, 2), Qt.GlobalColor.darkGray)
                    painter.drawImage(rect, self.image(index))
        finally:
            painter.end()
