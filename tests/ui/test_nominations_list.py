"""The nomination list: the search text once the verdicts arrive equals the text made from scratch; the side
panel's divider is remembered."""

from __future__ import annotations

from typing import Any

from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.table_model import fold_rows
from emulation_desk.ui.tabs.nominations import (
    NOMINATION_COLUMNS,
    _read_year,
    _with_verdict_text,
    eligibility_verdicts,
)


def test_the_verdict_text_put_in_front_equals_the_text_made_from_scratch(demo_ws: Workspace) -> None:
    rows, folded = _read_year(demo_ws, 2020, fold=True)
    found = eligibility_verdicts(demo_ws, 2020)
    judged: list[dict[str, Any]] = [{**r, "_verdict": found.get(r["id"]),
                                     "_verdict_status": getattr(found.get(r["id"]), "status", None)} for r in rows]
    expected = fold_rows(NOMINATION_COLUMNS, judged)
    assert _with_verdict_text(rows, folded, found) == expected
    assert _with_verdict_text(rows, None, found) == expected
    assert any(text.startswith(" chua dat") for text in expected)


def test_the_side_panel_divider_is_remembered(qtbot: Any, demo_ws: Workspace, tmp_path: Any) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QSplitter

    from emulation_desk.ui.app import create_application
    from emulation_desk.ui.tabs.nominations import NominationsTab

    create_application()
    settings = QSettings(str(tmp_path / "giao-dien.ini"), QSettings.Format.IniFormat)
    first = NominationsTab(demo_ws)
    qtbot.addWidget(first)
    first.resize(1300, 600)
    first.show()
    splitter = first.findChildren(QSplitter)[0]
    splitter.setSizes([700, 580])
    chosen = splitter.sizes()
    first.save_state(settings)
    settings.sync()
    again = NominationsTab(demo_ws)
    qtbot.addWidget(again)
    again.resize(1300, 600)
    again.show()
    again.restore_state(QSettings(str(tmp_path / "giao-dien.ini"), QSettings.Format.IniFormat))
    assert again.findChildren(QSplitter)[0].sizes() == chosen


def test_the_benchmark_of_the_list_with_verdicts_runs_on_the_demo(demo_template: Any, tmp_path: Any) -> None:
    import shutil

    from tests.bench.gui_bench import list_with_verdicts

    copy = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, copy)
    found = list_with_verdicts(copy, 2020)
    assert found["judged"] == 3131 and 0 < found["rows"] <= found["verdicts"] and found["peak_mb"] > 0


def test_the_verdict_column_names_the_status_once() -> None:
    from emulation_desk.ui.tabs.nominations import _verdict_text
    from tests.ui.test_nominations_tab import FakeVerdict

    warned = {"_verdict": FakeVerdict("canh_bao", "Cần xem lại: năm 2021 chưa có kết quả xếp loại")}
    assert _verdict_text(warned) == "Cần xem lại: năm 2021 chưa có kết quả xếp loại"
    passed = {"_verdict": FakeVerdict("dat", "Đủ điều kiện: năm 2020 hoàn thành tốt nhiệm vụ")}
    assert _verdict_text(passed) == "Đạt: Đủ điều kiện: năm 2020 hoàn thành tốt nhiệm vụ"
    assert _verdict_text({"_verdict": None, "_verdict_pending": True}) == "Đang kiểm tra…"
