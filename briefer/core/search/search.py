"""Search: a parsed query run on the page index, hits grouped by document, with snippets.

:func:`search` returns plain dataclasses (no Whoosh objects). Every hit names its document,
page index, printed page label and score, and carries the character spans of the matched
words in the page text the catalog stores — the offsets the reader turns into highlight
boxes — and a snippet around the best cluster of them.

How a query becomes an index query (see ``query.py`` for the language):

* words are analysed as the pages were (stemmed, folded) and looked up in ``content``;
* phrases are looked up as word pairs in ``pairs`` (one term for two words, a phrase of
  n - 1 pairs for n words), so a phrase of common words costs about one rare term;
* prefixes, wildcards and fuzzy words are expanded over the index's vocabulary of
  unstemmed words, and the stems of the words found are looked up;
* fields are matched in their own index fields; dates as YYYYMMDD number ranges;
* filters become a set of allowed index pages (cached per index snapshot).

All Whoosh-specific code lives here and in ``index.py``.
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
import weakref
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Optional, Union

from whoosh import query as wq
from whoosh.query.spans import SpanNear2

from briefer.core.search import history
from briefer.core.index.analysis import WORD_RE, normalise_word, terms
from briefer.core.catalog.catalog import DOC_TYPES, Document
from briefer.core.index.index import PAIR_SEP, Snapshot, Vocabulary, date_number, pair_indexed
from briefer.core.progress import CancelToken, check
from briefer.core.search.query import (And, DateRange, Node, Not, Or, Phrase, Query, Word, parse,
                                positive_nodes)

# The benchmark sets this to measure a straightforward Whoosh search: phrases from word
# positions, a new searcher per query and an exact count with len(results).
BASELINE = False

SORTS = ("relevance", "date", "document")
SNIPPET_CHARS = 220
MAX_EXPANSION = 200
SUGGEST_BELOW = 3


# ----------------------------------------------------------------------------- results


@dataclass
class Filters:
    """Restrictions besides the query; empty lists mean no restriction."""

    types: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    issuers: list[str] = field(default_factory=list)
    doc_ids: list[int] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    date_from: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD, inclusive
    date_to: str = ""
    years: list[int] = field(default_factory=list)

    def active(self) -> bool:
        return any((self.types, self.tags, self.issuers, self.doc_ids, self.languages,
                    self.date_from, self.date_to, self.years))

    def key(self) -> tuple:
        return (tuple(sorted(self.types)), tuple(sorted(self.tags)),
                tuple(sorted(self.issuers)), tuple(sorted(self.doc_ids)),
                tuple(sorted(self.languages)), self.date_from, self.date_to,
                tuple(sorted(self.years)))

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in ("", [], None)}

    @classmethod
    def from_json(cls, data: Optional[dict[str, Any]]) -> "Filters":
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in (data or {}).items() if k in names})


@dataclass
class Snippet:
    """``text`` is ``page_text[start:end]`` with line breaks shown as spaces (same length);
    ``highlights`` are the matches as ``[a, b)`` offsets into ``text``."""

    text: str
    start: int
    end: int
    highlights: list[tuple[int, int]]

    def marked(self, before: str = "[", after: str = "]") -> str:
        out, pos = [], 0
        for a, b in self.highlights:
            out.append(self.text[pos:a])
            out.append(before + self.text[a:b] + after)
            pos = b
        out.append(self.text[pos:])
        return ("…" if self.start > 0 else "") + "".join(out).strip() + "…"


@dataclass
class Hit:
    """One matching page."""

    doc_id: int
    page_index: int  # PDF page, counted from 0
    page_label: str  # the printed page number
    score: float
    spans: list[tuple[int, int]]  # matches as offsets into the page's stored text
    snippet: Optional[Snippet]
    ocr: bool = False  # the page's text came from OCR: "text from OCR — check against the scan"

    @property
    def page_number(self) -> int:
        return self.page_index + 1

    @property
    def note(self) -> str:
        """What a user must know about this hit's text ('' when nothing)."""
        from briefer.core.ocr.ocr import OCR_NOTE

        return OCR_NOTE if self.ocr else ""

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "page_index": self.page_index,
                "page_number": self.page_number, "page_label": self.page_label,
                "score": round(self.score, 4), "spans": [list(s) for s in self.spans],
                "snippet": asdict(self.snippet) if self.snippet else None,
                "snippet_marked": self.snippet.marked() if self.snippet else "",
                "ocr": self.ocr, "note": self.note}


@dataclass
class DocumentHits:
    """The hits of one document, in the result's order."""

    doc_id: int
    title: str
    doc_type: str
    date: str
    issuer: str
    score: float
    hits: list[Hit]

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "title": self.title, "type": self.doc_type,
                "date": self.date, "issuer": self.issuer, "score": round(self.score, 4),
                "hits": [h.to_json() for h in self.hits]}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int  # matching pages


@dataclass
class Suggestion:
    """"Did you mean": the corrected query and the words replaced."""

    query: str
    replacements: list[tuple[str, str]]


@dataclass
class SearchResult:
    query: str
    reading: str  # the query as understood (query syntax)
    notes: list[str]
    documents: list[DocumentHits]
    total: int  # matching pages
    total_exact: bool
    sort: str
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: Optional[Suggestion] = None
    seconds: float = 0.0

    @property
    def hits(self) -> list[Hit]:
        return [h for d in self.documents for h in d.hits]

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "reading": self.reading, "notes": self.notes,
                "total": self.total, "total_exact": self.total_exact, "sort": self.sort,
                "documents": [d.to_json() for d in self.documents],
                "facets": {k: [asdict(v) for v in vs] for k, vs in self.facets.items()},
                "suggestion": asdict(self.suggestion) if self.suggestion else None,
                "seconds": round(self.seconds, 4)}


# ----------------------------------------------------------------------------- per snapshot


class _Meta:
    """Catalog metadata of the indexed documents and filter sets, cached per snapshot."""

    def __init__(self, docs: list[Document]) -> None:
        self.docs = {d.id: d for d in docs}
        self.filter_sets: dict[tuple, Optional[set[int]]] = {}


_META: "weakref.WeakKeyDictionary[Snapshot, _Meta]" = weakref.WeakKeyDictionary()
_META_LOCK = threading.Lock()


def _meta(library: Any, snap: Snapshot) -> _Meta:
    with _META_LOCK:
        m = _META.get(snap)
        if m is None:
            m = _Meta(library.catalog.documents(include_superseded=False))
            _META[snap] = m
        return m


def _allowed_docs(meta: _Meta, f: Filters) -> set[int]:
    types = {t.lower() for t in f.types}
    tags = {t.lower() for t in f.tags}
    issuers = [i.casefold() for i in f.issuers]
    langs = {x.lower() for x in f.languages}
    lo = _bound(f.date_from, low=True)
    hi = _bound(f.date_to, low=False)
    out = set()
    for d in meta.docs.values():
        if types and d.doc_type.lower() not in types:
            continue
        if tags and not tags & {t.lower() for t in d.tags}:
            continue
        if issuers and not any(i in (d.issuer or "").casefold() for i in issuers):
            continue
        if f.doc_ids and d.id not in f.doc_ids:
            continue
        if langs and (d.language or "").lower() not in langs:
            continue
        n = date_number(d.date)
        if (lo or hi or f.years) and not n:
            continue
        if lo and n < lo or hi and n > hi:
            continue
        if f.years and n // 10000 not in f.years:
            continue
        out.add(d.id)
    return out


def _bound(value: str, low: bool) -> int:
    from briefer.core.search.query import _date_bounds

    if not value:
        return 0
    b = _date_bounds(value)
    if b is None:
        return 0
    return b[0] if low else b[1]


def _allowed_pages(snap: Snapshot, meta: _Meta, f: Filters) -> Optional[set[int]]:
    if not f.active():
        return None
    key = f.key()
    if key not in meta.filter_sets:
        pages: set[int] = set()
        for d in _allowed_docs(meta, f):
            pages.update(snap.pages_of.get(d, ()))
        if len(meta.filter_sets) > 32:
            meta.filter_sets.clear()
        meta.filter_sets[key] = pages
    return meta.filter_sets[key]


# ----------------------------------------------------------------------------- translation


class _Translator:
    """Turns the query tree into a Whoosh query and collects what to highlight."""

    def __init__(self, library: Any, vocab: Vocabulary, meta: _Meta, notes: list[str]) -> None:
        self.library = library
        self.vocab = vocab
        self.meta = meta
        self.notes = notes
        self.stems: set[str] = set()  # single terms to highlight
        self.phrases: set[tuple[str, ...]] = set()
        self.positive: set[int] = set()
        self.expanded: dict[int, list[str]] = {}  # node id -> words it stands for

    def note(self, msg: str) -> None:
        if msg not in self.notes:
            self.notes.append(msg)

    def build(self, root: Node) -> Any:
        self.positive = {id(n) for n in positive_nodes(root)}
        return self.node(root)

    def node(self, n: Node) -> Any:
        if isinstance(n, And):
            pos = [self.node(i) for i in n.items if not isinstance(i, Not)]
            neg = [self.node(i.item) for i in n.items if isinstance(i, Not)]
            pos_q = wq.And(pos) if len(pos) > 1 else (pos[0] if pos else wq.Every())
            if not neg:
                return pos_q
            return wq.AndNot(pos_q, wq.Or(neg) if len(neg) > 1 else neg[0])
        if isinstance(n, Or):
            return wq.Or([self.node(i) for i in n.items])
        if isinstance(n, Not):
            return wq.AndNot(wq.Every(), self.node(n.item))
        if isinstance(n, DateRange):
            if n.low is None and n.high is None:
                return wq.Every()
            return wq.NumericRange("date", n.low if n.low is not None else 1, n.high)
        if isinstance(n, Phrase):
            return self.phrase(n)
        return self.word(n)

    # -- text in the content (or title / issuer) field
    def _highlight(self, n: Node, stems: Iterable[str] = (),
                   phrase: Optional[tuple[str, ...]] = None) -> None:
        if id(n) in self.positive and getattr(n, "field", None) is None:
            self.stems.update(stems)
            if phrase:
                self.phrases.add(phrase)

    def _terms_query(self, fieldname: str, ts: list[str], n: Node) -> Any:
        if not ts:
            return wq.NullQuery
        if len(ts) == 1:
            self._highlight(n, ts)
            return wq.Term(fieldname, ts[0])
        self._highlight(n, phrase=tuple(ts))
        if fieldname == "content" and not BASELINE:
            indexed = [pair_indexed(a, b) for a, b in zip(ts, ts[1:])]
            pairs = [a + PAIR_SEP + b for a, b in zip(ts, ts[1:])]
            if all(indexed):
                if len(pairs) == 1:
                    return wq.Term("pairs", pairs[0])
                return wq.Phrase("pairs", pairs)
            positional = wq.Phrase(fieldname, ts)
            known = [wq.Term("pairs", p) for p, ok in zip(pairs, indexed) if ok]
            # pairs with a common word narrow the pages before positions are compared
            return wq.And(known + [positional]) if known else positional
        return wq.Phrase(fieldname, ts)

    def phrase(self, n: Phrase) -> Any:
        fld = n.field or "content"
        if fld in ("type", "tag", "lang", "doc"):
            return self.keyword(fld, n.text, exact=True)
        ts = [t.text for t in terms(n.text) if t.text]
        if not ts:
            self.note(f'"{n.text}" has no words to search for; ignored')
            return wq.NullQuery
        if n.slop and len(ts) > 1:
            self._highlight(n, ts)
            return SpanNear2([wq.Term(fld, t) for t in ts], slop=n.slop + 1, ordered=False)
        return self._terms_query(fld, ts, n)

    def word(self, n: Word) -> Any:
        fld = n.field or "content"
        if fld in ("type", "tag", "lang", "doc"):
            return self.keyword(fld, n.text, exact=n.mode == "word", mode=n.mode)
        if n.mode == "word":
            ts = [t.text for t in terms(n.text) if t.text]
            if not ts:
                self.note(f"'{n.text}' has no letters or digits to search for; ignored")
                return wq.NullQuery
            return self._terms_query(fld, ts, n)
        words = self.expand(n)
        self.expanded[id(n)] = words
        stems = sorted({normalise_word(w) for w in words})
        if not stems:
            return wq.NullQuery
        self._highlight(n, stems)
        qs = [wq.Term(fld, s) for s in stems]
        return qs[0] if len(qs) == 1 else wq.Or(qs)

    def expand(self, n: Word) -> list[str]:
        """The vocabulary words a prefix, wildcard or fuzzy word stands for."""
        vocab = self.vocab
        if n.mode == "prefix":
            prefix = normalise_word(n.text.rstrip("*"), False)
            if not prefix:
                return []
            words = vocab.with_prefix(prefix)
        elif n.mode == "wildcard":
            parts = re.split(r"([*?])", n.text)
            pattern = "".join(".*" if p == "*" else "." if p == "?" else
                              re.escape(normalise_word(p, False)) for p in parts if p)
            lit = normalise_word(re.split(r"[*?]", n.text)[0], False) if n.text[0] not in "*?" else ""
            rx = re.compile(pattern + r"\Z")
            pool = vocab.with_prefix(lit) if lit else vocab.sorted_words()
            words = [w for w in pool if rx.match(w)]
        else:
            w = normalise_word(n.text, False)
            if not w:
                return []
            dist = n.distance if n.distance is not None else (
                0 if len(w) < 3 else 1 if len(w) < 6 else 2)
            words = vocab.near(w, dist) if dist else []
            if w in vocab.words or not words:
                words = [w] + [x for x in words if x != w]
        if len(words) > MAX_EXPANSION:
            words = sorted(words, key=lambda x: -vocab.words.get(x, 0))[:MAX_EXPANSION]
            self.note(f"'{n.text}' stands for many words; the {MAX_EXPANSION} most frequent "
                      "were used")
        return words

    def keyword(self, fld: str, value: str, exact: bool, mode: str = "word") -> Any:
        v = " ".join(value.split()).strip()
        if fld == "doc":
            key = v.lstrip("#")
            if key.isdigit():
                return wq.Term("doc", key)
            low = v.casefold()
            ids = [d.id for d in self.meta.docs.values()
                   if low.rstrip("*") in d.title.casefold() or low in d.file_name.casefold()]
            if not ids:
                self.note(f"no document matches doc:{v}")
                return wq.NullQuery
            return wq.Or([wq.Term("doc", str(i)) for i in ids])
        low = v.lower()
        if fld == "type":
            if low not in DOC_TYPES and low.rstrip("s") in DOC_TYPES:
                low = low.rstrip("s")
            if low not in DOC_TYPES and mode == "word":
                self.note(f"there is no document type '{v}' (types: {', '.join(DOC_TYPES)})")
                return wq.NullQuery
        if mode in ("prefix", "wildcard"):
            return wq.Wildcard(fld, low) if mode == "wildcard" else wq.Prefix(fld, low.rstrip("*"))
        return wq.Term(fld, low)


# ----------------------------------------------------------------------------- spans, snippets


def match_spans(text: str, stems: set[str], phrases: Iterable[tuple[str, ...]],
                vocab: Optional[Vocabulary] = None) -> list[tuple[int, int]]:
    """Spans of ``text`` whose terms are in ``stems`` or form one of ``phrases``.

    With a vocabulary, plain ASCII pages (most pages) are scanned with one regular
    expression of the words that have those stems, instead of analysing every word.
    """
    phrases = list(phrases)
    if vocab is not None:
        fast = _fast_spans(text, stems, phrases, vocab)
        if fast is not None:
            return fast
    ts = list(terms(text))
    return _spans_of(ts, stems, phrases)


def _spans_of(ts: list[Any], stems: set[str], phrases: list[tuple[str, ...]]
              ) -> list[tuple[int, int]]:
    words = [t.text for t in ts]
    found: set[tuple[int, int]] = set()
    if stems:
        for t in ts:
            if t.text in stems:
                found.add((t.start, t.end))
    for ph in phrases:
        k = len(ph)
        first = ph[0]
        i = -1
        while True:
            try:
                i = words.index(first, i + 1)
            except ValueError:
                break
            if tuple(words[i:i + k]) == ph:
                for t in ts[i:i + k]:
                    found.add((t.start, t.end))
    return sorted(found)


# Where a word needs the full analysis: a letter, digit or mark outside ASCII, a soft
# hyphen, or a hyphen at a line end.
_SPECIAL_SPOT = re.compile(r"(?![\x00-\x7f])[\w\u00ad\u0300-\u036f\u0610-\u061a\u064b-\u065f"
                           r"\u0670\u06d6-\u06ed\u200c\u200d]|[-\u2010\u2011]\r?\n")
_RX_CACHE: dict[frozenset, Optional[re.Pattern]] = {}
_GAP_WORD = re.compile(r"\w")


def _fast_spans(text: str, stems: set[str], phrases: list[tuple[str, ...]],
                vocab: Vocabulary) -> Optional[list[tuple[int, int]]]:
    from briefer.core.index.analysis import Term

    wanted = frozenset(stems | {t for ph in phrases for t in ph})
    if not wanted:
        return []
    rx = _RX_CACHE.get(wanted, False)
    if rx is False:
        words = {w for st in wanted for w in vocab.words_of_stem(st) if w.isascii()}
        words |= {st for st in wanted if st.isascii() and st.isalnum()}
        if not words or len(words) > 2000:
            rx = None
        else:
            alt = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
            rx = re.compile(rf"(?<![\w])(?:{alt})(?![\w])", re.IGNORECASE)
        if len(_RX_CACHE) > 256:
            _RX_CACHE.clear()
        _RX_CACHE[wanted] = rx
    if rx is None:
        return None
    # Words that need the full analysis, analysed one by one.
    special: list[Any] = []
    covered_to = -1
    for m in _SPECIAL_SPOT.finditer(text):
        p = m.start()
        if p < covered_to:
            continue
        a = p
        while a > 0 and (text[a - 1].isalnum() or text[a - 1] in "_\u00ad" or
                         unicodedata.combining(text[a - 1])):
            a -= 1
        wm = WORD_RE.match(text, a)
        if wm is None or wm.end() <= p:
            continue
        covered_to = wm.end()
        for t in terms(wm.group(0)):
            special.append(Term(t.text, a + t.start, a + t.end))
    cands = []
    if special:
        bounds = [(t.start, t.end) for t in special]
        import bisect

        starts = [b[0] for b in bounds]
    for m in rx.finditer(text):
        if special:
            k = bisect.bisect_right(starts, m.start()) - 1
            if k >= 0 and bounds[k][1] > m.start() or \
                    k + 1 < len(bounds) and bounds[k + 1][0] < m.end():
                continue  # part of a word analysed above
        term = normalise_word(m.group(0))
        if term in wanted:
            cands.append(Term(term, m.start(), m.end()))
    if special:
        cands = sorted(cands + [t for t in special if t.text in wanted],
                       key=lambda t: t.start)
    if not phrases:
        return [(t.start, t.end) for t in cands if t.text in stems]
    # Candidates next to each other with no word between them are consecutive terms.
    found: set[tuple[int, int]] = {(t.start, t.end) for t in cands if t.text in stems}
    for ph in phrases:
        k = len(ph)
        for i in range(len(cands) - k + 1):
            if cands[i].text != ph[0]:
                continue
            run = cands[i:i + k]
            if all(run[j].text == ph[j] for j in range(k)) and all(
                    not _GAP_WORD.search(text, run[j].end, run[j + 1].start)
                    for j in range(k - 1)):
                found.update((t.start, t.end) for t in run)
    return sorted(found)


_BREAKS = str.maketrans("\r\n\t\f\v", "     ")


def make_snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> Snippet:
    """A window of about ``width`` characters around the densest cluster of ``spans``."""
    if not spans:
        end = min(len(text), width)
        if end < len(text):
            cut = text.rfind(" ", 0, end)
            end = cut if cut > width // 2 else end
        return Snippet(text[:end].translate(_BREAKS), 0, end, [])
    best, best_n, j = 0, 0, 0
    for i in range(len(spans)):
        while j < len(spans) and spans[j][1] - spans[i][0] <= width - 40:
            j += 1
        if j - i > best_n:
            best, best_n = i, j - i
    first = spans[best][0]
    last = spans[best + best_n - 1][1]
    pad = max(20, (width - (last - first)) // 3)
    start = max(0, first - pad)
    if start > 0:
        k = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start))
        start = k + 1 if k >= 0 and start - k < 30 else start
    end = min(len(text), max(last, start + width))
    if end < len(text):
        k = text.find(" ", end)
        end = k if 0 <= k < end + 20 else end
    snippet = text[start:end].translate(_BREAKS)
    hl = [(a - start, b - start) for a, b in spans if a >= start and b <= end]
    return Snippet(snippet, start, end, hl)


# ----------------------------------------------------------------------------- search


def search(library: Any, query: Union[str, Query], filters: Optional[Filters] = None,
           sort: str = "relevance", limit: int = 20, *, offset: int = 0,
           facets: bool = False, exact_count: bool = False, suggest: bool = True,
           record: bool = True, cancel: Optional[CancelToken] = None) -> SearchResult:
    """Search the library's pages. Never raises for any query text.

    ``sort``: "relevance" (best first), "date" (newest documents first) or "document"
    (by title, then page order). ``limit``/``offset`` page through the hits. ``facets``
    counts matching pages per type, year, issuer, tag and document (this and sorting by
    date or document need every hit, so the count is then exact); otherwise ``total`` is
    exact, except for a phrase or proximity query whose candidates were not all checked
    (then an estimate, ``total_exact`` False; see ``engine.py``).
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
    index = library.index
    with index.lock:
        snap = index.snapshot()
        meta = _meta(library, snap)
        vocab = index.vocabulary()
        tr = _Translator(library, vocab, meta, notes)
        root, meta_docs = _split_metadata(q.root, meta)
        wquery = tr.build(root) if root is not None else wq.Every()
        allow = _allowed_pages(snap, meta, filters)
        if meta_docs is not None:
            pages: set[int] = set()
            for d in meta_docs:
                pages.update(snap.pages_of.get(d, ()))
            allow = pages if allow is None else allow & pages
        check(cancel)
        searcher = snap.searcher
        fresh = None
        if BASELINE:
            fresh = searcher = index.ix.searcher()
        try:
            want = offset + limit
            need_all = facets or exact_count or sort != "relevance"
            top: list[tuple[int, float]] = []
            all_hits: Optional[list[int]] = None
            if allow is not None and not allow:
                wquery = wq.NullQuery  # an empty filter set would mean "no filter" to Whoosh
                allow = None
            if not BASELINE:
                out = snap.engine().run(wquery, want if sort == "relevance" else 0, allow,
                                        need_all, cancel)
                top = out.top
                all_hits = out.pages
                result.total = out.total
                result.total_exact = out.exact
            else:  # Whoosh's own search, for the benchmark's comparison
                if need_all:
                    all_hits = [k for k in searcher.docs_for_query(wquery)
                                if allow is None or k in allow]
                    result.total = len(all_hits)
                if sort == "relevance" and want:
                    res = searcher.search(wquery, limit=want, filter=allow, terms=False)
                    top = [(hit.docnum, float(hit.score or 0.0)) for hit in res]
                    if all_hits is None:
                        result.total = len(res)  # counts every hit
                check(cancel)
            if sort != "relevance":
                assert all_hits is not None
                docs = meta.docs
                if sort == "date":
                    def key(k: int) -> tuple:
                        d = docs.get(snap.doc_of[k])
                        return (-date_number(d.date) if d else 0, snap.doc_of[k], k)
                else:
                    def key(k: int) -> tuple:
                        d = docs.get(snap.doc_of[k])
                        return ((d.title.casefold() if d else ""), snap.doc_of[k], k)
                top = [(k, 0.0) for k in sorted(all_hits, key=key)[:want]]
            top = top[offset:]
            check(cancel)
            stored = [searcher.stored_fields(k) for k, _ in top]
            if facets and all_hits is not None:
                result.facets = _facets(snap, meta, all_hits)
            if suggest and result.total < SUGGEST_BELOW:
                result.suggestion = _suggest(q, searcher, vocab)
        finally:
            if fresh is not None:
                fresh.close()
    # Snippets come from the catalog's page text: outside the index lock.
    groups: dict[int, DocumentHits] = {}
    for (k, score), sf in zip(top, stored):
        check(cancel)
        doc_id = int(sf["doc"])
        page_index = int(sf["page"])
        page = library.catalog.page(doc_id, page_index)
        text = page.text if page is not None else ""
        spans = match_spans(text, tr.stems, tr.phrases, vocab)
        hit = Hit(doc_id, page_index, sf.get("label") or str(page_index + 1), score, spans,
                  make_snippet(text, spans),
                  ocr=page is not None and page.text_source == "ocr")
        g = groups.get(doc_id)
        if g is None:
            d = meta.docs.get(doc_id) or library.catalog.document(doc_id)
            g = groups[doc_id] = DocumentHits(
                doc_id, d.title if d else f"#{doc_id}", d.doc_type if d else "",
                d.date if d else "", d.issuer if d else "", score, [])
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


def _split_metadata(root: Node, meta: _Meta) -> tuple[Optional[Node], Optional[set[int]]]:
    """Take date conditions out of a top-level AND: they become a set of allowed documents,
    far cheaper than a numeric range query in the index (210 ms -> 99 ms measured)."""
    items = root.items if isinstance(root, And) else [root]
    rest: list[Node] = []
    docs: Optional[set[int]] = None
    for n in items:
        got = _metadata_docs(n, meta)
        if got is None:
            rest.append(n)
        else:
            docs = got if docs is None else docs & got
    if docs is None:
        return root, None
    if not rest:
        return None, docs
    return (rest[0] if len(rest) == 1 else And(rest)), docs


def _metadata_docs(n: Node, meta: _Meta) -> Optional[set[int]]:
    if isinstance(n, DateRange):
        lo = n.low if n.low is not None else 1
        hi = n.high if n.high is not None else 99999999
        return {d.id for d in meta.docs.values() if lo <= date_number(d.date) <= hi}
    # type:, tag:, lang: stay index terms: measured on 100,000 pages (with Whoosh's
    # matchers), "content type:report" took 20 ms as an index term and 138 ms as a set of
    # allowed pages.
    return None


def _facets(snap: Snapshot, meta: _Meta, hits: list[int]) -> dict[str, list[FacetValue]]:
    per_doc = Counter(snap.doc_of[k] for k in hits)
    types: Counter = Counter()
    years: Counter = Counter()
    issuers: Counter = Counter()
    tags: Counter = Counter()
    docs: list[FacetValue] = []
    for doc_id, n in per_doc.items():
        d = meta.docs.get(doc_id)
        if d is None:
            continue
        types[d.doc_type or "other"] += n
        years[(d.date or "")[:4] or "undated"] += n
        if d.issuer:
            issuers[d.issuer] += n
        for t in d.tags:
            tags[t] += n
        docs.append(FacetValue(str(doc_id), d.title, n))

    def vals(c: Counter) -> list[FacetValue]:
        return [FacetValue(k, k, v) for k, v in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))]

    docs.sort(key=lambda f: (-f.count, f.label.casefold()))
    return {"type": vals(types),
            "year": [FacetValue(k, k, v) for k, v in sorted(years.items(), reverse=True)],
            "issuer": vals(issuers), "tag": vals(tags), "doc": docs}


def _suggest(q: Query, searcher: Any, vocab: Vocabulary) -> Optional[Suggestion]:
    """Replace rare query words by frequent similar words of the library."""
    replacements: list[tuple[Word, str]] = []
    for n in positive_nodes(q.root):
        if not isinstance(n, Word) or n.mode not in ("word", "fuzzy") or \
                n.field not in (None, "title"):
            continue
        w = normalise_word(n.text, False)
        if len(w) < 3 or not w.isalpha():
            continue
        df = searcher.doc_frequency("content", normalise_word(w))
        if df >= SUGGEST_BELOW:
            continue
        for cand in vocab.near(w, 1 if len(w) < 6 else 2):
            if cand == w or normalise_word(cand) == normalise_word(w):
                continue
            if vocab.words.get(cand, 0) >= max(1, 2 * df):
                replacements.append((n, cand))
            break
    if not replacements:
        return None
    text = q.text
    for n, cand in sorted(replacements, key=lambda r: -r[0].start):
        old = text[n.start:n.end]
        new = cand + (old[len(n.text):] if old.startswith(n.text) else "")
        if n.mode == "fuzzy":
            new = cand
        text = text[:n.start] + new + text[n.end:]
    return Suggestion(text, [(n.text, cand) for n, cand in replacements])
