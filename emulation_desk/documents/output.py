"""Writing a finished document: to a temporary file in the target folder, then moved into place, so a
failure (no permission, full disk, file open in a PDF reader) never leaves a half-written file behind."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from emulation_desk.errors import DiskFullError, KnownError

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}


def folder_error(folder: Path, exc: OSError) -> KnownError:
    """The Vietnamese message for a failure to write into ``folder`` (a full disk: :class:`DiskFullError`)."""
    if exc.errno in _FULL:
        return DiskFullError(f"Ổ đĩa chứa thư mục “{folder}” đã đầy nên không ghi được tệp. "
                             "Hãy xóa bớt tệp không cần thiết hoặc chọn ổ đĩa khác rồi thử lại.", details=str(exc))
    if isinstance(exc, FileNotFoundError):
        return KnownError(f"Không tìm thấy thư mục “{folder}”. Hãy chọn một thư mục có sẵn rồi thử lại.",
                          details=str(exc))
    if isinstance(exc, NotADirectoryError):
        return KnownError(f"“{folder}” không phải là thư mục. Hãy chọn một thư mục để lưu tệp.", details=str(exc))
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return KnownError(f"Không có quyền ghi vào thư mục “{folder}”. Hãy chọn thư mục khác "
                          "(ví dụ thư mục Tài liệu hoặc Màn hình) rồi thử lại.", details=str(exc))
    return KnownError(f"Không ghi được tệp vào thư mục “{folder}”. Hãy chọn thư mục khác rồi thử lại.",
                      details=str(exc))


def write_atomically(data: bytes, target: Path | str, *, make_folder: bool = False) -> Path:
    """Write ``data`` to ``target`` all-or-nothing; raise a KnownError with a Vietnamese message (a full disk:
    :class:`DiskFullError`, and no temporary file is left). ``make_folder``: create the target's folder first."""
    path = Path(target).expanduser().absolute()
    folder = path.parent
    if path.is_dir():
        raise KnownError(f"“{path}” là một thư mục. Hãy đặt tên cho tệp cần lưu, ví dụ “bao-cao.pdf”.")
    try:
        if make_folder:
            folder.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.stem[:40]}-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise folder_error(folder, exc) from exc
    temp = Path(temp_name)
    try:
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise folder_error(folder, exc) from exc
        try:
            os.replace(temp, path)
        except PermissionError as exc:
            raise KnownError(f"Không thay được tệp “{path.name}”: tệp đang mở trong chương trình khác (ví dụ Excel "
                             "hoặc trình đọc PDF) hoặc chỉ cho phép đọc. Hãy đóng tệp đó hoặc đặt tên khác rồi thử lại.",
                             details=str(exc)) from exc
        except OSError as exc:
            raise folder_error(folder, exc) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path
