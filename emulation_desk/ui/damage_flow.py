"""Damage found while the window works: the same flow as at opening.

SQLite may report "database disk image is malformed" long after the opening's check — a read in a tab, a
write, the operation runner's background read on its own connection, an export, the weekly check's copy. The
storage layer tells whoever subscribed (:func:`emulation_desk.storage.store.on_damage`), from whatever thread
met it; the operation runner and the error hooks report the damage they catch instead of showing the generic
message or the bug report. :class:`DamageFlow` subscribes for its window and runs once per damage:

1. every background operation of the window is stopped (no connection may stay on the file);
2. the damaged file is moved aside (never deleted) as ``<tệp>.damaged-<thời điểm>`` — the writer lock kept;
3. the clerk reads in Vietnamese what happened, where the damaged file is and which backup is the newest good
   one, and chooses "Khôi phục bản sao lưu" or "Đóng chương trình";
4. after a restore the window works on the restored file (every tab reloaded).

Reports sent before or while the flow runs (other failing slots, the same damage met twice) are settled by it
and ignored: the clerk sees one dialog, not one per failing slot.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal

from emulation_desk.errors import KnownError
from emulation_desk.storage.store import on_damage

if TYPE_CHECKING:
    from emulation_desk.ui.main_window import MainWindow

TITLE = "Tệp dữ liệu bị hỏng"
RESTORE, QUIT = "restore", "quit"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # the file was moved aside already: compare the names
        return Path(os.path.abspath(a)) == Path(os.path.abspath(b))


class DamageFlow(QObject):
    """The damage flow of one window (see the module). ``choose(title, text, options)`` asks the clerk;
    ``tell(title, text)`` informs — both replaceable in tests."""

    found = Signal(str, int)  # (message, epoch): queued to the GUI thread from any thread

    def __init__(self, window: MainWindow) -> None:
        from emulation_desk.ui.app import choose_button
        from emulation_desk.ui.dialogs import inform

        super().__init__(window)
        self.window = window
        self.epoch = 0  # a report carries the epoch it was sent in; each run of the flow settles the older ones
        self.active = False
        self.runs = 0  # how many times the flow ran (tests)
        self.last_message = ""
        self.choose: Any = choose_button
        self.tell: Any = lambda title, text: inform(self.window, title, text, error=True)
        self.note: Any = lambda title, text: inform(self.window, title, text)
        self.found.connect(self._run, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = on_damage(self._heard)
        self.destroyed.connect(lambda *_: self._unsubscribe())

    def close(self) -> None:
        self._unsubscribe()

    def _heard(self, path: Path | None, message: str) -> None:
        """Any thread: a damage report; the window's own file (or one not named) goes to the GUI thread."""
        ws = getattr(self.window, "ws", None)
        if ws is None or str(ws.path) == ":memory:":
            return
        if path is not None and not _same_file(path, ws.path):
            return
        self.found.emit(message, self.epoch)

    def _run(self, message: str, epoch: int) -> None:
        if self.active or epoch != self.epoch:
            return
        self.active = True
        self.runs += 1
        try:
            self._flow(message)
        finally:  # what was reported before or during this run (other failing slots, the operations it stopped,
            self.epoch += 1  # the same damage met twice) is settled by it
            self.active = False

    def _flow(self, message: str) -> None:
        from emulation_desk.services.maintenance.backup import restore_after_damage, set_aside_damaged
        from emulation_desk.storage.health import damage_found
        from emulation_desk.ui.operations import stop_all

        window = self.window
        window.stop_opening_routine()
        stop_all(window)  # no background connection may stay on the file
        ws = window.ws
        if ws.store.readonly:  # another window writes this file: only that one may move it aside
            error = damage_found(ws.path)
            self.last_message = error.message
            self.tell(TITLE, error.message + "\n\nHãy khôi phục ở cửa sổ đang ghi tệp này (hoặc đóng cửa sổ đó rồi "
                      "mở lại chương trình).")
            return
        try:
            account = set_aside_damaged(ws)
        except KnownError as exc:
            self.last_message = exc.message
            self.tell(TITLE, exc.message)
            window.close()
            return
        self.last_message = account.message
        window.show_message("Tệp dữ liệu bị hỏng: đã để riêng tệp hỏng; xem thông báo.")
        options = ([(RESTORE, "Khôi phục bản sao lưu")] if account.offer is not None else []) + [
            (QUIT, "Đóng chương trình")]
        answer = self.choose(TITLE, account.message, options)
        if answer != RESTORE or account.offer is None:
            self.close()
            window.close()
            return
        try:
            result = restore_after_damage(ws, account.offer.path)
        except KnownError as exc:
            self.tell("Không khôi phục được", exc.message + "\n\nChương trình sẽ đóng; tệp hỏng vẫn được giữ lại. "
                      "Lần mở sau, chương trình lại đề nghị khôi phục.")
            window.close()
            return
        window.reload_everything()
        text = (f"Đã khôi phục dữ liệu từ bản sao lưu {result.backup.name} ({result.contents.summary()}). Tệp hỏng "
                "được giữ lại bên cạnh, không bị xóa. Những thay đổi sau thời điểm lập bản sao lưu không có trong "
                "dữ liệu đã khôi phục: hãy kiểm tra và nhập lại nếu cần.")
        window.show_message(f"Đã khôi phục dữ liệu từ bản sao lưu {result.backup.name}.")
        self.note("Đã khôi phục dữ liệu", text)
