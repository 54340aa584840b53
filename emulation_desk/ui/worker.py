"""Long work (exports, imports) off the GUI thread, with a progress dialog; the window stays responsive.

``run_in_background(parent, title, job, on_done)`` runs ``job(progress)`` in a worker thread, where
``progress(done, total, text)`` updates the dialog; ``on_done(result)`` runs back on the GUI thread, a
known error is shown in Vietnamese. Jobs must not touch widgets; a job that writes to the database opens
its own connection (an SQLite connection is used by one thread at a time).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from emulation_desk.errors import KnownError
from emulation_desk.ui.dialogs import inform

Progress = Callable[[int, int, str], None]


class _Worker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, job: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        try:
            result = self.job(lambda done, total, text="": self.progressed.emit(done, total, text))
        except KnownError as exc:
            self.failed.emit(exc.message)
        except Exception as exc:  # a bug: still end the thread and tell the clerk
            self.failed.emit(f"Lỗi không mong đợi: {exc}. Hãy chụp màn hình này gửi cho người hỗ trợ.")
        else:
            self.finished.emit(result)


class BackgroundTask(QObject):
    """One job in a thread with its progress dialog; keep a reference until ``done`` is emitted."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None, title: str, job: Callable[[Progress], Any]) -> None:
        super().__init__(parent)
        self.dialog = QProgressDialog(title, "", 0, 0, parent)
        self.dialog.setWindowTitle("Đang xử lý")
        self.dialog.setCancelButton(None)  # type: ignore[arg-type]
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.thread = QThread()
        self.worker = _Worker(job)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.result: Any = None
        self.error = ""

    def start(self) -> None:
        self.thread.start()

    def _progress(self, done: int, total: int, text: str) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(done)
        if text:
            self.dialog.setLabelText(text)

    def _stop(self) -> None:
        self.thread.quit()
        self.thread.wait()
        self.dialog.reset()
        self.dialog.close()

    def _finished(self, result: Any) -> None:
        self._stop()
        self.result = result
        self.done.emit(result)

    def _failed(self, message: str) -> None:
        self._stop()
        self.error = message
        self.failed.emit(message)


def run_in_background(parent: QWidget | None, title: str, job: Callable[[Progress], Any],
                      on_done: Callable[[Any], None] | None = None, *, show_errors: bool = True) -> BackgroundTask:
    task = BackgroundTask(parent, title, job)
    if on_done is not None:
        task.done.connect(on_done)
    if show_errors:
        task.failed.connect(lambda message: inform(parent, "Không thực hiện được", message, error=True))
    task.start()
    return task
