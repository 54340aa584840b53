"""Every schema ever released opens with today's program: each state of ``emulation_desk/storage/migrations/`` in
the git history (``git log`` / ``git show``, no network) is built into a file with rows in every table, opened,
migrated and compared with a fresh install; the council's board, minutes and tally then work on it.

0002_council.sql was edited after its release (ff633cd added ``counting_board``): a file built by the first
release lacks the column and crashed minutes, tally and ``council edit --board`` before migration 0011.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from emulation_desk.storage.db import open_store, schema_version
from tests.fixtures.build_schema_fixtures import build_from, git_migrations, uid

REPO = Path(__file__).resolve().parents[2]
FOLDER = "emulation_desk/storage/migrations/"
RELEASED = ("0001_", "0002_")  # migrations shipped to clerks; later ones are still being written on branches


def released(files: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(name, text) for name, text in files if name.startswith(RELEASED)]


def released_states() -> list[str]:
    """Commits that changed a released migration file, oldest first, one per distinct state of those files
    (empty outside a git checkout)."""
    if shutil.which("git") is None:
        return []
    found = subprocess.run(["git", "-C", str(REPO), "log", "--format=%H", "--reverse", "--",
                            *(f"{FOLDER}{prefix}*" for prefix in RELEASED)], capture_output=True, text=True)
    if found.returncode != 0:
        return []
    states: dict[tuple[tuple[str, str], ...], str] = {}
    for commit in found.stdout.split():
        states.setdefault(tuple(released(git_migrations(commit))), commit)
    return list(states.values())


STATES = released_states()


def master(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    conn.close()
    return rows


def test_the_history_is_there() -> None:
    if not STATES:
        pytest.skip("not a git checkout: the released schemas are covered by tests/fixtures/schema_v*.sqlite")
    assert len(STATES) >= 3, "0001, 0002 as released and 0002 as edited"


def test_the_edited_release_is_among_them() -> None:
    if not STATES:
        pytest.skip("not a git checkout")
    columns = []
    for commit in STATES:
        files = dict(released(git_migrations(commit)))
        if "0002_council.sql" in files:
            columns.append("counting_board" in files["0002_council.sql"])
    assert False in columns and True in columns, "both histories of 0002 are in the log"


@pytest.mark.parametrize("commit", STATES, ids=[c[:7] for c in STATES])
def test_a_file_of_each_released_schema_opens_and_works(commit: str, tmp_path: Path) -> None:
    from emulation_desk.cli import run
    from emulation_desk.services.council import meetings
    from emulation_desk.services.workspace import open_workspace

    files = released(git_migrations(commit))
    path = tmp_path / "office.sqlite"
    version = build_from(files, path)
    fresh = tmp_path / "fresh.sqlite"
    open_store(fresh).close()
    ws = open_workspace(path)
    try:
        assert ws.store.scalar("PRAGMA user_version") == schema_version()
        assert ws.store.integrity_problems() == []
        if version >= 2:
            meeting = uid(29)
            meetings.update_meeting(ws, meeting, counting_board=[uid(28), uid(14)])
            assert meetings.get_meeting(ws, meeting)["counting_board"] == f'["{uid(28)}", "{uid(14)}"]'
            assert meetings.meeting_results(ws, meeting)
    finally:
        ws.close()
    assert master(path) == master(fresh), "the same schema as a fresh install, whatever the history"
    if version >= 2:
        for paper in ("minutes", "tally"):
            out = tmp_path / f"{paper}.pdf"
            assert run(["--db", str(path), "export", paper, "--meeting", uid(29), "--out", str(out)]) == 0
            assert out.read_bytes().startswith(b"%PDF")
        assert run(["--db", str(path), "council", "edit", "--meeting", uid(29), "--board", "Phạm Văn Kiểm"]) == 0
