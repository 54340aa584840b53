"""The routine on opening (daily backup, weekly full check) as a background operation (``local``: the backup
opens its own connections), after the window shows its data; the status bar follows it ("Đang sao lưu tự động… 37%") and keeps its result. Problems found by the
weekly check raise the Vietnamese dialog; a copy that fails its check (the file is damaged) leads to the window's
damage flow (:mod:`emulation_desk.ui.damage_flow`), and no backup is made of it. Closing the window (or opening the backup dialog) stops it: the
copy is dropped and its ``.partial`` file removed; the previous backups are untouched."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar

from emulation_desk.errors import KnownError
from emulation_desk.ui.dialogs import inform
from emulation_desk.ui.operations import Operation, local

if TYPE_CHECKING:
    from emulation_desk.ui.main_window import MainWindow

STOP_WAIT_S = 30.0  # closing waits this long at most for the routine to stop (it stops within a step)
FAILED_PREFIX = "Chưa sao lưu, kiểm tra tự động được: "


class OpeningRoutine(QObject):
    """Runs the routine once per opening; ``task`` is its operation while it runs."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.task: Operation[Any] | None = None
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(140)
        self.bar.setMaximumHeight(16)
        self.bar.setTextVisible(False)
        status = window.statusBar()
        status.addPermanentWidget(self.label)
        status.addPermanentWidget(self.bar)
        self.label.hide()
        self.bar.hide()

    def running(self) -> bool:
        return self.task is not None and self.task.running()

    def start(self) -> Operation[Any] | None:
        """Start the operation when something is due (None: nothing to do, e.g. the demo)."""
        from emulation_desk.services.maintenance.backup import opening_plan, run_opening

        if self.task is not None:
            return self.task
        try:
            plan = opening_plan(self.window.ws)
        except KnownError as exc:
            self.window.show_message(FAILED_PREFIX + exc.message)
            return None
        if plan is None:
            return None
        # the routine watches ``cancel`` itself (it drops the copy and its .partial file), so its progress only
        # reports: it never raises in the middle of a copy
        task = local(self.window, lambda ctx: run_opening(plan, ctx.report, ctx.cancel),
                     lambda report: self._done(plan, report), title="")
        task.failure(lambda error: self._failed(error.message))
        task.progressed.connect(self.show_progress)
        task.ended.connect(self._ended)  # also after a bug (its report dialog) or a cancel
        self.task = task
        self.show_progress(0, 0, "Đang sao lưu tự động…")
        return task.run_in_background()

    def show_progress(self, done: int, total: int, text: str) -> None:
        if text:
            self.label.setText(text)
        self.bar.setRange(0, max(total, 0))
        self.bar.setValue(done)
        self.label.show()
        self.bar.show()

    def _ended(self) -> None:
        self.label.hide()
        self.bar.hide()
        self.task = None

    def _done(self, plan: Any, report: Any) -> None:
        from emulation_desk.services.maintenance.backup import finish_opening

        self._ended()
        if report.damaged:  # the copy (so the file) failed the check: the damage flow, nothing written into the file
            from emulation_desk.storage.store import report_damage

            self.window.show_message(" ".join(report.messages()))
            report_damage(self.window.ws.path, "; ".join(report.problems))
            return
        try:
            messages = finish_opening(self.window.ws, plan, report)
        except KnownError as exc:
            messages = [*report.messages(), f"Chưa ghi được nhật ký sao lưu: {exc.message}"]
        if messages:
            self.window.show_message(" ".join(messages))
        problems = [m for m in messages if m.startswith("Kiểm tra dữ liệu")]
        if problems:
            inform(self.window, "Kiểm tra dữ liệu định kỳ", "Kiểm tra định kỳ phát hiện vấn đề trong tệp dữ liệu:\n"
                   + "\n".join(problems[:5]) + "\nHãy sao lưu ra tệp và liên hệ người hỗ trợ.", error=True)

    def _failed(self, message: str) -> None:
        self._ended()
        self.window.show_message(FAILED_PREFIX + message)

    def stop(self) -> None:
        """Stop a running routine and wait for its operation (the copy is dropped, nothing half-written)."""
        if not self.running():
            return
        assert self.task is not None
        self.label.setText("Đang dừng sao lưu tự động…")
        QApplication.processEvents()
        self.task.stop(STOP_WAIT_S)
