"""Two people with the same name and birth year in one list: asked, answered, kept — only a true repeat is an
error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from emulation_desk.exchange.errors import ImportRejectedError
from emulation_desk.services.awards import imports
from emulation_desk.services.workspace import Workspace
from tests.exchange.builders import nomination_table

YEAR = 2021
HEADER = ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Chức vụ", "Đơn vị", "Hình thức khen thưởng"]
UNIT = "Phòng Giáo dục và Đào tạo"


def _list(path: Path, *rows: list[object]) -> Path:
    return nomination_table(path, [list(r) for r in rows], header=HEADER)


def _preview(ws: Workspace, path: Path, **kwargs: object) -> imports.ImportPreview:
    return imports.preview_nominations(ws, imports.read_source(path), year=YEAR, unit_name=UNIT, **kwargs)


@pytest.fixture
def namesakes(tmp_path: Path) -> Path:
    return _list(tmp_path / "trung_ten.xlsx",
                 [1, "Nguyễn Văn Bình", 1980, "Nam", "Giáo viên", UNIT, "Lao động tiên tiến"],
                 [2, "Trần Thị Mai", 1985, "Nữ", "Kế toán", UNIT, "Lao động tiên tiến"],
                 [3, "Nguyễn Văn Bình", 1980, "Nam", "Bảo vệ", UNIT, "Lao động tiên tiến"])


def test_rows_that_differ_ask_same_person_or_two(demo_ws: Workspace, namesakes: Path) -> None:
    preview = _preview(demo_ws, namesakes)
    assert not preview.problems and not preview.ok
    (question,) = preview.questions
    assert question.id == "Danh sách!5" and question.differences == ["Chức vụ"]
    assert question.text() == ("Dòng 3 và dòng 5 cùng họ tên «Nguyễn Văn Bình», năm sinh 1980 nhưng khác chức vụ: "
                               "cùng một người hay hai người khác nhau?")
    sides = {label: (a, b) for label, a, b in question.sides}
    assert sides["Chức vụ"] == ("Giáo viên", "Bảo vệ") and sides["Dòng"] == ("3", "5")
    assert json.dumps(question.as_dict(), ensure_ascii=False)  # plain data for a dialog
    assert "1 câu hỏi về người trùng tên cần trả lời" in preview.summary()
    before = demo_ws.store.scalar("SELECT count(*) FROM nomination WHERE year = ?", [YEAR])
    with pytest.raises(ImportRejectedError) as refused:
        imports.commit_import(demo_ws, preview)
    assert "chưa trả lời" in refused.value.message and refused.value.problems[0].row == 5
    assert demo_ws.store.scalar("SELECT count(*) FROM nomination WHERE year = ?", [YEAR]) == before


def test_two_people_makes_two_records_and_the_answer_is_kept(demo_ws: Workspace, namesakes: Path) -> None:
    preview = _preview(demo_ws, namesakes)
    result = imports.commit_import(demo_ws, preview, answers={"Danh sách!5": "khác"})
    assert result.counts["nominations"] == 3 and result.counts["people"] == 3
    people = demo_ws.store.query("SELECT position FROM person WHERE full_name = 'Nguyễn Văn Bình' "
                                 "AND birth_year = 1980 ORDER BY position")
    assert [p["position"] for p in people] == ["Bảo vệ", "Giáo viên"]
    audit = demo_ws.store.query("SELECT after_json FROM audit_log WHERE action = 'import' ORDER BY seq DESC LIMIT 1")
    kept = json.loads(audit[0]["after_json"])["namesakes"]
    assert kept == [{"sheet": "Danh sách", "rows": [3, 5], "name": "Nguyễn Văn Bình", "answer": "different"}]


def test_same_person_with_the_same_form_is_a_true_repeat(demo_ws: Workspace, namesakes: Path) -> None:
    preview = imports.answer_namesakes(demo_ws, _preview(demo_ws, namesakes), {"5": "cùng"})
    assert preview.questions[0].answer == "same"
    assert [p.row for p in preview.problems] == [5] and "Trùng với dòng 3" in preview.problems[0].reason


def test_identical_rows_stay_an_error_without_a_question(demo_ws: Workspace, tmp_path: Path) -> None:
    row = [1, "Nguyễn Văn Bình", 1980, "Nam", "Giáo viên", UNIT, "Lao động tiên tiến"]
    preview = _preview(demo_ws, _list(tmp_path / "lap.xlsx", row, [2, *row[1:]]))
    assert not preview.questions and "Trùng với dòng 3" in preview.problems[0].reason


def test_one_person_proposed_for_two_forms_asks_nothing(demo_ws: Workspace, tmp_path: Path) -> None:
    row = [1, "Nguyễn Văn Bình", 1980, "Nam", "Giáo viên", UNIT, "Lao động tiên tiến"]
    preview = _preview(demo_ws, _list(tmp_path / "hai.xlsx", row, [2, *row[1:6], "Chiến sĩ thi đua cơ sở"]))
    assert preview.ok and not preview.questions and len(preview.new_people) == 1 and len(preview.items) == 2


def test_a_namesake_of_an_existing_record(demo_ws: Workspace, tmp_path: Path) -> None:
    """The demo has Đào Tiến Định (1994, Chuyên viên); the list names him and a namesake who is a teacher."""
    path = _list(tmp_path / "co_san.xlsx",
                 [1, "Đào Tiến Định", 1994, "Nam", "Chuyên viên", UNIT, "Lao động tiên tiến"],
                 [2, "Đào Tiến Định", 1994, "Nam", "Giáo viên", UNIT, "Lao động tiên tiến"])
    preview = _preview(demo_ws, path, answers={"Danh sách!4": "different"})
    assert preview.ok, [p.line() for p in preview.problems]
    assert len(preview.matches) == 1 and len(preview.new_people) == 1
    assert preview.new_people[0].position == "Giáo viên"
