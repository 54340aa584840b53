"""Numbered migrations: the frozen ``migrations/NNNN_name.sql`` files, each applied in one transaction that
also sets ``PRAGMA user_version``. A file written by a newer version of the program is refused untouched.

Migrations run with foreign keys off (so a table can be rebuilt, as SQLite's documented procedure for schema
changes requires) and ``PRAGMA foreign_key_check`` must be clean before each one commits. A statement preceded
by the line ``-- @if-missing-column TABLE.COLUMN`` runs only when that column is missing (a released migration
that was edited after release left two histories: see ``0011``).
"""

from __future__ import annotations

import itertools
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from emulation_desk.errors import DatabaseTooNewError, StorageError
from emulation_desk.storage.store import APPLICATION_ID, translate_error

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_GUARD = re.compile(r"^--\s*@if-missing-column\s+(\w+)\.(\w+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


@cache
def shipped_migrations() -> tuple[Migration, ...]:
    found: list[Migration] = []
    for path in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.sql")):
        found.append(Migration(int(path.name[:4]), path.stem[5:], path.read_text(encoding="utf-8")))
    for previous, migration in itertools.pairwise(found):
        if migration.version <= previous.version:
            raise RuntimeError(f"migration {migration.version:04d} is numbered twice or out of order")
    return tuple(found)


def migrations() -> tuple[Migration, ...]:
    """The migrations shipped with this version, in strictly increasing order (a number reserved for a
    migration still being written on another branch may be missing until it lands)."""
    return shipped_migrations()


def schema_version() -> int:
    """The schema version this program writes."""
    return migrations()[-1].version


def split_statements(sql: str) -> list[str]:
    """Split a migration script into complete statements (trigger bodies stay whole; a ``-- @`` directive
    line stays with the statement that follows it)."""
    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        directive = line.lstrip().startswith("-- @")
        if not buffer and not directive and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if not directive and sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise RuntimeError("migration ends with an incomplete statement")
    return statements


def read_user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def refuse_newer(version: int, path: Path | str = "") -> None:
    """Raise when the file's schema is newer than this program understands."""
    latest = schema_version()
    if version > latest:
        raise DatabaseTooNewError(
            f"Tệp dữ liệu {path} được tạo bởi phiên bản mới hơn của chương trình (lược đồ {version}, "
            f"phiên bản này đọc được đến {latest}). Tệp được giữ nguyên, không thay đổi gì. "
            "Hãy cài đặt phiên bản mới nhất của chương trình để mở tệp này."
        )


def foreign_file_message(path: Path | str) -> str:
    return (f"Tệp {path} là tệp dữ liệu của một chương trình khác, không phải tệp dữ liệu thi đua, khen thưởng. "
            "Tệp được giữ nguyên, không thay đổi gì. Hãy chọn đúng tệp dữ liệu của chương trình (hoặc một tên "
            "tệp mới để bắt đầu).")


def refuse_foreign(conn: sqlite3.Connection, path: Path | str = "") -> None:
    """Raise for another program's SQLite file: a foreign ``application_id``, or tables without ours."""
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app_id not in (0, APPLICATION_ID):
        raise StorageError(foreign_file_message(path))
    if app_id == 0 and read_user_version(conn) == 0:
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()[0]
        if tables:
            raise StorageError(foreign_file_message(path))


def _column_exists(conn: sqlite3.Connection, table: str, column: str) -> bool:
    return any(row[1] == column for row in conn.execute(f"PRAGMA table_xinfo([{table}])").fetchall())


def _wanted(conn: sqlite3.Connection, statement: str) -> bool:
    guard = _GUARD.search(statement)
    return guard is None or not _column_exists(conn, guard[1], guard[2])


def _after_sql(version: int, conn: sqlite3.Connection) -> None:
    """The part of a migration SQL cannot do, in the same transaction (0008: achievement years from titles)."""
    if version == 8:
        from emulation_desk.storage import achievement_fill

        achievement_fill.apply(conn)


def _apply(conn: sqlite3.Connection, migration: Migration) -> None:
    conn.execute("BEGIN IMMEDIATE")
    for statement in split_statements(migration.sql):
        if _wanted(conn, statement):
            conn.execute(statement)
    _after_sql(migration.version, conn)
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"migration {migration.version:04d} leaves broken references: {broken[:3]}")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {migration.version}")
    conn.execute("COMMIT")


def migrate(conn: sqlite3.Connection, path: Path | str = "", *,
            before_migrating: Callable[[int], None] | None = None) -> int:
    """Bring the schema up to date; return the number of migrations applied.

    ``before_migrating(current_version)`` runs once before the first migration of an existing
    database (the caller takes a backup there).
    """
    current = read_user_version(conn)
    refuse_newer(current, path)
    refuse_foreign(conn, path)
    pending = [m for m in migrations() if m.version > current]
    if pending and current > 0 and before_migrating is not None:
        before_migrating(current)
    for migration in pending:
        conn.execute("PRAGMA foreign_keys = OFF")
        try:
            _apply(conn, migration)
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise translate_error(exc, path) from exc
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.execute("PRAGMA foreign_keys = ON")
    return len(pending)
