"""Journals left by a crash: whoever finds one recovers the file under the lock (the original bytes kept aside
first) or says exactly what to do; a copy made without its journal is never silently taken for whole; a
stray journal never destroys the only original."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from emulation_desk.cli import run
from emulation_desk.storage import journal
from emulation_desk.storage.db import open_store
from tests.bench.crash_harness import build_base

KILLED_IMPORT = textwrap.dedent("""
    import os, sys
    from emulation_desk.storage.db import open_store
    store = open_store(sys.argv[1])
    store.conn.execute("PRAGMA cache_size = 20")  # the import spills pages to disk before it commits
    people = [r[0] for r in store.conn.execute("SELECT id FROM person")]
    store.conn.execute("BEGIN IMMEDIATE")
    for i in range(6000):
        store.conn.execute("INSERT INTO nomination (id, year, form_code, kind, subject, person_id, achievement, "
                           "status, created_at, updated_at, created_by, updated_by) VALUES (lower(hex(randomblob(4))) "
                           "|| '-0000-4000-8000-' || lower(hex(randomblob(6))), 2020, 'LDTT', 'cong_trang', 'ca_nhan', "
                           "?, ?, 'submitted', 'x', 'x', 'x', 'x')", [people[i % len(people)], "Thành tích " * 20])
    os._exit(9)  # killed in the middle of the import
""")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("base") / "office.sqlite"
    build_base(path, 300)
    return path


@pytest.fixture
def crashed(base: Path, tmp_path: Path) -> Path:
    """An office file as a clerk finds it after the program was killed during an import."""
    path = tmp_path / "office.sqlite"
    shutil.copyfile(base, path)
    subprocess.run([sys.executable, "-c", KILLED_IMPORT, str(path)], check=False)
    assert journal.leftover_journal(path) is not None, "the kill left a journal beside the file"
    return path


def nominations(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM nomination").fetchone()[0])
    finally:
        conn.close()


def test_check_after_a_crash_recovers_the_file_and_calls_it_whole(crashed: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", str(crashed), "check"]) == 0
    out = capsys.readouterr().out
    assert "toàn vẹn" in out
    assert journal.leftover_journal(crashed) is None and nominations(crashed) == 0, "none of the import"
    assert journal.header_mode(crashed) == "delete" and not journal.originals(crashed)
    store = open_store(crashed)
    assert store.scalar("SELECT count(*) FROM audit_log WHERE summary LIKE 'Phục hồi tệp dữ liệu%'") == 1
    store.close()


def test_stats_after_a_crash_recovers_first(crashed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", str(crashed), "stats", "--year", "2020"]) == 0
    assert journal.leftover_journal(crashed) is None


def test_a_copy_made_without_its_journal_is_judged_truthfully(crashed: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The clerk copies the .db alone elsewhere: the program either finds it whole (all or nothing of the
    import) and says it was copied while open, or refuses it — never calls a partial file healthy."""
    alone = tmp_path / "usb" / "office.sqlite"
    alone.parent.mkdir()
    shutil.copyfile(crashed, alone)
    code = run(["--db", str(alone), "check"])
    out = capsys.readouterr()
    if code == 0:
        assert "được chép" in out.out, "said it was copied while the program had it open"
        conn = sqlite3.connect(alone)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        assert nominations(alone) in (0, 6000)
    else:
        assert "hỏng" in out.err


def test_a_reader_that_cannot_recover_says_exactly_what_to_do(crashed: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    before = sha(crashed)
    real_open = os.open

    def read_only(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if str(path).endswith(".lock") and flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    assert run(["--db", str(crashed), "check"]) == 1
    err = capsys.readouterr().err
    assert "bị gián đoạn" in err and "mở chương trình một lần" in err
    assert "Không bao giờ chép tệp office.sqlite mà thiếu tệp office.sqlite-journal" in err
    assert "chọn thư mục có quyền ghi" not in err, "not the old advice that made clerks copy the file alone"
    assert sha(crashed) == before


STRAY = textwrap.dedent("""
    import os, sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)  # another program's file, rollback journal
    conn.execute("PRAGMA cache_size = 10")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t SELECT randomblob(3000) FROM (WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL "
                 "SELECT i + 1 FROM r WHERE i < 400) SELECT i FROM r)")
    conn.execute("BEGIN")
    conn.execute("UPDATE t SET x = randomblob(3000)")
    os._exit(9)
""")


def test_a_stray_journal_never_destroys_the_original(base: Path, tmp_path: Path) -> None:
    """A hot journal that belongs to another file lies beside the office file: the original bytes of both are
    kept aside before SQLite applies it, so the file then kept as damaged is not the only copy left."""
    from emulation_desk.storage.health import DamagedDatabaseError

    other = tmp_path / "other.sqlite"
    subprocess.run([sys.executable, "-c", STRAY, str(other)], check=False)
    stray = Path(f"{other}-journal")
    assert journal.leftover_journal(other) == stray
    target = tmp_path / "office.sqlite"
    shutil.copyfile(base, target)
    placed = Path(f"{target}-journal")
    shutil.copyfile(stray, placed)
    originals = (sha(target), sha(placed))
    with pytest.raises(DamagedDatabaseError) as info:
        open_store(target)
    kept = journal.originals(target)
    assert len(kept) == 2, "the file and the journal, as they were"
    db_copy = next(p for p in kept if not p.name.endswith("-journal"))
    assert (sha(db_copy), sha(Path(f"{db_copy}-journal"))) == originals
    assert db_copy.name in info.value.message and info.value.moved_to is not None


def test_the_originals_are_kept_when_the_recovered_file_fails_its_check(crashed: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from emulation_desk.storage import health
    from emulation_desk.storage.health import DamagedDatabaseError

    found = journal.leftover_journal(crashed)
    assert found is not None
    originals = (sha(crashed), sha(found))
    monkeypatch.setattr(health, "quick_problems", lambda conn, path="": ["*** in database main *** Page 7: bad"])
    with pytest.raises(DamagedDatabaseError) as info:
        open_store(crashed)
    kept = journal.originals(crashed)
    db_copy = next(p for p in kept if not p.name.endswith(("-wal", "-journal")))
    assert sha(db_copy) == originals[0] and sha(Path(f"{db_copy}{found.name.removeprefix(crashed.name)}")) \
        == originals[1]
    assert db_copy.name in info.value.message and info.value.moved_to is not None
