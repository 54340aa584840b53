"""Reports tab: the statistical table on screen as printed (header, numbers, groups, the model report's
figures), a cell opening its records, section editing with rendered figures, a new year's report from last
year's, and an export through an injected exporter in a worker thread."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from emulation_desk.documents.stat_table import cell_text
from emulation_desk.services.reporting import reports
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.main_window import MainWindow
from emulation_desk.ui.stat_table import CELL_ROLE, NUMBERS
from emulation_desk.ui.tabs.reports import ReportsTab
from tests.seed_table import SEED_ROWS, normalise
from tests.ui.driving import answer, when_modal


def _row_index(tab: ReportsTab, key: str) -> int:
    return next(i for i, line in enumerate(tab.stat_model.lines) if line.key == key)


def test_table_on_screen_matches_the_model_report(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(4)
    tab = window.reports_tab
    model, view = tab.stat_model, tab.stat_view
    assert [model.index(3, c).data() for c in range(14)] == NUMBERS
    assert model.index(0, 2).data() == "Số lượng khen thưởng trong năm" and view.columnSpan(0, 2) == 3
    assert view.rowSpan(1, 7) == 2 and "lãnh đạo quản lý" in model.index(1, 7).data()
    group = next(i for i, line in enumerate(model.lines) if line.kind == "group")
    assert model.index(group, 0).data() == "I" and view.columnSpan(group, 1) == 13
    for key in ("I.2", "I.3", "II.5"):
        row = _row_index(tab, key)
        printed = [model.index(row, c).data() for c in range(2, 13)]
        expected = [cell_text(normalise(cell)) for cell in SEED_ROWS[key][:11]]  # as printed: 1.984, 62,5%
        assert printed == expected, key


def test_a_count_cell_opens_the_records_it_counts(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(4)
    tab = window.reports_tab
    index = tab.stat_model.index(_row_index(tab, "II.4"), 2)
    assert index.data(CELL_ROLE) == ("II.4", "c3")
    seen: dict[str, int] = {}

    def look(dialog) -> None:  # type: ignore[no-untyped-def]
        seen["rows"] = dialog.model.rowCount()
        dialog.accept()

    when_modal(look)
    tab.open_cell(index)
    assert seen["rows"] == 5


def test_edit_a_section_and_see_the_figures_rendered(window: MainWindow) -> None:
    window.tabs.setCurrentIndex(4)
    tab = window.reports_tab
    tab.pages.setCurrentIndex(1)
    tab.filter_edit.setText("khoi thi dua")
    tab.view.selectRow(0)
    section = tab.selected_row()
    assert "{{khoi_thi_dua}}" in tab.section_body.toPlainText()
    tab.section_body.setPlainText("Tổng kết khối. ")
    tab.section_body.moveCursor(tab.section_body.textCursor().MoveOperation.End)
    tab.placeholder_box.setCurrentIndex(tab.placeholder_box.findData("tien_thuong"))
    tab.insert_placeholder()
    tab.save_section()
    stored = next(s for s in reports.report_sections(window.ws, section["report_id"]) if s["id"] == section["id"])
    assert stored["body"] == "Tổng kết khối. {{tien_thuong}}"
    assert "Tổng tiền thưởng theo các quyết định" in tab.preview.toPlainText()
    assert "{{" not in tab.preview.toPlainText()


def test_new_year_report_from_last_year(window: MainWindow) -> None:
    window.year_box.setCurrentIndex(window.year_box.findData(2021))
    window.tabs.setCurrentIndex(4)
    tab = window.reports_tab
    assert tab.report is None and tab.copy_button.isEnabled()
    when_modal(answer("Tạo báo cáo"))
    tab.copy_from_last_year()
    assert tab.report is not None and "năm 2021" in tab.report["title"]
    assert tab.model.rowCount() == 22


def test_export_runs_the_injected_exporter_in_a_worker(qtbot: QtBot, demo_ws: Workspace, tmp_path: Path) -> None:
    create_application()
    calls: list[tuple[int, Path]] = []

    def exporter(ws: Workspace, year: int, path: Path) -> Path:
        calls.append((year, path))
        path.write_text("ok", encoding="utf-8")
        return path

    tab = ReportsTab(demo_ws, {"table_xlsx": exporter})
    qtbot.addWidget(tab)
    tab.load(2020)
    assert all(button.isEnabled() for button in tab.export_buttons.values())  # the others: the registry's
    when_modal(answer("Đóng"), attempts=300)
    task = tab.export("table_xlsx", tmp_path / "bieu.xlsx")
    assert task is not None and task.kind == "write"  # the export is audited: the one background writer
    with qtbot.waitSignal(task.ended, timeout=5000):
        pass
    assert calls == [(2020, tmp_path / "bieu.xlsx")] and (tmp_path / "bieu.xlsx").read_text() == "ok"


def test_table_computed_in_the_background_is_the_same(qtbot: QtBot, demo_ws: Workspace) -> None:
    create_application()
    tab = ReportsTab(demo_ws, background=True)
    qtbot.addWidget(tab)
    tab.load(2020)
    tab.wait_loaded()
    row = _row_index(tab, "I.1")
    assert [tab.stat_model.index(row, c).data() for c in range(2, 6)] == ["542", "396", "73%", "145"]
    assert "đều đúng" in tab.check_label.text()


def test_the_table_shows_from_the_sql_counts_then_its_checks(qtbot: QtBot, demo_ws: Workspace) -> None:
    from emulation_desk.core.stats import ALL_COLUMNS
    from emulation_desk.services.reporting import statistics

    create_application()
    tab = ReportsTab(demo_ws, background=True)
    qtbot.addWidget(tab)
    tab.load(2020)
    qtbot.waitUntil(lambda: tab.stat_model.table is not None, timeout=30_000)
    tab.wait_loaded(60_000)
    assert "đều đúng" in tab.check_label.text()
    shown = tab.stat_model.table
    assert shown is not None and not any(row.facts for row in shown.rows())  # the SQL counts, no line kept
    traced = statistics.traced_table(demo_ws, 2020)
    assert [(r.key, [r.value(c) for c in ALL_COLUMNS]) for r in shown.rows()] == \
        [(r.key, [r.value(c) for c in ALL_COLUMNS]) for r in traced.rows()]
