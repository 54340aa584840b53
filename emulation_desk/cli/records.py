"""Commands ``people facts set|show``, ``units facts set|show`` (the facts the eligibility rules read, as in
the window's Hồ sơ) and ``import units`` (a unit directory, all or nothing)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from emulation_desk.cli import EXIT_OK, add_command, workspace_for
from emulation_desk.core.text import fold, format_date
from emulation_desk.errors import KnownError, ValidationError
from emulation_desk.exchange.errors import SpreadsheetError

_YES = {"co", "yes", "1", "true", "dang", "x"}
_NO = {"khong", "no", "0", "false", ""}


def register(subparsers: Any) -> None:
    people = add_command(subparsers, "people", "hồ sơ cá nhân: xếp loại, sáng kiến, kỷ luật theo năm", _usage)
    people_kinds = people.add_subparsers(dest="people_what", metavar="VIỆC")
    facts = add_command(people_kinds, "facts", "xem hoặc ghi các thông tin điều kiện khen thưởng của một người", _usage)
    facts_kinds = facts.add_subparsers(dest="facts_what", metavar="VIỆC")
    show = add_command(facts_kinds, "show", "in hồ sơ của một người", cmd_people_show)
    _person_argument(show)
    show.add_argument("--json", action="store_true", help="in dạng JSON")
    put = add_command(facts_kinds, "set", "ghi xếp loại, sáng kiến, kỷ luật, ngày tuyển dụng của một người",
                      cmd_people_set)
    _person_argument(put)
    put.add_argument("--year", type=int, required=True, metavar="NĂM")
    put.add_argument("--rating", metavar="XẾP_LOẠI", help="ví dụ “Hoàn thành xuất sắc nhiệm vụ”, “tốt”; “-” để xóa")
    put.add_argument("--investigation", metavar="co|khong", help="đang bị xem xét kỷ luật, điều tra trong năm")
    put.add_argument("--recruited", metavar="NGÀY", help="ngày tuyển dụng, ví dụ 01/03/2019")
    put.add_argument("--initiative", action="append", default=[], metavar="TÊN|PHẠM_VI|QUYẾT_ĐỊNH",
                     help="thêm một sáng kiến của năm: tên, phạm vi (cơ sở/tỉnh/toàn quốc), quyết định công nhận")
    put.add_argument("--discipline", action="append", default=[], metavar="HÌNH_THỨC|TỪ_NGÀY|ĐẾN_NGÀY",
                     help="thêm một kỷ luật: hình thức, từ ngày, đến ngày (bỏ trống nếu chưa hết)")
    units = add_command(subparsers, "units", "hồ sơ đơn vị: số liệu theo năm", _usage)
    unit_kinds = units.add_subparsers(dest="units_what", metavar="VIỆC")
    ufacts = add_command(unit_kinds, "facts", "xem hoặc ghi số liệu theo năm của một tập thể", _usage)
    ufacts_kinds = ufacts.add_subparsers(dest="facts_what", metavar="VIỆC")
    ushow = add_command(ufacts_kinds, "show", "in số liệu các năm của một tập thể", cmd_units_show)
    ushow.add_argument("unit", metavar="ĐƠN_VỊ", help="tên đơn vị (hoặc mã)")
    ushow.add_argument("--json", action="store_true", help="in dạng JSON")
    uset = add_command(ufacts_kinds, "set", "ghi số liệu một năm của một tập thể (bỏ trống: giữ như cũ; “-”: xóa)",
                       cmd_units_set)
    uset.add_argument("unit", metavar="ĐƠN_VỊ", help="tên đơn vị (hoặc mã)")
    uset.add_argument("--year", type=int, required=True, metavar="NĂM")
    for option, name, text in (("--head-count", "head_count", "tổng số thành viên"),
                               ("--completed", "completed_count", "số hoàn thành nhiệm vụ trở lên"),
                               ("--standard", "standard_count", "số đạt Lao động tiên tiến"),
                               ("--cstdcs", "cstdcs_count", "số đạt Chiến sĩ thi đua cơ sở"),
                               ("--disciplined", "disciplined_count", "số bị kỷ luật"),
                               ("--rating", "rating", "xếp loại của tập thể"), ("--notes", "notes", "ghi chú")):
        uset.add_argument(option, dest=name, metavar="GIÁ_TRỊ", help=text)
    _register_import_units(subparsers)


def _register_import_units(subparsers: Any) -> None:
    imports = subparsers.choices.get("import")
    if imports is None:
        return
    kinds = next(a for a in imports._actions if isinstance(a, argparse._SubParsersAction))
    units = add_command(kinds, "units", "nhập danh sách đơn vị (tên, loại, số người, từ ngày)", cmd_import_units)
    units._positionals.title = "Tham số"
    units.add_argument("file", metavar="TỆP", help="tệp danh sách đơn vị (.xlsx, .xls hoặc .docx)")
    units.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì vào dữ liệu")


def _usage(args: argparse.Namespace) -> int:
    from emulation_desk.cli.exchange import _usage as usage

    return usage(args)


def _person_argument(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("person", metavar="NGƯỜI", help="họ và tên (hoặc mã) của người")
    sub.add_argument("--unit", metavar="ĐƠN_VỊ", help="đơn vị, khi có nhiều người trùng tên")
    sub.add_argument("--birth-year", type=int, metavar="NĂM_SINH", help="năm sinh, khi có nhiều người trùng tên")


def find_person(ws: Any, text: str, unit: str | None = None, birth_year: int | None = None) -> str:
    """The id of the one person a name (or id) names; a Vietnamese error listing the candidates otherwise."""
    if ws.store.get("person", text):
        return text
    rows = ws.store.query("SELECT p.id, p.full_name, p.birth_year, u.name AS unit_name FROM person p "
                          "LEFT JOIN unit u ON u.id = p.unit_id WHERE p.name_key = ?", [fold(text)])
    if unit:
        rows = [r for r in rows if fold(r["unit_name"] or "") == fold(unit)]
    if birth_year:
        rows = [r for r in rows if r["birth_year"] == birth_year]
    if len(rows) == 1:
        return str(rows[0]["id"])
    if not rows:
        raise KnownError(f"Không tìm thấy người tên “{text}”. Hãy ghi đúng họ và tên như trong danh sách.")
    listing = "; ".join(f"{r['full_name']} ({r['birth_year'] or '?'}, {r['unit_name'] or 'chưa có đơn vị'}, mã "
                        f"{r['id']})" for r in rows)
    raise KnownError(f"Có {len(rows)} người tên “{text}”: {listing}. Hãy thêm --unit hoặc --birth-year, hoặc ghi mã.")


def find_unit(ws: Any, text: str) -> str:
    if ws.store.get("unit", text):
        return text
    rows = ws.store.query("SELECT id FROM unit WHERE name_key = ? ORDER BY valid_to IS NOT NULL", [fold(text)])
    if not rows:
        raise KnownError(f"Không tìm thấy đơn vị “{text}”. Hãy ghi đúng tên như trong danh sách Đơn vị.")
    return str(rows[0]["id"])


def _flag(text: str) -> bool:
    key = fold(text).strip()
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValidationError(f"Không hiểu «{text}»: hãy ghi “có” hoặc “không”.")


def _parts(text: str, count: int) -> list[str]:
    parts = [p.strip() for p in text.split("|")]
    return (parts + [""] * count)[:count]


def cmd_people_set(args: argparse.Namespace) -> int:
    from emulation_desk.services.records import person_facts as pf

    with workspace_for(args) as ws:
        person_id = find_person(ws, args.person, args.unit, args.birth_year)
        options: dict[str, Any] = {}
        if args.rating is not None:
            options["rating"] = None if args.rating.strip() == "-" else args.rating
        if args.investigation is not None:
            options["under_investigation"] = _flag(args.investigation)
        if args.recruited is not None:
            options["recruited_on"] = None if args.recruited.strip() == "-" else args.recruited
        initiatives = [pf.initiative_item(args.year, *_parts(text, 3)) for text in args.initiative]
        disciplines = [pf.discipline_item(*_parts(text, 3)) for text in args.discipline]
        pf.set_person_facts(ws, person_id, args.year, initiatives=initiatives, disciplines=disciplines, **options)
        print_person(pf.person_facts(ws, person_id))
    return EXIT_OK


def print_person(facts: Any) -> None:
    recruited = format_date(facts.recruited_on) if facts.recruited_on else "chưa ghi"
    print(f"{facts.full_name} — ngày tuyển dụng: {recruited}")
    for y in facts.years:
        investigated = "; đang bị xem xét kỷ luật" if y.under_investigation else ""
        print(f"  Năm {y.year}: {y.rating_label or 'chưa có xếp loại'}{investigated}")
    for i in facts.initiatives:
        ref = f", {i.recognised_ref}" if i.recognised_ref else ""
        used = f"; đã dùng cho {i.used_by}" if i.used_by else ""
        print(f"  Sáng kiến năm {i.year}: «{i.title}» ({i.scope_label}{ref}){used}")
    for d in facts.disciplines:
        print(f"  Kỷ luật: {d.form} ({d.period()})")


def cmd_people_show(args: argparse.Namespace) -> int:
    from emulation_desk.services.records.person_facts import person_facts

    with workspace_for(args, readonly=True) as ws:
        facts = person_facts(ws, find_person(ws, args.person, args.unit, args.birth_year))
    if args.json:
        print(json.dumps(facts.to_json(), ensure_ascii=False, indent=2))
    else:
        print_person(facts)
    return EXIT_OK


def cmd_units_set(args: argparse.Namespace) -> int:
    from emulation_desk.services.records import unit_facts as uf

    names = ("head_count", "completed_count", "standard_count", "cstdcs_count", "disciplined_count", "rating",
             "notes")
    figures = {n: (None if getattr(args, n).strip() == "-" else getattr(args, n)) for n in names
               if getattr(args, n) is not None}
    with workspace_for(args) as ws:
        unit_id = find_unit(ws, args.unit)
        uf.set_unit_facts(ws, unit_id, args.year, **figures)
        _print_unit(ws, unit_id)
    return EXIT_OK


def _print_unit(ws: Any, unit_id: str) -> None:
    from emulation_desk.services.records import unit_facts as uf

    print(ws.store.get("unit", unit_id)["name"])
    for y in uf.unit_facts(ws, unit_id):
        rating = f"; tập thể xếp loại {y.rating_label.lower()}" if y.rating else ""
        print(f"  Năm {y.year}: {uf.figures_text(y) or 'chưa có số liệu'}{rating}")


def cmd_units_show(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from emulation_desk.services.records import unit_facts as uf

    with workspace_for(args, readonly=True) as ws:
        unit_id = find_unit(ws, args.unit)
        if args.json:
            print(json.dumps({"unit_id": unit_id, "years": [asdict(y) for y in uf.unit_facts(ws, unit_id)]},
                             ensure_ascii=False, indent=2))
        else:
            _print_unit(ws, unit_id)
    return EXIT_OK


def cmd_import_units(args: argparse.Namespace) -> int:
    from emulation_desk.cli.exchange import print_problems
    from emulation_desk.services.records.unit_import import import_units

    with workspace_for(args) as ws:
        try:
            result = import_units(ws, Path(args.file), dry_run=args.dry_run)
        except SpreadsheetError as exc:
            return print_problems(exc.problems, exc.message)
    for line in result.listing.skipped:
        print(f"Bỏ qua {line}.")
    print(result.summary())
    return EXIT_OK
