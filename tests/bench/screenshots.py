"""Offscreen screenshots of every tab (and the main dialogs) on the demo year at 1366×768.

    python -m tests.bench.screenshots [FOLDER]

Look at the PNGs: nothing may be clipped, truncated or left in English.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def take(folder: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("EMULATION_DESK_DATA_DIR", tempfile.mkdtemp(prefix="emulation-desk-shots-"))
    from PySide6.QtWidgets import QApplication

    from emulation_desk.services.demo import demo_copy, discard_copy
    from emulation_desk.services.workspace import open_workspace
    from emulation_desk.ui.app import create_application
    from emulation_desk.ui.decision_dialogs import FromNominationsDialog, ReceivedDialog
    from emulation_desk.ui.main_window import MainWindow
    from emulation_desk.ui.nomination_dialog import NominationDialog
    from emulation_desk.ui.settings_dialog import SettingsDialog

    create_application()
    folder.mkdir(parents=True, exist_ok=True)
    ws = open_workspace(demo_copy())
    from emulation_desk.ui.tabs.nominations import eligibility_verdicts
    from emulation_desk.ui.tabs.reports import default_exporters

    window = MainWindow(ws, demo=True, verdict_provider=eligibility_verdicts, exporters=default_exporters())
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    hint = window.minimumSizeHint()
    print(f"Kích thước tối thiểu của cửa sổ: {hint.width()}×{hint.height()} (màn hình 1366×768)")
    saved: list[Path] = []

    def shot(widget: object, name: str) -> None:
        QApplication.processEvents()
        path = folder / f"{name}.png"
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        saved.append(path)

    names = ["1-don-vi", "2-khoi-thi-dua", "3-de-nghi", "4-quyet-dinh", "5-bao-cao"]
    for index, name in enumerate(names):
        window.tabs.setCurrentIndex(index)
        tab = window.tab_list[index]
        if tab.model.rowCount():
            tab.view.selectRow(0)
        if index == 0:
            window.units_tab.people_view.selectRow(0)
        shot(window, name)
    window.reports_tab.pages.setCurrentIndex(1)
    window.reports_tab.view.selectRow(7)
    shot(window, "5b-bao-cao-tong-ket")
    # a few nominations ready for a decision (on this copy only), so that the decision dialog has rows
    from emulation_desk.services.awards import nominations
    from emulation_desk.services.records import people

    ready = []
    for person in people.search_people(ws, "nguyen thi", limit=6):
        ready.append(nominations.add_nomination(ws, year=2020, form_code="CSTDCS",
                                                kind="cong_trang", subject="ca_nhan", person_id=person["id"],
                                                position=person["position"], status="checked").id)
    nominations.set_status(ws, ready, "voted")
    for dialog, name in ((NominationDialog(ws, 2020, None, window), "d-them-de-nghi"),
                         (FromNominationsDialog(ws, 2020, window), "d-quyet-dinh-tu-de-nghi"),
                         (ReceivedDialog(ws, 2020, window), "d-quyet-dinh-cap-tren"),
                         (SettingsDialog(ws, window), "d-thiet-lap")):
        dialog.show()
        shot(dialog, name)
        if isinstance(dialog, SettingsDialog):
            for page in range(1, dialog.tabs.count()):
                dialog.tabs.setCurrentIndex(page)
                shot(dialog, f"{name}-{page}")
        dialog.close()
    _wired_dialogs(ws, window, shot)
    window.close()
    ws.close()
    discard_copy(ws.path)
    return saved


def _wired_dialogs(ws: object, window: object, shot: object) -> None:
    """The dialogs reached from the menus: backup, trash, audit log and one record's history, the council
    meeting (and its creation form), the first-run welcome and the report preview."""
    from datetime import date

    from emulation_desk.documents.report import report_pdf
    from emulation_desk.services.council import meetings as council
    from emulation_desk.services.maintenance import trash
    from emulation_desk.services.reporting.documents_data import report_for_print
    from emulation_desk.ui.backup_dialog import BackupDialog
    from emulation_desk.ui.council_dialog import CouncilDialog
    from emulation_desk.ui.dialogs import WelcomeDialog
    from emulation_desk.ui.main_window import MeetingDialog
    from emulation_desk.ui.pdf_preview import PdfPreviewDialog
    from emulation_desk.ui.trash_dialog import TrashDialog

    store = ws.store  # type: ignore[attr-defined]
    rejected = [r["id"] for r in store.query("SELECT id FROM nomination WHERE year = 2020 AND status = 'rejected' "
                                             "AND deleted_at IS NULL LIMIT 2")]
    if rejected:
        trash.delete_nominations(ws, rejected)  # type: ignore[arg-type]
    received = store.scalar("SELECT id FROM decision WHERE is_own = 0 AND year = 2020 AND deleted_at IS NULL LIMIT 1")
    if received:
        trash.delete_decision(ws, received)  # type: ignore[arg-type]
    with store.transaction():  # a few decided nominations back before the council (this copy only)
        for row in store.query("SELECT id FROM nomination WHERE year = 2020 AND status = 'decided' AND form_code IN "
                               "('CSTD_TINH', 'CSTDCS', 'BK_TTG') ORDER BY id LIMIT 8"):
            store.update("nomination", row["id"], {"status": "checked", "decision_id": None})
    meeting_id = council.create_meeting(ws, 2020, date(2020, 12, 15), place="Hội trường UBND thành phố",
                                        start_time="08:00").id  # type: ignore[arg-type]
    window.reload_all()  # type: ignore[attr-defined]
    window.tabs.setCurrentWidget(window.nominations_tab)  # type: ignore[attr-defined]
    window.nominations_tab.view.selectRow(0)  # type: ignore[attr-defined]
    shot(window, "3b-de-nghi-dieu-kien")  # type: ignore[operator]
    window.tabs.setCurrentWidget(window.decisions_tab)  # type: ignore[attr-defined]
    window.decisions_tab.view.selectRow(0)  # type: ignore[attr-defined]
    history = window.decisions_tab.show_history()  # type: ignore[attr-defined]
    shot(history, "w-lich-su-quyet-dinh")  # type: ignore[operator]
    history.close()
    audit = window.open_audit()  # type: ignore[attr-defined]
    shot(audit, "w-nhat-ky")  # type: ignore[operator]
    audit.close()
    dialogs = [(BackupDialog(ws, window), "w-sao-luu"), (TrashDialog(ws, window), "w-thung-rac"),  # type: ignore[arg-type]
               (MeetingDialog(ws, 2021, window), "w-tao-cuoc-hop"),  # type: ignore[arg-type]
               (CouncilDialog(ws, meeting_id, lambda *_: None, window), "w-hop-hoi-dong"),  # type: ignore[arg-type]
               (WelcomeDialog(Path.home() / "thiduakhenthuong.sqlite"), "w-chao-mung")]
    dialogs.append((PdfPreviewDialog.from_bytes(report_pdf(report_for_print(ws, 2020)),  # type: ignore[arg-type]
                                                title="Xem trước và in — báo cáo tổng kết năm 2020", parent=window),
                    "w-xem-truoc-va-in"))
    for dialog, name in dialogs:
        dialog.show()
        shot(dialog, name)  # type: ignore[operator]
        dialog.close()


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("screenshots")
    for path in take(folder):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
