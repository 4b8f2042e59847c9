"""The package's shape, checked: no import cycle, no module over 400 lines, no class
over 150 lines.

    python tests/layout.py          # prints each problem; exit 1 if there is one

Imports are read from the source (ast), at any depth (a function's lazy import is
still a dependency), except those under ``if TYPE_CHECKING:``.  ``tests/test_layout.py``
runs this on ``reecal/`` and proves it catches each problem.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

MAX_MODULE_LINES = 400
MAX_CLASS_LINES = 150


def modules(root: Path) -> dict[str, Path]:
    """Dotted name → file, for every module of the package at *root*."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"))


def _imports(tree: ast.AST, here: str, is_package: bool) -> Iterator[str]:
    """Every module name imported in *tree*, skipping ``if TYPE_CHECKING:`` blocks."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if _type_checking(node):
            continue
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = here.split(".")
                package = package if is_package else package[:-1]
                package = package[:len(package) - node.level + 1]
                base = ".".join([*package, base] if base else package)
            yield base
            yield from (f"{base}.{a.name}" for a in node.names)
        stack.extend(ast.iter_child_nodes(node))


def graph(root: Path) -> dict[str, set[str]]:
    """Module → the package's modules it imports."""
    mods = modules(root)
    edges: dict[str, set[str]] = {}
    for name, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = set(_imports(tree, name, path.name == "__init__.py")) & set(mods)
        edges[name] = found - {name}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def problems(root: Path) -> list[str]:
    """Everything wrong with the shape of the package at *root*, one line each."""
    found = [f"import cycle: {' -> '.join(group)}" for group in cycles(graph(root))]
    for name, path in modules(root).items():
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > MAX_MODULE_LINES:
            found.append(f"{path}: {lines} lines (at most {MAX_MODULE_LINES}): split it")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef) and node.end_lineno is not None:
                size = node.end_lineno - node.lineno + 1
                if size > MAX_CLASS_LINES:
                    found.append(f"{path}:{node.lineno}: class {node.name} in {name} is "
                                 f"{size} lines (at most {MAX_CLASS_LINES})")
    return found


def main() -> int:
    root = Path(__file__).resolve().parent.parent / "reecal"
    found = problems(root)
    for line in found:
        print(line)
    if not found:
        print(f"{root}: {len(modules(root))} modules, no cycle, none too long")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
