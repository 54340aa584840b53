"""The finished pieces reached from the window: verdicts, exports and the preview, the File menu dialogs,
per-record history, delete with undo, the council meeting, and the start-up (recovery, first run)."""

from __future__ import annotations

import argparse
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from emulation_desk.services.awards import nominations
from emulation_desk.services.maintenance import trash
from emulation_desk.services.maintenance.backup import make_backup
from emulation_desk.services.workspace import Workspace, open_workspace
from emulation_desk.ui.app import after_open, create_application, first_run, open_with_recovery, welcome
from emulation_desk.ui.audit_view import AuditView
from emulation_desk.ui.backup_dialog import BackupDialog
from emulation_desk.ui.council_dialog import CouncilDialog
from emulation_desk.ui.dialogs import WelcomeDialog
from emulation_desk.ui.main_window import MainWindow, MeetingDialog
from emulation_desk.ui.pdf_preview import PdfPreviewDialog
from emulation_desk.ui.setup_wizard import should_offer
from emulation_desk.ui.tabs.nominations import NominationsTab, eligibility_verdicts
from emulation_desk.ui.tabs.reports import default_exporters
from emulation_desk.ui.trash_dialog import TrashDialog
from tests.ui.driving import answer, fill_and_save, when_modal
from tests.ui.test_nominations_tab import FakeVerdict


def then(first: Any, second: Any) -> Any:
    """Act on a modal dialog with ``first`` after arranging for ``second`` to act on the next one."""

    def act(widget: Any) -> None:
        when_modal(second, attempts=3000)
        first(widget)

    return act


def box_text(store: list[str], reply: str) -> Any:
    def act(box: Any) -> None:
        assert isinstance(box, QMessageBox), type(box)
        store.append(box.text())
        answer(reply)(box)

    return act


# ------------------------------------------------------------------------------------------ 1. verdicts
def test_verdicts_show_in_the_list_and_the_side_panel(qtbot: QtBot, demo_ws: Workspace) -> None:
    create_application()
    tab = NominationsTab(demo_ws, eligibility_verdicts)
    qtbot.addWidget(tab)
    tab.show()
    tab.load(2020)
    rows = tab.model.rows()
    assert rows and all(r["_verdict_status"] in ("dat", "chua_dat", "thieu_du_lieu", "canh_bao", "khong_ap_dung")
                        for r in rows)
    assert not tab.view.isColumnHidden(0)
    assert tab.verdict_filter.findData("chua_dat") >= 0
    tab.view.selectRow(0)
    text = tab.details.toPlainText()
    assert "Điều kiện:" in text and "Chế độ áp dụng" in text  # the explanation's lines


def test_the_side_panel_shows_names_and_reasons_literally(qtbot: QtBot, demo_ws: Workspace) -> None:
    create_application()

    def provider(ws: Workspace, year: int) -> dict[str, Any]:
        return {r["id"]: FakeVerdict("canh_bao", "Xem lại <b>A & B</b>", ["Dòng <i>1</i> & 2"])
                for r in nominations.list_nominations(ws, year)}

    tab = NominationsTab(demo_ws, provider)
    qtbot.addWidget(tab)
    tab.load(2020)
    tab.view.selectRow(0)
    text = tab.details.toPlainText()
    assert "Xem lại <b>A & B</b>" in text and "Dòng <i>1</i> & 2" in text


def test_verdicts_are_computed_in_the_background_load(qtbot: QtBot, demo_ws: Workspace) -> None:
    create_application()
    threads: list[str] = []

    def provider(ws: Workspace, year: int) -> dict[str, Any]:
        threads.append(threading.current_thread().name)
        assert ws.store is not demo_ws.store and ws.store.readonly  # its own read-only connection
        return eligibility_verdicts(ws, year)

    tab = NominationsTab(demo_ws, provider, background=True)
    qtbot.addWidget(tab)
    tab.load(2020)
    tab.wait_loaded(60_000)
    assert threads == ["emulation-desk-read"]  # a read operation, on its own thread
    same = NominationsTab(demo_ws, eligibility_verdicts)
    qtbot.addWidget(same)
    same.load(2020)
    background = {r["id"]: r["_verdict_status"] for r in tab.model.rows()}
    assert background == {r["id"]: r["_verdict_status"] for r in same.model.rows()}
    tab.filter_edit.setText("chua dat")  # the verdict text is in the search text made in the worker
    assert 0 < tab.proxy.rowCount() < tab.model.rowCount()


def test_the_list_shows_before_the_verdicts_which_fill_in_with_progress(qtbot: QtBot, demo_ws: Workspace) -> None:
    create_application()
    release = threading.Event()
    told: list[tuple[int, int]] = []

    def provider(ws: Workspace, year: int, progress: Any = None) -> dict[str, Any]:
        assert release.wait(30)
        found = eligibility_verdicts(ws, year, progress=lambda done, total: (told.append((done, total)),
                                                                             progress(done, total)))
        return found

    tab = NominationsTab(demo_ws, provider, background=True)
    qtbot.addWidget(tab)
    tab.load(2020)
    qtbot.waitUntil(lambda: tab.model.rowCount() > 3000, timeout=30_000)
    assert all(r["_verdict_status"] is None for r in tab.model.rows())
    assert "đang kiểm tra điều kiện" in tab.count_label.text()
    tab.view.selectRow(0)
    chosen = tab.selected_row()
    release.set()
    tab.wait_loaded(60_000)
    assert told and told[-1][0] == told[-1][1]
    assert all(r["_verdict_status"] for r in tab.model.rows())
    assert "kiểm tra" not in tab.count_label.text() and tab.count_label.text().endswith("đề nghị")
    assert tab.selected_row() is not None and chosen is not None and tab.selected_row()["id"] == chosen["id"]
    assert "Chế độ áp dụng" in tab.details.toPlainText()


# ------------------------------------------------------------------------------------------ 2. exports
@pytest.fixture
def exporting(qtbot: QtBot, demo_ws: Workspace) -> MainWindow:
    create_application()
    main = MainWindow(demo_ws, demo=True, exporters=default_exporters())
    qtbot.addWidget(main)
    main.show()
    main.tabs.setCurrentWidget(main.reports_tab)
    return main


def test_pdf_exports_then_offer_the_preview(exporting: MainWindow, tmp_path: Path) -> None:
    tab = exporting.reports_tab
    assert tab.export_buttons["table_xlsx"].isEnabled()
    assert tab.export_buttons["report_pdf"].isEnabled() and tab.export_buttons["table_pdf"].isEnabled()
    seen: dict[str, Any] = {}

    def look(dialog: Any) -> None:
        assert isinstance(dialog, PdfPreviewDialog)
        seen.update(pages=dialog.page_count(), printable=dialog.print_button.isEnabled())
        dialog.accept()

    when_modal(then(answer("Xem trước và in"), look), attempts=3000)
    tab.export("table_pdf", tmp_path / "bieu.pdf")
    tab.wait_loaded(60_000)
    assert (tmp_path / "bieu.pdf").read_bytes().startswith(b"%PDF")
    assert seen == {"pages": seen["pages"], "printable": True} and seen["pages"] >= 1
    when_modal(answer("Đóng"), attempts=3000)
    tab.export("report_pdf", tmp_path / "bao-cao.pdf")
    tab.wait_loaded(60_000)
    assert (tmp_path / "bao-cao.pdf").read_bytes().startswith(b"%PDF")


def test_preview_and_print_builds_the_report_in_a_temporary_file(exporting: MainWindow) -> None:
    tab = exporting.reports_tab
    seen: dict[str, Any] = {}

    def look(dialog: Any) -> None:
        assert isinstance(dialog, PdfPreviewDialog)
        seen.update(path=dialog.path, exists=dialog.path.exists(), pages=dialog.page_count(),
                    print_text=dialog.print_button.text(), printable=dialog.print_button.isEnabled())
        dialog.accept()

    when_modal(look, attempts=3000)
    tab.preview_button.click()
    tab.wait_loaded(60_000)
    assert seen["exists"] and seen["pages"] >= 2 and seen["printable"] and seen["print_text"] == "&In…"
    assert not seen["path"].exists()  # the temporary file went away with the dialog


# ------------------------------------------------------------------------------------------ 3. File menu
def test_backup_dialog_restore_reloads_everything(window: MainWindow) -> None:
    ws = window.ws
    make_backup(ws)
    window.tabs.setCurrentWidget(window.nominations_tab)
    before = window.nominations_tab.model.rowCount()
    trash.delete_nominations(ws, [r["id"] for r in nominations.list_nominations(ws, 2020)
                                  if r["status"] != "decided"][:2])
    window.reload_all()
    assert window.nominations_tab.model.rowCount() == before - 2
    window.year_box.setCurrentIndex(window.year_box.findData(2019))
    state: dict[str, Any] = {}

    def restore(dialog: Any) -> None:
        assert isinstance(dialog, BackupDialog)
        dialog.confirm = lambda *_: True
        dialog.inform = lambda *_: None
        dialog.view.selectRow(0)
        dialog.restore_selected()
        state["status"] = dialog.status.text()
        dialog.accept()

    when_modal(restore)
    window.backup_action.trigger()
    assert "Đã khôi phục" in state["status"]
    assert window.year() == 2020 and window.nominations_tab.model.rowCount() == before
    assert "khôi phục" in window.message_label.text()


def test_trash_dialog_changes_reload_the_tabs(window: MainWindow) -> None:
    ws = window.ws
    window.tabs.setCurrentWidget(window.nominations_tab)
    before = window.nominations_tab.model.rowCount()
    ids = [r["id"] for r in nominations.list_nominations(ws, 2020) if r["status"] != "decided"][:1]
    trash.delete_nominations(ws, ids)
    window.reload_all()
    assert window.nominations_tab.model.rowCount() == before - 1

    def restore(dialog: Any) -> None:
        assert isinstance(dialog, TrashDialog)
        dialog.view.selectRow(0)
        dialog.restore_button.click()
        dialog.accept()

    when_modal(restore)
    window.trash_action.trigger()
    assert window.nominations_tab.model.rowCount() == before


def test_audit_log_and_the_history_of_one_record(qtbot: QtBot, window: MainWindow) -> None:
    view = window.audit_action.trigger() or window.windows[-1]
    assert isinstance(view, AuditView) and view.isVisible() and view.windowTitle() == "Nhật ký thay đổi"
    view.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # closed: deleted, not piled up
    again = window.open_audit()
    assert again.isVisible() and window.windows == [again]
    again.close()
    for tab, word in ((window.units_tab, ""), (window.nominations_tab, " — "), (window.decisions_tab, "Quyết định")):
        window.tabs.setCurrentWidget(tab)
        assert tab.view.actions()[0].text() == "Lịch sử thay đổi…"  # the context menu entry
        tab.view.selectRow(0)
        row = tab.selected_row()
        assert row is not None
        window.history_action.trigger()
        history = tab.history_window
        assert isinstance(history, AuditView) and history.isVisible() and history.record_id == row["id"]
        assert history.windowTitle().startswith("Nhật ký thay đổi — ") and word in history.windowTitle()
        history.close()
        tab.history_button.click()
        assert tab.history_window is not history and tab.history_window.record_id == row["id"]
        tab.history_window.close()


# ------------------------------------------------------------------------------------------ 4. delete and undo
def test_delete_nominations_then_undo(window: MainWindow) -> None:
    tab = window.nominations_tab
    window.tabs.setCurrentWidget(tab)
    before = tab.model.rowCount()
    tab.filter_edit.setText("")
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("rejected"))  # not in any decision
    assert tab.proxy.rowCount() >= 2
    tab.view.selectRow(0)
    tab.view.selectionModel().select(tab.proxy.index(1, 0), tab.view.selectionModel().SelectionFlag.Select
                                     | tab.view.selectionModel().SelectionFlag.Rows)
    ids = [r["id"] for r in tab.selected_rows()]
    assert len(ids) == 2
    when_modal(answer("Không xóa"))
    tab.delete_button.click()
    assert tab.model.rowCount() == before
    when_modal(answer("Xóa"))
    tab.delete_button.click()
    assert tab.model.rowCount() == before - 2
    assert all(window.ws.store.get("nomination", i)["deleted_at"] for i in ids)
    assert window.undo_action.isEnabled() and "Đã xóa 2 đề nghị" in window.message_label.text()
    window.undo_action.trigger()
    assert tab.model.rowCount() == before
    assert not any(window.ws.store.get("nomination", i)["deleted_at"] for i in ids)


def test_an_issued_decision_is_not_deleted_a_received_one_is_with_undo(window: MainWindow) -> None:
    tab = window.decisions_tab
    window.tabs.setCurrentWidget(tab)
    rows = tab.model.rows()
    issued = next(r for r in rows if r["is_own"] and r["status"] == "issued")
    received = next(r for r in rows if not r["is_own"])
    messages: list[str] = []
    tab.select_id(issued["id"])
    when_modal(then(answer("Xóa"), box_text(messages, "Đóng")))
    tab.delete_button.click()
    assert messages and "đã ban hành nên không xóa được" in messages[0]
    assert tab.model.rowCount() == len(rows)
    tab.select_id(received["id"])
    when_modal(answer("Xóa"))
    tab.delete_button.click()
    assert tab.model.rowCount() == len(rows) - 1 and window.ws.store.get("decision", received["id"])["deleted_at"]
    window.undo_button.click()
    assert tab.model.rowCount() == len(rows) and not window.ws.store.get("decision", received["id"])["deleted_at"]


# ------------------------------------------------------------------------------------------ 5. council
def test_council_meeting_is_created_opened_and_prints_through_the_worker(window: MainWindow, tmp_path: Path) -> None:
    from tests.council.conftest import reopen

    ws = window.ws
    reopen(ws, limit=2)
    window.tabs.setCurrentWidget(window.nominations_tab)
    assert window.nominations_tab.council_button.text() == "Họp Hội đồng…"
    chosen: list[str] = []
    window.choose_pdf_path = lambda _parent, title, name: chosen.append(name) or str(tmp_path / name)
    state: dict[str, Any] = {}

    def council(dialog: Any) -> None:
        assert isinstance(dialog, CouncilDialog)
        state.update(cases=dialog.table.rowCount(), exporter=dialog.exporter is not None)
        dialog.accept()

    meeting = fill_and_save({"place": "Hội trường UBND"})
    when_modal(then(answer("Tạo cuộc họp"), then(lambda d: (state.update(form=type(d)), meeting(d)), council)))
    window.nominations_tab.council_button.click()
    assert state["form"] is MeetingDialog and state["cases"] >= 4 and state["exporter"]
    from emulation_desk.services.council import meetings as council_service

    meetings = council_service.list_meetings(ws, 2020)
    assert len(meetings) == 1 and meetings[0]["place"] == "Hội trường UBND"
    assert meetings[0]["held_on"] == "2020-12-15"
    when_modal(council)  # the second time the meeting is opened again, not created
    window.council_action.trigger()
    assert len(council_service.list_meetings(ws, 2020)) == 1
    when_modal(answer("Đóng"), attempts=3000)
    task = window.export_council_document("tally", meetings[0]["id"], 2020)
    assert task is not None and task.dialog is not None  # a progress dialog
    window.wait_tasks()
    assert chosen == ["bien-ban-kiem-phieu-2020.pdf"]
    assert (tmp_path / chosen[0]).read_bytes().startswith(b"%PDF")
    assert "Đã lưu biên bản kiểm phiếu" in window.message_label.text()


# ------------------------------------------------------------------------------------------ 6. opening
def damaged_office(tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite"
    ws = open_workspace(path)
    with ws.store.transaction():
        for i in range(300):
            ws.store.insert("unit", {"name": f"Đơn vị số {i}", "name_key": f"don vi so {i}", "kind": "khac"})
    make_backup(ws)
    ws.close()
    data = bytearray(path.read_bytes())
    data[3 * 4096:4 * 4096] = bytes((i * 37 + 11) % 256 for i in range(4096))
    path.write_bytes(bytes(data))
    return path


def test_a_damaged_database_offers_the_backup_a_new_file_or_quit(tmp_path: Path) -> None:
    path = damaged_office(tmp_path)
    asked: list[tuple[str, list[str]]] = []

    def choose(reply: str) -> Any:
        return lambda title, text, options: asked.append((text, [k for k, _ in options])) or reply

    assert open_with_recovery(path, choose=choose("quit")) is None
    assert "bị hỏng" in asked[0][0] and asked[0][1] == ["restore", "new", "quit"]
    ws = open_with_recovery(path, choose=choose("restore"))
    assert ws is not None and ws.store.scalar("SELECT count(*) FROM unit") == 300
    ws.close()
    other = damaged_office(tmp_path / "b")
    ws = open_with_recovery(other, choose=choose("new"))
    assert ws is not None and ws.store.scalar("SELECT count(*) FROM unit") == 0
    ws.close()


def test_a_network_location_needs_an_explicit_confirmation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from emulation_desk.storage import lock

    monkeypatch.setattr(lock, "network_reason", lambda path: "thư mục mạng (cifs)")
    monkeypatch.delenv(lock.ENV_ALLOW_NETWORK, raising=False)
    path = tmp_path / "office.sqlite"
    asked: list[str] = []
    assert open_with_recovery(path, choose=lambda title, text, options: asked.append(text) or "quit") is None
    assert "thư mục mạng (cifs)" in asked[0] and not path.exists()
    ws = open_with_recovery(path, choose=lambda title, text, options: "open")
    assert ws is not None
    assert ws.store.scalar("SELECT count(*) FROM audit_log WHERE summary LIKE '%thư mục mạng%'") == 1
    ws.close()


def test_a_file_held_by_another_window_says_who_holds_it(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    first = open_workspace(path)
    told: list[str] = []
    assert open_with_recovery(path, tell=lambda title, text: told.append(text)) is None
    assert f"tiến trình {os.getpid()}" in told[0] and "đang được mở" in told[0]
    first.close()


def test_after_opening_a_real_file_is_backed_up_and_the_demo_is_not(tmp_path: Path, demo_ws: Workspace) -> None:
    ws = open_workspace(tmp_path / "office.sqlite")
    assert any(m.startswith("Đã sao lưu tự động") for m in after_open(ws))
    ws.close()
    assert not any(m.startswith("Đã sao lưu") for m in after_open(demo_ws))


# ------------------------------------------------------------------------------------------ 7. first run
def test_first_run_asks_for_the_office_once_in_the_setup(qtbot: QtBot, tmp_path: Path) -> None:
    """The welcome only chooses a new file or the demo; the office is typed once, in the setup that the window
    offers on the new, empty file (the welcome used to ask for it and the setup showed it again)."""
    create_application()
    path = tmp_path / "new" / "office.sqlite"
    args = argparse.Namespace(demo=False, db=str(path), data_dir=None)
    assert first_run(args, path) and not first_run(argparse.Namespace(demo=True), path)
    seen: dict[str, Any] = {}

    def start(dialog: Any) -> None:
        assert isinstance(dialog, WelcomeDialog) and dialog.windowTitle() == "Chào mừng"
        labels = [b.text() for b in dialog.buttons.buttons()]
        assert set(labels) == {"Bắt đầu", "Mở dữ liệu mẫu", "Thoát"}
        seen["fields"] = [name for name, widget in dialog.fields.items() if widget.isVisibleTo(dialog)]
        seen["exists"] = path.exists()
        dialog.ok_button.click()

    when_modal(start)
    opened = welcome(args, path)
    assert opened is not None
    ws, demo = opened
    assert not demo and seen == {"fields": [], "exists": False} and path.exists()
    assert ws.organisation() is None and should_offer(ws, demo=False)  # the setup asks for the office next
    ws.close()


def test_first_run_can_open_the_demo_or_quit(qtbot: QtBot, tmp_path: Path, demo_template: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    create_application()
    path = tmp_path / "office.sqlite"
    args = argparse.Namespace(demo=False, db=str(path), data_dir=None)
    when_modal(lambda dialog: dialog.reject())
    assert welcome(args, path) is None and not path.exists()
    copy = tmp_path / "demo.sqlite"
    monkeypatch.setattr("emulation_desk.services.demo.demo_copy", lambda *a, **k: copy.write_bytes(
        demo_template.read_bytes()) and copy)
    when_modal(lambda dialog: dialog.demo_button.click())
    opened = welcome(args, path)
    assert opened is not None and opened[1] and args.demo and not path.exists()
    assert opened[0].path == copy
    opened[0].close()
    QApplication.processEvents()


def test_run_gui_wires_the_engine_the_exporters_and_the_routine_on_opening(qapp: QApplication, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import emulation_desk.ui.app as app_module
    import emulation_desk.ui.main_window as main_window

    path = tmp_path / "office.sqlite"
    open_workspace(path).close()
    made: dict[str, Any] = {}

    class FakeWindow:
        def __init__(self, ws: Workspace, **options: Any) -> None:
            made.update(options, ws=ws, messages=[])

        def show_message(self, text: str) -> None:
            made["messages"].append(text)

        def show(self) -> None:
            made["shown"] = True

        def start_opening_routine(self) -> None:
            made["routine_started_after_show"] = made.get("shown", False)

        def stop_opening_routine(self) -> None:
            made["routine_stopped"] = True

    class FakeApp:
        def exec(self) -> int:
            made["open_during_exec"] = made["ws"].store.conn is not None
            return 0

    import emulation_desk.ui.setup_wizard as setup_wizard

    monkeypatch.setattr(main_window, "MainWindow", FakeWindow)
    monkeypatch.setattr(app_module, "create_application", lambda *_: FakeApp())
    monkeypatch.setattr(setup_wizard, "offer_setup", lambda window: made.update(setup_offered_to=window))
    args = argparse.Namespace(demo=False, db=str(path), data_dir=None)
    assert app_module.run_gui(args) == 0
    QApplication.processEvents()  # the setup is offered once the event loop runs, after the window shows
    assert isinstance(made["setup_offered_to"], FakeWindow)
    assert made["verdict_provider"] is eligibility_verdicts and set(made["exporters"]) == {"report_pdf", "table_pdf", "table_xlsx"}
    assert made["background_loading"] and made["shown"] and not made["demo"] and made["defer_first_load"]
    assert made["routine_started_after_show"] and made["routine_stopped"]  # the window runs it in a worker


def test_a_long_session_of_qt_calls_does_not_abort_the_interpreter() -> None:
    """PySide6 6.12.0 on Python 3.11 loses a reference to None or True on each of these calls, and the child
    process aborts long before the end ("none_dealloc"); the pinned 6.11 loses none. Keeps any upgrade of
    PySide6 honest: twice None's and True's counts of calls, and both counts unchanged at the end."""
    import subprocess
    import sys

    child = (
        "import sys\n"
        "from emulation_desk.ui.app import create_application\n"
        "from PySide6.QtCore import QObject, Signal\n"
        "from PySide6.QtWidgets import QLabel\n"
        "calls = 2 * max(sys.getrefcount(None), sys.getrefcount(True))  # a leak of one a call would abort\n"
        "app = create_application()\n"
        "label = QLabel()\n"
        "class O(QObject):\n"
        "    s = Signal(int)\n"
        "o = O()\n"
        "before = sys.getrefcount(None), sys.getrefcount(True)\n"
        "for i in range(calls):\n"
        "    label.setText('x')\n"
        "    o.s.emit(i)\n"
        "after = sys.getrefcount(None), sys.getrefcount(True)\n"
        "lost = [b - a for b, a in zip(before, after)]\n"
        "print('ok', calls, lost if max(lost) > 100 else 'none lost')\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("ok") and result.stdout.rstrip().endswith("none lost"), result.stdout


def test_table_exports_to_excel_from_the_reports_tab(exporting: MainWindow, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    when_modal(lambda box: box.accept(), attempts=3000)
    exporting.reports_tab.export("table_xlsx", tmp_path / "bieu.xlsx")
    exporting.reports_tab.wait_loaded(60_000)
    sheet = load_workbook(tmp_path / "bieu.xlsx").active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert 1984 in values and "Giấy khen" in values


def test_import_menu_opens_the_preview_of_a_list(qtbot: QtBot, demo_ws: Workspace, tmp_path: Path) -> None:
    from emulation_desk.services.reporting.exports import export_nomination_template
    from emulation_desk.ui.import_dialog import ImportDialog

    window = MainWindow(demo_ws, demo=True)
    qtbot.addWidget(window)
    template = tmp_path / "mau.xlsx"
    export_nomination_template(demo_ws, template, year=2020)
    seen: dict[str, Any] = {}

    def look(dialog: Any) -> None:
        seen["dialog"] = isinstance(dialog, ImportDialog)
        dialog.reject()

    when_modal(look, attempts=3000)
    window.open_import("nominations", str(template))
    assert seen.get("dialog") is True
