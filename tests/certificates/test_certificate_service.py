"""Certificates of a demo decision: one page per recipient in list order, Số sổ vàng = row number, kept
from the first print, the print log with its profile values, the reprint of one, LĐTT refused."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from emulation_desk.errors import KnownError, ValidationError
from emulation_desk.services.awards.decisions import decision_recipients, find_decision
from emulation_desk.services.reporting.certificates import (
    export_calibration,
    export_certificates,
    in_list_order,
    print_log,
    reprint_certificate,
)
from emulation_desk.services.reporting.printers import (
    correction_from_measures,
    delete_profile,
    get_profile,
    list_profiles,
    save_printer_profile,
)
from emulation_desk.services.workspace import Workspace

CSTDCS = ("2891", 2020)  # an own issued CSTĐCS decision of the demo (227 recipients)


def page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as doc:
        return [page.extract_text() or "" for page in doc.pages]


def test_golden_number_is_the_row_number(demo_ws: Workspace, tmp_path: Path) -> None:
    decision = find_decision(demo_ws, *CSTDCS)
    ordered = in_list_order(demo_ws, decision_recipients(demo_ws, decision["id"]))
    result, changes = export_certificates(demo_ws, tmp_path / "cstdcs.pdf", number=CSTDCS[0], year=CSTDCS[1])
    assert result.pages == len(ordered) == 227 and changes.decisions
    texts = page_texts(result.path)
    for row_number in (1, 2, 57, 227):
        page = texts[row_number - 1]
        assert f"Số sổ vàng: {row_number}" in page
        assert ordered[row_number - 1]["display_name"] in page
        assert "CHIẾN SĨ THI ĐUA CƠ SỞ" in page and "TẶNG DANH HIỆU" in page
    stored = {r["recipient_id"]: r["number"] for r in demo_ws.store.query(
        "SELECT recipient_id, number FROM golden_book_entry WHERE decision_id = ?", [decision["id"]])}
    assert stored == {row["id"]: index for index, row in enumerate(ordered, start=1)}


def test_numbers_are_kept_and_one_is_reprinted(demo_ws: Workspace, tmp_path: Path) -> None:
    decision = find_decision(demo_ws, *CSTDCS)
    save_printer_profile(demo_ws, name="Canon khay 2", printer="Canon LBP", tray="Khay 2", offset_x_mm="1,5",
                         offset_y_mm=-2, scale_x=0.99, scale_y=1.01)
    export_certificates(demo_ws, tmp_path / "first.pdf", decision_id=decision["id"], blank=True)
    # the clerk's unit order changes after the first print: the numbers stay as they were printed
    with demo_ws.store.transaction():
        demo_ws.store.conn.execute("UPDATE unit SET sort_order = 1000 - sort_order")
    before = demo_ws.store.query("SELECT recipient_id, number FROM golden_book_entry ORDER BY number")
    reordered = in_list_order(demo_ws, decision_recipients(demo_ws, decision["id"]))
    assert [r["id"] for r in reordered] != [r["recipient_id"] for r in before]
    second, _ = export_certificates(demo_ws, tmp_path / "second.pdf", decision_id=decision["id"], blank=True,
                                    profile="canon khay 2")
    assert demo_ws.store.query("SELECT recipient_id, number FROM golden_book_entry ORDER BY number") == before
    recipient = before[41]["recipient_id"]
    again, _ = reprint_certificate(demo_ws, recipient, tmp_path / "one.pdf", blank=True, profile="Canon khay 2")
    assert again.pages == 1
    [text] = page_texts(again.path)
    assert "Số sổ vàng: 42" in text and "CHIẾN SĨ" not in text  # on a blank: the variable text only
    log = print_log(demo_ws, decision["id"])
    assert [(e["pages"], e["reprint"], e["mode"]) for e in log] == [(1, 1, "blank"), (227, 0, "blank"),
                                                                   (227, 0, "blank")]
    assert log[0]["numbers"] == [42] and log[0]["profile_name"] == "Canon khay 2"
    assert (log[0]["offset_x_mm"], log[0]["scale_y"]) == (1.5, 1.01)
    assert second.print_id == log[1]["id"]


def test_ldtt_and_other_offices_decisions_are_refused(demo_ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="Lao động tiên tiến” không có giấy chứng nhận"):
        export_certificates(demo_ws, tmp_path / "ldtt.pdf", number="2890", year=2020)
    with pytest.raises(KnownError, match="cấp đó in và gửi về"):
        export_certificates(demo_ws, tmp_path / "bk.pdf", number="3105", year=2020)
    assert not (tmp_path / "ldtt.pdf").exists()
    assert demo_ws.store.scalar("SELECT count(*) FROM certificate_print") == 0


def test_printer_profiles(demo_ws: Workspace, tmp_path: Path) -> None:
    created = save_printer_profile(demo_ws, name="Máy in tầng 2")
    with pytest.raises(ValidationError, match="Đã có hồ sơ máy in tên “Máy in tầng 2”"):
        save_printer_profile(demo_ws, name="may in tang 2")
    with pytest.raises(ValidationError, match="Tỷ lệ ngang 1,5 không hợp lý"):
        save_printer_profile(demo_ws, name="Khác", scale_x="1,5")
    save_printer_profile(demo_ws, created.id, name="Máy in tầng 2", offset_y_mm="0,8")
    assert get_profile(demo_ws, "máy in tầng 2").offset_y_mm == 0.8
    path, _ = export_calibration(demo_ws, tmp_path / "calib.pdf", profile="Máy in tầng 2")
    assert "Máy in tầng 2" in page_texts(path)[0]
    delete_profile(demo_ws, created.id)
    assert list_profiles(demo_ws) == []


def test_correction_from_two_crosshairs() -> None:
    # the printer draws p at 1.2 + 0.98 p (x) and -0.9 + 1.01 p (y); the profile must undo it
    nominal = ((20.0, 20.0), (277.0, 190.0))
    measured = tuple((1.2 + 0.98 * x, -0.9 + 1.01 * y) for x, y in nominal)
    ox, oy, sx, sy = correction_from_measures(nominal, measured)  # type: ignore[arg-type]
    for p in (20.0, 148.5, 277.0):
        assert abs(1.2 + 0.98 * (ox + sx * p) - p) < 1e-9
        assert abs(-0.9 + 1.01 * (oy + sy * p) - p) < 1e-9


def test_preview_does_not_store(demo_ws: Workspace) -> None:
    from emulation_desk.services.reporting.certificates import certificate_preview

    decision = find_decision(demo_ws, *CSTDCS)
    rendered = certificate_preview(demo_ws, decision["id"], only=[3])
    with pdfplumber.open(io.BytesIO(rendered.data)) as doc:
        assert len(doc.pages) == 1 and "Số sổ vàng: 3" in doc.pages[0].extract_text()
    assert demo_ws.store.scalar("SELECT count(*) FROM golden_book_entry") == 0


def test_scanned_blank_only_under_the_preview(demo_ws: Workspace, tmp_path: Path) -> None:
    from PIL import Image

    from emulation_desk.services.reporting.certificates import certificate_preview

    scan = tmp_path / "phoi.png"
    Image.new("RGB", (297, 210), (250, 235, 200)).save(scan)
    decision = find_decision(demo_ws, *CSTDCS)
    rendered = certificate_preview(demo_ws, decision["id"], only=[1, 2], scan=scan)
    with pdfplumber.open(io.BytesIO(rendered.data)) as doc:
        assert [len(page.images) for page in doc.pages] == [1, 1]
        assert "Số sổ vàng: 2" in doc.pages[1].extract_text()
    result, _ = export_certificates(demo_ws, tmp_path / "in.pdf", decision_id=decision["id"], blank=True, only=[1])
    with pdfplumber.open(result.path) as doc:
        assert doc.pages[0].images == []
    broken = tmp_path / "hong.png"
    broken.write_bytes(b"not an image")
    with pytest.raises(KnownError, match=r"Không đọc được ảnh phôi quét hong\.png"):
        certificate_preview(demo_ws, decision["id"], scan=broken)


def test_a_title_without_certificate_is_left_out_with_a_warning(demo_ws: Workspace, tmp_path: Path) -> None:
    from emulation_desk.services.awards.decisions import add_recipients, create_decision, issue_decision

    signer = demo_ws.store.query("SELECT * FROM signatory ORDER BY sort_order LIMIT 1")[0]
    people = demo_ws.store.query("SELECT id FROM person WHERE unit_id IS NOT NULL ORDER BY full_name LIMIT 3")
    decision_id = create_decision(
        demo_ws, number="77", symbol="QĐ-UBND", signed_on="2021-12-20", issuer_level="don_vi",
        issuer_name="Chủ tịch UBND thành phố Nam Định", kind="cong_trang", form_code="GK_CT_HUYEN",
        title="Về việc khen thưởng năm 2021", signer_id=signer["id"]).id
    add_recipients(demo_ws, decision_id, [{"subject": "ca_nhan", "person_id": people[0]["id"]},
                                          {"subject": "ca_nhan", "person_id": people[1]["id"], "form_code": "LDTT"},
                                          {"subject": "ca_nhan", "person_id": people[2]["id"]}])
    issue_decision(demo_ws, decision_id)
    result, _ = export_certificates(demo_ws, tmp_path / "gk.pdf", decision_id=decision_id)
    assert result.pages == 2
    assert any("Lao động tiên tiến" in w and "không có trong tệp in" in w for w in result.warnings)
    numbers = sorted(demo_ws.store.query("SELECT number FROM golden_book_entry WHERE decision_id = ?",
                                         [decision_id]), key=lambda r: r["number"])
    assert [r["number"] for r in numbers] == [1, 2, 3]  # the LĐTT row keeps its row number in the list
    with pytest.raises(KnownError, match="không có giấy khen số sổ vàng 9"):
        export_certificates(demo_ws, tmp_path / "x.pdf", decision_id=decision_id, only=[9])
