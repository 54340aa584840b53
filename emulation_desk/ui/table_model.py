"""One column-spec table model for every list, and a proxy that sorts the Vietnamese way and filters
without accents. Models hold plain rows (dicts) handed in by the services; they never query."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from emulation_desk.core.text import (
    fold,
    format_date,
    format_int,
    matches_folded,
    person_sort_key,
    vi_sort_key,
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """How one column shows a row: its key, Vietnamese title, kind and optional display function."""

    key: str
    title: str
    kind: str = "text"  # text | name | int | money | date | bool
    width: int = 140
    display: Callable[[dict[str, Any]], str] | None = None

    def text(self, row: dict[str, Any]) -> str:
        if self.display is not None:
            return self.display(row)
        value = row.get(self.key)
        if value is None or value == "":
            return ""
        if self.kind in ("int", "money"):
            return format_int(int(value))
        if self.kind == "date":
            from datetime import date

            return format_date(date.fromisoformat(str(value)[:10]))
        if self.kind == "bool":
            return "Có" if value else ""
        return str(value)

    def sort_key(self, row: dict[str, Any], text: str) -> Any:
        value = row.get(self.key)
        if self.kind in ("int", "money"):
            return (0, int(value)) if value not in (None, "") else (1, 0)
        if self.kind == "date":
            return str(value or "")
        if self.kind == "name":
            return person_sort_key(text)
        return vi_sort_key(text)


class RowTableModel(QAbstractTableModel):
    """Rows are dicts; display text, sort keys and folded filter text are computed once per reset."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[dict[str, Any]] = []
        self._texts: list[list[str]] = []
        self._keys: list[list[Any]] = []
        self._folded: list[str] = []

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = [[c.text(r) for c in self.columns] for r in self._rows]
        self._keys = [[c.sort_key(r, t) for c, t in zip(self.columns, texts, strict=True)]
                      for r, texts in zip(self._rows, self._texts, strict=True)]
        self._folded = [fold(" ".join(texts)) for texts in self._texts]
        self.endResetModel()

    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def row_at(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def folded(self, row: int) -> str:
        return self._folded[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._texts[row][column]
        if role == SORT_ROLE:
            return self._keys[row][column]
        if role == ROW_ROLE:
            return self._rows[row]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[column].kind in ("int", "money"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None


class VietnameseFilterProxy(QSortFilterProxyModel):
    """Sorts by the model's precomputed Vietnamese keys; filters by accent-free words and by
    optional exact-value predicates (unit, form, status…)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._query = ""
        self._predicates: dict[str, Callable[[dict[str, Any]], bool]] = {}
        self.setSortRole(SORT_ROLE)

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._query = fold(text)
        self.endFilterChange()

    def set_predicate(self, name: str, predicate: Callable[[dict[str, Any]], bool] | None) -> None:
        self.beginFilterChange()
        if predicate is None:
            self._predicates.pop(name, None)
        else:
            self._predicates[name] = predicate
        self.endFilterChange()

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RowTableModel):
            return True
        if self._query and not matches_folded(model.folded(source_row), self._query):
            return False
        if self._predicates:
            row = model.row_at(source_row)
            return all(predicate(row) for predicate in self._predicates.values())
        return True
