"""``people facts``, ``units facts`` and ``import units`` on a new office file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from emulation_desk.cli import run
from emulation_desk.services.records.people import add_person
from emulation_desk.services.workspace import open_workspace


def _directory(path: Path, *, bad_kind: bool = False) -> Path:
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Danh bạ"
    sheet.append(["ỦY BAN NHÂN DÂN XÃ AN BÌNH"])
    sheet.append(["DANH SÁCH ĐƠN VỊ"])
    sheet.append(["STT", "Tên đơn vị", "Loại đơn vị", "Số người", "Từ ngày"])
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)"])
    sheet.append(["I. KHỐI PHÒNG BAN"])
    sheet.append([1, "Phòng Nội vụ", "Phòng chuyên môn", 12, "01/07/2025"])
    sheet.append([2, "Trường Mầm non An Bình", "", "30 người", None])
    sheet.append([3, "Thôn Đông", "hành tinh" if bad_kind else "Thôn, tổ dân phố", 400, None])
    sheet.append(["Cộng: 3 đơn vị"])
    sheet.append(["", "Người lập biểu"])
    wb.save(path)
    return path


def _units(db: Path) -> list[tuple[str, str, int]]:
    ws = open_workspace(db)
    try:
        return [(r["name"], r["kind"], r["head_count"]) for r in ws.store.query(
            "SELECT name, kind, head_count FROM unit ORDER BY name")]
    finally:
        ws.close()


def test_import_units_dry_run_then_real_then_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, source = tmp_path / "office.sqlite", _directory(tmp_path / "DANH-BA.xlsx")
    assert run(["--db", str(db), "import", "units", str(source), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "sẽ thêm 3 đơn vị" in out and "dòng số thứ tự cột" in out and "dòng tên nhóm «I. KHỐI PHÒNG BAN»" in out
    assert _units(db) == []
    assert run(["--db", str(db), "import", "units", str(source)]) == 0
    assert _units(db) == [("Phòng Nội vụ", "phong_chuyen_mon", 12), ("Thôn Đông", "thon_to_dan_pho", 400),
                          ("Trường Mầm non An Bình", "truong_hoc", 30)]
    assert run(["--db", str(db), "import", "units", str(source)]) == 0
    assert "3 đơn vị đã có và không đổi" in capsys.readouterr().out


def test_import_units_refuses_the_whole_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, source = tmp_path / "office.sqlite", _directory(tmp_path / "bad.xlsx", bad_kind=True)
    assert run(["--db", str(db), "import", "units", str(source)]) == 1
    captured = capsys.readouterr()
    assert "dòng 8, cột C «hành tinh»: Không nhận ra loại đơn vị" in captured.out
    assert "Không nhập gì" in captured.err
    assert _units(db) == []


def test_people_and_units_facts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite"
    _directory(tmp_path / "d.xlsx")
    assert run(["--db", str(db), "import", "units", str(tmp_path / "d.xlsx")]) == 0
    ws = open_workspace(db)
    add_person(ws, "Nguyễn Văn An", birth_year=1980)
    add_person(ws, "Nguyễn Văn An", birth_year=1990)
    ws.close()
    capsys.readouterr()
    base = ["--db", str(db), "people", "facts"]
    assert run([*base, "set", "Nguyễn Văn An", "--year", "2024", "--rating", "tốt"]) == 1
    assert "Có 2 người tên “Nguyễn Văn An”" in capsys.readouterr().err
    assert run([*base, "set", "nguyen van an", "--birth-year", "1980", "--year", "2024", "--rating", "xuất sắc",
                "--recruited", "01/03/2010", "--initiative", "Số hóa hồ sơ|cấp cơ sở|QĐ số 15/QĐ-UBND",
                "--discipline", "Khiển trách|01/02/2023|01/02/2024"]) == 0
    out = capsys.readouterr().out
    assert "Năm 2024: Hoàn thành xuất sắc nhiệm vụ" in out and "Kỷ luật: Khiển trách (01/02/2023 – 01/02/2024)" in out
    assert run([*base, "show", "Nguyễn Văn An", "--birth-year", "1980", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["recruited_on"] == "2010-03-01" and data["initiatives"][0]["scope"] == "co_so"
    units = ["--db", str(db), "units", "facts"]
    assert run([*units, "set", "Phòng Nội vụ", "--year", "2024", "--head-count", "12", "--completed", "12",
                "--standard", "10", "--cstdcs", "2", "--disciplined", "0", "--rating", "HTXSNV"]) == 0
    assert "12 thành viên, 12 hoàn thành nhiệm vụ, 10 LĐTT, 2 CSTĐCS, 0 bị kỷ luật" in capsys.readouterr().out
    assert run([*units, "set", "Phòng Nội vụ", "--year", "2024", "--cstdcs", "11"]) == 1
    assert "lớn hơn số đạt Lao động tiên tiến" in capsys.readouterr().err
    assert run([*units, "show", "phòng nội vụ", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["years"][0]["standard_count"] == 10


def test_eligibility_json_keeps_missing_data_apart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from emulation_desk.services.awards.nominations import add_nomination

    db = tmp_path / "office.sqlite"
    ws = open_workspace(db)
    person = add_person(ws, "Hoàng Văn Em").id
    add_nomination(ws, year=2024, form_code="LDTT", kind="cong_trang", subject="ca_nhan", person_id=person,
                   status="submitted")
    ws.close()
    assert run(["--db", str(db), "eligibility", "--year", "2024", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"]["thieu_du_lieu"] == 1 and data["counts"]["chua_dat"] == 0
    assert data["verdicts"][0]["reason"] == "Chưa có dữ liệu: xếp loại năm 2024 — nhập ở Hồ sơ"
    assert run(["--db", str(db), "people", "facts", "set", "Hoàng Văn Em", "--year", "2024", "--rating", "tốt"]) == 0
    capsys.readouterr()
    assert run(["--db", str(db), "eligibility", "--year", "2024", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["verdicts"][0]["status"] == "dat"
