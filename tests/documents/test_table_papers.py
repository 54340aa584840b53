"""The statistical table as a paper sent on its own, and at a province's scale: six-digit counts stay
inside their cells; the table carries the issuing body, place and date and a signature; the report keeps
the clerk's text where the program holds no figures."""

from __future__ import annotations

import dataclasses
import io

import pdfplumber

from emulation_desk.documents.report import table_pdf
from emulation_desk.services.reporting.documents_data import table_for_print
from emulation_desk.services.workspace import Workspace

BIG = {"c3": 123456, "c4": 100000, "c6": 111111, "c8": 98765, "c9": 100001, "c10": 12345, "c12": 999999,
       "c13": 654321}


def _province_scale(ws: Workspace):  # type: ignore[no-untyped-def]
    head, table, signing = table_for_print(ws, 2020)
    first = table.groups[0]
    rows = (dataclasses.replace(first.rows[0], **BIG), *first.rows[1:])
    return head, dataclasses.replace(table, groups=(dataclasses.replace(first, rows=rows), *table.groups[1:])), signing


def test_six_digit_counts_stay_inside_their_cells(doc_ws: Workspace) -> None:
    data = table_pdf(*_province_scale(doc_ws))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        edges = [e for e in page.edges if e["orientation"] == "v"]
        words = page.extract_words()
        for value in BIG.values():
            text = f"{value:,}".replace(",", ".")
            word = next(w for w in words if w["text"] == text)
            crossing = [e for e in edges if word["x0"] + 0.5 < e["x0"] < word["x1"] - 0.5
                        and e["top"] <= word["top"] and e["bottom"] >= word["bottom"]]
            assert not crossing, text


def test_table_alone_carries_body_place_date_and_signature(doc_ws: Workspace) -> None:
    data = table_pdf(*table_for_print(doc_ws, 2020))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        first = " ".join((pdf.pages[0].extract_text() or "").split())
        last = " ".join((pdf.pages[-1].extract_text() or "").split())
    assert first.startswith("ỦY BAN NHÂN DÂN THÀNH PHỐ NAM ĐỊNH BIỂU TỔNG HỢP KẾT QUẢ KHEN THƯỞNG NĂM 2020")
    assert "Nam Định, ngày 15 tháng 12 năm 2020" in last
    assert "TM. ỦY BAN NHÂN DÂN" in last and "Phạm Thị Oanh" in last
    assert not first.rstrip().endswith("KHEN THƯỞNG CẤP NHÀ NƯỚC")  # a group row never ends a page


def test_report_section_six_keeps_the_clerks_text(doc_ws: Workspace) -> None:
    from emulation_desk.services.reporting.report_figures import rendered_sections
    from emulation_desk.services.reporting.reports import find_report

    sections = rendered_sections(doc_ws, find_report(doc_ws, 2020))
    six = next(s for s in sections if s["title"] == "Công tác thanh tra, kiểm tra")
    assert "phòng chuyên môn" not in six["body"] and "đơn thư khiếu nại" in six["body"]
    assert not six["body"].startswith(" ")
