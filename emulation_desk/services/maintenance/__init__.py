"""Keeping the file safe: backups, the trash, the audit log, undo."""
