"""Disk full, a file held by another program, a read-only file, connection settings: a clear Vietnamese
message and no partial write."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from emulation_desk.errors import DatabaseLockedError, DiskFullError, StorageError
from emulation_desk.storage import db as dbmod
from emulation_desk.storage.backup import create_backup
from emulation_desk.storage.db import open_store
from tests.bench.crash_harness import build_base, simulated_import


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("base") / "office.sqlite"
    build_base(path, 300)
    return path


@pytest.fixture
def office(base: Path, tmp_path: Path) -> Path:
    target = tmp_path / "office.sqlite"
    target.write_bytes(base.read_bytes())
    return target


def test_disk_full_during_an_import_saves_nothing(office: Path) -> None:
    store = open_store(office)
    pages = store.scalar("PRAGMA page_count")
    audit = store.scalar("SELECT count(*) FROM audit_log")
    store.conn.execute(f"PRAGMA max_page_count = {pages + 20}")
    with pytest.raises(DiskFullError) as info:
        simulated_import(store, 10_000)
    assert "Ổ đĩa đã đầy" in info.value.message and "Không có thay đổi nào được lưu" in info.value.message
    assert store.scalar("SELECT count(*) FROM nomination") == 0
    assert store.scalar("SELECT count(*) FROM audit_log") == audit
    assert store.integrity_problems() == []
    store.close()
    reopened = open_store(office)
    assert reopened.scalar("SELECT count(*) FROM nomination") == 0
    reopened.close()


def test_disk_full_while_writing_a_backup_keeps_no_backup(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(office)
    real_connect = sqlite3.connect

    def small_disk(target: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(target, *args, **kwargs)  # type: ignore[arg-type]
        if str(target).endswith(".partial"):
            conn.execute("PRAGMA max_page_count = 5")
        return conn

    monkeypatch.setattr(sqlite3, "connect", small_disk)
    with pytest.raises(DiskFullError):
        create_backup(store)
    assert not list((office.parent / "sao-luu").iterdir())
    store.close()


def test_a_file_locked_by_another_program_is_reported_and_nothing_is_written(office: Path) -> None:
    store = open_store(office)
    other = sqlite3.connect(office, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLockedError) as info, store.transaction():
            store.insert("unit", {"name": "Đơn vị X", "name_key": "don vi x", "kind": "khac"})
        assert "chương trình khác" in info.value.message
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.scalar("SELECT count(*) FROM unit WHERE name = 'Đơn vị X'") == 0
    store.close()


def test_a_read_only_file_gets_a_clear_message(office: Path) -> None:
    store = open_store(office)
    store.close()
    conn = dbmod.connect(office, readonly=True)
    ro = dbmod.Store(conn, office)  # a store whose file SQLite can only read
    with pytest.raises(StorageError) as info, ro.transaction():
        ro.insert("unit", {"name": "Đơn vị Y", "name_key": "don vi y", "kind": "khac"})
    assert "chỉ cho phép đọc" in info.value.message
    conn.close()


def test_every_connection_has_the_safety_settings(office: Path) -> None:
    from emulation_desk.storage.journal import header_mode

    writer = open_store(office)
    reader = open_store(office, readonly=True)
    for store in (writer, reader):
        assert store.scalar("PRAGMA foreign_keys") == 1
        assert store.scalar("PRAGMA synchronous") == 2  # FULL
        assert store.scalar("PRAGMA trusted_schema") == 0
        assert store.scalar("PRAGMA journal_mode") == "wal", "while a writer holds the file"
        assert store.scalar("PRAGMA busy_timeout") == 2000
    reader.close()
    writer.close()
    assert header_mode(office) == "delete", "at rest the file is a single rollback-journal file"
    assert not Path(f"{office}-wal").exists() and not Path(f"{office}-shm").exists()
    alone = open_store(office, readonly=True)
    assert alone.scalar("PRAGMA journal_mode") == "delete"
    alone.close()


def test_an_old_sqlite_is_refused(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 39, 4))
    monkeypatch.setattr(sqlite3, "sqlite_version", "3.39.4")
    with pytest.raises(StorageError, match=r"3\.39\.4 quá cũ"):
        open_store(office)
    assert not (office.parent / "office.sqlite.lock").exists()
