"""A second search engine behind the seam: the page index in plain Python, in memory.

:class:`MemoryIndex` implements :class:`~briefer.core.index.backend.SearchBackend` with
no Whoosh index, query or searcher (only the shared analysis, which borrows Whoosh's
Porter stemmer): inverted lists ``{term: {page: positions}}`` per field, built from the
same analysis as the Whoosh index (``text/analysis.py``, or the terms an extraction
worker computed), queries read by the shared ``reading.TreeReader`` and evaluated as
sets of pages with BM25 scores. The tests run the query-language suite on it and on the
Whoosh index and expect the same pages (``tests/core/engines.py``), which keeps the seam
honest: nothing a caller needs may live only in the Whoosh engine. It is also the
smallest complete example of an engine for whoever plugs in a server engine for a shared
team library (see docs/architecture.md, "The search seam").

Not for libraries on disk: nothing is saved, and every page's terms are kept in memory.

Scores are BM25 (the Whoosh index's formula, with exact field lengths where Whoosh
rounds them to a byte, and a phrase scored by all its words), so pages with equal
matches rank alike on both engines but scores are not equal to the last digit.
Threads: searches and commits take one lock; a writer buffers its changes until commit.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from math import log
from typing import Any, Collection, Iterable, Mapping, Optional

from briefer.core.catalog.catalog import Document, Page
from briefer.core.index import reading
from briefer.core.index.reading import date_number
from briefer.core.index.backend import (EngineNotice, PageHit, SearchOutcome, SearchRequest,
                                        Suggestion)
from briefer.core.index.vocabulary import Vocabulary, page_counts
from briefer.core.progress import CancelToken, check
from briefer.core.text.analysis import term_texts, terms
from briefer.core.text.query import Query

K1 = 1.2
B = 0.75
TEXT_FIELDS = ("content", "title", "issuer")  # words with positions, scored
KEYWORD_FIELDS = ("type", "tag", "lang", "doc")  # whole values, not scored

Scores = dict[int, float]  # page number -> score


@dataclass
class _Page:
    doc_id: int
    page_index: int
    label: str
    date: int
    lengths: dict[str, int] = field(default_factory=dict)  # terms per text field


def _positions(term_list: Iterable[str]) -> dict[str, list[int]]:
    """term -> its positions (a "" holds a position without a term)."""
    out: dict[str, list[int]] = {}
    for pos, t in enumerate(term_list):
        if t:
            out.setdefault(t, []).append(pos)
    return out


def _keywords(doc: Document) -> dict[str, list[str]]:
    """The whole values of a document's keyword fields, as the Whoosh schema keeps them
    (type and language as they are, tags split at commas and lower-cased)."""
    tags = [t.strip().lower() for t in ",".join(doc.tags).split(",") if t.strip()]
    return {"type": [doc.doc_type] if doc.doc_type else [],
            "tag": tags,
            "lang": [doc.language] if doc.language else [],
            "doc": [str(doc.id)]}


class MemoryIndex:
    """A library's page index held in memory (see the module's notes)."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._pages: dict[int, _Page] = {}  # page number -> page; numbers only grow
        self._next = 0
        self._by_doc: dict[int, list[int]] = {}
        self._text: dict[str, dict[str, dict[int, list[int]]]] = {f: {} for f in TEXT_FIELDS}
        self._keys: dict[str, dict[str, set[int]]] = {f: {} for f in KEYWORD_FIELDS}
        self._total_length: Counter[str] = Counter()  # per text field, for the average
        self._words: Counter[str] = Counter()
        self._vocab: Optional[Vocabulary] = None
        self._generation = 0

    # ------------------------------------------------------------------ the seam
    def writer(self) -> "MemoryWriter":
        return MemoryWriter(self)

    def vocabulary(self) -> Vocabulary:
        with self._lock:
            if self._vocab is None:
                self._vocab = Vocabulary(dict(self._words))
            return self._vocab

    def generation(self) -> int:
        return self._generation

    def doc_ids(self) -> set[int]:
        with self._lock:
            return set(self._by_doc)

    def page_count(self) -> int:
        return len(self._pages)

    def notice(self) -> Optional[EngineNotice]:
        return None

    def close(self) -> None:
        pass

    def suggest(self, query: Query) -> Optional[Suggestion]:
        with self._lock:
            content = self._text["content"]
            return reading.suggest(query, self.vocabulary(),
                                   lambda term: len(content.get(term, ())))

    def search(self, request: SearchRequest,
               cancel: Optional[CancelToken] = None) -> SearchOutcome:
        with self._lock:
            notes: list[str] = []
            rd = _Reader(self, self.vocabulary(), request.documents, notes)
            scores = rd.build(request.root) if request.root is not None else rd.emit_every()
            check(cancel)
            if request.allowed_docs is not None:
                allowed = {k for d in request.allowed_docs for k in self._by_doc.get(d, ())}
                scores = {k: s for k, s in scores.items() if k in allowed}
            want = request.offset + request.limit
            pages = self._pages
            docs = request.documents
            if request.sort == "date":
                def key(k: int) -> tuple[Any, ...]:
                    d = docs.get(pages[k].doc_id)
                    return (-date_number(d.date) if d else 0, pages[k].doc_id, k)
                ranked = [(k, 0.0) for k in sorted(scores, key=key)]
            elif request.sort == "document":
                def key(k: int) -> tuple[Any, ...]:
                    d = docs.get(pages[k].doc_id)
                    return ((d.title.casefold() if d else ""), pages[k].doc_id, k)
                ranked = [(k, 0.0) for k in sorted(scores, key=key)]
            else:  # best first; equal scores in page order
                ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
            hits = [PageHit(pages[k].doc_id, pages[k].page_index,
                            pages[k].label or str(pages[k].page_index + 1), s)
                    for k, s in ranked[request.offset:want]]
            per_doc = dict(Counter(pages[k].doc_id for k in scores)) \
                if request.need_all else None
            return SearchOutcome(hits, len(scores), True, rd.stems, rd.phrases, notes,
                                 per_doc)

    # ------------------------------------------------------------------ changes
    def _delete(self, doc_id: int) -> None:
        for k in self._by_doc.pop(doc_id, []):
            page = self._pages.pop(k)
            for f, n in page.lengths.items():
                self._total_length[f] -= n
            for lists in self._text.values():
                for term in [t for t, posts in lists.items() if k in posts]:
                    del lists[term][k]
                    if not lists[term]:
                        del lists[term]
            for values in self._keys.values():
                for v in [v for v, ks in values.items() if k in ks]:
                    values[v].discard(k)
                    if not values[v]:
                        del values[v]

    def _add(self, doc: Document, pages: list[tuple[Page, list[str]]]) -> None:
        self._delete(doc.id)
        title = _positions(t.text for t in terms(doc.title or ""))
        issuer = _positions(t.text for t in terms(doc.issuer or ""))
        keys = _keywords(doc)
        nums = []
        for p, content in pages:
            k = self._next
            self._next += 1
            nums.append(k)
            own = {"content": _positions(content), "title": title, "issuer": issuer}
            page = _Page(doc.id, p.index, p.label, date_number(doc.date))
            for f, positions in own.items():
                for term, pos in positions.items():
                    self._text[f].setdefault(term, {})[k] = pos
                page.lengths[f] = sum(len(pos) for pos in positions.values())
                self._total_length[f] += page.lengths[f]
            for f, values in keys.items():
                for v in values:
                    self._keys[f].setdefault(v, set()).add(k)
            self._pages[k] = page
        self._by_doc[doc.id] = nums

    # ------------------------------------------------------------------ matching
    def term_scores(self, fld: str, text: str) -> Scores:
        if fld in KEYWORD_FIELDS:
            return dict.fromkeys(self._keys[fld].get(text, ()), 0.0)
        posts = self._text.get(fld, {}).get(text)
        if not posts:
            return {}
        n = len(self._pages)
        avg = (self._total_length[fld] / n) if n else 1.0
        idf = log(n / (len(posts) + 1)) + 1
        out = {}
        for k, pos in posts.items():
            tf = len(pos)
            norm = K1 * ((1 - B) + B * self._pages[k].lengths.get(fld, 0) / (avg or 1.0))
            out[k] = idf * (K1 + 1) * tf / (tf + norm)
        return out

    def positions(self, fld: str, text: str, k: int) -> list[int]:
        return self._text.get(fld, {}).get(text, {}).get(k, [])


class _Reader(reading.TreeReader[Scores]):
    """The query tree evaluated on a :class:`MemoryIndex`: each node a set of pages with
    scores (the index's lock is held)."""

    def __init__(self, ix: MemoryIndex, vocab: Vocabulary, documents: Mapping[int, Document],
                 notes: list[str]) -> None:
        super().__init__(vocab, documents, notes)
        self.ix = ix

    def emit_every(self) -> Scores:
        return dict.fromkeys(self.ix._pages, 0.0)

    def emit_nothing(self) -> Scores:
        return {}

    def emit_term(self, field: str, text: str) -> Scores:
        return self.ix.term_scores(field, text)

    def _with_all(self, field: str, words: list[str]) -> Scores:
        return self.emit_all([self.ix.term_scores(field, w) for w in words])

    def emit_phrase(self, field: str, words: list[str]) -> Scores:
        cands = self._with_all(field, words)
        out = {}
        for k, s in cands.items():
            starts = set(self.ix.positions(field, words[0], k))
            for i, w in enumerate(words[1:], 1):
                starts &= {p - i for p in self.ix.positions(field, w, k)}
            if starts:
                out[k] = s
        return out

    def emit_near(self, field: str, words: list[str], slop: int) -> Scores:
        cands = self._with_all(field, words)
        return {k: s for k, s in cands.items() if self._near(field, words, slop, k)}

    def _near(self, field: str, words: list[str], slop: int, k: int) -> bool:
        # Spans grown word by word: the next word's position within ``slop`` of the span
        # so far, before or after it, not inside it (one position per word).
        spans = {(p, p) for p in self.ix.positions(field, words[0], k)}
        for w in words[1:]:
            grown = set()
            for p in self.ix.positions(field, w, k):
                for lo, hi in spans:
                    gap = lo - p if p < lo else p - hi if p > hi else 0
                    if 1 <= gap <= slop:
                        grown.add((min(lo, p), max(hi, p)))
            spans = grown
            if not spans:
                return False
        return bool(spans)

    def emit_all(self, items: list[Scores]) -> Scores:
        if not items:
            return {}
        keys = set(items[0]).intersection(*items[1:])
        return {k: sum(part[k] for part in items) for k in keys}

    def emit_any(self, items: list[Scores]) -> Scores:
        out: Scores = {}
        for part in items:
            for k, s in part.items():
                out[k] = out.get(k, 0.0) + s
        return out

    def emit_but_not(self, positive: Scores, negative: Scores) -> Scores:
        return {k: s for k, s in positive.items() if k not in negative}

    def emit_date_range(self, low: int, high: Optional[int]) -> Scores:
        return {k: 0.0 for k, p in self.ix._pages.items()
                if p.date >= low and (high is None or p.date <= high)}

    def emit_keyword_prefix(self, field: str, prefix: str) -> Scores:
        values = self.ix._keys.get(field, {})
        return {k: 0.0 for v, ks in values.items() if v.startswith(prefix) for k in ks}

    def emit_keyword_wildcard(self, field: str, pattern: str) -> Scores:
        rx = re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c)
                                for c in pattern) + r"\Z", re.S)
        values = self.ix._keys.get(field, {})
        return {k: 0.0 for v, ks in values.items() if rx.match(v) for k in ks}


class MemoryWriter:
    """Buffers a :class:`MemoryIndex`'s changes until :meth:`commit`."""

    def __init__(self, ix: MemoryIndex) -> None:
        self._ix = ix
        self._changes: list[tuple[int, Optional[Document], list[tuple[Page, list[str]]]]] = []
        self._words: Counter[str] = Counter()
        self._touched: dict[int, None] = {}

    def add_document(self, doc: Document, pages: Iterable[Page], replace: bool = True,
                     page_terms: Optional[list[list[str]]] = None,
                     new_text: "bool | Collection[int]" = True) -> int:
        pages = list(pages)
        analysed = []
        for p in pages:
            given = page_terms[p.index] if page_terms is not None and \
                p.index < len(page_terms) and p.text_source == "pdf" else None
            analysed.append((p, list(given) if given is not None else term_texts(p.text)))
        if new_text is not False:
            counted = pages if new_text is True else [p for p in pages if p.index in new_text]
            self._words.update(page_counts(p.text for p in counted))
        self._changes.append((doc.id, doc, analysed))
        self._touched[doc.id] = None
        return len(pages)

    def delete_document(self, doc_id: int, gone_pages: Iterable[Page] = ()) -> None:
        self._words.subtract(page_counts(p.text for p in gone_pages))
        self._changes.append((doc_id, None, []))
        self._touched[doc_id] = None

    def commit(self, merge: bool = True) -> list[int]:
        ix = self._ix
        with ix._lock:
            for doc_id, doc, analysed in self._changes:
                if doc is None:
                    ix._delete(doc_id)
                else:
                    ix._add(doc, analysed)
            for w, n in self._words.items():
                ix._words[w] += n
                if ix._words[w] <= 0:
                    del ix._words[w]
            ix._vocab = None
            ix._generation += 1
        done = list(self._touched)
        self.cancel()
        return done

    def cancel(self) -> None:
        self._changes = []
        self._words = Counter()
        self._touched = {}

