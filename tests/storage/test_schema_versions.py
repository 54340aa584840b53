"""Migrations from every released schema version (a fixture file each) give a fresh install's schema,
keep every row, pass the checks and leave a pre-migration backup."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from emulation_desk.storage import db as dbmod
from emulation_desk.storage.backup import list_backups, verify_file
from emulation_desk.storage.db import open_store, schema_version
from tests.bench.crash_harness import TEST_MIGRATION_SQL
from tests.fixtures.build_schema_fixtures import RELEASED, SHIPPED

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def fixture_versions() -> list[int]:
    return sorted(int(p.stem.removeprefix("schema_v")) for p in FIXTURES.glob("schema_v*.sqlite"))


def master(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    conn.close()
    return rows


def rows_of(path: Path) -> dict[str, set[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                         "'sqlite_%'")]
    out = {t: {tuple(sorted(dict(r).items())) for r in conn.execute(f"SELECT * FROM [{t}]")} for t in tables}
    conn.close()
    return out


def fresh_install(tmp_path: Path) -> Path:
    path = tmp_path / "fresh.sqlite"
    open_store(path).close()
    return path


def test_there_is_a_fixture_for_every_released_version() -> None:
    shipped = {m.version for m in dbmod.migrations()}
    assert set(RELEASED) <= shipped and max(RELEASED) <= schema_version()
    missing = set(RELEASED) - set(fixture_versions())
    assert not missing, f"build them with: python tests/fixtures/build_schema_fixtures.py {sorted(missing)}"
    assert fixture_versions()[0] == 1


def test_no_new_migration_is_numbered_below_a_shipped_one() -> None:
    """Files in clerks' hands are at a shipped version; a migration numbered below it would never run there."""
    late = [m.version for m in dbmod.migrations() if m.version <= max(SHIPPED) and m.version not in SHIPPED]
    assert not late, f"migrations {late} must be renumbered above {max(SHIPPED)}"


def check_migrated(fixture: Path, copy: Path, fresh: Path) -> None:
    old_rows = rows_of(fixture)
    store = open_store(copy)
    store.close()
    assert master(copy) == master(fresh), "same schema as a fresh install"
    new_rows = rows_of(copy)
    for table, rows in old_rows.items():
        kept = {tuple((k, v) for k, v in row if k in dict(next(iter(rows)))) for row in new_rows[table]}
        assert rows <= kept, f"rows of {table} are kept"
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    conn.close()


@pytest.mark.parametrize("version", fixture_versions())
def test_every_fixture_migrates_to_the_current_schema(tmp_path: Path, version: int) -> None:
    fixture = FIXTURES / f"schema_v{version}.sqlite"
    copy = tmp_path / "office.sqlite"
    shutil.copyfile(fixture, copy)
    check_migrated(fixture, copy, fresh_install(tmp_path))
    backups = list_backups(copy)
    if version < schema_version():
        assert [b.slug for b in backups] == ["truoc-nang-cap"]
        assert rows_of(backups[0].path) == rows_of(fixture)


def test_a_new_migration_backs_up_first_and_matches_a_fresh_install(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = dbmod.migrations()
    extra = dbmod.Migration(shipped[-1].version + 1, "test_only", TEST_MIGRATION_SQL)
    monkeypatch.setattr(dbmod, "migrations", lambda: (*shipped, extra))
    monkeypatch.setattr(dbmod, "schema_version", lambda: extra.version)
    import emulation_desk.storage.backup as bk

    monkeypatch.setattr(bk, "schema_version", lambda: extra.version)
    fixture = FIXTURES / f"schema_v{fixture_versions()[-1]}.sqlite"
    copy = tmp_path / "office.sqlite"
    shutil.copyfile(fixture, copy)
    fresh = fresh_install(tmp_path)
    old_rows = rows_of(fixture)
    store = open_store(copy)
    assert store.scalar("SELECT count(*) FROM crash_copy") == len(old_rows["nomination"])
    logged = store.query("SELECT * FROM audit_log WHERE action = 'migrate'")
    assert len(logged) == 1 and f"lên {extra.version}" in logged[0]["summary"]
    store.close()
    assert master(copy) == master(fresh)
    backup = list_backups(copy)[0]
    assert backup.slug == "truoc-nang-cap"
    assert verify_file(backup.path).user_version == fixture_versions()[-1]
    assert rows_of(backup.path) == old_rows
