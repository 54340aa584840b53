"""``emulation-desk --self-test``: prove an installation (or a frozen bundle) has everything it needs.

Opens a fresh copy of the demo, computes the 2020 table and checks it, builds the report PDF into a
temporary folder, and exits 0 — so a resource missing from a bundle fails the build, not a clerk.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from emulation_desk import __version__


def run_self_test() -> int:
    """Run every check; print one Vietnamese line per step; return the exit code."""
    with tempfile.TemporaryDirectory(prefix="emulation-desk-selftest-") as folder:
        previous = os.environ.get("EMULATION_DESK_DATA_DIR")
        os.environ["EMULATION_DESK_DATA_DIR"] = folder  # never touch the clerk's profile
        try:
            return _checks(Path(folder))
        except Exception as exc:
            print(f"LỖI: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        finally:
            if previous is None:
                os.environ.pop("EMULATION_DESK_DATA_DIR", None)
            else:
                os.environ["EMULATION_DESK_DATA_DIR"] = previous


def _checks(folder: Path) -> int:
    from emulation_desk.documents import export_report
    from emulation_desk.resources import resource_path
    from emulation_desk.services.demo import demo_copy, discard_copy
    from emulation_desk.services.reporting.statistics import check_year, stat_table
    from emulation_desk.services.workspace import open_workspace

    print(f"emulation-desk {__version__}: tự kiểm tra")
    for face in ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
                 "LiberationSerif-BoldItalic.ttf", "LiberationSans-Regular.ttf"):
        resource_path("fonts", face)
    print("- Phông chữ, danh mục, dữ liệu mẫu: có đủ.")
    path = demo_copy()
    ws = open_workspace(path)
    try:
        table = stat_table(ws, 2020)
        if table.row("I.2").c3 != 1984 or table.row("II.5").c4 != 30:
            print("LỖI: biểu tổng hợp năm 2020 của dữ liệu mẫu sai số liệu.", file=sys.stderr)
            return 1
        errors = [v for v in check_year(ws, 2020) if v.severity == "error"]
        if errors:
            print(f"LỖI: biểu năm 2020 không khớp: {errors[0].message}", file=sys.stderr)
            return 1
        print("- Biểu tổng hợp năm 2020: đúng số liệu, các đẳng thức khớp.")
        written, pages = export_report(ws, 2020, folder / "bao-cao-2020.pdf")
        if pages < 3 or written.stat().st_size < 10_000:
            print("LỖI: tệp PDF báo cáo không đầy đủ.", file=sys.stderr)
            return 1
        print(f"- Báo cáo tổng kết PDF: {pages} trang.")
        if not _preview_renders(written):
            print("LỖI: không vẽ được trang PDF để xem trước (thiếu thư viện PDFium).", file=sys.stderr)
            return 1
        print("- Xem trước PDF: vẽ được trang đầu.")
    finally:
        ws.close()
        discard_copy(path)
    print("Tự kiểm tra: đạt.")
    return 0


def _preview_renders(pdf: Path) -> bool:
    """The preview's renderer (PDFium through pypdfium2) draws the report's first page with something on it."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        bitmap = document[0].render(scale=0.25)
        return bitmap.width > 100 and min(bytes(bitmap.buffer)) < 128
    finally:
        document.close()
