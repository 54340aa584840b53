"""The data rows of a mapped sheet: past the title block, through section rows ("I. Tập thể", "II. Cá
nhân", "1. Phòng Nội vụ", "Danh hiệu Lao động tiên tiến"), up to the signature block.

Rows that are part of the printed form, not data, are recognised and skipped, and said once per kind
(:class:`SkippedRows`): column-number rows ("(1) (2) …", "1 2 3 …", "A B C …"), the header repeated at the
top of each printed page, subtotal and total rows ("Cộng: 25 người", "Tổng cộng"), notes rows ("Ghi chú: …")
and the signature block at the foot ("Người lập biểu", "THỦ TRƯỞNG ĐƠN VỊ", "…, ngày … tháng … năm …").

Nothing here touches the database; what a section row names (a form, a unit, a decision) is recognised
through the :class:`SectionHints` the caller hands in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from openpyxl.utils import get_column_letter

from emulation_desk.core.text import fold
from emulation_desk.exchange.errors import SheetProblem, problem
from emulation_desk.exchange.headers import SheetMapping, header_key, is_numbering_row, subject_from_text
from emulation_desk.exchange.reader import Formula, SheetGrid, cell_text

_ROMAN_OR_LETTER = re.compile(r"([ivxlc]+|[a-zđ])")
_SECTION_PREFIX = re.compile(r"^(phan\s+)?([ivxlc]+|[a-z]|\d{1,2})\s*[.)/-]\s*")
_TOTALS = re.compile(r"^(tong cong|tong so|tong|cong|cong so)(\s*[:.]|\s+\d|\s+[ivx]+\b|\s+(phan|muc|nhom)\s|\s*$)")
_NOTES = re.compile(r"^[(*\s]*(ghi chu|chu thich|luu y|chu y)\s*[*)]?\s*(:|$)")
SKIP_LABELS = {
    "numbering": "dòng đánh số cột ((1), (2)… hoặc 1, 2, 3… hoặc A, B, C…)",
    "header": "dòng tiêu đề cột lặp lại (ở đầu mỗi trang in)",
    "subtotal": "dòng cộng, tổng cộng",
    "notes": "dòng ghi chú",
    "signature": "phần ký tên, ngày tháng ở cuối danh sách",
}
_SIGNATURE = re.compile(
    r"^(nguoi lap|nguoi lap bieu|nguoi lap danh sach|thu truong|xac nhan|ky ten|\(?ky,? ghi ro|\(ky|giam doc|"
    r"hieu truong|tm\.? |kt\.? |t/m |noi nhan|an dinh danh sach|danh sach (nay )?co \d+)")
_PLACE_DATE = re.compile(r"(^|, )ngay \S* ?thang \S* ?nam")


class SectionHints(Protocol):
    """What the caller knows about the names a section row may carry."""

    def form_in(self, text: str) -> str | None: ...

    def is_unit(self, text: str) -> bool: ...

    def decision_in(self, text: str) -> Any: ...


class NoHints:
    def form_in(self, text: str) -> str | None:
        return None

    def is_unit(self, text: str) -> bool:
        return False

    def decision_in(self, text: str) -> Any:
        return None


@dataclass
class RawRecord:
    """One data row: the mapped cells (field → (column letter, raw value)) and its section's context."""

    sheet: str
    row: int
    cells: dict[str, tuple[str, Any]]
    subject: str | None = None
    section_form: str | None = None
    section_unit: str | None = None
    section_decision: Any = None  # a DecisionHeader named by a section row

    def value(self, name: str) -> Any:
        cell = self.cells.get(name)
        return None if cell is None else cell[1]

    def column(self, name: str) -> str:
        cell = self.cells.get(name)
        return "" if cell is None else cell[0]


@dataclass(frozen=True)
class SkippedRows:
    """Rows of one kind (a key of :data:`SKIP_LABELS`) that a sheet holds and the import skips."""

    sheet: str
    kind: str
    rows: tuple[int, ...]

    def line(self) -> str:
        shown = ", ".join(str(r) for r in self.rows[:8]) + (", …" if len(self.rows) > 8 else "")
        if self.kind == "signature":
            return f"Trang “{self.sheet}”: bỏ qua {SKIP_LABELS[self.kind]} (từ dòng {self.rows[0]})."
        return f"Trang “{self.sheet}”: bỏ qua {len(self.rows)} {SKIP_LABELS[self.kind]} (dòng {shown})."

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "kind": self.kind, "label": SKIP_LABELS[self.kind], "rows": list(self.rows),
                "text": self.line()}


@dataclass
class SheetRecords:
    sheet: str
    title_lines: list[str]
    records: list[RawRecord] = field(default_factory=list)
    warnings: list[SheetProblem] = field(default_factory=list)
    skipped: dict[str, list[int]] = field(default_factory=dict)  # kind → rows, in order

    def skipped_rows(self) -> list[SkippedRows]:
        return [SkippedRows(self.sheet, kind, tuple(rows)) for kind, rows in self.skipped.items() if rows]


def _stt_is_number(value: Any) -> bool:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    if isinstance(value, Formula):
        return True  # "=A7+1" numbering: never evaluated, but it marks a data row
    return isinstance(value, str) and value.strip().rstrip(".").isdigit()


def _stt_is_section(value: Any) -> bool:
    return isinstance(value, str) and bool(_ROMAN_OR_LETTER.fullmatch(fold(value).strip().rstrip(".)")))


def title_lines(grid: SheetGrid, header_row: int) -> list[str]:
    lines = []
    for row in range(1, header_row):
        texts = [cell_text(v) for v in grid.rows[row - 1] if isinstance(v, str)] if row <= grid.row_count else []
        lines.extend(t for t in texts if t)
    return lines


class _Walker:
    """Walks the rows of one sheet keeping the section context."""

    def __init__(self, grid: SheetGrid, mapping: SheetMapping, hints: SectionHints) -> None:
        self.grid, self.mapping, self.hints = grid, mapping, hints
        self.subject = mapping.subject
        self.form: str | None = None
        self.unit: str | None = None
        self.decision: Any = None
        self.header_keys = [self._keys(r) for r in (mapping.header_row - 1, mapping.header_row) if r >= 1]

    def _keys(self, row: int) -> dict[int, str]:
        cells = self.grid.rows[row - 1] if row <= self.grid.row_count else ()
        return {c: header_key(v) for c, v in enumerate(cells, start=1) if isinstance(v, str) and header_key(v)}

    def skip_kind(self, row: int, cells: tuple[Any, ...], stt: Any) -> str | None:
        """The kind of a row of the printed form that is not data (numbering, repeated header, subtotal,
        notes), or None."""
        if is_numbering_row([cell_text(v) for v in cells], ordered=True):
            return "numbering"
        if _stt_is_number(stt):
            return None
        texts = self.texts(cells)
        if texts and _NOTES.match(texts[0]):
            return "notes"
        if texts and _TOTALS.match(texts[0]):
            return "subtotal"
        keys = self._keys(row)
        for header in self.header_keys:
            same = sum(1 for c, k in keys.items() if header.get(c) == k)
            if same >= 2 and same * 5 >= len(keys) * 3:
                return "header"
        return None

    def texts(self, cells: tuple[Any, ...]) -> list[str]:
        return [fold(cell_text(v)) for v in cells if isinstance(v, str) and v.strip()]

    def _two_data_cells(self, cells: tuple[Any, ...], stt: Any) -> bool:
        """Two filled cells, neither in the STT column, one the name: a data row whose number Word's
        automatic numbering kept out of the text (a section row has its label alone, or with its number)."""
        stt_column, name_column = self.mapping.columns.get("stt"), self.mapping.columns.get("name")
        columns = {c for c, v in enumerate(cells, start=1) if v is not None}
        mapped = set(self.mapping.columns.values())
        return stt is None and name_column in columns and stt_column not in columns and columns <= mapped

    def is_footer(self, cells: tuple[Any, ...], stt: Any, name: Any) -> bool:
        """A signature block or a place-and-date line (never a numbered row, never a plain name)."""
        if _stt_is_number(stt):
            return False
        if isinstance(name, str) and name.strip() and not _SIGNATURE.match(fold(name)):
            return False
        return any(_SIGNATURE.match(t) or _PLACE_DATE.search(t) for t in self.texts(cells)[:3])

    def section(self, cells: tuple[Any, ...], stt: Any) -> str | None:
        """Apply a section row's meaning: "known", "unknown" (a numbered heading) or None for data."""
        filled = [v for v in cells if v is not None]
        if _stt_is_number(stt) or len(filled) > 2 or not filled:
            return None
        if len(filled) == 2 and self._two_data_cells(cells, stt):
            return None
        label = " ".join(cell_text(v) for v in filled if isinstance(v, str) and not _stt_is_section(v))
        if not label:
            return None
        key = fold(label)
        prefixed = _stt_is_section(stt) or bool(_SECTION_PREFIX.match(key))
        body = _SECTION_PREFIX.sub("", key)
        decision = self.hints.decision_in(label)
        subject = subject_from_text(body)
        form = self.hints.form_in(label)
        is_unit = (self.subject in (None, "ca_nhan") and subject is None and form is None
                   and self.hints.is_unit(_SECTION_PREFIX.sub("", label.strip())))
        if decision is not None:  # a new decision starts afresh
            self.decision = decision
            self.form, self.unit, self.subject = None, None, self.mapping.subject
        if subject is not None:
            self.subject, self.unit = subject, None
        if form is not None:
            self.form = form
        if is_unit:
            self.unit = re.sub(r"^\s*(\d{1,2}|[a-zA-Z])\s*[.)/-]\s*", "", label.strip())
        if decision or subject or form or is_unit:
            return "known"
        return "unknown" if prefixed else None


def extract_records(grid: SheetGrid, mapping: SheetMapping, hints: SectionHints | None = None) -> SheetRecords:
    """The data rows of a sheet under a mapping, with the context of the section rows above them."""
    walker = _Walker(grid, mapping, hints or NoHints())
    result = SheetRecords(sheet=grid.title, title_lines=title_lines(grid, mapping.header_row))
    stt_column = mapping.columns.get("stt")
    numbering = list(range(mapping.header_row + 1, mapping.first_data_row))  # passed over by the header search
    if numbering:
        result.skipped["numbering"] = numbering
    letters = [(name, column, get_column_letter(column)) for name, column in mapping.columns.items() if name != "stt"]
    for row in range(mapping.first_data_row, grid.row_count + 1):
        cells = grid.rows[row - 1]
        if not any(v is not None for v in cells):
            continue
        stt = grid.value(row, stt_column) if stt_column else None
        name_column = mapping.columns.get("name")
        if walker.is_footer(cells, stt, grid.value(row, name_column) if name_column else None):
            result.skipped.setdefault("signature", []).append(row)
            break
        kind = walker.skip_kind(row, cells, stt)
        if kind is not None:
            result.skipped.setdefault(kind, []).append(row)
            continue
        section = walker.section(cells, stt)
        if section == "unknown":
            result.warnings.append(problem("Dòng tiêu đề nhóm không rõ nghĩa (không phải cá nhân/tập thể, hình "
                                           "thức hay đơn vị) nên được bỏ qua.", sheet=grid.title, row=row,
                                           value=" ".join(cell_text(v) for v in cells if v is not None)))
        if section:
            continue
        mapped = {name: (letter, grid.value(row, column)) for name, column, letter in letters}
        if all(value is None for _letter, value in mapped.values()):
            if any(v is not None for c, v in enumerate(cells, start=1) if c != stt_column):
                result.warnings.append(problem("Dòng có dữ liệu nằm ngoài các cột đã chọn nên được bỏ qua. Nếu "
                                               "đây là dữ liệu cần nhập, hãy chọn lại cột cho đúng.",
                                               sheet=grid.title, row=row))
            continue
        result.records.append(RawRecord(sheet=grid.title, row=row, cells=mapped, subject=walker.subject,
                                        section_form=walker.form, section_unit=walker.unit,
                                        section_decision=walker.decision))
    return result
