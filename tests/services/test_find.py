"""The finder: one search over people, units, decisions and nominations, kept current by the triggers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from emulation_desk.cli import run
from emulation_desk.core.search import parse_query
from emulation_desk.services.records.find import find, fts_expression, rebuild_index, refresh_index
from emulation_desk.services.records.people import add_person, delete_person, update_person
from emulation_desk.services.records.units import add_unit
from emulation_desk.services.workspace import Workspace, open_workspace


def _names(ws: Workspace, text: str, kind: str = "person", **kw: object) -> list[str]:
    return [f.name for f in find(ws, text, **kw).items if f.kind == kind]  # type: ignore[arg-type]


@pytest.fixture
def people_ws(ws: Workspace) -> Workspace:
    unit = add_unit(ws, "Trường THCS Văn Lang", "truong_hoc").id
    for name, year in (("Trần Văn An", 1980), ("Nguyễn Văn Trân", 1975), ("Trấn Thị Bình", 1990),
                       ("Đặng Đức Hùng", 1985), ("Trần Thị Vân", 1962)):
        add_person(ws, name, birth_year=year, unit_id=unit)
    return ws


@pytest.mark.parametrize(("text", "expected"), [
    ("tran van", ["Trần Văn An", "Trần Thị Vân"]),
    ("TRAN VAN", ["Trần Văn An", "Trần Thị Vân"]),
    ("Trần Văn", ["Trần Văn An"]),
    ("Trần", ["Trần Văn An", "Trần Thị Vân"]),
    ("trấn", ["Trấn Thị Bình"]),
    ("van tran", ["Nguyễn Văn Trân"]),
    ("dang duc", ["Đặng Đức Hùng"]),
    ("đức", ["Đặng Đức Hùng"]),
    ("1985", ["Đặng Đức Hùng"]),
    ("tran 198", ["Trần Văn An"]),
    ("khong co ai", []),
])
def test_people_by_the_search_rule(people_ws: Workspace, text: str, expected: list[str]) -> None:
    assert sorted(_names(people_ws, text)) == sorted(expected)


def test_units_and_every_kind_carry_kind_name_and_id(people_ws: Workspace) -> None:
    items = find(people_ws, "van lang").items
    assert [(f.kind, f.name) for f in items] == [("unit", "Trường THCS Văn Lang")]
    assert items[0].as_dict()["kind_label"] == "Tập thể" and len(items[0].id) == 36


def test_the_index_follows_adds_renames_and_deletes(people_ws: Workspace) -> None:
    ws = people_ws
    refresh_index(ws)
    new = add_person(ws, "Lò Văn Páo", birth_year=1970).id
    assert ws.store.scalar("SELECT count(*) FROM finder_pending") == 1
    assert _names(ws, "lo van") == ["Lò Văn Páo"]  # re-indexed before searching
    assert ws.store.scalar("SELECT count(*) FROM finder_pending") == 0
    update_person(ws, new, full_name="Lò Thị Páo")
    assert _names(ws, "lo van") == [] and _names(ws, "lo thi pao") == ["Lò Thị Páo"]
    delete_person(ws, new)
    assert _names(ws, "lo thi") == []
    assert ws.store.scalar("SELECT count(*) FROM finder_doc WHERE ref = ?", [new]) == 0


def test_a_read_only_file_searches_its_unindexed_changes_one_by_one(people_ws: Workspace, tmp_path: Path) -> None:
    add_person(people_ws, "Hà Văn Mới", birth_year=2000)
    path = people_ws.store.path
    people_ws.close()
    readonly = open_workspace(path, readonly=True)
    try:
        assert refresh_index(readonly) == 0
        assert _names(readonly, "ha van moi") == ["Hà Văn Mới"]
        assert sorted(_names(readonly, "tran van")) == ["Trần Thị Vân", "Trần Văn An"]
    finally:
        readonly.close()


def test_rebuild_gives_the_same_answers(people_ws: Workspace) -> None:
    before = _names(people_ws, "tran")
    rebuild_index(people_ws)
    assert _names(people_ws, "tran") == before
    docs = people_ws.store.scalar("SELECT count(*) FROM finder_doc")
    assert docs == people_ws.store.scalar("SELECT (SELECT count(*) FROM person) + (SELECT count(*) FROM unit) "
                                          "+ (SELECT count(*) FROM decision)")


def test_d_stands_for_đ_in_the_index_query() -> None:
    assert fts_expression(parse_query("duc")) == '{name extra} : (("duc"* OR "đuc"*))'
    assert fts_expression(parse_query("đức 1980")) == '{name extra} : ("đức"* AND "1980"*)'


def test_demo_decisions_nominations_and_year(demo_ws: Workspace) -> None:
    found = find(demo_ws, "4522").items
    assert [(f.kind, f.name) for f in found] == [("decision", "Quyết định số 4522/QĐ-UBND")]
    result = find(demo_ws, "hoang phuong uyen", year=2020)
    kinds = [f.kind for f in result.items]
    assert kinds[0] == "person" and "nomination" in kinds
    assert all(f.year == 2020 for f in result.items if f.kind == "nomination")
    assert find(demo_ws, "hoang phuong uyen", year=1999).items == []


def test_cli_find_json(demo_ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    path = demo_ws.store.path
    demo_ws.close()
    assert run(["--db", str(path), "find", "tran van", "--year", "2020", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["results"] and {"kind", "name", "id"} <= set(data["results"][0])
    assert {r["kind"] for r in data["results"]} <= {"person", "unit", "decision", "nomination"}
    assert all(r["name"].startswith("Trần") for r in data["results"] if r["kind"] == "person")


def test_a_short_accented_prefix_among_many_folded_matches(ws: Workspace) -> None:
    """"đỗ" folds to "đo", the prefix of every "Đơn vị", "Đông", "Đoàn": SQLite's GLOB keeps only "Đỗ" for the
    rule, and a kind holding more than the limit says so."""
    for i in range(30):
        add_unit(ws, f"Đơn vị số {i + 1}", "truong_hoc")
    for name in ("Đỗ Văn Hải", "Đông Thị Lan", "Đoàn Văn Đỗ", "Đỗ Thị Mai"):
        add_person(ws, name, birth_year=1980)
    result = find(ws, "đỗ")
    assert sorted(f.name for f in result.items if f.kind == "person") == ["Đoàn Văn Đỗ", "Đỗ Thị Mai", "Đỗ Văn Hải"]
    assert [f for f in result.items if f.kind == "unit"] == [] and not result.more.get("unit")
    result = find(ws, "đơn vị", limit=10)
    assert len([f for f in result.items if f.kind == "unit"]) == 10 and result.more["unit"]


def test_a_year_without_nominations_finds_no_one_but_its_decisions(demo_ws: Workspace) -> None:
    assert demo_ws.store.scalar("SELECT count(*) FROM nomination WHERE year = 2019") == 0
    assert [f for f in find(demo_ws, "tran van", year=2019).items if f.kind != "decision"] == []
    people_2020 = [f for f in find(demo_ws, "tran van", year=2020).items if f.kind == "person"]
    assert people_2020 and all(f.name.startswith("Trần") for f in people_2020)
