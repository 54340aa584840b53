"""GUI benchmark on a large office: 100.000 people and 300.000 awards (deterministic).

    python -m tests.bench.gui_bench [--people 100000] [--awards 300000] [--keep FILE]

Prints the time to open each tab of the main window on the busiest year and the time of each keystroke
of filter-as-you-type (aims: a tab under 0,5 s, a keystroke under 0,1 s). The rows are written directly
with ``store.insert_many`` in one transaction.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Đoàn", "Lương", "Tạ", "Cao", "Lưu"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Thu", "Hồng", "Quang", "Ngọc", "Hữu", "Xuân", "Kim", "Anh", "Bảo",
          "Thế", "Diệu", "Phương", "Hải", "Tiến", "Công"]
GIVEN = ["An", "Anh", "Ánh", "Bình", "Chi", "Cường", "Dung", "Dũng", "Đông", "Giang", "Hà", "Hải", "Hạnh", "Hoa",
         "Hòa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngọc", "Oanh", "Phúc",
         "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thành", "Trang", "Trung", "Tuấn", "Uyên", "Vân", "Việt",
         "Yến"]
POSITIONS = [("Chuyên viên", 0), ("Giáo viên", 0), ("Nhân viên", 0), ("Cán sự", 0), ("Trưởng phòng", 1),
             ("Phó Trưởng phòng", 1), ("Hiệu trưởng", 1), ("Phó Hiệu trưởng", 1)]
UNIT_KINDS = [("Trường Tiểu học", "truong_hoc"), ("Trường THCS", "truong_hoc"), ("Trường Mầm non", "truong_hoc"),
              ("UBND phường", "phuong"), ("UBND xã", "xa"), ("Phòng", "phong_chuyen_mon"),
              ("Trung tâm", "don_vi_su_nghiep")]
PLACES = ["Bà Triệu", "Cửa Bắc", "Hạ Long", "Lộc Vượng", "Mỹ Xá", "Năng Tĩnh", "Ngô Quyền", "Nguyễn Du",
          "Phan Đình Phùng", "Quang Trung", "Thống Nhất", "Trần Đăng Ninh", "Trần Hưng Đạo", "Trần Tế Xương",
          "Văn Miếu", "Vị Xuyên", "Vị Hoàng", "Lộc Hạ", "Lộc Hòa", "Nam Phong", "Nam Vân", "Mỹ Tân"]
YEARS = list(range(2011, 2021))
# (form, subject, share of a year's awards, own decision)
PLAN = [("LDTT", "ca_nhan", 0.66, True), ("CSTDCS", "ca_nhan", 0.12, True), ("GK_CT_HUYEN", "ca_nhan", 0.12, True),
        ("TTLDTT", "tap_the", 0.05, True), ("BK_TINH", "ca_nhan", 0.04, False), ("CO_TD_TINH", "tap_the", 0.01, False)]


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def build(path: Path, people_count: int, awards: int) -> Any:
    """Write the large office database; return its workspace."""
    from emulation_desk.core.text import fold
    from emulation_desk.services.workspace import open_workspace

    rng = random.Random(2020)
    ws = open_workspace(path, actor="bench")
    store = ws.store
    store.new_id = lambda: _id(rng)
    with store.transaction():
        units = []
        for i in range(500):
            prefix, kind = UNIT_KINDS[i % len(UNIT_KINDS)]
            name = f"{prefix} {PLACES[i % len(PLACES)]} số {i // len(PLACES) + 1}"
            units.append({"id": _id(rng), "name": name, "name_key": fold(name), "kind": kind, "head_count": 200,
                          "valid_from": "2010-01-01"})
        store.insert_many("unit", units)
        people = []
        for i in range(people_count):
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            position, manager = POSITIONS[0 if i % 9 else rng.randrange(len(POSITIONS))]
            people.append({"id": _id(rng), "full_name": name, "name_key": fold(name), "birth_year": 1960 + i % 40,
                           "unit_id": units[i % len(units)]["id"], "position": position, "is_manager": manager})
        store.insert_many("person", people)
        per_year = awards // len(YEARS)
        for year in YEARS:
            _year(store, rng, year, per_year, people, units)
        _blocs(store, rng, YEARS[-1], units)
        store.log("import", "bench", "", f"Dữ liệu thử: {people_count} người, {awards} khen thưởng")
    return ws


def _year(store: Any, rng: random.Random, year: int, count: int, people: list[dict[str, Any]],
          units: list[dict[str, Any]]) -> None:
    decisions, recipients, nominations = [], [], []
    for number, (form, subject, share, own) in enumerate(PLAN, start=1):
        decision_id = _id(rng)
        decisions.append({"id": decision_id, "year": year, "number": str(1000 + number), "symbol": "QĐ-UBND",
                          "signed_on": f"{year}-12-{10 + number:02d}", "issuer_level": "don_vi" if own else "tinh",
                          "issuer_name": "Chủ tịch UBND thành phố" if own else "Chủ tịch UBND tỉnh",
                          "is_own": int(own), "title": f"Khen thưởng {form} năm {year}", "form_code": form,
                          "kind": "cong_trang", "status": "issued"})
        pool = people if subject == "ca_nhan" else units
        for order, nominee in enumerate(rng.sample(pool, min(len(pool), int(count * share))), start=1):
            person = subject == "ca_nhan"
            nomination_id = _id(rng) if own and year == YEARS[-1] else None
            recipients.append({
                "decision_id": decision_id, "form_code": form, "kind": "cong_trang", "subject": subject,
                "person_id": nominee["id"] if person else None, "unit_id": None if person else nominee["id"],
                "display_name": nominee["full_name"] if person else nominee["name"],
                "position": nominee.get("position", ""), "unit_name": "", "sort_order": order,
                "is_manager": nominee["is_manager"] if person else None, "nomination_id": nomination_id,
                "amount": 450_000 if own else None})
            if nomination_id:
                nominations.append({
                    "id": nomination_id, "year": year, "form_code": form, "kind": "cong_trang", "subject": subject,
                    "person_id": nominee["id"] if person else None, "unit_id": None if person else nominee["id"],
                    "proposing_unit_id": nominee["unit_id"] if person else nominee["id"],
                    "position": nominee.get("position", ""), "status": "decided", "decision_id": decision_id})
    store.insert_many("decision", decisions)
    store.insert_many("nomination", nominations)
    store.insert_many("decision_recipient", recipients)


def _blocs(store: Any, rng: random.Random, year: int, units: list[dict[str, Any]]) -> None:
    for b in range(20):
        members = units[b * 25:(b + 1) * 25]
        bloc_id = _id(rng)
        store.insert_many("bloc", [{"id": bloc_id, "year": year, "name": f"Khối thi đua số {b + 1}",
                                    "head_unit_id": members[0]["id"], "deputy_unit_id": members[1]["id"]}])
        store.insert_many("bloc_member", [{"bloc_id": bloc_id, "unit_id": u["id"], "year": year, "sort_order": i}
                                          for i, u in enumerate(members)])
        criteria = [{"id": _id(rng), "bloc_id": bloc_id, "name": f"Tiêu chí {c + 1}", "max_points": 20.0,
                     "sort_order": c} for c in range(5)]
        store.insert_many("bloc_criterion", criteria)
        store.insert_many("bloc_score", [{"criterion_id": c["id"], "unit_id": u["id"], "points": rng.randint(10, 20)}
                                         for c in criteria for u in members])


def _timed(label: str, action: Any, results: list[tuple[str, float]]) -> Any:
    from PySide6.QtWidgets import QApplication

    start = time.perf_counter()
    value = action()
    QApplication.processEvents()
    elapsed = time.perf_counter() - start
    results.append((label, elapsed))
    print(f"  {label:<58} {elapsed * 1000:8.1f} ms", flush=True)
    return value


def _until(label: str, condition: Any, since: float, timeout_s: float = 120.0) -> float:
    """Seconds from ``since`` until ``condition()`` holds, running the event loop meanwhile (printed)."""
    from PySide6.QtWidgets import QApplication

    while not condition() and time.perf_counter() - since < timeout_s:
        QApplication.processEvents()
        time.sleep(0.002)
    elapsed = time.perf_counter() - since
    print(f"  {label:<58} {elapsed * 1000:8.1f} ms", flush=True)
    return elapsed


def measure(ws: Any) -> list[tuple[str, float]]:
    from emulation_desk.ui.app import create_application
    from emulation_desk.ui.main_window import MainWindow

    create_application()
    results: list[tuple[str, float]] = []
    window = _timed("mở cửa sổ chính (tab Đơn vị, năm 2020)", lambda: MainWindow(ws, background_loading=True),
                    results)
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    for index in range(1, len(window.tab_list)):
        tab = window.tab_list[index]
        opened = time.perf_counter()
        _timed(f"mở tab {tab.title} ({index + 1})", lambda i=index: window.tabs.setCurrentIndex(i), results)
        if tab is window.nominations_tab:
            _until("  … những dòng đầu hiện ra (từ lúc mở tab)", lambda tb=tab: tb.model.rowCount() > 0, opened)
            _timed("  … danh sách đề nghị đầy đủ (đọc trong luồng nền)", tab.wait_loaded, results)
        if tab is window.reports_tab:
            _until("  … biểu hiện ra từ số đếm SQL (từ lúc mở tab)",
                   lambda tb=tab: tb.stat_model.table is not None, opened)
            _timed("  … biểu đã kiểm tra xong (tính trong luồng nền)", tab.wait_loaded, results)
        print(f"      {tab.count_text()}")
    for index, text in ((2, "nguyen van anh"), (0, "truong tieu hoc")):
        window.tabs.setCurrentIndex(index)
        tab = window.tab_list[index]
        for n in range(1, len(text) + 1):
            # the key and the filter it applies, as if typing paused after each key (a long list waits 150 ms)
            _timed(f"gõ lọc “{text[:n]}” ({tab.title})",
                   lambda t=text[:n], tb=tab: (tb.filter_edit.setText(t), tb.apply_filter()), results)
        print(f"      {tab.count_text()}")
        _timed(f"xóa ô lọc ({tab.title})", lambda tb=tab: (tb.filter_edit.clear(), tb.apply_filter()), results)
    nominations = window.nominations_tab
    window.tabs.setCurrentIndex(2)
    _timed("sắp xếp đề nghị theo tên (lần đầu)", lambda: nominations.view.sortByColumn(2, nominations.view.
                                                                                      horizontalHeader().
                                                                                      sortIndicatorOrder()), results)
    decisions = window.decisions_tab
    window.tabs.setCurrentIndex(3)
    biggest = max(range(decisions.proxy.rowCount()), key=lambda r: int(decisions.proxy.index(r, 4).data()
                                                                      .replace(".", "") or 0))
    _timed("chọn quyết định lớn nhất (danh sách người được khen)", lambda: decisions.view.selectRow(biggest), results)
    print(f"      {decisions.recipients_model.rowCount()} người/tập thể")
    units = window.units_tab
    window.tabs.setCurrentIndex(0)
    _timed("chọn một đơn vị (cá nhân và lịch sử khen thưởng)", lambda: units.view.selectRow(3), results)
    _timed("đổi năm làm việc (tải lại tab đang xem)", lambda: window.year_box.setCurrentIndex(
        window.year_box.findData(2019)), results)
    window.close()
    return results


VERDICTS_CHILD = r"""
import resource, sys, time
from emulation_desk.ui.app import create_application
from emulation_desk.services.workspace import open_workspace
from emulation_desk.ui.tabs.nominations import NominationsTab, eligibility_verdicts
from PySide6.QtCore import QTimer
app = create_application()
ws = open_workspace(sys.argv[1])
tab = NominationsTab(ws, eligibility_verdicts, background=True)
tab.resize(1366, 700)
tab.show()
t0 = time.perf_counter()
tab.load(int(sys.argv[2]))
seen = {}
def check():
    now = time.perf_counter() - t0
    if tab.model.rowCount() and "rows" not in seen:
        seen["rows"] = now
        print(f"rows {now:.3f}", flush=True)
    if "rows" in seen and not tab._tasks:
        judged = sum(1 for r in tab.model.rows() if r.get("_verdict_status"))
        print(f"verdicts {now:.3f} {judged} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}", flush=True)
        app.quit()
timer = QTimer()
timer.timeout.connect(check)
timer.start(50)
app.exec()
ws.close()
"""


def list_with_verdicts(db: Path, year: int) -> dict[str, float]:
    """The nomination list of ``year`` as the program shows it (a new process, the window's event loop): seconds
    until the rows show and until every verdict is in, the verdicts counted, and the process's peak memory."""
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    result = subprocess.run([sys.executable, "-c", VERDICTS_CHILD, str(db), str(year)], capture_output=True,
                            text=True, env=env, timeout=1800)
    found: dict[str, float] = {}
    for line in result.stdout.splitlines():
        parts = line.split()
        if parts[:1] == ["rows"]:
            found["rows"] = float(parts[1])
        elif parts[:1] == ["verdicts"]:
            found.update(verdicts=float(parts[1]), judged=float(parts[2]), peak_mb=float(parts[3]))
    if "verdicts" not in found:
        raise RuntimeError(f"the list did not finish:\n{result.stderr[-2000:]}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--awards", type=int, default=300_000)
    parser.add_argument("--keep", type=Path, help="keep the generated database at this path")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("EMULATION_DESK_DATA_DIR", tempfile.mkdtemp(prefix="emulation-desk-bench-"))
    path = args.keep or Path(tempfile.mkdtemp(prefix="emulation-desk-bench-")) / "lon.sqlite"
    if path.exists():
        from emulation_desk.services.workspace import open_workspace

        ws = open_workspace(path)
        print(f"Dùng lại {path}")
    else:
        start = time.perf_counter()
        ws = build(path, args.people, args.awards)
        print(f"Tạo dữ liệu: {args.people} người, {args.awards} khen thưởng trong {time.perf_counter() - start:.1f} s "
              f"({path.stat().st_size / 1e6:.0f} MB)")
    results = measure(ws)
    ws.close()
    tabs = [t for label, t in results if label.startswith(("mở tab", "mở cửa sổ"))]
    keys = [t for label, t in results if label.startswith("gõ lọc")]
    print(f"Chậm nhất: mở tab {max(tabs) * 1000:.0f} ms (mục tiêu < 500), "
          f"một lần gõ {max(keys) * 1000:.0f} ms (mục tiêu < 100)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
