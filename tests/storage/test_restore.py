"""Restore: the database then equals the backup; the current file is kept aside; a damaged or too-new
backup is refused with the current data untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from emulation_desk.errors import DatabaseDamagedError, DatabaseLockedError
from emulation_desk.services.maintenance import backup as backup_service
from emulation_desk.services.workspace import Workspace, open_workspace
from emulation_desk.storage.backup import create_backup, list_backups
from emulation_desk.storage.db import open_store, schema_version
from emulation_desk.storage.restore import restore_to_path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(path: Path, *, skip: tuple[str, ...] = ("audit_log",)) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%'") if r[0] not in skip]
    data = {t: sorted(conn.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr) for t in tables}
    conn.close()
    return data


def audit_rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT * FROM audit_log ORDER BY seq").fetchall()
    conn.close()
    return rows


def add_units(ws: Workspace, *names: str) -> None:
    with ws.store.transaction():
        for name in names:
            ws.store.insert("unit", {"name": name, "name_key": name.lower(), "kind": "khac"})


def test_restore_gives_back_backup_k_and_keeps_the_current_file(ws: Workspace) -> None:
    backups = []
    for k in range(3):
        add_units(ws, f"Đơn vị lần {k}")
        backups.append(create_backup(ws.store, now=datetime(2026, 11, 20 + k, 8, 0)).path)
    add_units(ws, "Đơn vị sau cùng")
    with ws.store.transaction():
        ws.store.update("unit", ws.store.scalar("SELECT id FROM unit LIMIT 1"), {"notes": "đã sửa"})
    before_restore = dump(ws.path)
    backup_k = backups[1]
    backup_k_audit = audit_rows(backup_k)
    result = backup_service.restore(ws, backup_k, now=datetime(2026, 11, 26, 10, 0))
    assert dump(ws.path) == dump(backup_k)
    assert ws.store.scalar("SELECT count(*) FROM unit") == 2
    restored_audit = audit_rows(ws.path)
    assert restored_audit[:len(backup_k_audit)] == backup_k_audit and restored_audit[-1][5] == "restore"
    assert result.moved_aside is not None and result.moved_aside.name == "office.sqlite.truoc-khoi-phuc-20261126-100000"
    assert dump(result.moved_aside) == before_restore, "the current data is kept aside, whole"
    assert result.safety_backup is not None and dump(result.safety_backup) == before_restore
    with ws.store.transaction():  # the workspace keeps working on the restored file
        ws.store.insert("unit", {"name": "Đơn vị mới", "name_key": "don vi moi", "kind": "khac"})
    assert ws.store.lock.held


@pytest.mark.parametrize("spoil", ["overwrite", "truncate", "newer", "foreign"])
def test_a_bad_backup_is_refused_and_the_current_data_is_untouched(ws: Workspace, tmp_path: Path, spoil: str) -> None:
    add_units(ws, "Đơn vị A", "Đơn vị B")
    bad = create_backup(ws.store, now=datetime(2026, 11, 25, 8, 0)).path
    data = bytearray(bad.read_bytes())
    if spoil == "overwrite":
        data[4096:8192] = b"\x5a" * 4096
    elif spoil == "truncate":
        data = data[: len(data) // 2]
    bad.write_bytes(bytes(data))
    if spoil in ("newer", "foreign"):
        conn = sqlite3.connect(bad)
        pragma = f"user_version = {schema_version() + 1}" if spoil == "newer" else "application_id = 1234"
        conn.execute(f"PRAGMA {pragma}")
        conn.close()
    current = sha(ws.path)
    files = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(DatabaseDamagedError) as info:
        backup_service.restore(ws, bad)
    assert "dữ liệu hiện tại giữ nguyên" in info.value.message
    assert sha(ws.path) == current and sorted(p.name for p in tmp_path.rglob("*")) == files
    assert ws.store.scalar("SELECT count(*) FROM unit") == 2


def test_command_line_restore_needs_the_writer_lock(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    ws = open_workspace(path)
    backup = create_backup(ws.store).path
    with pytest.raises(DatabaseLockedError):
        restore_to_path(path, backup)
    ws.close()
    result = restore_to_path(path, backup, now=datetime(2026, 11, 26, 11, 0))
    assert result.moved_aside is not None and result.moved_aside.exists()
    assert len(list_backups(path)) == 2, "a backup of the current data is taken before restoring"
    open_store(path).close()
