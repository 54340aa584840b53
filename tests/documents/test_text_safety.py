"""User text prints literally: markup characters are escaped, decomposed (NFD) Vietnamese prints as NFC."""

from __future__ import annotations

import dataclasses
import unicodedata

from emulation_desk.documents.page import markup
from emulation_desk.services.reporting.documents_data import ListEntry, ListGroup
from emulation_desk.services.workspace import Workspace
from tests.documents.conftest import open_pdf, page_text

HOSTILE = 'A & B <Chi nhánh> <font color="red">x</font> a<b và c>d'
NAME = "Nguyễn Thị Ánh Tuyết"
NFD_NAME = unicodedata.normalize("NFD", NAME)


def test_markup_escapes_and_normalises() -> None:
    assert markup("A & B <Chi nhánh>") == "A &amp; B &lt;Chi nhánh&gt;"
    assert markup(NFD_NAME) == NAME
    assert markup(None) == ""


def _all_text(data: bytes) -> str:
    with open_pdf(data) as pdf:
        return " ".join(page_text(p) for p in pdf.pages)


def test_report_prints_hostile_and_decomposed_text(demo_ws: Workspace) -> None:
    from emulation_desk.documents.report import report_pdf
    from emulation_desk.services.reporting.documents_data import report_for_print
    from emulation_desk.services.reporting.reports import find_report, report_sections, update_section

    report = find_report(demo_ws, 2020)
    section = next(s for s in report_sections(demo_ws, report["id"]) if s["label"] == "1.")
    update_section(demo_ws, section["id"], title=f"Đơn vị {HOSTILE}",
                   body=f"{NFD_NAME} thuộc {HOSTILE}.\n* Khen & thưởng <b>:</b> {NFD_NAME}")
    printed = report_for_print(demo_ws, 2020)
    printed = dataclasses.replace(printed, title=f"{unicodedata.normalize('NFD', printed.title)}",
                                  recipients=(*printed.recipients[:-1], f"{HOSTILE};", "Lưu: VT."))
    text = _all_text(report_pdf(printed))
    assert f"1. Đơn vị {HOSTILE}" in text
    assert f"{NAME} thuộc {HOSTILE}." in text
    assert f"* Khen & thưởng <b>:</b> {NAME}" in text
    assert f"- {HOSTILE};" in text
    assert "Tổng kết công tác thi đua, khen thưởng năm 2020" in text
    assert unicodedata.normalize("NFD", "ế") not in text


def test_decision_list_prints_hostile_and_decomposed_names(doc_ws: Workspace) -> None:
    from emulation_desk.documents.decision import decision_pdf
    from emulation_desk.services.reporting.documents_data import decision_for_print

    decision = decision_for_print(doc_ws, "2215", 2020)
    long_unit = f"{HOSTILE} và một tên đơn vị rất dài để phải xuống dòng trong ô của bảng danh sách"
    entries = (ListEntry(NFD_NAME, "Giáo viên", "Trường <Tiểu học> A&B", 450000, False),
               ListEntry("Lê Ba & <Con>", unicodedata.normalize("NFD", "Phó Hiệu trưởng"), long_unit, 450000, True))
    decision = dataclasses.replace(decision, groups=(ListGroup("ca_nhan", "CÁ NHÂN", entries),),
                                   counts={"ca_nhan": 2}, title=unicodedata.normalize("NFD", decision.title))
    text = _all_text(decision_pdf(decision))
    assert NAME in text and "Trường <Tiểu học> A&B" in text
    assert "Lê Ba & <Con>" in text and "Phó Hiệu trưởng" in text
    assert "A & B <Chi nhánh> <font color=\"red\">x</font>" in text
    assert "Về việc tặng Giấy khen cho cá nhân có hành động dũng cảm cứu người" in text
