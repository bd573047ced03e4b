"""A library is never emptied by opening it.

A catalog that is missing, 0 bytes or an empty database while the library still holds
stored PDFs, backups or an index is a lost catalog, not a new library: every way of
opening it (writable, read-only, read-only when busy, a Session, the command line) says
so, nothing is deleted or created, and restoring the newest backup brings the library
back. Orphan clean-up removes only what it can prove is a leftover; more than a few
unknown stored PDFs are kept and reported."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from briefer import cli
from briefer.core.catalog import backup
from briefer.core.library import CatalogDamaged, Library
from briefer.core.library.library import STRAY_LIMIT
from briefer.core.ops import documents as docs_ops
from briefer.core.ops import maintenance
from briefer.core.ops.session import Session
from tests.reliability.helpers import make_pdfs


def _stored(root: Path) -> list[Path]:
    return sorted((root / "files").glob("*/*.pdf"))


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file of the library folder with its size and modification time."""
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.name != "library.lock":  # the lock holder's pid may change
            st = p.stat()
            out[str(p.relative_to(root))] = (st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """A library of five documents with one backup, copied fresh by each test."""
    base = tmp_path_factory.mktemp("never-emptied")
    pdfs = make_pdfs(base / "pdfs", 5, pages=1)
    root = base / "lib"
    with Library.open(root) as lib:
        lib.import_paths(pdfs, ocr=False)
        lib.make_backup()
    return root


@pytest.fixture
def lib_dir(made, tmp_path):
    import shutil

    dest = tmp_path / "lib"
    shutil.copytree(made, dest)
    return dest


def _lose_catalog(root: Path, how: str) -> None:
    cat = root / "library.sqlite"
    if how == "zero_bytes":
        cat.write_bytes(b"")
    elif how == "deleted":
        cat.unlink()
    elif how == "empty_database":  # a valid SQLite file without Briefer's tables
        cat.unlink()
        sqlite3.connect(cat).execute("PRAGMA user_version").fetchone()
        db = sqlite3.connect(cat)
        db.execute("PRAGMA journal_mode = DELETE")
        db.execute("VACUUM")
        db.close()
    elif how == "other_database":
        cat.unlink()
        db = sqlite3.connect(cat)
        db.execute("CREATE TABLE notes (body TEXT)")
        db.commit()
        db.close()


@pytest.mark.parametrize("how", ["zero_bytes", "deleted", "empty_database", "other_database"])
def test_a_lost_catalog_is_a_damaged_library_on_every_way_in(lib_dir, how, capsys):
    stored = _stored(lib_dir)
    assert len(stored) == 5
    _lose_catalog(lib_dir, how)
    before = _snapshot(lib_dir)

    for kwargs in ({}, {"readonly": True}, {"readonly_if_busy": True}):
        with pytest.raises(CatalogDamaged) as err:
            Library.open(lib_dir, **kwargs).close()
        assert err.value.reason == "catalog_damaged"
        text = str(err.value)
        if how != "other_database":
            assert "Nothing was deleted" in text and "5 stored PDFs" in text, text
        assert "newest backup is from" in text, text
    with pytest.raises(CatalogDamaged):
        Session.open(lib_dir).close()
    with pytest.raises(CatalogDamaged):
        Session.open(lib_dir, readonly=True).close()

    capsys.readouterr()
    assert cli.main(["--library", str(lib_dir), "info"]) == 3
    err_text = capsys.readouterr().err
    assert "briefer restore" in err_text and "backup" in err_text, err_text

    # Nothing deleted, nothing created, nothing changed (the index included).
    assert _stored(lib_dir) == stored
    assert _snapshot(lib_dir) == before

    result = maintenance.restore_backup(lib_dir)
    assert result.documents == 5
    with Library.open(lib_dir) as lib:
        assert len(lib.documents()) == 5
        assert lib.missing_files() == []
        assert len(lib.index.doc_ids()) == 5
    assert _stored(lib_dir) == stored


def test_without_a_backup_the_stored_pdfs_are_kept_and_the_message_says_so(lib_dir, capsys):
    for b in backup.list_backups(lib_dir):
        b.path.unlink()
    stored = _stored(lib_dir)
    (lib_dir / "library.sqlite").write_bytes(b"")
    with pytest.raises(CatalogDamaged) as err:
        Library.open(lib_dir).close()
    assert "no backup" in str(err.value) and "intact" in str(err.value)
    assert cli.main(["--library", str(lib_dir), "list"]) == 3
    assert _stored(lib_dir) == stored
    assert (lib_dir / "library.sqlite").stat().st_size == 0


def test_a_new_library_is_still_created(tmp_path):
    for root in (tmp_path / "new", tmp_path / "empty-folder", tmp_path / "zero"):
        root.mkdir(exist_ok=True)
        if root.name == "zero":  # a 0-byte catalog and nothing else: a new library
            (root / "library.sqlite").write_bytes(b"")
        with Library.open(root) as lib:
            assert lib.documents() == []
        assert (root / "index").is_dir()
    with Session.open(tmp_path / "via-session", samples=False) as s:
        assert s.created


def _forget(root: Path, n: int) -> list[str]:
    """Remove ``n`` documents from the catalog behind Briefer's back (as an older catalog
    put back by hand would), leaving their stored PDFs; their copies are made old."""
    db = sqlite3.connect(root / "library.sqlite")
    shas = [r[0] for r in db.execute("SELECT sha256 FROM documents ORDER BY id LIMIT ?", (n,))]
    db.executemany("DELETE FROM documents WHERE sha256 = ?", [(s,) for s in shas])
    db.commit()
    db.close()
    old = time.time() - 3600
    for f in _stored(root):
        os.utime(f, (old, old))
    return shas


def test_more_than_a_few_unknown_stored_pdfs_are_kept_and_reported(lib_dir):
    shas = _forget(lib_dir, STRAY_LIMIT + 1)
    with Library.open(lib_dir) as lib:
        assert sorted(f.stem for f in lib.stray_files) == sorted(shas)
    assert len(_stored(lib_dir)) == 5
    with Session.open(lib_dir) as s:
        assert len(s.stray_files) == STRAY_LIMIT + 1
        notes = docs_ops.open_notes(s)
        assert any("not in the catalog; nothing was deleted" in n for n in notes), notes
        check = docs_ops.check_library(s)
        assert not check.ok and len(check.stray_files) == STRAY_LIMIT + 1
        assert len(docs_ops.remove_stray_files(s)) == STRAY_LIMIT + 1  # asked: deleted
    assert len(_stored(lib_dir)) == 5 - (STRAY_LIMIT + 1)


def test_a_few_leftovers_and_this_sessions_own_copies_are_removed(lib_dir):
    _forget(lib_dir, 2)  # as after a kill between copying and recording
    partial = lib_dir / "files" / "ab" / ".import-x.part"
    partial.parent.mkdir(exist_ok=True)
    partial.write_bytes(b"%PDF-")
    with Library.open(lib_dir) as lib:
        assert lib.stray_files == []
        assert len(_stored(lib_dir)) == 3 and not partial.exists()
        # A copy this process wrote (an import whose files did not become documents):
        # removed however many there are.
        mine = []
        for k in range(STRAY_LIMIT + 2):
            f = lib_dir / "files" / "cd" / f"{'cd' + str(k) * 62}.pdf"
            f.parent.mkdir(exist_ok=True)
            f.write_bytes(b"%PDF-1.4")
            mine.append(f)
        assert lib.remove_orphan_files() == []
        assert not any(f.exists() for f in mine)
        assert len(_stored(lib_dir)) == 3


def test_a_full_disk_at_open_is_named_as_such_not_as_a_damaged_catalog(tmp_path, capsys):
    """SQLite reports a full disk at open as 'disk I/O error' (it cannot size its -shm
    file); that was called a damaged catalog, with advice to restore an older backup over
    an intact one. Now: the disk is full, nothing changed; readers still read."""
    from briefer.core.library import LibraryStorageError
    from tests.reliability.test_full_disk import tmpfs

    pdfs = make_pdfs(tmp_path / "pdfs", 2, pages=1)
    with tmpfs(tmp_path / "small", "4m") as mnt:
        root = mnt / "lib"
        with Library.open(root) as lib:
            lib.import_paths(pdfs, ocr=False)
        before = (root / "library.sqlite").read_bytes()
        st = os.statvfs(mnt)
        (mnt / "filler").write_bytes(b"\0" * (st.f_bavail * st.f_frsize))
        try:
            with pytest.raises(LibraryStorageError) as err:
                Library.open(root).close()
            assert err.value.reason == "disk_full"
            assert "the disk is full" in str(err.value)
            assert "nothing was changed or lost" in str(err.value)
            assert "damaged" not in str(err.value)
            with Library.open(root, readonly=True) as lib:  # reading still works
                assert len(lib.documents()) == 2
            capsys.readouterr()
            assert cli.main(["--library", str(root), "list"]) == 0
            out = capsys.readouterr()
            assert "the disk is full" in out.err and "damaged" not in out.err
            assert cli.main(["--library", str(root), "meta", "1", "--tag", "x"]) == 3
            out = capsys.readouterr()
            assert "the disk is full" in out.err and "damaged" not in out.err, out.err
            assert "restore" not in out.err
        finally:
            (mnt / "filler").unlink()
        assert (root / "library.sqlite").read_bytes() == before
        with Library.open(root) as lib:  # space is back: all as before
            assert len(lib.documents()) == 2
