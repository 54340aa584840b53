"""SQLite storage: opening, pragmas, migrations, and record-level writes with an audit trail."""

from emulation_desk.storage.db import Store, open_store

__all__ = ["Store", "open_store"]
