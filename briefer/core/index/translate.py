"""The query tree (``text/query.py``) as a Whoosh query: the Whoosh backend's half of
reading a query (``reading.py`` is the engine-independent half, shared by every engine).

* words are looked up in ``content`` (or their own field);
* phrases are looked up as word pairs in ``pairs`` where both words are common (one term
  for two words, a phrase of n - 1 pairs for n words), so a phrase of common words costs
  about one rare term; other phrases by positions, narrowed by their indexed pairs;
* proximity is Whoosh's ``SpanNear2`` (unordered);
* dates are YYYYMMDD number ranges; keyword fields' prefixes and wildcards are Whoosh's.
"""

from __future__ import annotations

from typing import Any, Optional

from whoosh import query as wq
from whoosh.query.spans import SpanNear2

from briefer.core.index.reading import MAX_EXPANSION, TreeReader  # noqa: F401 (re-exported)
from briefer.core.index.schema import PAIR_SEP, pair_indexed


class Translator(TreeReader[Any]):
    """Turns the query tree into a Whoosh query and collects what to highlight."""

    def emit_every(self) -> Any:
        return wq.Every()

    def emit_nothing(self) -> Any:
        return wq.NullQuery

    def emit_term(self, field: str, text: str) -> Any:
        return wq.Term(field, text)

    def emit_phrase(self, field: str, words: list[str]) -> Any:
        if field == "content":
            indexed = [pair_indexed(a, b) for a, b in zip(words, words[1:])]
            pairs = [a + PAIR_SEP + b for a, b in zip(words, words[1:])]
            if all(indexed):
                if len(pairs) == 1:
                    return wq.Term("pairs", pairs[0])
                return wq.Phrase("pairs", pairs)
            positional = wq.Phrase(field, words)
            known = [wq.Term("pairs", p) for p, ok in zip(pairs, indexed) if ok]
            # pairs with a common word narrow the pages before positions are compared
            return wq.And(known + [positional]) if known else positional
        return wq.Phrase(field, words)

    def emit_near(self, field: str, words: list[str], slop: int) -> Any:
        return SpanNear2([wq.Term(field, t) for t in words], slop=slop, ordered=False)

    def emit_all(self, items: list[Any]) -> Any:
        return wq.And(items)

    def emit_any(self, items: list[Any]) -> Any:
        return wq.Or(items)

    def emit_but_not(self, positive: Any, negative: Any) -> Any:
        return wq.AndNot(positive, negative)

    def emit_date_range(self, low: int, high: Optional[int]) -> Any:
        return wq.NumericRange("date", low, high)

    def emit_keyword_prefix(self, field: str, prefix: str) -> Any:
        return wq.Prefix(field, prefix)

    def emit_keyword_wildcard(self, field: str, pattern: str) -> Any:
        return wq.Wildcard(field, pattern)
