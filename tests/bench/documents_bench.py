"""Benchmark: building the official documents as PDF, and what LibreOffice takes for the same table.

Run: ``python -m tests.bench.documents_bench [--runs 5]``. Times, on copies of the demo database:
the year-end report with its statistical table (data from the records + layout), the table alone, and
award decisions of 500, 2.000 and 8.000 recipients built through the services (to show that the time grows
linearly: the time per 1.000 recipients is printed beside each). Beside them, if ``soffice`` is installed,
the time ``soffice --headless --convert-to pdf`` takes for the same table as the program's own XLSX export
(``services.reporting.exports.export_table``, what ``export table --out F.xlsx`` writes) — the clerk's
alternative.
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

SIZES = (500, 2000, 8000)
DECISION_YEAR = 2021  # a year with no titles yet in the demo: everyone of a big decision is paid


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


def enough_people(ws: Any, count: int) -> None:
    """Add people (through the services, one transaction) until the demo has ``count`` of them in units."""
    from emulation_desk.services.records.people import add_person

    have = ws.store.scalar("SELECT count(*) FROM person WHERE unit_id IS NOT NULL AND deceased = 0")
    units = [r["id"] for r in ws.store.query("SELECT id FROM unit ORDER BY sort_order, name")]
    with ws.store.transaction():
        for index in range(have, count):
            add_person(ws, f"Người Thử Số {index + 1}", unit_id=units[index % len(units)], position="Chuyên viên")


def add_big_decision(ws: Any, count: int) -> str:
    """An own LĐTT decision of ``count`` individuals, through the services (as the clerk would build it);
    returns its number."""
    from emulation_desk.services.awards.decisions import add_recipients, create_decision, issue_decision

    number = f"9{count}"
    signer = ws.store.query("SELECT * FROM signatory WHERE is_head = 0 ORDER BY sort_order LIMIT 1")[0]
    people = ws.store.query("SELECT id FROM person WHERE unit_id IS NOT NULL AND deceased = 0 "
                            "ORDER BY unit_id, full_name LIMIT ?", [count])
    decision_id = create_decision(
        ws, number=number, symbol="QĐ-UBND", signed_on=f"{DECISION_YEAR}-12-20",
        issuer_level="don_vi", issuer_name="Chủ tịch UBND thành phố Nam Định", kind="cong_trang", form_code="LDTT",
        title=f"Về việc công nhận danh hiệu “Lao động tiên tiến” năm {DECISION_YEAR}", signer_id=signer["id"],
        signer_name=signer["full_name"], signer_position=signer["position"],
        proposal_ref="Xét đề nghị của Trưởng phòng Nội vụ").id
    add_recipients(ws, decision_id, [{"subject": "ca_nhan", "person_id": p["id"]} for p in people])
    issue_decision(ws, decision_id)
    return number


def table_xlsx(ws: Any, year: int, path: Path) -> None:
    """The table as the program's own XLSX export writes it."""
    from emulation_desk.services.reporting.exports import export_table

    export_table(ws, year, path)


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


def decision_times(ws: Any, runs: int) -> list[tuple[int, int, int, list[float]]]:
    """(recipients, pages, bytes, times) of a decision of each size in :data:`SIZES`."""
    from emulation_desk.documents import page_count
    from emulation_desk.documents.decision import decision_pdf
    from emulation_desk.services.reporting.documents_data import decision_for_print

    enough_people(ws, max(SIZES))
    out = []
    for size in SIZES:
        number = add_big_decision(ws, size)
        times, data = timed(lambda n=number: decision_pdf(decision_for_print(ws, n, DECISION_YEAR)),
                            max(1, min(runs, 3 if size <= 2000 else 1)))
        out.append((size, page_count(data), len(data), times))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Thời gian tạo văn bản PDF (báo cáo, biểu, quyết định)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.setdefault("EMULATION_DESK_FONT_DIRS", "")  # the bundled font, as on a PC without TNR

    from emulation_desk.documents import page_count
    from emulation_desk.documents.fonts import document_fonts
    from emulation_desk.documents.report import report_pdf, table_pdf
    from emulation_desk.services.demo import demo_template
    from emulation_desk.services.reporting.documents_data import report_for_print, table_for_print
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
            xlsx = Path(folder) / "bieu-tong-hop-2020.xlsx"
            xlsx_times, _ = timed(lambda: table_xlsx(ws, 2020, xlsx), args.runs)
            decisions = decision_times(ws, args.runs)
        finally:
            ws.close()
        print(f"Dữ liệu mẫu: {db.stat().st_size / 1e6:.1f} MB (sau khi thêm người cho quyết định lớn nhất)")
        print(f"Phông chữ: {fonts.label} (đăng ký lần đầu {font_time:.3f} s)")
        print(f"Báo cáo tổng kết năm 2020 kèm biểu ({page_count(report)} trang, {len(report) / 1024:.0f} KB): "
              f"{summary(report_times)}")
        print(f"Biểu tổng hợp riêng ({page_count(table)} trang): {summary(table_times)}")
        print(f"Biểu tổng hợp dạng XLSX (chức năng xuất của phần mềm): {summary(xlsx_times)}")
        for size, pages, length, times in decisions:
            per = statistics.median(times) / size * 1000
            print(f"Quyết định {size:>5} người ({pages} trang, {length / 1024:.0f} KB): {summary(times)}; "
                  f"{per:.3f} s cho mỗi 1.000 người")
        office = soffice_times(xlsx, max(1, min(args.runs, 3)))
        if office is None:
            print("LibreOffice (soffice) chưa được cài trên máy này: không đo được thời gian chuyển XLSX sang PDF.")
        else:
            cold, warm = office
            print(f"LibreOffice chuyển biểu XLSX (của phần mềm) sang PDF: lần đầu {cold:.2f} s, sau đó {summary(warm)}; "
                  f"phần mềm tự in biểu PDF: {summary(table_times)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
