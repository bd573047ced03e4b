"""briefer.lazy.module: the name is bound at once, the module is imported on first use."""

from __future__ import annotations

import sys
import textwrap
import threading
from pathlib import Path

import pytest

from briefer import lazy


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = tmp_path / "lazypkg_probe"
    root.mkdir()
    (root / "__init__.py").write_text("RUNS = []\n")
    (root / "heavy.py").write_text(textwrap.dedent("""
        import time
        from lazypkg_probe import RUNS
        time.sleep(0.05)  # a slow module: two threads may well ask for it at once
        RUNS.append(1)
        VALUE = 42
    """))
    monkeypatch.syspath_prepend(str(tmp_path))
    yield "lazypkg_probe"
    for name in [m for m in sys.modules if m.startswith("lazypkg_probe")]:
        del sys.modules[name]


def test_imported_on_first_attribute_and_once(package: str):
    mod = lazy.module(f"{package}.heavy")
    assert package not in sys.modules  # not even the package, until used
    assert mod.VALUE == 42 and mod.VALUE == 42
    from lazypkg_probe import RUNS, heavy

    assert RUNS == [1] and heavy.VALUE == 42


def test_threads_reading_it_first_at_once_run_it_once(package: str):
    mod = lazy.module(f"{package}.heavy")
    seen: list[int] = []
    threads = [threading.Thread(target=lambda: seen.append(mod.VALUE)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    from lazypkg_probe import RUNS

    assert seen == [42] * 4 and RUNS == [1]


def test_a_missing_module_or_name_is_an_error_on_use():
    missing = lazy.module("briefer.no_such_module_here")
    with pytest.raises(ModuleNotFoundError):
        missing.anything
    with pytest.raises(AttributeError):
        lazy.module("json").no_such_name
