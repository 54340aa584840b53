"""One writer per database file: an OS lock on a lock file beside it, naming who holds it.

SQLite's own locks protect single transactions; this lock protects the whole session of one program
window. The lock file ``<database>.lock`` holds JSON (host, user, pid, time) so that a second copy of
the program, on this PC or on another one, can say who has the file open. The OS lock (``flock`` on
POSIX, ``msvcrt.locking`` on a byte far past the text on Windows) is released by the OS when the holder
dies, so a lock left by a crashed program is taken over; a lock file naming another PC is honoured,
because its liveness cannot be checked from here.

Read-only opens (statistics, checks, exports) take no lock and keep working while a writer holds the file;
:func:`writer_alive` tells them whether one does. A lock file naming another PC cannot be checked from here:
the clerk is told who and since when, and may take it over (``take_over``) once sure that program is closed.

Databases on network shares are refused unless the user confirms explicitly: SQLite's locking is not
dependable there (UNC paths, mapped drives of type DRIVE_REMOTE, NFS/SMB mounts on Linux), judged on the real
path (symbolic links, junctions and mapped drives resolved), so no link leads around the refusal.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from emulation_desk import __version__
from emulation_desk.errors import DatabaseLockedError, DiskFullError, StorageError
from emulation_desk.storage.store import os_user

LOCK_SUFFIX = ".lock"
_WINDOWS_LOCK_OFFSET = 0x7FFF0000  # locked byte on Windows, far past the JSON so others can read it
NETWORK_FS_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "ceph", "glusterfs",
    "fuse.sshfs", "sshfs", "davfs", "fuse.davfs2", "9p.network", "lustre", "gpfs",
})
DRIVE_REMOTE = 4
ENV_ALLOW_NETWORK = "EMULATION_DESK_ALLOW_NETWORK_DB"


class NetworkLocationError(StorageError):
    """The database lies on a network share and the user has not confirmed the risk."""


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


@dataclass(frozen=True)
class Holder:
    """Who holds (or held) a lock, as written in the lock file."""

    host: str
    user: str
    pid: int
    since: str

    @classmethod
    def current(cls) -> Holder:
        return cls(socket.gethostname(), os_user(), os.getpid(), datetime.now().isoformat(timespec="seconds"))

    @classmethod
    def parse(cls, text: str) -> Holder | None:
        try:
            data = json.loads(text)
            return cls(str(data["host"]), str(data["user"]), int(data["pid"]), str(data["since"]))
        except (ValueError, KeyError, TypeError):
            return None

    def to_json(self) -> str:
        return json.dumps({"host": self.host, "user": self.user, "pid": self.pid, "since": self.since,
                           "program": f"emulation-desk {__version__}"}, ensure_ascii=False)

    def is_this_host(self) -> bool:
        return self.host.lower() == socket.gethostname().lower()

    def describe(self) -> str:
        try:
            when = datetime.fromisoformat(self.since).strftime("%H:%M ngày %d/%m/%Y")
        except ValueError:
            when = self.since
        where = "trên máy này" if self.is_this_host() else f"trên máy {self.host}"
        return f"người dùng {self.user} {where} (tiến trình {self.pid}), từ {when}"


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this host."""
    if pid <= 0:
        return False
    if sys.platform.startswith("win"):
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _os_try_lock(fd: int) -> str:
    """"locked", "busy", or "unsupported" (a filesystem without locks: the lock file's text decides)."""
    if sys.platform.startswith("win"):
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return "busy"
        return "locked"
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return "busy"
        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
            return "unsupported"
        raise
    return "locked"


def _os_unlock(fd: int) -> None:
    if sys.platform.startswith("win"):
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _read_text(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    data = os.read(fd, 4096)
    return data.decode("utf-8", errors="replace").strip()


def read_holder(db_path: Path) -> Holder | None:
    """The holder named in the lock file, if there is one with content."""
    try:
        text = lock_path(db_path).read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return None
    return Holder.parse(text) if text else None


class HeldElsewhereError(DatabaseLockedError):
    """The lock file names a program on another PC; this PC cannot tell whether it still runs."""

    def __init__(self, message: str, holder: Holder) -> None:
        super().__init__(message)
        self.holder = holder


def _elsewhere_message(db_path: Path, holder: Holder) -> str:
    return (f"Tệp dữ liệu {db_path} đang được đánh dấu là mở để ghi bởi {holder.describe()}. Máy này không kiểm "
            f"tra được chương trình trên máy {holder.host} còn chạy hay không. Nếu chương trình trên máy đó vẫn "
            "đang mở tệp, hãy đóng nó trước: hai nơi cùng ghi sẽ làm hỏng dữ liệu. Nếu chắc chắn chương trình ở "
            f"máy {holder.host} đã đóng (hoặc máy đó đã tắt, hoặc tệp được chép từ máy đó sang), bạn có thể tiếp "
            "quản tệp: trong cửa sổ chọn “Tiếp quản”, hoặc chạy lệnh: emulation-desk --db "
            f"\"{db_path}\" unlock --yes. Việc tiếp quản được ghi vào nhật ký.")


def _locked_error(db_path: Path, holder: Holder | None) -> DatabaseLockedError:
    if holder is not None and not holder.is_this_host():
        return HeldElsewhereError(_elsewhere_message(db_path, holder), holder)
    return DatabaseLockedError(_locked_message(db_path, holder))


def _locked_message(db_path: Path, holder: Holder | None) -> str:
    who = holder.describe() if holder else "một cửa sổ khác của chương trình"
    return (f"Tệp dữ liệu {db_path} đang được mở để ghi bởi {who}. Mỗi lúc chỉ một cửa sổ chương trình được "
            "ghi vào tệp này. Hãy đóng chương trình ở nơi đó rồi mở lại; trong lúc chờ, bạn vẫn có thể xem số "
            "liệu ở chế độ chỉ đọc.")


def _folder_error(db_path: Path, exc: OSError) -> StorageError:
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return StorageError(
            f"Không ghi được vào thư mục {db_path.parent} vì thư mục chỉ cho phép đọc. Không có gì bị thay đổi. "
            "Hãy chép tệp dữ liệu vào một thư mục có quyền ghi (ví dụ thư mục Tài liệu) rồi mở lại, "
            "hoặc chỉ xem số liệu ở chế độ chỉ đọc.")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(f"Ổ đĩa chứa {db_path.parent} đã đầy nên không mở được tệp dữ liệu để ghi. Không có gì "
                             "bị thay đổi. Hãy giải phóng dung lượng đĩa (xóa bớt tệp không cần) rồi mở lại.")
    return StorageError(f"Không tạo được tệp khóa cho {db_path}: {exc.strerror}. "
                        "Hãy kiểm tra quyền truy cập thư mục.")


class WriterLock:
    """The held lock of one database; :meth:`release` gives it back (and removes the lock file)."""

    def __init__(self, db_path: Path, fd: int, previous: Holder | None) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self._fd: int | None = fd
        self.previous = previous  # a holder whose program ended without releasing (taken over)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if sys.platform.startswith("win"):
                os.ftruncate(fd, 0)
            else:  # unlink while holding: a waiter that opened the old file sees it vanish and retries
                with contextlib.suppress(OSError):
                    self.path.unlink()
            with contextlib.suppress(OSError):
                _os_unlock(fd)
        finally:
            os.close(fd)
        if sys.platform.startswith("win"):
            with contextlib.suppress(OSError):
                self.path.unlink()

    def __enter__(self) -> WriterLock:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.release()


def acquire_lock(db_path: Path, *, take_over: bool = False) -> WriterLock:
    """Take the writer lock of ``db_path`` at once or raise :class:`DatabaseLockedError` naming the holder.

    ``take_over`` also takes a lock file left by another PC (only after the user confirmed that the
    program there is closed).
    """
    path = lock_path(db_path)
    for _attempt in range(5):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        except OSError as exc:
            raise _folder_error(db_path, exc) from exc
        try:
            state = _os_try_lock(fd)
            if state == "busy":
                raise DatabaseLockedError(_locked_message(db_path, Holder.parse(_read_text(fd))))
            if state == "locked" and not sys.platform.startswith("win") and not _same_file(fd, path):
                _os_unlock(fd)
                os.close(fd)
                continue
            previous = Holder.parse(_read_text(fd))
            if previous is not None and not take_over and _still_held(previous, os_locked=state == "locked"):
                if state == "locked":
                    _os_unlock(fd)
                raise _locked_error(db_path, previous)
            _write_holder(fd, db_path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(fd)
            raise
        return WriterLock(db_path, fd, previous)
    raise DatabaseLockedError(_locked_message(db_path, read_holder(db_path)))


def _write_holder(fd: int, db_path: Path) -> None:
    mine = Holder.current().to_json().encode("utf-8")
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, mine)
        os.fsync(fd)
    except OSError as exc:
        with contextlib.suppress(OSError):
            _os_unlock(fd)
        raise _folder_error(db_path, exc) from exc


def writer_alive(db_path: Path) -> bool:
    """Whether a program holds ``db_path`` for writing now (a lock file of another PC counts as held: its
    liveness cannot be checked from here). Takes and gives back the OS lock; never creates a file."""
    path = lock_path(db_path)
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return False
    except OSError:  # cannot open it for locking (a read-only medium): judge by its text
        holder = read_holder(db_path)
        return holder is not None and (not holder.is_this_host() or pid_alive(holder.pid))
    try:
        state = _os_try_lock(fd)
        if state == "busy":
            return True
        if state == "locked":
            _os_unlock(fd)
        holder = Holder.parse(_read_text(fd))
        return holder is not None and _still_held(holder, os_locked=state == "locked") and holder.pid != os.getpid()
    finally:
        os.close(fd)


def _still_held(previous: Holder, *, os_locked: bool) -> bool:
    """Whether a lock file's holder may still be working (the OS lock settles it on this host)."""
    if not previous.is_this_host():
        return True
    if os_locked:
        return False
    return previous.pid != os.getpid() and pid_alive(previous.pid)


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (mine.st_dev, mine.st_ino)


# ---------------------------------------------------------------------------------------------- network paths
def _is_unc(text: str) -> bool:
    if text.startswith(("\\\\?\\UNC\\", "//?/UNC/")):
        return True
    if text.startswith(("\\\\?\\", "\\\\.\\", "//?/", "//./")):
        return False
    return text.startswith(("\\\\", "//"))


def mount_type(path: Path, mounts_text: str) -> str:
    """The filesystem type of the longest mount point containing ``path`` (from /proc/mounts text)."""
    best, best_type = "", ""
    target = str(path)
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/") or point == "/"
        if inside and len(point) >= len(best):
            best, best_type = point, parts[2]
    return best_type


def _windows_drive_type(path: Path) -> int:
    import ctypes

    root = os.path.splitdrive(str(path))[0]
    if not root:
        return 0
    return int(ctypes.windll.kernel32.GetDriveTypeW(root + "\\"))  # type: ignore[attr-defined]


def real_path(path: Path | str) -> str:
    """The path with every symbolic link, junction and mapped drive resolved (of the nearest existing folder
    for a file not yet created)."""
    target = Path(os.path.abspath(str(path)))
    probe = target
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    try:
        resolved = Path(os.path.realpath(probe))
    except OSError:
        return str(target)
    return str(resolved / target.relative_to(probe)) if probe != target else str(resolved)


def network_reason(path: Path | str, *, platform: str | None = None, mounts_text: str | None = None,
                   drive_type: int | None = None, resolve: bool | None = None) -> str:
    """Why ``path`` is on a network share (empty when it is local), judged on its real path. Platform facts can
    be injected (then the path is taken as given unless ``resolve``)."""
    platform = platform or sys.platform
    injected = mounts_text is not None or drive_type is not None or platform != sys.platform
    text = real_path(path) if (resolve if resolve is not None else not injected) else str(path)
    if _is_unc(text):
        return "đường dẫn mạng (UNC)"
    if platform.startswith("win"):
        kind = drive_type if drive_type is not None else _windows_drive_type(Path(os.path.abspath(text)))
        return "ổ đĩa mạng" if kind == DRIVE_REMOTE else ""
    if platform.startswith("linux"):
        if mounts_text is None:
            try:
                mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
            except OSError:
                return ""
        fs = mount_type(Path(os.path.abspath(text)).parent, mounts_text)
        return f"thư mục mạng ({fs})" if fs in NETWORK_FS_TYPES or fs.startswith("nfs") else ""
    return ""


def network_confirmed_by_environment() -> bool:
    return os.environ.get(ENV_ALLOW_NETWORK, "").strip().lower() in ("1", "yes", "co", "có", "true")


def refuse_network_path(db_path: Path, *, allow: bool) -> str:
    """Raise for a database on a network share unless ``allow``; return the reason (empty when local)."""
    reason = network_reason(db_path)
    if reason and not allow:
        raise NetworkLocationError(
            f"Tệp dữ liệu {db_path} nằm trên {reason}. Chương trình không ghi dữ liệu qua mạng vì khóa tệp "
            "qua mạng không đáng tin cậy và có thể làm hỏng dữ liệu. Hãy chép tệp về ổ đĩa của máy này "
            "(mỗi máy giữ tệp của mình và trao đổi bằng tệp xuất), hoặc nếu chấp nhận rủi ro, hãy xác nhận "
            f"rõ ràng (đặt biến môi trường {ENV_ALLOW_NETWORK}=1); việc xác nhận được ghi vào nhật ký.")
    return reason
