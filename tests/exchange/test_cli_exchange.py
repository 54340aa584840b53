"""The import and export commands: problems one per line, exit code 1, nothing written."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from emulation_desk.cli import run
from tests.exchange.builders import UNIT, messy_nomination_workbook, nomination_table


def digest(path: Path) -> str:
    """Every row of the file (its header's change counter moves when a writer opens and closes it: the file is
    in WAL mode while held and back in rollback mode at rest)."""
    conn = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def test_import_dry_run_then_import(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    messy = messy_nomination_workbook(tmp_path / "ds.xlsx")
    before = digest(demo_path)
    assert run(["--db", str(demo_path), "import", "nominations", str(messy), "--year", "2021", "--unit", UNIT,
                "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Trang “Cá nhân”: tiêu đề ở dòng 8, dữ liệu từ dòng 10" in out
    assert "Kiểm tra xong (chưa ghi gì): sẽ nhập 7 đề nghị khen thưởng" in out
    assert digest(demo_path) == before
    assert run(["--db", str(demo_path), "import", "nominations", str(messy), "--year", "2021", "--unit", UNIT]) == 0
    assert "Đã nhập 7 đề nghị khen thưởng" in capsys.readouterr().out


def test_problems_are_printed_one_per_line(demo_path: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = nomination_table(tmp_path / "loi.xlsx", [
        [1, "Nguyễn Văn An", "31/02/1980", "Chuyên viên", UNIT, "Lao động tiên tiến"],
        [2, "Trần Thị Bình", 2099, "Chuyên viên", UNIT, "Danh hiệu lạ"],
    ])
    before = digest(demo_path)
    assert run(["--db", str(demo_path), "import", "nominations", str(path), "--year", "2021"]) == 1
    captured = capsys.readouterr()
    lines = [line for line in captured.out.splitlines() if line.startswith("Trang “Danh sách”, dòng")]
    assert len(lines) == 3
    assert re.match(r"Trang “Danh sách”, dòng 3, cột C «31/02/1980»: Ngày không hợp lệ", lines[0])
    assert any("dòng 4, cột C «2099»: Năm sinh 2099 ở tương lai" in line for line in lines)
    assert any("dòng 4, cột F «Danh hiệu lạ»: Không nhận ra hình thức" in line for line in lines)
    assert "Lỗi: Không nhập gì: tệp có 3 lỗi" in captured.err
    assert digest(demo_path) == before


def test_refused_file(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "ds.xlsx"
    bad.write_text("không phải excel", encoding="utf-8")
    assert run(["--db", str(demo_path), "import", "decisions", str(bad)]) == 1
    assert "không phải tệp Excel .xlsx" in capsys.readouterr().err
    assert run(["--db", str(demo_path), "import"]) == 2


def test_exports(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(demo_path)]
    commands = {
        "mau.xlsx": ["export", "template", "nominations"],
        "de_nghi.xlsx": ["export", "list", "nominations", "--year", "2020"],
        "qd.xlsx": ["export", "list", "decision", "--number", "4520/QĐ-UBND", "--year", "2020"],
        "long.xlsx": ["export", "list", "person", "--name", "nguyen thanh long", "--birth-year", "1967"],
        "bieu.xlsx": ["export", "table", "--year", "2020"],
    }
    for name, command in commands.items():
        assert run([*db, *command, "--out", str(tmp_path / name)]) == 0, name
        assert (tmp_path / name).exists()
    table = load_workbook(tmp_path / "bieu.xlsx").active
    assert (table["B8"].value, table["C8"].value, table["D8"].value) == ("Giấy khen", 542, 396)  # row I.1
    from emulation_desk.cli.exchange import offer_xlsx_table

    pdf_renderer = offer_xlsx_table()  # True once cli/export.py (the PDF documents) is merged in
    assert run([*db, "export", "table", "--year", "2020", "--out", str(tmp_path / "bieu.pdf")]) == (
        0 if pdf_renderer else 1)
    fresh = tmp_path / "moi.sqlite"
    assert run(["--db", str(fresh), "import", "decisions", str(tmp_path / "qd.xlsx")]) == 0
    assert "Đã nhập 1 quyết định với 670 người/tập thể được khen" in capsys.readouterr().out


def test_commands_join_an_export_command_registered_elsewhere() -> None:
    """How the lead merges with cli/export.py: its ``export`` parser (with ``table``) is registered first."""
    import argparse

    from emulation_desk.cli import add_command
    from emulation_desk.cli import exchange as exchange_cli

    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers(dest="command")
    export = add_command(subparsers, "export", "xuất", lambda args: 0)
    kinds = export.add_subparsers(dest="export_what")
    pdf_table = add_command(kinds, "table", "biểu (PDF)", lambda args: 7)
    pdf_table.add_argument("--out")
    exchange_cli.register(subparsers)
    assert {"table", "template", "list"} <= set(kinds.choices)
    assert parser.parse_args(["export", "table", "--out", "x.pdf"]).handler(None) == 7  # theirs is kept
    args = parser.parse_args(["export", "list", "nominations", "--year", "2020", "--out", "x.xlsx"])
    assert args.handler is exchange_cli.cmd_export_nominations


def test_old_excel_and_word_lists_import_from_the_command_line(demo_path: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    from emulation_desk.core import legacy_vn
    from tests.exchange import formats

    lines = formats.with_form_rows(formats.encoded(formats.canonical(), legacy_vn.TCVN3))
    xls = formats.write_xls(tmp_path / "ds.xls", lines, font=lambda kind: ".VnTime")
    assert run(["--db", str(demo_path), "import", "nominations", str(xls), "--year", "2021", "--unit", UNIT,
                "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Đã nhận ra: Trang “Danh sách”: bỏ qua 3 dòng đánh số cột" in out
    assert "bảng mã TCVN3 (ABC) (theo phông chữ của ô)" in out and "«Hä vµ tªn» → «Họ và tên»" in out
    assert "sẽ nhập 7 đề nghị khen thưởng" in out
    docx = formats.write_docx(tmp_path / "ds.docx", formats.canonical())
    assert run(["--db", str(demo_path), "import", "nominations", str(docx), "--year", "2021", "--unit", UNIT]) == 0
    assert "Đã nhập 7 đề nghị khen thưởng" in capsys.readouterr().out


def test_namesake_questions_are_listed_and_answered(demo_path: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = nomination_table(tmp_path / "ds.xlsx", [
        [1, "Nguyễn Văn Bình", 1980, "Giáo viên", UNIT, "Lao động tiên tiến"],
        [2, "Nguyễn Văn Bình", 1980, "Bảo vệ", UNIT, "Lao động tiên tiến"],
    ])
    base = ["--db", str(demo_path), "import", "nominations", str(path), "--year", "2021"]
    before = digest(demo_path)
    assert run([*base, "--dry-run"]) == 1
    captured = capsys.readouterr()
    assert "Câu hỏi Danh sách!4: Dòng 3 và dòng 4 cùng họ tên «Nguyễn Văn Bình», năm sinh 1980" in captured.out
    assert re.search(r"Chức vụ\s+Giáo viên\s+Bảo vệ", captured.out)
    assert '--answer "Danh sách!4=khac"' in captured.out and "chưa trả lời" in captured.err
    assert digest(demo_path) == before
    answers = tmp_path / "tra_loi.txt"
    answers.write_text("# trả lời\nDanh sách!4 = khác\n", encoding="utf-8")
    assert run([*base, "--answers", str(answers)]) == 0
    assert "Đã nhập 2 đề nghị khen thưởng; tạo mới 2 cá nhân" in capsys.readouterr().out
    assert run([*base, "--answer", "Danh sách!4=có lẽ"]) != 0
    assert "Không hiểu câu trả lời" in capsys.readouterr().err
