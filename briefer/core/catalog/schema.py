"""The catalog's schema: the SQL that takes a ``library.sqlite`` of any older version to the
current one, one migration a version (the version lives in ``PRAGMA user_version``).
A migration is only ever appended; one that has shipped is never edited.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: the library core
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        file_name TEXT NOT NULL,
        source_path TEXT,
        size INTEGER NOT NULL,
        page_count INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        doc_type TEXT NOT NULL DEFAULT 'other',
        issuer TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT '',
        source_url TEXT NOT NULL DEFAULT '',
        info TEXT NOT NULL DEFAULT '{}',
        engine TEXT NOT NULL DEFAULT '',
        encrypted INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        supersedes INTEGER REFERENCES documents(id) ON DELETE SET NULL,
        superseded_by INTEGER REFERENCES documents(id) ON DELETE SET NULL,
        edited_fields TEXT NOT NULL DEFAULT '[]',
        indexed INTEGER NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX documents_source_path ON documents(source_path);
    CREATE INDEX documents_indexed ON documents(indexed);
    CREATE TABLE pages (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page_index INTEGER NOT NULL,
        label TEXT NOT NULL,
        label_source TEXT NOT NULL,
        text TEXT NOT NULL,
        needs_ocr INTEGER NOT NULL DEFAULT 0,
        text_source TEXT NOT NULL DEFAULT 'pdf',
        ocr_confidence REAL,
        PRIMARY KEY (doc_id, page_index)
    ) WITHOUT ROWID;
    CREATE TABLE outline (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        level INTEGER NOT NULL,
        title TEXT NOT NULL,
        page_index INTEGER,
        PRIMARY KEY (doc_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE tags (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (doc_id, tag)
    ) WITHOUT ROWID;
    CREATE INDEX tags_tag ON tags(tag);
    CREATE TABLE import_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT,
        outcome TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        doc_id INTEGER
    );
    """,
    # 2: stored reasons are plain words for every front end (no command line hints)
    """
    UPDATE documents SET reason = 'password protected'
     WHERE status = 'needs_password' AND reason LIKE '%briefer add%';
    UPDATE import_log SET reason = 'password protected'
     WHERE outcome = 'needs_password' AND reason LIKE '%briefer add%';
    """,
    # 3: the PDF's own page label, kept where the label cited (a printed number) differs
    """
    ALTER TABLE pages ADD COLUMN pdf_label TEXT NOT NULL DEFAULT '';
    """,
    # 4: a person's correction of a document's page numbering ("PDF pages 29-64 are printed
    # 11-46"), kept by the file's hash so that it outlives re-indexing and a new import;
    # a corrected page keeps the label Briefer had found (auto_label, auto_source) so that
    # taking the correction back restores it
    """
    CREATE TABLE page_numbering (
        sha256 TEXT NOT NULL,
        first_index INTEGER NOT NULL,
        last_index INTEGER NOT NULL,
        first_number INTEGER NOT NULL,
        style TEXT NOT NULL DEFAULT 'arabic',
        created_at TEXT NOT NULL,
        PRIMARY KEY (sha256, first_index)
    ) WITHOUT ROWID;
    ALTER TABLE pages ADD COLUMN auto_label TEXT;
    ALTER TABLE pages ADD COLUMN auto_source TEXT;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def split_sql(script: str) -> list[str]:
    """The statements of a migration script."""
    return [s.strip() for s in script.split(";") if s.strip()]
