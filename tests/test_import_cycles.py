"""No module of the package imports itself in a circle through module-level imports.

Reads every module's top-level imports with ``ast`` (imports inside functions and under ``if TYPE_CHECKING:``
are deliberate late imports and are left out) and looks for a cycle in the graph they form. ``from a import b``
counts as an import of ``a.b`` when ``a/b`` is a module, otherwise of ``a`` (it needs a name ``a`` defines).
The packages above a module (``a`` for ``a.b``) are not counted: Python always starts them before their
children, so a child never waits for them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "emulation_desk"
ROOT = Path(__file__).resolve().parents[1] / PACKAGE


def module_files() -> dict[str, Path]:
    modules = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _top_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Imports run when the module is first imported: the module body, and the bodies of its top-level
    ``if``/``try``/``with`` blocks (except ``if TYPE_CHECKING:``), never function or class bodies."""
    found: list[ast.Import | ast.ImportFrom] = []

    def walk(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                found.append(node)
            elif isinstance(node, ast.If):
                if not _is_type_checking(node.test):
                    walk(node.body)
                walk(node.orelse)
            elif isinstance(node, ast.Try):
                walk(node.body)
                for handler in node.handlers:
                    walk(handler.body)
                walk(node.orelse)
                walk(node.finalbody)
            elif isinstance(node, ast.With):
                walk(node.body)

    walk(tree.body)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = module_files()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        package = name if is_package else name.rpartition(".")[0]
        edges: set[str] = set()
        for node in _top_level_imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                edges.update(alias.name for alias in node.names if alias.name in modules)
                continue
            if node.level:
                base_parts = package.split(".")
                if node.level > 1:
                    base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                if sub in modules:  # `from a import b` of a submodule imports a.b
                    edges.add(sub)
                elif base in modules:  # a name defined in a
                    edges.add(base)
        edges.discard(name)
        graph[name] = edges
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each as one cycle through it."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return [_one_cycle(graph, set(c)) for c in components]


def _one_cycle(graph: dict[str, set[str]], component: set[str]) -> list[str]:
    """A shortest circle through the first module of a strongly connected component."""
    start = min(component)
    paths = {start: [start]}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(graph[v] & component):
            if w == start:
                return paths[v] + [start]
            if w not in paths:
                paths[w] = paths[v] + [w]
                queue.append(w)
    return sorted(component)


def test_no_module_imports_in_a_circle() -> None:
    cycles = find_cycles(import_graph())
    assert not cycles, "modules import each other in a circle (move one import into the function that needs " \
        "it, or move the shared piece down a layer):\n" + "\n".join(" → ".join(c) for c in cycles)


def test_the_check_sees_a_circle_and_counts_submodule_imports() -> None:
    graph = {"p": set(), "p.a": {"p.b"}, "p.b": {"p.c"}, "p.c": {"p.a"}, "p.d": {"p.a"}}
    assert find_cycles(graph) == [["p.a", "p.b", "p.c", "p.a"]]
    source = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "from emulation_desk import ui\n"
        "if TYPE_CHECKING:\n    from emulation_desk.cli import main\n"
        "try:\n    import emulation_desk.core.text\nexcept ImportError:\n    pass\n"
        "def f():\n    from emulation_desk.services import demo\n")
    names = [(n.module if isinstance(n, ast.ImportFrom) else n.names[0].name) for n in _top_level_imports(source)]
    assert names == ["typing", "emulation_desk", "emulation_desk.core.text"]
    graph = import_graph()
    # storage/store.py: `from emulation_desk.storage import deferred` (a submodule, not a name of storage/)
    assert "emulation_desk.storage.deferred" in graph["emulation_desk.storage.store"]
    # ui/app.py: `from emulation_desk import APP_NAME, ...` (names of the package itself)
    assert "emulation_desk" in graph["emulation_desk.ui.app"]


@pytest.mark.parametrize("module", ["emulation_desk.ui.app", "emulation_desk.cli", "emulation_desk.storage.db"])
def test_the_graph_knows_the_package(module: str) -> None:
    graph = import_graph()
    assert graph.get(module), f"{module} has no imports in the graph: the walk is broken"
