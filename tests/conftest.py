"""Shared fixtures: generated PDFs, temporary libraries, the optional real corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property tests draw the same examples on every run, so a run of the README's test
# command (and CI) passes or fails for the code, not for the luck of the draw.
# HYPOTHESIS_PROFILE=explore draws new random examples (ten times as many where a test
# does not set its own count) to hunt for cases nobody has tried; a case it finds
# becomes an explicit test.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("repeatable", derandomize=True, database=None)
_hypothesis_settings.register_profile("explore", derandomize=False,
                                      max_examples=_hypothesis_settings().max_examples * 10)
_hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test that drives the window (``tests/ui``, or any test using ``qtbot``) is
    marked ``gui``, so ``-m "not gui and not slow"`` is the core's quick run."""
    ui = ROOT / "tests" / "ui"
    for item in items:
        if Path(str(item.fspath)).is_relative_to(ui) or \
                "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)
CORPUS = (ROOT.parent / "shared" / "corpus").resolve()  # paths in reports are resolved


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real PDF corpus beside the checkout; tests using it skip when it is absent."""
    if not (CORPUS / "MANIFEST.tsv").exists():
        pytest.skip("the real corpus ../shared/corpus is not present")
    return CORPUS


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One generated PDF of every kind (see tests/pdfgen.py), made once per session."""
    from tests.pdfgen import make_all

    d = tmp_path_factory.mktemp("generated")
    return make_all(d)


@pytest.fixture
def library(tmp_path: Path):
    """A fresh, empty library in a temporary folder."""
    from briefer.core.library import Library

    lib = Library.open(tmp_path / "lib")
    yield lib
    lib.close()
