"""Opening a Hồ sơ from a tab: the dialog runs, what it changed is passed on, and "Hoàn tác" is offered."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView

from emulation_desk.ui.records_common import RECORD_SHORTCUT


def open_person_record(tab: Any, person_id: str, needs: Sequence[str] = ()) -> bool:
    """Hồ sơ of a person, opened from ``tab`` (a BaseTab); True when the clerk saved it."""
    from emulation_desk.ui.records_person import PersonRecordDialog

    dialog = PersonRecordDialog(tab.ws, person_id, tab, year=tab.year, needs=needs)
    return _run(tab, dialog, f"Đã sửa hồ sơ của {dialog.person['full_name']}")


def open_unit_record(tab: Any, unit_id: str, needs: Sequence[str] = ()) -> bool:
    from emulation_desk.ui.records_unit import UnitRecordDialog

    dialog = UnitRecordDialog(tab.ws, unit_id, tab, year=tab.year, needs=needs)
    return _run(tab, dialog, f"Đã sửa hồ sơ của {dialog.unit['name']}")


def _run(tab: Any, dialog: Any, done: str) -> bool:
    try:
        if not dialog.exec() or dialog.result_value is None:
            return False
        changes, undo = dialog.result_value, dialog.undo_action()
    finally:
        dialog.deleteLater()  # a closed Hồ sơ is not kept under the tab
    tab.changed(changes)
    tab.undo_offered.emit(done, undo)
    return True


def add_record_action(view: QAbstractItemView, slot: Any, text: str = "Mở hồ sơ…") -> QAction:
    """A "Mở hồ sơ…" entry in the list's context menu, with its shortcut (Ctrl+H) while the list has the focus."""
    action = QAction(text, view)
    action.setShortcut(QKeySequence(RECORD_SHORTCUT))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    view.addAction(action)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return action
