"""The user guide ("Hướng dẫn sử dụng"): Vietnamese HTML shipped in resources/guide/, shown in a QTextBrowser
(F1 and Trợ giúp → Hướng dẫn sử dụng). Offline: links inside the guide stay inside it."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from emulation_desk.resources import resource_path

GUIDE_FILE = ("guide", "huong-dan.html")
TITLE = "Hướng dẫn sử dụng"


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, anchor: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        url = QUrl.fromLocalFile(str(resource_path(*GUIDE_FILE)))
        if anchor:
            url.setFragment(anchor)
        self.browser.setSource(url)
        buttons = QDialogButtonBox()
        buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(820, 640)  # fits a 1366×768 screen


def open_guide(parent: QWidget | None, *, anchor: str = "") -> GuideDialog:
    """Show the guide (non-modal: the clerk reads it while working); returns the dialog."""
    dialog = GuideDialog(parent, anchor=anchor)
    dialog.show()
    dialog.raise_()
    return dialog
