"""The window's place for bugs: "Đã xảy ra lỗi không mong muốn" with a copyable report.

:class:`ErrorHooks` installs ``sys.excepthook`` (an exception that leaves a slot or an event handler on the
GUI thread: PySide6 hands it to the hook and carries on) and ``threading.excepthook`` (a thread that dies
of an exception). Each bug is logged with its traceback (:mod:`emulation_desk.logs`) and shown in one
dialog on the GUI thread; a second bug while the dialog is open is added to the same report. The
operation runner (:mod:`emulation_desk.ui.operations`) sends the bugs of its workers here too.

Damage to the database file ("database disk image is malformed") is not a bug: the hooks hand it to the
window's damage flow instead (:mod:`emulation_desk.ui.damage_flow`).

The window keeps working after the dialog: every change to data is one transaction, so a bug in the
middle of an operation leaves nothing half-written.
"""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from emulation_desk import APP_NAME
from emulation_desk.logs import BugReport, report_bug

TITLE = "Đã xảy ra lỗi không mong muốn"
REASSURANCE = (
    "Chương trình gặp một lỗi mà nó không lường trước{during}. <b>Dữ liệu đã lưu vẫn an toàn</b>: mỗi thao tác "
    "được ghi trọn vẹn hoặc không ghi gì, nên thao tác vừa gặp lỗi (nếu đang ghi) không để lại dữ liệu dở dang. "
    "Bạn có thể đóng thông báo này và tiếp tục làm việc; nên kiểm tra lại kết quả của thao tác vừa làm.<br><br>"
    "Hãy bấm “Sao chép báo cáo” và gửi báo cáo cho người hỗ trợ phần mềm (kèm tệp nhật ký nếu được hỏi)."
)


class ErrorDialog(QDialog):
    """The report of one or more bugs, read-only and copyable; "Mở thư mục nhật ký" opens the log folder."""

    def __init__(self, report: BugReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.resize(720, 480)
        self.reports: list[BugReport] = [report]
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        during = f" trong thao tác “{report.action}”" if report.action else ""
        self.message = QLabel(REASSURANCE.format(during=during))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.report_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.copy_button = QPushButton("&Sao chép báo cáo")
        self.folder_button = QPushButton("Mở thư mục &nhật ký")
        self.close_button = QPushButton("Đó&ng")
        self.copy_button.clicked.connect(self.copy_report)
        self.folder_button.clicked.connect(self.open_log_folder)
        self.close_button.clicked.connect(self.accept)
        self.folder_button.setEnabled(report.log_file is not None)
        self.close_button.setDefault(True)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.message, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.report_view, 1)
        layout.addLayout(buttons)
        self._show_reports()

    def add(self, report: BugReport) -> None:
        """Another bug while this dialog is open: its report goes under the first."""
        self.reports.append(report)
        self._show_reports()

    def report_text(self) -> str:
        return ("\n\n" + "-" * 72 + "\n\n").join(r.text() for r in self.reports)

    def _show_reports(self) -> None:
        self.report_view.setPlainText(self.report_text())

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())
        self.copy_button.setText("Đã sao chép")

    def open_log_folder(self) -> None:
        log_file = self.reports[0].log_file
        if log_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file.parent)))


_open_dialog: ErrorDialog | None = None


def show_bug(report: BugReport, parent: QWidget | None = None) -> None:
    """Show ``report`` (on the GUI thread): in the open error dialog if there is one, else in a new one."""
    global _open_dialog
    if _open_dialog is not None and shiboken6.isValid(_open_dialog) and _open_dialog.isVisible():
        _open_dialog.add(report)
        return
    owner = parent if parent is not None and shiboken6.isValid(parent) else QApplication.activeWindow()
    dialog = ErrorDialog(report, owner)
    _open_dialog = dialog
    try:
        dialog.exec()
    finally:
        _open_dialog = None
        dialog.deleteLater()


def show_exception(error: BaseException, action: str = "", parent: QWidget | None = None, *, where: str = "") -> None:
    """Log ``error`` (a bug caught by the caller, e.g. in a worker) and show its report."""
    show_bug(report_bug((type(error), error, error.__traceback__), action, where=where), parent)


class ErrorHooks(QObject):
    """``sys.excepthook`` and ``threading.excepthook`` for the window; :meth:`uninstall` puts back the
    previous hooks. Bugs from other threads reach the dialog through a queued signal."""

    reported = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._previous: tuple[Any, Any] | None = None
        self._broken = False
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> ErrorHooks:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
            sys.excepthook = self.excepthook
            threading.excepthook = self.thread_excepthook
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            if sys.excepthook == self.excepthook:
                sys.excepthook = self._previous[0]
            if threading.excepthook == self.thread_excepthook:
                threading.excepthook = self._previous[1]
            self._previous = None

    def excepthook(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt) and self._previous is not None:
            self._previous[0](kind, value, tb)
            return
        if _damage(value):
            return
        self.reported.emit(report_bug((kind, value, tb)))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        if _damage(args.exc_value):
            return
        name = args.thread.name if args.thread is not None else "?"
        self.reported.emit(report_bug((args.exc_type, args.exc_value, args.exc_traceback), where=f"luồng {name}"))

    def _show(self, report: BugReport) -> None:
        if self._broken:
            return
        try:
            show_bug(report)
        except Exception:  # the dialog itself failed: log it and never try again (no loop of reports)
            self._broken = True
            report_bug(sys.exc_info(), where="hộp thoại báo lỗi")  # type: ignore[arg-type]


def _damage(error: BaseException) -> bool:
    """"database disk image is malformed" is no bug: it goes to the window's damage flow (logged, reported to the
    storage's damage listeners — :mod:`emulation_desk.ui.damage_flow`), never to the bug report."""
    from emulation_desk.storage.store import damage_of, damaged_path, report_damage

    if not damage_of(error):
        return False
    logging.getLogger(APP_NAME).warning("Tệp dữ liệu bị hỏng (phát hiện khi đang làm việc): %s", error)
    report_damage(damaged_path(error), getattr(error, "message", "") or str(error))
    return True
