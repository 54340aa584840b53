"""Migrations: from an empty file, atomic, recorded in user_version; a newer file is refused untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from emulation_desk.errors import DatabaseTooNewError, StorageError
from emulation_desk.storage import db as dbmod
from emulation_desk.storage.db import Migration, open_store, schema_version, split_statements


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_empty_file_is_migrated_to_the_latest_version(tmp_path: Path) -> None:
    store = open_store(tmp_path / "new.sqlite")
    assert store.scalar("PRAGMA user_version") == schema_version()
    assert store.scalar("PRAGMA application_id") == dbmod.APPLICATION_ID
    tables = {r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for noun in ("organisation", "signatory", "council_member", "unit", "bloc", "bloc_member", "bloc_criterion",
                 "bloc_score", "person", "person_year", "award_form", "regime", "form_coefficient", "base_salary",
                 "nomination", "decision", "decision_recipient", "report", "report_section", "audit_log"):
        assert noun in tables
    strict = store.query("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                         "AND name IN (SELECT name FROM pragma_table_list WHERE type = 'table')")  # not FTS5's
    assert all(row["sql"].rstrip().endswith("STRICT") for row in strict), "every table is STRICT"
    store.close()


def test_every_connection_has_the_safety_pragmas(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a.sqlite")
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.scalar("PRAGMA trusted_schema") == 0
    assert store.scalar("PRAGMA synchronous") == 2  # FULL
    store.close()


def test_reopening_applies_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    open_store(path).close()
    conn = dbmod.connect(path)
    assert dbmod.migrate(conn, path) == 0
    conn.close()


def test_newer_database_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseTooNewError) as info:
        open_store(path)
    assert "phiên bản mới hơn" in info.value.message
    with pytest.raises(DatabaseTooNewError):
        open_store(path, readonly=True)
    assert digest(path) == before


def test_a_failing_migration_rolls_back_completely(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.sqlite"
    open_store(path).close()
    broken = Migration(schema_version() + 1, "broken",
                       "CREATE TABLE extra (id TEXT PRIMARY KEY) STRICT;\nINSERT INTO nowhere VALUES (1);\n")
    shipped = dbmod.migrations()
    monkeypatch.setattr(dbmod, "migrations", lambda: (*shipped, broken))
    monkeypatch.setattr(dbmod, "schema_version", lambda: broken.version)
    with pytest.raises(sqlite3.OperationalError):
        open_store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == broken.version - 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'extra'").fetchone()[0] == 0
    conn.close()


def test_a_file_that_is_not_a_database_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"This is a letter, not a database." * 200)
    with pytest.raises(StorageError) as info:
        open_store(path)
    assert "hỏng" in info.value.message or "không phải" in info.value.message


def test_missing_file_in_read_only_mode_is_reported(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as info:
        open_store(tmp_path / "missing.sqlite", readonly=True)
    assert "Không tìm thấy" in info.value.message


def test_trigger_bodies_stay_whole_when_splitting() -> None:
    sql = "CREATE TABLE a (x INTEGER) STRICT;\n-- note\nCREATE TRIGGER t BEFORE DELETE ON a\nBEGIN SELECT 1; SELECT 2; END;\n"
    statements = split_statements(sql)
    assert len(statements) == 2
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")
