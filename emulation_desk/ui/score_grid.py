"""The scoring grid of a bloc (unit × criterion) as an editable model: typing a score calls the service
(which checks 0…max); totals, ranks and the leading unit are recomputed from the database after each edit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from emulation_desk.core.text import format_decimal
from emulation_desk.errors import KnownError
from emulation_desk.services.common import Changes

Index = QModelIndex | QPersistentModelIndex
FIXED = 2  # rank, unit name; then one column per criterion, then the total


def points_text(value: Any) -> str:
    return "" if value is None else format_decimal(value)


def header_name(name: str, line: int = 18, lines: int = 2) -> str:
    """A criterion's name for a narrow column header: broken between words on at most two lines, the rest
    cut with "…" (the tooltip gives it whole with its maximum)."""
    out: list[str] = [""]
    for word in name.split():
        if out[-1] and len(out[-1]) + 1 + len(word) > line:
            if len(out) == lines:
                out[-1] = out[-1].rstrip() + "…"
                return "\n".join(out)
            out.append("")
        out[-1] = f"{out[-1]} {word}".strip()
    return "\n".join(out)


class ScoreGridModel(QAbstractTableModel):
    """Rows are the bloc's members in their order; ``results`` is :func:`services.blocs.bloc_results`."""

    error = Signal(str)
    scored = Signal(object)  # Changes

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.results: dict[str, Any] = {"criteria": [], "rows": [], "leader": None, "max_total": 0}
        self.rows: list[dict[str, Any]] = []
        self.save_score: Callable[[str, str, str], Changes] | None = None
        self.reload_results: Callable[[], dict[str, Any]] | None = None

    def set_results(self, results: dict[str, Any], member_order: list[str]) -> None:
        self.beginResetModel()
        self.results = results
        by_unit = {r["unit_id"]: r for r in results["rows"]}
        self.rows = [by_unit[u] for u in member_order if u in by_unit]
        self.endResetModel()

    def criteria(self) -> list[dict[str, Any]]:
        return list(self.results["criteria"])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIXED + len(self.results["criteria"]) + 1

    def _criterion(self, column: int) -> dict[str, Any] | None:
        index = column - FIXED
        criteria = self.results["criteria"]
        return criteria[index] if 0 <= index < len(criteria) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        leader = self.results.get("leader")
        is_leader = bool(leader and leader["unit_id"] == row["unit_id"])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return str(row["rank"])
            if column == 1:
                return row["unit_name"] + ("  ★ dẫn đầu" if is_leader else "")
            if column == self.columnCount() - 1:
                return points_text(row["total"])
            return points_text(row["points"][column - FIXED])
        if role == Qt.ItemDataRole.TextAlignmentRole and column != 1:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and (is_leader or column == self.columnCount() - 1):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and self._criterion(column) is not None:
            return QBrush(QColor("#fffbe6"))
        if role == Qt.ItemDataRole.ToolTipRole:
            criterion = self._criterion(column)
            if criterion is not None:
                return f"{criterion['name']} — tối đa {criterion['max_points']:g} điểm. Gõ điểm rồi Enter."
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        criterion = self._criterion(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return "Xếp\nhạng"
            if section == 1:
                return "Đơn vị"
            if criterion is None:
                return f"Tổng điểm\n(tối đa {self.results['max_total']:g})"
            return header_name(criterion["name"])
        if role == Qt.ItemDataRole.ToolTipRole and criterion is not None:
            return f"{criterion['name']}: tối đa {criterion['max_points']:g} điểm"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self._criterion(index.column()) is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def cell_ids(self, index: Index) -> tuple[str, str] | None:
        criterion = self._criterion(index.column())
        if criterion is None or not index.isValid():
            return None
        return criterion["id"], self.rows[index.row()]["unit_id"]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        ids = self.cell_ids(index)
        if ids is None or role != Qt.ItemDataRole.EditRole or self.save_score is None:
            return False
        text = str(value).strip()
        if text == points_text(self.rows[index.row()]["points"][index.column() - FIXED]):
            return False
        try:
            changes = self.save_score(ids[0], ids[1], text)
        except KnownError as exc:
            self.error.emit(exc.message)
            return False
        self.refresh()
        self.scored.emit(changes)
        return True

    def refresh(self) -> None:
        """Totals, ranks and leader from the database, in place (an open editor must not be reset away)."""
        if self.reload_results is None:
            return
        results = self.reload_results()
        by_unit = {r["unit_id"]: r for r in results["rows"]}
        if len(results["criteria"]) != len(self.results["criteria"]) or any(
                r["unit_id"] not in by_unit for r in self.rows):
            self.set_results(results, [r["unit_id"] for r in self.rows])
            return
        self.results = results
        self.rows = [by_unit[r["unit_id"]] for r in self.rows]
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1))
