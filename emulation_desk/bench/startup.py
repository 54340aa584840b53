"""Benchmark: cold start to a painted main window on the demo database.

Run: ``python -m emulation_desk.bench.startup [--runs 5]``. Each run is a new process (offscreen Qt) that
imports the program, opens a copy of the demo database, builds the main window and waits for its first
paint; the parent measures the wall time from spawning the process to the child's "painted" line.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import sys, time
t0 = time.perf_counter()
from PySide6.QtCore import QObject, QEvent, QTimer
from emulation_desk.ui.app import create_application
from emulation_desk.services.workspace import open_workspace
from emulation_desk.ui.main_window import MainWindow
t_import = time.perf_counter()
app = create_application()
ws = open_workspace(sys.argv[1])
window = MainWindow(ws, demo=True)
window.resize(1366, 768)
class PaintWatch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(f"painted {time.perf_counter() - t0:.3f} imports {t_import - t0:.3f}", flush=True)
            QTimer.singleShot(0, app.quit)
            obj.removeEventFilter(self)
        return False
watch = PaintWatch()
window.installEventFilter(watch)
window.show()
window.repaint()
app.exec()
ws.close()  # as the real program does on exit (a clean close lets the next start skip the quick check)
"""


def run_once(db: Path) -> tuple[float, float, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", CHILD, str(db)], capture_output=True, text=True, env=env,
                            timeout=120)
    wall = time.perf_counter() - start
    line = next((x for x in result.stdout.splitlines() if x.startswith("painted")), None)
    if line is None:
        raise RuntimeError(f"the window did not paint:\n{result.stderr}")
    parts = line.split()
    return wall, float(parts[1]), float(parts[3])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Thời gian khởi động đến khi cửa sổ chính hiển thị")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    from emulation_desk.services.demo import demo_template

    template = demo_template()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.sqlite"
        shutil.copyfile(template, db)
        run_once(db)  # warm the OS file cache once, as a second start of the day would be
        results = [run_once(db) for _ in range(args.runs)]
    walls = [r[0] for r in results]
    print(f"Cơ sở dữ liệu mẫu: {template.stat().st_size / 1e6:.1f} MB")
    print(f"Khởi động đến khi vẽ cửa sổ (tiến trình mới, {args.runs} lần): trung vị {statistics.median(walls):.2f} s, "
          f"nhanh nhất {min(walls):.2f} s, chậm nhất {max(walls):.2f} s")
    print(f"  trong tiến trình: nạp thư viện {statistics.median(r[2] for r in results):.2f} s, "
          f"đến khi vẽ {statistics.median(r[1] for r in results):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
