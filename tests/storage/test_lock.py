"""One writer: a second instance is refused and told who holds the file; stale locks are taken over;
network shares need an explicit, logged confirmation."""

from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from emulation_desk.errors import DatabaseLockedError, StorageError
from emulation_desk.storage import lock as lk
from emulation_desk.storage.db import open_store, os_user

HOLDER = textwrap.dedent("""
    import sys
    from emulation_desk.storage.db import open_store
    store = open_store(sys.argv[1])
    with store.transaction():
        store.insert("unit", {"name": "Đơn vị của cửa sổ thứ nhất", "name_key": "x", "kind": "khac"})
    print("ready", flush=True)
    sys.stdin.readline()
    store.close()
""")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite"
    open_store(path).close()
    return path


def test_a_second_instance_is_refused_and_told_who_holds_the_file(db: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseLockedError) as info:
            open_store(db)
        message = info.value.message
        assert f"người dùng {os_user()} trên máy này (tiến trình {child.pid})" in message
        assert "chỉ đọc" in message
        reader = open_store(db, readonly=True)  # statistics and checks still work
        assert reader.scalar("SELECT count(*) FROM unit") == 1
        with pytest.raises(StorageError, match="chỉ đọc"), reader.transaction():
            reader.insert("unit", {"name": "Không được ghi", "name_key": "y", "kind": "khac"})
        reader.close()
    finally:
        child.communicate("\n", timeout=30)
    assert child.returncode == 0
    store = open_store(db)
    assert store.lock.previous is None, "a clean close leaves no lock behind"
    store.close()
    assert not lk.lock_path(db).exists()


def test_the_same_file_cannot_be_opened_twice_for_writing_in_one_process(db: Path) -> None:
    first = open_store(db)
    with pytest.raises(DatabaseLockedError, match=f"tiến trình {os.getpid()}"):
        open_store(db)
    first.close()
    open_store(db).close()


def test_a_lock_left_by_a_dead_program_on_this_pc_is_taken_over_and_logged(db: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = lk.Holder(socket.gethostname(), "nguyenvana", int(dead.stdout), "2026-11-20T08:00:00")
    lk.lock_path(db).write_text(stale.to_json(), encoding="utf-8")
    store = open_store(db)
    assert store.lock.previous == stale
    logged = store.scalar("SELECT summary FROM audit_log WHERE action = 'other' ORDER BY seq DESC LIMIT 1")
    assert "Tiếp quản khóa" in logged and "nguyenvana" in logged
    assert json.loads(lk.lock_path(db).read_text(encoding="utf-8"))["pid"] == os.getpid()
    store.close()


def test_a_lock_of_another_pc_is_honoured_unless_taken_over_explicitly(db: Path) -> None:
    other = lk.Holder("MAY-KE-TOAN", "tranthib", 4242, "2026-11-26T07:45:00")
    lk.lock_path(db).write_text(other.to_json(), encoding="utf-8")
    with pytest.raises(DatabaseLockedError) as info:
        open_store(db)
    assert "tranthib trên máy MAY-KE-TOAN" in info.value.message and "07:45 ngày 26/11/2026" in info.value.message
    store = open_store(db, take_over_lock=True)
    assert store.lock.previous == other
    store.close()


def test_without_os_locks_a_live_holder_named_in_the_file_still_blocks(db: Path, monkeypatch: pytest.MonkeyPatch
                                                                       ) -> None:
    monkeypatch.setattr(lk, "_os_try_lock", lambda fd: "unsupported")
    parent = lk.Holder(socket.gethostname(), "nguyenvana", os.getppid(), "2026-11-26T07:45:00")
    lk.lock_path(db).write_text(parent.to_json(), encoding="utf-8")
    with pytest.raises(DatabaseLockedError):
        open_store(db)


def test_a_read_only_folder_gets_a_clear_message_and_nothing_is_written(db: Path, monkeypatch: pytest.MonkeyPatch
                                                                        ) -> None:
    before = db.read_bytes()
    real_open = os.open

    def read_only(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if str(path).endswith(".lock") and flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(StorageError) as info:
        open_store(db)
    assert "chỉ cho phép đọc" in info.value.message and "chế độ chỉ đọc" in info.value.message
    assert db.read_bytes() == before


@pytest.mark.skipif(sys.platform.startswith("win") or os.geteuid() == 0, reason="root ignores permissions")
def test_a_really_read_only_folder(db: Path) -> None:  # pragma: no cover - runs for non-root users
    db.parent.chmod(0o555)
    try:
        with pytest.raises(StorageError, match="chỉ cho phép đọc"):
            open_store(db)
    finally:
        db.parent.chmod(0o755)


MOUNTS = textwrap.dedent("""\
    overlay / overlay rw,relatime 0 0
    /dev/sda1 /home ext4 rw 0 0
    //server/thidua /mnt/chung cifs rw,vers=3.0 0 0
    nas:/export /srv/nfs\\040share nfs4 rw 0 0
""")


@pytest.mark.parametrize("path, platform, drive_type, network", [
    (r"\\MAY-CHU\ThiDua\thiduakhenthuong.sqlite", "win32", 3, True),
    ("//MAY-CHU/ThiDua/thiduakhenthuong.sqlite", "linux", None, True),
    (r"\\?\UNC\MAY-CHU\ThiDua\a.sqlite", "win32", 3, True),
    (r"\\?\C:\Users\a\a.sqlite", "win32", 3, False),
    (r"Z:\ThiDua\a.sqlite", "win32", lk.DRIVE_REMOTE, True),
    (r"C:\Users\a\AppData\Local\emulation_desk\a.sqlite", "win32", 3, False),
    ("/mnt/chung/a.sqlite", "linux", None, True),
    ("/srv/nfs share/sub/a.sqlite", "linux", None, True),
    ("/home/a/a.sqlite", "linux", None, False),
    ("/mnt/chungkhac/a.sqlite", "linux", None, False),
])
def test_network_locations_are_recognised(path: str, platform: str, drive_type: int | None, network: bool) -> None:
    reason = lk.network_reason(path, platform=platform, mounts_text=MOUNTS, drive_type=drive_type)
    assert bool(reason) is network, reason


def test_a_network_database_needs_a_confirmation_which_is_logged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    monkeypatch.setattr(lk, "network_reason", lambda path: "thư mục mạng (cifs)")
    monkeypatch.delenv(lk.ENV_ALLOW_NETWORK, raising=False)
    path = tmp_path / "office.sqlite"
    with pytest.raises(lk.NetworkLocationError) as info:
        open_store(path)
    assert "thư mục mạng (cifs)" in info.value.message and not path.exists()
    open_store(path, readonly=False, allow_network=True).close()
    monkeypatch.setenv(lk.ENV_ALLOW_NETWORK, "1")
    store = open_store(path)
    logged = store.query("SELECT summary FROM audit_log WHERE action = 'other'")
    assert len(logged) == 2 and all("xác nhận mở tệp dữ liệu trên thư mục mạng" in r["summary"] for r in logged)
    store.close()
    monkeypatch.delenv(lk.ENV_ALLOW_NETWORK)
    open_store(path, readonly=True).close()  # reading over the network needs no confirmation
