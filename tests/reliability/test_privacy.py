"""The catalog and the index are as private as the stored PDFs: every folder of a library
is 0700 and every file 0600 whatever the umask (the catalog holds the text of encrypted
PDFs too), and an existing library made under a loose umask is tightened when it opens."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefer.core.library import Library
from tests.reliability.helpers import make_pdfs


@pytest.fixture
def umask():
    """Set the process's umask for one test (restored after it)."""
    saved = os.umask(0o022)
    os.umask(saved)
    yield os.umask
    os.umask(saved)


def _loose(paths) -> list[str]:
    """The paths that anyone but their owner may use."""
    out = []
    for p in paths:
        mode = stat.S_IMODE(os.lstat(p).st_mode)
        if mode & 0o077:
            out.append(f"{p} {oct(mode)}")
    return out


def _everything(root: Path) -> list[Path]:
    return [root, *root.rglob("*")]


@pytest.mark.parametrize("mask", [0o000, 0o022])
def test_a_new_library_is_private_whatever_the_umask(tmp_path, umask, mask):
    pdfs = make_pdfs(tmp_path / "pdfs", 2, pages=1)
    umask(mask)
    root = tmp_path / "lib"
    with Library.open(root) as lib:
        lib.import_paths(pdfs, ocr=False)
        names = {p.name for p in root.iterdir()}
        assert {"library.sqlite", "library.sqlite-wal", "library.lock", "files",
                "index"} <= names, names
        top = [root, root / "files", root / "index", root / "library.lock",
               *root.glob("backups"),
               *root.glob("library.sqlite*"), *(root / "index").iterdir(),
               *(root / "files").iterdir(), *(root / "files").glob("*/*.pdf")]
        assert _loose(top) == []
        lib.make_backup()
    with Library.open(root):  # what other rooms made (backups, files/xx) is tightened
        pass
    assert _loose(_everything(root)) == []


def test_an_existing_library_is_tightened_when_it_opens(tmp_path, umask):
    pdfs = make_pdfs(tmp_path / "pdfs", 1, pages=1)
    root = tmp_path / "lib"
    with Library.open(root) as lib:
        lib.import_paths(pdfs, ocr=False)
        lib.make_backup()
    for p in _everything(root):  # as an older Briefer under umask 000 left it
        if not p.is_symlink():
            os.chmod(p, 0o777 if p.is_dir() else 0o666)
    with Library.open(root):
        pass
    loose = _loose(_everything(root))
    # Only stored PDFs are not visited at open (they are written 0600 by Briefer), and
    # they sit in folders only the owner can enter.
    assert all(line.split()[0].endswith(".pdf") and "/files/" in line for line in loose), loose
    assert _loose([root / "files", *(root / "files").iterdir()]) == []
