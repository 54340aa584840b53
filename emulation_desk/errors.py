"""Known errors: situations a clerk can act on, each with a Vietnamese message saying what to do.

Anything else is a bug and is shown with a copyable report instead.
"""

from __future__ import annotations


class KnownError(Exception):
    """An expected failure with a Vietnamese message for the user."""

    def __init__(self, message: str, *, details: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message


class ValidationError(KnownError):
    """Input that cannot be stored; ``field`` names the offending field when known."""

    def __init__(self, message: str, *, field: str = "", details: str = "") -> None:
        super().__init__(message, details=details)
        self.field = field


class NotFoundError(KnownError):
    """A record the user asked for does not exist."""


class StorageError(KnownError):
    """The database file cannot be used as asked."""


class DatabaseTooNewError(StorageError):
    """The file was written by a newer version of the program."""


class DatabaseDamagedError(StorageError):
    """The file fails SQLite's integrity checks (``db_path``: the file, when known)."""

    db_path: object = None


class DatabaseLockedError(StorageError):
    """Another program or another copy of this one holds the file."""


class DiskFullError(StorageError):
    """The disk (or the database's size limit) is full."""
