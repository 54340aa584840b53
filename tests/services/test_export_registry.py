"""The one export path (services/reporting/registry.py): the renderer by the file's suffix, the same bytes from
the command line and from the window, what the renderers alone make, the audit row, Vietnamese refusals."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from emulation_desk.cli import run
from emulation_desk.errors import KnownError
from emulation_desk.services.reporting.registry import (
    DOCUMENTS,
    FOLDER,
    export_document,
    renderer_for,
    suffixes,
)
from emulation_desk.services.workspace import Workspace


def test_documents_print_as_pdf_lists_as_spreadsheets_and_the_dossier_as_a_folder() -> None:
    assert all(suffixes(document)[0] == ".pdf" for document in DOCUMENTS if ".pdf" in suffixes(document))
    assert suffixes("table") == [".pdf", ".xlsx"]
    assert renderer_for("table", "Bieu.XLSX") is DOCUMENTS["table"][".xlsx"]
    assert {d for d in DOCUMENTS if suffixes(d) == [".xlsx"]} == {"template", "nominations", "decision_list",
                                                                   "person_history"}
    assert suffixes("certificates") == suffixes("calibration") == [".pdf"]
    assert renderer_for("dossier", "ho-so.2021") is DOCUMENTS["dossier"][FOLDER]  # any name is a folder's


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


LISTS = (("template", ["template", "nominations"], {"year": None}),
         ("nominations", ["list", "nominations", "--year", "2020"], {"year": 2020}),
         ("decision_list", ["list", "decision", "--number", "4520/QĐ-UBND", "--year", "2020"],
          {"number": "4520/QĐ-UBND", "year": 2020}),
         ("person_history", ["list", "person", "--name", "nguyen thanh long", "--birth-year", "1967"],
          {"name": "nguyen thanh long", "birth_year": 1967}))


def test_lists_certificates_and_calibration_are_the_same_from_the_command_line_and_the_registry(
        demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every ``export`` command is a call of the registry: the same cells, the same PDF bytes, the same audit."""
    import shutil

    from emulation_desk.services.workspace import open_workspace

    twin = tmp_path / "twin.sqlite"
    shutil.copyfile(demo_path, twin)  # certificates fix Sổ vàng numbers: each face prints on its own copy
    seq = _last_seq(demo_path)
    cli, direct = tmp_path / "cli", tmp_path / "direct"
    cli.mkdir()
    direct.mkdir()
    db = ["--db", str(demo_path)]
    for document, command, _params in LISTS:
        assert run([*db, "export", *command, "--out", str(cli / f"{document}.xlsx")]) == 0, document
    certificates = ["--number", "2891", "--year", "2020", "--blank", "--only", "2,5"]
    assert run([*db, "export", "certificates", *certificates, "--out", str(cli / "gk.pdf")]) == 0
    assert run([*db, "export", "calibration", "--layout", "a3_ngang", "--out", str(cli / "cc.pdf")]) == 0
    out = capsys.readouterr().out
    assert "Đã ghi 2 giấy (lên phôi, mẫu a4_ngang) vào tệp:" in out
    assert "Đã ghi danh sách đề nghị khen thưởng năm 2020 (" in out
    ws = open_workspace(twin)
    try:
        for document, _command, params in LISTS:
            written = export_document(ws, document, direct / f"{document}.xlsx", **params)
            assert written.path == direct / f"{document}.xlsx" and written.detail.what in written.what
        printed = export_document(ws, "certificates", direct / "gk.pdf", number="2891", year=2020, blank=True,
                                  only=[2, 5])
        export_document(ws, "calibration", direct / "cc.pdf", layout="a3_ngang")
    finally:
        ws.close()
    assert printed.pages == 2 and printed.changes is not None and printed.changes.decisions
    for document, _command, _params in LISTS:
        assert _cells(cli / f"{document}.xlsx") == _cells(direct / f"{document}.xlsx"), document
    for name in ("gk.pdf", "cc.pdf"):
        assert (cli / name).read_bytes() == (direct / name).read_bytes(), name
    logged = _logged_since(demo_path, seq)
    assert logged == _logged_since(twin, seq)
    assert [entity for action, entity in logged if action == "export"] == [
        "nomination", "nomination", "decision", "person", "printer_profile"]
    assert ("create", "golden_book_entry") in logged and ("create", "certificate_print") in logged


def _last_seq(path: Path) -> int:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0])


def _logged_since(path: Path, seq: int) -> list[tuple[str, str]]:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path)) as conn:
        return list(conn.execute("SELECT action, entity FROM audit_log WHERE seq > ? ORDER BY seq", [seq]))


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
