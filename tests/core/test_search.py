"""The search rule: words start name parts in order inside one field, typed accents count, numbers anywhere."""

from __future__ import annotations

import pytest

from emulation_desk.core.search import find_rows, fold_search, parse_query, search_cell, search_text


@pytest.mark.parametrize(("name", "query", "expected"), [
    ("Trần Văn An", "tran van", True),
    ("Nguyễn Văn Trân", "tran van", False),
    ("Trần Văn An", "Trần Văn", True),
    ("Trần Văn An", "TRAN VAN", True),
    ("Trấn Văn An", "Trần", False),
    ("Trấn Văn An", "tran", True),
    ("Trần Văn An", "tran an", True),  # gaps allowed, order kept
    ("Trần Văn An", "an tran", False),
    ("Trần Văn An", "ran", False),  # the start of a part only
    ("Đỗ Đức", "do duc", True),
    ("Đỗ Đức", "đỗ", True),
    ("Do Duc", "đỗ", False),
    ("Trần Văn An", "trần v", True),  # a bare letter after accented ones still folds
    ("Trần Văn An", "", True),
    ("Nguyễn Thị Hòa", "hoa", True),
    ("Nguyễn Thị Hoà", "Hòa", False),  # NFC "ò" is not "o" + the old-style tone on "a"
])
def test_name_queries(name: str, query: str, expected: bool) -> None:
    assert parse_query(query).matches(search_text([name])) is expected


@pytest.mark.parametrize(("cells", "query", "expected"), [
    (["Trần Văn An", "1980"], "1980", True),
    (["Trần Văn An", "1980"], "tran 198", True),
    (["Trần Văn An", "1980"], "1981", False),
    (["Trần Văn An", "Phòng Nội vụ"], "an phong", False),  # words in order stay inside one field
    (["Quyết định", "125/QĐ-UBND"], "125", True),
    (["Quyết định", "125/QĐ-UBND"], "125/QĐ-UBND", True),
    (["Quyết định", "125/QĐ-UBND"], "25", False),
    (["Trần Văn An", "Phòng 2"], "2", True),
])
def test_numbers_and_fields(cells: list[str], query: str, expected: bool) -> None:
    assert parse_query(query).matches(search_text(cells)) is expected


def test_decomposed_input_is_the_same_text() -> None:
    decomposed = "Tra\u0302\u0300n"  # "Trần" as some keyboards send it (NFD)
    assert search_cell(decomposed) == search_cell("Trần")
    assert parse_query(decomposed).matches(search_text(["Trần Văn An"]))


def test_folding_keeps_positions() -> None:
    text = search_text(["Nguyễn Thị Đặng Ưng", "Ỷ Lan"])
    assert len(fold_search(text)) == len(text)
    assert fold_search(text) == search_text(["Nguyen Thi Dang Ung", "Y Lan"])


def test_narrows_only_when_a_longer_query_cannot_find_more() -> None:
    assert parse_query("tran v").narrows(parse_query("tran"))
    assert parse_query("trần").narrows(parse_query("trầ"))
    assert parse_query("1985").narrows(parse_query("19"))
    assert not parse_query("trần").narrows(parse_query("tran"))
    assert not parse_query("an tran").narrows(parse_query("tran"))


def test_find_rows_keeps_the_given_order_and_asks_accents_only_when_typed() -> None:
    texts = [search_text([n]) for n in ("Trần An", "Trấn Bình", "Trần Vân")]
    folded = [fold_search(t) for t in texts]
    asked: list[bool] = []

    def exact() -> list[str]:
        asked.append(True)
        return texts

    assert find_rows(parse_query("tran"), folded, exact, [2, 1, 0]) == [2, 1, 0]
    assert asked == []
    assert find_rows(parse_query("Trần"), folded, exact) == [0, 2]
    assert asked == [True]
    assert find_rows(parse_query(""), folded, exact, [1]) == [1]


def test_the_glob_never_drops_a_row_the_rule_keeps() -> None:
    """The finder narrows candidates in SQLite with glob_pattern before the rule: it may keep more, never fewer."""
    import sqlite3

    from emulation_desk.core.search import glob_pattern

    names = ["Trần Văn An", "Nguyễn Văn Trân", "Trấn Thị Bình", "Đặng Đức Hùng", "TRẦN THỊ VÂN", "Đỗ Đức Hải",
             "Đơn vị số 1", "Lò Văn Páo", "Phòng Văn hóa - Thông tin", "Trường THCS Yên Phong", "Hoàng Phương Uyên"]
    queries = ["tran van", "Trần", "trấn", "van tran", "dang duc", "đức", "đỗ", "do", "ĐƠN", "van hoa thong",
               "thcs yen", "uyen", "PHƯƠNG", "zz", "a"]
    conn = sqlite3.connect(":memory:")
    for text in queries:
        query, glob = parse_query(text), glob_pattern(parse_query(text))
        for name in names:
            kept = conn.execute("SELECT ? GLOB ?", [name, glob]).fetchone()[0]
            if query.matches(search_text([name])):
                assert kept, (text, name, glob)
    assert not conn.execute("SELECT ? GLOB ?", ["Đơn vị số 1", glob_pattern(parse_query("đỗ"))]).fetchone()[0]
    assert glob_pattern(parse_query("1980")) is None
