"""A faster evaluator for the page index's queries, reading Whoosh's own posting lists.

Whoosh runs a query one posting at a time through layers of Python matcher objects: about
8 µs a posting, so a word on 40,000 of 100,000 pages costs 40 ms, and a phrase that is not
one term reads every position of every word (600 ms). This module evaluates the same
Whoosh query objects a block of postings at a time:

* a term's postings are read block by block straight from the segment's postings file
  (document numbers, term frequencies; positions only where a phrase needs them), and
  scored with Whoosh's BM25F formula using the segment's field lengths, read once per
  snapshot;
* AND, OR and NOT are set operations on dictionaries ``{page: score}`` (C-speed);
* a phrase or a proximity query is *lazy*: its candidates are the pages that have its
  rarer words, scored by those words, and positions are checked only for the best
  candidates until the page of results is full. The number of matching pages is then an
  estimate (the share of checked candidates that matched), reported as not exact; when
  every hit is needed (facets, sorting by date or document) every candidate is checked.

Scores are Whoosh's BM25F for words. A phrase or a span scores as the sum of the words it
is found by (its rarest word, and the next two rarest where they are on at most 35 % of
the pages); Whoosh adds all its words, so for a phrase of four or more words, or with a
very common word, the pages are the same but their scores, and so their order, can differ.
Two ways of adding the other words were measured on the search benchmark (p95 94–100 ms
before): reading them where the phrase's pages are, 134–172 ms; adding them to each page
that passes its position check, with the most they can add as the bound that stops the
checks, 288–293 ms ("risk assessment"~5 82 → 290 ms). Neither was kept. Any query type
this module does not know is run by Whoosh itself (its pages, score 0), so nothing is ever
answered wrongly, only more slowly. The posting files are read through
``whoosh_format.py`` (the one module that knows their layout); the index uses this engine
only when that module's check passed when the index was opened.

An engine belongs to one snapshot and caches postings and field lengths; it is not
thread-safe by itself: the snapshot's lock is held while it runs.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate
from math import log
from operator import itemgetter
from pickle import loads
from typing import Any, Callable, Collection, Optional, cast

from whoosh import query as wq
from whoosh.query.spans import SpanNear2
from whoosh.util.numeric import byte_to_length

from briefer.core.index import whoosh_format as wf
from briefer.core.progress import CancelToken, check

K1 = 1.2
B = 0.75
# A phrase's candidates come from its rarest words; further words narrow them only while
# their postings are no longer than this share of all pages (a very common word narrows
# little and costs its whole posting list; the position check covers it anyway).
NARROW_SHARE = 0.35
# Positions are checked for the best candidates in rounds of this many, growing.
FIRST_ROUND = 64


# A term is read only where an AND's other parts matched when they matched fewer than
# 1 / RESTRICT_SHARE of its pages (below that, reading every block costs about the same).
RESTRICT_SHARE = 2


def _blocks(pl: Any, picked: Optional[list[int]]) -> Any:
    """The block numbers of ``pl`` to read: all, or those whose page range holds one of
    the sorted pages ``picked``."""
    if picked is None:
        return range(len(pl.blocks))
    out = []
    lo = getattr(pl, "offset", 0)
    for i, hi in enumerate(pl.maxids):
        j = bisect_left(picked, lo)
        if j < len(picked) and picked[j] <= hi:
            out.append(i)
        lo = hi + 1
    return out


def _best(scores: dict[int, float], limit: int) -> list[tuple[int, float]]:
    """The ``limit`` best (page, score), best first; equal scores in page order, so the
    same query gives the same order however its pages were gathered (a filter, an AND
    read in another order)."""
    if limit <= 0 or not scores:
        return []
    top = heapq.nlargest(limit + 1, scores.items(), key=itemgetter(1))
    if len(top) > limit and top[limit][1] == top[limit - 1][1]:
        # pages tied with the last one kept, some of them left out: take the first
        floor = top[limit][1]
        top = [kv for kv in top if kv[1] > floor]
        top += [kv for kv in scores.items() if kv[1] == floor]
    top.sort(key=itemgetter(0))
    top.sort(key=itemgetter(1), reverse=True)  # stable: ties stay in page order
    return top[:limit]


@dataclass
class Outcome:
    """``top``: (page number, score) best first; ``total`` pages match (``exact`` or an
    estimate); ``pages``: every matching page when asked for (``need_all``)."""

    top: list[tuple[int, float]]
    total: int
    exact: bool
    pages: Optional[list[int]] = None


class _Postings:
    """One term's postings in one segment: block headers read once, blocks decoded on
    demand (document numbers are global: the segment's offset is added)."""

    __slots__ = ("file", "blocks", "maxids", "offset", "_cache")

    def __init__(self, file: Any, blocks: list[tuple[Any, ...]], offset: int) -> None:
        self.file = file
        # (data offset, data length, count, compression, last id, highest weight, shortest
        # field length)
        self.blocks = blocks
        self.maxids = [b[4] + offset for b in blocks]
        self.offset = offset
        self._cache: tuple[int, Any] = (-1, None)

    def block(self, i: int) -> tuple[list[int], Any, Any]:
        """Ids, weights (a sequence or None for all 1.0) and values of block ``i``."""
        if self._cache[0] == i:
            return cast("tuple[list[int], Any, Any]", self._cache[1])
        pos, length, count, comp = self.blocks[i][:4]
        out = wf.read_block(self.file, pos, length, comp, count, self.offset)
        self._cache = (i, out)
        return out

    def positions(self, doc: int) -> Optional[list[int]]:
        i = bisect_left(self.maxids, doc)
        if i >= len(self.blocks):
            return None
        ids, _, vals = self.block(i)
        j = bisect_left(ids, doc)
        if j >= len(ids) or ids[j] != doc:
            return None
        v = vals[j]
        if not v.endswith(b"."):
            v += b"."
        return list(accumulate(loads(v[4:])))


class _ListPostings:
    """Postings Whoosh keeps inside the term's info (a term on very few pages)."""

    def __init__(self, ids: list[int], weights: list[float], values: list[Any], fmt: Any
                 ) -> None:
        self.ids = ids
        self.weights = weights
        self.values = values
        self.fmt = fmt
        self.blocks = [None]
        self.maxids = [ids[-1]] if ids else [-1]

    def block(self, i: int) -> tuple[list[int], Any, Any]:
        return self.ids, self.weights, self.values

    def positions(self, doc: int) -> Optional[list[int]]:
        j = bisect_left(self.ids, doc)
        if j >= len(self.ids) or self.ids[j] != doc:
            return None
        return list(self.fmt.decode_positions(self.values[j]))


class Engine:
    """Evaluates queries on one searcher (one snapshot of the index)."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        reader = searcher.reader()
        self.schema = searcher.schema
        self.n_all = reader.doc_count_all()
        self.leaves: list[tuple[Any, int]] = wf.segment_readers(reader)
        self.deleted = frozenset(d + off for r, off in self.leaves if r.has_deletions()
                                 for d in range(r.doc_count_all()) if r.is_deleted(d))
        self._dnorms: dict[str, list[float]] = {}
        self._postings: dict[tuple[str, str], list[Any]] = {}
        self._every: Optional[dict[int, float]] = None

    # ------------------------------------------------------------------ index data
    def _doc_norms(self, field: str) -> list[float]:
        """BM25's length part ``K1 * (1 - B + B * length / average)`` of every page, by
        page number (all segments), so a posting is scored with one list look-up."""
        got = self._dnorms.get(field)
        if got is None:
            avg = self.searcher.avg_field_length(field) or 1.0
            norm = [K1 * ((1 - B) + B * byte_to_length(b) / avg) for b in range(256)]
            got = []
            for r, _ in self.leaves:
                got += [norm[b] for b in wf.length_bytes(r, field, r.doc_count_all())]
            self._dnorms[field] = got
        return got

    def postings(self, field: str, text: str) -> list[Any]:
        """The term's postings, one object per segment that has it."""
        key = (field, text)
        got = self._postings.get(key)
        if got is not None:
            return got
        got = []
        fobj = self.schema[field]
        btext = fobj.to_bytes(text)
        for r, off in self.leaves:
            found = wf.term_blocks(r, field, btext, fobj.format)
            if found is None:
                continue
            if isinstance(found, wf.BlockList):
                got.append(_Postings(found.file, found.blocks, off))
            elif found[0]:
                ids, weights, values = found
                got.append(_ListPostings([d + off for d in ids], weights, values,
                                         fobj.format))
        if len(self._postings) > 512:
            self._postings.clear()
        self._postings[key] = got
        return got

    def doc_frequency(self, field: str, text: str) -> int:
        try:
            return int(self.searcher.doc_frequency(field, text))
        except Exception:
            return 0

    # ------------------------------------------------------------------ scoring
    def term_scores(self, field: str, text: str, scored: bool = True,
                    within: Optional[Collection[int]] = None) -> dict[int, float]:
        """{page: BM25F score} of one term (0.0 for fields that are not scored).

        ``within``: the caller needs only these pages (it intersects what it gets with
        them). When they are few beside the term's pages, only the posting blocks whose
        page range holds one of them are read, and only those pages are returned."""
        fobj = self.schema[field]
        out: dict[int, float] = {}
        plists = self.postings(field, text)
        if not plists:
            return out
        picked = None
        if within is not None:
            if not within:
                return out
            if RESTRICT_SHARE * len(within) < self.doc_frequency(field, text):
                picked = sorted(within)
        scorable = scored and fobj.scorable
        if scorable:
            df = self.doc_frequency(field, text)
            c = (log(self.n_all / (df + 1)) + 1) * (K1 + 1)
            dn = self._doc_norms(field)
        for pl in plists:
            for i in _blocks(pl, picked):
                ids, weights, _ = pl.block(i)
                if picked is not None:  # only the wanted pages of the block
                    assert within is not None  # picked is made from it
                    keep = [k for k, d in enumerate(ids) if d in within]
                    ids = [ids[k] for k in keep]
                    weights = None if weights is None else [weights[k] for k in keep]
                if not scorable:
                    out.update(dict.fromkeys(ids, 0.0))
                elif weights is None:
                    out.update({d: c / (1.0 + dn[d]) for d in ids})
                else:
                    out.update({d: c * w / (w + dn[d]) for d, w in zip(ids, weights)})
        if self.deleted:
            for d in self.deleted.intersection(out):
                del out[d]
        return out

    def every(self) -> dict[int, float]:
        if self._every is None:
            self._every = {d: 0.0 for d in range(self.n_all) if d not in self.deleted}
        return self._every

    def positions(self, field: str, text: str, doc: int) -> list[int]:
        for pl in self.postings(field, text):
            if pl.maxids and pl.maxids[-1] >= doc:
                got = pl.positions(doc)
                if got is not None:
                    return cast("list[int]", got)
        return []

    # ------------------------------------------------------------------ evaluation
    def run(self, query: Any, limit: int, allow: Optional[set[int]] = None,
            need_all: bool = False, cancel: Optional[CancelToken] = None) -> Outcome:
        """The best ``limit`` pages for ``query`` (restricted to ``allow`` when given)."""
        if isinstance(query, wq.Term) and allow is None and not need_all and limit:
            got = self._top_term(query.fieldname, query.text, limit)
            if got is not None:
                return got
        node = self.eval(query, within=allow)
        check(cancel)
        scores = node.scores
        if allow is not None:
            scores = {d: s for d, s in scores.items() if d in allow} \
                if len(scores) < 4 * len(allow) else \
                {d: scores[d] for d in allow.intersection(scores)}
        if not node.checks:
            top = _best(scores, limit)
            pages = sorted(scores) if need_all else None
            return Outcome(top, len(scores), True, pages)
        if need_all:
            ok = [d for d in sorted(scores) if node.verify(d)]
            okset = set(ok)
            top = _best({d: scores[d] for d in ok}, limit)
            return Outcome(top, len(okset), True, ok)
        # Lazy: check the best candidates until ``limit`` are found.
        ranked = _best(scores, len(scores)) if len(scores) <= 4 * FIRST_ROUND else None
        top = []
        checked = 0
        want = max(limit, 1)
        batch = FIRST_ROUND
        while len(top) < want:
            if ranked is None:
                ranked_part = _best(scores, checked + batch)
                part = ranked_part[checked:]
            else:
                part = ranked[checked:checked + batch]
            if not part:
                break
            for d, s in part:
                checked += 1
                if node.verify(d):
                    top.append((d, s))
                    if len(top) >= want:
                        break
            check(cancel)
            batch *= 4
        if checked >= len(scores):
            return Outcome(top[:limit], len(top), True)
        # The best candidates match more often than the rest: the estimate is an upper
        # bound, kept no lower than what was found.
        estimate = max(len(top), round(len(scores) * len(top) / max(1, checked)))
        return Outcome(top[:limit], estimate, False)

    def _top_term(self, field: str, text: str, limit: int) -> Optional[Outcome]:
        """One word alone: blocks are read best bound first (the bound from the block's
        highest term frequency and shortest page), and reading stops once no unread block
        can beat the ``limit``-th best score. The count is the word's page count."""
        if field not in self.schema or not self.schema[field].scorable or self.deleted:
            return None
        plists = self.postings(field, text)
        if not plists or not all(isinstance(pl, _Postings) for pl in plists):
            return None
        df = self.doc_frequency(field, text)
        c = (log(self.n_all / (df + 1)) + 1) * (K1 + 1)
        avg = self.searcher.avg_field_length(field) or 1.0
        dn = self._doc_norms(field)
        order = []
        for pl in plists:
            for i, b in enumerate(pl.blocks):
                maxw, minlen = b[5], b[6]
                order.append((c * maxw / (maxw + K1 * ((1 - B) + B * minlen / avg)), i, pl))
        order.sort(key=itemgetter(0), reverse=True)
        heap: list[tuple[float, int]] = []  # (score, -page): the worst kept on top
        floor = -1.0
        for bound, i, pl in order:
            # A block that can only tie with the worst kept hit may still hold a page that
            # wins the tie (ties go to the lower page number, as everywhere else): read on.
            if len(heap) >= limit and bound < floor:
                break
            ids, weights, _ = pl.block(i)
            if weights is None:
                scores = [c / (1.0 + dn[d]) for d in ids]
            else:
                scores = [c * w / (w + dn[d]) for d, w in zip(ids, weights)]
            if len(heap) >= limit:
                if max(scores) < floor:
                    continue
                cands = [(sc, -d) for d, sc in zip(ids, scores) if sc >= floor]
            else:
                cands = [(sc, -d) for d, sc in zip(ids, scores)]
            for item in cands:
                if len(heap) < limit:
                    heapq.heappush(heap, item)
                elif item > heap[0]:
                    heapq.heappushpop(heap, item)
            if len(heap) >= limit:
                floor = heap[0][0]
        top = [(-nd, sc) for sc, nd in sorted(heap, reverse=True)]
        return Outcome(top, sum(b[2] for pl in plists for b in pl.blocks), True)

    def eval(self, q: Any, scored: bool = True,
             within: Optional[Collection[int]] = None) -> "_Node":
        """The pages of ``q`` with their scores (and the checks a page must still pass).
        ``within``: only these pages are needed; others may come back, and every caller
        intersects (an AND with its other parts, ``run`` with the allowed pages)."""
        if isinstance(q, wq.Term):
            if q.fieldname not in self.schema:
                return _Node({})
            return _Node(self.term_scores(q.fieldname, q.text, scored, within))
        if isinstance(q, wq.And):
            # The part expected to match fewest pages first; the others are read only
            # where it matched (a common word beside a rare one, or a field like
            # type:report, reads few of its blocks).
            # (The hint is the smallest page collection so far, not the intersection:
            # ``_and`` intersects once, at the end.)
            subs = list(q.subqueries)
            ests = [self._estimate(sub) for sub in subs]
            if within is None and RESTRICT_SHARE * min(ests, default=0) >= max(ests, default=0):
                return self._and([self.eval(sub, scored) for sub in subs])  # nothing to gain
            nodes = []
            narrow = within
            for k in sorted(range(len(subs)), key=ests.__getitem__):
                node = self.eval(subs[k], scored, narrow)
                nodes.append(node)
                if not node.scores:
                    break
                if narrow is None or len(node.scores) < len(narrow):
                    narrow = node.scores
            return self._and(nodes)
        if isinstance(q, wq.Or):
            return self._or([self.eval(s, scored, within) for s in q.subqueries])
        if isinstance(q, wq.AndNot):
            pos = self.eval(q.a, scored, within)
            neg = self.eval(q.b, False, pos.scores)
            drop = neg.verified_keys(pos.scores.keys())
            return _Node({d: s for d, s in pos.scores.items() if d not in drop}, pos.checks)
        if isinstance(q, wq.Every) and not getattr(q, "fieldname", None):
            return _Node(dict(self.every()))
        if q is wq.NullQuery or type(q).__name__ == "_NullQuery":
            return _Node({})
        if isinstance(q, wq.Phrase) and getattr(q, "slop", 1) <= 1:
            return self._near(q.fieldname, list(q.words), 0, True, within=within)
        if isinstance(q, SpanNear2) and all(isinstance(s, wq.Term) for s in q.qs) and \
                len({s.fieldname for s in q.qs}) == 1:
            return self._near(q.qs[0].fieldname, [s.text for s in q.qs], q.slop, q.ordered,
                              q.mindist, within)
        # Anything else: Whoosh finds the pages.
        return _Node(dict.fromkeys(self.searcher.docs_for_query(q), 0.0))

    def _estimate(self, q: Any) -> int:
        """About how many pages ``q`` matches (for the order of an AND's parts)."""
        if isinstance(q, wq.Term):
            return self.doc_frequency(q.fieldname, q.text) if q.fieldname in self.schema \
                else 0
        if isinstance(q, wq.Or):
            return int(min(self.n_all, sum(self._estimate(s) for s in q.subqueries)))
        if isinstance(q, wq.And):
            return min((self._estimate(s) for s in q.subqueries), default=0)
        if isinstance(q, wq.AndNot):
            return self._estimate(q.a)
        if isinstance(q, wq.Phrase) and q.fieldname in self.schema:
            return min((self.doc_frequency(q.fieldname, w) for w in q.words), default=0)
        return int(self.n_all)

    @staticmethod
    def _and(nodes: list["_Node"]) -> "_Node":
        if not nodes:
            return _Node({})
        nodes = sorted(nodes, key=lambda n: len(n.scores))
        keys = set(nodes[0].scores)
        for n in nodes[1:]:
            keys.intersection_update(n.scores)
            if not keys:
                break
        if len(nodes) == 1:
            a = nodes[0].scores
            scores = {d: a[d] for d in keys}
        else:
            # added part by part, ((a + b) + c) + …, the order ``sum`` adds in (so the
            # scores are the same to the last bit), one dictionary pass per part
            a, b = nodes[0].scores, nodes[1].scores
            scores = {d: a[d] + b[d] for d in keys}
            for n in nodes[2:]:
                part = n.scores
                scores = {d: v + part[d] for d, v in scores.items()}
        checks = [c for n in nodes for c in n.checks]
        return _Node(scores, checks)

    @staticmethod
    def _or(nodes: list["_Node"]) -> "_Node":
        out: dict[int, float] = {}
        for n in nodes:
            sc = n.scores if not n.checks else {d: n.scores[d] for d in sorted(n.scores)
                                                  if n.verify(d)}
            if not out:
                out = dict(sc)
                continue
            for d, s in sc.items():
                out[d] = out.get(d, 0.0) + s
        return _Node(out)

    def _near(self, field: str, words: list[str], slop: int, ordered: bool,
              mindist: int = 1, within: Optional[Collection[int]] = None) -> "_Node":
        if field not in self.schema or not words:
            return _Node({})
        if len(words) == 1:
            return _Node(self.term_scores(field, words[0], within=within))
        distinct = list(dict.fromkeys(words))
        dfs = {w: self.doc_frequency(field, w) for w in distinct}
        if any(dfs[w] == 0 for w in distinct):
            return _Node({})
        order = sorted(distinct, key=lambda w: dfs[w])
        use = [order[0]] + [w for w in order[1:3] if dfs[w] <= NARROW_SHARE * self.n_all]
        node = self._and([_Node(self.term_scores(field, w, within=within)) for w in use])
        if slop == 0:
            def verify(doc: int) -> bool:
                return self._phrase_at(field, words, doc)
        else:
            def verify(doc: int) -> bool:
                return self._near_at(field, words, doc, slop, ordered, mindist)
        return _Node(node.scores, [verify])

    def _phrase_at(self, field: str, words: list[str], doc: int) -> bool:
        starts: Optional[set[int]] = None
        for i, w in enumerate(words):
            pos = self.positions(field, w, doc)
            if not pos:
                return False
            shifted = {p - i for p in pos}
            starts = shifted if starts is None else starts & shifted
            if not starts:
                return False
        return bool(starts)

    def _near_at(self, field: str, words: list[str], doc: int, slop: int, ordered: bool,
                 mindist: int) -> bool:
        """Whoosh's SpanNear2 rule: each next word within ``slop`` positions of the span
        matched so far (and after it when ``ordered``), never on the same position."""
        spans = {(p, p) for p in self.positions(field, words[0], doc)}
        for w in words[1:]:
            pos = self.positions(field, w, doc)
            if not pos or not spans:
                return False
            grown = set()
            for s, e in spans:
                lo = s if ordered else s - slop
                for p in pos[bisect_left(pos, lo):]:
                    if p > e + slop:
                        break
                    if p > e:
                        dist = p - e
                    elif p < s:
                        dist = s - p
                    else:
                        dist = 0
                    if mindist <= dist <= slop:
                        grown.add((min(s, p), max(e, p)))
            spans = grown
        return bool(spans)


class _Node:
    """Pages with scores, and the checks (positions) a page must still pass."""

    __slots__ = ("scores", "checks")

    def __init__(self, scores: dict[int, float],
                 checks: Optional[list[Callable[[int], bool]]] = None) -> None:
        self.scores = scores
        self.checks = checks or []

    def verify(self, doc: int) -> bool:
        return all(c(doc) for c in self.checks)

    def verified_keys(self, among: Any) -> set[int]:
        """The pages of this node that are among ``among`` and pass the checks."""
        keys = cast("set[int]", self.scores.keys() & among)
        if not self.checks:
            return keys
        return {d for d in sorted(keys) if self.verify(d)}

