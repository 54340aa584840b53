"""One column-spec table model for every list, and a proxy that sorts the Vietnamese way and filters by the
search rule of :mod:`emulation_desk.core.search` (words start name parts in order; typed accents count). Models hold plain rows (dicts) handed in by the services; they never query.

Large lists (tens of thousands of nominations or recipients) stay fast because nothing per row is
computed up front: display text is made when a cell is painted, sort keys when a column is first sorted
(memoised word by word, Vietnamese names repeat their words), folded search text on the first keystroke,
the accented search text on the first keystroke typed with accents.
The proxy keeps its order as a Python list, so filtering is one list comprehension instead of one
Python call per row from Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from emulation_desk.core.search import (
    CELL_SEPARATOR,
    SearchQuery,
    find_rows,
    folded_cell,
    parse_query,
    search_cell,
)
from emulation_desk.core.text import format_date, format_int, split_name, vi_sort_key

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
VERTICAL = Qt.Orientation.Vertical
_TEXT_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)})
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_NUMERIC = frozenset({"int", "year", "money", "points"})
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


@lru_cache(maxsize=200_000)
def _word_key(word: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    return vi_sort_key(word)


_SPACE = vi_sort_key(" ")


@lru_cache(maxsize=200_000)
def fast_vi_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """``vi_sort_key`` composed from memoised words (the collation has no element spanning a space)."""
    words = text.split(" ")
    if len(words) == 1:
        return _word_key(text)
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    for position, word in enumerate(words):
        parts = (_SPACE, _word_key(word)) if position else (_word_key(word),)
        for p, s, t in parts:
            primary += p
            secondary += s
            tertiary += t
    return tuple(primary), tuple(secondary), tuple(tertiary)


@lru_cache(maxsize=200_000)
def fast_person_key(full_name: str) -> tuple[object, ...]:
    """``core.text.person_sort_key`` with memoised words: given name, family, middle, full name."""
    cleaned = " ".join(full_name.split())
    family, middle, given = split_name(cleaned) if cleaned else ("", "", "")
    return (fast_vi_key(given), fast_vi_key(family), fast_vi_key(middle), fast_vi_key(cleaned), cleaned)


@lru_cache(maxsize=200_000)
def fast_fold(text: str) -> str:
    """A field's accent-free search text (``core.search.folded_cell``) with a memo: fields repeat."""
    return folded_cell(text)


@dataclass(frozen=True)
class Column:
    """How one column shows a row: its key, Vietnamese title, kind and optional display function."""

    key: str
    title: str
    kind: str = "text"  # text | name | int | year | money | date | bool | points
    width: int = 140
    display: Callable[[dict[str, Any]], str] | None = None
    decoration: Callable[[dict[str, Any]], Any] | None = None  # an icon (or colour) before the text

    def text(self, row: dict[str, Any]) -> str:
        if self.display is not None:
            return self.display(row)
        value = row.get(self.key)
        if value is None or value == "":
            return ""
        if self.kind in ("int", "money"):
            return format_int(int(value))
        if self.kind == "year":
            return str(int(value))
        if self.kind == "date":
            return format_date(date.fromisoformat(str(value)[:10]))
        if self.kind == "bool":
            return "Có" if value else ""
        return str(value)

    def sort_key(self, row: dict[str, Any], text: str) -> Any:
        value = row.get(self.key)
        if self.kind in ("int", "year", "money", "points"):
            return (0, float(value)) if value not in (None, "") else (1, 0.0)
        if self.kind == "date":
            return str(value or "")
        if self.kind == "name":
            return fast_person_key(text)
        return fast_vi_key(text)


def _join_folded(per_column_texts: list[list[str]], make: Callable[[str], str] = fast_fold) -> list[str]:
    per_column: list[list[str]] = []
    for texts in per_column_texts:
        memo: dict[str, str] = {}
        folded = []
        for text in texts:
            value = memo.get(text)
            if value is None:
                value = memo[text] = make(text)
            folded.append(value)
        per_column.append(folded)
    return [CELL_SEPARATOR.join(parts) for parts in zip(*per_column, strict=True)] if per_column else []


def fold_rows(columns: Sequence[Column], rows: Sequence[dict[str, Any]]) -> list[str]:
    """The search text of each row as :class:`RowTableModel` makes it (pure Python: usable off the GUI thread)."""
    return _join_folded([[column.text(r) for r in rows] for column in columns])


class RowTableModel(QAbstractTableModel):
    """Rows are dicts; text, sort keys and folded filter text are computed lazily and kept."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[dict[str, Any]] = []
        self._clear_caches()

    def _clear_caches(self) -> None:
        self._texts: list[list[str | None]] = [[None] * len(self._rows) for _ in self.columns]
        self._keys: dict[int, list[Any]] = {}
        self._folded: list[str] | None = None
        self._search: list[str] | None = None

    def set_rows(self, rows: Sequence[dict[str, Any]], folded: list[str] | None = None) -> None:
        """Replace the rows; ``folded`` is their search text when already made (by :func:`fold_rows`,
        e.g. in a worker thread)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._clear_caches()
        if folded is not None and len(folded) == len(self._rows):
            self._folded = folded
        self.endResetModel()

    def set_folded(self, folded: list[str]) -> bool:
        """The rows' search text made elsewhere (a worker, after the rows were shown); ignored (False) when it
        does not fit the rows any more. Until it arrives, the first keystroke folds the rows itself."""
        if len(folded) != len(self._rows):
            return False
        self._folded = folded
        return True

    def rows_changed(self, folded: list[str] | None = None) -> None:
        """The rows' values changed in place (e.g. verdicts arrived): texts, sort keys and search text are made
        again (``folded`` when already made off the GUI thread)."""
        self.beginResetModel()
        self._clear_caches()
        if folded is not None and len(folded) == len(self._rows):
            self._folded = folded
        self.endResetModel()

    def update_row(self, row: int, values: dict[str, Any]) -> None:
        """Replace one row (after an edit) and repaint it."""
        self._rows[row] = values
        for texts in self._texts:
            texts[row] = None
        self._keys.clear()
        if self._folded is not None:
            self._folded[row] = self._fold_row(row)
        if self._search is not None:
            self._search[row] = CELL_SEPARATOR.join(search_cell(self.text(row, c)) for c in range(len(self.columns)))
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def row_at(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def find_row(self, key: str, value: Any) -> int:
        return next((i for i, r in enumerate(self._rows) if r.get(key) == value), -1)

    def text(self, row: int, column: int) -> str:
        texts = self._texts[column]
        value = texts[row]
        if value is None:
            value = texts[row] = self.columns[column].text(self._rows[row])
        return value

    def sort_keys(self, column: int) -> list[Any]:
        keys = self._keys.get(column)
        if keys is None:
            spec = self.columns[column]
            texts = self.column_texts(column)
            keys = self._keys[column] = [spec.sort_key(r, t) for r, t in zip(self._rows, texts, strict=True)]
        return keys

    def _fold_row(self, row: int) -> str:
        return CELL_SEPARATOR.join(fast_fold(self.text(row, c)) for c in range(len(self.columns)))

    def column_texts(self, column: int) -> list[str]:
        """Every row's text of one column (filled in one pass)."""
        texts = self._texts[column]
        if None in texts:
            spec = self.columns[column]
            texts[:] = [spec.text(r) if t is None else t for r, t in zip(self._rows, texts, strict=True)]
        return texts  # type: ignore[return-value]

    def folded_all(self) -> list[str]:
        if self._folded is None:
            self._folded = _join_folded([self.column_texts(c) for c in range(len(self.columns))])
        return self._folded

    def folded(self, row: int) -> str:
        return self.folded_all()[row]

    def search_texts(self) -> list[str]:
        """Every row's search text with its accents (made on the first query typed with accents)."""
        if self._search is None:
            self._search = _join_folded([self.column_texts(c) for c in range(len(self.columns))], search_cell)
        return self._search

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.columns)

    def cell_data(self, row: int, column: int, role: int) -> Any:
        """A cell's data by plain numbers (the proxy calls this directly: painting asks for many roles)."""
        if role in _TEXT_ROLES:
            texts = self._texts[column]
            value = texts[row]
            if value is None:
                value = texts[row] = self.columns[column].text(self._rows[row])
            return value
        if role == _DECORATION:
            decoration = self.columns[column].decoration
            return None if decoration is None else decoration(self._rows[row])
        if role == _ALIGNMENT:
            return _RIGHT if self.columns[column].kind in _NUMERIC else None
        if role == SORT_ROLE:
            return self.sort_keys(column)[row]
        if role == ROW_ROLE:
            return self._rows[row]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.cell_data(index.row(), index.column(), int(role))

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        if role == Qt.ItemDataRole.DisplayRole and orientation == VERTICAL:
            return str(section + 1)
        return None


class VietnameseFilterProxy(QAbstractProxyModel):
    """Sorts by the model's Vietnamese keys; filters by the search rule (``core.search``) and by optional
    exact-value predicates (unit, form, status…). Its order is a plain list of source rows."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._query = SearchQuery()
        self._predicates: dict[str, Callable[[dict[str, Any]], bool]] = {}
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._sorted: list[int] = []
        self._order: list[int] = []
        self._inverse: dict[int, int] | None = None
        self._rows_model: RowTableModel | None = None

    # ------------------------------------------------------------------ wiring
    def setSourceModel(self, model: Any) -> None:
        old = self.sourceModel()
        if old is not None:
            for signal, slot in self._connections(old):
                signal.disconnect(slot)
        self.beginResetModel()
        self._rows_model = model if isinstance(model, RowTableModel) else None
        super().setSourceModel(model)
        for signal, slot in self._connections(model):
            signal.connect(slot)
        self._rebuild(reset=False)
        self.endResetModel()

    def _connections(self, model: Any) -> list[tuple[Any, Any]]:
        return [(model.modelReset, self._source_reset), (model.dataChanged, self._source_data_changed),
                (model.layoutChanged, self._source_reset)]

    def source(self) -> RowTableModel:
        model = self.sourceModel()
        assert isinstance(model, RowTableModel)
        return model

    def _source_reset(self, *_args: Any) -> None:
        self.beginResetModel()
        self._rebuild(reset=False)
        self.endResetModel()

    def _source_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, *_args: Any) -> None:
        for source_row in range(top_left.row(), bottom_right.row() + 1):
            row = self._inverse_map().get(source_row)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # ------------------------------------------------------------------ filter and sort
    def set_query(self, text: str) -> None:
        query = parse_query(text)
        if query == self._query:
            return
        narrowing = not self._query.empty and query.narrows(self._query)
        self._query = query
        self.beginResetModel()
        if narrowing:
            self._order = self._filter(self._order)
            self._inverse = None
        else:
            self._rebuild(reset=False, resort=False)
        self.endResetModel()

    def set_predicate(self, name: str, predicate: Callable[[dict[str, Any]], bool] | None) -> None:
        if predicate is None:
            if self._predicates.pop(name, None) is None:
                return
        else:
            self._predicates[name] = predicate
        self.beginResetModel()
        self._rebuild(reset=False, resort=False)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort_column, self._sort_order = column, order
        self._resort()
        self._order = self._filter(self._sorted)
        self._inverse = None
        self.layoutChanged.emit()

    def _resort(self) -> None:
        model = self.sourceModel()
        count = model.rowCount() if model is not None else 0
        if self._sort_column < 0 or not isinstance(model, RowTableModel) or self._sort_column >= model.columnCount():
            self._sorted = list(range(count))
            return
        keys = model.sort_keys(self._sort_column)
        self._sorted = sorted(range(count), key=keys.__getitem__,
                              reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def _filter(self, rows: list[int]) -> list[int]:
        model = self.sourceModel()
        if not isinstance(model, RowTableModel):
            return rows
        if not self._query.empty:
            rows = find_rows(self._query, model.folded_all(), model.search_texts, rows)
        if self._predicates:
            predicates = list(self._predicates.values())
            rows = [i for i in rows if all(p(model.row_at(i)) for p in predicates)]
        return rows

    def _rebuild(self, *, reset: bool = True, resort: bool = True) -> None:
        model = self.sourceModel()
        count = model.rowCount() if model is not None else 0
        if resort or len(self._sorted) != count:
            self._resort()
        self._order = self._filter(self._sorted)
        self._inverse = None

    def _inverse_map(self) -> dict[int, int]:
        if self._inverse is None:
            self._inverse = {source: row for row, source in enumerate(self._order)}
        return self._inverse

    def source_rows(self) -> list[int]:
        """Source rows in the order shown."""
        return list(self._order)

    # ------------------------------------------------------------------ QAbstractProxyModel
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._order)) or not (0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        model = self.sourceModel()
        return 0 if parent.isValid() or model is None else model.columnCount()

    def mapToSource(self, proxy_index: Index) -> QModelIndex:
        model = self.sourceModel()
        if model is None or not proxy_index.isValid() or proxy_index.row() >= len(self._order):
            return QModelIndex()
        return model.index(self._order[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row = self._inverse_map().get(source_index.row())
        return QModelIndex() if row is None else self.index(row, source_index.column())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if row < 0 or row >= len(self._order):
            return None
        model = self._rows_model
        if model is not None:
            return model.cell_data(self._order[row], index.column(), role if role.__class__ is int else int(role))
        source = self.sourceModel()
        return None if source is None else source.data(source.index(self._order[row], index.column()), role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == VERTICAL:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        model = self.sourceModel()
        return None if model is None else model.headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        model = self.sourceModel()
        if model is None or not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if type(model) is RowTableModel:
            return _READ_ONLY
        return model.flags(self.mapToSource(index))

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        model = self.sourceModel()
        return bool(model is not None and model.setData(self.mapToSource(index), value, role))
