"""Backups that hold the user's work (issue 16): made a few minutes after a change to clips,
briefs or details and at quit, safe on a worker thread, without page text (kept once in the
side file); a restore gives back searchable documents whose quotes verify, salvages a brief
made after the last backup from a damaged catalog, and names recovered PDFs by their own
names."""

from __future__ import annotations

import json
import random
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from briefer.core.catalog import backup
from briefer.core.ops import briefs, documents, export, maintenance, search
from briefer.core.ops.session import Session
from tests.reliability.helpers import briefer, make_pdfs, no_traceback

INTERVAL = maintenance.BACKUP_INTERVAL


def _rows(path: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def _library(tmp_path: Path, n: int = 3, pages: int = 3) -> tuple[Path, list[Path]]:
    lib = tmp_path / "lib"
    pdfs = make_pdfs(tmp_path / "pdfs", n, pages=pages)
    with Session.open(lib, samples=False) as s:
        report = documents.add_files(s, pdfs, ocr=False)
        assert report.documents_added == n
    return lib, pdfs


def _brief_with_quote(s: Session, title: str = "Our concerns") -> tuple[int, int]:
    cmd = briefs.create_brief(s, title, sections=["Background"])
    bid, sid = cmd.brief_id, cmd.section_ids[0]
    briefs.add_commentary(s, bid, sid, "Notified in haste.")
    page = s.catalog().page(1, 0)
    start = page.text.index("National Coordinator may order blocking")
    briefs.quote_into_brief(s, bid, sid, doc_id=1, page_index=0, start=start,
                                end=start + len("National Coordinator may order blocking"))
    return bid, sid


def test_a_brief_change_is_backed_up_once_the_interval_passed(tmp_path):
    lib, _ = _library(tmp_path)
    [first] = backup.list_backups(lib)  # made when the importing session closed
    with Session.open(lib, samples=False) as s:
        assert maintenance.backup_if_due(s, now=time.time() + INTERVAL + 1) is None  # same
        bid, _ = _brief_with_quote(s)
        # Changed, but the newest backup is younger than the interval: not yet.
        assert maintenance.backup_if_due(s) is None
        assert maintenance.backup_if_due(s, now=time.time() + INTERVAL - 5) is None
        second = maintenance.backup_if_due(s, now=time.time() + INTERVAL + 1)
        assert second is not None and second.path != first.path
        assert _rows(second.path, "SELECT title FROM briefs") == [("Our concerns",)]
        assert _rows(second.path, "SELECT COUNT(*) FROM clips") == [(1,)]
        # Nothing changed since: not due however late it is.
        assert maintenance.backup_if_due(s, now=time.time() + 3 * INTERVAL) is None
        # A change to a document's details counts too; at quit no interval applies.
        documents.edit_metadata(s, 2, title="Renamed after the backup")
        assert maintenance.backup_if_due(s) is None
        third = maintenance.backup_if_due(s, at_quit=True)
        assert third is not None
        assert ("Renamed after the backup",) in _rows(third.path, "SELECT title FROM documents")
        assert backup.check_file(third.path) is None
    with Session.open(lib, readonly=True) as ro:  # a reader never backs up
        assert maintenance.backup_if_due(ro, at_quit=True) is None


def test_a_backup_holds_no_page_text_and_restores_searchable_verified_documents(tmp_path):
    lib, _ = _library(tmp_path, n=4, pages=4)
    with Session.open(lib, samples=False) as s:
        bid, _ = _brief_with_quote(s)
        info = maintenance.backup_now(s)
        texts = _rows(lib / "library.sqlite",
                      "SELECT doc_id, page_index, text FROM pages ORDER BY 1, 2")
    assert sum(len(t) for _, _, t in texts) > 10_000
    # The backup has every page row, none of their text; the side file has it once.
    assert _rows(info.path, "SELECT COUNT(*), SUM(length(text)) FROM pages") == \
        [(len(texts), 0)]
    side = backup.side_file(lib)
    assert _rows(side, "SELECT COUNT(DISTINCT version) FROM versions") == [(4,)]
    with Session.open(lib, samples=False) as s:  # a second backup copies no text again
        documents.edit_metadata(s, 1, title="Edited")
        maintenance.backup_now(s)
    assert _rows(side, "SELECT COUNT(DISTINCT version) FROM versions") == [(4,)]

    result = maintenance.restore_backup(lib, info.path.name)
    assert result.documents == 4 and result.briefs == 1 and not result.text_missing
    assert _rows(lib / "library.sqlite",
                 "SELECT doc_id, page_index, text FROM pages ORDER BY 1, 2") == texts
    with Session.open(lib, samples=False) as s:
        assert search.run_search(s, "proportionality").total > 0  # the rebuilt index
        assert export.verify_brief(s, bid).ok


def _scribble_middle_of_table(catalog: Path, table: str, where: str = "middle") -> int:
    """Random bytes over one leaf page in the middle (or at the end: ``where="last"``) of
    ``table``'s b-tree; its number."""
    db = sqlite3.connect(catalog)
    try:
        try:
            leaves = [r[0] for r in db.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' "
                "ORDER BY pageno", (table,))]
        except sqlite3.OperationalError:
            pytest.skip("this SQLite has no dbstat table to find a page of the catalog")
        size = db.execute("PRAGMA page_size").fetchone()[0]
    finally:
        db.close()
    assert len(leaves) >= 3
    page = leaves[len(leaves) // 2] if where == "middle" else leaves[-1]
    rng = random.Random(16)
    with open(catalog, "r+b") as f:
        f.seek((page - 1) * size)
        f.write(bytes(rng.randrange(256) for _ in range(size)))
    return page


def test_restore_from_a_scribbled_catalog_keeps_a_brief_made_after_the_backup(tmp_path):
    lib, _ = _library(tmp_path, n=8, pages=5)
    with Session.open(lib, samples=False) as s:
        made = maintenance.backup_now(s)  # the documents only: no brief yet
        assert _rows(made.path, "SELECT COUNT(*) FROM briefs") == [(0,)]
        bid, _ = _brief_with_quote(s)
        documents.edit_metadata(s, 2, title="Edited after the backup")
    # The session closed within the interval: no backup holds the brief.
    assert backup.list_backups(lib)[0].path == made.path
    catalog = lib / "library.sqlite"
    _scribble_middle_of_table(catalog, "pages")
    out = briefer(lib, "list", check=3)
    assert "damaged" in out.stderr

    out = briefer(lib, "restore", "--json")
    res = json.loads(out.stdout)
    assert res["briefs"] == 1 and res["documents"] == 8
    assert res["salvage"]["briefs_added"] == ["Our concerns"]
    assert res["salvage"]["clips_added"] == 1 and res["salvage"]["quotes_lost"] == 0
    assert res["salvage"]["documents_updated"] == ["Edited after the backup"]
    assert res["text_missing"] == [] and res["recovered"] == []
    show = json.loads(briefer(lib, "brief", "show", str(bid), "--json", "--verify").stdout)
    assert show["title"] == "Our concerns" and show["verification"]["ok"]
    kinds = [i["kind"] for sec in show["sections"] for i in sec["items"]]
    assert sorted(kinds) == ["quote", "text"]
    doc = json.loads(briefer(lib, "show", "2", "--json").stdout)
    assert doc["title"] == "Edited after the backup"
    hits = json.loads(briefer(lib, "search", "proportionality", "--json").stdout)
    assert hits["total"] > 0


def test_restore_output_says_what_was_salvaged(tmp_path):
    lib, _ = _library(tmp_path, n=8, pages=5)
    with Session.open(lib, samples=False) as s:
        maintenance.backup_now(s)
        _brief_with_quote(s, "Late brief")
    _scribble_middle_of_table(lib / "library.sqlite", "pages")
    out = briefer(lib, "restore")
    no_traceback(out)
    assert 'Salvaged from the damaged catalog' in out.stderr
    assert 'the brief "Late brief"' in out.stderr
    assert "library.sqlite.damaged-" in out.stderr


def test_a_truncated_catalog_is_restored_with_what_can_be_read(tmp_path):
    lib, _ = _library(tmp_path, n=8, pages=5)
    with Session.open(lib, samples=False) as s:
        maintenance.backup_now(s)
        documents.edit_metadata(s, 3, title="Edited after the backup")
    catalog = lib / "library.sqlite"
    with open(catalog, "r+b") as f:
        f.truncate(catalog.stat().st_size * 2 // 3)
    result = maintenance.restore_backup(lib)
    assert result.documents == 8 and not result.text_missing
    assert result.salvage is not None  # read what it could; says what it could not
    assert result.kept_aside[0].name.startswith("library.sqlite.damaged-")
    out = json.loads(briefer(lib, "search", "proportionality", "--json").stdout)
    assert out["total"] > 0


def test_recovered_pdfs_carry_their_names_when_only_a_backup_knows_them(tmp_path):
    """The catalog is gone (0 bytes) and the backup chosen predates a document: its PDF is
    moved to recovered-…/ under the name a later backup recorded, not its SHA-256."""
    lib, _ = _library(tmp_path, n=2, pages=1)
    with Session.open(lib, samples=False) as s:
        old = maintenance.backup_now(s)
        late = make_pdfs(tmp_path / "late", 1, word="subsidiarity")[0]
        named = late.with_name("Late statement.pdf")
        late.rename(named)
        documents.add_files(s, [named], ocr=False)
        maintenance.backup_now(s)
    (lib / "library.sqlite").write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        p = lib / f"library.sqlite{suffix}"
        if p.exists():
            p.unlink()
    result = maintenance.restore_backup(lib, old.path.name)
    assert [p.name for p in result.recovered] == ["Late statement.pdf"]
    assert result.recovered[0].read_bytes() == named.read_bytes()


def test_backup_if_due_on_a_worker_thread_while_the_main_thread_edits(tmp_path, monkeypatch):
    lib, _ = _library(tmp_path)
    with Session.open(lib, samples=False) as s:
        bid, sid = _brief_with_quote(s)
        inside, go = threading.Event(), threading.Event()
        real = backup._record_texts

        def held(db, has_ocr):  # the backup holds its read transaction open here
            inside.set()
            assert go.wait(30)
            return real(db, has_ocr)

        monkeypatch.setattr(backup, "_record_texts", held)
        made: list = []
        errors: list = []

        def work():
            try:
                made.append(maintenance.backup_if_due(s, at_quit=True))
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        worker = threading.Thread(target=work)
        worker.start()
        assert inside.wait(30)
        # The main thread edits while the backup is half-way: not blocked, not lost.
        briefs.add_commentary(s, bid, sid, "Typed while a backup ran.")
        documents.edit_metadata(s, 1, title="Edited while a backup ran")
        go.set()
        worker.join(30)
        assert not worker.is_alive() and not errors, errors
        first = made[0]
        assert first is not None and backup.check_file(first.path) is None
        bodies = [r[0] for r in _rows(first.path, "SELECT body FROM brief_items")]
        assert "Typed while a backup ran." not in bodies  # a snapshot from before the edit
        monkeypatch.setattr(backup, "_record_texts", real)
        second = maintenance.backup_if_due(s, at_quit=True)  # the quit backup has it
        assert second is not None
        bodies = [r[0] for r in _rows(second.path, "SELECT body FROM brief_items")]
        assert "Typed while a backup ran." in bodies
        assert maintenance.backup_if_due(s, at_quit=True) is None  # nothing new


def test_a_brief_edited_after_the_backup_gets_its_changes_back(tmp_path):
    lib, _ = _library(tmp_path, n=8, pages=5)
    with Session.open(lib, samples=False) as s:
        bid, sid = _brief_with_quote(s)
        maintenance.backup_now(s)
        briefs.add_commentary(s, bid, sid, "Written after the last backup.")
        briefs.rename_section(s, bid, sid, "Background and timeline")
    _scribble_middle_of_table(lib / "library.sqlite", "pages")
    result = maintenance.restore_backup(lib)
    assert result.salvage.briefs_updated == ["Our concerns"]
    assert result.salvage.briefs_copied == []
    with Session.open(lib, samples=False) as s:
        brief = briefs.get_brief(s, bid)
        assert [sec.heading for sec in brief.sections] == ["Background and timeline"]
        bodies = [getattr(i, "body", "") for sec in brief.sections for i in sec.items]
        assert "Written after the last backup." in bodies
        assert export.verify_brief(s, bid).ok


def test_a_deleted_catalog_is_restored_from_the_newest_backup(tmp_path):
    lib, _ = _library(tmp_path, n=3, pages=2)
    with Session.open(lib, samples=False) as s:
        bid, _ = _brief_with_quote(s)
        maintenance.backup_now(s)
    for suffix in ("", "-wal", "-shm"):
        p = lib / f"library.sqlite{suffix}"
        if p.exists():
            p.unlink()
    result = maintenance.restore_backup(lib)
    assert result.documents == 3 and result.briefs == 1
    assert result.kept_aside == [] and result.recovered == [] and result.salvage is None
    with Session.open(lib, samples=False) as s:
        assert export.verify_brief(s, bid).ok
        assert search.run_search(s, "proportionality").total > 0


def test_rotation_keeps_the_newest_and_one_a_day_for_a_week(tmp_path):
    import shutil
    from datetime import datetime, timedelta, timezone

    lib, _ = _library(tmp_path, n=1, pages=1)
    [made] = backup.list_backups(lib)
    now = datetime.now(timezone.utc)
    for days in range(1, 11):  # two copies a day for ten days before today
        for hour in (1, 2):
            when = now - timedelta(days=days, hours=hour)
            name = f"library-{when.strftime('%Y%m%d-%H%M%S-%f')}.sqlite"
            shutil.copyfile(made.path, made.path.with_name(name))
    with Session.open(lib, samples=False) as s:
        for k in range(backup.KEEP):
            documents.edit_metadata(s, 1, title=f"Edit {k}")
            assert maintenance.backup_if_due(s, at_quit=True) is not None
    kept = backup.list_backups(lib)
    today = [b for b in kept if b.created > (now - timedelta(hours=1)).timestamp()]
    older = [b for b in kept if b not in today]
    assert len(today) == backup.KEEP
    assert len(older) == backup.KEEP_DAYS  # the newest of each of the 7 days before
    days = [datetime.fromtimestamp(b.created).date() for b in older]
    assert len(set(days)) == backup.KEEP_DAYS


def test_what_was_salvaged_is_backed_up_at_once(tmp_path):
    lib, _ = _library(tmp_path, n=8, pages=5)
    with Session.open(lib, samples=False) as s:
        maintenance.backup_now(s)
        _brief_with_quote(s, "Late brief")
    _scribble_middle_of_table(lib / "library.sqlite", "pages")
    result = maintenance.restore_backup(lib)
    assert result.salvage.briefs_added == ["Late brief"]
    newest = backup.list_backups(lib)[0]
    assert _rows(newest.path, "SELECT title FROM briefs") == [("Late brief",)]


def test_a_partly_unreadable_brief_is_kept_beside_the_backups_version(tmp_path):
    """Brief items read only in part: the backup's version is not overwritten by a partial
    one; what was read is added beside it as a copy, and the gap is reported."""
    lib, _ = _library(tmp_path, n=2, pages=2)
    with Session.open(lib, samples=False) as s:
        bid, sid = _brief_with_quote(s)
        maintenance.backup_now(s)
        for k in range(150):
            briefs.add_commentary(s, bid, sid, f"Point {k}: " + "reasoned at length. " * 25)
    _scribble_middle_of_table(lib / "library.sqlite", "brief_items")
    result = maintenance.restore_backup(lib)
    rep = result.salvage
    assert rep.briefs_copied == ["Our concerns"] and rep.briefs_updated == []
    assert any(u.startswith("brief items: the rows numbered") for u in rep.unreadable)
    with Session.open(lib, samples=False) as s:
        listed = {b.title: b for b in briefs.list_briefs(s)}
        assert set(listed) == {"Our concerns", "Our concerns (salvaged)"}
        kept = briefs.get_brief(s, bid)
        assert sum(len(sec.items) for sec in kept.sections) == 2  # as in the backup
        copy = briefs.get_brief(s, listed["Our concerns (salvaged)"].id)
        n = sum(len(sec.items) for sec in copy.sections)
        assert 2 < n < 152  # most of what was typed after the backup, not all
        assert export.verify_brief(s, copy.id).ok


def test_a_library_from_before_lean_backups_is_not_backed_up_while_it_opens(tmp_path,
                                                                            monkeypatch):
    """The first lean backup copies every page's text into the side file: not at open
    (the window waits for that), but on the next due backup after it."""

    lib, _ = _library(tmp_path, n=2, pages=2)
    for b in backup.list_backups(lib):  # as an older Briefer left it: full copies only
        b.path.unlink()
    backup.side_file(lib).unlink()
    old = backup.backup_dir(lib) / "library-20200101-000000-000000.sqlite"
    src = sqlite3.connect(lib / "library.sqlite")
    dst = sqlite3.connect(old)
    src.backup(dst)
    dst.close()
    src.close()
    documents_before = _rows(old, "SELECT COUNT(*) FROM documents")
    db = sqlite3.connect(lib / "library.sqlite")  # work the old copy does not hold
    db.execute("UPDATE documents SET title = 'Edited by an older Briefer' WHERE id = 1")
    db.commit()
    db.close()
    monkeypatch.setattr(backup, "OPEN_INTERVAL", 0.0)
    with Session.open(lib, samples=False) as s:
        briefs.create_brief(s, "After the upgrade")
        assert [b.path for b in backup.list_backups(lib)] == [old]  # not at open
        made = maintenance.backup_if_due(s)  # the old copy is years old: due
    assert made is not None and backup.is_lean(made.path)
    assert backup.side_file(lib).exists()
    assert _rows(made.path, "SELECT COUNT(*) FROM documents") == documents_before
    assert ("Edited by an older Briefer",) in _rows(made.path, "SELECT title FROM documents")


def test_ocr_text_and_word_boxes_come_back_from_the_side_file(tmp_path):
    """OCR results are expensive to redo: a backup keeps them (in the side file, not in
    each backup), and a restore puts back the OCR text and its word boxes exactly."""
    from briefer.core.library import Library
    from briefer.core.ocr import store
    from briefer.core.ocr.tsv import PageOcr

    lib, _ = _library(tmp_path, n=2, pages=2)
    words = [[0.0, 7.0, 10.0, 20.0, 60.0, 32.0], [8.0, 15.0, 64.0, 20.0, 110.0, 32.0]]
    with Library.open(lib) as library:
        store.ensure_schema(library.catalog)
        store.store_result(library, 2, 1, "eng", PageOcr(text="Scanned seventeen words",
                                                        confidence=91.0, words=words))
    with Session.open(lib, samples=False) as s:
        made = maintenance.backup_now(s)
    assert _rows(made.path, "SELECT words FROM ocr_pages") == [("[]",)]
    assert _rows(made.path, "SELECT text FROM pages WHERE doc_id = 2 AND page_index = 1") \
        == [("",)]
    (lib / "library.sqlite").write_bytes(b"")  # the catalog is lost
    for suffix in ("-wal", "-shm"):
        p = lib / f"library.sqlite{suffix}"
        if p.exists():
            p.unlink()
    maintenance.restore_backup(lib, made.path.name)
    catalog = lib / "library.sqlite"
    assert _rows(catalog, "SELECT text, text_source FROM pages WHERE doc_id = 2 AND "
                 "page_index = 1") == [("Scanned seventeen words", "ocr")]
    assert json.loads(_rows(catalog, "SELECT words FROM ocr_pages")[0][0]) == words


def _age_backups(lib: Path, seconds: float) -> None:
    """Rename every backup as if it had been made ``seconds`` earlier."""
    from datetime import datetime, timezone

    for b in backup.list_backups(lib):
        when = datetime.fromtimestamp(b.created - seconds, timezone.utc)
        b.path.rename(b.path.with_name(f"library-{when.strftime('%Y%m%d-%H%M%S-%f')}.sqlite"))


def test_a_command_that_changed_a_brief_backs_up_on_exit_when_due(tmp_path):
    lib, _ = _library(tmp_path, n=1, pages=1)
    with Session.open(lib, samples=False) as s:
        maintenance.backup_now(s)
    briefer(lib, "brief", "new", "Typed at the command line", "--section", "Background")
    # Not due yet (the newest backup is seconds old): no backup holds the brief.
    before = backup.list_backups(lib)
    assert all(_rows(b.path, "SELECT COUNT(*) FROM briefs") == [(0,)] for b in before)
    before = {b.path.name for b in before}
    _age_backups(lib, INTERVAL + 60)  # five minutes later
    briefer(lib, "brief", "add", "1", "--to", "Background", "--text", "A second thought.")
    newest = backup.list_backups(lib)[0]
    assert newest.path.name not in before  # made on exit: due after 4 minutes
    assert backup.is_lean(newest.path)
    assert _rows(newest.path, "SELECT title FROM briefs") == [("Typed at the command line",)]
    assert ("A second thought.",) in _rows(newest.path, "SELECT body FROM brief_items")


def test_backups_and_the_side_file_are_private_whatever_the_umask(tmp_path):
    """They hold the text of every PDF (encrypted ones too): 0700 folder, 0600 files."""
    import os
    import stat

    lib, _ = _library(tmp_path, n=1, pages=1)
    old = os.umask(0)
    try:
        for p in backup.backup_dir(lib).iterdir():
            p.unlink()
        backup.backup_dir(lib).rmdir()
        with Session.open(lib, samples=False) as s:
            documents.edit_metadata(s, 1, title="Edited")
            made = maintenance.backup_now(s)
            # as made, not only once the next open has tightened what it finds
            made_now = [backup.backup_dir(lib), made.path, backup.side_file(lib)]
            loose = [(p.name, oct(stat.S_IMODE(p.stat().st_mode))) for p in made_now
                     if stat.S_IMODE(p.stat().st_mode) & 0o077]
        (lib / "library.sqlite").write_bytes(b"")
        result = maintenance.restore_backup(lib)
    finally:
        os.umask(old)
    assert loose == []
    for p in [lib / "library.sqlite", *result.kept_aside]:
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode & 0o077 == 0, (p.name, oct(mode))


@pytest.mark.parametrize("where", ["middle", "last"])
def test_a_document_added_after_the_backup_is_salvaged_or_recovered_by_name(tmp_path, where):
    """Its pages all read: it is back in the library, searchable. Its pages damaged: its PDF
    is moved to recovered-…/ under its own name, to be added again."""
    lib, _ = _library(tmp_path, n=8, pages=5)
    late = make_pdfs(tmp_path / "late", 1, pages=5, word="subsidiarity")[0]
    named = late.with_name("Late statement.pdf")
    late.rename(named)
    with Session.open(lib, samples=False) as s:
        maintenance.backup_now(s)
        assert documents.add_files(s, [named], ocr=False).documents_added == 1
    _scribble_middle_of_table(lib / "library.sqlite", "pages", where)
    result = maintenance.restore_backup(lib)
    if where == "middle":
        assert len(result.salvage.documents_added) == 1 and result.recovered == []
        assert result.documents == 9
        with Session.open(lib, samples=False) as s:
            assert search.run_search(s, "subsidiarity").total > 0
    else:
        assert result.salvage.documents_added == [] and result.documents == 8
        assert [p.name for p in result.recovered] == ["Late statement.pdf"]
        assert result.recovered[0].read_bytes() == named.read_bytes()


def test_a_damaged_side_file_still_restores_and_names_what_has_no_text(tmp_path):
    lib, _ = _library(tmp_path, n=2, pages=2)
    with Session.open(lib, samples=False) as s:
        made = maintenance.backup_now(s)
    backup.side_file(lib).write_bytes(b"not a database at all" * 100)
    # The catalog it replaces is sound and has the same versions: the text comes from it.
    result = maintenance.restore_backup(lib, made.path.name)
    assert result.text_missing == []
    with Session.open(lib, samples=False) as s:
        assert search.run_search(s, "proportionality").total > 0
    # No catalog either: the backup is put back all the same, and what lacks text is named.
    (lib / "library.sqlite").write_bytes(b"")
    out = briefer(lib, "restore", made.path.name)
    no_traceback(out)
    assert "The text of 2 document(s) was in no backup" in out.stderr


def test_a_damaged_side_file_is_set_aside_and_backups_go_on(tmp_path):
    lib, _ = _library(tmp_path, n=2, pages=2)
    backup.side_file(lib).write_bytes(b"not a database at all" * 100)
    with Session.open(lib, samples=False) as s:
        made = maintenance.backup_now(s)
    assert backup.is_lean(made.path)
    assert _rows(backup.side_file(lib), "SELECT COUNT(DISTINCT version) FROM versions") == [(2,)]
    assert list(backup.backup_dir(lib).glob("page-text.sqlite.damaged-*"))  # kept, not lost
