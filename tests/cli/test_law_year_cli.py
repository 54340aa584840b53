"""The command line for achievement years, positions by year and the table's period (in-process runs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from emulation_desk.cli import run
from emulation_desk.services.records.people import add_person
from emulation_desk.services.workspace import open_workspace


def _run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = run(["--db", str(db), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_decision_is_created_and_its_achievement_edited(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite"
    code, out, _ = _run(capsys, db, "decisions", "create", "--signed-on", "10/01/2024", "--number", "12", "--form",
                        "LDTT", "--title", "Về việc tặng danh hiệu Lao động tiên tiến năm 2023")
    assert code == 0 and "ngày 10/01/2024: thành tích năm 2023" in out
    code, out, _ = _run(capsys, db, "decisions", "create", "--signed-on", "10/01/2024", "--number", "13", "--form",
                        "LDTT", "--title", "Về việc khen thưởng", "--nam-lam-viec", "2023")
    assert code == 0 and "thành tích năm 2023" in out
    code, _, err = _run(capsys, db, "decisions", "create", "--signed-on", "10/01/2024", "--form", "LDTT",
                        "--title", "Về việc khen thưởng", "--nam-thanh-tich", "2025")
    assert code == 1 and "sau năm ký quyết định" in err
    code, out, _ = _run(capsys, db, "decisions", "edit", "--number", "12", "--year", "2024", "--nam-thanh-tich",
                        "2022-2023")
    assert code == 0 and "giai đoạn 2022–2023" in out
    code, out, _ = _run(capsys, db, "decisions", "list", "--year", "2024")
    assert "thành tích 2022–2023" in out and "thành tích 2023" in out
    code, out, _ = _run(capsys, db, "decisions", "edit", "--number", "12", "--year", "2024", "--nam-thanh-tich",
                        "mac-dinh")
    assert code == 0 and "năm 2023" in out


def test_positions_and_the_report_period(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite"
    ws = open_workspace(db)
    add_person(ws, "Nguyễn Văn An", position="Chuyên viên")
    ws.close()
    code, out, _ = _run(capsys, db, "people", "position", "--name", "nguyen van an", "--from-year", "2025",
                        "--chuc-vu", "Trưởng phòng Nội vụ")
    assert code == 0 and "Trưởng phòng Nội vụ (từ năm 2025; lãnh đạo, quản lý, theo danh mục chức vụ)" in out
    code, out, _ = _run(capsys, db, "people", "positions", "--name", "Nguyễn Văn An", "--year", "2024")
    assert code == 0 and "Năm 2024: Chuyên viên" in out and "từ năm 2025" in out
    code, _, err = _run(capsys, db, "people", "position", "--name", "Trần Bình", "--from-year", "2025",
                        "--chuc-vu", "Hiệu trưởng")
    assert code == 1 and "Không tìm thấy cá nhân" in err
    code, out, _ = _run(capsys, db, "report-period")
    assert code == 0 and "năm dương lịch" in out
    code, out, _ = _run(capsys, db, "report-period", "--set", "thong_ke", "--year", "2024")
    assert code == 0 and "từ ngày 01/12/2023 đến ngày 30/11/2024" in out
    code, out, _ = _run(capsys, db, "stats", "--year", "2024")
    assert "TỪ NGÀY 01/12/2023 ĐẾN NGÀY 30/11/2024" in out
