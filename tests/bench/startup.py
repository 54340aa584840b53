"""Benchmark: cold start to a painted main window, on the demo database or any other (``--db``, copied first).

Run: ``python -m tests.bench.startup [--runs 5] [--db FILE] [--routine-runs 1]``. Each run is a new
process (offscreen Qt). Two figures:

* the window alone (the figure of earlier sessions, ``run_once``): imports, open_workspace, MainWindow, first
  paint; the wall time runs from spawning the process to its end;
* the clerk's start (``run_real``): the program's own entry point (``emulation-desk --db FILE``: command
  line, opening with recovery, the window with its engine and exporters, the first tab's data after the
  first paint, the routine on opening in a worker). The parent notes when each line arrives: the painted
  window, the first tab's data on screen, the end of the routine. Without a due routine (a backup younger
  than a day) this is every start but the first of the day; ``--routine-runs`` more runs remove the backups
  first, so the daily backup runs (the routine is timed to its end; the window is usable meanwhile).
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


REAL_CHILD = r"""
import sys, time
t0 = time.perf_counter()
from emulation_desk.ui.app import create_application
app = create_application()
from PySide6.QtCore import QObject, QEvent, QTimer
seen = {}
def say(what):
    print(f"{what} {time.perf_counter() - t0:.3f}", flush=True)
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and type(obj).__name__ == "MainWindow" and "window" not in seen:
            seen["window"] = obj
            say("painted")
            poll.start(5)
        return False
def check():
    window = seen["window"]
    if "data" not in seen and not window._held:
        seen["data"] = True
        window.repaint()
        say("data")
    if "data" in seen and not window._routine_wanted and not window.routine.running():
        poll.stop()
        if window.routine.label.text():
            say("routine")
        print("message", window.message_label.text(), flush=True)
        window.close()
poll = QTimer()
poll.timeout.connect(check)
watch = Watch()
app.installEventFilter(watch)
from emulation_desk.__main__ import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def run_real(db: Path) -> dict[str, float]:
    """One start through the program's entry point; seconds from spawning to each line (painted, data,
    routine) and to the end of the process (exit)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    start = time.perf_counter()
    seen: dict[str, float] = {}
    with subprocess.Popen([sys.executable, "-c", REAL_CHILD, str(db)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, env=env) as child:
        assert child.stdout is not None
        for line in child.stdout:
            word = line.split(" ", 1)[0]
            if word in ("painted", "data", "routine"):
                seen[word] = time.perf_counter() - start
            elif word == "message" and line.split(" ", 1)[1].strip():
                print(f"    thanh trạng thái: {line.split(' ', 1)[1].strip()}")
        errors = child.stderr.read() if child.stderr else ""
        child.wait(timeout=600)
    seen["exit"] = time.perf_counter() - start
    if "painted" not in seen:
        raise RuntimeError(f"the window did not paint:\n{errors}")
    return seen


def _spread(values: list[float]) -> str:
    return (f"trung vị {statistics.median(values):.2f} s, nhanh nhất {min(values):.2f} s, "
            f"chậm nhất {max(values):.2f} s")


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


def _real_runs(db: Path, runs: int, routine: bool) -> list[dict[str, float]]:
    results = []
    for _ in range(runs):
        if routine:
            shutil.rmtree(db.parent / "sao-luu", ignore_errors=True)  # the first start of the day
        results.append(run_real(db))
    return results


def _print_real(label: str, results: list[dict[str, float]]) -> None:
    print(f"{label} ({len(results)} lần):")
    for key, text in (("painted", "vẽ cửa sổ"), ("data", "tab đầu có dữ liệu"), ("routine", "xong sao lưu tự động")):
        values = [r[key] for r in results if key in r]
        if values:
            print(f"  {text}: {_spread(values)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Thời gian khởi động đến khi cửa sổ chính hiển thị")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="tệp dữ liệu cần đo (được chép ra thư mục tạm trước; mặc định: "
                                                "dữ liệu mẫu)")
    parser.add_argument("--routine-runs", type=int, default=1,
                        help="số lần đo thêm khi đến hạn sao lưu hằng ngày (xóa các bản sao lưu trước mỗi lần)")
    args = parser.parse_args(argv)
    from emulation_desk.services.demo import demo_template

    source = args.db or demo_template()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / ("office.sqlite" if args.db else "demo.sqlite")
        shutil.copyfile(source, db)
        run_once(db)  # warm the OS file cache once (and a first open's quick check), as a second start would be
        run_real(db)  # the first real start of the day: takes the daily backup, so the runs below have none due
        results = [run_once(db) for _ in range(args.runs)]
        real = _real_runs(db, args.runs, routine=False)
        due = _real_runs(db, args.routine_runs, routine=True) if args.db else []
    walls = [r[0] for r in results]
    print(f"Cơ sở dữ liệu {'mẫu' if not args.db else source}: {source.stat().st_size / 1e6:.1f} MB")
    print(f"Cửa sổ chính đến khi vẽ, tiến trình mới ({args.runs} lần, đến khi tiến trình kết thúc): {_spread(walls)}")
    print(f"  trong tiến trình: nạp thư viện {statistics.median(r[2] for r in results):.2f} s, "
          f"đến khi vẽ {statistics.median(r[1] for r in results):.2f} s")
    _print_real("Khởi động như người dùng (emulation-desk --db …), không đến hạn sao lưu", real)
    if due:
        _print_real("Khởi động đầu ngày (đến hạn sao lưu hằng ngày, cửa sổ dùng được trong lúc sao lưu)", due)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
