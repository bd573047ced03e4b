"""No worker outlives the window that started it (issue 10): closing the window while an
import runs, or killing the window's process, leaves no PDF worker behind.

Why it is built this way: the window runs in a subprocess through ``briefer.ui.app.run``
itself (its shutdown path — ``AppContext.stop``, ``Session.close`` — is what is under test),
on a library made beforehand without samples so that start-up is quick. A small driver
starts an import of generated PDFs through the window's own ``add_paths`` and answers the
"Quit Briefer?" question with Yes by clicking its button (so it is really asked, and the
test checks it was). The close is triggered by SIGINT, which ``run`` turns into
``window.close()``. The import is held at a known point — its progress callback, once a
file has been read (so its workers exist), waits until the question has been answered —
so it is still running when the window closes however fast the machine is (a fixed wait
let a quiet machine finish the whole import before the close, and the question was never
asked). Workers are found by a marker in their environment, as in
``tests/core/files/test_worker_lifetime.py``, and killed after the test whatever it found.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from tests import pdfgen
from tests.core.files.test_worker_lifetime import MARK, _marked, _reaped, _wait_for

REPO = Path(__file__).resolve().parents[2]

DRIVER = """
    import sys
    import threading
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    from briefer.core.ops import documents
    from briefer.core.ops.session import Session
    from briefer.ui import app
    from briefer.ui.mainwindow import MainWindow

    library, folder = Path(sys.argv[1]), Path(sys.argv[2])
    Session.open(library, samples=False).close()  # made beforehand: no sample import
    qapp = app.make_application()
    started = False
    answered = threading.Event()
    add_files = documents.add_files

    def held_add_files(*args, progress, **kwargs):
        # The window's own import, held once a file has been read until the quit
        # question is answered (at most 120 s, so a failing test does not hang).
        held = []

        def hold(p):
            progress(p)
            if p.message.startswith("Reading") and p.done >= 1 and not held:
                held.append(True)
                print("held", flush=True)
                answered.wait(120)
        return add_files(*args, progress=hold, **kwargs)

    documents.add_files = held_add_files

    def tick():
        global started
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if windows and not started:
            started = True
            windows[0].add_paths([folder])
            print("adding", flush=True)

    def answer():
        for box in QApplication.topLevelWidgets():
            if isinstance(box, QMessageBox) and box.isVisible() \\
                    and box.windowTitle() == "Quit Briefer?":
                print("asked", flush=True)
                answered.set()
                box.button(QMessageBox.StandardButton.Yes).click()

    timers = [QTimer(), QTimer()]  # two: a timer does not fire while its slot runs
    for timer, slot in zip(timers, (tick, answer)):
        timer.timeout.connect(slot)
        timer.start(50)
    code = app.run(library=library)
    print("exited", code, flush=True)
    sys.exit(code)
"""


@pytest.fixture
def pdf_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        pdfgen.make_text_pdf(folder / f"d{i:02d}.pdf",
                             [f"Document {i} page {p} about proportionality." for p in range(8)])
    return folder


def _start_window(tmp_path: Path, folder: Path, mark: str) -> subprocess.Popen:
    home = tmp_path / "home"  # the log file and preferences stay out of the user's folders
    env = dict(os.environ, **{MARK: mark, "QT_QPA_PLATFORM": "offscreen",
                              "PYTHONPATH": str(REPO), "HOME": str(home),
                              "XDG_DATA_HOME": str(home / "data"),
                              "XDG_CONFIG_HOME": str(home / "config")})
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(DRIVER),
                             str(tmp_path / "lib"), str(folder)], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _until_importing(proc: subprocess.Popen, mark: str) -> None:
    for expected in ("adding", "held"):  # "held": a file was read, the import waits
        line = proc.stdout.readline()
        assert line.strip() == expected, (line, proc.stderr.read() if proc.poll() else "")
    # the import's workers exist (they carry the mark): the import is under way
    assert _wait_for(lambda: _marked(mark, proc.pid), 60), "no worker was started"


@contextmanager
def _window_importing(tmp_path: Path,
                      folder: Path) -> Iterator[tuple[subprocess.Popen, str]]:
    """The window's process with an import of ``folder`` under way, and its workers' mark;
    the process and any worker it left are killed afterwards."""
    mark = uuid.uuid4().hex
    with _reaped(_start_window(tmp_path, folder, mark), mark) as proc:
        _until_importing(proc, mark)
        yield proc, mark


def _no_worker_left(proc: subprocess.Popen, mark: str) -> None:
    time.sleep(2)  # "a few seconds later"
    assert _wait_for(lambda: not _marked(mark, proc.pid), 5), _marked(mark, proc.pid)


@pytest.mark.slow
def test_closing_the_window_during_an_import_leaves_no_worker(tmp_path: Path,
                                                              pdf_folder: Path):
    with _window_importing(tmp_path, pdf_folder) as (proc, mark):
        os.kill(proc.pid, signal.SIGINT)  # run() closes the window on Ctrl+C
        try:
            out, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            pytest.fail("the window's process did not exit within 30 s of closing")
        assert "asked" in out.split(), (out, err)  # the import was still running
        assert proc.returncode == 0, (out, err)
        assert "exited 0" in out, (out, err)
        _no_worker_left(proc, mark)


@pytest.mark.slow
def test_killing_the_window_during_an_import_leaves_no_worker(tmp_path: Path,
                                                              pdf_folder: Path):
    with _window_importing(tmp_path, pdf_folder) as (proc, mark):
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        _no_worker_left(proc, mark)
