"""The catalog tables of clips and briefs (module schema ``briefs``).

They live in the clips room, the lower of the two: a clip store needs the tables, and a
brief's items reference clips, so both rooms reach them here without clips importing
briefs. One schema for both keeps the migrations recorded in every library as they are.

Clips do not reference ``documents`` with a foreign key on purpose: a quote outlives the
document it came from (removed or replaced), and verification reports that instead of the
quote silently disappearing. Sections and items belong to their brief and go with it.
"""

from __future__ import annotations

from briefer.core.catalog.catalog import Catalog

MODULE = "briefs"

SQL_V1 = """
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
"""

MIGRATIONS = [SQL_V1]


def ensure_schema(catalog: Catalog) -> None:
    """Create or upgrade the clip and brief tables (idempotent, cheap once done)."""
    if getattr(catalog, "_briefs_schema_ok", False):
        return
    catalog.ensure_module_schema(MODULE, MIGRATIONS)
    catalog._briefs_schema_ok = True  # type: ignore[attr-defined]


def has_tables(catalog: Catalog) -> bool:
    """Whether clips and briefs were ever stored (a read-only catalog may have none)."""
    return catalog.has_module_schema(MODULE)


def citations_of(catalog: Catalog, doc_ids: list[int]) -> tuple[int, list[tuple[int, str, int]]]:
    """The clips taken from ``doc_ids``, and each brief quoting them: ``(clip count,
    [(brief id, title, quotes)])``, briefs in order of their numbers."""
    if not doc_ids or not has_tables(catalog):
        return 0, []
    marks = ",".join("?" * len(doc_ids))
    clips = catalog.execute(f"SELECT COUNT(*) FROM clips WHERE doc_id IN ({marks})",
                            doc_ids).fetchone()[0]
    rows = catalog.execute(
        "SELECT b.id, b.title, COUNT(*) FROM brief_items i "
        "JOIN brief_sections s ON s.id = i.section_id JOIN briefs b ON b.id = s.brief_id "
        f"JOIN clips c ON c.id = i.clip_id WHERE c.doc_id IN ({marks}) "
        "GROUP BY b.id ORDER BY b.id", doc_ids).fetchall()
    return clips, [(r[0], r[1], r[2]) for r in rows]


def count_briefs(catalog: Catalog) -> int:
    """How many briefs the catalog holds."""
    if not has_tables(catalog):
        return 0
    return int(catalog.execute("SELECT COUNT(*) FROM briefs").fetchone()[0])
