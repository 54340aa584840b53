"""The XLSX table printed by LibreOffice (when installed; CI does not have it): no header text overlaps
another or crosses a cell border, because the row heights were set for the wrapped text.

LibreOffice runs with a private profile and the bundled Liberation fonts (Times New Roman's metrics), so
the check is about the layout, not about the fonts this machine happens to have. The page is kept as a PNG
next to the PDF for looking at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from emulation_desk.resources import resource_path
from emulation_desk.services.reporting import exports
from emulation_desk.services.workspace import Workspace

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def _convert(xlsx: Path, tmp_path: Path) -> Path:
    home = tmp_path / "home"
    fonts = home / ".local" / "share" / "fonts"
    fonts.mkdir(parents=True)
    for font in Path(resource_path("fonts")).glob("*.ttf"):
        shutil.copy(font, fonts)
    env = {**os.environ, "HOME": str(home)}
    subprocess.run([str(SOFFICE), f"-env:UserInstallation={(home / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(xlsx)],
                   check=True, capture_output=True, env=env, timeout=180)
    return tmp_path / f"{xlsx.stem}.pdf"


def _crosses(word: dict[str, Any], edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ruling lines that run through a word (text overflowing its cell crosses the cell's border)."""
    crossing = []
    for edge in edges:
        if edge["orientation"] == "v":
            if word["x0"] + 0.5 < edge["x0"] < word["x1"] - 0.5 and edge["top"] < word["bottom"] - 1 and \
                    edge["bottom"] > word["top"] + 1:
                crossing.append(edge)
        elif word["top"] + 1 < edge["top"] < word["bottom"] - 1 and edge["x0"] < word["x1"] - 1 and \
                edge["x1"] > word["x0"] + 1:
            crossing.append(edge)
    return crossing


def test_table_header_text_does_not_overlap_in_libreoffice(demo_ws: Workspace, tmp_path: Path) -> None:
    import pdfplumber
    import pypdfium2

    xlsx = exports.export_table(demo_ws, 2020, tmp_path / "bieu_2020.xlsx").path
    pdf_path = _convert(xlsx, tmp_path)
    with pdfplumber.open(pdf_path) as pdf:
        assert len(pdf.pages) == 1, "the 2020 table fits one A4 landscape page"
        page = pdf.pages[0]
        assert page.width > page.height
        words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
        edges = page.edges
    text = " ".join(w["text"] for w in words)
    assert "BIỂU TỔNG HỢP KẾT QUẢ KHEN THƯỞNG NĂM 2020" in text and "(11)=(10:3)" in text
    first_row = min(w["top"] for w in words if w["text"] == "Giấy")
    header = [w for w in words if w["top"] < first_row]
    for index, word in enumerate(header):
        assert not _crosses(word, edges), f"“{word['text']}” runs over a cell border"
        for other in header[index + 1:]:
            overlap = min(word["x1"], other["x1"]) - max(word["x0"], other["x0"]) > 0.5 and \
                min(word["bottom"], other["bottom"]) - max(word["top"], other["top"]) > 0.5
            assert not overlap, f"“{word['text']}” overlaps “{other['text']}”"
    page_image = pypdfium2.PdfDocument(str(pdf_path))[0].render(scale=1.5).to_pil()
    page_image.save(tmp_path / "bieu_2020.png")
    print(f"table page: {tmp_path / 'bieu_2020.png'}")
