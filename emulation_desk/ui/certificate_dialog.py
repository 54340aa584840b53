"""Printing the certificates of an issued decision ("In giấy khen…") and the printer profiles with their
calibration page. Thin: every step is a call to services.reporting.certificates / printers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.documents.certificates import Placement
from emulation_desk.errors import ValidationError
from emulation_desk.services.common import Changes
from emulation_desk.services.reporting import certificates as service
from emulation_desk.services.reporting import printers
from emulation_desk.services.reporting.registry import Exported, export_document
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.dialogs import ask, inform, run_action
from emulation_desk.ui.operations import Operation, read, write


def _numbers(text: str) -> list[int] | None:
    parts = [p for p in text.replace(";", ",").split(",") if p.strip()]
    if not parts:
        return None
    try:
        return sorted({int(p) for p in parts})
    except ValueError:
        raise ValidationError(f"“{text}” không phải danh sách số sổ vàng; hãy ghi ví dụ 3, 7.") from None


class CertificateDialog(QDialog):
    """Blank or full, which printer profile, all or some Sổ vàng numbers; preview, then save the PDF."""

    def __init__(self, ws: Workspace, decision: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.decision = ws, decision
        self.preview_dialog: Any = None
        self.written: Path | None = None
        self.scan: Path | None = None  # a scanned blank under the preview (never printed)
        self.scan_label = QLabel("Chưa nạp ảnh phôi quét (xem trước trên nền trắng).")
        label = f"{decision['number']}/{decision['symbol']}".strip("/")
        self.setWindowTitle(f"In giấy khen — Quyết định số {label}")
        self.setMinimumWidth(620)
        self.blank = QRadioButton("In lên phôi mua sẵn (chỉ in phần chữ thay đổi)")
        self.full = QRadioButton("In toàn bộ giấy khen trên giấy trắng")
        self.blank.setChecked(True)
        self.profile = QComboBox()
        self.only = QLineEdit()
        self.only.setPlaceholderText("để trống: in tất cả; ví dụ 3, 7: in lại các giấy đó")
        self.log = QLabel()
        self.log.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Cách in:", self.blank)
        form.addRow("", self.full)
        form.addRow("Hồ sơ máy in:", self.profile)
        form.addRow("Số sổ vàng:", self.only)
        form.addRow("Phôi quét:", self.scan_label)
        buttons = QHBoxLayout()
        for text, slot in (("Hồ sơ máy in…", self.edit_profiles), ("Nạp phôi quét…", self.choose_scan),
                           ("Xem trước…", self.preview),
                           ("Lưu tệp PDF để in…", self.save), ("Đóng", self.accept)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        hint = QLabel("Khi in: chọn “Kích thước thực” (100%), không co giãn trang, đúng khay đã căn chỉnh.")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.log)
        layout.addLayout(buttons)
        self._load_profiles()
        self._show_log()

    def _load_profiles(self, chosen: str | None = None) -> None:
        self.profile.clear()
        self.profile.addItem("Không dùng (in đúng vị trí trên mẫu)", None)
        for p in printers.list_profiles(self.ws):
            self.profile.addItem(p.name, p.id)
        if chosen:
            self.profile.setCurrentIndex(max(self.profile.findData(chosen), 0))

    def _show_log(self) -> None:
        entries = service.print_log(self.ws, self.decision["id"])
        if not entries:
            self.log.setText("Chưa in lần nào. Lần in đầu tiên cấp số sổ vàng theo thứ tự danh sách.")
            return
        last = entries[0]
        what = "in lại" if last["reprint"] else "in"
        self.log.setText(f"Đã in {len(entries)} lần; gần nhất {last['created_at'][:10]} ({last['created_by']}): "
                         f"{what} {last['pages']} giấy.")

    def preview(self) -> Operation[Any] | None:
        """The certificates as they will print (no profile, nothing stored), made in the background (a read)
        and shown in the PDF preview."""
        only = run_action(self, lambda: _numbers(self.only.text()) or [])
        if only is None:
            return None
        blank = self.blank.isChecked()
        decision_id, scan = self.decision["id"], self.scan if blank else None
        return read(self, lambda ctx: service.certificate_preview(ctx.ws, decision_id, blank=blank,
                                                                  only=only or None, scan=scan),
                    self._show_preview, title="Đang tạo bản xem trước giấy khen…").run_in_background()

    def _show_preview(self, rendered: Any) -> None:
        from emulation_desk.ui.pdf_preview import PdfPreviewDialog

        self._warn(rendered.warnings)
        self.preview_dialog = PdfPreviewDialog.from_bytes(rendered.data, title=self.windowTitle(), parent=self,
                                                          suggested_name=f"giay-khen-{self.decision['number']}.pdf")
        self.preview_dialog.exec()

    def choose_scan(self, path: Path | None = None) -> None:
        """A scanned blank (image) to lay the preview over; it only shows on screen."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, "Ảnh phôi đã quét", str(Path.home()),
                                                    "Ảnh (*.png *.jpg *.jpeg)")
            if not chosen:
                return
            path = Path(chosen)
        self.scan = path
        self.scan_label.setText(f"{path.name} (chỉ để xem trước, không in ra)")

    def _warn(self, warnings: list[str] | tuple[str, ...]) -> None:
        if warnings:
            inform(self, "Cần xem lại trước khi in", service.warning_message(list(warnings)))

    def save(self, path: Path | None = None) -> Operation[Any] | None:
        """Ask for the file (unless given), then write and log the print in the background (the export
        registry's "certificates": the same file as ``export certificates``)."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, "Lưu giấy khen", str(
                Path.home() / f"giay-khen-{self.decision['number']}.pdf"), "Tệp PDF (*.pdf)")
            if not chosen:
                return None
            path = Path(chosen)
        target = path
        only = run_action(self, lambda: _numbers(self.only.text()))
        if only is None and self.only.text().strip():
            return None
        params = {"decision_id": self.decision["id"], "blank": self.blank.isChecked(),
                  "profile": self.profile.currentData(), "only": only}
        return write(self, lambda ctx: export_document(ctx.ws, "certificates", target, **params), self._saved,
                     title="Đang ghi giấy khen…").run_in_background()

    def _saved(self, written: Exported) -> None:
        self.written = written.path
        self._show_log()
        self._warn(written.warnings)
        if ask(self, "In giấy khen", f"{written.detail.summary()} Mở tệp để xem và in?", yes="Xem và in", no="Đóng"):
            from emulation_desk.ui.pdf_preview import PdfPreviewDialog

            self.preview_dialog = PdfPreviewDialog(written.path, title=self.windowTitle(), parent=self)
            self.preview_dialog.exec()

    def apply_changes(self, changes: Changes) -> None:
        """A print's Changes (Sổ vàng numbers, the print log) go on to the main window."""
        window = self.parentWidget().window() if self.parentWidget() is not None else None
        if window is not None and hasattr(window, "apply_changes"):
            window.apply_changes(changes)

    def edit_profiles(self) -> None:
        dialog = PrinterProfileDialog(self.ws, self)
        dialog.exec()
        self._load_profiles(dialog.current_id)


class PrinterProfileDialog(QDialog):
    """The printer profiles: offsets and scales by hand or from two crosshairs measured on the calibration page."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.current_id: str | None = None
        self.preview_dialog: Any = None
        self.setWindowTitle("Hồ sơ máy in và căn chỉnh")
        self.names = QListWidget()
        self.names.currentRowChanged.connect(lambda *_: self._show())
        self.name, self.printer, self.tray = QLineEdit(), QLineEdit(), QLineEdit()
        self.spins = {key: self._spin(low, high, step, decimals)
                      for key, low, high, step, decimals in (("offset_x_mm", -50, 50, 0.1, 2),
                                                             ("offset_y_mm", -50, 50, 0.1, 2),
                                                             ("scale_x", 0.8, 1.2, 0.001, 4),
                                                             ("scale_y", 0.8, 1.2, 0.001, 4))}
        self.top_left, self.bottom_right = QLineEdit(), QLineEdit()
        self.top_left.setPlaceholderText("X;Y mm, ví dụ 21;19")
        self.bottom_right.setPlaceholderText("X;Y mm, ví dụ 278;189")
        form = QFormLayout()
        for label, widget in (("Tên hồ sơ:", self.name), ("Máy in:", self.printer), ("Khay giấy:", self.tray),
                              ("Lệch ngang (mm):", self.spins["offset_x_mm"]),
                              ("Lệch dọc (mm):", self.spins["offset_y_mm"]), ("Tỷ lệ ngang:", self.spins["scale_x"]),
                              ("Tỷ lệ dọc:", self.spins["scale_y"]),
                              ("Chữ thập trên trái đo được:", self.top_left),
                              ("Chữ thập dưới phải đo được:", self.bottom_right)):
            form.addRow(label, widget)
        buttons = QHBoxLayout()
        for text, slot in (("Trang căn chỉnh…", self.calibration), ("Tính từ số đo", self.measure),
                           ("Thêm mới", self.new), ("Lưu", self.save), ("Xóa", self.delete), ("Đóng", self.accept)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        body = QHBoxLayout()
        body.addWidget(self.names, 1)
        body.addLayout(form, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addLayout(buttons)
        self._reload()

    @staticmethod
    def _spin(low: float, high: float, step: float, decimals: int) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))  # 1,5 not 1.5
        spin.setRange(low, high)
        spin.setSingleStep(step)
        spin.setDecimals(decimals)
        return spin

    def _reload(self, chosen: str | None = None) -> None:
        self.profiles = printers.list_profiles(self.ws)
        self.names.clear()
        self.names.addItems([p.name for p in self.profiles])
        ids = [p.id for p in self.profiles]
        if self.profiles:
            self.names.setCurrentRow(ids.index(chosen) if chosen in ids else 0)
        else:
            self.new()

    def _show(self) -> None:
        row = self.names.currentRow()
        if not 0 <= row < len(self.profiles):
            return
        p = self.profiles[row]
        self.current_id = p.id
        self.name.setText(p.name)
        self.printer.setText(p.printer)
        self.tray.setText(p.tray)
        for key, spin in self.spins.items():
            spin.setValue(getattr(p, key))

    def new(self) -> None:
        self.current_id = None
        for widget in (self.name, self.printer, self.tray):
            widget.clear()
        for key, spin in self.spins.items():
            spin.setValue(1.0 if key.startswith("scale") else 0.0)

    def save(self) -> str | None:
        values = {key: spin.value() for key, spin in self.spins.items()}
        created = run_action(self, lambda: printers.save_printer_profile(
            self.ws, self.current_id, name=self.name.text(), printer=self.printer.text(), tray=self.tray.text(),
            **values))
        if created is None:
            return None
        self._reload(created.id)
        return created.id

    def delete(self) -> None:
        if self.current_id and ask(self, "Xóa hồ sơ máy in", f"Xóa hồ sơ “{self.name.text()}”? Nhật ký in vẫn giữ "
                                   "các số đã dùng.", yes="Xóa", warning=True):
            run_action(self, lambda: printers.delete_profile(self.ws, self.current_id or ""))
            self.current_id = None
            self._reload()

    def measure(self) -> bool:
        """Offsets and scales from where the two crosshairs came out on a calibration page printed without profile."""
        from emulation_desk.documents.calibration import crosshair_points
        from emulation_desk.documents.certificate_layout import shipped_layouts

        def point(text: str) -> tuple[float, float]:
            try:
                x, y = (float(p.strip().replace(",", ".")) for p in text.split(";"))
            except ValueError:
                raise ValidationError(f"“{text}”: hãy ghi hai số X;Y (mm), ví dụ 21,5;19.") from None
            return x, y

        points = crosshair_points(shipped_layouts().by_code("a4_ngang"))
        found = run_action(self, lambda: printers.correction_from_measures(
            (points[0], points[3]), (point(self.top_left.text()), point(self.bottom_right.text()))))
        if found is None:
            return False
        for key, value in zip(("offset_x_mm", "offset_y_mm", "scale_x", "scale_y"), found, strict=True):
            self.spins[key].setValue(value)
        return True

    def calibration(self) -> Any:
        from emulation_desk.documents.calibration import calibration_pdf
        from emulation_desk.documents.certificate_layout import shipped_layouts
        from emulation_desk.ui.pdf_preview import PdfPreviewDialog

        layouts = shipped_layouts()
        placement = Placement(*(self.spins[k].value() for k in ("offset_x_mm", "offset_y_mm", "scale_x",
                                                                        "scale_y")))
        rendered = calibration_pdf(layouts.by_code("a4_ngang"), layouts, placement, self.name.text())
        self.preview_dialog = PdfPreviewDialog.from_bytes(rendered.data, title="Trang căn chỉnh máy in", parent=self,
                                                          suggested_name="trang-can-chinh.pdf")
        self.preview_dialog.exec()
        return self.preview_dialog
