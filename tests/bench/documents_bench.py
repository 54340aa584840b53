"""Benchmark: building the official documents as PDF, and what LibreOffice takes for the same table.

Run: ``python -m tests.bench.documents_bench [--runs 5]``. Times, on copies of the demo database:
the year-end report with its statistical table (data from the records + layout), the table alone, and an
award decision with 2.000 recipients built through the services. Beside them, if ``soffice`` is
installed, the time ``soffice --headless --convert-to pdf`` takes for the same table as XLSX — the
clerk's alternative. The XLSX comes from the spreadsheet exporter registered for ".xlsx" in
``cli/export.py`` when there is one; otherwise a small stand-in workbook is written here with openpyxl
(said in the output).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BIG_NUMBER = "9000"


def timed(action: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return times, result


def summary(times: list[float]) -> str:
    return (f"trung vị {statistics.median(times):.3f} s (nhanh nhất {min(times):.3f} s, chậm nhất {max(times):.3f} s, "
            f"{len(times)} lần)")


def add_big_decision(ws: Any, count: int) -> None:
    """An own LĐTT decision of ``count`` individuals, through the services (as the clerk would build it)."""
    from emulation_desk.services.awards.decisions import add_recipients, create_decision, issue_decision

    signer = ws.store.query("SELECT * FROM signatory WHERE is_head = 0 ORDER BY sort_order LIMIT 1")[0]
    people = ws.store.query("SELECT id FROM person WHERE unit_id IS NOT NULL AND deceased = 0 "
                            "ORDER BY unit_id, full_name LIMIT ?", [count])
    decision_id = create_decision(
        ws, number=BIG_NUMBER, symbol="QĐ-UBND", signed_on="2020-12-20", issuer_level="don_vi",
        issuer_name="Chủ tịch UBND thành phố Nam Định", kind="cong_trang", form_code="LDTT",
        title="Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2020", signer_id=signer["id"],
        signer_name=signer["full_name"], signer_position=signer["position"],
        proposal_ref="Xét đề nghị của Trưởng phòng Nội vụ").id
    add_recipients(ws, decision_id, [{"subject": "ca_nhan", "person_id": p["id"]} for p in people])
    issue_decision(ws, decision_id)


def stand_in_xlsx(table: Any, path: Path) -> None:
    """A one-sheet workbook of the table (merged two-level header, 14 columns), for the timing only."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    from emulation_desk.core.stats import ALL_COLUMNS
    from emulation_desk.documents.stat_table import (
        COLUMN_NUMBERS,
        MANAGERS,
        MERIT,
        THEMATIC,
        TOTAL_YEAR,
        WORKERS,
        cell_text,
    )

    book = Workbook()
    sheet = book.active
    sheet.append([table.title])
    sheet.append(["Stt", "Hình thức khen thưởng", TOTAL_YEAR, "", "", MERIT, "", "", "", THEMATIC, "", "", "", "Ghi chú"])
    sheet.append(["", "", "Tổng số", "Trong đó cá nhân", "", "Tổng số", "Tỷ lệ %", MANAGERS, WORKERS, "Tổng số",
                  "Tỷ lệ %", MANAGERS, WORKERS, ""])
    sheet.append(["", "", "", "Số lượng", "Tỷ lệ %"] + [""] * 9)
    sheet.append(list(COLUMN_NUMBERS))
    for ref in ("A1:N1", "C2:E2", "F2:I2", "J2:M2", "D3:E3", "A2:A4", "B2:B4", "N2:N4"):
        sheet.merge_cells(ref)
    for group in table.groups:
        sheet.append([group.code, group.title])
        for row in group.rows:
            sheet.append([row.no, row.label, *[cell_text(row.value(c)) for c in ALL_COLUMNS]])
    for line in sheet.iter_rows(min_row=2, max_row=4):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for index in range(3, 6):
        sheet.row_dimensions[index].height = 90
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    book.save(path)


def table_xlsx(ws: Any, year: int, path: Path) -> str:
    """Write the table as XLSX; return where it came from."""
    from emulation_desk.cli.export import TABLE_EXPORTERS

    exporter = TABLE_EXPORTERS.get(".xlsx")
    if exporter is not None:
        exporter(ws, year, path)
        return "tệp XLSX do chức năng xuất bảng tính của phần mềm tạo"
    from emulation_desk.services.reporting.statistics import stat_table

    stand_in_xlsx(stat_table(ws, year), path)
    return ("chưa có chức năng xuất bảng tính (.xlsx) trong phần mềm: dùng một tệp XLSX tạm viết bằng openpyxl "
            "trong benchmark này, chỉ để đo thời gian")


def soffice_times(xlsx: Path, runs: int) -> tuple[float, list[float]] | None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        profile = Path(folder) / "profile"
        command = [office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                   "--outdir", folder, str(xlsx)]

        def convert() -> None:
            result = subprocess.run(command, capture_output=True, text=True, timeout=300)
            if result.returncode != 0 or not (Path(folder) / f"{xlsx.stem}.pdf").exists():
                raise RuntimeError(f"LibreOffice không chuyển được tệp: {result.stderr.strip()}")

        cold, _ = timed(convert, 1)  # the first start also creates LibreOffice's profile
        warm, _ = timed(convert, runs)
    return cold[0], warm


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Thời gian tạo văn bản PDF (báo cáo, biểu, quyết định)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--recipients", type=int, default=2000)
    args = parser.parse_args(argv)
    os.environ.setdefault("EMULATION_DESK_FONT_DIRS", "")  # the bundled font, as on a PC without TNR

    from emulation_desk.documents import page_count
    from emulation_desk.documents.decision import decision_pdf
    from emulation_desk.documents.fonts import document_fonts
    from emulation_desk.documents.report import report_pdf, table_pdf
    from emulation_desk.services.demo import demo_template
    from emulation_desk.services.reporting.documents_data import (
        decision_for_print,
        report_for_print,
        table_for_print,
    )
    from emulation_desk.services.workspace import open_workspace

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.sqlite"
        shutil.copyfile(demo_template(), db)
        ws = open_workspace(db)
        try:
            start = time.perf_counter()
            fonts = document_fonts()
            font_time = time.perf_counter() - start
            report_times, report = timed(lambda: report_pdf(report_for_print(ws, 2020)), args.runs)
            table_times, table = timed(lambda: table_pdf(*table_for_print(ws, 2020)), args.runs)
            start = time.perf_counter()
            add_big_decision(ws, args.recipients)
            build_time = time.perf_counter() - start
            big_runs = max(1, min(args.runs, 3))
            big_times, big = timed(lambda: decision_pdf(decision_for_print(ws, BIG_NUMBER, 2020)), big_runs)
            xlsx = Path(folder) / "bieu-tong-hop-2020.xlsx"
            origin = table_xlsx(ws, 2020, xlsx)
        finally:
            ws.close()
        print(f"Phông chữ: {fonts.label} (đăng ký lần đầu {font_time:.3f} s)")
        print(f"Báo cáo tổng kết năm 2020 kèm biểu ({page_count(report)} trang, {len(report) / 1024:.0f} KB): "
              f"{summary(report_times)}")
        print(f"Biểu tổng hợp riêng ({page_count(table)} trang): {summary(table_times)}")
        print(f"Quyết định {args.recipients} người ({page_count(big)} trang, {len(big) / 1024:.0f} KB): "
              f"{summary(big_times)}; lập quyết định qua các dịch vụ: {build_time:.2f} s")
        office = soffice_times(xlsx, max(1, min(args.runs, 3)))
        if office is None:
            print("LibreOffice (soffice) chưa được cài trên máy này: không đo được thời gian chuyển XLSX sang PDF.")
        else:
            cold, warm = office
            print(f"LibreOffice chuyển biểu XLSX sang PDF ({origin}): lần đầu {cold:.2f} s, sau đó {summary(warm)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
