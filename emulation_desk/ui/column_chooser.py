"""The columns of a list the clerk wants: a check list on the header's context menu, remembered per tab.

A list shows first the columns a clerk reads at 1366 px; the others are one right-click away. The choice is
kept by column key (``TAB_HIDDEN_COLUMNS`` in ui/preferences.py), so it survives a new column in a release.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView

from emulation_desk.ui.preferences import TAB_HIDDEN_COLUMNS, preferences_file
from emulation_desk.ui.table_model import Column

MENU_TITLE = "Chọn cột hiển thị"


class ColumnChooser:
    """Hides and shows a table's columns from its header's context menu and remembers the choice."""

    def __init__(self, view: QTableView, columns: list[Column], tab: str, hidden_by_default: Iterable[str] = ()
                 ) -> None:
        self.view, self.columns, self.tab = view, columns, tab
        saved = TAB_HIDDEN_COLUMNS.read(preferences_file(), tab=tab)
        hidden = set(bytes(saved.data()).decode().split(",")) if saved is not None else set(hidden_by_default)
        self.apply(hidden)
        header = view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.show_menu)

    def hidden(self) -> set[str]:
        header = self.view.horizontalHeader()
        return {c.key for i, c in enumerate(self.columns) if header.isSectionHidden(i)}

    def apply(self, hidden: set[str]) -> None:
        header = self.view.horizontalHeader()
        for index, column in enumerate(self.columns):
            header.setSectionHidden(index, column.key in hidden)

    def set_visible(self, key: str, visible: bool) -> None:
        hidden = self.hidden() - {key} if visible else self.hidden() | {key}
        if len(hidden) >= len(self.columns):
            return  # the last column stays
        self.apply(hidden)
        TAB_HIDDEN_COLUMNS.write(preferences_file(), QByteArray(",".join(sorted(hidden)).encode()), tab=self.tab)

    def menu(self) -> QMenu:
        menu = QMenu(MENU_TITLE, self.view)
        menu.addSection(MENU_TITLE)
        hidden = self.hidden()
        for column in self.columns:
            action = QAction(column.title, menu)
            action.setCheckable(True)
            action.setChecked(column.key not in hidden)
            action.setEnabled(column.key in hidden or len(hidden) < len(self.columns) - 1)
            action.toggled.connect(lambda on, key=column.key: self.set_visible(key, on))
            menu.addAction(action)
        return menu

    def show_menu(self, position: QPoint) -> None:
        self.menu().exec(self.view.horizontalHeader().mapToGlobal(position))


def install_column_chooser(view: QTableView, columns: list[Column], tab: str,
                           hidden_by_default: Iterable[str] = ()) -> ColumnChooser:
    """The one-line hook of a tab: its list's column chooser (kept alive on the view)."""
    chooser = ColumnChooser(view, columns, tab, hidden_by_default)
    view.setProperty("column_chooser", True)
    view._column_chooser = chooser  # type: ignore[attr-defined]
    return chooser
