"""The table's consistency check on deliberately broken tables and facts: every violation names its records."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from emulation_desk.core.catalog import load_catalog
from emulation_desk.core.stats import AwardFact, StatTable, check_facts, check_table, compute_table

CATALOG = load_catalog()


def fact(ident: str, form: str = "LDTT", subject: str = "ca_nhan", kind: str = "cong_trang", manager: bool | None = False,
         decision: str = "d1", who: str = "", signed: date = date(2020, 12, 10)) -> AwardFact:
    return AwardFact(ident, decision, form, subject, kind, manager if subject == "ca_nhan" else None,
                     who or f"s-{ident}", signed)


FACTS = [fact("a"), fact("b", manager=True), fact("c", "GK_CT_HUYEN", kind="chuyen_de"),
         fact("d", "GK_CT_HUYEN", "tap_the")]


def tampered(table: StatTable, key: str, **cells: object) -> StatTable:
    groups = tuple(dataclasses.replace(g, rows=tuple(dataclasses.replace(r, **cells) if r.key == key else r
                                                     for r in g.rows)) for g in table.groups)
    return dataclasses.replace(table, groups=groups)


def test_a_computed_table_has_no_violation() -> None:
    assert check_table(compute_table(2020, FACTS, CATALOG), FACTS) == []
    assert check_facts(FACTS, CATALOG) == []


@pytest.mark.parametrize(("cells", "phrase"), [
    ({"c3": 3}, "cột 6 + cột 10 = 2, khác cột 3 = 3"),  # 6 + 10 = 3
    ({"c4": 1}, "cột 8 + 9 + 12 + 13 = 2, khác cột 4 = 1"),  # 8 + 9 + 12 + 13 = 4
    ({"c4": 3, "c9": 2}, "cột 4 = 3 lớn hơn cột 3 = 2"),  # 4 ≤ 3
    ({"c5": Decimal(99)}, "tỷ lệ ở cột 5 là 99, theo số liệu phải là 100"),  # one rounding rule
])
def test_a_broken_identity_names_the_records_of_its_row(cells: dict[str, object], phrase: str) -> None:
    table = tampered(compute_table(2020, FACTS, CATALOG), "I.2", **cells)
    found = [v for v in check_table(table, FACTS) if phrase in v.message]
    assert found and found[0].row_key == "I.2" and set(found[0].recipient_ids) == {"a", "b"}


def test_a_recipient_counted_twice_or_never() -> None:
    table = compute_table(2020, FACTS, CATALOG)
    twice = tampered(table, "I.1", facts=(*table.row("I.1").facts, FACTS[0]))
    messages = [v.message for v in check_table(twice, FACTS)]
    assert any("a được đếm 2 lần" in m for m in messages)
    assert any("Tổng số dòng của biểu (5) khác" in m for m in messages)
    missing = compute_table(2020, FACTS[1:], CATALOG)
    assert any("a được đếm 0 lần" in v.message for v in check_table(missing, FACTS))


@pytest.mark.parametrize(("facts", "severity", "phrase", "ids"), [
    ([fact("a", who="x"), fact("b", who="x")], "error", "được ghi 2 lần trong cùng một quyết định", {"a", "b"}),
    ([fact("a", who="x"), fact("b", who="x", decision="d2")], "warning", "nhận danh hiệu Lao động tiên tiến 2 lần",
     {"a", "b"}),
    ([fact("a", "GK_CT_HUYEN", who="x"), fact("b", "GK_CT_HUYEN", who="x", decision="d2")], None, "", set()),
    ([fact("a", "LDTT", "tap_the")], "error", "chỉ dành cho cá nhân", {"a"}),
    ([fact("a", "GK_CT_HUYEN", signed=date(2025, 7, 1))], "warning", "không còn (hoặc chưa) được áp dụng", {"a"}),
    ([fact("a", "GK_CT_HUYEN", signed=date(2025, 6, 30))], None, "", set()),
])
def test_doubtful_records(facts: list[AwardFact], severity: str | None, phrase: str, ids: set[str]) -> None:
    found = check_facts(facts, CATALOG)
    if severity is None:
        assert found == []
        return
    assert [(v.severity, set(v.recipient_ids)) for v in found] == [(severity, ids)]
    assert phrase in found[0].message
