"""Reading an untrusted Word list (.docx) with python-docx into one grid, like a sheet of a workbook.

Units often send the danh sách đề nghị as a Word table: a title (paragraphs), the table with its header, group
rows ("I. TẬP THỂ", "II. CÁ NHÂN") spanning the whole table, sometimes one table per group with the headings
as paragraphs between them, then the signature block (paragraphs, or a borderless table). The document
becomes one grid in reading order: each paragraph before, between (short ones: headings) and after the
tables is a row with its text in column A; each table row is a row, each cell in the grid column where it
starts. A cell spanning several columns (``gridSpan``) holds its text once, in its first column — a merged
group row is one cell, as in an .xlsx; a cell continuing a vertical merge (``vMerge``) is empty, as the
cells under the top-left one of a merged range in an .xlsx. Word's automatic numbering is not in the text,
so the STT column may be empty. A second table repeating the first's header is a repeated header
(:mod:`rows` skips it).

Before python-docx parses anything: the container checks of :func:`safety.check_container` (zip bombs,
encrypted parts, a document part capped in size), the prolog of every XML part checked by
:func:`safexml.guarded_chunks` (any DTD refused, so no entity can be declared), and the table rows and cells
of ``word/document.xml`` counted on the raw bytes against the row and cell caps.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from emulation_desk.core.legacy_vn import font_encoding
from emulation_desk.core.text import format_int
from emulation_desk.exchange.errors import (
    DamagedSpreadsheetError,
    SpreadsheetError,
    UnsafeSpreadsheetError,
    problem,
)
from emulation_desk.exchange.reader import Progress, SourceWorkbook, _read_sheet
from emulation_desk.exchange.safety import Limits
from emulation_desk.exchange.safexml import BadXmlError, UnsafeXmlError, guarded_chunks

SHEET_TITLE = "Văn bản Word"
_HEADING_CHARS = 120  # a paragraph between two tables is kept when this short (a group heading)
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?tr[\s>/]")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?tc[\s>/]")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _unsafe(path: Path, what: str) -> UnsafeSpreadsheetError:
    message = (f"Tệp “{path.name}” {what} nên không được mở, để bảo vệ máy tính. Nếu đây là danh sách thật, hãy "
               "mở bằng Word, chép bảng sang tệp mới rồi nhập tệp mới.")
    return UnsafeSpreadsheetError(message, [problem(message)])


def check_parts(path: Path, limits: Limits) -> None:
    """Every XML part's prolog checked (DTDs refused); the document's rows and cells counted on its bytes."""
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if not info.filename.endswith((".xml", ".rels")):
                continue
            with archive.open(info) as stream:
                try:
                    next(guarded_chunks(stream, info.filename), b"")
                except UnsafeXmlError as exc:
                    raise _unsafe(path, "chứa khai báo XML nguy hiểm (dấu hiệu “bom XML”)") from exc
                except BadXmlError as exc:
                    message = (f"Tệp “{path.name}” bị hỏng (phần “{info.filename}” không đúng cấu trúc) nên không "
                               "đọc được. Hãy mở bằng Word, lưu lại thành .docx rồi nhập lại.")
                    raise DamagedSpreadsheetError(message, [problem(message)], details=repr(exc)) from exc
        _count_cells(archive, path, limits)


def _count_cells(archive: zipfile.ZipFile, path: Path, limits: Limits) -> None:
    rows = cells = 0
    tail = b""
    with archive.open("word/document.xml") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            data = tail + chunk
            cut = max(len(data) - 64, 0)  # a tag split across two reads is counted in the next one
            rows += len(_ROW_TAG.findall(data, 0, cut))
            cells += len(_CELL_TAG.findall(data, 0, cut))
            tail = data[cut:]
            if rows > limits.max_rows or cells > limits.max_cells:
                what = (f"có hơn {format_int(limits.max_rows)} dòng bảng" if rows > limits.max_rows else
                        f"có hơn {format_int(limits.max_cells)} ô bảng")
                raise _unsafe(path, f"{what}, vượt giới hạn của một danh sách")


@dataclass(frozen=True)
class _Entry:
    title: str
    state: str = "visible"


class DocumentStream:
    """The document's paragraphs and table rows as the rows :func:`reader._read_sheet` reads."""

    def __init__(self, document: Any, max_columns: int) -> None:
        self.document, self.max_columns = document, max_columns
        self.entry = _Entry(SHEET_TITLE)
        self.claimed_rows: int | None = None
        self.fonts: dict[tuple[int, int], tuple[str, bool]] = {}
        self._style_fonts: dict[str, str | None] = {}
        self._default_font = _style_font(document.styles.default(_paragraph_type()) if _has_styles(document)
                                         else None)

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        blocks = list(self.document.element.body.iterchildren())
        tables = [i for i, b in enumerate(blocks) if b.tag == f"{_W}tbl"]
        first, last = (tables[0], tables[-1]) if tables else (len(blocks), len(blocks))
        number = 0
        for index, block in enumerate(blocks):
            if block.tag == f"{_W}p":
                paragraph = Paragraph(block, self.document)
                text = paragraph.text.strip()
                if not text or (first < index < last and len(text) > _HEADING_CHARS):
                    continue
                number += 1
                self._note_font(number, 1, paragraph)
                yield number, [text]
            elif block.tag == f"{_W}tbl":
                for row in self._table_rows(Table(block, self.document)):
                    number += 1
                    for column, paragraph in row[1].items():
                        self._note_font(number, column, paragraph)
                    yield number, row[0]

    def _table_rows(self, table: Any) -> Iterator[tuple[list[Any], dict[int, Any]]]:
        from docx.table import _Cell

        for tr in table._tbl.tr_lst:
            values: list[Any] = []
            first_paragraphs: dict[int, Any] = {}
            column = getattr(tr, "grid_before", 0) or 0
            for tc in tr.tc_lst:
                if column >= self.max_columns:
                    break
                if tc.vMerge != "continue":
                    paragraphs = _Cell(tc, table).paragraphs
                    texts = [p.text for p in paragraphs]
                    text = "\n".join(texts).strip()
                    if text:
                        values.extend([None] * (column - len(values)))
                        values.append(text)
                        first_paragraphs[column + 1] = next(p for p, t in zip(paragraphs, texts, strict=True)
                                                            if t.strip())
                column += max(tc.grid_span, 1)
            yield values, first_paragraphs

    def _note_font(self, row: int, column: int, paragraph: Any) -> None:
        name = next((run.font.name for run in paragraph.runs if run.font.name and run.text.strip()), None)
        if name is None:  # the paragraph style's font, looked up once per style (python-docx searches for it)
            style_id = paragraph._p.style or ""
            if style_id not in self._style_fonts:
                self._style_fonts[style_id] = _style_font(paragraph.style)
            name = self._style_fonts[style_id]
        legacy = font_encoding(name or self._default_font)
        if legacy:
            self.fonts[(row, column)] = legacy


def _paragraph_type() -> Any:
    from docx.enum.style import WD_STYLE_TYPE

    return WD_STYLE_TYPE.PARAGRAPH


def _has_styles(document: Any) -> bool:
    try:
        return document.styles is not None
    except (KeyError, ValueError):
        return False


def _style_font(style: Any) -> str | None:
    """The font a paragraph style gives (through its base styles), or None."""
    seen = 0
    while style is not None and seen < 20:
        if style.font is not None and style.font.name:
            return str(style.font.name)
        style, seen = style.base_style, seen + 1
    return None


def read_docx(path: Path, limits: Limits, *, progress: Progress | None = None) -> SourceWorkbook:
    """Check and read a .docx (the container was checked by :func:`safety.check_container`)."""
    check_parts(path, limits)
    data = path.read_bytes()
    try:
        import docx

        document = docx.Document(str(path))
        source = SourceWorkbook(path=path, sha256=hashlib.sha256(data).hexdigest(), sheets=[],
                                epoch=_epoch(), kind="docx")
        grid = _read_sheet(DocumentStream(document, limits.max_columns), limits, progress, source.warnings)
    except SpreadsheetError:
        raise
    except Exception as exc:  # untrusted input: every parser failure is a damaged file
        message = (f"Tệp “{path.name}” bị hỏng hoặc không đúng cấu trúc của Word nên không đọc được. Hãy mở tệp "
                   "bằng Word, lưu lại thành .docx (hoặc xin đơn vị gửi lại) rồi nhập lại.")
        raise DamagedSpreadsheetError(message, [problem(message)], details=repr(exc)) from exc
    if grid.rows:
        source.sheets.append(grid)
    return source


def _epoch() -> Any:
    from openpyxl.utils.datetime import WINDOWS_EPOCH

    return WINDOWS_EPOCH
