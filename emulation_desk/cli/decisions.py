"""Command ``decisions``: the decisions of a year, and the texts of one decision.

``decisions list --year Y [--all]`` prints number, date, form, count and total of this office's decisions
(``--all``: the received ones too); ``decisions edit --number N --year Y [--dieu-3 TEXT] [--noi-nhan LINE…]
[--mac-dinh] [--nam-thanh-tich 2023|2022-2023|mac-dinh] [--ly-do TEXT]`` words Điều 3, the Nơi nhận lines and
the achievement year or period of one decision (an issued decision is corrected, with a logged reason);
``decisions create --signed-on D --title T --form F [--number N] [--issuer-level L --issuer-name NAME]
[--nam-thanh-tich P] [--nam-lam-viec Y]`` records a decision without its list (an own draft, or a received
decision): its achievement defaults to the year its title names, then the working year.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from emulation_desk.cli import EXIT_OK, EXIT_USAGE, add_command, workspace_for
from emulation_desk.core.money import format_money
from emulation_desk.core.text import format_count, format_date


def register(subparsers: Any) -> None:
    group = add_command(subparsers, "decisions", "quyết định khen thưởng: danh sách của một năm, sửa Điều 3 và "
                        "Nơi nhận", cmd_decisions_help)
    kinds = group.add_subparsers(dest="decisions_action", metavar="VIỆC")
    listing = add_command(kinds, "list", "liệt kê các quyết định của một năm (số, ngày, hình thức, số lượng, tiền "
                          "thưởng)", cmd_list)
    listing.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm, ví dụ 2020")
    listing.add_argument("--all", action="store_true", help="kể cả quyết định của cấp trên đã ghi nhận")
    edit = add_command(kinds, "edit", "sửa Điều 3 (tổ chức thực hiện) và Nơi nhận của một quyết định", cmd_edit)
    edit.add_argument("--number", required=True, metavar="SỐ", help="số quyết định, ví dụ 4520 hoặc 4520/QĐ-UBND")
    edit.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm, ví dụ 2020")
    edit.add_argument("--dieu-3", metavar="NỘI_DUNG", help="nội dung Điều 3 (bỏ trống: giữ như hiện tại)")
    edit.add_argument("--noi-nhan", nargs="+", metavar="DÒNG", help="các dòng Nơi nhận, ví dụ “Như Điều 3;” "
                      "“Sở Tài chính;” “Lưu: VT, NV.”")
    edit.add_argument("--mac-dinh", action="store_true", help="trở về Điều 3 và Nơi nhận mặc định của cơ quan")
    edit.add_argument("--nam-thanh-tich", metavar="NĂM", help="năm (2023) hoặc giai đoạn (2022-2023) đạt thành "
                      "tích; “mac-dinh”: theo trích yếu")
    edit.add_argument("--ly-do", default="", metavar="LÝ_DO", help="lý do đính chính (quyết định đã ban hành)")
    create = add_command(kinds, "create", "ghi một quyết định (dự thảo của cơ quan hoặc quyết định của cấp trên), "
                         "chưa có danh sách", cmd_create)
    create.add_argument("--signed-on", required=True, metavar="NGÀY", help="ngày ký, ví dụ 10/01/2024")
    create.add_argument("--title", required=True, metavar="TRÍCH_YẾU", help="trích yếu, ví dụ “Về việc tặng danh "
                        "hiệu Lao động tiên tiến năm 2023”")
    create.add_argument("--form", required=True, metavar="MÃ", help="mã hình thức khen thưởng, ví dụ LDTT")
    create.add_argument("--kind", default="cong_trang", metavar="LOẠI", help="loại khen thưởng (mặc định cong_trang)")
    create.add_argument("--number", default="", metavar="SỐ", help="số quyết định")
    create.add_argument("--symbol", default="QĐ-UBND", metavar="KÝ_HIỆU", help="ký hiệu (mặc định QĐ-UBND)")
    create.add_argument("--issuer-level", default="don_vi", choices=("don_vi", "tinh", "bo", "thu_tuong",
                                                                     "chu_tich_nuoc", "khac"),
                        help="cấp ban hành (mặc định don_vi: của cơ quan mình)")
    create.add_argument("--issuer-name", default="", metavar="CƠ_QUAN", help="cơ quan ban hành (cấp trên)")
    create.add_argument("--nam-thanh-tich", metavar="NĂM", help="năm (2023) hoặc giai đoạn (2022-2023) đạt thành "
                        "tích (bỏ trống: theo trích yếu, rồi năm làm việc)")
    create.add_argument("--nam-lam-viec", type=int, metavar="NĂM", help="năm làm việc (khi trích yếu không ghi năm)")
    group.set_defaults(decisions_parser=group)


def cmd_decisions_help(args: argparse.Namespace) -> int:
    args.decisions_parser.print_help()
    return EXIT_USAGE


def decision_lines(rows: list[dict[str, Any]]) -> list[str]:
    """One line per decision: number, date, form, count, total (and the issuer of a received one)."""
    out = []
    for r in rows:
        number = f"{r['number']}/{r['symbol']}" if r["number"] else f"(chưa có số)/{r['symbol']}"
        total = f"{format_money(r['total_amount'])} đồng" if r["total_amount"] else "chưa tính tiền thưởng" \
            if r["is_own"] else "-"
        status = "" if r["status"] == "issued" else " [dự thảo]"
        issuer = "" if r["is_own"] else f" — {r['issuer_name']}"
        earned = r.get("achievement_last")
        if earned is not None and (earned != r["year"] or r["achievement_first"] != earned):
            first = r["achievement_first"]
            status += f"; thành tích {earned if first == earned else f'{first}–{earned}'}"
        out.append(f"{number:<18} {format_date(date.fromisoformat(r['signed_on']))}  {r['form_name'] or r['title']}"
                   f"; {format_count(r['recipient_count'])} người/tập thể; {total}{status}{issuer}")
    return out


def cmd_list(args: argparse.Namespace) -> int:
    from emulation_desk.services.awards.decisions import list_decisions

    with workspace_for(args, readonly=True) as ws:
        rows = [r for r in list_decisions(ws, args.year) if args.all or r["is_own"]]
    if not rows:
        print(f"Năm {args.year} chưa có quyết định khen thưởng nào" + ("." if args.all else " của cơ quan."))
        return EXIT_OK
    print(f"Các quyết định khen thưởng năm {args.year} ({len(rows)}):")
    for line in decision_lines(rows):
        print(f"  {line}")
    return EXIT_OK


def cmd_edit(args: argparse.Namespace) -> int:
    from emulation_desk.services.awards.decisions import set_decision_texts
    from emulation_desk.services.reporting.decision_data import decision_texts, resolve_decision

    with workspace_for(args) as ws:
        decision = resolve_decision(ws, args.number, args.year)
        if args.nam_thanh_tich is not None:
            _set_achievement(ws, decision, args)
            if args.dieu_3 is None and args.noi_nhan is None and not args.mac_dinh:
                return EXIT_OK
        execution = "" if args.mac_dinh else (args.dieu_3 if args.dieu_3 is not None else decision["execution_text"])
        recipients = [] if args.mac_dinh else (args.noi_nhan if args.noi_nhan is not None
                                               else decision["recipients_text"].splitlines())
        set_decision_texts(ws, decision["id"], execution_text=execution, recipients=recipients,
                           reason=args.ly_do)
        texts = decision_texts(ws, ws.store.get("decision", decision["id"]))
    print(f"Điều 3{'' if texts.own_execution else ' (mặc định)'}: {texts.execution}")
    print(f"Nơi nhận{'' if texts.own_recipients else ' (mặc định)'}: " + " ".join(f"- {r}" for r in texts.recipients))
    return EXIT_OK


def _set_achievement(ws: Any, decision: dict[str, Any], args: argparse.Namespace) -> None:
    from emulation_desk.services.awards.achievement import set_decision_achievement, stored_period

    value = None if args.nam_thanh_tich.strip().lower() in ("mac-dinh", "mặc định", "") else args.nam_thanh_tich
    set_decision_achievement(ws, decision["id"], value, reason=args.ly_do)
    period = stored_period(ws.store.get("decision", decision["id"]))
    print(f"Năm thành tích: {period.label()} (quyết định ký năm {decision['year']}).")


def cmd_create(args: argparse.Namespace) -> int:
    from emulation_desk.services.awards.achievement import stored_period
    from emulation_desk.services.awards.decisions import create_decision

    with workspace_for(args) as ws:
        issuer = args.issuer_name
        if args.issuer_level == "don_vi" and not issuer:
            organisation = ws.organisation() or {}
            head = (organisation.get("head_title") or "CHỦ TỊCH").capitalize()
            issuer = " ".join(x for x in (head, organisation.get("body_short"), organisation.get("place_name")) if x)
        created = create_decision(ws, number=args.number, symbol=args.symbol, signed_on=args.signed_on,
                                  issuer_level=args.issuer_level, issuer_name=issuer, title=args.title,
                                  kind=args.kind, form_code=args.form, achievement_period=args.nam_thanh_tich,
                                  working_year=args.nam_lam_viec)
        decision = ws.store.get("decision", created.id)
    assert decision is not None
    what = "Dự thảo quyết định" if decision["is_own"] else "Quyết định của cấp trên"
    number = f"{decision['number']}/{decision['symbol']}" if decision["number"] else "(chưa có số)"
    print(f"{what} số {number} ngày {format_date(date.fromisoformat(decision['signed_on']))}: "
          f"thành tích {stored_period(decision).label()}.")
    return EXIT_OK
