"""Benchmark: making 500 certificates (Giấy khen of the Chairman, A4 landscape) through the services.

Run: ``python -m tests.bench.certificates_bench [--count 500] [--runs 5]``. On a copy of the demo database
it builds an own Giấy khen decision of ``count`` individuals through the services (as the clerk would),
then times, in full (whole certificate on white paper) and on a blank (variable text, a printer profile
applied): the preview (texts, Sổ vàng numbers, layout and PDF in memory) and the export (the same, written
to a file and logged). Aim: under 2 s for 500 certificates.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

YEAR = 2021


def timed(action: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return times, result


def summary(times: list[float]) -> str:
    return (f"trung vị {statistics.median(times):.3f} s (nhanh nhất {min(times):.3f} s, chậm nhất "
            f"{max(times):.3f} s, {len(times)} lần)")


def add_decision(ws: Any, count: int) -> str:
    """An issued own Giấy khen decision of ``count`` individuals; returns its id."""
    from emulation_desk.services.awards.decisions import add_recipients, create_decision, issue_decision
    from tests.bench.documents_bench import enough_people

    enough_people(ws, count)
    signer = ws.store.query("SELECT * FROM signatory ORDER BY sort_order LIMIT 1")[0]
    people = ws.store.query("SELECT id FROM person WHERE unit_id IS NOT NULL AND deceased = 0 "
                            "ORDER BY unit_id, full_name LIMIT ?", [count])
    decision_id = create_decision(
        ws, number=f"8{count}", symbol="QĐ-UBND", signed_on=f"{YEAR}-12-20", issuer_level="don_vi",
        issuer_name="Chủ tịch UBND thành phố Nam Định", kind="cong_trang", form_code="GK_CT_HUYEN",
        title=f"Về việc tặng Giấy khen năm {YEAR}", signer_id=signer["id"], signer_name=signer["full_name"],
        signer_position=signer["position"]).id
    add_recipients(ws, decision_id, [{"subject": "ca_nhan", "person_id": p["id"],
                                      "achievement": f"Đã có thành tích xuất sắc trong phong trào thi đua năm {YEAR}"}
                                     for p in people])
    issue_decision(ws, decision_id)
    return decision_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from emulation_desk.services.demo import demo_template
    from emulation_desk.services.reporting.certificates import certificate_preview, export_certificates
    from emulation_desk.services.reporting.printers import save_printer_profile
    from emulation_desk.services.workspace import open_workspace

    folder = Path(tempfile.mkdtemp(prefix="certificates-bench-"))
    try:
        db = folder / "demo.sqlite"
        shutil.copyfile(demo_template(), db)
        ws = open_workspace(db, actor="bench")
        decision_id = add_decision(ws, args.count)
        save_printer_profile(ws, name="Máy thử", offset_x_mm=1.2, offset_y_mm=-0.8, scale_x=0.995, scale_y=1.004)
        print(f"{args.count} giấy khen (A4 nằm ngang), {args.runs} lần mỗi phép đo:")
        for blank, label in ((False, "toàn bộ, giấy trắng"), (True, "lên phôi, hồ sơ máy in")):
            times, rendered = timed(lambda blank=blank: certificate_preview(ws, decision_id, blank=blank), args.runs)
            print(f"  xem trước ({label}): {summary(times)}; {rendered.pages} trang, {len(rendered.data) // 1024} KB")
            times, result = timed(lambda blank=blank: export_certificates(
                ws, folder / f"gk-{int(blank)}.pdf", decision_id=decision_id, blank=blank,
                profile="Máy thử" if blank else None)[0], args.runs)
            per = statistics.median(times) / result.pages * 1000
            print(f"  xuất tệp và ghi nhật ký ({label}): {summary(times)}; {per:.2f} ms mỗi giấy")
        ws.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
