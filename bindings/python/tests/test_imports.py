"""No import circle in the package: a module that imports another, at its top or inside a function, must not be
imported back by it, directly or through others (a circle works only by the order modules happen to load in)."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, List, Optional, Set

from conftest import PACKAGE_ROOT

PACKAGE = "deepseek_ocr"
SOURCE = PACKAGE_ROOT / "src" / PACKAGE


def module_name(path: Path, source: Path = SOURCE) -> str:
    parts = path.relative_to(source.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: Set[str], source: Path = SOURCE) -> Set[str]:
    """The package's modules that path imports anywhere in it: at module level, under `if TYPE_CHECKING:`, or inside
    a function. `from . import x` imports the module x if there is one, else a name of the package itself."""
    name = module_name(path, source)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: Set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == PACKAGE)
        elif isinstance(node, ast.ImportFrom):
            base = resolve(package, node.level, node.module)
            if base is None or base.split(".")[0] != PACKAGE:
                continue
            submodules = {f"{base}.{alias.name}" for alias in node.names} & modules
            found.update(submodules or {base})
    return {module for module in found if module in modules and module != name}


def resolve(package: str, level: int, module: Optional[str]) -> Optional[str]:
    if level == 0:
        return module
    parts = package.split(".")
    if level - 1 > len(parts) - 1:
        return None
    base = ".".join(parts[: len(parts) - (level - 1)])
    return f"{base}.{module}" if module else base


def find_cycle(graph: Dict[str, Set[str]]) -> Optional[List[str]]:
    """One circle of the graph as the modules along it, first repeated at the end; None if there is none."""
    state: Dict[str, str] = {}  # "open" while on the current path, "done" once every path from it is explored
    path: List[str] = []

    def visit(node: str) -> Optional[List[str]]:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return path[path.index(target):] + [target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        path.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def package_graph() -> Dict[str, Set[str]]:
    paths = sorted(SOURCE.rglob("*.py"))
    modules = {module_name(path) for path in paths}
    return {module_name(path): imports_of(path, modules) for path in paths}


def test_the_package_has_no_import_circle():
    cycle = find_cycle(package_graph())

    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_the_graph_sees_imports_inside_functions_and_type_checking_blocks():
    graph = package_graph()

    assert f"{PACKAGE}._base_client" in graph[f"{PACKAGE}._client"]  # a module-level import
    assert f"{PACKAGE}" in graph[f"{PACKAGE}._cli"]  # `from . import __version__` inside main()


def test_a_circle_is_found_and_named():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}

    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_an_import_inside_a_function_or_for_type_checking_makes_an_edge(tmp_path):
    source = tmp_path / PACKAGE
    source.mkdir()
    module = source / "_x.py"
    module.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ._y import Y\n"
                      "def f():\n    from . import _z\n", encoding="utf-8")

    edges = imports_of(module, {f"{PACKAGE}._x", f"{PACKAGE}._y", f"{PACKAGE}._z"}, source)

    assert edges == {f"{PACKAGE}._y", f"{PACKAGE}._z"}
