"""Fixtures of the document tests: the demo's documents rendered once per session, read back with
pdfplumber. The bundled Liberation Serif is forced so that results never depend on the PC's fonts."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ["EMULATION_DESK_FONT_DIRS"] = ""  # before any font is registered: use the bundled font

import pdfplumber
import pytest

from emulation_desk.services.workspace import Workspace, open_workspace

MM = 72 / 25.4
BIG_DECISION = "5000"
BIG_COUNT = 2000


def open_pdf(data: bytes) -> Any:
    return pdfplumber.open(io.BytesIO(data))


def page_text(page: Any) -> str:
    return " ".join((page.extract_text() or "").split())


@pytest.fixture(scope="session")
def doc_ws(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """A copy of the demo for the whole session (tests only read it, or add their own records)."""
    path = tmp_path_factory.mktemp("documents") / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    ws = open_workspace(path)
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def report_pdf_bytes(doc_ws: Workspace) -> bytes:
    from emulation_desk.documents.report import report_pdf
    from emulation_desk.services.reporting.documents_data import report_for_print

    return report_pdf(report_for_print(doc_ws, 2020))


@pytest.fixture(scope="session")
def report_doc(report_pdf_bytes: bytes) -> Iterator[Any]:
    with open_pdf(report_pdf_bytes) as pdf:
        yield pdf


@pytest.fixture(scope="session")
def decision_doc(doc_ws: Workspace) -> Iterator[Any]:
    """Decision 4523/QĐ-UBND (Giấy khen, 58 collectives and 87 individuals, signed by the Chairman)."""
    from emulation_desk.documents.decision import decision_pdf
    from emulation_desk.services.reporting.documents_data import decision_for_print

    with open_pdf(decision_pdf(decision_for_print(doc_ws, "4523", 2020))) as pdf:
        yield pdf


def add_big_decision(ws: Workspace, count: int = BIG_COUNT) -> str:
    """An own LĐTT decision of 2021 (a year with no titles yet, so everyone is paid) with ``count``
    individuals, built through the services."""
    from emulation_desk.services.awards.decisions import add_recipients, create_decision, issue_decision

    signer = ws.store.query("SELECT * FROM signatory WHERE is_head = 0 ORDER BY sort_order LIMIT 1")[0]
    people = ws.store.query("SELECT id FROM person WHERE unit_id IS NOT NULL AND deceased = 0 "
                            "ORDER BY unit_id, full_name LIMIT ?", [count])
    assert len(people) == count
    decision_id = create_decision(
        ws, number=BIG_DECISION, symbol="QĐ-UBND", signed_on="2021-12-20",
        issuer_level="don_vi", issuer_name="Chủ tịch UBND thành phố Nam Định",
        title="Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2021", kind="cong_trang", form_code="LDTT",
        signer_id=signer["id"], signer_name=signer["full_name"], signer_position=signer["position"],
        proposal_ref="Xét đề nghị của Trưởng phòng Nội vụ").id
    add_recipients(ws, decision_id, [{"subject": "ca_nhan", "person_id": p["id"]} for p in people])
    issue_decision(ws, decision_id)
    return decision_id


@pytest.fixture(scope="session")
def big_decision_bytes(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    from emulation_desk.documents.decision import decision_pdf
    from emulation_desk.services.reporting.documents_data import decision_for_print

    path = tmp_path_factory.mktemp("big") / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    ws = open_workspace(path)
    try:
        add_big_decision(ws)
        return decision_pdf(decision_for_print(ws, BIG_DECISION, 2021))
    finally:
        ws.close()
