"""Opening the office's SQLite file: for writing (one writer, checks, recovery, migrations) or for reading.

The lower layers, in import order (none imports a higher one): :mod:`store` (connection, errors, Store),
:mod:`schema` (migrations), :mod:`lock` (one writer), :mod:`journal` (journals left by a crash),
:mod:`backup_files`/:mod:`backup` (backups), :mod:`health` (checks, quarantine), :mod:`restore`. This module
puts them together and keeps the names the rest of the program imports from here.

Journal mode (see also the README): while a program holds the file for writing it is in WAL mode (readers and
the writer never wait for each other), each commit is checkpointed into the file, and a clean close turns it
back into a single rollback-journal file. A file on a network share the clerk confirmed stays in rollback mode
(WAL needs memory shared by every program using the file, which a network share cannot give).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import emulation_desk.storage.health as health
import emulation_desk.storage.journal as journal
import emulation_desk.storage.lock as lock
import emulation_desk.storage.schema as schema
from emulation_desk.errors import (
    DatabaseDamagedError,
    DatabaseLockedError,
    DatabaseTooNewError,
    DiskFullError,
    StorageError,
)
from emulation_desk.storage.backup import backup_dir, create_backup, remove_partials
from emulation_desk.storage.schema import (
    MIGRATIONS_DIR,
    Migration,
    foreign_file_message,
    migrate,
    migrations,
    read_user_version,
    refuse_foreign,
    refuse_newer,
    schema_version,
    split_statements,
)
from emulation_desk.storage.store import (
    APPLICATION_ID,
    BUSY_TIMEOUT_S,
    MIN_SQLITE,
    TABLE_KEYS,
    InterruptedOperationError,
    Store,
    connect,
    interrupted_message,
    is_damage,
    on_damage,
    os_user,
    report_damage,
    set_journal_mode,
    translate_error,
    utc_now,
)

__all__ = ["APPLICATION_ID", "BUSY_TIMEOUT_S", "MIGRATIONS_DIR", "MIN_SQLITE", "TABLE_KEYS",
           "InterruptedOperationError", "Migration", "Store", "connect", "interrupted_message", "is_damage",
           "migrate", "migrations", "on_damage", "open_store", "os_user", "read_user_version", "refuse_newer",
           "report_damage", "schema_version", "split_statements", "translate_error", "utc_now"]

READ_ONLY_FILE = ("Tệp dữ liệu {path} đang đặt thuộc tính chỉ đọc nên chương trình không ghi được vào đó (mọi thay đổi "
                  "sẽ không lưu được). Không có gì bị thay đổi. Hãy bỏ thuộc tính chỉ đọc của tệp (chuột phải vào tệp → "
                  "Properties → bỏ chọn Read-only) hoặc chép tệp vào thư mục của mình rồi mở lại; để chỉ xem số "
                  "liệu, có thể dùng các lệnh stats, check, export.")
OLD_READ_ONLY = ("Tệp dữ liệu {path} được tạo bởi phiên bản cũ hơn của chương trình và cần được nâng cấp một lần trước "
                 "khi đọc, nhưng thư mục chứa tệp chỉ cho phép đọc. Không có gì bị thay đổi. Hãy chép tệp vào một thư "
                 "mục có quyền ghi rồi mở lại.")
COPIED_WHILE_OPEN = ("Tệp dữ liệu này được chép (hoặc để lại) trong lúc chương trình đang mở nó, không kèm tệp {name}-wal "
                     "bên cạnh: những thay đổi cuối cùng trước lúc chép có thể không có trong tệp. Chương trình đã kiểm "
                     "tra toàn vẹn đầy đủ. Nếu còn tệp gốc, hãy dùng tệp gốc (chép cả hai tệp, hoặc đóng chương trình "
                     "trước khi chép).")


def open_store(path: Path | str, *, create: bool = True, migrate_schema: bool = True,
               readonly: bool = False, actor: str | None = None,
               before_migrating: Callable[[Store, int], None] | None = None,
               allow_network: bool | None = None, take_over_lock: bool = False,
               create_after_damage: bool = False) -> Store:
    """Open (and create/migrate) the office database at ``path``.

    A writable open takes the writer lock (:mod:`~emulation_desk.storage.lock`), refuses a network
    share unless ``allow_network`` (or the environment variable) confirms it, refuses another program's file,
    applies a journal left by an interrupted program (the original bytes kept aside first), checks the content
    (a damaged file is moved aside and a backup offered: ``DamagedDatabaseError``), backs up before migrating
    (``before_migrating`` replaces that backup when given) and switches to WAL mode.

    A read-only open takes no lock while another program holds the file; when none does and the file needs
    the writer (a journal to apply, an older schema), it opens it once for writing first, or says what to do.
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
    return _open_for_reading(target, actor=actor)


# ---------------------------------------------------------------------------------------------- file facts
def _header(target: Path) -> tuple[int, int] | None:
    """(user_version, application_id) from the header of an SQLite file (None otherwise)."""
    try:
        with target.open("rb") as handle:
            head = handle.read(100)
    except OSError:
        return None
    if len(head) < 100 or not head.startswith(b"SQLite format 3\x00"):
        return None
    return int.from_bytes(head[60:64], "big"), int.from_bytes(head[68:72], "big")


def _refuse_foreign_header(target: Path) -> None:
    found = _header(target)
    if found is not None and found[1] not in (0, APPLICATION_ID):
        raise StorageError(foreign_file_message(target))


def _read_only_file(target: Path) -> bool:
    try:
        return not os.access(target, os.W_OK) or not os.stat(target).st_mode & 0o200
    except OSError:
        return False


def _check_target(target: Path, *, create: bool, create_after_damage: bool = False) -> None:
    if not target.exists():
        if not create_after_damage:
            health.refuse_after_damage(target)
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


# ---------------------------------------------------------------------------------------------- writing
def _open_writable(target: Path, *, create: bool, migrate_schema: bool, actor: str | None,
                   before_migrating: Callable[[Store, int], None] | None, allow_network: bool | None,
                   take_over_lock: bool, create_after_damage: bool) -> Store:
    _check_target(target, create=create, create_after_damage=create_after_damage)
    _refuse_foreign_header(target)
    confirmed = lock.network_confirmed_by_environment() if allow_network is None else allow_network
    network = lock.refuse_network_path(target, allow=confirmed)
    if target.exists() and _read_only_file(target):
        raise StorageError(READ_ONLY_FILE.format(path=target))
    writer = lock.acquire_lock(target, take_over=take_over_lock)
    conn: sqlite3.Connection | None = None
    try:
        if target.exists() and target.stat().st_size == 0 and not create_after_damage:
            health.refuse_empty(target, move_aside=True)
        conn, notices, recovered = _checked_connection(target)
        store = Store(conn, target, actor=actor)
        store.lock, store.notices = writer, notices
        applied, old_version = 0, read_user_version(conn)
        if migrate_schema:
            hook = before_migrating or _backup_before_migrating
            applied = migrate(conn, target, before_migrating=lambda version: hook(store, version))
        conn.close()  # a fresh connection enters WAL mode: SQLite 3.40 cannot checkpoint on one that ran
        conn = None   # quick_check or renamed a table before it switched (it reports "database table is locked")
        store.wal_wanted = not network
        store.reattach(connect(target))
        conn = store.conn
        store.closer = _close_writer
        store.take_deferred_audit()
        _log_open_events(store, writer.previous, network, applied, old_version, recovered)
        with contextlib.suppress(OSError):  # copies left by backups whose program was killed
            remove_partials(backup_dir(target), under_lock=False)
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        writer.release()
        raise translate_error(exc, target) from exc
    except BaseException:
        if conn is not None:
            conn.close()
        writer.release()
        raise
    return store


def _keep_original(target: Path, found: Path) -> list[Path]:
    try:
        return journal.keep_original(target, found)
    except OSError as exc:
        raise DiskFullError(
            f"Thao tác trước đó trên tệp dữ liệu {target} bị gián đoạn; để phục hồi an toàn, chương trình cần chép "
            f"giữ lại tệp và tệp nhật ký giao dịch {found.name} trước, nhưng không chép được ({exc.strerror}). "
            "Không có gì bị thay đổi. Hãy giải phóng dung lượng đĩa (cần khoảng "
            f"{(target.stat().st_size + found.stat().st_size) // 1_000_000 + 1} MB) rồi mở lại.") from exc


def _checked_connection(target: Path) -> tuple[sqlite3.Connection, list[str], bool]:
    """The writer's connection after recovery and the content check; (connection, notices, recovered)."""
    existed = target.exists() and target.stat().st_size > 0
    found = journal.leftover_journal(target) if existed else None
    originals = _keep_original(target, found) if found is not None else []
    copied_alone = existed and found is None and journal.header_mode(target) == "wal" \
        and not journal.side(target, "-wal").exists()
    state = health.clean_state(target, consume=True) if existed and not originals else health.NO_MARK
    conn: sqlite3.Connection | None = None
    try:
        conn = connect(target)  # SQLite applies a leftover journal here
        if found is not None and found.name.endswith("-wal"):
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        problems = _problems(conn, target, state, full=copied_alone) if existed else []
    except StorageError as exc:
        if not health.has_sqlite_header(target) or not isinstance(exc, DatabaseDamagedError):
            if conn is not None:
                conn.close()
            journal.discard(originals)
            raise  # not a database at all (the wrong file), or busy elsewhere: leave it where it is
        problems = ["tệp không đọc được"]
    if problems:
        if conn is not None:
            conn.close()
        moved = health.quarantine(target) if health.has_sqlite_header(target) else None
        raise health.damaged_error(target, moved, "kiểm tra khi mở phát hiện lỗi (" + "; ".join(problems[:2]) + ")",
                                   originals=originals)
    assert conn is not None
    journal.discard(originals)
    notices = [COPIED_WHILE_OPEN.format(name=target.name)] if copied_alone else []
    return conn, notices, bool(originals)


def _problems(conn: sqlite3.Connection, target: Path, state: str, *, full: bool) -> list[str]:
    if state == health.TAMPERED:
        return [health.TAMPERED_WHY]
    if state == health.SAME:
        return []
    if full:
        return Store(conn, target).integrity_problems(full=True)
    return health.quick_problems(conn, target)


def _close_writer(store: Store) -> None:
    """The writer's close: waiting audit rows in, every WAL frame into the file, back to one rollback-journal
    file, the clean-close mark, the lock given back."""
    clean = str(store.path) != ":memory:" and not store.conn.in_transaction
    try:
        if clean:
            try:
                store.take_deferred_audit()
                store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
                set_journal_mode(store.conn, "delete")
            except (sqlite3.Error, StorageError):
                clean = False  # the file stays as SQLite left it; the next opening checks it
        store.conn.close()
        if clean:
            journal.remove_stale_side_files(store.path)
            health.mark_closed_cleanly(store.path)
    finally:
        if store.lock is not None:
            store.lock.release()
            store.lock = None


# ---------------------------------------------------------------------------------------------- damage while open
def set_aside_damaged(store: Store) -> Path:
    """The writer's file turned out damaged while open (see :func:`~emulation_desk.storage.store.on_damage`):
    close its connection, keeping the writer lock, and move the file aside as ``<tệp>.damaged-<thời điểm>``
    (never deleted; with any ``-wal``/``-shm`` left beside it). Closing copies the last committed WAL frames
    into the file, as SQLite would on any close — a checkpoint copies pages as they are, it does not read them,
    so the damaged pages are kept byte for byte. No clean-close mark is written. The caller has stopped every
    other connection to the file (the window's background operations)."""
    if store.readonly or str(store.path) == ":memory:":
        raise StorageError("Chỉ chương trình đang ghi tệp dữ liệu mới được để riêng tệp hỏng.")
    store.closer = None  # a damaged file is never marked as closed cleanly
    with contextlib.suppress(sqlite3.Error):
        store.conn.close()
    try:
        return health.quarantine(store.path)
    except OSError as exc:
        raise StorageError(
            f"Không để riêng được tệp dữ liệu bị hỏng {store.path} ({exc.strerror}). Hãy đóng chương trình, chép "
            "tệp hỏng sang nơi khác để giữ lại, rồi mở lại chương trình để khôi phục bản sao lưu.") from exc


def restore_damaged(store: Store, backup: Path) -> Any:
    """After :func:`set_aside_damaged`: put a checked copy of ``backup`` at the file's name (the store still holds
    the writer lock) and reopen the store on it, as the writer (WAL, clean close). Returns the
    :class:`~emulation_desk.storage.restore.RestoreResult`."""
    from emulation_desk.storage.restore import RestoreResult, swap_in

    contents, aside, carried = swap_in(store.path, Path(backup), actor=store.actor)
    try:
        store.reattach(connect(store.path))
        migrate(store.conn, store.path)
    except sqlite3.Error as exc:
        raise translate_error(exc, store.path) from exc
    store.closer = _close_writer
    return RestoreResult(Path(backup), contents, aside, None, carried)


def _backup_before_migrating(store: Store, version: int) -> None:
    create_backup(store, "migration", log=False)


def _log_open_events(store: Store, previous: Any, network: str, applied: int, old_version: int,
                     recovered: bool) -> None:
    """Audit rows for what happened while opening: a recovery, a migration, a taken-over lock, a confirmed share."""
    if not (applied and old_version) and previous is None and not network and not recovered:
        return
    with store.transaction():
        if recovered:
            store.log("other", "database", "", "Phục hồi tệp dữ liệu sau khi thao tác trước đó bị gián đoạn (nhật ký "
                      "giao dịch để lại bên cạnh tệp đã được áp dụng; tệp qua được kiểm tra).")
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


# ---------------------------------------------------------------------------------------------- reading
def _outdated(target: Path) -> bool:
    found = _header(target)
    return found is not None and 0 < found[0] < schema.schema_version()


def _needs_writer(target: Path) -> bool:
    """Work only the writer may do: a journal to apply, an older schema to bring up to date, or a file still
    marked as in WAL mode (left by a crash or copied while open) to turn back into a single file."""
    return journal.leftover_journal(target) is not None or _outdated(target) or journal.header_mode(target) == "wal"


def _prepare_for_reading(target: Path) -> list[str]:
    """With no program holding the file: let the writer's opening do the work a reader cannot, then close;
    the opening's notices for the reader."""
    pending = journal.leftover_journal(target)
    try:
        store = open_store(target, create=False)
    except DatabaseLockedError:
        return []  # another program took the file meanwhile: it does that work
    except (DatabaseDamagedError, DatabaseTooNewError):
        raise
    except StorageError as exc:  # this folder cannot be written (a read-only medium, a network share)
        if pending is not None and journal.leftover_journal(target) is not None:
            raise InterruptedOperationError(interrupted_message(target)) from exc
        if _outdated(target):
            raise StorageError(OLD_READ_ONLY.format(path=target)) from exc
        return []  # only the WAL mark: the file is read as it is
    notices = list(store.notices)
    store.close()
    return notices


def _open_for_reading(target: Path, *, actor: str | None) -> Store:
    _check_target(target, create=False)
    if target.stat().st_size == 0:
        health.refuse_empty(target, move_aside=False)
        raise StorageError(f"Tệp {target} rỗng (0 byte), không phải tệp dữ liệu. Hãy kiểm tra lại đường dẫn.")
    _refuse_foreign_header(target)
    live = lock.writer_alive(target)
    notices = _prepare_for_reading(target) if not live and _needs_writer(target) else []
    immutable = journal.header_mode(target) == "wal" and not journal.side(target, "-wal").exists() \
        and not os.access(target.parent, os.W_OK)
    conn = connect(target, readonly=True, immutable=immutable)
    try:
        refuse_newer(read_user_version(conn), target)
        refuse_foreign(conn, target)
        if not live:
            _check_for_reading(conn, target)
    except sqlite3.Error as exc:
        conn.close()
        raise translate_error(exc, target) from exc
    except BaseException:
        conn.close()
        raise
    store = Store(conn, target, actor=actor)
    store.readonly, store.notices = True, notices
    return store


def _check_for_reading(conn: sqlite3.Connection, target: Path) -> None:
    """A reader with no writer behind it checks what it reads: the bytes against the clean-close mark, else
    ``quick_check`` (a damaged file is reported, not moved: only the writer moves files)."""
    state = health.clean_state(target, consume=False)
    problems = _problems(conn, target, state, full=False)
    if problems:
        offer, backup, contents = health.offer_text(target)
        raise health.DamagedDatabaseError(
            f"Tệp dữ liệu {target} bị hỏng ({'; '.join(problems[:2])}): số liệu đọc từ tệp này không đáng tin. "
            f"{offer} Hãy mở chương trình để khôi phục (tệp hỏng được giữ lại), hoặc dùng lệnh restore.",
            db_path=target, moved_to=None, offer=backup, offer_contents=contents)
