"""Writing backups: consistent snapshots, checked before they get their final name, one at a time.

A backup is written with SQLite's online backup API under a temporary ``….<tiến trình>.partial`` name (with no
journal of its own: an interrupted copy is only thrown away), marked as a stand-alone rollback-journal file,
synced, opened read-only and checked (``integrity_check`` or ``quick_check``, ``user_version``, the row count of
every table), and only then renamed to its final name, so a name in the backup folder always means a good file.
One backup at a time per backup folder, across processes (an OS lock on ``sao-luu/.dang-sao-luu``): the
leftovers of interrupted backups are swept only under that lock, so nobody removes another program's copy in
progress. Names, listing and checks are in :mod:`~emulation_desk.storage.backup_files`.

The automatic backup on opening is written in the background by :mod:`online_backup`.

Generations (setting ``backup_policy``): every backup of the last ``keep_all_days`` days, then the newest
backup of each of ``daily`` more days, ``weekly`` more ISO weeks and ``monthly`` more months (a period
that already has a kept backup does not count), going back in time. Never deleted whatever the policy says:
the newest backup, the one with the most history (highest generation) and the one holding the most data (used
pages, not file size: deletions leave the size) of each database (so an empty or much smaller file never pushes
a richer one out), and a backup named later than now (a wrong clock:
it is reported, not trusted and not thrown away).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

from emulation_desk.errors import DatabaseDamagedError, StorageError
from emulation_desk.storage.backup_files import *  # noqa: F403 - the names, listing and checks live there
from emulation_desk.storage.backup_files import (
    PARTIAL_SUFFIX,
    POLICY_KEY,
    BackupContents,
    BackupInfo,
    BackupPolicy,
    _check_cancel,
    _fsync_file,
    _os_error,
    _slug,
    backup_dir,
    backup_name,
    fsync_dir,
    glob_escape,
    is_future,
    lineage,
    list_backups,
    newest_first,
    table_counts,
    used_pages,
    verify_file,
)
from emulation_desk.storage.journal import set_header_rollback
from emulation_desk.storage.lock import _os_try_lock, _os_unlock, _same_file, pid_alive
from emulation_desk.storage.store import SQLITE_FULL, Store, error_code, translate_error

BACKUP_LOCK = ".dang-sao-luu"
BACKUP_WAIT_S = 300.0  # a second backup waits this long for the first one (a province backup takes seconds)


class BackupBusyError(StorageError):
    """Another program is writing a backup into the same folder."""


# ---------------------------------------------------------------------------------------------- one at a time
@contextlib.contextmanager
def backup_folder_lock(folder: Path, *, wait: float | None = None,
                       cancel: threading.Event | None = None) -> Iterator[None]:
    """Hold the folder's backup lock (waiting at most ``wait`` seconds for another program's backup). The lock
    file is removed on release (while still locked: a waiter that opened it sees it gone and opens a new one)."""
    path = folder / BACKUP_LOCK
    deadline = time.monotonic() + (BACKUP_WAIT_S if wait is None else wait)
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        except OSError as exc:
            raise _os_error(exc, folder) from exc
        state = _os_try_lock(fd)
        if state != "busy" and (sys.platform.startswith("win") or _same_file(fd, path)):
            break
        if state == "locked":
            _os_unlock(fd)
        os.close(fd)
        _check_cancel(cancel)
        if time.monotonic() > deadline:
            raise BackupBusyError("Một bản sao lưu khác của tệp dữ liệu này đang được lập (ở cửa sổ chương trình "
                                  "hoặc một lệnh khác). Hãy đợi bản đó xong rồi thử lại.")
        time.sleep(0.2)
    try:
        yield
    finally:
        if not sys.platform.startswith("win"):
            with contextlib.suppress(OSError):
                path.unlink()
        if state == "locked":
            _os_unlock(fd)
        os.close(fd)
        if sys.platform.startswith("win"):
            with contextlib.suppress(OSError):
                path.unlink()


_ACTIVE_PARTIALS: set[Path] = set()  # being written now by this process
_ACTIVE_LOCK = threading.Lock()


@contextlib.contextmanager
def writing_partial(partial: Path) -> Iterator[Path]:
    """Mark ``partial`` as being written by this process; the file is removed on the way out unless renamed."""
    with _ACTIVE_LOCK:
        _ACTIVE_PARTIALS.add(partial)
    try:
        yield partial
    finally:
        for leftover in (partial, Path(f"{partial}-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        with _ACTIVE_LOCK:
            _ACTIVE_PARTIALS.discard(partial)


def partial_name(final: Path) -> Path:
    return final.with_name(f"{final.name}.{os.getpid()}{PARTIAL_SUFFIX}")


def _writer_pid(path: Path) -> int | None:
    """The process id in ``<tên>.<pid>.partial`` (None for the names of older versions)."""
    name = path.name.removesuffix("-journal").removesuffix(PARTIAL_SUFFIX)
    tail = name.rsplit(".", 1)[-1]
    return int(tail) if tail.isdigit() else None


def remove_partials(folder: Path, stem: str = "", *, under_lock: bool = True) -> int:
    """Delete the temporary files of interrupted backups in ``folder`` (of files named ``stem``… when given).
    ``under_lock``: the caller holds the folder's backup lock, so no other program is writing one; otherwise only
    files whose writer process is gone are removed."""
    removed = 0
    pattern = f"{glob_escape(stem)}*{PARTIAL_SUFFIX}*" if stem else f"*.sqlite*{PARTIAL_SUFFIX}*"
    for path in folder.glob(pattern):
        with _ACTIVE_LOCK:
            if Path(str(path).removesuffix("-journal")) in _ACTIVE_PARTIALS:
                continue
        pid = _writer_pid(path)
        if not under_lock and pid is not None and pid != os.getpid() and pid_alive(pid):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed


# ---------------------------------------------------------------------------------------------- writing
def _unique_final(folder: Path, stem: str, created: datetime, slug: str) -> tuple[Path, int]:
    taken = {(b.created, b.seq) for b in list_backups(folder / f"{stem}.sqlite", folder)}
    seq = 0
    while (created.replace(microsecond=0), seq) in taken:
        seq += 1
    return folder / backup_name(stem, created, slug, seq), seq


def snapshot(conn: sqlite3.Connection, target: Path, *, pages: int = -1,
             progress: Callable[[int, int, int], object] | None = None) -> None:
    """Copy the database behind ``conn`` into the new file ``target`` with the backup API, mark it a stand-alone
    rollback-journal file and sync it. The copy has no journal: an interrupted one is thrown away."""
    out = sqlite3.connect(target)
    try:
        out.execute("PRAGMA journal_mode = OFF")
        out.execute("PRAGMA synchronous = OFF")  # synced once below
        conn.backup(out, pages=pages, progress=progress)
    finally:
        out.close()
    set_header_rollback(target)
    _fsync_file(target)


def copy_file_snapshot(conn: sqlite3.Connection, db_path: Path, target: Path) -> bool:
    """Copy the file behind ``conn`` byte for byte into the new file ``target`` (the operating system copies it:
    a fraction of the backup API's cost on a large file), when that copy is sure to be one consistent state: the
    connection is in WAL mode, the caller holds the file for writing (no other writer), every WAL frame was just
    checkpointed into the file, and ``conn`` now holds a read transaction on that state (so nothing is written into
    the file until it ends). Then the copy is marked a stand-alone rollback-journal file and synced. False (and
    no file) when any of this does not hold: the caller copies with the backup API instead."""
    if not conn.in_transaction or str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
        return False
    wal = Path(f"{db_path}-wal")
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    try:
        if wal.exists() and wal.stat().st_size:  # frames not in the file (a reader kept the checkpoint back)
            return False
        shutil.copyfile(db_path, target)
        if target.stat().st_size != pages * page_size:
            target.unlink()
            return False
    except OSError:
        target.unlink(missing_ok=True)
        return False
    set_header_rollback(target)
    _fsync_file(target)
    return True


def _put_in_place(partial: Path, final: Path, version: int, counts: dict[str, int],
                  cancel: threading.Event | None = None, *, thorough: bool = True) -> BackupContents:
    """Check the written ``partial``, then give it its final name (atomic, durable)."""
    contents = verify_file(partial, expected_version=version, expected_counts=counts, cancel=cancel,
                           thorough=thorough)
    _check_cancel(cancel)
    os.replace(partial, final)
    fsync_dir(final.parent)
    return contents


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _os_error(exc, folder) from exc


def log_backup(store: Store, info: BackupInfo) -> None:
    """The audit row of a backup (on the store's thread)."""
    with store.transaction():
        store.log("backup", "database", "", f"Sao lưu ({info.reason_label.lower()}) vào tệp {info.path.name}",
                  after={"file": str(info.path), "reason": info.slug, "size": info.size})


Copy = Callable[[Path], tuple[int, dict[str, int]]]


def write_backup_file(db_path: Path, copy: Copy, *, now: datetime, slug: str, to: Path | None = None,
                      cancel: threading.Event | None = None, thorough: bool = True,
                      checking: Callable[[], None] | None = None) -> BackupInfo:
    """The one way a backup is written: under the folder's backup lock, the leftovers of interrupted backups
    swept, a free final name chosen (or ``to``), ``copy(partial)`` run (it returns the schema version and the
    row counts copied), the copy checked (``checking`` is told first) and renamed. SQLite and file errors become
    known errors (``BackupCancelled`` when ``cancel`` was set); the partial file never survives."""
    folder = backup_dir(db_path)
    _make_folder(folder)
    if to is not None:
        _make_folder(to.parent)
        remove_partials(to.parent, to.name, under_lock=False)
    try:
        with backup_folder_lock(folder, cancel=cancel):
            remove_partials(folder)
            if to is None:
                final, seq = _unique_final(folder, db_path.stem, now, slug)
            elif to.exists():
                raise StorageError(f"Tệp {to} đã có. Hãy chọn tên khác (bản sao lưu không ghi đè tệp cũ).")
            else:
                final, seq = to, 0
            with writing_partial(partial_name(final)) as partial:
                partial.unlink(missing_ok=True)
                version, counts = copy(partial)
                if checking is not None:
                    checking()
                _put_in_place(partial, final, version, counts, cancel, thorough=thorough)
    except sqlite3.Error as exc:
        _check_cancel(cancel)
        if error_code(exc) & 0xFF == SQLITE_FULL:  # the copy's disk is full (reading the file fills nothing)
            raise _os_error(OSError(errno.ENOSPC, "disk full"), to or folder) from exc
        raise translate_error(exc, db_path) from exc
    except OSError as exc:
        raise _os_error(exc, to or folder) from exc
    return BackupInfo(final, now, slug, final.stat().st_size, seq)


def create_backup(store: Store, reason: str = "manual", *, to: Path | str | None = None,
                  now: datetime | None = None, rotate: bool = True, log: bool = True,
                  thorough: bool = True, file_copy: bool = False) -> BackupInfo:
    """Take a checked backup of the open database; return it. ``to`` writes one file elsewhere.
    ``thorough=False``: the copy gets the quick check (see :func:`verify_file`). ``file_copy``: copy the file
    itself when that is safe (:func:`copy_file_snapshot`; the clerk waits for a backup before an operation),
    else page by page with the backup API. Either copy is checked the same way before it gets its name."""
    if str(store.path) == ":memory:":
        raise StorageError("Cơ sở dữ liệu tạm trong bộ nhớ không sao lưu được.")
    if store.conn.in_transaction:
        raise RuntimeError("a backup must be taken outside a transaction")
    now = (now or datetime.now()).replace(microsecond=0)

    def copy(partial: Path) -> tuple[int, dict[str, int]]:
        if file_copy and not store.readonly:  # the WAL's frames into the file, so the file alone is the data
            with contextlib.suppress(sqlite3.Error):
                store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        store.conn.execute("BEGIN")  # one snapshot for the counts and the pages (another program may save)
        try:
            expected = table_counts(store.conn)
            version = int(store.conn.execute("PRAGMA user_version").fetchone()[0])
            if not (file_copy and not store.readonly and copy_file_snapshot(store.conn, store.path, partial)):
                snapshot(store.conn, partial)
        finally:
            store.conn.execute("COMMIT")
        return version, expected

    info = write_backup_file(store.path, copy, now=now, slug=_slug(reason), to=Path(to) if to else None,
                             thorough=thorough)
    if log and not store.readonly:
        log_backup(store, info)
    if rotate and to is None:
        rotate_backups(store.path, policy_of(store), now)
    return info


def policy_of(store: Store) -> BackupPolicy:
    return BackupPolicy.from_setting(store.get_setting(POLICY_KEY))


# ---------------------------------------------------------------------------------------------- generations
def kept_backups(backups: list[BackupInfo], policy: BackupPolicy, now: datetime,
                 protected: set[Path] | None = None) -> set[Path]:
    """Which backups the policy keeps (pure: ``now`` is given); ``protected`` ones are always kept, and so are
    those named later than ``now`` (a wrong clock), which take no part in the periods."""
    kept = set(protected or ()) | {b.path for b in backups if is_future(b.created, now)}
    ordered = sorted((b for b in backups if not is_future(b.created, now)), key=lambda b: (b.created, b.seq),
                     reverse=True)
    cutoff = now - timedelta(days=policy.keep_all_days)
    kept |= {b.path for b in ordered if b.created > cutoff}
    if ordered:
        kept.add(ordered[0].path)
    older = [b for b in ordered if b.path not in kept]
    rules = (
        (policy.daily, lambda d: d.date()),
        (policy.weekly, lambda d: tuple(d.isocalendar())[:2]),
        (policy.monthly, lambda d: (d.year, d.month)),
    )
    for count, period in rules:
        seen = {period(b.created) for b in ordered if b.path in kept}  # periods already represented
        added = 0
        for backup in older:
            if added >= count:
                break
            key = period(backup.created)
            if key in seen:
                continue
            seen.add(key)
            kept.add(backup.path)
            added += 1
        older = [b for b in older if b.path not in kept]
    return kept


def rotate_backups(db_path: Path | str, policy: BackupPolicy, now: datetime | None = None) -> list[Path]:
    """Delete the backups the policy no longer keeps; return them."""
    backups = list_backups(db_path)
    keep = kept_backups(backups, policy, now or datetime.now(), protected_backups(backups))
    removed: list[Path] = []
    for backup in backups:
        if backup.path not in keep:
            with contextlib.suppress(OSError):
                backup.path.unlink()
                removed.append(backup.path)
    return removed


_LINEAGE: dict[tuple[Path, int, int], BackupContents] = {}


def peek(path: Path) -> BackupContents:
    """Generation and database id of a backup file, read cheaply (cached while the file is unchanged)."""
    try:
        info = path.stat()
    except OSError:
        return BackupContents(ok=False)
    key = (path, info.st_size, info.st_mtime_ns)
    if key not in _LINEAGE:
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                generation, database_id = lineage(conn)
            finally:
                conn.close()
            _LINEAGE[key] = BackupContents(generation=generation, database_id=database_id,
                                           used_pages=used_pages(path))
        except sqlite3.Error:
            _LINEAGE[key] = BackupContents(ok=False)
    return _LINEAGE[key]


def protected_backups(backups: list[BackupInfo]) -> set[Path]:
    """Per database: the backup with the most history and the one holding the most data (used pages; see the
    module's text)."""
    best: dict[str, tuple[BackupInfo, BackupInfo]] = {}
    for backup in backups:
        found = peek(backup.path)
        if not found.ok:
            continue
        richest, largest = best.get(found.database_id, (backup, backup))
        if (found.generation, backup.created) > (peek(richest.path).generation, richest.created):
            richest = backup
        if found.used_pages > peek(largest.path).used_pages:
            largest = backup
        best[found.database_id] = (richest, largest)
    return {b.path for pair in best.values() for b in pair}


def ordered_backups(db_path: Path | str, database_id: str = "") -> list[BackupInfo]:
    """The backups of ``db_path`` newest first by what they hold (see ``backup_files.newest_first``)."""
    backups = list_backups(db_path)
    return newest_first(backups, {b.path: peek(b.path) for b in backups}, database_id)


def newest_good_backup(db_path: Path | str, *, limit: int = 10, database_id: str = ""
                       ) -> tuple[BackupInfo, BackupContents] | None:
    """The newest backup (by what it holds) that passes the full check, trying at most ``limit`` of them; one
    without any data comes after those that have some."""
    empty: tuple[BackupInfo, BackupContents] | None = None
    for backup in ordered_backups(db_path, database_id)[:limit]:
        try:
            contents = verify_file(backup.path)
        except DatabaseDamagedError:
            continue
        if contents.data_rows():
            return backup, contents
        empty = empty or (backup, contents)
    return empty
