"""Namesakes: two rows of one list naming people with the same name and birth year in the same unit.

A 10.000-person list has several such pairs, and they may be one person proposed for two forms or two
different people. Rows that agree on everything that tells people apart (birth date, gender, position,
management role) are the same person: with the same form that is a true repeat (an error, as before); with
another form, one person proposed twice. Rows that differ in any of these are a :class:`NamesakeQuestion` —
"same person or two people?" — shown with both rows side by side; the answer (``same`` / ``different``) is
given back to the preview and kept in the import's audit row. Until every question is answered the import
is not stored.

Plain data, no database and no Qt: the command line lists the questions, the window shows them in a dialog.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from emulation_desk.core.text import fold, format_date
from emulation_desk.exchange.errors import SheetProblem, problem
from emulation_desk.exchange.interpret import Entry
from emulation_desk.exchange.plan import Nominee, UnitRef

SAME, DIFFERENT = "same", "different"
ANSWER_WORDS = {"same": SAME, "cung": SAME, "1": SAME, "mot": SAME, "mot nguoi": SAME, "cung mot nguoi": SAME,
                "different": DIFFERENT, "khac": DIFFERENT, "2": DIFFERENT, "hai": DIFFERENT, "hai nguoi": DIFFERENT,
                "khac nhau": DIFFERENT, "hai nguoi khac nhau": DIFFERENT}
ANSWER_LABELS = {SAME: "Cùng một người", DIFFERENT: "Hai người khác nhau"}
_FIELDS = (("birth", "Ngày/năm sinh"), ("gender", "Giới tính"), ("position", "Chức vụ"),
           ("is_manager", "Lãnh đạo quản lý"), ("unit", "Đơn vị"), ("form", "Hình thức"),
           ("achievement", "Thành tích"))
_IDENTITY = ("birth", "gender", "position", "is_manager")


def normalise_answer(text: str) -> str | None:
    """``same`` or ``different`` from an answer as typed ("khác", "cùng", "2"…), or None."""
    return ANSWER_WORDS.get(fold(str(text)).strip())


def _shown(entry: Entry, name: str, form_names: Mapping[str, str]) -> str:
    if name == "birth":
        return format_date(entry.birth_date) if entry.birth_date else str(entry.birth_year or "")
    if name == "gender":
        return {"nam": "Nam", "nu": "Nữ"}.get(entry.gender or "", "")
    if name == "is_manager":
        return "" if entry.is_manager is None else "Có" if entry.is_manager else "Không"
    if name == "unit":
        return entry.unit_text
    if name == "form":
        return form_names.get(entry.form_code, entry.form_code)
    return str(getattr(entry, name) or "")


def differences(first: Entry, second: Entry) -> list[str]:
    """The identity fields (labels) in which two rows naming the same record differ."""
    found = []
    for name, label in _FIELDS:
        if name in _IDENTITY and fold(_shown(first, name, {})) != fold(_shown(second, name, {})):
            found.append(label)
    return found


@dataclass
class NamesakeQuestion:
    """"Same person or two people?" for a later row against the first row naming the same record."""

    id: str  # "<sheet>!<row>" of the later row
    name: str
    birth_year: int | None
    first: Entry
    second: Entry
    differences: list[str]
    sides: list[tuple[str, str, str]] = field(default_factory=list)  # (label, first row, later row)
    answer: str | None = None

    def text(self) -> str:
        born = f", năm sinh {self.birth_year}" if self.birth_year else ""
        return (f"Dòng {self.first.row} và dòng {self.second.row} cùng họ tên «{self.name}»{born} nhưng khác "
                f"{', '.join(d.lower() for d in self.differences)}: cùng một người hay hai người khác nhau?")

    def as_problem(self) -> SheetProblem:
        return problem(self.text() + " Hãy trả lời câu hỏi này trước khi nhập.", sheet=self.second.sheet,
                       row=self.second.row, column=self.second.columns.get("name", ""), value=self.name)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "birth_year": self.birth_year, "sheet": self.second.sheet,
                "rows": [self.first.row, self.second.row], "differences": self.differences,
                "sides": [list(s) for s in self.sides], "question": self.text(), "answer": self.answer,
                "choices": ANSWER_LABELS}


@dataclass
class _Person:
    entry: Entry
    nominee: Nominee
    unit: UnitRef | None


class NamesakeResolver:
    """Tells, row by row, which person a row names when several rows name the same record."""

    def __init__(self, directory: Any, answers: Mapping[str, str] | None, form_names: Mapping[str, str]) -> None:
        self.directory, self.form_names = directory, form_names
        self.answers = {key: normalise_answer(value) for key, value in (answers or {}).items()}
        self.groups: dict[tuple[str, str], list[_Person]] = {}
        self.questions: list[NamesakeQuestion] = []

    def answer_for(self, question_id: str, sheet: str, row: int) -> str | None:
        if question_id in self.answers:
            return self.answers[question_id]
        short = [v for k, v in self.answers.items() if k == str(row)]
        return short[0] if short else None

    def resolve(self, entry: Entry, nominee: Nominee, unit: UnitRef | None
                ) -> tuple[Nominee, UnitRef | None] | None:
        """The nominee this row names; None while its question has no answer."""
        if entry.subject != "ca_nhan":
            return nominee, unit
        group = self.groups.setdefault(nominee.key(), [])
        if not group:
            group.append(_Person(entry, nominee, unit))
            return nominee, unit
        for person in group:
            if not differences(person.entry, entry):
                return person.nominee, person.unit
        first = group[0]
        question = self._ask(first.entry, entry)
        if question.answer is None:
            return None
        if question.answer == SAME:
            return first.nominee, first.unit
        other = self.directory.distinct_person(entry, unit)
        group.append(_Person(entry, other, unit))
        return other, unit

    def _ask(self, first: Entry, second: Entry) -> NamesakeQuestion:
        question_id = f"{second.sheet}!{second.row}"
        sides = [("Dòng", str(first.row), str(second.row)), ("Họ và tên", first.name, second.name)]
        sides += [(label, _shown(first, name, self.form_names), _shown(second, name, self.form_names))
                  for name, label in _FIELDS]
        question = NamesakeQuestion(id=question_id, name=second.name, birth_year=second.birth_year, first=first,
                                    second=second, differences=differences(first, second), sides=sides,
                                    answer=self.answer_for(question_id, second.sheet, second.row))
        self.questions.append(question)
        return question
