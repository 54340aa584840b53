"""Test setup: headless Qt, a private data folder (never a real profile), shared demo template."""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")
_DATA = Path(tempfile.mkdtemp(prefix="emulation-desk-tests-"))
os.environ["EMULATION_DESK_DATA_DIR"] = str(_DATA)
os.environ.pop("EMULATION_DESK_DB", None)

import pytest  # noqa: E402

from emulation_desk.services.workspace import Workspace, open_workspace  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "reference" / "000_646b3998bf517f18.txt"


@pytest.fixture(scope="session")
def demo_template() -> Path:
    """The demo database, built once per test session (through the app's own cache)."""
    from emulation_desk.services.demo import demo_template as build

    return build()


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, target)
    return target


@pytest.fixture
def demo_ws(demo_path: Path):  # type: ignore[no-untyped-def]
    ws = open_workspace(demo_path)
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def office_template() -> Path:
    """A new office database as the program creates it (migrated, the shipped catalog installed), made once
    per test session: each ``ws`` is a copy of it instead of a new migration run."""
    folder = Path(tempfile.mkdtemp(prefix="office-template-", dir=_DATA))
    open_workspace(folder / "office.sqlite", actor="tester").close()
    return folder / "office.sqlite"


def copy_office(template: Path, target: Path) -> Path:
    """A copy of the template with an id of its own (migration 0011 draws one per new database; backups tell
    databases apart by it)."""
    shutil.copyfile(template, target)
    conn = sqlite3.connect(target)
    try:
        with conn:
            conn.execute("UPDATE settings SET value = ? WHERE key = 'database_id'", [f'"{secrets.token_hex(16)}"'])
    finally:
        conn.close()
    return target


@pytest.fixture
def ws(office_template: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A fresh, migrated office database with the shipped catalog (a copy of the session's template)."""
    workspace: Workspace = open_workspace(copy_office(office_template, tmp_path / "office.sqlite"), actor="tester")
    yield workspace
    workspace.close()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_DATA, ignore_errors=True)
