"""The user guide: F1 (and Trợ giúp → Hướng dẫn sử dụng) opens it; every label it quotes exists in the
program (menus, tabs and buttons in the window's code, statuses anywhere in the package), so the guide
speaks the screens' own words and a renamed button breaks this test."""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from emulation_desk.resources import resource_path
from emulation_desk.ui.guide import GuideDialog
from emulation_desk.ui.main_window import MainWindow

PACKAGE = Path(__file__).resolve().parents[2] / "emulation_desk"


class Quotes(HTMLParser):
    """Texts of <span class="ui"> and <span class="status"> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.quotes: dict[str, list[str]] = {"ui": [], "status": []}
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = dict(attrs).get("class")
        if tag == "span" and kind in self.quotes:
            self._open = kind
            self.quotes[kind].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.quotes[self._open][-1] += data


def _clean(text: str) -> str:
    return " ".join(text.replace("&&", "\0").replace("&", "").replace("\0", "&").split())


def _part(text: str) -> str:
    """A constant piece of an f-string: like _clean, but its edge spaces stay (they separate the fields)."""
    return re.sub(r"\s+", " ", text.replace("&&", "\0").replace("&", "").replace("\0", "&"))


class Strings:
    """Every string of a folder's code: constants exactly; an f-string matches when each of its fields
    stands for a number (a year) or for another string of the code (a label from a table)."""

    def __init__(self, folder: Path) -> None:
        self.constants: set[str] = set()
        self.templates: list[re.Pattern[str]] = []
        for path in folder.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    self.constants.add(_clean(node.value))
                elif isinstance(node, ast.JoinedStr):
                    parts = [re.escape(_part(v.value)) if isinstance(v, ast.Constant) else "(.+?)"
                             for v in node.values]
                    self.templates.append(re.compile("".join(parts)))

    def has(self, label: str) -> bool:
        if label in self.constants or label.removesuffix("…") in self.constants:  # a label + "…" for a dialog
            return True
        for template in self.templates:
            match = template.fullmatch(label)
            if match and match.groups() and all(g.isdigit() or g in self.constants for g in match.groups()):
                return True
        return False


def test_every_quoted_label_exists_in_the_program() -> None:
    parser = Quotes()
    parser.feed(resource_path("guide", "huong-dan.html").read_text(encoding="utf-8"))
    ui, everything = Strings(PACKAGE / "ui"), Strings(PACKAGE)
    labels = [part.strip() for quote in parser.quotes["ui"] for part in _clean(quote).split("→")]
    assert len(labels) > 60
    missing = [label for label in labels if not ui.has(label)]
    assert missing == []
    statuses = [_clean(q) for q in parser.quotes["status"]]
    assert statuses and [s for s in statuses if not everything.has(s)] == []
    assert not ui.has("Một nút không có trong chương trình…") and not ui.has("Xuất PDF của năm…")  # it can fail


def test_f1_opens_the_guide(qtbot: QtBot, window: MainWindow) -> None:
    assert window.guide_action.text() == "&Hướng dẫn sử dụng"
    assert "Trợ &giúp" in [a.text() for a in window.menuBar().actions()]
    window.activateWindow()
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(window, "guide", None) is not None and window.guide.isVisible(), timeout=5000)
    guide: GuideDialog = window.guide
    text = guide.browser.toPlainText()
    assert "Thiết lập ban đầu (làm một lần)" in text and "Quyết định khen thưởng" in text
    assert guide.width() <= 1366 and guide.height() <= 700
    guide.close()
