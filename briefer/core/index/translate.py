"""The query tree (``text/query.py``) as a Whoosh query, and what its hits should highlight.

* words are analysed as the pages were (stemmed, folded) and looked up in ``content``;
* phrases are looked up as word pairs in ``pairs`` (one term for two words, a phrase of
  n - 1 pairs for n words), so a phrase of common words costs about one rare term;
* prefixes, wildcards and fuzzy words are expanded over the index's vocabulary of
  unstemmed words, and the stems of the words found are looked up;
* fields are matched in their own index fields; dates as YYYYMMDD number ranges.

This is the Whoosh backend's half of the seam in ``backend.py``; a server engine would
translate the same tree into its own language.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping, Optional

from whoosh import query as wq
from whoosh.query.spans import SpanNear2

from briefer.core.catalog.catalog import DOC_TYPES, Document
from briefer.core.text.analysis import normalise_word, terms
from briefer.core.index.schema import PAIR_SEP, pair_indexed
from briefer.core.index.vocabulary import Vocabulary
from briefer.core.text.query import And, DateRange, Node, Not, Or, Phrase, Word, positive_nodes

MAX_EXPANSION = 200


class Translator:
    """Turns the query tree into a Whoosh query and collects what to highlight."""

    def __init__(self, vocab: Vocabulary, documents: Mapping[int, Document],
                 notes: list[str]) -> None:
        self.vocab = vocab
        self.documents = documents
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
        if fieldname == "content":
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
            splits = self.hyphen_splits(n.text) if len(ts) == 1 and fld == "content" else []
            if splits:  # also the word split in two, as "educa-tional" left it in a line
                return wq.Or([self._terms_query(fld, ts, n)]
                             + [self._terms_query(fld, [normalise_word(a), normalise_word(b)], n)
                                for a, b in splits])
            return self._terms_query(fld, ts, n)
        words = self.expand(n)
        self.expanded[id(n)] = words
        stems = sorted({normalise_word(w) for w in words})
        if not stems:
            return wq.NullQuery
        self._highlight(n, stems)
        qs = [wq.Term(fld, s) for s in stems]
        return qs[0] if len(qs) == 1 else wq.Or(qs)

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
            ids = [d.id for d in self.documents.values()
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
