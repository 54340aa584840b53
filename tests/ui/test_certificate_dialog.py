"""The Decisions tab's "In giấy khen…": a printer profile measured on the calibration page, the preview, a
print on a blank with the profile (logged, Sổ vàng numbers kept), and LĐTT refused in Vietnamese."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber

from emulation_desk.services.reporting.certificates import print_log
from emulation_desk.services.reporting.decision_data import resolve_decision
from emulation_desk.ui.certificate_dialog import CertificateDialog, PrinterProfileDialog
from emulation_desk.ui.main_window import MainWindow
from emulation_desk.ui.operations import wait_for
from tests.ui.driving import answer, when_modal


def _close_preview(seen: dict[str, Any]) -> Any:
    def act(dialog: Any) -> None:
        seen["title"] = dialog.windowTitle()
        seen["pages"] = dialog.pages_label.text()
        dialog.accept()

    return act


def test_print_certificates_from_the_decisions_tab(window: MainWindow, tmp_path: Path) -> None:
    ws = window.ws
    window.tabs.setCurrentIndex(3)
    tab = window.decisions_tab
    decision = resolve_decision(ws, "2891", 2020)
    tab.select_id(decision["id"])
    assert tab.certificates_button.isEnabled()
    seen: dict[str, Any] = {}
    when_modal(lambda dialog: (seen.setdefault("dialog", dialog.windowTitle()), dialog.accept()))
    tab.print_certificates()
    assert seen["dialog"] == "In giấy khen — Quyết định số 2891/QĐ-UBND"

    profiles = PrinterProfileDialog(ws, tab)
    profiles.name.setText("Canon phòng Nội vụ")
    profiles.tray.setText("Khay tay")
    profiles.top_left.setText("21;19")
    profiles.bottom_right.setText("278;189")
    assert profiles.measure()
    assert round(profiles.spins["offset_x_mm"].value(), 2) == -1.0
    assert round(profiles.spins["offset_y_mm"].value(), 2) == 1.0
    profile_id = profiles.save()
    assert profile_id and profiles.names.count() == 1
    when_modal(_close_preview(seen))
    profiles.calibration()
    assert seen["title"] == "Trang căn chỉnh máy in" and seen["pages"] == "1 trang"

    dialog = CertificateDialog(ws, decision, tab)
    dialog._load_profiles(profile_id)
    assert dialog.profile.currentText() == "Canon phòng Nội vụ"
    assert "Chưa in lần nào" in dialog.log.text()
    dialog.only.setText("2, 5")
    from PIL import Image

    Image.new("RGB", (297, 210), (250, 235, 200)).save(tmp_path / "phoi.png")
    dialog.choose_scan(tmp_path / "phoi.png")
    assert "phoi.png (chỉ để xem trước, không in ra)" in dialog.scan_label.text()
    when_modal(_close_preview(seen), attempts=3000)
    assert dialog.preview() is not None  # a read in the background
    wait_for(dialog, 60_000)
    assert seen["pages"] == "2 trang"
    dialog.only.clear()
    when_modal(answer("Đóng"))
    received: list[Any] = []
    window.apply_changes = received.append  # type: ignore[method-assign]
    saving = dialog.save(tmp_path / "giay-khen.pdf")
    assert saving is not None and saving.kind == "write"  # off the GUI thread, on the one writer
    wait_for(dialog, 60_000)
    written = dialog.written
    assert written is not None and written.exists()
    assert [c.decisions for c in received] == [True], "the print's Changes reach the window"
    with pdfplumber.open(written) as pdf:
        assert len(pdf.pages) == 227 and "Số sổ vàng: 227" in pdf.pages[-1].extract_text()
    [entry] = print_log(ws, decision["id"])
    assert (entry["mode"], entry["profile_name"], entry["offset_x_mm"]) == ("blank", "Canon phòng Nội vụ", -1.0)
    assert "Đã in 1 lần" in dialog.log.text()


def test_ldtt_decision_gets_a_clear_message(window: MainWindow) -> None:
    decision = resolve_decision(window.ws, "2890", 2020)
    dialog = CertificateDialog(window.ws, decision, window)
    seen: dict[str, str] = {}

    def read(box: Any) -> None:
        seen["text"] = box.text()
        answer("Đóng")(box)

    when_modal(read, attempts=3000)
    dialog.preview()
    wait_for(dialog, 60_000)
    assert "“Lao động tiên tiến” không có giấy chứng nhận" in seen["text"]
