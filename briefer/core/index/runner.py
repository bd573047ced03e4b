"""Runs a search request on one index snapshot: translate, match, order, page.

Matching uses the fast engine (``engine.py``) when the index's layout was checked, and
Whoosh's own searcher otherwise (:func:`whoosh_matches`: slow but right). Both give the
same pages and scores; ``tests/core/index/test_engine_property.py`` holds them to it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Optional

from whoosh import query as wq

from briefer.core.index import reading
from briefer.core.index.backend import (PageHit, SearchOutcome, SearchRequest, Suggestion,
                                        WordList)
from briefer.core.index.engine import Outcome
from briefer.core.index.schema import date_number
from briefer.core.index.snapshot import Snapshot
from briefer.core.index.translate import Translator
from briefer.core.progress import CancelToken, check
from briefer.core.text.query import Query


def whoosh_pages(searcher: Any, q: Any) -> set[int]:
    """The pages Whoosh finds for ``q``. whoosh-reloaded 2.7.5's AND NOT can keep a page
    that has the excluded word, so AND NOT (and the AND and OR above it) is taken as set
    algebra over what Whoosh finds for the parts."""
    if isinstance(q, wq.AndNot):
        return whoosh_pages(searcher, q.a) - whoosh_pages(searcher, q.b)
    if isinstance(q, wq.And) and any(isinstance(s, (wq.AndNot, wq.And, wq.Or))
                                     for s in q.subqueries):
        parts = [whoosh_pages(searcher, s) for s in q.subqueries]
        return set.intersection(*parts) if parts else set()
    if isinstance(q, wq.Or) and any(isinstance(s, (wq.AndNot, wq.And, wq.Or))
                                    for s in q.subqueries):
        return set().union(*(whoosh_pages(searcher, s) for s in q.subqueries))
    return set(searcher.docs_for_query(q))


def whoosh_matches(searcher: Any, q: Any, limit: int, allow: Optional[set[int]],
                   need_all: bool) -> Outcome:
    """Whoosh's own matching and BM25F scoring, exact counts (the engine's reference)."""
    pages = whoosh_pages(searcher, q)
    if allow is not None:
        pages &= allow
    top: list[tuple[int, float]] = []
    if limit and pages:
        # Whoosh's best ``limit`` among the matching pages (equal scores: lower page first,
        # as the engine orders them); a matching page Whoosh's scorer does not reach
        # scores 0 after them.
        res = searcher.search(q, limit=limit, filter=pages, terms=False)
        top = [(hit.docnum, float(hit.score or 0.0)) for hit in res]
        if len(top) < min(limit, len(pages)):
            got = {d for d, _ in top}
            top += [(d, 0.0) for d in sorted(pages - got)][:limit - len(top)]
    return Outcome(top, len(pages), True, sorted(pages) if need_all else None)


def run(snap: Snapshot, vocab: WordList, request: SearchRequest,
        cancel: Optional[CancelToken] = None) -> SearchOutcome:
    """The hits of ``request`` on ``snap``; the caller holds the snapshot's lock."""
    notes: list[str] = []
    tr = Translator(vocab, request.documents, notes)
    wquery = tr.build(request.root) if request.root is not None else wq.Every()
    allow = snap.pages_of_docs(request.allowed_docs) \
        if request.allowed_docs is not None else None
    if allow is not None and not allow:
        wquery = wq.NullQuery  # an empty set of pages would mean "no filter" to Whoosh
        allow = None
    check(cancel)
    want = request.offset + request.limit
    relevance = request.sort == "relevance"
    need_all = request.need_all or not relevance
    engine = snap.engine()
    if engine is not None:
        out = engine.run(wquery, want if relevance else 0, allow, need_all, cancel)
    else:
        out = whoosh_matches(snap.searcher, wquery, want if relevance else 0, allow, need_all)
    check(cancel)
    top = out.top
    if not relevance:
        assert out.pages is not None
        docs = request.documents
        doc_of = snap.doc_of
        if request.sort == "date":
            def key(k: int) -> tuple[Any, ...]:
                d = docs.get(doc_of[k])
                return (-date_number(d.date) if d else 0, doc_of[k], k)
        else:
            def key(k: int) -> tuple[Any, ...]:
                d = docs.get(doc_of[k])
                return ((d.title.casefold() if d else ""), doc_of[k], k)
        top = [(k, 0.0) for k in sorted(out.pages, key=key)[:want]]
    top = top[request.offset:]
    hits = []
    for k, score in top:
        sf = snap.searcher.stored_fields(k)
        page_index = int(sf["page"])
        hits.append(PageHit(int(sf["doc"]), page_index, sf.get("label") or str(page_index + 1),
                            score))
    per_doc = None
    if request.need_all and out.pages is not None:
        per_doc = dict(Counter(snap.doc_of[k] for k in out.pages))
    return SearchOutcome(hits, out.total, out.exact, tr.stems, tr.phrases, notes, per_doc)


def suggest(snap: Snapshot, vocab: WordList, q: Query) -> Optional[Suggestion]:
    """"Did you mean" (``reading.suggest``) with the snapshot's page counts."""
    def doc_frequency(term: str) -> int:
        return int(snap.searcher.doc_frequency("content", term))

    return reading.suggest(q, vocab, doc_frequency)
