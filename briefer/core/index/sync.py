"""Catalog to index: what a document's entry in any search engine should be, written once.

The catalog is the source of truth and the index a cache of it; each document carries an
``indexed`` flag that is set only once the index committed its current state. Two
functions keep them in agreement, over the seam only (``backend.py``), so they work for
every engine:

* :func:`write_document` puts one document's current state into a writer: its pages when
  it is searchable, else its removal;
* :func:`synchronise` brings a whole index into agreement with the catalog (after a crash,
  a rebuild, or an index that lost a commit).

The import pipeline, metadata edits, OCR and removal call :func:`write_document`
directly; opening a library calls :func:`synchronise` (``Library.sync_index``).
"""

from __future__ import annotations

import time
from typing import Collection, Optional

from briefer.core.catalog.catalog import Catalog
from briefer.core.index.backend import PageWriter, SearchBackend
from briefer.core.progress import CancelToken, ProgressCallback, check, report

# A long rebuild commits at least this often (seconds), so a crash loses little of it.
COMMIT_EVERY = 30.0


def write_document(writer: PageWriter, catalog: Catalog, doc_id: int,
                   page_terms: Optional[list[list[str]]] = None,
                   new_text: "bool | Collection[int]" = True) -> None:
    """Put the catalog's document ``doc_id`` into ``writer``: its pages when it is
    searchable, else its removal (the next commit names it either way). ``page_terms``
    and ``new_text`` as in :meth:`PageWriter.add_document`."""
    doc = catalog.document(doc_id)
    if doc is not None and doc.searchable:
        writer.add_document(doc, catalog.pages(doc_id), page_terms=page_terms,
                            new_text=new_text)
    else:
        writer.delete_document(doc_id)


def synchronise(catalog: Catalog, backend: SearchBackend,
                progress: Optional[ProgressCallback] = None,
                cancel: Optional[CancelToken] = None) -> int:
    """Bring ``backend`` into agreement with ``catalog``; returns documents (re)indexed.

    Written again: every document not flagged as indexed, and every flagged searchable
    document the index lacks (it lost a commit). Deleted: pages of documents the catalog
    no longer has or that are no longer searchable. Flags are set after each commit."""
    index_ids = backend.doc_ids()
    catalog_ids = set(catalog.document_ids())
    flagged = catalog.indexed_ids()
    searchable = catalog.searchable_ids()
    todo = set(catalog.unindexed_ids()) | {i for i in flagged & searchable
                                           if i not in index_ids}
    stale = (index_ids - catalog_ids) | (index_ids & (catalog_ids - searchable))
    if not todo and not stale:
        return 0
    w = backend.writer()
    for doc_id in stale:
        w.delete_document(doc_id)
    done: list[int] = []
    last = time.monotonic()
    total = len(todo)
    for k, doc_id in enumerate(sorted(todo)):
        check(cancel)
        write_document(w, catalog, doc_id)
        done.append(doc_id)
        report(progress, k + 1, total, "Rebuilding the search index")
        if time.monotonic() - last > COMMIT_EVERY:
            w.commit()
            catalog.set_indexed(done)
            done = []
            last = time.monotonic()
    w.commit()
    catalog.set_indexed(done)
    return total
