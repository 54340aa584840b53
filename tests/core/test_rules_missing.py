"""Missing data is its own verdict ("Chưa có dữ liệu: xếp loại năm 2024 — nhập ở Hồ sơ"), never a failure."""

from __future__ import annotations

from datetime import date

from emulation_desk.core.rules.facts import DisciplineRecord
from emulation_desk.core.rules.verdict import MISSING, STATUS_LABELS, STATUSES, needs_text
from tests.core.test_rules_helpers import initiative, person, unit, verdict


def test_a_person_without_a_rating_lacks_data() -> None:
    v = verdict("LDTT", 2024, person())
    assert v.status == "thieu_du_lieu" and v.status_label == "Chưa có dữ liệu"
    assert v.reason == "Chưa có dữ liệu: xếp loại năm 2024 — nhập ở Hồ sơ"
    assert v.needs == ("xếp loại năm 2024",)
    rating = next(c for c in v.checks if c.code.endswith(".rating"))
    assert rating.outcome == MISSING and "[Chưa có dữ liệu]" in v.explanation()
    data = v.to_json()
    assert data["status"] == "thieu_du_lieu" and data["needs"] == ["xếp loại năm 2024"]


def test_a_real_failure_wins_over_missing_data() -> None:
    reprimand = DisciplineRecord("Khiển trách", date(2024, 3, 1), date(2025, 2, 28))
    v = verdict("LDTT", 2024, person(disciplines=[reprimand]))
    assert v.status == "chua_dat" and "Khiển trách" in v.reason


def test_the_higher_title_says_which_year_is_missing() -> None:
    v = verdict("CSTDCS", 2024, person(initiatives_=[initiative(2024)]))
    assert v.status == "thieu_du_lieu", v.explanation()
    assert "xếp loại năm 2024" in v.needs


def test_a_collective_without_figures_lacks_data() -> None:
    from emulation_desk.core.rules.facts import SubjectHistory

    v = verdict("TTLDTT", 2024, SubjectHistory("tap_the", "u1", "Phòng Nội vụ"), subject="tap_the")
    assert v.status == "thieu_du_lieu" and "số liệu năm 2024 của tập thể" in v.needs
    assert verdict("TTLDTT", 2024, unit(2024, standard=20, completed=20), subject="tap_the").status != "thieu_du_lieu"


def test_statuses_and_phrase() -> None:
    assert "thieu_du_lieu" in STATUSES and STATUS_LABELS["thieu_du_lieu"] != STATUS_LABELS["chua_dat"]
    assert needs_text(["xếp loại năm 2024 của tập thể", "số liệu năm 2024 của tập thể"]) == \
        "xếp loại, số liệu năm 2024 của tập thể"
    assert needs_text(["xếp loại năm 2023", "xếp loại năm 2024"]) == "xếp loại năm 2023; xếp loại năm 2024"
