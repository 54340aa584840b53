"""Every setting of the office's database is declared once (emulation_desk.settings) and read through it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from emulation_desk import settings
from emulation_desk.core.rules import settings as rule_settings
from emulation_desk.services.council import rules
from emulation_desk.services.maintenance import backup
from emulation_desk.services.reporting.documents_data import list_order, set_list_order
from emulation_desk.services.workspace import Workspace
from emulation_desk.settings import COUNCIL_BALLOT_FORMS, DECISION_LIST_ORDER, IMPORT_MAPPING, declared
from emulation_desk.storage import backup as storage_backup
from emulation_desk.storage import catalog_store, health

PACKAGE = Path(settings.__file__).parent
# Modules still writing their keys themselves, owned elsewhere; their keys are checked below.
NOT_YET_THROUGH_DECLARATIONS = ("storage/", "services/maintenance/backup.py")


def test_every_key_the_program_writes_is_declared(demo_ws: Workspace) -> None:
    rules.set_vote_rule(demo_ws, "ND98_2023", "CSTDCS", 75, "present")
    rules.set_ballot_forms(demo_ws, ["CSTDCS"])
    set_list_order(demo_ws, ["ca_nhan", "tap_the", "ho_gia_dinh"])
    from emulation_desk.services.awards.eligibility import update_eligibility_settings

    update_eligibility_settings(demo_ws, {"ldtt_min_months_nd152": 10})
    backup.set_backup_policy(demo_ws, backup.backup_policy(demo_ws))
    used = {declared(r["key"]).key for r in demo_ws.store.query("SELECT key FROM settings")}  # KeyError if not
    assert used >= {"council_thresholds", "council_ballot_forms", "documents.decision_list_order", "eligibility",
                    "backup_policy", "catalog_version"}


def test_the_keys_storage_and_the_rules_write_themselves_are_the_declared_ones() -> None:
    for key in (storage_backup.POLICY_KEY, catalog_store.CATALOG_VERSION_KEY, health.FULL_CHECK_KEY,
                rule_settings.SETTING_KEY):
        assert declared(key).key == key


def test_no_module_reads_or_writes_a_setting_by_a_written_out_key() -> None:
    found = []
    for path in PACKAGE.rglob("*.py"):
        name = path.relative_to(PACKAGE).as_posix()
        if name == "settings.py" or name.startswith(NOT_YET_THROUGH_DECLARATIONS):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("get_setting", "set_setting"):
                found.append(f"{name}:{node.lineno}")
    assert found == []


def test_a_value_of_the_wrong_type_reads_as_the_default_and_is_never_written(ws: Workspace) -> None:
    with ws.store.transaction():
        ws.store.set_setting(DECISION_LIST_ORDER.key, "ca_nhan")  # a hand-edited file
    assert DECISION_LIST_ORDER.read(ws.store) == ["tap_the", "ca_nhan", "ho_gia_dinh"]
    assert list_order(ws) == ("tap_the", "ca_nhan", "ho_gia_dinh")
    with pytest.raises(TypeError), ws.store.transaction():
        COUNCIL_BALLOT_FORMS.write(ws.store, "CSTDCS")
    assert COUNCIL_BALLOT_FORMS.read(ws.store) is None


def test_a_family_of_keys_names_its_member() -> None:
    assert IMPORT_MAPPING.full_key("unit-1") == "import_mapping:unit-1"
    assert declared("import_mapping:unit-1") is IMPORT_MAPPING
    with pytest.raises(ValueError):
        IMPORT_MAPPING.full_key()
    with pytest.raises(ValueError):
        DECISION_LIST_ORDER.full_key("x")
    with pytest.raises(KeyError):
        declared("no_such_setting")


def test_every_declaration_says_what_uses_it() -> None:
    assert len({s.key for s in settings.SETTINGS}) == len(settings.SETTINGS)
    for setting in settings.SETTINGS:
        assert setting.used_by and (setting.default is None or isinstance(setting.default, setting.type))
