"""A first year's report: the standard structure (the model report's parts and headings, figure blocks in
place, the clerk's text left blank), started and stored, or printed unsaved when the year has none."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from emulation_desk import cli
from emulation_desk.errors import ValidationError
from emulation_desk.services.records.org import save_organisation
from emulation_desk.services.reporting import reports
from emulation_desk.services.reporting.report_figures import CLERK_MARK, PLACEHOLDER, PLACEHOLDERS
from emulation_desk.services.workspace import Workspace
from tests.conftest import SEED

PROFILE = {"parent_body": "UBND TỈNH NINH BÌNH", "issuing_body": "ỦY BAN NHÂN DÂN XÃ AN BÌNH",
           "body_short": "UBND xã", "place_name": "An Bình", "level": "xa"}


def _flat(ws: Workspace, year: int) -> list[dict]:
    return reports.report_for_year(ws, year)[1]


def test_headings_follow_the_model_report(ws: Workspace) -> None:
    sections = _flat(ws, 2025)
    headings = [f"{s['label']} {s['title']}" for s in sections]
    model = SEED.read_text(encoding="utf-8") if SEED.exists() else ""
    for heading in ("I. ĐẶC ĐIỂM, TÌNH HÌNH", "II. KẾT QUẢ THỰC HIỆN", "3. Công tác khen thưởng",
                    "III. ĐÁNH GIÁ CHUNG", "4. Bài học kinh nghiệm", "II. GIẢI PHÁP THỰC HIỆN"):
        assert heading in headings
        if model:
            assert heading in model
    assert [s["label"] for s in sections if s["level"] == 0] == ["Phần I", "Phần II"]
    assert headings[-3:-1] == ["Phần II PHƯƠNG HƯỚNG, NHIỆM VỤ CÔNG TÁC NĂM 2026",
                               "I. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM NĂM 2026"]
    used = {m.group(1) for s in sections for m in PLACEHOLDER.finditer(s["body"])}
    assert used == {*PLACEHOLDERS, "cho_viet"}  # every figure block has its place


def test_no_prose_only_blanks_figures_and_the_closing_formula(ws: Workspace) -> None:
    save_organisation(ws, **PROFILE)
    for section in _flat(ws, 2025):
        for line in section["body"].split("\n"):
            assert not line or PLACEHOLDER.fullmatch(line) or line == (
                "Trên đây là báo cáo tổng kết công tác thi đua, khen thưởng năm 2025 của UBND xã./."), line


def test_start_stores_the_structure_once_and_is_audited(ws: Workspace) -> None:
    save_organisation(ws, **PROFILE)
    created = reports.start_standard_report(ws, 2025)
    report = reports.find_report(ws, 2025)
    assert report["id"] == created.id and report["place_name"] == "An Bình" and report["symbol"] == "BC-UBND"
    stored = reports.report_sections(ws, created.id)
    assert len(stored) == len(_flat(ws, 2024)) == 22  # as many as the demo (the model report)
    assert ws.store.scalar("SELECT count(*) FROM audit_log WHERE summary = 'Tạo báo cáo năm 2025 theo cấu trúc "
                           "chuẩn'") == 1
    with pytest.raises(ValidationError, match="đã có báo cáo"):
        reports.start_standard_report(ws, 2025)
    assert len(reports.unwritten_sections(stored)) == 17
    first = next(s for s in stored if CLERK_MARK in s["body"])
    reports.update_section(ws, first["id"], body="Năm 2025, xã triển khai các phong trào thi đua.")
    assert len(reports.unwritten_sections(reports.report_sections(ws, created.id))) == 16


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_export_of_a_first_year_prints_the_structure_without_writing_it(ws: Workspace, tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    save_organisation(ws, **PROFILE)
    ws.close()
    out = tmp_path / "bao-cao.pdf"
    code = cli.run(["--db", str(ws.path), "export", "report", "--year", "2025", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "chưa có báo cáo tổng kết" in captured.err and "Còn 17 mục chưa viết" in captured.err
    text = " ".join(_pdf_text(out).split())
    for expected in ("ỦY BAN NHÂN DÂN XÃ AN BÌNH", "KẾT QUẢ THỰC HIỆN NHIỆM VỤ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2025",
                     "ĐẶC ĐIỂM, TÌNH HÌNH", "Khen thưởng cấp tỉnh: Trong năm 2025, chưa có khen thưởng cấp tỉnh.",
                     "……………", "BIỂU TỔNG HỢP"):
        assert expected in text, expected
    assert "cho_viet" not in text and "{{" not in text
    from emulation_desk.services.workspace import open_workspace

    again = open_workspace(ws.path)
    try:
        assert again.store.scalar("SELECT count(*) FROM report") == 0  # printing only read
    finally:
        again.close()
