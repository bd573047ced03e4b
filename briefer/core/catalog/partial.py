"""Documents read in part: the time allowed ran out after some pages (issue 18).

A long or difficult PDF whose reading stops at its time limit keeps the pages read by
then (:attr:`ExtractResult.pages_read`); the others are stored empty, and the catalog
notes here how many pages were read, so that the rest can be read with more time
(:func:`briefer.core.ops.importing.retry_with_more_time`). The table ``partial_reads`` is
declared in :mod:`.tables` and made when the catalog opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from briefer.core.catalog.catalog import Catalog


@dataclass(frozen=True)
class PartialRead:
    """``pages_read`` of ``page_count`` pages were read within ``time_limit`` seconds."""

    doc_id: int
    pages_read: int
    page_count: int
    time_limit: float

    @property
    def first_unread(self) -> int:
        """The first page not read (1-based)."""
        return self.pages_read + 1


def mark_partial(catalog: Catalog, doc_id: int, pages_read: Optional[int], page_count: int,
                 time_limit: float) -> None:
    """Note that ``doc_id`` was read in part (or, with ``pages_read`` None, in full)."""
    with catalog.transaction() as db:
        db.execute("DELETE FROM partial_reads WHERE doc_id = ?", (doc_id,))
        if pages_read is not None:
            db.execute("INSERT INTO partial_reads(doc_id, pages_read, page_count, time_limit) "
                       "VALUES (?,?,?,?)", (doc_id, pages_read, page_count, time_limit))


def partial_read(catalog: Catalog, doc_id: int) -> Optional[PartialRead]:
    """How far ``doc_id`` was read, when it was read only in part; else None."""
    if not catalog.has_module_schema("partial"):
        return None
    row = catalog.execute("SELECT pages_read, page_count, time_limit FROM partial_reads "
                          "WHERE doc_id = ?", (doc_id,)).fetchone()
    return PartialRead(doc_id, int(row[0]), int(row[1]), float(row[2])) if row else None


def partial_reads(catalog: Catalog) -> list[PartialRead]:
    """Every document read only in part."""
    if not catalog.has_module_schema("partial"):
        return []
    return [PartialRead(int(r[0]), int(r[1]), int(r[2]), float(r[3])) for r in catalog.execute(
        "SELECT doc_id, pages_read, page_count, time_limit FROM partial_reads ORDER BY doc_id")]
