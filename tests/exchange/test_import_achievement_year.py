"""The nominations import reads an optional "Năm thành tích" column: a period is kept with the nomination, a
year other than the list's is refused with a message, an empty cell or a missing column is the list's year."""

from __future__ import annotations

from pathlib import Path

import pytest

from emulation_desk.exchange.errors import ImportRejectedError
from emulation_desk.exchange.headers import match_field
from emulation_desk.services.awards import imports
from emulation_desk.services.awards.decisions import nomination_period
from emulation_desk.services.workspace import Workspace
from tests.exchange.builders import nomination_table

HEADER = ["STT", "Họ và tên", "Năm sinh", "Chức vụ", "Đơn vị", "Hình thức khen thưởng", "Năm thành tích"]


def test_the_header_is_recognised() -> None:
    assert match_field("Năm thành tích") == "achievement_year"
    assert match_field("Năm, giai đoạn thành tích (*)") == "achievement_year"
    assert match_field("Tóm tắt thành tích") == "achievement"


def test_a_period_is_kept_with_the_nomination(ws: Workspace, tmp_path: Path) -> None:
    path = nomination_table(tmp_path / "list.xlsx", [
        [1, "Nguyễn Văn An", 1980, "Chuyên viên", "Phòng Nội vụ", "Lao động tiên tiến", 2023],
        [2, "Trần Thị Bình", 1985, "Chuyên viên", "Phòng Nội vụ", "Chiến sĩ thi đua cấp tỉnh", "2021-2023"],
        [3, "Lê Văn Cường", 1990, "Chuyên viên", "Phòng Nội vụ", "Lao động tiên tiến", None]], header=HEADER)
    imports.import_nominations(ws, path, year=2023)
    rows = ws.store.query("SELECT n.*, p.full_name FROM nomination n JOIN person p ON p.id = n.person_id")
    got = {r["full_name"]: nomination_period(r).compact() for r in rows}
    assert got == {"Nguyễn Văn An": "2023", "Trần Thị Bình": "2021–2023", "Lê Văn Cường": "2023"}


def test_a_yearly_title_over_a_period_is_refused(ws: Workspace, tmp_path: Path) -> None:
    """Luật TĐKT 2022 Điều 22–28: LĐTT is given for one year's achievement; a period is a typing mistake."""
    path = nomination_table(tmp_path / "list.xlsx", [
        [1, "Trần Thị Bình", 1985, "Chuyên viên", "Phòng Nội vụ", "Lao động tiên tiến", "2022-2023"]], header=HEADER)
    with pytest.raises(ImportRejectedError) as caught:
        imports.import_nominations(ws, path, year=2023)
    assert "xét tặng hằng năm" in " ".join(p.reason for p in caught.value.problems)
    assert ws.store.scalar("SELECT count(*) FROM nomination") == 0


def test_another_year_or_an_unreadable_cell_is_refused(ws: Workspace, tmp_path: Path) -> None:
    path = nomination_table(tmp_path / "list.xlsx", [
        [1, "Nguyễn Văn An", 1980, "Chuyên viên", "Phòng Nội vụ", "Lao động tiên tiến", 2022],
        [2, "Trần Thị Bình", 1985, "Chuyên viên", "Phòng Nội vụ", "Lao động tiên tiến", "năm ngoái"]], header=HEADER)
    with pytest.raises(ImportRejectedError) as caught:
        imports.import_nominations(ws, path, year=2023)
    reasons = " ".join(p.reason for p in caught.value.problems)
    assert "Không đọc được năm thành tích «năm ngoái»" in reasons
    assert ws.store.scalar("SELECT count(*) FROM nomination") == 0
    path = nomination_table(tmp_path / "list2.xlsx", [
        [1, "Nguyễn Văn An", 1980, "Chuyên viên", "Phòng Nội vụ", "Lao động tiên tiến", 2022]], header=HEADER)
    with pytest.raises(ImportRejectedError) as caught:
        imports.import_nominations(ws, path, year=2023)
    assert "khác năm của danh sách đề nghị (2023)" in caught.value.problems[0].reason
    assert ws.store.scalar("SELECT count(*) FROM nomination") == 0

