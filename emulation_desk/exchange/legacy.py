"""The last step of reading any list: text typed in a legacy font (TCVN3, VNI) converted to Unicode, and
every text in NFC (the Windows Vietnamese keyboard may type decomposed NFD), before headers are looked for.

Which cells are legacy text is told first by the cell's font (".VnTime", ".VnTimeH", "VNI-Times"; the
readers note it per cell in ``SheetGrid.fonts``), then, for cells without such a font, by the characters of
the whole column: converting must turn words that are not Vietnamese into well-formed syllables
(:func:`core.legacy_vn.text_score`). What was converted is reported per sheet and column with a sample.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from emulation_desk.core import legacy_vn
from emulation_desk.core.text import format_int

ENCODING_LABELS = {legacy_vn.TCVN3: "TCVN3 (ABC)", legacy_vn.VNI: "VNI"}
_SAMPLES = 2


@dataclass
class Conversion:
    """Cells of one column of one sheet converted from a legacy encoding, with a before → after sample."""

    sheet: str
    column: str
    encoding: str
    by_font: bool
    cells: int = 0
    rows: list[int] = field(default_factory=list)
    samples: list[tuple[str, str]] = field(default_factory=list)
    capitals: bool = False

    def line(self) -> str:
        """One Vietnamese sentence for the preview."""
        how = "theo phông chữ của ô" if self.by_font else "nhận ra theo các ký tự"
        caps = " (phông chữ in hoa: đã viết hoa)" if self.capitals else ""
        sample = "; ".join(f"«{b}» → «{a}»" for b, a in self.samples)
        return (f"Trang “{self.sheet}”, cột {self.column}: {format_int(self.cells)} ô gõ bằng bảng mã "
                f"{ENCODING_LABELS[self.encoding]} ({how}) đã được chuyển sang Unicode{caps}, ví dụ {sample}. "
                "Hãy xem lại các ô này trước khi nhập.")

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "column": self.column, "encoding": ENCODING_LABELS[self.encoding],
                "by_font": self.by_font, "cells": self.cells, "rows": self.rows[:50],
                "samples": [list(s) for s in self.samples], "text": self.line()}


def _decide_font(text: str, encoding: str, capitals: bool, strict: bool) -> str | None:
    """The converted text of a cell whose font says legacy, or None when the text is Unicode after all."""
    if not legacy_vn.is_candidate(text):
        return text.upper() if capitals and text.isascii() and text.upper() != text else None
    after = legacy_vn.decode(text, encoding, capitals=capitals)
    before_score, after_score = legacy_vn.text_score(text), legacy_vn.text_score(after)
    return after if after_score > before_score or (not strict and after_score == before_score) else None


def _decide_pattern(texts: list[tuple[int, str]]) -> tuple[str, dict[int, str]] | None:
    """(encoding, row → converted text) when the column's characters read better in one legacy encoding."""
    best: tuple[int, str, dict[int, str]] | None = None
    for encoding in (legacy_vn.TCVN3, legacy_vn.VNI):
        gain, better, worse, converted = 0, 0, 0, {}
        seen: dict[str, tuple[str, int]] = {}  # a column repeats its names, positions and units many times
        for row, text in texts:
            known = seen.get(text)
            if known is None:
                after = legacy_vn.decode(text, encoding)
                known = seen[text] = (after, legacy_vn.text_score(after) - legacy_vn.text_score(text))
            after, delta = known
            gain += delta
            better += delta > 0
            worse += delta < 0
            if delta >= 0 and after != text:
                converted[row] = after
        if gain > 0 and better > worse and converted and (best is None or gain > best[0]):
            best = (gain, encoding, converted)
    return None if best is None else (best[1], best[2])


_BEYOND_LATIN1 = re.compile("[\u0100-\u1ef9]")  # Vietnamese beyond Latin-1 (ơ, ư, ạ…): Unicode typing


def normalise_grid(grid: Any) -> list[Conversion]:
    """Convert legacy text in place and bring every text to NFC; return what was converted."""
    fonts: dict[tuple[int, int], tuple[str, bool]] = getattr(grid, "fonts", None) or {}
    columns: dict[int, list[tuple[int, str]]] = defaultdict(list)
    unicode_columns: set[int] = set()
    changes: dict[tuple[int, int], str] = {}
    for row_index, cells in enumerate(grid.rows, start=1):
        for column, value in enumerate(cells, start=1):
            if isinstance(value, str) and not value.isascii():
                if not unicodedata.is_normalized("NFC", value):
                    changes[(row_index, column)] = value = unicodedata.normalize("NFC", value)
                if legacy_vn.is_candidate(value):
                    columns[column].append((row_index, value))
                elif _BEYOND_LATIN1.search(value):
                    unicode_columns.add(column)
            elif isinstance(value, str) and (row_index, column) in fonts and fonts[(row_index, column)][1]:
                columns[column].append((row_index, value))  # ASCII in a capitals-only font
    conversions: list[Conversion] = []
    for column, texts in sorted(columns.items()):
        conversions.extend(_convert_column(grid.title, column, texts, fonts, column in unicode_columns, changes))
    for (row, column), text in changes.items():
        cells = list(grid.rows[row - 1])
        cells[column - 1] = text
        grid.rows[row - 1] = tuple(cells)
    if hasattr(grid, "fonts"):
        grid.fonts = {}
    return conversions


def _convert_column(sheet: str, column: int, texts: list[tuple[int, str]], fonts: dict[tuple[int, int],
                    tuple[str, bool]], strict: bool, changes: dict[tuple[int, int], str]) -> list[Conversion]:
    found: dict[tuple[str, bool], Conversion] = {}
    plain: list[tuple[int, str]] = []
    for row, text in texts:
        font = fonts.get((row, column))
        if font is None:
            plain.append((row, text))
            continue
        after = _decide_font(text, font[0], font[1], strict)
        if after is not None:
            _record(found, (font[0], True), sheet, column, row, text, after, font[1])
            changes[(row, column)] = after
    decided = _decide_pattern(plain) if plain else None
    if decided is not None:
        encoding, converted = decided
        for row, text in plain:
            if row in converted:
                _record(found, (encoding, False), sheet, column, row, text, converted[row], False)
                changes[(row, column)] = converted[row]
    return list(found.values())


def _record(found: dict[tuple[str, bool], Conversion], key: tuple[str, bool], sheet: str, column: int, row: int,
            before: str, after: str, capitals: bool) -> None:
    conversion = found.get(key)
    if conversion is None:
        conversion = found[key] = Conversion(sheet, get_column_letter(column), key[0], key[1])
    conversion.cells += 1
    conversion.capitals = conversion.capitals or capitals
    if len(conversion.rows) < 200:
        conversion.rows.append(row)
    if len(conversion.samples) < _SAMPLES and before != after:
        conversion.samples.append((" ".join(before.split())[:60], " ".join(after.split())[:60]))
