"""Command ``find``: the window's finder (Ctrl+K) for scripts and tests."""

from __future__ import annotations

import argparse
import json
from typing import Any

from emulation_desk.cli import EXIT_OK, add_command, workspace_for

HELP = "tìm cá nhân, tập thể, quyết định, đề nghị theo tên (gõ có dấu thì phân biệt dấu), năm sinh, số quyết định"


def register(subparsers: Any) -> None:
    sub = add_command(subparsers, "find", HELP, cmd_find)
    sub.add_argument("text", metavar="CHỮ", help="những chữ đầu của tên theo thứ tự, ví dụ \"tran van\"")
    sub.add_argument("--year", type=int, metavar="NĂM", help="chỉ những đề nghị, quyết định của năm này "
                     "(và những người, tập thể được đề nghị năm đó)")
    sub.add_argument("--limit", type=int, default=20, metavar="SỐ", help="số kết quả tối đa mỗi loại (mặc định 20)")
    sub.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def cmd_find(args: argparse.Namespace) -> int:
    from emulation_desk.services.records.find import KIND_LABELS, find

    with workspace_for(args) as ws:
        result = find(ws, args.text, year=args.year, limit=max(1, args.limit))
    if args.json:
        print(json.dumps({"results": [f.as_dict() for f in result.items], "more": result.more},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    if not result.items:
        print(f"Không tìm thấy gì với «{args.text}». Hãy gõ những chữ đầu của tên theo thứ tự, "
              "ví dụ «tran van» cho Trần Văn An.")
        return EXIT_OK
    for found in result.items:
        detail = f" ({found.detail})" if found.detail else ""
        print(f"{KIND_LABELS[found.kind]:<11}{found.name}{detail}  [{found.id}]")
    cut = [KIND_LABELS[k].lower() for k, more in result.more.items() if more]
    if cut:
        print(f"Còn nữa ({', '.join(cut)}): gõ thêm chữ để thu hẹp, hoặc dùng --limit.")
    return EXIT_OK
