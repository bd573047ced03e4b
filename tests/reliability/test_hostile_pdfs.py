"""Hostile PDFs: every file is built here, byte by byte, and imported with a short limit.

Deep nesting (100,000 levels of arrays and of dictionaries), a Flate stream that inflates
to 4 GB of zeros (the file is a few MB), a content stream with millions of operators, xref
sections whose /Prev points at themselves or at each other, a page tree whose /Kids loop,
and a file full of actions (/OpenAction JavaScript, /Launch of a script that would create a
marker file, /URI links to a listening local port). Each must end — imported or failed with
a plain reason — within the time limit, the parent's memory must stay bounded, the catalog
and the index must agree, and no action may run: the marker never appears, the local port
sees no connection, and the worker processes (watched by a Python audit hook installed
with ``sitecustomize``) never open a socket or start a process.

``pytest -s`` prints a table: file, outcome, reason, seconds, worker peak MB."""

from __future__ import annotations

import os
import resource
import socket
import sqlite3
import threading
import time
import zlib
from pathlib import Path

import pytest

from briefer.core.library import Library
from tests import pdfgen

LIMIT = 20.0  # per-file time limit of the import (seconds)
BUDGET = 150.0  # the whole test, generation included, must end well inside pytest's timeout
PARENT_RSS_LIMIT_MB = 1500

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = b"BT /F1 12 Tf 72 720 Td (The National Coordinator may order blocking of content.) Tj ET"


# --------------------------------------------------------------------------- PDF syntax
def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _flate(data: bytes) -> bytes:
    return _stream(zlib.compress(data, 6), b"/Filter /FlateDecode")


def build_pdf(objects: dict[int, bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF with the given objects (number -> body), a correct xref table and trailer."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[num]) if num in offsets else b"0000000000 00000 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        size, root, trailer_extra, xref)
    return bytes(out)


def _simple(page_extra: bytes = b"", contents: bytes = TEXT, more: dict | None = None,
            catalog_extra: bytes = b"") -> dict[int, bytes]:
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R %s >>" % catalog_extra,
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
               b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R %s >>" % page_extra,
            4: _stream(contents), 5: FONT}
    objs.update(more or {})
    return objs


# --------------------------------------------------------------------------- hostile files
def deep_arrays(depth: int = 100_000) -> bytes:
    """100,000 nested arrays in the page's resources and in its content stream."""
    nest = b"[" * depth + b"]" * depth
    return build_pdf(_simple(page_extra=b"/Deep " + nest,
                             contents=TEXT + b"\n" + nest + b" pop\n"))


def deep_dicts(depth: int = 100_000) -> bytes:
    """100,000 nested dictionaries in the resources and as an inline-image dictionary."""
    nest = b"<</A " * depth + b"1" + b">>" * depth
    return build_pdf(_simple(page_extra=b"/Deep " + nest,
                             contents=TEXT + b"\nBI /W 1 /H 1 /D " + nest + b" ID \x00 EI\n"))


def flate_bomb(gigabytes: int = 4) -> bytes:
    """A second page whose content stream inflates to ``gigabytes`` GB of zeros.

    The stream is one valid zlib stream: 16 MB of zeros compressed once with a full flush
    (which makes every later chunk compress to the same bytes), repeated, then a final
    empty block and the Adler-32 of the whole (for zeros: a = 1, b = length mod 65521)."""
    chunk = 16 << 20
    n = gigabytes * (1 << 30) // chunk
    c = zlib.compressobj(9)
    first = c.compress(bytes(chunk)) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(bytes(chunk)) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.flush(zlib.Z_FINISH)[:-4]  # an empty final block, without the checksum
    length = n * chunk
    adler = ((length % 65521) << 16) | 1
    data = first + again * (n - 1) + tail + adler.to_bytes(4, "big")
    objs = _simple()
    objs[2] = b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>"
    objs[6] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
               b"/Resources << /Font << /F1 5 0 R >> >> /Contents 7 0 R >>")
    objs[7] = _stream(data, b"/Filter /FlateDecode")
    return build_pdf(objs)


def million_operators(count: int = 3_000_000) -> bytes:
    """One page whose (compressed) content stream holds ``count`` text-showing operators."""
    body = b"BT /F1 1 Tf " + b"(x) Tj 0 1 Td " * count + b"ET\n" + TEXT
    objs = _simple()
    objs[4] = _flate(body)
    return build_pdf(objs)


def _two_xrefs(first_prev: str, second_prev: str) -> bytes:
    """Body, xref A (all objects), xref B (an update); each /Prev as asked ('A'/'B'/None)."""
    objs = _simple()
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    xref_a = len(out)
    # A section has the same length with or without /Prev, so B's offset is known first.

    def section(prev: int | None) -> bytes:
        s = b"xref\n0 6\n0000000000 65535 f \n"
        s += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, 6))
        s += b"trailer\n<< /Size 6 /Root 1 0 R"
        s += b" /Prev %010d" % prev if prev is not None else b" " * 17  # same length
        return s + b" >>\n"

    a_len = len(section(0))
    xref_b = xref_a + a_len
    where = {"A": xref_a, "B": xref_b, None: None}
    out += section(where[first_prev])
    assert len(out) == xref_b
    out += section(where[second_prev])
    out += b"startxref\n%d\n%%%%EOF\n" % xref_b
    return bytes(out)


def xref_self_loop() -> bytes:
    """The last xref section's trailer has /Prev pointing at that same section."""
    return _two_xrefs(None, "B")


def xref_pair_loop() -> bytes:
    """Two xref sections whose /Prev point at each other."""
    return _two_xrefs("B", "A")


def kids_cycle() -> bytes:
    """A page tree whose intermediate node lists the root among its /Kids."""
    objs = _simple()
    objs[2] = b"<< /Type /Pages /Kids [6 0 R] /Count 2 >>"
    objs[6] = b"<< /Type /Pages /Parent 2 0 R /Kids [3 0 R 2 0 R 6 0 R] /Count 2 >>"
    objs[3] = (b"<< /Type /Page /Parent 6 0 R /MediaBox [0 0 612 792] "
               b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
    return build_pdf(objs)


def actions(launcher: Path, port: int) -> bytes:
    """/OpenAction JavaScript, /Launch actions (open, page open, link) and /URI links."""
    url = b"http://127.0.0.1:%d/briefer-must-not-call" % port
    launch = (b"<< /S /Launch /F (%s) /NewWindow true /Unix << /F (%s) >> "
              b"/Win << /F (%s) /P (marker) >> >>" % ((bytes(launcher),) * 3))
    js = (b"<< /S /JavaScript /JS (app.launchURL\\('%s', true\\); "
          b"this.submitForm\\('%s'\\); app.alert\\('x'\\);) /Next %s >>" % (url, url, launch))
    annots = (b"/Annots [<< /Type /Annot /Subtype /Link /Rect [72 700 300 730] /A %s >> "
              b"<< /Type /Annot /Subtype /Link /Rect [72 650 300 680] "
              b"/A << /S /URI /URI (%s) >> >>]" % (launch, url))
    objs = _simple(page_extra=annots + b" /AA << /O %s /C << /S /URI /URI (%s) >> >>"
                   % (launch, url),
                   catalog_extra=b"/OpenAction %s /AA << /WC %s /DS << /S /URI /URI (%s) >> >> "
                                 b"/Names << /JavaScript << /Names [(a) %s] >> >> "
                                 b"/URI << /Base (http://127.0.0.1:%d/) >>"
                                 % (js, launch, url, js, port))
    return build_pdf(objs)


# --------------------------------------------------------------------------- watching
AUDIT_HOOK = r'''
import os, sys
_LOG = os.environ.get("BRIEFER_TEST_AUDIT_LOG")
_WATCH = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.bind",
          "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
          "os.fork", "os.forkpty", "os.startfile", "webbrowser.open", "urllib.Request")

def _hook(event, args):
    if _LOG and event.startswith(_WATCH):
        if event == "socket.connect" and args and getattr(args[0], "family", None) == 1:
            return  # AF_UNIX: multiprocessing's own pipes
        with open(_LOG, "a") as f:
            f.write(f"{os.getpid()} {event} {args!r:.200}\n")

if _LOG:
    sys.addaudithook(_hook)
    with open(_LOG, "a") as f:
        f.write(f"{os.getpid()} hooked\n")
'''


class ChildPeaks(threading.Thread):
    """Samples the peak RSS (VmHWM) of this process's children every 50 ms."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kb = 0
        self.running = True

    def reset(self) -> None:
        self.peak_kb = 0

    def run(self) -> None:
        me = os.getpid()
        while self.running:
            try:
                kids = Path(f"/proc/{me}/task/{me}/children").read_text().split()
            except OSError:
                kids = []
            for pid in kids:
                try:
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            self.peak_kb = max(self.peak_kb, int(line.split()[1]))
                except (OSError, ValueError):
                    pass
            time.sleep(0.05)


class Listener(threading.Thread):
    """A local TCP port that counts connections (the /URI actions point at it)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True

    def run(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                pass
        self.sock.close()


def _mb(kb: int) -> float:
    return kb / 1024  # ru_maxrss and VmHWM are in kB on Linux


# --------------------------------------------------------------------------- the test
@pytest.mark.timeout(240)
@pytest.mark.parametrize("engine", ["auto", "pypdf"])
def test_hostile_pdfs_end_with_a_reason_and_bounded_memory(tmp_path, monkeypatch, engine):
    """``auto`` is pdfium (pypdf only when needed); ``pypdf`` is the fallback engine alone."""
    t_start = time.monotonic()
    src = tmp_path / "hostile"
    src.mkdir()
    marker = tmp_path / "LAUNCHED"
    launcher = src / "make-marker.sh"
    launcher.write_text(f"#!/bin/sh\ntouch '{marker}'\n")
    launcher.chmod(0o755)
    listener = Listener()
    listener.start()

    # Two ordinary files first: the import of good files around hostile ones must work.
    pdfgen.make_text_pdf(src / "ordinary.pdf", ["The National Coordinator may order blocking."])
    files = {
        "deep_arrays.pdf": deep_arrays(),
        "deep_dicts.pdf": deep_dicts(),
        "flate_bomb_4gb.pdf": flate_bomb(4),
        "million_operators.pdf": million_operators(),
        "xref_prev_self.pdf": xref_self_loop(),
        "xref_prev_pair.pdf": xref_pair_loop(),
        "kids_cycle.pdf": kids_cycle(),
        "actions.pdf": actions(launcher, listener.port),
    }
    for name, data in files.items():
        (src / name).write_bytes(data)
    assert (src / "flate_bomb_4gb.pdf").stat().st_size < 8 << 20  # small file, 4 GB inside
    order = ["ordinary.pdf", *files]
    generated_s = time.monotonic() - t_start

    # Every worker process gets the audit hook (they are spawned with this environment).
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir()
    (hook_dir / "sitecustomize.py").write_text(AUDIT_HOOK)
    audit_log = tmp_path / "audit.log"
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(hook_dir), str(Path(__file__).resolve().parents[2]),
         *([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else [])]))
    monkeypatch.setenv("BRIEFER_TEST_AUDIT_LOG", str(audit_log))

    peaks = ChildPeaks()
    peaks.start()
    rows = []
    lib_root = tmp_path / "lib"
    try:
        with Library.open(lib_root) as lib:
            for name in order:
                peaks.reset()
                t0 = time.monotonic()
                rep = lib.import_paths([src / name], timeout=LIMIT, processes=1,
                                       engine=engine)
                seconds = time.monotonic() - t0
                (o,) = rep.outcomes
                rows.append((name, o.outcome, o.status, o.reason, seconds, _mb(peaks.peak_kb)))
    finally:
        peaks.running = False
        listener.running = False

    self_mb = _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    children_mb = _mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    total_s = time.monotonic() - t_start
    print(f"\nengine {engine}\n"
          f"{'file':24} {'outcome':8} {'status':9} {'s':>6} {'worker MB':>9}  reason")
    for name, outcome, status, reason, seconds, peak in rows:
        print(f"{name:24} {outcome:8} {status:9} {seconds:6.1f} {peak:9.0f}  {reason}")
    print(f"parent peak RSS {self_mb:.0f} MB; largest reaped worker so far in this process "
          f"{children_mb:.0f} MB; generation {generated_s:.1f} s; whole test {total_s:.1f} s")

    # Every import ended, inside the limit (plus one retry after a crash, plus start-up).
    for name, outcome, status, reason, seconds, _peak in rows:
        assert seconds < 2 * LIMIT + 15, (name, seconds)
        assert outcome in ("added", "failed"), (name, outcome, reason)
        if outcome == "failed":
            assert reason and "Traceback" not in reason and "File \"" not in reason, (name, reason)
            assert len(reason) < 300 and "\n" not in reason, (name, reason)
        else:
            assert status in ("ok", "no_text", "needs_ocr"), (name, status)
    assert {r[0]: r[1] for r in rows}["ordinary.pdf"] == "added"
    # pdfium dies on the decompression bomb (at its memory limit); the second try reads the
    # file with pypdf, which caps inflation, so the file is imported all the same.
    assert {r[0]: r[1] for r in rows}["flate_bomb_4gb.pdf"] == "added"
    assert total_s < BUDGET, total_s

    # The parent never held a hostile file's contents.
    assert self_mb < PARENT_RSS_LIMIT_MB, self_mb

    # No action ran: no launched script, no connection, no socket or process in a worker.
    time.sleep(0.3)
    assert not marker.exists(), "a /Launch action ran"
    assert listener.connections == 0, "a /URI or JavaScript action opened a connection"
    log_lines = audit_log.read_text().splitlines() if audit_log.exists() else []
    assert any(line.endswith(" hooked") for line in log_lines), "the workers were not watched"
    attempts = [line for line in log_lines if not line.endswith(" hooked")]
    assert not attempts, attempts

    # Catalog and index agree, the catalog is sound, nothing is half-imported.
    db = sqlite3.connect(lib_root / "library.sqlite")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for doc_id, page_count in db.execute("SELECT id, page_count FROM documents"):
            n = db.execute("SELECT COUNT(*) FROM pages WHERE doc_id = ?", (doc_id,)).fetchone()[0]
            assert n == page_count, f"document {doc_id} is half-imported"
    finally:
        db.close()
    with Library.open(lib_root) as lib:
        docs = [d for d in lib.documents() if d.searchable]
        assert lib.index.doc_ids() == {d.id for d in docs}
        assert lib.index.page_count() == sum(d.page_count for d in docs)
        assert not lib.catalog.unindexed_ids()
        added = [r for r in rows if r[1] == "added"]
        assert len(lib.documents()) == len(added)
