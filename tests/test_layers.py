"""Layers stay clean: the core, storage, services, documents and spreadsheet code never import Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "emulation_desk"
QT_FREE = ["core", "storage", "services", "documents", "exchange"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", QT_FREE)
def test_layer_does_not_import_qt_or_the_gui(layer: str) -> None:
    for path in (PACKAGE / layer).rglob("*.py"):
        bad = {m for m in imported_modules(path) if m.startswith(("PySide6", "shiboken6", "emulation_desk.ui"))}
        assert not bad, f"{path.relative_to(PACKAGE)} imports {sorted(bad)}"


def test_core_imports_nothing_of_the_project_but_itself() -> None:
    for path in (PACKAGE / "core").rglob("*.py"):
        project = {m for m in imported_modules(path) if m.startswith("emulation_desk.")}
        allowed = {m for m in project if m.startswith(("emulation_desk.core", "emulation_desk.resources",
                                                       "emulation_desk.errors"))}
        assert project == allowed, f"{path.name} imports {sorted(project - allowed)}"


def test_documents_only_render() -> None:
    """documents/ turns data into PDF or Word: it neither gathers data from a workspace nor writes or audits
    files (the services and the export registry do)."""
    for path in (PACKAGE / "documents").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        modules = imported_modules(path)
        assert "emulation_desk.services.workspace" not in modules, path.name
        assert "record_export" not in text and ".log(" not in text, path.name
