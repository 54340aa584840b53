"""Opening the office's SQLite file: connection settings, numbered migrations, audited writes.

Every connection gets ``foreign_keys=ON``, ``synchronous=FULL``, ``trusted_schema=OFF`` and a rollback
journal (a file the clerk copies to a USB stick is then always complete). Migrations are the frozen
``migrations/NNNN_name.sql`` files; each runs in one transaction and sets ``PRAGMA user_version``.
A file written by a newer version of the program is refused and left untouched.
"""

from __future__ import annotations

import getpass
import itertools
import json
import socket
import sqlite3
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from emulation_desk.errors import (
    DatabaseDamagedError,
    DatabaseLockedError,
    DatabaseTooNewError,
    DiskFullError,
    StorageError,
    ValidationError,
)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
APPLICATION_ID = 0x45445354  # "EDST": marks the file as an emulation_desk database
MIN_SQLITE = (3, 40, 0)

# Primary key column of tables whose key is not "id".
TABLE_KEYS: dict[str, str] = {
    "settings": "key",
    "regime": "code",
    "award_kind": "code",
    "stat_group": "code",
    "stat_row": "key",
    "award_form": "code",
}

_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 3, 5, 6, 8, 10
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 11, 13, 14, 26


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


@cache
def migrations() -> tuple[Migration, ...]:
    """The migrations shipped with this version, in strictly increasing order (a number reserved for a
    migration still being written on another branch may be missing until it lands)."""
    found: list[Migration] = []
    for path in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.sql")):
        found.append(Migration(int(path.name[:4]), path.stem[5:], path.read_text(encoding="utf-8")))
    for previous, migration in itertools.pairwise(found):
        if migration.version <= previous.version:
            raise RuntimeError(f"migration {migration.version:04d} is numbered twice or out of order")
    return tuple(found)


def schema_version() -> int:
    """The schema version this program writes."""
    return migrations()[-1].version


def split_statements(sql: str) -> list[str]:
    """Split a migration script into complete statements (trigger bodies stay whole)."""
    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise RuntimeError("migration ends with an incomplete statement")
    return statements


def utc_now() -> str:
    """Current UTC time as ISO 8601 text, the format of every stored timestamp."""
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def os_user() -> str:
    """The logged-in OS user: the author recorded on every change."""
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError):  # no login name (service accounts, containers)
        return "unknown"


def translate_error(exc: sqlite3.Error, path: Path | str = "") -> Exception:
    """Map an SQLite error to a known error with a Vietnamese message (by error code, not text)."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    where = f" ({path})" if path else ""
    if code == _SQLITE_FULL:
        return DiskFullError(
            f"Ổ đĩa đã đầy, không ghi được dữ liệu{where}. Không có thay đổi nào được lưu. "
            "Hãy giải phóng dung lượng đĩa rồi thử lại."
        )
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return DatabaseLockedError(
            f"Tệp dữ liệu đang bị một chương trình khác sử dụng{where}. "
            "Hãy đóng chương trình đó (hoặc cửa sổ khác của phần mềm này) rồi thử lại."
        )
    if code == _SQLITE_IOERR:
        return StorageError(
            f"Lỗi đọc/ghi ổ đĩa khi làm việc với tệp dữ liệu{where}. Thao tác vừa rồi không được lưu. "
            "Hãy kiểm tra ổ đĩa (ổ USB còn cắm không, ổ có bị lỗi không) rồi thử lại."
        )
    if code in (_SQLITE_READONLY, _SQLITE_PERM):
        return StorageError(
            f"Không ghi được vào tệp dữ liệu vì tệp hoặc thư mục chỉ cho phép đọc{where}. "
            "Hãy chọn thư mục có quyền ghi hoặc bỏ thuộc tính chỉ đọc."
        )
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return DatabaseDamagedError(
            f"Tệp dữ liệu bị hỏng hoặc không phải tệp dữ liệu của chương trình{where}. "
            "Hãy khôi phục từ bản sao lưu gần nhất."
        )
    if code == _SQLITE_CANTOPEN:
        return StorageError(
            f"Không mở được tệp dữ liệu{where}. Hãy kiểm tra đường dẫn và quyền truy cập thư mục."
        )
    if isinstance(exc, sqlite3.IntegrityError):
        return ValidationError(f"Dữ liệu không hợp lệ nên không được lưu: {exc}")
    return exc


BUSY_TIMEOUT_S = 2.0  # another program's transaction is waited for this long, then reported


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")
    conn.execute("PRAGMA mmap_size = 0")
    conn.execute("PRAGMA synchronous = FULL")


def connect(path: Path | str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open a configured connection in driver autocommit mode (transactions are explicit)."""
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        raise StorageError(
            f"Phiên bản SQLite {sqlite3.sqlite_version} quá cũ; chương trình cần SQLite 3.40 trở lên. "
            "Hãy cài đặt bản phần mềm đầy đủ."
        )
    target = Path(path)
    try:
        if readonly:
            conn = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                                   timeout=BUSY_TIMEOUT_S)
        else:
            conn = sqlite3.connect(str(target), isolation_level=None, check_same_thread=False,
                                   timeout=BUSY_TIMEOUT_S)
        _configure(conn)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise translate_error(exc, target) from exc
    return conn


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


def migrate(conn: sqlite3.Connection, path: Path | str = "", *, before_migrating: Callable[[int], None] | None = None) -> int:
    """Bring the schema up to date; return the number of migrations applied.

    ``before_migrating(current_version)`` runs once before the first migration of an existing
    database (the caller takes a backup there).
    """
    current = read_user_version(conn)
    refuse_newer(current, path)
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app_id not in (0, APPLICATION_ID):
        raise StorageError(f"Tệp {path} không phải là tệp dữ liệu thi đua, khen thưởng. Hãy chọn đúng tệp.")
    pending = [m for m in migrations() if m.version > current]
    if pending and current > 0 and before_migrating is not None:
        before_migrating(current)
    for migration in pending:
        try:
            conn.execute("BEGIN IMMEDIATE")
            for statement in split_statements(migration.sql):
                conn.execute(statement)
            _after_sql(migration.version, conn)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {migration.version}")
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise translate_error(exc, path) from exc
    return len(pending)


def _after_sql(version: int, conn: sqlite3.Connection) -> None:
    """The part of a migration SQL cannot do, in the same transaction (0008: achievement years from titles)."""
    if version == 8:
        from emulation_desk.storage import achievement_fill

        achievement_fill.apply(conn)


def _nfc_value(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def _json_default(value: Any) -> str:
    return str(value)


class Store:
    """One open office database: the only place that writes rows, each write audited.

    Services call :meth:`transaction` once per user action and the row methods inside it.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | str, *, actor: str | None = None,
                 host: str | None = None, clock: Callable[[], str] = utc_now) -> None:
        self.conn = conn
        conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite_utils.Database set it before
        self.path = Path(path) if str(path) != ":memory:" else Path(":memory:")
        self.actor = actor or os_user()
        self.host = host if host is not None else socket.gethostname()
        self.clock = clock
        self.new_id: Callable[[], str] = lambda: str(uuid.uuid4())
        self.readonly = False
        self.lock: Any = None  # the WriterLock of a writable file store

    def reattach(self, conn: sqlite3.Connection) -> None:
        """Point this store at a new connection (after a restore replaced the file)."""
        self.conn = conn
        conn.execute("PRAGMA recursive_triggers = ON")

    @property
    def db(self) -> Any:
        """A ``sqlite_utils.Database`` over the connection (imported on first use: it costs 0,1 s at start)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    # ------------------------------------------------------------------ transactions
    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One all-or-nothing unit of work; nested calls become savepoints."""
        if self.readonly:
            raise StorageError("Tệp dữ liệu đang mở ở chế độ chỉ đọc; không thể lưu thay đổi.")
        if self.conn.in_transaction:
            name = f"sp_{uuid.uuid4().hex}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc
        try:
            yield self
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise translate_error(exc, self.path) from exc
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def _require_transaction(self) -> None:
        if not self.conn.in_transaction:
            raise RuntimeError("writes must happen inside Store.transaction()")

    # ------------------------------------------------------------------ reads
    def query(self, sql: str, params: Iterable[Any] | Mapping[str, Any] = (), *, shared: Iterable[str] = ()
              ) -> list[dict[str, Any]]:
        """Rows of a read query as dicts. Equal texts of the ``shared`` columns are kept once (a province year
        lists 100.000 nominations that repeat a few hundred form, unit and position names)."""
        try:
            cursor = self.conn.execute(sql, params)
            keys = [d[0] for d in cursor.description or ()]
            wanted = set(shared)
            if not wanted:
                return [dict(zip(keys, row, strict=True)) for row in cursor]
            interned = [i for i, key in enumerate(keys) if key in wanted]
            memo: dict[str, str] = {}
            rows: list[dict[str, Any]] = []
            while batch := cursor.fetchmany(2_000):
                for values in batch:
                    row = dict(zip(keys, values, strict=True))
                    for i in interned:
                        value = values[i]
                        if value.__class__ is str:
                            row[keys[i]] = memo.setdefault(value, value)
                    rows.append(row)
            return rows
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc

    def scalar(self, sql: str, params: Iterable[Any] | Mapping[str, Any] = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def get(self, table: str, key: str) -> dict[str, Any] | None:
        pk = TABLE_KEYS.get(table, "id")
        rows = self.query(f"SELECT * FROM [{table}] WHERE [{pk}] = ?", [key])
        return rows[0] if rows else None

    # ------------------------------------------------------------------ writes
    def _stamp(self, row: dict[str, Any], *, creating: bool) -> dict[str, Any]:
        now = self.clock()
        stamped = {k: _nfc_value(v) for k, v in row.items()}
        if creating:
            stamped.setdefault("created_at", now)
            stamped.setdefault("created_by", self.actor)
        stamped["updated_at"] = stamped.get("updated_at", now) if creating else now
        stamped["updated_by"] = stamped.get("updated_by", self.actor) if creating else self.actor
        return stamped

    def insert(self, table: str, row: Mapping[str, Any], *, summary: str = "", audit: bool = True) -> str:
        """Insert one record (a UUID is assigned when the table's key is ``id``); return its key."""
        self._require_transaction()
        values = dict(row)
        pk = TABLE_KEYS.get(table, "id")
        if pk == "id":
            values.setdefault("id", self.new_id())
        values = self._stamp(values, creating=True)
        if table == "settings":
            values.pop("created_at", None)
            values.pop("created_by", None)
        columns = ", ".join(f"[{c}]" for c in values)
        marks = ", ".join("?" for _ in values)
        try:
            self.conn.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", list(values.values()))
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc
        if audit:
            self.log("create", table, str(values[pk]), summary, after=values)
        return str(values[pk])

    def insert_many(self, table: str, rows: Iterable[Mapping[str, Any]]) -> int:
        """Bulk insert without one audit row per record (the caller logs the batch); return count."""
        self._require_transaction()
        prepared: list[dict[str, Any]] = []
        pk = TABLE_KEYS.get(table, "id")
        for row in rows:
            values = dict(row)
            if pk == "id":
                values.setdefault("id", self.new_id())
            prepared.append(self._stamp(values, creating=True))
        if not prepared:
            return 0
        columns = list(dict.fromkeys(c for r in prepared for c in r))  # every column any row names
        sql = (f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
               f"VALUES ({', '.join('?' for _ in columns)})")
        try:
            self.conn.executemany(sql, [[r.get(c) for c in columns] for r in prepared])
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc
        return len(prepared)

    def update(self, table: str, key: str, changes: Mapping[str, Any], *, summary: str = "",
               action: str = "update") -> dict[str, Any]:
        """Update one record; log the changed fields before/after; return the row as it was."""
        self._require_transaction()
        pk = TABLE_KEYS.get(table, "id")
        before = self.get(table, key)
        if before is None:
            raise ValidationError(f"Không tìm thấy bản ghi cần sửa ({table} {key}).")
        values = self._stamp(dict(changes), creating=False)
        assignments = ", ".join(f"[{c}] = ?" for c in values)
        try:
            self.conn.execute(f"UPDATE [{table}] SET {assignments} WHERE [{pk}] = ?", [*values.values(), key])
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc
        changed = {k: v for k, v in values.items() if before.get(k) != v and k not in ("updated_at", "updated_by")}
        self.log(action, table, key, summary, before={k: before.get(k) for k in changed}, after=changed)
        return before

    def delete(self, table: str, key: str, *, summary: str = "") -> dict[str, Any]:
        """Delete one record (its full content goes to the audit log); return it."""
        self._require_transaction()
        pk = TABLE_KEYS.get(table, "id")
        before = self.get(table, key)
        if before is None:
            raise ValidationError(f"Không tìm thấy bản ghi cần xóa ({table} {key}).")
        try:
            self.conn.execute(f"DELETE FROM [{table}] WHERE [{pk}] = ?", [key])
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc
        self.log("delete", table, key, summary, before=before)
        return before

    def log(self, action: str, entity: str, entity_id: str = "", summary: str = "", *,
            before: Mapping[str, Any] | None = None, after: Mapping[str, Any] | None = None) -> None:
        """Append one row to the audit log (inside the caller's transaction when there is one)."""
        row = [
            self.new_id(), self.clock(), self.actor, self.host, action, entity, entity_id,
            unicodedata.normalize("NFC", summary),
            None if before is None else json.dumps(dict(before), ensure_ascii=False, default=_json_default),
            None if after is None else json.dumps(dict(after), ensure_ascii=False, default=_json_default),
        ]
        try:
            self.conn.execute(
                "INSERT INTO audit_log (id, at, actor, host, action, entity, entity_id, summary, before_json, after_json)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc

    # ------------------------------------------------------------------ settings
    def get_setting(self, key: str, default: Any = None) -> Any:
        value = self.scalar("SELECT value FROM settings WHERE key = ?", [key])
        return default if value is None else json.loads(value)

    def set_setting(self, key: str, value: Any) -> None:
        self._require_transaction()
        text = json.dumps(value, ensure_ascii=False)
        before = self.get_setting(key)
        self.conn.execute(
            "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, "
            "updated_by = excluded.updated_by",
            [key, text, self.clock(), self.actor],
        )
        if before != value:
            self.log("update", "settings", key, f"Thay đổi thiết lập {key}", before={"value": before},
                     after={"value": value})

    # ------------------------------------------------------------------ checks
    def integrity_problems(self, *, full: bool = True) -> list[str]:
        """Problems found by SQLite's integrity (or quick) check and the foreign-key check."""
        pragma = "integrity_check" if full else "quick_check"
        try:
            problems = [r[0] for r in self.conn.execute(f"PRAGMA {pragma}").fetchall() if r[0] != "ok"]
            for table, rowid, parent, _fk in self.conn.execute("PRAGMA foreign_key_check").fetchall():
                problems.append(f"Bảng {table}, dòng {rowid}: tham chiếu tới bản ghi không tồn tại trong bảng {parent}.")
        except sqlite3.DatabaseError as exc:
            known = translate_error(exc, self.path)
            return [str(known) if known is not exc else f"Tệp dữ liệu bị hỏng: {exc}"]
        return problems

    def close(self) -> None:
        clean = self.lock is not None and str(self.path) != ":memory:" and not self.conn.in_transaction
        try:
            self.conn.close()
            if clean:
                from emulation_desk.storage.health import mark_closed_cleanly

                mark_closed_cleanly(self.path)
        finally:
            if self.lock is not None:
                self.lock.release()
                self.lock = None


def open_store(path: Path | str, *, create: bool = True, migrate_schema: bool = True,
               readonly: bool = False, actor: str | None = None,
               before_migrating: Callable[[Store, int], None] | None = None,
               allow_network: bool | None = None, take_over_lock: bool = False,
               create_after_damage: bool = False) -> Store:
    """Open (and create/migrate) the office database at ``path``.

    A writable open takes the writer lock (:mod:`~emulation_desk.storage.lock`), refuses a network
    share unless ``allow_network`` (or the environment variable) confirms it, runs ``quick_check`` (a
    damaged file is moved aside and a backup offered: ``DamagedDatabaseError``) and backs up before
    migrating (``before_migrating`` replaces that backup when given). Read-only opens take no lock.
    """
    target = Path(path)
    if str(path) == ":memory:":
        store = Store(connect(":memory:"), target, actor=actor)
        if migrate_schema:
            migrate(store.conn, target)
        return store
    if not readonly:
        return _open_writable(target, create=create, migrate_schema=migrate_schema, actor=actor,
                              before_migrating=before_migrating, allow_network=allow_network,
                              take_over_lock=take_over_lock, create_after_damage=create_after_damage)
    _check_target(target, create=False)
    conn = connect(target, readonly=True)
    store = Store(conn, target, actor=actor)
    try:
        refuse_newer(read_user_version(conn), target)
    except BaseException:
        conn.close()
        raise
    store.readonly = True
    return store


def _check_target(target: Path, *, create: bool) -> None:
    if not target.exists():
        if not create:
            raise StorageError(f"Không tìm thấy tệp dữ liệu {target}. Hãy kiểm tra lại đường dẫn.")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"Không tạo được thư mục dữ liệu {target.parent}: {exc.strerror}. "
                "Hãy chọn thư mục khác có quyền ghi."
            ) from exc
    elif target.is_dir():
        raise StorageError(f"{target} là một thư mục, không phải tệp dữ liệu. Hãy chọn một tệp.")


def _open_writable(target: Path, *, create: bool, migrate_schema: bool, actor: str | None,
                   before_migrating: Callable[[Store, int], None] | None, allow_network: bool | None,
                   take_over_lock: bool, create_after_damage: bool) -> Store:
    from emulation_desk.storage import health, lock

    _check_target(target, create=create)
    confirmed = lock.network_confirmed_by_environment() if allow_network is None else allow_network
    network = lock.refuse_network_path(target, allow=confirmed)
    writer = lock.acquire_lock(target, take_over=take_over_lock)
    conn: sqlite3.Connection | None = None
    try:
        if not create_after_damage:
            health.refuse_after_damage(target)
        existed = target.exists() and target.stat().st_size > 0
        unchanged = health.take_clean_mark(target) if existed else False
        try:
            conn = connect(target)
            problems = health.quick_problems(conn, target) if existed and not unchanged else []
        except DatabaseDamagedError:
            if not health.has_sqlite_header(target):
                raise  # not a database at all: the user chose the wrong file; leave it where it is
            problems = ["tệp không đọc được"]
        if problems:
            if conn is not None:
                conn.close()
                conn = None
            moved = health.quarantine(target) if health.has_sqlite_header(target) else None
            raise health.damaged_error(target, moved, "kiểm tra nhanh khi mở phát hiện lỗi ("
                                       + "; ".join(problems[:2]) + ")")
        assert conn is not None
        store = Store(conn, target, actor=actor)
        store.lock = writer
        applied, old_version = 0, read_user_version(conn)
        if migrate_schema:
            hook = before_migrating or _backup_before_migrating
            applied = migrate(conn, target, before_migrating=lambda version: hook(store, version))
        _log_open_events(store, writer.previous, network, applied, old_version)
    except BaseException:
        if conn is not None:
            conn.close()
        writer.release()
        raise
    return store


def _backup_before_migrating(store: Store, version: int) -> None:
    from emulation_desk.storage.backup import create_backup

    create_backup(store, "migration", log=False)


def _log_open_events(store: Store, previous: Any, network: str, applied: int, old_version: int) -> None:
    """Audit rows for what happened while opening: a migration, a taken-over lock, a confirmed share."""
    if not (applied and old_version) and previous is None and not network:
        return
    with store.transaction():
        if applied and old_version:
            store.log("migrate", "database", "", f"Nâng cấp dữ liệu từ phiên bản {old_version} lên "
                      f"{read_user_version(store.conn)}", before={"user_version": old_version},
                      after={"user_version": read_user_version(store.conn)})
        if previous is not None:
            store.log("other", "database", "", "Tiếp quản khóa ghi do chương trình trước đó để lại "
                      f"({previous.user} trên máy {previous.host}, tiến trình {previous.pid}, từ {previous.since}), "
                      "vì chương trình đó đã dừng.")
        if network:
            store.log("other", "database", "", f"Người dùng xác nhận mở tệp dữ liệu trên {network} "
                      f"({store.path}) dù đã được cảnh báo về rủi ro hỏng dữ liệu.")
