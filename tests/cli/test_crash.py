"""`briefer add` killed with SIGKILL at random moments: nothing half-imported, ever."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefer.core.library import Library
from tests import pdfgen

N_FILES = 60
PAGES = 8


@pytest.fixture(scope="module")
def many_pdfs(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("many")
    for i in range(N_FILES):
        pages = [f"Document {i} page {p}: the National Coordinator may order blocking of "
                 f"content within {i + p} hours. " * 12 for p in range(PAGES)]
        pdfgen.make_text_pdf(d / f"doc{i:02}.pdf", pages)
    return d


def _briefer(*args: str) -> list[str]:
    return [sys.executable, "-m", "briefer", *args]


def _check_consistent(root: Path) -> int:
    """The catalog opens, no document is partial, and the index agrees. Returns doc count."""
    out = subprocess.run(_briefer("--library", str(root), "list", "--json"),
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    docs = json.loads(out.stdout)
    db = sqlite3.connect(root / "library.sqlite")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for doc_id, page_count in db.execute("SELECT id, page_count FROM documents"):
            n = db.execute("SELECT COUNT(*) FROM pages WHERE doc_id = ?", (doc_id,)).fetchone()[0]
            assert n == page_count == PAGES, f"document {doc_id} is half-imported"
        assert db.execute("SELECT COUNT(*) FROM documents WHERE indexed = 0").fetchone()[0] == 0
    finally:
        db.close()
    with Library.open(root) as lib:
        ids = {d.id for d in lib.documents() if d.searchable}
        assert lib.index.doc_ids() == ids
        assert lib.index.page_count() == PAGES * len(ids)
        for sub in (root / "files").iterdir():
            for f in sub.iterdir():
                assert not f.name.startswith(".import-"), "temporary copy left behind"
    assert len(docs) == len(ids)
    return len(docs)


def test_sigkill_during_add_never_leaves_a_partial_import(tmp_path, many_pdfs):
    rng = random.Random(20261128)
    # How long does a whole import take here? Kill points are spread over that time.
    t0 = time.monotonic()
    subprocess.run(_briefer("--library", str(tmp_path / "timing"), "add", str(many_pdfs)),
                   capture_output=True, timeout=300)
    duration = time.monotonic() - t0
    root = tmp_path / "lib"
    counts = []
    for attempt in range(8):
        if counts and counts[-1] == N_FILES:
            break
        proc = subprocess.Popen(_briefer("--library", str(root), "add", str(many_pdfs)),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        # Each run imports only what is missing: aim inside what this run has to do.
        # (Documents are committed to the index about once a second, so early kills keep
        # nothing, and that is a valid outcome too.)
        left = (N_FILES - (counts[-1] if counts else 0)) / N_FILES
        time.sleep(rng.uniform(0.3, 0.9) * duration * max(left, 0.3))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        time.sleep(0.2)
        try:  # the workers notice their parent is gone; make sure none lingers
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        counts.append(_check_consistent(root))
    print("documents after each kill:", counts)
    assert counts == sorted(counts)  # every finished document survives the next kill
    assert any(0 < c < N_FILES for c in counts), "no kill landed during the import"
    done = subprocess.run(_briefer("--library", str(root), "add", str(many_pdfs), "--json"),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _check_consistent(root) == N_FILES
