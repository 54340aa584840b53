"""Checks made on a spreadsheet file before any XML parser sees it.

An .xlsx is a zip of XML parts. CPython's zipfile does not guard against zip bombs (CVE-2019-9674 was
answered with documentation only), so the file size, the number of members, the declared uncompressed
size and the compression ratio are capped here from the central directory (``ZipInfo``). zipfile
enforces the declared sizes while reading (a member that inflates beyond its declared size fails its
CRC check), so capping the declared sizes caps what openpyxl can ever inflate. Password-protected
workbooks are not zips at all but OLE compound files (``D0 CF 11 E0``), like old .xls files.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from emulation_desk.core.text import format_int
from emulation_desk.exchange.errors import (
    DamagedSpreadsheetError,
    EncryptedSpreadsheetError,
    NotSpreadsheetError,
    UnsafeSpreadsheetError,
    problem,
)

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_REQUIRED_MEMBERS = ("[Content_Types].xml", "xl/workbook.xml")
_OTHER_FORMATS = {
    ".xls": "Tệp Excel 97-2003 (.xls) chưa đọc được. Hãy mở tệp bằng Excel, chọn Lưu thành (Save As) "
            "“Excel Workbook (*.xlsx)” rồi nhập tệp .xlsx.",
    ".xlsb": "Tệp Excel nhị phân (.xlsb) chưa đọc được. Hãy mở bằng Excel và lưu thành .xlsx rồi nhập lại.",
    ".ods": "Tệp LibreOffice (.ods) chưa đọc được. Hãy mở bằng LibreOffice, chọn Lưu thành “Excel 2007-365 "
            "(.xlsx)” rồi nhập lại.",
    ".csv": "Tệp .csv không giữ được định dạng ngày và dấu tiếng Việt chắc chắn. Hãy mở bằng Excel và lưu "
            "thành .xlsx rồi nhập lại.",
    ".doc": "Đây là tệp Word. Hãy chép bảng danh sách sang Excel, lưu thành .xlsx rồi nhập lại.",
    ".docx": "Đây là tệp Word. Hãy chép bảng danh sách sang Excel, lưu thành .xlsx rồi nhập lại.",
    ".pdf": "Đây là tệp PDF. Hãy xin đơn vị gửi bản Excel (.xlsx) của danh sách.",
}


@dataclass(frozen=True)
class Limits:
    """Safety caps for one spreadsheet; the defaults fit a city's year (a 10.000-row list passes)."""

    max_file_bytes: int = 25 * 1024 * 1024
    max_members: int = 500
    max_uncompressed_bytes: int = 200 * 1024 * 1024
    max_member_ratio: int = 200  # inflated/compressed, for members larger than ratio_floor_bytes
    ratio_floor_bytes: int = 1024 * 1024
    max_sheets: int = 50
    max_rows: int = 20_000  # rows read per sheet (title block and footer included)
    max_columns: int = 60
    empty_run: int = 50  # this many empty rows in a row end a sheet's data
    max_cell_chars: int = 32_767  # Excel's own limit: a longer cell was not written by Excel
    header_scan_rows: int = 30


DEFAULT_LIMITS = Limits()


def _mb(size: int) -> str:
    return f"{format_int(round(size / 1024 / 1024))} MB" if size >= 1024 * 1024 else f"{format_int(size)} byte"


def check_extension(path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".xlsx" or suffix == ".xlsm":
        return
    message = _OTHER_FORMATS.get(suffix)
    if message is None:
        message = (f"Tệp “{path.name}” không phải tệp Excel .xlsx. Hãy chọn tệp danh sách có đuôi .xlsx "
                   "(nếu là tệp Excel khác, hãy mở bằng Excel và lưu thành .xlsx).")
    raise NotSpreadsheetError(message, [problem(message)])


def _refuse_ole(path: Path, data: bytes) -> None:
    if _ENCRYPTION_STREAM in data:
        message = (f"Tệp “{path.name}” được đặt mật khẩu nên không đọc được. Hãy mở tệp bằng Excel, gỡ mật "
                   "khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu: để trống), lưu lại "
                   "rồi nhập lại.")
        raise EncryptedSpreadsheetError(message, [problem(message)])
    message = (f"Tệp “{path.name}” là tệp Excel 97-2003 (.xls) hoặc tệp Office cũ, dù có đuôi .xlsx. "
               "Hãy mở bằng Excel, lưu thành “Excel Workbook (*.xlsx)” rồi nhập lại.")
    raise NotSpreadsheetError(message, [problem(message)])


def check_container(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse, with a Vietnamese message, anything that is not a safe .xlsx zip; parse nothing."""
    path = Path(path)
    check_extension(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        message = f"Không mở được tệp “{path.name}”: {exc.strerror or exc}. Hãy kiểm tra lại đường dẫn."
        raise NotSpreadsheetError(message, [problem(message)]) from exc
    if size > limits.max_file_bytes:
        message = (f"Tệp “{path.name}” nặng {_mb(size)}, vượt giới hạn {_mb(limits.max_file_bytes)} của một "
                   "danh sách. Hãy xóa các trang, hình ảnh không cần thiết hoặc chia thành nhiều tệp.")
        raise UnsafeSpreadsheetError(message, [problem(message)])
    with path.open("rb") as handle:
        head = handle.read(8)
        if head.startswith(OLE_MAGIC):
            _refuse_ole(path, head + handle.read())
    if not head.startswith(ZIP_MAGIC):
        message = (f"Tệp “{path.name}” không phải tệp Excel .xlsx (nội dung không đúng định dạng, có thể tệp "
                   "đã bị đổi đuôi). Hãy mở bằng Excel và lưu thành .xlsx rồi nhập lại.")
        raise NotSpreadsheetError(message, [problem(message)])
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        message = (f"Tệp “{path.name}” bị hỏng (tải về chưa hết hoặc lưu bị lỗi), không đọc được. "
                   "Hãy xin đơn vị gửi lại tệp hoặc mở bằng Excel để sửa rồi lưu lại.")
        raise DamagedSpreadsheetError(message, [problem(message)], details=repr(exc)) from exc
    _check_members(path, members, limits)


def _check_members(path: Path, members: list[zipfile.ZipInfo], limits: Limits) -> None:
    unsafe = (f"Tệp “{path.name}” có cấu trúc bất thường ({{what}}) nên không được mở, để bảo vệ máy tính. "
              "Nếu đây là danh sách thật, hãy mở bằng Excel, chép dữ liệu sang tệp mới rồi nhập tệp mới.")
    if len(members) > limits.max_members:
        message = unsafe.format(what=f"{format_int(len(members))} thành phần nén")
        raise UnsafeSpreadsheetError(message, [problem(message)])
    total = 0
    for info in members:
        total += info.file_size
        if info.flag_bits & 0x1:
            message = (f"Tệp “{path.name}” có phần bị mã hóa nên không đọc được. Hãy gỡ mật khẩu bằng Excel "
                       "rồi nhập lại.")
            raise EncryptedSpreadsheetError(message, [problem(message)])
        if info.file_size > limits.ratio_floor_bytes and \
                info.file_size > limits.max_member_ratio * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            message = unsafe.format(what=f"phần “{info.filename}” nén {format_int(ratio)} lần — dấu hiệu bom nén")
            raise UnsafeSpreadsheetError(message, [problem(message)])
    if total > limits.max_uncompressed_bytes:
        message = unsafe.format(what=f"giải nén ra {_mb(total)}, vượt giới hạn {_mb(limits.max_uncompressed_bytes)}")
        raise UnsafeSpreadsheetError(message, [problem(message)])
    names = {info.filename for info in members}
    missing = [name for name in _REQUIRED_MEMBERS if name not in names]
    if missing:
        message = (f"Tệp “{path.name}” là tệp nén nhưng không phải sổ tính Excel (thiếu {', '.join(missing)}). "
                   "Hãy chọn đúng tệp danh sách .xlsx.")
        raise NotSpreadsheetError(message, [problem(message)])
