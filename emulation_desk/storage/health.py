"""Checks on opening: a content check every time, the full check weekly or on request; damaged files are
moved aside (never deleted) and the newest good backup is offered.

On a clean close the program notes the file's size, modification time and a CRC-32 of all its bytes beside it
(``<tệp>.dong-dung-cach``). On opening, a file whose bytes still give that CRC is exactly as it was left and
needs no further check (0,25 s for 735 MB instead of 2,5 s of ``quick_check``); a file whose size and time are
unchanged but whose bytes are not was damaged where no program writes (a disk fault, a damaged page with its
old time put back) and goes to the damage flow — ``quick_check`` cannot see a byte changed inside a record.
Any other file (changed by another program, or left by a crash) gets ``quick_check``.

The routine after opening (daily backup, weekly full check) is in :mod:`~emulation_desk.storage.routine`."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import zlib
from datetime import datetime
from pathlib import Path

from emulation_desk.errors import DatabaseDamagedError
from emulation_desk.storage.backup import (
    newest_good_backup,
)
from emulation_desk.storage.backup_files import (
    SQLITE_MAGIC,
    BackupContents,
    BackupInfo,
    backup_dir,
    fsync_dir,
    is_future,
    list_backups,
)
from emulation_desk.storage.store import CORRUPT_CODES, error_code, translate_error

DAMAGED_MARK = ".damaged-"
FULL_CHECK_KEY = "last_full_check"  # the weekly full check: when it last ran and what it found (routine)


class DamagedDatabaseError(DatabaseDamagedError):
    """The database failed its check on opening; it was moved aside and a backup may be offered."""

    def __init__(self, message: str, *, db_path: Path, moved_to: Path | None,
                 offer: BackupInfo | None = None, offer_contents: BackupContents | None = None) -> None:
        details = (f"Để khôi phục bằng dòng lệnh: emulation-desk --db \"{db_path}\" restore \"{offer.path}\""
                   if offer else "")
        super().__init__(message, details=details)
        self.db_path = db_path
        self.moved_to = moved_to
        self.offer = offer
        self.offer_contents = offer_contents


def has_sqlite_header(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(16) == SQLITE_MAGIC
    except OSError:
        return False


CLEAN_MARK = ".dong-dung-cach"


SAME, CHANGED, TAMPERED, NO_MARK = "same", "changed", "tampered", "none"


def content_crc(target: Path) -> int:
    """CRC-32 of every byte of the file (0,25 s for 735 MB from the disk cache)."""
    crc = 0
    with target.open("rb") as handle:
        while chunk := handle.read(1 << 22):
            crc = zlib.crc32(chunk, crc)
    return crc


def _fingerprint(target: Path) -> str:
    info = target.stat()
    return f"{info.st_size}:{info.st_mtime_ns}"


def mark_closed_cleanly(target: Path) -> None:
    """After the program closed the file itself, note its size, time and content CRC beside it (see above)."""
    with contextlib.suppress(OSError):
        Path(f"{target}{CLEAN_MARK}").write_text(f"{_fingerprint(target)}:{content_crc(target)}", encoding="ascii")


def _compare_mark(target: Path, noted: str) -> str:
    fingerprint, _, crc = noted.rpartition(":")
    if not fingerprint or not crc.isdigit():  # a mark of an older version (size and time only)
        return CHANGED
    try:
        if fingerprint != _fingerprint(target):
            return CHANGED
        return SAME if int(crc) == content_crc(target) else TAMPERED
    except OSError:
        return CHANGED


def clean_state(target: Path, *, consume: bool) -> str:
    """How the file compares with the mark of its last clean close: ``SAME`` (byte for byte), ``CHANGED``
    (another size or time: something else wrote it), ``TAMPERED`` (same size and time, other bytes: damage)
    or ``NO_MARK`` (left by a crash, or never closed by this program). ``consume`` removes the mark (a writer:
    a crash during its session leaves none, so the next opening checks the file)."""
    mark = Path(f"{target}{CLEAN_MARK}")
    try:
        noted = mark.read_text(encoding="ascii").strip()
    except OSError:
        return NO_MARK
    if consume:
        with contextlib.suppress(OSError):
            mark.unlink()
    return _compare_mark(target, noted)


def take_clean_mark(target: Path) -> bool:
    """True when the file is exactly as this program left it on a clean close (the mark is used up)."""
    return clean_state(target, consume=True) == SAME


TAMPERED_WHY = ("nội dung tệp đã thay đổi từ lần đóng chương trình trước dù kích thước và thời điểm sửa tệp vẫn như "
                "cũ — dấu hiệu ổ đĩa bị lỗi hoặc tệp bị sửa ngoài chương trình")


def quick_problems(conn: sqlite3.Connection, path: Path | str = "") -> list[str]:
    """``PRAGMA quick_check`` findings (empty when fine); locks and I/O errors are raised, not reported."""
    try:
        return [r[0] for r in conn.execute("PRAGMA quick_check").fetchall() if r[0] != "ok"]
    except sqlite3.DatabaseError as exc:
        if error_code(exc) & 0xFF in CORRUPT_CODES:
            return [str(exc)]
        raise translate_error(exc, path) from exc


def damaged_files(db_path: Path) -> list[Path]:
    """Files moved aside as damaged for this database, newest first."""
    return sorted(db_path.parent.glob(f"{db_path.name}{DAMAGED_MARK}*"), reverse=True)


def quarantine(db_path: Path, now: datetime | None = None) -> Path:
    """Move a damaged database (with its journal) aside as ``<tệp>.damaged-<thời điểm>``; return the new path."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    moved = db_path.with_name(f"{db_path.name}{DAMAGED_MARK}{stamp}")
    counter = 1
    while moved.exists():
        counter += 1
        moved = db_path.with_name(f"{db_path.name}{DAMAGED_MARK}{stamp}-{counter}")
    os.replace(db_path, moved)
    for side in ("-journal", "-wal", "-shm"):
        companion = Path(f"{db_path}{side}")
        if companion.exists():
            with contextlib.suppress(OSError):
                os.replace(companion, Path(f"{moved}{side}"))
    fsync_dir(db_path.parent)
    return moved


def offer_text(db_path: Path, database_id: str = "") -> tuple[str, BackupInfo | None, BackupContents | None]:
    """The Vietnamese sentence offering the newest good backup (and the backup itself)."""
    found = newest_good_backup(db_path, database_id=database_id)
    if found is None:
        return (f"Không tìm thấy bản sao lưu dùng được trong thư mục {backup_dir(db_path)}. Hãy liên hệ cán bộ "
                "tin học để cứu dữ liệu từ tệp hỏng; không xóa tệp hỏng.", None, None)
    backup, contents = found
    when = backup.created.strftime("%H:%M ngày %d/%m/%Y")
    clock = " (thời điểm ghi trên tên tệp muộn hơn hiện tại: đồng hồ máy có thể đã bị đặt sai)" \
        if is_future(backup.created) else ""
    return (f"Bản sao lưu tốt gần nhất lập lúc {when}{clock} ({contents.summary()}). "
            "Hãy khôi phục dữ liệu từ bản sao lưu này.", backup, contents)


def damaged_error(db_path: Path, moved: Path | None, why: str, *, originals: list[Path] | None = None,
                  database_id: str = "") -> DamagedDatabaseError:
    kept = (f" Tệp hỏng được giữ nguyên với tên {moved.name} (không bị xóa)." if moved else "")
    if originals:
        kept += (f" Tệp và nhật ký giao dịch đúng như trước khi phục hồi được giữ lại với tên {originals[0].name} "
                 f"và {originals[1].name} (để cán bộ tin học cứu dữ liệu nếu cần).")
    offer, backup, contents = offer_text(db_path, database_id)
    return DamagedDatabaseError(f"Tệp dữ liệu {db_path} bị hỏng: {why}.{kept} {offer}", db_path=db_path,
                                moved_to=moved, offer=backup, offer_contents=contents)


FOUND_WHILE_WORKING = ("SQLite báo “database disk image is malformed” khi đang đọc hoặc ghi dữ liệu: một phần của tệp "
                       "không còn đọc được (thường do ổ đĩa lỗi, mất điện khi đang ghi, hoặc tệp bị chương trình khác "
                       "sửa)")


def damage_found(db_path: Path, *, moved: Path | None = None, database_id: str = "") -> DamagedDatabaseError:
    """Damage met while working, after the opening's check (a read, a write, an export, the routine's copy): the
    Vietnamese message with the newest good backup. The clean-close mark is dropped, so the next opening checks
    the file instead of trusting it. ``moved``: where the window put the damaged file (None: the command line,
    which leaves the file in place for the program to move aside)."""
    with contextlib.suppress(OSError):
        Path(f"{db_path}{CLEAN_MARK}").unlink(missing_ok=True)
    error = damaged_error(db_path, moved, FOUND_WHILE_WORKING, database_id=database_id)
    if moved is None:
        how = (" Hãy mở chương trình (cửa sổ) để khôi phục — tệp hỏng sẽ được giữ lại, không bị xóa — hoặc dùng lệnh "
               "restore (xem dòng “Chi tiết”)." if error.offer is not None else "")
        error = DamagedDatabaseError(
            f"{error.message} Không có gì được ghi thêm vào tệp.{how}",
            db_path=db_path, moved_to=None, offer=error.offer, offer_contents=error.offer_contents)
    return error


class MissingDatabaseError(DamagedDatabaseError):
    """No usable file at the path (missing, or zero bytes long) while backups of it exist."""


def refuse_after_damage(db_path: Path) -> None:
    """A database that was moved aside as damaged, or that is gone while its backups are there, is not silently
    replaced by an empty one: the newest good backup is offered first."""
    if db_path.exists():
        return
    damaged = damaged_files(db_path)
    if damaged:
        offer, backup, contents = offer_text(db_path)
        raise DamagedDatabaseError(
            f"Tệp dữ liệu {db_path} đã bị hỏng trước đây và được giữ lại với tên {damaged[0].name}; chưa khôi "
            f"phục. {offer} Nếu muốn bắt đầu với tệp dữ liệu trống, hãy chọn “Tạo tệp mới”.",
            db_path=db_path, moved_to=damaged[0], offer=backup, offer_contents=contents)
    if list_backups(db_path):
        offer, backup, contents = offer_text(db_path)
        raise MissingDatabaseError(
            f"Không thấy tệp dữ liệu {db_path}, nhưng thư mục {backup_dir(db_path)} có các bản sao lưu của tệp này "
            f"(tệp có thể đã bị xóa, đổi tên hoặc chuyển đi). {offer} Nếu tệp chỉ bị chuyển chỗ, hãy mở đúng tệp "
            "đó; nếu muốn bắt đầu với tệp dữ liệu trống, hãy chọn “Tạo tệp mới”.",
            db_path=db_path, moved_to=None, offer=backup, offer_contents=contents)


def refuse_empty(db_path: Path, *, move_aside: bool) -> None:
    """A file of zero bytes beside backups of it was emptied by an accident (a copy that failed, a disk
    fault), never created empty by this program: offer the newest good backup (and, when writing, move the
    empty file aside so a restore or a new file can take the name)."""
    if not list_backups(db_path) and not damaged_files(db_path):
        return
    moved = quarantine(db_path) if move_aside else None
    offer, backup, contents = offer_text(db_path)
    kept = f" Tệp rỗng được để riêng với tên {moved.name}." if moved else ""
    raise MissingDatabaseError(
        f"Tệp dữ liệu {db_path} rỗng (0 byte): dữ liệu trong tệp đã mất (thường do chép tệp bị lỗi hoặc ổ đĩa "
        f"hỏng).{kept} {offer} Nếu muốn bắt đầu với tệp dữ liệu trống, hãy chọn “Tạo tệp mới”.",
        db_path=db_path, moved_to=moved, offer=backup, offer_contents=contents)


