"""The window's own preferences, declared once: kept on this computer (QSettings in ``giao-dien.ini`` beside
the data, so tests never touch a real profile), never in the office's database. The office's settings are
declared in :mod:`emulation_desk.settings`."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings

from emulation_desk.paths import data_dir


@dataclass(frozen=True)
class Preference:
    """One QSettings key holding a Qt state blob (``QByteArray``); the key may name ``{tab}`` and ``{index}``.
    No default: a missing or foreign value reads as None and the widget keeps its own layout."""

    key: str
    used_by: str

    def read(self, settings: QSettings, **parts: object) -> QByteArray | None:
        value = settings.value(self.key.format(**parts))
        return value if isinstance(value, QByteArray) else None

    def write(self, settings: QSettings, value: QByteArray, **parts: object) -> None:
        settings.setValue(self.key.format(**parts), value)


WINDOW_GEOMETRY = Preference("main/geometry", "Size and position of the main window (MainWindow).")
TAB_COLUMNS = Preference("tabs/{tab}/header", "Column widths and order of a tab's list (BaseTab).")
TAB_SPLITTER = Preference("tabs/{tab}/splitter{index}", "Where the clerk left each divider of a tab (BaseTab).")
TAB_HIDDEN_COLUMNS = Preference("tabs/{tab}/hidden", "Keys of the columns the clerk hid in a tab's list, comma-separated "
                                "(ColumnChooser).")
PREFERENCES: tuple[Preference, ...] = (WINDOW_GEOMETRY, TAB_COLUMNS, TAB_SPLITTER, TAB_HIDDEN_COLUMNS)


def preferences_file() -> QSettings:
    return QSettings(str(data_dir() / "giao-dien.ini"), QSettings.Format.IniFormat)
