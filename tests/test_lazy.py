"""briefer.lazy.module: the name is bound at once, the module's code runs on first use."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from briefer import lazy


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    root = tmp_path / "lazypkg_probe"
    root.mkdir()
    (root / "__init__.py").write_text("")
    (root / "heavy.py").write_text(textwrap.dedent("""
        import builtins
        builtins.lazy_probe_runs = getattr(builtins, "lazy_probe_runs", 0) + 1
        VALUE = 42
    """))
    monkeypatch.syspath_prepend(str(tmp_path))
    yield "lazypkg_probe"
    for name in [m for m in sys.modules if m.startswith("lazypkg_probe")]:
        del sys.modules[name]
    import builtins
    builtins.__dict__.pop("lazy_probe_runs", None)


def test_code_runs_on_first_attribute_and_once(package: str):
    import builtins

    mod = lazy.module(f"{package}.heavy")
    assert getattr(builtins, "lazy_probe_runs", 0) == 0
    assert mod.VALUE == 42 and mod.VALUE == 42
    assert builtins.lazy_probe_runs == 1
    # a later ordinary import finds the same module, and the package knows it
    from lazypkg_probe import heavy

    assert heavy is mod and sys.modules[f"{package}.heavy"] is mod


def test_an_imported_module_is_returned_as_it_is():
    import json

    assert lazy.module("json") is json


def test_a_missing_module_is_an_error_at_once():
    with pytest.raises(ModuleNotFoundError):
        lazy.module("briefer.no_such_module_here")
