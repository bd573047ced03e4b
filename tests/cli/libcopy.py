"""A library built once per test module by ``briefer add`` and copied for each test.

Importing a few PDFs takes seconds, copying the library milliseconds; tests that change
the library each get a private copy of one built in their module.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefer.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``briefer ARGV`` in this process: exit code, standard output, standard error."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def build_library(folder: Path, *sources: Path) -> Path:
    """A library in ``folder/lib`` holding ``sources`` (files or folders), added by the CLI."""
    lib = folder / "lib"
    assert main(["--library", str(lib), "add", *map(str, sources), "--json"]) == 0
    return lib


def private_copy(template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A copy of ``template`` for one test (the build's output is dropped); its path."""
    shutil.copytree(template, tmp_path / "lib")
    capsys.readouterr()
    return str(tmp_path / "lib")
