"""Crash harness: kill the program (SIGKILL / TerminateProcess) at random points of a write and check
that the database is whole and holds all of the operation or none of it.

    python -m tests.bench.crash_harness --runs 100
    python -m tests.bench.crash_harness --ops backup,migration --runs 20 --seed 7

Operations (each in a child process, killed after a random delay once it has started):
- ``import``: 10.000 nominations inserted in one transaction through the Store with one audit row — the
  shape of the spreadsheet import, which is written elsewhere (this is a stand-in for it);
- ``decision``: 2.000 recipients added to a draft decision and the decision issued
  (``services.decisions.add_recipients`` + ``issue_decision`` inside one outer transaction);
- ``backup``: ``storage.backup.create_backup`` of a database holding 10.000 nominations;
- ``restore``: ``storage.restore.restore_into_store`` of a backup without the 10.000 nominations over the
  database that holds them (the safety backup, the audit carried over, the swap);
- ``migration``: opening that database with a test-only migration (add a column, fill it, index it,
  copy a table) after the automatic pre-migration backup.

After every run the file is checked as a clerk finds it next, twice:

- *with its journal beside it* (as the program left it): the program's own ``check`` command, run next, must
  call it healthy (exit 0), and then ``integrity_check`` is ``ok``, ``foreign_key_check`` is empty and the
  content equals the one before or the one after the operation (all or nothing);
- *copied alone* (the ``.db`` without its ``-journal``/``-wal``, as a clerk copying the file elsewhere would):
  ``check`` either calls it healthy with all or nothing, or refuses it with a message (never a traceback,
  never a healthy verdict on a partial file).

Also: no file under a final backup name is partial, and a killed backup leaves the live data unchanged.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

OPS = ("import", "decision", "backup", "restore", "migration")
FORM, KIND, YEAR = "LDTT", "cong_trang", 2020
TEST_MIGRATION_SQL = """
ALTER TABLE nomination ADD COLUMN crash_note TEXT NOT NULL DEFAULT '';
UPDATE nomination SET crash_note = upper(achievement) || ' / ' || id;
CREATE INDEX nomination_crash_note ON nomination(crash_note);
CREATE TABLE crash_copy (id TEXT PRIMARY KEY, note TEXT NOT NULL) STRICT;
INSERT INTO crash_copy (id, note) SELECT id, crash_note FROM nomination;
"""


# ---------------------------------------------------------------------------------------------- workloads
def person_ids(store: object) -> list[str]:
    return [r["id"] for r in store.query("SELECT id FROM person ORDER BY name_key")]  # type: ignore[attr-defined]


def simulated_import(store: object, rows: int) -> int:
    """The importer's shape: one transaction, ``rows`` nominations, one audit row for the import."""
    from emulation_desk.services.maintenance.audit import record_event
    from emulation_desk.services.workspace import Workspace

    people = person_ids(store)
    batch = [{"year": YEAR, "form_code": FORM, "kind": KIND, "subject": "ca_nhan", "person_id": people[i % len(people)],
              "achievement": f"Hoàn thành xuất sắc nhiệm vụ năm {YEAR} (dòng {i + 1})", "status": "submitted"}
             for i in range(rows)]
    with store.transaction():  # type: ignore[attr-defined]
        count = store.insert_many("nomination", batch)  # type: ignore[attr-defined]
        record_event(Workspace(store), "import",  # type: ignore[arg-type]
                     f"Nhập {count} đề nghị khen thưởng từ tệp thử nghiệm")
    return count


def draft_decision(store: object) -> str:
    return str(store.scalar("SELECT id FROM decision WHERE status = 'draft' LIMIT 1"))  # type: ignore[attr-defined]


def decision_with_recipients(ws: object, recipients: int) -> None:
    from emulation_desk.services.awards.decisions import add_recipients, issue_decision

    store = ws.store  # type: ignore[attr-defined]
    decision_id = draft_decision(store)
    specs = [{"subject": "ca_nhan", "person_id": pid} for pid in person_ids(store)[:recipients]]
    with store.transaction():
        add_recipients(ws, decision_id, specs)  # type: ignore[arg-type]
        issue_decision(ws, decision_id, issued_at="2020-12-15T08:00:00Z")  # type: ignore[arg-type]


def with_test_migration() -> None:
    """Add the test-only migration after the shipped ones (in this process only)."""
    from emulation_desk.storage import schema

    shipped = schema.migrations()
    extra = schema.Migration(shipped[-1].version + 1, "crash_test", TEST_MIGRATION_SQL)
    schema.migrations = lambda: (*shipped, extra)  # type: ignore[assignment]


@contextlib.contextmanager
def program_of(op: str):  # type: ignore[no-untyped-def]
    """The program the clerk runs next: for a migration, the version that ships the test migration."""
    from emulation_desk.storage import schema

    real = schema.migrations
    if op == "migration":
        with_test_migration()
    try:
        yield
    finally:
        schema.migrations = real  # type: ignore[assignment]


def program_check(path: Path, op: str) -> tuple[int, str]:
    """The program's own ``check`` command on ``path``, in this process: (exit code, what it printed)."""
    from emulation_desk.cli import run

    printed = io.StringIO()
    with program_of(op), contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        try:
            code = run(["--db", str(path), "check"])
        except Exception as exc:  # a traceback is a failure of the harness's subject
            return 99, f"{type(exc).__name__}: {exc}"
    return code, printed.getvalue()


def child(op: str, db: Path, rows: int, recipients: int) -> None:
    """Run one operation, saying "start" just before it writes and "done" after."""
    from emulation_desk.storage.db import open_store

    if op == "migration":
        with_test_migration()
    if op == "decision":
        from emulation_desk.services.workspace import open_workspace

        ws = open_workspace(db, install_shipped_catalog=False)
        ws.catalog()
        started = _say_start()
        decision_with_recipients(ws, recipients)
    elif op == "migration":
        started = _say_start()
        store = open_store(db)
    else:
        store = open_store(db)
        started = _say_start()
        if op == "import":
            simulated_import(store, rows)
        elif op == "restore":
            from emulation_desk.storage.restore import restore_into_store

            restore_into_store(store, restore_source(db))
        else:
            from emulation_desk.storage.backup import create_backup

            create_backup(store, "manual")
    print(f"done {time.perf_counter() - started:.4f}", flush=True)


def restore_source(db: Path) -> Path:
    """The backup a restore run puts back: the base before the import, kept beside the run's folder."""
    return db.parent.parent / "restore-source.sqlite"


def _say_start() -> float:
    print("start", flush=True)
    return time.perf_counter()


# ---------------------------------------------------------------------------------------------- state
def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)  # opening rolls back a hot journal


def _digest(rows: list[tuple[object, ...]]) -> str:
    return hashlib.sha256(repr(sorted(rows, key=repr)).encode()).hexdigest()[:16]


def state(path: Path, op: str) -> tuple[object, ...]:
    """The part of the database an operation changes, reduced to comparable values."""
    conn = _connect(path)
    try:
        if op == "restore":
            rows = conn.execute("SELECT person_id, form_code, achievement, status FROM nomination").fetchall()
            return len(rows), _digest(rows)
        if op == "import":
            rows = conn.execute("SELECT person_id, form_code, achievement, status FROM nomination").fetchall()
            imports = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'import'").fetchone()[0]
            return len(rows), _digest(rows), imports
        if op == "decision":
            rows = conn.execute("SELECT person_id, sort_order, coefficient, amount FROM decision_recipient").fetchall()
            status = conn.execute("SELECT group_concat(status) FROM decision").fetchone()[0]
            return len(rows), _digest(rows), status
        if op == "migration":
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            schema = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
            columns = "crash_note" in {r[1] for r in conn.execute("PRAGMA table_info(nomination)")}
            notes = conn.execute("SELECT id, crash_note FROM nomination").fetchall() if columns else []
            return version, _digest(schema), _digest(notes)
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT IN ('audit_log', 'sqlite_sequence')")]
        return tuple((t, _digest(conn.execute(f"SELECT * FROM [{t}]").fetchall())) for t in sorted(tables))
    finally:
        conn.close()


def health(path: Path) -> list[str]:
    conn = _connect(path)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {r}" for r in conn.execute("PRAGMA foreign_key_check")]
    finally:
        conn.close()
    return problems


def content(path: Path) -> str:
    """A digest of every row of every table (the audit log too): what a clerk's data is, whatever the file's
    header says about its journal mode."""
    conn = _connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        rows = {t: conn.execute(f"SELECT * FROM [{t}]").fetchall() for t in tables
                if t not in ("audit_log", "sqlite_sequence")}
        # the next opening's own rows (a lock of the killed program taken over, a recovery) are not data
        rows["audit_log"] = conn.execute("SELECT id, action, entity, entity_id, summary FROM audit_log "
                                         "WHERE action <> 'other'").fetchall()
        return _digest([(t, _digest(r)) for t, r in sorted(rows.items())])
    finally:
        conn.close()


def _backup_rows(path: Path) -> int:
    conn = _connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM audit_log WHERE action = 'backup'").fetchone()[0])
    finally:
        conn.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------------------------------------- bases
def build_base(path: Path, people: int) -> None:
    """A database with one unit, ``people`` people and one draft decision of this office."""
    from emulation_desk.services.awards.decisions import create_decision
    from emulation_desk.services.workspace import open_workspace

    ws = open_workspace(path, actor="harness")
    store = ws.store
    with store.transaction():
        unit = store.insert("unit", {"name": "Phòng Giáo dục và Đào tạo", "name_key": "phong giao duc", "kind": "khac"})
        store.insert_many("person", [{"full_name": f"Nguyễn Văn Người {i:05d}", "name_key": f"nguyen van nguoi {i:05d}",
                                      "unit_id": unit, "position": "Giáo viên"} for i in range(people)])
    create_decision(ws, number="2345", symbol="QĐ-UBND", signed_on="15/12/2020",
                    issuer_level="don_vi", issuer_name="Chủ tịch UBND thành phố",
                    title="Về việc tặng danh hiệu Lao động tiên tiến năm 2020", kind=KIND, form_code=FORM)
    ws.close()


@dataclass
class OpResult:
    op: str
    runs: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    partial_files_left: int = 0
    op_seconds: float = 0.0
    journal_left: int = 0  # runs that left a journal beside the file
    healthy_as_left: int = 0  # `check` called the file, as left, healthy with all or nothing
    alone_healthy: int = 0  # the .db copied alone: `check` called it healthy with all or nothing
    alone_refused: int = 0  # the .db copied alone: `check` refused it with a message

    def line(self) -> str:
        seen = ", ".join(f"{k}: {v}" for k, v in sorted(self.outcomes.items()))
        return (f"{self.op:<10} {self.runs:>4} lần chạy — {seen}; còn nhật ký bên cạnh: {self.journal_left}; "
                f"check gọi là lành, đủ hoặc không có gì: {self.healthy_as_left}/{self.runs}; chép riêng tệp .db: "
                f"lành {self.alone_healthy}, bị từ chối có thông báo {self.alone_refused}; lỗi: {len(self.failures)}; "
                f"tệp tạm còn lại: {self.partial_files_left}; thao tác đầy đủ mất {self.op_seconds:.2f} s")


class Harness:
    def __init__(self, workdir: Path, *, rows: int, recipients: int, seed: int) -> None:
        self.workdir, self.rows, self.recipients = workdir, rows, recipients
        self.rng = random.Random(seed)
        self.bases: dict[str, Path] = {}

    def base(self, op: str) -> Path:
        if op in self.bases:
            return self.bases[op]
        plain = self.workdir / "base-plain.sqlite"
        if not plain.exists():
            build_base(plain, max(self.recipients, 500))
        path = self.workdir / f"base-{op}.sqlite"
        shutil.copyfile(plain, path)
        if op == "restore":
            from emulation_desk.storage.backup import create_backup
            from emulation_desk.storage.db import open_store

            source = restore_source(self.workdir / "x" / path.name)
            source.unlink(missing_ok=True)
            store = open_store(path)
            create_backup(store, "manual", to=source)
            store.close()
        if op in ("backup", "migration", "restore"):
            from emulation_desk.storage.db import open_store

            store = open_store(path)
            simulated_import(store, self.rows)
            store.close()
            shutil.rmtree(path.parent / "sao-luu", ignore_errors=True)
        self.bases[op] = path
        return path

    def _spawn(self, op: str, db: Path) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.bench.crash_harness", "--child", op, "--db", str(db),
             "--rows", str(self.rows), "--recipients", str(self.recipients)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")

    def _fresh(self, op: str, name: str) -> Path:
        folder = self.workdir / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        target = folder / "office.sqlite"
        shutil.copyfile(self.base(op), target)
        return target

    def calibrate(self, op: str) -> tuple[float, tuple[object, ...], tuple[object, ...]]:
        """Run once to the end: how long the operation takes, and the state before and after."""
        db = self._fresh(op, f"{op}-calibration")
        before = state(db, op)
        child_process = self._spawn(op, db)
        out, err = child_process.communicate(timeout=600)
        if child_process.returncode != 0 or "done" not in out:
            raise RuntimeError(f"{op}: the operation failed without a kill:\n{err}")
        seconds = float(out.split("done", 1)[1].split()[0])
        return seconds, before, state(db, op)

    def run(self, op: str, runs: int) -> OpResult:
        from emulation_desk.storage.backup import list_backups

        result = OpResult(op)
        seconds, before, after = self.calibrate(op)
        result.op_seconds = seconds
        base_content = content(self.base(op))
        for index in range(runs):
            db = self._fresh(op, f"{op}-run")
            child_process = self._spawn(op, db)
            assert child_process.stdout is not None
            line = child_process.stdout.readline()
            if line.strip() != "start":
                child_process.kill()
                result.failures.append(f"run {index}: child did not start: {child_process.stderr.read()[-500:]}")
                continue
            time.sleep(self.rng.uniform(0, seconds * 1.2))
            child_process.kill()
            out, _err = child_process.communicate(timeout=60)
            finished = "done" in out
            result.runs += 1
            problems = self.as_the_clerk_finds_it(result, op, db, before, after)
            problems += self.verify(op, db, before, after, base_content)
            outcome = "đã xong" if finished else "bị dừng"
            applied = bool(list_backups(db)) if op == "backup" else state(db, op) == after
            result.outcomes[f"{outcome}, {'có đủ' if applied else 'chưa có gì'}"] += 1
            result.partial_files_left += len(list((db.parent / "sao-luu").glob("*.partial")))
            result.failures += [f"run {index}: {p}" for p in problems]
        return result

    def as_the_clerk_finds_it(self, result: OpResult, op: str, db: Path, before: tuple[object, ...],
                              after: tuple[object, ...]) -> list[str]:
        """The program's ``check`` on the file as left (journal beside it) and on the .db copied alone."""
        from emulation_desk.storage.journal import leftover_journal

        result.journal_left += leftover_journal(db) is not None
        alone = db.parent.parent / f"{db.parent.name}-alone" / db.name
        shutil.rmtree(alone.parent, ignore_errors=True)
        alone.parent.mkdir(parents=True)
        shutil.copyfile(db, alone)
        problems: list[str] = []
        code, said = program_check(db, op)
        whole = code == 0 and not health(db) and state(db, op) in (before, after)
        result.healthy_as_left += whole
        if not whole:
            problems.append(f"check on the file as left: exit {code}: {said.strip()[-300:]}")
        code, said = program_check(alone, op)
        if code == 0:
            if health(alone) or state(alone, op) not in (before, after):
                problems.append("check called a partial copy of the .db alone healthy")
            else:
                result.alone_healthy += 1
        elif code == 1 and "Traceback" not in said and said.strip():
            result.alone_refused += 1
        else:
            problems.append(f"check on the .db copied alone: exit {code}: {said.strip()[-300:]}")
        return problems

    def verify(self, op: str, db: Path, before: tuple[object, ...], after: tuple[object, ...],
               base_content: str) -> list[str]:
        from emulation_desk.errors import KnownError
        from emulation_desk.storage.backup import list_backups, verify_file

        problems = health(db)
        now = state(db, op)
        if now not in (before, after):
            problems.append(f"partial state: {now} (before {before}, after {after})")
        final_names = list_backups(db)
        for backup in final_names:
            try:
                verify_file(backup.path)
            except KnownError as exc:
                problems.append(f"bad file under a final backup name {backup.path.name}: {exc}")
        if op == "backup" and not final_names and content(db) != base_content:
            problems.append("a killed backup changed the live database")
        if op == "backup" and final_names and content(db) != base_content and _backup_rows(db) != 1:
            problems.append("the live database changed by more than the backup's audit row")
        if op == "migration" and now == before:
            from emulation_desk.storage.db import open_store

            try:
                open_store(db).close()  # the old version still opens (and the dead child's lock is taken over)
            except KnownError as exc:
                problems.append(f"the old version does not open: {exc}")
        return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--ops", default=",".join(OPS))
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--recipients", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--child", choices=OPS, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.db, args.rows, args.recipients)
        return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="crash-harness-"))
    harness = Harness(workdir, rows=args.rows, recipients=args.recipients, seed=args.seed)
    failed = runs = whole = 0
    for op in args.ops.split(","):
        started = time.perf_counter()
        result = harness.run(op, args.runs)
        print(result.line() + f" (tổng {time.perf_counter() - started:.0f} s)", flush=True)
        for failure in result.failures[:10]:
            print(f"    {failure}", flush=True)
        failed += len(result.failures)
        runs, whole = runs + result.runs, whole + result.healthy_as_left
    print(f"Sau {runs} lần dừng đột ngột, lệnh check của chương trình chạy ngay sau đó gọi {whole} tệp là lành "
          "với đủ hoặc không có gì của thao tác.")
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    print("KẾT QUẢ: " + ("KHÔNG CÓ LỖI" if failed == 0 else f"{failed} LỖI"))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
