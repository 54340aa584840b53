"""Benchmark: dry-run and import of a 10.000-row nomination list into a copy of the demo database.

    python -m tests.bench.import_bench [--rows 10000] [--repeat 3] [--formats xlsx,xlsx-inline,xls,docx,paste]

The list is saved in every format units send: as Excel writes an .xlsx (a shared-string table), as openpyxl
writes it (inline strings), as an Excel 97-2003 .xls (xlwt), as a Word .docx table (python-docx) and as the
text Excel puts on the clipboard (paste). For each, prints the time of each step — read and check the file, match
against the records, write in one transaction (rolled back for the dry run) — as the best of ``--repeat``
runs (the median too: shared machines are noisy), and the peak memory: Python allocations (tracemalloc, in
a separate run because tracing slows Python down) and the process's peak resident size (ru_maxrss).
Aim: under 3 s and 300 MB for 10.000 rows (.xlsx and .xls); the .docx figures are reported as they are.
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook

FORMS = ("Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Giấy khen")
# From 2025 (Decree 152/2025) a bare "Giấy khen" names several forms: the province's list names the Bằng khen.
PROVINCE_FORMS = ("Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Bằng khen của Chủ tịch UBND tỉnh")
POSITIONS = ("Chuyên viên", "Giáo viên", "Kế toán", "Nhân viên", "Phó Trưởng phòng")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý")
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh", "Thanh", "Xuân", "Thu", "Quốc")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hương", "Khánh", "Loan", "Mai", "Nga", "Phúc", "Quyên",
         "Sơn", "Tâm", "Uyên", "Vân", "Yến", "Ánh", "Hải", "Hùng", "Lan", "Linh", "Nam", "Thảo", "Trang")


def build_list(path: Path, demo: Path, rows: int, seed: int = 2021, forms: tuple[str, ...] = FORMS,
               year: int = 2021) -> Path:
    """A unit-style list: title block, header, ``rows`` people (40 % existing in the database ``demo``), totals,
    signature."""
    from emulation_desk.storage.db import open_store

    rng = random.Random(seed)
    store = open_store(demo, readonly=True)
    people = store.query("SELECT p.full_name, p.birth_year, u.name AS unit FROM person p JOIN unit u "
                         "ON u.id = p.unit_id WHERE p.birth_year IS NOT NULL")
    units = [r["name"] for r in store.query("SELECT name FROM unit WHERE kind <> 'thon_to_dan_pho'")]
    store.close()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Danh sách")
    ws.append(["UBND THÀNH PHỐ NAM ĐỊNH"])
    ws.append([f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM {year}"])
    ws.append([])
    ws.append(["STT", "Họ và tên", "Năm sinh", "Giới tính", "Chức vụ", "Đơn vị công tác", "Hình thức khen thưởng",
               "Loại khen thưởng", "Tóm tắt thành tích"])
    used: set[tuple[str, int, str]] = set()
    existing = rng.sample(people, min(len(people), int(rows * 0.4)))
    for index in range(rows):
        if index < len(existing):
            person = existing[index]
            name, born, unit = person["full_name"], person["birth_year"], person["unit"]
        else:
            while True:
                name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)} {rng.choice(GIVEN)}"
                born, unit = rng.randint(1960, 2000), rng.choice(units)
                if (name, born, unit) not in used:
                    break
        used.add((name, born, unit))
        ws.append([index + 1, name, born, rng.choice(("Nam", "Nữ")), rng.choice(POSITIONS), unit, rng.choice(forms),
                   "Công trạng", f"Hoàn thành xuất sắc nhiệm vụ năm {year}"])
    ws.append([None, f"Tổng cộng: {rows} người"])
    ws.append([])
    ws.append([None, None, None, None, None, f"Nam Định, ngày 10 tháng 12 năm {year}"])
    wb.save(path)
    return path


_INLINE = re.compile(r'<c r="([A-Z]+[0-9]+)"( s="[0-9]+")? t="inlineStr"><is><t>(.*?)</t></is></c>', re.S)
_SHARED_TYPE = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.spreadsheetml.sharedStrings+xml"/>')
_SHARED_REL = ('<Relationship Id="rIdShared" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
               'officeDocument/2006/relationships/sharedStrings"/>')


def as_excel_saves_it(source: Path, target: Path) -> Path:
    """The same workbook with a shared-string table instead of inline strings, as Excel writes it."""
    strings: dict[str, int] = {}

    def shared(match: re.Match[str]) -> str:
        index = strings.setdefault(match.group(3), len(strings))
        return f'<c r="{match.group(1)}"{match.group(2) or ""} t="s"><v>{index}</v></c>'

    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = _INLINE.sub(shared, data.decode()).encode()
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", _SHARED_TYPE.encode() + b"</Types>")
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", _SHARED_REL.encode() + b"</Relationships>")
            dst.writestr(info.filename, data)
        table = "".join(f"<si><t xml:space=\"preserve\">{text}</t></si>" for text in strings)  # already escaped
        dst.writestr("xl/sharedStrings.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                     f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" '
                     f'uniqueCount="{len(strings)}">{table}</sst>')
    return target


def list_rows(path: Path) -> list[list[Any]]:
    """The rows of a built .xlsx list, to write the same list in the other formats."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    rows = [list(r) for r in wb.active.iter_rows(values_only=True)]
    wb.close()
    return rows


def as_xls(rows: list[list[Any]], target: Path) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Danh sách")
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                sheet.write(r, c, value)
    book.save(str(target))
    return target


def as_docx(rows: list[list[Any]], target: Path) -> Path:
    """Title and footer lines as paragraphs, the header and people as one Word table."""
    import docx

    document = docx.Document()
    header = next(i for i, r in enumerate(rows) if r and r[0] == "STT")
    body = [r for r in rows[header:] if r and isinstance(r[0], int | str) and r[0] != ""]
    for values in rows[:header]:
        if values and values[0]:
            document.add_paragraph(str(values[0]))
    width = len(rows[header])
    table = document.add_table(rows=len(body), cols=width)
    for row, values in zip(table.rows, body, strict=True):
        for cell, value in zip(row.cells, values, strict=False):
            if value is not None:
                cell.text = str(value)
    for values in rows[header + len(body):]:
        text = " ".join(str(v) for v in values if v is not None)
        if text:
            document.add_paragraph(text)
    document.save(str(target))
    return target


def as_paste(rows: list[list[Any]]) -> str:
    return "\r\n".join("\t".join("" if v is None else str(v) for v in r) for r in rows)


def _steps(demo: Path, listed: Path | str, dry_run: bool, year: int = 2021) -> dict[str, float]:
    from emulation_desk.services.workspace import open_workspace

    ws = open_workspace(demo)
    try:
        return _timed_import(ws, listed, dry_run, year)
    finally:
        ws.close()


def _timed_import(ws: Any, listed: Path | str, dry_run: bool, year: int) -> dict[str, float]:
    """Read, match and write one list into an open workspace, timing each step; SystemExit on refusal."""
    from emulation_desk.services.awards import imports

    times: dict[str, float] = {}
    start, cpu = time.perf_counter(), time.process_time()
    source = imports.read_pasted(listed) if isinstance(listed, str) else imports.read_source(listed)
    times["read"] = time.perf_counter() - start
    mark = time.perf_counter()
    preview = imports.preview_nominations(ws, source, year=year)
    times["preview"] = time.perf_counter() - mark
    if preview.problems:
        raise SystemExit("\n".join(p.line() for p in preview.problems[:20]))
    mark = time.perf_counter()
    result = imports.commit_import(ws, preview, dry_run=dry_run)
    times["write"] = time.perf_counter() - mark
    times["total"] = time.perf_counter() - start
    times["cpu"] = time.process_time() - cpu  # steadier than the wall clock on a shared machine
    times["nominations"] = result.counts["nominations"]
    times["matched"] = len(preview.matches)
    return times


def measure_import(database: Path, folder: Path, *, year: int, rows: int = 10_000) -> list[tuple[str, str]]:
    """The province benchmark's import step: a ``rows``-line list made from ``database``'s own people and
    units (forms that resolve in ``year``), imported as a dry run, then for real, into ``database`` — a copy
    the caller owns. Returns (label, figure) lines; a refusal is reported, not raised."""
    from emulation_desk.errors import KnownError
    from emulation_desk.services.workspace import open_workspace

    forms = PROVINCE_FORMS if year >= 2025 else FORMS  # a bare "Giấy khen" is ambiguous from 2025
    listed = build_list(folder / "danh-sach.xlsx", database, rows, forms=forms, year=year)
    lines: list[tuple[str, str]] = []
    ws = open_workspace(database)
    try:
        for dry_run in (True, False):
            label = f"nhập danh sách {rows:,} dòng ({'chạy thử' if dry_run else 'ghi thật'})".replace(",", ".")
            try:
                t = _timed_import(ws, listed, dry_run, year)
            except (SystemExit, KnownError) as refused:  # refused: nothing written
                lines.append((label, f"từ chối: {str(refused)[:80]}"))
                break
            lines.append((label, f"{t['total']:.2f} s, CPU {t['cpu']:.2f} s (đọc tệp {t['read']:.2f} s, đối chiếu "
                                 f"{t['preview']:.2f} s, ghi {t['write']:.2f} s; {int(t['matched'])} người đã có)"))
    finally:
        ws.close()
    return lines


def _peak_mb(run: Callable[[], Any]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 1024 / 1024
    finally:
        tracemalloc.stop()


def _report(label: str, runs: list[dict[str, float]], peak: float, dry_run: bool) -> None:
    best = min(runs, key=lambda t: t["total"])
    median = statistics.median(t["total"] for t in runs)
    cpu = statistics.median(t["cpu"] for t in runs)
    print(f"  {label:8}: best {best['total']:.2f} s, median {median:.2f} s, median CPU {cpu:.2f} s (best run: read+check file "
          f"{best['read']:.2f} s, match {best['preview']:.2f} s, write{' + rollback' if dry_run else ''} "
          f"{best['write']:.2f} s); {int(best['nominations'])} nominations, {int(best['matched'])} matched; "
          f"peak Python memory {peak:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", type=Path, help="measure the import step on a copy of this database instead "
                        "(e.g. a province database from bench/generate.py); the file itself is never written")
    parser.add_argument("--year", type=int, default=2026, help="year of the list imported with --db")
    parser.add_argument("--formats", default="xlsx,xlsx-inline,xls,docx,paste",
                        help="comma-separated: xlsx (as Excel saves it), xlsx-inline (as openpyxl saves it), xls, "
                             "docx, paste")
    args = parser.parse_args(argv)
    if args.db is not None:
        return _measure_database(args.db, args.year, args.rows, args.repeat)
    from emulation_desk.services.demo import demo_copy, demo_template

    folder = Path(tempfile.mkdtemp(prefix="import-bench-"))
    started = time.perf_counter()
    inline = build_list(folder / "danh_sach_openpyxl.xlsx", demo_copy(), args.rows)
    shared = as_excel_saves_it(inline, folder / "danh_sach_excel.xlsx")
    rows = list_rows(inline)
    wanted = args.formats.split(",")
    lists: dict[str, tuple[str, Path | str]] = {
        "xlsx": ("as Excel saves it (.xlsx, shared strings)", shared),
        "xlsx-inline": ("as openpyxl saves it (.xlsx, inline strings)", inline)}
    if "xls" in wanted:
        lists["xls"] = ("Excel 97-2003 (.xls)", as_xls(rows, folder / "danh_sach.xls"))
    if "docx" in wanted:
        lists["docx"] = ("Word table (.docx)", as_docx(rows, folder / "danh_sach.docx"))
    if "paste" in wanted:
        lists["paste"] = ("pasted from Excel (tab-separated text)", as_paste(rows))
    sizes = ", ".join(f"{k} {v.stat().st_size // 1024} KB" for k, (_n, v) in lists.items() if isinstance(v, Path))
    print(f"List of {args.rows} rows built in {time.perf_counter() - started:.1f} s ({sizes}); into copies of the "
          f"demo database ({demo_template().stat().st_size / 1e6:.1f} MB)")
    for key in wanted:
        name, listed = lists[key]
        print(name)
        for label, dry_run in (("dry run", True), ("import", False)):
            runs = [_steps(demo_copy(), listed, dry_run) for _ in range(max(args.repeat, 1))]
            peak = _peak_mb(lambda dry=dry_run, path=listed: _steps(demo_copy(), path, dry))
            _report(label, runs, peak, dry_run)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 1024 * 1024)
    print(f"peak resident size of the whole benchmark process: {rss:.0f} MB")
    return 0


def _measure_database(database: Path, year: int, rows: int, repeat: int) -> int:
    import shutil

    print(f"into copies of {database} ({database.stat().st_size / 1e6:.0f} MB)")
    for run in range(max(repeat, 1)):
        with tempfile.TemporaryDirectory(dir=database.parent) as folder:
            copy = Path(folder) / "copy.sqlite"
            shutil.copyfile(database, copy)
            for label, figure in measure_import(copy, Path(folder), year=year, rows=rows):
                print(f"run {run + 1}: {label}: {figure}", flush=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident size of the process: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
