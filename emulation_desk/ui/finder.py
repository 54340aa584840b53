"""The finder of the window: a field in the toolbar (Ctrl+K) that finds people, units, decisions and
nominations across years as the clerk types; Enter (or a click) opens the result where it lives.

The search is ``services.records.find``; this module only shows its results and opens them: a person or a
unit selected in the Đơn vị tab (a person in the list of their unit) and its Hồ sơ opened, a decision or a
nomination selected in its year's tab.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QToolBar, QWidget

from emulation_desk.services.records.find import KIND_LABELS, FindResult, Found, find
from emulation_desk.services.workspace import Workspace

PLACEHOLDER = "Tìm người, đơn vị, quyết định… (Ctrl+K)"
FOUND_ROLE = Qt.ItemDataRole.UserRole + 1
_MORE = "Còn nữa — gõ thêm chữ để thu hẹp"
_NOTHING = "Không tìm thấy. Gõ những chữ đầu của tên theo thứ tự, ví dụ «tran van»."
_KEYS = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 8, Qt.Key.Key_PageUp: -8}


class FinderField(QLineEdit):
    """The toolbar field and its list of results (a frameless window under the field that never takes the
    keyboard: Up/Down move in it, Enter opens, Esc closes)."""

    def __init__(self, ws: Workspace, opener: Callable[[Found], None], parent: QWidget | None = None,
                 *, year: Callable[[], int | None] = lambda: None) -> None:
        super().__init__(parent)
        self.ws, self.opener, self.year = ws, opener, year
        self.setObjectName("finder_field")
        self.setPlaceholderText(PLACEHOLDER)
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(300)
        self.results = QListWidget(self)
        self.results.setObjectName("finder_results")
        self.results.setWindowFlags(Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setStyleSheet("QListWidget::item { padding: 3px 4px; }")  # rows as airy as the lists'
        self.results.itemClicked.connect(self._open_item)
        self.last: FindResult | None = None
        self._timer = QTimer(self, singleShot=True, interval=40)  # keystrokes typed together: one search
        self._timer.timeout.connect(self.search_now)
        self.textChanged.connect(lambda _t: self._timer.start())
        self.installEventFilter(self)

    # ------------------------------------------------------------------ searching
    def search_now(self) -> FindResult | None:
        text = self.text().strip()
        if not text:
            self.results.hide()
            self.last = None
            return None
        self.last = find(self.ws, text)
        self._show(self.last)
        return self.last

    def _show(self, result: FindResult) -> None:
        self.results.clear()
        for found in result.items:
            detail = f" — {found.detail}" if found.detail else ""
            item = QListWidgetItem(f"{KIND_LABELS[found.kind]}: {found.name}{detail}")
            item.setData(FOUND_ROLE, found)
            item.setToolTip(f"{found.name}{detail}")
            self.results.addItem(item)
        if not result.items:
            self.results.addItem(QListWidgetItem(_NOTHING))
        elif any(result.more.values()):
            self.results.addItem(QListWidgetItem(_MORE))
        self.results.setCurrentRow(0)
        self._place()

    def _place(self) -> None:
        rows = min(self.results.count(), 14)
        height = rows * max(self.results.sizeHintForRow(0), 18) + 6
        self.results.setFixedSize(max(self.width(), 560), height)
        self.results.move(self.mapToGlobal(QPoint(0, self.height())))
        self.results.show()
        self.results.raise_()

    # ------------------------------------------------------------------ keys and opening
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in _KEYS and self.results.isVisible():
                row = self.results.currentRow() + _KEYS[Qt.Key(key)]
                self.results.setCurrentRow(max(0, min(self.results.count() - 1, row)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self._timer.stop()
                    self.search_now()
                self.open_current()
                return True
            if key == Qt.Key.Key_Escape:
                self.results.hide()
                return True
        if watched is self and event.type() == QEvent.Type.FocusOut:
            QTimer.singleShot(150, self._hide_unless_focused)
        return super().eventFilter(watched, event)

    def _hide_unless_focused(self) -> None:
        if not self.hasFocus():
            self.results.hide()

    def open_current(self) -> Found | None:
        item = self.results.currentItem()
        return self._open_item(item) if item is not None else None

    def _open_item(self, item: QListWidgetItem) -> Found | None:
        found = item.data(FOUND_ROLE)
        if not isinstance(found, Found):
            return None
        self.results.hide()
        self.opener(found)
        return found

    def focus_finder(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()
        if self.text().strip():
            self.search_now()


# --------------------------------------------------------------------------- the window's side

def _select_when_loaded(tab: Any, record_id: str, then: Callable[[], None] | None = None, tries: int = 25) -> None:
    """Select a record in a tab, waiting for a list that loads in the background; ``then`` runs after."""
    if tab.model.find_row("id", record_id) >= 0:
        tab.select_id(record_id)
        tab.view.setFocus()
        if then is not None:
            then()
    elif tries > 0:
        QTimer.singleShot(200, lambda: _select_when_loaded(tab, record_id, then, tries - 1))


def _show_tab(window: Any, tab: Any, year: int | None = None) -> None:
    if year is not None:
        index = window.year_box.findData(year)
        if index >= 0 and index != window.year_box.currentIndex():
            window.year_box.setCurrentIndex(index)
    tab.filter_edit.clear()
    window.tabs.setCurrentWidget(tab)


def open_found(window: Any, found: Found) -> None:
    """Open a result: a person or unit selected in its list and its Hồ sơ opened; a decision or nomination
    selected in its year's tab."""
    if found.kind == "unit":
        _show_tab(window, window.units_tab)
        _select_when_loaded(window.units_tab, found.id, lambda: _open_record(window.units_tab, "unit", found.id))
    elif found.kind == "person":
        _open_person(window, found)
    elif found.kind == "decision":
        _show_tab(window, window.decisions_tab, found.year)
        _select_when_loaded(window.decisions_tab, found.id)
    else:
        _show_tab(window, window.nominations_tab, found.year)
        _select_when_loaded(window.nominations_tab, found.id)


def _open_record(tab: Any, kind: str, record_id: str) -> None:
    """The Hồ sơ dialog of a person or unit (after the list shows where it is)."""
    from emulation_desk.ui.records_open import open_person_record, open_unit_record

    opener = open_person_record if kind == "person" else open_unit_record
    QTimer.singleShot(0, lambda: opener(tab, record_id))


def _open_person(window: Any, found: Found) -> None:
    tab = window.units_tab
    unit_id = window.ws.store.scalar("SELECT unit_id FROM person WHERE id = ?", [found.id])
    _show_tab(window, tab)
    if unit_id is None:
        _open_record(tab, "person", found.id)
        return
    _select_when_loaded(tab, unit_id, lambda: (_select_person(tab, found.id),
                                               _open_record(tab, "person", found.id)))


def _select_person(tab: Any, person_id: str) -> None:
    source = tab.people_model.find_row("id", person_id)
    if source < 0:
        return
    index = tab.people_proxy.mapFromSource(tab.people_model.index(source, 0))
    if index.isValid():
        tab.people_view.selectRow(index.row())
        tab.people_view.scrollTo(index)
        tab.people_view.setFocus()


def install_finder(window: Any) -> FinderField:
    """Put the finder in the window's toolbar with its Ctrl+K action (the main window's one-line hook)."""
    field = FinderField(window.ws, lambda found: open_found(window, found), window,
                        year=lambda: window.year_box.currentData())
    bar = window.findChild(QToolBar, "year_toolbar")
    if bar is not None:
        bar.addSeparator()
        bar.addWidget(field)
    action = QAction("Tìm nhanh", window)
    action.setShortcut(QKeySequence("Ctrl+K"))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda _checked=False: field.focus_finder())
    window.addAction(action)
    window.finder, window.finder_action = field, action
    return field
