"""The command line: exit codes, Vietnamese output, the demo's figures as JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from emulation_desk.cli import run
from tests.seed_table import SEED_ROWS


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "emulation_desk", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, timeout=120)


def test_demo_stats_json_prints_every_row(tmp_path: Path, demo_template: Path) -> None:
    result = cli("--demo", "stats", "--year", "2020", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["year"] == 2020
    rows = {f"{r['group']}.{r['no']}": r for r in data["rows"]}
    assert set(SEED_ROWS) <= set(rows)
    giay_khen = rows["I.1"]
    assert (giay_khen["form"], giay_khen["c3"], giay_khen["c6"], giay_khen["c10"]) == ("Giấy khen", 542, 145, 397)
    assert rows["II.5"]["c5"] == 62.5 and rows["II.5"]["c7"] == 98
    assert rows["I.4"]["c4"] is None and rows["III.1"]["c14"] == "HCLĐ hạng Nhì"
    assert isinstance(rows["I.2"]["c3"], int)


def test_demo_never_changes_the_template(demo_template: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = demo_template.read_bytes()
    assert run(["--demo", "init"]) == 0
    assert run(["--demo", "check", "--year", "2020"]) == 0
    assert demo_template.read_bytes() == before
    assert "toàn vẹn" in capsys.readouterr().out


def test_init_then_check_on_a_new_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "sub" / "office.sqlite"
    assert run(["--db", str(db), "init"]) == 0
    assert db.exists()
    assert run(["--db", str(db), "check"]) == 0
    assert run(["--db", str(db), "stats", "--year", "2020"]) == 0
    out = capsys.readouterr().out
    assert "Danh mục khen thưởng" in out and "BIỂU TỔNG HỢP KẾT QUẢ KHEN THƯỞNG NĂM 2020" in out


def test_check_fails_on_a_damaged_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite"
    assert run(["--db", str(db), "init"]) == 0
    data = bytearray(db.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    db.write_bytes(bytes(data))
    capsys.readouterr()
    assert run(["--db", str(db), "check"]) == 1
    captured = capsys.readouterr()
    assert "Lỗi" in captured.err + captured.out


def test_data_dir_option_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(["--data-dir", str(tmp_path / "office"), "init"]) == 0
    assert (tmp_path / "office" / "thiduakhenthuong.sqlite").exists()
    monkeypatch.setenv("EMULATION_DESK_DB", str(tmp_path / "env.sqlite"))
    assert run(["init"]) == 0
    assert (tmp_path / "env.sqlite").exists()


def test_help_is_vietnamese() -> None:
    result = cli("--help")
    assert result.returncode == 0
    assert "Cách dùng" in result.stdout and "Tùy chọn" in result.stdout and "dữ liệu mẫu" in result.stdout


def test_stats_on_a_missing_file_says_so(tmp_path: Path) -> None:
    result = cli("--db", str(tmp_path / "nope.sqlite"), "stats", "--year", "2020")
    assert result.returncode == 1
    assert "Không tìm thấy tệp dữ liệu" in result.stderr


def test_eligibility_counts_the_subjects_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from emulation_desk.cli.engine import _terminal_progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert _terminal_progress() is None
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    show = _terminal_progress()
    assert show is not None
    show(1000, 2643)
    show(2643, 2643)
    assert screen.getvalue() == ("\rĐang xét điều kiện: 1.000/2.643 người và tập thể…"
                                 "\rĐang xét điều kiện: 2.643/2.643 người và tập thể…\n")
