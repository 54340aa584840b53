"""The award catalog in the database: installed from the shipped TOML, corrected by the clerk.

The shipped file is the default. Installing a newer shipped catalog adds what is missing and refreshes
rows the clerk has not edited (``user_edited = 0``); a clerk's correction is never overwritten.
"""

from __future__ import annotations

import json
import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from emulation_desk.core.catalog import (
    AwardForm,
    AwardKind,
    BaseSalary,
    Catalog,
    Coefficient,
    Regime,
    StatGroup,
    StatRow,
)
from emulation_desk.storage.db import Store

# uuid5 namespace for catalog rows keyed by content, so two PCs give them the same key.
CATALOG_NAMESPACE = uuid.UUID("6f1c2a9e-3b7d-4c55-9a61-5d2e8f0b7c13")
CATALOG_VERSION_KEY = "catalog_version"


def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _pd(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _regime_row(r: Regime) -> dict[str, Any]:
    return {"code": r.code, "name": r.name, "valid_from": _d(r.valid_from), "valid_to": _d(r.valid_to),
            "enabled": int(r.enabled), "unconfirmed": int(r.unconfirmed),
            "legal_bases": json.dumps(list(r.legal_bases), ensure_ascii=False), "source": r.source,
            "notes": r.notes}


def _salary_row(b: BaseSalary) -> dict[str, Any]:
    return {"id": str(uuid.uuid5(CATALOG_NAMESPACE, f"base_salary:{b.valid_from.isoformat()}")),
            "valid_from": _d(b.valid_from), "amount": b.amount, "instrument": b.instrument,
            "unconfirmed": int(b.unconfirmed), "source": b.source}


def _kind_row(k: AwardKind) -> dict[str, Any]:
    return {"code": k.code, "name": k.name, "table_part": k.table_part, "feeds_chains": int(k.feeds_chains),
            "sort_order": k.sort_order}


def _group_row(g: StatGroup) -> dict[str, Any]:
    return {"code": g.code, "title": g.title, "sort_order": g.sort_order}


def _row_row(r: StatRow) -> dict[str, Any]:
    return {"key": r.key, "group_code": r.group, "no": r.no, "label": r.label, "note_kinds": int(r.note_kinds)}


def _form_row(f: AwardForm) -> dict[str, Any]:
    return {"code": f.code, "name": f.name, "short_name": f.short_name, "note_label": f.note_label,
            "category": f.category, "level": f.level, "authority": f.authority,
            "subjects": json.dumps(list(f.subjects)), "stat_group": f.stat_group, "stat_row": f.stat_row,
            "extra_row_label": f.extra_row_label, "family": f.family, "rank": f.rank,
            "valid_from": _d(f.valid_from), "valid_to": _d(f.valid_to), "unconfirmed": int(f.unconfirmed),
            "source": f.source, "sort_order": f.sort_order}


def _coefficient_row(c: Coefficient) -> dict[str, Any]:
    return {"id": str(uuid.uuid5(CATALOG_NAMESPACE, f"coefficient:{c.form}:{c.regime}:{c.subject}")),
            "form_code": c.form, "regime_code": c.regime, "subject": c.subject, "value": str(c.value),
            "unconfirmed": int(c.unconfirmed), "source": c.source}


# (table, key column, row builder, catalog attribute, editable)
_SECTIONS = (
    ("regime", "code", _regime_row, "regimes", True),
    ("base_salary", "valid_from", _salary_row, "base_salaries", True),
    ("award_kind", "code", _kind_row, "kinds", False),
    ("stat_group", "code", _group_row, "groups", False),
    ("stat_row", "key", _row_row, "rows", False),
    ("award_form", "code", _form_row, "forms", True),
    ("form_coefficient", "id", _coefficient_row, "coefficients", True),
)


def _natural_key(table: str, key: str, row: dict[str, Any]) -> str:
    """What makes a catalog row the same row: a coefficient is its form, regime and subject (a row the clerk
    added, or an older file's, has another id than the one the catalog derives)."""
    if table == "form_coefficient":
        return f"{row['form_code']}:{row['regime_code']}:{row['subject']}"
    return str(row[key])


def install_catalog(store: Store, catalog: Catalog) -> int:
    """Add missing catalog rows and refresh unedited ones; return the number of rows written."""
    written = 0
    with store.transaction():
        for table, key, build, attr, editable in _SECTIONS:
            existing = {_natural_key(table, key, r): r for r in store.query(f"SELECT * FROM [{table}]")}
            for item in getattr(catalog, attr):
                row = build(item)
                current = existing.get(_natural_key(table, key, row))
                if current is None:
                    store.insert(table, row, audit=False)
                    written += 1
                    continue
                if editable and current.get("user_edited"):
                    continue
                changed = {k: v for k, v in row.items() if k not in ("id", key) and current.get(k) != v}
                if changed:
                    pk_value = current["id"] if table in ("base_salary", "form_coefficient") else row[key]
                    store.update(table, str(pk_value), changed, summary="Cập nhật danh mục khen thưởng")
                    written += 1
        store.set_setting(CATALOG_VERSION_KEY, catalog.version)
        if written:
            store.log("update", "catalog", "", f"Nạp danh mục khen thưởng phiên bản {catalog.version}: {written} dòng")
    return written


def catalog_from_db(store: Store) -> Catalog:
    """Build the typed catalog from the database (including the clerk's corrections)."""
    regimes = tuple(
        Regime(code=r["code"], name=r["name"], valid_from=date.fromisoformat(r["valid_from"]),
               valid_to=_pd(r["valid_to"]), enabled=bool(r["enabled"]), unconfirmed=bool(r["unconfirmed"]),
               legal_bases=tuple(json.loads(r["legal_bases"])), source=r["source"], notes=r["notes"])
        for r in store.query("SELECT * FROM regime ORDER BY valid_from")
    )
    salaries = tuple(
        BaseSalary(valid_from=date.fromisoformat(r["valid_from"]), amount=r["amount"], instrument=r["instrument"],
                   unconfirmed=bool(r["unconfirmed"]), source=r["source"])
        for r in store.query("SELECT * FROM base_salary ORDER BY valid_from")
    )
    kinds = tuple(
        AwardKind(code=r["code"], name=r["name"], table_part=r["table_part"], feeds_chains=bool(r["feeds_chains"]),
                  sort_order=r["sort_order"])
        for r in store.query("SELECT * FROM award_kind ORDER BY sort_order, code")
    )
    groups = tuple(
        StatGroup(code=r["code"], title=r["title"], sort_order=r["sort_order"])
        for r in store.query("SELECT * FROM stat_group ORDER BY sort_order, code")
    )
    rows = tuple(
        StatRow(key=r["key"], group=r["group_code"], no=r["no"], label=r["label"], note_kinds=bool(r["note_kinds"]))
        for r in store.query("SELECT * FROM stat_row ORDER BY group_code, no")
    )
    forms = tuple(
        AwardForm(code=r["code"], name=r["name"], short_name=r["short_name"], note_label=r["note_label"],
                  category=r["category"], level=r["level"], authority=r["authority"],
                  subjects=tuple(json.loads(r["subjects"])), stat_group=r["stat_group"], stat_row=r["stat_row"],
                  extra_row_label=r["extra_row_label"], family=r["family"], rank=r["rank"],
                  valid_from=_pd(r["valid_from"]), valid_to=_pd(r["valid_to"]), unconfirmed=bool(r["unconfirmed"]),
                  source=r["source"], sort_order=r["sort_order"])
        for r in store.query("SELECT * FROM award_form ORDER BY sort_order, code")
    )
    coefficients = tuple(
        Coefficient(form=r["form_code"], regime=r["regime_code"], subject=r["subject"], value=Decimal(r["value"]),
                    unconfirmed=bool(r["unconfirmed"]), source=r["source"])
        for r in store.query("SELECT * FROM form_coefficient ORDER BY form_code, regime_code, subject")
    )
    version = store.get_setting(CATALOG_VERSION_KEY, 0)
    return Catalog(version=int(version), regimes=regimes, base_salaries=salaries, kinds=kinds, groups=groups,
                   rows=rows, forms=forms, coefficients=coefficients)


