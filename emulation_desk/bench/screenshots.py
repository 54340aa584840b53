"""Offscreen screenshots of every tab (and the main dialogs) on the demo year at 1366×768.

    python -m emulation_desk.bench.screenshots [FOLDER]

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

    from emulation_desk.services.demo import demo_copy
    from emulation_desk.services.workspace import open_workspace
    from emulation_desk.ui.app import create_application
    from emulation_desk.ui.decision_dialogs import FromNominationsDialog, ReceivedDialog
    from emulation_desk.ui.main_window import MainWindow
    from emulation_desk.ui.nomination_dialog import NominationDialog
    from emulation_desk.ui.settings_dialog import SettingsDialog

    create_application()
    folder.mkdir(parents=True, exist_ok=True)
    ws = open_workspace(demo_copy())
    window = MainWindow(ws, demo=True)
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
    from emulation_desk.services import nominations, people

    ready = []
    for person in people.search_people(ws.store, "nguyen thi", limit=6):
        ready.append(nominations.add_nomination(ws.store, ws.catalog(), year=2020, form_code="CSTDCS",
                                                kind="cong_trang", subject="ca_nhan", person_id=person["id"],
                                                position=person["position"], status="checked")[0])
    nominations.set_status(ws.store, ready, "voted")
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
    window.close()
    ws.close()
    return saved


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("screenshots")
    for path in take(folder):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
