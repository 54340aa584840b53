"""A decision's own Điều 3 and Nơi nhận (service, command, print), the decisions list and number look-up that
never guesses, and a small decision made from an empty database."""

from __future__ import annotations

from pathlib import Path

import pytest

from emulation_desk.cli import run
from emulation_desk.documents.decision import decision_pdf
from emulation_desk.errors import KnownError, ValidationError
from emulation_desk.services.awards import decisions
from emulation_desk.services.reporting.documents_data import decision_for_print
from emulation_desk.services.workspace import Workspace, open_workspace
from tests.documents.conftest import open_pdf, page_text
from tests.documents.test_decision_lists import read_decision


def _text(data: bytes) -> str:
    with open_pdf(data) as pdf:
        return " ".join(page_text(p) for p in pdf.pages)


def test_own_texts_print_and_an_issued_decision_needs_a_reason(demo_ws: Workspace) -> None:
    decision = demo_ws.store.query("SELECT * FROM decision WHERE number = '4522'")[0]
    args = {"execution_text": "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng và các tập thể có tên "
                              "tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
            "recipients": ["Như Điều 3;", "Sở Tài chính;", "Lưu: VT, NV."]}
    with pytest.raises(ValidationError, match="Lý do đính chính"):
        decisions.set_decision_texts(demo_ws, decision["id"], **args)
    decisions.set_decision_texts(demo_ws, decision["id"], reason="Bổ sung Sở Tài chính",
                                 **args)
    logged = demo_ws.store.query("SELECT * FROM audit_log WHERE entity = 'decision' AND entity_id = ? AND "
                                 "action = 'correct'", [decision["id"]])
    assert logged and "Bổ sung Sở Tài chính" in logged[-1]["summary"]
    text = _text(decision_pdf(decision_for_print(demo_ws, "4522", 2020)))
    assert "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng và các tập thể" in text
    assert "- Sở Tài chính;" in text
    decisions.set_decision_texts(demo_ws, decision["id"], execution_text="", recipients=[],
                                 reason="Trở về mặc định")
    text = _text(decision_pdf(decision_for_print(demo_ws, "4522", 2020)))
    assert "Trưởng phòng Tài chính - Kế hoạch" in text and "Sở Tài chính;" not in text


def test_commands_list_and_edit(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", str(demo_path), "decisions", "list", "--year", "2020"]) == 0
    out = capsys.readouterr().out
    assert "4522/QĐ-UBND       10/12/2020  Tập thể lao động tiên tiến; 59 người/tập thể; 50.400.000 đồng" in out
    assert "3102" not in out  # a received decision only with --all
    assert run(["--db", str(demo_path), "decisions", "list", "--year", "2020", "--all"]) == 0
    assert "3102" in capsys.readouterr().out
    assert run(["--db", str(demo_path), "decisions", "edit", "--number", "4522", "--year", "2020", "--noi-nhan",
                "Như Điều 3;", "Lưu: VT."]) == 1
    assert "Lý do đính chính" in capsys.readouterr().err
    assert run(["--db", str(demo_path), "decisions", "edit", "--number", "4522", "--year", "2020", "--noi-nhan",
                "Như Điều 3;", "Lưu: VT.", "--ly-do", "Sửa nơi nhận"]) == 0
    assert "Nơi nhận: - Như Điều 3; - Lưu: VT." in capsys.readouterr().out


def test_an_empty_or_shared_number_lists_the_decisions_instead_of_choosing(demo_ws: Workspace) -> None:
    source = demo_ws.store.query("SELECT * FROM decision WHERE number = '2215'")[0]
    fields = {k: source[k] for k in ("signed_on", "issuer_level", "issuer_name", "title", "kind", "form_code")}
    decisions.create_decision(demo_ws, number="2215", symbol="QĐ-CT", **fields)
    with pytest.raises(KnownError, match=r"Có 2 quyết định số 2215 năm 2020: 2215/QĐ-UBND ngày 02/07/2020 .*"
                                         r"2215/QĐ-CT .*Hãy ghi cả ký hiệu"):
        decision_for_print(demo_ws, "2215", 2020)
    assert decision_for_print(demo_ws, "2215/QĐ-UBND", 2020).counts["ca_nhan"] == 2
    decisions.create_decision(demo_ws, number="", symbol="QĐ-UBND", **fields)
    decisions.create_decision(demo_ws, number="", symbol="QĐ-UBND", **fields)
    with pytest.raises(KnownError, match=r"Có 2 quyết định chưa có số năm 2020"):
        decision_for_print(demo_ws, "", 2020)


def build_small_office(ws: Workspace) -> None:
    """An office set up from an empty file through the services: profile, signer, two units, three people,
    and one Giấy khen decision for two individuals and one collective, issued."""
    from emulation_desk.services.records.org import add_signatory, save_organisation
    from emulation_desk.services.records.people import add_person
    from emulation_desk.services.records.units import add_unit

    save_organisation(ws, parent_body="UBND TỈNH HÀ NAM", issuing_body="ỦY BAN NHÂN DÂN XÃ KIM BẢNG",
                      body_short="UBND xã", place_name="Kim Bảng", level="xa", office_name="Phòng Văn hóa - Xã hội",
                      office_code="VHXH", fund_source="Quỹ thi đua, khen thưởng của xã")
    signer = add_signatory(ws, "Lê Văn Tâm", "Chủ tịch", is_head=True).id
    school = add_unit(ws, "Trường Tiểu học Kim Bảng", "truong_hoc").id
    office = add_unit(ws, "Văn phòng HĐND và UBND xã", "phong_chuyen_mon").id
    people = [add_person(ws, name, unit_id=unit, position=position).id for name, unit, position in (
        ("Nguyễn Thị Hoa", school, "Giáo viên"), ("Trần Văn Bình", office, "Công chức Văn phòng - Thống kê"))]
    decision_id = decisions.create_decision(
        ws, number="15", symbol="QĐ-UBND", signed_on="2025-12-10", issuer_level="don_vi",
        issuer_name="Chủ tịch UBND xã Kim Bảng", title="Về việc tặng Giấy khen cho các tập thể, cá nhân đã có thành "
        "tích xuất sắc năm 2025", kind="cong_trang", form_code="GK_CT_XA", signer_id=signer, signer_name="Lê Văn Tâm",
        signer_position="Chủ tịch").id
    decisions.add_recipients(ws, decision_id, [
        *({"subject": "ca_nhan", "person_id": p, "achievement": "Đã có thành tích xuất sắc năm 2025"}
          for p in people),
        {"subject": "tap_the", "unit_id": school, "achievement": "Đã có thành tích xuất sắc năm 2025"}])
    decisions.issue_decision(ws, decision_id)


def test_small_decision_from_an_empty_database(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "xa.sqlite")
    try:
        build_small_office(ws)
        printed = decision_for_print(ws, "15", 2025)
        data = decision_pdf(printed)
    finally:
        ws.close()
    read = read_decision(data)
    assert "Điều 1. Tặng Giấy khen cho 01 tập thể, 02 cá nhân (có danh sách kèm theo). Đã có thành tích xuất sắc " \
           "năm 2025." in read["body"]
    assert read["rows"] == 3 and read["total"] == read["money"] == printed.total > 0
    assert [h for h in read["headings"] if "Kim" in h or "HĐND" in h] == ["Trường Tiểu học Kim Bảng",
                                                                           "Văn phòng HĐND và UBND xã"]
    assert read["tail"].index("I TẬP THỂ") < read["tail"].index("II CÁ NHÂN")
    assert "Chủ tịch UBND xã" in read["tail"] and "Trưởng phòng Văn hóa - Xã hội" in read["body"]
