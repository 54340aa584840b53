"""Backups of the office database: consistent snapshots, checked before they get their final name.

A backup is written with SQLite's online backup API under a temporary ``….partial`` name, synced,
opened read-only and checked (``integrity_check``, ``user_version``, the row count of every table),
and only then renamed to its final name, so a name in the backup folder always means a good file.
Names sort by time and say why they were taken: ``<tệp>_20261126-103000_truoc-nhap-du-lieu.sqlite``.

The automatic backup on opening is written in the background by :mod:`online_backup`.

Generations (setting ``backup_policy``): every backup of the last ``keep_all_days`` days, then the newest
backup of each of ``daily`` more days, ``weekly`` more ISO weeks and ``monthly`` more months (a period
that already has a kept backup does not count), going back in time.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from emulation_desk.errors import DatabaseDamagedError, DiskFullError, StorageError
from emulation_desk.storage.db import APPLICATION_ID, Store, schema_version, translate_error

BACKUP_FOLDER = "sao-luu"
PARTIAL_SUFFIX = ".partial"
POLICY_KEY = "backup_policy"
SQLITE_MAGIC = b"SQLite format 3\x00"
# reason key -> (slug in the file name, label shown to the clerk)
REASONS: dict[str, tuple[str, str]] = {
    "daily": ("hang-ngay", "Tự động hằng ngày"),
    "manual": ("theo-yeu-cau", "Theo yêu cầu"),
    "migration": ("truoc-nang-cap", "Trước khi nâng cấp dữ liệu"),
    "import": ("truoc-nhap-du-lieu", "Trước khi nhập dữ liệu"),
    "restore": ("truoc-khoi-phuc", "Trước khi khôi phục"),
    "bulk": ("truoc-thay-doi-hang-loat", "Trước khi thay đổi hàng loạt"),
    "empty_trash": ("truoc-don-thung-rac", "Trước khi dọn thùng rác"),
}
SLUG_LABELS = {slug: label for slug, label in REASONS.values()}
# tables whose counts describe a backup to the clerk
SUMMARY_TABLES = {"unit": "đơn vị", "person": "cá nhân", "nomination": "đề nghị", "decision": "quyết định",
                  "decision_recipient": "lượt được khen"}
_NAME = re.compile(r"^(?P<stem>.+)_(?P<ts>\d{8}-\d{6})(?:-(?P<n>\d+))?_(?P<slug>[a-z0-9-]+)\.sqlite$")


@dataclass(frozen=True)
class BackupPolicy:
    keep_all_days: int = 2
    daily: int = 14
    weekly: int = 8
    monthly: int = 12

    @classmethod
    def from_setting(cls, value: Any) -> BackupPolicy:
        if not isinstance(value, dict):
            return cls()
        known = {k: max(0, int(v)) for k, v in value.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def to_setting(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class BackupContents:
    """What a backup file holds, read from the file itself."""

    user_version: int = 0
    years: tuple[int, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    ok: bool = True
    problem: str = ""

    def summary(self) -> str:
        if not self.ok:
            return self.problem
        from emulation_desk.core.text import format_int

        years = ", ".join(str(y) for y in self.years) or "chưa có năm nào"
        parts = [f"{format_int(self.counts.get(t, 0))} {label}" for t, label in SUMMARY_TABLES.items()]
        return f"Năm: {years}; " + ", ".join(parts)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    slug: str
    size: int
    seq: int = 0

    @property
    def reason_label(self) -> str:
        return SLUG_LABELS.get(self.slug, self.slug)

    def contents(self) -> BackupContents:
        return read_contents(self.path)


class BackupCancelled(StorageError):
    """The backup was stopped on request (the window is closing); nothing was kept."""

    def __init__(self) -> None:
        super().__init__("Đã dừng sao lưu tự động vì chương trình đóng lại; lần mở sau sẽ sao lưu lại.")


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise BackupCancelled()


# ---------------------------------------------------------------------------------------------- files
def backup_dir(db_path: Path | str) -> Path:
    """The folder of automatic backups: ``sao-luu`` beside the database."""
    return Path(db_path).parent / BACKUP_FOLDER


def _slug(reason: str) -> str:
    if reason in REASONS:
        return REASONS[reason][0]
    slug = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-")
    return slug or REASONS["manual"][0]


def backup_name(stem: str, created: datetime, slug: str, seq: int = 0) -> str:
    stamp = created.strftime("%Y%m%d-%H%M%S") + (f"-{seq}" if seq else "")
    return f"{stem}_{stamp}_{slug}.sqlite"


def parse_backup_name(path: Path) -> tuple[str, datetime, int, str] | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    created = datetime.strptime(match["ts"], "%Y%m%d-%H%M%S")
    return match["stem"], created, int(match["n"] or 0), match["slug"]


def list_backups(db_path: Path | str, folder: Path | None = None) -> list[BackupInfo]:
    """The backups of this database, newest first (only files under a final name)."""
    db = Path(db_path)
    folder = folder or backup_dir(db)
    found: list[BackupInfo] = []
    if not folder.is_dir():
        return found
    for path in folder.glob(f"{glob_escape(db.stem)}_*.sqlite"):
        parsed = parse_backup_name(path)
        if parsed is None or parsed[0] != db.stem:
            continue
        with contextlib.suppress(OSError):
            found.append(BackupInfo(path, parsed[1], parsed[3], path.stat().st_size, parsed[2]))
    return sorted(found, key=lambda b: (b.created, b.seq), reverse=True)


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows has no directory handles for this)."""
    if sys.platform.startswith("win"):
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _os_error(exc: OSError, where: Path) -> StorageError:
    if exc.errno == errno.ENOSPC:
        return DiskFullError(f"Ổ đĩa chứa {where} đã đầy nên không sao lưu được. Dữ liệu hiện tại không thay "
                             "đổi. Hãy giải phóng dung lượng đĩa (hoặc chọn nơi lưu khác) rồi thử lại.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageError(f"Không ghi được vào {where} (chỉ cho phép đọc hoặc không có quyền). "
                            "Dữ liệu hiện tại không thay đổi. Hãy chọn thư mục khác.")
    return StorageError(f"Không ghi được tệp {where}: {exc.strerror}. Dữ liệu hiện tại không thay đổi.")


# ---------------------------------------------------------------------------------------------- reading
def _open_readonly(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")
    return conn


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: int(conn.execute(f"SELECT count(*) FROM [{name}]").fetchone()[0]) for name in names}


def _years(conn: sqlite3.Connection, tables: Iterable[str]) -> tuple[int, ...]:
    parts = [f"SELECT year FROM [{t}] WHERE deleted_at IS NULL" for t in ("decision", "nomination") if t in tables]
    if not parts:
        return ()
    return tuple(r[0] for r in conn.execute(" UNION ".join(parts) + " ORDER BY 1"))


def read_contents(path: Path) -> BackupContents:
    """Version, years and counts of a database file, read-only and without a full check (fast)."""
    try:
        with path.open("rb") as handle:
            if handle.read(16) != SQLITE_MAGIC:
                return BackupContents(ok=False, problem="Không phải tệp dữ liệu (hoặc tệp đã hỏng).")
        conn = _open_readonly(path)
        try:
            counts = table_counts(conn)
            return BackupContents(int(conn.execute("PRAGMA user_version").fetchone()[0]),
                                  _years(conn, counts), counts)
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as exc:
        return BackupContents(ok=False, problem=f"Không đọc được tệp: {exc}")


def verify_file(path: Path, *, expected_version: int | None = None,
                expected_counts: dict[str, int] | None = None,
                cancel: threading.Event | None = None, thorough: bool = True) -> BackupContents:
    """Check a database file (integrity, program, version, counts); raise when it is not usable.
    ``cancel`` set from another thread stops the check (``BackupCancelled``). ``thorough=False`` runs
    ``quick_check`` instead of ``integrity_check``: every page is still read and every b-tree checked, only the
    index-against-table comparison is left out (2,5 s instead of 21 s on a 735 MB file)."""
    def damaged(why: str) -> DatabaseDamagedError:
        return DatabaseDamagedError(f"Tệp {path.name} không dùng được: {why}")

    contents = read_contents(path)
    if not contents.ok:
        raise damaged(contents.problem)
    try:
        conn = _open_readonly(path)
        if cancel is not None:
            conn.set_progress_handler(lambda: int(cancel.is_set()), 10_000)
        try:
            pragma = "integrity_check" if thorough else "quick_check"
            problems = [r[0] for r in conn.execute(f"PRAGMA {pragma}").fetchall() if r[0] != "ok"]
            app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as exc:
        _check_cancel(cancel)
        raise damaged(f"lỗi khi kiểm tra ({exc}).") from exc
    if problems:
        raise damaged("kiểm tra toàn vẹn phát hiện lỗi (" + "; ".join(problems[:3]) + ").")
    if app_id not in (0, APPLICATION_ID) or "audit_log" not in contents.counts:
        raise damaged("không phải tệp dữ liệu thi đua, khen thưởng.")
    if contents.user_version > schema_version():
        raise damaged(f"tệp được tạo bởi phiên bản mới hơn của chương trình (lược đồ {contents.user_version}).")
    if expected_version is not None and contents.user_version != expected_version:
        raise damaged(f"phiên bản lược đồ {contents.user_version}, cần {expected_version}.")
    if expected_counts is not None and contents.counts != expected_counts:
        raise damaged("số dòng dữ liệu không khớp với tệp gốc.")
    return contents


# ---------------------------------------------------------------------------------------------- writing
def _unique_final(folder: Path, stem: str, created: datetime, slug: str) -> tuple[Path, int]:
    taken = {(b.created, b.seq) for b in list_backups(folder / f"{stem}.sqlite", folder)}
    seq = 0
    while (created.replace(microsecond=0), seq) in taken:
        seq += 1
    return folder / backup_name(stem, created, slug, seq), seq


_ACTIVE_PARTIALS: set[Path] = set()  # being written now by this process (the backup in the background)
_ACTIVE_LOCK = threading.Lock()


@contextlib.contextmanager
def writing_partial(partial: Path) -> Iterator[Path]:
    """Mark ``partial`` as being written, so another backup of this process does not sweep it away; the
    file is removed on the way out unless it was renamed."""
    with _ACTIVE_LOCK:
        _ACTIVE_PARTIALS.add(partial)
    try:
        yield partial
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        with _ACTIVE_LOCK:
            _ACTIVE_PARTIALS.discard(partial)


def remove_partials(folder: Path, stem: str) -> int:
    """Delete temporary files of interrupted backups of this database (we hold its writer lock)."""
    removed = 0
    for path in folder.glob(f"{glob_escape(stem)}_*{PARTIAL_SUFFIX}*"):
        with _ACTIVE_LOCK:
            if path in _ACTIVE_PARTIALS or Path(str(path).removesuffix("-journal")) in _ACTIVE_PARTIALS:
                continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed


def snapshot(conn: sqlite3.Connection, target: Path) -> None:
    """Copy the database behind ``conn`` into the new file ``target`` with the backup API, then sync it."""
    out = sqlite3.connect(target)
    try:
        out.execute("PRAGMA synchronous = FULL")
        conn.backup(out)
    finally:
        out.close()
    _fsync_file(target)


def _put_in_place(partial: Path, final: Path, version: int, counts: dict[str, int],
                  cancel: threading.Event | None = None, *, thorough: bool = True) -> None:
    """Check the written ``partial``, then give it its final name (atomic, durable)."""
    verify_file(partial, expected_version=version, expected_counts=counts, cancel=cancel, thorough=thorough)
    _check_cancel(cancel)
    os.replace(partial, final)
    fsync_dir(final.parent)


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


def next_backup_path(db_path: Path, now: datetime, slug: str) -> tuple[Path, int]:
    """The name of the next backup of ``db_path`` in its backup folder (made if needed; the leftovers of
    interrupted backups are swept), with its sequence number."""
    folder = backup_dir(db_path)
    _make_folder(folder)
    remove_partials(folder, db_path.stem)
    return _unique_final(folder, db_path.stem, now, slug)


def write_checked(final: Path, copy: Callable[[Path], tuple[int, dict[str, int]]], *,
                  cancel: threading.Event | None = None, thorough: bool = True,
                  checking: Callable[[], None] | None = None) -> None:
    """Write a backup through ``copy(partial)`` (which returns the schema version and the row counts copied),
    check it (``checking`` is told first), then give it its final name; the ``.partial`` file never survives.
    SQLite and file errors become known errors (``BackupCancelled`` when ``cancel`` was set)."""
    partial = final.with_name(final.name + PARTIAL_SUFFIX)
    try:
        with writing_partial(partial):
            partial.unlink(missing_ok=True)
            version, counts = copy(partial)
            if checking is not None:
                checking()
            _put_in_place(partial, final, version, counts, cancel, thorough=thorough)
    except sqlite3.Error as exc:
        _check_cancel(cancel)
        raise translate_error(exc, final) from exc
    except OSError as exc:
        raise _os_error(exc, final) from exc


def create_backup(store: Store, reason: str = "manual", *, to: Path | str | None = None,
                  now: datetime | None = None, rotate: bool = True, log: bool = True,
                  thorough: bool = True) -> BackupInfo:
    """Take a checked backup of the open database; return it. ``to`` writes one file elsewhere.
    ``thorough=False``: the copy gets the quick check (see :func:`verify_file`)."""
    if str(store.path) == ":memory:":
        raise StorageError("Cơ sở dữ liệu tạm trong bộ nhớ không sao lưu được.")
    if store.conn.in_transaction:
        raise RuntimeError("a backup must be taken outside a transaction")
    now = (now or datetime.now()).replace(microsecond=0)
    slug = _slug(reason)
    if to is None:
        final, seq = next_backup_path(store.path, now, slug)
    else:
        final, seq = Path(to), 0
        _make_folder(final.parent)
        if final.exists():
            raise StorageError(f"Tệp {final} đã có. Hãy chọn tên khác (bản sao lưu không ghi đè tệp cũ).")
    expected = table_counts(store.conn)
    version = int(store.conn.execute("PRAGMA user_version").fetchone()[0])

    def copy(partial: Path) -> tuple[int, dict[str, int]]:
        snapshot(store.conn, partial)
        return version, expected

    write_checked(final, copy, thorough=thorough)
    info = BackupInfo(final, now, slug, final.stat().st_size, seq)
    if log and not store.readonly:
        log_backup(store, info)
    if rotate and to is None:
        rotate_backups(store.path, policy_of(store), now)
    return info


def policy_of(store: Store) -> BackupPolicy:
    return BackupPolicy.from_setting(store.get_setting(POLICY_KEY))


# ---------------------------------------------------------------------------------------------- generations
def kept_backups(backups: list[BackupInfo], policy: BackupPolicy, now: datetime) -> set[Path]:
    """Which backups the policy keeps (pure: ``now`` is given)."""
    ordered = sorted(backups, key=lambda b: (b.created, b.seq), reverse=True)
    cutoff = now - timedelta(days=policy.keep_all_days)
    kept = {b.path for b in ordered if b.created > cutoff}
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
    keep = kept_backups(backups, policy, now or datetime.now())
    removed: list[Path] = []
    for backup in backups:
        if backup.path not in keep:
            with contextlib.suppress(OSError):
                backup.path.unlink()
                removed.append(backup.path)
    return removed


def newest_good_backup(db_path: Path | str, *, limit: int = 10) -> tuple[BackupInfo, BackupContents] | None:
    """The newest backup that passes the full check (trying at most ``limit`` of them)."""
    for backup in list_backups(db_path)[:limit]:
        try:
            return backup, verify_file(backup.path)
        except DatabaseDamagedError:
            continue
    return None
