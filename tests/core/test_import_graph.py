"""No import cycles among Briefer's modules, counting imports inside functions too (a
lazy import hides a cycle from Python but not from a reader): the rooms form layers.

The graph is read from the source with ``ast``; every module is also imported once, so a
module that cannot be imported on its own fails here first.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "briefer"


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node except those under ``if TYPE_CHECKING:`` (imports for type checkers only,
    never run)."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                todo.extend(child.orelse)
                continue
            todo.append(child)


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The Briefer modules ``name`` imports at run time (``from pkg import mod`` counts as
    ``pkg.mod`` when that is a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    out: set[str] = set()
    for node in runtime_nodes(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[:len(base) - node.level + (1 if is_pkg else 0)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            targets = [f"{mod}.{a.name}" if f"{mod}.{a.name}" in known else mod
                       for a in node.names]
        else:
            continue
        for t in targets:
            while t and t not in known:  # "briefer.core.index.index.SearchIndex" -> module
                t = t.rpartition(".")[0]
            if t and t != name and t.startswith("briefer"):
                out.add(t)
    return out


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
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

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    # a package's __init__ importing its own modules is not a cycle of rooms
    return {n: {t for t in imports_of(n, p, known) if not n or not t.startswith(n + ".")}
            for n, p in mods.items()}


def test_type_checking_imports_do_not_count():
    src = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import briefer.b\n" \
          "def f():\n    import briefer.c\n"
    tree = ast.parse(src)
    names = {a.name for n in runtime_nodes(tree) if isinstance(n, ast.Import) for a in n.names}
    assert names == {"briefer.c"}


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_itself_back():
    cycles = find_cycles(graph())
    assert cycles == [], "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


CORE = [n for n in modules() if n.startswith("briefer.core")]


@pytest.mark.parametrize("name", CORE)
def test_every_core_module_imports_on_its_own(name):
    importlib.import_module(name)


def room_graph() -> dict[str, set[str]]:
    """The core's rooms (the folders and top modules of ``briefer/core``) and the other
    rooms each one imports: a loop of rooms is a loop even when no two files form one."""
    out: dict[str, set[str]] = {}
    for name, targets in graph().items():
        parts = name.split(".")
        if parts[:2] != ["briefer", "core"] or len(parts) < 3:
            continue
        for t in targets:
            other = t.split(".")
            if other[:2] == ["briefer", "core"] and len(other) >= 3 and other[2] != parts[2]:
                out.setdefault(parts[2], set()).add(other[2])
    return out


def test_no_core_room_imports_itself_back():
    """Folder level (what ``../shared/tools/room_cycles.py`` prints); the declared order
    that rules these loops out is checked in ``test_room_order.py``."""
    cycles = find_cycles(room_graph())
    assert cycles == [], "rooms in a loop: " + "; ".join(" <-> ".join(c) for c in cycles)
