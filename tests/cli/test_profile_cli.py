"""``profile set`` / ``profile show``: a new file's office profile, signatories and council from the command
line, through the services (all-or-nothing, Vietnamese errors), then a first year's report exported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from emulation_desk.cli import run
from emulation_desk.services.records.profile import level_and_short_name
from emulation_desk.services.workspace import open_workspace

SETUP = ["profile", "set", "--parent-body", "UBND TỈNH NINH BÌNH", "--issuing-body", "ỦY BAN NHÂN DÂN XÃ AN BÌNH",
         "--place", "An Bình"]


def _show(db: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert run(["--db", str(db), "profile", "show", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(("body", "expected"), [
    ("ỦY BAN NHÂN DÂN XÃ AN BÌNH", ("xa", "UBND xã")), ("UỶ BAN NHÂN DÂN PHƯỜNG 3", ("xa", "UBND phường")),
    ("ỦY BAN NHÂN DÂN THỊ XÃ PHÚ THỌ", ("huyen", "UBND thị xã")),
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ NAM ĐỊNH", ("huyen", "UBND thành phố")), ("UBND TỈNH NINH BÌNH", ("tinh", "UBND tỉnh")),
    ("SỞ NỘI VỤ", None)])
def test_level_from_the_issuing_body(body: str, expected: tuple[str, str] | None) -> None:
    assert level_and_short_name(body) == expected


def test_set_then_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite"
    assert run(["--db", str(db), "init"]) == 0
    assert _show(db, capsys)["organisation"] is None
    assert run(["--db", str(db), *SETUP, "--symbol-decision", "QĐ-UBND", "--regulation", "Quyết định số 12/2024/QĐ-UBND",
                "--signatory", "Nguyễn Văn An", "chủ tịch", "--signatory", "Lê Thị Bình", "Phó Chủ tịch",
                "--council-member", "Nguyễn Văn An", "Chủ tịch UBND xã", "chu_tich",
                "--council-member", "Trần Văn Cường", "Công chức Văn hóa - Xã hội", "Ủy viên, Thư ký"]) == 0
    assert "Đã ghi thông tin cơ quan." in capsys.readouterr().out
    shown = _show(db, capsys)
    organisation = shown["organisation"]
    assert (organisation["level"], organisation["body_short"], organisation["place_name"]) == ("xa", "UBND xã", "An Bình")
    assert organisation["provincial_regulation"] == "Quyết định số 12/2024/QĐ-UBND"
    assert shown["signatories"] == [
        {"full_name": "Nguyễn Văn An", "position": "CHỦ TỊCH", "is_head": True},
        {"full_name": "Lê Thị Bình", "position": "PHÓ CHỦ TỊCH", "is_head": False}]
    assert shown["council"] == "Hội đồng Thi đua - Khen thưởng xã An Bình"
    assert [m["role"] for m in shown["members"]] == ["chu_tich", "uy_vien_thu_ky"]
    assert "đồng/tháng" in shown["law"]["base_salary"] and shown["law"]["regime"]
    # a second set changes only what it names; the signatory list replaces the old one
    assert run(["--db", str(db), "profile", "set", "--place", "Xã An Bình", "--signatory", "Lê Thị Bình",
                "CHỦ TỊCH"]) == 0
    shown = _show(db, capsys)
    assert shown["organisation"]["issuing_body"] == "ỦY BAN NHÂN DÂN XÃ AN BÌNH"
    assert shown["organisation"]["place_name"] == "Xã An Bình"
    assert shown["signatories"] == [{"full_name": "Lê Thị Bình", "position": "CHỦ TỊCH", "is_head": True}]


def test_bad_input_is_refused_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite"
    assert run(["--db", str(db), *SETUP, "--council-member", "Nguyễn Văn An", "Chủ tịch", "chu_tich"]) == 0
    capsys.readouterr()
    assert run(["--db", str(db), "profile", "set", "--place", "Nơi khác", "--council-member", "Ai đó", "", "trưởng"]) == 1
    assert "Vai trò trong Hội đồng “trưởng” không có" in capsys.readouterr().err
    shown = _show(db, capsys)
    assert shown["organisation"]["place_name"] == "An Bình" and [m["full_name"] for m in shown["members"]] == [
        "Nguyễn Văn An"]  # nothing half-written
    assert run(["--db", str(tmp_path / "other.sqlite"), "profile", "set", "--parent-body", "SỞ X", "--issuing-body",
                "BAN THI ĐUA", "--place", "Huế"]) == 1
    assert "Hãy ghi rõ cấp" in capsys.readouterr().err
    assert run(["--db", str(tmp_path / "third.sqlite"), "profile", "set", "--place", "Huế"]) == 1
    assert "Còn thiếu" in capsys.readouterr().err


def test_a_first_year_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite"
    assert run(["--db", str(db), *SETUP, "--signatory", "Nguyễn Văn An", "CHỦ TỊCH"]) == 0
    out = tmp_path / "bao-cao-2025.pdf"
    assert run(["--db", str(db), "export", "report", "--year", "2025", "--out", str(out)]) == 0
    assert out.stat().st_size > 10_000
    ws = open_workspace(db)
    try:
        assert ws.store.scalar("SELECT count(*) FROM report") == 0
    finally:
        ws.close()
