"""A short command starts quickly: ``briefer --help`` (and building the parser, which
every command does) loads no search index, engine, Word writer or Qt; the heavy rooms load
when a command first uses them (briefer/lazy.py). Start-up time itself is measured, not
asserted: see the report's figures and ``python -X importtime -m briefer --help``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("whoosh", "docx", "PySide6", "briefer.core.index.engine", "briefer.core.ops.session",
         "briefer.core.search.search")

PROBE = """
import contextlib, io, json, sys
from briefer.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
print(json.dumps(sorted(sys.modules)))
"""


def _loaded_after(*argv: str) -> set[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    run = subprocess.run([sys.executable, "-c", PROBE, *argv], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return set(json.loads(run.stdout.splitlines()[-1]))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_help_loads_nothing_heavy():
    assert _heavy(_loaded_after("--help")) == []


def test_a_command_loads_what_it_uses(tmp_path: Path):
    loaded = _loaded_after("--library", str(tmp_path / "lib"), "list")
    assert "briefer.core.ops.session" in loaded and "whoosh" in loaded  # the library is open
    assert not [m for m in loaded if m == "docx" or m.startswith("docx.")]
