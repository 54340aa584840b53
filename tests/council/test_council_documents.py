"""The council's paperwork read back: the demo year's pack (bloc tables, one review list per form, ballots
= members taking part, hand-out order), the minutes listing every case with its result, the ballot count,
and the command line end to end."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from emulation_desk.documents.council import CouncilPack, council_pack_pdf
from emulation_desk.documents.council_minutes import minutes_pdf, tally_pdf
from emulation_desk.services.awards.blocs import list_blocs
from emulation_desk.services.council import meetings as council
from emulation_desk.services.council.meetings import Counts
from emulation_desk.services.reporting.council_data import meeting_for_print, pack_for_print
from emulation_desk.services.workspace import open_workspace
from tests.council.conftest import reopen


def page_texts(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    try:
        return [pdf[i].get_textpage().get_text_range().replace("\r\n", "\n") for i in range(len(pdf))]
    finally:
        pdf.close()


@pytest.fixture(scope="module")
def demo_pack(module_demo: Path) -> tuple[CouncilPack, list[str], list[str], list[str]]:
    ws = open_workspace(module_demo)
    try:
        pack = pack_for_print(ws, 2020)
        blocs = [b["name"] for b in list_blocs(ws, 2020)]
        rows = ws.store.query("SELECT form_code FROM nomination WHERE year = 2020 AND status <> 'draft' "
                              "AND deleted_at IS NULL")
        forms = [r["form_code"] for r in rows]
    finally:
        ws.close()
    return pack, page_texts(council_pack_pdf(pack)), blocs, forms


def test_pack_holds_every_bloc_table(demo_pack) -> None:  # type: ignore[no-untyped-def]
    pack, texts, blocs, _ = demo_pack
    assert len(blocs) == 11 and len(pack.blocs) == 11
    part_one = "\n".join(t for t in texts if "KẾT QUẢ CHẤM ĐIỂM" in t or "Xếp hạng" in t)
    for name in blocs:
        assert name in part_one
    assert part_one.count("Đơn vị đề nghị dẫn đầu khối") + part_one.count("Chưa xác định được đơn vị dẫn đầu") == 11


def test_pack_has_one_review_list_per_form(demo_pack) -> None:  # type: ignore[no-untyped-def]
    pack, texts, _, forms = demo_pack
    assert sorted(f.code for f in pack.forms) == sorted(set(forms))
    headings = [line for t in texts for line in t.split("\n") if re.match(r"^\d+\. Đề nghị (danh hiệu|hình thức) “", line)]
    assert len(headings) == len(set(forms)) == 14
    assert sum(len(f.candidates) for f in pack.forms) == len(forms) > 3000  # every non-draft nomination
    whole = " ".join("\n".join(texts).split())
    assert "CHƯA ĐỦ ĐIỀU KIỆN" in whole and "CẦN XEM LẠI" in whole  # contested cases visibly marked
    assert "Chiến sĩ thi đua cơ sở các năm 2018, 2019, 2020" in whole  # the years behind a chain


def test_ballots_one_per_member_in_hand_out_order(demo_pack) -> None:  # type: ignore[no-untyped-def]
    pack, texts, _, _ = demo_pack
    ballot_forms = {f.code for f in pack.ballot_forms}
    assert ballot_forms == {"CSTDCS", "CSTD_TINH", "HC_LAO_DONG_2", "BK_TTG"}
    assert pack.copies == 9  # no attendance yet: every member
    ballots = [i for i, t in enumerate(texts) if "PHIẾU BẦU" in t]
    assert len(ballots) == 9 * len(ballot_forms)
    assert all("Đồng ý" in texts[i] and "Không đồng ý" in texts[i] for i in ballots)
    first = {key: next(i for i, t in enumerate(texts) if key in t) for key in ("CHƯƠNG TRÌNH", "PHẦN I\n", "PHẦN II")}
    assert 0 == first["CHƯƠNG TRÌNH"] < first["PHẦN I\n"] < first["PHẦN II"] < ballots[0]
    assert not any("Họ tên người bầu:" in texts[i] for i in ballots)


@pytest.fixture
def voted_meeting(demo_ws):  # type: ignore[no-untyped-def]
    reopen(demo_ws)
    meeting_id = council.create_meeting(demo_ws, 2020, "10/12/2020", place="Phòng họp số 1", start_time="08:00").id
    absent = council.members_by_names(demo_ws, meeting_id, ["Vũ Thị Hương Giang", "Đỗ Mai Thủy"])
    council.record_attendance(demo_ws, meeting_id, {absent[0]: "absent", absent[1]: "absent"})
    counts = {r.case["id"]: Counts(yes=7 - len(r.abstentions) - i % 2, no=i % 2)
              for i, r in enumerate(council.meeting_results(demo_ws, meeting_id)) if r.case["ballot_required"]}
    council.record_tally(demo_ws, meeting_id, counts)
    return meeting_id


def test_ballot_copies_follow_attendance(demo_ws, voted_meeting) -> None:  # type: ignore[no-untyped-def]
    pack = pack_for_print(demo_ws, 2020)
    assert pack.copies == 7
    pack.forms = [f for f in pack.forms if f.code in ("CSTD_TINH", "BK_TTG")]
    pack.blocs = pack.blocs[:1]
    texts = page_texts(council_pack_pdf(pack))
    assert sum("PHIẾU BẦU" in t for t in texts) == 7 * 2
    # on the ballot: only the meeting's cases (3 per form), while the review lists keep every nomination
    assert [len(f.ballot_candidates) for f in pack.forms] == [3, 3]
    assert len(pack.forms[0].candidates) > 3
    assert "ngày 10 tháng 12 năm 2020" in texts[0]


def test_minutes_list_every_case_with_its_result(demo_ws, voted_meeting) -> None:  # type: ignore[no-untyped-def]
    m = meeting_for_print(demo_ws, voted_meeting)
    text = "\n".join(page_texts(minutes_pdf(m)))
    flat = " ".join(text.split())
    assert len(m.results) == 12
    for r in m.results:
        assert " ".join(r.case["nominee_name"].split()) in flat
    results = re.findall(r"\b(Đạt|Không đạt|Chưa biểu quyết)\b", text)
    assert len(results) >= 12 and "Chưa biểu quyết" in results  # TTLDTT not voted yet
    for phrase in ("BIÊN BẢN", "Thời gian: 08 giờ 00 phút, ngày 10 tháng 12 năm 2020", "Có mặt 07/09",
                   "vắng mặt: đồng chí Vũ Thị Hương Giang", "THƯ KÝ", "CHỦ TỌA", "Trần Quốc Khánh", "Nguyễn Quốc Giang",
                   "không tham gia biểu quyết", "IV. KẾT LUẬN", "Số:"):
        assert phrase in flat, phrase
    assert "Nam Định, ngày" not in flat  # no place-date line in a biên bản


def test_tally_paper(demo_ws, voted_meeting) -> None:  # type: ignore[no-untyped-def]
    board = council.members_by_names(demo_ws, voted_meeting, ["Lê Thị Quỳnh", "Nguyễn Quốc Giang"])
    council.update_meeting(demo_ws, voted_meeting, end_time="11h30", counting_board=board)
    m = meeting_for_print(demo_ws, voted_meeting)
    flat = " ".join("\n".join(page_texts(tally_pdf(m))).split())
    for phrase in ("BIÊN BẢN KIỂM PHIẾU", "Số phiếu đồng ý", "Tỷ lệ %", "TRƯỞNG BAN KIỂM PHIẾU",
                   "Tổng số thành viên Hội đồng: 09; có mặt: 07; vắng mặt: 02", "Chiến sĩ thi đua cấp tỉnh",
                   "1. Đồng chí Lê Thị Quỳnh, Trưởng phòng Nội vụ - Trưởng ban", "2. Đồng chí Nguyễn Quốc Giang"):
        assert phrase in flat, phrase
    assert "Tập thể lao động tiên tiến" not in flat  # voted by show of hands: not on the count


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "emulation_desk", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


def test_command_line_end_to_end(demo_template: Path, tmp_path: Path) -> None:
    db = tmp_path / "office.sqlite"
    shutil.copyfile(demo_template, db)
    ws = open_workspace(db)
    reopen(ws, ("CSTD_TINH", "TTLDTT"), limit=2)
    ws.close()
    done = cli("--db", str(db), "council", "new", "--year", "2020", "--date", "10/12/2020", "--place", "Hội trường")
    assert done.returncode == 0, done.stderr
    meeting = re.search(r"mã cuộc họp: ([0-9a-f-]{36})", done.stdout).group(1)  # type: ignore[union-attr]
    done = cli("--db", str(db), "council", "new", "--year", "2020", "--date", "11/12/2020")
    assert done.returncode == 1 and "không còn đề nghị" in done.stderr  # already before the first meeting
    ws = open_workspace(db)
    names = [r.case["nominee_name"] for r in council.meeting_results(ws, meeting) if r.case["form_code"] == "CSTD_TINH"]
    ws.close()
    assert cli("--db", str(db), "council", "attend", "--meeting", meeting, "--absent", "vu thi huong giang"
               ).returncode == 0
    counts = tmp_path / "phieu.json"
    counts.write_text(json.dumps([{"ho_ten": names[0], "dong_y": 8}, {"ho_ten": names[1], "dong_y": 7, "khong_dong_y": 1},
                                  {"hinh_thuc": "TTLDTT", "dong_y": 8}], ensure_ascii=False), encoding="utf-8")
    done = cli("--db", str(db), "council", "tally", "--meeting", meeting, "--file", str(counts))
    assert done.returncode == 0, done.stderr
    done = cli("--db", str(db), "council", "result", "--meeting", meeting, "--apply")
    assert done.returncode == 0, done.stderr
    assert "KHÔNG ĐẠT" in done.stdout and "Đã chuyển kết quả" in done.stdout
    for kind in ("minutes", "tally"):
        out = tmp_path / f"{kind}.pdf"
        done = cli("--db", str(db), "export", kind, "--year", "2020", "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert out.read_bytes().startswith(b"%PDF")
    bad = tmp_path / "bad.csv"
    bad.write_text("ho_ten,dong_y\nNgười Không Có,5\n", encoding="utf-8")
    done = cli("--db", str(db), "council", "tally", "--meeting", meeting, "--file", str(bad))
    assert done.returncode == 1 and "Dòng 2" in done.stderr
