"""The shape of the package: no import cycles, no function longer than a screen.

Both are read from the source with `ast`, so they need neither a model nor an import.
Every import counts, also one inside a function or under ``TYPE_CHECKING``: a cycle there
still ties two modules together, and breaks the day the import moves to the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "graphbuild"
MAX_FUNCTION_LINES = 80
"""Lines of a function's code (its docstring not counted): about a screen."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def _imports(module: str, path: Path) -> set[str]:
    """The graphbuild modules `module` imports, anywhere in its source."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, path, node)
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target.startswith("graphbuild"):
                found.add(target)
                # importing a.b.c runs the package a.b first (the root package aside)
                parent = target.rpartition(".")[0]
                while parent.count(".") >= 1:
                    found.add(parent)
                    parent = parent.rpartition(".")[0]
    # A module's own packages are imported before it anyway, and their __init__ importing
    # their modules is what a package does: those edges are no cycle.
    ancestors = {module.rsplit(".", n)[0] for n in range(1, module.count(".") + 1)}
    return found - ancestors - {module}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of `graph`, as a path of module names, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return path[path.index(target) :] + [target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_inside_the_package():
    # The root package re-exports the API, so every module reaches it; it is left out.
    graph = {
        module: _imports(module, path) - {"graphbuild"}
        for module, path in MODULES.items()
        if module != "graphbuild"
    }
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_no_engine_imports_the_pipeline():
    engines = [m for m in MODULES if m.startswith("graphbuild.engines")]
    assert engines
    for module in engines:
        assert "graphbuild.pipeline" not in _imports(module, MODULES[module]), module


def _code_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    lines = node.end_lineno - node.lineno + 1  # type: ignore[operator]
    first = node.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
        if isinstance(first.value.value, str):
            lines -= first.end_lineno - first.lineno + 1  # type: ignore[operator]
    return lines


def long_functions() -> list[tuple[int, str]]:
    """``(lines, "module:function")`` of every function, longest first."""
    found = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.append((_code_lines(node), f"{module}:{node.name}"))
    return sorted(found, reverse=True)


def test_no_function_is_longer_than_a_screen():
    too_long = [(n, name) for n, name in long_functions() if n > MAX_FUNCTION_LINES]
    assert not too_long, too_long


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_says_what_it_is(module):
    tree = ast.parse(MODULES[module].read_text("utf-8"))
    if MODULES[module].name == "__init__.py" and not tree.body:
        pytest.skip("an empty package marker")
    assert ast.get_docstring(tree), f"{module} has no opening docstring"
