"""The maintenance commands: backup, backups, restore, verify, audit."""

from __future__ import annotations

from pathlib import Path

import pytest

from emulation_desk.cli import run
from emulation_desk.storage.backup import list_backups
from emulation_desk.storage.db import open_store


def test_backup_list_restore_verify_and_audit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite"
    assert run(["--db", str(db), "init"]) == 0
    assert run(["--db", str(db), "backup"]) == 0
    assert run(["--db", str(db), "backup", "--to", str(tmp_path / "usb" / "ban-sao.sqlite")]) == 0
    assert (tmp_path / "usb" / "ban-sao.sqlite").exists()
    store = open_store(db)
    with store.transaction():
        store.insert("unit", {"name": "Đơn vị thêm sau", "name_key": "don vi them sau", "kind": "khac"})
    store.close()
    capsys.readouterr()
    assert run(["--db", str(db), "backups"]) == 0
    listing = capsys.readouterr().out
    assert "  1. " in listing and "Theo yêu cầu" in listing and "0 đơn vị" in listing
    assert run(["--db", str(db), "restore", "1"]) == 0
    out = capsys.readouterr().out
    assert "Đã khôi phục" in out and "truoc-khoi-phuc" in out
    store = open_store(db, readonly=True)
    assert store.scalar("SELECT count(*) FROM unit") == 0
    store.close()
    assert run(["--db", str(db), "verify"]) == 0
    assert run(["--db", str(db), "audit", "--action", "restore"]) == 0
    assert "Khôi phục" in capsys.readouterr().out
    assert run(["--db", str(db), "restore", "9"]) == 1
    assert "Không có bản sao lưu số 9" in capsys.readouterr().err


def test_backup_while_another_window_holds_the_file_reads_only(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite"
    assert run(["--db", str(db), "init"]) == 0
    window = open_store(db)
    try:
        assert run(["--db", str(db), "backup"]) == 0
        assert "chế độ chỉ đọc" in capsys.readouterr().err
        assert run(["--db", str(db), "restore", "1"]) == 1
        assert "đang được mở để ghi" in capsys.readouterr().err
    finally:
        window.close()
    assert len(list_backups(db)) == 1


def test_a_damaged_file_tells_the_command_to_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite"
    assert run(["--db", str(db), "init"]) == 0
    assert run(["--db", str(db), "backup"]) == 0
    data = bytearray(db.read_bytes())
    data[3 * 4096:4 * 4096] = b"\xff" * 4096
    db.write_bytes(bytes(data))
    capsys.readouterr()
    assert run(["--db", str(db), "init"]) == 1
    err = capsys.readouterr().err
    assert "bị hỏng" in err and f'restore "{list_backups(db)[0].path}"' in err
    assert run(["--db", str(db), "restore", "1"]) == 0
    assert run(["--db", str(db), "verify"]) == 0
