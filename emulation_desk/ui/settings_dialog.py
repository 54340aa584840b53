"""Settings ("Thiết lập"): organisation profile and document symbols, signatories and their signing
capacity, council members, the award catalog (forms and coefficients, with the "chưa xác nhận" flag),
legal regimes and base salaries. Every change goes through a service; catalog edits are marked as the
clerk's own so that a newer shipped catalog never overwrites them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from emulation_desk.core.text import format_date, format_int
from emulation_desk.services.common import Changes
from emulation_desk.services.records import catalog_edit, org
from emulation_desk.services.records.org import COUNCIL_ROLES, ORG_LEVELS, ORG_TEXT_FIELDS
from emulation_desk.services.workspace import Workspace
from emulation_desk.ui.dialogs import FormDialog, FormPanel, UnsavedGuard, UnsavedSection, combo, run_action
from emulation_desk.ui.table_model import Column
from emulation_desk.ui.tabs.base import make_table, on_keys, selected_rows

UNCONFIRMED = Column("unconfirmed", "Xác nhận", width=110, display=lambda r: "chưa xác nhận" if r["unconfirmed"] else "")


def _dmy(value: str | None) -> str:
    return format_date(date.fromisoformat(value)) if value else ""


class ListPage(QWidget):
    """A table of rows from a loader, with buttons acting on the selected row."""

    def __init__(self, columns: list[Column], loader: Callable[[], list[dict[str, Any]]], note: str = "") -> None:
        super().__init__()
        self.loader = loader
        self.view, self.model, self.proxy = make_table(columns, self)
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        if note:
            label = QLabel(note)
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addLayout(self.buttons)
        layout.addWidget(self.view, 1)
        self.reload()

    def button(self, text: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda *_: slot())
        self.buttons.addWidget(button)
        return button

    def finish(self, open_: Callable[[], Any] | None = None, delete: Callable[[], Any] | None = None) -> None:
        self.buttons.addStretch(1)
        if open_ is not None:
            self.view.doubleClicked.connect(lambda *_: open_())
        on_keys(self.view, open_, delete)

    def reload(self) -> None:
        self.model.set_rows(self.loader())

    def selected(self) -> dict[str, Any] | None:
        rows = selected_rows(self.view, self.model, self.proxy)
        return rows[0] if rows else None


class SettingsDialog(QDialog):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.changes = Changes()
        self.setWindowTitle("Thiết lập")
        self.unsaved_guard = UnsavedGuard(self)  # unsaved edits on a page: save, discard or stay
        self._org_section: UnsavedSection | None = None
        self.tabs = QTabWidget()
        self.tabs.addTab(self._organisation_page(), "Cơ quan")
        self.tabs.addTab(self._signatories_page(), "Người ký")
        self.tabs.addTab(self._council_page(), "Hội đồng TĐKT")
        self.tabs.addTab(self._catalog_page(), "Danh mục khen thưởng")
        self.tabs.addTab(self._regimes_page(), "Chế độ pháp lý")
        self.tabs.addTab(self._salary_page(), "Lương cơ sở")
        from emulation_desk.ui.positions_page import PositionsPage

        self.positions_page = PositionsPage(ws, self._record)
        self.tabs.addTab(self.positions_page, "Chức vụ, kỳ báo cáo")
        self.unsaved_guard.add(UnsavedSection("danh mục chức vụ", self.positions_page.unsaved,
                                              self.positions_page.save, self.positions_page.load, self.positions_page))
        self.unsaved_guard.watch_tabs(self.tabs)
        buttons = QDialogButtonBox()
        self.setup_button = buttons.addButton("Thiết lập ban đầu…", QDialogButtonBox.ButtonRole.ActionRole)
        self.setup_button.setToolTip("Các bước ghi thông tin cơ quan, ký hiệu văn bản, người ký, Hội đồng")
        self.setup_button.clicked.connect(lambda *_: self.open_setup())
        buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.unsaved_guard.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(1100, 660)

    def open_setup(self) -> Any:
        """The first-start setup, filled in with what is kept; the pages it touches are rebuilt after it."""
        from emulation_desk.ui.setup_wizard import open_setup

        wizard = open_setup(self.ws, self, self._record)
        if wizard.result():
            self._rebuild_profile_pages()
        return wizard

    def _rebuild_profile_pages(self) -> None:
        index = self.tabs.currentIndex()
        with self.unsaved_guard.tabs_rebuilt():
            for position, (build, title) in enumerate(((self._organisation_page, "Cơ quan"),
                                                       (self._signatories_page, "Người ký"),
                                                       (self._council_page, "Hội đồng TĐKT"))):
                old = self.tabs.widget(position)
                self.tabs.removeTab(position)
                old.deleteLater()
                self.tabs.insertTab(position, build(), title)
            self.tabs.setCurrentIndex(index)

    def _record(self, changes: Changes | None) -> None:
        if changes is not None:
            self.changes.merge(changes)

    # ------------------------------------------------------------------ organisation
    def _organisation_page(self) -> QWidget:
        current = self.ws.organisation() or {}
        self.org_panel = FormPanel()
        self.org_panel.add_field("level", "Cấp hành chính", combo(ORG_LEVELS, current.get("level"), empty="— chọn —"))
        for name, (label, required) in ORG_TEXT_FIELDS.items():
            self.org_panel.line(name, label + (" (*)" if required else ""), current.get(name, ""))
        self.org_panel.line("valid_from", "Áp dụng từ ngày", _dmy(current.get("valid_from")))
        self.org_panel.line("valid_to", "Áp dụng đến ngày", _dmy(current.get("valid_to")))
        save = QPushButton("Lưu thông tin cơ quan")
        self.org_saved = QLabel()
        save.clicked.connect(lambda *_: self.save_organisation())
        row = QHBoxLayout()
        row.addWidget(save)
        row.addWidget(self.org_saved, 1)
        self.org_panel.body.addLayout(row)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.org_panel)
        if self._org_section is None:
            self._org_section = self.unsaved_guard.add_panel(self.org_panel, self.save_organisation,
                                                             "thông tin cơ quan", scroll)
        else:  # rebuilt after the setup wizard: the question is about the new page
            self.org_panel.mark_saved()
            self._org_section.unsaved, self._org_section.discard = self.org_panel.unsaved, self.org_panel.restore_saved
            self._org_section.page = scroll
        return scroll

    def save_organisation(self) -> bool:
        current = self.ws.organisation()
        ok, result = self.org_panel.run_save(
            lambda values: org.save_organisation(self.ws, current["id"] if current else None, **values))
        if ok:
            self._record(result.changes)
            self.org_saved.setText("Đã lưu.")
        return ok

    # ------------------------------------------------------------------ signatories
    def _signatories_page(self) -> QWidget:
        columns = [Column("full_name", "Họ và tên", kind="name", width=220), Column("position", "Chức vụ", width=200),
                   Column("is_head", "Người đứng đầu", kind="bool", width=110),
                   Column("active", "Đang ký", kind="bool", width=80)]
        page = ListPage(columns, lambda: org.list_signatories(self.ws, active_only=False),
                        "Người đứng đầu ký “CHỦ TỊCH”; cấp phó ký “KT. CHỦ TỊCH / PHÓ CHỦ TỊCH”; báo cáo thêm dòng "
                        "“TM. ỦY BAN NHÂN DÂN”.")
        self.signatory_page = page
        page.button("Thêm người ký…", lambda: self.edit_signatory(None))
        page.button("Sửa…", lambda: self.edit_signatory(page.selected()))
        page.finish(lambda: self.edit_signatory(page.selected()))
        return page

    def edit_signatory(self, row: dict[str, Any] | None) -> None:
        dialog = FormDialog("Sửa người ký" if row else "Thêm người ký", self)
        dialog.line("full_name", "Họ và tên (*)", (row or {}).get("full_name", ""))
        dialog.line("position", "Chức vụ (*)", (row or {}).get("position", "PHÓ CHỦ TỊCH"))
        head, active = QCheckBox("Là người đứng đầu (Chủ tịch)"), QCheckBox("Đang ký văn bản")
        head.setChecked(bool((row or {}).get("is_head")))
        active.setChecked(bool((row or {}).get("active", 1)))
        dialog.add_field("is_head", "", head)
        if row:
            dialog.add_field("active", "", active)
        dialog.save = (lambda v: org.update_signatory(self.ws, row["id"], **v)) if row else \
            (lambda v: org.add_signatory(self.ws, v["full_name"], v["position"], is_head=v["is_head"]).changes)
        dialog.ask_before_discarding("người ký")
        if dialog.exec():
            self._record(dialog.result_value)
            self.signatory_page.reload()

    # ------------------------------------------------------------------ council
    def _council_page(self) -> QWidget:
        columns = [Column("full_name", "Họ và tên", kind="name", width=200), Column("position", "Chức vụ", width=330),
                   Column("role", "Vai trò", width=170, display=lambda r: COUNCIL_ROLES.get(r["role"], r["role"]))]
        page = ListPage(columns, lambda: org.current_council(self.ws)[1])
        self.council_page = page
        page.button("Thêm thành viên…", lambda: self.edit_member(None))
        page.button("Sửa…", lambda: self.edit_member(page.selected()))
        page.button("Bỏ khỏi Hội đồng", self.remove_member)
        page.finish(lambda: self.edit_member(page.selected()), self.remove_member)
        return page

    def edit_member(self, row: dict[str, Any] | None) -> None:
        dialog = FormDialog("Sửa thành viên Hội đồng" if row else "Thêm thành viên Hội đồng", self)
        dialog.line("full_name", "Họ và tên (*)", (row or {}).get("full_name", ""))
        dialog.line("position", "Chức vụ", (row or {}).get("position", ""))
        dialog.add_field("role", "Vai trò (*)", combo(COUNCIL_ROLES, (row or {}).get("role", "uy_vien")))

        def save(values: dict[str, Any]) -> Changes:
            if row:
                return org.update_council_member(self.ws, row["id"], **values)
            return org.add_member_to_current_council(self.ws, values["full_name"], values["position"],
                                                     values["role"]).changes

        dialog.save = save
        dialog.ask_before_discarding("thành viên Hội đồng")
        if dialog.exec():
            self._record(dialog.result_value)
            self.council_page.reload()

    def remove_member(self) -> None:
        row = self.council_page.selected()
        if row is None:
            return
        from emulation_desk.ui.dialogs import ask

        if ask(self, "Bỏ thành viên", f"Bỏ “{row['full_name']}” khỏi Hội đồng?", yes="Bỏ ra"):
            removed = run_action(self, lambda: org.remove_council_member(self.ws, row["id"]))
            if removed is not None:
                self._record(removed.changes)
                self.council_page.reload()

    # ------------------------------------------------------------------ catalog
    def _catalog_page(self) -> QWidget:
        forms = ListPage([Column("code", "Mã", width=160), Column("name", "Hình thức", width=360),
                          Column("level", "Cấp", width=80, display=lambda r: {"nha_nuoc": "Nhà nước", "bo_tinh":
                                                                             "Bộ, tỉnh", "co_so": "Cơ sở"}[r["level"]]),
                          Column("subjects", "Đối tượng", width=200, display=lambda r: ", ".join(
                              catalog_edit.SUBJECTS.get(s, s) for s in json.loads(r["subjects"]))),
                          UNCONFIRMED, Column("user_edited", "Đã sửa", kind="bool", width=60)],
                         lambda: catalog_edit.list_forms(self.ws))
        forms.button("Sửa hình thức…", lambda: self.edit_form(forms.selected()))
        forms.finish(lambda: self.edit_form(forms.selected()))
        coefficients = ListPage([Column("regime_name", "Chế độ", width=260),
                                 Column("form_name", "Hình thức", width=360),  # full: four forms are "Giấy khen"
                                 Column("subject", "Đối tượng", width=90,
                                        display=lambda r: catalog_edit.SUBJECTS.get(r["subject"], r["subject"])),
                                 Column("value", "Hệ số", width=60, display=lambda r: str(r["value"]).replace(".", ",")),
                                 UNCONFIRMED, Column("user_edited", "Đã sửa", kind="bool", width=60)],
                                lambda: catalog_edit.list_coefficients(self.ws),
                                "Tiền thưởng = hệ số × mức lương cơ sở tại ngày ký quyết định.")
        coefficients.button("Sửa hệ số…", lambda: self.edit_coefficient(coefficients.selected()))
        coefficients.finish(lambda: self.edit_coefficient(coefficients.selected()))
        self.forms_page, self.coefficients_page = forms, coefficients
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(forms)
        splitter.addWidget(coefficients)
        return splitter

    def edit_form(self, row: dict[str, Any] | None) -> None:
        if row is None:
            return
        dialog = FormDialog(f"Sửa hình thức {row['code']}", self)
        dialog.line("name", "Tên đầy đủ (*)", row["name"])
        dialog.line("short_name", "Tên ngắn (*)", row["short_name"])
        flag = QCheckBox("Số liệu chưa được xác nhận bằng văn bản")
        flag.setChecked(bool(row["unconfirmed"]))
        dialog.add_field("unconfirmed", "Chưa xác nhận", flag)
        dialog.line("source", "Nguồn (văn bản)", row["source"])
        dialog.save = lambda v: catalog_edit.update_form(self.ws, row["code"], **v)
        dialog.ask_before_discarding("hình thức khen thưởng")
        if dialog.exec():
            self._record(dialog.result_value)
            self.forms_page.reload()

    def edit_coefficient(self, row: dict[str, Any] | None) -> None:
        if row is None:
            return
        dialog = FormDialog(f"Hệ số tiền thưởng: {row['form_name']}", self)
        dialog.line("value", "Hệ số (*)", str(row["value"]).replace(".", ","))
        flag = QCheckBox("Số liệu chưa được xác nhận bằng văn bản")
        flag.setChecked(bool(row["unconfirmed"]))
        dialog.add_field("unconfirmed", "Chưa xác nhận", flag)
        dialog.line("source", "Nguồn (văn bản)", row["source"])
        dialog.save = lambda v: catalog_edit.set_coefficient(self.ws, row["form_code"], row["regime_code"],
                                                             row["subject"], v["value"], unconfirmed=v["unconfirmed"],
                                                             source=v["source"])
        dialog.ask_before_discarding("hệ số tiền thưởng")
        if dialog.exec():
            self._record(dialog.result_value)
            self.coefficients_page.reload()

    # ------------------------------------------------------------------ regimes and salaries
    def _regimes_page(self) -> QWidget:
        page = ListPage([Column("name", "Chế độ", width=330), Column("valid_from", "Từ ngày", kind="date", width=90),
                         Column("valid_to", "Đến ngày", kind="date", width=90),
                         Column("enabled", "Áp dụng", kind="bool", width=70), UNCONFIRMED,
                         Column("user_edited", "Đã sửa", kind="bool", width=60)],
                        lambda: catalog_edit.list_regimes(self.ws),
                        "Chế độ được chọn theo ngày ký quyết định; “Căn cứ” là các dòng căn cứ mặc định của quyết định "
                        "khen thưởng ({quy_che_tinh} được thay bằng quy định thi đua của tỉnh).")
        page.button("Sửa chế độ…", lambda: self.edit_regime(page.selected()))
        page.finish(lambda: self.edit_regime(page.selected()))
        self.regimes_page = page
        return page

    def edit_regime(self, row: dict[str, Any] | None) -> None:
        if row is None:
            return
        dialog = FormDialog(f"Sửa chế độ: {row['name']}", self)
        dialog.line("valid_from", "Áp dụng từ ngày (*)", _dmy(row["valid_from"]))
        dialog.line("valid_to", "Đến ngày", _dmy(row["valid_to"]))
        bases = QPlainTextEdit("\n".join(row["legal_bases_list"]))
        bases.setMinimumHeight(150)
        dialog.add_field("legal_bases", "Căn cứ (mỗi dòng một căn cứ)", bases)
        enabled, flag = QCheckBox("Đang áp dụng"), QCheckBox("Chưa được xác nhận bằng văn bản")
        enabled.setChecked(bool(row["enabled"]))
        flag.setChecked(bool(row["unconfirmed"]))
        dialog.add_field("enabled", "", enabled)
        dialog.add_field("unconfirmed", "", flag)
        dialog.setMinimumWidth(760)
        dialog.save = lambda v: catalog_edit.update_regime(self.ws, row["code"], **v)
        dialog.ask_before_discarding("chế độ pháp lý")
        if dialog.exec():
            self._record(dialog.result_value)
            self.regimes_page.reload()

    def _salary_page(self) -> QWidget:
        page = ListPage([Column("valid_from", "Áp dụng từ ngày", kind="date", width=120),
                         Column("amount", "Mức lương cơ sở (đồng)", kind="money", width=160),
                         Column("instrument", "Văn bản quy định", width=360), UNCONFIRMED,
                         Column("user_edited", "Đã sửa", kind="bool", width=60)],
                        lambda: catalog_edit.list_base_salaries(self.ws),
                        "Quyết định ký từ ngày nào dùng mức lương cơ sở áp dụng tại ngày đó.")
        page.button("Thêm mức mới…", lambda: self.edit_salary(None))
        page.button("Sửa…", lambda: self.edit_salary(page.selected()))
        page.finish(lambda: self.edit_salary(page.selected()))
        self.salary_page = page
        return page

    def edit_salary(self, row: dict[str, Any] | None) -> None:
        dialog = FormDialog("Sửa mức lương cơ sở" if row else "Thêm mức lương cơ sở", self)
        if row is None:
            dialog.line("valid_from", "Áp dụng từ ngày (*)", "")
        dialog.line("amount", "Mức lương cơ sở (đồng) (*)", format_int(row["amount"]) if row else "")
        dialog.line("instrument", "Văn bản quy định", (row or {}).get("instrument", ""))
        flag = QCheckBox("Chưa được xác nhận bằng văn bản")
        flag.setChecked(bool((row or {}).get("unconfirmed")))
        dialog.add_field("unconfirmed", "", flag)
        if row:
            dialog.save = lambda v: catalog_edit.update_base_salary(self.ws, row["id"], **v)
        else:
            dialog.save = lambda v: catalog_edit.add_base_salary(self.ws, v.pop("valid_from"), v.pop("amount"), **v).changes
        dialog.ask_before_discarding("mức lương cơ sở")
        if dialog.exec():
            self._record(dialog.result_value)
            self.salary_page.reload()
