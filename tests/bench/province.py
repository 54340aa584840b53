"""Benchmark at province scale: 5.000 units, 200.000 people, 1.000.000 awards over 10 years, and the demo.

Run: ``python -m tests.bench.province [--db FILE] [--keep FILE] [--skip-gui]``. The province database
is generated deterministically (bench/generate.py, about 3 minutes) unless ``--db`` names one built before.
For each database it prints: cold start to a painted window (a new process), opening each tab and typing in
the filter (bench/gui_bench.py), the year's statistical table, all eligibility checks of a year, the report
PDF, a 2.000-recipient decision PDF, the day's backup while saving (bench/backup_bench.py), a 10.000-row import (dry run and real, into a copy), and peak memory.
Aims on a 2-core machine: start < 1 s, tab < 0,5 s, keystroke < 0,1 s, table < 0,5 s, report < 1 s, < 400 MB.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _timed(run: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = run()
        best = min(best, time.perf_counter() - start)
    return best, value


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _ensure_report(ws: Any, year: int) -> None:
    from emulation_desk.services.demo import REPORT_SECTIONS, _format_sections
    from emulation_desk.services.reporting.reports import create_report

    if ws.store.scalar("SELECT count(*) FROM report WHERE year = ?", [year]):
        return
    if ws.organisation() is None:  # databases generated before the generator wrote one
        from emulation_desk.services.records.org import save_organisation

        save_organisation(ws, parent_body="ỦY BAN NHÂN DÂN TỈNH", issuing_body="SỞ NỘI VỤ",
                          body_short="Sở Nội vụ", level="tinh", place_name="Ninh Bình")
    create_report(ws, year=year, title=f"Tổng kết công tác thi đua, khen thưởng năm {year}", number="1",
                  symbol="BC-UBND", signed_on=f"{year}-12-15", place_name="Tỉnh", signer_name="Người ký",
                  signer_position="PHÓ CHỦ TỊCH", signing_lines=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
                  recipients=["Như trên;", "Lưu: VT."], sections=_format_sections(REPORT_SECTIONS, year))


def measure_database(label: str, path: Path, year: int, *, gui: bool) -> list[tuple[str, str]]:
    from emulation_desk.documents.decision import decision_pdf
    from emulation_desk.documents.report import report_pdf
    from emulation_desk.services.awards.eligibility import year_eligibility
    from emulation_desk.services.reporting.documents_data import decision_for_print, report_for_print
    from emulation_desk.services.reporting.statistics import stat_table
    from emulation_desk.services.workspace import open_workspace
    from tests.bench.backup_bench import measure_backups
    from tests.bench.import_bench import measure_import
    from tests.bench.startup import run_real

    rows: list[tuple[str, str]] = [("tệp dữ liệu", f"{path.stat().st_size / 1e6:.0f} MB")]
    print(f"\n== {label}: {path} ({rows[0][1]}), năm {year}", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "copy.sqlite"
        shutil.copyfile(path, copy)
        first = run_real(copy)  # the first start of the day: the automatic backup runs behind the window
        starts = [run_real(copy) for _ in range(3)]
        rows.append(("khởi động đến khi vẽ cửa sổ (chương trình thật, tiến trình mới)",
                     f"{statistics.median(s['painted'] for s in starts):.2f} s"))
        rows.append(("khởi động đến khi tab đầu có dữ liệu", f"{statistics.median(s['data'] for s in starts):.2f} s"))
        if "routine" in first:
            rows.append(("sao lưu tự động đầu ngày (chạy nền sau khi hiện cửa sổ)", f"{first['routine']:.1f} s"))
        for name, value in rows[1:]:
            print(f"  {name}: {value}", flush=True)
        printed = len(rows)
        if gui:  # before this process opens the file (one writer at a time)
            from tests.bench.gui_bench import list_with_verdicts

            shown = list_with_verdicts(copy, year)
            rows.append(("danh sách đề nghị của năm hiện ra / đủ kết quả xét điều kiện (cửa sổ, tiến trình mới)",
                         f"{shown['rows']:.1f} / {shown['verdicts']:.1f} s"))
            rows.append(("bộ nhớ cao nhất của cửa sổ có danh sách và kết quả xét điều kiện",
                         f"{shown['peak_mb']:.0f} MB"))
        ws = open_workspace(copy)
        try:
            if gui:
                from tests.bench.gui_bench import measure

                results = measure(ws)
                tabs = [t for name, t in results if name.startswith(("mở tab", "mở cửa sổ"))]
                keys = [t for name, t in results if name.startswith("gõ lọc")]
                rows.append(("mở tab chậm nhất", f"{max(tabs) * 1000:.0f} ms"))
                rows.append(("gõ một phím trong ô lọc (chậm nhất / trung vị)",
                             f"{max(keys) * 1000:.0f} / {statistics.median(keys) * 1000:.0f} ms"))
            elapsed, _ = _timed(lambda: stat_table(ws, year))
            rows.append(("biểu tổng hợp của năm", f"{elapsed:.2f} s"))
            cpu = time.process_time()
            elapsed, result = _timed(lambda: year_eligibility(ws, year), repeat=1)
            cpu = time.process_time() - cpu  # CPU time: steadier than the wall clock on a shared machine
            rows.append(("xét điều kiện mọi đề nghị của năm (không có cửa sổ)",
                         f"{elapsed:.2f} s, CPU {cpu:.2f} s ({len(result.verdicts):,} đề nghị; ".replace(",", ".")
                         + ", ".join(f"{k} {v:,}".replace(",", ".") for k, v in result.counts.items() if v) + ")"))
            _ensure_report(ws, year)
            elapsed, _ = _timed(lambda: report_pdf(report_for_print(ws, year)))
            rows.append(("báo cáo tổng kết kèm biểu (PDF)", f"{elapsed:.2f} s"))
            number = ws.store.scalar(
                "SELECT d.number FROM decision d WHERE d.year = ? AND d.is_own = 1 AND (SELECT count(*) FROM "
                "decision_recipient r WHERE r.decision_id = d.id) >= 2000 LIMIT 1", [year])
            if number:
                elapsed, _ = _timed(lambda: decision_pdf(decision_for_print(ws, number, year)), repeat=1)
                rows.append(("quyết định 2.000 người kèm danh sách (PDF)", f"{elapsed:.2f} s"))
        finally:
            ws.close()
        rows.extend(measure_backups(path, Path(folder)))  # the day's backup while the clerk saves
        rows.extend(measure_import(copy, Path(folder), year=year + 1))  # people and units of this database
    rows.append(("bộ nhớ cao nhất của tiến trình đo (mọi phép đo trên, nối tiếp nhau)", f"{_peak_mb():.0f} MB"))
    for name, value in rows[printed:]:
        print(f"  {name}: {value}", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đo tốc độ ở quy mô cấp tỉnh")
    parser.add_argument("--db", type=Path, help="cơ sở dữ liệu cấp tỉnh đã tạo trước (bỏ qua bước tạo)")
    parser.add_argument("--keep", type=Path, help="giữ cơ sở dữ liệu cấp tỉnh vừa tạo tại đây")
    parser.add_argument("--skip-gui", action="store_true", help="không đo các tab của cửa sổ")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("EMULATION_DESK_DATA_DIR", tempfile.mkdtemp(prefix="emulation-desk-bench-"))
    from emulation_desk.services.demo import demo_template
    from tests.bench.generate import SCALES, generate

    demo = demo_template()
    province = args.db
    if province is None:
        province = args.keep or Path(tempfile.mkdtemp(prefix="emulation-desk-province-")) / "tinh.sqlite"
        start = time.perf_counter()
        generate(province, **SCALES["province"])
        print(f"Tạo dữ liệu cấp tỉnh trong {time.perf_counter() - start:.0f} s", flush=True)
    results = {"Dữ liệu mẫu (thành phố, 2020)": measure_database("Dữ liệu mẫu", demo, 2020, gui=not args.skip_gui),
               "Cấp tỉnh (5.000 đơn vị, 200.000 người, 1.000.000 khen thưởng)":
                   measure_database("Cấp tỉnh", province, 2025, gui=not args.skip_gui)}
    print("\n| phép đo | " + " | ".join(results) + " |")
    print("|---|" + "---|" * len(results))
    names = [name for name, _ in next(iter(results.values()))]
    for name in names:
        values = [dict(rows).get(name, "—") for rows in results.values()]
        print(f"| {name} | " + " | ".join(values) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
