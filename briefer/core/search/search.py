"""Search: a parsed query run on the library's page index, hits grouped by document.

This module is the policy around the engine, and knows no engine: it parses the query
(``text/query.py``), turns filters and top-level dates into a set of allowed documents
(``filters.py``), asks the index through the seam (``index/backend.py``: the query tree
in, page hits out), then makes snippets from the catalog's page text (``highlight.py``),
groups the hits by document, counts facets (``facets.py``) and records the search in the
history. See ``text/query.py`` for the query language and ``index/translate.py`` for how the
Whoosh index answers it.

Threads: searches may run from several threads at once, also while another thread
imports: the index serialises its own matching step, and snippets are made outside it.
"""

from __future__ import annotations

import re
import time
from typing import Any, Optional, Union

from briefer.core.catalog.catalog import Document
from briefer.core.handle import LibraryView
from briefer.core.index.backend import (SORTS, PageHit, SearchBackend, SearchOutcome,
                                        SearchRequest, Suggestion)
from briefer.core.index.memo import remembered
from briefer.core.progress import CancelToken, check
from briefer.core.search import history, ocr_tolerance, proximity
from briefer.core.search.facets import FacetValue, facets as count_facets
from briefer.core.search.filters import (SAMPLE_TAG, Filters, allowed_docs, hide_samples,
                                         split_metadata)
from briefer.core.search.highlight import SNIPPET_CHARS, Snippet, make_snippet, match_spans
from briefer.core.search.provisions import find_provisions, parse_citation
from briefer.core.text.analysis import terms
from briefer.core.text.query import Node, Phrase, Query, Word, parse, positive_nodes
from briefer.core.search.results import DocumentHits, Hit, SearchResult

__all__ = ["SORTS", "SNIPPET_CHARS", "DocumentHits", "FacetValue", "Filters", "Hit",
           "SearchResult", "Snippet", "Suggestion", "live_documents", "make_snippet",
           "match_spans", "search"]

SUGGEST_BELOW = 3


def live_documents(library: LibraryView) -> dict[int, Document]:
    """The catalog's live documents by id, as of the index's last change (kept until the
    index changes: every catalog change that matters to search ends in an index commit)."""
    return remembered(library.index, "documents", lambda: {
        d.id: d for d in library.catalog.documents(include_superseded=False)})


def _ocr_tolerant(library: LibraryView, backend: SearchBackend, root: Optional[Node],
                  docs: dict[int, Document], allowed: Optional[set[int]], sort: str,
                  offset: int, limit: int, cancel: Optional[CancelToken],
                  notes: list[str]) -> Optional[SearchOutcome]:
    """The search again with missing words one edit away, OCR pages only (the policy is in
    ``ocr_tolerance.py``); None when there is nothing to try or nothing is found."""
    vocab = backend.vocabulary()
    loose = ocr_tolerance.loosen(root, lambda stem: bool(vocab.words_of_stem(stem)))
    if loose is None:
        return None
    check(cancel)
    more = backend.search(SearchRequest(
        loose, docs, frozenset(allowed) if allowed is not None else None, sort, 0, 10_000,
        need_all=True), cancel)
    kept = ocr_tolerance.ocr_only(more.hits, library.catalog.page)
    if not kept:
        return None
    notes.append(ocr_tolerance.NOTE)
    per_doc: dict[int, int] = {}
    for h in kept:
        per_doc[h.doc_id] = per_doc.get(h.doc_id, 0) + 1
    return SearchOutcome(kept[offset:offset + limit], len(kept), True, more.stems,
                         more.phrases, more.notes, per_doc)


_WORDS = re.compile(r"\w+")
NEAR_PHRASE_GAP = 2  # a phrase with no hit: its words with at most this many words between


def nearest_phrase(library: LibraryView, q: Query, docs: dict[int, Document],
                   allowed: Optional[set[int]], cancel: Optional[CancelToken] = None
                   ) -> Optional[Suggestion]:
    """For a query that is one exact phrase with no hit (``"unlawful content"``), the
    nearest phrase that has hits: the same words, in order, with at most
    :data:`NEAR_PHRASE_GAP` words between each two (``"unlawful online content"``): the
    nearest wording (fewest words), then the commonest, as a "did you mean" suggestion
    whose replacements list up to three wordings; None when there is none."""
    root = q.root
    if not isinstance(root, Phrase) or root.slop or root.field is not None:
        return None
    words = [t.text for t in terms(root.text) if t.text]
    if len(words) < 2:
        return None
    backend: SearchBackend = library.index
    loose = Phrase(root.text, slop=NEAR_PHRASE_GAP * (len(words) - 1))
    frozen = frozenset(allowed) if allowed is not None else None
    out = backend.search(SearchRequest(loose, docs, frozen, "relevance", 0, 10), cancel)
    vocab = backend.vocabulary()
    seen: dict[str, int] = {}  # each wording found, how often (the commonest is offered)
    for h in out.hits:
        check(cancel)
        page = library.catalog.page(h.doc_id, h.page_index)
        text = page.text if page is not None else ""
        found = proximity.locate(text, match_spans(text, set(words), (), vocab)).words
        for i, (t, a, b, p) in enumerate(found):
            if t != words[0]:
                continue
            end, last = b, p
            for w in words[1:]:
                nxt = next(((y, pp) for tt, _x, y, pp in found[i + 1:]
                            if tt == w and 0 < pp - last <= NEAR_PHRASE_GAP + 1), None)
                if nxt is None:
                    break
                end, last = nxt
            else:
                literal = " ".join(text[a:end].split()).casefold()
                if literal != " ".join(root.text.split()).casefold():
                    seen[literal] = seen.get(literal, 0) + 1
    # nearest first (fewest words between), then the commonest
    ranked = sorted(seen, key=lambda w: (len(_WORDS.findall(w)), -seen[w], w))
    good = []
    for literal in ranked[:5]:
        got = backend.search(SearchRequest(parse(f'"{literal}"').root, docs, frozen,
                                           "relevance", 0, 1), cancel)
        if got.total:
            good.append(literal)
    if not good:
        return None
    return Suggestion(f'"{good[0]}"', [(root.text, w) for w in good[:3]])


def search(library: LibraryView, query: Union[str, Query], filters: Optional[Filters] = None,
           sort: str = "relevance", limit: int = 20, *, offset: int = 0,
           facets: bool = False, exact_count: bool = False, suggest: bool = True,
           record: bool = True, cancel: Optional[CancelToken] = None) -> SearchResult:
    """Search the library's pages. Never raises for any query text.

    ``sort``: "relevance" (best first), "date" (newest documents first) or "document"
    (by title, then page order). ``limit``/``offset`` page through the hits. ``facets``
    counts matching pages per type, year, issuer, tag and document (this and sorting by
    date or document need every hit, so the count is then exact); otherwise ``total`` is
    exact, except for a phrase or proximity query whose candidates were not all checked
    (then an estimate, ``total_exact`` False; see ``index/engine.py``).
    ``record`` adds the search to the history. ``cancel`` is checked between the steps.
    """
    t0 = time.perf_counter()
    filters = filters or Filters()
    q = query if isinstance(query, Query) else parse(query)
    notes = list(q.notes)
    sort = sort if sort in SORTS else "relevance"
    limit = max(0, min(int(limit), 10_000))
    offset = max(0, int(offset))
    result = SearchResult(q.text, q.describe(), notes, [], 0, True, sort)
    if q.root is None:
        if not q.text.strip():
            notes.append("type some words to search for")
        result.seconds = time.perf_counter() - t0
        return result
    backend: SearchBackend = library.index
    docs = live_documents(library)
    root, date_docs = split_metadata(q.root, docs)
    allowed = allowed_docs(docs, filters) if filters.active() else None
    if date_docs is not None:
        allowed = date_docs if allowed is None else allowed & date_docs
    # The samples stay apart once the user has documents of their own.
    hidden = hide_samples(docs, filters, asked_for=any(
        isinstance(n, Word) and n.field == "tag" and n.text.lower() == SAMPLE_TAG
        for n in positive_nodes(q.root)))
    if hidden:
        allowed = (set(docs) if allowed is None else allowed) - hidden
    check(cancel)
    # Several plain words: the index's best pages are re-ordered so that pages where the
    # words stand together come first (``proximity.py``); the same pages match.
    near = proximity.plain_terms(root) if sort == "relevance" and \
        offset < proximity.RERANK_TOP else []
    ask_offset, ask_limit = (0, max(proximity.RERANK_TOP, offset + limit)) if near else \
        (offset, limit)
    out = backend.search(SearchRequest(
        root, docs, frozenset(allowed) if allowed is not None else None, sort, ask_offset,
        ask_limit, need_all=facets or exact_count), cancel)
    vocab = backend.vocabulary()
    texts: dict[tuple[int, int], Any] = {}

    def page_of(doc_id: int, page_index: int) -> Any:
        key = (doc_id, page_index)
        if key not in texts:
            texts[key] = library.catalog.page(doc_id, page_index)
        return texts[key]

    if near and out.hits:
        wanted = set(near)
        tier_of_text = proximity.Tiers(near, vocab,
                                       lambda text: match_spans(text, wanted, (), vocab))

        def tier_of(h: PageHit) -> int:
            page = page_of(h.doc_id, h.page_index)
            return tier_of_text(page.text if page is not None else "")

        check(cancel)
        out.hits = proximity.rerank(out.hits, tier_of)[offset:offset + limit]
        out.phrases = set(out.phrases) | {tuple(near)}  # "of" painted inside the phrase
    elif near:
        out.hits = []
    if out.total == 0:  # scanned pages: a word OCR misread is tried with one edit there
        out = _ocr_tolerant(library, backend, root, docs, allowed, sort, offset, limit,
                            cancel, notes) or out
    for n in out.notes:
        if n not in notes:
            notes.append(n)
    result.total, result.total_exact = out.total, out.exact
    if facets and out.pages_per_doc is not None:
        result.facets = count_facets(out.pages_per_doc, docs)
    if hidden and offset == 0:  # how many samples would have matched: said, not shown
        among = hidden & allowed_docs(docs, filters) if filters.active() else set(hidden)
        if date_docs is not None:
            among &= date_docs
        if among:
            got = backend.search(SearchRequest(root, docs, frozenset(among), "relevance", 0,
                                               0, need_all=True), cancel)
            result.samples_hidden = len(got.pages_per_doc or {})
    if suggest and result.total < SUGGEST_BELOW:
        result.suggestion = backend.suggest(q)
    if suggest and result.total == 0 and result.suggestion is None:
        result.suggestion = nearest_phrase(library, q, docs, allowed, cancel)
    # A query that opens with a citation ("Article 19", "s. 20(1)"): the pages where that
    # provision begins come first, marked as the provision.
    citation = parse_citation(q.text) if sort == "relevance" and offset == 0 else None
    provisions = find_provisions(library, citation, docs, frozenset(allowed)
                                 if allowed is not None else None) if citation else []
    first_score = out.hits[0].score if out.hits else 1.0
    marked = {(p.doc_id, p.page_index): p for p in provisions}
    page_hits = [PageHit(p.doc_id, p.page_index, "", first_score) for p in provisions]
    page_hits += [h for h in out.hits if (h.doc_id, h.page_index) not in marked]
    page_hits = page_hits[:limit]
    result.total += sum(1 for p in provisions
                        if all((h.doc_id, h.page_index) != (p.doc_id, p.page_index)
                               for h in out.hits))
    # Snippets come from the catalog's page text, outside the index. Function words
    # ("of", "the") are marked only inside a matched phrase.
    stems = proximity.without_stop_words(out.stems)
    groups: dict[int, DocumentHits] = {}
    for h in page_hits:
        check(cancel)
        page = page_of(h.doc_id, h.page_index)
        text = page.text if page is not None else ""
        spans = match_spans(text, stems, out.phrases, vocab)
        prov = marked.get((h.doc_id, h.page_index))
        if prov is not None:  # the snippet opens where the provision begins
            around = [s for s in spans if s[0] >= prov.offset][:3] or \
                [(prov.offset, prov.offset)]
            snippet = make_snippet(text, around)
        else:
            snippet = make_snippet(text, spans)
        label = h.label or (page.label if page is not None and page.label else
                            str(h.page_index + 1))
        hit = Hit(h.doc_id, h.page_index, label, h.score, spans, snippet,
                  ocr=page is not None and page.text_source == "ocr",
                  provision=prov.label if prov is not None else "")
        g = groups.get(h.doc_id)
        if g is None:
            d = docs.get(h.doc_id) or library.catalog.document(h.doc_id)
            g = groups[h.doc_id] = DocumentHits(
                h.doc_id, d.title if d else f"#{h.doc_id}", d.doc_type if d else "",
                d.date if d else "", d.issuer if d else "", h.score, [])
        g.hits.append(hit)
    result.documents = list(groups.values())
    if sort == "document":
        for g in result.documents:
            g.hits.sort(key=lambda h: h.page_index)
    result.seconds = time.perf_counter() - t0
    if record:
        try:
            history.record(library.catalog, q.text, filters.to_json(), sort, result.total)
        except Exception:  # the history must never cost a search
            pass
    return result
