"""Questions about the catalog tables of clips and briefs (module ``briefs``).

The tables are declared with every other module's in ``catalog/tables.py`` (``BRIEFS``)
and made when the catalog opens. The reads here live in the clips room, the lower of the
two: a clip store needs the tables, and a brief's items reference clips, so both rooms
reach them here without clips importing briefs.
"""

from __future__ import annotations

from briefer.core.catalog.catalog import Catalog
from briefer.core.catalog.tables import BRIEFS

MODULE = BRIEFS.module


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
