"""The trash, backup and audit dialogs, driven as a clerk would (confirmations answered by the test)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from emulation_desk.services.maintenance import trash
from emulation_desk.services.workspace import Workspace
from emulation_desk.storage.backup import list_backups
from emulation_desk.ui.app import create_application
from emulation_desk.ui.audit_view import AuditView, open_audit_view
from emulation_desk.ui.backup_dialog import BackupDialog
from emulation_desk.ui.trash_dialog import TrashDialog

SHOTS = os.environ.get("EMULATION_DESK_SHOTS")  # set it to a folder to keep screenshots of the dialogs


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / name))


def add_units(ws: Workspace, *names: str) -> list[str]:
    with ws.store.transaction():
        return [ws.store.insert("unit", {"name": n, "name_key": n.lower(), "kind": "khac"}) for n in names]


def nominations(ws: Workspace, n: int) -> list[str]:
    return [r["id"] for r in ws.store.query(
        "SELECT id FROM nomination WHERE year = 2020 AND decision_id IS NULL AND deleted_at IS NULL "
        "ORDER BY id LIMIT ?", [n])]


def answered(dialog: TrashDialog | BackupDialog, answer: bool) -> list[str]:
    asked: list[str] = []
    dialog.confirm = lambda _parent, _title, text: asked.append(text) or answer  # type: ignore[method-assign]
    dialog.inform = lambda _parent, _title, text: asked.append(text)  # type: ignore[method-assign]
    return asked


def test_trash_dialog_restores_and_empties(qtbot: QtBot, demo_ws: Workspace) -> None:
    create_application()
    ids = nominations(demo_ws, 3)
    trash.delete_nominations(demo_ws, ids)
    received = demo_ws.store.scalar("SELECT id FROM decision WHERE is_own = 0 AND year = 2020 LIMIT 1")
    trash.delete_decision(demo_ws, received)
    dialog = TrashDialog(demo_ws)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 4 and dialog.summary.text() == "Thùng rác có 4 mục."
    assert not dialog.restore_button.isEnabled()
    dialog.view.selectRow(0)
    restored_id = dialog.selected_ids()[0]
    with qtbot.waitSignal(dialog.changed) as signal:
        dialog.restore_button.click()
    assert signal.args[0].ids == {restored_id} and dialog.model.rowCount() == 3
    asked = answered(dialog, False)
    dialog.empty_button.click()
    assert asked and "toàn bộ thùng rác" in asked[0] and dialog.model.rowCount() == 3
    shot(dialog, "trash_dialog.png")
    answered(dialog, True)
    with qtbot.waitSignal(dialog.changed):
        dialog.empty_button.click()
    assert dialog.model.rowCount() == 0 and dialog.summary.text() == "Thùng rác trống."
    assert not dialog.empty_button.isEnabled()


def test_backup_dialog_backs_up_and_restores(qtbot: QtBot, ws: Workspace, tmp_path: Path) -> None:
    create_application()
    add_units(ws, "Phòng Nội vụ")
    dialog = BackupDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 0 and not dialog.restore_button.isEnabled()
    dialog.backup_button.click()
    assert dialog.model.rowCount() == 1 and "Đã sao lưu" in dialog.status.text()
    dialog.choose_path = lambda _parent: str(tmp_path / "usb.sqlite")  # type: ignore[method-assign]
    dialog.export_button.click()
    assert (tmp_path / "usb.sqlite").exists()
    add_units(ws, "Đơn vị thêm nhầm")
    dialog.view.selectRow(0)
    asked = answered(dialog, False)
    dialog.restore_button.click()
    assert "Khôi phục dữ liệu về bản sao lưu" in asked[0] and ws.store.scalar("SELECT count(*) FROM unit") == 2
    answered(dialog, True)
    with qtbot.waitSignal(dialog.restored):
        dialog.restore_button.click()
    assert ws.store.scalar("SELECT count(*) FROM unit") == 1
    assert "Đã khôi phục" in dialog.status.text() and dialog.model.rowCount() == 2
    shot(dialog, "backup_dialog.png")
    assert [b.slug for b in list_backups(ws.path)] == ["truoc-khoi-phuc", "theo-yeu-cau"]


def test_backup_dialog_refuses_a_damaged_backup(qtbot: QtBot, ws: Workspace) -> None:
    create_application()
    dialog = BackupDialog(ws)
    qtbot.addWidget(dialog)
    dialog.backup_button.click()
    path = list_backups(ws.path)[0].path
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\x00" * 4096
    path.write_bytes(bytes(data))
    dialog.reload()
    dialog.view.selectRow(0)
    asked = answered(dialog, True)
    dialog.restore_button.click()
    assert "dữ liệu hiện tại giữ nguyên" in asked[-1]


def test_audit_view_for_one_record_and_for_all(qtbot: QtBot, ws: Workspace) -> None:
    create_application()
    unit, other = add_units(ws, "Phòng Văn hóa", "Phòng Y tế")
    with ws.store.transaction():
        ws.store.update("unit", unit, {"name": "Phòng Văn hóa – Thông tin"})
    view = AuditView(ws, record_id=unit, record_label="Phòng Văn hóa – Thông tin")
    qtbot.addWidget(view)
    view.show()
    assert view.model.rowCount() == 2
    view.view.selectRow(0)
    assert "Phòng Văn hóa – Thông tin" in view.detail.toPlainText() and "before_json:" in view.technical.toPlainText()
    everything = open_audit_view(ws)
    qtbot.addWidget(everything)
    total = everything.model.rowCount()
    assert total > 3
    everything.action_box.setCurrentIndex(everything.action_box.findData("update"))
    everything.apply_button.click()
    assert 0 < everything.model.rowCount() < total
    everything.search.setText("van hoa")
    assert everything.proxy.rowCount() == 1
    everything.from_check.setChecked(True)
    everything.from_edit.setDate(everything.from_edit.date().addYears(5))
    everything.apply_button.click()
    assert everything.model.rowCount() == 0 and "0 / 0" in everything.count_label.text()
    shot(view, "audit_view.png")
    assert other
