"""A bug in a command: the report on stderr (version, command, traceback, log file), exit code 70, the
traceback in the log; a known error keeps its Vietnamese message and exit code 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from emulation_desk import logs
from emulation_desk.cli import run

CHILD = (
    "import sys\n"
    "import emulation_desk.cli.basic as basic\n"
    "def broken(args):\n"
    "    raise RuntimeError('lỗi cài vào lệnh')\n"
    "basic.cmd_check = broken\n"
    "from emulation_desk.__main__ import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def test_a_bug_exits_70_with_the_report(tmp_path: Path) -> None:
    env = {**os.environ, "EMULATION_DESK_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-c", CHILD, "--db", str(tmp_path / "office.sqlite"), "check"],
                            capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert result.returncode == 70, result.stderr
    err = result.stderr
    assert "Lỗi không mong muốn" in err and "Dữ liệu đã lưu vẫn an toàn" in err
    assert "RuntimeError: lỗi cài vào lệnh" in err and "in broken" in err
    assert "Thao tác đang làm: lệnh --db" in err and "emulation_desk 0." in err
    log_file = tmp_path / "data" / "logs" / logs.LOG_NAME
    assert f"Nhật ký: {log_file}" in err
    assert "RuntimeError: lỗi cài vào lệnh" in log_file.read_text(encoding="utf-8")
    assert result.stdout == ""


def test_data_dir_moves_the_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    import emulation_desk.cli.basic as basic

    def broken(_args: object) -> int:
        raise KeyError("không có")

    monkeypatch.setattr(basic, "cmd_stats", broken)
    try:
        assert run(["--data-dir", str(tmp_path), "stats", "--year", "2020"]) == 70
    finally:
        logs.stop_logging()
    err = capsys.readouterr().err
    assert "KeyError: 'không có'" in err
    assert "KeyError: 'không có'" in (tmp_path / "logs" / logs.LOG_NAME).read_text(encoding="utf-8")


def test_a_known_error_keeps_its_message_and_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    try:
        assert run(["--data-dir", str(tmp_path), "export", "table", "--year", "2020",
                    "--out", str(tmp_path / "bieu.docx")]) == 1
    finally:
        logs.stop_logging()
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: ") and "Traceback" not in err and "không mong muốn" not in err
    logged = (tmp_path / "logs" / logs.LOG_NAME).read_text(encoding="utf-8")
    assert "INFO    [MainThread] emulation_desk: Không thực hiện được (lệnh --data-dir" in logged
    assert "Traceback" not in logged
