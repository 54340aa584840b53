"""What a plain window start reads and imports: only global options parsed (no command modules), no
spreadsheet/PDF libraries before the first paint, the catalog version without the TOML, years by index."""

from __future__ import annotations

import subprocess
import sys

import pytest

from emulation_desk.cli import window_start_args
from emulation_desk.core.catalog import load_catalog
from emulation_desk.services.workspace import Workspace, shipped_catalog_version


@pytest.mark.parametrize(("argv", "window", "db", "demo"), [
    ([], True, None, False),
    (["--demo"], True, None, True),
    (["--db", "van-phong.sqlite"], True, "van-phong.sqlite", False),
    (["--db=van-phong.sqlite"], True, "van-phong.sqlite", False),
    (["--demo", "stats", "--year", "2020"], False, None, True),
    (["stats"], False, None, False),
    (["--help"], False, None, False),
    (["--version"], False, None, False),
    (["--self-test"], False, None, False),
])
def test_a_window_start_is_parsed_without_the_commands(argv: list[str], window: bool, db: str | None,
                                                       demo: bool) -> None:
    args = window_start_args(argv)
    assert (args is not None) == window
    if args is not None:
        assert args.command is None and args.db == db and args.demo == demo


def test_the_window_start_imports_no_document_or_spreadsheet_library() -> None:
    code = ("import sys\n"
            "from emulation_desk.cli import window_start_args, resolve_database\n"
            "from emulation_desk.ui.app import create_application, open_with_recovery\n"
            "from emulation_desk.ui.main_window import MainWindow\n"
            "from emulation_desk.ui.tabs.nominations import eligibility_verdicts\n"
            "from emulation_desk.ui.tabs.reports import default_exporters\n"
            "window_start_args(['--db', 'x.sqlite'])\n"
            "heavy = ['openpyxl', 'reportlab', 'sqlite_utils', 'emulation_desk.documents', 'emulation_desk.exchange']\n"
            "print(sorted(m for m in heavy if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_shipped_catalog_version_is_read_without_parsing() -> None:
    assert shipped_catalog_version() == load_catalog().version


def test_years_walked_down_the_index_are_the_years_with_records(demo_ws: Workspace) -> None:
    plain = [r["year"] for r in demo_ws.store.query(
        "SELECT year FROM decision WHERE deleted_at IS NULL UNION SELECT year FROM nomination "
        "WHERE deleted_at IS NULL UNION SELECT year FROM bloc UNION SELECT year FROM report ORDER BY year DESC")]
    assert demo_ws.years() == plain == [2020, 2019, 2018]
    with demo_ws.store.transaction():
        demo_ws.store.conn.execute("UPDATE nomination SET deleted_at = 'x' WHERE year = 2020")
        demo_ws.store.conn.execute("UPDATE decision SET deleted_at = 'x' WHERE year = 2020")
        demo_ws.store.conn.execute("DELETE FROM report WHERE year = 2020")
        demo_ws.store.conn.execute("DELETE FROM bloc WHERE year = 2020")
    assert 2020 not in demo_ws.years()
