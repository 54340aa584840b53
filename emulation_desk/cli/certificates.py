"""Commands after the decision: certificates and printer profiles.

``export certificates --number N --year Y --out F.pdf [--blank] [--profile P] [--only 3,7]`` (one page
per recipient in the list's order; ``--only``: reprint those Sổ vàng numbers), ``export calibration --out
F.pdf [--layout a4_ngang|a3_ngang] [--profile P]``; ``certificates log --number N --year Y``; ``printer
list|save|measure|delete``.
"""

from __future__ import annotations

import argparse
from typing import Any

from emulation_desk.cli import EXIT_OK, EXIT_USAGE, add_command, workspace_for
from emulation_desk.core.text import format_decimal
from emulation_desk.errors import ValidationError


def _export_kinds(subparsers: Any) -> Any:
    """The ``export`` command's own sub-commands (registered by :mod:`emulation_desk.cli.export`)."""
    export = subparsers.choices["export"]
    return next(a for a in export._actions if isinstance(a, argparse._SubParsersAction))


def register(subparsers: Any) -> None:
    """The ``certificates`` and ``printer`` commands, and, when ``export`` is built beside them, its
    ``certificates`` and ``calibration`` kinds."""
    if "export" in subparsers.choices:
        register_export(subparsers)
    register_log(subparsers)
    register_printer(subparsers)


def register_export(subparsers: Any) -> None:
    kinds = _export_kinds(subparsers)
    certificates = add_command(kinds, "certificates", "giấy khen, bằng khen, giấy chứng nhận theo một quyết định "
                               "của cơ quan (PDF, mỗi người một trang, theo thứ tự danh sách)", cmd_export_certificates)
    certificates.add_argument("--number", required=True, metavar="SỐ", help="số quyết định, ví dụ 2891")
    certificates.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm, ví dụ 2020")
    certificates.add_argument("--out", required=True, metavar="TỆP", help="tệp PDF cần ghi")
    certificates.add_argument("--blank", action="store_true",
                              help="in lên phôi mua sẵn (chỉ in phần chữ thay đổi); không ghi: in toàn bộ trên giấy trắng")
    certificates.add_argument("--profile", metavar="HỒ_SƠ", help="hồ sơ máy in (độ lệch, tỷ lệ) cần áp dụng")
    certificates.add_argument("--only", metavar="SỐ_SỔ_VÀNG", help="chỉ in lại các giấy có số sổ vàng này, ví dụ 3,7")
    calibration = add_command(kinds, "calibration", "trang căn chỉnh máy in (thước mi-li-mét, dấu chữ thập) để đặt "
                              "chồng lên phôi", cmd_export_calibration)
    calibration.add_argument("--out", required=True, metavar="TỆP", help="tệp PDF cần ghi")
    calibration.add_argument("--layout", default="a4_ngang", metavar="MẪU", help="mẫu phôi: a4_ngang (mặc định) "
                             "hoặc a3_ngang")
    calibration.add_argument("--profile", metavar="HỒ_SƠ", help="in kèm hiệu chỉnh của hồ sơ máy in này (để kiểm tra)")


def register_log(subparsers: Any) -> None:
    group = add_command(subparsers, "certificates", "giấy khen đã in: nhật ký in của một quyết định",
                        cmd_group_help)
    actions = group.add_subparsers(dest="certificates_action", metavar="VIỆC")
    log = add_command(actions, "log", "các lần in giấy khen của một quyết định (ai, khi nào, số sổ vàng, hồ sơ "
                      "máy in)", cmd_log)
    log.add_argument("--number", required=True, metavar="SỐ", help="số quyết định")
    log.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm")
    group.set_defaults(group_parser=group)


def register_printer(subparsers: Any) -> None:
    group = add_command(subparsers, "printer", "hồ sơ máy in để in giấy khen lên phôi: xem, thêm, sửa, đo, xóa",
                        cmd_group_help)
    actions = group.add_subparsers(dest="printer_action", metavar="VIỆC")
    add_command(actions, "list", "liệt kê các hồ sơ máy in", cmd_printer_list)
    save = add_command(actions, "save", "thêm hồ sơ máy in, hoặc sửa hồ sơ cùng tên", cmd_printer_save)
    save.add_argument("--name", required=True, metavar="TÊN", help="tên hồ sơ, ví dụ “Canon phòng Nội vụ - khay 2”")
    save.add_argument("--printer", default="", metavar="MÁY_IN", help="tên máy in")
    save.add_argument("--tray", default="", metavar="KHAY", help="khay giấy")
    save.add_argument("--offset-x", default="0", metavar="MM", help="độ lệch ngang (mm, dương: sang phải)")
    save.add_argument("--offset-y", default="0", metavar="MM", help="độ lệch dọc (mm, dương: xuống dưới)")
    save.add_argument("--scale-x", default="1", metavar="TỶ_LỆ", help="tỷ lệ ngang (1: không co giãn)")
    save.add_argument("--scale-y", default="1", metavar="TỶ_LỆ", help="tỷ lệ dọc (1: không co giãn)")
    save.add_argument("--notes", default="", metavar="GHI_CHÚ", help="ghi chú")
    measure = add_command(actions, "measure", "tính độ lệch và tỷ lệ từ trang căn chỉnh đã in (không hồ sơ): vị trí "
                          "đo được của dấu chữ thập góc trên bên trái và góc dưới bên phải", cmd_printer_measure)
    measure.add_argument("--name", required=True, metavar="TÊN", help="tên hồ sơ cần lưu")
    measure.add_argument("--layout", default="a4_ngang", metavar="MẪU", help="mẫu phôi của trang căn chỉnh")
    measure.add_argument("--top-left", required=True, metavar="X;Y", help="vị trí đo được (mm từ mép trái; mép "
                         "trên), ví dụ “21,5;19”")
    measure.add_argument("--bottom-right", required=True, metavar="X;Y", help="vị trí đo được, ví dụ “276;190,5”")
    delete = add_command(actions, "delete", "xóa một hồ sơ máy in (nhật ký in vẫn giữ các số đã dùng)",
                         cmd_printer_delete)
    delete.add_argument("--name", required=True, metavar="TÊN", help="tên hồ sơ")
    group.set_defaults(group_parser=group)


def cmd_group_help(args: argparse.Namespace) -> int:
    args.group_parser.print_help()
    return EXIT_USAGE


def _numbers(text: str | None) -> list[int] | None:
    if not text:
        return None
    try:
        return sorted({int(part) for part in text.replace(";", ",").split(",") if part.strip()})
    except ValueError:
        raise ValidationError(f"“{text}” không phải danh sách số sổ vàng; hãy ghi ví dụ --only 3,7.") from None


def cmd_export_certificates(args: argparse.Namespace) -> int:
    from emulation_desk.services.reporting.certificates import warning_message
    from emulation_desk.services.reporting.registry import export_document

    only = _numbers(args.only)
    with workspace_for(args) as ws:  # a writer: the first print fixes the Sổ vàng numbers, every print is logged
        written = export_document(ws, "certificates", args.out, number=args.number, year=args.year,
                                  blank=args.blank, profile=args.profile, only=only)
    how = "lên phôi" if args.blank else "toàn bộ trên giấy trắng"
    print(f"Đã ghi {written.pages} giấy ({how}, mẫu {written.detail.layout}) vào tệp: {written.path}")
    print("Khi in: chọn “Kích thước thực” (100%), không co giãn trang.")
    if written.warnings:
        print(warning_message(written.warnings))
    return EXIT_OK


def cmd_export_calibration(args: argparse.Namespace) -> int:
    from emulation_desk.services.reporting.registry import export_document

    with workspace_for(args) as ws:
        written = export_document(ws, "calibration", args.out, layout=args.layout, profile=args.profile)
    print(f"Đã ghi trang căn chỉnh vào tệp: {written.path}. In trên giấy thường, chế độ “Kích thước thực” (100%).")
    return EXIT_OK


def cmd_log(args: argparse.Namespace) -> int:
    from emulation_desk.services.reporting.certificates import print_log
    from emulation_desk.services.reporting.decision_data import resolve_decision

    with workspace_for(args, readonly=True) as ws:
        decision = resolve_decision(ws, args.number, args.year)
        entries = print_log(ws, decision["id"])
    if not entries:
        print(f"Chưa in giấy khen nào theo Quyết định số {args.number} năm {args.year}.")
        return EXIT_OK
    for e in entries:
        what = "in lại" if e["reprint"] else "in"
        mode = "lên phôi" if e["mode"] == "blank" else "toàn bộ"
        profile = f", hồ sơ máy in {e['profile_name']}" if e["profile_name"] else ""
        numbers = _ranges(e["numbers"])
        print(f"{e['created_at']}  {e['created_by']}: {what} {e['pages']} giấy ({mode}{profile}); số sổ vàng {numbers}")
    return EXIT_OK


def _ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    for n in numbers:
        if parts and "–" not in parts[-1] and int(parts[-1]) == n - 1:
            parts[-1] = f"{parts[-1]}–{n}"
        elif parts and "–" in parts[-1] and int(parts[-1].split("–")[1]) == n - 1:
            parts[-1] = f"{parts[-1].split('–')[0]}–{n}"
        else:
            parts.append(str(n))
    return ", ".join(parts)


def _profile_line(p: Any) -> str:
    where = ", ".join(part for part in (p.printer, p.tray) if part)
    return (f"{p.name}{f' ({where})' if where else ''}: lệch X {format_decimal(p.offset_x_mm, 2)} mm, lệch Y "
            f"{format_decimal(p.offset_y_mm, 2)} mm, tỷ lệ X {format_decimal(p.scale_x, 4)}, tỷ lệ Y "
            f"{format_decimal(p.scale_y, 4)}")


def cmd_printer_list(args: argparse.Namespace) -> int:
    from emulation_desk.services.reporting.printers import list_profiles

    with workspace_for(args, readonly=True) as ws:
        profiles = list_profiles(ws)
    if not profiles:
        print("Chưa có hồ sơ máy in nào. Thêm bằng lệnh: printer save --name TÊN …")
    for p in profiles:
        print(_profile_line(p))
    return EXIT_OK


def _existing_id(ws: Any, name: str) -> str | None:
    from emulation_desk.core.text import fold
    from emulation_desk.services.reporting.printers import list_profiles

    return next((p.id for p in list_profiles(ws) if fold(p.name) == fold(name)), None)


def cmd_printer_save(args: argparse.Namespace) -> int:
    from emulation_desk.services.reporting.printers import get_profile, save_printer_profile

    with workspace_for(args) as ws:
        created = save_printer_profile(ws, _existing_id(ws, args.name), name=args.name, printer=args.printer,
                                       tray=args.tray, offset_x_mm=args.offset_x, offset_y_mm=args.offset_y,
                                       scale_x=args.scale_x, scale_y=args.scale_y, notes=args.notes)
        print(f"Đã lưu hồ sơ máy in {_profile_line(get_profile(ws, created.id))}.")
    return EXIT_OK


def _point(text: str, option: str) -> tuple[float, float]:
    parts = text.replace(" ", "").split(";")
    try:
        x, y = (float(part.replace(",", ".")) for part in parts)
    except ValueError:
        raise ValidationError(f"{option} “{text}”: hãy ghi hai số X;Y (mm), ví dụ “21,5;19”.") from None
    return x, y


def cmd_printer_measure(args: argparse.Namespace) -> int:
    from emulation_desk.documents.calibration import crosshair_points
    from emulation_desk.documents.certificate_layout import shipped_layouts
    from emulation_desk.services.reporting.printers import (
        correction_from_measures,
        get_profile,
        save_printer_profile,
    )

    points = crosshair_points(shipped_layouts().by_code(args.layout))
    measured = (_point(args.top_left, "--top-left"), _point(args.bottom_right, "--bottom-right"))
    ox, oy, sx, sy = correction_from_measures((points[0], points[3]), measured)
    with workspace_for(args) as ws:
        existing = _existing_id(ws, args.name)
        kept = get_profile(ws, existing) if existing else None
        created = save_printer_profile(ws, existing, name=args.name, printer=kept.printer if kept else "",
                                       tray=kept.tray if kept else "", notes=kept.notes if kept else "",
                                       offset_x_mm=round(ox, 2), offset_y_mm=round(oy, 2), scale_x=round(sx, 4),
                                       scale_y=round(sy, 4))
        print(f"Đã lưu hồ sơ máy in {_profile_line(get_profile(ws, created.id))}.")
    return EXIT_OK


def cmd_printer_delete(args: argparse.Namespace) -> int:
    from emulation_desk.services.reporting.printers import delete_profile

    with workspace_for(args) as ws:
        delete_profile(ws, args.name)
    print(f"Đã xóa hồ sơ máy in {args.name}.")
    return EXIT_OK
