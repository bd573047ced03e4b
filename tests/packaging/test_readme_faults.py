"""Every row of the README's fault table names a test, and every test it names exists (a
renamed or deleted test would otherwise leave a promise without its proof)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _fault_rows() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## When something goes wrong")
    end = text.index("\n## ", start + 1)
    return [line for line in text[start:end].splitlines()
            if line.startswith("| ") and not line.startswith("| scenario")]


def test_every_fault_row_names_tests_that_exist() -> None:
    files = {p.name: p for p in (ROOT / "tests").rglob("test_*.py")}
    rows = _fault_rows()
    assert len(rows) >= 20
    for row in rows:
        cell = row.rstrip(" |").rsplit("|", 1)[-1]
        refs = re.findall(r"`(test_\w+\.py)?(?:::)?(test_\w+)?`", cell)
        assert refs, f"no test named in: {row[:80]}"
        current = None
        for name, test in refs:
            if name:
                assert name in files, f"{name} (named in the fault table) does not exist"
                current = files[name]
            if test:
                assert current is not None, row[:80]
                assert re.search(rf"^def {test}\(", current.read_text(encoding="utf-8"),
                                 re.M), f"{current.name}::{test} does not exist"
