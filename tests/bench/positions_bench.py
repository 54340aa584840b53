"""Benchmark of the manager split by the position held in the award's year: the year's statistical table
(counted in SQLite, and traced line by line) on a generated database, without a position history and with
two positions per person (one undated, one from the year before).

    python -m tests.bench.positions_bench [--db FILE] [--scale city20] [--repeat 3]

Without ``--db`` the database is generated (tests/bench/generate.py, about a minute for city20: 57.000 lines
in the newest year). Figures are the best of ``--repeat`` runs, wall-clock and CPU seconds.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from emulation_desk.services.reporting.statistics import stat_table, traced_table
from emulation_desk.services.workspace import Workspace, open_workspace

POSITIONS_SQL = """INSERT INTO person_position (id, person_id, from_year, position, is_manager, manager_source,
    created_at, updated_at, created_by, updated_by)
SELECT lower(hex(randomblob(18))), id, {year}, {text}, {flag}, 'clerk', 'bench', 'bench', 'bench', 'bench'
FROM person"""


def _best(run: Callable[[], Any], repeat: int) -> tuple[float, float]:
    wall, cpu = float("inf"), float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall, cpu = min(wall, time.perf_counter() - start), min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def _measure(ws: Workspace, year: int, repeat: int, label: str) -> None:
    for name, run in (("biểu (đếm trong SQLite)", lambda: stat_table(ws, year)),
                      ("biểu truy vết từng dòng", lambda: traced_table(ws, year))):
        wall, cpu = _best(run, repeat)
        print(f"  {label:<32} {name:<26} {wall:6.3f} s  (CPU {cpu:6.3f} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a database generated before (copied, never changed)")
    parser.add_argument("--scale", default="city20", help="scale of tests/bench/generate.py (default city20)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        if args.db:
            shutil.copyfile(args.db, path)
        else:
            from tests.bench.generate import main as generate

            generate([str(path), "--scale", args.scale])
        ws = open_workspace(path)
        try:
            year = max(ws.years())
            lines = ws.store.scalar("SELECT count(*) FROM decision_recipient r JOIN decision d ON d.id = "
                                    "r.decision_id WHERE d.year = ?", [year])
            print(f"Năm {year}: {lines} dòng khen thưởng, {ws.store.scalar('SELECT count(*) FROM person')} người")
            _measure(ws, year, args.repeat, "không có chức vụ theo năm")
            with ws.store.transaction():
                ws.store.conn.execute(POSITIONS_SQL.format(year="NULL", text="'Chuyên viên'", flag=0))
                ws.store.conn.execute(POSITIONS_SQL.format(year=year - 1, text="'Trưởng phòng'", flag=1))
            _measure(ws, year, args.repeat, "hai chức vụ mỗi người")
        finally:
            ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
