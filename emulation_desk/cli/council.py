"""Command ``council``: the council meeting of a year.

``council new --year Y --date D [--place …] [--start 08:00]``, ``council edit --meeting ID [--end 11:30]
[--board NAME…]``, ``council attend --meeting ID --absent NAME…
[--written NAME…]``, ``council tally --meeting ID --file counts.csv|counts.json``, ``council result --meeting
ID [--apply]``, ``council decision --meeting ID --form CODE --date D``.

The counts file has one row per candidate: ``ho_ten`` (or ``ma_de_nghi``), ``dong_y``, ``khong_dong_y`` and
optionally ``phat_ra``, ``thu_vao``, ``khong_hop_le``; a row with ``hinh_thuc`` and no name applies to every
candidate of that form voted by show of hands. JSON: a list of objects with the same keys.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path
from typing import Any

from emulation_desk.cli import EXIT_OK, add_command, workspace_for
from emulation_desk.core.text import fold, format_percent
from emulation_desk.errors import KnownError, ValidationError
from emulation_desk.services.council import meetings as council
from emulation_desk.services.council.meetings import CaseResult, Counts
from emulation_desk.services.workspace import Workspace


def register(subparsers: Any) -> None:
    group = add_command(subparsers, "council", "họp Hội đồng Thi đua - Khen thưởng: tạo cuộc họp, điểm danh, "
                        "nhập kết quả kiểm phiếu, xem kết quả", cmd_council_help)
    kinds = group.add_subparsers(dest="council_action", metavar="VIỆC")
    new = add_command(kinds, "new", "tạo cuộc họp Hội đồng xét các đề nghị đã nộp/đã thẩm định của một năm", cmd_new)
    new.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm xét khen thưởng, ví dụ 2020")
    new.add_argument("--date", required=True, metavar="NGÀY", help="ngày họp, ví dụ 10/12/2020")
    new.add_argument("--place", default="", metavar="ĐỊA_ĐIỂM", help="địa điểm họp")
    new.add_argument("--start", default="", metavar="GIỜ", help="giờ bắt đầu, ví dụ 08:00")
    edit = add_command(kinds, "edit", "sửa địa điểm, giờ họp và Ban kiểm phiếu của cuộc họp", cmd_edit)
    edit.add_argument("--place", metavar="ĐỊA_ĐIỂM", help="địa điểm họp")
    edit.add_argument("--start", metavar="GIỜ", help="giờ bắt đầu, ví dụ 08:00")
    edit.add_argument("--end", metavar="GIỜ", help="giờ kết thúc, ví dụ 11:30")
    edit.add_argument("--board", nargs="+", metavar="HỌ_TÊN", help="Ban kiểm phiếu: trưởng ban trước, rồi các ủy viên")
    attend = add_command(kinds, "attend", "điểm danh: ghi các thành viên vắng mặt (còn lại là có mặt)", cmd_attend)
    attend.add_argument("--absent", nargs="*", default=[], metavar="HỌ_TÊN", help="họ tên thành viên vắng mặt")
    attend.add_argument("--written", nargs="*", default=[], metavar="HỌ_TÊN",
                        help="họ tên thành viên vắng mặt có ý kiến bằng văn bản")
    tally = add_command(kinds, "tally", "nhập số phiếu từ tệp CSV hoặc JSON", cmd_tally)
    tally.add_argument("--file", required=True, metavar="TỆP", help="tệp số phiếu (.csv hoặc .json)")
    result = add_command(kinds, "result", "in kết quả: ai đạt, ai không đạt", cmd_result)
    result.add_argument("--apply", action="store_true",
                        help="chuyển kết quả vào các đề nghị (đạt → Đã bình xét, không đạt → Không được đề nghị)")
    decision = add_command(kinds, "decision", "tạo dự thảo quyết định cho các trường hợp đạt của một hình thức",
                           cmd_decision)
    decision.add_argument("--form", required=True, metavar="MÃ", help="mã hình thức, ví dụ CSTDCS")
    decision.add_argument("--date", required=True, metavar="NGÀY", help="ngày ký dự kiến, ví dụ 20/12/2020")
    decision.add_argument("--number", default="", metavar="SỐ", help="số quyết định (có thể để trống)")
    decision.add_argument("--include-ineligible", action="store_true",
                          help="đưa cả các trường hợp “Chưa đủ điều kiện” vào dự thảo (việc chọn được ghi nhật ký)")
    for sub in (edit, attend, tally, result, decision):
        sub.add_argument("--meeting", required=True, metavar="MÃ_CUỘC_HỌP", help="mã cuộc họp (in ra khi tạo)")
    group.set_defaults(council_parser=group)


def cmd_council_help(args: argparse.Namespace) -> int:
    args.council_parser.print_help()
    return 2


def cmd_new(args: argparse.Namespace) -> int:
    with workspace_for(args) as ws:
        meeting_id = council.create_meeting(ws, args.year, args.date, place=args.place, start_time=args.start).id
        results = council.meeting_results(ws, meeting_id)
        ballots = sum(1 for r in results if r.case["ballot_required"])
        conflicts = sum(len(r.abstentions) for r in results)
    print(f"Đã tạo cuộc họp Hội đồng năm {args.year}, mã cuộc họp: {meeting_id}")
    print(f"Số trường hợp đưa ra xét: {len(results)} (bỏ phiếu kín: {ballots}); "
          f"thành viên không biểu quyết do liên quan: {conflicts} lượt.")
    return EXIT_OK


def cmd_edit(args: argparse.Namespace) -> int:
    with workspace_for(args) as ws:
        board = council.members_by_names(ws, args.meeting, args.board) if args.board else None
        council.update_meeting(ws, args.meeting, place=args.place, start_time=args.start, end_time=args.end,
                               counting_board=board)
    print("Đã sửa thông tin cuộc họp.")
    return EXIT_OK


def cmd_attend(args: argparse.Namespace) -> int:
    with workspace_for(args) as ws:
        presence = dict.fromkeys(council.members_by_names(ws, args.meeting, args.absent), "absent")
        presence.update(dict.fromkeys(council.members_by_names(ws, args.meeting, args.written), "written"))
        council.record_attendance(ws, args.meeting, presence)
        members = council.members_of(ws, council.get_meeting(ws, args.meeting))
    print(f"Đã ghi điểm danh: có mặt {len(members) - len(presence)}/{len(members)} thành viên.")
    return EXIT_OK


def read_rows(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise KnownError(f"Không đọc được tệp “{path}”. Hãy kiểm tra đường dẫn.", details=str(exc)) from exc
    if path.suffix.lower() == ".json":
        try:
            rows = json.loads(text)
        except json.JSONDecodeError as exc:
            raise KnownError(f"Tệp “{path.name}” không đúng định dạng JSON (dòng {exc.lineno}).") from exc
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise KnownError("Tệp JSON phải là một danh sách, mỗi phần tử là một trường hợp.")
        return rows
    return list(csv.DictReader(text.splitlines()))


def _number(row: dict[str, Any], key: str, label: str, default: int | None = None) -> int | None:
    value = row.get(key)
    if value is None or str(value).strip() == "":
        return default
    try:
        return int(str(value).strip())
    except ValueError:
        raise ValidationError(f"Ô “{label}” phải là số nguyên: {value}.") from None


def counts_from_rows(results: list[CaseResult], rows: list[dict[str, Any]]
                     ) -> tuple[dict[str, Counts], dict[str, Counts]]:
    """(counts per case id, counts per form voted by show of hands) from the file's rows."""
    per_case: dict[str, Counts] = {}
    per_form: dict[str, Counts] = {}
    for line, row in enumerate(rows, start=2):
        yes = _number(row, "dong_y", "dong_y")
        if yes is None:
            raise ValidationError(f"Dòng {line}: thiếu số phiếu đồng ý (cột dong_y).")
        counts = Counts(yes=yes, no=_number(row, "khong_dong_y", "khong_dong_y", 0) or 0,
                        issued=_number(row, "phat_ra", "phat_ra"), returned=_number(row, "thu_vao", "thu_vao"),
                        invalid=_number(row, "khong_hop_le", "khong_hop_le", 0) or 0)
        name = str(row.get("ho_ten") or "").strip()
        ident = str(row.get("ma_de_nghi") or "").strip()
        form = str(row.get("hinh_thuc") or "").strip()
        if not name and not ident:
            if not form:
                raise ValidationError(f"Dòng {line}: cần họ tên (ho_ten), mã đề nghị hoặc mã hình thức.")
            per_form[form] = counts
            continue
        hits = [r for r in results if (ident and r.case["nomination_id"] == ident)
                or (not ident and fold(r.case["nominee_name"]) == fold(name)
                    and (not form or r.case["form_code"] == form))]
        if len(hits) != 1:
            what = "không có trong cuộc họp" if not hits else "trùng tên, hãy ghi thêm cột hinh_thuc hoặc ma_de_nghi"
            raise ValidationError(f"Dòng {line}: “{name or ident}” {what}.")
        per_case[hits[0].case["id"]] = counts
    return per_case, per_form


def cmd_tally(args: argparse.Namespace) -> int:
    rows = read_rows(Path(args.file))
    with workspace_for(args) as ws:
        per_case, per_form = counts_from_rows(council.meeting_results(ws, args.meeting), rows)
        with ws.store.transaction():
            for form, counts in per_form.items():
                council.record_form_vote(ws, args.meeting, form, counts)
            if per_case:
                council.record_tally(ws, args.meeting, per_case)
    print(f"Đã ghi số phiếu của {len(per_case)} trường hợp và {len(per_form)} hình thức biểu quyết chung.")
    return EXIT_OK


def print_results(ws: Workspace, meeting_id: str) -> None:
    form = None
    for r in council.meeting_results(ws, meeting_id):
        if r.case["form_name"] != form:
            form = r.case["form_name"]
            print(f"\n{form} — mức cần đạt: {r.rule.label}")
        if r.outcome is None:
            print(f"  {r.case['nominee_name']}: chưa nhập số phiếu")
            continue
        share = format_percent(r.case["yes"] * 100 / r.outcome.base) if r.outcome.base else "-"
        word = "ĐẠT" if r.outcome.passed else "KHÔNG ĐẠT"
        print(f"  {r.case['nominee_name']}: {r.case['yes']}/{r.outcome.base} phiếu đồng ý ({share}), cần "
              f"{r.outcome.needed} — {word}")


def cmd_result(args: argparse.Namespace) -> int:
    with workspace_for(args) as ws:
        print_results(ws, args.meeting)
        if args.apply:
            council.apply_results(ws, args.meeting)
            print("\nĐã chuyển kết quả vào các đề nghị khen thưởng.")
    return EXIT_OK


def cmd_decision(args: argparse.Namespace) -> int:
    from emulation_desk.core.money import format_money

    with workspace_for(args) as ws:
        meeting = council.get_meeting(ws, args.meeting)
        cases = council.passed_cases(ws, args.meeting, args.form)
        ineligible = council.ineligible_cases(ws, meeting["year"], [c["nomination_id"] for c in cases])
        decision_id = council.decision_from_meeting(ws, args.meeting, args.form, signed_on=args.date,
                                                    number=args.number,
                                                    include_ineligible=args.include_ineligible).id
        count = ws.store.scalar("SELECT count(*) FROM decision_recipient WHERE decision_id = ?", [decision_id])
        total = ws.store.scalar("SELECT coalesce(sum(amount), 0) FROM decision_recipient WHERE decision_id = ?",
                                [decision_id])
    print(f"Đã tạo dự thảo quyết định ({count} trường hợp, tiền thưởng {format_money(total)} đồng), mã: {decision_id}")
    names = [c["nominee_name"] for c in cases if c["nomination_id"] in ineligible]
    if names and args.include_ineligible:
        print(f"Đã đưa vào theo lựa chọn (ghi trong nhật ký) {len(names)} trường hợp chưa đủ điều kiện: "
              + ", ".join(names))
    elif names:
        print(f"Không đưa vào {len(names)} trường hợp chưa đủ điều kiện theo kết quả xét điều kiện: "
              + "; ".join(f"{c['nominee_name']} ({ineligible[c['nomination_id']]})" for c in cases
                          if c["nomination_id"] in ineligible)
              + ". Muốn đưa vào, thêm --include-ineligible.")
    return EXIT_OK
