"""No PDF worker outlives the process that started it (killed, or exiting mid-import),
and ``main.py`` works with spawn workers (each worker imports it again as __mp_main__)."""

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

import pytest

from tests import pdfgen

REPO = Path(__file__).resolve().parents[3]
MARK = "BRIEFER_LIFETIME_TEST_MARK"


def sleep_task(job, deadline):
    """A job that keeps its worker busy (used by the scripts below, inside workers)."""
    time.sleep(float(job.payload))
    return "slept"


def _marked(mark: str, exclude: int) -> list[int]:
    """Processes whose environment carries ``mark`` (a killed parent's workers keep it)."""
    found = []
    needle = f"{MARK}={mark}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) in (exclude, os.getpid()):
            continue
        try:
            env = (entry / "environ").read_bytes()
        except OSError:
            continue
        if needle in env.split(b"\0"):
            found.append(int(entry.name))
    return found


def _wait_for(cond, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.1)
    return cond()


@contextmanager
def _reaped(proc: subprocess.Popen, mark: str):
    """Whatever the test finds, the process and any worker it left are killed after it."""
    try:
        yield proc
    finally:
        proc.kill()
        for pid in _marked(mark, proc.pid):
            os.kill(pid, signal.SIGKILL)


def _gone(proc: subprocess.Popen, mark: str) -> None:
    assert _wait_for(lambda: not _marked(mark, proc.pid), 5), _marked(mark, proc.pid)


def _start(script: str, mark: str) -> subprocess.Popen:
    env = dict(os.environ, **{MARK: mark, "QT_QPA_PLATFORM": "offscreen",
                              "PYTHONPATH": str(REPO)})
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(script)], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


POOL_SCRIPT = """
    import sys
    from briefer.core.files.workers import ExtractionPool, Job
    pool = ExtractionPool(processes=2, timeout=600)
    jobs = [Job(i, "", task="tests.core.files.test_worker_lifetime:sleep_task", payload=60)
            for i in range(4)]
    results = pool.run(jobs, on_start=lambda job: print("started", job.key, flush=True))
    for _ in results:
        pass
"""


def _until_started(proc: subprocess.Popen, mark: str, n: int = 2) -> None:
    for _ in range(n):
        line = proc.stdout.readline()
        assert line.startswith("started"), (line, proc.stderr.read() if proc.poll() else "")
    # the workers exist (they carry the mark) and are busy with the sleeping jobs
    assert _wait_for(lambda: len(_marked(mark, proc.pid)) >= 2, 30)


@pytest.mark.slow
def test_a_killed_parent_takes_its_busy_workers_with_it():
    mark = uuid.uuid4().hex
    with _reaped(_start(POOL_SCRIPT, mark), mark) as proc:
        _until_started(proc, mark)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        _gone(proc, mark)


@pytest.mark.slow
def test_a_normal_exit_mid_import_leaves_no_worker():
    mark = uuid.uuid4().hex
    # The import runs in a daemon thread; the main thread ends while the jobs are busy.
    script = POOL_SCRIPT.replace("    for _ in results:\n        pass\n", "") + """
    import threading, time
    threading.Thread(target=lambda: [r for r in results], daemon=True).start()
    time.sleep(3)
    sys.exit(0)
"""
    with _reaped(_start(script, mark), mark) as proc:
        _until_started(proc, mark)
        proc.wait(timeout=30)
        assert proc.returncode == 0, proc.stderr.read()
        _gone(proc, mark)


@pytest.mark.slow
def test_killing_main_py_during_an_import_leaves_no_worker(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        pdfgen.make_text_pdf(folder / f"d{i:02d}.pdf",
                             [f"Document {i} page {p} about proportionality." for p in range(8)])
    mark = uuid.uuid4().hex
    env = dict(os.environ, **{MARK: mark, "QT_QPA_PLATFORM": "offscreen"})
    proc = subprocess.Popen([sys.executable, str(REPO / "main.py"), "--library",
                             str(tmp_path / "lib"), "add", "--no-ocr", str(folder)],
                            cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    with _reaped(proc, mark):
        assert _wait_for(lambda: _marked(mark, proc.pid), 60), "no worker was started"
        # killed at once: its workers exist now (a fixed wait let a quiet machine finish
        # the whole import first, and then nothing was killed mid-import)
        assert proc.poll() is None, "main.py ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        _gone(proc, mark)


def test_main_py_imports_files_with_spawn_workers(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(2):
        pdfgen.make_text_pdf(folder / f"d{i}.pdf", [f"Document {i} about proportionality."])
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, str(REPO / "main.py"), "--library",
                          str(tmp_path / "lib"), "add", "--no-ocr", str(folder)],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "stopped unexpectedly" not in run.stdout + run.stderr
