"""Award decisions read back: structure, signature wording, the attached list over many pages."""

from __future__ import annotations

import io
import math
import re
from typing import Any

import pytest
from pypdf import PdfReader

from emulation_desk.documents import page_count
from emulation_desk.errors import KnownError
from emulation_desk.services.workspace import Workspace
from tests.documents.conftest import BIG_COUNT, page_text
from tests.documents.helpers import MM, find_phrase, style_of, top_margin_number, words


def _text(pdf: Any, pages: slice = slice(None)) -> str:
    return " ".join(page_text(p) for p in pdf.pages[pages])


def test_decision_structure(decision_doc: Any) -> None:
    first = decision_doc.pages[0]
    w = words(first)
    text = _text(decision_doc, slice(0, 2))
    assert style_of(find_phrase(w, "QUYẾT ĐỊNH")) == ("bold", 14)
    assert "Về việc tặng Giấy khen cho các tập thể, cá nhân có thành tích xuất sắc năm 2020" in text
    assert style_of(find_phrase(w, "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ NAM ĐỊNH")) == ("bold", 14)
    assert "Số: 4523/QĐ-UBND" in text and "Nam Định, ngày 10 tháng 12 năm 2020" in text
    bases = ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
             "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017",
             "Căn cứ Quyết định số 05/2019/QĐ-UBND ngày 15 tháng 3 năm 2019 của Ủy ban nhân dân tỉnh Nam Định",
             "Xét đề nghị của Trưởng phòng Nội vụ."]
    positions = [text.index(b) for b in bases]
    assert positions == sorted(positions)
    assert "{quy_che_tinh}" not in text
    for phrase in ("Căn cứ Luật Tổ chức", "Xét đề nghị của"):
        assert style_of(find_phrase(w, phrase))[0] == "italic"
    assert text.index("QUYẾT ĐỊNH:") > positions[-1]
    assert "Điều 1. Tặng Giấy khen cho 58 tập thể, 87 cá nhân (có danh sách kèm theo)." in text
    assert "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2020." in text  # the recipients' achievement
    assert ("Điều 2. Tiền thưởng kèm theo thực hiện theo quy định hiện hành: mỗi tập thể 900.000 đồng, mỗi cá nhân "
            "450.000 đồng; tổng số tiền thưởng là 91.350.000 đồng (Bằng chữ: Chín mươi mốt triệu ba trăm năm mươi "
            "nghìn đồng), trích từ quỹ thi đua, khen thưởng của thành phố.") in text
    assert "Điều 3. Quyết định này có hiệu lực kể từ ngày ký." in text
    assert "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./." in text
    assert style_of(find_phrase(w, "Điều 1."))[0] == "bold"


def test_chairman_signs_without_tm(decision_doc: Any) -> None:
    page = next(p for p in decision_doc.pages if "Nơi nhận:" in (p.extract_text() or ""))
    text = page_text(page)
    assert "TM." not in text
    assert "- Như Điều 3; - Lưu: VT, NV." in text
    assert style_of(find_phrase(words(page), "CHỦ TỊCH")) == ("bold", 14)
    assert style_of(find_phrase(words(page), "Trần Quốc Khánh")) == ("bold", 14)


def test_deputy_signs_kt(doc_ws: Workspace) -> None:
    from emulation_desk.services.reporting.documents_data import decision_for_print

    decision = decision_for_print(doc_ws, "4520/QĐ-UBND", 2020)
    assert decision.signing_lines == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert decision.signer_name == "Phạm Thị Oanh"


def test_attached_list(decision_doc: Any) -> None:
    list_first = next(i for i, p in enumerate(decision_doc.pages) if "DANH SÁCH" in (p.extract_text() or ""))
    assert list_first == 2
    text = _text(decision_doc, slice(list_first, None))
    assert "Các tập thể và cá nhân được tặng Giấy khen" in text
    assert ("(Kèm theo Quyết định số 4523/QĐ-UBND ngày 10 tháng 12 năm 2020 của Chủ tịch UBND thành phố)"
            in text)
    assert text.index("I TẬP THỂ") < text.index("II CÁ NHÂN")
    assert "Tổng cộng: 58 tập thể, 87 cá nhân 91.350.000" in text
    assert "(Bằng chữ: Chín mươi mốt triệu ba trăm năm mươi nghìn đồng.)" in text
    # the list is numbered on its own: no number on its first page, then 2, 3…
    pages = decision_doc.pages[list_first:]
    assert top_margin_number(pages[0]) is None
    assert [top_margin_number(p) for p in pages[1:]] == [str(n) for n in range(2, len(pages) + 1)]
    for page in pages:
        assert "Họ và tên" in (page.extract_text() or "") or "Tên tập thể" in (page.extract_text() or "")


def test_list_order_is_a_setting(doc_ws: Workspace) -> None:
    from emulation_desk.services.reporting.documents_data import (
        decision_for_print,
        list_order,
        set_list_order,
    )

    assert list_order(doc_ws) == ("tap_the", "ca_nhan", "ho_gia_dinh")
    set_list_order(doc_ws, ["ca_nhan", "tap_the", "ho_gia_dinh"])
    try:
        decision = decision_for_print(doc_ws, "4523", 2020)
        assert [g.subject for g in decision.groups] == ["ca_nhan", "tap_the"]
    finally:
        set_list_order(doc_ws, ["tap_the", "ca_nhan", "ho_gia_dinh"])
    with pytest.raises(KnownError):
        set_list_order(doc_ws, ["ca_nhan"])


def test_individuals_grouped_by_unit_leaders_first(doc_ws: Workspace) -> None:
    from emulation_desk.services.reporting.documents_data import decision_for_print

    decision = decision_for_print(doc_ws, "4520", 2020)
    people = next(g for g in decision.groups if g.subject == "ca_nhan").entries
    units = [e.unit for e in people]
    blocks = [u for i, u in enumerate(units) if i == 0 or units[i - 1] != u]
    assert len(blocks) == len(set(blocks))  # each unit is one contiguous block
    for unit in set(units):
        flags = [e.is_manager for e in people if e.unit == unit]
        assert flags == sorted(flags, reverse=True)  # leaders first


def test_received_decisions_are_refused(doc_ws: Workspace) -> None:
    from emulation_desk.services.reporting.documents_data import decision_for_print

    with pytest.raises(KnownError, match=r"Chủ tịch UBND tỉnh Nam Định.*chỉ in quyết định do cơ quan mình ban hành"):
        decision_for_print(doc_ws, "3102", 2020)
    with pytest.raises(KnownError, match="Không tìm thấy quyết định"):
        decision_for_print(doc_ws, "9999", 2020)


def test_two_thousand_recipients_flow_over_pages_with_repeated_headers(big_decision_bytes: bytes) -> None:
    import pypdfium2 as pdfium  # fast text by region (pdfplumber would take seconds on 90+ pages)

    assert len(PdfReader(io.BytesIO(big_decision_bytes)).pages) == page_count(big_decision_bytes)
    pdf = pdfium.PdfDocument(big_decision_bytes)
    texts = [pdf[i].get_textpage() for i in range(len(pdf))]
    list_first = next(i for i, t in enumerate(texts) if "DANH SÁCH" in t.get_text_range())
    assert list_first == 2  # the decision itself takes two pages
    list_pages = range(list_first, len(pdf))
    # one to three lines per person at 12 pt: between 20 and 40 people a page
    assert math.ceil(BIG_COUNT / 40) <= len(list_pages) <= math.ceil(BIG_COUNT / 20) + 1
    numbers: list[int] = []
    for index, page in enumerate(list_pages):
        width, height = pdf[page].get_size()
        text = texts[page]
        top = text.get_text_bounded(left=0, bottom=height - (60 if index else 130) * MM, right=width, top=height)
        assert "TT Họ và tên Chức vụ Số tiền (đồng)" in " ".join(top.split())  # the header row on every page
        number = text.get_text_bounded(left=0, bottom=height - 20 * MM, right=width, top=height).strip()
        assert number == ("" if index == 0 else str(index + 1))  # the list is numbered on its own
        column = text.get_text_bounded(left=30 * MM, bottom=20 * MM, right=41 * MM, top=height - 20 * MM)
        numbers += [int(n) for n in re.findall(r"^(\d+)", column, re.MULTILINE)]
    assert numbers == list(range(1, BIG_COUNT + 1))  # every person once, in order, none lost at a break
    last = " ".join(texts[-1].get_text_range().split())
    assert "Tổng cộng: 2.000 cá nhân 900.000.000" in last
    assert "(Bằng chữ: Chín trăm triệu đồng.)" in last
