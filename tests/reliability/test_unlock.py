"""A lock file naming another PC (issue 20, point 13): the clerk is told who, since when and on which PC, can
still read, and can take the file over with ``unlock --yes`` (logged)."""

from __future__ import annotations

from pathlib import Path

import pytest

from emulation_desk.cli import run
from emulation_desk.storage import lock as lk
from emulation_desk.storage.db import open_store


def test_a_lock_of_another_pc_is_explained_and_can_be_taken_over(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "office.sqlite"
    open_store(db).close()
    other = lk.Holder("MAY-KE-TOAN", "tranthib", 4242, "2026-11-26T07:45:00")
    lk.lock_path(db).write_text(other.to_json(), encoding="utf-8")
    assert run(["--db", str(db), "council", "new", "--year", "2020", "--date", "10/12/2020"]) == 1
    err = capsys.readouterr().err
    assert "tranthib trên máy MAY-KE-TOAN" in err and "07:45 ngày 26/11/2026" in err and "unlock --yes" in err
    assert run(["--db", str(db), "stats", "--year", "2020"]) == 0, "reading goes on while the lock is there"
    capsys.readouterr()
    assert run(["--db", str(db), "unlock"]) == 1
    out = capsys.readouterr().out
    assert "--yes" in out and "làm hỏng dữ liệu" in out
    assert lk.read_holder(db) == other, "nothing taken over without the confirmation"
    assert run(["--db", str(db), "unlock", "--yes"]) == 0
    assert "Đã tiếp quản" in capsys.readouterr().out
    store = open_store(db)
    logged = store.scalar("SELECT summary FROM audit_log WHERE summary LIKE 'Tiếp quản khóa%'")
    store.close()
    assert "tranthib" in logged and "MAY-KE-TOAN" in logged
    assert run(["--db", str(db), "unlock"]) == 0
    assert "không bị khóa" in capsys.readouterr().out
