"""Importing unit nomination lists and past decisions (.xlsx, .xls, .docx, pasted rows): a preview first,
then all or nothing.

``read_source`` / ``read_pasted`` (heavy, no database: safe to run off the GUI thread) →
``preview_nominations`` / ``preview_decisions`` (matches, records to create, problems, rows skipped, text
converted, namesake questions; nothing written) → ``commit_import`` (one ``store.transaction()``: every row or
none; ``dry_run=True`` runs the very same writes and rolls back; ``answers`` answers the namesake questions).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from emulation_desk.core.text import fold, format_int, nfc
from emulation_desk.errors import KnownError, ValidationError
from emulation_desk.exchange.catalog_match import FormResolver
from emulation_desk.exchange.directory import Directory, DirectoryHints, issuer_level, unit_key
from emulation_desk.exchange.errors import ImportRejectedError, SheetProblem, problem, rejected
from emulation_desk.exchange.headers import DECISION_FIELDS, NOMINATION_FIELDS, ColumnMapping, detect_mapping
from emulation_desk.exchange.interpret import (
    Context,
    DecisionHeader,
    Entry,
    interpret,
    parse_decision_text,
)
from emulation_desk.exchange.namesakes import NamesakeResolver
from emulation_desk.exchange.paste import read_pasted as _read_pasted
from emulation_desk.exchange.plan import (
    ImportPreview,
    NewLine,
    Nominee,
    PlannedDecision,
    PlannedItem,
    UnitRef,
)
from emulation_desk.exchange.reader import Progress, SourceWorkbook, read_workbook
from emulation_desk.exchange.rows import extract_records
from emulation_desk.exchange.safety import DEFAULT_LIMITS, Limits
from emulation_desk.exchange.template import LISTS_SHEET, mapping_from_marker
from emulation_desk.exchange.values import CellIssue
from emulation_desk.services.awards.achievement import nomination_first
from emulation_desk.services.awards.decisions import (
    ISSUER_LEVELS,
    create_decision,
    get_decision,
    recipient_values,
)
from emulation_desk.services.awards.import_facts import plan_facts, write_facts
from emulation_desk.services.awards.import_managers import plan_managers
from emulation_desk.services.common import Changes, require_year
from emulation_desk.services.maintenance.backup import backup_before
from emulation_desk.services.records.people import person_values
from emulation_desk.services.records.units import add_unit
from emulation_desk.services.workspace import Workspace
from emulation_desk.settings import IMPORT_MAPPING

NOMINATIONS, DECISIONS = "nominations", "decisions"
# commit_import's progress: (done, total, what is being written); it may raise to stop (the import rolls back)
CommitProgress = Callable[[int, int, str], None]
PROGRESS_EVERY = 250  # rows between two progress reports
_YEAR_IN_TITLE = re.compile(r"\bnam (\d{4})\b")
_UNIT_LABEL = re.compile(r"^\s*(tên\s+)?(đơn vị|cơ quan)(\s+đề nghị)?\s*:\s*", re.IGNORECASE)


@dataclass
class ImportResult:
    """What a (possibly dry-run) import stored, or would have stored."""

    preview: ImportPreview
    dry_run: bool
    counts: dict[str, int] = field(default_factory=dict)
    changes: Changes = field(default_factory=Changes)

    def summary(self) -> str:
        verb = "Kiểm tra xong (chưa ghi gì): sẽ nhập" if self.dry_run else "Đã nhập"
        return f"{verb} {counts_text(self.preview.what, self.counts)}."


def counts_text(what: str, counts: dict[str, int]) -> str:
    """"7 đề nghị khen thưởng; tạo mới 1 cá nhân, …; ghi thông tin vào hồ sơ của 3 người/tập thể" for messages
    and the audit log."""
    c = counts
    n = {key: format_int(c.get(key, 0)) for key in ("nominations", "decisions", "recipients", "people", "units",
                                                    "households", "facts")}
    items = (f"{n['nominations']} đề nghị khen thưởng" if what == NOMINATIONS
             else f"{n['decisions']} quyết định với {n['recipients']} người/tập thể được khen")
    facts = f"; ghi thông tin vào hồ sơ của {n['facts']} người/tập thể" if c.get("facts") else ""  # lines with facts
    return (f"{items}; tạo mới {n['people']} cá nhân, {n['units']} đơn vị/tập thể, "
            f"{n['households']} hộ gia đình{facts}")


def read_source(path: Path | str, *, limits: Limits = DEFAULT_LIMITS, progress: Progress | None = None
                ) -> SourceWorkbook:
    """Check and read the file: .xlsx, .xls or .docx (no database access: may run on a worker thread)."""
    return read_workbook(path, limits, progress=progress)


def read_pasted(text: str | None = None, *, html: str | None = None, limits: Limits = DEFAULT_LIMITS
                ) -> SourceWorkbook:
    """Rows copied from Excel or Word (the clipboard's text and, if any, its HTML) as a source to preview."""
    return _read_pasted(text, html=html, limits=limits)


def prepare_mapping(ws: Workspace, source: SourceWorkbook, what: str, *, unit_id: str | None = None
                    ) -> tuple[ColumnMapping, list[SheetProblem]]:
    """The template's own mapping, or the detected one with what was remembered for the unit re-applied."""
    mapping, warnings = mapping_from_marker(source)
    if mapping is not None:
        return mapping, warnings
    allowed = NOMINATION_FIELDS if what == NOMINATIONS else DECISION_FIELDS
    mapping, skipped = detect_mapping(source, allowed, DEFAULT_LIMITS.header_scan_rows)
    hidden = {g.title for g in source.sheets if g.hidden}
    for title in skipped:
        if title not in hidden and title != LISTS_SHEET:
            warnings.append(problem("Không tìm thấy dòng tiêu đề cột (Họ và tên, Chức vụ…) nên trang này không được "
                                    "nhập.", sheet=title))
    for sheet in mapping.sheets:
        if not sheet.include:
            warnings.append(problem("Trang đang ẩn nên không được nhập; hãy bỏ ẩn trang nếu cần nhập.",
                                    sheet=sheet.sheet))
    if unit_id:
        mapping.apply_remembered(IMPORT_MAPPING.read(ws.store, unit_id))
    return mapping, warnings


def _directory(ws: Workspace, year: int | None) -> Directory:
    """Units and households; people come later, only those the file names (see :func:`_add_people`)."""
    store = ws.store
    units = store.query("SELECT id, name, parent_id, valid_from, valid_to FROM unit")
    households = store.query("SELECT id, head_name, name_key, unit_id FROM household")
    return Directory(units, [], households, year=year)


def _add_people(ws: Workspace, directory: Directory, entries: list[Entry]) -> None:
    """The people a line of the file may name (index ``person_name_key``): a province holds 200.000 people, a
    list names a few thousand names. A line with a birth year is matched only to people of its folded name born
    that year or with no birth year recorded (:meth:`Directory.person`), so only they are read; a line without one
    reads every person of its name (common names repeat hundreds of times in a province)."""
    people = [e for e in entries if e.subject == "ca_nhan"]
    keys = sorted({fold(e.name) for e in people})
    if not keys:
        return
    undated = sorted({fold(e.name) for e in people if e.birth_year is None})
    dated = sorted({f"{fold(e.name)}|{e.birth_year}" for e in people if e.birth_year is not None})
    directory.add_people(ws.store.query(
        "SELECT id, full_name, name_key, birth_year, gender, unit_id, position, is_manager FROM person "
        "WHERE name_key IN (SELECT value FROM json_each(?1)) AND (birth_year IS NULL "
        "OR name_key IN (SELECT value FROM json_each(?2)) "
        "OR name_key || '|' || birth_year IN (SELECT value FROM json_each(?3)))",
        [json.dumps(v, ensure_ascii=False) for v in (keys, undated, dated)]))


def _resolver(ws: Workspace) -> FormResolver:
    org = ws.organisation()
    return FormResolver(ws.catalog(), org["level"] if org else None)


def resolve_form(ws: Workspace, text: str, *, year: int | None = None) -> str:
    """The catalog code of a form name as a clerk types it ("LĐTT", "Lao động tiên tiến"); ValidationError."""
    try:
        code = _resolver(ws).resolve(text, year=year)
    except CellIssue as issue:
        raise ValidationError(issue.reason, field="form_code") from None
    if code is None:
        raise ValidationError("Hãy ghi tên hình thức khen thưởng.", field="form_code")
    return code


def _find_unit(directory: Directory, name: str, preview: ImportPreview) -> None:
    found = directory.find_units(name)
    if len(found) == 1:
        preview.proposing_unit_id, preview.proposing_unit_name = found[0]["id"], found[0]["name"]
        return
    reason = (f"Không tìm thấy đơn vị «{name}» trong dữ liệu. Hãy ghi đúng tên đơn vị (xem danh sách Đơn vị) hoặc "
              "thêm đơn vị trước khi nhập." if not found else
              f"Có {len(found)} đơn vị tên «{name}»; hãy ghi tên đầy đủ hơn.")
    preview.problems.append(problem(reason, value=name))


def _unit_from_titles(directory: Directory, lines: list[str]) -> dict[str, Any] | None:
    for line in lines:
        found = directory.find_units(_UNIT_LABEL.sub("", line))
        if len(found) == 1:
            return found[0]
    return None


def _entries(ws: Workspace, preview: ImportPreview, directory: Directory, forms: FormResolver,
             decisions: bool) -> list[Entry]:
    """Read every included sheet's rows into checked entries (problems go to the preview)."""
    entries: list[Entry] = []
    hints = DirectoryHints(forms, directory, preview.year, decisions)
    for mapping in preview.mapping.included():
        records = extract_records(preview.source.sheet(mapping.sheet), mapping, hints)
        preview.warnings.extend(records.warnings)
        preview.skipped.extend(records.skipped_rows())
        title = " ".join(records.title_lines)
        if not decisions and preview.proposing_unit_id is None:
            unit = _unit_from_titles(directory, records.title_lines)
            if unit is not None:
                preview.proposing_unit_id, preview.proposing_unit_name = unit["id"], unit["name"]
                preview.warnings.append(problem(f"Đơn vị đề nghị lấy theo tiêu đề của tệp: {unit['name']}.",
                                                sheet=mapping.sheet))
        years = {int(y) for y in _YEAR_IN_TITLE.findall(fold(title))}
        if preview.year and years and preview.year not in years:
            preview.warnings.append(problem(f"Tiêu đề ghi năm {', '.join(map(str, sorted(years)))}, khác năm nhập "
                                            f"{preview.year}. Hãy kiểm tra lại năm.", sheet=mapping.sheet))
        ctx = Context(forms=forms, epoch=preview.source.epoch, year=preview.year,
                      default_form=preview.default_form or forms.find_in(title, year=preview.year),
                      default_decision=parse_decision_text(title) if decisions else None, decisions=decisions,
                      split_position_unit=directory.split_position_unit)
        for record in records.records:
            entry, problems = interpret(record, ctx)
            preview.problems.extend(problems)
            if entry is not None:
                entries.append(entry)
    return entries


def _nominee(directory: Directory, entry: Entry, proposing: str | None, preview: ImportPreview
             ) -> tuple[Nominee, UnitRef | None] | None:
    try:
        nominee, unit, warning = directory.nominee(entry, proposing, preview.proposing_unit_name)
    except CellIssue as issue:
        preview.problems.append(problem(issue.reason, sheet=entry.sheet, row=entry.row,
                                        column=entry.columns.get("unit" if "đơn vị" in issue.reason else "name", ""),
                                        value=entry.unit_text or entry.name))
        return None
    if warning:
        preview.warnings.append(problem(warning, sheet=entry.sheet, row=entry.row,
                                        column=entry.columns.get("name", ""), value=entry.name))
    return nominee, unit


def preview_nominations(ws: Workspace, source: SourceWorkbook, *, year: int, unit_name: str | None = None,
                        mapping: ColumnMapping | None = None, default_form: str | None = None,
                        answers: Mapping[str, str] | None = None, facts: str | None = None,
                        managers: Mapping[str, bool] | None = None) -> ImportPreview:
    """Check a unit's nomination list against the records; write nothing. ``answers`` (question id → "same"
    or "different") answers the namesake questions of an earlier preview of the same list; ``facts`` ("file" or
    "keep") says which wins where the list's facts differ from Hồ sơ (see :mod:`import_facts`); ``managers``
    (line "sheet!row" → flag) overrides the management flags proposed for blank cells (:mod:`import_managers`)."""
    directory = _directory(ws, year)
    forms = _resolver(ws)
    preview = ImportPreview(NOMINATIONS, source, mapping or ColumnMapping([]), year=year, default_form=default_form)
    preview.request = {"unit_name": unit_name, "mapping": mapping, "default_form": default_form,
                       "answers": dict(answers or {}), "facts": facts, "managers": dict(managers or {})}
    preview.fact_choice = facts
    preview.conversions = list(source.conversions)
    if unit_name:
        _find_unit(directory, unit_name, preview)
    if mapping is None:
        preview.mapping, warnings = prepare_mapping(ws, source, NOMINATIONS, unit_id=preview.proposing_unit_id)
        preview.warnings.extend(warnings)
    preview.warnings.extend(source.warnings)
    existing = {(r["nominee"], r["form_code"]) for r in ws.store.query(
        "SELECT coalesce(person_id, unit_id, household_id) AS nominee, form_code FROM nomination "
        "WHERE year = ? AND deleted_at IS NULL", [year])}
    seen: dict[tuple[tuple[str, str], str], int] = {}
    entries = _entries(ws, preview, directory, forms, decisions=False)
    _add_people(ws, directory, entries)
    namesakes = NamesakeResolver(directory, answers, {f.code: f.short_name for f in ws.catalog().forms})
    for entry in entries:
        found = _nominee(directory, entry, preview.proposing_unit_id, preview)
        if found is not None:
            found = namesakes.resolve(entry, *found)
        if found is None:
            continue
        nominee, unit = found
        key = (nominee.key(), entry.form_code)
        form = ws.catalog().form(entry.form_code)
        if key in seen:
            preview.problems.append(problem(f"Trùng với dòng {seen[key]}: cùng người/tập thể và cùng hình thức "
                                            f"«{form.short_name}». Hãy xóa một dòng.", sheet=entry.sheet,
                                            row=entry.row, column=entry.columns.get("name", ""), value=entry.name))
            continue
        seen[key] = entry.row
        if nominee.id and (nominee.id, entry.form_code) in existing:
            preview.problems.append(problem(f"Đã có đề nghị «{form.short_name}» năm {year} cho {nominee.label} "
                                            "(có thể tệp đã được nhập trước đó). Hãy xóa dòng này khỏi tệp.",
                                            sheet=entry.sheet, row=entry.row, column=entry.columns.get("name", ""),
                                            value=entry.name))
            continue
        preview.items.append(PlannedItem(entry, nominee, unit))
    preview.questions = namesakes.questions
    directory.fill(preview)
    plan_managers(ws, preview, managers)
    plan_facts(ws, preview)
    _no_data(preview)
    return preview


def answer_namesakes(ws: Workspace, preview: ImportPreview, answers: Mapping[str, str]) -> ImportPreview:
    """The same list planned again with these answers to its namesake questions (added to earlier ones)."""
    if preview.what != NOMINATIONS:
        return preview
    request = dict(preview.request)
    merged = {**request.pop("answers", {}), **answers}
    return preview_nominations(ws, preview.source, year=require_year(preview.year), answers=merged, **request)


def _no_data(preview: ImportPreview) -> None:
    if not preview.items and not preview.problems:
        preview.problems.append(problem(
            "Không tìm thấy dòng dữ liệu nào để nhập. Hãy kiểm tra tệp có bảng với dòng tiêu đề (Họ và tên, Chức vụ, "
            "Hình thức khen thưởng…) và các dòng bên dưới.", value=preview.source.name))


def _plan_decisions(ws: Workspace, preview: ImportPreview, directory: Directory) -> None:
    org = ws.organisation() or {}
    own_keys = {unit_key(org.get("issuing_body", "")), unit_key(org.get("body_short", ""))} - {""}
    known = {fold(r["issuer_name"]): r["issuer_level"] for r in ws.store.query(
        "SELECT DISTINCT issuer_name, issuer_level FROM decision WHERE deleted_at IS NULL")}
    existing = {(fold(r["issuer_name"]), r["year"], r["number"], fold(r["symbol"])) for r in ws.store.query(
        "SELECT issuer_name, year, number, symbol FROM decision WHERE deleted_at IS NULL AND number <> ''")}
    planned: dict[tuple[str, str, str, str], PlannedDecision] = {}
    refused: set[tuple[str, str, str, str]] = set()  # reported once, on the decision's first row
    seen: dict[tuple[Any, ...], int] = {}
    entries = _entries(ws, preview, directory, _resolver(ws), decisions=True)
    _add_people(ws, directory, entries)
    for entry in entries:
        header = entry.decision
        assert header is not None
        if header.key() in refused:
            continue
        decision = planned.get(header.key())
        if decision is None:
            decision = _new_decision(ws, preview, header, own_keys, known, existing, entry)
            if decision is None:
                refused.add(header.key())
                continue
            planned[header.key()] = decision
        found = _nominee(directory, entry, None, preview)
        if found is None:
            continue
        key = (header.key(), found[0].key(), entry.form_code)
        if key in seen:
            preview.problems.append(problem(f"Trùng với dòng {seen[key]} trong cùng quyết định.", sheet=entry.sheet,
                                            row=entry.row, column=entry.columns.get("name", ""), value=entry.name))
            continue
        seen[key] = entry.row
        item = PlannedItem(entry, found[0], found[1])
        decision.items.append(item)
        preview.items.append(item)
    for decision in planned.values():
        forms = {i.entry.form_code for i in decision.items}
        decision.form_code = forms.pop() if len(forms) == 1 else None
        decision.kind = Counter(i.entry.kind for i in decision.items).most_common(1)[0][0] if decision.items else \
            "cong_trang"
        if not decision.title:
            form = ws.catalog().form(decision.form_code) if decision.form_code else None
            decision.title = f"Về việc tặng {form.name}" if form else "Về việc khen thưởng"
        preview.decisions.append(decision)
        preview.new_records.append(NewLine("Quyết định", f"{decision.header.label()} – {decision.header.issuer_name} "
                                           f"({len(decision.items)} người/tập thể)", decision.sheet, decision.row))


def _new_decision(ws: Workspace, preview: ImportPreview, header: DecisionHeader, own_keys: set[str],
                  known: dict[str, str], existing: set[tuple[Any, ...]], entry: Entry) -> PlannedDecision | None:
    place = {"sheet": entry.sheet, "row": entry.row, "column": entry.columns.get("decision_number", "")}
    if not header.issuer_name:
        preview.problems.append(problem("Thiếu cơ quan ban hành quyết định (ví dụ “Chủ tịch UBND tỉnh Nam Định”): "
                                        "hãy ghi ở cột Cơ quan ban hành hoặc trong dòng “Kèm theo Quyết định số … "
                                        "của …”.", value=header.label(), **place))
        return None
    level = issuer_level(header, own_keys, known, ISSUER_LEVELS)
    if level is None:
        if header.issuer_level:
            preview.problems.append(problem(f"Không nhận ra cấp ban hành «{header.issuer_level}»; hãy ghi một trong: "
                                            + ", ".join(ISSUER_LEVELS.values()) + ".", **place))
            return None
        level = "khac"
        preview.warnings.append(problem(f"Không xác định được cấp ban hành của «{header.issuer_name}»; ghi là "
                                        "“Khác”.", value=header.label(), **place))
    number_key = (fold(header.issuer_name), header.signed_on.year, header.number, fold(header.symbol))
    if number_key in existing:
        preview.problems.append(problem(f"{header.label()} của {header.issuer_name} đã có trong dữ liệu (có thể đã "
                                        "nhập trước đó). Hãy bỏ quyết định này khỏi tệp.", value=header.label(),
                                        **place))
        return None
    return PlannedDecision(header=header, issuer_level=level, title=header.title, kind="cong_trang", form_code=None,
                           sheet=entry.sheet, row=entry.row)


def preview_decisions(ws: Workspace, source: SourceWorkbook, *, mapping: ColumnMapping | None = None
                      ) -> ImportPreview:
    """Check a file of past decisions (the office's own and the higher levels'); write nothing."""
    directory = _directory(ws, None)
    preview = ImportPreview(DECISIONS, source, mapping or ColumnMapping([]))
    preview.conversions = list(source.conversions)
    if mapping is None:
        preview.mapping, warnings = prepare_mapping(ws, source, DECISIONS)
        preview.warnings.extend(warnings)
    preview.warnings.extend(source.warnings)
    _plan_decisions(ws, preview, directory)
    directory.fill(preview)
    _no_data(preview)
    return preview


def commit_import(ws: Workspace, preview: ImportPreview, *, dry_run: bool = False,
                  answers: Mapping[str, str] | None = None, facts: str | None = None,
                  progress: CommitProgress | None = None) -> ImportResult:
    """Store the whole preview in one transaction, or nothing; ``dry_run`` rolls the same writes back.
    ``answers`` answers the preview's namesake questions first (the list is planned again with them); a
    question left unanswered refuses the import. ``progress(done, total, text)`` is told each step (the backup,
    the new records, every few hundred rows); when it raises, the transaction rolls back and nothing is stored."""
    if answers:
        preview = answer_namesakes(ws, preview, answers)
    if preview.problems:
        raise rejected(preview.problems)
    if preview.unanswered:
        count = len(preview.unanswered)
        raise ImportRejectedError(
            f"Không nhập gì: còn {count} câu hỏi về người trùng họ tên và năm sinh chưa trả lời (cùng một người hay "
            "hai người khác nhau). Hãy trả lời rồi nhập lại.", [q.as_problem() for q in preview.unanswered])
    if facts in ("file", "keep"):
        preview.fact_choice = facts
    if preview.facts_undecided:
        raise ImportRejectedError(
            f"Không nhập gì: {len(preview.fact_conflicts)} thông tin trong tệp khác với hồ sơ đã nhập (xếp loại, số "
            "liệu…). Hãy chọn lấy theo tệp hoặc giữ như hồ sơ rồi nhập lại.",
            [problem(c.line()) for c in preview.fact_conflicts])
    if not preview.items:
        raise ImportRejectedError("Tệp không có dòng dữ liệu nào để nhập.", [])
    steps = _Steps(progress, len(preview.items), len(preview.new_people))
    backup = None
    if not dry_run and not ws.store.conn.in_transaction:
        steps.tell(0, "Đang sao lưu tệp dữ liệu trước khi nhập…")
        backup = backup_before(ws, "import", log=False)  # a checked copy first; if it fails, nothing is imported
    try:
        counts, changes = _write(ws, preview, dry_run=dry_run, backup=backup, steps=steps)
    except ImportRejectedError:
        raise
    except KnownError as exc:
        raise ImportRejectedError(f"Không nhập gì: {exc.message}", [problem(exc.message)]) from exc
    return ImportResult(preview=preview, dry_run=dry_run, counts=counts, changes=changes)


def import_nominations(ws: Workspace, path: Path | str, *, year: int, unit_name: str | None = None,
                       default_form: str | None = None, dry_run: bool = False,
                       answers: Mapping[str, str] | None = None, facts: str | None = None) -> ImportResult:
    """Read, check and store a nomination list (the command line's path through the three steps)."""
    source = read_source(path)
    preview = preview_nominations(ws, source, year=year, unit_name=unit_name, default_form=default_form,
                                  answers=answers, facts=facts)
    return commit_import(ws, preview, dry_run=dry_run)


def import_decisions(ws: Workspace, path: Path | str, *, dry_run: bool = False) -> ImportResult:
    source = read_source(path)
    return commit_import(ws, preview_decisions(ws, source), dry_run=dry_run)


# ---------------------------------------------------------------------------------------------- writing


class _Steps:
    """Progress of one commit: 1 for the backup, one per new person, one per row, one for the facts and one
    for the commit itself."""

    def __init__(self, progress: CommitProgress | None, rows: int, people: int = 0) -> None:
        self.progress, self.rows, self.people, self.total = progress, rows, people, people + rows + 3

    def tell(self, done: int, text: str) -> None:
        if self.progress is not None:
            self.progress(min(done, self.total), self.total, text)

    def row(self, index: int, what: str) -> None:
        """After ``index`` rows (every PROGRESS_EVERY of them, and the last)."""
        if index % PROGRESS_EVERY == 0 or index == self.rows:
            self.tell(1 + self.people + index, f"Đang ghi {what}: {format_int(index)}/{format_int(self.rows)} dòng…")

    def person(self, index: int) -> None:
        if index % PROGRESS_EVERY == 0 or index == self.people:
            self.tell(1 + index, f"Đang ghi các cá nhân mới: {format_int(index)}/{format_int(self.people)} người…")


class _DryRunDone(Exception):
    """Raised inside the transaction to roll a dry run back after every write and check has run."""


def _create_records(ws: Workspace, preview: ImportPreview, note: str, problems: list[SheetProblem],
                    steps: _Steps) -> None:
    """Units and households one by one (few, each audited); people in one batch with the people service's own
    validation (``person_values``), their ids listed in the import's audit row."""
    store = ws.store
    for unit in preview.new_units:
        unit.id = add_unit(ws, unit.name, "khac", parent_id=unit.parent_id, notes=note).id
    for household in preview.new_households:
        unit_id = household.unit.resolved() if household.unit else None
        household.id = store.insert("household", {"head_name": household.head_name, "name_key": fold(
            household.head_name), "address": household.address, "unit_id": unit_id},
            summary=f"Thêm hộ gia đình {household.head_name} (nhập từ tệp)")
    rows: list[dict[str, Any]] = []
    for index, person in enumerate(preview.new_people, start=1):
        steps.person(index)
        try:
            values = person_values(
                person.full_name, gender=person.gender, birth_year=person.birth_year, birth_date=person.birth_date,
                unit_id=person.unit.resolved() if person.unit else None, position=person.position,
                is_manager=bool(person.is_manager), notes=note)
        except KnownError as exc:
            problems.append(problem(exc.message, sheet=person.sheet, row=person.row, value=person.full_name))
            continue
        values["id"] = person.id = store.new_id()
        rows.append(values)
    if rows:
        steps.tell(1 + steps.people, f"Đang lưu {format_int(len(rows))} cá nhân mới…")
    store.insert_many("person", rows)


def _nomination_values(ws: Workspace, preview: ImportPreview, item: PlannedItem) -> dict[str, Any]:
    """A nomination row checked exactly as ``add_nomination`` checks one (form, kind, subject, year,
    nominee); the database's CHECK constraints still apply on insert."""
    entry, nominee = item.entry, item.nominee
    catalog = ws.catalog()
    form = catalog.form(entry.form_code)
    catalog.kind(entry.kind)
    if entry.subject not in form.subjects:
        raise ValidationError(f"Hình thức “{form.name}” không dùng cho đối tượng này.", field="form_code")
    nominee_id = nominee.resolved()
    if not nominee_id:
        raise ValidationError("Hãy chọn người, tập thể hoặc hộ gia đình được đề nghị.", field="nominee")
    person = entry.subject == "ca_nhan"
    known = nominee.details or {}
    is_manager = entry.is_manager if entry.is_manager is not None else item.manager  # the file's, else proposed
    year = require_year(preview.year)
    earned = entry.achievement_year
    if earned is not None and earned.last != year:
        raise ValidationError(f"Năm thành tích {earned.compact()} khác năm của danh sách đề nghị ({year}). Hãy nhập "
                              f"danh sách vào năm {earned.last}, hoặc sửa ô Năm thành tích.", field="achievement_year")
    return {
        "year": year, "achievement_first": nomination_first(year, earned, catalog, form.code),
        "form_code": form.code, "kind": entry.kind, "subject": entry.subject,
        "person_id": nominee_id if person else None,
        "unit_id": nominee_id if entry.subject == "tap_the" else None,
        "household_id": nominee_id if entry.subject == "ho_gia_dinh" else None,
        "proposing_unit_id": preview.proposing_unit_id,
        "position": nfc(entry.position or item.position or known.get("position", "")) if person else "",
        "is_manager": (None if is_manager is None else int(is_manager)) if person else None,
        "achievement": nfc(entry.achievement), "initiative_id": None, "status": "submitted", "submitted_on": None,
        "notes": nfc(entry.notes),
    }


def _nominations(ws: Workspace, preview: ImportPreview, problems: list[SheetProblem], steps: _Steps) -> list[str]:
    rows: list[dict[str, Any]] = []
    for index, item in enumerate(preview.items, start=1):
        steps.row(index, "các đề nghị")
        try:
            values = _nomination_values(ws, preview, item)
        except (KnownError, KeyError) as exc:
            problems.append(_write_problem(item, exc))
            continue
        values["id"] = ws.store.new_id()
        rows.append(values)
    if not problems:
        steps.tell(1 + steps.people + steps.rows, f"Đang lưu {format_int(len(rows))} đề nghị…")
        ws.store.insert_many("nomination", rows)
    return [r["id"] for r in rows]


def _decision(ws: Workspace, planned: PlannedDecision, note: str) -> int:
    store, header = ws.store, planned.header
    decision_id = create_decision(
        ws, number=header.number, symbol=header.symbol, signed_on=header.signed_on,
        issuer_level=planned.issuer_level, issuer_name=header.issuer_name, title=planned.title, kind=planned.kind,
        form_code=planned.form_code, notes=note).id
    decision = get_decision(ws, decision_id)
    for order, item in enumerate(planned.items, start=1):
        entry, nominee_id = item.entry, item.nominee.resolved()
        row = recipient_values(
            ws, decision, form_code=entry.form_code, subject=entry.subject, kind=entry.kind,
            person_id=nominee_id, unit_id=nominee_id, household_id=nominee_id,
            position=entry.position or None, is_manager=entry.is_manager, achievement=entry.achievement,
            sort_order=order, achievement_period=entry.achievement_year)
        row["amount"] = entry.amount
        store.insert("decision_recipient", row, summary=f"Thêm {row['display_name']} vào quyết định (nhập từ tệp)")
    if planned.is_own:
        store.update("decision", decision_id, {"status": "issued", "issued_at": store.clock()},
                     summary="Nhập quyết định đã ban hành từ tệp", action="issue")
    return len(planned.items)


def _write(ws: Workspace, preview: ImportPreview, *, dry_run: bool, backup: Any = None, steps: _Steps | None = None
           ) -> tuple[dict[str, int], Changes]:
    steps = steps or _Steps(None, len(preview.items), len(preview.new_people))
    store = ws.store
    source = preview.source
    note = f"Nhập từ tệp {source.name}"
    counts = {"people": len(preview.new_people), "units": len(preview.new_units),
              "households": len(preview.new_households)}
    problems: list[SheetProblem] = []
    ids: list[str] = []
    committed = False
    try:
        with store.transaction():
            if backup is not None:
                store.log("backup", "database", "", f"Sao lưu trước khi nhập dữ liệu vào tệp {backup.path.name}",
                          after={"file": str(backup.path), "reason": "import"})
            steps.tell(1, "Đang ghi các đơn vị, hộ gia đình, cá nhân mới…")
            _create_records(ws, preview, note, problems, steps)
            if preview.what == NOMINATIONS:
                ids = _nominations(ws, preview, problems, steps)
                counts["nominations"] = len(ids)
                steps.tell(steps.total - 2, "Đang ghi hồ sơ năm (xếp loại, sáng kiến, số liệu)…")
                written = write_facts(ws, preview, problems) if not problems else 0
                if written:
                    counts["facts"] = written
                if preview.proposing_unit_id and preview.mapping.source != "template":
                    IMPORT_MAPPING.write(store, preview.mapping.remembered_form(), preview.proposing_unit_id)
            else:
                counts["recipients"] = 0
                for decision in preview.decisions:
                    counts["recipients"] += _decision(ws, decision, note)
                    steps.tell(1 + steps.people + counts["recipients"], f"Đang ghi quyết định: {format_int(counts['recipients'])}/"
                               f"{format_int(steps.rows)} người, tập thể…")
                counts["decisions"] = len(preview.decisions)
            if problems:
                raise rejected(problems)
            created = {"person": [p.id for p in preview.new_people], "nomination": ids}
            kept = {"namesakes": [{"sheet": q.second.sheet, "rows": [q.first.row, q.second.row], "name": q.name,
                                   "answer": q.answer} for q in preview.questions],
                    "converted": [c.as_dict() for c in preview.conversions], "format": source.kind,
                    "facts_differing": [c.as_dict() for c in preview.fact_conflicts],
                    "facts_choice": preview.fact_choice}
            store.log("import", "nomination" if preview.what == NOMINATIONS else "decision", "",
                      f"Nhập {counts_text(preview.what, counts)} từ tệp {source.name}.",
                      after={"file": source.name, "sha256": source.sha256, **counts, "created": created, **kept})
            steps.tell(steps.total - 1, "Đang lưu vào tệp dữ liệu…")
            if dry_run:
                raise _DryRunDone
        committed = True
    except _DryRunDone:
        pass
    finally:
        if not committed:  # rolled back: the planned records do not exist
            for record in (*preview.new_units, *preview.new_people, *preview.new_households):
                record.id = None
    changes = Changes(nominations=preview.what == NOMINATIONS, decisions=preview.what == DECISIONS,
                      people=bool(preview.new_people) or bool(counts.get("facts")),
                      units=bool(preview.new_units) or bool(counts.get("facts")), settings=True, ids=set(ids))
    return counts, (Changes() if dry_run else changes)


def _write_problem(item: PlannedItem, exc: Exception) -> SheetProblem:
    message = exc.message if isinstance(exc, KnownError) else str(exc).strip("'\"")
    return problem(message, sheet=item.entry.sheet, row=item.entry.row, column=item.entry.columns.get("name", ""),
                   value=item.entry.name)
