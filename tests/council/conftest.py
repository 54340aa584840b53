"""Shared fixtures of the council tests: a demo copy with some 2020 nominations waiting for the council."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from emulation_desk.services.workspace import Workspace

WAITING_FORMS = ("CSTD_TINH", "CSTDCS", "TTLDTT", "BK_TTG")


def reopen(ws: Workspace, form_codes: tuple[str, ...] = WAITING_FORMS, limit: int = 3) -> list[str]:
    """Put some decided 2020 nominations back to "checked" so that a meeting can consider them."""
    ids = []
    with ws.store.transaction():
        for code in form_codes:
            for row in ws.store.query("SELECT id FROM nomination WHERE year = 2020 AND form_code = ? "
                                      "AND status = 'decided' ORDER BY id LIMIT ?", [code, limit]):
                ws.store.update("nomination", row["id"], {"status": "checked", "decision_id": None})
                ids.append(row["id"])
    return ids


@pytest.fixture(scope="module")
def module_demo(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("council") / "demo.sqlite"
    shutil.copyfile(demo_template, target)
    return target
