"""The council's papers as paper: no screen notes, every member of the counting board with a signature space
and name, percentages by the program's one rule, the pack's numbers in the document font, no citation of a
part that is not there."""

from __future__ import annotations

import io
import re

import pdfplumber
from pypdf import PdfReader

from emulation_desk.core.stats import percent
from emulation_desk.core.text import format_percent
from emulation_desk.documents.council import council_pack_pdf
from emulation_desk.documents.council_minutes import minutes_pdf, tally_pdf
from emulation_desk.services.council import meetings as council
from emulation_desk.services.council.meetings import Counts
from emulation_desk.services.reporting.council_data import meeting_for_print, pack_for_print
from emulation_desk.services.workspace import Workspace
from tests.council.conftest import reopen

SCREEN_PHRASES = ("mức mặc định", "chưa đối chiếu", "hoặc trình cấp trên", "(*)")


def _meeting(ws: Workspace) -> str:
    reopen(ws)
    meeting_id = council.create_meeting(ws, 2020, "10/12/2020", place="Phòng họp số 1", start_time="08:00").id
    counts = {r.case["id"]: Counts(yes=9 - len(r.abstentions) - i % 3, no=i % 3)
              for i, r in enumerate(council.meeting_results(ws, meeting_id)) if r.case["ballot_required"]}
    council.record_tally(ws, meeting_id, counts)
    board = council.members_by_names(ws, meeting_id, ["Lê Thị Quỳnh", "Nguyễn Quốc Giang", "Trần Quốc Khánh"])
    council.update_meeting(ws, meeting_id, end_time="11:30", counting_board=board)
    return meeting_id


def _text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)


def _fonts(data: bytes) -> set[str]:
    found = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            found.add(str(font.get_object()["/BaseFont"]))
    return found


def test_tally_gives_every_board_member_a_signature_and_shares_follow_the_rule(demo_ws: Workspace) -> None:
    m = meeting_for_print(demo_ws, _meeting(demo_ws))
    data = tally_pdf(m)
    text = _text(data)
    assert "CÁC ỦY VIÊN" not in text
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        last = pdf.pages[-1]
        words = last.extract_words()
    titles = [w for w in words if w["text"] in ("ỦY", "TRƯỞNG")]
    assert len(titles) == len(m.board)  # a title of their own for each member of the board
    for member in m.board:
        assert member["full_name"] in " ".join((last.extract_text() or "").split())
    shares = re.findall(r"(\d+)/(\d+) (\d+(?:,\d)?%)", text)
    assert shares and all(format_percent(percent(int(a), int(b))) == s for a, b, s in shares)
    for phrase in SCREEN_PHRASES:
        assert phrase not in text, phrase


def test_minutes_have_recipients_and_no_screen_wording(demo_ws: Workspace) -> None:
    text = _text(minutes_pdf(meeting_for_print(demo_ws, _meeting(demo_ws))))
    assert "Nơi nhận:" in text and "- Lưu: VT, Hồ sơ." in text
    assert "xem xét, quyết định khen thưởng cho" in text and "trình cấp có thẩm quyền khen thưởng cho" in text
    for phrase in SCREEN_PHRASES:
        assert phrase not in text, phrase


def test_pack_numbers_in_the_document_font_and_no_missing_part(demo_ws: Workspace) -> None:
    pack = pack_for_print(demo_ws, 2020)
    pack.forms = [f for f in pack.forms if f.code in ("CSTD_TINH", "BK_TTG", "TTLDTT")]
    pack.blocs = pack.blocs[:1]
    data = council_pack_pdf(pack)
    assert not any("Helvetica" in f for f in _fonts(data))
    text = _text(data)
    assert "Phần III" not in text and "của 01 khối thi đua" in text
    for phrase in SCREEN_PHRASES:
        assert phrase not in text, phrase
    pack.blocs = []
    text = _text(council_pack_pdf(pack))
    assert "khối thi đua" not in text.split("DANH SÁCH TRÍCH NGANG")[0] and "PHẦN I DANH SÁCH TRÍCH NGANG" in text
