"""Every dialog fits a 1366×768 screen whose taskbar leaves 728 px: opened with that available geometry, each
stays within it (title bar included), tall bodies scroll, the buttons stay in view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout
from pytestqt.qtbot import QtBot

from emulation_desk.services.workspace import Workspace
from emulation_desk.ui import geometry
from emulation_desk.ui.app import create_application

SCREEN = QRect(0, 0, 1366, 728)


@pytest.fixture(autouse=True)
def small_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    create_application()
    monkeypatch.setattr(geometry, "available_geometry", lambda widget=None: QRect(SCREEN))


def _pdf(tmp_path: Path, ws: Workspace) -> Path:
    from emulation_desk.documents.report import report_pdf
    from emulation_desk.services.reporting.documents_data import report_for_print

    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(report_pdf(report_for_print(ws, 2020)))
    return path


def _council(ws: Workspace, tmp_path: Path) -> QDialog:
    from emulation_desk.services.council import meetings as council
    from emulation_desk.ui.council_dialog import CouncilDialog
    from tests.council.conftest import reopen

    reopen(ws, ("CSTD_TINH", "CSTDCS", "TTLDTT"))
    meeting = council.create_meeting(ws, 2020, "2020-12-10", place="Phòng họp số 1").id
    return CouncilDialog(ws, meeting)


def _import(ws: Workspace, tmp_path: Path) -> QDialog:
    from emulation_desk.ui.import_dialog import ImportDialog
    from tests.exchange.builders import UNIT, messy_nomination_workbook

    return ImportDialog(ws, messy_nomination_workbook(tmp_path / "ds.xlsx"), year=2021, unit_name=UNIT)


def _by_name(module: str, name: str, *args: Any) -> Callable[[Workspace, Path], QDialog]:
    def make(ws: Workspace, tmp_path: Path) -> QDialog:
        cls = getattr(__import__(f"emulation_desk.ui.{module}", fromlist=[name]), name)
        return cls(ws, *args)
    return make


DIALOGS: dict[str, Callable[[Workspace, Path], QDialog]] = {
    "Tạo quyết định": _by_name("decision_dialogs", "FromNominationsDialog", 2020),
    "Ghi nhận quyết định cấp trên": _by_name("decision_dialogs", "ReceivedDialog", 2020),
    "Họp Hội đồng": _council,
    "Xem trước văn bản": lambda ws, tmp: __import__("emulation_desk.ui.pdf_preview", fromlist=["_"])
    .PdfPreviewDialog(_pdf(tmp, ws)),
    "Thiết lập": _by_name("settings_dialog", "SettingsDialog"),
    "Nhập từ Excel": _import,
    "Lịch sử thay đổi": _by_name("audit_view", "AuditView"),
    "Thùng rác": _by_name("trash_dialog", "TrashDialog"),
    "Sao lưu": _by_name("backup_dialog", "BackupDialog"),
    "Đề nghị": _by_name("nomination_dialog", "NominationDialog", 2020),
    "Cá nhân": _by_name("forms", "PersonDialog", None, None),
    "Đơn vị": _by_name("forms", "UnitDialog"),
    "Khối thi đua": _by_name("bloc_dialogs", "BlocDialog", 2020, None),
    "Hồ sơ đề nghị cấp trên": _by_name("dossier_dialog", "DossierDialog", 2020),
    "Lập hồ sơ đề nghị cấp trên": lambda ws, tmp: __import__("emulation_desk.ui.dossier_dialog", fromlist=["_"])
    .NewDossierDialog({"BK_TINH": "Bằng khen của Chủ tịch UBND tỉnh (3 đề nghị)"}),
}


@pytest.mark.parametrize("name", list(DIALOGS))
def test_each_dialog_fits_728_px(qtbot: QtBot, demo_ws: Workspace, tmp_path: Path, name: str) -> None:
    dialog = DIALOGS[name](demo_ws, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    width, height = geometry.usable_size(dialog)
    assert dialog.height() <= height and dialog.width() <= width, (name, dialog.size())
    # placed before the window manager frames it: its client area starts below room for the title bar
    assert dialog.y() >= SCREEN.y() + geometry.TITLE_BAR and dialog.y() + dialog.height() <= SCREEN.bottom() + 1
    assert dialog.minimumSizeHint().height() <= height or dialog.findChild(object, geometry.SCROLL_NAME)


def test_a_tall_body_scrolls_and_keeps_its_buttons(qtbot: QtBot) -> None:
    dialog = QDialog()
    layout = QVBoxLayout(dialog)
    for i in range(60):
        layout.addWidget(QLabel(f"Dòng {i + 1}"))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    layout.addWidget(buttons)
    qtbot.addWidget(dialog)
    dialog.show()
    scroll = dialog.findChild(object, geometry.SCROLL_NAME)
    assert scroll is not None and dialog.height() <= geometry.usable_size(dialog)[1]
    assert buttons.parent() is dialog and layout.itemAt(layout.count() - 1).widget() is buttons
    assert dialog.findChild(QLabel).parent() is scroll.widget()
