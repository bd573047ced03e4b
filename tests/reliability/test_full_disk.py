"""A disk that fills up and read-only media (small tmpfs file systems mounted by the test;
needs root, skipped otherwise): a plain message, no traceback, the catalog intact, reading
still works, and the same command works once there is space again."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from briefer.core.library import Library
from tests.reliability.helpers import briefer, build_library, make_pdfs, no_traceback


@contextmanager
def tmpfs(path: Path, size: str):
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    path.mkdir(parents=True, exist_ok=True)
    out = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {out.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def remount(path: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(path)], check=True)


def _intact(lib: Path) -> int:
    db = sqlite3.connect(lib / "library.sqlite")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for doc_id, n in db.execute("SELECT id, page_count FROM documents"):
            assert db.execute("SELECT COUNT(*) FROM pages WHERE doc_id = ?",
                              (doc_id,)).fetchone()[0] == n
        return db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    finally:
        db.close()


def test_import_into_a_disk_that_fills_up(tmp_path):
    pdfs = make_pdfs(tmp_path / "pdfs", 60, pages=8)
    with tmpfs(tmp_path / "small", "3m") as mnt:
        lib = mnt / "lib"
        out = briefer(lib, "add", str(pdfs[0].parent), "--no-ocr", check=None)
        no_traceback(out)
        assert out.returncode in (1, 3), out.stderr
        assert "the disk is full" in out.stderr + out.stdout, out.stderr
        if out.returncode == 3:
            assert "nothing was changed or lost" in out.stderr
        n = _intact(lib)
        assert 0 < n < 60
        # Reading still works (read-only when even the index cannot be brought up to date).
        listing = briefer(lib, "list", "--json")
        assert len(json.loads(listing.stdout)) == n
        # A write on the full disk: refused plainly.
        out = briefer(lib, "meta", "1", "--tag", "x", check=None)
        no_traceback(out)
        remount(mnt, "size=64m")  # space is back
        briefer(lib, "add", str(pdfs[0].parent), "--no-ocr")
        assert _intact(lib) == 60
        with Library.open(lib) as opened:
            assert opened.index.doc_ids() == {d.id for d in opened.documents()}
            assert opened.index.page_count() == 60 * 8


def test_export_into_a_full_disk(tmp_path):
    lib = tmp_path / "lib"
    made = build_library(lib, tmp_path / "pdfs", n=2)
    with tmpfs(tmp_path / "small", "1m") as mnt:
        filler = mnt / "filler"
        st = os.statvfs(mnt)
        filler.write_bytes(b"\0" * (st.f_bavail * st.f_frsize - 8192))  # leave 8 KB
        before = json.loads(briefer(lib, "brief", "show", made["brief_id"], "--json").stdout)
        for name in ("brief.docx", "brief.md"):
            out = briefer(lib, "brief", "export", made["brief_id"], "-o", str(mnt / name),
                          check=None)
            if out.returncode == 0:  # a small Markdown file may fit; then it is whole
                assert (mnt / name).stat().st_size > 0
                continue
            no_traceback(out)
            assert out.returncode == 3
            assert "the disk is full" in out.stderr, out.stderr
            assert not (mnt / name).exists()
        assert sorted(p.name for p in mnt.iterdir() if p.name.endswith(".part")) == []
        after = json.loads(briefer(lib, "brief", "show", made["brief_id"], "--json").stdout)
        assert after["sections"] == before["sections"]
        filler.unlink()
        briefer(lib, "brief", "export", made["brief_id"], "-o", str(mnt / "brief.docx"))
        assert (mnt / "brief.docx").stat().st_size > 0


def test_read_only_library_folder(tmp_path):
    with tmpfs(tmp_path / "media", "64m") as mnt:
        lib = mnt / "lib"
        made = build_library(lib, tmp_path / "pdfs", n=2)
        before = (lib / "library.sqlite").read_bytes()
        remount(mnt, "ro")
        try:
            for args in (("list", "--json"), ("search", "proportionality", "--json"),
                         ("brief", "show", made["brief_id"], "--json")):
                out = briefer(lib, *args)
                json.loads(out.stdout)
                assert "read-only" in out.stderr and "damaged" not in out.stderr
            out = briefer(lib, "brief", "export", made["brief_id"], "-o",
                          str(tmp_path / "b.docx"))
            assert (tmp_path / "b.docx").exists()
            for args in (("add", str(tmp_path / "pdfs")), ("meta", "1", "--tag", "x"),
                         ("brief", "add", made["brief_id"], "--to", "Background", "--text",
                          "x"), ("reindex",), ("restore",)):
                out = briefer(lib, *args, check=3)
                no_traceback(out)
                assert "read-only" in out.stderr, out.stderr
                assert "damaged" not in out.stderr
        finally:
            remount(mnt, "rw")
        assert (lib / "library.sqlite").read_bytes() == before
        briefer(lib, "meta", "1", "--tag", "writable-again")
        doc = json.loads(briefer(lib, "show", "1", "--json").stdout)
        assert "writable-again" in doc["tags"]
