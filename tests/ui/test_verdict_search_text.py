"""The search text of the nomination list once the verdicts arrive equals the text made from scratch."""

from __future__ import annotations

from typing import Any

from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.table_model import fold_rows
from emulation_desk.ui.tabs.nominations import (
    NOMINATION_COLUMNS,
    _read_year,
    _with_verdict_text,
    eligibility_verdicts,
)


def test_the_verdict_text_put_in_front_equals_the_text_made_from_scratch(demo_ws: Workspace) -> None:
    rows, folded = _read_year(demo_ws.store, 2020, fold=True)
    found = eligibility_verdicts(demo_ws, 2020)
    judged: list[dict[str, Any]] = [{**r, "_verdict": found.get(r["id"]),
                                     "_verdict_status": getattr(found.get(r["id"]), "status", None)} for r in rows]
    expected = fold_rows(NOMINATION_COLUMNS, judged)
    assert _with_verdict_text(rows, folded, found) == expected
    assert _with_verdict_text(rows, None, found) == expected
    assert any(text.startswith("chua dat") for text in expected)
