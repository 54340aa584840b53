"""Command ``export``: official documents to files, through the services' one export path
(:func:`~emulation_desk.services.reporting.registry.export_document`, the format by the file's suffix).

``export report --year Y --out F.pdf``, ``export table --year Y --out F.pdf|F.xlsx``,
``export decision --number N --year Y --out F.pdf`` (an empty or ambiguous number lists the candidates
instead of choosing one), ``export council-pack|minutes|tally``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from emulation_desk.cli import EXIT_OK, EXIT_USAGE, add_command, workspace_for
from emulation_desk.services.workspace import Workspace


def _write(args: argparse.Namespace, document: str, *, after: Callable[[Workspace], str] | None = None,
           **params: Any) -> int:
    """Write ``document`` to ``--out``; ``after(ws)`` may return a note for stderr (e.g. sections not written)."""
    from emulation_desk.services.reporting.registry import export_document, renderer_for

    renderer_for(document, args.out)  # a wrong suffix is refused before the database is opened
    with workspace_for(args, readonly=not args.demo) as ws:  # a reader: works while a window holds the file
        written = export_document(ws, document, Path(args.out), **params)
        note = after(ws) if after is not None else ""
    if note:
        print(f"Lưu ý: {note}", file=sys.stderr)
    print(written.summary())
    return EXIT_OK


def register(subparsers: Any) -> None:
    export = add_command(subparsers, "export", "xuất văn bản ra tệp: báo cáo tổng kết, biểu tổng hợp, quyết định",
                         cmd_export_help)
    kinds = export.add_subparsers(dest="document", metavar="VĂN_BẢN")
    export._subparsers.title = "Các loại văn bản"  # type: ignore[union-attr]
    report = add_command(kinds, "report", "báo cáo tổng kết công tác thi đua, khen thưởng của một năm (PDF), "
                         "kèm biểu tổng hợp", cmd_report)
    table = add_command(kinds, "table", "biểu tổng hợp kết quả khen thưởng của một năm (PDF hoặc Excel .xlsx, theo đuôi tệp)",
                        cmd_table)
    decision = add_command(kinds, "decision", "quyết định khen thưởng của cơ quan kèm danh sách (PDF)",
                           cmd_decision)
    decision.add_argument("--number", default="", metavar="SỐ",
                          help="số quyết định, ví dụ 4520 hoặc 4520/QĐ-UBND (không ghi: liệt kê các quyết định "
                               "chưa có số của năm)")
    for sub in (report, table, decision):
        sub.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm, ví dụ 2020")
        sub.add_argument("--out", required=True, metavar="TỆP", help="tệp cần ghi, ví dụ bao-cao-2020.pdf")
    register_council(kinds)
    export.set_defaults(export_parser=export)


def register_council(kinds: Any) -> None:
    """``council-pack --year Y``, ``minutes`` and ``tally`` (``--meeting ID`` or ``--year Y``)."""
    pack = add_command(kinds, "council-pack", "tài liệu họp Hội đồng Thi đua - Khen thưởng của một năm (PDF): "
                       "chương trình, kết quả chấm điểm khối, danh sách trích ngang, phiếu bầu", cmd_council_pack)
    pack.add_argument("--year", type=int, required=True, metavar="NĂM", help="năm, ví dụ 2020")
    minutes = add_command(kinds, "minutes", "biên bản họp Hội đồng Thi đua - Khen thưởng (PDF)", cmd_meeting_paper)
    tally = add_command(kinds, "tally", "biên bản kiểm phiếu của cuộc họp Hội đồng (PDF)", cmd_meeting_paper)
    for sub, which in ((minutes, "minutes"), (tally, "tally")):
        chosen = sub.add_mutually_exclusive_group(required=True)
        chosen.add_argument("--meeting", metavar="MÃ_CUỘC_HỌP", help="mã cuộc họp")
        chosen.add_argument("--year", type=int, metavar="NĂM", help="cuộc họp gần nhất của năm này")
        sub.set_defaults(meeting_paper=which)
    for sub in (pack, minutes, tally):
        sub.add_argument("--out", required=True, metavar="TỆP", help="tệp PDF cần ghi")


def cmd_export_help(args: argparse.Namespace) -> int:
    args.export_parser.print_help()
    return EXIT_USAGE


def cmd_report(args: argparse.Namespace) -> int:
    def note(ws: Workspace) -> str:
        from emulation_desk.services.reporting.reports import report_for_year, unwritten_note

        _report, sections, stored = report_for_year(ws, args.year)
        return unwritten_note(sections, stored=stored, year=args.year)

    return _write(args, "report", after=note, year=args.year)


def cmd_table(args: argparse.Namespace) -> int:
    return _write(args, "table", year=args.year)


def cmd_decision(args: argparse.Namespace) -> int:
    return _write(args, "decision", number=args.number, year=args.year)


def cmd_council_pack(args: argparse.Namespace) -> int:
    return _write(args, "council_pack", year=args.year)


def cmd_meeting_paper(args: argparse.Namespace) -> int:
    return _write(args, args.meeting_paper, meeting_id=args.meeting, year=args.year)
