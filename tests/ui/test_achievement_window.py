"""Achievement years in the window (issue 14 §1–§3): the nomination form's "Năm thành tích", each line of a
decision with its own year (defaulting to the decision's, checked with a Vietnamese message naming the line),
the Decisions tab's "Năm thành tích" column, and the Thiết lập page placing the kinds that are not công trạng.
A title of 2023 signed in January 2024 keeps 2023 (Luật TĐKT 2022 Điều 22–28; NĐ 98/2023 Điều 53)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from emulation_desk.services.awards.decisions import (
    add_recipients,
    create_decision,
    decision_recipients,
    get_decision,
    issue_decision,
)
from emulation_desk.services.awards.nominations import add_nomination, get_nomination
from emulation_desk.services.records.people import add_person
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.app import create_application
from emulation_desk.ui.decision_dialogs import (
    PERIOD_COLUMN,
    FromNominationsDialog,
    LineAchievementDialog,
    ReceivedDialog,
)
from emulation_desk.ui.nomination_dialog import NominationDialog
from tests.ui.test_law_year_dialogs import _type


def _nomination_dialog(qtbot: QtBot, ws: Workspace, year: int, form: str, person: str) -> NominationDialog:
    dialog = NominationDialog(ws, year)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.picker._hits = {"x": {"id": person, "full_name": "x"}}
    dialog.picker.choose("x")
    dialog.fields["form_code"].setCurrentIndex(dialog.fields["form_code"].findData(form))
    return dialog


def test_the_nomination_form_sets_the_achievement_year_or_period(qtbot: QtBot, ws: Workspace) -> None:
    create_application()
    person = add_person(ws, "Nguyễn Văn An").id
    dialog = _nomination_dialog(qtbot, ws, 2024, "CSTD_TINH", person)
    period = dialog.fields["achievement_period"]
    assert period.text() == "2024", "the default is the nomination's year, as the import has it"
    assert "3 năm liên tục" in dialog.period_note.text()  # CSTĐ cấp tỉnh: 03 CSTĐCS in a row (Luật 2022 Điều 22)
    _type(qtbot, period, "2025")
    dialog._try_accept()
    assert "không kết thúc vào năm của đề nghị (2024)" in dialog.error_text("achievement_period")
    assert dialog.isVisible() and not ws.store.query("SELECT id FROM nomination")
    _type(qtbot, period, "2022-2024")
    dialog._try_accept()
    saved = get_nomination(ws, dialog.result_value.id)
    assert (saved["year"], saved["achievement_first"]) == (2024, 2022)
    edit = NominationDialog(ws, 2024, {**saved, "nominee_name": "Nguyễn Văn An"})
    qtbot.addWidget(edit)
    assert edit.fields["achievement_period"].text() == "2022-2024"
    _type(qtbot, edit.fields["achievement_period"], "")
    edit._try_accept()
    assert get_nomination(ws, saved["id"])["achievement_first"] is None


def test_a_yearly_title_refuses_a_period_in_the_form(qtbot: QtBot, ws: Workspace) -> None:
    create_application()
    dialog = _nomination_dialog(qtbot, ws, 2024, "LDTT", add_person(ws, "Trần Thị Bình").id)
    assert "3 năm" not in dialog.period_note.text()
    _type(qtbot, dialog.fields["achievement_period"], "2023-2024")
    dialog._try_accept()
    assert "xét tặng hằng năm" in dialog.error_text("achievement_period") and dialog.isVisible()


def _from_nominations(qtbot: QtBot, ws: Workspace) -> tuple[FromNominationsDialog, list[str]]:
    people = [add_person(ws, name).id for name in ("Vũ Văn Hải", "Đỗ Thị Lan", "Hoàng Minh")]
    for person in people:
        add_nomination(ws, year=2023, form_code="LDTT", kind="cong_trang", subject="ca_nhan", person_id=person,
                       status="checked")
    dialog = FromNominationsDialog(ws, 2023)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, people


def test_each_line_of_a_new_decision_has_its_own_achievement_year(qtbot: QtBot, ws: Workspace) -> None:
    """A title of 2023 signed on 08/01/2024: the lines follow the decision's 2023 unless set apart; a line of
    2022 (a late recognition, NĐ 98 Điều 53) is kept; a line after the signing year is refused, by its name."""
    create_application()
    dialog, _ = _from_nominations(qtbot, ws)
    model = dialog.model
    _type(qtbot, dialog.fields["signed_on"], "08/01/2024")
    dialog.fields["number"].setText("3")
    texts = [model.index(r, PERIOD_COLUMN).data() for r in range(3)]
    assert texts == ["2023"] * 3 and model.headerData(PERIOD_COLUMN, Qt.Orientation.Horizontal) == "Năm thành tích"
    assert model.flags(model.index(0, PERIOD_COLUMN)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(1, PERIOD_COLUMN), "2022")
    assert model.setData(model.index(2, PERIOD_COLUMN), "2025")
    assert "sau năm ký quyết định (2024)" in model.index(2, PERIOD_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(2, PERIOD_COLUMN).data(Qt.ItemDataRole.BackgroundRole) is not None
    dialog._try_accept()
    assert "Dòng 3 (Hoàng Minh): Năm thành tích 2025 sau năm ký quyết định (2024)" in dialog.error_text()
    assert dialog.isVisible() and not ws.store.query("SELECT id FROM decision"), "nothing half-written"
    assert model.setData(model.index(2, PERIOD_COLUMN), "2024-2023")
    dialog._try_accept()
    assert "Dòng 3 (Hoàng Minh)" in dialog.error_text() and "năm đầu sau năm cuối" in dialog.error_text()
    assert model.setData(model.index(2, PERIOD_COLUMN), "")  # back to the decision's
    _type(qtbot, dialog.fields["achievement_period"], "2022-2023")
    assert model.index(0, PERIOD_COLUMN).data() == "2022-2023" and model.index(1, PERIOD_COLUMN).data() == "2022"
    _type(qtbot, dialog.fields["achievement_period"], "2023")
    dialog._try_accept()
    decision = get_decision(ws, dialog.result_value.id)
    lines = {r["display_name"]: (r["achievement_first"], r["achievement_last"]) for r in
             decision_recipients(ws, decision["id"])}
    assert (decision["year"], decision["achievement_last"]) == (2024, 2023)
    assert lines == {"Vũ Văn Hải": (2023, 2023), "Đỗ Thị Lan": (2022, 2022), "Hoàng Minh": (2023, 2023)}


def test_a_received_decisions_lines_take_their_own_year(qtbot: QtBot, ws: Workspace) -> None:
    create_application()
    people = {name: add_person(ws, name).id for name in ("Nguyễn Văn An", "Lê Thị Hà")}
    dialog = ReceivedDialog(ws, 2024)
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog.fields["signed_on"], "15/01/2024")
    _type(qtbot, dialog.fields["title"], "Về việc tặng Bằng khen năm 2023")
    dialog.fields["issuer_name"].setText("Chủ tịch UBND tỉnh Nam Định")
    dialog.fields["form_code"].setCurrentIndex(dialog.fields["form_code"].findData("BK_TINH"))
    for name, person in people.items():
        dialog.picker._hits = {name: {"id": person, "full_name": name}}
        dialog.picker.choose(name)
        dialog.add_recipient()
    proxy = dialog.proxy
    assert [proxy.index(r, 2).data() for r in range(2)] == ["2023", "2023"]
    assert proxy.flags(proxy.index(1, 2)) & Qt.ItemFlag.ItemIsEditable
    assert proxy.setData(proxy.index(1, 2), "2022-2023")
    assert proxy.setData(proxy.index(0, 2), "2030")
    dialog._try_accept()
    assert "Dòng 1 (Nguyễn Văn An): Năm thành tích 2030 sau năm ký" in dialog.error_text("recipients")
    assert proxy.setData(proxy.index(0, 2), "")
    dialog._try_accept()
    lines = {r["display_name"]: (r["achievement_first"], r["achievement_last"])
             for r in decision_recipients(ws, dialog.result_value.id)}
    assert lines == {"Nguyễn Văn An": (2023, 2023), "Lê Thị Hà": (2022, 2023)}


def _issued(ws: Workspace, people: list[str]) -> str:
    decision = create_decision(ws, number="21", symbol="QĐ-UBND", signed_on=date(2024, 1, 10), issuer_level="don_vi",
                               issuer_name="Chủ tịch UBND thành phố", kind="cong_trang", form_code="CSTDCS",
                               title="Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2023").id
    add_recipients(ws, decision, [{"subject": "ca_nhan", "person_id": p} for p in people])
    issue_decision(ws, decision)
    return decision


def test_a_recorded_line_is_corrected_with_a_reason(qtbot: QtBot, ws: Workspace) -> None:
    create_application()
    decision = _issued(ws, [add_person(ws, "Phạm Văn Đức").id])
    line = decision_recipients(ws, decision)[0]
    dialog = LineAchievementDialog(ws, get_decision(ws, decision), line)
    qtbot.addWidget(dialog)
    assert dialog.fields["achievement_period"].text() == "" and "2023" in dialog.fields["achievement_period"].placeholderText()
    dialog.fields["achievement_period"].setText("2025")
    dialog._try_accept()
    assert "sau năm ký quyết định (2024)" in dialog.error_text("achievement_period")
    dialog.fields["achievement_period"].setText("2022")
    dialog._try_accept()
    assert "Lý do đính chính" in dialog.error_text("reason")
    dialog.fields["reason"].setPlainText("Thành tích năm 2022, ghi nhầm")
    dialog._try_accept()
    assert decision_recipients(ws, decision)[0]["achievement_last"] == 2022
    logged = ws.store.query("SELECT action, summary FROM audit_log WHERE entity = 'decision_recipient' "
                            "ORDER BY seq DESC LIMIT 1")[0]
    assert logged["action"] == "correct" and "ghi nhầm" in logged["summary"]


def test_the_decisions_tab_has_an_achievement_column(qtbot: QtBot, ws: Workspace) -> None:
    from emulation_desk.ui.column_chooser import MENU_TITLE
    from emulation_desk.ui.tabs.decisions import DECISION_COLUMNS, DecisionsTab

    create_application()
    person = add_person(ws, "Ngô Thị Mai").id
    _issued(ws, [person])
    period = create_decision(ws, number="22", symbol="QĐ-UBND", signed_on=date(2024, 3, 1), issuer_level="don_vi",
                             issuer_name="Chủ tịch UBND thành phố", kind="cong_trang", form_code="GK_CT_HUYEN",
                             title="Về việc tặng Giấy khen giai đoạn 2019-2022").id
    add_recipients(ws, period, [{"subject": "ca_nhan", "person_id": person}])
    tab = DecisionsTab(ws)
    qtbot.addWidget(tab)
    tab.load(2024)
    column = next(i for i, c in enumerate(DECISION_COLUMNS) if c.title == "Năm thành tích")
    shown = {tab.proxy.index(r, 0).data(): tab.proxy.index(r, column).data() for r in range(tab.proxy.rowCount())}
    assert shown == {"21/QĐ-UBND": "2023", "22/QĐ-UBND": "2019–2022"}
    tab.proxy.sort(column, Qt.SortOrder.DescendingOrder)
    assert [tab.proxy.index(r, column).data() for r in range(2)] == ["2023", "2019–2022"]
    tab.proxy.sort(column, Qt.SortOrder.AscendingOrder)
    assert [tab.proxy.index(r, column).data() for r in range(2)] == ["2019–2022", "2023"]
    tab.filter_edit.setText("2019")
    tab.apply_filter()
    assert tab.proxy.rowCount() == 1 and tab.proxy.index(0, column).data() == "2019–2022"
    tab.filter_edit.setText("")
    tab.apply_filter()
    chooser = tab.view._column_chooser  # the header's context menu "Chọn cột hiển thị"
    action = next(a for a in chooser.menu().actions() if a.text() == "Năm thành tích")
    assert chooser.menu().title() == MENU_TITLE and action.isChecked()
    action.setChecked(False)
    assert tab.view.horizontalHeader().isSectionHidden(column)
    chooser.set_visible("achievement_last", True)
    assert not tab.view.horizontalHeader().isSectionHidden(column)
    tab.view.selectRow(0)  # sorted by the year earned: the period's decision first
    lines_column = next(i for i in range(tab.recipients_model.columnCount())
                        if tab.recipients_model.headerData(i, Qt.Orientation.Horizontal) == "Năm thành tích")
    assert tab.recipients_proxy.index(0, lines_column).data() == "2019–2022"


def test_the_settings_page_places_the_kinds_that_are_not_cong_trang(qtbot: QtBot, ws: Workspace) -> None:
    from emulation_desk.services.reporting.statistics import table_parts
    from emulation_desk.ui.settings_dialog import SettingsDialog

    create_application()
    dialog = SettingsDialog(ws)
    qtbot.addWidget(dialog)
    page = next(dialog.tabs.widget(i) for i in range(dialog.tabs.count())
                if dialog.tabs.tabText(i) == "Chức vụ, kỳ báo cáo")
    assert set(page.parts) == {"cong_hien", "nien_han", "doi_ngoai", "khang_chien"}
    assert all(box.currentData() == "chuyen_de" for box in page.parts.values())
    page.parts["khang_chien"].setCurrentIndex(page.parts["khang_chien"].findData("cong_trang"))
    assert table_parts(ws) == {"khang_chien": "cong_trang"} and dialog.changes.reports
