"""Commands ``init``, ``stats`` and ``check``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from emulation_desk.cli import EXIT_FAIL, EXIT_OK, add_command, resolve_database, workspace_for
from emulation_desk.core.stats import ALL_COLUMNS, StatTable
from emulation_desk.core.text import format_percent


def register(subparsers: Any) -> None:
    add_command(subparsers, "init", "tạo tệp dữ liệu mới (hoặc nâng cấp tệp cũ) và nạp danh mục khen thưởng",
                cmd_init)
    stats = add_command(subparsers, "stats", "in biểu tổng hợp kết quả khen thưởng của một năm", cmd_stats)
    stats.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm cần thống kê, ví dụ 2020")
    stats.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    check = add_command(subparsers, "check",
                        "kiểm tra tính toàn vẹn của tệp dữ liệu (và số liệu của một năm nếu có --year)", cmd_check)
    check.add_argument("--year", type=int, metavar="NĂM", help="kiểm tra thêm các đẳng thức của biểu năm này")
    check.add_argument("--limit", type=int, default=20, metavar="SỐ",
                       help="số bản ghi in ra cho mỗi lỗi (mặc định 20; 0 = in tất cả)")


def cmd_init(args: argparse.Namespace) -> int:
    path = resolve_database(args)
    with workspace_for(args) as ws:
        catalog = ws.catalog()
        print(f"Tệp dữ liệu: {path}")
        print(f"Danh mục khen thưởng phiên bản {catalog.version}: {len(catalog.forms)} hình thức, "
              f"{len(catalog.regimes)} chế độ, {len(catalog.base_salaries)} mức lương cơ sở.")
    return EXIT_OK


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    return format_percent(value)


def print_table(table: StatTable) -> None:
    widths = {"c3": 6, "c4": 6, "c5": 6, "c6": 6, "c7": 6, "c8": 5, "c9": 5, "c10": 5, "c11": 5, "c12": 5, "c13": 5}
    print(table.title)
    header = f"{'Stt':<6}{'Hình thức khen thưởng':<42}" + "".join(f"({c[1:]})".rjust(w) for c, w in widths.items())
    print(header + "  Ghi chú")
    for group in table.groups:
        print(f"{group.code:<6}{group.title}")
        for row in group.rows:
            label = row.label if row.official else f"{row.label} (dòng bổ sung)"
            cells = "".join(_cell_text(row.value(c)).rjust(w) for c, w in widths.items())
            print(f"{row.no:<6}{label[:41]:<42}{cells}  {row.c14}")
    for number, note in enumerate(table.notes, start=1):
        print(f"Ghi chú {number}: {note}")


def cmd_stats(args: argparse.Namespace) -> int:
    from emulation_desk.services.reporting.statistics import stat_table

    with workspace_for(args, readonly=not args.demo) as ws:
        table = stat_table(ws, args.year)
    if args.json:
        data = table.to_json()
        data["columns"] = list(ALL_COLUMNS)
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print_table(table)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from emulation_desk.services.reporting.statistics import year_problems

    with workspace_for(args, readonly=not args.demo) as ws:
        for notice in ws.store.notices:
            print(f"Lưu ý: {notice}")
        problems = ws.store.integrity_problems(full=True)
        for problem in problems:
            print(f"Lỗi tệp dữ liệu: {problem}")
        failed = bool(problems)
        if args.year:
            for found in year_problems(ws, args.year):
                prefix = "Lỗi số liệu" if found.is_error else "Cảnh báo"
                print(f"{prefix}: {found.violation.message}")
                for line in found.lines(args.limit):
                    print(f"    - {line}")
                failed = failed or found.is_error
    if failed:
        print("Kết quả: CÓ LỖI.")
        return EXIT_FAIL
    print("Kết quả: tệp dữ liệu toàn vẹn" + (f", số liệu năm {args.year} khớp." if args.year else "."))
    return EXIT_OK
