"""The reading order of pages whose text the engine gave out of order (right-to-left
lines, Urdu words inside English lines): the run lists :mod:`briefer.core.files.textorder`
works out at import, kept in the catalog's ``page_text_order`` table (declared in
:mod:`.tables`, made when the catalog opens)."""

from __future__ import annotations

import json
from typing import Optional, cast

from briefer.core.catalog.catalog import Catalog
from briefer.core.files.textorder import Runs


def store_orders(catalog: Catalog, doc_id: int, orders: dict[int, Runs]) -> None:
    """Keep the run lists of a document's reordered pages (replacing earlier ones)."""
    with catalog.transaction() as db:
        db.execute("DELETE FROM page_text_order WHERE doc_id = ?", (doc_id,))
        db.executemany("INSERT INTO page_text_order(doc_id, page_index, runs) VALUES (?,?,?)",
                       [(doc_id, i, json.dumps(r, separators=(",", ":")))
                        for i, r in sorted(orders.items()) if r])


def page_order(catalog: Catalog, doc_id: int, page_index: int) -> Optional[Runs]:
    """A page's run list, or None when its text is in the engine's own order."""
    if not catalog.has_module_schema("textorder"):
        return None  # never stored (a read-only catalog no writer has upgraded)
    row = catalog.execute("SELECT runs FROM page_text_order WHERE doc_id = ? AND "
                          "page_index = ?", (doc_id, page_index)).fetchone()
    return cast(Runs, json.loads(row[0])) if row else None
