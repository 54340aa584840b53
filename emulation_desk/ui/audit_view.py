"""The audit log view: who changed what and when, for one record or for everything, with filters — in the
clerk's words (Vietnamese field names and values, records by name); the raw rows behind "Chi tiết kỹ thuật"."""

from __future__ import annotations

import json
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.services.maintenance.audit import ACTION_LABELS, audit_actors, audit_entries
from emulation_desk.services.records.find import record_names
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.audit_wording import ENTITY_EXTRA, change_lines, ids_in, record_name
from emulation_desk.ui.table_model import ROW_ROLE, Column
from emulation_desk.ui.tabs.base import make_table

COLUMNS = [
    Column("at", "Thời điểm", kind="date", width=140, display=lambda r: r["at_text"]),
    Column("actor", "Người thực hiện", width=110),
    Column("host", "Máy", width=70),
    Column("action_label", "Việc", width=60),
    Column("entity_label", "Loại bản ghi", width=130),
    Column("record_name", "Bản ghi", width=180),
    Column("summary", "Nội dung", width=250),
    Column("changes", "Thay đổi", width=290),
]
LIMIT = 5000


def _date_box(label: str, initial: date) -> tuple[QCheckBox, QDateEdit]:
    edit = QDateEdit(QDate(initial.year, initial.month, initial.day))
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setEnabled(False)
    check = QCheckBox(label)
    check.toggled.connect(edit.setEnabled)
    return check, edit


class AuditView(QDialog):
    """``record_id`` shows one record's history (its own rows and every row naming it)."""

    def __init__(self, ws: Workspace, *, record_id: str | None = None, record_label: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.record_id = record_id
        self.setWindowTitle("Nhật ký thay đổi" + (f" — {record_label}" if record_label else ""))
        self.resize(1300, 640)
        self.view, self.model, self.proxy = make_table(COLUMNS, self)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm trong nội dung (gõ không dấu cũng được)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.action_box = QComboBox()
        self.action_box.addItem("Tất cả", None)
        for code, label in ACTION_LABELS.items():
            self.action_box.addItem(label, code)
        self.actor_box = QComboBox()
        self.actor_box.addItem("Tất cả", None)
        for actor in audit_actors(ws):
            self.actor_box.addItem(actor, actor)
        today = date.today()
        self.from_check, self.from_edit = _date_box("Từ ngày:", today.replace(day=1))
        self.to_check, self.to_edit = _date_box("Đến ngày:", today)
        self.apply_button = QPushButton("&Lọc")
        self.apply_button.clicked.connect(self.reload)
        self.count_label = QLabel()
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText("Chọn một dòng để xem nội dung trước và sau khi thay đổi.")
        self.technical_button = QToolButton()
        self.technical_button.setText("Chi tiết kỹ thuật")
        self.technical_button.setCheckable(True)
        self.technical_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.technical_button.setArrowType(Qt.ArrowType.RightArrow)
        self.technical_button.toggled.connect(self._fold_technical)
        self.technical = QPlainTextEdit()
        self.technical.setReadOnly(True)
        self.technical.hide()
        self._layout(record_label)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_detail())
        self.reload()

    def _layout(self, record_label: str) -> None:
        first, second = QHBoxLayout(), QHBoxLayout()
        first.addWidget(QLabel("Tìm:"))
        first.addWidget(self.search, 1)
        first.addWidget(QLabel("Việc:"))
        first.addWidget(self.action_box)
        first.addWidget(QLabel("Người thực hiện:"))
        first.addWidget(self.actor_box)
        for widget in (self.from_check, self.from_edit, self.to_check, self.to_edit):
            second.addWidget(widget)
        second.addStretch(1)
        second.addWidget(self.apply_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail, 1)
        lower_layout.addWidget(self.technical_button)
        lower_layout.addWidget(self.technical, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(lower)
        splitter.setSizes([400, 180])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if record_label:
            layout.addWidget(QLabel(f"Lịch sử thay đổi của: <b>{record_label}</b>"))
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(close)

    @staticmethod
    def _qdate(edit: QDateEdit) -> date:
        value = edit.date()
        return date(value.year(), value.month(), value.day())

    def reload(self) -> None:
        rows = audit_entries(
            self.ws, record_id=self.record_id, action=self.action_box.currentData(),
            actor=self.actor_box.currentData(),
            date_from=self._qdate(self.from_edit) if self.from_check.isChecked() else None,
            date_to=self._qdate(self.to_edit) if self.to_check.isChecked() else None, limit=LIMIT)
        names = record_names(self.ws, ids_in(rows))
        forms = {f.code: f.name for f in self.ws.catalog().forms}
        for row in rows:
            row["record_name"] = record_name(row, names)
            row["change_lines"] = change_lines(row, names, forms)
            row["changes"] = "; ".join(row["change_lines"]) if row["action"] == "update" else ""
            row["entity_label"] = ENTITY_EXTRA.get(row["entity"], row["entity_label"])
        self.model.set_rows(rows)
        self._update_count()

    def _search_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_count()

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        more = f" (chỉ hiện {LIMIT} dòng mới nhất; hãy lọc thêm)" if total >= LIMIT else ""
        self.count_label.setText(f"{shown} / {total} dòng{more}")

    def _show_detail(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            self.detail.clear()
            self.technical.clear()
            return
        row = rows[0].data(ROW_ROLE)
        what = f"{row['entity_label'].lower()} {row['record_name']}".strip()
        parts = [f"{row['at_text']} — {row['actor']} trên máy {row['host'] or '?'}: {row['action_label']} {what}",
                 row["summary"], *row["change_lines"]]
        self.detail.setPlainText("\n".join(p for p in parts if p))
        raw = [f"entity: {row['entity']}", f"entity_id: {row['entity_id']}", f"action: {row['action']}"]
        for title, value in (("before_json:", row["before"]), ("after_json:", row["after"])):
            if value:
                raw.append(f"{title}\n{json.dumps(value, ensure_ascii=False, indent=2)}")
        self.technical.setPlainText("\n".join(raw))

    def _fold_technical(self, shown: bool) -> None:
        self.technical.setVisible(shown)
        self.technical_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)


def open_audit_view(ws: Workspace, parent: QWidget | None = None, *, record_id: str | None = None,
                    record_label: str = "") -> AuditView:
    """Show the audit log (non-modal) for everything or for one record."""
    view = AuditView(ws, record_id=record_id, record_label=record_label, parent=parent)
    view.show()
    return view
