"""Every window action is one ops function (issue 19): no function in briefer/ui calls two
of the ops layer's edits (functions returning an undoable command) — an action needing
several steps has one ops function returning the core's composite command — and the
window neither builds core commands nor assembles undo macros of its own."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import briefer
from briefer.core.briefs.commands import Command
from briefer.core.ops import briefs as ops_briefs
from briefer.core.ops import clips as ops_clips

UI = Path(briefer.__file__).resolve().parent / "ui"


def _edits() -> set[str]:
    """The ops functions that perform an edit and return its command."""
    names = set()
    for module in (ops_briefs, ops_clips):
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            ret = fn.__annotations__.get("return")
            cls = getattr(module, ret, None) if isinstance(ret, str) else ret
            if inspect.isclass(cls) and issubclass(cls, Command):
                names.add(name)
    return names


def _ops_names(tree: ast.AST) -> tuple[set[str], set[str]]:
    """The names a module binds to ops modules (``ops_briefs``) and to ops functions."""
    modules, functions = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("briefer.core"):
            for a in node.names:
                if node.module == "briefer.core.ops":
                    modules.add(a.asname or a.name)
                elif node.module.startswith("briefer.core.ops."):
                    functions.add(a.asname or a.name)
        elif isinstance(node, ast.Import):
            modules.update(a.asname or a.name for a in node.names
                           if a.name.startswith("briefer.core.ops"))
    return modules, functions


class _Paths:
    """The most ops edits one run of a function can call: branches of an ``if`` are
    alternatives, and an ``if`` whose body returns ends that path."""

    def __init__(self, edits: set[str], modules: set[str], functions: set[str]) -> None:
        self.edits, self.modules, self.functions = edits, modules, functions

    def calls(self, node: ast.AST) -> int:
        n = 0
        for sub in ast.walk(node):
            if isinstance(sub, ast.Attribute) and sub.attr in self.edits \
                    and isinstance(sub.value, ast.Name) and sub.value.id in self.modules:
                n += 1
            elif isinstance(sub, ast.Name) and sub.id in self.edits \
                    and sub.id in self.functions:
                n += 1
        return n

    def seq(self, stmts: list[ast.stmt]) -> int:
        total = 0
        for i, st in enumerate(stmts):
            if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue  # counted as functions of their own
            if isinstance(st, ast.If):
                test = self.calls(st.test)
                if st.body and isinstance(st.body[-1], (ast.Return, ast.Raise)) \
                        and not st.orelse:
                    return total + test + max(self.seq(st.body), self.seq(stmts[i + 1:]))
                total += test + max(self.seq(st.body), self.seq(st.orelse))
            elif isinstance(st, ast.Try):
                total += self.seq(st.body) + self.seq(st.orelse) + self.seq(st.finalbody) \
                    + max([self.seq(h.body) for h in st.handlers] or [0])
            elif isinstance(st, (ast.For, ast.While, ast.With)):
                head = st.iter if isinstance(st, ast.For) else (
                    st.test if isinstance(st, ast.While) else None)
                total += (self.calls(head) if head is not None else 0) \
                    + self.seq(st.body) + self.seq(getattr(st, "orelse", []))
            else:
                total += self.calls(st)
        return total


def _functions(tree: ast.AST) -> list[ast.AST]:
    return [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def test_the_edits_are_known() -> None:
    edits = _edits()
    assert {"create_brief", "add_section", "quote_into_brief", "quote_selection",
            "quote_search_hit", "edit_clip"} <= edits


def _runs_two(source: str, edits: set[str]) -> list[str]:
    tree = ast.parse(source)
    paths = _Paths(edits, *_ops_names(tree))
    return [f"{func.lineno} {func.name}" for func in _functions(tree)
            if paths.seq(func.body) > 1]


def test_no_window_function_runs_two_ops_edits() -> None:
    edits = _edits()
    found = [f"{path.relative_to(UI)}:{where}" for path in sorted(UI.rglob("*.py"))
             for where in _runs_two(path.read_text(encoding="utf-8"), edits)]
    assert not found, "one window action, several ops edits (make it one ops function):\n" \
        + "\n".join(found)


def test_the_check_sees_a_window_made_sequence() -> None:
    """What the panel did before issue 19: a brief, a section, then the quote."""
    before = """
from briefer.core.ops import briefs as ops_briefs
def quote(self, sel):
    if self._brief is None:
        cmd = self._do(ops_briefs.create_brief, "Untitled brief")
    if section_id is None:
        cmd = self._do(ops_briefs.add_section, brief_id, "Quotes")
    return self._do(ops_briefs.quote_into_brief, brief_id, section_id)
def choose(self, kind):
    if kind == "section":
        return self.run_edit("Remove", ops_briefs.remove_section, 1, 2)
    self.run_edit("Remove", ops_briefs.remove_item, 1, 2)
"""
    assert _runs_two(before, _edits()) == ["3 quote"]


def test_window_builds_no_core_commands_or_undo_macros() -> None:
    for path in sorted(UI.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "beginMacro" not in text, path
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert node.module != "briefer.core.briefs.commands", path
