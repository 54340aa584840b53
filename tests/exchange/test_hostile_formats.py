"""Hostile and lying .xls and .docx files: refused with a Vietnamese message before any parser builds them,
and nothing written. Times are printed (``pytest -s``), never asserted; that the refusal comes before parsing
is checked by making the parsers fail the test if they are reached."""

from __future__ import annotations

import hashlib
import io
import struct
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from emulation_desk.exchange import word
from emulation_desk.exchange.errors import (
    DamagedSpreadsheetError,
    EncryptedSpreadsheetError,
    NotSpreadsheetError,
    SpreadsheetError,
    UnsafeSpreadsheetError,
)
from emulation_desk.exchange.safety import Limits
from emulation_desk.services.awards import imports
from emulation_desk.services.workspace import Workspace
from tests.exchange import formats
from tests.exchange.builders import BILLION_LAUGHS, nomination_table, ole_file, replace_member


def _docx(tmp: Path, name: str = "danh_sach.docx") -> Path:
    return formats.write_docx(tmp / name, formats.canonical())


def _xls(tmp: Path, name: str = "danh_sach.xls") -> Path:
    return formats.write_xls(tmp / name, formats.canonical())


def docx_billion_laughs(tmp: Path) -> Path:
    path = _docx(tmp)
    return replace_member(path, "word/document.xml", BILLION_LAUGHS.replace(b"sst", b"w:document"))


def docx_external_entity(tmp: Path) -> Path:
    path = _docx(tmp)
    xxe = b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:styles>&x;</w:styles>'
    return replace_member(path, "word/styles.xml", xxe)


def docx_bomb(tmp: Path) -> Path:
    """A valid .docx with an extra member of 256 MB of zeros (about 250 KB compressed)."""
    path = _docx(tmp)
    chunk = b"\0" * (1 << 22)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive, \
            archive.open("word/media/bomb.bin", "w", force_zip64=True) as member:
        for _ in range((256 << 20) // len(chunk)):
            member.write(chunk)
    return path


def docx_huge_table(tmp: Path) -> Path:
    """A table of 25.000 rows (over the 20.000-row cap) in a small file."""
    path = _docx(tmp)
    with zipfile.ZipFile(path) as archive:
        document = archive.read("word/document.xml").decode()
    rows = "".join(f"<w:tr><w:tc><w:p><w:r><w:t>{i * 7919 % 100_003}</w:t></w:r></w:p></w:tc></w:tr>"
                   for i in range(25_000))
    document = document.replace("</w:tbl>", rows + "</w:tbl>", 1)
    return replace_member(path, "word/document.xml", document.encode())


def xls_named_docx(tmp: Path) -> Path:
    path = _docx(tmp)
    return path.rename(tmp / "danh_sach.xls")


def docx_named_xlsx(tmp: Path) -> Path:
    return _docx(tmp).rename(tmp / "danh_sach.xlsx")


def xlsx_named_docx(tmp: Path) -> Path:
    return nomination_table(tmp / "x.xlsx", [[1, "Nguyễn Văn An"]]).rename(tmp / "danh_sach.docx")


def xls_named_xlsx(tmp: Path) -> Path:
    return _xls(tmp).rename(tmp / "danh_sach.xlsx")


def html_named_xls(tmp: Path) -> Path:
    path = tmp / "danh_sach.xls"
    path.write_text("<html><body><table><tr><td>STT</td></tr></table></body></html>", encoding="utf-8")
    return path


def doc_file(tmp: Path) -> Path:
    path = ole_file(tmp / "danh_sach.doc", encrypted=False)
    return path


def encrypted_docx(tmp: Path) -> Path:
    return ole_file(tmp / "danh_sach.docx", encrypted=True)


def _biff(code: int, body: bytes) -> bytes:
    return struct.pack("<HH", code, len(body)) + body


def xls_with_records(tmp: Path, records: bytes) -> Path:
    """A real .xls whose first sheet gets extra records right after its BOF (via the OLE stream, in place)."""
    path = _xls(tmp)
    data = bytearray(path.read_bytes())
    import xlrd.compdoc

    doc = xlrd.compdoc.CompDoc(bytes(data), logfile=io.StringIO())
    stream, base, size = doc.locate_named_stream("Workbook")
    assert stream is not None
    # the sheet's DIMENSIONS record: overwrite its last-row field where it sits in the file
    workbook = bytes(stream[base:base + size])
    pos = workbook.find(b"\x00\x02\x0e\x00")  # DIMENSIONS, 14 bytes
    offset = bytes(data).find(workbook[pos:pos + 18])
    data[offset:offset + 18] = records[:18].ljust(18, b"\0")
    path.write_bytes(bytes(data))
    return path


def xls_claims_a_million_rows(tmp: Path) -> Path:
    return xls_with_records(tmp, _biff(0x0200, struct.pack("<IIHHH", 0, 1_048_576, 0, 8, 0)))


def xls_encrypted(tmp: Path) -> Path:
    return xls_with_records(tmp, _biff(0x002F, b"\0" * 14))


CASES: list[tuple[str, Callable[[Path], Path], type[SpreadsheetError], str]] = [
    ("docx billion laughs", docx_billion_laughs, UnsafeSpreadsheetError, "bom XML"),
    ("docx external entity", docx_external_entity, UnsafeSpreadsheetError, "bom XML"),
    ("docx zip bomb", docx_bomb, UnsafeSpreadsheetError, "bom nén"),
    ("docx 25.000-row table", docx_huge_table, UnsafeSpreadsheetError, "20.000 dòng bảng"),
    ("docx named .xls", xls_named_docx, NotSpreadsheetError, "đã bị đổi đuôi"),
    ("docx named .xlsx", docx_named_xlsx, NotSpreadsheetError, "đã bị đổi đuôi"),
    ("xlsx named .docx", xlsx_named_docx, NotSpreadsheetError, "đã bị đổi đuôi"),
    ("xls named .xlsx", xls_named_xlsx, NotSpreadsheetError, "Excel 97-2003"),
    ("web page named .xls", html_named_xls, NotSpreadsheetError, "trang web"),
    (".doc", doc_file, NotSpreadsheetError, "Word 97-2003 (.doc)"),
    ("password .docx", encrypted_docx, EncryptedSpreadsheetError, "đặt mật khẩu"),
    ("xls claims 1.048.576 rows", xls_claims_a_million_rows, UnsafeSpreadsheetError, "1.048.576 dòng"),
    ("xls with a password", xls_encrypted, EncryptedSpreadsheetError, "đặt mật khẩu"),
]


def no_parsers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reaching python-docx or xlrd's workbook parser fails the test: refusals come before parsing."""
    import docx
    import xlrd

    def reached(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the parser was reached before the refusal")
    monkeypatch.setattr(docx, "Document", reached)
    monkeypatch.setattr(xlrd, "open_workbook", reached)


@pytest.mark.parametrize(("label", "build", "error", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_hostile_file_is_refused_before_parsing(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                label: str, build: Callable[[Path], Path],
                                                error: type[SpreadsheetError], fragment: str) -> None:
    path = build(tmp_path)
    no_parsers(monkeypatch)
    before = hashlib.sha256(ws.path.read_bytes()).hexdigest()
    started = time.perf_counter()
    with pytest.raises(error) as caught:
        imports.import_nominations(ws, path, year=2021)
    print(f"{label}: refused in {time.perf_counter() - started:.3f} s")
    text = caught.value.message + " ".join(p.line() for p in caught.value.problems)
    assert fragment in text, text
    assert any(ch in text for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
    assert hashlib.sha256(ws.path.read_bytes()).hexdigest() == before


def test_the_doc_message_offers_libreoffice_only_as_an_option(tmp_path: Path) -> None:
    with pytest.raises(NotSpreadsheetError) as caught:
        imports.read_source(doc_file(tmp_path))
    assert "Word Document (*.docx)" in caught.value.message and "không bắt buộc" in caught.value.message


def test_a_docx_with_too_many_cells_is_refused_by_the_cell_cap(tmp_path: Path) -> None:
    with pytest.raises(UnsafeSpreadsheetError) as caught:
        word.check_parts(_docx(tmp_path), Limits(max_cells=50))
    assert "ô bảng" in caught.value.message


def test_a_damaged_xls_is_refused(tmp_path: Path) -> None:
    path = _xls(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[:700])
    with pytest.raises(DamagedSpreadsheetError):
        imports.read_source(path)
