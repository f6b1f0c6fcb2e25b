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


# --- layers: text and the reader's language live at the edge (issue 12, point 1) -------------

#: The edge: the only packages that turn a message into words or find out a language.
EDGE = ("crmselect.cli", "crmselect.webapp", "crmselect.documents", "crmselect.i18n",
        "crmselect.__main__")
#: Where a process finds the language of the moment.
LANGUAGE_SOURCES = ("CRMSELECT_LANG", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")


def is_edge(module: str) -> bool:
    return any(module == e or module.startswith(e + ".") for e in EDGE)


def language_lookups(tree: ast.AST) -> list[str]:
    """What in a module's code reads the language of the moment: an environment variable that
    names it, the ``locale`` module (getlocale & co.), the edge's language resolver."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and node.value in LANGUAGE_SOURCES:
            found.append(f"line {node.lineno}: {node.value!r}")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [a.name for a in node.names]
            found += [f"line {node.lineno}: import {n}" for n in names
                      if n == "locale" or n.startswith("locale.")]
        elif isinstance(node, ast.Attribute) and node.attr in ("getlocale", "getdefaultlocale",
                                                                 "setlocale"):
            found.append(f"line {node.lineno}: {node.attr}")
    return found


def edge_imports(graph: dict[str, set[str]]) -> dict[str, list[str]]:
    """Each core module (everything outside :data:`EDGE`, the package itself included) → the
    edge modules it imports, at module level or in a function."""
    found = {name: sorted(t for t in targets if is_edge(t))
             for name, targets in graph.items() if not is_edge(name)}
    return {name: targets for name, targets in found.items() if targets}


def test_no_core_module_imports_the_message_catalog() -> None:
    """The core (model, loading, scoring, reporting contexts, the readers, the package's own
    __init__) returns codes with parameters; only the edge imports crmselect.i18n."""
    graph = import_graph(module_files(PACKAGE_DIR))
    catalog = {name: [t for t in targets if t.startswith("crmselect.i18n")]
               for name, targets in edge_imports(graph).items()}
    assert {name: targets for name, targets in catalog.items() if targets} == {}
    assert edge_imports({"crmselect": graph["crmselect"]}) == {}  # __init__: no edge at all


def test_no_core_module_reads_the_language_of_the_moment() -> None:
    found = {}
    for name, file in module_files(PACKAGE_DIR).items():
        if not is_edge(name):
            lookups = language_lookups(ast.parse(file.read_text(encoding="utf-8"), str(file)))
            if lookups:
                found[name] = lookups
    assert found == {}


def test_the_layer_checks_catch_a_core_module_that_renders(tmp_path: Path) -> None:
    pkg = tmp_path / "crmselect"
    (pkg / "i18n").mkdir(parents=True)
    (pkg / "i18n" / "__init__.py").write_text("")
    (pkg / "i18n" / "language.py").write_text("import os\nLANG = os.environ.get('LANG')\n")
    (pkg / "__init__.py").write_text("import crmselect.i18n as _i18n\n")
    (pkg / "summary.py").write_text(
        "def f():\n    from crmselect.i18n.language import LANG\n    return LANG\n")
    (pkg / "kpi.py").write_text("")
    graph = import_graph(module_files(pkg))
    assert edge_imports(graph) == {"crmselect": ["crmselect.i18n"],
                                   "crmselect.summary": ["crmselect.i18n.language"]}
    assert language_lookups(ast.parse(
        "import os, locale\nlang = os.getenv('CRMSELECT_LANG') or locale.getlocale()[0]\n")) == [
        "line 1: import locale", "line 2: 'CRMSELECT_LANG'", "line 2: getlocale"]
    assert language_lookups(ast.parse("cache = os.environ.get('XDG_CACHE_HOME')\n")) == []


def test_the_core_runs_without_the_edge() -> None:
    """Loading, scoring and building a report's context load no edge module: nothing in the
    core renders a message or installs a renderer."""
    import subprocess
    import sys

    basic = Path(__file__).parent / "data" / "scoring" / "basic"
    code = (
        "import sys\n"
        "from crmselect.project import load_project\n"
        "from crmselect.scoring import evaluate_project\n"
        "from crmselect.summary import project_summary\n"
        "from crmselect.reporting.comparison_context import build_comparison_context\n"
        f"lp = load_project({str(basic)!r})\n"
        "ev = evaluate_project(lp, monte_carlo_samples=20)\n"
        "project_summary(lp, 'tr'); build_comparison_context(lp, ev, 'tr'); ev.to_dict()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('crmselect.i18n', 'crmselect.cli',"
        " 'crmselect.documents', 'crmselect.webapp'))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


# --- layers point one way: no core module needs the documents, the CLI, the web app or i18n ---

#: What alembic runs as scripts (``env.py`` needs alembic's context); no Python code imports them.
NOT_IMPORTED = ("crmselect.evaluationdb.migrations",)


def core_modules() -> list[str]:
    """Every module outside :data:`EDGE`: model, loading, the readers, scoring, reporting
    contexts, the evaluation database, the layout and strings modules below the documents."""
    return [name for name in module_files(PACKAGE_DIR) if not is_edge(name)
            and not any(name == n or name.startswith(n + ".") for n in NOT_IMPORTED)]


def test_no_core_module_imports_the_edge() -> None:
    """The input readers (the response workbook's import, the scoring sheet's) take the
    workbooks' layout from :mod:`crmselect.workbooklayout` and
    :mod:`crmselect.scoringsheetlayout` and their labels from :mod:`crmselect.documentstrings`,
    not from :mod:`crmselect.documents`; nothing else in the core imports an edge module."""
    assert edge_imports(import_graph(module_files(PACKAGE_DIR))) == {}


def test_the_layer_check_sees_a_reader_that_imports_the_documents(tmp_path: Path) -> None:
    pkg = tmp_path / "crmselect"
    (pkg / "documents").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "documents" / "__init__.py").write_text("")
    (pkg / "documents" / "workbook.py").write_text("FORMAT_VERSION = 3\n")
    (pkg / "documentstrings.py").write_text("")  # a name that starts alike is no edge
    (pkg / "responseimport.py").write_text(
        "from crmselect.documents import workbook as layout\nimport crmselect.documentstrings\n")
    assert edge_imports(import_graph(module_files(pkg))) == {
        "crmselect.responseimport": ["crmselect.documents", "crmselect.documents.workbook"]}


def test_no_core_module_brings_in_the_edge_when_imported() -> None:
    """Importing every core module at once loads no edge module, through any chain of imports
    (what a module imports at its top, as Python runs it, not as the source reads)."""
    import subprocess
    import sys

    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        f"edge = {EDGE!r}\n"
        "print(sorted(m for m in sys.modules if m.startswith('crmselect')\n"
        "             and any(m == e or m.startswith(e + '.') for e in edge)))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
    assert {"crmselect.responseimport", "crmselect.scoringsheetreader", "crmselect.scoresio",
            "crmselect.scoresreader", "crmselect.evaluationdb.scoresfile"} <= set(core_modules())
