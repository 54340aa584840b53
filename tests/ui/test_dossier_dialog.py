"""The dossier screen: a dossier made from the nominations selected in the Đề nghị tab, its papers previewed
and exported as PDF and Word through the export registry, the whole folder and zip, and the dossier moved
prepared → sent → decided with the screen's own forms."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from docx import Document
from pytestqt.qtbot import QtBot

from emulation_desk.services.awards.decisions import record_received
from emulation_desk.services.awards.nominations import set_status
from emulation_desk.services.council.dossier import get_dossier, prepare_from_nominations
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.dossier_dialog import DossierDialog
from emulation_desk.ui.main_window import MainWindow
from emulation_desk.ui.tabs.nominations import NominationsTab
from tests.certificates.dossier_setup import FORM, YEAR, forwarded_scene
from tests.ui.driving import answer, when_modal


@pytest.fixture
def scene(demo_ws: Workspace) -> dict[str, Any]:
    found = forwarded_scene(demo_ws)
    set_status(demo_ws, found["passed"], "voted")  # voted by the council, not forwarded yet
    return found


def _fill(values: dict[str, str]) -> Any:
    """The screen's small forms filled through their fields and OK button (instead of running them modally)."""
    def ask(form: Any) -> bool:
        for name, value in values.items():
            widget = form.fields[name]
            if hasattr(widget, "setText"):
                widget.setText(value)
            else:
                widget.setCurrentIndex(widget.findData(value))
        form.ok_button.click()
        return form.result() == form.DialogCode.Accepted
    return ask


def _papers(dialog: DossierDialog) -> list[str]:
    return [dialog.paper_model.row_at(r)["title"] for r in range(dialog.paper_model.rowCount())]


def _select_paper(dialog: DossierDialog, prefix: str) -> None:
    row = next(r for r in range(dialog.paper_proxy.rowCount()) if dialog.paper_proxy.index(r, 1).data().startswith(prefix))
    dialog.paper_view.selectRow(row)


def test_the_nominations_tab_makes_a_dossier_of_the_selected_ones(qtbot: QtBot, demo_ws: Workspace,
                                                                 scene: dict[str, Any]) -> None:
    create_application()
    tab = NominationsTab(demo_ws)
    qtbot.addWidget(tab)
    tab.load(YEAR)
    for index, nomination_id in enumerate(scene["passed"]):
        source = tab.model.find_row("id", nomination_id)
        proxy_row = tab.proxy.mapFromSource(tab.model.index(source, 0)).row()
        flag = tab.view.selectionModel().SelectionFlag
        tab.view.selectionModel().select(tab.proxy.index(proxy_row, 0), (flag.ClearAndSelect if index == 0
                                                                          else flag.Select) | flag.Rows)
    assert len(tab.selected_rows()) == len(scene["passed"])
    when_modal(answer("Lập hồ sơ"))
    with qtbot.waitSignal(tab.dossier_requested, timeout=20_000) as shown:
        tab.dossier_button.click()
    dossier = get_dossier(demo_ws, shown.args[0])
    assert (dossier["year"], dossier["form_code"], dossier["status"]) == (YEAR, FORM, "prepared")
    items = {r["nomination_id"] for r in demo_ws.store.query("SELECT nomination_id FROM dossier_item WHERE "
                                                             "dossier_id = ?", [dossier["id"]])}
    assert items == set(scene["passed"])
    assert {demo_ws.store.get("nomination", i)["status"] for i in items} == {"forwarded"}  # type: ignore[index]


def test_a_nomination_this_office_decides_gets_no_dossier(demo_ws: Workspace, scene: dict[str, Any]) -> None:
    from emulation_desk.errors import KnownError
    from emulation_desk.services.awards.nominations import add_nomination

    person = demo_ws.store.scalar("SELECT id FROM person ORDER BY full_name LIMIT 1")
    own = add_nomination(demo_ws, year=YEAR, form_code="LDTT", kind="cong_trang", subject="ca_nhan",
                         person_id=person, status="voted").id
    with pytest.raises(KnownError, match="do cơ quan mình quyết định"):
        prepare_from_nominations(demo_ws, [scene["passed"][0], own])
    assert demo_ws.store.scalar("SELECT count(*) FROM dossier") == 0  # all or nothing
    with pytest.raises(KnownError, match="chỉ lập hồ sơ cho đề nghị đã thẩm định"):
        prepare_from_nominations(demo_ws, [scene["ids"][2]])  # the one that failed the council's vote


def test_papers_preview_export_folder_and_status(qtbot: QtBot, demo_ws: Workspace, scene: dict[str, Any],
                                                 tmp_path: Path) -> None:
    create_application()
    (created,) = prepare_from_nominations(demo_ws, scene["passed"], dated_on="2021-12-01")
    person = scene["people"][0]["id"]
    decision = record_received(  # recorded while the dossier is still being prepared: nothing is closed yet
        demo_ws, [{"subject": "ca_nhan", "person_id": person}], number="412", symbol="QĐ-UBND",
        signed_on="2022-01-20", issuer_level="tinh", issuer_name="Chủ tịch UBND tỉnh Nam Định", kind="cong_trang",
        form_code=FORM, title="Về việc tặng Bằng khen")
    dialog = DossierDialog(demo_ws, YEAR, select=created.id)
    qtbot.addWidget(dialog)
    changed: list[Any] = []
    dialog.data_changed.connect(changed.append)
    dialog.show()
    dialog.wait()
    titles = _papers(dialog)
    assert titles[0].startswith("Tờ trình") and titles[1].startswith("Biên bản họp")
    reports = [t for t in titles if t.startswith("Báo cáo thành tích")]
    assert len(reports) == len(scene["passed"]) and len(titles) == 2 + len(reports)
    assert "Đã chuẩn bị" in dialog.status.text() and not dialog.decided_button.isEnabled()
    notes = [dialog.paper_model.row_at(r)["note"] for r in range(dialog.paper_model.rowCount())]
    assert notes[0] == f"Kèm danh sách {len(reports)} người/tập thể được đề nghị"
    assert set(notes[2:]) == {"Phần thành tích chờ viết (sửa trong tệp Word)"}
    # preview: the PDF in the preview dialog with its Print button
    when_modal(lambda d: d.reject(), attempts=1500)
    dialog.preview_button.click()
    dialog.wait()
    assert dialog.docs.last_preview is not None and "tờ trình về việc" in dialog.docs.last_preview.windowTitle()
    # PDF and Word of one report, through the export registry
    _select_paper(dialog, "Báo cáo thành tích")
    name = dialog.selected_paper()["title"].removeprefix("Báo cáo thành tích — ")  # type: ignore[index]
    when_modal(answer("Đóng"), attempts=1500)
    dialog.export_pdf(tmp_path / "bao-cao.pdf")
    dialog.wait()
    with pdfplumber.open(tmp_path / "bao-cao.pdf") as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert "BÁO CÁO THÀNH TÍCH" in text and name.split()[-1] in text
    when_modal(lambda d: d.accept(), attempts=1500)
    dialog.export_word(tmp_path / "bao-cao.docx")
    dialog.wait()
    words = " ".join(p.text for p in Document(str(tmp_path / "bao-cao.docx")).paragraphs)
    assert "BÁO CÁO THÀNH TÍCH" in words
    exports = demo_ws.store.scalar("SELECT count(*) FROM audit_log WHERE action = 'export' AND entity = 'dossier'")
    assert exports == 2
    # the whole dossier: a folder named by the tờ trình and a zip
    when_modal(lambda d: d.accept(), attempts=1500)
    dialog.export_folder(tmp_path)
    dialog.wait()
    result = dialog.last_export
    assert result.folder.name == "to-trinh-chua-so-ttr-ubnd-ngay-2021-12-01"
    assert len(result.files) == 2 * len(titles)
    with zipfile.ZipFile(result.archive) as z:
        assert len(z.namelist()) == 2 * len(titles)
    # prepared → sent
    dialog.ask_form = _fill({"number": "", "sent_on": "05/12/2021"})
    dialog.sent_button.click()
    assert get_dossier(demo_ws, created.id)["status"] == "prepared"  # the number is required: nothing written
    dialog.ask_form = _fill({"number": "57", "sent_on": "05/12/2021"})
    dialog.sent_button.click()
    dialog.wait()
    sent = get_dossier(demo_ws, created.id)
    assert (sent["status"], sent["number"], sent["sent_on"]) == ("sent", "57", "2021-12-05")
    assert "Đã gửi cấp trên" in dialog.proxy.index(0, 4).data() and dialog.decided_button.isEnabled()
    # sent → decided by the received decision
    dialog.ask_form = _fill({"decision_id": decision.id})
    dialog.decided_button.click()
    dialog.wait()
    closed = get_dossier(demo_ws, created.id)
    assert (closed["status"], closed["decision_id"]) == ("decided", decision.id)
    assert "1 được khen thưởng, 2 không có trong quyết định" in dialog.status.text()
    assert changed and all(c.nominations for c in changed)


def test_the_file_menu_opens_the_dossier_screen(qtbot: QtBot, demo_ws: Workspace) -> None:
    create_application()
    window = MainWindow(demo_ws, demo=True)
    qtbot.addWidget(window)
    window.show()
    assert window.dossier_menu_action.shortcut().toString() == "Ctrl+Shift+H"
    when_modal(lambda d: d.reject(), attempts=500)
    window.dossier_menu_action.trigger()
    assert isinstance(window.last_dialog, DossierDialog)
    assert window.last_dialog.windowTitle() == f"Hồ sơ đề nghị cấp trên khen thưởng — năm {window.year()}"
