"""SQLite storage: opening (``storage.db.open_store``), connection settings, migrations, locks, backups, checks
and record-level writes with an audit trail (``storage.store.Store``)."""
