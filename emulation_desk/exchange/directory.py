"""Matching the people, units and households a file names to existing records, by folded name, birth
year and unit, over rows the caller fetched (no SQL here). What matches nothing becomes a record to create,
once per import however often it is named; what matches several records is a problem, never a guess."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Any

from emulation_desk.core.text import clean_text, fold
from emulation_desk.exchange.catalog_match import FormResolver
from emulation_desk.exchange.interpret import DecisionHeader, Entry, parse_decision_text
from emulation_desk.exchange.plan import (
    ImportPreview,
    MatchLine,
    NewHousehold,
    NewLine,
    NewPerson,
    NewUnit,
    Nominee,
    UnitRef,
)
from emulation_desk.exchange.values import CellIssue

_DASHES = re.compile(r"\s*[-–—]\s*")
_UBND = re.compile(r"^(ubnd|uy ban nhan dan)\s+")
_UNIT_WORDS = re.compile(r"\s(?=(Phòng|Trường|UBND|Ủy ban|Hội|Ban|Trung tâm|Công an|Đội|Chi cục|Tổ dân phố|Thôn|"
                         r"Phường|Xã|Văn phòng|Thanh tra|Đảng ủy|Đoàn|Liên đoàn|Bệnh viện|Trạm|Công ty)\b)")


@lru_cache(maxsize=8192)
def unit_key(text: str) -> str:
    """Folded unit name with dashes unified and the "UBND"/"Ủy ban nhân dân" prefix dropped."""
    return _UBND.sub("", _DASHES.sub(" - ", fold(text)).strip())


def _valid_in(row: dict[str, Any], year: int | None) -> bool:
    if year is None:
        return row.get("valid_to") is None
    return (row.get("valid_from") or "0000") <= f"{year}-12-31" and (row.get("valid_to") or "9999") >= f"{year}-01-01"


class Directory:
    """Indexes of units, people and households, and the records an import will create."""

    def __init__(self, units: list[dict[str, Any]], people: list[dict[str, Any]],
                 households: list[dict[str, Any]], *, year: int | None = None) -> None:
        self.year = year
        self.units = {u["id"]: u for u in units}
        self.units_by_key: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for unit in units:
            self.units_by_key[unit_key(unit["name"])].append(unit)
        self.suffixes: dict[str, list[str]] = defaultdict(list)
        for key in self.units_by_key:
            if key:
                self.suffixes[key.split()[-1]].append(key)
        for keys in self.suffixes.values():
            keys.sort(key=len, reverse=True)
        self.people: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.add_people(people)
        self.households: dict[tuple[str, str | None], list[dict[str, Any]]] = defaultdict(list)
        for household in households:
            self.households[(household["name_key"], household["unit_id"])].append(household)
        self._splits: dict[str, tuple[str, str]] = {}
        self.new_units: dict[str, NewUnit] = {}
        self.new_people: dict[tuple[str, int | None, str], NewPerson] = {}
        self.new_households: dict[tuple[str, str], NewHousehold] = {}

    def add_people(self, people: list[dict[str, Any]]) -> None:
        """Index people by folded name (the caller may load only the names a file holds)."""
        for person in people:
            self.people[person["name_key"]].append(person)

    # ------------------------------------------------------------------ units
    def find_units(self, text: str) -> list[dict[str, Any]]:
        candidates = self.units_by_key.get(unit_key(text), [])
        current = [u for u in candidates if _valid_in(u, self.year)]
        return current or candidates

    def is_unit(self, text: str) -> bool:
        return bool(text) and bool(self.units_by_key.get(unit_key(text)))

    def unit_ref(self, text: str, *, parent_id: str | None, sheet: str, row: int) -> UnitRef:
        """The unit a text names, or one to create; CellIssue when several units share the name."""
        name = clean_text(text)
        found = self.find_units(name)
        if len(found) > 1 and parent_id:
            found = [u for u in found if u.get("parent_id") == parent_id] or found
        if len(found) == 1:
            return UnitRef(id=found[0]["id"], name=found[0]["name"])
        if len(found) > 1:
            raise CellIssue(f"Có {len(found)} đơn vị cùng tên «{name}» trong dữ liệu; hãy ghi tên đầy đủ hơn "
                            "(hoặc kết thúc hoạt động đơn vị cũ) rồi nhập lại.")
        key = unit_key(name)
        new = self.new_units.get(key)
        if new is None:
            new = self.new_units[key] = NewUnit(key=key, name=name, parent_id=parent_id, sheet=sheet, row=row)
        return UnitRef(new=new, name=new.name)

    def split_position_unit(self, text: str) -> tuple[str, str]:
        """"Phó Trưởng phòng, Phòng Nội vụ" → ("Phó Trưởng phòng", "Phòng Nội vụ"), known units first."""
        found = self._splits.get(text)
        if found is None:
            found = self._splits[text] = self._split(text)
        return found

    def _split(self, text: str) -> tuple[str, str]:
        cleaned = clean_text(text)
        folded = fold(cleaned)
        if len(folded) == len(cleaned) and folded:
            for key in self.suffixes.get(folded.split()[-1], []):
                for candidate in (key, f"ubnd {key}", f"uy ban nhan dan {key}"):
                    start = len(folded) - len(candidate)
                    if folded.endswith(candidate) and (start == 0 or folded[start - 1] in " ,(-"):
                        return cleaned[:start].rstrip(" ,(-–"), cleaned[start:]
        if "," in cleaned:
            head, tail = cleaned.rsplit(",", 1)
            if head.strip() and tail.strip():
                return head.strip(), tail.strip()
        match = _UNIT_WORDS.search(cleaned)
        if match:
            return cleaned[:match.start()].strip(), cleaned[match.end():].strip()
        return cleaned, ""

    # ------------------------------------------------------------------ nominees
    def nominee(self, entry: Entry, proposing_id: str | None, proposing_name: str
                ) -> tuple[Nominee, UnitRef | None, str | None]:
        """Who a line names, the unit it names (its own column, else the proposing unit) and a warning."""
        unit: UnitRef | None = None
        if entry.unit_text:
            unit = self.unit_ref(entry.unit_text, parent_id=proposing_id, sheet=entry.sheet, row=entry.row)
        elif proposing_id:
            unit = UnitRef(id=proposing_id, name=proposing_name)
        if entry.subject == "ca_nhan":
            person, warning = self.person(entry, unit)
            return person, unit, warning
        if entry.subject == "tap_the":
            parent = unit.id if unit and entry.unit_text else proposing_id
            return self.collective(entry, parent), unit, None
        return self.household(entry, unit), unit, None

    def fill(self, preview: ImportPreview) -> None:
        """Put the matched lines and the records to create into the preview."""
        for item in preview.items:
            if item.nominee.id:
                born = f" ({item.entry.birth_year})" if item.entry.birth_year else ""
                preview.matches.append(MatchLine(item.entry.sheet, item.entry.row, item.nominee.subject,
                                                 f"{item.entry.name}{born}", item.nominee.label))
        preview.new_units = list(self.new_units.values())
        preview.new_people = list(self.new_people.values())
        preview.new_households = list(self.new_households.values())
        for unit in preview.new_units:
            preview.new_records.append(NewLine("Đơn vị/tập thể", unit.name, unit.sheet, unit.row))
        for person in preview.new_people:
            preview.new_records.append(NewLine("Cá nhân", _new_person_label(person), person.sheet, person.row))
        for household in preview.new_households:
            preview.new_records.append(NewLine("Hộ gia đình", household.head_name, household.sheet, household.row))

    def person(self, entry: Entry, unit: UnitRef | None) -> tuple[Nominee, str | None]:
        """The person a line names (existing or to create) and a warning for the preview, if any."""
        key = fold(entry.name)
        unit_id = unit.id if unit else None
        candidates = self.people.get(key, []) if unit is None or unit.new is None else []
        by = entry.birth_year
        same_year = [p for p in candidates if by is None or p["birth_year"] == by]
        exact = [p for p in same_year if p["unit_id"] == unit_id]
        if not exact:
            exact = [p for p in candidates if p["unit_id"] == unit_id and p["birth_year"] is None] + \
                    [p for p in same_year if p["unit_id"] is None and by is not None]
        if len(exact) > 1:
            raise CellIssue(f"Có {len(exact)} người cùng họ tên «{entry.name}»"
                            + ("" if by is None else f", năm sinh {by}") + " trong cùng đơn vị. "
                            + ("Hãy ghi năm sinh để phân biệt." if by is None else "Hãy kiểm tra lại dữ liệu."))
        if exact:
            person = exact[0]
            warning = None
            if entry.gender and person.get("gender") and entry.gender != person["gender"]:
                warning = f"Giới tính trong tệp khác với hồ sơ của {person['full_name']}; hồ sơ được giữ nguyên."
            return Nominee("ca_nhan", id=person["id"], label=_person_label(person, self.units), details=person), warning
        warning = None
        elsewhere = [p for p in same_year if p["unit_id"] != unit_id] if by is not None else []
        if elsewhere:
            where = self.units.get(elsewhere[0]["unit_id"] or "", {}).get("name", "không rõ đơn vị")
            warning = (f"Đã có người cùng họ tên, năm sinh ở đơn vị khác ({where}); dòng này được tạo thành người "
                       "mới. Nếu là cùng một người đã chuyển đơn vị, hãy sửa đơn vị trong tệp.")
        new_key = (key, by, unit_key(unit.name) if unit else "")
        new = self.new_people.get(new_key)
        if new is None:
            new = self.new_people[new_key] = NewPerson(
                key=new_key, full_name=clean_text(entry.name), gender=entry.gender, birth_year=by,
                birth_date=entry.birth_date, unit=unit, position=entry.position, is_manager=entry.is_manager,
                sheet=entry.sheet, row=entry.row)
        return Nominee("ca_nhan", new=new, label=_new_person_label(new)), warning

    def distinct_person(self, entry: Entry, unit: UnitRef | None) -> Nominee:
        """A new person for a row the clerk said names someone else than a namesake with the same name, birth
        year and unit (its own key: it is never merged with another row)."""
        key = (fold(entry.name), entry.birth_year, f"{unit_key(unit.name) if unit else ''}#{entry.sheet}!{entry.row}")
        new = self.new_people[key] = NewPerson(
            key=key, full_name=clean_text(entry.name), gender=entry.gender, birth_year=entry.birth_year,
            birth_date=entry.birth_date, unit=unit, position=entry.position, is_manager=entry.is_manager,
            sheet=entry.sheet, row=entry.row)
        return Nominee("ca_nhan", new=new, label=_new_person_label(new))

    def collective(self, entry: Entry, parent_id: str | None) -> Nominee:
        ref = self.unit_ref(entry.name, parent_id=parent_id, sheet=entry.sheet, row=entry.row)
        return Nominee("tap_the", id=ref.id, new=ref.new, label=ref.name)

    def household(self, entry: Entry, unit: UnitRef | None) -> Nominee:
        key = fold(entry.name)
        unit_id = unit.id if unit else None
        found = self.households.get((key, unit_id), []) if unit is None or unit.new is None else []
        if len(found) > 1:
            raise CellIssue(f"Có {len(found)} hộ cùng tên chủ hộ «{entry.name}» trong cùng đơn vị; hãy kiểm tra lại.")
        if found:
            return Nominee("ho_gia_dinh", id=found[0]["id"], label=f"Hộ {found[0]['head_name']}")
        new_key = (key, unit_key(unit.name) if unit else "")
        new = self.new_households.get(new_key)
        if new is None:
            new = self.new_households[new_key] = NewHousehold(
                key=new_key, head_name=clean_text(entry.name), address=entry.address, unit=unit,
                sheet=entry.sheet, row=entry.row)
        return Nominee("ho_gia_dinh", new=new, label=f"Hộ {new.head_name}")


def _person_label(person: dict[str, Any], units: dict[str, dict[str, Any]]) -> str:
    unit = units.get(person.get("unit_id") or "", {}).get("name", "")
    year = f" ({person['birth_year']})" if person.get("birth_year") else ""
    return f"{person['full_name']}{year}" + (f" – {unit}" if unit else "")


def _new_person_label(person: NewPerson) -> str:
    year = f" ({person.birth_year})" if person.birth_year else ""
    unit = f" – {person.unit.name}" if person.unit else ""
    return f"{person.full_name}{year}{unit}"


_LEVEL_PATTERNS = (("thu_tuong", r"thu tuong|\bttg\b"), ("chu_tich_nuoc", r"chu tich nuoc|\bctn\b"),
                   ("tinh", r"\btinh\b"), ("bo", r"\bbo\b|trung uong|tong cuc"))


def issuer_level(header: DecisionHeader, own_keys: set[str], known: dict[str, str], labels: dict[str, str]
                 ) -> str | None:
    """The issuer level of a decision: as written (a label of ``labels``), as recorded for the same issuer
    (``known``: folded name → level), the office's own (``own_keys``: folded names of the office), or read
    from the issuer's name and symbol ("Thủ tướng", "QĐ-TTg", "tỉnh", "Bộ"…); None when it cannot be told."""
    if header.issuer_level:
        written = fold(header.issuer_level)
        for code, label in labels.items():
            if written in (fold(label), code.replace("_", " ")) or fold(label).startswith(written):
                return code
        return None
    issuer = fold(header.issuer_name)
    if issuer in known:
        return known[issuer]
    if any(k and k in unit_key(issuer) for k in own_keys):
        return "don_vi"
    for code, pattern in _LEVEL_PATTERNS:
        if re.search(pattern, f"{issuer} {header.symbol.lower()}"):
            return code
    return None


class DirectoryHints:
    """What section rows may name (a form, a known unit, a decision), for :func:`rows.extract_records`."""

    def __init__(self, forms: FormResolver, directory: Directory, year: int | None, decisions: bool) -> None:
        self.forms, self.directory, self.year, self.decisions = forms, directory, year, decisions

    def form_in(self, text: str) -> str | None:
        return self.forms.find_in(text, year=self.year)

    def is_unit(self, text: str) -> bool:
        return self.directory.is_unit(text)

    def decision_in(self, text: str) -> DecisionHeader | None:
        return parse_decision_text(text) if self.decisions else None
