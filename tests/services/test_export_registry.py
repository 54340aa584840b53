"""The one export path (services/reporting/registry.py): the renderer by the file's suffix, the same bytes from
the command line and from the window, what the renderers alone make, the audit row, Vietnamese refusals."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from emulation_desk.cli import run
from emulation_desk.errors import KnownError
from emulation_desk.services.reporting.registry import DOCUMENTS, export_document, renderer_for, suffixes
from emulation_desk.services.workspace import Workspace


def test_every_document_prints_as_pdf_and_the_table_also_as_a_spreadsheet() -> None:
    assert all(suffixes(document)[0] == ".pdf" for document in DOCUMENTS)
    assert suffixes("table") == [".pdf", ".xlsx"]
    assert renderer_for("table", "Bieu.XLSX") is DOCUMENTS["table"][".xlsx"]


def test_the_file_is_what_the_renderer_alone_makes(demo_ws: Workspace, tmp_path: Path) -> None:
    """The registry only chooses and writes: the report's bytes are the renderer's, byte for byte."""
    from emulation_desk.documents.report import report_pdf, table_pdf
    from emulation_desk.services.reporting.documents_data import report_for_print, table_for_print

    report = export_document(demo_ws, "report", tmp_path / "bc.pdf", year=2020)
    assert report.path.read_bytes() == report_pdf(report_for_print(demo_ws, 2020))
    table = export_document(demo_ws, "table", tmp_path / "bieu.pdf", year=2020)
    assert table.path.read_bytes() == table_pdf(*table_for_print(demo_ws, 2020))
    assert report.summary() == f"Đã ghi báo cáo tổng kết năm 2020 (5 trang) vào tệp: {report.path}"


def _cells(path: Path) -> list[list[object]]:
    book = openpyxl.load_workbook(path)
    return [[c.value for c in row] for sheet in book.worksheets for row in sheet.iter_rows()]


def test_the_command_line_and_the_window_write_the_same_documents(demo_ws: Workspace, demo_path: Path,
                                                                  tmp_path: Path) -> None:
    from emulation_desk.ui.tabs.reports import default_exporters

    cli = tmp_path / "cli"
    window = tmp_path / "window"
    cli.mkdir()
    window.mkdir()
    db = ["--db", str(demo_path)]
    demo_ws.close()  # the command line opens the file itself (one writer at a time)
    for command, name in ((["report"], "bc.pdf"), (["table"], "bieu.pdf"), (["table"], "bieu.xlsx")):
        assert run([*db, "export", *command, "--year", "2020", "--out", str(cli / name)]) == 0
    from emulation_desk.services.workspace import open_workspace

    ws = open_workspace(demo_path)
    try:
        exporters = default_exporters()
        for key, name in (("report_pdf", "bc.pdf"), ("table_pdf", "bieu.pdf"), ("table_xlsx", "bieu.xlsx")):
            exporters[key](ws, 2020, window / name)
        logged = ws.store.query("SELECT entity FROM audit_log WHERE action = 'export' ORDER BY seq")
    finally:
        ws.close()
    for name in ("bc.pdf", "bieu.pdf"):
        assert (cli / name).read_bytes() == (window / name).read_bytes(), name
    assert _cells(cli / "bieu.xlsx") == _cells(window / "bieu.xlsx")  # the spreadsheet's own timestamps differ
    assert [r["entity"] for r in logged][-6:] == ["report", "stat_table", "report"] * 2


@pytest.mark.parametrize(("document", "name", "message"), [
    ("table", "bieu.docx", "Chưa xuất được biểu ra tệp “.docx”. Hãy đặt tên tệp có một trong các đuôi: .pdf, .xlsx "
                           "(ví dụ “bieu-tong-hop-2020.pdf”)."),
    ("table", "bieu", "Chưa xuất được biểu ra tệp không có đuôi."),
    ("report", "bao-cao.xlsx", "Tên tệp “bao-cao.xlsx” phải có đuôi .pdf, ví dụ “bao-cao-2020.pdf”."),
])
def test_a_wrong_suffix_is_refused_in_vietnamese_before_anything_is_written(demo_ws: Workspace, tmp_path: Path,
                                                                            document: str, name: str,
                                                                            message: str) -> None:
    before = demo_ws.store.scalar("SELECT count(*) FROM audit_log")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(KnownError) as caught:
        export_document(demo_ws, document, out / name, year=2020)
    assert caught.value.message.startswith(message)
    assert list(out.iterdir()) == [] and demo_ws.store.scalar("SELECT count(*) FROM audit_log") == before
