"""Spreadsheet column letters (1 → "A", 27 → "AA") without importing a spreadsheet library."""

from __future__ import annotations

from functools import cache

MAX_COLUMN = 18278  # "ZZZ", the last column of a sheet


@cache
def column_letter(column: int) -> str:
    """The letters of a 1-based column number, as Excel shows them."""
    if not 1 <= column <= MAX_COLUMN:
        raise ValueError(f"column {column} is outside 1–{MAX_COLUMN}")
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
