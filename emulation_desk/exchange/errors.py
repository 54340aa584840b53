"""Typed spreadsheet errors: every problem names its place (sheet, row, column, value) and says why in
Vietnamese, so that the clerk can find the cell and fix it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from emulation_desk.errors import KnownError

_VALUE_PREVIEW = 60  # characters of an offending value shown in a message (the cell itself is never cut)


def preview_value(value: object) -> str:
    """A short, one-line rendering of a cell value for messages (long text is elided, never stored)."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    if len(text) > _VALUE_PREVIEW:
        return f"{text[:_VALUE_PREVIEW - 1]}… ({len(str(value)):,} ký tự)".replace(",", ".")
    return text


@dataclass(frozen=True)
class SheetProblem:
    """One problem of a spreadsheet: where it is and what is wrong (Vietnamese)."""

    sheet: str
    row: int | None
    column: str
    value: str
    reason: str

    def place(self) -> str:
        parts = []
        if self.sheet:
            parts.append(f"Trang “{self.sheet}”")
        if self.row:
            parts.append(f"dòng {self.row}")
        if self.column:
            parts.append(f"cột {self.column}")
        return ", ".join(parts)

    def line(self) -> str:
        """One printable line: place, value, reason (a problem of the whole file is just its reason)."""
        value = f" «{self.value}»" if self.value else ""
        head = f"{self.place()}{value}".strip()
        return f"{head}: {self.reason}" if head else self.reason

    def as_dict(self) -> dict[str, object]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "value": self.value,
                "reason": self.reason}


def problem(reason: str, *, sheet: str = "", row: int | None = None, column: str = "",
            value: object = None) -> SheetProblem:
    return SheetProblem(sheet=sheet, row=row, column=column, value=preview_value(value), reason=reason)


class SpreadsheetError(KnownError):
    """A spreadsheet that cannot be used; ``problems`` lists every place that is wrong."""

    def __init__(self, message: str, problems: Iterable[SheetProblem] = (), *, details: str = "") -> None:
        super().__init__(message, details=details)
        self.problems: list[SheetProblem] = list(problems)


class NotSpreadsheetError(SpreadsheetError):
    """The file is not an Excel .xlsx workbook (wrong extension, another format, renamed file)."""


class EncryptedSpreadsheetError(SpreadsheetError):
    """A password-protected workbook (an encrypted OLE compound file)."""


class DamagedSpreadsheetError(SpreadsheetError):
    """A truncated or corrupt workbook."""


class UnsafeSpreadsheetError(SpreadsheetError):
    """A workbook that exceeds the safety limits (size, zip bomb, XML bomb, claimed rows, huge cells)."""


class ImportRejectedError(SpreadsheetError):
    """The content has problems; nothing was stored."""


class ExportError(SpreadsheetError):
    """A value cannot be written to a spreadsheet without changing it; nothing was written."""


def rejected(problems: list[SheetProblem], what: str = "tệp") -> ImportRejectedError:
    count = len(problems)
    return ImportRejectedError(
        f"Không nhập gì: {what} có {count} lỗi cần sửa. Hãy sửa các ô được nêu trong tệp Excel rồi nhập lại.",
        problems)
