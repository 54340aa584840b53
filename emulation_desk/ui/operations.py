"""The one way the window runs work off the GUI thread: an :class:`Operation` (the shape of Anki's
``CollectionOp(...).run_in_background()``).

A tab builds an operation from a job and runs it::

    read(self, lambda ctx: statistics.award_facts(ctx.ws, year), self._show).run_in_background()
    write(self, lambda ctx: exporter(ctx.ws, year, path), self._exported,
          title=f"Đang xuất biểu năm {year}…").run_in_background()
    local(self, lambda ctx: imports.read_source(path, progress=...), self._read).cancellable().run_in_background()

The job runs in a Python thread and gets an :class:`OpContext`: ``ctx.ws`` is a :class:`Workspace` on a
connection of the operation's own, ``ctx.progress(done, total, text)`` reports progress and
``ctx.cancel`` is set when the clerk presses "Hủy" (or the window closes) (``ctx.progress`` and ``ctx.check()`` then raise
:class:`Cancelled`, so a service that reports progress stops between two steps; a write rolls back).

**Connections.** SQLite allows one writer at a time, and a connection must not be used by two threads at
once, so an operation never touches the window's connection (the GUI thread keeps it):

- ``read``: a new read-only connection (``mode=ro``, :func:`open_store` with ``readonly``) for the job.
  It never sees another transaction half-done and cannot write. Several reads may run at once.
- ``write``: a new writable connection to the same file, opened under the writer lock the window already
  holds (:mod:`emulation_desk.storage.lock`: this process is the file's one writer, other programs and PCs
  are still refused; nothing about the lock changes). Write operations run one after the other on one
  thread ("emulation-desk-writer"), so the process has at most one background writer; against the GUI
  thread's own short edits SQLite serialises with ``BEGIN IMMEDIATE`` and its busy timeout. The service
  still makes its change in ``store.transaction()``: all or nothing, audited as the clerk.
- ``local``: no database (reading a file to import, the backup routine that opens its own copies).

A workspace in memory (some tests) has no file to open twice: its operations run at once on the GUI
thread with the window's workspace, through the same success/failure paths.

**Endings,** always back on the GUI thread (a timer polls the job: the worker never touches a Qt object):
the result goes to ``success``; when it is (or carries, as ``.changes``) a :class:`Changes`, the window's
``MainWindow.apply_changes`` gets it first (or the tab's ``changed``). Damage ("database disk image is
malformed", raw or translated) is reported to the window's damage flow (:mod:`emulation_desk.ui.damage_flow`),
neither the message box nor the bug report, and not the ``failure`` handler. A :class:`KnownError` becomes the
Vietnamese message box (or goes to ``failure``); any other exception is a bug and goes to the report dialog
"Đã xảy ra lỗi không mong muốn" (:mod:`emulation_desk.ui.error_dialog`) with the worker's traceback.
A cancelled operation ends quietly (``cancelled`` callback). ``title`` is the text of the progress
dialog (none when empty, or with ``.progress_in_place()`` for a widget that shows ``progressed`` itself) and
the action named in a bug report.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from emulation_desk.errors import KnownError
from emulation_desk.services.common import Changes
from emulation_desk.services.workspace import Workspace
from emulation_desk.storage.db import Store, connect, open_store
from emulation_desk.storage.store import damage_of, report_damage
from emulation_desk.ui.dialogs import inform

T = TypeVar("T")
READ, WRITE, LOCAL = "read", "write", "local"
POLL_MS = 25
CANCEL_TEXT = "Hủy"
BUG_TEXT = "lỗi không mong muốn (đã ghi vào nhật ký)"

_writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="emulation-desk-writer")
_running: set[Operation[Any]] = set()  # keeps every running operation referenced until it has ended


class Cancelled(BaseException):  # a stop, not an error: BaseException passes "except Exception"
    """Raised in the job by ``ctx.progress``/``ctx.check`` once the clerk cancelled."""


@dataclass
class OpContext:
    """What a job gets: its own workspace (None for ``local``), progress and cancellation."""

    ws: Workspace | None
    cancel: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _progress: tuple[int, int, str] | None = None

    def progress(self, done: int, total: int, text: str = "") -> None:
        """Report progress (``total`` 0: unknown); raises :class:`Cancelled` once cancelled."""
        self.report(done, total, text)
        self.check()

    def report(self, done: int, total: int, text: str = "") -> None:
        """Report progress only, for a job that watches ``cancel`` itself."""
        with self._lock:
            self._progress = (done, total, text)

    def check(self) -> None:
        if self.cancel.is_set():
            raise Cancelled

    def take_progress(self) -> tuple[int, int, str] | None:
        with self._lock:
            progress, self._progress = self._progress, None
        return progress


class Operation(QObject, Generic[T]):
    """One job off the GUI thread; build it with :func:`read`, :func:`write` or :func:`local`, chain the
    options, then :meth:`run_in_background`. ``ended`` is emitted after the ending was handled."""

    ended = Signal()
    progressed = Signal(int, int, str)

    def __init__(self, parent: QWidget, kind: str, job: Callable[[OpContext], T],
                 on_success: Callable[[T], Any] | None = None, *, title: str = "") -> None:
        super().__init__(parent)
        if kind not in (READ, WRITE, LOCAL):
            raise ValueError(f"unknown kind of operation: {kind}")
        self.widget, self.kind, self.job, self.title = parent, kind, job, title
        self._success = on_success
        self._failure: Callable[[KnownError], Any] | None = None
        self._cancelled: Callable[[], Any] | None = None
        self._can_cancel = False
        self._own_dialog = True
        self.future: Future[T] = Future()
        self.context = OpContext(None)
        self.dialog: QProgressDialog | None = None
        self.result: T | None = None
        self.error = ""  # the Vietnamese message of a known error, BUG_TEXT for a bug
        self.was_cancelled = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)

    # ------------------------------------------------------------------ options (chainable)
    def failure(self, handler: Callable[[KnownError], Any]) -> Operation[T]:
        """Handle a known error here instead of the message box (e.g. a dialog that lists the problems)."""
        self._failure = handler
        return self

    def cancellable(self, on_cancelled: Callable[[], Any] | None = None) -> Operation[T]:
        """Give the progress dialog a "Hủy" button; ``on_cancelled`` runs when the job stopped for it."""
        self._can_cancel, self._cancelled = True, on_cancelled
        return self

    def progress_in_place(self) -> Operation[T]:
        """No progress dialog: the widget shows ``progressed`` itself (the title still names the action in a
        bug report)."""
        self._own_dialog = False
        return self

    # ------------------------------------------------------------------ running
    def run_in_background(self) -> Operation[T]:
        ws = self._window_workspace()
        if self.kind != LOCAL and ws is not None and str(ws.path) == ":memory:":
            self.context.ws = ws
            self._run()
            _running.add(self)
            self._poll()
            return self
        if self.title and self._own_dialog:
            self._make_dialog()
        _running.add(self)
        if self.kind == WRITE:
            _writer.submit(self._run)
        else:
            threading.Thread(target=self._run, name=f"emulation-desk-{self.kind}", daemon=True).start()
        self.timer.start()
        return self

    def running(self) -> bool:
        return self in _running

    def cancel(self) -> None:
        self.context.cancel.set()

    def wait(self, timeout_s: float) -> bool:
        """Block until the job has ended (True) or ``timeout_s`` passed (False); then handle its ending."""
        try:
            self.future.exception(timeout=timeout_s)
        except FutureTimeout:
            return False
        if self.running():
            self._poll()
        return True

    def stop(self, timeout_s: float = 30.0) -> bool:
        """Cancel and wait for the job (closing a window: the job stops between two steps)."""
        self.cancel()
        return self.wait(timeout_s)

    # ------------------------------------------------------------------ the worker's side (no Qt here)
    def _run(self) -> None:
        if self.future.done():
            return
        try:
            if self.context.ws is None and self.kind != LOCAL:
                self.context.ws = self._open()
                opened = True
            else:
                opened = False
            try:
                self.context.check()
                self.future.set_result(self.job(self.context))
            finally:
                if opened and self.context.ws is not None:
                    self.context.ws.close()
        except BaseException as exc:  # a known error, a cancel or a bug: each ends on the GUI thread
            self.future.set_exception(exc)

    def _open(self) -> Workspace:
        window_ws = self._window_workspace()
        if window_ws is None:
            raise RuntimeError("an operation on the database needs a widget with a workspace (ws)")
        catalog = window_ws._catalog  # an immutable value: shared safely; read again when not cached yet
        if self.kind == READ or window_ws.store.readonly:  # a file opened read-only stays so (writes refused)
            return Workspace(open_store(window_ws.path, readonly=True), catalog)
        return Workspace(Store(connect(window_ws.path), window_ws.path, actor=window_ws.store.actor), catalog)

    def _window_path(self) -> Any:
        ws = self._window_workspace()
        return ws.path if ws is not None and str(ws.path) != ":memory:" else None

    def _window_workspace(self) -> Workspace | None:
        widget: Any = self.widget
        while widget is not None:
            ws = getattr(widget, "ws", None)
            if isinstance(ws, Workspace):
                return ws
            widget = widget.parent() if isinstance(widget, QObject) else None
        return None

    # ------------------------------------------------------------------ the GUI thread's side
    def _make_dialog(self) -> None:
        dialog = QProgressDialog(self.title, CANCEL_TEXT if self._can_cancel else "", 0, 0, self._owner())
        dialog.setWindowTitle("Đang xử lý")
        if not self._can_cancel:
            dialog.setCancelButton(None)  # type: ignore[arg-type]
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        if self._can_cancel:  # closing the dialog of a job that cannot stop only hides it
            dialog.canceled.connect(self._cancel_pressed)
        self.dialog = dialog

    def _cancel_pressed(self) -> None:
        if self.dialog is not None and self.running():
            self.dialog.setLabelText("Đang dừng…")
            self.dialog.setCancelButton(None)  # type: ignore[arg-type]
        self.cancel()

    def _owner(self) -> QWidget | None:
        return self.widget if shiboken6.isValid(self.widget) else None

    def _poll(self) -> None:
        progress = self.context.take_progress()
        if progress is not None:
            self.progressed.emit(*progress)
            if self.dialog is not None:
                done, total, text = progress
                self.dialog.setMaximum(max(total, 0))
                self.dialog.setValue(min(done, total) if total > 0 else 0)
                if text:
                    self.dialog.setLabelText(text)
        if not self.future.done() or not self.running():
            return
        self.timer.stop()
        _running.discard(self)
        if self.dialog is not None:
            if self._can_cancel:
                self.dialog.canceled.disconnect(self._cancel_pressed)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        try:
            self._end()
        finally:
            self.ended.emit()

    def _end(self) -> None:
        error = self.future.exception()
        if error is None:
            self.result = self.future.result()
            changes = _changes_of(self.result)
            if changes is not None:
                self._hand_over(changes)
            if self._success is not None:
                self._success(self.result)
        elif isinstance(error, Cancelled):
            self.was_cancelled = True
            if self._cancelled is not None:
                self._cancelled()
        elif damage_of(error, ws_path := self._window_path()):  # "database disk image is malformed": the
            self.error = getattr(error, "message", "") or str(error)  # window's damage flow, once
            report_damage(ws_path, self.error)
        elif isinstance(error, KnownError):
            self.error = error.message
            if self._failure is not None:
                self._failure(error)
            else:
                inform(self._owner(), "Không thực hiện được", error.message, error=True)
        else:
            from emulation_desk.ui.error_dialog import show_exception

            self.error = BUG_TEXT
            show_exception(error, self.title.rstrip("…"), self._owner(), where="việc chạy nền")

    def _hand_over(self, changes: Changes) -> None:
        """The service's own Changes to the window (which reloads the tabs that care)."""
        widget: Any = self._owner()
        window = widget.window() if widget is not None else None
        if window is not None and hasattr(window, "apply_changes"):
            window.apply_changes(changes)
        elif widget is not None and hasattr(widget, "changed"):
            widget.changed(changes)


def _changes_of(result: Any) -> Changes | None:
    if isinstance(result, Changes):
        return result
    changes = getattr(result, "changes", None)
    return changes if isinstance(changes, Changes) else None


def read(parent: QWidget, job: Callable[[OpContext], T], on_success: Callable[[T], Any] | None = None, *,
         title: str = "") -> Operation[T]:
    """A job that reads the database (its own read-only connection)."""
    return Operation(parent, READ, job, on_success, title=title)


def write(parent: QWidget, job: Callable[[OpContext], T], on_success: Callable[[T], Any] | None = None, *,
          title: str = "") -> Operation[T]:
    """A job that changes the database or writes an audited file (the one background writer)."""
    return Operation(parent, WRITE, job, on_success, title=title)


def local(parent: QWidget, job: Callable[[OpContext], T], on_success: Callable[[T], Any] | None = None, *,
          title: str = "") -> Operation[T]:
    """A job that does not use the database (``ctx.ws`` is None)."""
    return Operation(parent, LOCAL, job, on_success, title=title)


def running_under(widget: QObject) -> list[Operation[Any]]:
    """The operations started from ``widget`` or a widget inside it that have not ended yet."""
    found = []
    for op in list(_running):
        owner: Any = op.widget if shiboken6.isValid(op.widget) else None
        while owner is not None and owner is not widget:
            owner = owner.parent()
        if owner is widget:
            found.append(op)
    return found


def stop_all(widget: QObject, timeout_s: float = 30.0) -> bool:
    """Cancel every operation under ``widget`` and wait for each to end (a window closing: no background
    connection may outlive the window's writer lock; a write stops at its next progress step and rolls back,
    or finishes). False when one did not end in time."""
    ops = running_under(widget)
    for op in ops:
        op.cancel()
    return all([op.wait(timeout_s) for op in ops])


def wait_for(widget: QObject, timeout_ms: int = 20_000) -> bool:
    """Run the event loop until every operation under ``widget`` has ended (scripts and tests); False on
    timeout."""
    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    while (ops := running_under(widget)) and timer.isActive():
        ops[0].ended.connect(loop.quit)
        if ops[0].running():  # it may have ended while connecting
            loop.exec()
    return not running_under(widget)
