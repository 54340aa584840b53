"""Benchmark: whole commands as a clerk runs them (a new process each time), beside LibreOffice.

Run: ``python -m tests.bench.commands [--runs 7] [--db FILE] [--source DIR]``. On a copy of the demo database
(or of ``--db``), each command is started as ``python -m emulation_desk --db COPY …`` and timed from
spawning the process to its end; the median of ``--runs`` runs is printed with the fastest and slowest.
In the same run, if ``soffice`` is installed, LibreOffice converts the program's own XLSX export of the
table to PDF (``soffice --headless --convert-to pdf``): the clerk's alternative, and the ratio beside it.

``--source DIR`` runs the program of another checkout (e.g. ``/work/main``) to compare before and after
on the same machine in the same minute. The children write their bytecode under a temporary prefix (as an
installed program has its ``.pyc`` files) and use the bundled font (as a PC without Times New Roman).
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

from tests.bench.documents_bench import soffice_times, summary

YEAR = 2020


def child_env(source: Path | None, pycache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env.setdefault("EMULATION_DESK_FONT_DIRS", "")
    if source is not None:
        env["PYTHONPATH"] = str(source)
    return env


def run_command(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    # cwd outside the checkout: "-m" puts the working folder first on the path, before --source
    result = subprocess.run([sys.executable, "-m", "emulation_desk", *args], capture_output=True, text=True,
                            encoding="utf-8", env=env, timeout=600, cwd=tempfile.gettempdir())
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"lệnh {' '.join(args)} lỗi: {result.stderr.strip()}")
    return elapsed


def command_times(args: list[str], env: dict[str, str], runs: int) -> list[float]:
    run_command(args, env)  # warm-up: bytecode written, files in the OS cache
    return [run_command(args, env) for _ in range(runs)]


def commands(db: Path, out: Path) -> list[tuple[str, list[str]]]:
    where = ["--db", str(db)]
    return [
        ("emulation-desk --help", ["--help"]),
        ("stats --year 2020 (biểu ra màn hình)", [*where, "stats", "--year", str(YEAR)]),
        ("export table → PDF", [*where, "export", "table", "--year", str(YEAR), "--out", str(out / "bieu.pdf")]),
        ("export table → XLSX", [*where, "export", "table", "--year", str(YEAR), "--out", str(out / "bieu.xlsx")]),
        ("export report → PDF", [*where, "export", "report", "--year", str(YEAR), "--out", str(out / "bc.pdf")]),
    ]


def demo_database(folder: Path) -> Path:
    from emulation_desk.services.demo import demo_template

    db = folder / "demo.sqlite"
    shutil.copyfile(demo_template(), db)
    return db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Thời gian của cả lệnh (tiến trình mới mỗi lần) và LibreOffice")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path, help="tệp dữ liệu (được sao chép trước); mặc định: dữ liệu mẫu")
    parser.add_argument("--source", type=Path, help="chạy chương trình của thư mục mã nguồn này (so sánh)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-commands-") as name:
        folder = Path(name)
        db = demo_database(folder) if args.db is None else Path(shutil.copyfile(args.db, folder / "db.sqlite"))
        env = child_env(args.source, folder / "pycache")
        print(f"Chương trình: {args.source or 'thư mục này'}; dữ liệu {db.stat().st_size / 1e6:.1f} MB; "
              f"{args.runs} lần mỗi lệnh (sau một lần chạy nóng máy)")
        medians: dict[str, float] = {}
        for label, command in commands(db, folder):
            times = command_times(command, env, args.runs)
            medians[label] = statistics.median(times)
            print(f"{label}: {summary(times)}")
        office = soffice_times(folder / "bieu.xlsx", max(1, min(args.runs, 3)))
    if office is None:
        print("LibreOffice (soffice) chưa được cài trên máy này: không so sánh được.")
        return 0
    cold, warm = office
    lo = statistics.median(warm)
    print(f"LibreOffice chuyển biểu XLSX (của phần mềm) sang PDF: lần đầu {cold:.2f} s, sau đó {summary(warm)}")
    for label in ("export table → PDF", "export report → PDF"):
        print(f"{label} nhanh hơn LibreOffice chuyển biểu: {lo / medians[label]:.1f} lần")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
