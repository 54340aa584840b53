"""The SQLite connection and the :class:`Store`, the only place that writes rows (each write audited).

Every connection gets ``foreign_keys=ON``, ``synchronous=FULL``, ``trusted_schema=OFF``, ``cell_size_check=ON``
and ``mmap_size=0``. While the program holds a file for writing it runs in WAL mode (readers never wait for a
save and a save never waits for a reader: the background backup and the command line read while the clerk
saves); every committed transaction is checkpointed into the file at once, and a clean close turns the file
back into a single rollback-journal file (see :mod:`~emulation_desk.storage.db` and the README).

Errors are translated by SQLite error code into known errors with Vietnamese messages
(:func:`translate_error`); a "database disk image is malformed" met while working also tells the damage
listeners (:func:`on_damage`, :func:`report_damage`, :func:`is_damage`), so the window runs the same damage flow
as at opening: the file moved aside, the newest good backup offered, the restored file reopened.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sqlite3
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from emulation_desk.errors import (
    DatabaseDamagedError,
    DatabaseLockedError,
    DiskFullError,
    StorageError,
    ValidationError,
)
from emulation_desk.storage import deferred

APPLICATION_ID = 0x45445354  # "EDST": marks the file as an emulation_desk database
MIN_SQLITE = (3, 40, 0)
BUSY_TIMEOUT_S = 2.0  # another program's transaction is waited for this long, then reported

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
_READONLY_ROLLBACK, _READONLY_RECOVERY, _READONLY_CANTINIT = 776, 264, 1288  # extended codes
CORRUPT_CODES = (_SQLITE_CORRUPT, _SQLITE_NOTADB)
SQLITE_FULL = _SQLITE_FULL


class InterruptedOperationError(StorageError):
    """A hot journal lies beside the file and this program cannot roll it back from here."""


def interrupted_message(path: Path | str) -> str:
    """What to do when the last operation on ``path`` was interrupted and cannot be finished from here."""
    name = Path(path).name
    return (f"Thao tác trước đó trên tệp dữ liệu {path} bị gián đoạn (mất điện, máy treo hoặc chương trình bị "
            f"đóng đột ngột) và việc phục hồi chưa xong: bên cạnh tệp còn tệp {name}-journal hoặc {name}-wal. "
            "Hãy mở chương trình một lần với tệp này ở thư mục có quyền ghi để hoàn tất việc phục hồi, rồi mới "
            f"xem hoặc chép tệp. Không bao giờ chép tệp {name} mà thiếu tệp {name}-journal (hoặc {name}-wal) "
            "bên cạnh: bản chép như thế có thể thiếu hoặc hỏng dữ liệu.")


def utc_now() -> str:
    """Current UTC time as ISO 8601 text, the format of every stored timestamp."""
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def os_user() -> str:
    """The logged-in OS user: the author recorded on every change."""
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError):  # no login name (service accounts, containers)
        return "unknown"


# ---------------------------------------------------------------------------------------------- damage found while working
DamageListener = Callable[[Path | None, str], None]
_DAMAGE_LISTENERS: list[DamageListener] = []


def on_damage(listener: DamageListener) -> Callable[[], None]:
    """Subscribe to damage found while working: ``listener(path, message)`` is called (in whatever thread met
    it) whenever SQLite reports "database disk image is malformed" on a database file — a read, a write, a
    backup's copy — and whenever a face reports one it caught (:func:`report_damage`; ``path`` None: the file in
    use). Returns the call that unsubscribes. The window subscribes to run its damage flow (the same as at
    opening); the storage layer only tells, and never imports the GUI."""
    _DAMAGE_LISTENERS.append(listener)
    return lambda: _DAMAGE_LISTENERS.remove(listener) if listener in _DAMAGE_LISTENERS else None


def report_damage(path: Path | str | None, message: str) -> None:
    """Tell the listeners of :func:`on_damage` (a listener's own failure never hides the damage)."""
    if path is not None and (not str(path) or str(path) == ":memory:"):
        return
    for listener in list(_DAMAGE_LISTENERS):
        with contextlib.suppress(Exception):
            listener(Path(path) if path is not None else None, message)


def is_damage(exc: BaseException | None) -> bool:
    """True for "database disk image is malformed" (SQLITE_CORRUPT, SQLITE_NOTADB), raw from sqlite3 or already
    translated (:class:`DatabaseDamagedError`), anywhere in the exception's chain of causes."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DatabaseDamagedError):
            return True
        if isinstance(exc, sqlite3.DatabaseError) and error_code(exc) & 0xFF in CORRUPT_CODES:
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def damaged_path(exc: BaseException | None) -> Path | None:
    """The database file a damage error names (None when it does not know: a raw sqlite3 error)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        found = getattr(exc, "db_path", None)
        if found:
            return Path(found)
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def damage_of(exc: BaseException | None, path: Path | str | None = None) -> bool:
    """True when ``exc`` is damage of a database in use: raw from sqlite3 (met on the caller's own connection),
    or translated and naming the database file (``path`` when given, any database file otherwise). A damaged
    *backup* refused by its check names no file and is not damage of the file in use."""
    if isinstance(exc, sqlite3.DatabaseError):
        return is_damage(exc)
    named = damaged_path(exc) if is_damage(exc) else None
    if named is None:
        return False
    if path is None:
        return True
    try:
        return os.path.samefile(named, path)
    except OSError:
        return os.path.abspath(named) == os.path.abspath(path)


# ---------------------------------------------------------------------------------------------- errors
def error_code(exc: BaseException) -> int:
    return int(getattr(exc, "sqlite_errorcode", 0) or 0)


def translate_error(exc: sqlite3.Error, path: Path | str = "") -> Exception:
    """Map an SQLite error to a known error with a Vietnamese message (by error code, not text)."""
    extended = error_code(exc)
    code = extended & 0xFF
    where = f" ({path})" if path else ""
    if extended in (_READONLY_ROLLBACK, _READONLY_RECOVERY, _READONLY_CANTINIT):
        return InterruptedOperationError(interrupted_message(path or "này"))
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
    if code in CORRUPT_CODES:
        message = (f"Tệp dữ liệu bị hỏng hoặc không phải tệp dữ liệu của chương trình{where}. "
                   "Hãy khôi phục từ bản sao lưu gần nhất.")
        damaged = DatabaseDamagedError(message)
        damaged.db_path = Path(path) if path and str(path) != ":memory:" else None
        if damaged.db_path is not None:
            report_damage(damaged.db_path, message)
        return damaged
    if code == _SQLITE_CANTOPEN:
        return StorageError(
            f"Không mở được tệp dữ liệu{where}. Hãy kiểm tra đường dẫn và quyền truy cập thư mục."
        )
    if isinstance(exc, sqlite3.IntegrityError):
        return ValidationError(f"Dữ liệu không hợp lệ nên không được lưu: {exc}")
    return exc


# ---------------------------------------------------------------------------------------------- connections
def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")
    conn.execute("PRAGMA mmap_size = 0")
    conn.execute("PRAGMA synchronous = FULL")


def connect(path: Path | str, *, readonly: bool = False, immutable: bool = False) -> sqlite3.Connection:
    """Open a configured connection in driver autocommit mode (transactions are explicit). ``immutable``
    (read-only only): the file is read as it is, without locks or side files — for a quiet file on a medium
    that cannot be written (a write-protected stick) and that has no journal beside it."""
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        raise StorageError(
            f"Phiên bản SQLite {sqlite3.sqlite_version} quá cũ; chương trình cần SQLite 3.40 trở lên. "
            "Hãy cài đặt bản phần mềm đầy đủ."
        )
    target = Path(path)
    try:
        if readonly:
            mode = "?mode=ro&immutable=1" if immutable else "?mode=ro"
            conn = sqlite3.connect(f"{target.resolve().as_uri()}{mode}", uri=True, isolation_level=None,
                                   timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        else:
            conn = sqlite3.connect(str(target), isolation_level=None, check_same_thread=False,
                                   timeout=BUSY_TIMEOUT_S)
        _configure(conn)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise translate_error(exc, target) from exc
    return conn


def journal_mode(conn: sqlite3.Connection) -> str:
    return str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()


def set_journal_mode(conn: sqlite3.Connection, mode: str) -> bool:
    """Switch to ``mode`` ("wal" or "delete"); False when another connection keeps the file from switching."""
    try:
        conn.execute("PRAGMA busy_timeout = 200")
        return str(conn.execute(f"PRAGMA journal_mode = {mode}").fetchone()[0]).lower() == mode
    except sqlite3.OperationalError as exc:
        if error_code(exc) & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return False
        raise
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")


def _nfc_value(value: Any) -> Any:
    if isinstance(value, str) and not value.isascii():  # ASCII is NFC already (ids, codes, dates)
        return unicodedata.normalize("NFC", value)
    return value


def _json_default(value: Any) -> str:
    return str(value)


READONLY_MESSAGE = ("Tệp dữ liệu đang mở ở chế độ chỉ đọc (một cửa sổ khác của chương trình đang ghi vào tệp này); "
                    "không thể lưu thay đổi. Hãy làm việc này trong cửa sổ đó, hoặc đóng cửa sổ đó rồi thử lại.")


class Store:
    """One open office database: the only place that writes rows, each write audited.

    Services call :meth:`transaction` once per user action and the row methods inside it. On a read-only
    store a transaction may only :meth:`log` (an export's audit row): the rows wait in the side file of
    :mod:`~emulation_desk.storage.deferred` until the program holding the file copies them in.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | str, *, actor: str | None = None,
                 host: str | None = None, clock: Callable[[], str] = utc_now) -> None:
        self.conn = conn
        conn.execute("PRAGMA recursive_triggers = ON")
        self.path = Path(path) if str(path) != ":memory:" else Path(":memory:")
        self.actor = actor or os_user()
        self.host = host if host is not None else socket.gethostname()
        self.clock = clock
        self.new_id: Callable[[], str] = lambda: str(uuid.uuid4())
        self.readonly = False
        self.lock: Any = None  # the WriterLock of a writable file store
        self.wal_wanted = False  # the writer runs in WAL mode (switched on as soon as no reader stands in the way)
        self.notices: list[str] = []  # what the opening found and the clerk should know (shown once)
        self.closer: Callable[[Store], None] | None = None  # the writer's close (checkpoint, mark, lock)
        self._deferred: list[list[Any]] | None = None

    def reattach(self, conn: sqlite3.Connection) -> None:
        """Point this store at a new connection (after a restore replaced the file)."""
        self.conn = conn
        conn.execute("PRAGMA recursive_triggers = ON")
        self.enter_wal()

    # ------------------------------------------------------------------ journal
    def enter_wal(self) -> bool:
        """Put the writer's connection in WAL mode when wanted and possible (a reader of the rollback-journal
        file keeps it from switching; the next transaction tries again)."""
        if not self.wal_wanted or self.readonly or self.conn.in_transaction:
            return False
        if journal_mode(self.conn) == "wal":
            return True
        try:
            return set_journal_mode(self.conn, "wal")
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc

    def checkpoint(self, mode: str = "PASSIVE") -> None:
        """Copy committed WAL frames into the file (a file copied while the program is idle is then whole)."""
        if self.wal_wanted and not self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # the frames stay safe in the WAL until the next one
                self.conn.execute(f"PRAGMA wal_checkpoint({mode})").fetchall()

    # ------------------------------------------------------------------ transactions
    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One all-or-nothing unit of work; nested calls become savepoints."""
        if self.readonly:
            yield from self._log_only()
            return
        if self.conn.in_transaction:
            yield from self._savepoint()
            return
        self.enter_wal()
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
        self.checkpoint()

    def _savepoint(self) -> Iterator[Store]:
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

    def _log_only(self) -> Iterator[Store]:
        """A read-only store's transaction: only audit rows, kept for the writer (see the class)."""
        if self._deferred is not None:
            yield self
            return
        self._deferred = []
        try:
            yield self
            rows, self._deferred = self._deferred, None
            if rows and str(self.path) != ":memory:":
                with contextlib.suppress(OSError):  # a read-only medium: nothing there can change either
                    deferred.append(self.path, rows)
        finally:
            self._deferred = None

    def _require_transaction(self) -> None:
        if self.readonly:
            raise StorageError(READONLY_MESSAGE)
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
        try:
            row = self.conn.execute(sql, params).fetchone()
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc
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

    def _execute(self, sql: str, params: Iterable[Any]) -> None:
        try:
            self.conn.execute(sql, list(params))
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc

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
        self._execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", values.values())
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
        self._execute(f"UPDATE [{table}] SET {assignments} WHERE [{pk}] = ?", [*values.values(), key])
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
        self._execute(f"DELETE FROM [{table}] WHERE [{pk}] = ?", [key])
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
        if self.readonly:
            if self._deferred is None:
                raise StorageError(READONLY_MESSAGE)
            self._deferred.append(row)
            return
        self._execute(
            "INSERT INTO audit_log (id, at, actor, host, action, entity, entity_id, summary, before_json, after_json)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            row,
        )

    def take_deferred_audit(self) -> int:
        """Copy the audit rows that read-only programs left beside the file into the log (the writer)."""
        if self.readonly or str(self.path) == ":memory:" or self.conn.in_transaction:
            return 0

        def store_rows(rows: list[tuple[Any, ...]]) -> None:
            with self.transaction():
                self.conn.executemany(
                    "INSERT OR IGNORE INTO audit_log (id, at, actor, host, action, entity, entity_id, summary, "
                    "before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

        try:
            return deferred.take(self.path, store_rows)
        except OSError:
            return 0

    # ------------------------------------------------------------------ settings
    def get_setting(self, key: str, default: Any = None) -> Any:
        value = self.scalar("SELECT value FROM settings WHERE key = ?", [key])
        return default if value is None else json.loads(value)

    def set_setting(self, key: str, value: Any) -> None:
        self._require_transaction()
        text = json.dumps(value, ensure_ascii=False)
        before = self.get_setting(key)
        self._execute(
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
            if error_code(exc) & 0xFF not in CORRUPT_CODES:
                raise translate_error(exc, self.path) from exc
            return [f"Tệp dữ liệu bị hỏng: {exc}"]
        return problems

    def close(self) -> None:
        """Close the connection; the writer also checkpoints, marks a clean close and releases its lock."""
        if self.closer is not None:
            closer, self.closer = self.closer, None
            closer(self)
            return
        try:
            self.conn.close()
        finally:
            if self.lock is not None:
                self.lock.release()
                self.lock = None
