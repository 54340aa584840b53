"""Commands ``import nominations|decisions`` and, under the ``export`` command of :mod:`emulation_desk.cli.export`,
``export template|list`` (written through the services' one export path,
:func:`~emulation_desk.services.reporting.registry.export_document`).

Problems of a refused file are printed one per line — sheet, row, column, value, reason — and the exit
code is 1; nothing is written. ``--dry-run`` runs every check (and the writes, rolled back) and stores
nothing. Namesake questions (two rows with the same name and birth year that differ in birth date, position…)
are listed with both rows side by side; answer them with ``--answer SHEET!ROW=cung|khac`` (repeatable) or
``--answers FILE`` (one ``SHEET!ROW = cùng|khác`` a line, or a JSON object).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from emulation_desk.cli import EXIT_FAIL, EXIT_OK, EXIT_USAGE, add_command, workspace_for
from emulation_desk.errors import KnownError
from emulation_desk.exchange.errors import SheetProblem, SpreadsheetError


def register(subparsers: Any) -> None:
    imports = add_command(subparsers, "import", "nhập dữ liệu từ tệp Excel (.xlsx, .xls) hoặc Word (.docx): danh "
                          "sách đề nghị, quyết định cũ", _usage)
    kinds = imports.add_subparsers(dest="import_what", metavar="LOẠI", title="Loại dữ liệu")
    nominations = add_command(kinds, "nominations", "nhập danh sách đề nghị khen thưởng do một đơn vị gửi",
                              cmd_import_nominations)
    nominations._positionals.title = "Tham số"
    nominations.add_argument("file", metavar="TỆP", help="tệp danh sách (.xlsx, .xls hoặc .docx)")
    nominations.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm đề nghị, ví dụ 2020")
    nominations.add_argument("--unit", metavar="TÊN_ĐƠN_VỊ", help="đơn vị đề nghị (ghi như trong danh sách Đơn vị)")
    nominations.add_argument("--form", metavar="HÌNH_THỨC",
                             help="hình thức cho các dòng không ghi hình thức, ví dụ “Lao động tiên tiến”")
    nominations.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì vào dữ liệu")
    nominations.add_argument("--answer", action="append", default=[], metavar="TRANG!DÒNG=cung|khac",
                             help="trả lời câu hỏi về người trùng tên: cùng một người (cung) hay hai người (khac); "
                                  "ghi được nhiều lần")
    nominations.add_argument("--facts", choices=("tep", "giu"), metavar="tep|giu",
                             help="khi xếp loại, số liệu trong tệp khác với hồ sơ đã nhập: lấy theo tệp (tep) hay giữ "
                                  "như hồ sơ (giu)")
    nominations.add_argument("--answers", type=Path, metavar="TỆP_TRẢ_LỜI",
                             help="tệp trả lời: mỗi dòng “TRANG!DÒNG = cùng|khác” (hoặc một đối tượng JSON)")
    nominations.add_argument("--lanh-dao", action="append", default=[], metavar="TRANG!DÒNG=co|khong",
                             help="dòng để trống ô “Lãnh đạo quản lý”: sửa giá trị chương trình đề xuất theo chức vụ "
                                  "(co: là lãnh đạo quản lý, khong: không phải); ghi được nhiều lần")
    decisions = add_command(kinds, "decisions", "nhập các quyết định khen thưởng đã có (của đơn vị và của cấp trên)",
                            cmd_import_decisions)
    decisions._positionals.title = "Tham số"
    decisions.add_argument("file", metavar="TỆP", help="tệp danh sách quyết định (.xlsx, .xls hoặc .docx)")
    decisions.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì vào dữ liệu")
    if "export" in subparsers.choices:
        register_export_subcommands(_export_subparsers(subparsers))


def _export_subparsers(subparsers: Any) -> Any:
    """The sub-commands of the ``export`` command registered before this module's."""
    export = subparsers.choices["export"]
    return next(a for a in export._actions if isinstance(a, argparse._SubParsersAction))


def register_export_subcommands(export_subparsers: Any) -> None:
    """``export template …`` and ``export list …`` under an existing ``export`` command."""
    template = add_command(export_subparsers, "template", "xuất tệp mẫu để các đơn vị điền danh sách", _usage)
    templates = template.add_subparsers(dest="template_what", metavar="MẪU", title="Mẫu")
    nominations = add_command(templates, "nominations", "mẫu danh sách đề nghị khen thưởng (cá nhân, tập thể, hộ gia "
                              "đình)", cmd_export_template)
    nominations.add_argument("--out", required=True, metavar="TỆP.xlsx")
    nominations.add_argument("--year", type=int, metavar="NĂM", help="năm áp dụng danh mục hình thức (mặc định: năm nay)")
    lists = add_command(export_subparsers, "list", "xuất danh sách ra tệp Excel", _usage)
    kinds = lists.add_subparsers(dest="list_what", metavar="DANH_SÁCH", title="Danh sách")
    year_list = add_command(kinds, "nominations", "các đề nghị khen thưởng của một năm", cmd_export_nominations)
    year_list.add_argument("--year", type=int, required=True, metavar="NĂM")
    year_list.add_argument("--out", required=True, metavar="TỆP.xlsx")
    decision = add_command(kinds, "decision", "danh sách kèm theo một quyết định", cmd_export_decision)
    decision.add_argument("--number", required=True, metavar="SỐ", help="số quyết định, ví dụ 4520 hoặc 4520/QĐ-UBND")
    decision.add_argument("--year", type=int, required=True, metavar="NĂM")
    decision.add_argument("--out", required=True, metavar="TỆP.xlsx")
    person = add_command(kinds, "person", "quá trình khen thưởng của một cá nhân", cmd_export_person)
    person.add_argument("--name", required=True, metavar="HỌ_TÊN")
    person.add_argument("--birth-year", type=int, metavar="NĂM_SINH", help="năm sinh, khi có nhiều người trùng tên")
    person.add_argument("--out", required=True, metavar="TỆP.xlsx")


def _usage(args: argparse.Namespace) -> int:
    print("Thiếu loại dữ liệu. Xem hướng dẫn: emulation-desk import --help, emulation-desk export --help",
          file=sys.stderr)
    return EXIT_USAGE


def print_problems(problems: list[SheetProblem], message: str) -> int:
    """Each problem on its own line (stdout), then the verdict (stderr); exit code 1."""
    for item in problems:
        if item.line() != message:
            print(item.line())
    print(f"Lỗi: {message}", file=sys.stderr)
    return EXIT_FAIL


def _print_preview(preview: Any) -> None:
    from emulation_desk.exchange.headers import FIELD_LABELS

    for mapping in preview.mapping.included():
        columns = ", ".join(f"{mapping.letter(f)}={FIELD_LABELS[f]}" for f in mapping.columns if f in FIELD_LABELS)
        print(f"Trang “{mapping.sheet}”: tiêu đề ở dòng {mapping.header_row}, dữ liệu từ dòng "
              f"{mapping.first_data_row}; cột {columns}.")
    if preview.proposing_unit_name:
        print(f"Đơn vị đề nghị: {preview.proposing_unit_name}.")
    for warning in preview.warnings:
        print(f"Lưu ý: {warning.line()}")
    for note in preview.notes():
        print(f"Đã nhận ra: {note}")
    for change in getattr(preview, "fact_changes", ()):
        if not change.current:
            print(f"Hồ sơ: {change.line()}")
    for change in getattr(preview, "fact_conflicts", ()):
        print(f"Khác với hồ sơ: {change.line()}")
    if getattr(preview, "facts_undecided", False):
        print("    Chọn: --facts tep (lấy theo tệp) hoặc --facts giu (giữ như hồ sơ đã nhập)")
    for question in preview.questions:
        _print_question(question)
    for line in getattr(preview, "manager_lines", ()):
        shown = line.as_dict()
        print(f"Lãnh đạo quản lý (ô để trống) {line.key} {line.name}, {shown['position']}: {shown['flag']} — "
              f"{shown['why']}")
    print(preview.summary())


def read_managers(pairs: list[str]) -> dict[str, bool]:
    """``--lanh-dao TRANG!DÒNG=co|khong`` as line key → flag; KnownError for a value not understood."""
    from emulation_desk.core.text import fold

    chosen: dict[str, bool] = {}
    for pair in pairs:
        key, sep, value = pair.rpartition("=")
        flag = {"co": True, "x": True, "khong": False}.get(fold(value.strip()))
        if not sep or not key.strip() or flag is None:
            raise KnownError(f"Không hiểu «{pair}». Hãy ghi dạng TRANG!DÒNG=co hoặc TRANG!DÒNG=khong, ví dụ "
                             "“Danh sách!5=co”.")
        chosen[key.strip()] = flag
    return chosen


def _print_question(question: Any) -> None:
    """A namesake question with both rows side by side, and how to answer it."""
    answered = f" Đã trả lời: {question.answer}." if question.answer else ""
    print(f"Câu hỏi {question.id}: {question.text()}{answered}")
    width = max(len(label) for label, _a, _b in question.sides)
    left = max(len(a) for _l, a, _b in question.sides)
    for label, first, second in question.sides:
        if first or second:
            print(f"    {label:<{width}}  {first:<{left}}  {second}")
    if not question.answer:
        print(f"    Trả lời: --answer \"{question.id}=cung\" (cùng một người) hoặc --answer \"{question.id}=khac\" "
              "(hai người khác nhau)")


def read_answers(args: argparse.Namespace) -> dict[str, str]:
    """The namesake answers of ``--answers FILE`` then ``--answer`` (a later one wins); KnownError if unreadable."""
    from emulation_desk.exchange.namesakes import normalise_answer

    pairs: list[str] = []
    if args.answers is not None:
        try:
            text = args.answers.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise KnownError(f"Không đọc được tệp trả lời “{args.answers}”: {exc.strerror or exc}.") from exc
        if text.lstrip().startswith("{"):
            try:
                pairs.extend(f"{k}={v}" for k, v in json.loads(text).items())
            except (ValueError, AttributeError) as exc:
                raise KnownError(f"Tệp trả lời “{args.answers}” không đúng dạng JSON.") from exc
        else:
            pairs.extend(line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))
    pairs.extend(args.answer)
    answers: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.rpartition("=")
        if not sep or not key.strip() or normalise_answer(value) is None:
            raise KnownError(f"Không hiểu câu trả lời «{pair}». Hãy ghi dạng TRANG!DÒNG=cung hoặc TRANG!DÒNG=khac.")
        answers[key.strip()] = value.strip()
    return answers


def cmd_import_nominations(args: argparse.Namespace) -> int:
    from emulation_desk.services.awards import imports

    answers = read_answers(args)
    managers = read_managers(args.lanh_dao)
    with workspace_for(args) as ws:
        form = imports.resolve_form(ws, args.form, year=args.year) if args.form else None
        try:
            source = imports.read_source(Path(args.file))
            preview = imports.preview_nominations(ws, source, year=args.year, unit_name=args.unit,
                                                  default_form=form, answers=answers,
                                                  facts={"tep": "file", "giu": "keep"}.get(args.facts or ""),
                                                  managers=managers)
            _print_preview(preview)
            result = imports.commit_import(ws, preview, dry_run=args.dry_run)
        except SpreadsheetError as exc:
            return print_problems(exc.problems, exc.message)
    print(result.summary())
    return EXIT_OK


def cmd_import_decisions(args: argparse.Namespace) -> int:
    from emulation_desk.services.awards import imports

    with workspace_for(args) as ws:
        try:
            preview = imports.preview_decisions(ws, imports.read_source(Path(args.file)))
            _print_preview(preview)
            for decision in preview.decisions:
                print(f"- {decision.header.label()} của {decision.header.issuer_name}: {len(decision.items)} "
                      "người/tập thể")
            result = imports.commit_import(ws, preview, dry_run=args.dry_run)
        except SpreadsheetError as exc:
            return print_problems(exc.problems, exc.message)
    print(result.summary())
    return EXIT_OK


def _export(args: argparse.Namespace, document: str, **params: Any) -> int:
    from emulation_desk.services.reporting.registry import export_document, renderer_for

    renderer_for(document, args.out)  # a wrong suffix is refused before the database is opened
    with workspace_for(args, readonly=not args.demo) as ws:
        try:
            written = export_document(ws, document, Path(args.out), **params)
        except SpreadsheetError as exc:
            return print_problems(exc.problems, exc.message)
    print(written.summary())
    return EXIT_OK


def cmd_export_template(args: argparse.Namespace) -> int:
    return _export(args, "template", year=args.year)


def cmd_export_nominations(args: argparse.Namespace) -> int:
    return _export(args, "nominations", year=args.year)


def cmd_export_decision(args: argparse.Namespace) -> int:
    return _export(args, "decision_list", number=args.number, year=args.year)


def cmd_export_person(args: argparse.Namespace) -> int:
    return _export(args, "person_history", name=args.name, birth_year=args.birth_year)
