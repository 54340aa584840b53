"""Issue 20 ("Never lose a year, part two"): each point reproduced as the clerk met it. Points 1 and 7 (hot and
stray journals) are in tests/storage/test_journals.py, 6 in tests/storage/test_online_backup.py, 8 in
tests/storage/test_released_schemas.py, 13 in tests/reliability/test_unlock.py; the kills in the crash harness."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from emulation_desk.cli import run
from emulation_desk.services.workspace import open_workspace
from emulation_desk.storage import backup as bk
from emulation_desk.storage import lock as lk
from emulation_desk.storage.db import open_store
from emulation_desk.storage.health import DamagedDatabaseError, MissingDatabaseError
from emulation_desk.storage.routine import backup_due, clock_notices

NOW = datetime.now().replace(microsecond=0)


def office(tmp_path: Path, units: int = 200, backup_age: timedelta = timedelta(hours=3)) -> Path:
    path = tmp_path / "office.sqlite"
    ws = open_workspace(path)
    with ws.store.transaction():
        for i in range(units):
            ws.store.insert("unit", {"name": f"Đơn vị số {i}", "name_key": f"don vi so {i}", "kind": "khac"})
    bk.create_backup(ws.store, "daily", now=NOW - backup_age)
    ws.close()
    return path


def out_err(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    return captured.out + captured.err


# 2 ------------------------------------------------------------------------------------------------------
def test_an_emptied_file_beside_backups_is_never_taken_for_a_new_database(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = office(tmp_path)
    path.write_bytes(b"")
    for command in (["check"], ["stats", "--year", "2020"]):
        assert run(["--db", str(path), *command]) == 1
        text = out_err(capsys)
        assert "rỗng (0 byte)" in text and "Bản sao lưu tốt gần nhất" in text and "Traceback" not in text
    assert run(["--db", str(path), "init"]) == 1
    assert "Bản sao lưu tốt gần nhất" in out_err(capsys)
    assert not path.exists() or path.stat().st_size == 0, "nothing created in its place"
    with pytest.raises(DamagedDatabaseError, match="Bản sao lưu tốt gần nhất"):
        open_store(path)  # the window: the same offer, the emptied file kept aside


def test_a_missing_file_beside_backups_offers_the_backup(tmp_path: Path) -> None:
    path = office(tmp_path)
    path.unlink()
    with pytest.raises(MissingDatabaseError) as info:
        open_store(path)
    assert info.value.offer is not None and "Không thấy tệp dữ liệu" in info.value.message
    assert not path.exists()


def test_rotation_never_lets_an_emptier_copy_push_out_the_richer_one(tmp_path: Path) -> None:
    path = office(tmp_path, units=400)
    rich = bk.list_backups(path)[0].path
    store = open_store(path)
    with store.transaction():
        store.conn.execute("DELETE FROM unit")
    for day in range(1, 6):
        bk.create_backup(store, "daily", now=NOW + timedelta(minutes=day))
    bk.rotate_backups(path, bk.BackupPolicy(keep_all_days=0, daily=1, weekly=0, monthly=0), now=NOW + timedelta(days=1))
    store.close()
    assert rich.exists(), "the richer generation is kept"


# 3 ------------------------------------------------------------------------------------------------------
def test_a_backup_named_in_the_future_stops_nothing_and_is_reported(tmp_path: Path) -> None:
    path = office(tmp_path, backup_age=timedelta(days=2))
    store = open_store(path)
    bk.create_backup(store, "daily", now=datetime(2030, 1, 1, 8, 0))
    assert backup_due(path, NOW), "the backup of 2030 does not count as today's"
    notes = clock_notices(store, NOW)
    store.close()
    assert notes and "2030" in notes[0]


# 4 ------------------------------------------------------------------------------------------------------
def test_one_byte_changed_inside_a_record_with_its_old_time_is_caught(tmp_path: Path) -> None:
    path = office(tmp_path)
    data = bytearray(path.read_bytes())
    spot = data.find("Đơn vị số 123".encode())
    assert spot > 0
    data[spot + 2] ^= 0x01
    info = path.stat()
    path.write_bytes(bytes(data))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    with pytest.raises(DamagedDatabaseError) as caught:
        open_store(path)
    assert caught.value.moved_to is not None and caught.value.offer is not None


# 5 ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("app_id", [0, 0x12345678])
def test_another_programs_sqlite_file_is_left_untouched(tmp_path: Path, app_id: int,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ketoan.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE so_cai (id INTEGER PRIMARY KEY, so_tien INTEGER)")
    conn.execute(f"PRAGMA application_id = {app_id}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    assert run(["--db", str(path), "init"]) == 1
    assert "chương trình khác" in out_err(capsys)
    assert path.read_bytes() == before


# 10 -----------------------------------------------------------------------------------------------------
HOLD_BACKUP_LOCK = textwrap.dedent("""
    import sys
    from pathlib import Path
    from emulation_desk.storage.backup import backup_folder_lock
    with backup_folder_lock(Path(sys.argv[1])):
        print("held", flush=True)
        sys.stdin.readline()
""")


def test_one_backup_at_a_time_across_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = office(tmp_path)
    folder = bk.backup_dir(path)
    child = subprocess.Popen([sys.executable, "-c", HOLD_BACKUP_LOCK, str(folder)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        in_progress = folder / f"office_2026-12-02_0800_hang-ngay.sqlite.{child.pid}.partial"  # the window's
        in_progress.write_bytes(b"the window's copy in progress")
        monkeypatch.setattr(bk, "BACKUP_WAIT_S", 0.5)
        store = open_store(path)
        with pytest.raises(bk.BackupBusyError, match="đang được lập"):
            bk.create_backup(store, "manual")
        store.close()
        assert in_progress.exists(), "the other program's copy in progress is never removed"
    finally:
        child.communicate("\n", timeout=30)


# 11 -----------------------------------------------------------------------------------------------------
def test_a_full_disk_at_start_gives_a_message_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = office(tmp_path)
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        if b'"host"' in bytes(data[:200]):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    assert run(["--db", str(path), "council", "new", "--year", "2020", "--date", "10/12/2020"]) == 1
    text = out_err(capsys)
    assert "đầy" in text and "Traceback" not in text


# 12 -----------------------------------------------------------------------------------------------------
def test_stats_on_a_damaged_file_warns_instead_of_printing_figures(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = office(tmp_path)
    data = bytearray(path.read_bytes())
    pages = len(data) // 4096
    page = pages - 2
    data[page * 4096:(page + 1) * 4096] = bytes((i * 37 + 11) % 256 for i in range(4096))
    path.write_bytes(bytes(data))
    assert run(["--db", str(path), "stats", "--year", "2020"]) == 1
    text = out_err(capsys)
    assert "bị hỏng" in text and "BIỂU TỔNG HỢP" not in text.upper() and "Traceback" not in text


# 14 -----------------------------------------------------------------------------------------------------
def test_a_symlink_into_a_network_mount_is_seen_through(tmp_path: Path) -> None:
    share = tmp_path / "mnt" / "share"
    share.mkdir(parents=True)
    link = tmp_path / "Du-lieu"
    link.symlink_to(share)
    mounts = f"/dev/sda1 / ext4 rw 0 0\n//server/tdkt {share} cifs rw 0 0\n"
    assert lk.network_reason(lk.real_path(link / "office.sqlite"), platform="linux", mounts_text=mounts)
    assert not lk.network_reason(link / "office.sqlite", platform="linux", mounts_text="/dev/sda1 / ext4 rw 0 0\n")


# 15 -----------------------------------------------------------------------------------------------------
def test_leftovers_of_interrupted_backups_are_swept(tmp_path: Path) -> None:
    path = office(tmp_path)
    folder = bk.backup_dir(path)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    leftovers = [folder / f"office_2026-12-01_0800_hang-ngay.sqlite.{pid}.partial",
                 folder / f"office_2026-12-01_0800_hang-ngay.sqlite.{pid}.partial-journal"]
    for leftover in leftovers:
        leftover.write_bytes(b"x" * 100)
    usb = tmp_path / "usb"
    usb.mkdir()
    stray = usb / f"ban-sao.sqlite.{pid}.partial"
    stray.write_bytes(b"x")
    store = open_store(path)
    assert not any(p.exists() for p in leftovers), "swept when the program next opens the file"
    bk.create_backup(store, to=usb / "ban-sao.sqlite")
    store.close()
    assert not stray.exists(), "and in a chosen folder when a backup is next written there"


def test_a_read_only_file_is_said_before_anything_is_typed(tmp_path: Path) -> None:
    from emulation_desk.errors import StorageError

    path = office(tmp_path)
    path.chmod(0o444)
    try:
        with pytest.raises(StorageError, match="thuộc tính chỉ đọc"):
            open_store(path)
    finally:
        path.chmod(0o644)


def test_a_restore_keeps_the_audit_log_and_its_own_row(tmp_path: Path) -> None:
    from emulation_desk.storage.restore import restore_into_store

    path = office(tmp_path)
    backup = bk.list_backups(path)[0].path
    store = open_store(path)
    with store.transaction():
        for i in range(5):
            store.insert("unit", {"name": f"Thêm sau {i}", "name_key": f"them sau {i}", "kind": "khac"})
    before = store.scalar("SELECT count(*) FROM audit_log")
    restore_into_store(store, backup)
    after = store.scalar("SELECT count(*) FROM audit_log")
    restored = store.scalar("SELECT count(*) FROM audit_log WHERE action = 'restore'")
    store.close()
    assert after > before and restored == 1


# 9 ------------------------------------------------------------------------------------------------------
def _workbook(path: Path, texts: int) -> Path:
    """A minimal .xlsx whose cells are shared strings (as Excel writes them)."""
    import zipfile

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    cells = "".join(f'<row r="{i + 1}"><c r="A{i + 1}" t="s"><v>{i}</v></c></row>' for i in range(texts))
    strings = "".join(f"<si><t>Nguyễn Văn Người {i:06d}</t></si>" for i in range(texts))
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml"'
        ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Danh sách" sheetId="1" '
        'r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/worksheet" '
        f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{cells}</sheetData></worksheet>',
        "xl/sharedStrings.xml": f'<sst xmlns="{main}" count="{texts}" uniqueCount="{texts}">{strings}</sst>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + text)
    return path


def test_shared_strings_are_bounded_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from emulation_desk.exchange import xlsx
    from emulation_desk.exchange.errors import SpreadsheetError, UnsafeSpreadsheetError
    from emulation_desk.exchange.reader import read_workbook
    from emulation_desk.exchange.safety import DEFAULT_LIMITS, check_container

    path = _workbook(tmp_path / "ds.xlsx", 400)
    small = dataclasses.replace(DEFAULT_LIMITS, max_shared_strings_bytes=4096)
    with pytest.raises(UnsafeSpreadsheetError, match="bảng chữ dùng chung giải nén ra"):
        check_container(path, small)
    assert check_container(path) == "xlsx"
    assert read_workbook(path).sheets[0].rows, "read in full under the usual limits"
    monkeypatch.setattr(xlsx, "DEFAULT_LIMITS", dataclasses.replace(DEFAULT_LIMITS, max_cells=100))
    with pytest.raises(SpreadsheetError):
        read_workbook(path)
