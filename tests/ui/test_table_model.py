"""Table models without a window: Vietnamese sorting, accent-free filtering, predicates, edits, and the
memoised keys agreeing with the core's collation."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt

from emulation_desk.core.text import fold, person_sort_key, vi_sort_key
from emulation_desk.ui.score_grid import ScoreGridModel
from emulation_desk.ui.stat_table import StatTableModel
from emulation_desk.ui.table_model import (
    ROW_ROLE,
    Column,
    RowTableModel,
    VietnameseFilterProxy,
    fast_fold,
    fast_person_key,
    fast_vi_key,
)

COLUMNS = [Column("name", "Họ và tên", kind="name"), Column("unit", "Đơn vị"), Column("n", "Số", kind="int"),
           Column("year", "Năm sinh", kind="year")]
NAMES = ["Nguyễn Văn Bình", "Trần Thị An", "Đỗ Thị Ánh", "Lê An", "Phạm Văn Đông", "Nguyễn Thị Dung"]


def _proxy(rows: list[dict[str, object]]) -> tuple[RowTableModel, VietnameseFilterProxy]:
    model = RowTableModel(COLUMNS)
    model.set_rows(rows)
    proxy = VietnameseFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def _column(proxy: VietnameseFilterProxy, column: int = 0) -> list[str]:
    return [proxy.index(i, column).data() for i in range(proxy.rowCount())]


def test_people_sort_by_given_name_then_family_the_vietnamese_way() -> None:
    _, proxy = _proxy([{"name": n, "unit": "Phòng Đ", "n": i * 7 % 5, "year": 1980} for i, n in enumerate(NAMES)])
    proxy.sort(0)
    assert _column(proxy) == ["Lê An", "Trần Thị An", "Đỗ Thị Ánh", "Nguyễn Văn Bình", "Nguyễn Thị Dung",
                              "Phạm Văn Đông"]
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert _column(proxy)[0] == "Phạm Văn Đông"
    proxy.sort(2)
    assert _column(proxy, 2) == sorted(_column(proxy, 2), key=int)
    assert _column(proxy, 3)[0] == "1980"  # years are never printed as 1.980


@pytest.mark.parametrize("query, expected", [
    ("do thi", ["Đỗ Thị Ánh"]),
    ("DONG", ["Phạm Văn Đông"]),
    ("thi an", ["Trần Thị An", "Đỗ Thị Ánh"]),
    ("nguyen van", ["Nguyễn Văn Bình"]),
    ("phong d", NAMES),
    ("khong co", []),
])
def test_filter_without_accents(query: str, expected: list[str]) -> None:
    _, proxy = _proxy([{"name": n, "unit": "Phòng Đ", "n": 1, "year": None} for n in NAMES])
    proxy.set_query(query)
    assert _column(proxy) == expected


def test_narrowing_and_widening_the_query_and_predicates() -> None:
    model, proxy = _proxy([{"name": n, "unit": f"Ban {i % 2}", "n": i, "year": None} for i, n in enumerate(NAMES)])
    for query, count in (("a", 3), ("", 6), ("n", 2), ("nguyen t", 1), ("nguyen", 2), ("thi", 3), ("", 6)):
        proxy.set_query(query)
        assert proxy.rowCount() == count, query
    proxy.set_predicate("unit", lambda r: r["unit"] == "Ban 0")
    assert proxy.rowCount() == 3
    proxy.set_query("nguyen")
    assert _column(proxy) == ["Nguyễn Văn Bình"]
    proxy.set_predicate("unit", None)
    assert proxy.rowCount() == 2
    source = proxy.mapToSource(proxy.index(1, 0))
    assert model.row_at(source.row())["name"] == proxy.index(1, 0).data(ROW_ROLE)["name"]
    assert proxy.mapFromSource(source).row() == 1


def test_update_row_repaints_and_refilters_by_the_new_text() -> None:
    model, proxy = _proxy([{"name": n, "unit": "", "n": 1, "year": None} for n in NAMES])
    proxy.set_query("hoa")
    assert proxy.rowCount() == 0
    model.update_row(0, {"name": "Nguyễn Văn Hòa", "unit": "", "n": 1, "year": None})
    proxy.set_query("")
    proxy.set_query("hoa")
    assert _column(proxy) == ["Nguyễn Văn Hòa"]


def test_memoised_keys_agree_with_the_core() -> None:
    rng = random.Random(7)
    words = ["Nguyễn", "Văn", "Đức", "An", "Á", "a", "-", "Thị", "ĐỖ", "1", "Ủy", "(Phòng)", "x.y", "ơ", "“quote”"]
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 5)))
        assert fast_vi_key(text) == vi_sort_key(text)
        assert fast_person_key(text) == person_sort_key(text)
        assert fast_fold(text).split() == fold(text.replace("-", " ").replace("(", " ").replace(")", " ")
                                              .replace(".", " ").replace("“", " ").replace("”", " ")).split()


def test_score_grid_model_edits_through_the_service_callback() -> None:
    results = {"criteria": [{"id": "c1", "name": "Nhiệm vụ", "max_points": 40.0}],
               "rows": [{"unit_id": "u1", "unit_name": "Phòng A", "points": [None], "total": 0, "rank": 1}],
               "leader": None, "max_total": 40.0}
    calls: list[tuple[str, str, str]] = []
    model = ScoreGridModel()
    model.save_score = lambda c, u, text: calls.append((c, u, text))  # type: ignore[assignment,func-returns-value]
    model.set_results(results, ["u1"])
    assert model.flags(model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(0, 2), "35,5")
    assert calls == [("c1", "u1", "35,5")]
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Nhiệm vụ"
    assert model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Nhiệm vụ: tối đa 40 điểm"


def test_criterion_names_fit_two_header_lines() -> None:
    from emulation_desk.ui.score_grid import header_name

    assert header_name("Nhiệm vụ") == "Nhiệm vụ"
    assert header_name("Thực hiện nhiệm vụ chuyên môn được giao") == "Thực hiện nhiệm vụ\nchuyên môn được…"
    assert header_name("Phong trào thi đua") == "Phong trào thi đua"


def test_stat_table_model_lines(demo_ws) -> None:  # type: ignore[no-untyped-def]
    from emulation_desk.services.reporting.statistics import stat_table

    model = StatTableModel()
    model.set_table(stat_table(demo_ws, 2020))
    kinds = [line.kind for line in model.lines]
    assert kinds[:4] == ["header", "header", "header", "numbers"] and kinds.count("group") == 3
    row = next(i for i, line in enumerate(model.lines) if line.key == "I.1")
    assert model.index(row, 1).data() == "Giấy khen" and model.index(row, 2).data() == "542"


SEARCH_NAMES = ["Trần Văn An", "Nguyễn Văn Trân", "Trấn Thị Bình", "Trần Thị Vân", "Đặng Đức Hùng", "Lê Thị Dung"]


@pytest.mark.parametrize("query, expected", [
    ("tran van", ["Trần Văn An", "Trần Thị Vân"]),  # start of parts, in order, gaps allowed
    ("TRAN VAN", ["Trần Văn An", "Trần Thị Vân"]),
    ("Trần Văn", ["Trần Văn An"]),  # typed accents count: "Văn" is not "Vân"
    ("Trần", ["Trần Văn An", "Trần Thị Vân"]),  # not "Trấn"
    ("trấn", ["Trấn Thị Bình"]),
    ("tran", ["Trần Văn An", "Nguyễn Văn Trân", "Trấn Thị Bình", "Trần Thị Vân"]),
    ("van tran", ["Nguyễn Văn Trân"]),
    ("an", ["Trần Văn An"]),  # not the "an" inside "Trần" or "Vân"
    ("dang duc", ["Đặng Đức Hùng"]),
    ("đ", ["Đặng Đức Hùng"]),
    ("d", ["Đặng Đức Hùng", "Lê Thị Dung"]),
    ("thi phong", []),  # words in order inside one field, not across name and unit
    ("1985", ["Nguyễn Văn Trân"]),  # numbers: the birth year
    ("tran 198", ["Trần Văn An", "Nguyễn Văn Trân"]),
    ("125", ["Lê Thị Dung"]),  # and a decision number
    ("125/qđ-ubnd", ["Lê Thị Dung"]),
    ("126", []),
])
def test_search_semantics_in_lists(query: str, expected: list[str]) -> None:
    rows = [{"name": n, "unit": "Phòng Nội vụ", "n": 125 if n.startswith("Lê") else 1,
             "year": year} for n, year in zip(SEARCH_NAMES, (1980, 1985, 1990, 1975, 1962, 1971), strict=True)]
    rows[-1]["unit"] = "QĐ số 125/QĐ-UBND"
    _, proxy = _proxy(rows)
    proxy.set_query(query)
    assert _column(proxy) == expected


def test_typing_letter_by_letter_narrows_like_a_fresh_query() -> None:
    rows = [{"name": n, "unit": "Phòng Nội vụ", "n": 1, "year": 1980} for n in SEARCH_NAMES]
    _, typed = _proxy(rows)
    for end in range(1, len("Trần Thị V") + 1):
        text = "Trần Thị V"[:end]
        typed.set_query(text)
        _, fresh = _proxy(rows)
        fresh.set_query(text)
        assert _column(typed) == _column(fresh), text
    assert _column(typed) == ["Trần Thị Vân"]
