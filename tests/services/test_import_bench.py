"""The benchmark generator makes no namesakes within a unit, stays deterministic, and a list built from its
database imports (the province benchmark's import step, at a small scale)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from emulation_desk.services.awards import imports
from emulation_desk.services.workspace import open_workspace
from tests.bench.generate import generate
from tests.bench.import_bench import PROVINCE_FORMS, build_list

# Few units and a narrow spread of names: without the check, namesakes in a unit would be certain.
SMALL = {"units": 20, "people": 6000, "awards": 3000, "years": 2}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("gen") / "tinh.sqlite", **SMALL)


def _people(path: Path) -> list[tuple[str, str, int, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT full_name, name_key, birth_year, unit_id FROM person ORDER BY id").fetchall()


def test_no_two_people_of_a_unit_share_name_and_birth_year(generated: Path) -> None:
    people = _people(generated)
    assert len(people) == SMALL["people"]
    identities = {(key, born, unit) for _name, key, born, unit in people}
    assert len(identities) == len(people)


def test_the_same_arguments_give_the_same_rows(generated: Path, tmp_path: Path) -> None:
    again = generate(tmp_path / "again.sqlite", **SMALL)
    assert _people(again) == _people(generated)
    with sqlite3.connect(again) as conn:
        counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("unit", "decision_recipient")]
    assert counts[0] == SMALL["units"] and counts[1] >= SMALL["awards"] * 0.9


def test_a_list_made_from_the_generated_database_imports(generated: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(generated.read_bytes())
    listed = build_list(tmp_path / "danh-sach.xlsx", copy, 600, forms=PROVINCE_FORMS, year=2026)
    ws = open_workspace(copy)
    try:
        preview = imports.preview_nominations(ws, imports.read_source(listed), year=2026)
        assert preview.problems == []
        assert len(preview.matches) == 240  # 40 % of the rows name people of the database
        result = imports.commit_import(ws, preview, dry_run=True)
        assert result.counts["nominations"] == 600
    finally:
        ws.close()
