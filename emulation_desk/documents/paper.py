"""One administrative paper as plain data, written twice from the same value: as PDF on the Decree 30 page
(:mod:`emulation_desk.documents.paper_pdf`) and as an editable Word file (:mod:`emulation_desk.documents.paper_docx`).

A paper is its two-column header and a sequence of blocks (title, paragraphs, tables, signatures). Both
writers print exactly the texts of :meth:`Paper.texts`; the one difference is a ``placeholder`` block,
which only the Word file shows (a note where the clerk writes, e.g. the achievement part of a report).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from emulation_desk.core.text import nfc

# Block kinds: how a block prints.
KINDS = ("title", "subject", "centred", "centred_italic", "heading", "body", "basis", "line", "placeholder",
         "table", "signatures", "space", "page_break")


@dataclass(frozen=True)
class Header:
    """Decree 30 header: the agency (parent body above it) at the left; the number line under it, the
    italic place-date under the motto. A biên bản has no place-date (None)."""

    parent_body: str
    issuing_body: str
    number_line: str | None
    place_date: str | None
    form_label: str = ""  # "Mẫu số 05 …" above the header, right aligned (a prescribed report form)


@dataclass(frozen=True)
class SignColumn:
    """One signature: title lines (bold capitals), a note in italics ("(Ký, đóng dấu)"), the name."""

    lines: tuple[str, ...]
    note: str = ""
    name: str = ""


@dataclass(frozen=True)
class Block:
    kind: str
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()  # a table: the first row is the column heads
    widths: tuple[float, ...] = ()  # a table's column widths, fractions of the text width
    group_rows: frozenset[int] = frozenset()  # a table's rows that head a group ("I. TẬP THỂ"), spanning all
    columns: tuple[SignColumn, ...] = ()  # signatures, left to right
    recipients: tuple[str, ...] = ()  # "Nơi nhận" lines at the left of the signatures

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown block kind {self.kind}")


def table(rows: list[tuple[str, ...]] | tuple[tuple[str, ...], ...], widths: tuple[float, ...],
          group_rows: set[int] | frozenset[int] = frozenset()) -> Block:
    return Block("table", rows=tuple(tuple(nfc(c) for c in r) for r in rows), widths=widths,
                 group_rows=frozenset(group_rows))


def para(kind: str, text: str) -> Block:
    return Block(kind, nfc(text))


@dataclass(frozen=True)
class Paper:
    """A whole paper; ``stem`` is its file name without the suffix."""

    stem: str
    title: str  # the PDF/Word document title (metadata)
    header: Header
    blocks: tuple[Block, ...]
    author: str = ""
    landscape_tables: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)  # what the clerk should know (not printed)

    def texts(self, *, with_placeholders: bool = False) -> Iterator[str]:
        """Every printed text in reading order (the header's, then each block's)."""
        h = self.header
        yield from (t for t in (h.form_label, h.parent_body, h.issuing_body, h.number_line) if t)
        yield "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        yield "Độc lập - Tự do - Hạnh phúc"
        if h.place_date:
            yield h.place_date
        for block in self.blocks:
            if block.kind == "placeholder" and not with_placeholders:
                continue
            if block.text:
                yield block.text
            for row in block.rows:
                yield from (cell for cell in row if cell)
            if block.recipients:
                yield "Nơi nhận:"
                yield from block.recipients
            for column in block.columns:
                yield from column.lines
                yield from (t for t in (column.note, column.name) if t)
