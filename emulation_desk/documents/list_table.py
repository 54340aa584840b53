"""A long list table laid out in linear time: every cell is wrapped once into plain lines, so each row's
height is known before layout, and the list is cut into one small reportlab Table per page with the header
row repeated. (A single LongTable of thousands of Paragraph cells re-wraps its cells at every page split
and rebuilds its span maps each time: quadratic.)

Rows are plain strings joined by line breaks; a row may be a heading (its first cell spans the row, bold,
and it is never the last row of a page).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from emulation_desk.core.text import nfc

PAD_X, PAD_TOP, PAD_BOTTOM = 4, 2, 4


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking at spaces within ``width`` points (a word longer than a line is cut)."""
    text = nfc(text).strip()
    if not text or stringWidth(text, font, size) <= width:
        return [text]
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while stringWidth(word, font, size) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and stringWidth(word[:cut], font, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    lines.append(current)
    return lines


@dataclass(frozen=True)
class Column:
    width: float  # points
    align: str = "LEFT"  # LEFT | CENTER | RIGHT
    size: float | None = None  # a smaller type for a notes column (None: the list's size)


@dataclass
class ListRows:
    """The rows of one list, shared by the per-page pieces."""

    columns: Sequence[Column]
    font: str
    bold: str
    size: float
    leading: float
    header: list[str]
    header_height: float = 0.0
    cells: list[list[str]] = field(default_factory=list)
    heights: list[float] = field(default_factory=list)
    headings: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        lines = [wrap_text(t, self.bold, self.size, c.width - 2 * PAD_X) for t, c in zip(self.header, self.columns,
                                                                                          strict=True)]
        self.header = ["\n".join(x) for x in lines]
        self.header_height = max(len(x) for x in lines) * self.leading + PAD_TOP + PAD_BOTTOM

    def leading_of(self, column: Column) -> float:
        return self.leading if column.size is None else self.leading * column.size / self.size

    def add(self, values: Sequence[str]) -> None:
        height = 0.0
        cells = []
        for value, column in zip(values, self.columns, strict=True):
            lines = wrap_text(value, self.font, column.size or self.size, column.width - 2 * PAD_X)
            cells.append("\n".join(lines))
            height = max(height, len(lines) * self.leading_of(column))
        self.cells.append(cells)
        self.heights.append(height + PAD_TOP + PAD_BOTTOM)

    def add_heading(self, first: str, text: str) -> None:
        """A heading row: ``first`` in the first column, ``text`` spanning the others (bold)."""
        width = sum(c.width for c in self.columns[1:]) - 2 * PAD_X
        lines = wrap_text(text, self.bold, self.size, width)
        self.headings.add(len(self.cells))
        self.cells.append([first, "\n".join(lines), *([""] * (len(self.columns) - 2))])
        self.heights.append(len(lines) * self.leading + PAD_TOP + PAD_BOTTOM)


class ListTable(Flowable):
    """Rows ``start``…``end`` of a :class:`ListRows`, with the header row; splits at page ends."""

    def __init__(self, rows: ListRows, start: int = 0, end: int | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.start = start
        self.end = len(rows.cells) if end is None else end
        self.width = sum(c.width for c in rows.columns)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.height = self.rows.header_height + sum(self.rows.heights[self.start:self.end])
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        room = availHeight - self.rows.header_height
        stop = self.start
        heights = self.rows.heights
        while stop < self.end and room >= heights[stop]:
            room -= heights[stop]
            stop += 1
        while stop > self.start and stop < self.end and (stop - 1) in self.rows.headings:
            stop -= 1  # a heading stays with the row under it
        if stop == self.start:
            return []  # nothing fits here: the whole piece moves to the next page
        return [ListTable(self.rows, self.start, stop), ListTable(self.rows, stop, self.end)]

    def _table(self) -> Table:
        r = self.rows
        data = [r.header, *r.cells[self.start:self.end]]
        heights = [r.header_height, *r.heights[self.start:self.end]]
        table = Table(data, colWidths=[c.width for c in r.columns], rowHeights=heights)
        commands: list[tuple[object, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("FONT", (0, 0), (-1, -1), r.font, r.size, r.leading), ("FONT", (0, 0), (-1, 0), r.bold, r.size, r.leading),
            ("ALIGN", (0, 0), (-1, 0), "CENTER"),
            ("TOPPADDING", (0, 0), (-1, -1), PAD_TOP), ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_BOTTOM),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD_X), ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ]
        for index, column in enumerate(r.columns):
            if column.align != "LEFT":
                commands.append(("ALIGN", (index, 1), (index, -1), column.align))
            if column.size is not None:
                commands.append(("FONT", (index, 1), (index, -1), r.font, column.size, r.leading_of(column)))
        for row in range(self.start, self.end):
            if row in r.headings:
                at = row - self.start + 1
                commands += [("SPAN", (1, at), (-1, at)), ("FONT", (0, at), (-1, at), r.bold, r.size, r.leading),
                             ("ALIGN", (1, at), (-1, at), "LEFT")]
        table.setStyle(TableStyle(commands))
        return table

    def draw(self) -> None:
        table = self._table()
        table.wrapOn(self.canv, self.width, self.height)
        table.drawOn(self.canv, 0, 0)
