"""Which hits the reader paints and which one is current: search hits or find matches.

Two lists, one cursor: the search hits the window opened the document with (by page, for
F3/Shift+F3 through the whole document) and, while the find bar has a text, its matches,
which take over. Pure Python, no Qt: the panel asks what to paint on a page and where the
next hit is, and moves there.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Optional

Span = tuple[int, int]
Hit = tuple[int, int, int]  # page, start, end (stored offsets)


class HitCursor:
    """Search hits and find matches of one document, and the current one of each."""

    def __init__(self) -> None:
        self._search: list[Hit] = []
        self._search_index = -1
        self._found: list[Hit] = []
        self._found_index = -1
        self.finding = False  # the find bar's matches are the ones shown

    def set_search(self, hits_by_page: dict[int, list[Span]]) -> None:
        self._search = sorted((p, s, e) for p, spans in hits_by_page.items()
                              for s, e in spans)
        self._search_index = -1

    def set_found(self, hits: list[Hit]) -> None:
        self._found = sorted(hits)
        self._found_index = -1
        self.finding = True

    def clear_found(self) -> None:
        self._found, self._found_index, self.finding = [], -1, False

    @property
    def hits(self) -> list[Hit]:
        """The hits being stepped through (find matches while finding)."""
        return self._found if self.finding else self._search

    @property
    def index(self) -> int:
        return self._found_index if self.finding else self._search_index

    def _set_index(self, index: int) -> None:
        if self.finding:
            self._found_index = index
        else:
            self._search_index = index

    def search_spans(self, page: int) -> list[Span]:
        """The search hits of ``page`` (what ``highlight_rects`` reports)."""
        return [(s, e) for p, s, e in self._search if p == page]

    def spans(self, page: int) -> list[Span]:
        """The hits painted on ``page``."""
        return [(s, e) for p, s, e in self.hits if p == page]

    def current(self) -> Optional[Hit]:
        hits, index = self.hits, self.index
        return hits[index] if 0 <= index < len(hits) else None

    def count(self) -> tuple[int, int]:
        """``(current, total)``, current counted from 1 (0: none chosen yet)."""
        return self.index + 1, len(self.hits)

    def focus(self, hit: Hit) -> bool:
        """Make ``hit`` current if it is one of the hits."""
        if hit in self.hits:
            self._set_index(self.hits.index(hit))
            return True
        return False

    def step(self, direction: int, page: int) -> Optional[Hit]:
        """The next (``+1``) or previous (``-1``) hit, wrapping; the first step goes to the
        first hit at or after the start of ``page`` (or the last before it)."""
        hits = self.hits
        if not hits:
            return None
        index = self.index
        if index < 0:
            pos = bisect_right([(p, s) for p, s, _e in hits], (page, -1))
            index = pos if direction > 0 else pos - 1
        else:
            index += direction
        self._set_index(index % len(hits))
        return self.current()
