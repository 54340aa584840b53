"""The statistical table on screen exactly as it prints: the model report's merged three-row header, the
column numbers (1)…(14), group rows (I, II, III) and the official and extra rows. Each count cell opens
the list of the decision recipients it counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.core.stats import ALL_COLUMNS, PERCENT_COLUMNS, StatTable
from emulation_desk.ui.table_model import Column
from emulation_desk.ui.tabs.base import make_table

Index = QModelIndex | QPersistentModelIndex
LEADER = "Số lượng khen thưởng cho cá nhân là lãnh đạo quản lý (lãnh đạo từ cấp phòng trở lên)"
WORKER = ("Số lượng khen thưởng cho nông dân/công nhân/chiến sỹ/người LĐ trực tiếp/công chức, viên chức không "
          "làm công tác quản lý")
HEADER_ROWS = 4  # three header rows and the column numbers
NUMBERS = ["(1)", "(2)", "(3)", "(4)", "(5)=(4:3)", "(6)", "(7)=(6:3)", "(8)", "(9)", "(10)", "(11)=(10:3)",
           "(12)", "(13)", "(14)"]
# (row, column, row span, column span, text) of the header, as the model report prints it
HEADER_CELLS = [
    (0, 0, 3, 1, "Stt"), (0, 1, 3, 1, "Hình thức khen thưởng"),
    (0, 2, 1, 3, "Số lượng khen thưởng trong năm"),
    (0, 5, 1, 4, "Khen thưởng theo công trạng, thành tích đạt được"),
    (0, 9, 1, 4, "Khen thưởng chuyên đề, đột xuất, khen điển hình tiên tiến"), (0, 13, 3, 1, "Ghi chú"),
    (1, 2, 2, 1, "Tổng số"), (1, 3, 1, 2, "Trong đó khen thưởng cho cá nhân"), (2, 3, 1, 1, "Số lượng"),
    (2, 4, 1, 1, "Tỷ lệ %"),
    (1, 5, 2, 1, "Tổng số"), (1, 6, 2, 1, "Tỷ lệ %"), (1, 7, 2, 1, LEADER), (1, 8, 2, 1, WORKER),
    (1, 9, 2, 1, "Tổng số"), (1, 10, 2, 1, "Tỷ lệ %"), (1, 11, 2, 1, LEADER), (1, 12, 2, 1, WORKER),
]
COLUMN_WIDTHS = [34, 212, 62, 66, 66, 62, 66, 118, 130, 62, 82, 118, 130, 110]
CELL_ROLE = Qt.ItemDataRole.UserRole + 10  # (row_key, column) of a count cell


@dataclass(frozen=True)
class Line:
    kind: str  # header | numbers | group | row
    cells: tuple[str, ...]
    key: str = ""


def _cell_text(value: Any) -> str:
    """Exactly the text the printed table shows (one formatting rule for screen, PDF and Excel)."""
    from emulation_desk.documents.stat_table import cell_text

    return cell_text(value)


class StatTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.lines: list[Line] = []
        self.spans: list[tuple[int, int, int, int]] = []
        self.table: StatTable | None = None

    def set_table(self, table: StatTable) -> None:
        self.beginResetModel()
        self.table = table
        header = [[""] * 14 for _ in range(3)]
        self.spans = []
        for row, column, rows, columns, text in HEADER_CELLS:
            header[row][column] = text
            if rows > 1 or columns > 1:
                self.spans.append((row, column, rows, columns))
        self.lines = [Line("header", tuple(cells)) for cells in header]
        self.lines.append(Line("numbers", tuple(NUMBERS)))
        for group in table.groups:
            self.spans.append((len(self.lines), 1, 1, 13))
            self.lines.append(Line("group", (group.code, group.title.upper(), *[""] * 12)))
            for row in group.rows:
                values = tuple(_cell_text(row.value(c)) for c in ALL_COLUMNS)
                self.lines.append(Line("row", (str(row.no), row.label, *values), key=row.key))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 14

    def cell(self, index: Index) -> tuple[str, str] | None:
        """(row_key, column) of a count cell that has records behind it, else None."""
        line = self.lines[index.row()]
        if line.kind != "row" or index.column() < 2 or index.column() == 13 or not line.cells[index.column()]:
            return None
        return line.key, ALL_COLUMNS[index.column() - 2]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line, column = self.lines[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return line.cells[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if (line.kind == "row" and column == 1) or (line.kind == "group" and column == 1) or (column == 13 and line.kind == "row"):
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and line.kind in ("header", "group", "numbers"):
            font = QFont()
            font.setBold(line.kind != "numbers")
            font.setItalic(line.kind == "numbers")
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            if line.kind in ("header", "numbers"):
                return QBrush(QColor("#eef1f5"))
            if line.kind == "group":
                return QBrush(QColor("#f7f7f7"))
        if role == Qt.ItemDataRole.ToolTipRole and self.cell(index) is not None:
            return "Bấm đúp hoặc Enter để xem danh sách được đếm trong ô này"
        if role == CELL_ROLE:
            return self.cell(index)
        if role == Qt.ItemDataRole.ForegroundRole and self.cell(index) is not None and \
                ALL_COLUMNS[column - 2] not in PERCENT_COLUMNS:
            return QBrush(QColor("#0b4f9c"))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def make_stat_view(parent: QWidget | None = None) -> tuple[QTableView, StatTableModel]:
    model = StatTableModel(parent)
    view = QTableView(parent)
    view.setModel(model)
    view.horizontalHeader().hide()
    view.verticalHeader().hide()
    view.setWordWrap(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.setStyleSheet("QTableView { gridline-color: #7a7a7a; }")
    for column, width in enumerate(COLUMN_WIDTHS):
        view.setColumnWidth(column, width)
    model.modelReset.connect(lambda: _apply_layout(view, model))
    return view, model


def _apply_layout(view: QTableView, model: StatTableModel) -> None:
    view.clearSpans()
    for row, column, rows, columns in model.spans:
        view.setSpan(row, column, rows, columns)
    for row, line in enumerate(model.lines):
        view.setRowHeight(row, {"header": 42, "numbers": 22}.get(line.kind, 24))
        if line.kind == "row":
            view.resizeRowToContents(row)  # a long form name wraps instead of being cut
            view.setRowHeight(row, max(view.rowHeight(row), 24))
    view.setRowHeight(1, 74)
    view.setRowHeight(2, 58)


CELL_COLUMNS = [
    Column("display_name", "Họ tên / Tên tập thể", kind="name", width=220),
    Column("position", "Chức vụ", width=160),
    Column("is_manager", "Lãnh đạo QL", kind="bool", width=85),
    Column("unit_name", "Đơn vị", width=220),
    Column("form_short_name", "Hình thức", width=180),
    Column("number", "Quyết định", width=120, display=lambda r: f"{r['number']}/{r['symbol']}"),
    Column("signed_on", "Ngày ký", kind="date", width=100),
]


def write_rows_xlsx(path: Path | str, title: str, columns: list[Column], rows: list[dict[str, Any]]) -> Path:
    """The rows of a list as shown (its columns' texts) in an .xlsx with the title above (the cell's trace)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from emulation_desk.exchange.writer import save_atomically

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True)
    sheet.append([c.title for c in columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([c.text(row) for c in columns])
    for index, column in enumerate(columns):
        sheet.column_dimensions[chr(ord("A") + index)].width = max(10, column.width // 7)
    return save_atomically(workbook, path)


class CellRecordsDialog(QDialog):
    """The decision recipients one cell of the table counts: search, export to Excel, close."""

    def __init__(self, title: str, rows: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.title, self.rows = title, rows
        self.view, self.model, self.proxy = make_table(CELL_COLUMNS, self)
        self.model.set_rows(rows)
        self.choose_path: Callable[[QWidget, str], str] = _ask_xlsx_path
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        top.addWidget(self.count_label, 1)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Tìm theo tên, đơn vị, số quyết định…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(280)
        self.filter_edit.textChanged.connect(self._filter)
        top.addWidget(self.filter_edit)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton("Xuất Excel…", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(lambda _checked=False: self.export())
        close = buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self._filter("")
        self.resize(1180, 560)

    def _filter(self, text: str) -> None:
        self.proxy.set_query(text)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{self.title}: {total} dòng" if shown == total
                                 else f"{self.title}: {shown}/{total} dòng")

    def shown_rows(self) -> list[dict[str, Any]]:
        return [self.model.row_at(i) for i in self.proxy.source_rows()]

    def export(self) -> Path | None:
        """The rows shown (after the search) to an .xlsx the clerk names."""
        from emulation_desk.errors import KnownError
        from emulation_desk.ui.dialogs import inform

        chosen = self.choose_path(self, "danh-sach-o-bieu.xlsx")
        if not chosen:
            return None
        try:
            path = write_rows_xlsx(chosen, self.title, CELL_COLUMNS, self.shown_rows())
        except KnownError as exc:
            inform(self, "Không xuất được", exc.message, error=True)
            return None
        inform(self, "Đã xuất", f"Đã lưu {len(self.shown_rows())} dòng vào tệp {path}.")
        return path


def _ask_xlsx_path(parent: QWidget, default_name: str) -> str:
    from pathlib import Path as _Path

    from PySide6.QtWidgets import QFileDialog

    chosen, _ = QFileDialog.getSaveFileName(parent, "Xuất danh sách ra Excel", str(_Path.home() / default_name),
                                            "Tệp Excel (*.xlsx)")
    if chosen and not chosen.lower().endswith(".xlsx"):
        chosen += ".xlsx"
    return chosen
