"""Checks made on a list file (.xlsx, .xls, .docx) before any parser sees it.

The extension says what the file should be and the first bytes what it is; they must agree (a renamed file
is refused, never guessed). An .xls is an OLE compound file, read by xlrd within the caps of
:mod:`xls`. An .xlsx or .docx is a zip of XML parts. CPython's zipfile does not guard against zip bombs (CVE-2019-9674 was
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
XLSX, XLS, DOCX = "xlsx", "xls", "docx"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_REQUIRED_MEMBERS = {XLSX: ("[Content_Types].xml", "xl/workbook.xml"),
                     DOCX: ("[Content_Types].xml", "word/document.xml")}
_KIND_BY_SUFFIX = {".xlsx": XLSX, ".xlsm": XLSX, ".xls": XLS, ".docx": DOCX}
_KIND_LABELS = {XLSX: "Excel (.xlsx)", XLS: "Excel 97-2003 (.xls)", DOCX: "Word (.docx)"}
_SAVE_AS = {XLSX: "Hãy mở tệp bằng Excel, lưu thành “Excel Workbook (*.xlsx)” rồi nhập lại.",
            XLS: "Hãy mở tệp bằng Excel, lưu thành “Excel Workbook (*.xlsx)” rồi nhập lại.",
            DOCX: "Hãy mở tệp bằng Word, lưu thành “Word Document (*.docx)” rồi nhập lại."}
_OTHER_FORMATS = {
    ".xlsb": "Tệp Excel nhị phân (.xlsb) chưa đọc được. Hãy mở bằng Excel và lưu thành .xlsx rồi nhập lại.",
    ".ods": "Tệp LibreOffice (.ods) chưa đọc được. Hãy mở bằng LibreOffice, chọn Lưu thành “Excel 2007-365 "
            "(.xlsx)” rồi nhập lại.",
    ".odt": "Tệp LibreOffice (.odt) chưa đọc được. Hãy mở bằng LibreOffice, chọn Lưu thành “Word 2007-365 "
            "(.docx)” rồi nhập lại.",
    ".csv": "Tệp .csv không giữ được định dạng ngày và dấu tiếng Việt chắc chắn. Hãy mở bằng Excel và lưu "
            "thành .xlsx rồi nhập lại.",
    ".doc": "Tệp Word 97-2003 (.doc) chưa đọc được. Hãy mở tệp bằng Word, chọn Lưu thành (Save As) “Word "
            "Document (*.docx)” rồi nhập tệp .docx. (Nếu máy có LibreOffice, cũng có thể mở tệp bằng LibreOffice "
            "Writer và lưu thành .docx; không bắt buộc.)",
    ".rtf": "Tệp .rtf chưa đọc được. Hãy mở bằng Word và lưu thành “Word Document (*.docx)” rồi nhập lại.",
    ".pdf": "Đây là tệp PDF. Hãy xin đơn vị gửi bản Excel (.xlsx, .xls) hoặc Word (.docx) của danh sách.",
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
    max_cells: int = 600_000  # cells of one sheet or Word table (a 10.000-row list has about 100.000)
    max_document_bytes: int = 120 * 1024 * 1024  # a .docx's document.xml, inflated (10.000 rows: about 40 MB)
    max_shared_strings_bytes: int = 48 * 1024 * 1024  # an .xlsx's shared strings, inflated (10.000 rows: < 10 MB)


DEFAULT_LIMITS = Limits()


def _mb(size: int) -> str:
    return f"{format_int(round(size / 1024 / 1024))} MB" if size >= 1024 * 1024 else f"{format_int(size)} byte"


def check_extension(path: Path) -> str:
    """The kind the file's name says (xlsx, xls, docx); a Vietnamese refusal for any other name."""
    suffix = path.suffix.lower()
    kind = _KIND_BY_SUFFIX.get(suffix)
    if kind is not None:
        return kind
    message = _OTHER_FORMATS.get(suffix)
    if message is None:
        message = (f"Tệp “{path.name}” không phải danh sách Excel (.xlsx, .xls) hay Word (.docx). Hãy chọn đúng "
                   "tệp danh sách (nếu là tệp khác, hãy mở bằng Excel hoặc Word và lưu thành .xlsx hay .docx).")
    raise NotSpreadsheetError(message, [problem(message)])


def _refuse(message: str, kind: type[NotSpreadsheetError] | type[EncryptedSpreadsheetError] = NotSpreadsheetError
            ) -> None:
    raise kind(message, [problem(message)])


def _lying(path: Path, kind: str, actual: str) -> None:
    _refuse(f"Tệp “{path.name}” có đuôi {path.suffix.lower()} nhưng nội dung lại là {actual} (tệp đã bị đổi "
            f"đuôi). Tệp không được mở. {_SAVE_AS[kind]}")


def _refuse_ole(path: Path, kind: str, data: bytes) -> None:
    if _ENCRYPTION_STREAM in data:
        _refuse(f"Tệp “{path.name}” được đặt mật khẩu nên không đọc được. Hãy mở tệp, gỡ mật khẩu (Tệp → Thông "
                "tin → Bảo vệ → Mã hóa bằng mật khẩu: để trống), lưu lại rồi nhập lại.", EncryptedSpreadsheetError)
    actual = "tệp Word 97-2003 (.doc)" if "WordDocument".encode("utf-16-le") in data else \
        "tệp Excel 97-2003 (.xls)" if "Workbook".encode("utf-16-le") in data else "tệp Excel 97-2003 (.xls) hoặc Word 97-2003 (.doc)"
    _lying(path, kind, actual)


def _check_magic(path: Path, kind: str, size: int) -> None:
    with path.open("rb") as handle:
        head = handle.read(8)
        if kind == XLS:
            if head.startswith(OLE_MAGIC):
                return
            if head.startswith(ZIP_MAGIC):
                _lying(path, kind, "tệp nén kiểu Office mới (.xlsx hoặc .docx)")
            if head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").startswith((b"<", b"\0<")):
                _refuse(f"Tệp “{path.name}” có đuôi .xls nhưng thực ra là trang web (HTML/XML) do một phần mềm "
                        f"khác xuất ra. {_SAVE_AS[XLS]}")
            _lying(path, kind, "không phải tệp Excel")
        if head.startswith(OLE_MAGIC):
            _refuse_ole(path, kind, head + handle.read())
    if not head.startswith(ZIP_MAGIC):
        what = "Excel .xlsx" if kind == XLSX else "Word .docx"
        _refuse(f"Tệp “{path.name}” không phải tệp {what} (nội dung không đúng định dạng, có thể tệp đã bị đổi "
                f"đuôi). {_SAVE_AS[kind]}")


def check_container(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> str:
    """Refuse, with a Vietnamese message, anything that is not a safe .xlsx, .xls or .docx; parse nothing.
    Returns the kind (``xlsx``, ``xls``, ``docx``): the extension and the content must agree."""
    path = Path(path)
    kind = check_extension(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        message = f"Không mở được tệp “{path.name}”: {exc.strerror or exc}. Hãy kiểm tra lại đường dẫn."
        raise NotSpreadsheetError(message, [problem(message)]) from exc
    if size > limits.max_file_bytes:
        message = (f"Tệp “{path.name}” nặng {_mb(size)}, vượt giới hạn {_mb(limits.max_file_bytes)} của một "
                   "danh sách. Hãy xóa các trang, hình ảnh không cần thiết hoặc chia thành nhiều tệp.")
        raise UnsafeSpreadsheetError(message, [problem(message)])
    _check_magic(path, kind, size)
    if kind == XLS:
        return kind
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        message = (f"Tệp “{path.name}” bị hỏng (tải về chưa hết hoặc lưu bị lỗi), không đọc được. "
                   "Hãy xin đơn vị gửi lại tệp hoặc mở tệp để sửa rồi lưu lại.")
        raise DamagedSpreadsheetError(message, [problem(message)], details=repr(exc)) from exc
    _check_members(path, kind, members, limits)
    return kind


def _check_members(path: Path, kind: str, members: list[zipfile.ZipInfo], limits: Limits) -> None:
    unsafe = (f"Tệp “{path.name}” có cấu trúc bất thường ({{what}}) nên không được mở, để bảo vệ máy tính. "
              "Nếu đây là danh sách thật, hãy mở tệp, chép dữ liệu sang tệp mới rồi nhập tệp mới.")
    if len(members) > limits.max_members:
        message = unsafe.format(what=f"{format_int(len(members))} thành phần nén")
        raise UnsafeSpreadsheetError(message, [problem(message)])
    total = 0
    for info in members:
        total += info.file_size
        if info.flag_bits & 0x1:
            message = (f"Tệp “{path.name}” có phần bị mã hóa nên không đọc được. Hãy gỡ mật khẩu rồi nhập lại.")
            raise EncryptedSpreadsheetError(message, [problem(message)])
        if info.file_size > limits.ratio_floor_bytes and \
                info.file_size > limits.max_member_ratio * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            message = unsafe.format(what=f"phần “{info.filename}” nén {format_int(ratio)} lần — dấu hiệu bom nén")
            raise UnsafeSpreadsheetError(message, [problem(message)])
        if kind == XLSX and info.filename.lower().endswith("sharedstrings.xml") \
                and info.file_size > limits.max_shared_strings_bytes:
            message = unsafe.format(what=f"bảng chữ dùng chung giải nén ra {_mb(info.file_size)}, vượt giới hạn "
                                         f"{_mb(limits.max_shared_strings_bytes)}")
            raise UnsafeSpreadsheetError(message, [problem(message)])
        if kind == DOCX and info.filename == "word/document.xml" and info.file_size > limits.max_document_bytes:
            message = unsafe.format(what=f"nội dung văn bản giải nén ra {_mb(info.file_size)}, vượt giới hạn "
                                         f"{_mb(limits.max_document_bytes)}")
            raise UnsafeSpreadsheetError(message, [problem(message)])
    if total > limits.max_uncompressed_bytes:
        message = unsafe.format(what=f"giải nén ra {_mb(total)}, vượt giới hạn {_mb(limits.max_uncompressed_bytes)}")
        raise UnsafeSpreadsheetError(message, [problem(message)])
    names = {info.filename for info in members}
    other = DOCX if kind == XLSX else XLSX
    if all(name in names for name in _REQUIRED_MEMBERS[other]) and _REQUIRED_MEMBERS[kind][1] not in names:
        _lying(path, kind, f"tệp {_KIND_LABELS[other]}")
    missing = [name for name in _REQUIRED_MEMBERS[kind] if name not in names]
    if missing:
        message = (f"Tệp “{path.name}” là tệp nén nhưng không phải {_KIND_LABELS[kind]} (thiếu {', '.join(missing)}). "
                   "Hãy chọn đúng tệp danh sách.")
        raise NotSpreadsheetError(message, [problem(message)])
