"""Command ``decisions``: the decisions of a year, and the texts of one decision.

``decisions list --year Y [--all]`` prints number, date, form, count and total of this office's decisions
(``--all``: the received ones too); ``decisions edit --number N --year Y [--dieu-3 TEXT] [--noi-nhan LINE…]
[--mac-dinh] [--ly-do TEXT]`` words Điều 3 and the Nơi nhận lines of one decision (an issued decision is
corrected, with a logged reason).
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
    edit.add_argument("--ly-do", default="", metavar="LÝ_DO", help="lý do đính chính (quyết định đã ban hành)")
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
        execution = "" if args.mac_dinh else (args.dieu_3 if args.dieu_3 is not None else decision["execution_text"])
        recipients = [] if args.mac_dinh else (args.noi_nhan if args.noi_nhan is not None
                                               else decision["recipients_text"].splitlines())
        set_decision_texts(ws, decision["id"], execution_text=execution, recipients=recipients,
                           reason=args.ly_do)
        texts = decision_texts(ws, ws.store.get("decision", decision["id"]))
    print(f"Điều 3{'' if texts.own_execution else ' (mặc định)'}: {texts.execution}")
    print(f"Nơi nhận{'' if texts.own_recipients else ' (mặc định)'}: " + " ".join(f"- {r}" for r in texts.recipients))
    return EXIT_OK
