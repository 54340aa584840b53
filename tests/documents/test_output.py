"""Writing documents all-or-nothing, with Vietnamese messages for the failures a clerk meets."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from emulation_desk.documents.output import write_atomically
from emulation_desk.errors import DiskFullError, KnownError


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.pdf"
    assert write_atomically(b"one", target) == target
    assert write_atomically(b"two", target) == target
    assert target.read_bytes() == b"two"
    assert leftovers(tmp_path) == ["bao-cao.pdf"]


def _fail_fsync(_fd: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _fail_mkstemp(*_args: object, **_kwargs: object) -> tuple[int, str]:
    raise PermissionError(errno.EACCES, "Permission denied")


def _fail_replace(*_args: object) -> None:
    raise PermissionError(errno.EACCES, "The process cannot access the file")


@pytest.mark.parametrize(("patch", "error", "message"), [
    (("os.fsync", _fail_fsync), DiskFullError, "Ổ đĩa chứa thư mục .* đã đầy"),
    (("tempfile.mkstemp", _fail_mkstemp), KnownError, "Không có quyền ghi vào thư mục"),
    (("os.replace", _fail_replace), KnownError, "tệp đang mở trong chương trình khác"),
])
def test_failures_leave_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, patch: tuple[str, object],
                                       error: type[Exception], message: str) -> None:
    target = tmp_path / "bao-cao.pdf"
    target.write_bytes(b"old")
    monkeypatch.setattr(*patch)
    with pytest.raises(error, match=message):
        write_atomically(b"new", target)
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == ["bao-cao.pdf"]


def test_missing_folder_and_file_as_folder(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="Không tìm thấy thư mục"):
        write_atomically(b"x", tmp_path / "khong-co" / "a.pdf")
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(KnownError, match="không phải là thư mục"):
        write_atomically(b"x", tmp_path / "file" / "a.pdf")
    with pytest.raises(KnownError, match="là một thư mục"):
        write_atomically(b"x", tmp_path)
    assert leftovers(tmp_path) == ["file"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(KnownError, match="Không có quyền ghi"):
            write_atomically(b"x", folder / "a.pdf")
    finally:
        folder.chmod(0o700)
