"""Every table the rooms above the catalog keep in ``library.sqlite``, declared in one place.

The catalog's own tables (documents, pages, outlines, tags, the import log, page
numbering) are versioned by ``PRAGMA user_version`` (:mod:`.schema`). The tables of the
rooms above it — OCR results, clips and briefs, search history, reading orders, partial
reads — are declared here as :class:`TableSpec`, one per owning module, each with its own
list of migrations and its version in the ``meta`` table under ``schema.<module>``.

:class:`~briefer.core.catalog.catalog.Catalog` applies every spec when it opens (in one
transaction, after its own migrations), so a room never sets up a table on first use: a
writable catalog has all of them, whatever Briefer made it and whatever backup it was
restored from. A read-only catalog cannot make tables; a spec it lacks is missing until a
writer opens it (readers ask :meth:`Catalog.has_module_schema`). Salvage and backups read
the same declarations, so a table added here is also known to them.

The declarations live in the catalog room because the catalog must know them without
importing the rooms above it (which would import the catalog in turn): the rooms that use
the tables import their names from here. A migration is only ever appended; one that has
shipped is never edited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


#: How salvage (:mod:`.salvage`) keeps a table's rows from a damaged catalog: ``by_doc``
#: rows go with their document (copied when the document is added back), ``merged`` rows
#: are merged by salvage's own rules (clips and briefs by ``uid``, saved searches by
#: name, OCR languages by document), ``none`` rows are not worth keeping (history).
Salvage = Literal["by_doc", "merged", "none"]


@dataclass(frozen=True)
class Table:
    """One table: its name, its rows in the words of a message, how salvage keeps them
    and whether its rows are the user's work (a change to them is worth a backup)."""

    name: str
    noun: str
    salvage: Salvage
    work: bool = False


@dataclass(frozen=True)
class TableSpec:
    """The tables one module keeps in the catalog and the SQL that makes them.

    ``module``: the name its version is kept under (``meta`` key ``schema.<module>``; names
    already in users' libraries, never renamed); ``room``: the room that uses the tables;
    ``migrations``: SQL scripts (``;``-separated statements), one a version."""

    module: str
    room: str
    tables: tuple[Table, ...]
    migrations: tuple[str, ...]

    @property
    def key(self) -> str:
        """The ``meta`` key holding the version of these tables in a catalog."""
        return f"schema.{self.module}"

    @property
    def version(self) -> int:
        return len(self.migrations)


# --------------------------------------------------------------------------- OCR

OCR_MIGRATIONS: tuple[str, ...] = (
    # 1: the original text layer of OCR'd pages, the word boxes, per-document languages
    """
    CREATE TABLE ocr_pages (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page_index INTEGER NOT NULL,
        original_text TEXT NOT NULL,
        flagged INTEGER NOT NULL DEFAULT 1,
        languages TEXT NOT NULL DEFAULT '',
        dpi INTEGER,
        seconds REAL,
        error TEXT NOT NULL DEFAULT '',
        words TEXT NOT NULL DEFAULT '[]',
        at TEXT NOT NULL,
        PRIMARY KEY (doc_id, page_index)
    ) WITHOUT ROWID;
    CREATE TABLE ocr_documents (
        doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        languages TEXT NOT NULL
    );
    """,
    # 2: languages found from the scan's script, told apart from the user's choice
    """
    ALTER TABLE ocr_documents ADD COLUMN source TEXT NOT NULL DEFAULT 'user';
    """,
)

# --------------------------------------------------------------------------- clips, briefs
# Clips do not reference ``documents`` with a foreign key on purpose: a quote outlives the
# document it came from (removed or replaced), and verification reports that instead of
# the quote silently disappearing. Sections and items belong to their brief and go with it.

BRIEFS_MIGRATIONS: tuple[str, ...] = (
    """
CREATE TABLE clips (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    doc_id INTEGER,
    doc_sha256 TEXT NOT NULL,
    doc_title TEXT NOT NULL DEFAULT '',
    page_index INTEGER NOT NULL,
    page_label TEXT NOT NULL,
    label_source TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    display_text TEXT NOT NULL,
    locator_auto TEXT NOT NULL DEFAULT '',
    locator_user TEXT,
    note TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX clips_doc ON clips(doc_id);
CREATE TABLE briefs (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    subtitle TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    citation TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE brief_sections (
    id INTEGER PRIMARY KEY,
    brief_id INTEGER NOT NULL REFERENCES briefs(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    heading TEXT NOT NULL
);
CREATE INDEX brief_sections_brief ON brief_sections(brief_id, position);
CREATE TABLE brief_items (
    id INTEGER PRIMARY KEY,
    section_id INTEGER NOT NULL REFERENCES brief_sections(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('text', 'quote')),
    body TEXT NOT NULL DEFAULT '',
    clip_id INTEGER REFERENCES clips(id) ON DELETE RESTRICT,
    lead_in TEXT NOT NULL DEFAULT '',
    comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX brief_items_section ON brief_items(section_id, position);
CREATE INDEX brief_items_clip ON brief_items(clip_id);
""",
)

# --------------------------------------------------------------------------- search

SEARCH_MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE search_history (
        id INTEGER PRIMARY KEY,
        query TEXT NOT NULL,
        filters TEXT NOT NULL DEFAULT '{}',
        sort TEXT NOT NULL DEFAULT 'relevance',
        hits INTEGER NOT NULL DEFAULT 0,
        searched_at TEXT NOT NULL
    );
    CREATE INDEX search_history_time ON search_history(searched_at);
    CREATE TABLE saved_searches (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        query TEXT NOT NULL,
        filters TEXT NOT NULL DEFAULT '{}',
        sort TEXT NOT NULL DEFAULT 'relevance',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    """,
)

# --------------------------------------------------------------------------- the registry

OCR = TableSpec("ocr", "ocr", (
    Table("ocr_pages", "OCR results", "by_doc"),
    Table("ocr_documents", "OCR languages", "merged", work=True),
), OCR_MIGRATIONS)

BRIEFS = TableSpec("briefs", "clips", (
    Table("clips", "clips", "merged", work=True),
    Table("briefs", "briefs", "merged", work=True),
    Table("brief_sections", "brief sections", "merged", work=True),
    Table("brief_items", "brief items", "merged", work=True),
), BRIEFS_MIGRATIONS)

SEARCH = TableSpec("search", "search", (
    Table("saved_searches", "saved searches", "merged", work=True),
    Table("search_history", "search history", "none"),
), SEARCH_MIGRATIONS)

# --------------------------------------------------------------------------- reading order

TEXTORDER_MIGRATIONS: tuple[str, ...] = (
    # 1: a page's runs of characters in reading order (files/textorder.py makes them;
    # catalog/pageorder.py keeps them)
    """
    CREATE TABLE page_text_order (
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page_index INTEGER NOT NULL,
        runs TEXT NOT NULL,
        PRIMARY KEY (doc_id, page_index)
    ) WITHOUT ROWID;
    """,
)

TEXTORDER = TableSpec("textorder", "catalog", (
    Table("page_text_order", "reading orders", "by_doc"),
), TEXTORDER_MIGRATIONS)

# --------------------------------------------------------------------------- partial reads

PARTIAL_MIGRATIONS: tuple[str, ...] = (
    # 1: documents whose reading stopped at its time limit (catalog/partial.py)
    """
    CREATE TABLE partial_reads (
        doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        pages_read INTEGER NOT NULL,
        page_count INTEGER NOT NULL,
        time_limit REAL NOT NULL
    );
    """,
)

PARTIAL = TableSpec("partial", "catalog", (
    Table("partial_reads", "notes of documents read in part", "by_doc"),
), PARTIAL_MIGRATIONS)

#: Every module's tables, in the order they are made (a later spec may reference an
#: earlier one's tables; all reference the catalog's own).
REGISTRY: tuple[TableSpec, ...] = (OCR, BRIEFS, SEARCH, TEXTORDER, PARTIAL)


def spec(module: str) -> TableSpec:
    """The declaration of ``module``'s tables (``KeyError`` when none)."""
    for s in REGISTRY:
        if s.module == module:
            return s
    raise KeyError(module)


def all_tables() -> tuple[Table, ...]:
    """Every declared table of every module, in registry order."""
    return tuple(t for s in REGISTRY for t in s.tables)


def module_of(table: str) -> TableSpec:
    """The spec that declares ``table`` (``KeyError`` when none does)."""
    for s in REGISTRY:
        if any(t.name == table for t in s.tables):
            return s
    raise KeyError(table)
