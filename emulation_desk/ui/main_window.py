"""The main window: menus, the year selector, five tabs, undo and the status bar — wiring only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QToolBar,
    QWidget,
)

from emulation_desk import APP_TITLE, __version__
from emulation_desk.logs import note_action
from emulation_desk.services.common import Changes
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.damage_flow import DamageFlow
from emulation_desk.ui.dialogs import FormDialog, ask, date_edit, inform, notify, run_action
from emulation_desk.ui.finder import install_finder
from emulation_desk.ui.opening_routine import OpeningRoutine
from emulation_desk.ui.operations import Operation, stop_all, wait_for, write
from emulation_desk.ui.preferences import WINDOW_GEOMETRY, preferences_file
from emulation_desk.ui.tabs.base import BaseTab, discard
from emulation_desk.ui.tabs.blocs import BlocsTab
from emulation_desk.ui.tabs.decisions import DecisionsTab
from emulation_desk.ui.tabs.nominations import NominationsTab, VerdictProvider
from emulation_desk.ui.tabs.reports import Exporter, ReportsTab
from emulation_desk.ui.tabs.units import UnitsTab

COUNCIL_DOCUMENTS = {
    "pack": ("Tài liệu họp Hội đồng", "tai-lieu-hop-hoi-dong-{year}.pdf"),
    "minutes": ("Biên bản họp Hội đồng", "bien-ban-hop-hoi-dong-{year}.pdf"),
    "tally": ("Biên bản kiểm phiếu", "bien-ban-kiem-phieu-{year}.pdf"),
}


def write_council_document(ws: Workspace, kind: str, meeting_id: str, year: int, path: Path) -> Any:
    """The council's documents (the services' one export path): the pack of the year, or the meeting's minutes /
    ballot count."""
    from emulation_desk.services.reporting.registry import export_document

    if kind == "pack":
        return export_document(ws, "council_pack", path, year=year)
    return export_document(ws, kind, path, meeting_id=meeting_id)


def ask_pdf_path(parent: QWidget, title: str, default_name: str) -> str:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / default_name), "Tệp PDF (*.pdf)")
    if chosen and not chosen.lower().endswith(".pdf"):
        chosen += ".pdf"
    return chosen


class MeetingDialog(FormDialog):
    """Date and place of a new council meeting of ``year``."""

    def __init__(self, ws: Workspace, year: int, parent: QWidget | None = None) -> None:
        from emulation_desk.services.council import meetings as council

        super().__init__(f"Tạo cuộc họp Hội đồng năm {year}", parent, ok_text="Tạo cuộc họp")
        today = date.today()
        self.add_field("held_on", "Ngày họp:", date_edit(today if today.year <= year else date(year, 12, 15)))
        self.line("place", "Địa điểm:")
        self.line("start_time", "Giờ bắt đầu (ví dụ 08:00):")
        note = QLabel("Cuộc họp gồm các đề nghị năm đang “Đã nộp” hoặc “Đã thẩm định” chưa thuộc cuộc họp khác.")
        note.setWordWrap(True)
        self.body.insertWidget(0, note)
        self.save = lambda values: council.create_meeting(ws, year, values["held_on"], place=values["place"],
                                                          start_time=values["start_time"])
        self.resize(520, self.sizeHint().height())


def _modal_parent() -> QWidget | None:
    return QApplication.activeModalWidget()


LOADING_TEXT = "Đang tải dữ liệu…"


class MainWindow(QMainWindow):
    def __init__(self, ws: Workspace, *, demo: bool = False, verdict_provider: VerdictProvider | None = None,
                 exporters: dict[str, Exporter] | None = None, background_loading: bool = False,
                 defer_first_load: bool = False) -> None:
        """``defer_first_load``: the visible tab reads its list after the window's first paint (it shows
        "Đang tải dữ liệu…" until then), so the window appears before a province's 5.000 units are read."""
        super().__init__()
        self.ws = ws
        self.demo = demo
        self._held = defer_first_load  # loading waits for the first paint
        self._routine_wanted = False
        self.setWindowTitle(f"{'DỮ LIỆU MẪU — ' if demo else ''}{APP_TITLE}")  # ends with the app's name: Qt adds it once
        self.resize(1340, 700)
        self.year_box = QComboBox()
        self.year_box.setToolTip("Chọn năm làm việc")
        self.tabs = QTabWidget()
        self.units_tab, self.blocs_tab = UnitsTab(ws), BlocsTab(ws)
        self.nominations_tab = NominationsTab(ws, verdict_provider, background=background_loading)
        self.decisions_tab = DecisionsTab(ws)
        self.reports_tab = ReportsTab(ws, exporters, background=background_loading)
        self.tab_list: list[BaseTab] = [self.units_tab, self.blocs_tab, self.nominations_tab, self.decisions_tab,
                                        self.reports_tab]
        self._stale: set[int] = set(range(len(self.tab_list)))
        for tab in self.tab_list:
            self.tabs.addTab(tab, tab.title)
            tab.counts_changed.connect(self._update_status)
            tab.data_changed.connect(self.apply_changes)
            tab.undo_offered.connect(self.offer_undo)
        self.setCentralWidget(self.tabs)
        self.nominations_tab.council_requested.connect(self.open_council)
        self.nominations_tab.dossier_requested.connect(lambda dossier_id: self.open_dossiers(dossier_id))
        self.windows: list[QWidget] = []  # non-modal windows (audit log) kept alive
        self.choose_pdf_path: Callable[[QWidget, str, str], str] = ask_pdf_path
        self._undo: tuple[str, Callable[[], Changes]] | None = None
        self._build_toolbar()
        install_finder(self)
        self._build_menus()
        self._build_status_bar()
        self.tabs.currentChanged.connect(lambda _i: self._tab_shown())
        self.damage = DamageFlow(self)  # "database disk image is malformed" while working: the damage flow
        self._fill_years()
        self._restore_geometry()

    # ------------------------------------------------------------------ building
    def _build_toolbar(self) -> None:
        bar = QToolBar("Năm")
        bar.setObjectName("year_toolbar")
        bar.setMovable(False)
        bar.addWidget(QLabel("  Năm làm việc: "))
        bar.addWidget(self.year_box)
        self.addToolBar(bar)
        self.year_box.currentIndexChanged.connect(self._year_changed)

    def _action(self, menu: Any, text: str, slot: Callable[[], Any] | None, shortcut: Any = None,
                enabled: bool = True, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if slot is not None:
            action.triggered.connect(lambda _checked=False: (note_action(text), discard(slot())))
        action.setEnabled(enabled)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&Tệp")
        self.settings_action = self._action(file_menu, "&Thiết lập…", self.open_settings)
        file_menu.addSeparator()
        self.import_action = self._action(file_menu, "&Nhập danh sách đề nghị từ Excel…", self.open_import,
                                          tip="Danh sách đề nghị khen thưởng của một đơn vị (tệp .xlsx, .xls, .docx)")
        self.paste_action = self._action(file_menu, "&Dán danh sách đề nghị từ Excel/Word…", self.open_paste,
                                         tip="Các dòng chép từ Excel hoặc Word (Ctrl+C) dán vào để nhập")
        self.import_units_action = self._action(file_menu, "Nhập danh sách đơn &vị…", self.open_unit_import,
                                                tip="Danh bạ đơn vị (tên, loại, số người, từ ngày) từ Excel/Word")
        self.import_decisions_action = self._action(
            file_menu, "Nhập &quyết định cũ từ Excel…", lambda: self.open_import("decisions"),
            tip="Các quyết định khen thưởng đã có (của đơn vị mình và của cấp trên) để bổ sung lịch sử")
        self.backup_action = self._action(file_menu, "&Sao lưu và khôi phục…", self.open_backup,
                                          tip="Sao lưu ngay, sao lưu ra tệp, khôi phục từ một bản sao lưu")
        self.trash_action = self._action(file_menu, "Thùng &rác…", self.open_trash,
                                         tip="Đề nghị và quyết định đã xóa: khôi phục hoặc xóa hẳn")
        self.audit_action = self._action(file_menu, "&Nhật ký thay đổi…", self.open_audit,
                                         tip="Ai đã sửa gì, lúc nào")
        self.dossier_menu_action = self._action(
            file_menu, "Hồ sơ đề nghị &cấp trên…", lambda: self.open_dossiers(), "Ctrl+Shift+H",
            tip="Tờ trình, biên bản họp Hội đồng, báo cáo thành tích gửi cấp trên (PDF, Word, thư mục và tệp nén)")
        file_menu.addSeparator()
        self.print_action = self._action(file_menu, "&In, xuất tệp…", lambda: self.current_tab().print_or_export(),
                                         QKeySequence.StandardKey.Print)
        file_menu.addSeparator()
        self._action(file_menu, "T&hoát", self.close, QKeySequence.StandardKey.Quit)
        edit_menu = bar.addMenu("&Sửa")
        self.new_action = self._action(edit_menu, "&Thêm mới…", lambda: self.current_tab().new_record(),
                                       QKeySequence.StandardKey.New)
        self.undo_action = self._action(edit_menu, "&Hoàn tác", self.undo, QKeySequence.StandardKey.Undo,
                                        enabled=False)
        edit_menu.addSeparator()
        self.delete_action = self._action(edit_menu, "&Xóa dòng đã chọn…", lambda: self.current_tab().delete_selected())
        self.history_action = self._action(edit_menu, "&Lịch sử thay đổi…", self.show_history,
                                           tip="Lịch sử thay đổi của dòng đang chọn")
        edit_menu.addSeparator()
        self.council_action = self._action(edit_menu, "Họp Hội đồn&g…", self.open_council,
                                           tip="Điểm danh, biểu quyết và in tài liệu họp Hội đồng của năm đang chọn")
        view_menu = bar.addMenu("&Xem")
        self._action(view_menu, "&Tìm trong danh sách", lambda: self.current_tab().focus_filter(),
                     QKeySequence.StandardKey.Find)
        self._action(view_menu, "Tải &lại dữ liệu", self.reload_all, QKeySequence.StandardKey.Refresh)
        view_menu.addSeparator()
        for index, tab in enumerate(self.tab_list):
            self._action(view_menu, tab.title, lambda i=index: self.tabs.setCurrentIndex(i), f"Ctrl+{index + 1}")
        help_menu = bar.addMenu("Trợ &giúp")
        self.guide_action = self._action(help_menu, "&Hướng dẫn sử dụng", self.open_guide,
                                         QKeySequence.StandardKey.HelpContents)
        self._action(help_menu, "&Giới thiệu", self._about)

    def _build_status_bar(self) -> None:
        self.message_label = QLabel()
        self.undo_button = QPushButton("Hoàn tác (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.hide()
        self.status_label = QLabel()
        status = self.statusBar()
        status.addWidget(self.message_label, 1)
        status.addWidget(self.undo_button)
        self.routine = OpeningRoutine(self)  # the routine on opening: its step and progress, left of the status
        status.addPermanentWidget(self.status_label)

    def _fill_years(self) -> None:
        with_records = self.ws.years()
        years = set(with_records)
        if not self.demo:
            years.add(date.today().year)
        if years:
            years.add(max(years) + 1)  # the clerk can start the next year (copy blocs, report)
        else:
            years = {date.today().year}
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for year in sorted(years, reverse=True):
            self.year_box.addItem(str(year), year)
        default = with_records[0] if with_records else date.today().year
        self.year_box.setCurrentIndex(max(self.year_box.findData(default), 0))
        self.year_box.blockSignals(False)
        self._year_changed()

    # ------------------------------------------------------------------ behaviour
    def current_tab(self) -> BaseTab:
        return self.tab_list[self.tabs.currentIndex()]

    def year(self) -> int:
        return int(self.year_box.currentData())

    def _year_changed(self, *_args: object) -> None:
        if self.year_box.currentData() is None:
            return
        self._stale = set(range(len(self.tab_list)))
        self._tab_shown()

    def _tab_shown(self) -> None:
        """Tabs load when shown: a year change or an edit marks the others stale."""
        index = self.tabs.currentIndex()
        if self._held:
            self.tab_list[index].count_label.setText(LOADING_TEXT)
            self.show_message(LOADING_TEXT)
            return
        if index in self._stale and self.year_box.currentData() is not None:
            self._stale.discard(index)
            self.tab_list[index].load(self.year())
        self._update_status()

    def apply_changes(self, changes: Changes) -> None:
        """A service call changed data: reload the visible tab now if it cares, the others when shown."""
        self._undo = None  # an earlier action's "Hoàn tác" no longer applies (an action offering one offers it after)
        self.undo_button.hide()
        self.undo_action.setEnabled(False)
        for index, tab in enumerate(self.tab_list):
            if tab.cares_about(changes):
                self._stale.add(index)
        self._tab_shown()

    def reload_everything(self) -> None:
        """After a restore: the file's content changed under the window — years, catalog and every tab."""
        self.ws.invalidate()
        self._undo = None
        self.undo_button.hide()
        self.undo_action.setEnabled(False)
        self._fill_years()
        self._stale = set(range(len(self.tab_list)))
        self._tab_shown()

    def reload_all(self) -> None:
        self.ws.invalidate()
        self._stale = set(range(len(self.tab_list)))
        self._tab_shown()
        self.show_message("Đã tải lại dữ liệu.")

    def offer_undo(self, text: str, action: Callable[[], Changes]) -> None:
        self._undo = (text, action)
        self.show_message(text + ".")
        self.undo_button.show()
        self.undo_action.setEnabled(True)

    def undo(self) -> None:
        if self._undo is None:
            return
        text, action = self._undo
        self._undo = None
        self.undo_button.hide()
        self.undo_action.setEnabled(False)
        changes = run_action(self, action, "Không hoàn tác được")
        if changes is not None:
            self.apply_changes(changes)
            self.show_message(f"Đã hoàn tác: {text[0].lower()}{text[1:]}.")

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)

    def open_settings(self) -> None:
        from emulation_desk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ws, self)
        dialog.exec()
        if dialog.changes.catalog or dialog.changes.settings:
            self.ws.invalidate()
            self.apply_changes(dialog.changes)

    # ------------------------------------------------------------------ dialogs of the File menu
    def open_backup(self) -> Any:
        from emulation_desk.ui.backup_dialog import BackupDialog

        self.stop_opening_routine()  # a restore must not swap the file under the routine's connection
        dialog = BackupDialog(self.ws, self)
        dialog.restored.connect(lambda *_: self._restored())
        self.last_dialog = dialog
        dialog.exec()
        return dialog

    def _restored(self) -> None:
        self.reload_everything()
        self.show_message("Đã khôi phục dữ liệu từ bản sao lưu và tải lại toàn bộ.")

    def open_import(self, what: str = "nominations", path: str | None = None) -> Any:
        """Pick an .xlsx file and open the import preview; the import itself happens in the dialog."""
        from PySide6.QtWidgets import QFileDialog

        from emulation_desk.services.awards import imports
        from emulation_desk.ui.import_dialog import ImportDialog

        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Chọn tệp danh sách cần nhập", "",
                                                  "Danh sách Excel, Word (*.xlsx *.xls *.docx *.doc);;Mọi tệp (*)")
            if not path:
                return None
        kind = imports.NOMINATIONS if what == "nominations" else imports.DECISIONS
        dialog = ImportDialog(self.ws, path, what=kind, year=self.year() if kind == imports.NOMINATIONS else None,
                              parent=self)
        return self._run_import(dialog)

    def _run_import(self, dialog: Any) -> Any:
        """The import dialog until it closes; its commit (the runner's writer) hands its Changes to
        :meth:`apply_changes`; then the list with the new rows and what was done, in the status bar."""
        from emulation_desk.services.awards import imports

        dialog.imported.connect(self.apply_changes)
        self.last_dialog = dialog
        if dialog.exec() and dialog.summary_text:
            self.tabs.setCurrentWidget(self.nominations_tab if dialog.what == imports.NOMINATIONS
                                       else self.decisions_tab)
            self.show_message(dialog.summary_text)
            self.import_notice = notify(self, "Nhập dữ liệu xong", dialog.summary_text)
        return dialog

    def open_paste(self) -> Any:
        """"Dán từ Excel/Word": the pasted rows go to the same import preview as a file."""
        from emulation_desk.ui.import_dialog import ImportDialog
        from emulation_desk.ui.import_preview import PasteDialog

        paste = PasteDialog(self)
        self.last_dialog = paste
        if not paste.exec() or paste.source is None:
            return paste
        return self._run_import(ImportDialog(self.ws, source=paste.source, year=self.year(), parent=self))

    def open_unit_import(self, path: str | None = None) -> Operation[Any] | None:
        """A unit directory: checked first (the same writes, rolled back), then imported when the clerk agrees;
        both on the one runner's writer. ``last_unit_import`` holds the result."""
        from PySide6.QtWidgets import QFileDialog

        from emulation_desk.services.records.unit_import import import_units

        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Chọn danh sách đơn vị", "",
                                                  "Danh sách Excel, Word (*.xlsx *.xls *.docx *.doc);;Mọi tệp (*)")
            if not path:
                return None
        source = path
        self.last_unit_import: Any = None

        def refused(error: Any) -> None:
            self.last_unit_import = error
            lines = "\n".join(p.line() for p in getattr(error, "problems", [])[:15])
            inform(self, "Không nhập được danh sách đơn vị", f"{error.message}\n\n{lines}".rstrip(), error=True)

        def imported(result: Any) -> None:  # its Changes already went to apply_changes
            self.last_unit_import = result
            self.show_message(result.summary())

        def checked(result: Any) -> None:
            self.last_unit_import = result
            if ask(self, "Nhập danh sách đơn vị", f"{result.summary()} Nhập vào dữ liệu?", yes="Nhập"):
                write(self, lambda ctx: import_units(ctx.ws, source), imported,
                      title="Đang nhập danh sách đơn vị…").failure(refused).run_in_background()

        return write(self, lambda ctx: import_units(ctx.ws, source, dry_run=True), checked,
                     title="Đang kiểm tra danh sách đơn vị…").failure(refused).run_in_background()

    def open_trash(self) -> Any:
        from emulation_desk.ui.trash_dialog import TrashDialog

        dialog = TrashDialog(self.ws, self)
        dialog.changed.connect(self.apply_changes)
        self.last_dialog = dialog
        dialog.exec()
        return dialog

    def open_audit(self) -> Any:
        from emulation_desk.ui.audit_view import open_audit_view

        view = open_audit_view(self.ws, self)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.windows = [w for w in self.windows if shiboken6.isValid(w) and w.isVisible()]
        self.windows.append(view)
        return view

    def show_history(self) -> Any:
        tab = self.current_tab()
        if not hasattr(tab, "history_button"):
            inform(self, "Lịch sử thay đổi", "Lịch sử thay đổi xem được ở các tab Đơn vị, Đề nghị khen thưởng và "
                   "Quyết định (chọn một dòng). Nhật ký của cả tệp dữ liệu: Tệp → Nhật ký thay đổi.")
            return None
        return tab.show_history()

    def open_dossiers(self, select: str | None = None) -> Any:
        """"Hồ sơ đề nghị cấp trên khen thưởng" of the year (on ``select`` when given)."""
        from emulation_desk.ui.dossier_dialog import DossierDialog

        if self.year_box.currentData() is None:
            return None
        dialog = DossierDialog(self.ws, self.year(), self, select=select)
        dialog.data_changed.connect(self.apply_changes)
        self.last_dialog = dialog
        dialog.exec()
        return dialog

    # ------------------------------------------------------------------ council meeting
    def open_council(self) -> Any:
        """The latest council meeting of the year (a new one is created first when there is none)."""
        from emulation_desk.services.council import meetings as council
        from emulation_desk.ui.council_dialog import CouncilDialog

        if self.year_box.currentData() is None:
            return None
        year = self.year()
        meetings = council.list_meetings(self.ws, year)
        if meetings:
            meeting_id = meetings[0]["id"]
        else:
            if not ask(self, "Họp Hội đồng", f"Năm {year} chưa có cuộc họp Hội đồng Thi đua - Khen thưởng. Tạo cuộc "
                       "họp mới với các đề nghị đang chờ Hội đồng xét?", yes="Tạo cuộc họp"):
                return None
            form = MeetingDialog(self.ws, year, self)
            if not form.exec():
                return None
            meeting_id = form.result_value.id
            self.apply_changes(form.result_value.changes)
        dialog = CouncilDialog(self.ws, meeting_id, self.export_council_document, self)
        self.last_dialog = dialog
        dialog.exec()
        self.apply_changes(dialog.changes)
        return dialog

    def export_council_document(self, kind: str, meeting_id: str, year: int) -> Operation[Any] | None:
        """The council dialog's exporter: ask for the file, write it (a write operation: the export is audited)
        with a progress dialog."""
        label, default = COUNCIL_DOCUMENTS[kind]
        parent = _modal_parent() or self
        chosen = self.choose_pdf_path(parent, f"Lưu {label.lower()}", default.format(year=year))
        if not chosen:
            return None
        path = Path(chosen)
        return write(parent, lambda ctx: write_council_document(ctx.ws, kind, meeting_id, year, path),
                     lambda result: self._council_written(parent, label, result, path),
                     title=f"Đang tạo {label.lower()} năm {year}…").run_in_background()

    def _council_written(self, parent: QWidget, label: str, result: Any, path: Path) -> None:
        written = Path(getattr(result, "path", path))
        pages = f" ({result.pages} trang)" if getattr(result, "pages", 0) else ""
        self.show_message(f"Đã lưu {label.lower()}: {written}{pages}.")
        if ask(parent, label, f"Đã lưu tệp {written}{pages}. Mở tệp để xem trước và in?", yes="Xem trước và in",
               no="Đóng"):
            from emulation_desk.ui.pdf_preview import PdfPreviewDialog

            preview = PdfPreviewDialog(written, title=f"Xem trước — {label}", parent=parent)
            self.last_preview = preview
            preview.exec()

    # ------------------------------------------------------------------ first paint and the routine on opening
    def event(self, event: QEvent) -> bool:
        if self._held and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._first_load)
        return super().event(event)

    def _first_load(self) -> None:
        """After the first paint: the visible tab reads its data, then the routine on opening may start."""
        if not self._held:
            return
        self._held = False
        if self.message_label.text() == LOADING_TEXT:
            self.show_message("")
        self._tab_shown()
        if self._routine_wanted:
            QTimer.singleShot(0, self._start_routine)

    def start_opening_routine(self) -> None:
        """The daily backup and the weekly check in a worker, once the window shows its data (the demo
        skips it); see :mod:`emulation_desk.ui.opening_routine`."""
        self._routine_wanted = True
        if not self._held:
            self._start_routine()

    def _start_routine(self) -> None:
        self._routine_wanted = False
        self.routine.start()

    def stop_opening_routine(self) -> None:
        self.routine.stop()

    def wait_tasks(self, timeout_ms: int = 60_000) -> None:
        """Run the event loop until the window's own background work has finished (scripts and tests)."""
        wait_for(self, timeout_ms)

    def _update_status(self) -> None:
        if self.year_box.currentData() is None:
            return
        tab = self.current_tab()
        self.status_label.setText(f"Tệp dữ liệu: {self.ws.path.name}   |   Năm {self.year()}   |   {tab.count_text()}")
        self.status_label.setToolTip(str(self.ws.path))

    def open_guide(self) -> Any:
        from emulation_desk.ui.guide import open_guide

        self.guide = open_guide(self)  # non-modal: kept referenced
        return self.guide

    def _about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "Giới thiệu",
                          f"<b>{APP_TITLE}</b><br>Phiên bản {__version__}<br>"
                          f"Quản lý công tác thi đua, khen thưởng của Ủy ban nhân dân.<br>Tệp dữ liệu: {self.ws.path}",
                          QMessageBox.StandardButton.NoButton, self)
        box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    def _restore_geometry(self) -> None:
        settings = preferences_file()
        geometry = WINDOW_GEOMETRY.read(settings)
        if geometry is not None:
            self.restoreGeometry(geometry)
        for tab in self.tab_list:
            tab.restore_state(settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_opening_routine()
        stop_all(self)  # background reads and writes end before the file is closed
        self.damage.close()
        settings = preferences_file()
        WINDOW_GEOMETRY.write(settings, self.saveGeometry())
        for tab in self.tab_list:
            tab.save_state(settings)
        settings.sync()
        super().closeEvent(event)
