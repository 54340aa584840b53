"""The sentences and lines the documents compose from the records (table-driven)."""

from __future__ import annotations

import dataclasses
import itertools
import json
from datetime import date

import pytest

from emulation_desk.documents.decision import article_one, bonus_text
from emulation_desk.documents.page import balanced_lines
from emulation_desk.documents.report import number_line, place_date
from emulation_desk.services.reporting.documents_data import DecisionPrint, Letterhead, ListEntry, ListGroup
from emulation_desk.services.workspace import Workspace
from tests.documents.conftest import open_pdf, page_text


def _printed(groups: list[tuple[str, list[int | None]]], **fields: object) -> DecisionPrint:
    head = Letterhead("UBND TỈNH NAM ĐỊNH", "ỦY BAN NHÂN DÂN THÀNH PHỐ NAM ĐỊNH", "Nam Định", "UBND thành phố",
                      "CHỦ TỊCH")
    parts = tuple(ListGroup(s, s.upper(), tuple(ListEntry(f"Tên {i}", "", "", a, note="" if a else "Vì sao")
                                                for i, a in enumerate(amounts))) for s, amounts in groups)
    values: dict[str, object] = dict(
        letterhead=head, number="1", symbol="QĐ-UBND", signed_on=date(2020, 12, 10), draft=False, title="Về việc …",
        issuer_line="", legal_bases=(), proposal="", form_name="Giấy khen", form_is_title=False,
        bonus_source="Quỹ thi đua, khen thưởng của thành phố", executors="", recipients=(), signing_lines=(),
        signer_name="", groups=parts, counts={s: len(a) for s, a in groups})
    values.update(fields)
    return DecisionPrint(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(("fields", "expected"), [
    ({"verb": "tặng"}, "Tặng Giấy khen cho 02 tập thể, 03 cá nhân (có danh sách kèm theo)."),
    ({"verb": "công nhận", "form_name": "Lao động tiên tiến", "form_is_title": True},
     "Công nhận danh hiệu “Lao động tiên tiến” cho 02 tập thể, 03 cá nhân (có danh sách kèm theo)."),
    ({"verb": "tặng thưởng", "form_name": "Huân chương Lao động hạng Ba"},
     "Tặng thưởng Huân chương Lao động hạng Ba cho 02 tập thể, 03 cá nhân (có danh sách kèm theo)."),
])
def test_article_one_is_composed_from_the_data(fields: dict[str, object], expected: str) -> None:
    printed = _printed([("tap_the", [900000, 900000]), ("ca_nhan", [450000] * 3)], **fields)
    assert article_one(printed) == [("Điều 1. ", expected)]
    shared = article_one(dataclasses.replace(printed, achievement="Đã có thành tích xuất sắc năm 2020."))
    assert shared[1] == ("", "Đã có thành tích xuất sắc năm 2020.")


def test_article_two_states_what_the_list_pays() -> None:
    same = _printed([("tap_the", [900000, 900000]), ("ca_nhan", [450000] * 3)])
    assert bonus_text(same) == (
        "Tiền thưởng kèm theo thực hiện theo quy định hiện hành: mỗi tập thể 900.000 đồng, mỗi cá nhân 450.000 "
        "đồng; tổng số tiền thưởng là 3.150.000 đồng (Bằng chữ: Ba triệu một trăm năm mươi nghìn đồng), trích "
        "từ quỹ thi đua, khen thưởng của thành phố.")
    some_unpaid = _printed([("tap_the", [1200000, 0, 1200000])])
    assert bonus_text(some_unpaid) == (
        "Tiền thưởng kèm theo thực hiện theo quy định hiện hành theo danh sách kèm theo; tổng số tiền thưởng là "
        "2.400.000 đồng (Bằng chữ: Hai triệu bốn trăm nghìn đồng), trích từ quỹ thi đua, khen thưởng của thành "
        "phố. 01 tập thể không hưởng tiền thưởng theo Quyết định này (lý do ghi trong danh sách).")
    assert "theo danh sách kèm theo" in bonus_text(_printed([("ca_nhan", [450000, 1490000])]))
    assert bonus_text(_printed([("ca_nhan", [None])])).startswith("Tiền thưởng kèm theo thực hiện theo quy định "
                                                                  "hiện hành, trích từ quỹ")


@pytest.mark.parametrize(("code", "signed", "verb"), [
    ("LDTT", date(2020, 12, 10), "công nhận"), ("LDTT", date(2024, 12, 10), "tặng"),
    ("GK_CT_HUYEN", date(2020, 12, 10), "tặng"), ("TTLDTT", date(2023, 12, 31), "công nhận"),
])
def test_action_verb_of_the_form(ws: Workspace, code: str, signed: date, verb: str) -> None:
    from emulation_desk.services.reporting.decision_data import action_verb

    assert action_verb(ws.catalog().form(code), signed) == verb


@pytest.mark.parametrize(("number", "symbol", "expected"), [
    ("164", "BC-UBND", "Số: 164/BC-UBND"),
    ("05", "QĐ-UBND", "Số: 05/QĐ-UBND"),
    ("", "QĐ-UBND", "Số:        /QĐ-UBND"),  # room to write the number by hand
])
def test_number_line(number: str, symbol: str, expected: str) -> None:
    assert number_line(number, symbol) == expected


@pytest.mark.parametrize(("signed", "expected"), [
    (date(2020, 12, 15), "Nam Định, ngày 15 tháng 12 năm 2020"),
    (date(2021, 2, 5), "Nam Định, ngày 05 tháng 02 năm 2021"),
    (date(2020, 3, 1), "Nam Định, ngày 01 tháng 3 năm 2020"),
    (None, "Nam Định, ngày      tháng      năm 2020"),
])
def test_place_date(signed: date | None, expected: str) -> None:
    assert place_date("Nam Định", signed, 2020) == expected


def test_balanced_lines_keep_numbers_with_their_word() -> None:
    from emulation_desk.documents.fonts import document_fonts

    bold = document_fonts().bold
    lines = balanced_lines("Tổng kết công tác thi đua, khen thưởng năm 2020, phương hướng, nhiệm vụ năm 2021", bold,
                           14, 400)
    assert len(lines) == 2 and not lines[0].endswith("năm")
    assert balanced_lines("ỦY BAN NHÂN DÂN THÀNH PHỐ NAM ĐỊNH", bold, 13, 184) == ["ỦY BAN NHÂN DÂN",
                                                                                 "THÀNH PHỐ NAM ĐỊNH"]
    assert balanced_lines("ngắn", bold, 13, 184) == ["ngắn"]


def _draft(ws: Workspace) -> str:
    from emulation_desk.services.awards.decisions import add_recipients, create_decision

    person = ws.store.query("SELECT id FROM person WHERE unit_id IS NOT NULL LIMIT 1")[0]
    decision_id = create_decision(
        ws, number="", symbol="QĐ-UBND", signed_on="2024-03-05", issuer_level="don_vi",
        issuer_name="Chủ tịch UBND thành phố Nam Định", title="Về việc tặng Giấy khen cho cá nhân có thành tích",
        kind="dot_xuat", form_code="GK_CT_HUYEN", signer_name="Trần Quốc Khánh", signer_position="CHỦ TỊCH").id
    add_recipients(ws, decision_id, [{"subject": "ca_nhan", "person_id": person["id"]}])
    return decision_id


def test_draft_without_number_uses_the_regime_of_its_date(demo_ws: Workspace) -> None:
    from emulation_desk.documents.decision import decision_pdf
    from emulation_desk.services.reporting.documents_data import decision_for_print

    _draft(demo_ws)
    printed = decision_for_print(demo_ws, "", 2024)
    assert printed.draft and printed.signing_lines == ("CHỦ TỊCH",)
    assert printed.legal_bases[1] == "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
    assert printed.legal_bases[-1].startswith("Căn cứ Quyết định số 05/2019/QĐ-UBND")
    with open_pdf(decision_pdf(printed)) as pdf:
        text = " ".join(page_text(p) for p in pdf.pages)
    assert text.startswith("DỰ THẢO")
    assert "Số: /QĐ-UBND" in text and "ngày 05 tháng 3 năm 2024" in text
    assert "Tiền thưởng kèm theo thực hiện theo quy định hiện hành, trích từ quỹ thi đua" in text  # not computed yet
    assert "Số tiền" not in text and "Bằng chữ" not in text


def test_no_provincial_regulation_drops_its_line(demo_ws: Workspace) -> None:
    from emulation_desk.services.reporting.documents_data import legal_bases

    decision = demo_ws.store.query("SELECT * FROM decision WHERE number = '4523'")[0]
    with_rule = legal_bases(demo_ws, decision, "Quyết định số 1/2019/QĐ-UBND")
    without = legal_bases(demo_ws, decision, "  ")
    assert with_rule[-1] == "Căn cứ Quyết định số 1/2019/QĐ-UBND;"
    assert without == with_rule[:-1]
    assert all("{" not in line for line in with_rule)
    assert json.loads(decision["legal_bases"])  # the demo stores its own lines on the decision


@pytest.mark.parametrize(("level", "office", "expected"), [
    ("huyen", "Phòng Nội vụ", "Chánh Văn phòng HĐND và UBND thành phố, Trưởng phòng Nội vụ, "
                              "Trưởng phòng Tài chính - Kế hoạch, Thủ trưởng"),
    ("xa", "Phòng Văn hóa - Xã hội", "Chánh Văn phòng HĐND và UBND thành phố, Trưởng phòng Văn hóa - Xã hội, "
                                     "Công chức Tài chính - Kế toán, Thủ trưởng"),
    ("tinh", "Sở Nội vụ", "Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ, Giám đốc Sở Tài chính, Thủ trưởng"),
])
def test_execution_article_names_who_carries_it_out(level: str, office: str, expected: str) -> None:
    from emulation_desk.services.reporting.documents_data import _executors

    text = _executors({"level": level, "office_name": office, "body_short": "UBND thành phố"})
    assert text.startswith(expected) and text.endswith("có tên tại Điều 1")


def test_missing_organisation_profile(ws: Workspace) -> None:
    from emulation_desk.errors import KnownError
    from emulation_desk.services.reporting.documents_data import table_for_print

    with pytest.raises(KnownError, match="Chưa có thông tin cơ quan"):
        table_for_print(ws, 2020)


@pytest.mark.parametrize("title", [
    "KẾT QUẢ THỰC HIỆN NHIỆM VỤ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2020",
    "Về việc tặng Giấy khen cho các tập thể, cá nhân có thành tích trong phong trào toàn dân bảo vệ an ninh Tổ quốc",
    "Tổng kết công tác thi đua, khen thưởng năm 2020, phương hướng, nhiệm vụ năm 2021",
])
def test_title_lines_keep_two_syllable_words_together(title: str) -> None:
    from emulation_desk.documents.fonts import document_fonts
    from emulation_desk.documents.page import COMPOUNDS, TEXT_WIDTH

    lines = balanced_lines(title, document_fonts().bold, 14, TEXT_WIDTH * 0.8)
    assert len(lines) >= 2 and " ".join(lines) == title
    for left, right in itertools.pairwise(lines):
        pair = f"{left.split()[-1]} {right.split()[0]}".lower().strip(",")
        assert pair not in COMPOUNDS, pair
