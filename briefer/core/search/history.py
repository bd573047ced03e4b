"""Search history and saved searches, kept in the catalog (module tables "search",
declared in ``catalog/tables.py`` and made when the catalog opens).

The history keeps the latest searches (a repeated search moves to the top instead of
being listed twice) up to :data:`HISTORY_LIMIT`; saved searches have a unique name and keep
their query, filters and sort order.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Optional

from briefer.core.catalog.catalog import Catalog, now_iso
from briefer.core.catalog.tables import SEARCH

HISTORY_LIMIT = 200


@dataclass
class HistoryEntry:
    id: int
    query: str
    filters: dict[str, Any]
    sort: str
    hits: int
    searched_at: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SavedSearch:
    id: int
    name: str
    query: str
    filters: dict[str, Any] = field(default_factory=dict)
    sort: str = "relevance"
    created_at: str = ""
    updated_at: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _has_tables(catalog: Catalog) -> bool:
    """Whether the catalog has the tables (made when it opens; a read-only catalog no
    writer has upgraded lacks them, and then has no history and no saved searches)."""
    return catalog.has_module_schema(SEARCH.module)


def _filters_json(filters: Optional[dict[str, Any]]) -> str:
    clean = {k: v for k, v in (filters or {}).items() if v not in (None, "", [], ())}
    return json.dumps(clean, sort_keys=True, ensure_ascii=False)


def record(catalog: Catalog, query: str, filters: Optional[dict[str, Any]] = None,
           sort: str = "relevance", hits: int = 0) -> None:
    """Add a search to the history (silently nothing when the catalog is read-only)."""
    query = query.strip()
    if not query or catalog.readonly or not _has_tables(catalog):
        return
    fj = _filters_json(filters)
    with catalog.transaction() as db:
        db.execute("DELETE FROM search_history WHERE query = ? AND filters = ? AND sort = ?",
                   (query, fj, sort))
        db.execute("INSERT INTO search_history(query, filters, sort, hits, searched_at) "
                   "VALUES (?, ?, ?, ?, ?)", (query, fj, sort, int(hits), now_iso()))
        db.execute("DELETE FROM search_history WHERE id NOT IN (SELECT id FROM search_history "
                   "ORDER BY id DESC LIMIT ?)", (HISTORY_LIMIT,))


def history(catalog: Catalog, limit: int = 50) -> list[HistoryEntry]:
    """The latest searches, newest first."""
    if not _has_tables(catalog):
        return []
    rows = catalog.execute("SELECT id, query, filters, sort, hits, searched_at FROM "
                           "search_history ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
    return [HistoryEntry(r[0], r[1], json.loads(r[2] or "{}"), r[3], r[4], r[5]) for r in rows]


def clear_history(catalog: Catalog) -> None:
    if _has_tables(catalog) and not catalog.readonly:
        with catalog.transaction() as db:
            db.execute("DELETE FROM search_history")


def save_search(catalog: Catalog, name: str, query: str,
                filters: Optional[dict[str, Any]] = None, sort: str = "relevance") -> SavedSearch:
    """Save (or overwrite) a search under ``name``."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("a saved search needs a name")
    ts = now_iso()
    with catalog.transaction() as db:
        db.execute("INSERT INTO saved_searches(name, query, filters, sort, created_at, "
                   "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
                   "query = excluded.query, filters = excluded.filters, sort = excluded.sort, "
                   "updated_at = excluded.updated_at",
                   (name, query, _filters_json(filters), sort, ts, ts))
    found = saved_search(catalog, name)
    assert found is not None
    return found


def saved_searches(catalog: Catalog) -> list[SavedSearch]:
    if not _has_tables(catalog):
        return []
    rows = catalog.execute("SELECT id, name, query, filters, sort, created_at, updated_at "
                           "FROM saved_searches ORDER BY name COLLATE NOCASE").fetchall()
    return [SavedSearch(r[0], r[1], r[2], json.loads(r[3] or "{}"), r[4], r[5], r[6])
            for r in rows]


def saved_search(catalog: Catalog, name: str) -> Optional[SavedSearch]:
    for s in saved_searches(catalog):
        if s.name.lower() == " ".join(name.split()).lower():
            return s
    return None


def delete_saved_search(catalog: Catalog, name: str) -> bool:
    s = saved_search(catalog, name)
    if s is None:
        return False
    with catalog.transaction() as db:
        db.execute("DELETE FROM saved_searches WHERE id = ?", (s.id,))
    return True
