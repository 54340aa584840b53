"""Benchmark: a nomination list that carries facts (Xếp loại, Sáng kiến) into Hồ sơ.

    python -m tests.bench.facts_import_bench [--rows 10000]

Builds a one-sheet list (every row rated, one row in five with an initiative) and imports it twice into a new
office file: first naming people the import creates, then (next year) the same people, whose records the preview
reads to list what differs. Prints the preview and the write time of each (the write includes the nominations,
the facts through the Hồ sơ services with their audit rows, and the import's backup)."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from emulation_desk.services.awards import imports
from emulation_desk.services.records.units import add_unit
from emulation_desk.services.workspace import open_workspace

UNIT = "Phòng Nội vụ"


def build_list(path: Path, rows: int) -> Path:
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Cá nhân"
    sheet.append(["STT", "Họ và tên", "Năm sinh", "Chức vụ", "Đơn vị công tác", "Hình thức khen thưởng", "Xếp loại",
                  "Sáng kiến"])
    for i in range(rows):
        sheet.append([i + 1, f"Nguyễn Văn Thử {i:05d}", 1970 + i % 30, "Chuyên viên", UNIT, "Lao động tiên tiến",
                      "Hoàn thành tốt nhiệm vụ", f"Sáng kiến số {i}" if i % 5 == 0 else ""])
    wb.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        ws = open_workspace(Path(folder) / "office.sqlite")
        add_unit(ws, UNIT, "phong_chuyen_mon")
        source = imports.read_source(build_list(Path(folder) / "facts.xlsx", args.rows))
        for year, who in ((2024, "new people"), (2025, "the same people")):
            start = time.perf_counter()
            preview = imports.preview_nominations(ws, source, year=year, unit_name=UNIT)
            planned = time.perf_counter()
            result = imports.commit_import(ws, preview)
            written = time.perf_counter()
            print(f"{args.rows} rows, {who}: preview {planned - start:.2f} s, write {written - planned:.2f} s "
                  f"({result.counts.get('facts', 0)} lines with facts)")
        ws.close()


if __name__ == "__main__":
    main()
