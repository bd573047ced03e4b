"""The core's rooms keep their declared order (``briefer/core/rooms.py``): no module imports
a room above its own, imports inside functions included.

The imports are read from the source with ``ast``, so a lazy import inside a function
counts as much as one at the top; only imports under ``if TYPE_CHECKING:`` (for type
checkers, never run) are exempt.
"""

from __future__ import annotations

import ast
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Sequence

from briefer.core.rooms import ORDER
from tests.core.test_import_graph import runtime_nodes

ROOT = Path(__file__).resolve().parents[2]
DECLARATION = "rooms"  # briefer/core/rooms.py declares the order and imports nothing


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _room(module: str) -> str | None:
    parts = module.split(".")
    if parts[:2] != ["briefer", "core"] or len(parts) < 3:
        return None
    return parts[2]


def _targets(module: str, is_package: bool, node: ast.AST) -> list[str]:
    """The modules (or module.name) an import statement names, relative ones resolved."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        base = module.split(".")
        base = base[:len(base) - node.level + (1 if is_package else 0)]
        mod = ".".join(base + ([node.module] if node.module else []))
    else:
        mod = node.module or ""
    if mod in ("briefer", "briefer.core"):  # "from briefer.core import paths"
        return [f"{mod}.{a.name}" for a in node.names]
    return [mod]


def core_rooms(root: Path) -> set[str]:
    """The rooms present in ``root``/briefer/core: its packages and top modules."""
    core = root / "briefer" / "core"
    out = {p.name for p in core.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    out |= {p.stem for p in core.glob("*.py") if p.stem != "__init__"}
    return out - {DECLARATION}


def upward_imports(root: Path, order: Sequence[str]) -> list[str]:
    """Every import in ``root``/briefer/core of a room above the importing module's own,
    as ``"path:line (room) imports target (room)"``."""
    rank = {room: i for i, room in enumerate(order)}
    out = []
    for path in sorted((root / "briefer" / "core").rglob("*.py")):
        module = _module_name(root, path)
        own = _room(module)
        if own is None or own == DECLARATION:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in runtime_nodes(tree):
            for target in _targets(module, path.name == "__init__.py", node):
                other = _room(target)
                if other is None or other == own:
                    continue
                if rank.get(other, len(order)) > rank.get(own, -1):
                    out.append(f"{path.relative_to(root)}:{node.lineno} ({own}) imports "
                               f"{target} ({other})")
    return sorted(out)


def test_every_room_is_declared_once():
    assert len(set(ORDER)) == len(ORDER)
    assert set(ORDER) == core_rooms(ROOT), \
        "declare each room of briefer/core in briefer/core/rooms.py ORDER (and only those)"


def test_no_module_imports_a_room_above_its_own():
    found = upward_imports(ROOT, ORDER)
    assert found == [], "imports of a higher room (move the shared piece down):\n  " + \
        "\n  ".join(found)


def _write(root: Path, rel: str, text: str = "") -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_check_sees_lazy_and_relative_imports_and_exempts_type_checking(tmp_path):
    _write(tmp_path, "briefer/__init__.py")
    _write(tmp_path, "briefer/core/__init__.py")
    _write(tmp_path, "briefer/core/base.py")
    _write(tmp_path, "briefer/core/high/__init__.py")
    _write(tmp_path, "briefer/core/high/b.py", "from briefer.core import base\n")
    _write(tmp_path, "briefer/core/low/__init__.py")
    _write(tmp_path, "briefer/core/low/a.py",
           "from typing import TYPE_CHECKING\n"
           "from briefer.core import base\n"
           "from . import c\n"
           "if TYPE_CHECKING:\n"
           "    from briefer.core.high.b import X\n"
           "def f():\n"
           "    from briefer.core.high import b\n")
    _write(tmp_path, "briefer/core/low/c.py", "from ..high import b\n")
    _write(tmp_path, "briefer/core/top.py", "import briefer.core.high.b\n")
    order = ("base", "low", "high", "top")
    assert core_rooms(tmp_path) == set(order)
    assert upward_imports(tmp_path, order) == [
        "briefer/core/low/a.py:7 (low) imports briefer.core.high (high)",
        "briefer/core/low/c.py:1 (low) imports briefer.core.high (high)"]
    assert upward_imports(tmp_path, ("base", "high", "low", "top")) == []
    # a room missing from the order counts as the highest: importing it is upward
    assert upward_imports(tmp_path, ("base", "low", "top")) != []


def test_the_index_analyzer_keeps_the_module_path_indexes_on_disk_pickle():
    """A Whoosh index pickles its schema, naming the analyzer by module path; moving the
    text analysis down must not move the class, or every user's index breaks."""
    from briefer.core.index.analysis import BrieferAnalyzer
    from briefer.core.index.schema import make_schema

    assert BrieferAnalyzer.__module__ == "briefer.core.index.analysis"
    assert b"briefer.core.index.analysis" in pickle.dumps(make_schema())
    again = pickle.loads(pickle.dumps(BrieferAnalyzer(stem=False)))
    assert again == BrieferAnalyzer(stem=False)


def test_search_marks_ocr_text_without_loading_the_ocr_package():
    """The OCR note is a constant in a leaf (``ocr/constants.py``): a search hit's note
    does not load OCR's workers, Tesseract discovery or its catalog side."""
    code = (
        "import sys\n"
        "from briefer.core.search.results import Hit\n"
        "hit = Hit(doc_id=1, page_index=0, page_label='1', score=1.0, spans=[], snippet=None,"
        " ocr=True)\n"
        "assert hit.note == 'text from OCR \u2014 check against the scan', hit.note\n"
        "print(sorted(m for m in sys.modules if m.startswith('briefer.core.ocr.')))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True, timeout=120).stdout
    assert out.strip() == "['briefer.core.ocr.constants']"
