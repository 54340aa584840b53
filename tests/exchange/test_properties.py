"""Properties: export → import of random valid lists gives back equal records; a failing import leaves the
database byte-identical, whether the preview finds the problem or a write fails half-way."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emulation_desk.core.catalog import load_catalog
from emulation_desk.core.text import fold
from emulation_desk.exchange.catalog_match import valid_in_year
from emulation_desk.exchange.errors import ImportRejectedError
from emulation_desk.services.awards import imports
from emulation_desk.services.awards.nominations import add_nomination
from emulation_desk.services.records.org import save_organisation
from emulation_desk.services.records.people import add_person
from emulation_desk.services.records.units import add_unit
from emulation_desk.services.reporting import exports
from emulation_desk.services.workspace import Workspace, open_workspace
from tests.exchange.builders import nomination_table

YEAR = 2021
UNITS = ("Phòng Nội vụ", "Phòng Tư pháp", "Trường THCS Trần Đăng Ninh")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh", "Thanh", "Xuân", "")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hương", "Khánh", "Loan", "Mai", "Nga", "Phúc",
         "Quyên", "Sơn", "Tâm", "Uyên", "Vân", "Yến", "Ánh")
TRICKY = ("", "", "", "=", "+", "-", "@")
POSITIONS = ("", "Chuyên viên", "Trưởng phòng", "Phó Hiệu trưởng", "=Kế toán", "Giáo viên")
WORDS = ("Hoàn", "thành", "xuất", "sắc", "nhiệm", "vụ", "năm", "2021;", "@dẫn", "-đầu", "=phong", "trào", "+thi",
         "đua", "#N/A")


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("props") / "office.sqlite"
    ws = open_workspace(path, actor="tester")
    save_organisation(ws, parent_body="UBND TỈNH NAM ĐỊNH", issuing_body="ỦY BAN NHÂN DÂN THÀNH PHỐ NAM ĐỊNH",
                      body_short="UBND thành phố", level="huyen", place_name="Nam Định")
    for name in UNITS:
        add_unit(ws, name, "phong_chuyen_mon")
    ws.close()
    return path


@contextmanager
def office(template_db: Path) -> Iterator[Workspace]:
    folder = Path(tempfile.mkdtemp(prefix="office-"))
    shutil.copyfile(template_db, folder / "office.sqlite")
    ws = open_workspace(folder / "office.sqlite", actor="tester")
    try:
        yield ws
    finally:
        ws.close()
        shutil.rmtree(folder, ignore_errors=True)


CATALOG = load_catalog()


@st.composite
def nominations(draw: Any) -> dict[str, Any]:
    catalog = CATALOG
    subject = draw(st.sampled_from(("ca_nhan", "ca_nhan", "ca_nhan", "tap_the", "ho_gia_dinh")))
    forms = sorted(f.code for f in catalog.forms if subject in f.subjects and valid_in_year(f, YEAR))
    words = draw(st.lists(st.sampled_from(WORDS), max_size=8))
    joints = draw(st.lists(st.sampled_from((" ", " ", "\n")), min_size=len(words), max_size=len(words)))
    record: dict[str, Any] = {
        "subject": subject, "form_code": draw(st.sampled_from(forms)),
        "kind": draw(st.sampled_from([k.code for k in catalog.kinds])), "unit": draw(st.sampled_from(UNITS)),
        "achievement": "".join(w + j for w, j in zip(words, joints, strict=True)).strip(),
        "notes": draw(st.sampled_from(("", "Ghi chú", "-", "=A1"))),
    }
    family, middle, given = draw(st.sampled_from(FAMILY)), draw(st.sampled_from(MIDDLE)), draw(st.sampled_from(GIVEN))
    name = " ".join(p for p in (family, middle, given) if p)
    if subject == "ca_nhan":
        record.update(name=draw(st.sampled_from(TRICKY)) + name, gender=draw(st.sampled_from((None, "nam", "nu"))),
                      position=draw(st.sampled_from(POSITIONS)), is_manager=draw(st.sampled_from((None, True, False))))
        born = draw(st.one_of(st.none(), st.integers(1950, 2000),
                              st.dates(date(1950, 1, 1), date(2000, 12, 31))))
        record.update(birth_year=born.year if isinstance(born, date) else born,
                      birth_date=born if isinstance(born, date) else None)
    elif subject == "tap_the":
        record["name"] = f"Tổ {given} {draw(st.integers(1, 99))}"
    else:
        record.update(name=name, address=draw(st.sampled_from(("", "Số 5 Trần Hưng Đạo", "Tổ 3"))))
    return record


def _store(ws: Workspace, records: list[dict[str, Any]]) -> None:
    store = ws.store
    units = {r["name"]: r["id"] for r in store.query("SELECT id, name FROM unit")}
    with store.transaction():
        for r in records:
            nominee: dict[str, Any] = {}
            if r["subject"] == "ca_nhan":
                person_id = add_person(ws, r["name"], gender=r["gender"], birth_year=r["birth_year"],
                                       birth_date=r["birth_date"], unit_id=units[r["unit"]]).id
                nominee = {"person_id": person_id, "position": r["position"], "is_manager": r["is_manager"]}
            elif r["subject"] == "tap_the":
                unit_id = add_unit(ws, r["name"], "khac", parent_id=units[r["unit"]]).id
                nominee = {"unit_id": unit_id}
            else:
                household = store.insert("household", {"head_name": r["name"], "name_key": fold(r["name"]),
                                                       "address": r["address"], "unit_id": units[r["unit"]]})
                nominee = {"household_id": household}
            add_nomination(ws, year=YEAR, form_code=r["form_code"], kind=r["kind"], subject=r["subject"],
                           achievement=r["achievement"], notes=r["notes"], **nominee)


RECORDS_SQL = """
SELECT n.subject, coalesce(p.full_name, u.name, h.head_name) AS name, p.birth_year, p.birth_date, p.gender,
       coalesce(pu.name, parent.name, hu.name) AS unit, h.address, n.form_code, n.kind, n.position, n.is_manager,
       n.achievement, n.notes
FROM nomination n LEFT JOIN person p ON p.id = n.person_id LEFT JOIN unit pu ON pu.id = p.unit_id
LEFT JOIN unit u ON u.id = n.unit_id LEFT JOIN unit parent ON parent.id = u.parent_id
LEFT JOIN household h ON h.id = n.household_id LEFT JOIN unit hu ON hu.id = h.unit_id
WHERE n.year = ? AND n.deleted_at IS NULL
"""


def _records(ws: Workspace) -> Counter[tuple[Any, ...]]:
    return Counter(tuple(r.values()) for r in ws.store.query(RECORDS_SQL, [YEAR]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(nominations(), min_size=1, max_size=12, unique_by=lambda r: (r["subject"], fold(r["name"]))))
def test_export_then_import_gives_equal_records(template_db: Path, tmp_path: Path, records: list[dict[str, Any]]
                                                ) -> None:
    with office(template_db) as source, office(template_db) as target:
        _store(source, records)
        path = exports.export_nominations(source, YEAR, tmp_path / "danh_sach.xlsx").path
        result = imports.import_nominations(target, path, year=YEAR)
        assert result.counts["nominations"] == len(records)
        assert _records(target) == _records(source)


BAD_CELLS = (("birth", "31/02/1980"), ("birth", 2090), ("form", "Danh hiệu không có"), ("name", "x" * 201),
             ("name", "=A1&B1"), ("birth", "1980/13/45"), ("form", "Tập thể lao động tiên tiến"))
COLUMNS = {"name": 1, "birth": 2, "form": 5}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(st.sampled_from(GIVEN), st.integers(1955, 2000)), min_size=1, max_size=15,
                     unique=True),
       bad=st.one_of(st.none(), st.tuples(st.integers(0, 14), st.sampled_from(BAD_CELLS))),
       failing_write=st.one_of(st.none(), st.integers(1, 15)))
def test_a_failing_import_leaves_the_database_byte_identical(template_db: Path, tmp_path: Path,
                                                             rows: list[tuple[str, int]], bad: Any,
                                                             failing_write: int | None) -> None:
    table = [[i + 1, f"Nguyễn Văn {given}", born, "Chuyên viên", UNITS[i % 3], "Lao động tiên tiến"]
             for i, (given, born) in enumerate(rows)]
    if bad is not None:
        index, (field, value) = bad
        table[index % len(table)][COLUMNS[field]] = value  # openpyxl writes "=A1&B1" as a formula
    path = nomination_table(tmp_path / "ds.xlsx", table)
    expect_failure = bad is not None or (failing_write is not None and failing_write <= len(table))
    calls = {"n": 0}

    real = imports._nomination_values

    def values(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == failing_write:
            raise imports.ValidationError("Lỗi ghi giả lập.")
        return real(*args, **kwargs)

    with office(template_db) as ws, mock.patch.object(imports, "_nomination_values", values):
        before = hashlib.sha256(ws.path.read_bytes()).hexdigest()
        try:
            imports.import_nominations(ws, path, year=YEAR)
        except ImportRejectedError as refused:
            assert expect_failure and refused.problems
            assert hashlib.sha256(ws.path.read_bytes()).hexdigest() == before
            assert ws.store.integrity_problems() == []
        else:
            assert not expect_failure
            assert ws.store.scalar("SELECT count(*) FROM nomination WHERE year = ?", [YEAR]) == len(table)
