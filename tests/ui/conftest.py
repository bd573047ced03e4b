"""Fixtures for the window's tests: a real library (the samples) per test, offscreen Qt.

A seeded library is made once per session and copied for each test (copying five PDFs and
a catalog takes milliseconds, importing them a few seconds). Panels get an AppContext
whose task runner is synchronous unless a test asks for threads, so most tests are
deterministic without waiting; the preferences live in a file of the test's own. Every
test here fails on an unexpected Qt warning (qutebrowser's habit).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from briefer.ui.qtfix import guard_singleton_refcounts  # noqa: E402

guard_singleton_refcounts()  # see briefer/ui/qtfix.py: PySide 6.12 leaks None and True


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(
                r"propagateSizeHints", r"QFont::setPointSizeF", r"This plugin does not support"))


@pytest.fixture(scope="session")
def seeded_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library with the sample documents, made once (do not modify: copy it)."""
    from briefer.core.ops.session import Session

    root = tmp_path_factory.mktemp("seeded") / "lib"
    session = Session.open(root, samples=True)
    session.close()
    return root


@pytest.fixture
def library_dir(seeded_library: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded library for one test."""
    dest = tmp_path / "lib"
    shutil.copytree(seeded_library, dest, ignore=shutil.ignore_patterns("library.lock"))
    return dest


@pytest.fixture
def session(library_dir: Path) -> Iterator[object]:
    from briefer.core.ops.session import Session

    s = Session.open(library_dir)
    yield s
    s.close()


@pytest.fixture
def prefs(tmp_path: Path, qapp: object) -> object:
    from briefer.ui.settings import Preferences

    return Preferences.at(tmp_path / "settings.ini")


def _context(session: object, prefs: object, threaded: bool) -> object:
    from briefer.ui.context import AppContext
    from briefer.ui.tasks import SyncExecutor, TaskRunner

    runner = TaskRunner(None if threaded else SyncExecutor())
    return AppContext(session, tasks=runner, settings=prefs, poll=False)


@pytest.fixture
def ctx(session: object, prefs: object, qapp: object) -> Iterator[object]:
    """An AppContext over the test's library with a synchronous task runner."""
    context = _context(session, prefs, threaded=False)
    yield context
    context.stop()


@pytest.fixture
def threaded_ctx(session: object, prefs: object, qapp: object) -> Iterator[object]:
    """An AppContext whose tasks really run in worker threads."""
    context = _context(session, prefs, threaded=True)
    yield context
    context.stop()


def shown(qtbot: object, widget: object, width: int, height: int) -> object:
    """``widget`` registered with qtbot, sized and shown on screen (panels' tests)."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def window(threaded_ctx: object, qtbot: object) -> Iterator[object]:
    """The real main window over the test's library (threads as in the app)."""
    from briefer.ui.mainwindow import MainWindow

    win = MainWindow(threaded_ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    threaded_ctx.tasks.cancel_all()
