"""The main window: menus, the year selector, four tabs and the status bar — wiring only."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QMessageBox, QTabWidget, QToolBar

from emulation_desk import APP_TITLE, __version__
from emulation_desk.paths import data_dir
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.tabs.base import BaseTab
from emulation_desk.ui.tabs.blocs import BlocsTab
from emulation_desk.ui.tabs.decisions import DecisionsTab
from emulation_desk.ui.tabs.nominations import NominationsTab
from emulation_desk.ui.tabs.units import UnitsTab


def ui_settings() -> QSettings:
    """Window geometry and column widths, kept beside the data (tests never touch a real profile)."""
    return QSettings(str(data_dir() / "giao-dien.ini"), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    def __init__(self, ws: Workspace, *, demo: bool = False) -> None:
        super().__init__()
        self.ws = ws
        self.demo = demo
        self.setWindowTitle(f"{APP_TITLE}{' — DỮ LIỆU MẪU' if demo else ''}")
        self.resize(1340, 720)
        self.year_box = QComboBox()
        self.year_box.setToolTip("Chọn năm làm việc")
        self.tabs = QTabWidget()
        self.tab_list: list[BaseTab] = [UnitsTab(ws), BlocsTab(ws), NominationsTab(ws), DecisionsTab(ws)]
        for tab in self.tab_list:
            self.tabs.addTab(tab, tab.title)
            tab.counts_changed.connect(self._update_status)
        self.setCentralWidget(self.tabs)
        self._build_toolbar()
        self._build_menus()
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self._fill_years()
        self.tabs.currentChanged.connect(lambda _i: self._update_status())
        self._restore_geometry()

    # ------------------------------------------------------------------ building
    def _build_toolbar(self) -> None:
        bar = QToolBar("Năm")
        bar.setObjectName("year_toolbar")
        bar.setMovable(False)
        bar.addWidget(QLabel("  Năm: "))
        bar.addWidget(self.year_box)
        self.addToolBar(bar)
        self.year_box.currentIndexChanged.connect(self._year_changed)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Tệp")
        quit_action = QAction("&Thoát", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu("&Xem")
        find_action = QAction("&Tìm trong danh sách", self)
        find_action.setShortcut(QKeySequence.StandardKey.Find)
        find_action.triggered.connect(lambda: self.current_tab().focus_filter())
        view_menu.addAction(find_action)
        for index, tab in enumerate(self.tab_list):
            action = QAction(tab.title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, i=index: self.tabs.setCurrentIndex(i))
            view_menu.addAction(action)
        help_menu = self.menuBar().addMenu("Trợ &giúp")
        about = QAction("&Giới thiệu", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _fill_years(self) -> None:
        years = self.ws.years() or [date.today().year]
        current = date.today().year
        if current not in years and not self.demo:
            years = sorted({*years, current}, reverse=True)
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for year in years:
            self.year_box.addItem(str(year), year)
        self.year_box.blockSignals(False)
        self.year_box.setCurrentIndex(0)
        self._year_changed()

    # ------------------------------------------------------------------ behaviour
    def current_tab(self) -> BaseTab:
        return self.tab_list[self.tabs.currentIndex()]

    def year(self) -> int:
        return int(self.year_box.currentData())

    def _year_changed(self, *_args: object) -> None:
        if self.year_box.currentData() is None:
            return
        for tab in self.tab_list:
            tab.load(self.year())
        self._update_status()

    def _update_status(self) -> None:
        if self.year_box.currentData() is None:
            return
        tab = self.current_tab()
        self.status_label.setText(f"Tệp dữ liệu: {self.ws.path}   |   Năm {self.year()}   |   {tab.count_text()}")

    def _about(self) -> None:
        QMessageBox.about(self, "Giới thiệu", f"<b>{APP_TITLE}</b><br>Phiên bản {__version__}<br>"
                          "Quản lý công tác thi đua, khen thưởng của Ủy ban nhân dân.")

    def _restore_geometry(self) -> None:
        settings = ui_settings()
        geometry = settings.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        for tab in self.tab_list:
            tab.restore_state(settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = ui_settings()
        settings.setValue("main/geometry", self.saveGeometry())
        for tab in self.tab_list:
            tab.save_state(settings)
        settings.sync()
        super().closeEvent(event)
