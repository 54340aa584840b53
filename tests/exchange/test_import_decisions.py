"""History back-fill: past decisions (the office's own and the higher levels') with their recipients."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from emulation_desk.exchange.errors import ImportRejectedError
from emulation_desk.services.awards import imports
from emulation_desk.services.records.org import save_organisation
from emulation_desk.services.records.units import add_unit
from emulation_desk.services.reporting import exports
from emulation_desk.services.reporting.statistics import stat_table
from emulation_desk.services.workspace import Workspace

HEADER = ["STT", "Số quyết định", "Ngày ký", "Cơ quan ban hành", "Hình thức khen thưởng", "Họ và tên", "Năm sinh",
          "Chức vụ", "Đơn vị"]


@pytest.fixture
def office(ws: Workspace) -> Workspace:
    save_organisation(ws, parent_body="UBND TỈNH NAM ĐỊNH", issuing_body="ỦY BAN NHÂN DÂN THÀNH PHỐ NAM ĐỊNH",
                      body_short="UBND thành phố", level="huyen", place_name="Nam Định")
    for name in ("Phòng Nội vụ", "Phòng Tư pháp"):
        add_unit(ws, name, "phong_chuyen_mon")
    return ws


def history_with_columns(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Lịch sử 2019"
    ws.append(["TỔNG HỢP CÁC QUYẾT ĐỊNH KHEN THƯỞNG NĂM 2019"])
    ws.append([])
    ws.append(HEADER)
    ws.append([1, "4102/QĐ-UBND", "12/12/2019", "Chủ tịch UBND thành phố Nam Định", "Lao động tiên tiến",
               "Nguyễn Văn An", 1980, "Chuyên viên", "Phòng Nội vụ"])
    ws.append([2, "4102/QĐ-UBND", datetime(2019, 12, 12), "Chủ tịch UBND thành phố Nam Định", "Lao động tiên tiến",
               "Trần Thị Bình", 1985, "Trưởng phòng", "Phòng Tư pháp"])
    ws.append([3, "2950/QĐ-UBND", "05/12/2019", "Chủ tịch UBND tỉnh Nam Định", "Bằng khen của Chủ tịch UBND tỉnh",
               "Trần Thị Bình", 1985, "Trưởng phòng", "Phòng Tư pháp"])
    ws.append([None, "Tổng cộng: 03 lượt"])
    wb.save(path)
    return path


def history_with_sections(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Cấp trên"
    ws.append(["DANH SÁCH KHEN THƯỞNG CỦA CẤP TRÊN NĂM 2018"])
    ws.append(["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị công tác"])
    ws.append(["Quyết định số 1245/QĐ-TTg ngày 08/9/2018 của Thủ tướng Chính phủ về việc tặng Bằng khen của Thủ "
               "tướng Chính phủ"])
    ws.append(["I", "Tập thể"])
    ws.append([1, "Phòng Nội vụ", None])
    ws.append(["II", "Cá nhân"])
    ws.append([1, "Lê Văn Cường", "Phó Trưởng phòng, Phòng Nội vụ"])
    ws.append(["Quyết định số 3001/QĐ-UBND ngày 20 tháng 11 năm 2018 của Chủ tịch UBND tỉnh Nam Định về việc tặng "
               "Cờ thi đua của UBND tỉnh"])
    ws.append([1, "Phòng Tư pháp", None])
    wb.save(path)
    return path


def test_decisions_from_columns(office: Workspace, tmp_path: Path) -> None:
    preview = imports.preview_decisions(office, imports.read_source(history_with_columns(tmp_path / "ls.xlsx")))
    assert preview.ok, [p.line() for p in preview.problems]
    levels = {d.header.number: (d.issuer_level, d.form_code, len(d.items)) for d in preview.decisions}
    assert levels == {"4102": ("don_vi", "LDTT", 2), "2950": ("tinh", "BK_TINH", 1)}
    assert len(preview.new_people) == 2, "one person named twice is created once"
    result = imports.commit_import(office, preview)
    assert result.counts["decisions"] == 2 and result.counts["recipients"] == 3
    rows = office.store.query("SELECT number, status, is_own, title FROM decision ORDER BY number")
    assert [(r["number"], r["status"], r["is_own"]) for r in rows] == [("2950", "issued", 0), ("4102", "issued", 1)]
    assert rows[1]["title"] == "Về việc tặng Lao động tiên tiến"
    table = stat_table(office, 2019)
    assert table.row("I.2").c3 == 2 and table.row("II.5").c3 == 1  # the history now counts in the table
    bình = office.store.scalar("SELECT id FROM person WHERE full_name = 'Trần Thị Bình'")
    assert office.store.scalar("SELECT count(*) FROM decision_recipient WHERE person_id = ?", [bình]) == 2


def test_decisions_from_section_rows(office: Workspace, tmp_path: Path) -> None:
    preview = imports.preview_decisions(office, imports.read_source(history_with_sections(tmp_path / "ct.xlsx")))
    assert preview.ok, [p.line() for p in preview.problems]
    found = {d.header.number: d for d in preview.decisions}
    assert set(found) == {"1245", "3001"}
    prime = found["1245"]
    assert (prime.issuer_level, prime.form_code, prime.header.issuer_name) == ("thu_tuong", "BK_TTG",
                                                                              "Thủ tướng Chính phủ")
    assert [(i.entry.subject, i.entry.name) for i in prime.items] == [("tap_the", "Phòng Nội vụ"),
                                                                       ("ca_nhan", "Lê Văn Cường")]
    assert prime.items[0].nominee.id is not None, "the collective is an existing unit"
    assert (found["3001"].issuer_level, found["3001"].form_code) == ("tinh", "CO_TD_TINH")
    imports.commit_import(office, preview)
    assert office.store.scalar("SELECT count(*) FROM decision_recipient") == 3


def test_a_decision_already_recorded_is_refused_once(office: Workspace, tmp_path: Path) -> None:
    path = history_with_columns(tmp_path / "ls.xlsx")
    imports.import_decisions(office, path)
    before = hashlib.sha256(office.path.read_bytes()).hexdigest()
    with pytest.raises(ImportRejectedError) as caught:
        imports.import_decisions(office, path)
    assert len(caught.value.problems) == 2  # one per decision, not one per row
    assert "đã có trong dữ liệu" in caught.value.problems[0].reason
    assert hashlib.sha256(office.path.read_bytes()).hexdigest() == before


def test_an_exported_decision_reimports_into_another_office_file(demo_ws: Workspace, tmp_path: Path,
                                                                 ws: Workspace) -> None:
    exported = exports.export_decision(demo_ws, tmp_path / "qd.xlsx", number="3105", year=2020).path
    preview = imports.preview_decisions(ws, imports.read_source(exported))
    assert preview.ok, [p.line() for p in preview.problems]
    (decision,) = preview.decisions
    original = demo_ws.store.query("SELECT * FROM decision WHERE number = '3105' AND year = 2020")[0]
    assert (decision.header.symbol, decision.header.signed_on.isoformat(), decision.issuer_level,
            decision.title) == (original["symbol"], original["signed_on"], "tinh", original["title"])
    imports.commit_import(ws, preview)
    names = lambda store: sorted(r["display_name"] for r in store.query(  # noqa: E731
        "SELECT display_name FROM decision_recipient r JOIN decision d ON d.id = r.decision_id WHERE d.number = '3105'"))
    assert names(ws.store) == names(demo_ws.store)


def test_missing_decision_details_are_problems(office: Workspace, tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(["STT", "Họ và tên", "Hình thức khen thưởng"])
    wb.active.append([1, "Nguyễn Văn An", "Lao động tiên tiến"])
    wb.save(tmp_path / "thieu.xlsx")
    preview = imports.preview_decisions(office, imports.read_source(tmp_path / "thieu.xlsx"))
    assert "Không rõ dòng này thuộc quyết định nào" in preview.problems[0].reason
