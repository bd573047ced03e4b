"""Backups of the catalog: made by themselves, rotated, always good; a damaged catalog is
detected on open with a message naming `briefer restore`, which puts the newest good backup
in place, keeps the damaged file and rebuilds the index."""

from __future__ import annotations

import json
import os
import random
import sqlite3
from pathlib import Path

import pytest

from briefer.core.catalog import backup
from briefer.core.library import CatalogDamaged, Library
from tests.reliability.helpers import briefer, build_library, make_pdfs, no_traceback


def _corrupt_header(path: Path) -> None:
    with open(path, "r+b") as f:
        f.write(b"this is not SQLite at all\x00" * 4)


def _corrupt_pages(path: Path) -> None:
    """Random bytes over the b-tree pages after the first (the schema page is kept)."""
    size = path.stat().st_size
    rng = random.Random(7)
    with open(path, "r+b") as f:
        f.write(b"")
        for offset in range(4096, size, 4096):
            f.seek(offset)
            f.write(bytes(rng.randrange(256) for _ in range(4096)))


def test_backups_are_automatic_checked_and_rotated(tmp_path, monkeypatch):
    lib_dir = tmp_path / "lib"
    pdfs = make_pdfs(tmp_path / "pdfs", 8, pages=1)
    with Library.open(lib_dir) as lib:  # empty: nothing worth a backup
        pass
    assert backup.list_backups(lib_dir) == []
    with Library.open(lib_dir) as lib:
        lib.import_paths(pdfs[:1], ocr=False)
    first = backup.list_backups(lib_dir)
    assert len(first) == 1, "an import session must leave a backup"
    assert backup.check_file(first[0].path) is None
    db = sqlite3.connect(first[0].path)
    assert db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1
    db.close()
    # A session that changes nothing, or changes within SESSION_INTERVAL: no new copy.
    with Library.open(lib_dir):
        pass
    with Library.open(lib_dir) as lib:
        lib.import_paths(pdfs[1:2], ocr=False)
    assert len(backup.list_backups(lib_dir)) == 1
    # Sessions further apart than the interval each add one; only KEEP are kept.
    monkeypatch.setattr(backup, "SESSION_INTERVAL", 0.0)
    for pdf in pdfs[2:]:
        with Library.open(lib_dir) as lib:
            lib.import_paths([pdf], ocr=False)
    kept = backup.list_backups(lib_dir)
    assert len(kept) == backup.KEEP
    counts = [sqlite3.connect(b.path).execute("SELECT COUNT(*) FROM documents").fetchone()[0]
              for b in kept]
    assert counts == sorted(counts, reverse=True) and counts[0] == 8  # newest first
    assert not [p for p in (lib_dir / "backups").iterdir() if p.name.endswith(".part")]
    # A day after the newest backup, opening makes one when the work differs from it
    # (an edit made by a session that closed before the interval had passed) …
    monkeypatch.setattr(backup, "SESSION_INTERVAL", 3600.0)
    with Library.open(lib_dir) as lib:
        lib.catalog.update_metadata(1, {"title": "Edited, not yet backed up"})
    before = {b.path for b in backup.list_backups(lib_dir)}
    monkeypatch.setattr(backup, "OPEN_INTERVAL", 0.0)
    with Library.open(lib_dir):
        pass
    after = {b.path for b in backup.list_backups(lib_dir)}
    assert after != before
    # … and not when nothing changed since (a copy of the same work keeps nothing more).
    with Library.open(lib_dir):
        pass
    assert {b.path for b in backup.list_backups(lib_dir)} == after


@pytest.mark.parametrize("damage", [_corrupt_header, _corrupt_pages])
def test_damaged_catalog_is_detected_on_open(tmp_path, damage):
    lib_dir = tmp_path / "lib"
    with Library.open(lib_dir) as lib:
        lib.import_paths(make_pdfs(tmp_path / "pdfs", 3), ocr=False)
    damage(lib_dir / "library.sqlite")
    for readonly in (False, True):
        with pytest.raises(CatalogDamaged) as err:
            Library.open(lib_dir, readonly_if_busy=readonly)
        msg = str(err.value)  # plain words; the command line adds `briefer restore`
        assert "damaged" in msg and "backup" in msg and err.value.reason == "catalog_damaged"
    # Opening did not make a backup of the damaged file.
    for b in backup.list_backups(lib_dir):
        assert backup.check_file(b.path) is None


def test_damaged_catalog_restored_with_one_command(tmp_path):
    lib_dir = tmp_path / "lib"
    made = build_library(lib_dir, tmp_path / "pdfs")
    briefer(lib_dir, "backup")
    assert len(backup.list_backups(lib_dir)) >= 1
    catalog = lib_dir / "library.sqlite"
    _corrupt_pages(catalog)
    damaged_bytes = catalog.read_bytes()

    for args in (("list",), ("search", "proportionality"), ("brief", "show", "1"),
                 ("add", str(tmp_path / "pdfs"))):
        out = briefer(lib_dir, *args, check=3)
        no_traceback(out)
        assert "damaged" in out.stderr and "briefer restore" in out.stderr, out.stderr

    out = briefer(lib_dir, "restore", "--json")
    res = json.loads(out.stdout)
    assert res["documents"] == made["documents"] and res["briefs"] == 1
    kept = [Path(p) for p in res["kept_aside"]]
    assert kept and kept[0].name.startswith("library.sqlite.damaged-")
    assert kept[0].read_bytes() == damaged_bytes  # the damaged file is kept as it was

    docs = json.loads(briefer(lib_dir, "list", "--json").stdout)
    assert len(docs) == made["documents"]
    hits = json.loads(briefer(lib_dir, "search", "proportionality", "--json").stdout)
    assert hits["total"] > 0  # the index was rebuilt from the restored catalog
    show = json.loads(briefer(lib_dir, "brief", "show", made["brief_id"], "--json",
                              "--verify").stdout)
    assert show["verification"]["ok"]
    assert sum(len(s["items"]) for s in show["sections"]) == 2


def test_restore_skips_damaged_backups_and_keeps_a_sound_catalog(tmp_path):
    lib_dir = tmp_path / "lib"
    build_library(lib_dir, tmp_path / "pdfs", n=2)
    good = json.loads(briefer(lib_dir, "backup", "--json").stdout)
    briefer(lib_dir, "meta", "1", "--title", "Changed after the good backup")
    newest = json.loads(briefer(lib_dir, "backup", "--json").stdout)
    _corrupt_header(Path(newest["path"]))
    listing = json.loads(briefer(lib_dir, "restore", "--list", "--json").stdout)
    by_name = {r["name"]: r for r in listing}
    assert by_name[Path(newest["path"]).name]["ok"] is False
    assert by_name[Path(good["path"]).name]["ok"] is True
    text = briefer(lib_dir, "restore", "--list").stdout
    assert "DAMAGED" in text

    res = json.loads(briefer(lib_dir, "restore", "--json").stdout)
    assert res["restored_from"]["name"] == Path(good["path"]).name
    replaced = Path(res["kept_aside"][0])
    assert replaced.name.startswith("library.sqlite.replaced-")
    db = sqlite3.connect(replaced)  # the sound catalog it replaced, edit included
    assert db.execute("SELECT title FROM documents WHERE id = 1").fetchone()[0] == \
        "Changed after the good backup"
    db.close()
    doc = json.loads(briefer(lib_dir, "show", "1", "--json").stdout)
    assert doc["title"] != "Changed after the good backup"

    out = briefer(lib_dir, "restore", "no-such-backup.sqlite", check=3)
    assert "no backup" in out.stderr
    no_traceback(out)


def test_restore_refused_while_the_library_is_in_use(tmp_path):
    lib_dir = tmp_path / "lib"
    build_library(lib_dir, tmp_path / "pdfs", n=1)
    briefer(lib_dir, "backup")
    before = (lib_dir / "library.sqlite").read_bytes()
    with Library.open(lib_dir):
        out = briefer(lib_dir, "restore", check=3)
    assert "in use" in out.stderr
    no_traceback(out)
    assert (lib_dir / "library.sqlite").read_bytes() == before


def test_no_backups_is_said_plainly(tmp_path):
    lib_dir = tmp_path / "lib"
    with Library.open(lib_dir):
        pass
    _corrupt_header(lib_dir / "library.sqlite")
    out = briefer(lib_dir, "list", check=3)
    assert "no backup" in out.stderr.lower()
    out = briefer(lib_dir, "restore", check=3)
    assert "no backups" in out.stderr
    no_traceback(out)
    assert os.path.exists(lib_dir / "library.sqlite")


def test_restore_moves_pdfs_added_after_the_backup_out_of_harms_way(tmp_path):
    """The stored PDFs of documents added after the backup would be deleted as leftovers by
    the next open; restore moves them to recovered-…/ under their own names instead."""
    lib_dir = tmp_path / "lib"
    build_library(lib_dir, tmp_path / "pdfs", n=2)
    briefer(lib_dir, "backup", "--json")
    later = make_pdfs(tmp_path / "later", 1, word="subsidiarity")[0]
    named = later.with_name("Late statement.pdf")
    later.rename(named)
    briefer(lib_dir, "add", str(named), "--no-ocr")
    assert len(json.loads(briefer(lib_dir, "list", "--json").stdout)) == 3

    out = briefer(lib_dir, "restore", "--json")
    res = json.loads(out.stdout)
    assert [Path(p).name for p in res["recovered"]] == ["Late statement.pdf"]
    recovered = Path(res["recovered"][0])
    assert recovered.read_bytes() == named.read_bytes()
    assert len(json.loads(briefer(lib_dir, "list", "--json").stdout)) == 2
    assert recovered.exists()  # the next open did not take it
    text = briefer(lib_dir, "restore", check=None)  # the message names the folder
    assert text.returncode == 0 and "moved to" not in text.stderr  # nothing new to move
    briefer(lib_dir, "add", str(recovered.parent), "--no-ocr")
    hits = json.loads(briefer(lib_dir, "search", "subsidiarity", "--json").stdout)
    assert hits["total"] > 0
