"""A unit directory as offices keep it (danh bạ đơn vị): one unit a row with its name, kind, head count and the
day it starts. Read with the same forgiveness as the nomination lists — a title block above the header, a row
of column numbers under it, group rows ("I. KHỐI PHÒNG BAN"), a total row and a signature block at the foot —
and every problem named by sheet, row and column. Pure: no SQL, no Qt."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from openpyxl.utils import get_column_letter

from emulation_desk.core.text import clean_text, fold
from emulation_desk.exchange.errors import SheetProblem, problem
from emulation_desk.exchange.headers import header_key, is_numbering_row
from emulation_desk.exchange.reader import SheetGrid, SourceWorkbook, cell_text
from emulation_desk.exchange.values import CellIssue, as_date

FIELDS = {
    "stt": r"(stt|tt|so tt|so thu tu)",
    "name": r"(ten don vi|don vi|ten co quan|ten co quan, don vi|co quan, don vi|ten tap the|ten)",
    "kind": r"(loai don vi|loai hinh|loai|phan loai|khoi)",
    "head_count": r"(so nguoi|quan so|so can bo.*|tong so.*|so luong.*|bien che.*|so thanh vien.*|so cbccvc.*)",
    "valid_from": r"(tu ngay|ngay thanh lap|ngay bat dau.*|hieu luc tu.*|ap dung tu.*|ngay hoat dong)",
}
_COMPILED = {name: re.compile(pattern) for name, pattern in FIELDS.items()}
FIELD_LABELS = {"name": "Tên đơn vị", "kind": "Loại đơn vị", "head_count": "Số người", "valid_from": "Từ ngày"}

# Folded words of a kind's name → kind code (the first match wins; names are read when the kind is empty).
KIND_WORDS = (
    ("thon_to_dan_pho", ("thon", "to dan pho", "khu pho", "ap")),
    ("truong_hoc", ("truong", "mam non", "tieu hoc", "thcs", "thpt")),
    ("phong_chuyen_mon", ("phong", "van phong", "thanh tra")),
    ("phuong", ("phuong",)),
    ("xa", ("xa", "thi tran")),
    ("hoi_doan_the", ("hoi", "doan", "mat tran", "hoi dong", "lien doan")),
    ("doanh_nghiep", ("cong ty", "hop tac xa", "doanh nghiep", "htx")),
    ("nganh_doc", ("cong an", "quan su", "chi cuc", "kho bac", "nganh doc", "bao hiem")),
    ("don_vi_su_nghiep", ("trung tam", "don vi su nghiep", "tram", "benh vien", "ban quan ly")),
)
_FOOTER = re.compile(r"^(cong|tong cong|tong so|nguoi lap|thu truong|ghi chu|xac nhan)\b")
_SECTION = re.compile(r"^([ivxlc]+|[a-h])[.)]?\s")


@dataclass
class UnitRow:
    sheet: str
    row: int
    name: str
    kind: str
    head_count: int | None
    valid_from: date | None
    kind_guessed: bool = False


@dataclass
class UnitList:
    rows: list[UnitRow] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "Trang “…”, dòng 5: dòng số thứ tự cột"
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # sheet → field → column letter


def kind_of(text: str, kinds: dict[str, str]) -> str | None:
    """The kind code a text names: a code, a kind's label, or a word of a unit's name ("Trường Mầm non…")."""
    key = fold(text).strip(" .")
    if not key:
        return None
    if key in kinds:
        return key
    for code, label in kinds.items():
        if fold(label) == key:
            return code
    for code, words in KIND_WORDS:
        if any(key == w or key.startswith(w + " ") for w in words):
            return code
    return None


def _header(grid: SheetGrid, scan: int = 30) -> tuple[int, dict[str, int]] | None:
    for row in range(1, min(grid.row_count, scan) + 1):
        found: dict[str, int] = {}
        for column in range(1, grid.column_count + 1):
            key = header_key(grid.text(row, column))
            for name, pattern in _COMPILED.items():
                if key and name not in found and pattern.fullmatch(key):
                    found[name] = column
                    break
        if "name" in found and len(found) >= 2:
            return row, found
    return None


def _count(value: Any) -> int:
    if isinstance(value, bool):
        raise CellIssue("Số người phải là số nguyên không âm.")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        if value < 0:
            raise CellIssue("Số người không được là số âm.")
        return value
    text = fold(str(value)).removesuffix("nguoi").strip().replace(".", "")
    if not text.isdigit():
        raise CellIssue("Số người phải là số nguyên không âm, ví dụ 25.")
    return int(text)


def read_unit_list(source: SourceWorkbook, kinds: dict[str, str]) -> UnitList:
    """Every unit row of every visible sheet with a header; problems are collected, never raised."""
    result = UnitList()
    for grid in source.sheets:
        if grid.hidden or not grid.rows:
            continue
        found = _header(grid)
        if found is None:
            continue
        header_row, columns = found
        result.columns[grid.title] = {f: get_column_letter(c) for f, c in columns.items()}
        for row in range(header_row + 1, grid.row_count + 1):
            _read_row(grid, row, columns, source, kinds, result)
    if not result.rows and not result.problems:
        result.problems.append(problem("Không tìm thấy dòng tiêu đề có cột “Tên đơn vị” và “Loại đơn vị” hoặc "
                                       "“Số người”, hoặc danh sách không có đơn vị nào."))
    return result


def _read_row(grid: SheetGrid, row: int, columns: dict[str, int], source: SourceWorkbook, kinds: dict[str, str],
              result: UnitList) -> None:
    texts = [grid.text(row, c) for c in range(1, grid.column_count + 1)]
    filled = [t for t in texts if t]
    place = f"Trang “{grid.title}”, dòng {row}"
    if not filled:
        return
    if is_numbering_row(texts):
        result.skipped.append(f"{place}: dòng số thứ tự cột")
        return
    name = clean_text(grid.text(row, columns["name"]))
    folded = fold(" ".join(filled))
    if len(filled) == 1 and _SECTION.match(folded):
        result.skipped.append(f"{place}: dòng tên nhóm «{filled[0]}»")
        return
    if _FOOTER.match(folded) or (not name and len(filled) == 1):
        result.skipped.append(f"{place}: dòng tổng cộng, ghi chú hoặc chữ ký")
        return
    letters = {f: get_column_letter(c) for f, c in columns.items()}
    if not name:
        result.problems.append(problem("Thiếu tên đơn vị.", sheet=grid.title, row=row, column=letters["name"]))
        return
    _finish_row(grid, row, columns, letters, name, source, kinds, result)


def _finish_row(grid: SheetGrid, row: int, columns: dict[str, int], letters: dict[str, str], name: str,
                source: SourceWorkbook, kinds: dict[str, str], result: UnitList) -> None:
    before = len(result.problems)
    kind_text = grid.text(row, columns["kind"]) if "kind" in columns else ""
    kind = kind_of(kind_text, kinds) if kind_text else None
    guessed = False
    if kind_text and kind is None:
        result.problems.append(problem("Không nhận ra loại đơn vị. Hãy ghi một trong: " + ", ".join(kinds.values())
                                       + ".", sheet=grid.title, row=row, column=letters["kind"], value=kind_text))
    elif kind is None:
        kind, guessed = kind_of(name, kinds) or "khac", True
    head: int | None = None
    if "head_count" in columns and cell_text(grid.value(row, columns["head_count"])):
        try:
            head = _count(grid.value(row, columns["head_count"]))
        except CellIssue as exc:
            result.problems.append(problem(str(exc), sheet=grid.title, row=row, column=letters["head_count"],
                                           value=grid.value(row, columns["head_count"])))
    start: date | None = None
    if "valid_from" in columns:
        try:
            start = as_date(grid.value(row, columns["valid_from"]), source.epoch, label="Ngày bắt đầu")
        except CellIssue as exc:
            result.problems.append(problem(str(exc), sheet=grid.title, row=row, column=letters["valid_from"],
                                           value=grid.value(row, columns["valid_from"])))
    if len(result.problems) == before:
        result.rows.append(UnitRow(grid.title, row, name, kind or "khac", head, start, guessed))
