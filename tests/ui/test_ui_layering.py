"""The window only presents the core: no SQL and no private core names in briefer/ui, and
the core never imports Qt widgets."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import briefer

PACKAGE = Path(briefer.__file__).resolve().parent
SQL = re.compile(r"\b(SELECT\s+[\w*]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b")


def _modules(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py"))


def test_ui_holds_no_sql():
    for path in _modules(PACKAGE / "ui"):
        text = path.read_text(encoding="utf-8")
        assert ".execute(" not in text and "sqlite3" not in text, path
        assert not SQL.search(text), path


def test_ui_uses_no_private_core_names():
    for path in _modules(PACKAGE / "ui"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("briefer.core"):
                for alias in node.names:
                    assert not alias.name.startswith("_"), f"{path}: {node.module}.{alias.name}"
                assert not any(part.startswith("_") for part in node.module.split(".")), path


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_imports_no_qt_widgets():
    pdfium = PACKAGE / "core" / "files" / "pdfium.py"  # the one module that uses QtPdf
    for path in _modules(PACKAGE / "core"):
        qt = {n for n in _imported(path) if n.startswith("PySide6")}
        assert "PySide6.QtWidgets" not in qt, path
        if path != pdfium:
            assert not qt, path
