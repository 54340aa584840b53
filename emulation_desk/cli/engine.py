"""Commands ``eligibility`` (a verdict per nomination of a year, with the summary) and ``almost`` (who is one
year short of a chain)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from emulation_desk.cli import EXIT_OK, EXIT_USAGE, add_command, workspace_for
from emulation_desk.core.rules.verdict import STATUS_LABELS, STATUSES
from emulation_desk.core.text import format_int


def register(subparsers: Any) -> None:
    check = add_command(subparsers, "eligibility",
                        "xét điều kiện của các đề nghị khen thưởng trong một năm (đạt / chưa đạt / cần xem lại)",
                        cmd_eligibility)
    check.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm của các đề nghị, ví dụ 2020")
    check.add_argument("--status", metavar="TRẠNG_THÁI",
                       help="chỉ in các đề nghị có kết luận này: " + ", ".join(STATUSES) + " (nhiều giá trị cách nhau "
                            "bằng dấu phẩy)")
    check.add_argument("--detail", action="store_true", help="in đầy đủ từng tiêu chuẩn đã xét và căn cứ")
    check.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    almost = add_command(subparsers, "almost", "liệt kê những người còn thiếu một năm để đủ chuỗi danh hiệu",
                         cmd_almost)
    almost.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm vừa kết thúc, ví dụ 2020")
    almost.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def _statuses(text: str | None) -> set[str] | None:
    if not text:
        return None
    chosen = {part.strip() for part in text.split(",") if part.strip()}
    unknown = chosen - set(STATUSES)
    if unknown:
        raise ValueError(", ".join(sorted(unknown)))
    return chosen


def _terminal_progress() -> Callable[[int, int], None] | None:
    """On a terminal, a line that counts the subjects judged (a province year takes tens of seconds);
    nothing when the output goes to a file or another program."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\rĐang xét điều kiện: {format_int(done)}/{format_int(total)} người và tập thể…", end=end,
              file=sys.stderr, flush=True)

    return show


def cmd_eligibility(args: argparse.Namespace) -> int:
    from emulation_desk.services.awards.eligibility import year_eligibility

    try:
        wanted = _statuses(args.status)
    except ValueError as exc:
        print(f"Lỗi: trạng thái không hợp lệ: {exc}. Hãy dùng {', '.join(STATUSES)}.", file=sys.stderr)
        return EXIT_USAGE
    with workspace_for(args, readonly=not args.demo) as ws:
        result = year_eligibility(ws, args.year, progress=_terminal_progress())
        forms = {f.code: f.name for f in ws.catalog().forms}
    verdicts = [v for v in result.verdicts if wanted is None or v.status in wanted]
    if args.json:
        data = result.to_json()
        data["verdicts"] = [v.to_json() for v in verdicts]
        data["status_labels"] = STATUS_LABELS
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    print(f"KẾT QUẢ XÉT ĐIỀU KIỆN CÁC ĐỀ NGHỊ KHEN THƯỞNG NĂM {args.year}")
    if not result.verdicts:
        print(f"Năm {args.year} chưa có đề nghị khen thưởng nào.")
        return EXIT_OK
    for v in verdicts:
        where = f" ({v.unit_name})" if v.unit_name else ""
        if args.detail:
            print()
            print(v.explanation())
        else:
            print(f"{v.form_name} — {v.subject_name}{where} — {v.reason}")
    print()
    print(f"Tổng hợp ({format_int(len(result.verdicts))} đề nghị):")
    for status in STATUSES:
        print(f"  {STATUS_LABELS[status]}: {format_int(result.counts.get(status, 0))}")
    print("Theo hình thức khen thưởng:")
    for code, counts in sorted(result.by_form.items(), key=lambda kv: forms.get(kv[0], kv[0])):
        parts = [f"{format_int(n)} {STATUS_LABELS[s].lower()}" for s in STATUSES if (n := counts.get(s, 0))]
        print(f"  {forms.get(code, code)}: {', '.join(parts)}")
    return EXIT_OK


def cmd_almost(args: argparse.Namespace) -> int:
    from emulation_desk.services.awards.eligibility import almost

    with workspace_for(args, readonly=not args.demo) as ws:
        items = almost(ws, args.year)
    if args.json:
        json.dump({"year": args.year, "items": [asdict(i) for i in items]}, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    print(f"NHỮNG NGƯỜI CÒN THIẾU MỘT NĂM ĐỂ ĐỦ CHUỖI DANH HIỆU (tính đến hết năm {args.year})")
    if not items:
        print("Không có ai.")
        return EXIT_OK
    target = None
    for item in items:
        if item.target_name != target:
            target = item.target_name
            print(f"\n{target}:")
        unit = f" ({item.unit_name})" if item.unit_name else ""
        held = ", ".join(map(str, item.held_years))
        print(f"  - {item.name}{unit}: đã đạt các năm {held}; cần {item.needs}.")
    print(f"\nCộng: {format_int(len(items))} người.")
    return EXIT_OK
