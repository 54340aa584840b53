"""Python's cyclic garbage collector runs on the GUI thread only, from a timer.

The collector normally runs in whichever thread happens to allocate when its thresholds are passed — in the
window, usually a worker building a PDF or judging a year. When the garbage it finds holds a Qt object (a closed
dialog kept in a reference cycle by a connected lambda), shiboken cannot delete that C++ object from the worker:
it queues the deletion for the GUI thread, which runs it at the next Python instruction there — possibly inside an
event filter, in the middle of delivering an event to the very widget being deleted. The process then dies with a
segmentation fault (seen while exporting a decision: ``Shiboken::BindingManager::runDeletionInMainThread`` under
``sendThroughApplicationEventFilters``).

So, while the window runs, automatic collection is off and a timer on the GUI thread collects with the same
thresholds (the usual remedy for Qt applications in Python). Reference counting still frees everything that is
not in a cycle at once; only cycles wait for the timer (half a second).
"""

from __future__ import annotations

import gc
from typing import Any

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500
_installed: list[Any] = []


class GuiThreadCollector(QObject):
    """Collect the generations whose counts passed their thresholds, on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        gc.disable()
        self.timer.start()

    def check(self) -> int:
        """One look at the counts; returns the number of unreachable objects found."""
        first, second, third = gc.get_count()
        found = 0
        if first > self.thresholds[0]:
            found += gc.collect(0)
            if second > self.thresholds[1]:
                found += gc.collect(1)
                if third > self.thresholds[2]:
                    found += gc.collect(2)
        return found


def install_gui_thread_collector(app: Any) -> GuiThreadCollector:
    """Install once (a hook of the application's start)."""
    if not _installed:
        _installed.append(GuiThreadCollector(app))
    return _installed[0]
