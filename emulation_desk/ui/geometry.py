"""Every dialog fits the clerk's screen: sized to the screen's available geometry (the taskbar left out, room
kept for the title bar), its body scrolling inside when taller than that, its buttons kept in view.

One application-wide filter (:func:`install_dialog_fitting`) fits each dialog as it is first shown, so a
dialog needs no code of its own; :func:`available_geometry` is the one place that asks Qt for the screen —
tests replace it to play a 1366×768 screen whose taskbar leaves 728 px.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLayout,
    QLayoutItem,
    QMessageBox,
    QScrollArea,
    QWidget,
)

TITLE_BAR = 34  # the window manager's title bar and frame above and around a dialog
MARGIN = 8
SCROLL_NAME = "fit_scroll"
_FITTED = "fitted_to_screen"


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The part of the widget's screen that windows may use (tests replace this function)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def usable_size(widget: QWidget | None = None) -> tuple[int, int]:
    """Width and height a dialog's client area may take on the widget's screen."""
    area = available_geometry(widget)
    return area.width() - 2 * MARGIN, area.height() - TITLE_BAR - MARGIN


def _is_button_row(item: QLayoutItem) -> bool:
    widget = item.widget()
    if isinstance(widget, QDialogButtonBox):
        return True
    layout = item.layout()
    if layout is None:
        return False
    widgets = [layout.itemAt(i).widget() for i in range(layout.count())]
    widgets = [w for w in widgets if w is not None]
    return bool(widgets) and all(isinstance(w, QAbstractButton | QDialogButtonBox) for w in widgets)


def make_scrollable(dialog: QDialog) -> bool:
    """Move the body of a dialog's box layout into a scroll area, its last row of buttons staying below it.
    False when the dialog has no box layout (or was made scrollable before)."""
    layout = dialog.layout()
    if not isinstance(layout, QBoxLayout) or dialog.findChild(QScrollArea, SCROLL_NAME) is not None:
        return False
    taken: list[tuple[QLayoutItem, int]] = []
    while layout.count():
        stretch = layout.stretch(0)
        taken.append((layout.takeAt(0), stretch))
    buttons = taken.pop() if taken and _is_button_row(taken[-1][0]) else None
    content = QWidget()
    inner = QBoxLayout(layout.direction(), content)
    inner.setContentsMargins(0, 0, 0, 0)
    for item, stretch in taken:
        _put(inner, item, stretch)
    scroll = QScrollArea()
    scroll.setObjectName(SCROLL_NAME)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    layout.addWidget(scroll, 1)
    if buttons is not None:
        _put(layout, *buttons)
    return True


def _put(layout: QBoxLayout, item: QLayoutItem, stretch: int) -> None:
    if item.widget() is not None:
        layout.addWidget(item.widget(), stretch)
    elif item.layout() is not None:
        child: QLayout = item.layout()
        layout.addLayout(child, stretch)
    elif item.spacerItem() is not None:
        layout.addItem(item.spacerItem())


def fit_dialog(dialog: QDialog) -> None:
    """Size and place a dialog within the available screen; scroll its body when it cannot fit."""
    width, height = usable_size(dialog.parentWidget() or dialog)
    if dialog.minimumSizeHint().height() > height or dialog.minimumHeight() > height:
        dialog.setMinimumHeight(0)
        make_scrollable(dialog)
    if dialog.minimumWidth() > width:
        dialog.setMinimumWidth(width)
    if dialog.minimumHeight() > height:
        dialog.setMinimumHeight(height)
    size = dialog.size()
    layout = dialog.layout()
    if layout is not None and layout.hasHeightForWidth() and not dialog.testAttribute(Qt.WidgetAttribute.WA_Resized):
        # wrapped text: Qt's first guess is the height at the narrowest width; at the real width it needs less
        wanted = layout.totalHeightForWidth(size.width())
        if 0 < wanted < size.height():
            size.setHeight(max(wanted, dialog.minimumHeight()))
    dialog.resize(min(size.width(), width), min(size.height(), height))
    area = available_geometry(dialog.parentWidget() or dialog)
    x, y = _wanted_position(dialog, area)
    # the title bar above the client area stays on the screen; the bottom edge above the taskbar
    x = max(area.x(), min(x, area.x() + area.width() - dialog.width() - MARGIN))
    y = max(area.y() + TITLE_BAR, min(y, area.y() + area.height() - dialog.height() - MARGIN))
    dialog.move(x, y)


def _wanted_position(dialog: QDialog, area: QRect) -> tuple[int, int]:
    """Where the dialog asked to be (moved by its code), else centred on its window or on the screen: a
    dialog not yet shown has no position of its own (Qt reports 0,0, which would hide its title bar)."""
    if dialog.testAttribute(Qt.WidgetAttribute.WA_Moved):
        return dialog.x(), dialog.y()
    parent = dialog.parentWidget()
    anchor = parent.window().geometry() if parent is not None and parent.window().isVisible() else area
    return anchor.center().x() - dialog.width() // 2, anchor.center().y() - dialog.height() // 2


class DialogFitter(QObject):
    """Fits every dialog (not Qt's small message boxes) the first time it is shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Show and isinstance(watched, QDialog) and watched.isWindow()
                and not isinstance(watched, QMessageBox) and not watched.property(_FITTED)):
            watched.setProperty(_FITTED, True)
            fit_dialog(watched)
        return False


_fitter: list[DialogFitter] = []


def install_dialog_fitting(app: Any = None) -> DialogFitter:
    """Install the application-wide dialog fitter once (a hook of the application's start)."""
    if not _fitter:
        target = app or QApplication.instance()
        fitter = DialogFitter(target)
        target.installEventFilter(fitter)
        _fitter.append(fitter)
    return _fitter[0]
