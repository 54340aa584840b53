"""What every tab shares: a filter box (accent-free), a sortable table view with Enter/Delete keys,
action buttons, counts for the status bar, and the signals the main window wires (changes, undo)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.logs import note_action
from emulation_desk.services.common import Changes
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.preferences import TAB_COLUMNS, TAB_SPLITTER
from emulation_desk.ui.table_model import Column, RowTableModel, VietnameseFilterProxy

HISTORY_TEXT = "Lịch sử thay đổi…"

FILTER_AT_ONCE_ROWS = 20_000  # longer lists filter when typing pauses
FILTER_PAUSE_MS = 150


def discard(_value: Any) -> None:
    """Slots return None: a value handed back to Qt from a Python slot is never needed (and may be a bool)."""


def make_table(columns: list[Column], parent: QWidget | None = None, *, multi: bool = False
               ) -> tuple[QTableView, RowTableModel, VietnameseFilterProxy]:
    """A read-only, sortable table view over a row model behind a Vietnamese proxy."""
    model = RowTableModel(columns, parent)
    proxy = VietnameseFilterProxy(parent)
    proxy.setSourceModel(model)
    view = QTableView(parent)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    for index, column in enumerate(columns):
        view.setColumnWidth(index, column.width)
    return view, model, proxy


class _KeyActions(QObject):
    """Enter opens the selected record, Delete deletes it (while the view has focus and is not editing)."""

    def __init__(self, view: QAbstractItemView, slots: dict[int, Callable[[], Any]]) -> None:
        super().__init__(view)
        self.view = view
        self.slots = slots

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and \
                self.view.state() != QAbstractItemView.State.EditingState:
            slot = self.slots.get(event.key())
            if slot is not None and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                         Qt.KeyboardModifier.KeypadModifier):
                slot()
                return True
        return False


def on_keys(view: QAbstractItemView, open_: Callable[[], Any] | None = None,
            delete: Callable[[], Any] | None = None) -> None:
    """Enter opens the selected record, Delete deletes it (only while the view has focus)."""
    slots = {key: slot for key, slot in ((Qt.Key.Key_Return, open_), (Qt.Key.Key_Enter, open_),
                                         (Qt.Key.Key_Delete, delete)) if slot is not None}
    view.installEventFilter(_KeyActions(view, slots))


def selected_rows(view: QTableView, model: RowTableModel, proxy: VietnameseFilterProxy) -> list[dict[str, Any]]:
    selection = view.selectionModel()
    if selection is None:
        return []
    rows = sorted(index.row() for index in selection.selectedRows())
    return [model.row_at(proxy.mapToSource(proxy.index(r, 0)).row()) for r in rows]


class BaseTab(QWidget):
    """A tab showing one main list of the chosen year."""

    title = ""
    item_label = "dòng"
    multi_select = False
    counts_changed = Signal()
    data_changed = Signal(object)  # Changes
    undo_offered = Signal(str, object)  # text, callable returning Changes

    def __init__(self, ws: Workspace, columns: list[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.year: int | None = None
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Tìm nhanh (gõ không dấu cũng được) — Ctrl+F")
        self.filter_edit.setClearButtonEnabled(True)
        self.view, self.model, self.proxy = make_table(columns, self, multi=self.multi_select)
        self.count_label = QLabel()
        self.filter_edit.textChanged.connect(self._filter_changed)
        self._filter_timer = QTimer(self)  # a long list filters once typing pauses (see _filter_changed)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_PAUSE_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.top = QHBoxLayout()
        self.top.addWidget(QLabel("Tìm:"))
        self.top.addWidget(self.filter_edit, 1)
        self.top.addWidget(self.count_label)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(4)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(6, 6, 6, 6)
        self.layout_.addLayout(self.top)
        self.layout_.addLayout(self.buttons)
        self.view.doubleClicked.connect(lambda *_: self.open_record())
        on_keys(self.view, self.open_record, self.delete_selected)

    # ------------------------------------------------------------------ building helpers
    def add_button(self, text: str, slot: Callable[[], Any], tooltip: str = "", layout: QHBoxLayout | None = None
                   ) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tooltip)
        button.clicked.connect(lambda *_: (note_action(f"{self.title}: {text}"), discard(slot())))
        (layout or self.buttons).addWidget(button)
        return button

    def finish_buttons(self) -> None:
        self.buttons.addStretch(1)

    def add_history_button(self) -> QPushButton:
        """A "Lịch sử thay đổi…" button and the same entry in the list's context menu (right click)."""
        self.history_button = self.add_button(HISTORY_TEXT, self.show_history,
                                              "Xem mọi thay đổi của dòng đang chọn (ai sửa, lúc nào, sửa gì)")
        action = QAction(HISTORY_TEXT, self.view)
        action.triggered.connect(lambda _checked=False: discard(self.show_history()))
        self.view.addAction(action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.history_action = action
        return self.history_button

    def history_label(self, row: dict[str, Any]) -> str:
        """How the audit window names a record of this tab."""
        return str(row.get("name") or row.get("title") or "")

    def show_history(self) -> Any:
        """The audit log of the selected record (non-modal); None when nothing is selected."""
        from emulation_desk.ui.audit_view import open_audit_view
        from emulation_desk.ui.dialogs import inform

        row = self.selected_row()
        if row is None:
            inform(self, "Lịch sử thay đổi", f"Hãy chọn một {self.item_label} trong danh sách trước.")
            return None
        view = open_audit_view(self.ws, self, record_id=row["id"], record_label=self.history_label(row))
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # closed history windows do not pile up
        self.history_window = view
        return view

    # ------------------------------------------------------------------ list and counts
    def _filter_changed(self, _text: str) -> None:
        """A short list filters at each keystroke; a long one (a province year) when typing pauses, so that
        typing "nguyen van" costs one filter, not ten."""
        if self.model.rowCount() > FILTER_AT_ONCE_ROWS:
            self._filter_timer.start()
        else:
            self.apply_filter()

    def apply_filter(self) -> None:
        """Filter by the search box's text now."""
        self._filter_timer.stop()
        self.proxy.set_query(self.filter_edit.text())
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(self.count_text())
        self.counts_changed.emit()

    def count_text(self) -> str:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            return f"{total} {self.item_label}"
        return f"{shown}/{total} {self.item_label}"

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.model.set_rows(rows)
        self._update_count()

    def selected_row(self) -> dict[str, Any] | None:
        rows = selected_rows(self.view, self.model, self.proxy)
        return rows[0] if rows else None

    def selected_rows(self) -> list[dict[str, Any]]:
        return selected_rows(self.view, self.model, self.proxy)

    def select_id(self, record_id: str, key: str = "id") -> None:
        source = self.model.find_row(key, record_id)
        if source >= 0:
            index = self.proxy.mapFromSource(self.model.index(source, 0))
            if index.isValid():
                self.view.selectRow(index.row())
                self.view.scrollTo(index)

    # ------------------------------------------------------------------ actions (the main window calls these)
    def load(self, year: int) -> None:
        self.year = year

    def reload(self) -> None:
        if self.year is not None:
            self.load(self.year)

    def cares_about(self, changes: Changes) -> bool:
        return True

    def new_record(self) -> None:
        """Ctrl+N."""

    def open_record(self) -> None:
        """Enter / double click."""

    def delete_selected(self) -> None:
        """Delete."""

    def print_or_export(self) -> None:
        """Ctrl+P: lists have no printed form of their own yet; the documents are on the reports tab."""
        from emulation_desk.ui.dialogs import inform

        inform(self, "In, xuất tệp", "Báo cáo tổng kết và biểu tổng hợp được in, xuất tệp ở tab “Báo cáo và biểu "
               "tổng hợp” (Ctrl+5).")

    def changed(self, changes: Changes | None) -> None:
        """A service call of this tab changed data: tell the window (which reloads the tabs that care)."""
        if changes is not None:
            self.data_changed.emit(changes)

    # ------------------------------------------------------------------ remembered widths
    def save_state(self, settings: QSettings) -> None:
        """Column widths and order, and where the clerk left each divider (splitter) of the tab."""
        tab = type(self).__name__
        TAB_COLUMNS.write(settings, self.view.horizontalHeader().saveState(), tab=tab)
        for index, splitter in enumerate(self.findChildren(QSplitter)):
            TAB_SPLITTER.write(settings, splitter.saveState(), tab=tab, index=index)

    def restore_state(self, settings: QSettings) -> None:
        tab = type(self).__name__
        state = TAB_COLUMNS.read(settings, tab=tab)
        if state is not None:
            self.view.horizontalHeader().restoreState(state)
        for index, splitter in enumerate(self.findChildren(QSplitter)):
            saved = TAB_SPLITTER.read(settings, tab=tab, index=index)
            if saved is not None:
                splitter.restoreState(saved)
