"""Where the office's data lives: one SQLite file per office in the user's data folder.

Overrides, strongest first: ``--db FILE``, ``--data-dir DIR``, then the environment variables
``EMULATION_DESK_DB`` and ``EMULATION_DESK_DATA_DIR`` (tests set them so that a real profile is never
touched).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from emulation_desk import APP_NAME

ENV_DB = "EMULATION_DESK_DB"
ENV_DATA_DIR = "EMULATION_DESK_DATA_DIR"
DB_FILENAME = "thiduakhenthuong.sqlite"


def platform_data_dir() -> Path:
    """The platform's per-user data folder for this application."""
    if sys.platform.startswith("win"):
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_NAME


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Folder for the database, backups and logs."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return platform_data_dir()


def database_path(db: str | os.PathLike[str] | None = None, data_dir_arg: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the database file from the command line and the environment."""
    if db:
        return Path(db).expanduser()
    if data_dir_arg:
        return Path(data_dir_arg).expanduser() / DB_FILENAME
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return data_dir() / DB_FILENAME


def cache_dir() -> Path:
    """Folder for rebuildable files (the demo template)."""
    return data_dir() / "cache"


def log_dir() -> Path:
    return data_dir() / "logs"
