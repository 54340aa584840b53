"""The command line reads and exports while a window holds the file (a second process holds it as the window
does: the writer lock, WAL mode, saves going on); the one-writer rule is about writing. Readers see committed
data only; an export's audit row waits beside the file and the window writes it into the log."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from emulation_desk.cli import run
from emulation_desk.storage.deferred import side_file

HOLDER = textwrap.dedent("""
    import sys, time
    from emulation_desk.services.workspace import open_workspace
    from emulation_desk.services.records.units import add_unit
    ws = open_workspace(sys.argv[1])
    add_unit(ws, "Đơn vị của cửa sổ 0", "phong_chuyen_mon")
    ws.store.conn.execute("BEGIN IMMEDIATE")  # a save in progress, never committed while the readers read
    ws.store.conn.execute("INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('dang_ghi', '1', 'x', 'x')")
    print("ready", flush=True)
    line = sys.stdin.readline()
    ws.store.conn.execute("ROLLBACK")
    add_unit(ws, "Đơn vị của cửa sổ 1", "phong_chuyen_mon")  # the window saves after the commands ran
    print("saved", flush=True)
    sys.stdin.readline()
    ws.close()
""")


@pytest.fixture
def held(demo_template: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "office.sqlite"
    shutil.copyfile(demo_template, path)
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, encoding="utf-8")
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    yield path, child
    if child.poll() is None:
        child.communicate("\n\n", timeout=60)


def _out(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    return captured.out + captured.err


def test_reading_commands_work_while_a_window_holds_the_file(held, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    path, child = held
    db = ["--db", str(path)]
    assert run([*db, "stats", "--year", "2020"]) == 0
    assert "BIỂU TỔNG HỢP" in _out(capsys).upper()
    assert run([*db, "check", "--year", "2020"]) == 0
    assert "toàn vẹn" in _out(capsys)
    for args in (["export", "table", "--year", "2020", "--out", str(tmp_path / "bieu.pdf")],
                 ["export", "table", "--year", "2020", "--out", str(tmp_path / "bieu.xlsx")],
                 ["export", "report", "--year", "2020", "--out", str(tmp_path / "bao-cao.pdf")]):
        assert run([*db, *args]) == 0, _out(capsys)
    assert (tmp_path / "bieu.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "bieu.xlsx").stat().st_size > 0
    assert run([*db, "audit", "--limit", "5"]) == 0
    assert run([*db, "eligibility", "--year", "2020", "--json"]) == 0
    capsys.readouterr()
    reader = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    assert reader.execute("SELECT count(*) FROM settings WHERE key = 'dang_ghi'").fetchone()[0] == 0, \
        "a save in progress is never seen"
    reader.close()
    assert side_file(path).exists(), "the exports' audit rows wait beside the file"
    assert child.stdout is not None
    child.stdin.write("\n")  # type: ignore[union-attr]
    child.stdin.flush()  # type: ignore[union-attr]
    assert child.stdout.readline().strip() == "saved", "the window's save does not fail because of the readers"
    child.communicate("\n", timeout=60)
    assert child.returncode == 0
    assert not side_file(path).exists(), "the window wrote them into the log when it closed"
    conn = sqlite3.connect(path)
    exports = conn.execute("SELECT summary FROM audit_log WHERE action = 'export'").fetchall()
    conn.close()
    assert len(exports) == 3 and all("năm 2020" in e[0] for e in exports)


def test_a_writing_command_is_refused_while_the_window_holds_the_file(held,  # type: ignore[no-untyped-def]
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path, _child = held
    assert run(["--db", str(path), "council", "new", "--year", "2020", "--date", "10/12/2020"]) == 1
    assert "đang được mở để ghi" in _out(capsys)


def test_a_read_only_store_refuses_writes_but_keeps_the_audit_for_the_writer(held) -> None:  # type: ignore[no-untyped-def]
    from emulation_desk.errors import StorageError
    from emulation_desk.storage.db import open_store

    path, _child = held
    reader = open_store(path, readonly=True)
    with pytest.raises(StorageError, match="chỉ đọc"), reader.transaction():
        reader.insert("unit", {"name": "Không được", "name_key": "khong", "kind": "khac"})
    with reader.transaction():
        reader.log("export", "report", "", "Xuất thử")
    reader.close()
    assert "Xuất thử" in side_file(path).read_text(encoding="utf-8")
