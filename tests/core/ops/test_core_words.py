"""The core's messages are for every front end: no command-line commands in them.

A message of the core is shown by the command line and by the window; "run `briefer
restore`" would be wrong in the window. The action is each front end's to phrase from the
error's ``reason``. This reads every string of ``briefer/core`` that is not a docstring
or a comment and looks for command lines and option names.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import briefer.core

CORE = Path(briefer.core.__file__).parent
COMMANDS = ("add", "list", "show", "remove", "meta", "reindex", "info", "search", "find",
            "clip", "clips", "brief", "ocr", "backup", "restore")
COMMAND_LINE = re.compile(r"`briefer\b|\bbriefer (%s)\b|--(password|library|yes|lang|list)(?![\w-])"
                          % "|".join(COMMANDS))
SQL = re.compile(r"\b(SELECT|UPDATE|INSERT|DELETE)\b")  # a migration may match old words


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def command_lines_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in skip and COMMAND_LINE.search(node.value) \
                and not SQL.search(node.value):
            where = path.relative_to(CORE) if path.is_relative_to(CORE) else path.name
            found.append(f"{where}:{node.lineno}: {node.value[:70]!r}")
    return found


def test_core_messages_name_no_commands():
    found = [hit for p in sorted(CORE.rglob("*.py")) for hit in command_lines_in(p)]
    assert not found, "core strings that name commands:\n" + "\n".join(found)


def test_the_check_finds_a_command_in_a_message(tmp_path):
    bad = tmp_path / "probe.py"
    bad.write_text('"""Docstrings may say `briefer restore`."""\n'
                   'def f():\n'
                   '    run(["tesseract", "--list-langs"])\n'
                   '    raise ValueError("the catalog is damaged: run `briefer restore`")\n',
                   encoding="utf-8")
    hits = command_lines_in(bad)
    assert len(hits) == 1 and hits[0].startswith("probe.py:4:")
