"""The command line: the same services as the window, for scripts, tests and benchmarks.

``emulation-desk [--db FILE | --data-dir DIR | --demo] <lệnh> ...``; with no command the window opens.
Each command group lives in its own module with a ``register(subparsers)`` function; :data:`COMMANDS`
names each command, the modules that build it and its help, so that a command's module (and the spreadsheet
and PDF libraries it needs) is imported only when that command runs. Adding a command is one line there.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, NamedTuple

from emulation_desk import APP_TITLE, __version__
from emulation_desk.cli import argparse_vi
from emulation_desk.errors import KnownError
from emulation_desk.logs import EXIT_BUG, BugReport, report_bug, report_known, setup_logging
from emulation_desk.paths import database_path, log_dir

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class VietnameseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "Cách dùng: ")


class Command(NamedTuple):
    """A command of the command line: its name, the ``emulation_desk.cli`` modules whose ``register`` builds
    it (in order: a later one may add sub-commands to an earlier one's), and its one-line help."""

    name: str
    modules: tuple[str, ...]
    help: str


# One line per command, in the order of ``--help``.
COMMANDS: tuple[Command, ...] = (
    Command("init", ("basic",), "tạo tệp dữ liệu mới (hoặc nâng cấp tệp cũ) và nạp danh mục khen thưởng"),
    Command("stats", ("basic",), "in biểu tổng hợp kết quả khen thưởng của một năm"),
    Command("check", ("basic",), "kiểm tra tính toàn vẹn của tệp dữ liệu (và số liệu của một năm nếu có --year)"),
    Command("eligibility", ("engine",), "xét điều kiện của các đề nghị khen thưởng trong một năm "
            "(đạt / chưa đạt / cần xem lại)"),
    Command("almost", ("engine",), "liệt kê những người còn thiếu một năm để đủ chuỗi danh hiệu"),
    Command("export", ("export", "exchange", "certificates", "dossier"), "xuất văn bản ra tệp: báo cáo tổng kết, "
            "biểu tổng hợp, quyết định, danh sách, tệp mẫu, giấy khen, hồ sơ đề nghị cấp trên"),
    Command("find", ("find",), "tìm cá nhân, tập thể, quyết định, đề nghị theo tên, năm sinh, số quyết định"),
    Command("nominations", ("nominations",), "đề nghị khen thưởng: thêm, sửa năm thành tích, xem danh sách"),
    Command("decisions", ("decisions",), "quyết định khen thưởng: danh sách của một năm, sửa Điều 3 và Nơi nhận"),
    Command("import", ("exchange", "records"), "nhập dữ liệu từ tệp Excel (.xlsx, .xls) hoặc Word (.docx): danh "
            "sách đề nghị, quyết định cũ, danh sách đơn vị"),
    Command("council", ("council",), "họp Hội đồng Thi đua - Khen thưởng: tạo cuộc họp, điểm danh, nhập kết quả "
            "kiểm phiếu, xem kết quả"),
    Command("backup", ("maintenance",), "sao lưu tệp dữ liệu (vào thư mục sao-luu bên cạnh tệp, hoặc ra một tệp)"),
    Command("backups", ("maintenance",), "liệt kê các bản sao lưu với ngày giờ, dung lượng, các năm và số bản ghi"),
    Command("restore", ("maintenance",), "khôi phục dữ liệu từ một bản sao lưu (tệp hiện tại được giữ lại bên "
            "cạnh, không bị xóa)"),
    Command("verify", ("maintenance",), "kiểm tra đầy đủ tệp dữ liệu (toàn vẹn và liên kết giữa các bảng)"),
    Command("audit", ("maintenance",), "xem nhật ký thay đổi (ai, lúc nào, thay đổi gì)"),
    Command("unlock", ("maintenance",), "tiếp quản tệp dữ liệu còn đánh dấu đang mở ở một máy khác"),
    Command("certificates", ("certificates",), "giấy khen đã in: nhật ký in của một quyết định"),
    Command("printer", ("certificates",), "hồ sơ máy in để in giấy khen lên phôi: xem, thêm, sửa, đo, xóa"),
    Command("people", ("records", "people"), "hồ sơ cá nhân: xếp loại, sáng kiến, kỷ luật, chức vụ theo năm"),
    Command("report-period", ("people",), "xem hoặc đặt kỳ của biểu tổng hợp (năm dương lịch hoặc 01/12 năm "
            "trước đến 30/11)"),
    Command("units", ("records",), "hồ sơ đơn vị: số liệu theo năm"),
    Command("profile", ("profile",), "thông tin cơ quan: tên, địa danh, ký hiệu văn bản, người ký, Hội đồng"),
    Command("dossier", ("dossier",), "hồ sơ đề nghị cấp trên khen thưởng: xem, ghi đã gửi, ghi quyết định "
            "của cấp trên"),
)


def built_commands(modules: Sequence[str], prog: str = "emulation-desk") -> dict[str, argparse.ArgumentParser]:
    """The parsers that the ``register`` of these command modules build, by command name."""
    built = argparse._SubParsersAction(option_strings=[], prog=prog, parser_class=argparse.ArgumentParser,
                                       dest="command")
    for module in modules:
        # __import__ rather than importlib.import_module: -X importtime shows the module then
        __import__(f"emulation_desk.cli.{module}", fromlist=["register"]).register(built)
    return dict(built.choices)


class LazyCommands(argparse._SubParsersAction):
    """Sub-commands known by name and help; a command's own parser is built (its modules imported) only
    when the command line names it."""

    def add_lazy(self, command: Command) -> None:
        self.add_parser(command.name, help=command.help, add_help=False)
        self._modules[command.name] = command.modules

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._modules: dict[str, tuple[str, ...]] = {}

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        name = values[0] if values else None
        modules = self._modules.pop(name, None)
        if modules is not None:
            real = built_commands(modules, self._prog_prefix)
            self._name_parser_map[name] = real[name]
        super().__call__(parser, namespace, values, option_string)


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; ``commands=False`` leaves the commands out (their modules import the
    spreadsheet and PDF libraries: 0,4 s that a plain window start does not need)."""
    argparse_vi.install()
    parser = argparse.ArgumentParser(
        prog="emulation-desk", formatter_class=VietnameseHelpFormatter, add_help=False,
        description=f"{APP_TITLE} — phần mềm quản lý thi đua, khen thưởng. Không có lệnh: mở cửa sổ chương trình.",
    )
    parser._positionals.title = "Các lệnh"
    parser._optionals.title = "Tùy chọn"
    parser.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này rồi thoát")
    parser.add_argument("--version", action="version", version=f"emulation-desk {__version__}",
                        help="hiện phiên bản rồi thoát")
    parser.add_argument("--self-test", action="store_true",
                        help="tự kiểm tra bản cài đặt (dữ liệu mẫu, biểu tổng hợp, báo cáo PDF) rồi thoát")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", metavar="TỆP", help="tệp dữ liệu SQLite cần mở")
    where.add_argument("--data-dir", metavar="THƯ_MỤC", help="thư mục chứa tệp dữ liệu, bản sao lưu và nhật ký")
    where.add_argument("--demo", action="store_true",
                       help="làm việc trên bản sao tạm thời của dữ liệu mẫu năm 2020 (không thay đổi dữ liệu thật)")
    if not commands:
        parser.set_defaults(command=None)
        return parser
    commands_action = parser.add_subparsers(dest="command", metavar="LỆNH", action=LazyCommands)
    for command in COMMANDS:
        commands_action.add_lazy(command)
    return parser


def add_command(subparsers: Any, name: str, help_text: str, handler: Callable[[argparse.Namespace], int]
                ) -> argparse.ArgumentParser:
    """Register a subcommand with Vietnamese help."""
    sub = subparsers.add_parser(name, help=help_text, description=help_text, add_help=False,
                                formatter_class=VietnameseHelpFormatter)
    sub._optionals.title = "Tùy chọn"
    sub.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này rồi thoát")
    sub.set_defaults(handler=handler)
    return sub


def resolve_database(args: argparse.Namespace) -> Path:
    """The database file the command works on (a fresh demo copy with --demo)."""
    if getattr(args, "demo", False):
        if getattr(args, "_demo_path", None) is None:
            from emulation_desk.services.demo import demo_copy
            from emulation_desk.storage.health import mark_closed_cleanly

            args._demo_path = demo_copy()
            # A byte copy of the template the program built and closed itself: no quick check on opening.
            mark_closed_cleanly(args._demo_path)
        return args._demo_path
    return database_path(args.db, args.data_dir)


@contextmanager
def workspace_for(args: argparse.Namespace, *, readonly: bool = False):  # type: ignore[no-untyped-def]
    from emulation_desk.services.workspace import open_workspace

    ws = open_workspace(resolve_database(args), readonly=readonly)
    try:
        yield ws
    finally:
        ws.close()


def _cleanup_demo(args: argparse.Namespace) -> None:
    path = getattr(args, "_demo_path", None)
    if path is not None:
        from emulation_desk.services.demo import discard_copy

        discard_copy(path)


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with suppress(OSError, ValueError):  # exotic consoles keep their encoding
                reconfigure(encoding="utf-8")


WINDOW_OPTIONS = ("--db", "--data-dir", "--demo")


def window_start_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a plain window start (no command; only --db, --data-dir, --demo), parsed without
    loading the commands; None for anything else (the whole parser handles it)."""
    if any(a.startswith("-") and a.split("=", 1)[0] not in WINDOW_OPTIONS for a in argv):
        return None
    args, rest = build_parser(commands=False).parse_known_args(list(argv))
    return None if rest else args


def _print_known(exc: KnownError, action: str) -> int:
    report_known(exc, action)
    print(f"Lỗi: {exc.message}", file=sys.stderr)
    if exc.details:
        print(f"Chi tiết: {exc.details}", file=sys.stderr)
    return EXIT_FAIL


def _damage_account(exc: KnownError, args: argparse.Namespace) -> KnownError:
    """Damage met while a command worked (after the opening's check): the same account as the opening gives —
    what happened, the newest good backup, how to restore it (exit code 1, no traceback)."""
    from emulation_desk.storage.health import DamagedDatabaseError, damage_found
    from emulation_desk.storage.store import damage_of

    database = resolve_database(args)
    if isinstance(exc, DamagedDatabaseError) or str(database) == ":memory:" or not damage_of(exc, database):
        return exc
    return damage_found(database)


def start_log(args: argparse.Namespace, face: str) -> Path | None:
    """The log of this run: in ``--data-dir``'s ``logs`` folder when given, else in the log folder."""
    folder = Path(args.data_dir).expanduser() / "logs" if getattr(args, "data_dir", None) else log_dir()
    return setup_logging(face, folder)


def print_report(report: BugReport) -> None:
    """A bug's report on stderr (a window start without a console has none)."""
    if sys.stderr is not None:
        print("Lỗi không mong muốn: chương trình gặp lỗi mà nó không lường trước. Dữ liệu đã lưu vẫn an toàn "
              "(mỗi thao tác được ghi trọn vẹn hoặc không ghi gì). Hãy gửi báo cáo dưới đây cho người hỗ trợ.\n",
              file=sys.stderr)
        print(report.text(), file=sys.stderr)


def print_bug(action: str) -> int:
    """Log the bug being handled and print its report; the exit code of a bug."""
    print_report(report_bug(sys.exc_info(), action))  # type: ignore[arg-type]
    return EXIT_BUG


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (the GUI is started by the caller). A known error prints
    its Vietnamese message (exit code 1); a bug prints its report (exit code 70, see :mod:`emulation_desk.logs`)."""
    _utf8_streams()
    argv = sys.argv[1:] if argv is None else list(argv)
    args = window_start_args(argv)
    if args is None:
        args = build_parser().parse_args(argv)
    if args.self_test:
        from emulation_desk.selftest import run_self_test

        return run_self_test()
    action = "mở cửa sổ chương trình" if args.command is None else "lệnh " + " ".join(argv)[:300]
    start_log(args, "cửa sổ" if args.command is None else "dòng lệnh")
    try:
        return _run_command(args)
    except KnownError as exc:
        return _print_known(_damage_account(exc, args), action)
    except sqlite3.DatabaseError as exc:  # damaged, full or locked file met by a plain query of a command
        from emulation_desk.storage.store import translate_error

        known = translate_error(exc, resolve_database(args))
        if not isinstance(known, KnownError):
            return print_bug(action)
        return _print_known(_damage_account(known, args), action)
    except BrokenPipeError:  # output piped into a program that stopped reading (e.g. head)
        with suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keep Python from failing at exit
        return EXIT_OK
    except Exception:
        return print_bug(action)
    finally:
        _cleanup_demo(args)


def _run_command(args: argparse.Namespace) -> int:
    if args.command is None:
        from emulation_desk.ui.app import run_gui

        return run_gui(args)
    return int(args.handler(args))
