"""Two Briefer processes on one library: the second writer is told plainly and refused
(readers get a read-only view), and no write is ever lost or half-done."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from briefer.core.library import Library, LibraryBusy
from tests.reliability.helpers import (
    briefer, build_library, catalog_rows, env, make_pdfs, no_traceback)


def test_second_writer_in_process_is_refused_and_reader_is_read_only(tmp_path):
    lib_dir = tmp_path / "lib"
    with Library.open(lib_dir) as first:
        first.import_paths(make_pdfs(tmp_path / "pdfs", 1), ocr=False)
        with pytest.raises(LibraryBusy) as err:
            Library.open(lib_dir)
        # The same process: not "another Briefer process" (a Session shares the lock).
        assert "already open for writing in this program" in str(err.value)
        with Library.open(lib_dir, readonly_if_busy=True) as reader:
            assert reader.readonly
            assert len(reader.documents()) == 1
            with pytest.raises(LibraryBusy):
                reader.set_metadata(1, {"title": "lost?"})
            with pytest.raises(LibraryBusy):
                reader.import_paths(make_pdfs(tmp_path / "more", 1, word="other"), ocr=False)
        assert first.document(1).title != "lost?"


def test_second_cli_writer_gets_a_clear_message_and_changes_nothing(tmp_path):
    lib_dir = tmp_path / "lib"
    build_library(lib_dir, tmp_path / "seed", n=1)
    extra = make_pdfs(tmp_path / "extra", 1, word="subsidiarity")
    holder = Library.open(lib_dir)  # another Briefer (the desktop app, an import) writes
    try:
        before = (lib_dir / "library.sqlite").stat().st_mtime_ns
        refused = [
            briefer(lib_dir, "add", str(extra[0]), check=3),
            briefer(lib_dir, "meta", "1", "--title", "Edited while busy", check=3),
            briefer(lib_dir, "brief", "add", "1", "--to", "Background", "--text", "x",
                    check=3),
            briefer(lib_dir, "brief", "new", "Another", check=3),
            briefer(lib_dir, "clip", "1", "--page", "1", "--text", "National Coordinator",
                    check=3),
            briefer(lib_dir, "remove", "1", check=3),
            briefer(lib_dir, "reindex", check=3),
            briefer(lib_dir, "ocr", check=3),
            briefer(lib_dir, "backup", check=3),
            briefer(lib_dir, "restore", check=3),
        ]
        for out in refused:
            no_traceback(out)
            assert "in use by another Briefer process" in out.stderr, out.stderr
        # Readers get a read-only view and say so.
        for args in (("list", "--json"), ("search", "proportionality", "--json"),
                     ("brief", "show", "1", "--json"), ("info", "--json")):
            out = briefer(lib_dir, *args)
            json.loads(out.stdout)
            assert "read-only" in out.stderr
        # The holder's own writes go on.
        holder.import_paths(extra, ocr=False)
        assert (lib_dir / "library.sqlite").stat().st_mtime_ns >= before
    finally:
        holder.close()
    assert catalog_rows(lib_dir, "SELECT COUNT(*) FROM documents")[0][0] == 2
    assert catalog_rows(lib_dir, "SELECT title FROM documents WHERE id = 1")[0][0] != \
        "Edited while busy"
    assert catalog_rows(lib_dir, "SELECT COUNT(*) FROM brief_items")[0][0] == 2
    assert catalog_rows(lib_dir, "SELECT COUNT(*) FROM briefs")[0][0] == 1
    # Once it is free, the same commands work.
    briefer(lib_dir, "meta", "1", "--title", "Edited when free")
    assert catalog_rows(lib_dir, "SELECT title FROM documents WHERE id = 1")[0][0] == \
        "Edited when free"


def test_two_imports_at_once_one_is_refused_none_is_lost(tmp_path):
    lib_dir = tmp_path / "lib"
    make_pdfs(tmp_path / "a", 40, pages=4)
    make_pdfs(tmp_path / "b", 40, pages=4, word="subsidiarity")
    procs = [subprocess.Popen([sys.executable, "-m", "briefer", "--library", str(lib_dir),
                               "add", str(tmp_path / d), "--no-ocr", "--jobs", "1"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=env()) for d in ("a", "b")]
    outs = [p.communicate(timeout=300) for p in procs]
    codes = [p.returncode for p in procs]
    for (stdout, stderr), code in zip(outs, codes):
        assert "Traceback" not in stderr
        assert code in (0, 3), stderr
        if code == 3:
            assert "in use by another Briefer process" in stderr
    done = [d for d, c in zip("ab", codes) if c == 0]
    for d in "ab":
        if d not in done:  # the refused one, again once the library is free
            briefer(lib_dir, "add", str(tmp_path / d), "--no-ocr")
    assert catalog_rows(lib_dir, "SELECT COUNT(*) FROM documents")[0][0] == 80
    with Library.open(lib_dir) as lib:
        assert lib.index.doc_ids() == {d.id for d in lib.documents()}
        assert lib.index.page_count() == 80 * 4


def test_two_editors_racing_lose_no_write(tmp_path):
    """Two processes each add 12 items to one brief, retrying when told the library is busy:
    every item arrives exactly once."""
    lib_dir = tmp_path / "lib"
    made = build_library(lib_dir, tmp_path / "pdfs", n=1)

    def editor(name: str) -> int:
        refused = 0
        for k in range(12):
            while True:
                out = briefer(lib_dir, "brief", "add", made["brief_id"], "--to", "Background",
                              "--text", f"{name}-{k}", check=None)
                no_traceback(out)
                if out.returncode == 0:
                    break
                assert out.returncode == 3 and "in use" in out.stderr, out.stderr
                refused += 1
                time.sleep(0.02)
        return refused

    with ThreadPoolExecutor(2) as ex:
        refusals = list(ex.map(editor, ["a", "b"]))
    bodies = [r[0] for r in catalog_rows(lib_dir, "SELECT body FROM brief_items "
                                                  "WHERE kind = 'text'")]
    for name in ("a", "b"):
        for k in range(12):
            assert bodies.count(f"{name}-{k}") == 1
    print("busy refusals:", refusals)
