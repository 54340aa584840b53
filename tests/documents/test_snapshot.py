"""A rendered page must not change unnoticed: the words of the demo report's first page and of its table
page, with their positions, are compared with ``page_snapshots.json`` (tolerance 1 pt).

When a change of layout is intended, look at the new pages (render them to PNG), then refresh the file:

    EMULATION_DESK_REFRESH_SNAPSHOTS=1 .venv/bin/python -m pytest tests/documents/test_snapshot.py

and commit ``tests/documents/page_snapshots.json`` with the change that moved the words.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest

SNAPSHOTS = Path(__file__).with_name("page_snapshots.json")
REFRESH = "EMULATION_DESK_REFRESH_SNAPSHOTS"
TOLERANCE = 1.0  # points


def snapshot(page: Any) -> dict[str, Any]:
    words = page.extract_words(use_text_flow=True)
    return {"size": [round(page.width, 1), round(page.height, 1)],
            "words": [[w["text"], round(w["x0"], 1), round(w["top"], 1)] for w in words]}


def dump(pages: dict[str, Any]) -> str:
    """One word per line, so that a diff of the file shows what moved."""
    parts = []
    for name, page in pages.items():
        words = ",\n".join("  " + json.dumps(w, ensure_ascii=False) for w in page["words"])
        parts.append(f'"{name}": {{"size": {json.dumps(page["size"])}, "words": [\n{words}\n]}}')
    return "{\n" + ",\n".join(parts) + "\n}\n"


def differences(stored: dict[str, Any], now: dict[str, Any]) -> list[str]:
    found = []
    if set(stored) != set(now):
        return [f"pages {sorted(stored)} became {sorted(now)}"]
    for name, page in now.items():
        before = stored[name]
        if page["size"] != before["size"]:
            found.append(f"{name}: page size {before['size']} became {page['size']}")
        if [w[0] for w in page["words"]] != [w[0] for w in before["words"]]:
            found.append(f"{name}: the text changed")
            continue
        for (text, x, y), (_, x0, y0) in zip(page["words"], before["words"], strict=True):
            if abs(x - x0) > TOLERANCE or abs(y - y0) > TOLERANCE:
                found.append(f"{name}: «{text}» moved from ({x0}, {y0}) to ({x}, {y})")
    return found


def current(report_doc: Any) -> dict[str, Any]:
    return {"report_page_1": snapshot(report_doc.pages[0]), "report_table_page": snapshot(report_doc.pages[-1])}


def test_pages_match_the_stored_snapshot(report_doc: Any) -> None:
    now = current(report_doc)
    if os.environ.get(REFRESH) or not SNAPSHOTS.exists():
        SNAPSHOTS.write_text(dump(now), encoding="utf-8")
        if not os.environ.get(REFRESH):
            pytest.fail(f"{SNAPSHOTS.name} was missing and has been written: look at the pages, then commit it.")
    problems = differences(json.loads(SNAPSHOTS.read_text(encoding="utf-8")), now)
    assert not problems, f"{problems[:10]} — intended? refresh with {REFRESH}=1 (see this module's docstring)"


def test_the_comparison_notices_a_moved_word(report_doc: Any) -> None:
    now = current(report_doc)
    moved = copy.deepcopy(now)
    moved["report_page_1"]["words"][5][2] += 1.5
    assert differences(now, moved) == [f"report_page_1: «{now['report_page_1']['words'][5][0]}» moved from "
                                       f"({now['report_page_1']['words'][5][1]}, {now['report_page_1']['words'][5][2]}) "
                                       f"to ({moved['report_page_1']['words'][5][1]}, "
                                       f"{moved['report_page_1']['words'][5][2]})"]
    nudged = copy.deepcopy(now)
    nudged["report_table_page"]["words"][0][1] += 0.5
    assert differences(now, nudged) == []
    renamed = copy.deepcopy(now)
    renamed["report_table_page"]["words"][0][0] = "X"
    assert differences(now, renamed) == ["report_table_page: the text changed"]
