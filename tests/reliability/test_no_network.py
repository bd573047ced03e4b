"""Briefer never opens a network connection: import (with its worker processes), search,
OCR (Tesseract) and export run with every network socket made to fail, and nothing even
tries. Local pipes (AF_UNIX socket pairs, which multiprocessing uses) stay allowed.

A ``sitecustomize.py`` on PYTHONPATH patches every Python process the command starts —
the CLI and the spawned workers — and records each attempt in a file. As root, a second
run puts the whole command, Tesseract included, in a new network namespace
(``unshare --net``) where no network exists at all."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import pdfgen
from tests.reliability.helpers import ROOT, env, make_pdfs

SITECUSTOMIZE = r'''
import os, socket

_LOG = os.environ["BRIEFER_TEST_NET_LOG"]
_LOCAL = {getattr(socket, "AF_UNIX", None)}


def _record(what):
    with open(_LOG, "a") as f:
        f.write(f"{os.getpid()} {what}\n")


def _refuse(what):
    _record(what)
    raise OSError(101, f"network use refused by the test: {what}")


_Socket = socket.socket


class _NoNetSocket(_Socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        fam = socket.AF_INET if family == -1 else family
        if fileno is None and fam not in _LOCAL:
            _refuse(f"socket({fam!r})")
        super().__init__(family, type, proto, fileno)

    def connect(self, address):
        if self.family not in _LOCAL:
            _refuse(f"connect {address!r}")
        return super().connect(address)

    def connect_ex(self, address):
        if self.family not in _LOCAL:
            _refuse(f"connect_ex {address!r}")
        return super().connect_ex(address)


socket.socket = _NoNetSocket
socket.SocketType = _NoNetSocket
socket.create_connection = lambda *a, **k: _refuse(f"create_connection {a!r}")
socket.getaddrinfo = lambda *a, **k: _refuse(f"getaddrinfo {a!r}")
socket.gethostbyname = lambda *a, **k: _refuse(f"gethostbyname {a!r}")
socket.create_server = lambda *a, **k: _refuse(f"create_server {a!r}")
_record("patched")
'''


def _run(lib: Path, args: list[str], net_env: dict[str, str], prefix: list[str] = ()) -> dict:
    cmd = [*prefix, sys.executable, "-m", "briefer", "--library", str(lib), *args]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=net_env)
    assert out.returncode == 0, (args, out.stdout, out.stderr)
    assert "Traceback" not in out.stderr
    return json.loads(out.stdout) if "--json" in args else {}


def _flow(tmp_path: Path, net_env: dict[str, str], prefix: list[str] = ()) -> None:
    lib = tmp_path / "lib"
    pdfs = make_pdfs(tmp_path / "pdfs", 3)
    scans = tmp_path / "scans"
    scans.mkdir()
    have_tesseract = shutil.which("tesseract") is not None
    if have_tesseract:
        pdfgen.make_scanned_pdf(scans / "scan.pdf", ["The tribunal held the blocking order "
                                                      "void for want of reasons."])
    rep = _run(lib, ["add", str(pdfs[0].parent), str(scans), "--json"], net_env, prefix)
    assert rep["documents_added"] == 3 + have_tesseract
    hits = _run(lib, ["search", "proportionality", "--json"], net_env, prefix)
    assert hits["total"] > 0
    if have_tesseract:
        assert rep["ocr"]["pages_done"] >= 1, rep["ocr"]
        hits = _run(lib, ["search", "tribunal", "--json"], net_env, prefix)
        assert hits["total"] >= 1
    brief = _run(lib, ["brief", "new", "No network", "--section", "A", "--json"], net_env,
                 prefix)
    _run(lib, ["clip", "1", "--page", "1", "--text", "the National Coordinator may order",
               "--brief", str(brief["brief_id"]), "--to", "A", "--json"], net_env, prefix)
    for name in ("b.docx", "b.md", "b.json"):
        _run(lib, ["brief", "export", str(brief["brief_id"]), "-o", str(tmp_path / name),
                   "--json"], net_env, prefix)
        assert (tmp_path / name).stat().st_size > 0


def test_import_search_ocr_export_without_network(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
    log = tmp_path / "net.log"
    net_env = env(BRIEFER_TEST_NET_LOG=str(log),
                  PYTHONPATH=os.pathsep.join([str(site), str(ROOT)]))
    _flow(tmp_path, net_env)
    lines = log.read_text().splitlines()
    pids = {ln.split()[0] for ln in lines if ln.endswith("patched")}
    attempts = [ln for ln in lines if not ln.endswith("patched")]
    assert len(pids) >= 3, "the worker processes were not patched"  # CLI runs + workers
    assert attempts == [], attempts


def test_the_patch_does_refuse_network(tmp_path):
    """The guard itself works (so the test above would notice a connection)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
    log = tmp_path / "net.log"
    code = ("import socket, multiprocessing as mp\n"
            "a, b = mp.Pipe(); a.send(1); assert b.recv() == 1\n"
            "try:\n    socket.create_connection(('127.0.0.1', 9))\n"
            "except OSError as e:\n    print('refused', e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env(BRIEFER_TEST_NET_LOG=str(log),
                                 PYTHONPATH=str(site)), timeout=60)
    assert "refused" in out.stdout, out.stderr
    assert "create_connection" in log.read_text()


@pytest.mark.slow
def test_whole_flow_in_a_namespace_without_network(tmp_path):
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("needs root and unshare")
    probe = subprocess.run(["unshare", "--net", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot create a network namespace here: {probe.stderr!r}")
    _flow(tmp_path, env(), prefix=["unshare", "--net"])
