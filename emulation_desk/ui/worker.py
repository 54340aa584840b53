"""Long work (exports, imports, reading a large year) off the GUI thread; the window stays responsive.

``run_in_background(parent, title, job, on_done)`` runs ``job(progress)`` in a Python worker thread;
``progress(done, total, text)`` may be called from the job and is shown in a progress dialog;
``on_done(result)`` runs back on the GUI thread, a known error is shown in Vietnamese.

The worker never touches a Qt object: the GUI thread polls the job with a timer and does all the Qt
work itself (this keeps PySide's thread rules trivially true). Jobs must not touch widgets; a job that
reads the database opens its own connection (an SQLite connection is used by one thread at a time).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from emulation_desk.errors import KnownError
from emulation_desk.ui.dialogs import inform

Progress = Callable[[int, int, str], None]
POLL_MS = 25
BUG_TEXT = "lỗi không mong muốn (đã ghi vào nhật ký)"


class BackgroundTask(QObject):
    """One job in a thread with an optional progress dialog; keep a reference until it has finished.
    ``progressed(done, total, text)`` repeats the job's progress on the GUI thread (for a status bar);
    a job may watch ``cancel`` (a threading.Event) and stop early; :meth:`stop` sets it and waits."""

    done = Signal(object)
    failed = Signal(str)
    progressed = Signal(int, int, str)

    def __init__(self, parent: QWidget | None, title: str, job: Callable[[Progress], Any], *,
                 dialog: bool = True) -> None:
        super().__init__(parent)
        self.job = job
        self.title = title
        self.future: Future[Any] = Future()
        self._progress: tuple[int, int, str] | None = None
        self._lock = threading.Lock()
        self.dialog: QProgressDialog | None = None
        if dialog:
            self.dialog = QProgressDialog(title, "", 0, 0, parent)
            self.dialog.setWindowTitle("Đang xử lý")
            self.dialog.setCancelButton(None)  # type: ignore[arg-type]
            self.dialog.setMinimumDuration(300)
            self.dialog.setAutoClose(False)
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        self.result: Any = None
        self.error = ""
        self.cancel = threading.Event()

    def start(self) -> None:
        thread = threading.Thread(target=self._run, name="emulation-desk-worker", daemon=True)
        thread.start()
        self.timer.start()

    def running(self) -> bool:
        return not self.future.done() or self.timer.isActive()

    def wait(self, timeout_s: float) -> bool:
        """Block until the job has ended (True) or ``timeout_s`` passed (False); no signal is emitted."""
        try:
            self.future.exception(timeout=timeout_s)
        except FutureTimeout:
            return False
        return True

    def stop(self, timeout_s: float = 30.0) -> bool:
        """Ask the job to stop (``cancel``) and wait for it; then handle its end now (done/failed)."""
        self.cancel.set()
        ended = self.wait(timeout_s)
        if ended and self.timer.isActive():
            self._poll()
        return ended

    def _report(self, done: int, total: int, text: str = "") -> None:
        with self._lock:
            self._progress = (done, total, text)

    def _run(self) -> None:
        try:
            self.future.set_result(self.job(self._report))
        except Exception as exc:  # a known error, or a bug: its traceback goes to the error dialog
            self.future.set_exception(exc)

    def _poll(self) -> None:
        with self._lock:
            progress, self._progress = self._progress, None
        if progress is not None:
            self.progressed.emit(*progress)
        if progress is not None and self.dialog is not None:
            done, total, text = progress
            self.dialog.setMaximum(max(total, 0))
            self.dialog.setValue(done)
            if text:
                self.dialog.setLabelText(text)
        if not self.future.done():
            return
        self.timer.stop()
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.close()
        error = self.future.exception()
        if error is None:
            self.result = self.future.result()
            self.done.emit(self.result)
        elif isinstance(error, KnownError):
            self.error = error.message
            self.failed.emit(self.error)
        else:
            from emulation_desk.ui.error_dialog import show_exception

            self.error = BUG_TEXT
            show_exception(error, self.title, self.parent() if isinstance(self.parent(), QWidget) else None,
                           where="việc chạy nền")
            self.failed.emit(self.error)


def run_in_background(parent: QWidget | None, title: str, job: Callable[[Progress], Any],
                      on_done: Callable[[Any], None] | None = None, *, show_errors: bool = True,
                      dialog: bool = True) -> BackgroundTask:
    """Start ``job`` in a thread (with a progress dialog unless ``dialog`` is False); keep the returned
    task referenced until it is done."""
    task = BackgroundTask(parent, title, job, dialog=dialog)
    if on_done is not None:
        task.done.connect(on_done)
    if show_errors:
        task.failed.connect(lambda message: message == BUG_TEXT  # a bug: the error dialog has shown it
                            or inform(parent, "Không thực hiện được", message, error=True))
    task.start()
    return task


def wait_for(tasks: list[BackgroundTask], timeout_ms: int = 20_000) -> None:
    """Run the event loop until every task in ``tasks`` has finished (for scripts and tests); the list
    is the caller's, emptied by its own done/failed handlers."""
    from PySide6.QtCore import QEventLoop

    while tasks:
        task = tasks[-1]
        if task.running():
            loop = QEventLoop()
            task.done.connect(loop.quit)
            task.failed.connect(loop.quit)
            QTimer.singleShot(timeout_ms, loop.quit)
            loop.exec()
        if task.running():
            return  # timed out
        if task in tasks:
            tasks.remove(task)
