"""Cycles holding Qt objects are collected on the GUI thread only (ui/garbage.py): a worker that allocates while
the window shows and drops dialogs used to run the collector itself, and the deletion it queued for the GUI
thread crashed the process inside an event filter (a decision's export, now and then)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

from PySide6.QtCore import QObject

from emulation_desk.ui.app import create_application
from emulation_desk.ui.garbage import GuiThreadCollector

CHILD = """
import sys, threading, time
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout
from emulation_desk.ui.app import create_application
app = create_application()
if sys.argv[1] == "without":
    import gc
    gc.enable()  # as before: the collector runs in whichever thread allocates
stop = False
def worker():  # a PDF being built: many allocations
    while not stop:
        junk = [[i] for i in range(2000)]
thread = threading.Thread(target=worker)
thread.start()
end, dialogs = time.monotonic() + 2.5, 0
while time.monotonic() < end:
    dialog = QDialog()  # closed and dropped, kept in a cycle by a connected lambda (as dialogs are)
    layout = QVBoxLayout(dialog)
    button = QPushButton("Đóng")
    layout.addWidget(button)
    layout.addWidget(QLabel("…"))
    button.clicked.connect(lambda: dialog.close())
    dialog.me = dialog
    dialog.show()
    app.processEvents()
    dialog.hide()
    del dialog, button, layout
    dialogs += 1
stop = True
thread.join()
print("ok", dialogs)
"""


def _child(mode: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", CHILD, mode], capture_output=True, text=True, env=env, timeout=120)


def test_dialogs_dropped_while_a_worker_allocates_do_not_crash_the_window() -> None:
    result = _child("with")
    assert result.returncode == 0 and result.stdout.startswith("ok"), result.stderr[-2000:]


def test_the_collector_collects_on_the_gui_thread_with_the_usual_thresholds(qapp: object) -> None:
    create_application()
    assert not gc.isenabled()  # the window's start turned automatic collection off
    owner = QObject()
    collector = GuiThreadCollector(owner)
    try:
        first = collector.thresholds[0]

        class Cycle:
            pass

        for _ in range(first + 10):
            a, b = Cycle(), Cycle()
            a.b, b.a = b, a
        assert collector.check() >= 2  # the cycles left behind are found by the timer's check
        assert gc.get_count()[0] < first
    finally:
        collector.timer.stop()
