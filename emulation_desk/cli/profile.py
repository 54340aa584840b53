"""Command ``profile``: the office profile of a new file without the window.

``profile set --parent-body "UBND TỈNH NINH BÌNH" --issuing-body "ỦY BAN NHÂN DÂN XÃ AN BÌNH" --place "An Bình"``
(the level and the short name follow from the issuing body), further options for the document symbols, the
province's regulation, the signatories (``--signatory TÊN CHỨC_VỤ``, repeated: the list replaces the one kept)
and the council (``--council-member TÊN CHỨC_VỤ VAI_TRÒ``, repeated); ``profile show [--json]``.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from emulation_desk.cli import EXIT_OK, EXIT_USAGE, add_command, workspace_for

# option → (organisation field, help)
TEXT_OPTIONS = {
    "--parent-body": ("parent_body", "tên cơ quan chủ quản, ví dụ “UBND TỈNH NINH BÌNH”"),
    "--issuing-body": ("issuing_body", "tên cơ quan ban hành, ví dụ “ỦY BAN NHÂN DÂN XÃ AN BÌNH”"),
    "--place": ("place_name", "địa danh ghi ở ngày tháng văn bản, ví dụ “An Bình”"),
    "--body-short": ("body_short", "tên gọi tắt dùng trong lời văn (mặc định theo tên cơ quan, ví dụ “UBND xã”)"),
    "--head-title": ("head_title", "chức danh người đứng đầu (mặc định CHỦ TỊCH)"),
    "--office-name": ("office_name", "cơ quan thường trực Hội đồng, ví dụ “Văn phòng HĐND và UBND xã”"),
    "--council-name": ("council_name", "tên Hội đồng Thi đua - Khen thưởng"),
    "--regulation": ("provincial_regulation", "quy định thi đua, khen thưởng của tỉnh (số, ngày, trích yếu)"),
    "--fund-source": ("fund_source", "nguồn kinh phí khen thưởng"),
    "--symbol-report": ("symbol_report", "ký hiệu báo cáo (mặc định BC-UBND)"),
    "--symbol-decision": ("symbol_decision", "ký hiệu quyết định (mặc định QĐ-UBND)"),
    "--symbol-submission": ("symbol_submission", "ký hiệu tờ trình (mặc định TTr-UBND)"),
    "--symbol-minutes": ("symbol_minutes", "ký hiệu biên bản họp Hội đồng (mặc định BB-HĐTĐKT)"),
}
LEVELS = {"xa": "cấp xã", "huyen": "cấp huyện", "tinh": "cấp tỉnh"}


def register(subparsers: Any) -> None:
    profile = add_command(subparsers, "profile", "thông tin cơ quan: tên, địa danh, ký hiệu văn bản, người ký, "
                          "Hội đồng Thi đua - Khen thưởng", lambda args: _help(args))
    actions = profile.add_subparsers(dest="profile_action", metavar="VIỆC")
    profile._subparsers.title = "Các việc"  # type: ignore[union-attr]
    set_ = add_command(actions, "set", "ghi thông tin cơ quan (chỉ các mục được ghi; mục khác giữ nguyên)", cmd_set)
    for option, (_field, help_text) in TEXT_OPTIONS.items():
        set_.add_argument(option, metavar="CHỮ", help=help_text)
    set_.add_argument("--level", choices=sorted(LEVELS), help="cấp hành chính (mặc định theo tên cơ quan ban hành)")
    set_.add_argument("--signatory", nargs=2, action="append", metavar=("TÊN", "CHỨC_VỤ"),
                      help="người ký và chức vụ, ví dụ --signatory \"Nguyễn Văn An\" \"CHỦ TỊCH\" (ghi nhiều lần; "
                           "chức vụ khác chức danh người đứng đầu thì ký thay: KT. CHỦ TỊCH)")
    set_.add_argument("--council-member", nargs=3, action="append", metavar=("TÊN", "CHỨC_VỤ", "VAI_TRÒ"),
                      help="thành viên Hội đồng; vai trò: chu_tich, pho_chu_tich, uy_vien, uy_vien_thu_ky "
                           "(ghi nhiều lần; danh sách thay cho danh sách cũ)")
    show = add_command(actions, "show", "in thông tin cơ quan, người ký, Hội đồng và chế độ đang áp dụng", cmd_show)
    show.add_argument("--json", action="store_true", help="in dạng JSON")
    profile.set_defaults(profile_parser=profile)


def _help(args: argparse.Namespace) -> int:
    args.profile_parser.print_help()
    return EXIT_USAGE


def cmd_set(args: argparse.Namespace) -> int:
    from emulation_desk.services.records.profile import Member, Signer, save_profile

    fields: dict[str, Any] = {field: getattr(args, option[2:].replace("-", "_"))
                              for option, (field, _) in TEXT_OPTIONS.items()}
    fields["level"] = args.level
    signers = [Signer(name, position) for name, position in args.signatory] if args.signatory else None
    members = [Member(*m) for m in args.council_member] if args.council_member else None
    with workspace_for(args) as ws:
        save_profile(ws, signers=signers, members=members, **fields)
        print("Đã ghi thông tin cơ quan.")
        _print(_summary(ws))
    return EXIT_OK


def _summary(ws: Any) -> dict[str, Any]:
    from emulation_desk.services.records.profile import law_on, profile

    data = profile(ws)
    organisation = data["organisation"]
    return {
        "organisation": {k: organisation[k] for k in ("parent_body", "issuing_body", "body_short", "level",
                                                      "place_name", "head_title", "office_name", "council_name",
                                                      "provincial_regulation", "symbol_report", "symbol_decision",
                                                      "symbol_submission", "symbol_minutes")} if organisation else None,
        "signatories": [{"full_name": s["full_name"], "position": s["position"], "is_head": bool(s["is_head"])}
                        for s in data["signatories"]],
        "council": data["council"]["name"] if data["council"] else None,
        "members": [{"full_name": m["full_name"], "position": m["position"], "role": m["role"]}
                    for m in data["members"]],
        "law": law_on(ws, date.today()),
    }


def _print(summary: dict[str, Any]) -> None:
    from emulation_desk.services.records.org import COUNCIL_ROLES

    organisation = summary["organisation"]
    if organisation is None:
        print("Chưa có thông tin cơ quan. Ghi bằng: emulation-desk profile set --parent-body … --issuing-body … "
              "--place …")
    else:
        print(f"Cơ quan chủ quản: {organisation['parent_body']}")
        print(f"Cơ quan ban hành: {organisation['issuing_body']} ({LEVELS[organisation['level']]}; "
              f"gọi tắt: {organisation['body_short']})")
        print(f"Địa danh: {organisation['place_name']}")
        print("Ký hiệu văn bản: " + ", ".join(organisation[k] for k in ("symbol_report", "symbol_decision",
                                                                           "symbol_submission", "symbol_minutes")))
        print(f"Quy định của tỉnh: {organisation['provincial_regulation'] or '(chưa ghi)'}")
    for s in summary["signatories"]:
        print(f"Người ký: {s['full_name']} — {s['position']}" + ("" if s["is_head"] else " (ký thay người đứng đầu)"))
    if summary["council"]:
        print(f"{summary['council']}: {len(summary['members'])} thành viên")
        for m in summary["members"]:
            print(f"  {m['full_name']} — {m['position']} — {COUNCIL_ROLES[m['role']]}")
    print(f"Chế độ áp dụng hôm nay: {summary['law']['regime']}")
    print(f"Mức lương cơ sở: {summary['law']['base_salary']}")


def cmd_show(args: argparse.Namespace) -> int:
    with workspace_for(args, readonly=True) as ws:
        summary = _summary(ws)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        _print(summary)
    return EXIT_OK
