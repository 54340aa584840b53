"""Parsing the XML parts of an untrusted .xlsx with the C expat parser, after refusing any DTD.

Why this is safe. Every XML attack that matters here — entity expansion ("billion laughs", quadratic
blow-up), external entities (XXE: reading local files or URLs) and external DTDs — needs a document type
declaration: entities can only be declared inside ``<!DOCTYPE …>``, and without one the only entity
references a parser accepts are the five predefined ones and character references. XML allows the DOCTYPE
in exactly one place: the prolog, before the root element's start tag (after it, a DOCTYPE is a syntax error
for expat). So :func:`guarded_chunks` reads the prolog itself — optional byte-order mark and XML declaration,
then only whitespace, comments and processing instructions — up to the first ``<`` that opens an element,
and refuses anything else there (a DOCTYPE above all) before a single byte reaches expat.

The scan reads the bytes the way expat will: expat understands UTF-8 and UTF-16 by itself (chosen by the
byte-order mark or the first bytes ``<\\0`` / ``\\0<``) and would honour a declared single-byte encoding,
in which ``<!DOCTYPE`` might be spelled with other bytes. OOXML parts are UTF-8 or UTF-16 only, so any other
declared encoding (and UTF-32, EBCDIC…) is refused, and the declared encoding must match the detected one.
The prolog is decoded with the same codec, chunk by chunk, so a DOCTYPE after a comment, in UTF-16 or split
across two reads is still seen. Expat (≥ 2.4) also caps entity amplification itself; ElementTree never
fetches external entities; those stay as second lines of defence.

The payoff: ElementTree's C parser and tree builder instead of defusedxml's pure-Python subclass, which
openpyxl uses (several times faster on a 10.000-row sheet).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import IO
from xml.etree.ElementTree import Element, ParseError, XMLParser, XMLPullParser

CHUNK = 1 << 16
MAX_PROLOG_CHARS = 1 << 16  # Excel's prolog is one line; a 64 KB one is not a spreadsheet's
_ALLOWED_ENCODINGS = {"utf-8": "utf-8", "utf8": "utf-8", "utf-16": "utf-16", "utf-16le": "utf-16",
                      "utf-16be": "utf-16"}
_ENCODING_DECL = re.compile(r"""\bencoding\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_SPACE = " \t\r\n"


class UnsafeXmlError(Exception):
    """The part carries a DTD or something else expat must not see; ``reason`` says what (English)."""

    def __init__(self, part: str, reason: str) -> None:
        super().__init__(f"{part}: {reason}")
        self.part, self.reason = part, reason


class BadXmlError(Exception):
    """The part is not well-formed XML (truncated, garbage, wrong encoding)."""


def _detect(head: bytes, part: str) -> tuple[str, str]:
    """(codec for our decoder, family) from the first four bytes, as expat detects them."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "utf-8"
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\x00\x00\x00<", b"<\x00\x00\x00")):
        raise UnsafeXmlError(part, "UTF-32 is not an OOXML encoding")
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", "utf-16"  # the BOM is stripped below, as the codec without BOM handling keeps it
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", "utf-16"
    if head.startswith(b"<\x00"):
        return "utf-16-le", "utf-16"
    if head.startswith(b"\x00<"):
        return "utf-16-be", "utf-16"
    return "utf-8", "utf-8"


def _prolog_done(text: str, family: str, part: str) -> bool:
    """True when ``text`` (the decoded start of the part) reaches the root element with a harmless prolog;
    False when more text is needed; raise :class:`UnsafeXmlError` on anything else."""
    i = 1 if text.startswith("\ufeff") else 0
    if text.startswith("<?xml", i):
        end = text.find("?>", i)
        if end < 0:
            return False
        match = _ENCODING_DECL.search(text, i, end)
        if match:
            declared = (match.group(1) if match.group(1) is not None else match.group(2)).strip().lower()
            declared = declared.replace("_", "-")
            if _ALLOWED_ENCODINGS.get(declared) != family:
                raise UnsafeXmlError(part, f"encoding {declared!r} (only UTF-8 or UTF-16, matching the bytes)")
        i = end + 2
    while True:
        while i < len(text) and text[i] in _SPACE:
            i += 1
        if len(text) - i < 4:
            return False  # "<!--", "<?x", "<a" all need a few characters to be told apart
        if text.startswith("<!--", i):
            end = text.find("-->", i + 4)
            if end < 0:
                return False
            i = end + 3
        elif text.startswith("<?", i):
            end = text.find("?>", i + 2)
            if end < 0:
                return False
            i = end + 2
        elif text[i] == "<" and text[i + 1] not in "!?/" and not text[i + 1].isspace():
            return True
        elif text.startswith("<!", i):  # <!DOCTYPE above all; nothing else may open with <! here
            raise UnsafeXmlError(part, "a document type declaration (DTD) or other markup declaration")
        else:
            raise BadXmlError(f"{part}: unexpected text before the root element")


def guarded_chunks(stream: IO[bytes], part: str, chunk: int = CHUNK) -> Iterator[bytes]:
    """The bytes of ``stream`` in chunks, once its prolog has been checked as the module docstring says."""
    head = b""
    decoder = None
    text = ""
    family = ""
    while True:
        data = stream.read(chunk)
        head += data
        if decoder is None:
            if len(head) < 4:
                if data:
                    continue
                raise BadXmlError(f"{part}: empty")
            name, family = _detect(head, part)
            decoder = codecs.getincrementaldecoder(name)()
            fed = head
        else:
            fed = data
        try:
            text += decoder.decode(fed, final=not data)
        except UnicodeDecodeError as exc:
            raise BadXmlError(f"{part}: not {family}") from exc
        if _prolog_done(text, family, part):
            break
        if not data:
            raise BadXmlError(f"{part}: no root element")
        if len(text) > MAX_PROLOG_CHARS:
            raise UnsafeXmlError(part, f"a prolog longer than {MAX_PROLOG_CHARS} characters")
    yield head
    yield from iter(lambda: stream.read(chunk), b"")


def parse_part(stream: IO[bytes], part: str) -> Element:
    """The whole part as an element tree (for the small parts: workbook, relationships, styles)."""
    parser = XMLParser()
    try:
        for data in guarded_chunks(stream, part):
            parser.feed(data)
        return parser.close()
    except ParseError as exc:
        raise BadXmlError(f"{part}: {exc}") from exc


def iter_ends(stream: IO[bytes], part: str, chunk: int = CHUNK) -> Iterator[Element]:
    """Each element of the part as its end tag is read (children complete); the caller clears what it has
    used so that memory stays flat."""
    parser = XMLPullParser(events=("end",))
    try:
        for data in guarded_chunks(stream, part, chunk):
            parser.feed(data)
            for _event, element in parser.read_events():
                yield element
        parser.close()
    except ParseError as exc:
        raise BadXmlError(f"{part}: {exc}") from exc
    for _event, element in parser.read_events():
        yield element
