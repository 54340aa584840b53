"""An open office database with its catalog: what the GUI and the command line work on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from emulation_desk.core.catalog import Catalog, load_catalog
from emulation_desk.resources import resource_path
from emulation_desk.settings import CATALOG_VERSION
from emulation_desk.storage.catalog_store import catalog_from_db, install_catalog
from emulation_desk.storage.db import Store, open_store


@dataclass
class Workspace:
    """The store plus cached read models; call :meth:`invalidate` after catalog edits."""

    store: Store
    _catalog: Catalog | None = field(default=None, repr=False)

    @property
    def path(self) -> Path:
        return self.store.path

    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = catalog_from_db(self.store)
        return self._catalog

    def invalidate(self) -> None:
        self._catalog = None

    def years(self) -> list[int]:
        """Years that have any records, newest first (each table's years are walked down its year index,
        not scanned: a province holds 100.000 nominations)."""
        found: set[int] = set()
        for table, live in (("decision", True), ("nomination", True), ("bloc", False), ("report", False)):
            found.update(r[0] for r in self.store.conn.execute(_years_sql(table, live)))
        return sorted(found, reverse=True)

    def organisation(self) -> dict[str, Any] | None:
        rows = self.store.query("SELECT * FROM organisation ORDER BY coalesce(valid_from, '') DESC LIMIT 1")
        return rows[0] if rows else None

    def close(self) -> None:
        self.store.close()


def _years_sql(table: str, live: bool) -> str:
    """Distinct years of ``table`` by a skip-scan over its year index (one look-up per year)."""
    alive = f" AND EXISTS (SELECT 1 FROM {table} WHERE year = y AND deleted_at IS NULL)" if live else ""
    return (f"WITH RECURSIVE ys(y) AS (SELECT max(year) FROM {table} UNION ALL "
            f"SELECT (SELECT max(year) FROM {table} WHERE year < y) FROM ys WHERE y IS NOT NULL) "
            f"SELECT y FROM ys WHERE y IS NOT NULL{alive}")


_VERSION_LINE = re.compile(rb"^version\s*=\s*(\d+)\s*(?:#.*)?$", re.MULTILINE)


def shipped_catalog_version() -> int | None:
    """The ``version`` of the shipped catalog file, read without parsing the whole TOML (50 ms at every
    start); None when it cannot be read this way (the caller then loads the catalog)."""
    try:
        head = resource_path("catalog", "catalog.toml").read_bytes()
    except OSError:
        return None
    head = head.split(b"\n[", 1)[0]  # top-level keys come before the first table
    match = _VERSION_LINE.search(head)
    return int(match.group(1)) if match else None


def open_workspace(path: Path | str, *, readonly: bool = False, actor: str | None = None,
                   install_shipped_catalog: bool = True, allow_network: bool | None = None,
                   take_over_lock: bool = False, create_after_damage: bool = False) -> Workspace:
    """Open (creating and migrating when needed) the office database and make sure the catalog is in it.
    ``allow_network``, ``take_over_lock`` and ``create_after_damage`` are passed to :func:`open_store`."""
    store = open_store(path, readonly=readonly, actor=actor, allow_network=allow_network,
                       take_over_lock=take_over_lock, create_after_damage=create_after_damage)
    try:
        if install_shipped_catalog and not readonly:
            installed = CATALOG_VERSION.read(store)
            version = shipped_catalog_version()
            if version is None or installed < version:
                shipped = load_catalog()
                if installed < shipped.version:
                    install_catalog(store, shipped)
    except BaseException:
        store.close()
        raise
    return Workspace(store)
