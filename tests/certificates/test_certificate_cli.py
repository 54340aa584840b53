"""The command line after the decision: printer profiles, the calibration page, certificates and the log."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from emulation_desk.cli import run


def test_printer_profiles_calibration_and_certificates(demo_path: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(demo_path)]
    assert run([*db, "printer", "list"]) == 0
    assert "Chưa có hồ sơ máy in nào" in capsys.readouterr().out
    assert run([*db, "printer", "save", "--name", "Canon khay 2", "--tray", "Khay 2", "--offset-x", "1,5"]) == 0
    assert "Canon khay 2 (Khay 2): lệch X 1,50 mm" in capsys.readouterr().out
    # measured on the calibration page: the top-left cross at (21; 19), the bottom-right one at (278; 189)
    assert run([*db, "printer", "measure", "--name", "Canon khay 2", "--top-left", "21;19",
                "--bottom-right", "278;189"]) == 0
    out = capsys.readouterr().out
    assert "Canon khay 2 (Khay 2): lệch X -1,00 mm, lệch Y 1,00 mm, tỷ lệ X 1,0000, tỷ lệ Y 1,0000" in out
    calibration = tmp_path / "can-chinh.pdf"
    assert run([*db, "export", "calibration", "--out", str(calibration), "--profile", "Canon khay 2"]) == 0
    assert calibration.exists()
    out_pdf = tmp_path / "cstdcs.pdf"
    assert run([*db, "export", "certificates", "--number", "2891", "--year", "2020", "--out", str(out_pdf),
                "--blank", "--profile", "Canon khay 2"]) == 0
    assert "Đã ghi 227 giấy (lên phôi, mẫu a4_ngang)" in capsys.readouterr().out
    again = tmp_path / "lai.pdf"
    assert run([*db, "export", "certificates", "--number", "2891", "--year", "2020", "--out", str(again),
                "--only", "5"]) == 0
    with pdfplumber.open(again) as doc:
        assert len(doc.pages) == 1 and "Số sổ vàng: 5" in doc.pages[0].extract_text()
    capsys.readouterr()
    assert run([*db, "certificates", "log", "--number", "2891", "--year", "2020"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "in lại 1 giấy (toàn bộ); số sổ vàng 5" in lines[0]
    assert "in 227 giấy (lên phôi, hồ sơ máy in Canon khay 2); số sổ vàng 1–227" in lines[1]


def test_ldtt_refused_on_the_command_line(demo_path: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["--db", str(demo_path), "export", "certificates", "--number", "2890", "--year", "2020",
                "--out", str(tmp_path / "x.pdf")])
    assert code == 1
    assert "Lỗi: Danh hiệu “Lao động tiên tiến” không có giấy chứng nhận" in capsys.readouterr().err
    assert run(["--db", str(demo_path), "printer", "measure", "--name", "X", "--top-left", "a",
                "--bottom-right", "1;2"]) == 1
    assert "hãy ghi hai số X;Y" in capsys.readouterr().err
