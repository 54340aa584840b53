"""Backup files: their names, what each holds (read from the file), and the check that makes one usable.

A name in the backup folder always means a checked, complete file (see :mod:`~emulation_desk.storage.backup`
for writing). Names sort by the time they were taken and say why:
``<tệp>_20261126-103000_truoc-nhap-du-lieu.sqlite``. A clock that was wrong gives a wrong name, so backups are
also told apart by what they hold: the *generation* (the number of audit rows ever written to that database,
which only grows) and the database's own id (``settings.database_id``), see :func:`newest_first`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
import sys
import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import emulation_desk.storage.schema as schema
from emulation_desk.errors import DatabaseDamagedError, DiskFullError, StorageError
from emulation_desk.storage.store import APPLICATION_ID

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
    generation: int = 0  # audit rows ever written (sqlite_sequence of audit_log): grows with every change
    database_id: str = ""  # the database this is a copy of
    used_pages: int = 0  # pages holding data (page count less free pages, from the header): how much it holds

    def data_rows(self) -> int:
        return sum(self.counts.get(t, 0) for t in SUMMARY_TABLES)

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


def used_pages(path: Path) -> int:
    """Pages of a database file that hold data (page count less the free list), read from its header: a file
    emptied by deletions keeps its size but not its used pages."""
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
    except OSError:
        return 0
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        return 0
    return max(0, int.from_bytes(head[28:32], "big") - int.from_bytes(head[36:40], "big"))


def lineage(conn: sqlite3.Connection) -> tuple[int, str]:
    """(generation, database id) of an open database; (0, "") for what cannot be read."""
    generation, database_id = 0, ""
    with contextlib.suppress(sqlite3.Error, TypeError, ValueError):
        row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").fetchone()
        generation = int(row[0]) if row else 0
    with contextlib.suppress(sqlite3.Error, TypeError, ValueError):
        row = conn.execute("SELECT value FROM settings WHERE key = 'database_id'").fetchone()
        database_id = str(row[0]).strip('"') if row else ""
    return generation, database_id


def read_contents(path: Path) -> BackupContents:
    """Version, years and counts of a database file, read-only and without a full check (fast)."""
    try:
        with path.open("rb") as handle:
            if handle.read(16) != SQLITE_MAGIC:
                return BackupContents(ok=False, problem="Không phải tệp dữ liệu (hoặc tệp đã hỏng).")
        conn = _open_readonly(path)
        try:
            counts = table_counts(conn)
            generation, database_id = lineage(conn)
            return BackupContents(int(conn.execute("PRAGMA user_version").fetchone()[0]),
                                  _years(conn, counts), counts, generation=generation, database_id=database_id)
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
    if contents.user_version > schema.schema_version():
        raise damaged(f"tệp được tạo bởi phiên bản mới hơn của chương trình (lược đồ {contents.user_version}).")
    if expected_version is not None and contents.user_version != expected_version:
        raise damaged(f"phiên bản lược đồ {contents.user_version}, cần {expected_version}.")
    if expected_counts is not None and contents.counts != expected_counts:
        raise damaged("số dòng dữ liệu không khớp với tệp gốc.")
    return contents


# ---------------------------------------------------------------------------------------------- writing


# ---------------------------------------------------------------------------------------------- ordering
CLOCK_TOLERANCE = timedelta(minutes=10)


def is_future(moment: datetime, now: datetime | None = None) -> bool:
    """A time later than now (beyond a few minutes): the clock was wrong when it was written."""
    return moment > (now or datetime.now()) + CLOCK_TOLERANCE


def future_notice(what: str, moment: datetime) -> str:
    return (f"{what} mang thời điểm {moment.strftime('%H:%M ngày %d/%m/%Y')}, muộn hơn thời điểm hiện tại: đồng hồ "
            "của máy tính có thể đã (hoặc đang) bị đặt sai. Hãy kiểm tra ngày giờ của máy; chương trình không dựa "
            "vào thời điểm này để quyết định sao lưu, kiểm tra.")


def newest_first(backups: list[BackupInfo], contents: dict[Path, BackupContents],
                 database_id: str = "") -> list[BackupInfo]:
    """Backups ordered by what they hold, then by when they were really made: copies of ``database_id`` first
    (when known), a higher generation first (a backup with more of the database's history is newer, whatever
    its name says), then an earlier name before a name later than now, then by name. Unreadable ones last."""
    def key(backup: BackupInfo) -> tuple[int, int, int, int, datetime, int]:
        found = contents.get(backup.path, BackupContents(ok=False))
        same = int(bool(database_id) and found.database_id == database_id)
        return (int(found.ok), same, found.generation, int(not is_future(backup.created)), backup.created,
                backup.seq)

    return sorted(backups, key=key, reverse=True)
