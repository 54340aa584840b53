"""The command line builds a command's parser only when that command runs, and a plain ``--help`` imports
no spreadsheet, PDF or window library."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from emulation_desk.cli import COMMANDS, build_parser, built_commands
from emulation_desk.exchange.columns import column_letter

HEAVY = ("reportlab", "openpyxl", "PySide6", "xlrd", "docx")


def imported_modules(*args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "emulation_desk", *args],
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    names = re.findall(r"^import time:\s*\d+\s*\|\s*\d+\s*\|\s*(\S+)", result.stderr, flags=re.MULTILINE)
    assert names, "no import lines: -X importtime gave nothing to read"
    return set(names)


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


def test_help_imports_no_heavy_library() -> None:
    modules = imported_modules("--help")
    assert heavy(modules) == []
    # no command module; argparse's Vietnamese messages (a table, no import of its own) are loaded by the parser
    assert not any(m.startswith("emulation_desk.cli.") for m in modules - {"emulation_desk.cli.argparse_vi"})


def test_a_command_help_imports_only_its_modules() -> None:
    modules = imported_modules("stats", "--help")
    assert "emulation_desk.cli.basic" in modules
    assert "emulation_desk.cli.exchange" not in modules and heavy(modules) == []


def test_every_command_module_registers_exactly_the_listed_commands() -> None:
    by_module: dict[str, set[str]] = {}
    for command in COMMANDS:
        by_module.setdefault(command.modules[0], set()).add(command.name)
    for module, names in by_module.items():
        built = set(built_commands([module]))
        # cli/exchange.py also offers an own "export" when built alone; it is listed under "export"
        assert names <= built, module
        assert built - names <= {"export"}, module
    assert len({c.name for c in COMMANDS}) == len(COMMANDS)


def test_sub_commands_and_their_options_parse_as_before() -> None:
    args = build_parser().parse_args(["--db", "x.sqlite", "export", "template", "nominations", "--out", "m.xlsx"])
    assert (args.command, args.out, args.db) == ("export", "m.xlsx", "x.sqlite")
    args = build_parser().parse_args(["import", "nominations", "f.xlsx", "--year", "2020", "--dry-run"])
    assert args.dry_run and args.year == 2020 and callable(args.handler)


def test_unknown_command_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(["khong-co"])
    assert exited.value.code == 2
    assert "khong-co" in capsys.readouterr().err


def test_column_letters_match_openpyxl() -> None:
    from openpyxl.utils import get_column_letter

    assert all(column_letter(n) == get_column_letter(n) for n in range(1, 18279))
    with pytest.raises(ValueError):
        column_letter(0)
