"""Every setting the office's database keeps, declared once: key, type, default and where it is used.

The values live in the ``settings`` table as JSON (:meth:`Store.get_setting` / :meth:`Store.set_setting`);
services read and write them through these declarations only, never by a key written out. The window's own
preferences (geometry, column widths) are not here: they stay on the computer, in QSettings, and are
declared in :mod:`emulation_desk.ui.preferences`.

This module imports nothing of the project, so every layer (storage included) may use it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Protocol


class SettingsStore(Protocol):
    def get_setting(self, key: str, default: Any = None) -> Any: ...

    def set_setting(self, key: str, value: Any) -> None: ...


@dataclass(frozen=True)
class Setting:
    """One key of the ``settings`` table. ``default`` is what :meth:`read` gives when the key is not stored
    (or holds a value of another type: a hand-edited file never breaks the program); ``used_by`` says where
    the setting shows or what reads it."""

    key: str
    type: type
    default: Any
    used_by: str

    def read(self, store: SettingsStore, part: str = "") -> Any:
        value = store.get_setting(self.full_key(part))
        return value if self._fits(value) else copy.deepcopy(self.default)

    def write(self, store: SettingsStore, value: Any, part: str = "") -> None:
        """Store ``value`` (inside the caller's transaction, audited by the store)."""
        if not self._fits(value):
            raise TypeError(f"setting {self.key!r} holds {self.type.__name__}, not {type(value).__name__}")
        store.set_setting(self.full_key(part), value)

    def _fits(self, value: Any) -> bool:
        return isinstance(value, self.type) and (self.type is bool or not isinstance(value, bool))

    def full_key(self, part: str = "") -> str:
        """The stored key; a family of keys (``import_mapping:`` + unit id) names its member with ``part``."""
        if self.key.endswith(":") != bool(part):
            raise ValueError(f"setting {self.key!r} {'needs' if self.key.endswith(':') else 'takes no'} part")
        return self.key + part


ELIGIBILITY = Setting(
    "eligibility", dict, {},
    "The clerk's values of the eligibility thresholds and quotas, merged over core.rules.settings.DEFAULTS "
    "(services.awards.eligibility: eligibility_settings, update_eligibility_settings; every verdict).")
COUNCIL_THRESHOLDS = Setting(
    "council_thresholds", dict, {},
    "The council's own vote threshold per regime and form, {regime: {form: rule}}; \"*\"/\"*\" is the "
    "fallback (services.council.rules: vote_rule, set_vote_rule; a new council meeting copies them).")
COUNCIL_BALLOT_FORMS = Setting(
    "council_ballot_forms", list, None,
    "Form codes voted by secret ballot; unset: CSTĐCS, CSTĐ, BK Thủ tướng, Huân chương, Anh hùng "
    "(services.council.rules: ballot_forms, set_ballot_forms; the council meeting and its ballot papers).")
DECISION_LIST_ORDER = Setting(
    "documents.decision_list_order", list, ["tap_the", "ca_nhan", "ho_gia_dinh"],
    "Order of the groups in a decision's attached list, collectives first by default (documents.md §2) "
    "(services.reporting.decision_data: list_order, set_list_order; the printed decision).")
IMPORT_MAPPING = Setting(
    "import_mapping:", dict, None,
    "Per proposing unit (key + unit id): the column mapping the clerk corrected in a nomination list, "
    "offered again for that unit's next file (services.awards.imports; the import preview).")
CATALOG_VERSION = Setting(
    "catalog_version", int, 0,
    "Version of the shipped award catalog copied into the database (storage.catalog_store writes it; "
    "services.workspace.open_workspace compares it with the shipped file at every start).")
BACKUP_POLICY = Setting(
    "backup_policy", dict, None,
    "How many backup generations are kept (storage.backup: policy_of; Tệp → Sao lưu và khôi phục).")
LAST_FULL_CHECK = Setting(
    "last_full_check", dict, None,
    "When the weekly full check last ran and what it found (storage.health; the opening routine).")
DATABASE_ID = Setting(
    "database_id", str, "",
    "The database's own id, set once by migration 0011: backups of one database are told apart from another's "
    "by it, whatever the clock said (storage.backup_files: lineage).")
SETUP_SKIPPED = Setting(
    "setup_skipped", bool, False,
    "The clerk closed the first-start setup without finishing it: the window no longer offers it at start "
    "(services.records.profile: setup_skipped, skip_setup; ui.setup_wizard; Thiết lập still opens it).")
MANAGER_DICTIONARY = Setting(
    "positions.manager_dictionary", list, None,
    "The clerk's dictionary of positions and the management flag each proposes, [[phrase, flag], …]; unset: "
    "core.positions.DEFAULT_DICTIONARY (services.records.positions: manager_dictionary, set_manager_dictionary; "
    "the nomination form, people position, the position history).")
REPORT_PERIOD = Setting(
    "statistics.report_period", str, "nam",
    "Which decisions the table of year Y counts by their signing date: \"nam\" the calendar year, \"thong_ke\" "
    "01/12 of Y-1 to 30/11 of Y (services.reporting.statistics: report_period, set_report_period; the table's "
    "title and note).")

TABLE_PARTS = Setting(
    "statistics.table_parts", dict, {},
    "Where the kinds that are not công trạng (cống hiến, niên hạn, kháng chiến, đối ngoại) are counted in the "
    "table, {kind: \"cong_trang\" | \"chuyen_de\"}, as the province's guidance says; a kind not set stays in the "
    "catalog's group, \"chuyên đề, đột xuất\" (services.reporting.statistics: table_parts, set_table_part; "
    "Thiết lập → Chức vụ, kỳ báo cáo; the table's columns 6–13 and its note).")

SETTINGS: tuple[Setting, ...] = (ELIGIBILITY, COUNCIL_THRESHOLDS, COUNCIL_BALLOT_FORMS, DECISION_LIST_ORDER,
                                 IMPORT_MAPPING, CATALOG_VERSION, BACKUP_POLICY, LAST_FULL_CHECK, SETUP_SKIPPED,
                                 MANAGER_DICTIONARY, REPORT_PERIOD, TABLE_PARTS, DATABASE_ID)


def declared(key: str) -> Setting:
    """The declaration of a stored key (a member of a family included); KeyError for an undeclared key."""
    for setting in SETTINGS:
        if key == setting.key or (setting.key.endswith(":") and key.startswith(setting.key)):
            return setting
    raise KeyError(key)
