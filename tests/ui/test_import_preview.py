"""The import dialog's preview beyond matches: facts for Hồ sơ with the clerk's choice, namesake questions
answered in the dialog, what was recognised while reading, and rows pasted from Excel/Word."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from emulation_desk.services.records import person_facts as pf
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.import_dialog import ImportDialog
from emulation_desk.ui.import_preview import PasteDialog
from tests.exchange.test_import_facts import UNIT, _filled, _office
from tests.exchange.test_namesakes import HEADER, _list
from tests.exchange.test_namesakes import UNIT as SCHOOL_UNIT


def _open(qtbot: QtBot, dialog: ImportDialog) -> ImportDialog:
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.previewed, timeout=20_000):
        dialog.show()
    return dialog


def test_facts_tab_and_the_choice(qtbot: QtBot, ws: Workspace, tmp_path: Path) -> None:
    create_application()
    _office(ws)
    an = ws.store.scalar("SELECT id FROM person WHERE full_name = 'Nguyễn Văn An'")
    pf.set_person_facts(ws, an, 2024, rating="httnv")
    dialog = _open(qtbot, ImportDialog(ws, _filled(ws, tmp_path / "ds.xlsx"), year=2024, unit_name=UNIT))
    assert dialog.tabs.currentWidget() is dialog.facts_panel and not dialog.import_button.isEnabled()
    assert dialog.tabs.tabText(4).startswith("Hồ sơ (") and dialog.facts_panel.choice.isVisibleTo(dialog)
    assert "1 thông tin khác với hồ sơ đã nhập" in dialog.facts_panel.summary.text()
    dialog.facts_panel.choice.setCurrentIndex(dialog.facts_panel.choice.findData("file"))
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    assert pf.person_facts(ws, an).year(2024).rating == "htxsnv"


def test_namesakes_answered_in_the_dialog(qtbot: QtBot, demo_ws: Workspace, tmp_path: Path) -> None:
    create_application()
    path = _list(tmp_path / "trung_ten.xlsx", ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
                 [1, "Nguyễn Văn Bình", 1980, "Nam", "Giáo viên", SCHOOL_UNIT, "Lao động tiên tiến"],
                 [2, "Nguyễn Văn Bình", 1980, "Nam", "Bảo vệ", SCHOOL_UNIT, "Lao động tiên tiến"])
    dialog = _open(qtbot, ImportDialog(demo_ws, path, year=2021, unit_name=SCHOOL_UNIT))
    assert dialog.tabs.currentWidget() is dialog.namesake_panel and not dialog.import_button.isEnabled()
    assert dialog.tabs.tabText(5) == "Trùng tên cần trả lời (1)"
    assert "(1)" in dialog.notes_panel.toPlainText() and dialog.tabs.tabText(6) == "Đã nhận ra (1)"
    (combo,) = dialog.namesake_panel.combos.values()
    with qtbot.waitSignal(dialog.previewed):
        combo.setCurrentIndex(combo.findData("different"))
    assert dialog.tabs.tabText(5) == "Trùng tên cần trả lời (0)" and dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    assert demo_ws.store.scalar("SELECT count(*) FROM person WHERE full_name = 'Nguyễn Văn Bình' AND "
                                "birth_year = 1980") == 2
    assert HEADER


def test_rows_pasted_from_excel(qtbot: QtBot, ws: Workspace) -> None:
    create_application()
    _office(ws)
    # plain text, as Excel puts it on the clipboard (a QMimeData handed over from Python is deleted twice at exit)
    QGuiApplication.clipboard().setText("STT\tHọ và tên\tNăm sinh\tChức vụ\tHình thức khen thưởng\tXếp loại\n"
                                        "1\tNguyễn Văn An\t1980\tChuyên viên\tLao động tiên tiến\tHoàn thành tốt "
                                        "nhiệm vụ\n")
    paste = PasteDialog()
    qtbot.addWidget(paste)
    paste.preview_button.click()
    assert "Chưa có dữ liệu" in paste.error.text()
    paste.paste_button.click()
    paste.preview_button.click()
    assert paste.source is not None and paste.source.kind == "paste"
    dialog = _open(qtbot, ImportDialog(ws, source=paste.source, year=2024, unit_name=UNIT))
    assert dialog.preview is not None and dialog.preview.ok, [p.line() for p in dialog.preview.problems]
    assert dialog.tabs.tabText(4) == "Hồ sơ (1)"
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    an = ws.store.scalar("SELECT id FROM person WHERE full_name = 'Nguyễn Văn An'")
    assert pf.person_facts(ws, an).year(2024).rating == "httnv"


def test_the_file_chooser_offers_every_list_format(qtbot: QtBot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []

    def chooser(_parent: object, _title: str, _dir: str, filters: str) -> tuple[str, str]:
        asked.append(filters)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", chooser)
    assert window.open_import() is None
    assert all(f"*.{ext}" in asked[0] for ext in ("xlsx", "xls", "docx"))
    assert window.paste_action.text().startswith("&Dán danh sách")
