"""The catalog: ``library.sqlite``, the source of truth for everything in a library.

Documents, their metadata and tags, every page's text and printed label, outlines and the
import log. The Whoosh index is only a cache built from this. The schema and its
migrations are in :mod:`.schema`, the records read back in :mod:`.records` (their names
are also importable from here). Every write is one transaction: a document is in the
catalog whole or not at all.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Sequence

from briefer.core.catalog.records import (DOC_TYPES, EDITABLE_FIELDS, SEARCHABLE_STATUSES,
                                          Document, Page, PageNumbering, normalise_tags,
                                          now_iso)
from briefer.core.catalog.schema import MIGRATIONS, SCHEMA_VERSION, split_sql
from briefer.core.catalog.tables import REGISTRY, TableSpec
from briefer.core.errors import BrieferError

__all__ = ["Catalog", "CatalogError", "DOC_TYPES", "Document", "EDITABLE_FIELDS", "Page",
           "SEARCHABLE_STATUSES", "normalise_tags", "now_iso", "readonly_uri"]


class CatalogError(BrieferError):
    """The catalog cannot be used; the message says why in plain words (reason
    ``catalog_error``; ``newer_version`` when a newer Briefer wrote it)."""

    reason = "catalog_error"


_DOC_COLUMNS = (
    "id, sha256, file_name, source_path, size, page_count, status, reason, title, doc_type, "
    "issuer, date, language, source_url, info, engine, encrypted, version, supersedes, "
    "superseded_by, edited_fields, indexed, added_at, updated_at"
)


class Catalog:
    """A connection to one ``library.sqlite``, used by one thread at a time.

    Each thread that works on a library gets its own (``Session.catalog()``); the
    connection may be closed by another thread once its own thread is done with it.
    """

    def __init__(self, path: str | Path, readonly: bool = False, *,
                 new_ok: bool = True, immutable: bool = False) -> None:
        """Open (or create) the catalog at ``path``.

        ``new_ok=False``: the library already holds data (stored PDFs, backups, an index),
        so an empty database here is not a new library but a lost catalog: raise
        :class:`CatalogError` with reason ``catalog_empty`` before anything is written. A
        database that is not Briefer's (other tables, or Briefer's tables missing) is
        refused with reason ``not_a_catalog`` in any case: nothing is added to it.
        ``immutable`` (with ``readonly``): read the file as it is, without the ``-shm``
        file SQLite would otherwise create (for a full disk; only safe when no ``-wal``
        file holds commits and nobody writes).
        """
        self.path = Path(path)
        self.readonly = readonly
        try:
            if readonly:
                uri = readonly_uri(self.path)
                if immutable and "immutable=1" not in uri:
                    uri += "&immutable=1"
                self._db = sqlite3.connect(uri, uri=True, timeout=10, isolation_level=None,
                                           check_same_thread=False)
            else:
                self._db = sqlite3.connect(str(self.path), timeout=10, isolation_level=None,
                                           check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            self._check_is_briefer(new_ok)
            self._db.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self._db.execute("PRAGMA journal_mode = WAL")
                self._db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
            self._make_tables()
        except sqlite3.DatabaseError as exc:
            self._close_quietly()
            raise CatalogError(f"the catalog {self.path} cannot be opened: {exc}") from exc
        except CatalogError:
            self._close_quietly()
            raise
        self._in_tx = False

    def _close_quietly(self) -> None:
        db = getattr(self, "_db", None)
        if db is not None:
            try:
                db.close()
            except sqlite3.Error:
                pass

    def _check_is_briefer(self, new_ok: bool) -> None:
        """Refuse a database that is not a Briefer catalog, and (unless ``new_ok``) an
        empty one, before the first write (see :meth:`__init__`)."""
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in self._db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version == 0:
            if tables:
                raise CatalogError("it is not a Briefer catalog (it holds other tables: "
                                   f"{', '.join(sorted(tables)[:5])})", reason="not_a_catalog")
            if not new_ok:
                raise CatalogError("it is empty", reason="catalog_empty")
            return
        lacking = [t for t in ("meta", "documents", "pages") if t not in tables]
        if lacking:
            raise CatalogError(f"it is not a Briefer catalog (it has no {', '.join(lacking)} "
                               "table)", reason="not_a_catalog")

    # ------------------------------------------------------------------ plumbing
    def close(self) -> None:
        self._db.close()

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise CatalogError(
                f"this library was written by a newer Briefer (catalog version {version}, "
                f"this program knows up to {SCHEMA_VERSION}); update Briefer to open it",
                reason="newer_version")
        if version == SCHEMA_VERSION:
            return
        if self.readonly:
            raise CatalogError("the catalog needs an upgrade but is opened read-only")
        for v in range(version, SCHEMA_VERSION):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for stmt in split_sql(MIGRATIONS[v]):
                    self._db.execute(stmt)
                if v == 0:
                    self._db.execute("INSERT INTO meta(key, value) VALUES ('library_id', ?)",
                                     (uuid.uuid4().hex,))
                    self._db.execute("INSERT INTO meta(key, value) VALUES ('created_at', ?)",
                                     (now_iso(),))
                self._db.execute(f"PRAGMA user_version = {v + 1}")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def _make_tables(self) -> None:
        """Make and upgrade the tables of every module declared in
        :data:`briefer.core.catalog.tables.REGISTRY`, all in one transaction, so that no
        room sets up a table on first use. A module version newer than this Briefer knows
        is refused like a newer catalog; a read-only catalog makes nothing (a module whose
        tables it lacks reads as empty: :meth:`has_module_schema`)."""
        if not self._pending_tables() or self.readonly:
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            # again inside the transaction: another connection may have made them meanwhile
            for spec, version in self._pending_tables():
                for script in spec.migrations[version:]:
                    for stmt in split_sql(script):
                        self._db.execute(stmt)
                self._db.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) "
                                 "DO UPDATE SET value = excluded.value",
                                 (spec.key, str(spec.version)))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def _pending_tables(self) -> list[tuple[TableSpec, int]]:
        """The declared modules whose tables are missing or older, with their version
        here; :class:`CatalogError` (``newer_version``) when one is newer."""
        versions = {str(r[0]): str(r[1]) for r in self._db.execute(
            "SELECT key, value FROM meta WHERE key LIKE 'schema.%'")}
        pending = []
        for spec in REGISTRY:
            version = int(versions.get(spec.key) or 0)
            if version > spec.version:
                raise CatalogError(
                    f"this library was written by a newer Briefer ({spec.module} version "
                    f"{version}, this program knows up to {spec.version}); update Briefer "
                    "to open it", reason="newer_version")
            if version < spec.version:
                pending.append((spec, version))
        return pending

    def has_module_schema(self, module: str) -> bool:
        """Whether the tables of a feature module were ever made in this catalog: always
        in a writable one (they are made when it opens); a read-only catalog opened before
        any writer upgraded it may lack them, so a reader asks first."""
        return self.meta(f"schema.{module}") is not None

    def require_module_schema(self, module: str) -> None:
        """Raise :class:`CatalogError` when the tables of ``module`` are missing (only a
        read-only catalog that no writer has upgraded can lack them)."""
        if not self.has_module_schema(module):
            raise CatalogError(f"the catalog has no {module} tables yet and is opened "
                               "read-only; open it for writing once to add them")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work; nested use joins the outer transaction."""
        if self._in_tx:
            yield self._db
            return
        self._db.execute("BEGIN IMMEDIATE")
        self._in_tx = True
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")
        finally:
            self._in_tx = False

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection (for backups and checks)."""
        return self._db

    def data_version(self) -> int:
        """SQLite's ``PRAGMA data_version``: changes when another connection commits."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def total_changes(self) -> int:
        """Rows changed through this connection since it was opened."""
        return self._db.total_changes

    def has_content(self) -> bool:
        """True when the catalog holds any document or brief (worth a backup)."""
        if self._db.execute("SELECT EXISTS(SELECT 1 FROM documents)").fetchone()[0]:
            return True
        try:
            return bool(self._db.execute("SELECT EXISTS(SELECT 1 FROM briefs)").fetchone()[0])
        except sqlite3.OperationalError:  # the briefs module's tables are not there yet
            return False

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Run one statement (for modules that keep their own tables in the catalog)."""
        return self._db.execute(sql, params)

    def meta(self, key: str) -> Optional[str]:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO meta(key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    @property
    def library_id(self) -> str:
        return self.meta("library_id") or ""

    # ------------------------------------------------------------------ documents
    def _doc_from_row(self, row: sqlite3.Row, tags: Optional[dict[int, list[str]]] = None,
                      ocr: Optional[dict[int, int]] = None) -> Document:
        d = Document(
            id=row["id"], sha256=row["sha256"], file_name=row["file_name"],
            source_path=row["source_path"], size=row["size"], page_count=row["page_count"],
            status=row["status"], reason=row["reason"], title=row["title"],
            doc_type=row["doc_type"], issuer=row["issuer"], date=row["date"],
            language=row["language"], source_url=row["source_url"],
            info=json.loads(row["info"] or "{}"), engine=row["engine"],
            encrypted=bool(row["encrypted"]), version=row["version"],
            supersedes=row["supersedes"], superseded_by=row["superseded_by"],
            edited_fields=json.loads(row["edited_fields"] or "[]"), indexed=bool(row["indexed"]),
            added_at=row["added_at"], updated_at=row["updated_at"])
        if tags is not None and ocr is not None:  # looked up for many documents at once
            d.tags = tags.get(d.id, [])
            d.ocr_pages = ocr.get(d.id, 0)
            return d
        d.tags = [r[0] for r in self._db.execute(
            "SELECT tag FROM tags WHERE doc_id = ? ORDER BY tag", (d.id,))]
        d.ocr_pages = self._db.execute(
            "SELECT COUNT(*) FROM pages WHERE doc_id = ? AND needs_ocr = 1", (d.id,)).fetchone()[0]
        return d

    def document(self, doc_id: int) -> Optional[Document]:
        row = self._db.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?",
                               (doc_id,)).fetchone()
        return self._doc_from_row(row) if row else None

    def documents(self, include_superseded: bool = True) -> list[Document]:
        sql = f"SELECT {_DOC_COLUMNS} FROM documents"
        if not include_superseded:
            sql += " WHERE status != 'superseded'"
        tags: dict[int, list[str]] = {}
        for doc_id, tag in self._db.execute("SELECT doc_id, tag FROM tags ORDER BY doc_id, tag"):
            tags.setdefault(doc_id, []).append(tag)
        ocr = dict(self._db.execute(
            "SELECT doc_id, COUNT(*) FROM pages WHERE needs_ocr = 1 GROUP BY doc_id"))
        return [self._doc_from_row(r, tags, ocr)
                for r in self._db.execute(sql + " ORDER BY id")]

    def document_ids(self) -> list[int]:
        return [r[0] for r in self._db.execute("SELECT id FROM documents ORDER BY id")]

    def sha256s(self) -> dict[str, int]:
        """Every document's SHA-256 (the name of its stored copy) with its id."""
        return {r[0]: r[1] for r in self._db.execute("SELECT sha256, id FROM documents")}

    def by_sha256(self, sha256: str) -> Optional[Document]:
        row = self._db.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE sha256 = ?",
                               (sha256,)).fetchone()
        return self._doc_from_row(row) if row else None

    def latest_by_source_path(self, source_path: str) -> Optional[Document]:
        row = self._db.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents WHERE source_path = ? "
            "AND superseded_by IS NULL ORDER BY version DESC, id DESC LIMIT 1",
            (source_path,)).fetchone()
        return self._doc_from_row(row) if row else None

    def insert_document(self, *, sha256: str, file_name: str, source_path: Optional[str],
                        size: int, status: str, reason: str = "", title: str = "",
                        doc_type: str = "other", issuer: str = "", date: str = "",
                        language: str = "", source_url: str = "",
                        info: Optional[dict[str, Any]] = None, engine: str = "",
                        encrypted: bool = False, version: int = 1,
                        supersedes: Optional[int] = None,
                        pages: Iterable[tuple[Any, ...]] = (),
                        outline: Iterable[tuple[int, str, Optional[int]]] = (),
                        tags: Iterable[str] = ()) -> int:
        """Insert a document with its pages, outline and tags in one transaction.

        ``pages`` yields ``(index, label, label_source, text, needs_ocr[, pdf_label])``.
        """
        ts = now_iso()
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO documents (sha256, file_name, source_path, size, status, reason, "
                "title, doc_type, issuer, date, language, source_url, info, engine, encrypted, "
                "version, supersedes, added_at, updated_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (sha256, file_name, source_path, size, status, reason, title, doc_type, issuer,
                 date, language, source_url, json.dumps(info or {}), engine, int(encrypted),
                 version, supersedes, ts, ts))
            doc_id = int(cur.lastrowid or 0)
            self._write_content(db, doc_id, pages, outline)
            db.executemany("INSERT OR IGNORE INTO tags(doc_id, tag) VALUES (?, ?)",
                           [(doc_id, t) for t in normalise_tags(tags)])
            if supersedes is not None:
                db.execute("UPDATE documents SET superseded_by = ?, status = 'superseded', "
                           "indexed = 0, updated_at = ? WHERE id = ?", (doc_id, ts, supersedes))
        return doc_id

    def _write_content(self, db: sqlite3.Connection, doc_id: int,
                       pages: Iterable[tuple[Any, ...]],
                       outline: Iterable[tuple[int, str, Optional[int]]]) -> None:
        # a page is (index, label, label_source, text, needs_ocr[, pdf_label])
        rows = [(doc_id, p[0], p[1], p[2], p[3], int(p[4]), p[5] if len(p) > 5 else "")
                for p in pages]
        db.executemany("INSERT INTO pages (doc_id, page_index, label, label_source, text, "
                       "needs_ocr, pdf_label) VALUES (?,?,?,?,?,?,?)", rows)
        db.execute("UPDATE documents SET page_count = ? WHERE id = ?", (len(rows), doc_id))
        self._apply_page_numbering(db, doc_id)
        db.executemany("INSERT INTO outline (doc_id, seq, level, title, page_index) "
                       "VALUES (?,?,?,?,?)",
                       [(doc_id, k, lvl, t, p) for k, (lvl, t, p) in enumerate(outline)])

    def replace_content(self, doc_id: int, *, status: str, reason: str, engine: str,
                        encrypted: bool, info: dict[str, Any],
                        pages: Iterable[tuple[Any, ...]],
                        outline: Iterable[tuple[int, str, Optional[int]]],
                        meta: Optional[dict[str, str]] = None) -> None:
        """Replace a document's extracted content (e.g. once its password is known)."""
        with self.transaction() as db:
            db.execute("DELETE FROM pages WHERE doc_id = ?", (doc_id,))
            db.execute("DELETE FROM outline WHERE doc_id = ?", (doc_id,))
            self._write_content(db, doc_id, pages, outline)
            db.execute("UPDATE documents SET status = ?, reason = ?, engine = ?, encrypted = ?, "
                       "info = ?, indexed = 0, updated_at = ? WHERE id = ?",
                       (status, reason, engine, int(encrypted), json.dumps(info), now_iso(),
                        doc_id))
            doc = self.document(doc_id)
            if meta and doc is not None:
                for key, value in meta.items():
                    if key in EDITABLE_FIELDS and key not in doc.edited_fields:
                        db.execute(f"UPDATE documents SET {key} = ? WHERE id = ?", (value, doc_id))

    def update_metadata(self, doc_id: int, values: dict[str, str],
                        add_tags: Iterable[str] = (), remove_tags: Iterable[str] = (),
                        set_tags: Optional[Iterable[str]] = None, by_user: bool = True) -> None:
        """Change editable metadata; user edits are remembered so re-imports keep them."""
        bad = set(values) - set(EDITABLE_FIELDS)
        if bad:
            raise ValueError(f"not editable: {', '.join(sorted(bad))}")
        with self.transaction() as db:
            doc = self.document(doc_id)
            if doc is None:
                raise KeyError(doc_id)
            edited = set(doc.edited_fields)
            for key, value in values.items():
                db.execute(f"UPDATE documents SET {key} = ? WHERE id = ?", (value, doc_id))
                if by_user:
                    edited.add(key)
            if set_tags is not None:
                db.execute("DELETE FROM tags WHERE doc_id = ?", (doc_id,))
                add_tags = list(set_tags) + list(add_tags)
            db.executemany("INSERT OR IGNORE INTO tags(doc_id, tag) VALUES (?, ?)",
                           [(doc_id, t) for t in normalise_tags(add_tags)])
            db.executemany("DELETE FROM tags WHERE doc_id = ? AND tag = ?",
                           [(doc_id, t) for t in normalise_tags(remove_tags)])
            db.execute("UPDATE documents SET edited_fields = ?, indexed = 0, updated_at = ? "
                       "WHERE id = ?", (json.dumps(sorted(edited)), now_iso(), doc_id))

    def delete_document(self, doc_id: int) -> None:
        with self.transaction() as db:
            db.execute("UPDATE documents SET superseded_by = NULL, "
                       "status = CASE WHEN status = 'superseded' THEN 'ok' ELSE status END "
                       "WHERE superseded_by = ?", (doc_id,))
            db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def set_indexed(self, doc_ids: Iterable[int], indexed: bool = True) -> None:
        with self.transaction() as db:
            db.executemany("UPDATE documents SET indexed = ? WHERE id = ?",
                           [(int(indexed), d) for d in doc_ids])

    def unindexed_ids(self) -> list[int]:
        return [r[0] for r in self._db.execute(
            "SELECT id FROM documents WHERE indexed = 0 ORDER BY id")]

    def searchable_ids(self) -> set[int]:
        """Ids of the documents whose pages belong in the search index."""
        marks = ",".join("?" * len(SEARCHABLE_STATUSES))
        return {r[0] for r in self._db.execute(
            f"SELECT id FROM documents WHERE status IN ({marks})", SEARCHABLE_STATUSES)}

    def indexed_ids(self) -> set[int]:
        return {r[0] for r in self._db.execute("SELECT id FROM documents WHERE indexed = 1")}

    def mark_all_unindexed(self) -> None:
        with self.transaction() as db:
            db.execute("UPDATE documents SET indexed = 0")

    # ------------------------------------------------------------------ pages
    def pages(self, doc_id: int) -> list[Page]:
        return [_page(r) for r in self._db.execute(
            "SELECT * FROM pages WHERE doc_id = ? ORDER BY page_index", (doc_id,))]

    def page(self, doc_id: int, page_index: int) -> Optional[Page]:
        r = self._db.execute("SELECT * FROM pages WHERE doc_id = ? AND page_index = ?",
                             (doc_id, page_index)).fetchone()
        return _page(r) if r else None

    # ------------------------------------------------------------------ page numbering
    def page_numbering(self, doc_id: int) -> list[PageNumbering]:
        """The person's corrections of ``doc_id``'s page numbering, by first page."""
        return [PageNumbering(r["first_index"], r["last_index"], r["first_number"], r["style"])
                for r in self._db.execute(
                    "SELECT n.* FROM page_numbering n JOIN documents d ON d.sha256 = n.sha256 "
                    "WHERE d.id = ? ORDER BY n.first_index", (doc_id,))]

    def set_page_numbering(self, doc_id: int, numbering: Iterable[PageNumbering]) -> None:
        """Replace the corrections of ``doc_id``'s page numbering with ``numbering`` (checked
        by the caller) and relabel its pages: corrected pages cite the person's numbers
        (label_source 'user'), the others the labels Briefer found. The document is
        indexed again (search results show the labels)."""
        with self.transaction() as db:
            row = db.execute("SELECT sha256 FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                return
            db.execute("DELETE FROM page_numbering WHERE sha256 = ?", (row[0],))
            ts = now_iso()
            db.executemany(
                "INSERT INTO page_numbering (sha256, first_index, last_index, first_number, "
                "style, created_at) VALUES (?,?,?,?,?,?)",
                [(row[0], n.first_index, n.last_index, n.first_number, n.style, ts)
                 for n in numbering])
            db.execute("UPDATE pages SET label = auto_label, label_source = auto_source, "
                       "auto_label = NULL, auto_source = NULL "
                       "WHERE doc_id = ? AND auto_label IS NOT NULL", (doc_id,))
            self._apply_page_numbering(db, doc_id)
            db.execute("UPDATE documents SET indexed = 0, updated_at = ? WHERE id = ?",
                       (ts, doc_id))

    def clips_on_pages(self, sha256: str, page_indexes: Sequence[int]) -> int:
        """How many clips quote one of ``page_indexes`` of the file ``sha256`` (0 while the
        clip tables are not there yet)."""
        if not page_indexes:
            return 0
        marks = ",".join("?" * len(page_indexes))
        try:
            return int(self._db.execute(
                f"SELECT COUNT(*) FROM clips WHERE doc_sha256 = ? AND page_index IN ({marks})",
                [sha256, *page_indexes]).fetchone()[0])
        except sqlite3.OperationalError:  # no clips table: the briefs module never opened
            return 0

    @staticmethod
    def _apply_page_numbering(db: sqlite3.Connection, doc_id: int) -> None:
        rows = db.execute("SELECT n.first_index, n.last_index, n.first_number, n.style "
                          "FROM page_numbering n JOIN documents d ON d.sha256 = n.sha256 "
                          "WHERE d.id = ? ORDER BY n.first_index", (doc_id,)).fetchall()
        for first, last, number, style in rows:
            for i in range(first, last + 1):
                label = PageNumbering(first, last, number, style).label(i)
                db.execute("UPDATE pages SET auto_label = coalesce(auto_label, label), "
                           "auto_source = coalesce(auto_source, label_source), label = ?, "
                           "label_source = 'user' WHERE doc_id = ? AND page_index = ?",
                           (label, doc_id, i))

    def page_by_label(self, doc_id: int, label: str) -> list[Page]:
        return [_page(r) for r in self._db.execute(
            "SELECT * FROM pages WHERE doc_id = ? AND label = ? ORDER BY page_index",
            (doc_id, label))]

    def set_page_text(self, doc_id: int, page_index: int, text: str, *, text_source: str,
                      needs_ocr: bool, ocr_confidence: Optional[float] = None) -> None:
        """Replace one page's text (OCR, or undoing it); the document must be re-indexed,
        so its ``indexed`` flag is cleared in the same transaction."""
        with self.transaction() as db:
            db.execute("UPDATE pages SET text = ?, text_source = ?, needs_ocr = ?, "
                       "ocr_confidence = ? WHERE doc_id = ? AND page_index = ?",
                       (text, text_source, int(needs_ocr), ocr_confidence, doc_id, page_index))
            db.execute("UPDATE documents SET indexed = 0, updated_at = ? WHERE id = ?",
                       (now_iso(), doc_id))

    def documents_with_ocr_text(self) -> set[int]:
        """The documents of which some page's text was read by OCR."""
        return {r[0] for r in self._db.execute(
            "SELECT DISTINCT doc_id FROM pages WHERE text_source = 'ocr'")}

    def flag_pages_for_ocr(self, doc_id: int, page_indexes: Iterable[int]) -> None:
        """Queue pages for OCR (again); their text stays until OCR replaces it."""
        with self.transaction() as db:
            db.executemany("UPDATE pages SET needs_ocr = 1 WHERE doc_id = ? AND page_index = ?",
                           [(doc_id, i) for i in page_indexes])

    def set_status(self, doc_id: int, status: str, reason: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE documents SET status = ?, reason = ?, updated_at = ? "
                       "WHERE id = ?", (status, reason, now_iso(), doc_id))

    def outline(self, doc_id: int) -> list[tuple[int, str, Optional[int]]]:
        return [(r[0], r[1], r[2]) for r in self._db.execute(
            "SELECT level, title, page_index FROM outline WHERE doc_id = ? ORDER BY seq",
            (doc_id,))]

    def stats(self) -> dict[str, int]:
        docs = self._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        pages = self._db.execute("SELECT COUNT(*) FROM pages").fetchone()[0]
        return {"documents": docs, "pages": pages}

    # ------------------------------------------------------------------ import log
    def log_import(self, path: str, sha256: Optional[str], outcome: str, reason: str = "",
                   doc_id: Optional[int] = None) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO import_log (at, path, sha256, outcome, reason, doc_id) "
                       "VALUES (?,?,?,?,?,?)", (now_iso(), path, sha256, outcome, reason, doc_id))

    def import_log(self, limit: int = 100) -> list[dict[str, Any]]:
        return [dict(r) for r in self._db.execute(
            "SELECT * FROM import_log ORDER BY id DESC LIMIT ?", (limit,))]


def _page(r: sqlite3.Row) -> Page:
    return Page(doc_id=r["doc_id"], index=r["page_index"], label=r["label"],
                label_source=r["label_source"], text=r["text"], needs_ocr=bool(r["needs_ocr"]),
                text_source=r["text_source"], ocr_confidence=r["ocr_confidence"],
                pdf_label=r["pdf_label"])


def readonly_uri(path: Path) -> str:
    """A read-only SQLite URI for ``path`` (any characters in it escaped). On read-only
    media, where SQLite cannot create the ``-shm`` file a WAL database needs, the file is
    opened as immutable."""
    from urllib.parse import quote

    uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
    if not os.access(Path(path).resolve().parent, os.W_OK):
        uri += "&immutable=1"
    return uri
