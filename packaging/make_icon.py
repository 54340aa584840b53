"""Draw the application icon (resources/icons/app.png and app.ico) with Qt; run once when it changes:
``QT_QPA_PLATFORM=offscreen python packaging/make_icon.py``."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPolygonF

OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    frame = QPainterPath()
    frame.addRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 40 * s, 40 * s)
    p.fillPath(frame, QColor("#c8102e"))
    centre, outer, inner = QPointF(128 * s, 112 * s), 78 * s, 31 * s
    star = QPolygonF([QPointF(centre.x() + (outer if i % 2 == 0 else inner) * math.sin(i * math.pi / 5),
                              centre.y() - (outer if i % 2 == 0 else inner) * math.cos(i * math.pi / 5))
                      for i in range(10)])
    p.setBrush(QColor("#ffcd00"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawPolygon(star)
    font = QFont("Liberation Sans", max(6, int(44 * s)))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("#ffcd00"))
    p.drawText(QRectF(0, 188 * s, 256 * s, 56 * s), Qt.AlignmentFlag.AlignCenter, "TĐKT")
    p.end()
    return image


def main() -> None:
    app = QGuiApplication([])
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(OUT / "app.png"))
    draw(64).save(str(OUT / "app-64.png"))
    draw(256).save(str(OUT / "app.ico"))
    del app


if __name__ == "__main__":
    main()
