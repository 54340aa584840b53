"""The first-start setup: offered only on a file without an office profile, skippable (not offered again),
filled in page by page and written in one go; reachable from Thiết lập with what is kept."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from emulation_desk.services.records import org
from emulation_desk.services.records import profile as profiles
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.main_window import MainWindow
from emulation_desk.ui.settings_dialog import SettingsDialog
from emulation_desk.ui.setup_wizard import SetupWizard, offer_setup, should_offer
from tests.ui.driving import when_modal


def _next(wizard: SetupWizard) -> None:
    wizard.button(QWizard.WizardButton.NextButton).click()


def _fill(wizard: SetupWizard) -> None:
    _next(wizard)  # the welcome page
    office = wizard.office.panel.fields
    office["parent_body"].setText("UBND TỈNH NINH BÌNH")
    office["issuing_body"].setText("ỦY BAN NHÂN DÂN XÃ AN BÌNH")
    office["issuing_body"].textEdited.emit("ỦY BAN NHÂN DÂN XÃ AN BÌNH")  # as typed
    _next(wizard)
    assert wizard.currentPage() is wizard.office  # the place is missing: the page says so and stays
    assert wizard.office.panel.error_text("place_name") == "Hãy ghi địa danh ghi ngày tháng."
    assert office["body_short"].text() == "UBND xã" and office["level"].currentData() == "xa"
    office["place_name"].setText("An Bình")
    _next(wizard)
    assert wizard.symbols.panel.fields["symbol_decision"].text() == "QĐ-UBND"
    _next(wizard)
    signers = wizard.signers
    signers.set_text(0, 0, "Nguyễn Văn An")
    signers.set_text(0, 1, "Chủ tịch")
    signers.set_text(1, 0, "Lê Thị Bình")
    signers.set_text(1, 1, "Phó Chủ tịch")
    assert signers.text(0, 2) == "CHỦ TỊCH" and signers.text(1, 2) == "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    _next(wizard)
    council = wizard.council
    council.set_text(0, 0, "Nguyễn Văn An")
    council.set_text(0, 1, "Chủ tịch UBND xã")
    council.set_text(1, 0, "Trần Văn Cường")
    box = council.table.cellWidget(1, 2)
    box.setCurrentIndex(box.findData("uy_vien_thu_ky"))
    _next(wizard)
    assert "Mức lương cơ sở:" in wizard.law.salary_label.text() and "đồng/tháng" in wizard.law.salary_label.text()
    assert wizard.law.regime_label.text()
    wizard.law.regulation.setPlainText("Quyết định số 12/2024/QĐ-UBND của UBND tỉnh Ninh Bình")


def test_setup_on_an_empty_file(qtbot: QtBot, ws: Workspace) -> None:
    create_application()
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    assert should_offer(ws, demo=False) and not should_offer(ws, demo=True)
    seen: dict[str, object] = {}

    def drive(wizard: SetupWizard) -> None:
        assert isinstance(wizard, SetupWizard)
        seen["size"] = (wizard.width(), wizard.height())
        _fill(wizard)
        wizard.button(QWizard.WizardButton.FinishButton).click()

    when_modal(drive)
    wizard = offer_setup(window)
    assert wizard is not None and wizard.result() == 1
    assert seen["size"][0] <= 1366 and seen["size"][1] <= 700
    kept = ws.organisation()
    assert (kept["issuing_body"], kept["place_name"], kept["level"]) == ("ỦY BAN NHÂN DÂN XÃ AN BÌNH", "An Bình", "xa")
    assert kept["provincial_regulation"].startswith("Quyết định số 12/2024")
    assert [(s["full_name"], s["is_head"]) for s in org.list_signatories(ws)] == [("Nguyễn Văn An", 1),
                                                                                    ("Lê Thị Bình", 0)]
    assert [m["role"] for m in org.current_council(ws)[1]] == ["chu_tich", "uy_vien_thu_ky"]
    assert offer_setup(window) is None  # the profile is there: not offered again


def test_skipped_setup_is_not_offered_again_but_opens_from_settings(qtbot: QtBot, ws: Workspace) -> None:
    create_application()
    window = MainWindow(ws)
    qtbot.addWidget(window)
    when_modal(lambda wizard: wizard.button(QWizard.WizardButton.CancelButton).click())
    assert offer_setup(window) is not None
    assert profiles.setup_skipped(ws) and ws.organisation() is None
    assert offer_setup(window) is None
    dialog = SettingsDialog(ws, window)
    qtbot.addWidget(dialog)
    assert dialog.setup_button.text() == "Thiết lập ban đầu…"

    def drive(wizard: SetupWizard) -> None:
        _fill(wizard)
        wizard.button(QWizard.WizardButton.FinishButton).click()

    when_modal(drive)
    dialog.open_setup()
    assert ws.organisation()["body_short"] == "UBND xã" and dialog.changes.settings
    assert dialog.org_panel.fields["place_name"].text() == "An Bình"  # the page shows what was saved

    def look(wizard: SetupWizard) -> None:  # opened again: filled in with what is kept
        seen["issuing"] = wizard.office.panel.fields["issuing_body"].text()
        seen["signer"] = wizard.signers.text(1, 0)
        wizard.button(QWizard.WizardButton.CancelButton).click()

    seen: dict[str, str] = {}
    when_modal(look)
    dialog.open_setup()
    assert seen == {"issuing": "ỦY BAN NHÂN DÂN XÃ AN BÌNH", "signer": "Lê Thị Bình"}


def test_the_setup_opens_the_guide_at_its_own_part(qtbot: QtBot, ws: Workspace) -> None:
    from PySide6.QtCore import Qt

    create_application()
    wizard = SetupWizard(ws)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.button(QWizard.WizardButton.HelpButton).text() == "Hướng dẫn"
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=5000)
    qtbot.keyClick(wizard.button(QWizard.WizardButton.NextButton), Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(wizard, "guide", None) is not None and wizard.guide.isVisible(), timeout=5000)
    assert wizard.guide.browser.source().fragment() == "thiet-lap"
    wizard.guide.close()
