"""How any engine reads the query tree: the part of translating a query that is not an
engine's own.

:class:`TreeReader` walks the tree of ``text/query.py`` and decides what each node asks
for — words analysed as the pages were (stemmed, folded); prefixes, wildcards and fuzzy
words expanded over the library's :class:`~briefer.core.index.backend.WordList`; a word
that an old line break split in two also found as its two halves; ``doc:`` titles
resolved to document ids; document types singular; what a hit should highlight; notes on
how the query was read — and hands each decision to one of a few *emit* methods that an
engine implements in its own terms (Whoosh query objects in ``translate.py``, page sets
in ``memory.py``; a server engine would emit its own query language). So every engine
reads a query the same way, and only matching and scoring are its own.

:func:`suggest` ("did you mean") is engine-independent too: it needs only the word list
and how many pages hold a term.
"""

from __future__ import annotations

import re
from typing import Callable, Generic, Iterable, Mapping, Optional, TypeVar

from briefer.core.catalog.catalog import DOC_TYPES, Document
from briefer.core.index.backend import Suggestion, WordList
from briefer.core.text.analysis import normalise_word, terms
from briefer.core.text.query import (And, DateRange, Node, Not, Or, Phrase, Query, Word,
                                     positive_nodes)

MAX_EXPANSION = 200
KEYWORD_FIELDS = ("type", "tag", "lang", "doc")  # matched as whole values, not words
SUGGEST_BELOW = 3

Q = TypeVar("Q")  # an engine's query (or result)


class TreeReader(Generic[Q]):
    """Reads the query tree for an engine; subclasses implement the ``emit_*`` methods."""

    def __init__(self, vocab: WordList, documents: Mapping[int, Document],
                 notes: list[str]) -> None:
        self.vocab = vocab
        self.documents = documents
        self.notes = notes
        self.stems: set[str] = set()  # single terms to highlight
        self.phrases: set[tuple[str, ...]] = set()
        self.positive: set[int] = set()
        self.expanded: dict[int, list[str]] = {}  # node id -> words it stands for

    # ------------------------------------------------------------------ what engines emit
    def emit_every(self) -> Q:
        raise NotImplementedError

    def emit_nothing(self) -> Q:
        raise NotImplementedError

    def emit_term(self, field: str, text: str) -> Q:
        """Pages whose ``field`` holds the term (a keyword field: the whole value)."""
        raise NotImplementedError

    def emit_phrase(self, field: str, words: list[str]) -> Q:
        """Pages where the terms stand in this order, next to each other (two or more)."""
        raise NotImplementedError

    def emit_near(self, field: str, words: list[str], slop: int) -> Q:
        """Pages where the terms stand within ``slop`` positions of each other, in any
        order: each next term within ``slop`` of the span found so far, never on one of its
        positions (Whoosh's ``SpanNear2`` rule, unordered)."""
        raise NotImplementedError

    def emit_all(self, items: list[Q]) -> Q:
        raise NotImplementedError

    def emit_any(self, items: list[Q]) -> Q:
        raise NotImplementedError

    def emit_but_not(self, positive: Q, negative: Q) -> Q:
        raise NotImplementedError

    def emit_date_range(self, low: int, high: Optional[int]) -> Q:
        """Pages of documents dated ``low`` to ``high`` (YYYYMMDD numbers, inclusive)."""
        raise NotImplementedError

    def emit_keyword_prefix(self, field: str, prefix: str) -> Q:
        raise NotImplementedError

    def emit_keyword_wildcard(self, field: str, pattern: str) -> Q:
        """``pattern`` with ``*`` (any run) and ``?`` (one character)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ reading
    def note(self, msg: str) -> None:
        if msg not in self.notes:
            self.notes.append(msg)

    def build(self, root: Node) -> Q:
        self.positive = {id(n) for n in positive_nodes(root)}
        return self.node(root)

    def node(self, n: Node) -> Q:
        if isinstance(n, And):
            pos = [self.node(i) for i in n.items if not isinstance(i, Not)]
            neg = [self.node(i.item) for i in n.items if isinstance(i, Not)]
            pos_q = self.emit_all(pos) if len(pos) > 1 else (pos[0] if pos else
                                                             self.emit_every())
            if not neg:
                return pos_q
            return self.emit_but_not(pos_q, self.emit_any(neg) if len(neg) > 1 else neg[0])
        if isinstance(n, Or):
            return self.emit_any([self.node(i) for i in n.items])
        if isinstance(n, Not):
            return self.emit_but_not(self.emit_every(), self.node(n.item))
        if isinstance(n, DateRange):
            if n.low is None and n.high is None:
                return self.emit_every()
            return self.emit_date_range(n.low if n.low is not None else 1, n.high)
        if isinstance(n, Phrase):
            return self.phrase(n)
        return self.word(n)

    def _highlight(self, n: Node, stems: Iterable[str] = (),
                   phrase: Optional[tuple[str, ...]] = None) -> None:
        if id(n) in self.positive and getattr(n, "field", None) is None:
            self.stems.update(stems)
            if phrase:
                self.phrases.add(phrase)

    def terms_query(self, field: str, ts: list[str], n: Node) -> Q:
        if not ts:
            return self.emit_nothing()
        if len(ts) == 1:
            self._highlight(n, ts)
            return self.emit_term(field, ts[0])
        self._highlight(n, phrase=tuple(ts))
        return self.emit_phrase(field, ts)

    def phrase(self, n: Phrase) -> Q:
        fld = n.field or "content"
        if fld in KEYWORD_FIELDS:
            return self.keyword(fld, n.text, exact=True)
        ts = [t.text for t in terms(n.text) if t.text]
        if not ts:
            self.note(f'"{n.text}" has no words to search for; ignored')
            return self.emit_nothing()
        if n.slop and len(ts) > 1:
            self._highlight(n, ts)
            return self.emit_near(fld, ts, n.slop + 1)
        return self.terms_query(fld, ts, n)

    def word(self, n: Word) -> Q:
        fld = n.field or "content"
        if fld in KEYWORD_FIELDS:
            return self.keyword(fld, n.text, exact=n.mode == "word", mode=n.mode)
        if n.mode == "word":
            ts = [t.text for t in terms(n.text) if t.text]
            if not ts:
                self.note(f"'{n.text}' has no letters or digits to search for; ignored")
                return self.emit_nothing()
            splits = self.hyphen_splits(n.text) if len(ts) == 1 and fld == "content" else []
            if splits:  # also the word split in two, as "educa-tional" left it in a line
                return self.emit_any(
                    [self.terms_query(fld, ts, n)]
                    + [self.terms_query(fld, [normalise_word(a), normalise_word(b)], n)
                       for a, b in splits])
            return self.terms_query(fld, ts, n)
        words = self.expand(n)
        self.expanded[id(n)] = words
        stems = sorted({normalise_word(w) for w in words})
        if not stems:
            return self.emit_nothing()
        self._highlight(n, stems)
        qs = [self.emit_term(fld, s) for s in stems]
        return qs[0] if len(qs) == 1 else self.emit_any(qs)

    def hyphen_splits(self, text: str) -> list[tuple[str, str]]:
        """Ways to cut a word into two words of the vocabulary (three letters or more each):
        a word hyphenated inside a line by an old line break ("educa-tional") is indexed as
        two words, found as their phrase. Both halves must be known words, so nothing is
        added for most queries."""
        w = normalise_word(text, False)
        if not w.isalpha() or len(w) < 6:
            return []
        known = self.vocab.words
        return [(w[:k], w[k:]) for k in range(3, len(w) - 2)
                if w[:k] in known and w[k:] in known]

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
            lit = normalise_word(re.split(r"[*?]", n.text)[0], False) \
                if n.text[0] not in "*?" else ""
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

    def keyword(self, fld: str, value: str, exact: bool, mode: str = "word") -> Q:
        v = " ".join(value.split()).strip()
        if fld == "doc":
            key = v.lstrip("#")
            if key.isdigit():
                return self.emit_term("doc", key)
            low = v.casefold()
            ids = [d.id for d in self.documents.values()
                   if low.rstrip("*") in d.title.casefold() or low in d.file_name.casefold()]
            if not ids:
                self.note(f"no document matches doc:{v}")
                return self.emit_nothing()
            return self.emit_any([self.emit_term("doc", str(i)) for i in ids])
        low = v.lower()
        if fld == "type":
            if low not in DOC_TYPES and low.rstrip("s") in DOC_TYPES:
                low = low.rstrip("s")
            if low not in DOC_TYPES and mode == "word":
                self.note(f"there is no document type '{v}' (types: {', '.join(DOC_TYPES)})")
                return self.emit_nothing()
        if mode == "wildcard":
            return self.emit_keyword_wildcard(fld, low)
        if mode == "prefix":
            return self.emit_keyword_prefix(fld, low.rstrip("*"))
        return self.emit_term(fld, low)


def suggest(q: Query, vocab: WordList, doc_frequency: Callable[[str], int]
            ) -> Optional[Suggestion]:
    """Replace rare query words by frequent similar words of the library.
    ``doc_frequency``: on how many pages a content term is."""
    replacements: list[tuple[Word, str]] = []
    for n in positive_nodes(q.root):
        if not isinstance(n, Word) or n.mode not in ("word", "fuzzy") or \
                n.field not in (None, "title"):
            continue
        w = normalise_word(n.text, False)
        if len(w) < 3 or not w.isalpha():
            continue
        df = doc_frequency(normalise_word(w))
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


def date_number(iso: str) -> int:
    """A date as the number every engine compares (YYYYMMDD): '2020-01-28' -> 20200128;
    '2020' -> 20200000; '' -> 0."""
    digits = "".join(ch for ch in (iso or "") if ch.isdigit())[:8]
    if len(digits) < 4:
        return 0
    return int(digits.ljust(8, "0"))
