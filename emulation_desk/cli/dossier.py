"""Commands for the dossier upward (hồ sơ đề nghị cấp trên khen thưởng).

``export dossier --year Y --form CODE --out FOLDER [--date D] [--number N]`` writes one folder (named by the
tờ trình's number and date) with the tờ trình, the council's minutes and each báo cáo thành tích as PDF and
Word, and a zip of it; ``dossier list --year Y``; ``dossier sent --year Y --form CODE --number N --date D``;
``dossier decided --year Y --form CODE --decision N --decision-year Y2`` (the higher level's decision,
recorded beforehand with the received-decision flow, closes the dossier).
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from emulation_desk.cli import EXIT_OK, EXIT_USAGE, add_command, workspace_for
from emulation_desk.core.text import format_date
from emulation_desk.errors import KnownError


def _export_kinds(subparsers: Any) -> Any:
    export = subparsers.choices["export"]
    return next(a for a in export._actions if isinstance(a, argparse._SubParsersAction))


def _year_form(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm của các đề nghị, ví dụ 2021")
    sub.add_argument("--form", required=True, metavar="MÃ", help="mã hình thức, ví dụ BK_TINH, CSTD_TINH, BK_TTG")


def register(subparsers: Any) -> None:
    """The ``dossier`` command, and ``export dossier`` when ``export`` is built beside it."""
    if "export" in subparsers.choices:
        register_export(subparsers)
    register_group(subparsers)


def register_export(subparsers: Any) -> None:
    export = add_command(_export_kinds(subparsers), "dossier", "hồ sơ đề nghị cấp trên khen thưởng (tờ trình, biên "
                         "bản họp Hội đồng, báo cáo thành tích; PDF và Word; thư mục và tệp nén)", cmd_export)
    _year_form(export)
    export.add_argument("--out", required=True, metavar="THƯ_MỤC", help="thư mục đặt hồ sơ")
    export.add_argument("--date", metavar="NGÀY", help="ngày của tờ trình (mặc định: hôm nay)")
    export.add_argument("--number", default="", metavar="SỐ", help="số tờ trình (có thể để trống, ghi sau)")


def register_group(subparsers: Any) -> None:
    group = add_command(subparsers, "dossier", "hồ sơ đề nghị cấp trên khen thưởng: xem, ghi đã gửi, ghi quyết "
                        "định của cấp trên", cmd_help)
    actions = group.add_subparsers(dest="dossier_action", metavar="VIỆC")
    listing = add_command(actions, "list", "các hồ sơ của một năm và trạng thái", cmd_list)
    listing.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm")
    sent = add_command(actions, "sent", "ghi hồ sơ đã gửi cấp trên (số và ngày tờ trình)", cmd_sent)
    _year_form(sent)
    sent.add_argument("--number", required=True, metavar="SỐ", help="số tờ trình")
    sent.add_argument("--date", required=True, metavar="NGÀY", help="ngày gửi, ví dụ 03/12/2021")
    decided = add_command(actions, "decided", "ghi quyết định của cấp trên cho hồ sơ (đã nhập quyết định nhận "
                          "được)", cmd_decided)
    _year_form(decided)
    decided.add_argument("--decision", required=True, metavar="SỐ", help="số quyết định của cấp trên, ví dụ 412")
    decided.add_argument("--decision-year", type=int, metavar="NĂM", help="năm của quyết định (mặc định: năm sau)")
    group.set_defaults(group_parser=group)


def cmd_help(args: argparse.Namespace) -> int:
    args.group_parser.print_help()
    return EXIT_USAGE


def _dossier(ws: Any, year: int, form: str) -> dict[str, Any]:
    from emulation_desk.services.council.dossier import find_dossier

    found = find_dossier(ws, year, form)
    if found is None:
        raise KnownError(f"Chưa có hồ sơ đề nghị {form} năm {year}. Hãy xuất hồ sơ trước (export dossier).")
    return found


def cmd_export(args: argparse.Namespace) -> int:
    from emulation_desk.services.reporting.registry import export_document

    with workspace_for(args) as ws:
        written = export_document(ws, "dossier", args.out, year=args.year, form=args.form, dated_on=args.date,
                                  number=args.number)
    print(written.detail.summary())
    for warning in written.warnings:
        print(f"Lưu ý: {warning}")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from emulation_desk.services.council.dossier import STATUS_LABELS, list_dossiers

    with workspace_for(args, readonly=True) as ws:
        rows = list_dossiers(ws, args.year)
    if not rows:
        print(f"Năm {args.year} chưa có hồ sơ đề nghị cấp trên nào.")
    for r in rows:
        number = f"số {r['number']}/{r['symbol']}" if r["number"] else "chưa có số"
        sent = f", gửi ngày {format_date(date.fromisoformat(r['sent_on']))}" if r["sent_on"] else ""
        print(f"{r['form_name']}: tờ trình {number} ngày {format_date(date.fromisoformat(r['dated_on']))}, "
              f"{r['items']} đề nghị — {STATUS_LABELS[r['status']]}{sent}")
    return EXIT_OK


def cmd_sent(args: argparse.Namespace) -> int:
    from emulation_desk.services.council.dossier import mark_sent

    with workspace_for(args) as ws:
        mark_sent(ws, _dossier(ws, args.year, args.form)["id"], sent_on=args.date, number=args.number)
    print(f"Đã ghi hồ sơ {args.form} năm {args.year} đã gửi cấp trên (Tờ trình số {args.number}, ngày {args.date}).")
    return EXIT_OK


def cmd_decided(args: argparse.Namespace) -> int:
    from emulation_desk.services.awards.decisions import find_decision
    from emulation_desk.services.council.dossier import close_dossier

    with workspace_for(args) as ws:
        decision = find_decision(ws, args.decision, args.decision_year or args.year + 1)
        dossier = _dossier(ws, args.year, args.form)
        close_dossier(ws, dossier["id"], decision["id"])
        counts = ws.store.query("SELECT outcome, count(*) AS n FROM dossier_item WHERE dossier_id = ? GROUP BY "
                                "outcome", [dossier["id"]])
    by = {r["outcome"]: r["n"] for r in counts}
    print(f"Đã ghi quyết định số {args.decision} của cấp trên: {by.get('awarded', 0)} được khen thưởng, "
          f"{by.get('not_awarded', 0)} không có trong quyết định.")
    return EXIT_OK
