"""Commands ``people`` and ``report-period``: positions by year and the table's reporting period.

``people position --name N [--unit U] --from-year Y --chuc-vu TEXT [--lanh-dao co|khong] [--ghi-chu TEXT]``
records the position held from a year on (the dictionary of positions proposes the management flag unless
``--lanh-dao`` says it); ``people positions --name N [--unit U] [--year Y]`` prints the history (and the
position held in a year). ``report-period [--set nam|thong_ke]`` shows or sets which decisions the table of a
year counts (calendar year, or 01/12 of the year before to 30/11).
"""

from __future__ import annotations

import argparse
from typing import Any

from emulation_desk.cli import EXIT_OK, add_command, workspace_for

FLAGS = {"co": True, "khong": False}


def register(subparsers: Any) -> None:
    """``report-period``, and ``people position|positions`` added to the ``people`` command that
    :mod:`emulation_desk.cli.records` builds (its facts) when it is built beside."""
    if "people" in subparsers.choices:
        register_positions(subparsers.choices["people"])
    period = add_command(subparsers, "report-period", "xem hoặc đặt kỳ của biểu tổng hợp (năm dương lịch hoặc "
                         "01/12 năm trước đến 30/11)", cmd_report_period)
    period.add_argument("--set", choices=("nam", "thong_ke"), help="nam: năm dương lịch; thong_ke: từ 01/12 năm "
                        "trước đến 30/11")
    period.add_argument("--year", type=int, default=None, metavar="NĂM", help="năm để in khoảng ngày, ví dụ 2020")


def register_positions(group: argparse.ArgumentParser) -> None:
    kinds = next(a for a in group._actions if isinstance(a, argparse._SubParsersAction))
    position = add_command(kinds, "position", "ghi chức vụ của một người từ một năm trở đi", cmd_position)
    _who(position)
    position.add_argument("--from-year", type=int, required=True, metavar="NĂM", help="năm bắt đầu giữ chức vụ")
    position.add_argument("--chuc-vu", required=True, metavar="CHỨC_VỤ", help="ví dụ “Trưởng phòng Nội vụ”")
    position.add_argument("--lanh-dao", choices=sorted(FLAGS), help="có/không là lãnh đạo, quản lý (bỏ trống: "
                          "theo danh mục chức vụ)")
    position.add_argument("--ghi-chu", default="", metavar="GHI_CHÚ", help="ghi chú")
    history = add_command(kinds, "positions", "in các chức vụ theo năm của một người", cmd_positions)
    _who(history)
    history.add_argument("--year", type=int, metavar="NĂM", help="in thêm chức vụ giữ trong năm này")



def _who(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--name", required=True, metavar="HỌ_TÊN", help="họ và tên")
    parser.add_argument("--unit", default="", metavar="ĐƠN_VỊ", help="một phần tên đơn vị (khi có người trùng tên)")


def cmd_position(args: argparse.Namespace) -> int:
    from emulation_desk.services.records.positions import position_at, resolve_person, set_position

    with workspace_for(args) as ws:
        person = resolve_person(ws, args.name, args.unit)
        set_position(ws, person["id"], args.from_year, args.chuc_vu,
                     is_manager=FLAGS[args.lanh_dao] if args.lanh_dao else None, notes=args.ghi_chu)
        held = position_at(ws, person["id"], args.from_year)
    print(f"{person['full_name']}: {held.describe()}.")
    return EXIT_OK


def cmd_positions(args: argparse.Namespace) -> int:
    from emulation_desk.services.records.positions import position_at, position_history, resolve_person

    with workspace_for(args, readonly=True) as ws:
        person = resolve_person(ws, args.name, args.unit)
        rows = position_history(ws, person["id"])
        held = position_at(ws, person["id"], args.year) if args.year else None
    print(f"Chức vụ của {person['full_name']}:")
    if not rows:
        print(f"  chưa ghi theo năm; hiện tại: {person['position'] or '(chưa ghi)'}"
              f"{' — lãnh đạo, quản lý' if person['is_manager'] else ''}")
    for r in rows:
        since = f"từ năm {r['from_year']}" if r["from_year"] else "trước đây"
        role = "lãnh đạo, quản lý" if r["is_manager"] else "không phải lãnh đạo, quản lý"
        print(f"  {since:<12} {r['position'] or '(chưa ghi)'} — {role} ({r['source_label']})")
    if held is not None:
        print(f"Năm {args.year}: {held.describe()}.")
    return EXIT_OK


def cmd_report_period(args: argparse.Namespace) -> int:
    from emulation_desk.core.report_period import PERIOD_KINDS
    from emulation_desk.services.reporting.statistics import report_period, set_report_period

    with workspace_for(args, readonly=args.set is None) as ws:
        if args.set:
            set_report_period(ws, args.set)
        period = report_period(ws, args.year or 2000)
    print(f"Kỳ của biểu tổng hợp: {PERIOD_KINDS[period.kind]}.")
    if args.year:
        print(period.note())
    return EXIT_OK
