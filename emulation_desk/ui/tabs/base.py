"""What every tab shares: a filter box (accent-free), a sortable table view, counts for the status bar."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.table_model import Column, RowTableModel, VietnameseFilterProxy


def make_table(columns: list[Column], parent: QWidget | None = None) -> tuple[QTableView, RowTableModel,
                                                                              VietnameseFilterProxy]:
    """A read-only, sortable table view over a row model behind a Vietnamese proxy."""
    model = RowTableModel(columns, parent)
    proxy = VietnameseFilterProxy(parent)
    proxy.setSourceModel(model)
    view = QTableView(parent)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(24)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    for index, column in enumerate(columns):
        view.setColumnWidth(index, column.width)
    return view, model, proxy


class BaseTab(QWidget):
    """A tab showing one main list of the chosen year."""

    title = ""
    item_label = "dòng"
    counts_changed = Signal()

    def __init__(self, ws: Workspace, columns: list[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.year: int | None = None
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Tìm nhanh (gõ không dấu cũng được), Ctrl+F")
        self.filter_edit.setClearButtonEnabled(True)
        self.view, self.model, self.proxy = make_table(columns, self)
        self.count_label = QLabel()
        self.filter_edit.textChanged.connect(self._filter_changed)
        top = QHBoxLayout()
        top.addWidget(QLabel("Tìm:"))
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.count_label)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(top)

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_query(text)
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
        indexes = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        if not indexes:
            return None
        return self.model.row_at(self.proxy.mapToSource(indexes[0]).row())

    def load(self, year: int) -> None:
        self.year = year

    def state_key(self) -> str:
        return f"tabs/{type(self).__name__}/header"

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(self.state_key(), self.view.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value(self.state_key())
        if isinstance(state, QByteArray):
            self.view.horizontalHeader().restoreState(state)
