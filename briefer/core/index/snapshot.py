"""One moment of the page index, kept open for searching until the index changes.

Opening a Whoosh searcher and building the page look-up tables costs far more than a
query, so a :class:`Snapshot` keeps them (and the query engine's caches, and the page
sets of allowed documents — see :meth:`Snapshot.memo`) until a commit makes it stale:
the Whoosh engine's own caches, never seen outside it (callers remember things through
``memo.remembered``). Whoosh readers are not thread-safe: every use of a snapshot holds
the index's lock (``SearchIndex.lock``), which the snapshot shares.
"""

from __future__ import annotations

import threading
from array import array
from typing import Any, Callable, Optional, TypeVar, cast

from briefer.core.index.engine import Engine

T = TypeVar("T")
MEMO_LIMIT = 64


class Snapshot:
    """A Whoosh searcher plus page-number look-ups: Whoosh page number -> catalog document.

    The index keeps a document's pages together and in order, so sorting hits by
    (document, Whoosh page number) gives document and page order without stored fields.
    ``native``: the query engine may read the posting files (their layout was checked).
    """

    def __init__(self, searcher: Any, native: bool, lock: threading.RLock) -> None:
        self.searcher = searcher
        self.native = native
        self.lock = lock
        reader = searcher.reader()
        # Whoosh opens a segment's column files (stored fields, field lengths) on first
        # use; opened now, a commit that deletes a merged segment's files cannot pull
        # them from under a later search (deleted files stay readable while open).
        self.segment_ids: list[str] = []
        scorable = list(searcher.schema.scorable_names())
        for leaf, _offset in reader.leaf_readers():
            segment = leaf.segment()  # None for an empty index's reader
            if segment is not None:
                self.segment_ids.append(segment.segment_id())
            if leaf.doc_count_all():
                leaf.stored_fields(0)
                for name in scorable:
                    leaf.doc_field_length(0, name)
        n = reader.doc_count_all()
        self.doc_of = array("l", [-1]) * n
        self.pages_of: dict[int, Any] = {}
        for t in reader.lexicon("doc"):
            doc_id = int(t.decode() if isinstance(t, bytes) else t)
            nums = array("l", reader.postings("doc", t).all_ids())
            if not nums:
                continue
            self.pages_of[doc_id] = nums
            for k in nums:
                self.doc_of[k] = doc_id
        self._engine: Optional[Engine] = None
        self._memo: dict[Any, Any] = {}

    def engine(self) -> Optional[Engine]:
        """The fast query evaluator for this snapshot (None: Whoosh's own searcher only)."""
        if not self.native:
            return None
        with self.lock:
            if self._engine is None:
                self._engine = Engine(self.searcher)
            return self._engine

    def memo(self, key: Any, make: Callable[[], T]) -> T:
        """A value kept until the index changes (made once; ``make`` runs under the lock)."""
        with self.lock:
            if key not in self._memo:
                if len(self._memo) >= MEMO_LIMIT:
                    self._memo.clear()
                self._memo[key] = make()
            return cast(T, self._memo[key])

    def pages_of_docs(self, doc_ids: frozenset[int]) -> set[int]:
        """The page numbers of these documents (remembered for the snapshot)."""
        def make() -> set[int]:
            pages: set[int] = set()
            for d in doc_ids:
                pages.update(self.pages_of.get(d, ()))
            return pages

        return self.memo(("pages", doc_ids), make)

    def up_to_date(self) -> bool:
        try:
            return bool(self.searcher.up_to_date())
        except Exception:  # a closed or broken searcher: make a new one
            return False

    def close(self) -> None:
        with self.lock:
            self._engine = None
            self._memo = {}
            try:
                self.searcher.close()
            except Exception:
                pass
