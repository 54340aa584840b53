"""Command ``export``: official documents to files.

``export report --year Y --out F.pdf``, ``export table --year Y --out F.pdf|F.xlsx``,
``export decision --number N --year Y --out F.pdf`` (an empty or ambiguous number lists the candidates
instead of choosing one). The table's format follows the file's suffix through
:data:`TABLE_EXPORTERS`; the spreadsheet exporter adds ".xlsx" there.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from emulation_desk.cli import EXIT_OK, EXIT_USAGE, add_command, workspace_for
from emulation_desk.errors import KnownError
from emulation_desk.services.workspace import Workspace

TableExporter = Callable[[Workspace, int, Path], "tuple[Path, int] | Path"]


def _table_pdf(ws: Workspace, year: int, path: Path) -> tuple[Path, int]:
    from emulation_desk.documents import export_table_pdf

    return export_table_pdf(ws, year, path)


# Renderers of the statistical table by file suffix (lower case, with the dot). Hook for ".xlsx".
TABLE_EXPORTERS: dict[str, TableExporter] = {".pdf": _table_pdf}


def table_exporter(path: Path) -> TableExporter:
    suffix = path.suffix.lower()
    if suffix not in TABLE_EXPORTERS:
        known = ", ".join(sorted(TABLE_EXPORTERS))
        shown = f"“{suffix}”" if suffix else "không có đuôi"
        raise KnownError(f"Chưa xuất được biểu ra tệp {shown}. Hãy đặt tên tệp có một trong các đuôi: {known} "
                         f"(ví dụ “bieu-tong-hop-2020.pdf”).")
    return TABLE_EXPORTERS[suffix]


def register(subparsers: Any) -> None:
    export = add_command(subparsers, "export", "xuất văn bản ra tệp: báo cáo tổng kết, biểu tổng hợp, quyết định",
                         cmd_export_help)
    kinds = export.add_subparsers(dest="document", metavar="VĂN_BẢN")
    export._subparsers.title = "Các loại văn bản"  # type: ignore[union-attr]
    report = add_command(kinds, "report", "báo cáo tổng kết công tác thi đua, khen thưởng của một năm (PDF), "
                         "kèm biểu tổng hợp", cmd_report)
    table = add_command(kinds, "table", "biểu tổng hợp kết quả khen thưởng của một năm (PDF)", cmd_table)
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


def _done(what: str, path: Path, pages: int) -> int:
    print(f"Đã ghi {what} ({pages} trang) vào tệp: {path}")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from emulation_desk.documents import export_report
    from emulation_desk.services.reporting.reports import report_for_year, unwritten_note

    with workspace_for(args, readonly=not args.demo) as ws:
        path, pages = export_report(ws, args.year, Path(args.out))
        _report, sections, stored = report_for_year(ws, args.year)
        note = unwritten_note(sections, stored=stored, year=args.year)
    if note:
        print(f"Lưu ý: {note}", file=sys.stderr)
    return _done(f"báo cáo tổng kết năm {args.year}", path, pages)


def cmd_table(args: argparse.Namespace) -> int:
    target = Path(args.out)
    exporter = table_exporter(target)
    with workspace_for(args, readonly=not args.demo) as ws:
        result = exporter(ws, args.year, target)
    if isinstance(result, tuple):
        return _done(f"biểu tổng hợp năm {args.year}", result[0], result[1])
    print(f"Đã ghi biểu tổng hợp năm {args.year} vào tệp: {result}")
    return EXIT_OK


def cmd_decision(args: argparse.Namespace) -> int:
    from emulation_desk.documents import export_decision

    with workspace_for(args, readonly=not args.demo) as ws:
        path, pages = export_decision(ws, args.number, args.year, Path(args.out))
    return _done(f"quyết định số {args.number} năm {args.year}", path, pages)


def cmd_council_pack(args: argparse.Namespace) -> int:
    from emulation_desk.documents.council import export_council_pack

    with workspace_for(args, readonly=not args.demo) as ws:
        path, pages = export_council_pack(ws, args.year, Path(args.out))
    return _done(f"tài liệu họp Hội đồng năm {args.year}", path, pages)


def cmd_meeting_paper(args: argparse.Namespace) -> int:
    from emulation_desk.documents.council_minutes import export_meeting_document

    what = "biên bản họp Hội đồng" if args.meeting_paper == "minutes" else "biên bản kiểm phiếu"
    with workspace_for(args, readonly=not args.demo) as ws:
        path, pages = export_meeting_document(ws, args.meeting_paper, Path(args.out), meeting_id=args.meeting,
                                              year=args.year)
    return _done(what, path, pages)
