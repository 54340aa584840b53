"""Benchmark of the finder (Ctrl+K, ``emulation-desk find``) at province scale: 200.000 people, 5.000 units.

Run: ``python -m tests.bench.finder_bench [--db FILE]``. Without ``--db`` the province database is generated
(bench/generate.py, about a minute) in a temporary folder. Opening a file made before migration 0009 builds
the index: that time is printed. Then the clerk's queries are typed letter by letter; every keystroke is a
whole ``find`` (index query, the search rule on the candidates, the rows of each kind, the nominations).
Records written straight into the file (the generator's SQL) wait in ``finder_pending``: their indexing is
printed apart, before the typing. Printed: each query's worst and median keystroke in wall-clock and in the process's
CPU time (the one to trust on a loaded machine), by class (every year, a year with nominations, a year with
none), the worst of all (aim < 0,1 s), the re-indexing of one
changed person, and for comparison the plain scan the index replaces (``LIKE`` over the folded names).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

QUERIES = (  # 2025 is the year the generator nominates; 2020 has none (the worst case)
    "tran van", "Trần Văn", "nguyen thi h", "le 1980", "truong thcs", "pham minh duc", "đỗ", "1985",
           "hoang phuong uyen", "van tran", "xa yen", "zz")


def _typed(ws: object, text: str, year: int | None) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of each keystroke of ``text`` typed letter by letter."""
    from emulation_desk.services.records.find import find

    times = []
    for end in range(1, len(text) + 1):
        start, cpu = time.perf_counter(), time.process_time()
        find(ws, text[:end], year=year)  # type: ignore[arg-type]
        times.append((time.perf_counter() - start, time.process_time() - cpu))
    return times


def _ms(values: list[float]) -> str:
    return f"{max(values) * 1000:6.1f} / {statistics.median(values) * 1000:5.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đo tốc độ ô tìm kiếm chung ở quy mô cấp tỉnh")
    parser.add_argument("--db", type=Path, help="cơ sở dữ liệu cấp tỉnh đã tạo trước (bench/generate.py)")
    args = parser.parse_args(argv)
    from emulation_desk.core.text import format_int
    from emulation_desk.services.records.find import refresh_index
    from emulation_desk.services.records.people import add_person, update_person
    from emulation_desk.services.workspace import open_workspace

    path = args.db
    if path is None:
        from tests.bench.generate import SCALES, generate

        path = generate(Path(tempfile.mkdtemp(prefix="finder-bench-")) / "province.db", **SCALES["province"])
    start = time.perf_counter()
    ws = open_workspace(path)
    print(f"mở tệp (kể cả lập chỉ mục nếu tệp chưa có): {time.perf_counter() - start:.2f} s")
    people = ws.store.scalar("SELECT count(*) FROM person")
    print(f"{format_int(people)} cá nhân, {format_int(ws.store.scalar('SELECT count(*) FROM unit'))} tập thể, "
          f"{format_int(ws.store.scalar('SELECT count(*) FROM nomination'))} đề nghị")
    pending = ws.store.scalar("SELECT count(*) FROM finder_pending")
    start = time.perf_counter()
    refresh_index(ws)
    print(f"lập chỉ mục {format_int(pending)} bản ghi ghi thẳng vào tệp (máy tạo dữ liệu, không qua chương trình): "
          f"{time.perf_counter() - start:.2f} s")
    print("  (mỗi dòng: phím chậm nhất / trung vị, ms; thời gian thực và thời gian CPU của tiến trình)")
    worst = worst_cpu = 0.0
    for year in (None, 2025, 2020):
        walls, cpus = [], []
        for text in QUERIES:
            times = _typed(ws, text, year)
            wall, cpu = [t[0] for t in times], [t[1] for t in times]
            walls += wall
            cpus += cpu
            label = f"«{text}»" + (f" --year {year}" if year else "")
            print(f"  {label:<32} thực {_ms(wall)}   CPU {_ms(cpu)}")
        worst, worst_cpu = max(worst, max(walls)), max(worst_cpu, max(cpus))
        label = {None: "mọi năm", 2025: "năm có đề nghị (2025)", 2020: "năm không có đề nghị (2020)"}[year]
        print(f"  — {label}: thực {_ms(walls)}   CPU {_ms(cpus)}")
    print(f"phím chậm nhất (mục tiêu < 100 ms): thực {worst * 1000:.1f} ms, CPU {worst_cpu * 1000:.1f} ms")
    person = add_person(ws, "Người Đo Tốc Độ", birth_year=1999).id
    start = time.perf_counter()
    refresh_index(ws)
    update_person(ws, person, full_name="Người Đo Tốc Độ Hai")
    refresh_index(ws)
    print(f"cập nhật chỉ mục sau khi thêm rồi sửa một người: {(time.perf_counter() - start) * 1000:.1f} ms")
    start = time.perf_counter()
    ws.store.query("SELECT id FROM person WHERE name_key LIKE ? LIMIT 21", ["%tran van%"])
    ws.store.query("SELECT id FROM person WHERE name_key LIKE ? LIMIT 21", ["%zz%"])
    print(f"so sánh: quét LIKE trên tên đã bỏ dấu (không chỉ mục), hai câu hỏi: "
          f"{(time.perf_counter() - start) * 1000:.1f} ms")
    ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
