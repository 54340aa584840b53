"""The store's read helpers."""

from __future__ import annotations


def test_a_query_with_shared_texts_gives_the_same_rows_and_keeps_equal_texts_once(demo_ws) -> None:  # type: ignore[no-untyped-def]
    sql = "SELECT id, form_code, status, position, year FROM nomination WHERE year = ? ORDER BY id"
    plain = demo_ws.store.query(sql, [2020])
    shared = demo_ws.store.query(sql, [2020], shared=("form_code", "status", "position"))
    assert shared == plain and len(shared) > 3000
    by_text: dict[str, int] = {}
    for row in shared:
        by_text.setdefault(row["form_code"], id(row["form_code"]))
        assert id(row["form_code"]) == by_text[row["form_code"]]
    assert len({id(r["id"]) for r in shared}) == len(shared)  # other columns untouched
