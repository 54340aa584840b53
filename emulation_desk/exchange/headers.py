"""Finding the header row of a real unit list and mapping its columns to fields.

Units spell headers many ways ("Họ và tên", "Họ tên", "HỌ VÀ TÊN", "Chức vụ, đơn vị công tác"), put a
title block above them, merge header cells over two rows ("Năm sinh" over "Nam" | "Nữ") and number the
columns below them ("(1)", "(2)"…). Headers are compared folded (:func:`core.text.fold`). The result is
a :class:`ColumnMapping` (field → column per sheet) that the clerk can correct.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from emulation_desk.core.text import fold
from emulation_desk.exchange.columns import column_letter
from emulation_desk.exchange.reader import SheetGrid, SourceWorkbook, cell_text

# Field → label shown to the clerk (combo boxes, messages).
FIELD_LABELS: dict[str, str] = {
    "stt": "Số thứ tự",
    "name": "Họ và tên / Tên tập thể",
    "gender": "Giới tính",
    "birth": "Ngày sinh / Năm sinh",
    "birth_male": "Năm sinh (cột Nam)",
    "birth_female": "Năm sinh (cột Nữ)",
    "gender_male": "Giới tính (cột Nam)",
    "gender_female": "Giới tính (cột Nữ)",
    "position": "Chức vụ",
    "unit": "Đơn vị công tác",
    "position_unit": "Chức vụ, đơn vị công tác",
    "is_manager": "Lãnh đạo quản lý",
    "address": "Địa chỉ",
    "subject": "Đối tượng (cá nhân/tập thể)",
    "form": "Hình thức khen thưởng",
    "kind": "Loại khen thưởng",
    "achievement": "Thành tích",
    "achievement_year": "Năm thành tích",
    "notes": "Ghi chú",
    "decision_number": "Số quyết định",
    "decision_date": "Ngày ký",
    "issuer": "Cơ quan ban hành",
    "issuer_level": "Cấp ban hành",
    "decision_title": "Trích yếu",
    "amount": "Số tiền thưởng",
    # the facts the eligibility rules read, sent with the list (exchange/fact_cells.py)
    "rating": "Xếp loại / Mức độ hoàn thành nhiệm vụ",
    "initiative": "Sáng kiến",
    "initiative_ref": "Quyết định công nhận sáng kiến",
    "initiative_scope": "Phạm vi công nhận sáng kiến",
    "discipline": "Kỷ luật",
    "head_count": "Tổng số thành viên",
    "completed_count": "Số hoàn thành nhiệm vụ trở lên",
    "standard_count": "Số đạt Lao động tiên tiến",
    "cstdcs_count": "Số đạt Chiến sĩ thi đua cơ sở",
    "disciplined_count": "Số bị kỷ luật",
}
FACT_FIELDS = ("rating", "initiative", "initiative_ref", "initiative_scope", "discipline", "head_count",
               "completed_count", "standard_count", "cstdcs_count", "disciplined_count")
NOMINATION_FIELDS = ("stt", "name", "gender", "gender_male", "gender_female", "birth", "birth_male",
                     "birth_female", "position", "unit",
                     "position_unit", "is_manager", "address", "subject", "form", "kind", "achievement",
                     "achievement_year", "notes", *FACT_FIELDS)
DECISION_FIELDS = (*NOMINATION_FIELDS, "decision_number", "decision_date", "issuer", "issuer_level",
                   "decision_title", "amount")

# Ordered rules over the folded header text: (field, regular expression). First match wins.
_RULES: tuple[tuple[str, str], ...] = (
    ("stt", r"(stt|tt|so tt|so thu tu|thu tu)"),
    # fact columns first: "Số bị kỷ luật" is a count, "Số đạt Lao động tiên tiến" is not a form
    ("disciplined_count", r"so (nguoi |thanh vien |cbccvc |can bo )?bi ky luat.*"),
    ("standard_count", r"so (nguoi |thanh vien )?dat (danh hieu )?(lao dong tien tien|ldtt|chuan lao dong tien tien).*"),
    ("cstdcs_count", r"so (nguoi |thanh vien )?dat (danh hieu )?(chien si thi dua co so|cstdcs|cstd co so|cstd cs).*"),
    ("completed_count", r"so (nguoi |thanh vien )?(hoan thanh nhiem vu|hoan thanh tot nhiem vu|htnv).*"),
    ("head_count", r"(tong so (thanh vien|can bo|nguoi|cbccvc|lao dong).*|quan so|so thanh vien|tong so)"),
    ("rating", r"(xep loai|muc do hoan thanh nhiem vu|muc do hoan thanh|ket qua danh gia|ket qua xep loai"
               r"|danh gia, xep loai|danh gia xep loai|xep loai chat luong).*"),
    ("initiative_ref", r"(quyet dinh cong nhan sang kien|qd cong nhan sang kien|so quyet dinh cong nhan).*"),
    ("initiative_scope", r"(pham vi (anh huong|cong nhan|ap dung)|cap cong nhan sang kien).*"),
    ("initiative", r"(sang kien|ten sang kien|de tai, sang kien|sang kien, de tai|giai phap).*"),
    ("discipline", r"(ky luat|hinh thuc ky luat|bi ky luat).*"),
    ("position_unit", r"(chuc vu|chuc danh).*(don vi|co quan|noi cong tac).*"),
    ("name", r"(ho va ten|ho ten|ho, ten|ten tap the|ten ca nhan|ten nguoi|ho ten chu ho|ten chu ho|chu ho"
             r"|ten tap the, ca nhan|ten ca nhan, tap the|ten don vi, ca nhan|tap the, ca nhan|ca nhan, tap the"
             r"|ten don vi duoc).*"),
    ("birth", r"(nam sinh|ngay sinh|ngay thang nam sinh|ngay, thang, nam sinh|ngay/thang/nam sinh|sinh ngay).*"),
    ("gender", r"(gioi tinh|gioi|nam/nu|nam, nu|nam nu)"),
    ("is_manager", r"(.*lanh dao quan ly.*|ldql.*|la lanh dao.*|can bo quan ly.*|lanh dao)"),
    ("position", r"(chuc vu|chuc danh|chuc vu hien nay).*"),
    ("issuer_level", r"(cap ban hanh|cap quyet dinh|cap khen thuong|cap khen).*"),
    ("issuer", r"(co quan ban hanh|co quan quyet dinh|nguoi ky quyet dinh|noi ban hanh|don vi ban hanh).*"),
    ("decision_number", r"(so quyet dinh|so qd|quyet dinh so|so, ky hieu|so ky hieu|so hieu quyet dinh"
                        r"|so va ky hieu).*"),
    ("decision_date", r"(ngay ky|ngay quyet dinh|ngay ban hanh|ngay, thang, nam ky|ngay thang nam quyet dinh"
                      r"|ngay qd).*"),
    ("decision_title", r"(trich yeu|ve viec|noi dung quyet dinh).*"),
    ("unit_name", r"(ten don vi|ten co quan|ten co quan, don vi|ten co quan don vi)"),
    ("unit", r"(don vi|co quan, don vi|co quan don vi|noi cong tac|don vi cong tac|thuoc don vi|truc thuoc"
             r"|co quan).*"),
    ("subject", r"(doi tuong|ca nhan/tap the|loai doi tuong)"),
    ("form", r"(hinh thuc khen thuong|hinh thuc de nghi|danh hieu|hinh thuc|muc khen|de nghi khen thuong"
             r"|khen thuong de nghi|hinh thuc, danh hieu).*"),
    ("kind", r"(loai khen thuong|loai hinh khen thuong|khen thuong theo|phuong thuc khen|loai hinh|loai)"),
    ("achievement_year", r"(nam thanh tich|nam dat thanh tich|nam, giai doan thanh tich|giai doan thanh tich)"),
    ("achievement", r"(tom tat thanh tich|thanh tich|noi dung thanh tich|ly do khen thuong|ly do).*"),
    ("notes", r"(ghi chu).*"),
    ("address", r"(dia chi|noi o|noi cu tru|thon, to dan pho|thon/to dan pho).*"),
    ("amount", r"(so tien|tien thuong|muc thuong|thanh tien|muc tien).*"),
)
_COMPILED = tuple((name, re.compile(pattern)) for name, pattern in _RULES)
_NOISE = re.compile(r"\(\s*\*\s*\)|\(\s*\d+\s*\)|[*:]+|\s+\(\s*(bat buoc|neu co)\s*\)")
_NUMBERING_CELL = re.compile(r"\(?-?\s*\d{1,2}\s*\)?(\s*=.*)?")


def header_key(text: str) -> str:
    """Folded header text without numbering, stars and colons: what the rules match."""
    folded = fold(text)
    folded = _NOISE.sub(" ", folded)
    return " ".join(folded.replace("\n", " ").split()).strip(" .-")


def match_field(text: str, allowed: tuple[str, ...] = DECISION_FIELDS) -> str | None:
    """The field a header text names, or None."""
    key = header_key(text)
    if not key:
        return None
    for name, pattern in _COMPILED:
        if (name in allowed or (name == "unit_name" and "unit" in allowed)) and pattern.fullmatch(key):
            return name
    return None


@dataclass
class SheetMapping:
    """Where the data of one sheet is: header row(s), first data row, field → 1-based column."""

    sheet: str
    header_row: int
    first_data_row: int
    columns: dict[str, int]
    headers: dict[int, str] = field(default_factory=dict)  # column → header label as found
    subject: str | None = None  # implied by the sheet name or the template
    include: bool = True

    def column_of(self, name: str) -> int | None:
        return self.columns.get(name)

    def letter(self, name: str) -> str:
        column = self.columns.get(name)
        return column_letter(column) if column else ""

    def choices(self) -> list[tuple[int, str]]:
        """(column, "C – Họ và tên") for every header column, for a combo box."""
        return [(c, f"{column_letter(c)} – {label}" if label else column_letter(c))
                for c, label in sorted(self.headers.items())]


@dataclass
class ColumnMapping:
    """The mapping of a whole workbook; ``source`` is "auto", "template" or "remembered"."""

    sheets: list[SheetMapping]
    source: str = "auto"

    def sheet(self, title: str) -> SheetMapping:
        for mapping in self.sheets:
            if mapping.sheet == title:
                return mapping
        raise KeyError(title)

    def included(self) -> list[SheetMapping]:
        return [m for m in self.sheets if m.include]

    def remembered_form(self) -> dict[str, str | None]:
        """Field → folded header label, the part of a mapping that is worth remembering for a unit."""
        result: dict[str, str | None] = {}
        for mapping in self.included():
            for name, column in mapping.columns.items():
                result.setdefault(name, header_key(mapping.headers.get(column, "")))
        return result

    def apply_remembered(self, remembered: Any) -> bool:
        """Re-apply a remembered field → header label mapping where those headers exist; True if used."""
        if not isinstance(remembered, dict):
            return False
        used = False
        for mapping in self.sheets:
            by_label = {header_key(label): column for column, label in mapping.headers.items() if label}
            for name, label in remembered.items():
                if name not in FIELD_LABELS or not isinstance(label, str):
                    continue
                column = by_label.get(label)
                if column is not None and mapping.columns.get(name) != column:
                    for other in [k for k, v in mapping.columns.items() if v == column]:
                        del mapping.columns[other]
                    mapping.columns[name] = column
                    used = True
        if used:
            self.source = "remembered"
        return used


def _could_be_subheader(texts: list[str]) -> bool:
    """A second header row has several short labels without figures (not a section or data row)."""
    filled = [t for t in texts if t]
    return len(filled) >= 2 and not any(re.search(r"\d{3,}", t) for t in filled) and not _is_numbering_row(texts)


_NUMBER_OR_LETTER = re.compile(r"\(?\s*(\d{1,2}|[A-Z])\s*\)?(\s*=.*)?")


def is_numbering_row(texts: list[str], *, ordered: bool = False) -> bool:
    """A row of column numbers under a header: "(1) (2) (3)…", "1 2 3…", "A B C 1 2…" (at least three).
    ``ordered``: the numbers, and the letters, must also increase from left to right (for rows met among
    the data, where a row of small figures must not be taken for one)."""
    filled = [t.replace(" ", "") for t in texts if t]
    if len(filled) < 3:
        return False
    if not ordered:
        return all(_NUMBERING_CELL.fullmatch(t) or _NUMBER_OR_LETTER.fullmatch(t) for t in filled)
    last_number, last_letter = 0, ""
    for text in filled:
        match = _NUMBER_OR_LETTER.fullmatch(text)
        if match is None:
            return False
        token = match.group(1)
        if token.isdigit():
            if int(token) <= last_number:
                return False
            last_number = int(token)
        elif token <= last_letter:
            return False
        else:
            last_letter = token
    return True


_is_numbering_row = is_numbering_row


def _row_texts(grid: SheetGrid, row: int, width: int) -> list[str]:
    """Text cells of a row (numbers and dates are never header labels)."""
    return [cell_text(grid.value(row, c)) if isinstance(grid.value(row, c), str) else "" for c in range(1, width + 1)]


def _all_texts(grid: SheetGrid, row: int, width: int) -> list[str]:
    return [cell_text(grid.value(row, c)) for c in range(1, width + 1)]


def _labels_single(texts: list[str], allowed: tuple[str, ...]) -> dict[int, tuple[str, str]]:
    found: dict[int, tuple[str, str]] = {}
    for column, text in enumerate(texts, start=1):
        name = match_field(text, allowed) if text else None
        if name:
            found[column] = (name, text)
    return found


def _labels_pair(top: list[str], sub: list[str], allowed: tuple[str, ...]) -> dict[int, tuple[str, str]]:
    """Fields of a two-row header; an empty top cell continues the merged cell on its left."""
    found: dict[int, tuple[str, str]] = {}
    parent = ""
    for column in range(1, len(top) + 1):
        upper, lower = top[column - 1], sub[column - 1] if column <= len(sub) else ""
        if upper:
            parent = upper
        elif not lower:
            parent = ""
        owner = upper or parent
        if not lower:
            name = match_field(upper, allowed) if upper else None
            label = upper
        else:
            parent_field = match_field(owner, allowed) if owner else None
            sub_key = header_key(lower)
            if parent_field in ("birth", "gender") and sub_key in ("nam", "nu"):
                name = f"{parent_field}_{'male' if sub_key == 'nam' else 'female'}"
            else:
                name = match_field(lower, allowed) or parent_field
            label = f"{owner} / {lower}" if owner and owner != lower else lower
        if name:
            found[column] = (name, label)
    return found


def _dedupe(found: dict[int, tuple[str, str]]) -> dict[str, int]:
    """Field → leftmost column; "Tên đơn vị" names the nominee when no other column does, else the unit."""
    columns: dict[str, int] = {}
    for column in sorted(found):
        columns.setdefault(found[column][0], column)
    unit_name = columns.pop("unit_name", None)
    if unit_name is not None:
        columns.setdefault("name" if "name" not in columns else "unit", unit_name)
    return columns


def _score(columns: dict[str, int]) -> int:
    return len([f for f in columns if f != "stt"]) if "name" in columns else 0


def detect_sheet(grid: SheetGrid, allowed: tuple[str, ...] = DECISION_FIELDS, scan_rows: int = 30
                 ) -> SheetMapping | None:
    """The best header row (or pair of rows) among the first ``scan_rows`` rows, or None."""
    width = max(grid.column_count, 1)
    texts = [_row_texts(grid, r, width) for r in range(1, min(grid.row_count, scan_rows) + 1)]
    best: tuple[int, int, int, dict[int, tuple[str, str]]] | None = None  # score, -row, rows, found
    for index, row_texts in enumerate(texts, start=1):
        single = _labels_single(row_texts, allowed)
        candidates = [(single, index, 1)]
        if index < len(texts) and _could_be_subheader(_all_texts(grid, index + 1, width)):
            candidates.append((_labels_pair(row_texts, texts[index], allowed), index + 1, 2))
        for found, last_row, height in candidates:
            score = _score(_dedupe(found))
            if score and (best is None or score > best[0]):
                best = (score, last_row, height, found)
    if best is None or best[0] < 1:
        return None
    _score_value, last_row, height, found = best
    columns = _dedupe(found)
    headers = _header_labels(texts, last_row, height, width)
    for column, (_name, label) in found.items():
        headers[column] = label
    first = last_row + 1
    while first <= grid.row_count and _is_numbering_row(_all_texts(grid, first, width)):
        first += 1
    return SheetMapping(sheet=grid.title, header_row=last_row, first_data_row=first, columns=columns,
                        headers=headers, subject=subject_from_text(grid.title))


def _header_labels(texts: list[list[str]], last_row: int, height: int, width: int) -> dict[int, str]:
    labels: dict[int, str] = {}
    for column in range(1, width + 1):
        parts = [texts[r - 1][column - 1] for r in range(last_row - height + 1, last_row + 1)
                 if column <= len(texts[r - 1]) and texts[r - 1][column - 1]]
        if parts:
            labels[column] = " / ".join(parts)
    return labels


def subject_from_text(text: str) -> str | None:
    """The kind of subject a sheet name or a section title names (cá nhân / tập thể / hộ gia đình)."""
    key = fold(text)
    hits = [s for s, word in (("ho_gia_dinh", "ho gia dinh"), ("tap_the", "tap the"), ("ca_nhan", "ca nhan"))
            if re.search(rf"\b{word}\b", key)]
    return hits[0] if len(hits) == 1 else None


def detect_mapping(source: SourceWorkbook, allowed: tuple[str, ...] = DECISION_FIELDS,
                   scan_rows: int = 30) -> tuple[ColumnMapping, list[str]]:
    """Detect every sheet's mapping; return it with the titles of sheets that have no header."""
    sheets: list[SheetMapping] = []
    skipped: list[str] = []
    for grid in source.sheets:
        mapping = detect_sheet(grid, allowed, scan_rows) if grid.rows else None
        if mapping is None:
            skipped.append(grid.title)
            continue
        mapping.include = not grid.hidden
        sheets.append(mapping)
    return ColumnMapping(sheets=sheets), skipped
