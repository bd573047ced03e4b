"""Ranking that puts the passage first: pages where a query's words stand together come
before pages where they are scattered.

Why it is built this way: BM25 (the index's score) counts words and knows nothing of where
they stand, so for ``freedom of speech`` a long report that says "freedom" and "speech"
many times, far apart, outranks the article that states the phrase. The index's own
searcher still decides *which* pages match; this module only re-orders its best
:data:`RERANK_TOP` pages, using the page text the catalog stores (the text the snippets and
the reader's highlights come from), so the set of pages and the count never change. A
page's *tier* is 2 when the words stand in the query's order next to each other (the
phrase), 1 when they all stand within :data:`NEAR_WORDS` words of each other, 0 otherwise;
pages sort by tier, then by the index's score. Words are located with the highlighter's
fast scan (one regular expression of the words that have the query's stems), and word
distances are counted only across short gaps, so a page costs a fraction of a millisecond.

Also here: the function words ("of", "the" …) that are not highlighted on their own, and
the nearest phrase with hits for a phrase that has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional, Sequence

from briefer.core.index.analysis import normalise_word, terms
from briefer.core.search.query import And, Node, Phrase, Word

RERANK_TOP = 200  # the index's best pages that are re-ordered
NEAR_WORDS = 5  # "within a few words": at most this many other words among them
_FAR = 1000  # a gap too long to count its words: far apart
_GAP_CHARS = 120  # gaps longer than this are not counted word by word
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.;:?!](?:\s|$)|\n\s*\n")

# Function words: highlighted only inside a matched phrase (or when the query has no other
# word). Words with a legal meaning ("not", "may", "shall") are not in the list.
STOP_WORDS = frozenset(normalise_word(w) for w in (
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is",
    "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "with"))


def without_stop_words(stems: Iterable[str]) -> set[str]:
    """``stems`` without function words — unless that would leave none."""
    stems = set(stems)
    kept = {s for s in stems if s not in STOP_WORDS}
    return kept or stems


def plain_terms(root: Optional[Node]) -> list[str]:
    """The index terms of a query made of plain words (``freedom of speech``, possibly
    beside filters or NOT parts), in the query's order without repeats; [] for any other
    query (one word, a phrase, OR, a prefix …), which is ranked as the index ranks it."""
    if isinstance(root, Word):
        items: Sequence[Node] = [root]
    elif isinstance(root, And):
        items = root.items
    else:
        return []
    out: list[str] = []
    for n in items:
        if isinstance(n, Word) and n.mode == "word" and n.field is None:
            out += [t.text for t in terms(n.text) if t.text]
        elif isinstance(n, (Word, Phrase)) and n.field is None:
            return []  # a phrase, prefix or fuzzy word among them: not plain words
    out = list(dict.fromkeys(out))
    return out if len(out) >= 2 else []


def word_finder(query_terms: Sequence[str], vocab: Any,
                fallback: Callable[[str], list[tuple[int, int]]]
                ) -> Callable[[str], list[tuple[int, int]]]:
    """A function page text -> spans of the words that have ``query_terms``' stems: the
    page is searched with ``str.find`` for each ASCII word form the vocabulary knows (C
    speed, a fraction of the highlighter's regular expression, which matters for 200 pages
    a search). For ranking only: a form split by a line-end hyphen or written with a
    ligature is not seen. A page whose lower case changes its length goes to
    ``fallback``."""
    forms = sorted({w.lower() for st in query_terms for w in vocab.words_of_stem(st)
                    if w.isascii()} | {st for st in query_terms if st.isascii()})
    if not forms or len(forms) > 400:
        return fallback

    def find(text: str) -> list[tuple[int, int]]:
        low = text.lower()
        n = len(low)
        if n != len(text):  # a letter whose lower case is longer: offsets would move
            return fallback(text)
        out = []
        for form in forms:
            k = len(form)
            i = low.find(form)
            while i >= 0:
                j = i + k
                if (i == 0 or not (low[i - 1].isalnum() or low[i - 1] == "_")) and \
                        (j >= n or not (low[j].isalnum() or low[j] == "_")):
                    out.append((i, j))
                i = low.find(form, i + 1)
        out.sort()
        return out

    return find


@dataclass
class Located:
    """Where the query's words are on a page: (term, start, end, word position)."""

    words: list[tuple[str, int, int, int]]


def locate(text: str, spans: Sequence[tuple[int, int]]) -> Located:
    """The matched spans with their terms and word positions (positions exact across
    short gaps; a long gap, or one that ends a sentence, counts as far apart)."""
    out: list[tuple[str, int, int, int]] = []
    pos = 0
    prev_end = None
    for a, b in spans:
        if prev_end is not None:
            if a - prev_end > _GAP_CHARS or _SENTENCE_END.search(text, prev_end, a):
                pos += _FAR  # far apart, or in another sentence
            else:
                pos += 1 + len(_WORD.findall(text, prev_end, a))
        out.append((normalise_word(text[a:b]), a, b, pos))
        prev_end = b
    return Located(out)


def tier(found: Located, query_terms: Sequence[str]) -> int:
    """2: the words in order next to each other; 1: all within :data:`NEAR_WORDS` other
    words; 0: scattered (or some missing from the text)."""
    words = [(t, p) for t, _a, _b, p in found.words if t in query_terms]
    k = len(query_terms)
    if k < 2 or not words:
        return 0
    # in order, adjacent
    at = {}
    for t, p in words:
        at.setdefault(p, t)
    for t, p in words:
        if t == query_terms[0] and all(at.get(p + i) == query_terms[i] for i in range(1, k)):
            return 2
    # the smallest window holding every term (words are in page order)
    need = set(query_terms)
    count: dict[str, int] = {}
    best = None
    lo = 0
    for hi, (t, p) in enumerate(words):
        count[t] = count.get(t, 0) + 1
        while len(count) == len(need):
            span = p - words[lo][1] + 1 - k
            best = span if best is None or span < best else best
            lt = words[lo][0]
            count[lt] -= 1
            if not count[lt]:
                del count[lt]
            lo += 1
    return 1 if best is not None and best <= NEAR_WORDS else 0


def rerank(hits: list, query_terms: Sequence[str],
           spans_of: Callable[[object], tuple[str, list[tuple[int, int]]]]) -> list:
    """``hits`` (best first, objects with ``score``) with their first :data:`RERANK_TOP`
    re-ordered by :func:`tier`, then score (ties keep the index's order); the rest follow
    as they were. ``spans_of(hit)`` gives the page text and the spans of the query's
    words in it."""
    head, rest = hits[:RERANK_TOP], hits[RERANK_TOP:]
    keyed = []
    for n, h in enumerate(head):
        text, spans = spans_of(h)
        keyed.append((-tier(locate(text, spans), query_terms), -h.score, n, h))
    keyed.sort(key=lambda k: k[:3])
    return [k[3] for k in keyed] + rest
