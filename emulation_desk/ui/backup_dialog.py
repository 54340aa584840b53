"""Backups: take one now (or to a file), see what each holds, restore one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.errors import KnownError
from emulation_desk.services.maintenance import backup as backups
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.table_model import ROW_ROLE, Column
from emulation_desk.ui.tabs.base import make_table
from emulation_desk.ui.trash_dialog import ask, tell

COLUMNS = [
    Column("created", "Thời điểm sao lưu", kind="date", width=150, display=lambda r: r["created_text"]),
    Column("reason", "Lý do", width=210),
    Column("size", "Dung lượng", kind="int", width=90, display=lambda r: r["size_text"]),
    Column("years", "Các năm", width=130, display=lambda r: r["years"] or "—"),
    Column("nominations", "Đề nghị", kind="int", width=80),
    Column("decisions", "Quyết định", kind="int", width=80),
    Column("contents", "Nội dung", width=420),
]


def ask_save_path(parent: QWidget) -> str:
    path, _filter = QFileDialog.getSaveFileName(parent, "Sao lưu ra tệp", "ban-sao-luu-thi-dua.sqlite",
                                                "Tệp dữ liệu (*.sqlite)")
    return path


class BackupDialog(QDialog):
    """Emits ``restored`` after a restore: the window must reload everything."""

    restored = Signal(object)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.confirm: Callable[[QWidget, str, str], bool] = ask
        self.inform: Callable[[QWidget, str, str], None] = tell
        self.choose_path: Callable[[QWidget], str] = ask_save_path
        self.setWindowTitle("Sao lưu và khôi phục dữ liệu")
        self.resize(1200, 520)
        self.view, self.model, self.proxy = make_table(COLUMNS, self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.backup_button = QPushButton("&Sao lưu ngay")
        self.export_button = QPushButton("Sao lưu ra &tệp…")
        self.restore_button = QPushButton("&Khôi phục bản đã chọn…")
        self.backup_button.clicked.connect(self.backup_now)
        self.export_button.clicked.connect(self.backup_to_file)
        self.restore_button.clicked.connect(self.restore_selected)
        actions = QHBoxLayout()
        for button in (self.backup_button, self.export_button, self.restore_button):
            actions.addWidget(button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        close.rejected.connect(self.reject)
        policy = backups.backup_policy(ws)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            f"Thư mục sao lưu: {backups.backup_folder(ws)}. Chương trình tự sao lưu mỗi ngày và trước khi nâng cấp, "
            f"nhập dữ liệu, khôi phục; giữ mọi bản của {policy.keep_all_days} ngày gần nhất, {policy.daily} bản theo "
            f"ngày, {policy.weekly} theo tuần và {policy.monthly} theo tháng."))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(actions)
        layout.addWidget(close)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(backups.backup_rows(self.ws.path))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> dict[str, object] | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def backup_now(self) -> None:
        try:
            info = backups.make_backup(self.ws)
        except KnownError as exc:
            self.inform(self, "Sao lưu", exc.message)
            return
        self.status.setText(f"Đã sao lưu: {info.path.name}.")
        self.reload()

    def backup_to_file(self) -> None:
        target = self.choose_path(self)
        if not target:
            return
        try:
            info = backups.make_backup(self.ws, to=target)
        except KnownError as exc:
            self.inform(self, "Sao lưu", exc.message)
            return
        self.status.setText(f"Đã sao lưu ra tệp {info.path}.")

    def restore_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        if not row["ok"]:
            self.inform(self, "Khôi phục", f"Bản sao lưu này không đọc được: {row['contents']}")
            return
        question = (f"Khôi phục dữ liệu về bản sao lưu lúc {row['created_text']} ({row['contents']})?\n\n"
                    "Những thay đổi sau thời điểm đó sẽ không còn trong tệp đang dùng. Tệp hiện tại được giữ lại "
                    "nguyên vẹn bên cạnh và được sao lưu trước khi khôi phục.")
        if not self.confirm(self, "Khôi phục", question):
            return
        try:
            result = backups.restore(self.ws, row["path"])  # type: ignore[arg-type]
        except KnownError as exc:
            self.inform(self, "Khôi phục", exc.message)
            self.reload()
            return
        kept = f" Tệp trước khi khôi phục: {result.moved_aside.name}." if result.moved_aside else ""
        self.status.setText(f"Đã khôi phục từ {result.backup.name}.{kept}")
        self.reload()
        self.restored.emit(result)
