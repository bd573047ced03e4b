"""One schema registry: every module's tables are made and upgraded when the catalog opens
(``briefer/core/catalog/tables.py``), none on first use; salvage and backups know them all;
read-only catalogs still open. And the narrow library handle the rooms below ``library``
accept (``briefer/core/handle.py``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefer.core.catalog import backup, salvage
from briefer.core.catalog.catalog import Catalog, CatalogError
from briefer.core.catalog.schema import MIGRATIONS, split_sql
from briefer.core.catalog.tables import REGISTRY, TableSpec, all_tables, spec


def _tables(path: Path) -> set[str]:
    db = sqlite3.connect(str(path))
    try:
        return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        db.close()


def _old_catalog(path: Path, modules: dict[str, int]) -> None:
    """A catalog as an earlier Briefer left it: the catalog's own tables, and of the
    modules only ``modules`` (name → version made), as first use used to make them."""
    db = sqlite3.connect(str(path), isolation_level=None)
    for script in MIGRATIONS:
        for stmt in split_sql(script):
            db.execute(stmt)
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
    db.execute("INSERT INTO meta(key, value) VALUES ('library_id', 'old')")
    for module, version in modules.items():
        for script in spec(module).migrations[:version]:
            for stmt in split_sql(script):
                db.execute(stmt)
        db.execute("INSERT INTO meta(key, value) VALUES (?, ?)", (f"schema.{module}", version))
    db.close()


def test_every_declared_table_is_made_when_a_new_catalog_opens(tmp_path):
    cat = Catalog(tmp_path / "library.sqlite")
    try:
        for s in REGISTRY:
            assert cat.meta(s.key) == str(s.version), s.module
    finally:
        cat.close()
    assert {t.name for t in all_tables()} <= _tables(tmp_path / "library.sqlite")


def test_an_old_catalog_is_upgraded_at_open_every_module_at_once(tmp_path):
    path = tmp_path / "library.sqlite"
    _old_catalog(path, {"ocr": 1, "briefs": 1})  # OCR tables of version 1, no history
    db = sqlite3.connect(str(path))
    db.execute("INSERT INTO documents(id, sha256, file_name, size, status, added_at, "
               "updated_at) VALUES (1, 'ab', 'a.pdf', 1, 'ok', 't', 't')")
    db.execute("INSERT INTO ocr_documents(doc_id, languages) VALUES (1, 'urd')")
    db.commit()
    db.close()
    cat = Catalog(path)
    try:
        assert cat.meta("schema.ocr") == "2"
        assert cat.meta("schema.search") == "1"
        # the row of version 1 is kept, with the column version 2 added
        assert [tuple(r) for r in cat.execute(
            "SELECT doc_id, languages, source FROM ocr_documents")] == [(1, "urd", "user")]
    finally:
        cat.close()
    assert {"search_history", "saved_searches", "page_text_order",
            "partial_reads"} <= _tables(path)


def test_a_migration_that_fails_leaves_the_catalog_as_it_was(tmp_path, monkeypatch):
    """All modules' tables in one transaction: a bad script makes none of them."""
    from briefer.core.catalog import catalog as catalog_module

    path = tmp_path / "library.sqlite"
    _old_catalog(path, {})
    bad = TableSpec("broken", "search", (), ("CREATE TABLE documents (x INTEGER)",))
    monkeypatch.setattr(catalog_module, "REGISTRY", REGISTRY + (bad,))
    with pytest.raises(CatalogError):
        Catalog(path)
    assert not {t.name for t in all_tables()} & _tables(path)
    monkeypatch.setattr(catalog_module, "REGISTRY", REGISTRY)
    Catalog(path).close()  # and opens once the script is right
    assert {t.name for t in all_tables()} <= _tables(path)


def test_no_store_makes_a_table_on_first_use(tmp_path):
    """The stores only use what the open made: nothing in sqlite_master changes."""
    from briefer.core.briefs.store import BriefStore
    from briefer.core.clips import briefdb
    from briefer.core.search import history

    path = tmp_path / "library.sqlite"
    _old_catalog(path, {})
    cat = Catalog(path)
    try:
        before = cat.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
        changes = cat.total_changes()
        BriefStore(cat)
        history.record(cat, "contract", {}, "relevance", 3)
        history.save_search(cat, "mine", "contract")
        assert [h.query for h in history.history(cat)] == ["contract"]
        assert briefdb.count_briefs(cat) == 0
        assert cat.execute("SELECT type, name, sql FROM sqlite_master").fetchall() == before
        assert cat.total_changes() > changes  # the rows were written
    finally:
        cat.close()


def test_a_read_only_catalog_without_the_tables_opens_and_reads_them_as_empty(tmp_path):
    from briefer.core.clips import briefdb
    from briefer.core.clips.clips import ClipStore
    from briefer.core.ocr import store as ocr_store
    from briefer.core.search import history

    path = tmp_path / "library.sqlite"
    _old_catalog(path, {"briefs": 1})
    cat = Catalog(path, readonly=True)
    try:
        assert cat.meta("schema.search") is None  # nothing made
        assert history.history(cat) == [] and history.saved_searches(cat) == []
        history.record(cat, "contract")  # quietly nothing
        assert briefdb.count_briefs(cat) == 0
        ClipStore(cat)  # its tables are there

        class View:  # the narrow handle: a catalog, an index, a folder
            root = tmp_path
            catalog = cat
            index = None

        assert ocr_store.word_boxes(View(), 1, 0) == []
        assert ocr_store.ocr_summary(View(), 1)["languages"] == []
    finally:
        cat.close()
    path2 = tmp_path / "other.sqlite"
    _old_catalog(path2, {})
    cat = Catalog(path2, readonly=True)
    try:
        with pytest.raises(CatalogError):
            ClipStore(cat)  # clips cannot be kept where their tables cannot be made
    finally:
        cat.close()


def test_tables_written_by_a_newer_briefer_are_refused_at_open(tmp_path):
    path = tmp_path / "library.sqlite"
    _old_catalog(path, {"search": 1})
    db = sqlite3.connect(str(path))
    db.execute("UPDATE meta SET value = '7' WHERE key = 'schema.search'")
    db.commit()
    db.close()
    for readonly in (False, True):
        with pytest.raises(CatalogError) as err:
            Catalog(path, readonly=readonly)
        assert err.value.reason == "newer_version"
        assert "newer Briefer" in str(err.value)


def test_salvage_and_backups_know_every_declared_table():
    for t in all_tables():
        assert t.name in salvage._NOUNS, f"{t.name}: no words for its rows"
        if t.salvage == "by_doc":
            assert t.name in salvage._BY_DOC_TABLES and t.name in salvage._WITH_DOCUMENT
        elif t.salvage == "merged":
            assert t.name in salvage._ROWID_TABLES
        if t.work:
            assert t.name in backup._WORK_TABLES
    assert "partial_reads" in salvage._BY_DOC_TABLES  # once missing from salvage


def test_a_view_shares_the_index_and_the_read_only_state(tmp_path):
    from briefer.core.library import Library

    with Library.open(tmp_path / "lib") as lib:
        other = Catalog(tmp_path / "lib" / "library.sqlite")
        try:
            view = lib.view(other)
            assert view.catalog is other and view.index is lib.index
            assert view.root == lib.root and view.readonly == lib.readonly
            assert view.opened_at == lib.opened_at
        finally:
            other.close()


def test_salvage_brings_back_what_every_module_kept_into_an_older_backup(tmp_path):
    """A backup an older Briefer made (no module tables): salvage makes each module's
    tables whole from the damaged catalog, with its version, and a document added back
    keeps the rows declared as going with it (a partial read, once forgotten)."""
    from briefer.core.search import history

    damaged = tmp_path / "damaged.sqlite"
    cat = Catalog(damaged)
    sha = "ab" * 32
    with cat.transaction() as db:
        db.execute("INSERT INTO documents(id, sha256, file_name, size, page_count, status, "
                   "added_at, updated_at) VALUES (5, ?, 'a.pdf', 1, 1, 'ok', 't', 't')",
                   (sha,))
        db.execute("INSERT INTO pages(doc_id, page_index, label, label_source, text) "
                   "VALUES (5, 0, '1', 'index', 'Some words')")
        db.execute("INSERT INTO partial_reads(doc_id, pages_read, page_count, time_limit) "
                   "VALUES (5, 1, 3, 60.0)")
    history.save_search(cat, "mine", "contract")
    cat.close()
    files = tmp_path / "files"
    (files / sha[:2]).mkdir(parents=True)
    (files / sha[:2] / f"{sha}.pdf").write_bytes(b"%PDF-1.4")
    target = tmp_path / "library.sqlite"
    _old_catalog(target, {})

    found = salvage.read_damaged(damaged, tmp_path / "scratch.sqlite")
    salvage.merge(target, found, files)

    assert {"saved_searches", "search_history", "partial_reads"} <= _tables(target)
    cat = Catalog(target)
    try:
        assert [s.name for s in history.saved_searches(cat)] == ["mine"]
        assert cat.meta("schema.search") == "1"
        (doc_id,) = cat.document_ids()
        assert [tuple(r) for r in cat.execute(
            "SELECT doc_id, pages_read, page_count FROM partial_reads")] == [(doc_id, 1, 3)]
    finally:
        cat.close()
