"""One resolver for shipped resources (fonts, catalog, demo data, icons, templates).

Works from a source checkout (``<repo>/resources``), from an installed wheel (the build copies
``resources/`` into ``emulation_desk/_resources``) and from a PyInstaller bundle (``sys._MEIPASS``).
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

ENV_RESOURCES = "EMULATION_DESK_RESOURCES"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates() -> list[Path]:
    found: list[Path] = []
    override = os.environ.get(ENV_RESOURCES)
    if override:
        found.append(Path(override))
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / "resources")
    found.append(_PACKAGE_DIR / "_resources")  # installed wheel
    found.append(_PACKAGE_DIR.parent / "resources")  # source checkout
    return found


@cache
def resources_dir() -> Path:
    """Return the folder holding the shipped resources; raise with a clear message if missing."""
    for candidate in _candidates():
        if (candidate / "catalog").is_dir():
            return candidate
    tried = ", ".join(str(c) for c in _candidates())
    raise FileNotFoundError(
        f"Không tìm thấy thư mục tài nguyên của chương trình (đã tìm: {tried}). Hãy cài đặt lại chương trình."
    )


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource, e.g. ``resource_path("fonts", "LiberationSerif-Regular.ttf")``."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"Thiếu tệp tài nguyên: {path}. Hãy cài đặt lại chương trình.")
    return path
