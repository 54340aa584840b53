"""The parts of an .xlsx that an import needs, read with :mod:`safexml` (C expat, DTDs refused).

What openpyxl's read-only mode gives, without its costs on a 10.000-row list: defusedxml's pure-Python
parser, a whole second parse of every sheet that lacks a ``<dimension>`` (openpyxl-written files), and a
cell object per cell. Values follow openpyxl's reading exactly: numbers as int or float, dates by the cell's
number format (openpyxl's own ``is_date_format``/``from_excel``), shared and inline strings without their
phonetic runs, booleans, errors as :class:`CellError`, and any cell with a formula as :class:`Formula`
(shown, never evaluated). Only worksheets are read (chart sheets have no cells).
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from xml.etree.ElementTree import Element

from openpyxl.formula.translate import Translator
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601

from emulation_desk.core.legacy_vn import font_encoding
from emulation_desk.exchange.safety import DEFAULT_LIMITS
from emulation_desk.exchange.safexml import BadXmlError, iter_ends, parse_part

MAIN_NS = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
           "http://purl.oclc.org/ooxml/spreadsheetml/main")  # transitional (Excel's default) and strict
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DIGITS = "0123456789"


@dataclass(frozen=True, slots=True)
class Formula:
    """A cell holding a formula: shown to the clerk, never evaluated, never imported."""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class CellError:
    """A cell holding an Excel error value such as #N/A or #REF!."""

    code: str

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True)
class SheetEntry:
    title: str
    part: str
    state: str  # "visible", "hidden", "veryHidden"


@dataclass
class Book:
    """The workbook-level facts: sheets in tab order, epoch, shared strings, date-formatted styles."""

    archive: zipfile.ZipFile
    ns: str
    sheets: list[SheetEntry]
    epoch: datetime
    strings: list[str] = field(default_factory=list)
    date_styles: frozenset[int] = frozenset()
    timedelta_styles: frozenset[int] = frozenset()
    legacy_styles: dict[int, tuple[str, bool]] = field(default_factory=dict)  # xf → legacy font encoding
    legacy_strings: dict[int, tuple[str, bool]] = field(default_factory=dict)  # shared string → its run font


def _ns(element: Element) -> str:
    tag = element.tag
    namespace = tag[1:tag.index("}")] if tag.startswith("{") else ""
    if namespace not in MAIN_NS:
        raise BadXmlError(f"unknown namespace {namespace!r}")
    return "{" + namespace + "}"


def _part(archive: zipfile.ZipFile, name: str) -> Element:
    with archive.open(name) as stream:
        return parse_part(stream, name)


def _rels(archive: zipfile.ZipFile, base: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type suffix, member name) for a part such as ``xl/workbook.xml``."""
    folder, name = posixpath.split(base)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in archive.NameToInfo:
        return {}
    found: dict[str, tuple[str, str]] = {}
    for rel in _part(archive, rels_name).iter(f"{_REL_NS}Relationship"):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[rel.get("Id") or ""] = ((rel.get("Type") or "").rsplit("/", 1)[-1], member)
    return found


def _content_type_part(archive: zipfile.ZipFile, suffix: str) -> str | None:
    """The member declared in [Content_Types].xml with a content type ending in ``suffix`` (openpyxl finds
    the shared strings this way; Excel also lists them in the workbook's relationships)."""
    for override in _part(archive, "[Content_Types].xml"):
        if (override.get("ContentType") or "").endswith(suffix):
            return (override.get("PartName") or "").lstrip("/") or None
    return None


def _true(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true")


def open_book(archive: zipfile.ZipFile, workbook_part: str = "xl/workbook.xml") -> Book:
    """Read workbook.xml, its relationships, the shared strings and the styles' number formats."""
    root = _part(archive, workbook_part)
    ns = _ns(root)
    rels = _rels(archive, workbook_part)
    props = root.find(f"{ns}workbookPr")
    epoch = CALENDAR_MAC_1904 if props is not None and _true(props.get("date1904")) else WINDOWS_EPOCH
    sheets = []
    for sheet in root.iterfind(f"{ns}sheets/{ns}sheet"):
        rel_id = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), "")
        kind, member = rels.get(rel_id, ("", ""))
        if kind == "worksheet":
            if member not in archive.NameToInfo:
                raise BadXmlError(f"missing sheet part {member}")
            sheets.append(SheetEntry(sheet.get("name") or "", member, sheet.get("state") or "visible"))
    book = Book(archive, ns, sheets, epoch)
    by_kind = {kind: member for kind, member in rels.values()}
    strings = _content_type_part(archive, "sharedStrings+xml") or by_kind.get("sharedStrings")
    if strings and strings in archive.NameToInfo:
        book.strings = _shared_strings(archive, strings, ns, book.legacy_strings)
    styles = by_kind.get("styles") or "xl/styles.xml"
    if styles in archive.NameToInfo:
        root = _part(archive, styles)
        book.date_styles, book.timedelta_styles = _date_styles(root, ns)
        book.legacy_styles = _legacy_styles(root, ns)
    return book


def rich_text(element: Element, ns: str) -> str:
    """The text of an ``<si>`` or ``<is>``: its ``<t>`` then each run's ``<t>``, phonetic runs left out."""
    if len(element) == 1 and element[0].tag == ns + "t":
        return element[0].text or ""
    parts = []
    for child in element:
        if child.tag == ns + "t":
            parts.append(child.text or "")
        elif child.tag == ns + "r":
            run = child.find(ns + "t")
            if run is not None and run.text:
                parts.append(run.text)
    return "".join(parts)


def _run_font(element: Element, ns: str) -> tuple[str, bool] | None:
    """The legacy encoding of the first run of a rich text that names its font (``<rPr><rFont>``)."""
    for run in element.iterfind(ns + "r"):
        font = run.find(f"{ns}rPr/{ns}rFont")
        if font is not None:
            return font_encoding(font.get("val"))
    return None


def _shared_strings(archive: zipfile.ZipFile, name: str, ns: str,
                    legacy: dict[int, tuple[str, bool]] | None = None) -> list[str]:
    strings: list[str] = []
    tag = ns + "si"
    with archive.open(name) as stream:
        for element in iter_ends(stream, name):
            if element.tag == tag:
                if len(strings) >= DEFAULT_LIMITS.max_cells:  # more texts than a sheet may have cells
                    raise BadXmlError(f"more than {DEFAULT_LIMITS.max_cells} shared strings")
                strings.append(rich_text(element, ns).replace("x005F_", ""))  # as openpyxl reads them
                if legacy is not None and element.find(ns + "r") is not None and (found := _run_font(element, ns)):
                    legacy[len(strings) - 1] = found
                element.clear()
    return strings


def _legacy_styles(root: Element, ns: str) -> dict[int, tuple[str, bool]]:
    """Cell style (xf) index → (encoding, capitals) for the styles whose font is a legacy Vietnamese font."""
    fonts = [font_encoding(font.get("val") if (font := f.find(ns + "name")) is not None else None)
             for f in root.iterfind(f"{ns}fonts/{ns}font")]
    found: dict[int, tuple[str, bool]] = {}
    for index, xf in enumerate(root.iterfind(f"{ns}cellXfs/{ns}xf")):
        font_id = int(xf.get("fontId") or 0)
        if 0 <= font_id < len(fonts) and (legacy := fonts[font_id]):
            found[index] = legacy
    return found


def _date_styles(root: Element, ns: str) -> tuple[frozenset[int], frozenset[int]]:
    custom = {int(f.get("numFmtId") or -1): f.get("formatCode") or ""
              for f in root.iterfind(f"{ns}numFmts/{ns}numFmt")}
    dates, spans = set(), set()
    for index, xf in enumerate(root.iterfind(f"{ns}cellXfs/{ns}xf")):
        number = int(xf.get("numFmtId") or 0)
        code = custom.get(number, BUILTIN_FORMATS.get(number))
        if code and is_date_format(code):
            dates.add(index)
        if code and is_timedelta_format(code):
            spans.add(index)
    return frozenset(dates), frozenset(spans)


_COLUMNS: dict[str, int] = {}


def column_index(letters: str) -> int:
    """1-based column of "A", "AB"…; cached (a sheet repeats the same few letters)."""
    index = _COLUMNS.get(letters)
    if index is None:
        index = 0
        for char in letters.upper():
            if not "A" <= char <= "Z":
                raise BadXmlError(f"bad cell reference {letters!r}")
            index = index * 26 + ord(char) - 64
        if len(_COLUMNS) < 20_000:
            _COLUMNS[letters] = index
    return index


def _number(text: str) -> int | float:
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


class SheetStream:
    """The rows of one worksheet as ``(row number, values)``; ``claimed_rows`` is what its ``<dimension>``
    says (known before the first row in every file Excel writes)."""

    def __init__(self, book: Book, entry: SheetEntry, max_columns: int) -> None:
        self.book, self.entry, self.max_columns = book, entry, max_columns
        self.claimed_rows: int | None = None
        self.fonts: dict[tuple[int, int], tuple[str, bool]] = {}  # (row, column) of text in a legacy font
        self._shared_formulae: dict[str, Translator] = {}

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        ns = self.book.ns
        row_tag, dimension_tag = ns + "row", ns + "dimension"
        counter = 0
        with self.book.archive.open(self.entry.part) as stream:
            for element in iter_ends(stream, self.entry.part):
                tag = element.tag
                if tag == row_tag:
                    number = element.get("r")
                    counter = _row_number(number) if number else counter + 1
                    values = self._cells(element, counter)
                    element.clear()
                    yield counter, values
                elif tag == dimension_tag:
                    self.claimed_rows = _last_row(element.get("ref") or "")
                elif tag == ns + "sheetData":
                    element.clear()

    def _cells(self, row: Element, number: int) -> list[Any]:
        ns, book, limit = self.book.ns, self.book, self.max_columns
        v_tag, f_tag = ns + "v", ns + "f"
        values: list[Any] = []
        column = 0
        for cell in row:
            ref = cell.get("r")
            column = column_index(ref.rstrip(_DIGITS)) if ref else column + 1
            if column > limit:
                continue
            kind = cell.get("t") or "n"
            formula = cell.find(f_tag)
            if formula is not None:
                value: Any = self._formula(formula, ref)
            elif kind == "inlineStr":
                inline = cell.find(ns + "is")
                value = rich_text(inline, ns) if inline is not None else None
            else:
                text = cell.findtext(v_tag) or None
                if text is None:
                    continue
                if kind == "n":
                    value = _number(text)
                    style = cell.get("s")
                    if style and int(style) in book.date_styles:
                        try:
                            value = from_excel(value, book.epoch, timedelta=int(style) in book.timedelta_styles)
                        except (OverflowError, ValueError):
                            value = CellError("#VALUE!")
                elif kind == "s":
                    value = book.strings[int(text)]
                    if book.legacy_strings and (run := book.legacy_strings.get(int(text))):
                        self.fonts[(number, column)] = run
                elif kind == "str":
                    value = text
                elif kind == "b":
                    value = bool(int(text))
                elif kind == "e":
                    value = CellError(text)
                elif kind == "d":
                    value = from_ISO8601(text)
                else:
                    raise BadXmlError(f"unknown cell type {kind!r}")
            if value is None:
                continue
            if book.legacy_styles and isinstance(value, str):
                style = cell.get("s")
                if style and (legacy := book.legacy_styles.get(int(style))):
                    self.fonts.setdefault((number, column), legacy)
            if column == len(values) + 1:
                values.append(value)
            elif column > len(values):
                values.extend([None] * (column - len(values) - 1))
                values.append(value)
            else:
                values[column - 1] = value
        return values

    def _formula(self, element: Element, ref: str | None) -> Formula:
        text = "=" + (element.text or "")
        if element.get("t") == "shared":
            index = element.get("si") or ""
            if index in self._shared_formulae and ref:
                return Formula(self._shared_formulae[index].translate_formula(ref))
            if text != "=" and ref:
                self._shared_formulae[index] = Translator(text, ref)
        return Formula(text)


def _row_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        value = float(text)
        if not value.is_integer():
            raise BadXmlError(f"bad row number {text!r}") from None
        return int(value)


def _last_row(ref: str) -> int | None:
    """The last row of a ``<dimension ref="A1:I10008">`` (None when it names no row)."""
    last = ref.split(":")[-1].lstrip("$ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz").replace("$", "")
    return int(last) if last.isdigit() else None
