"""Hồ sơ đơn vị: the unit and, per year, the figures the rules for a collective read (members, members rated
"hoàn thành nhiệm vụ" or better, members at the Lao động tiên tiến standard and CSTĐCS, disciplined members, the
collective's rating), with the collective's awards beside it, each line opening its decision.

Save writes every year in one audited transaction; :attr:`UnitRecordDialog.before` keeps the figures as they
were for the caller's "Hoàn tác"."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSplitter, QVBoxLayout, QWidget

from emulation_desk.core.rules.facts import RATING_LABELS
from emulation_desk.core.text import format_date
from emulation_desk.errors import KnownError
from emulation_desk.services.common import Changes, require_year
from emulation_desk.services.records import unit_facts as uf
from emulation_desk.services.records import units
from emulation_desk.services.records.units import UNIT_KINDS
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.dialogs import ERROR_STYLE
from emulation_desk.ui.records_common import DIALOG_SIZE, FactTable, HistoryPanel, row_error, table_panel

FIGURES = ("head_count", "completed_count", "standard_count", "cstdcs_count", "disciplined_count")
HEADERS = ["Năm", "Tổng số\nthành viên", "Hoàn thành\nnhiệm vụ trở lên", "Đạt Lao động\ntiên tiến",
           "Đạt CSTĐ\ncơ sở", "Bị kỷ\nluật", "Xếp loại tập thể", "Ghi chú"]
RATING_COLUMN, NOTES_COLUMN = 6, 7


class UnitRecordDialog(QDialog):
    def __init__(self, ws: Workspace, unit_id: str, parent: QWidget | None = None, *, year: int | None = None,
                 needs: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.ws, self.unit_id, self.year = ws, unit_id, year
        self.unit = units.get_unit(ws, unit_id)
        self.before = uf.unit_facts(ws, unit_id)
        self.result_value: Changes | None = None
        self.setWindowTitle(f"Hồ sơ đơn vị — {self.unit['name']}")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self._identity()))
        self.banner = QLabel("Cần nhập để xét điều kiện: " + "; ".join(needs) + "." if needs else "")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color: #1565c0; font-weight: bold;")
        self.banner.setVisible(bool(needs))
        layout.addWidget(self.banner)
        self.figures = FactTable(HEADERS, [50, 80, 110, 95, 75, 55, 235, 120],
                                 choices={RATING_COLUMN: [(None, "(chưa có)"), *RATING_LABELS.items()]})
        panel = table_panel(self.figures, "Số liệu của tập thể theo từng năm, như đơn vị báo cáo. Ô để trống là chưa "
                            "biết; khi chưa ghi số đạt Lao động tiên tiến, chương trình đếm theo hồ sơ cá nhân.",
                            self.add_year, "Thêm năm")
        self.history = HistoryPanel(ws, "Khen thưởng của tập thể", units.unit_history(ws, unit_id))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(panel)
        split.addWidget(self.history)
        split.setSizes([860, 360])
        layout.addWidget(split, 1)
        self.error = QLabel("")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Lưu hồ sơ", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for y in self.before:
            self.figures.add_row([y.year, *(_cell(getattr(y, f)) for f in FIGURES), y.rating, y.notes])
        if year is not None and needs:
            self.figures.selectRow(self._row_of(year))
        self.resize(*DIALOG_SIZE)

    def _identity(self) -> str:
        u = self.unit
        since = f", từ {format_date(date.fromisoformat(u['valid_from']))}" if u["valid_from"] else ""
        until = f" đến {format_date(date.fromisoformat(u['valid_to']))}" if u["valid_to"] else ""
        return (f"<b style='font-size:14px'>{u['name']}</b>  {UNIT_KINDS.get(u['kind'], u['kind'])}{since}{until}<br>"
                f"Số người theo danh sách đơn vị: {u['head_count']}")

    def _row_of(self, year: int) -> int:
        for row in self.figures.rows():
            if self.figures.value(row, 0) == str(year):
                return row
        return self.add_year(year)

    def add_year(self, year: int | None = None) -> int:
        known = {self.figures.value(r, 0) for r in self.figures.rows()}
        year = year or self.year or date.today().year
        while str(year) in known:
            year -= 1
        head = self.unit["head_count"] or None
        return self.figures.add_row([year, _cell(head), "", "", "", "", None, ""])

    def years(self) -> list[uf.UnitYear]:
        result = []
        for row in self.figures.rows():
            t = self.figures
            try:
                values: dict[str, Any] = {f: uf.figure(t.value(row, i + 1), uf.FIGURE_LABELS[f])
                                          for i, f in enumerate(FIGURES)}
                result.append(uf.UnitYear(require_year(t.value(row, 0)), **values, rating=t.value(row, RATING_COLUMN),
                                          notes=t.value(row, NOTES_COLUMN)))
            except KnownError as exc:
                raise row_error("Số liệu", row, exc) from None
        return result

    def save(self) -> None:
        self.error.setText("")
        try:
            self.result_value = uf.save_unit_facts(self.ws, self.unit_id, self.years())
        except KnownError as exc:
            self.error.setText(f"Chưa lưu: {exc.message}")
            return
        self.accept()

    def undo(self) -> Changes:
        return self.undo_action()()

    def undo_action(self) -> Callable[[], Changes]:
        """The undo of this dialog's save, holding no reference to the dialog."""
        ws, unit_id, before = self.ws, self.unit_id, self.before
        return lambda: uf.save_unit_facts(ws, unit_id, before)


def _cell(value: int | None) -> str:
    return "" if value is None else str(value)
