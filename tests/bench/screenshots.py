"""Screenshots of every tab and every dialog a clerk opens, in a real window at 1366×768: on an X screen with a
window manager (title bars, frames and the taskbar as the clerk sees them), captured from the screen with
ImageMagick's ``import -window root`` — never ``grab()``, which shows neither the frame nor the taskbar.

    Xvfb :NN -screen 0 1366x768x24 &  DISPLAY=:NN icewm &
    DISPLAY=:NN python -m tests.bench.screenshots [FOLDER] [--only demo|new]

Two runs: the demo year (every tab, the reports' pages, forms, Hồ sơ, import preview, decision creation, council,
certificate, backup, trash, settings pages, finder, cell trace, PDF preview, error dialog, audit, guide) and a new
file (the welcome, every page of the setup wizard, the empty tabs). Look at the PNGs: nothing may be cut, off
screen, overlapping or left in English, and every dialog keeps its title bar.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


class Camera:
    """Shows a widget in the real window system, lets the window manager frame it, and captures the screen."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.saved: list[Path] = []
        folder.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def settle(seconds: float = 0.6) -> None:
        from PySide6.QtWidgets import QApplication

        end = time.monotonic() + seconds
        while time.monotonic() < end:
            QApplication.processEvents()
            time.sleep(0.02)

    def shot(self, name: str, widget: Any = None, *, seconds: float = 0.6) -> Path:
        if widget is not None:
            if not widget.isVisible():
                widget.show()
            widget.raise_()
            widget.activateWindow()
        self.settle(seconds)
        path = self.folder / f"{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], check=True)
        self.saved.append(path)
        print(path, flush=True)
        return path

    def dialog(self, name: str, make: Callable[[], Any], then: Callable[[Any], None] | None = None) -> None:
        """Open a dialog as the clerk would (non-modal here, so the script goes on), capture it, close it. A
        dialog that cannot be made on this data is reported, not hidden."""
        try:
            dialog = make()
        except Exception as exc:
            print(f"  {name}: không mở được ({type(exc).__name__}: {exc})", flush=True)
            return
        self.shot(name, dialog)
        if then is not None:
            then(dialog)
        dialog.close()
        dialog.deleteLater()
        self.settle(0.2)


def _window(ws: Any, *, demo: bool) -> Any:
    from emulation_desk.ui.main_window import MainWindow
    from emulation_desk.ui.tabs.nominations import eligibility_verdicts
    from emulation_desk.ui.tabs.reports import default_exporters

    window = MainWindow(ws, demo=demo, verdict_provider=eligibility_verdicts, exporters=default_exporters())
    window.show()
    window.showMaximized()
    return window


def _tabs(camera: Camera, window: Any, prefix: str) -> None:
    names = ["1-don-vi", "2-khoi-thi-dua", "3-de-nghi", "4-quyet-dinh", "5-bao-cao"]
    for index, name in enumerate(names):
        window.tabs.setCurrentIndex(index)
        tab = window.tab_list[index]
        camera.settle(0.4)
        if tab.model.rowCount():
            tab.view.selectRow(0)
        if index == 0 and window.units_tab.people_view.model() is not None:
            window.units_tab.people_view.selectRow(0)
        camera.shot(f"{prefix}{name}", window, seconds=1.0)
    reports = window.reports_tab
    for page in range(1, reports.pages.count()):
        reports.pages.setCurrentIndex(page)
        if reports.model.rowCount() > 7:
            reports.view.selectRow(7)
        camera.shot(f"{prefix}5{chr(ord('a') + page)}-bao-cao-trang-{page + 1}", window)
    reports.pages.setCurrentIndex(0)


def demo_run(camera: Camera) -> None:
    from datetime import date

    from emulation_desk.services.demo import demo_copy, discard_copy
    from emulation_desk.services.workspace import open_workspace

    ws = open_workspace(demo_copy())
    window = _window(ws, demo=True)
    camera.settle(1.5)
    _tabs(camera, window, "demo-")
    store = ws.store

    # the finder: Ctrl+K and a name typed
    from emulation_desk.ui.finder import FinderField

    finder = window.findChild(FinderField)
    if finder is not None:
        finder.setFocus()
        finder.setText("tran van")
        finder.search_now()
        camera.shot("demo-6-tim-kiem", window)
        finder.setText("")
        finder.results.hide()

    # forms
    from emulation_desk.ui.bloc_dialogs import BlocDialog
    from emulation_desk.ui.forms import PersonDialog, UnitDialog
    from emulation_desk.ui.nomination_dialog import NominationDialog

    unit = store.scalar("SELECT id FROM unit WHERE valid_to IS NULL ORDER BY name LIMIT 1")
    person = store.scalar("SELECT person_id FROM nomination WHERE year = 2020 AND person_id IS NOT NULL "
                          "AND deleted_at IS NULL ORDER BY id LIMIT 1")
    camera.dialog("demo-d-don-vi", lambda: UnitDialog(ws, parent=window))
    camera.dialog("demo-d-ca-nhan", lambda: PersonDialog(ws, None, unit, parent=window))
    camera.dialog("demo-d-khoi-thi-dua", lambda: BlocDialog(ws, 2020, None, parent=window))
    camera.dialog("demo-d-de-nghi", lambda: NominationDialog(ws, 2020, None, window))

    # Hồ sơ
    from emulation_desk.ui.records_person import PersonRecordDialog
    from emulation_desk.ui.records_unit import UnitRecordDialog

    camera.dialog("demo-d-ho-so-ca-nhan", lambda: PersonRecordDialog(ws, person, window, year=2020))
    camera.dialog("demo-d-ho-so-don-vi", lambda: UnitRecordDialog(ws, unit, window, year=2020))

    # import: the preview of a list sent by a unit, and the paste box
    from emulation_desk.ui.import_dialog import ImportDialog
    from emulation_desk.ui.import_preview import PasteDialog

    def _import() -> Any:
        from tests.exchange.builders import UNIT, messy_nomination_workbook

        path = messy_nomination_workbook(Path(tempfile.mkdtemp(prefix="shots-import-")) / "danh-sach.xlsx")
        return ImportDialog(ws, path, year=2021, unit_name=UNIT, parent=window)

    camera.dialog("demo-d-nhap-excel", _import)
    camera.dialog("demo-d-dan-danh-sach", lambda: PasteDialog(window))

    # decisions: from nominations (a few ready on this copy), received from above, editing one, certificates
    from emulation_desk.services.awards import nominations
    from emulation_desk.services.records import people
    from emulation_desk.ui.certificate_dialog import CertificateDialog, PrinterProfileDialog
    from emulation_desk.ui.decision_dialogs import DecisionEditDialog, FromNominationsDialog, ReceivedDialog

    ready = []
    for found in people.search_people(ws, "nguyen thi", limit=6):
        ready.append(nominations.add_nomination(ws, year=2020, form_code="CSTDCS", kind="cong_trang",
                                                subject="ca_nhan", person_id=found["id"],
                                                position=found["position"], status="checked").id)
    nominations.set_status(ws, ready, "voted")
    camera.dialog("demo-d-quyet-dinh-tu-de-nghi", lambda: FromNominationsDialog(ws, 2020, window))
    camera.dialog("demo-d-quyet-dinh-cap-tren", lambda: ReceivedDialog(ws, 2020, window))
    from emulation_desk.services.awards import decisions

    own = store.scalar("SELECT id FROM decision WHERE year = 2020 AND is_own = 1 AND deleted_at IS NULL "
                       "ORDER BY number LIMIT 1")
    camera.dialog("demo-d-sua-quyet-dinh", lambda: DecisionEditDialog(ws, decisions.get_decision(ws, own), window))
    row = next(r for r in decisions.list_decisions(ws, 2020) if r["id"] == own)
    camera.dialog("demo-d-in-giay-khen", lambda: CertificateDialog(ws, row, window))
    camera.dialog("demo-d-may-in", lambda: PrinterProfileDialog(ws, window))

    # the council: a meeting created, then the meeting's dialog
    from emulation_desk.services.council import meetings as council
    from emulation_desk.ui.council_dialog import CouncilDialog
    from emulation_desk.ui.main_window import MeetingDialog

    with store.transaction():  # a few decided nominations back before the council (this copy only)
        for r in store.query("SELECT id FROM nomination WHERE year = 2020 AND status = 'decided' AND form_code IN "
                             "('CSTD_TINH', 'CSTDCS', 'BK_TTG') ORDER BY id LIMIT 8"):
            store.update("nomination", r["id"], {"status": "checked", "decision_id": None})
    meeting = council.create_meeting(ws, 2020, date(2020, 12, 15), place="Hội trường UBND thành phố",
                                     start_time="08:00").id
    window.reload_all()
    camera.dialog("demo-d-tao-cuoc-hop", lambda: MeetingDialog(ws, 2021, window))
    camera.dialog("demo-d-hop-hoi-dong", lambda: CouncilDialog(ws, meeting, lambda *_: None, window))

    # the file: backup, trash (with something in it), audit, one record's history
    from emulation_desk.services.maintenance import trash
    from emulation_desk.ui.backup_dialog import BackupDialog
    from emulation_desk.ui.trash_dialog import TrashDialog

    rejected = [r["id"] for r in store.query("SELECT id FROM nomination WHERE year = 2020 AND status = 'rejected' "
                                             "AND deleted_at IS NULL LIMIT 2")]
    if rejected:
        trash.delete_nominations(ws, rejected)
    camera.dialog("demo-d-sao-luu", lambda: BackupDialog(ws, window))
    camera.dialog("demo-d-thung-rac", lambda: TrashDialog(ws, window))
    camera.dialog("demo-d-nhat-ky", lambda: window.open_audit())
    window.tabs.setCurrentWidget(window.decisions_tab)
    window.decisions_tab.view.selectRow(0)
    camera.dialog("demo-d-lich-su-quyet-dinh", lambda: window.decisions_tab.show_history())

    # settings, every page
    from emulation_desk.ui.settings_dialog import SettingsDialog

    def _pages(dialog: Any) -> None:
        for page in range(1, dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(page)
            camera.shot(f"demo-d-thiet-lap-{page + 1}", dialog, seconds=0.4)

    camera.dialog("demo-d-thiet-lap-1", lambda: SettingsDialog(ws, window), _pages)

    # the statistical table's cell trace, the PDF preview, the error dialog, the guide
    from emulation_desk.services.reporting import statistics
    from emulation_desk.ui.stat_table import CellRecordsDialog

    cell_rows = statistics.cell_records(ws, 2020, *_busy_cell(ws))
    camera.dialog("demo-d-truy-vet-o", lambda: CellRecordsDialog("Dòng có nhiều người nhất — cột (4) — năm 2020", cell_rows, window))
    from emulation_desk.documents.report import report_pdf
    from emulation_desk.services.reporting.documents_data import report_for_print
    from emulation_desk.ui.pdf_preview import PdfPreviewDialog

    camera.dialog("demo-d-xem-truoc-va-in", lambda: PdfPreviewDialog.from_bytes(
        report_pdf(report_for_print(ws, 2020)), title="Xem trước và in — báo cáo tổng kết năm 2020", parent=window))
    from emulation_desk.logs import report_bug
    from emulation_desk.ui.error_dialog import ErrorDialog

    try:
        raise RuntimeError("lỗi thử để chụp màn hình")
    except RuntimeError:
        report = report_bug(sys.exc_info(), "Xuất báo cáo tổng kết năm 2020")  # type: ignore[arg-type]
    camera.dialog("demo-d-loi", lambda: ErrorDialog(report, window))
    from emulation_desk.ui.guide import GuideDialog

    camera.dialog("demo-d-huong-dan", lambda: GuideDialog(window))
    _qt_own(camera, window)
    window.close()
    ws.close()
    discard_copy(ws.path)


def _qt_own(camera: Camera, window: Any) -> None:
    """What Qt itself shows: a text field's right-click menu, its file chooser (not the native one of Windows),
    and the question asked when a window with unsaved edits is closed."""
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

    field = window.findChild(QLineEdit)
    field.setText("Trần Văn An")
    field.selectAll()
    menu = field.createStandardContextMenu()
    menu.popup(field.mapToGlobal(QPoint(40, field.height())))
    camera.shot("demo-q-menu-chuot-phai", menu)
    menu.close()
    field.setText("")
    chooser = QFileDialog(window, "Chọn tệp danh sách đề nghị", str(Path.home()), "Excel (*.xlsx)")
    chooser.setOption(QFileDialog.Option.DontUseNativeDialog)
    camera.dialog("demo-q-chon-tep", lambda: chooser)
    from emulation_desk.ui.dialogs import ask_unsaved

    def answer() -> None:
        box = QApplication.activeModalWidget()
        camera.shot("demo-q-chua-luu", box)
        box.close()

    QTimer.singleShot(300, answer)
    ask_unsaved(window, "thông tin cơ quan")


def _busy_cell(ws: Any) -> tuple[str, str]:
    """A cell of the year's table with records behind it (the row with most people in column (4))."""
    from emulation_desk.services.reporting import statistics

    rows = statistics.stat_table(ws, 2020).rows()
    return max(rows, key=lambda r: r.count("c4")).key, "c4"


def new_file_run(camera: Camera) -> None:
    from emulation_desk.services.workspace import open_workspace
    from emulation_desk.ui.dialogs import WelcomeDialog
    from emulation_desk.ui.setup_wizard import SetupWizard

    folder = Path(tempfile.mkdtemp(prefix="shots-new-"))
    path = folder / "thiduakhenthuong.sqlite"
    camera.dialog("moi-1-chao-mung", lambda: WelcomeDialog(path))
    ws = open_workspace(path)
    window = _window(ws, demo=False)
    camera.settle(1.0)

    def _wizard_pages(wizard: Any) -> None:
        """Each page as the clerk fills it in, then "Tiếp tục >"."""
        def fill(page: Any) -> None:
            if page is wizard.office:
                office = page.panel.fields
                for name, value in (("parent_body", "UBND TỈNH NINH BÌNH"), ("issuing_body", "ỦY BAN NHÂN DÂN XÃ AN BÌNH"),
                                    ("place_name", "An Bình")):
                    office[name].setText(value)
                    office[name].textEdited.emit(value)
            elif page is wizard.signers:
                for row, (name, position) in enumerate((("Nguyễn Văn An", "Chủ tịch"), ("Lê Thị Bình", "Phó Chủ tịch"))):
                    page.set_text(row, 0, name)
                    page.set_text(row, 1, position)
            elif page is wizard.council:
                page.set_text(0, 0, "Nguyễn Văn An")
                page.set_text(0, 1, "Chủ tịch UBND xã")

        for page in range(1, len(wizard.pageIds())):
            wizard.next()
            fill(wizard.currentPage())
            camera.shot(f"moi-2-thiet-lap-ban-dau-{page + 1}", wizard, seconds=0.4)

    camera.dialog("moi-2-thiet-lap-ban-dau-1", lambda: SetupWizard(ws, window), _wizard_pages)
    _tabs(camera, window, "moi-")
    from emulation_desk.ui.settings_dialog import SettingsDialog

    camera.dialog("moi-d-thiet-lap", lambda: SettingsDialog(ws, window))
    window.close()
    ws.close()
    shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Chụp màn hình mọi thẻ và hộp thoại trong cửa sổ thật")
    parser.add_argument("folder", nargs="?", type=Path, default=Path("screenshots"))
    parser.add_argument("--only", choices=("demo", "new"))
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        print("Cần một màn hình X có trình quản lý cửa sổ (Xvfb :NN và icewm), rồi DISPLAY=:NN.", file=sys.stderr)
        return 2
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    os.environ.setdefault("EMULATION_DESK_DATA_DIR", tempfile.mkdtemp(prefix="emulation-desk-shots-"))
    from emulation_desk.ui.app import create_application

    create_application()
    camera = Camera(args.folder)
    if args.only in (None, "demo"):
        demo_run(camera)
    if args.only in (None, "new"):
        new_file_run(camera)
    print(f"{len(camera.saved)} ảnh trong {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
