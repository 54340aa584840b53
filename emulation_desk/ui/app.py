"""Starting the window: Qt application, bundled fonts, the database, the main window."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from emulation_desk import APP_NAME, APP_TITLE, __version__

if TYPE_CHECKING:
    from emulation_desk.services.workspace import Workspace


def _display_available() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def create_application(argv: list[str] | None = None) -> Any:
    """The QApplication with the bundled UI font (so Vietnamese never depends on the PC's fonts)."""
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    from emulation_desk.resources import resource_path
    from emulation_desk.ui.garbage import install_gui_thread_collector
    from emulation_desk.ui.geometry import install_dialog_fitting
    from emulation_desk.ui.i18n import install_qt_translation
    from emulation_desk.ui.keyboard import install_multi_line_keys

    app = QApplication.instance() or QApplication(argv or [APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setApplicationVersion(__version__)
    families: list[str] = []
    for face in ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"):
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", face)))
        families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        app.setFont(QFont(families[0], 10))
    install_qt_translation(app)  # Qt's own strings (context menus, buttons) in Vietnamese
    install_dialog_fitting(app)  # every dialog sized to the available screen
    install_multi_line_keys(app)  # Tab leaves multi-line fields, Ctrl+Tab types a tab
    install_gui_thread_collector(app)  # cycles holding Qt objects are freed on this thread (ui/garbage.py)
    return app


Choose = Callable[[str, str, list[tuple[str, str]]], str]
Tell = Callable[[str, str], None]


def choose_button(title: str, text: str, options: list[tuple[str, str]], *, warning: bool = True) -> str:
    """A question with Vietnamese buttons ``(key, label)``; returns the key clicked (the last one on Esc)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.NoButton, None)
    buttons = {}
    for index, (key, label) in enumerate(options):
        role = QMessageBox.ButtonRole.RejectRole if index == len(options) - 1 else QMessageBox.ButtonRole.AcceptRole
        buttons[box.addButton(label, role)] = key
    last = list(buttons)[-1]
    box.setEscapeButton(last)
    box.setDefaultButton(next(iter(buttons)))
    box.exec()
    return buttons.get(box.clickedButton(), options[-1][0])


def tell_error(title: str, text: str) -> None:
    from emulation_desk.ui.dialogs import inform

    inform(None, title, text, error=True)


def open_with_recovery(path: Path, *, choose: Choose = choose_button, tell: Tell = tell_error) -> Workspace | None:
    """Open the office database for the window, asking the clerk in Vietnamese what to do when it is damaged
    (restore the newest good backup / start an empty file / quit), lies on a network share (confirm or
    quit) or is held by another window (who holds it). None: the clerk chose to quit."""
    from emulation_desk.errors import DatabaseLockedError, KnownError
    from emulation_desk.services.maintenance.backup import restore_file
    from emulation_desk.services.workspace import open_workspace
    from emulation_desk.storage.health import DamagedDatabaseError
    from emulation_desk.storage.lock import NetworkLocationError

    options: dict[str, Any] = {}
    while True:
        try:
            return open_workspace(path, **options)
        except DamagedDatabaseError as exc:
            choices = [("restore", "Khôi phục bản sao lưu")] if exc.offer is not None else []
            if not exc.db_path.exists():  # the damaged file was moved aside: an empty file may take its place
                choices.append(("new", "Tạo tệp mới (trống)"))
            choices.append(("quit", "Thoát"))
            answer = choose("Tệp dữ liệu bị hỏng", exc.message, choices)
            if answer == "restore" and exc.offer is not None:
                try:
                    restore_file(exc.db_path, exc.offer.path)
                except KnownError as failure:
                    tell("Không khôi phục được", failure.message)
                    return None
            elif answer == "new":
                options["create_after_damage"] = True
            else:
                return None
        except NetworkLocationError as exc:
            answer = choose("Tệp dữ liệu nằm trên mạng", exc.message + "\n\nVẫn mở tệp này? Việc xác nhận được ghi "
                            "vào nhật ký.", [("open", "Vẫn mở (tôi chấp nhận rủi ro)"), ("quit", "Thoát")])
            if answer != "open":
                return None
            options["allow_network"] = True
        except DatabaseLockedError as exc:
            tell("Tệp dữ liệu đang được mở ở nơi khác", exc.message)
            return None
        except KnownError as exc:
            tell("Không mở được tệp dữ liệu", exc.message)
            return None


def first_run(args: argparse.Namespace, path: Path) -> bool:
    """No database yet at the resolved path and not the demo: the welcome dialog comes first."""
    return not getattr(args, "demo", False) and str(path) != ":memory:" and not path.exists()


def welcome(args: argparse.Namespace, path: Path, *, tell: Tell = tell_error
            ) -> tuple[Workspace, bool] | None:
    """The first run: a new database (the setup that the window offers on an empty file then asks for the
    office, once) or the demo; returns (workspace, demo) or None to quit."""
    from emulation_desk.cli import resolve_database
    from emulation_desk.ui.dialogs import WelcomeDialog

    dialog = WelcomeDialog(path)
    dialog.exec()
    choice = dialog.choice
    dialog.deleteLater()
    if choice == "demo":
        args.demo = True
        ws = open_with_recovery(resolve_database(args), tell=tell)
        return (ws, True) if ws is not None else None
    if choice != "new":
        return None
    ws = open_with_recovery(path, tell=tell)
    return (ws, False) if ws is not None else None


def after_open(ws: Workspace) -> list[str]:
    """The routine on opening run here and now (daily backup, weekly check; it skips the demo): its messages
    for the status bar. The window runs it in a worker instead (MainWindow.start_opening_routine)."""
    from emulation_desk.errors import KnownError
    from emulation_desk.services.maintenance.backup import on_open

    try:
        return on_open(ws).messages()
    except KnownError as exc:
        return [f"Chưa sao lưu, kiểm tra tự động được: {exc.message}"]


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window on the database chosen on the command line."""
    if not _display_available():
        print("Không tìm thấy màn hình để mở cửa sổ chương trình. Trên máy không có màn hình, hãy dùng các lệnh "
              "(xem: emulation-desk --help) hoặc đặt QT_QPA_PLATFORM=offscreen.", file=sys.stderr)
        return 1
    from emulation_desk.cli import print_report, resolve_database
    from emulation_desk.logs import EXIT_BUG, report_bug
    from emulation_desk.ui.error_dialog import ErrorHooks, show_bug
    from emulation_desk.ui.main_window import MainWindow

    app = create_application(sys.argv[:1])
    hooks = ErrorHooks().install()  # a bug in a slot or a thread: logged, and the report dialog
    try:
        return _open_window(app, args, resolve_database(args), MainWindow)
    except Exception:  # a bug before or after the event loop: the report in the dialog and on stderr
        report = report_bug(sys.exc_info(), "mở cửa sổ chương trình")  # type: ignore[arg-type]
        show_bug(report)
        print_report(report)
        return EXIT_BUG
    finally:
        hooks.uninstall()


def _open_window(app: Any, args: argparse.Namespace, path: Path, window_class: Any) -> int:
    from PySide6.QtCore import QTimer

    from emulation_desk.ui.operations import stop_all
    from emulation_desk.ui.setup_wizard import offer_setup
    from emulation_desk.ui.tabs.nominations import eligibility_verdicts
    from emulation_desk.ui.tabs.reports import default_exporters

    if first_run(args, Path(path)):
        opened = welcome(args, Path(path))
    else:
        ws = open_with_recovery(Path(path))
        opened = (ws, bool(getattr(args, "demo", False))) if ws is not None else None
    if opened is None:
        return 1
    ws, demo = opened
    window = window_class(ws, demo=demo, verdict_provider=eligibility_verdicts, exporters=default_exporters(),
                          background_loading=True, defer_first_load=True)
    window.show()
    window.start_opening_routine()  # daily backup, weekly check: in the background once the first tab shows its data
    QTimer.singleShot(0, lambda: offer_setup(window))  # an empty file: the first-start setup (ui/setup_wizard.py)
    try:
        return int(app.exec())
    finally:
        window.stop_opening_routine()  # the event loop may end without a close event: never leave it running
        stop_all(window)  # nor an operation on its own connection after the writer lock is released
        ws.close()
