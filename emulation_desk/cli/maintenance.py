"""Commands ``backup``, ``backups``, ``restore``, ``verify``, ``audit`` and ``unlock``: keeping the data safe."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from emulation_desk.cli import EXIT_FAIL, EXIT_OK, add_command, resolve_database, workspace_for
from emulation_desk.core.text import parse_date
from emulation_desk.errors import DatabaseLockedError, KnownError
from emulation_desk.services.workspace import Workspace, open_workspace


def register(subparsers: Any) -> None:
    backup = add_command(subparsers, "backup", "sao lưu tệp dữ liệu (vào thư mục sao-luu bên cạnh tệp, hoặc ra một tệp)",
                         cmd_backup)
    backup.add_argument("--to", metavar="TỆP", help="ghi bản sao lưu ra tệp này (ví dụ trên ổ USB); không ghi đè tệp có sẵn")
    add_command(subparsers, "backups", "liệt kê các bản sao lưu với ngày giờ, dung lượng, các năm và số bản ghi",
                cmd_backups)
    restore = add_command(subparsers, "restore",
                          "khôi phục dữ liệu từ một bản sao lưu (tệp hiện tại được giữ lại bên cạnh, không bị xóa)",
                          cmd_restore)
    restore.add_argument("backup", metavar="BẢN_SAO_LƯU",
                         help="đường dẫn tệp sao lưu, tên tệp trong thư mục sao-luu, hoặc số thứ tự trong lệnh backups")
    add_command(subparsers, "verify", "kiểm tra đầy đủ tệp dữ liệu (toàn vẹn và liên kết giữa các bảng)", cmd_verify)
    audit = add_command(subparsers, "audit", "xem nhật ký thay đổi (ai, lúc nào, thay đổi gì)", cmd_audit)
    audit.add_argument("--record", metavar="MÃ", help="chỉ các dòng về bản ghi có mã này")
    audit.add_argument("--action", metavar="VIỆC", help="create, update, delete, restore, import, export, backup…")
    audit.add_argument("--actor", metavar="NGƯỜI", help="tên người dùng máy tính đã thực hiện")
    audit.add_argument("--from", dest="date_from", metavar="NGÀY", help="từ ngày (dd/mm/yyyy)")
    audit.add_argument("--to", dest="date_to", metavar="NGÀY", help="đến ngày (dd/mm/yyyy)")
    audit.add_argument("--limit", type=int, default=200, metavar="SỐ", help="số dòng tối đa (mặc định 200)")
    unlock = add_command(subparsers, "unlock", "tiếp quản tệp dữ liệu còn đánh dấu đang mở ở một máy khác (khi chắc "
                         "chắn chương trình ở máy đó đã đóng)", cmd_unlock)
    unlock.add_argument("--yes", action="store_true", help="xác nhận chương trình ở máy kia đã đóng; việc tiếp quản "
                        "được ghi vào nhật ký")


@contextmanager
def _open(args: argparse.Namespace, *, need_write: bool) -> Iterator[Workspace]:
    """The database for writing; for reading only when another window holds it (and writing is optional)."""
    path = resolve_database(args)
    if not path.exists():
        from emulation_desk.storage.health import refuse_after_damage

        refuse_after_damage(path)
        raise KnownError(f"Không tìm thấy tệp dữ liệu {path}. Hãy kiểm tra lại đường dẫn.")
    try:
        ws = open_workspace(path, install_shipped_catalog=False)
    except DatabaseLockedError as exc:
        if need_write:
            raise
        print(f"Lưu ý: {exc.message}", file=sys.stderr)
        print("Tiếp tục ở chế độ chỉ đọc (nhật ký của việc này được cửa sổ đang mở tệp ghi vào tệp).", file=sys.stderr)
        ws = open_workspace(path, readonly=True)
    for notice in ws.store.notices:
        print(f"Lưu ý: {notice}", file=sys.stderr)
    try:
        yield ws
    finally:
        ws.close()


def cmd_backup(args: argparse.Namespace) -> int:
    from emulation_desk.services.maintenance.backup import make_backup

    with _open(args, need_write=False) as ws:
        info = make_backup(ws, to=args.to)
        contents = info.contents()
    print(f"Đã sao lưu vào {info.path} ({info.size // 1024:,} KB).".replace(",", "."))
    print(f"Nội dung: {contents.summary()}")
    return EXIT_OK


def cmd_backups(args: argparse.Namespace) -> int:
    from emulation_desk.services.maintenance.backup import backup_folder, backup_rows

    path = resolve_database(args)
    rows = backup_rows(path)
    if not rows:
        print(f"Chưa có bản sao lưu nào trong {backup_folder(path)}.")
        return EXIT_OK
    print(f"Các bản sao lưu của {path} (mới nhất trước), thư mục {backup_folder(path)}:")
    for number, row in enumerate(rows, start=1):
        print(f"{number:>3}. {row['created_text']}  {row['reason']:<30} {row['size_text']:>9}  {row['contents']}")
    print("Khôi phục: emulation-desk --db TỆP restore SỐ_THỨ_TỰ")
    return EXIT_OK


def find_backup(db_path: Path, choice: str) -> Path:
    """A backup given as a number from the list, a file name in the backup folder, or a path."""
    from emulation_desk.services.maintenance.backup import backup_folder, backup_rows

    if choice.isdigit():
        rows = backup_rows(db_path)
        if not 1 <= int(choice) <= len(rows):
            raise KnownError(f"Không có bản sao lưu số {choice}. Hãy xem danh sách bằng lệnh backups.")
        return Path(rows[int(choice) - 1]["path"])
    candidate = Path(choice)
    if not candidate.exists() and (backup_folder(db_path) / choice).exists():
        candidate = backup_folder(db_path) / choice
    return candidate


def cmd_restore(args: argparse.Namespace) -> int:
    from emulation_desk.services.maintenance.backup import restore_file

    path = resolve_database(args)
    result = restore_file(path, find_backup(path, args.backup))
    print(f"Đã khôi phục {path} từ bản sao lưu {result.backup.name}.")
    print(f"Nội dung: {result.contents.summary()}")
    if result.moved_aside:
        print(f"Tệp dữ liệu trước khi khôi phục được giữ lại: {result.moved_aside}")
    if result.safety_backup:
        print(f"Bản sao lưu dữ liệu trước khi khôi phục: {result.safety_backup.name}")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from emulation_desk.storage.routine import full_check

    with _open(args, need_write=False) as ws:
        problems = full_check(ws.store)
    for problem in problems:
        print(f"Lỗi tệp dữ liệu: {problem}")
    if problems:
        print("Kết quả: CÓ LỖI. Hãy khôi phục từ bản sao lưu gần nhất (lệnh backups, rồi restore).")
        return EXIT_FAIL
    print("Kết quả: tệp dữ liệu toàn vẹn, các liên kết giữa các bảng đều đúng.")
    return EXIT_OK


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        raise KnownError(f"Ngày không hợp lệ: {text} ({exc}).") from exc


def cmd_audit(args: argparse.Namespace) -> int:
    from emulation_desk.services.maintenance.audit import audit_entries

    with workspace_for(args, readonly=not args.demo) as ws:
        rows = audit_entries(ws, record_id=args.record, action=args.action, actor=args.actor,
                             date_from=_date(args.date_from), date_to=_date(args.date_to), limit=args.limit)
    for row in rows:
        extra = f" [{row['changes']}]" if row["changes"] else ""
        print(f"{row['at_text']}  {row['actor']:<12} {row['action_label']:<16} {row['entity_label']}: "
              f"{row['summary']}{extra}")
    print(f"({len(rows)} dòng)")
    return EXIT_OK


def cmd_unlock(args: argparse.Namespace) -> int:
    from emulation_desk.storage.lock import read_holder, writer_alive

    path = resolve_database(args)
    holder = read_holder(path)
    if holder is None or (holder.is_this_host() and not writer_alive(path)):
        print(f"Tệp dữ liệu {path} không bị khóa bởi máy nào khác; có thể mở bình thường.")
        return EXIT_OK
    if holder.is_this_host():
        print(f"Tệp dữ liệu {path} đang được mở để ghi bởi {holder.describe()}. Hãy đóng cửa sổ chương trình đó.")
        return EXIT_FAIL
    print(f"Tệp dữ liệu {path} đang được đánh dấu là mở để ghi bởi {holder.describe()}.")
    if not args.yes:
        print(f"Nếu chắc chắn chương trình trên máy {holder.host} đã đóng (hoặc máy đó đã tắt, hoặc tệp được chép từ "
              "máy đó sang), hãy chạy lại lệnh này với --yes để tiếp quản. Nếu chương trình ở máy đó vẫn mở tệp, "
              "hai nơi cùng ghi sẽ làm hỏng dữ liệu.")
        return EXIT_FAIL
    open_workspace(path, install_shipped_catalog=False, take_over_lock=True).close()
    print(f"Đã tiếp quản tệp dữ liệu {path} (khóa của {holder.user} trên máy {holder.host}); việc tiếp quản được "
          "ghi vào nhật ký thay đổi.")
    return EXIT_OK
