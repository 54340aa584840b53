"""The export functions and the ``export`` command: files, messages, exit codes, the audit log."""

from __future__ import annotations

from pathlib import Path

import pytest

from emulation_desk.cli import run
from emulation_desk.services.workspace import Workspace
from tests.documents.conftest import open_pdf, page_text


def test_export_functions_write_and_log(demo_ws: Workspace, tmp_path: Path) -> None:
    from emulation_desk.services.reporting.registry import export_document

    before = demo_ws.store.scalar("SELECT count(*) FROM audit_log WHERE action = 'export'")
    report = export_document(demo_ws, "report", tmp_path / "bao-cao.pdf", year=2020)
    assert report.pages == 5 and report.path.read_bytes().startswith(b"%PDF")
    assert export_document(demo_ws, "table", tmp_path / "bieu.pdf", year=2020).pages == 2  # with its signature block
    assert export_document(demo_ws, "decision", tmp_path / "qd.pdf", number="4523/QĐ-UBND", year=2020).pages > 3
    rows = demo_ws.store.query("SELECT entity, summary FROM audit_log WHERE action = 'export' ORDER BY seq")
    assert len(rows) == before + 3
    assert [r["entity"] for r in rows[-3:]] == ["report", "stat_table", "decision"]
    assert "quyết định số 4523/QĐ-UBND" in rows[-1]["summary"]


def test_failed_export_writes_nothing_and_logs_nothing(demo_ws: Workspace, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from emulation_desk.errors import KnownError
    from emulation_desk.services.reporting.registry import export_document

    def no_permission(*_a: object, **_k: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", no_permission)
    before = demo_ws.store.scalar("SELECT count(*) FROM audit_log")
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(KnownError, match="Không có quyền ghi"):
        export_document(demo_ws, "report", folder / "bao-cao.pdf", year=2020)
    assert list(folder.iterdir()) == []
    assert demo_ws.store.scalar("SELECT count(*) FROM audit_log") == before


def test_cli_exports_the_three_documents(tmp_path: Path, demo_template: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--demo", "export", "report", "--year", "2020", "--out", str(tmp_path / "bc.pdf")]) == 0
    assert run(["--demo", "export", "table", "--year", "2020", "--out", str(tmp_path / "bieu.PDF")]) == 0
    assert run(["--demo", "export", "decision", "--number", "4520/QĐ-UBND", "--year", "2020",
                "--out", str(tmp_path / "qd.pdf")]) == 0
    out = capsys.readouterr().out
    assert "Đã ghi báo cáo tổng kết năm 2020 (5 trang)" in out and "Đã ghi biểu tổng hợp năm 2020 (2 trang)" in out
    with open_pdf((tmp_path / "qd.pdf").read_bytes()) as pdf:
        assert "Số: 4520/QĐ-UBND" in page_text(pdf.pages[0])
    with open_pdf((tmp_path / "bieu.PDF").read_bytes()) as pdf:
        assert pdf.pages[0].width > pdf.pages[0].height


@pytest.mark.parametrize(("args", "code", "message"), [
    (["export", "table", "--year", "2020", "--out", "bieu.docx"], 1, "Chưa xuất được biểu ra tệp “.docx”"),
    (["export", "report", "--year", "2020", "--out", "bao-cao.txt"], 1, "phải có đuôi .pdf"),
    (["export", "decision", "--number", "3102", "--year", "2020", "--out", "qd.pdf"], 1,
     "chỉ in quyết định do cơ quan mình ban hành"),
    (["export", "decision", "--number", "1", "--year", "2020", "--out", "qd.pdf"], 1, "Không tìm thấy quyết định"),
    (["export", "report", "--year", "2020", "--out", "khong-co/bc.pdf"], 1, "Không tìm thấy thư mục"),
])
def test_cli_errors_are_vietnamese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo_template: Path,
                                   capsys: pytest.CaptureFixture[str], args: list[str], code: int, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["--demo", *args]) == code
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_year_without_a_report_prints_the_standard_structure(tmp_path: Path, demo_template: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--demo", "export", "report", "--year", "2019", "--out", str(tmp_path / "bc.pdf")]) == 0
    assert "Năm 2019 chưa có báo cáo tổng kết: đã in theo cấu trúc chuẩn" in capsys.readouterr().err
    with open_pdf((tmp_path / "bc.pdf").read_bytes()) as pdf:
        assert "ĐẶC ĐIỂM, TÌNH HÌNH" in page_text(pdf.pages[0])


def test_export_without_a_document_shows_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--demo", "export"]) == 2
    assert "report" in capsys.readouterr().out


def test_table_renderers_are_chosen_by_suffix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              demo_template: Path) -> None:
    from emulation_desk.services.reporting import registry

    calls: list[tuple[int, Path]] = []

    def fake_xlsx(_ws: Workspace, path: Path, *, year: int) -> registry.Exported:
        calls.append((year, path))
        path.write_bytes(b"xlsx")
        return registry.Exported(path, "biểu", rows=1)

    monkeypatch.setitem(registry.DOCUMENTS["table"], ".xlsx", fake_xlsx)
    assert run(["--demo", "export", "table", "--year", "2020", "--out", str(tmp_path / "b.XLSX")]) == 0
    assert calls == [(2020, tmp_path / "b.XLSX")]
