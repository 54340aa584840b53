"""Hostile and broken files: each is refused with a Vietnamese message, and the database stays byte-identical.

Times are printed (``pytest -s``), never asserted.
"""

from __future__ import annotations

import hashlib
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from emulation_desk.exchange.errors import (
    DamagedSpreadsheetError,
    EncryptedSpreadsheetError,
    ImportRejectedError,
    NotSpreadsheetError,
    SpreadsheetError,
    UnsafeSpreadsheetError,
)
from emulation_desk.services.awards import imports
from emulation_desk.services.records.units import add_unit
from emulation_desk.services.workspace import Workspace
from tests.exchange.builders import (
    BILLION_LAUGHS,
    nomination_table,
    ole_file,
    replace_member,
    with_shared_strings,
    zip_bomb,
)

ROWS = [[1, "Nguyễn Văn An", 1980, "Chuyên viên", "Phòng Nội vụ", "Lao động tiên tiến"]]


def _valid(path: Path) -> Path:
    return nomination_table(path, ROWS)


def not_xlsx(tmp: Path) -> Path:
    path = tmp / "danh_sach.xlsx"
    path.write_text("STT;Họ và tên\n1;Nguyễn Văn An\n", encoding="utf-8")
    return path


def csv_file(tmp: Path) -> Path:
    path = tmp / "danh_sach.csv"
    path.write_text("STT,Họ và tên\n", encoding="utf-8")
    return path


def old_xls(tmp: Path) -> Path:
    return ole_file(tmp / "danh_sach.xlsx", encrypted=False)


def password_protected(tmp: Path) -> Path:
    return ole_file(tmp / "danh_sach.xlsx", encrypted=True)


def truncated(tmp: Path) -> Path:
    path = _valid(tmp / "danh_sach.xlsx")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def corrupt_member(tmp: Path) -> Path:
    """The zip directory is intact but a member's compressed bytes are garbage."""
    path = _valid(tmp / "danh_sach.xlsx")
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 10, start + min(info.compress_size, 200)):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def word_renamed(tmp: Path) -> Path:
    path = tmp / "danh_sach.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return path


def billion_laughs(tmp: Path) -> Path:
    return with_shared_strings(_valid(tmp / "danh_sach.xlsx"), BILLION_LAUGHS)


def bomb(tmp: Path) -> Path:
    return zip_bomb(tmp / "danh_sach.xlsx", inflated=256 << 20)


def many_members(tmp: Path) -> Path:
    path = _valid(tmp / "danh_sach.xlsx")
    with zipfile.ZipFile(path, "a") as archive:
        for index in range(600):
            archive.writestr(f"xl/media/image{index}.bin", b"x")
    return path


def million_rows(tmp: Path) -> Path:
    path = _valid(tmp / "danh_sach.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    start = sheet.index("<dimension ref=\"") + len("<dimension ref=\"")
    end = sheet.index("\"", start)
    sheet = sheet[:start] + "A1:F1048576" + sheet[end:]
    return replace_member(path, "xl/worksheets/sheet1.xml", sheet.encode())


def huge_cell(tmp: Path) -> Path:
    path = nomination_table(tmp / "danh_sach.xlsx", [[1, "PLACEHOLDER_NAME", 1980, "Chuyên viên", "Phòng Nội vụ",
                                                       "Lao động tiên tiến"]])
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    return replace_member(path, "xl/worksheets/sheet1.xml",
                          sheet.replace("PLACEHOLDER_NAME", ("Nguyễn Văn An " * 7_200)[:100_000]).encode())


def formula(tmp: Path) -> Path:
    return nomination_table(tmp / "danh_sach.xlsx", [[1, '=CONCATENATE("Nguyễn ","Văn An")', 1980, "Chuyên viên",
                                                       "Phòng Nội vụ", "Lao động tiên tiến"]])


def impossible_date(tmp: Path) -> Path:
    return nomination_table(tmp / "danh_sach.xlsx", [[1, "Nguyễn Văn An", "31/02/1980", "Chuyên viên", "Phòng Nội vụ",
                                                       "Lao động tiên tiến"]])


def future_birth(tmp: Path) -> Path:
    return nomination_table(tmp / "danh_sach.xlsx", [[1, "Nguyễn Văn An", 2090, "Chuyên viên", "Phòng Nội vụ",
                                                       "Lao động tiên tiến"]])


CASES: list[tuple[str, Callable[[Path], Path], type[SpreadsheetError], str]] = [
    ("not an xlsx", not_xlsx, NotSpreadsheetError, "không phải tệp Excel"),
    ("csv", csv_file, NotSpreadsheetError, "Tệp .csv"),
    ("old .xls renamed", old_xls, NotSpreadsheetError, "Excel 97-2003"),
    ("password-protected", password_protected, EncryptedSpreadsheetError, "đặt mật khẩu"),
    ("truncated zip", truncated, DamagedSpreadsheetError, "bị hỏng"),
    ("corrupt member", corrupt_member, DamagedSpreadsheetError, "bị hỏng"),
    ("word file renamed", word_renamed, NotSpreadsheetError, "đã bị đổi đuôi"),
    ("billion laughs", billion_laughs, UnsafeSpreadsheetError, "bom XML"),
    ("zip bomb", bomb, UnsafeSpreadsheetError, "bom nén"),
    ("600 members", many_members, UnsafeSpreadsheetError, "thành phần nén"),
    ("claims 1.048.576 rows", million_rows, UnsafeSpreadsheetError, "1.048.576 dòng"),
    ("100.000-character cell", huge_cell, UnsafeSpreadsheetError, "Ô dài 100.000 ký tự"),
    ("formula", formula, ImportRejectedError, "công thức"),
    ("31/02/1980", impossible_date, ImportRejectedError, "tháng 2 không có ngày 31"),
    ("birth year in the future", future_birth, ImportRejectedError, "Năm sinh 2090 ở tương lai"),
]


@pytest.fixture
def office(ws: Workspace) -> Workspace:
    add_unit(ws, "Phòng Nội vụ", "phong_chuyen_mon")
    return ws


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("label", "build", "error", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_hostile_file_is_refused_and_nothing_changes(office: Workspace, tmp_path: Path, label: str,
                                                     build: Callable[[Path], Path], error: type[SpreadsheetError],
                                                     fragment: str) -> None:
    path = build(tmp_path)
    before = _digest(office.path)
    started = time.perf_counter()
    with pytest.raises(error) as caught:
        imports.import_nominations(office, path, year=2020, unit_name="Phòng Nội vụ")
    elapsed = time.perf_counter() - started
    print(f"{label}: refused in {elapsed:.3f} s")
    text = caught.value.message + " ".join(p.line() for p in caught.value.problems)
    assert fragment in text, text
    assert caught.value.problems, "every refusal names at least one problem"
    assert any(ch in text for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"), "message is Vietnamese"
    assert _digest(office.path) == before


def test_refused_problems_name_their_cell(office: Workspace, tmp_path: Path) -> None:
    with pytest.raises(ImportRejectedError) as caught:
        imports.import_nominations(office, impossible_date(tmp_path), year=2020, unit_name="Phòng Nội vụ")
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.row, problem.column, problem.value) == ("Danh sách", 3, "C", "31/02/1980")
    assert problem.line().startswith("Trang “Danh sách”, dòng 3, cột C «31/02/1980»: Ngày không hợp lệ")


def test_a_formula_is_shown_as_written(office: Workspace, tmp_path: Path) -> None:
    with pytest.raises(ImportRejectedError) as caught:
        imports.import_nominations(office, formula(tmp_path), year=2020, unit_name="Phòng Nội vụ")
    (problem,) = caught.value.problems
    assert (problem.column, problem.value) == ("B", '=CONCATENATE("Nguyễn ","Văn An")')


def test_a_stray_cell_at_the_last_row_ends_the_data_with_a_warning(office: Workspace, tmp_path: Path) -> None:
    path = _valid(tmp_path / "danh_sach.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    start = sheet.index("<dimension")
    sheet = sheet[:start] + sheet[sheet.index("/>", start) + 2:]  # no dimension: nothing to refuse up front
    sheet = sheet.replace("</sheetData>", '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
                                          "</sheetData>")
    replace_member(path, "xl/worksheets/sheet1.xml", sheet.encode())
    started = time.perf_counter()
    source = imports.read_source(path)
    print(f"stray last row: read in {time.perf_counter() - started:.3f} s")
    assert source.sheets[0].row_count == 3
    preview = imports.preview_nominations(office, source, year=2020, unit_name="Phòng Nội vụ")
    assert preview.ok and len(preview.items) == 1
