"""Issue 20, point 11: a nearly full disk during an export (PDF, XLSX, a dossier, a backup to a file) gives a
Vietnamese message and nothing else — no traceback after it (openpyxl's zip, left open by the error, printed
one when Python collected it), no half-written file at the target and no temporary file beside it.

Two ways to fill the disk: the file writes of the one atomic writer are made to fail with ENOSPC half-way
(everywhere), and — when the tests run as root — a real 200 kB tmpfs nearly filled, with the command line run
on it as a clerk would."""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from emulation_desk.documents import output
from emulation_desk.errors import DiskFullError
from emulation_desk.services.reporting.registry import DOCUMENTS, export_document
from emulation_desk.services.workspace import Workspace

PARAMS: dict[str, dict[str, Any]] = {  # the registry's documents that the demo year can fill
    "report": {"year": 2020},
    "table": {"year": 2020},
    "decision": {"number": "4520", "year": 2020},
    "council_pack": {"year": 2020},
}
CASES = [(kind, suffix) for kind, params in PARAMS.items() if kind in DOCUMENTS for suffix in DOCUMENTS[kind]]


class _HalfWriter:
    """A file that takes half of what is written, then says the disk is full."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def write(self, data: bytes) -> int:
        self.real.write(data[: len(data) // 2])
        self.real.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen
    monkeypatch.setattr(output.os, "fdopen", lambda fd, *a, **k: _HalfWriter(real_fdopen(fd, *a, **k)))


@pytest.fixture
def unraisable(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Exceptions Python could only print ("Exception ignored in …"): none may come from an export."""
    seen: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    yield seen
    gc.collect()


@pytest.mark.parametrize(("kind", "suffix"), CASES)
def test_an_export_on_a_full_disk_says_so_and_leaves_nothing(demo_ws: Workspace, tmp_path: Path, full_disk: None,
                                                             unraisable: list[Any], kind: str, suffix: str) -> None:
    folder = tmp_path / "xuat"
    folder.mkdir()
    earlier = folder / f"van-ban{suffix}"
    earlier.write_bytes(b"ban truoc")  # an earlier export of the same name stays whole
    audit = demo_ws.store.scalar("SELECT count(*) FROM audit_log")
    with pytest.raises(DiskFullError) as info:
        export_document(demo_ws, kind, earlier, **PARAMS[kind])
    assert "Ổ đĩa" in info.value.message and "đã đầy" in info.value.message
    assert "No space" not in info.value.message, "the clerk's message is Vietnamese only"
    assert earlier.read_bytes() == b"ban truoc"
    assert sorted(p.name for p in folder.iterdir()) == [earlier.name], "no temporary file is left"
    assert demo_ws.store.scalar("SELECT count(*) FROM audit_log") == audit, "nothing written: nothing audited"
    gc.collect()
    assert unraisable == []


def test_an_xlsx_list_on_a_full_disk_leaves_no_open_archive(demo_ws: Workspace, tmp_path: Path, full_disk: None,
                                                            unraisable: list[Any]) -> None:
    from emulation_desk.services.reporting.exports import export_nominations

    folder = tmp_path / "xuat"
    folder.mkdir()
    with pytest.raises(DiskFullError):
        export_nominations(demo_ws, 2020, folder / "de-nghi.xlsx")
    gc.collect()
    assert unraisable == [] and list(folder.iterdir()) == []


def test_a_dossier_on_a_full_disk_leaves_no_folder_nor_zip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    from emulation_desk.services.council import dossier_print

    monkeypatch.setattr("emulation_desk.documents.paper_pdf.paper_pdf", lambda paper: b"%PDF-1.4 " + b"x" * 5000)
    monkeypatch.setattr("emulation_desk.documents.paper_docx.paper_docx", lambda paper: b"PK" + b"y" * 5000)
    papers: Any = [SimpleNamespace(stem="to-trinh"), SimpleNamespace(stem="bao-cao-thanh-tich")]
    real_fsync = os.fsync

    def full(fd: int) -> None:  # the zip is the last file written: the disk fills up on it
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".zip.tmp"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    if not Path("/proc/self/fd").exists():
        pytest.skip("needs /proc to see which file is synced")
    monkeypatch.setattr(dossier_print.os, "fsync", full)
    out = tmp_path / "ho-so"
    out.mkdir()
    (out / "to-trinh-1.zip").write_bytes(b"lan truoc")  # the earlier export stays as it was
    with pytest.raises(OSError):
        dossier_print._write_folder(out, "to-trinh-1", papers)
    assert sorted(p.name for p in out.iterdir()) == ["to-trinh-1.zip"], "no folder, no temporaries"
    assert (out / "to-trinh-1.zip").read_bytes() == b"lan truoc"


def test_a_backup_to_a_full_disk_names_that_disk(ws: Workspace, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from emulation_desk.storage.backup import create_backup

    real_connect = sqlite3.connect

    def small_disk(target: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(target, *args, **kwargs)  # type: ignore[arg-type]
        if str(target).endswith(".partial"):
            conn.execute("PRAGMA max_page_count = 5")
        return conn

    monkeypatch.setattr(sqlite3, "connect", small_disk)
    usb = tmp_path / "usb"
    with pytest.raises(DiskFullError) as info:
        create_backup(ws.store, "manual", to=usb / "ban-sao.sqlite")
    assert str(usb / "ban-sao.sqlite") in info.value.message, "the full disk is the target's, not the database's"
    assert str(ws.path) not in info.value.message
    assert list(usb.iterdir()) == []


# ---------------------------------------------------------------------------------------------- a real small disk
@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a real small disk needs root (mount -t tmpfs)")
    point = tmp_path / "o-day"
    point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(point)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"tmpfs cannot be mounted here: {mounted.stderr.decode(errors='replace')}")
    try:
        yield point
    finally:
        with contextlib.suppress(OSError):
            subprocess.run(["umount", "-l", str(point)], capture_output=True, check=False)


@pytest.mark.parametrize("command", [
    ["export", "list", "nominations", "--year", "2020", "--out", "{disk}/de-nghi.xlsx"],
    ["export", "table", "--year", "2020", "--out", "{disk}/bieu.xlsx"],
    ["export", "report", "--year", "2020", "--out", "{disk}/bao-cao.pdf"],
    ["backup", "--to", "{disk}/ban-sao.sqlite"],
])
def test_the_command_line_on_a_nearly_full_disk(demo_path: Path, small_tmpfs: Path, command: list[str]) -> None:
    filler = small_tmpfs / "da-day"
    with contextlib.suppress(OSError), filler.open("wb") as handle:
        handle.write(b"\0" * (195 * 1024))
    args = [a.format(disk=small_tmpfs) for a in command]
    run = subprocess.run([sys.executable, "-m", "emulation_desk", "--db", str(demo_path), *args],
                         capture_output=True, text=True, encoding="utf-8", check=False,
                         env={**os.environ, "PYTHONWARNINGS": "default"})
    assert run.returncode == 1, run.stderr
    assert "đã đầy" in run.stderr and "Traceback" not in run.stderr and "Exception ignored" not in run.stderr
    assert sorted(p.name for p in small_tmpfs.iterdir()) == ["da-day"], "nothing half-written on the disk"


def test_the_window_export_on_a_full_disk_is_one_vietnamese_message(qtbot: Any, demo_ws: Workspace, tmp_path: Path,
                                                                    full_disk: None, unraisable: list[Any],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The reports tab's buttons go through the runner and the registry: the clerk gets the message box with
    the full disk's message, no bug report, and nothing at the target."""
    from emulation_desk.ui.app import create_application
    from emulation_desk.ui.main_window import MainWindow
    from emulation_desk.ui.operations import wait_for
    from emulation_desk.ui.tabs.reports import default_exporters

    create_application()
    window = MainWindow(demo_ws, demo=True, exporters=default_exporters())
    qtbot.addWidget(window)
    boxes: list[tuple[str, str]] = []
    bugs: list[Any] = []
    monkeypatch.setattr("emulation_desk.ui.operations.inform", lambda _p, title, text, **_k: boxes.append((title, text)))
    monkeypatch.setattr("emulation_desk.ui.error_dialog.show_bug", lambda report, *_a: bugs.append(report))
    window.tabs.setCurrentWidget(window.reports_tab)
    window.year_box.setCurrentIndex(window.year_box.findData(2020))
    folder = tmp_path / "xuat"
    folder.mkdir()
    for key, name in (("table_xlsx", "bieu.xlsx"), ("report_pdf", "bao-cao.pdf")):
        task = window.reports_tab.export(key, folder / name)
        assert task is not None
        assert wait_for(window, 60_000)
    assert [title for title, _ in boxes] == ["Không thực hiện được"] * 2
    assert all("đã đầy" in text and "No space" not in text for _, text in boxes)
    assert bugs == [] and list(folder.iterdir()) == []
    gc.collect()
    assert unraisable == []
