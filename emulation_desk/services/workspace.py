"""An open office database with its catalog: what the GUI and the command line work on."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from emulation_desk.core.catalog import Catalog, load_catalog
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
        """Years that have any records, newest first."""
        rows = self.store.query(
            "SELECT year FROM decision WHERE deleted_at IS NULL UNION SELECT year FROM nomination "
            "WHERE deleted_at IS NULL UNION SELECT year FROM bloc UNION SELECT year FROM report "
            "ORDER BY year DESC")
        return [r["year"] for r in rows]

    def organisation(self) -> dict[str, Any] | None:
        rows = self.store.query("SELECT * FROM organisation ORDER BY coalesce(valid_from, '') DESC LIMIT 1")
        return rows[0] if rows else None

    def close(self) -> None:
        self.store.close()


def open_workspace(path: Path | str, *, readonly: bool = False, actor: str | None = None,
                   install_shipped_catalog: bool = True, allow_network: bool | None = None,
                   take_over_lock: bool = False, create_after_damage: bool = False) -> Workspace:
    """Open (creating and migrating when needed) the office database and make sure the catalog is in it.
    ``allow_network``, ``take_over_lock`` and ``create_after_damage`` are passed to :func:`open_store`."""
    store = open_store(path, readonly=readonly, actor=actor, allow_network=allow_network,
                       take_over_lock=take_over_lock, create_after_damage=create_after_damage)
    try:
        if install_shipped_catalog and not readonly:
            shipped = load_catalog()
            if store.get_setting("catalog_version", 0) < shipped.version:
                install_catalog(store, shipped)
    except BaseException:
        store.close()
        raise
    return Workspace(store)
