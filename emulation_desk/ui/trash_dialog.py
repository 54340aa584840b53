"""The trash: deleted nominations and decisions, restorable until the trash is emptied."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.errors import KnownError
from emulation_desk.services.common import Changes
from emulation_desk.services.maintenance import trash
from emulation_desk.services.maintenance.audit import local_time_text
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.table_model import ROW_ROLE, Column
from emulation_desk.ui.tabs.base import make_table

COLUMNS = [
    Column("kind_label", "Loại", width=150),
    Column("label", "Nội dung", width=420),
    Column("year", "Năm", width=60),
    Column("detail", "Ghi chú", width=170),
    Column("deleted_at", "Xóa lúc", kind="date", width=140, display=lambda r: local_time_text(r["deleted_at"])),
    Column("deleted_by", "Người xóa", width=110),
]


def ask(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def tell(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


class TrashDialog(QDialog):
    """Lists the trash; restores or deletes for good. Emits ``changed`` with what the tabs must reload."""

    changed = Signal(object)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.confirm: Callable[[QWidget, str, str], bool] = ask
        self.inform: Callable[[QWidget, str, str], None] = tell
        self.setWindowTitle("Thùng rác")
        self.resize(1080, 520)
        self.view, self.model, self.proxy = make_table(COLUMNS, self)
        self.summary = QLabel()
        self.restore_button = QPushButton("&Khôi phục mục đã chọn")
        self.delete_button = QPushButton("&Xóa hẳn mục đã chọn…")
        self.empty_button = QPushButton("&Dọn sạch thùng rác…")
        self.restore_button.clicked.connect(self.restore_selected)
        self.delete_button.clicked.connect(lambda: self.delete_for_good(self.selected_ids()))
        self.empty_button.clicked.connect(lambda: self.delete_for_good(None))
        actions = QHBoxLayout()
        for button in (self.restore_button, self.delete_button, self.empty_button):
            actions.addWidget(button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Các đề nghị và quyết định đã xóa nằm ở đây cho đến khi dọn thùng rác. "
                                "Khôi phục để đưa chúng trở lại danh sách."))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        layout.addLayout(actions)
        layout.addWidget(close)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(trash.list_trash(self.ws))
        count = self.model.rowCount()
        self.summary.setText(f"Thùng rác có {count} mục." if count else "Thùng rác trống.")
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = bool(self.selected_ids())
        self.restore_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
        self.empty_button.setEnabled(self.model.rowCount() > 0)

    def selected_ids(self) -> list[str]:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return [index.data(ROW_ROLE)["id"] for index in rows]

    def _run(self, action: Callable[[], Changes]) -> None:
        try:
            changes = action()
        except KnownError as exc:
            self.inform(self, "Thùng rác", exc.message)
            return
        self.reload()
        self.changed.emit(changes)

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._run(lambda: trash.restore(self.ws, ids))

    def delete_for_good(self, ids: list[str] | None) -> None:
        count = self.model.rowCount() if ids is None else len(ids)
        if count == 0:
            return
        what = "toàn bộ thùng rác" if ids is None else f"{count} mục đã chọn"
        if not self.confirm(self, "Xóa hẳn", f"Xóa hẳn {what}? Sau khi xóa hẳn, các mục này không khôi phục được "
                            "từ thùng rác (chương trình sao lưu dữ liệu trước khi xóa và ghi lại nội dung vào nhật ký)."):
            return
        self._run(lambda: trash.empty_trash(self.ws, ids))
