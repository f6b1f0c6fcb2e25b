"""No import cycles among crmselect's modules.

Every ``import``/``from … import`` counts, at module level or inside a function (a deferred
import hides a cycle, it does not remove it), except those under ``if TYPE_CHECKING:``, which
never run. ``from pkg import name`` is an import of ``pkg.name`` when that is a module (plus
``pkg`` itself unless it is an ancestor of the importer, which Python imports first anyway),
else of ``pkg``, whose code defines ``name``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import crmselect

PACKAGE_DIR = Path(crmselect.__file__).resolve().parent


def module_files(root: Path) -> dict[str, Path]:
    """``crmselect.a.b`` → its file, for every module under ``root`` (the crmselect package)."""
    modules = {}
    for file in sorted(root.rglob("*.py")):
        parts = (root.name, *file.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = file
    return modules


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:  # the ``else`` of TYPE_CHECKING does run
                visit(child)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Each module → the crmselect modules it imports."""
    graph: dict[str, set[str]] = {}
    for name, file in modules.items():
        package = name if file.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in _imports(ast.parse(file.read_text(encoding="utf-8"), str(file))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
                continue
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in modules:  # ``from pkg import module``: the module
                    targets.add(submodule)
                    # pkg runs too, unless it is an ancestor (always imported first)
                    if not name.startswith(base + "."):
                        targets.add(base)
                else:  # a name that pkg's own code defines
                    targets.add(base)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                connect(w)
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
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return sorted(found)


def test_no_import_cycles_among_crmselect_modules() -> None:
    assert cycles(import_graph(module_files(PACKAGE_DIR))) == []


def test_a_function_level_import_is_a_cycle_too(tmp_path: Path) -> None:
    pkg = tmp_path / "crmselect"
    (pkg / "db").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "db" / "__init__.py").write_text("")
    (pkg / "db" / "engine.py").write_text(
        "def migrate():\n    from crmselect.db.migrate import upgrade\n    upgrade()\n")
    (pkg / "db" / "migrate.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .engine import X\n")
    graph = import_graph(module_files(pkg))
    assert cycles(graph) == []  # a TYPE_CHECKING import never runs
    (pkg / "db" / "migrate.py").write_text("from . import engine\n")
    assert cycles(import_graph(module_files(pkg))) == [["crmselect.db.engine",
                                                         "crmselect.db.migrate"]]
