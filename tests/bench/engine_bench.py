"""Benchmark of the engine: the statistical table, its check, every eligibility verdict of a year, "who
almost qualifies" and the year's bonus totals, on the demo database and on a generated one N times its size.

    python -m tests.bench.engine_bench [--scale 20] [--year 2020] [--repeat 3] [--keep FILE]

The large database is the demo repeated: every unit, person, yearly fact, initiative, discipline, bloc,
decision, recipient and nomination is copied N-1 times with new keys (deterministic: UUID5 of the copy
number and the old key) and decision numbers suffixed with the copy number. Figures are the best of
``--repeat`` runs, in seconds of wall-clock time and of CPU time (the CPU figure is steadier on a busy
machine).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from emulation_desk.core.text import format_int
from emulation_desk.services.awards.bonus import year_bonus_totals
from emulation_desk.services.awards.eligibility import almost, year_eligibility
from emulation_desk.services.demo import demo_template
from emulation_desk.services.reporting.statistics import check_year, stat_table
from emulation_desk.services.workspace import Workspace, open_workspace
from emulation_desk.storage.db import open_store

NAMESPACE = uuid.UUID("6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c")

# Tables copied, in foreign-key order, with the columns that hold keys of copied rows.
COPIED: list[tuple[str, tuple[str, ...]]] = [
    ("unit", ("id", "parent_id", "merged_into_id")),
    ("person", ("id", "unit_id")),
    ("person_year", ("id", "person_id", "unit_id")),
    ("unit_year", ("id", "unit_id")),
    ("household", ("id", "unit_id")),
    ("discipline", ("id", "person_id")),
    ("decision", ("id",)),
    ("decision_recipient", ("id", "decision_id", "person_id", "unit_id", "household_id")),
    ("initiative", ("id", "person_id", "unit_id", "used_by_recipient_id")),
    ("nomination", ("id", "person_id", "unit_id", "household_id", "proposing_unit_id", "initiative_id",
                    "decision_id")),
    ("bloc", ("id", "head_unit_id", "deputy_unit_id")),
    ("bloc_member", ("id", "bloc_id", "unit_id")),
    ("bloc_criterion", ("id", "bloc_id")),
    ("bloc_score", ("id", "criterion_id", "unit_id")),
]


def _new_key(copy: int, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{copy}:{key}"))


def build_scaled(target: Path, scale: int) -> Path:
    """A database ``scale`` times the demo at ``target`` (which must not exist)."""
    shutil.copyfile(demo_template(), target)
    store = open_store(target, actor="bench")
    try:
        conn = store.conn
        # A throwaway file whose rows are consistent by construction: skip the per-row key checks and fsyncs.
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        with store.transaction():
            for table, keys in COPIED:
                cursor = conn.execute(f"SELECT * FROM [{table}]")
                columns = [c[0] for c in cursor.description]
                rows = cursor.fetchall()
                positions = [columns.index(k) for k in keys]
                marks = ", ".join("?" for _ in columns)
                sql = f"INSERT INTO [{table}] ({', '.join(columns)}) VALUES ({marks})"
                for copy in range(1, scale):
                    conn.executemany(sql, (_copy_row(table, columns, row, positions, copy) for row in rows))
        conn.execute("ANALYZE")
    finally:
        store.close()
    return target


def _copy_row(table: str, columns: list[str], row: tuple[Any, ...], positions: list[int], copy: int) -> list[Any]:
    values = list(row)
    for i in positions:
        if values[i] is not None:
            values[i] = _new_key(copy, values[i])
    if table == "decision":
        values[columns.index("number")] = f"{values[columns.index('number')]}-{copy}"
    elif table == "bloc":
        values[columns.index("name")] = f"{values[columns.index('name')]} ({copy + 1})"
    return values


def _best(run: Callable[[], Any], repeat: int) -> tuple[tuple[float, float], Any]:
    """(best wall-clock seconds, best CPU seconds) over ``repeat`` runs, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return (min(walls), min(cpus)), result


TASKS: list[tuple[str, Callable[[Workspace, int], Any]]] = [
    ("Biểu tổng hợp (tính biểu)", stat_table),
    ("Kiểm tra biểu (check --year)", check_year),
    ("Xét điều kiện mọi đề nghị của năm", year_eligibility),
    ("Những người còn thiếu một năm", almost),
    ("Tổng tiền thưởng của năm", year_bonus_totals),
]


def measure(ws: Workspace, year: int, repeat: int) -> tuple[dict[str, tuple[float, float]], int]:
    figures: dict[str, tuple[float, float]] = {}
    verdicts = 0
    for label, task in TASKS:
        figures[label], result = _best(lambda task=task: task(ws, year), repeat)
        if task is year_eligibility:
            verdicts = len(result.verdicts)
    return figures, verdicts


def _sizes(ws: Workspace, year: int) -> str:
    q = ws.store.scalar
    return (f"{format_int(q('SELECT count(*) FROM person'))} cá nhân, {format_int(q('SELECT count(*) FROM unit'))} "
            f"đơn vị, {format_int(q('SELECT count(*) FROM decision_recipient'))} dòng quyết định, "
            f"{format_int(q('SELECT count(*) FROM nomination WHERE year = ?', [year]))} đề nghị năm {year}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.engine_bench",
                                     description="Đo thời gian tính biểu, kiểm tra và xét điều kiện.")
    parser.add_argument("--scale", type=int, default=20, help="số lần dữ liệu mẫu (mặc định 20)")
    parser.add_argument("--year", type=int, default=2020)
    parser.add_argument("--repeat", type=int, default=3, help="số lần đo, lấy lần nhanh nhất")
    parser.add_argument("--keep", type=Path, help="giữ (hoặc dùng lại) tệp dữ liệu lớn tại đây")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="engine-bench-"))
    try:
        demo = folder / "demo.sqlite"
        shutil.copyfile(demo_template(), demo)
        big = args.keep or folder / f"x{args.scale}.sqlite"
        if not big.exists():
            start = time.perf_counter()
            build_scaled(big, args.scale)
            size = big.stat().st_size / 2**20
            print(f"Tạo dữ liệu ×{args.scale}: {time.perf_counter() - start:.1f} s ({size:.0f} MB)")
        results, counts = {}, {}
        for label, path in (("mẫu", demo), (f"×{args.scale}", big)):
            ws = open_workspace(path)
            try:
                print(f"Dữ liệu {label}: {_sizes(ws, args.year)}")
                results[label], counts[label] = measure(ws, args.year, args.repeat)
            finally:
                ws.close()
        labels = list(results)
        print(f"\nThời gian (giây; lần nhanh nhất trong {args.repeat} lần; thực / CPU)")
        print(f"{'Việc':<40}" + "".join(f"{'dữ liệu ' + x:>22}" for x in labels))
        for task, _ in TASKS:
            cells = "".join(f"{results[x][task][0]:>12.3f} / {results[x][task][1]:<7.3f}" for x in labels)
            print(f"{task:<40}{cells}")
        per = [results[x]["Xét điều kiện mọi đề nghị của năm"][1] / counts[x] * 1000 for x in labels]
        print(f"{'Xét điều kiện: mili giây CPU mỗi đề nghị':<40}" + "".join(f"{p:>22.3f}" for p in per))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
