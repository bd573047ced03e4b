"""The command line is a front end: it parses, prints and phrases, nothing more.

Policy, SQL and the core's private names belong to ``briefer.core`` (the operations layer
in ``briefer/core/ops``); a window must be able to do everything the command line does
without copying code out of ``briefer/cli/``. These checks read the source of every
command-line module (and of ``briefer/entry.py``, which chooses between the command line
and the window).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import briefer

PACKAGE = Path(briefer.__file__).parent
CLI_MODULES = sorted((PACKAGE / "cli").glob("*.py")) + [PACKAGE / "entry.py"]
# The operations layer decides, the stores below it (catalog, briefs, OCR) hold the SQL.
OPS_MODULES = sorted((Path(briefer.__file__).parent / "core" / "ops").glob("*.py"))
SQL = re.compile(r"\b(SELECT\s+[\w*(]|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|"
                 r"DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|PRAGMA\s+\w+)", re.IGNORECASE)


def _ids(paths: list[Path]) -> list[str]:
    return [f"{p.parent.name}/{p.name}" for p in paths]


def test_there_are_command_line_modules():
    names = {p.name for p in CLI_MODULES}
    assert {"__init__.py", "search.py", "ocr.py", "backup.py", "entry.py"} <= names
    assert not list(PACKAGE.glob("cli*.py"))  # the command line is one package, briefer/cli/


def _window_imports(tree: ast.Module) -> list[str]:
    """Lines importing the window or Qt, anywhere in the module (inside functions too)."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [f"{node.module}.{a.name}" for a in node.names]  # from briefer import ui
        else:
            continue
        for name in names:
            if name.split(".")[0] == "PySide6" or name == "briefer.ui" \
                    or name.startswith("briefer.ui."):
                out.append(f"line {node.lineno}: imports {name}")
    return out


@pytest.mark.parametrize("path", [p for p in CLI_MODULES if p.name != "entry.py"],
                         ids=_ids([p for p in CLI_MODULES if p.name != "entry.py"]))
def test_no_window_imports(path: Path):
    """Only briefer/entry.py opens the window; the command line never imports it."""
    problems = _window_imports(ast.parse(path.read_text(encoding="utf-8")))
    assert not problems, f"{path.name} imports the window:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", CLI_MODULES + OPS_MODULES, ids=_ids(CLI_MODULES + OPS_MODULES))
def test_no_sql(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = []
    docs = {id(n.value) for n in ast.walk(tree)  # words about SQL are not SQL
            if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    for node in ast.walk(tree):
        if id(node) in docs:
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            if any(n.split(".")[0] == "sqlite3" for n in names):
                problems.append(f"line {node.lineno}: imports sqlite3")
        elif isinstance(node, ast.Attribute) and node.attr in ("execute", "executemany",
                                                               "executescript"):
            problems.append(f"line {node.lineno}: calls .{node.attr}()")
        elif isinstance(node, ast.Name) and node.id == "sqlite3":
            problems.append(f"line {node.lineno}: uses sqlite3")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and SQL.search(node.value):
            problems.append(f"line {node.lineno}: SQL {node.value[:60]!r}")
    assert not problems, f"{path.name} holds SQL:\n" + "\n".join(problems)


def _core_aliases(tree: ast.Module) -> set[str]:
    """Names bound in the module to core modules or core objects."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("briefer.core"):
            out |= {a.asname or a.name for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.asname or a.name.split(".")[0] for a in node.names
                    if a.name.startswith("briefer.core")}
    return out


@pytest.mark.parametrize("path", CLI_MODULES, ids=_ids(CLI_MODULES))
def test_no_private_core_names(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = []
    core = _core_aliases(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("briefer.core"):
            for a in node.names:
                if a.name.startswith("_"):
                    problems.append(f"line {node.lineno}: imports {a.name} from {node.module}")
            if any(part.startswith("_") for part in (node.module or "").split(".")):
                problems.append(f"line {node.lineno}: imports the private module {node.module}")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_") \
                and not (node.attr.startswith("__") and node.attr.endswith("__")):
            # x._name on anything but the command line's own objects (``self``): a core
            # object (a session, a library, a command) or a core module.
            base = node.value
            owner = base.id if isinstance(base, ast.Name) else ast.unparse(base)
            if owner == "self":
                continue
            problems.append(f"line {node.lineno}: uses {owner}.{node.attr}"
                            + (" (a core module)" if owner in core else ""))
    assert not problems, f"{path.name} uses private core names:\n" + "\n".join(problems)


def test_the_checks_find_what_they_look_for(tmp_path: Path):
    """The checks above are not vacuous: a module with SQL and private names fails them."""
    bad = tmp_path / "cli_bad.py"
    bad.write_text(
        "import sqlite3\n"
        "from briefer.core.library import _Lock\n"
        "def f(lib):\n"
        "    lib.catalog.execute('SELECT id FROM documents')\n"
        "    lib._require_writable()\n"
        "    from briefer.ui.app import run\n", encoding="utf-8")
    with pytest.raises(AssertionError) as sql:
        test_no_sql(bad)
    assert "sqlite3" in str(sql.value) and ".execute()" in str(sql.value) \
        and "SELECT" in str(sql.value)
    with pytest.raises(AssertionError) as private:
        test_no_private_core_names(bad)
    assert "_Lock" in str(private.value) and "_require_writable" in str(private.value)
    with pytest.raises(AssertionError) as window:
        test_no_window_imports(bad)
    assert "briefer.ui.app" in str(window.value)
