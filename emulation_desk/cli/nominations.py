"""Command ``nominations``: one nomination added or edited by hand, with its achievement year or period.

``nominations add --year Y --name N [--unit U] --form F [--nam-thanh-tich 2023|2022-2023] [--chuc-vu TEXT]
[--thanh-tich TEXT]`` adds a nomination of a person (``--tap-the``: the unit named ``--name``);
``nominations edit --year Y --name N [--unit U] [--form F] --nam-thanh-tich P`` sets the achievement of that
person's (or unit's) nomination of the year (``--nam-thanh-tich ""``: back to the year alone);
``nominations list --year Y`` prints the year's nominations with their achievement. Lists from the units are
imported with ``import nominations`` (the "Năm thành tích" column).
"""

from __future__ import annotations

import argparse
from typing import Any

from emulation_desk.cli import EXIT_OK, add_command, workspace_for
from emulation_desk.errors import NotFoundError, ValidationError

PERIOD_HELP = ("năm thành tích: một năm (2023) hoặc một giai đoạn kết thúc vào năm của đề nghị (2022-2023); "
               "bỏ trống: năm của đề nghị")


def register(subparsers: Any) -> None:
    group = add_command(subparsers, "nominations", "đề nghị khen thưởng: thêm, sửa năm thành tích, xem danh sách",
                        _usage)
    kinds = group.add_subparsers(dest="action", metavar="VIỆC")
    add = add_command(kinds, "add", "thêm một đề nghị khen thưởng", cmd_add)
    _who(add)
    add.add_argument("--form", required=True, metavar="HÌNH_THỨC", help="hình thức, ví dụ “LĐTT”, “CSTĐCS”")
    add.add_argument("--nam-thanh-tich", default="", metavar="NĂM|TỪ-ĐẾN", help=PERIOD_HELP)
    add.add_argument("--chuc-vu", default="", metavar="CHỨC_VỤ", help="chức vụ trong năm đề nghị")
    add.add_argument("--thanh-tich", default="", metavar="TÓM_TẮT", help="tóm tắt thành tích")
    edit = add_command(kinds, "edit", "sửa năm thành tích của một đề nghị", cmd_edit)
    _who(edit)
    edit.add_argument("--form", default="", metavar="HÌNH_THỨC", help="hình thức (khi người đó có nhiều đề nghị)")
    edit.add_argument("--nam-thanh-tich", required=True, metavar="NĂM|TỪ-ĐẾN", help=PERIOD_HELP)
    listing = add_command(kinds, "list", "các đề nghị của một năm với năm thành tích", cmd_list)
    listing.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm đề nghị, ví dụ 2024")


def _usage(args: argparse.Namespace) -> int:
    print("Hãy ghi việc cần làm: nominations add | edit | list (xem: emulation-desk nominations --help).")
    return 2


def _who(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm đề nghị, ví dụ 2024")
    parser.add_argument("--name", required=True, metavar="TÊN", help="họ và tên (hoặc tên tập thể với --tap-the)")
    parser.add_argument("--unit", default="", metavar="ĐƠN_VỊ", help="một phần tên đơn vị (khi có người trùng tên)")
    parser.add_argument("--tap-the", action="store_true", help="đề nghị cho tập thể (đơn vị) tên --name")


def _nominee(ws: Any, args: argparse.Namespace) -> tuple[str, str, str]:
    """(subject, id, name) of the person or the unit the command names."""
    if args.tap_the:
        from emulation_desk.core.text import fold

        rows = [u for u in ws.store.query("SELECT id, name FROM unit WHERE deleted_at IS NULL")
                if fold(u["name"]) == fold(args.name)]
        if len(rows) != 1:
            raise NotFoundError(f"Không tìm thấy đơn vị «{args.name}»." if not rows else
                                f"Có {len(rows)} đơn vị tên «{args.name}»; hãy sửa đề nghị trong cửa sổ.")
        return "tap_the", rows[0]["id"], rows[0]["name"]
    from emulation_desk.services.records.positions import resolve_person

    person = resolve_person(ws, args.name, args.unit)
    return "ca_nhan", person["id"], person["full_name"]


def _period_text(row: dict[str, Any]) -> str:
    from emulation_desk.services.awards.achievement import nomination_text

    return nomination_text(row).replace("-", "–")


def cmd_add(args: argparse.Namespace) -> int:
    from emulation_desk.services.awards.imports import resolve_form
    from emulation_desk.services.awards.nominations import add_nomination, get_nomination

    with workspace_for(args) as ws:
        subject, nominee, name = _nominee(ws, args)
        form = resolve_form(ws, args.form, year=args.year)
        created = add_nomination(ws, year=args.year, form_code=form, kind="cong_trang", subject=subject,
                                 **{"person_id" if subject == "ca_nhan" else "unit_id": nominee},
                                 position=args.chuc_vu if subject == "ca_nhan" else "", achievement=args.thanh_tich,
                                 status="submitted", achievement_period=args.nam_thanh_tich)
        row = get_nomination(ws, created.id)
        short = ws.catalog().form(form).short_name
    print(f"Đã thêm đề nghị {short} năm {args.year} cho {name}; năm thành tích {_period_text(row)}.")
    return EXIT_OK


def cmd_edit(args: argparse.Namespace) -> int:
    from emulation_desk.services.awards.imports import resolve_form
    from emulation_desk.services.awards.nominations import get_nomination, update_nomination

    with workspace_for(args) as ws:
        subject, nominee, name = _nominee(ws, args)
        column = "person_id" if subject == "ca_nhan" else "unit_id"
        rows = ws.store.query(f"SELECT id, form_code FROM nomination WHERE {column} = ? AND year = ? "
                              "AND deleted_at IS NULL", [nominee, args.year])
        if args.form:
            form = resolve_form(ws, args.form, year=args.year)
            rows = [r for r in rows if r["form_code"] == form]
        if not rows:
            raise NotFoundError(f"{name} không có đề nghị nào năm {args.year}"
                                + (f" với hình thức «{args.form}»." if args.form else "."))
        if len(rows) > 1:
            forms = ", ".join(ws.catalog().form(r["form_code"]).short_name for r in rows)
            raise ValidationError(f"{name} có {len(rows)} đề nghị năm {args.year} ({forms}). Hãy ghi thêm --form.")
        update_nomination(ws, rows[0]["id"], achievement_period=args.nam_thanh_tich)
        row = get_nomination(ws, rows[0]["id"])
    print(f"Đề nghị năm {args.year} của {name}: năm thành tích {_period_text(row)}.")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from emulation_desk.services.awards.nominations import STATUS_LABELS, list_nominations

    with workspace_for(args, readonly=True) as ws:
        rows = list_nominations(ws, args.year)
    print(f"Đề nghị khen thưởng năm {args.year}: {len(rows)}")
    for r in rows:
        print(f"  {r['nominee_name']} — {r['form_short_name']} — năm thành tích {_period_text(r)} — "
              f"{STATUS_LABELS[r['status']]}")
    return EXIT_OK
