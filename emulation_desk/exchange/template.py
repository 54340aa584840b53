"""The nomination template the office hands to units, and the same layout for exporting a year's list.

One sheet per kind of list (cá nhân, tập thể, hộ gia đình) with Vietnamese headers, drop-down lists of
the catalog's award forms and kinds (from a hidden "Danh mục" sheet), protected title and header rows,
column widths and A4 print setup, and a hidden marker sheet naming the layout and its version, so that a
filled template is imported with no column mapping at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from emulation_desk.core.catalog import Catalog
from emulation_desk.exchange.catalog_match import valid_in_year
from emulation_desk.exchange.errors import SheetProblem, problem
from emulation_desk.exchange.fact_cells import RATING_LABELS
from emulation_desk.exchange.headers import FIELD_LABELS, ColumnMapping, SheetMapping, header_key
from emulation_desk.exchange.reader import MARKER_SHEET, MARKER_TAG, SourceWorkbook
from emulation_desk.exchange.writer import CellWriter, Look, a4, set_widths

HEADING, LABEL, INPUT = Look(13, bold=True, center=True), Look(12, bold=True, wrap=False), Look(12, locked=False)
HINT, HEADER = Look(11, italic=True), Look(12, bold=True, center=True, border=True)
DATA, DATA_CENTER = Look(12, border=True), Look(12, center=True, border=True)

TEMPLATE_VERSION = 1
KIND_TEMPLATE = "nominations-template"
KIND_LIST = "nominations-list"
HEADER_ROW = 5
LISTS_SHEET = "Danh mục"
DATA_ROWS = 500  # rows prepared (unlocked, with drop-downs) below the header


@dataclass(frozen=True)
class Column:
    field: str
    title: str
    width: float
    choices: str = ""  # key of a drop-down list


@dataclass(frozen=True)
class SheetLayout:
    title: str
    subject: str
    heading: str
    columns: tuple[Column, ...]


_COMMON_TAIL = (Column("form", "Hình thức khen thưởng", 30, "forms"), Column("kind", "Loại khen thưởng", 18, "kinds"),
                Column("achievement", "Tóm tắt thành tích", 40), Column("notes", "Ghi chú", 14),
                Column("achievement_year", "Năm thành tích (bỏ trống: năm của danh sách)", 14))
# The facts the eligibility rules read (exchange/fact_cells.py): an empty cell leaves Hồ sơ as it is.
_PERSON_FACTS = (Column("rating", "Mức độ hoàn thành nhiệm vụ", 22, "ratings"),
                 Column("initiative", "Sáng kiến (tên; quyết định công nhận)", 30),
                 Column("discipline", "Kỷ luật (hình thức, từ ngày đến ngày)", 22))
_COLLECTIVE_FACTS = (Column("rating", "Xếp loại tập thể", 22, "ratings"),
                     Column("head_count", "Tổng số thành viên", 11),
                     Column("completed_count", "Số hoàn thành nhiệm vụ trở lên", 13),
                     Column("standard_count", "Số đạt Lao động tiên tiến", 12),
                     Column("cstdcs_count", "Số đạt Chiến sĩ thi đua cơ sở", 12),
                     Column("disciplined_count", "Số bị kỷ luật", 10))
LAYOUTS: tuple[SheetLayout, ...] = (
    SheetLayout("Cá nhân", "ca_nhan", "DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG", (
        Column("stt", "STT", 6), Column("name", "Họ và tên", 26), Column("gender", "Giới tính", 9, "genders"),
        Column("birth", "Ngày sinh (hoặc năm sinh)", 13), Column("position", "Chức vụ", 20),
        Column("unit", "Đơn vị công tác", 28), Column("is_manager", "Lãnh đạo quản lý (ghi x)", 11, "flags"),
        *_COMMON_TAIL[:2], *_PERSON_FACTS, *_COMMON_TAIL[2:])),
    SheetLayout("Tập thể", "tap_the", "DANH SÁCH TẬP THỂ ĐỀ NGHỊ KHEN THƯỞNG", (
        Column("stt", "STT", 6), Column("name", "Tên tập thể", 40), Column("unit", "Thuộc đơn vị", 30),
        *_COMMON_TAIL[:2], *_COLLECTIVE_FACTS, *_COMMON_TAIL[2:])),
    SheetLayout("Hộ gia đình", "ho_gia_dinh", "DANH SÁCH HỘ GIA ĐÌNH ĐỀ NGHỊ KHEN THƯỞNG", (
        Column("stt", "STT", 6), Column("name", "Họ và tên chủ hộ", 26), Column("address", "Địa chỉ", 30),
        Column("unit", "Thôn, tổ dân phố", 26), *_COMMON_TAIL)),
)
EXTRA_LIST_COLUMNS = (Column("proposing_unit", "Đơn vị đề nghị", 26), Column("status", "Trạng thái", 16))


def choice_lists(catalog: Catalog, year: int) -> dict[str, list[str]]:
    """Drop-down values: forms valid in ``year`` per subject, award kinds, genders, the yes mark."""
    lists: dict[str, list[str]] = {}
    for layout in LAYOUTS:
        forms = sorted((f for f in catalog.forms if layout.subject in f.subjects and valid_in_year(f, year)),
                       key=lambda f: (f.sort_order, f.code))
        lists[f"forms:{layout.subject}"] = [f.name for f in forms]
    lists["kinds"] = [k.name for k in sorted(catalog.kinds, key=lambda k: (k.sort_order, k.code))]
    lists["genders"] = ["Nam", "Nữ"]
    lists["flags"] = ["x"]
    lists["ratings"] = list(RATING_LABELS.values())
    return lists


def _lists_sheet(wb: Workbook, writer: CellWriter, lists: dict[str, list[str]]) -> dict[str, str]:
    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    ranges: dict[str, str] = {}
    for column, (key, values) in enumerate(lists.items(), start=1):
        writer.put(ws, 1, column, key)
        for row, value in enumerate(values, start=2):
            writer.put(ws, row, column, value)
        letter = get_column_letter(column)
        ranges[key] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${max(len(values) + 1, 2)}"
    ws.protection.sheet = True
    return ranges


def _validation(ws: Worksheet, formula: str, column: int, first: int, last: int) -> None:
    dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                        errorTitle="Giá trị không có trong danh sách",
                        error="Hãy chọn một giá trị trong danh sách thả xuống.")
    letter = get_column_letter(column)
    dv.add(f"{letter}{first}:{letter}{last}")
    ws.add_data_validation(dv)


def _title_block(ws: Worksheet, writer: CellWriter, layout: SheetLayout, width: int, unit: str, year: str) -> None:
    last = get_column_letter(width)
    ws.merge_cells(f"A1:{last}1")
    writer.put(ws, 1, 1, layout.heading, HEADING)
    writer.put(ws, 2, 1, "Đơn vị đề nghị:", LABEL)
    ws.merge_cells(f"C2:{get_column_letter(max(width - 2, 3))}2")
    writer.put(ws, 2, 3, unit, INPUT)
    writer.put(ws, 3, 1, "Năm:", LABEL)
    writer.put(ws, 3, 3, year, INPUT)
    ws.merge_cells(f"A4:{last}4")
    writer.put(ws, 4, 1, "Mỗi người (tập thể, hộ) một dòng. Chọn hình thức và loại khen thưởng trong danh sách thả "
               "xuống. Ngày sinh ghi dạng 15/12/1980 hoặc chỉ ghi năm sinh. Không sửa các dòng tiêu đề.",
               HINT)
    ws.row_dimensions[1].height = 22
    ws.row_dimensions[4].height = 32


def write_nomination_sheets(wb: Workbook, writer: CellWriter, catalog: Catalog, *, year: int, kind: str,
                            rows_by_subject: dict[str, Sequence[dict[str, Any]]] | None = None,
                            unit: str = "") -> None:
    """Fill ``wb`` with the three list sheets (empty for the template), the lists sheet and the marker."""
    rows_by_subject = rows_by_subject or {}
    ranges = _lists_sheet(wb, writer, choice_lists(catalog, year))
    marker_rows: list[list[Any]] = [["kind", kind], ["version", TEMPLATE_VERSION], ["year", year]]
    for index, layout in enumerate(LAYOUTS):
        columns = layout.columns + (EXTRA_LIST_COLUMNS if kind == KIND_LIST else ())
        ws = wb.create_sheet(layout.title, index)
        _title_block(ws, writer, layout, len(columns), unit, str(year) if year else "")
        for column, spec in enumerate(columns, start=1):
            writer.put(ws, HEADER_ROW, column, spec.title, HEADER)
        ws.row_dimensions[HEADER_ROW].height = 48
        data = rows_by_subject.get(layout.subject, ())
        for offset, values in enumerate(data, start=1):
            row = HEADER_ROW + offset
            for column, spec in enumerate(columns, start=1):
                value = offset if spec.field == "stt" else values.get(spec.field)
                writer.put(ws, row, column, value, DATA_CENTER if spec.field in ("stt", "birth", "gender") else DATA)
        last = HEADER_ROW + max(DATA_ROWS, len(data))
        for column, spec in enumerate(columns, start=1):
            letter = get_column_letter(column)
            ws.column_dimensions[letter].protection = Protection(locked=False)
            if spec.choices:
                key = f"forms:{layout.subject}" if spec.choices == "forms" else spec.choices
                _validation(ws, ranges[key], column, HEADER_ROW + 1, last)
        set_widths(ws, [c.width for c in columns])
        ws.freeze_panes = f"A{HEADER_ROW + 1}"
        a4(ws, landscape=True, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.protection.insertRows = False
        ws.protection.deleteRows = False
        ws.protection.sort = False
        ws.protection.autoFilter = False
        marker_rows.append(["sheet", layout.title, layout.subject, HEADER_ROW, *[c.field for c in columns]])
    marker = wb.create_sheet(MARKER_SHEET)
    writer.put(marker, 1, 1, MARKER_TAG)
    for row, values in enumerate(marker_rows, start=2):
        for column, value in enumerate(values, start=1):
            writer.put(marker, row, column, value)
    marker.sheet_state = "veryHidden"
    marker.protection.sheet = True
    wb.active = 0


def template_workbook(catalog: Catalog, *, year: int | None = None) -> tuple[Workbook, CellWriter]:
    wb = Workbook()
    wb.remove(wb.active)
    writer = CellWriter()
    write_nomination_sheets(wb, writer, catalog, year=year or date.today().year, kind=KIND_TEMPLATE)
    return wb, writer


def mapping_from_marker(source: SourceWorkbook) -> tuple[ColumnMapping | None, list[SheetProblem]]:
    """The column mapping a template's marker describes, checked against the headers actually there."""
    rows = source.marker or []
    info = {str(r[0]): r[1:] for r in rows if r and r[0] != "sheet"}
    kind = (info.get("kind") or [None])[0]
    version = (info.get("version") or [None])[0]
    if kind not in (KIND_TEMPLATE, KIND_LIST):
        return None, []
    if version != TEMPLATE_VERSION:
        return None, [problem(f"Tệp theo mẫu phiên bản {version}, chương trình đọc mẫu phiên bản "
                              f"{TEMPLATE_VERSION}; các cột được dò lại theo tiêu đề.", value=source.name)]
    sheets: list[SheetMapping] = []
    warnings: list[SheetProblem] = []
    known = {layout.title: layout for layout in LAYOUTS}
    for row in (r for r in rows if r and r[0] == "sheet"):
        mapping = _marker_sheet(source, row, known, warnings)
        if mapping is not None:
            sheets.append(mapping)
    if not sheets:
        return None, warnings
    return ColumnMapping(sheets=sheets, source="template"), warnings


def _marker_sheet(source: SourceWorkbook, row: list[Any], known: dict[str, SheetLayout],
                  warnings: list[SheetProblem]) -> SheetMapping | None:
    title, subject, header_row, fields = (row + [None] * 4)[1], (row + [None] * 4)[2], (row + [None] * 4)[3], row[4:]
    if title not in known or not isinstance(header_row, int) or not 1 <= header_row <= 50:
        return None
    try:
        grid = source.sheet(str(title))
    except KeyError:
        return None
    columns: dict[str, int] = {}
    headers: dict[int, str] = {}
    titles = {c.field: c.title for c in known[str(title)].columns + EXTRA_LIST_COLUMNS}
    for column, name in enumerate(fields, start=1):
        if name not in titles:
            continue
        found = grid.text(header_row, column)
        if header_key(found) != header_key(titles[name]):
            warnings.append(problem("Tiêu đề cột trong tệp mẫu đã bị sửa; các cột của trang này được dò lại theo "
                                    "tiêu đề.", sheet=grid.title, row=header_row,
                                    column=get_column_letter(column), value=found))
            return None
        headers[column] = found
        if name in FIELD_LABELS:
            columns[name] = column
    return SheetMapping(sheet=grid.title, header_row=header_row, first_data_row=header_row + 1, columns=columns,
                        headers=headers, subject=subject if subject in ("ca_nhan", "tap_the", "ho_gia_dinh")
                        else None, include=True)


def template_rows(rows: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Group list rows (with a "subject" key) by subject for :func:`write_nomination_sheets`."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row["subject"], []).append(row)
    return grouped
