"""Decisions read back as a head of office reads them before signing: the count in Điều 1 is the number of
rows of the list, the total of Điều 2 is the sum of the list and matches its amount in words, the list is
grouped by unit (heading rows, no unit column), and whoever is paid nothing says why."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import pytest

from emulation_desk.core.money import amount_in_words
from emulation_desk.documents.decision import decision_pdf
from emulation_desk.services.reporting.documents_data import decision_for_print
from emulation_desk.services.workspace import Workspace
from tests.documents.conftest import open_pdf, page_text
from tests.documents.helpers import MM

MONEY = re.compile(r"^\d{1,3}(\.\d{3})*$")
LEFT = 30 * MM  # the text frame's left edge
TT_RIGHT = LEFT + 12 * MM


def lines_of(page: Any) -> list[list[dict[str, Any]]]:
    rows: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for word in page.extract_words(extra_attrs=["fontname"]):
        rows[round(word["top"] / 3)].append(word)
    return [sorted(ws, key=lambda w: w["x0"]) for _, ws in sorted(rows.items())]


def read_decision(data: bytes) -> dict[str, Any]:
    """What the printed decision says (Điều 1, Điều 2) and what its list holds (rows, money, headings)."""
    with open_pdf(data) as pdf:
        texts = [page_text(p) for p in pdf.pages]
        start = next(i for i, t in enumerate(texts) if "DANH SÁCH" in t)
        body = " ".join(texts[:start + 1]).split("DANH SÁCH")[0]
        rows, money, headings, headers = 0, 0, [], set()
        for index, page in enumerate(pdf.pages[start:]):
            lines = lines_of(page)
            if index == 0:  # a short list may follow the signature: read from its title down
                at = next(i for i, ln in enumerate(lines) if ln[0]["text"] == "DANH" and ln[-1]["text"] == "SÁCH")
                lines = lines[at:]
            for line in lines:
                first = line[0]
                in_tt = first["x1"] <= TT_RIGHT + 1
                if in_tt and first["text"] == "TT":
                    headers.add(" ".join(w["text"] for w in line))
                elif in_tt and first["text"].isdigit():
                    rows += 1
                    last = line[-1]["text"]
                    amounts = [w["text"] for w in line if MONEY.match(w["text"]) and w["x0"] > LEFT + 60 * MM]
                    money += int(amounts[0].replace(".", "")) if amounts else 0
                    assert amounts or "-" in [w["text"] for w in line] or last, line
                elif first["x0"] > TT_RIGHT and "Bold" in first["fontname"] and not line[0]["text"].startswith(
                        "Tổng"):
                    headings.append(" ".join(w["text"] for w in line))
        tail = " ".join(texts[start:])
    counts = {kind: int(n.replace(".", "")) for n, kind in re.findall(r"(\d[\d.]*) (tập thể|cá nhân|hộ gia đình)",
                                                                      body.split("Điều 1.")[1].split(".")[0])}
    total = re.search(r"tổng số tiền thưởng là ([\d.]+) đồng \(Bằng chữ: ([^)]*)\)", body)
    return {"body": body, "tail": tail, "counts": counts, "rows": rows, "money": money, "headings": headings,
            "headers": headers, "total": int(total.group(1).replace(".", "")) if total else None,
            "words": total.group(2) if total else None}


@pytest.mark.parametrize("number", ["4522", "4523", "2892", "2215", "4012"])
def test_articles_agree_with_the_list(doc_ws: Workspace, number: str) -> None:
    printed = decision_for_print(doc_ws, number, 2020)
    read = read_decision(decision_pdf(printed))
    assert sum(read["counts"].values()) == read["rows"] == sum(len(g.entries) for g in printed.groups)
    assert read["total"] == read["money"] == printed.total
    assert read["words"] == amount_in_words(read["total"])
    assert f"(Bằng chữ: {amount_in_words(read['total'])}.)" in read["tail"]
    assert not any("Đơn vị" in h.split("Số tiền")[0] for h in read["headers"])  # no unit column


def test_unpaid_recipients_say_why_and_article_two_does_not_promise_them(doc_ws: Workspace) -> None:
    printed = decision_for_print(doc_ws, "4522", 2020)
    unpaid = printed.unpaid()
    assert unpaid and all(e.note.startswith("Đã nhận thưởng “") and "QĐ số" in e.note for e in unpaid)
    read = read_decision(decision_pdf(printed))
    assert "mỗi tập thể" not in read["body"]  # not everyone is paid the same
    assert "theo danh sách kèm theo; tổng số tiền thưởng là" in read["body"]
    assert f"{len(unpaid)} tập thể không hưởng tiền thưởng theo Quyết định này" in read["body"]
    assert "Ghi chú" in " ".join(read["headers"]) and "(QĐ số" in read["tail"]


def test_collectives_under_their_own_header_and_individuals_under_unit_headings(doc_ws: Workspace) -> None:
    printed = decision_for_print(doc_ws, "4523", 2020)
    read = read_decision(decision_pdf(printed))
    assert any(h.startswith("TT Tên tập thể") for h in read["headers"])
    assert any(h.startswith("TT Họ và tên Chức vụ") for h in read["headers"])
    people = next(g for g in printed.groups if g.subject == "ca_nhan").entries
    units = list(dict.fromkeys(e.unit for e in people))
    found = [h for h in read["headings"] if h in units]
    assert found == units  # one heading per unit, in the list's order
    assert "Điều 1. Tặng Giấy khen cho 58 tập thể, 87 cá nhân" in read["body"]


def test_units_follow_the_clerks_order(doc_ws: Workspace) -> None:
    from emulation_desk.services.reporting.decision_data import unit_orders

    orders = unit_orders(doc_ws)
    people = next(g for g in decision_for_print(doc_ws, "4520", 2020).groups if g.subject == "ca_nhan").entries
    ranks = [orders.get(e.unit, 10**9) for e in people]
    assert ranks == sorted(ranks)


def test_small_decision_keeps_its_list_after_the_signature(doc_ws: Workspace) -> None:
    from tests.documents.helpers import top_margin_number

    data = decision_pdf(decision_for_print(doc_ws, "2215", 2020))
    with open_pdf(data) as pdf:
        assert len(pdf.pages) == 2
        last = page_text(pdf.pages[1])
        assert last.index("Phạm Thị Oanh") < last.index("DANH SÁCH")
        assert top_margin_number(pdf.pages[1]) == "2"  # the decision's page keeps its number


def test_title_decision_says_cong_nhan_and_its_list_too(doc_ws: Workspace) -> None:
    read = read_decision(decision_pdf(decision_for_print(doc_ws, "2892", 2020)))
    assert "Điều 1. Công nhận danh hiệu “Tập thể lao động tiên tiến” cho" in read["body"]
    assert "Các tập thể được công nhận danh hiệu “Tập thể lao động tiên tiến”" in read["tail"]
