"""Migration 0008 fills the achievement years of existing decisions from their titles (else the signing
year) and the position history from today's positions; its preview is what it writes."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from emulation_desk.core.achievement import AchievementPeriod
from emulation_desk.storage import achievement_fill
from emulation_desk.storage.db import open_store

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema_v2.sqlite"
STAMP = ("2024-01-10T08:00:00Z",) * 2 + ("fixture",) * 2


def _old_office(tmp_path: Path) -> Path:
    """The released v2 fixture plus a title of 2023 signed in January 2024 and a period title."""
    copy = tmp_path / "office.sqlite"
    shutil.copyfile(FIXTURE, copy)
    conn = sqlite3.connect(copy)
    rows = [("00000000-0000-4000-8000-000000000901", 2024, "2024-01-10",
             "Về việc tặng danh hiệu Lao động tiên tiến năm 2023"),
            ("00000000-0000-4000-8000-000000000902", 2021, "2021-02-01",
             "Về việc khen thưởng thành tích giai đoạn 2016-2020"),
            ("00000000-0000-4000-8000-000000000903", 2022, "2022-03-01",
             "Về việc khen thưởng đột xuất")]
    for n, (decision_id, year, signed, title) in enumerate(rows):
        conn.execute("INSERT INTO decision (id, year, number, symbol, signed_on, issuer_level, issuer_name, is_own, "
                     "title, form_code, kind, status, created_at, updated_at, created_by, updated_by) "
                     "VALUES (?, ?, ?, 'QĐ-UBND', ?, 'don_vi', 'Chủ tịch UBND thành phố', 1, ?, 'LDTT', "
                     "'cong_trang', 'issued', ?, ?, ?, ?)", [decision_id, year, str(10 + n), signed, title, *STAMP])
        conn.execute("INSERT INTO decision_recipient (id, decision_id, form_code, kind, subject, person_id, "
                     "display_name, created_at, updated_at, created_by, updated_by) VALUES (?, ?, 'LDTT', "
                     "'cong_trang', 'ca_nhan', '00000000-0000-4000-8000-000000000006', 'Nguyễn Thị Ánh Tuyết', "
                     "?, ?, ?, ?)", [decision_id[:-3] + "99" + str(n), decision_id, *STAMP])
    conn.execute("UPDATE person SET position = 'Trưởng phòng', is_manager = 1")
    conn.commit()
    conn.close()
    return copy


def test_the_preview_reads_each_title_and_falls_back_to_the_signing_year(tmp_path: Path) -> None:
    conn = sqlite3.connect(_old_office(tmp_path))
    preview = {(i.decision_id[-3:], i.form_code): i for i in achievement_fill.plan(conn)}
    conn.close()
    jan = preview[("901", "")]
    assert jan.period == AchievementPeriod(2023, 2023) and jan.guess.from_title
    assert "năm 2023" in jan.guess.describe()
    assert preview[("902", "LDTT")].period == AchievementPeriod(2016, 2020)
    fallback = preview[("903", "")]
    assert fallback.period == AchievementPeriod(2022, 2022) and not fallback.guess.from_title
    assert "mặc định" in fallback.guess.describe()


def test_the_migration_writes_the_preview_and_copies_todays_positions(tmp_path: Path) -> None:
    store = open_store(_old_office(tmp_path))
    try:
        got = {r["id"][-3:]: (r["achievement_first"], r["achievement_last"], r["year"])
               for r in store.query("SELECT id, achievement_first, achievement_last, year FROM decision")}
        assert got["901"] == (2023, 2023, 2024)  # signed in 2024, earned in 2023
        assert got["902"] == (2016, 2020, 2021)
        assert got["903"] == (2022, 2022, 2022)
        lines = {r["decision_id"][-3:]: (r["achievement_first"], r["achievement_last"])
                 for r in store.query("SELECT decision_id, achievement_first, achievement_last FROM decision_recipient")}
        assert lines["901"] == (2023, 2023) and lines["902"] == (2016, 2020) and lines["903"] == (2022, 2022)
        assert store.scalar("SELECT count(*) FROM decision_recipient WHERE achievement_last IS NULL") == 0
        positions = store.query("SELECT * FROM person_position")
        assert [(p["from_year"], p["position"], p["is_manager"], p["manager_source"]) for p in positions] == [
            (None, "Trưởng phòng", 1, "record")]
        assert len(positions[0]["id"]) == 36
    finally:
        store.close()
