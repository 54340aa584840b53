"""The program's log and the report of a bug (no Qt: both faces use it).

One rotating file, ``emulation-desk.log`` in the log folder (:func:`emulation_desk.paths.log_dir`, i.e.
``logs/`` in the data folder, which ``--data-dir`` and ``EMULATION_DESK_DATA_DIR`` move — tests never
touch a real profile). Known errors (a locked file, a bad spreadsheet) are logged as one line; anything
else is a bug: its traceback goes to the log and into a report the clerk can copy — version, the action
being done, the traceback and where the log is — shown by the window's error dialog or printed by the
command line (exit code 70).

:func:`note_action` records what the clerk last asked for (a menu item, a button, a background
operation) so that a report can name it, since an exception leaves its slot before the hook sees it.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from dataclasses import dataclass
from datetime import datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from emulation_desk import APP_NAME, __version__
from emulation_desk.errors import KnownError

LOG_NAME = "emulation-desk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)-7s [%(threadName)s] %(name)s: %(message)s"
EXIT_BUG = 70  # EX_SOFTWARE: an internal error

log = logging.getLogger(APP_NAME)
_handler: RotatingFileHandler | None = None
_lock = threading.Lock()
_last_action: tuple[str, datetime] | None = None

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def log_path() -> Path | None:
    """The file the log is written to (None before :func:`setup_logging` or when it could not open)."""
    return Path(_handler.baseFilename) if _handler is not None else None


def setup_logging(face: str, folder: Path | None = None) -> Path | None:
    """Log the package's messages (INFO and above) to the rotating file in ``folder`` (default: the log
    folder); idempotent, and moved when the folder changes. Returns the file, or None when the folder
    cannot be written (the program still works, and says so on stderr)."""
    global _handler
    from emulation_desk.paths import log_dir

    target = (folder or log_dir()) / LOG_NAME
    with _lock:
        if _handler is not None and Path(_handler.baseFilename) == target.resolve():
            return target
        _close_handler()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handler = RotatingFileHandler(target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8",
                                          delay=True)
        except OSError as exc:
            if sys.stderr is not None:
                print(f"Không ghi được nhật ký chương trình vào {target.parent}: {exc.strerror or exc}",
                      file=sys.stderr)
            return None
        handler.setFormatter(logging.Formatter(FORMAT))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        _handler = handler
    log.info("%s %s (%s), Python %s on %s", face, __version__, APP_NAME, platform.python_version(),
             platform.platform())
    return target


def _close_handler() -> None:
    global _handler
    if _handler is not None:
        log.removeHandler(_handler)
        _handler.close()
        _handler = None


def stop_logging() -> None:
    """Close the log file (tests, and before the data folder is removed)."""
    with _lock:
        _close_handler()


def note_action(text: str) -> None:
    """Remember what the clerk asked for last (named by the next bug report)."""
    global _last_action
    _last_action = (text.replace("&", "").rstrip(".…").strip(), datetime.now())


def last_action() -> tuple[str, datetime | None]:
    """The action noted last and when (("", None) before the first)."""
    return _last_action if _last_action is not None else ("", None)


@dataclass(frozen=True)
class BugReport:
    """What the clerk copies for the person who supports the program."""

    action: str
    trace: str
    log_file: Path | None
    when: datetime
    action_at: datetime | None = None  # when the clerk asked for it, for a noted action

    def text(self) -> str:
        where = str(self.log_file) if self.log_file is not None else "(không ghi được nhật ký)"
        asked = f" (lúc {self.action_at:%H:%M:%S})" if self.action_at is not None else ""
        return "\n".join([
            f"Chương trình: {APP_NAME} {__version__}",
            f"Python {platform.python_version()}, {platform.platform()}",
            f"Thời điểm: {self.when:%d/%m/%Y %H:%M:%S}",
            f"Thao tác đang làm: {self.action or 'không rõ'}{asked}",
            f"Nhật ký: {where}",
            "",
            self.trace.rstrip(),
        ])


def report_bug(exc_info: ExcInfo, action: str = "", *, where: str = "") -> BugReport:
    """Log a bug with its traceback and return its report; ``action`` defaults to the last one noted."""
    kind, value, tb = exc_info
    trace = "".join(traceback.format_exception(kind, value, tb))
    action_at = None
    if not action:
        action, action_at = last_action()
    action = action.rstrip(".…").strip()
    log.error("Lỗi không mong muốn%s; thao tác: %s\n%s", f" ({where})" if where else "", action or "không rõ",
              trace.rstrip())
    for handler in log.handlers:
        handler.flush()
    return BugReport(action, trace, log_path(), datetime.now(), action_at)


def report_known(error: KnownError, action: str = "") -> None:
    """One line in the log for a known error (the clerk was told in Vietnamese what to do)."""
    log.info("Không thực hiện được%s: %s", f" ({action})" if action else "", error.message)
