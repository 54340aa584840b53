"""Workbooks as units really send them, built with openpyxl: title blocks, merged two-row headers, section
rows, blank rows, totals and signature blocks, three date styles, several sheets — and hostile ones."""

from __future__ import annotations

import shutil
import zipfile
import zlib
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

BOLD = Font(name="Times New Roman", bold=True)

# People of the demo's Phòng Giáo dục và Đào tạo (existing records) and new ones.
EXISTING = [("Nguyễn Thanh Long", 1967, "nam", "Trưởng phòng"), ("Nguyễn Thị Loan", 1975, "nu", "Phó Trưởng phòng"),
            ("Đào Tiến Định", 1994, "nam", "Chuyên viên")]
UNIT = "Phòng Giáo dục và Đào tạo"


def _title_block(ws: Any, last_col: str, title: str) -> None:
    ws["A1"] = "UBND THÀNH PHỐ NAM ĐỊNH"
    ws["E1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["A2"] = "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"
    ws["E2"] = "Độc lập - Tự do - Hạnh phúc"
    ws.merge_cells(f"A4:{last_col}4")
    ws["A4"] = title
    ws["A4"].font = BOLD
    ws.merge_cells(f"A5:{last_col}5")
    ws["A5"] = "(Kèm theo Tờ trình số 25/TTr-PGDĐT ngày 05/12/2020 của Phòng Giáo dục và Đào tạo)"


def messy_nomination_workbook(path: Path) -> Path:
    """Two sheets: individuals (merged "Năm sinh" over Nam | Nữ, combined "Chức vụ, đơn vị công tác",
    sections by form, numbering row, blank rows, totals, signatures) and collectives (plain header)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Cá nhân"
    _title_block(ws, "I", "DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG NĂM 2020")
    headers = {"A7": "STT", "B7": "Họ và tên", "C7": "Năm sinh", "E7": "Chức vụ, đơn vị công tác",
               "F7": "Hình thức khen thưởng", "G7": "Loại khen thưởng", "H7": "Tóm tắt thành tích", "I7": "Ghi chú",
               "C8": "Nam", "D8": "Nữ"}
    for ref, text in headers.items():
        ws[ref] = text
        ws[ref].font = BOLD
        ws[ref].alignment = Alignment(wrap_text=True)
    for col in "ABEFGHI":
        ws.merge_cells(f"{col}7:{col}8")
    ws.merge_cells("C7:D7")
    ws.append([f"({i})" for i in range(1, 10)])  # row 9: column numbers
    rows: list[list[Any]] = [
        ["I. Danh hiệu “Lao động tiên tiến”"],
        [1, "Nguyễn Thanh Long", 1967, None, "Trưởng phòng, Phòng Giáo dục và Đào tạo", None, "Công trạng",
         "Hoàn thành xuất sắc nhiệm vụ", None],
        [2, "Nguyễn Thị Loan", None, datetime(1975, 3, 8), "Phó Trưởng phòng Phòng Giáo dục và Đào tạo", None, None,
         "Hoàn thành tốt nhiệm vụ", None],
        [None],
        [3, "Trần Văn Mới", "15/12/1980", None, "Chuyên viên, Phòng Giáo dục và Đào tạo", None, None, None,
         "Mới chuyển đến"],
        ["II. Chiến sĩ thi đua cơ sở"],
        [1, "NGUYỄN THANH LONG", "1967", None, "Trưởng phòng, Phòng Giáo dục và Đào tạo", "CSTĐCS", None,
         "Sáng kiến cấp cơ sở", None],
        [2, "Đào Tiến Định", 1994, None, "Chuyên viên Phòng Giáo dục và Đào tạo", "Chiến sỹ thi đua cơ sở", None,
         None, None],
        [None, "Tổng cộng: 05 lượt cá nhân"],
        [None],
        [None, None, None, None, None, "Nam Định, ngày 05 tháng 12 năm 2020"],
        [None, "NGƯỜI LẬP BIỂU", None, None, None, "TRƯỞNG PHÒNG"],
        [None, None, None, None, None, "(Ký, ghi rõ họ tên)"],
        [None, "Lê Minh Nga", None, None, None, "Nguyễn Thanh Long"],
    ]
    for values in rows:
        ws.append(values)
    ws.merge_cells("A10:I10")
    tt = wb.create_sheet("Tập thể")
    tt["A1"] = "DANH SÁCH TẬP THỂ ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU TẬP THỂ LAO ĐỘNG TIÊN TIẾN NĂM 2020"
    tt.append([])
    tt.append(["TT", "Tên tập thể", "Ghi chú"])
    tt.append([1, "Tổ Văn phòng, Phòng Giáo dục và Đào tạo", None])
    tt.append([2, "Phòng Giáo dục và Đào tạo", None])
    wb.save(path)
    return path


def nomination_table(path: Path, rows: list[list[Any]], header: list[str] | None = None,
                     title: str = "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2020") -> Path:
    """A plain list with a one-line title and a header row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append([title])
    ws.append(header or ["STT", "Họ và tên", "Năm sinh", "Chức vụ", "Đơn vị", "Hình thức khen thưởng"])
    for values in rows:
        ws.append(values)
    wb.save(path)
    return path


def replace_member(path: Path, member: str, data: bytes, target: Path | None = None) -> Path:
    """Copy an xlsx with one zip member replaced (for hostile variants of a valid file)."""
    target = target or path
    temp = target.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, data if info.filename == member else src.read(info.filename))
    shutil.move(temp, target)
    return target


def with_shared_strings(path: Path, xml: bytes) -> Path:
    """Give an openpyxl file (which writes inline strings) a shared-string table that the reader loads."""
    with zipfile.ZipFile(path) as archive:
        types = archive.read("[Content_Types].xml").decode()
    override = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.spreadsheetml.sharedStrings+xml"/>')
    replace_member(path, "[Content_Types].xml", types.replace("</Types>", override + "</Types>").encode())
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/sharedStrings.xml", xml)
    return path


BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE sst [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">
<si><t>&lol9;</t></si></sst>"""


def zip_bomb(path: Path, inflated: int = 1 << 30) -> Path:
    """A valid-looking xlsx with an extra member of ``inflated`` zero bytes (about 1 MB compressed per GB)."""
    wb = Workbook()
    wb.active.append(["STT", "Họ và tên"])
    wb.save(path)
    chunk = b"\0" * (1 << 22)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive, \
            archive.open("xl/media/bomb.bin", "w", force_zip64=True) as member:
        for _ in range(inflated // len(chunk)):
            member.write(chunk)
    return path


def ole_file(path: Path, *, encrypted: bool) -> Path:
    """An OLE compound file header, as in .xls files and password-protected .xlsx files."""
    body = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504
    if encrypted:
        body += "EncryptionInfo".encode("utf-16-le") + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(body + b"\0" * 1024)
    return path


def deflate_ratio(data: bytes) -> float:
    return len(data) / max(len(zlib.compress(data)), 1)
