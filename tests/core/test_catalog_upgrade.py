"""The catalog version bump of issue 14: installing the shipped catalog (version 2) over a database holding
version 1 refreshes every row the clerk has not edited, and keeps the clerk's corrections."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

from emulation_desk.core.catalog import Catalog, Coefficient, load_catalog
from emulation_desk.storage.catalog_store import CATALOG_NAMESPACE, catalog_from_db, install_catalog
from emulation_desk.storage.db import open_store

SHIPPED = load_catalog()
OLD_VALUES = {("BK_TTG", "ND152_2025", "ca_nhan"): "3.0", ("GK_CT_XA", "ND91_2017", "ca_nhan"): "0.3",
              ("KNC_BO_TINH", "ND152_2025", "ca_nhan"): "1.0"}


def _version_1() -> Catalog:
    """The shipped catalog as version 1 had it: the three wrong figures, the amended Law switched off,
    cống hiến counted as công trạng."""
    def old(c: Coefficient) -> Coefficient:
        value = OLD_VALUES.get((c.form, c.regime, c.subject))
        return dataclasses.replace(c, value=Decimal(value)) if value else c

    regimes = tuple(dataclasses.replace(r, enabled=False) if r.code == "LUAT_2026" else
                    dataclasses.replace(r, valid_to=None) if r.code == "ND152_2025" else r for r in SHIPPED.regimes)
    kinds = tuple(dataclasses.replace(k, table_part="cong_trang") if k.code == "cong_hien" else k
                  for k in SHIPPED.kinds)
    return dataclasses.replace(SHIPPED, version=1, regimes=regimes, kinds=kinds,
                               coefficients=tuple(old(c) for c in SHIPPED.coefficients))


def _coefficient_id(form: str, regime: str, subject: str) -> str:
    return str(uuid.uuid5(CATALOG_NAMESPACE, f"coefficient:{form}:{regime}:{subject}"))


def test_the_version_bump_refreshes_unedited_rows_only(tmp_path: Path) -> None:
    assert SHIPPED.version == 2
    store = open_store(tmp_path / "office.sqlite")
    try:
        install_catalog(store, _version_1())
        with store.transaction():  # the clerk corrected one figure by hand (it must survive the upgrade)
            store.update("form_coefficient", _coefficient_id("KNC_BO_TINH", "ND152_2025", "ca_nhan"),
                         {"value": "0.5", "user_edited": 1})
        assert install_catalog(store, SHIPPED) > 0
        upgraded = catalog_from_db(store)
    finally:
        store.close()
    assert upgraded.version == 2
    day_152, day_91 = date(2025, 8, 1), date(2023, 6, 1)
    assert upgraded.coefficient_for("BK_TTG", "ca_nhan", day_152).value == Decimal("3.5")  # NĐ 152 Điều 54.1.a
    assert upgraded.coefficient_for("GK_CT_XA", "ca_nhan", day_91).value == Decimal("0.15")  # NĐ 91 Điều 73.1.d
    assert upgraded.coefficient_for("KNC_BO_TINH", "ca_nhan", day_152).value == Decimal("0.5")  # the clerk's
    assert upgraded.regime_for(date(2026, 10, 1)).code == "LUAT_2026"
    assert upgraded.regime("ND152_2025").valid_to == date(2026, 9, 30)
    assert upgraded.kind("cong_hien").table_part == "chuyen_de"
