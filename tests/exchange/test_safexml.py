"""The XML guard in front of the C expat parser: a DTD anywhere in the prolog is refused before any byte is
parsed — after comments, processing instructions, a byte-order mark, in UTF-16, split across reads — and
only UTF-8/UTF-16 parts are accepted; harmless prologs (Excel's, comments that merely mention a DOCTYPE)
pass and parse."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from emulation_desk.exchange.errors import DamagedSpreadsheetError, UnsafeSpreadsheetError
from emulation_desk.exchange.safexml import (
    MAX_PROLOG_CHARS,
    BadXmlError,
    UnsafeXmlError,
    guarded_chunks,
    iter_ends,
    parse_part,
)
from emulation_desk.services.awards import imports
from tests.exchange.builders import nomination_table, replace_member

ROOT = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>An</t></si></sst>'
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
LAUGHS = '<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
XXE = '<!DOCTYPE sst [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
PARAMETER = '<!DOCTYPE sst SYSTEM "http://example.invalid/evil.dtd">'

# (label, text before the root element, codec) — every one carries a DTD and must be refused.
HOSTILE = [
    ("bare doctype", LAUGHS, "utf-8"),
    ("after the declaration", DECL + LAUGHS, "utf-8"),
    ("external entity", DECL + XXE, "utf-8"),
    ("external dtd", DECL + PARAMETER, "utf-8"),
    ("after a comment", DECL + "<!-- made by Excel -->" + LAUGHS, "utf-8"),
    ("after a comment naming the root", DECL + "<!-- <sst> -->\n" + LAUGHS, "utf-8"),
    ("after a processing instruction", DECL + '<?mso-application progid="Excel.Sheet"?>' + LAUGHS, "utf-8"),
    ("after whitespace", DECL + "\n\t  \n" + LAUGHS, "utf-8"),
    ("after a long comment", DECL + "<!--" + "x" * 70_000 + "-->" + LAUGHS, "utf-8"),
    ("with a byte-order mark", "\ufeff" + DECL + LAUGHS, "utf-8"),
    ("utf-16 with BOM", "\ufeff" + DECL.replace("UTF-8", "UTF-16") + LAUGHS, "utf-16-le"),
    ("utf-16 big-endian", "\ufeff" + DECL.replace("UTF-8", "UTF-16") + XXE, "utf-16-be"),
    ("utf-16 without BOM", '<?xml version="1.0" encoding="UTF-16"?>' + LAUGHS, "utf-16-le"),
    ("utf-16, no declaration", "<!-- c -->" + LAUGHS, "utf-16-le"),
    ("lower-case keyword", DECL + LAUGHS.replace("DOCTYPE", "doctype"), "utf-8"),
    ("other markup declaration", DECL + '<!ENTITY a "b">', "utf-8"),
]

# Prologs expat would read with other bytes than ours: refused whatever follows.
OTHER_ENCODINGS = [
    ("latin-1 declared", DECL.replace("UTF-8", "ISO-8859-1"), "latin-1"),
    ("utf-7 declared", DECL.replace("UTF-8", "UTF-7"), "utf-8"),
    ("ebcdic declared", DECL.replace("UTF-8", "cp037"), "utf-8"),
    ("utf-16 declared on utf-8 bytes", DECL.replace("UTF-8", "UTF-16"), "utf-8"),
    ("utf-8 declared on utf-16 bytes", "\ufeff" + DECL, "utf-16-le"),
    ("utf-32", "\ufeff" + DECL.replace("UTF-8", "UTF-32"), "utf-32-le"),
]

HARMLESS = [
    ("excel", DECL, "utf-8"),
    ("nothing", "", "utf-8"),
    ("byte-order mark", "\ufeff" + DECL, "utf-8"),
    ("comment mentioning a doctype", DECL + "<!-- <!DOCTYPE sst [ ] > -->", "utf-8"),
    ("processing instruction mentioning one", DECL + "<?note <!DOCTYPE x> ?>\n", "utf-8"),
    ("utf-16", "\ufeff" + DECL.replace("UTF-8", "UTF-16"), "utf-16-le"),
    ("utf-16 big-endian, no declaration", "\ufeff", "utf-16-be"),
    ("single quotes, lower case", "<?xml version='1.0' encoding='utf-8'?>", "utf-8"),
]

CHUNKS = [1, 2, 3, 5, 7, 64, 1 << 16]


def _stream(text: str, codec: str) -> io.BytesIO:
    return io.BytesIO(text.encode(codec))


def _all(stream: io.BytesIO, chunk: int) -> bytes:
    return b"".join(guarded_chunks(stream, "xl/sharedStrings.xml", chunk))


@pytest.mark.parametrize("chunk", CHUNKS)
@pytest.mark.parametrize(("label", "prolog", "codec"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_dtd_is_refused_before_parsing(label: str, prolog: str, codec: str, chunk: int) -> None:
    with pytest.raises(UnsafeXmlError) as caught:
        _all(_stream(prolog + ROOT, codec), chunk)
    assert caught.value.part == "xl/sharedStrings.xml"


@pytest.mark.parametrize(("label", "prolog", "codec"), OTHER_ENCODINGS, ids=[h[0] for h in OTHER_ENCODINGS])
def test_only_utf8_and_utf16_are_read(label: str, prolog: str, codec: str) -> None:
    with pytest.raises(UnsafeXmlError):
        _all(_stream(prolog + ROOT, codec), 1 << 16)


@pytest.mark.parametrize("chunk", CHUNKS)
@pytest.mark.parametrize(("label", "prolog", "codec"), HARMLESS, ids=[h[0] for h in HARMLESS])
def test_harmless_prologs_pass_untouched_and_parse(label: str, prolog: str, codec: str, chunk: int) -> None:
    data = (prolog + ROOT).encode(codec)
    assert _all(io.BytesIO(data), chunk) == data
    root = parse_part(io.BytesIO(data), "xl/sharedStrings.xml")
    assert root.tag.endswith("}sst") and root[0][0].text == "An"


def test_a_doctype_after_the_root_is_a_syntax_error_not_a_declaration() -> None:
    text = DECL + "<sst>" + LAUGHS + "<si><t>&b;</t></si></sst>"
    with pytest.raises(BadXmlError):
        list(iter_ends(_stream(text, "utf-8"), "x.xml"))


def test_undeclared_entities_are_errors() -> None:
    with pytest.raises(BadXmlError):
        parse_part(_stream(DECL + "<sst><si><t>&e;</t></si></sst>", "utf-8"), "x.xml")


@pytest.mark.parametrize(("text", "error"), [
    ("", BadXmlError), ("<", BadXmlError), (DECL, BadXmlError), ("hello <sst/>", BadXmlError),
    (DECL + "<!-- never closed", BadXmlError), (DECL + "<!--" + "x" * (MAX_PROLOG_CHARS + 10), UnsafeXmlError),
])
def test_no_root_element(text: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        _all(_stream(text, "utf-8"), 4096)


def test_invalid_utf8_in_the_prolog_is_damaged() -> None:
    with pytest.raises(BadXmlError):
        _all(io.BytesIO(DECL.encode() + b"<!-- \xff\xfe -->" + ROOT.encode()), 4096)


# ------------------------------------------------------------------------------------- whole workbooks


def _sheet(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


@pytest.fixture
def listed(tmp_path: Path) -> Path:
    return nomination_table(tmp_path / "danh_sach.xlsx", [[1, "Nguyễn Văn An", 1980, "Chuyên viên", "Phòng Nội vụ",
                                                           "Lao động tiên tiến"]])


@pytest.mark.parametrize(("member", "prolog", "codec"), [
    ("xl/worksheets/sheet1.xml", DECL + "<!-- Excel -->" + LAUGHS, "utf-8"),
    ("xl/worksheets/sheet1.xml", "\ufeff" + DECL.replace("UTF-8", "UTF-16") + LAUGHS, "utf-16-le"),
    ("xl/workbook.xml", DECL + XXE, "utf-8"),
    ("xl/styles.xml", DECL + PARAMETER, "utf-8"),
    ("xl/_rels/workbook.xml.rels", DECL + XXE, "utf-8"),
    ("[Content_Types].xml", DECL + LAUGHS, "utf-8"),
])
def test_a_workbook_with_a_dtd_in_any_part_is_refused(listed: Path, member: str, prolog: str, codec: str) -> None:
    with zipfile.ZipFile(listed) as archive:
        body = archive.read(member).decode()
    if body.startswith("<?xml"):
        body = body[body.index("?>") + 2:]
    replace_member(listed, member, (prolog + body).encode(codec))
    with pytest.raises(UnsafeSpreadsheetError) as caught:
        imports.read_source(listed)
    assert "bom XML" in caught.value.message


def test_a_utf16_sheet_reads_as_its_utf8_original(listed: Path, tmp_path: Path) -> None:
    expected = imports.read_source(listed).sheets[0].rows
    copy = tmp_path / "utf16.xlsx"
    body = _sheet(listed)
    replace_member(listed, "xl/worksheets/sheet1.xml", ("\ufeff" + DECL.replace("UTF-8", "UTF-16") + body)
                   .encode("utf-16-le"), target=copy)
    assert imports.read_source(copy).sheets[0].rows == expected


def test_a_sheet_that_is_not_xml_is_damaged(listed: Path) -> None:
    replace_member(listed, "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row>")
    with pytest.raises(DamagedSpreadsheetError):
        imports.read_source(listed)


def test_guarded_chunks_hand_on_every_byte() -> None:
    data = (DECL + ROOT * 5000).encode()
    for size in (1000, 65536):
        assert b"".join(guarded_chunks(io.BytesIO(data), "x.xml", size)) == data
