"""Shared helpers of the reliability suite: run the real `briefer` command, build a small
library with documents and a brief, check that a library is consistent."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Optional

from tests import pdfgen

ROOT = Path(__file__).resolve().parents[2]


def env(**extra: str) -> dict[str, str]:
    e = dict(os.environ)
    e.setdefault("QT_QPA_PLATFORM", "offscreen")
    e["PYTHONPATH"] = str(ROOT) + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    e.pop("BRIEFER_LIBRARY", None)
    e.update(extra)
    return e


def briefer(lib: Path, *args: str, timeout: float = 180, check: Optional[int] = 0,
            extra_env: Optional[dict[str, str]] = None,
            cwd: Optional[Path] = None) -> subprocess.CompletedProcess:
    """Run ``python -m briefer --library LIB ARGS…``; assert the exit code unless None."""
    cmd = [sys.executable, "-m", "briefer", "--library", str(lib), *args]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                         env=env(**(extra_env or {})), cwd=cwd)
    if check is not None:
        assert out.returncode == check, (args, out.returncode, out.stdout, out.stderr)
    return out


def no_traceback(out: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in out.stderr, out.stderr
    assert "Traceback" not in out.stdout, out.stdout


def make_pdfs(folder: Path, n: int, pages: int = 3, word: str = "proportionality") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        texts = [f"Document {i} page {p}. The National Coordinator may order blocking; "
                 f"the test of {word} applies within {i + p} hours. " * 6
                 for p in range(pages)]
        pdfgen.make_text_pdf(folder / f"doc{i:02}.pdf", texts)
        out.append(folder / f"doc{i:02}.pdf")
    return out


def build_library(lib: Path, pdf_dir: Path, n: int = 3) -> dict:
    """A library with ``n`` documents and one brief with a section, commentary and a quote."""
    make_pdfs(pdf_dir, n)
    briefer(lib, "add", str(pdf_dir), "--no-ocr")
    new = json.loads(briefer(lib, "brief", "new", "Our concerns", "--section", "Background",
                             "--json").stdout)
    bid = str(new["brief_id"])
    briefer(lib, "brief", "add", bid, "--to", "Background", "--text", "Notified in haste.")
    clip = json.loads(briefer(lib, "clip", "1", "--page", "1", "--text",
                              "the National Coordinator may order blocking", "--brief", bid,
                              "--to", "Background", "--json").stdout)
    return {"brief_id": bid, "clip_id": clip["clip_id"], "documents": n}


def catalog_rows(lib: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(f"file:{lib / 'library.sqlite'}?mode=ro", uri=True)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()
