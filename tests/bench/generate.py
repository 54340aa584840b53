"""Deterministic large databases for benchmarks (not for tests of behaviour).

``generate(path, units=5000, people=200_000, awards=1_000_000, years=10)`` writes a database shaped like a
province's Sở Nội vụ: units of every kind, people with positions and manager flags, yearly ratings, and
issued decisions whose recipients add up to ``awards`` over ``years`` years ending with ``last_year``
(plus the nominations of the last year). The same arguments always give the same rows. No two people of a
unit share a folded full name and birth year (an import could not tell them apart).
Run ``python -m tests.bench.generate OUT.sqlite [--scale province|city20|gui]`` to build one.
"""

from __future__ import annotations

import argparse
import random
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from emulation_desk.core.catalog import load_catalog
from emulation_desk.core.money import bonus_amount
from emulation_desk.core.text import fold
from emulation_desk.storage.catalog_store import install_catalog
from emulation_desk.storage.db import open_store

SCALES = {
    "province": {"units": 5000, "people": 200_000, "awards": 1_000_000, "years": 10},
    "gui": {"units": 2000, "people": 100_000, "awards": 300_000, "years": 5},
    "city20": {"units": 3200, "people": 70_000, "awards": 170_000, "years": 3},
}
KINDS = [("truong_hoc", 0.45), ("phuong", 0.15), ("xa", 0.15), ("phong_chuyen_mon", 0.08),
         ("don_vi_su_nghiep", 0.1), ("hoi_doan_the", 0.04), ("doanh_nghiep", 0.03)]
# (form, subject, kind, share of the awards)
MIX = [("LDTT", "ca_nhan", "cong_trang", 0.58), ("CSTDCS", "ca_nhan", "cong_trang", 0.1),
       ("GK_CT_HUYEN", "ca_nhan", "chuyen_de", 0.12), ("GK_CT_HUYEN", "tap_the", "chuyen_de", 0.04),
       ("TTLDTT", "tap_the", "cong_trang", 0.09), ("BK_TINH", "ca_nhan", "cong_trang", 0.04),
       ("BK_TINH", "tap_the", "cong_trang", 0.015), ("TTLDXS", "tap_the", "cong_trang", 0.015),
       ("CSTD_TINH", "ca_nhan", "cong_trang", 0.01)]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Vũ", "Hoàng", "Đỗ", "Đặng", "Bùi", "Ngô", "Đinh", "Đoàn", "Mai"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Thanh", "Ngọc", "Hữu", "Quang", "Hồng", "Xuân", "Kim"]
GIVEN = ["An", "Anh", "Bình", "Chi", "Dung", "Đức", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Hương", "Khánh", "Lan",
         "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngọc", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo",
         "Thành", "Thủy", "Trang", "Trung", "Tuấn", "Vân", "Việt", "Yến"]
STAMP = {"created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z", "created_by": "bench",
         "updated_by": "bench"}


def _ids(rng: random.Random) -> Iterator[str]:
    while True:
        yield str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _insert(conn: Any, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                     [[r[c] for c in columns] for r in rows])


def generate(path: Path | str, *, units: int = 5000, people: int = 200_000, awards: int = 1_000_000,
             years: int = 10, last_year: int = 2025, seed: int = 7) -> Path:
    """Build the database at ``path`` (must not exist); return it."""
    target = Path(path)
    if target.exists():
        raise FileExistsError(target)
    rng = random.Random(seed)
    ids = _ids(rng)
    catalog = load_catalog()
    store = open_store(target, actor="bench")
    install_catalog(store, catalog)
    conn = store.conn
    conn.execute("BEGIN")
    _insert(conn, "organisation", [{
        "id": next(ids), "parent_body": "ỦY BAN NHÂN DÂN TỈNH", "issuing_body": "SỞ NỘI VỤ", "body_short": "Sở Nội vụ",
        "level": "tinh", "place_name": "Ninh Bình", "office_name": "Ban Thi đua - Khen thưởng", **STAMP}])
    _insert(conn, "signatory", [{"id": next(ids), "full_name": "Nguyễn Văn Ký", "position": "PHÓ CHỦ TỊCH",
                                 "is_head": 0, **STAMP}])
    unit_rows = []
    kinds = [k for k, _ in KINDS]
    weights = [w for _, w in KINDS]
    for n in range(units):
        kind = rng.choices(kinds, weights)[0]
        name = f"Đơn vị {kind.replace('_', ' ')} số {n + 1}"
        unit_rows.append({"id": next(ids), "name": name, "name_key": fold(name), "kind": kind,
                          "head_count": 0, "sort_order": n, **STAMP})
    person_rows = []
    per_unit: dict[str, list[dict[str, Any]]] = {u["id"]: [] for u in unit_rows}
    identities: set[tuple[str, int, str]] = set()
    for n in range(people):
        unit = unit_rows[n % units] if n < units * 3 else rng.choice(unit_rows)
        manager = len(per_unit[unit["id"]]) < 2
        while True:  # no namesakes in a unit: the importer rightly refuses a name + birth year + unit it cannot tell
            full = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            born = rng.randint(1962, 1999)
            identity = (fold(full), born, unit["id"])
            if identity not in identities:
                identities.add(identity)
                break
        row = {"id": next(ids), "full_name": full, "name_key": identity[0], "gender": rng.choice(("nam", "nu")),
               "birth_year": born, "unit_id": unit["id"],
               "position": "Trưởng đơn vị" if manager else "Chuyên viên", "is_manager": int(manager), **STAMP}
        person_rows.append(row)
        per_unit[unit["id"]].append(row)
    for unit in unit_rows:
        unit["head_count"] = len(per_unit[unit["id"]])
    _insert(conn, "unit", unit_rows)
    _insert(conn, "person", person_rows)
    first_year = last_year - years + 1
    rating_rows = []
    for year in range(max(first_year, last_year - 2), last_year + 1):
        for person in person_rows:
            rating_rows.append({"id": next(ids), "person_id": person["id"], "year": year, "unit_id": person["unit_id"],
                                "position": person["position"], "is_manager": person["is_manager"],
                                "rating": rng.choices(("htxsnv", "httnv", "htnv"), (0.2, 0.6, 0.2))[0], **STAMP})
    _insert(conn, "person_year", rating_rows)
    per_year = awards // years
    for year in range(first_year, last_year + 1):
        _year_decisions(conn, ids, rng, catalog, year, per_year, unit_rows, person_rows, year == last_year)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    store.close()
    return target


def _year_decisions(conn: Any, ids: Iterator[str], rng: random.Random, catalog: Any, year: int, count: int,
                    unit_rows: list[dict[str, Any]], person_rows: list[dict[str, Any]], nominate: bool) -> None:
    signed = f"{year}-12-10"
    from datetime import date

    salary = catalog.base_salary_for(date(year, 12, 10))
    number = 1000
    for form, subject, kind, share in MIX:
        total = int(count * share)
        pool = person_rows if subject == "ca_nhan" else unit_rows
        chosen = rng.sample(pool, min(total, len(pool))) if total <= len(pool) else [rng.choice(pool) for _ in range(total)]
        coefficient = catalog.coefficient_for(form, subject, date(year, 12, 10))
        amount = bonus_amount(coefficient.value, salary.amount) if coefficient and salary else None
        for start in range(0, len(chosen), 2000):
            number += 1
            decision_id = next(ids)
            _insert(conn, "decision", [{
                "id": decision_id, "year": year, "number": str(number), "symbol": "QĐ-UBND", "signed_on": signed,
                "issuer_level": "don_vi", "issuer_name": "Chủ tịch UBND tỉnh", "is_own": 1,
                "title": f"Về việc khen thưởng năm {year}", "form_code": form, "kind": kind, "status": "issued",
                "legal_bases": "[]", **STAMP}])
            recipients, nominations = [], []
            for order, item in enumerate(chosen[start:start + 2000], start=1):
                recipient = {"id": next(ids), "decision_id": decision_id, "form_code": form, "kind": kind,
                             "subject": subject, "person_id": item["id"] if subject == "ca_nhan" else None,
                             "unit_id": item["id"] if subject == "tap_the" else None,
                             "display_name": item.get("full_name") or item["name"],
                             "position": item.get("position", ""), "unit_name": "",
                             "is_manager": item.get("is_manager") if subject == "ca_nhan" else None,
                             "amount": amount, "coefficient": str(coefficient.value) if coefficient else None,
                             "sort_order": order, "nomination_id": None, **STAMP}
                if nominate:
                    nomination_id = next(ids)
                    recipient["nomination_id"] = nomination_id
                    nominations.append({"id": nomination_id, "year": year, "form_code": form, "kind": kind,
                                        "subject": subject, "person_id": recipient["person_id"],
                                        "unit_id": recipient["unit_id"], "status": "decided",
                                        "decision_id": decision_id, **STAMP})
                recipients.append(recipient)
            _insert(conn, "nomination", nominations)
            _insert(conn, "decision_recipient", recipients)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Tạo cơ sở dữ liệu lớn để đo tốc độ")
    parser.add_argument("out")
    parser.add_argument("--scale", choices=sorted(SCALES), default="province")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    path = generate(args.out, **SCALES[args.scale])
    print(f"{path}: {path.stat().st_size / 1e6:.0f} MB trong {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
