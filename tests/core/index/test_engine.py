"""The query engine against Whoosh itself: on an index of several segments with deleted
pages and posting lists longer than one block, every query finds exactly the pages Whoosh
finds, and word scores are Whoosh's BM25F scores."""

from __future__ import annotations

import random

import pytest
from whoosh import query as wq
from whoosh.query.spans import SpanNear2

from briefer.core.text.analysis import terms
from briefer.core.catalog.catalog import Document, Page
from briefer.core.index.index import SearchIndex
from briefer.core.index.schema import pair_terms

WORDS = ("the of and to in shall be government data protection content platform "
         "authority court order block removal information service user rule act section "
         "federal provider request national coordinator freedom expression risk "
         "assessment report").split()


def _doc(doc_id: int, **kw) -> Document:
    base = dict(id=doc_id, sha256=f"{doc_id:064x}", file_name=f"d{doc_id}.pdf",
                source_path=None, size=1, page_count=0, status="indexed", reason="",
                title=kw.get("title", f"Document {doc_id}"), doc_type=kw.get("doc_type", "rule"),
                issuer="", date=kw.get("date", "2020-01-01"), language="en", source_url="",
                info={}, engine="pdfium", encrypted=False, version=1, supersedes=None,
                superseded_by=None, edited_fields=[], indexed=True, added_at="", updated_at="")
    return Document(**base)


def _page(doc_id: int, i: int, text: str) -> Page:
    return Page(doc_id, i, str(i + 1), "pdf", text, False, "pdf", None)


def _build(path, seed=7):
    """Three segments (three commits without merging), deletions in two of them."""
    rng = random.Random(seed)
    ix, _ = SearchIndex.open(path, "lib")
    doc_id = 0
    for segment in range(3):  # three commits without merging: three segments
        w = ix.writer()
        for _ in range(12):
            doc_id += 1
            pages = []
            for i in range(rng.randint(5, 30)):
                n = rng.randint(20, 200)
                # a skewed vocabulary: early words are frequent, as in real text
                words = [WORDS[min(len(WORDS) - 1, int(rng.expovariate(0.12)))]
                         for _ in range(n)]
                pages.append(_page(doc_id, i, " ".join(words)))
            d = _doc(doc_id, doc_type=rng.choice(["rule", "law", "report"]),
                     title=rng.choice(["Rules on content", "Data protection act",
                                       "Court order"]))
            terms_of = [[t.text for t in terms(p.text)] for p in pages]
            w.add_document(d, pages, page_terms=terms_of)
        w.commit(merge=False)
    w = ix.writer()  # deletions in two segments
    w.delete_document(3)
    w.delete_document(20)
    w.commit(merge=False)
    return ix


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    ix = _build(tmp_path_factory.mktemp("engine") / "index")
    yield ix
    ix.close()


def whoosh_pages(searcher, q) -> list[int]:
    """The pages Whoosh finds for ``q``. whoosh-reloaded 2.7.5's AND NOT can keep a page
    that has the excluded word (seen on a plain Whoosh index of random words, page 1 of
    600), so AND NOT is taken as the difference of what Whoosh finds for its two sides."""
    if isinstance(q, wq.AndNot):
        return sorted(set(whoosh_pages(searcher, q.a)) - set(whoosh_pages(searcher, q.b)))
    return sorted(searcher.docs_for_query(q))


def T(field, text):  # noqa: N802 - reads like Whoosh's own query classes
    return wq.Term(field, text)


QUERIES = [
    T("content", "govern"),
    T("content", "coordin"),
    T("content", "nosuchword"),
    T("pairs", "of the"),
    T("title", "rule"),
    T("type", "law"),
    wq.And([T("content", "data"), T("content", "protect")]),
    wq.Or([T("content", "block"), T("content", "remov"), T("content", "risk")]),
    wq.AndNot(T("content", "data"), T("content", "protect")),
    wq.AndNot(wq.Every(), T("content", "the")),
    wq.And([T("content", "court"), T("type", "report")]),
    wq.Phrase("content", ["data", "protect"]),
    wq.Phrase("content", ["the", "feder", "govern"]),
    wq.Phrase("pairs", ["of the", "the of"]),
    wq.And([wq.Phrase("content", ["risk", "assess"]), T("content", "court")]),
    wq.Or([wq.Phrase("content", ["nation", "coordin"]), T("content", "freedom")]),
    wq.AndNot(T("content", "user"), wq.Phrase("content", ["user", "rule"])),
    SpanNear2([T("content", "risk"), T("content", "assess")], slop=4, ordered=False),
    SpanNear2([T("content", "data"), T("content", "protect"), T("content", "user")],
              slop=6, ordered=False),
    wq.NumericRange("date", 20190101, 20201231),
    wq.Prefix("type", "ru"),
]


@pytest.mark.parametrize("q", QUERIES, ids=[repr(q)[:60] for q in QUERIES])
def test_engine_finds_exactly_the_pages_whoosh_finds(index, q):
    snap = index.snapshot()
    engine = snap.engine()
    assert len(engine.leaves) >= 3 and engine.deleted
    assert max(len(pl.blocks) for pl in engine.postings("content", "the")) > 1
    want = whoosh_pages(snap.searcher, q)
    got = snap.engine().run(q, 10, need_all=True)
    assert got.pages == want
    assert got.total == len(want) and got.exact
    lazy = snap.engine().run(q, 10)
    assert {d for d, _ in lazy.top} <= set(want)
    assert len(lazy.top) == min(10, len(want))
    if lazy.exact:
        assert lazy.total == len(want)


SCORED = [q for q in QUERIES[:9] if getattr(q, "fieldname", "content") != "type"]


@pytest.mark.parametrize("q", SCORED, ids=[repr(q)[:60] for q in SCORED])
def test_word_scores_are_whooshs_bm25(index, q):
    snap = index.snapshot()
    res = snap.searcher.search(q, limit=None)
    whoosh_scores = {hit.docnum: hit.score for hit in res}
    got = snap.engine().run(q, 15)
    assert len(got.top) == min(15, len(whoosh_scores))
    for d, s in got.top:
        assert s == pytest.approx(whoosh_scores[d], rel=1e-5)
    best = sorted(whoosh_scores.values(), reverse=True)[:15]
    assert [s for _, s in got.top] == pytest.approx(best, rel=1e-5)


def test_phrase_candidates_are_checked_in_score_order_and_counted(index):
    snap = index.snapshot()
    q = wq.Phrase("content", ["the", "of"])
    every = snap.engine().run(q, 10, need_all=True)
    lazy = snap.engine().run(q, 3)
    assert len(lazy.top) == 3
    assert lazy.total >= 3
    assert not lazy.exact or lazy.total == every.total
    assert all(d in every.pages for d, _ in lazy.top)


def test_pair_terms_are_consistent_with_phrases(index):
    # a phrase of common words looked up as pairs finds the pages its words' positions find
    snap = index.snapshot()
    words = ["of", "the"]
    by_pairs = snap.engine().run(wq.Term("pairs", pair_terms(words)[0]), 5, need_all=True)
    by_words = snap.engine().run(wq.Phrase("content", words), 5, need_all=True)
    assert by_pairs.pages == by_words.pages


def _pids(ix, q):
    snap = ix.snapshot()
    out = snap.engine().run(q, 10, need_all=True)
    return sorted(snap.searcher.stored_fields(d)["pid"] for d in out.pages)


def test_merging_segments_keeps_every_live_page_and_drops_deleted_ones(tmp_path, monkeypatch):
    import briefer.core.index.segments as index_mod

    ix = _build(tmp_path / "index", seed=11)
    before = {repr(q): _pids(ix, q) for q in QUERIES}
    every = _pids(ix, wq.Every())
    with ix.ix.reader() as r:
        stored_before = r.doc_count_all()
    assert ix.segment_count() >= 3
    monkeypatch.setattr(index_mod, "MERGE_FACTOR", 2)
    w = ix.writer()
    w.delete_document(30)  # a deletion in the same commit as the merge
    w.commit(merge=True)
    assert ix.segment_count() < 3
    assert _pids(ix, wq.Every()) == [p for p in every if not p.startswith("30:")]
    with ix.ix.reader() as r:  # the merged segments dropped their deleted pages
        assert r.doc_count_all() < stored_before
    for q in QUERIES:
        want = [p for p in before[repr(q)] if not p.startswith("30:")]
        assert _pids(ix, q) == want, q
        # Whoosh itself reads the merged segment alike
        snap = ix.snapshot()
        got = sorted(snap.searcher.stored_fields(d)["pid"]
                     for d in whoosh_pages(snap.searcher, q))
        assert got == want, q
    ix.close()


def test_merge_plan_groups_segments_of_a_level():
    from briefer.core.index.segments import MERGE_FACTOR, plan_merges

    class Seg:
        def __init__(self, n, deleted=0):
            self.n, self.deleted = n, deleted

        def doc_count(self):
            return self.n - self.deleted

        def doc_count_all(self):
            return self.n

    big = Seg(50_000)
    small = [Seg(300) for _ in range(MERGE_FACTOR)]
    assert plan_merges([big, *small]) == [small]
    assert plan_merges([big, *small[:-1]]) == []
    gutted = Seg(1000, deleted=800)
    assert plan_merges([big, gutted]) == [[gutted]]
    # merges cascade: four merged smalls reach the level of four mid-size segments
    mids = [Seg(1200) for _ in range(MERGE_FACTOR - 1)]
    groups = plan_merges([*mids, *small])
    assert len(groups) == 1 and set(map(id, groups[0])) == set(map(id, mids + small))


def test_ties_go_to_the_lower_page_on_every_page_of_results(tmp_path):
    """A single word's best-blocks-first reading must not depend on how many hits are
    asked for: pages with equal scores come in page order, as Whoosh gives them."""
    ix, _ = SearchIndex.open(tmp_path / "index", "lib")
    texts = ["alpha beta"] * 128 + ["alpha"] + ["alpha beta"] * 30 + \
        ["alpha b c d e f g h i j"] * 97
    pages = [_page(1, i, t) for i, t in enumerate(texts)]
    w = ix.writer()
    w.add_document(_doc(1), pages, page_terms=[[t.text for t in terms(p.text)] for p in pages])
    w.commit()
    snap = ix.snapshot()
    q = wq.Term("content", "alpha")
    whoosh = [hit.docnum for hit in snap.searcher.search(q, limit=60)]
    for limit in (1, 20, 40, 60):
        assert [d for d, _ in snap.engine().run(q, limit).top] == whoosh[:limit]
    ix.close()


def test_a_deleted_document_is_not_listed_as_indexed(tmp_path):
    ix = _build(tmp_path / "index", seed=3)
    assert 3 not in ix.doc_ids() and 20 not in ix.doc_ids()
    assert 4 in ix.doc_ids()
    ix.close()


def test_fuzzy_words_two_letters_longer_are_found():
    from briefer.core.index.vocabulary import Vocabulary

    v = Vocabulary({"protection": 5, "protect": 3, "abcde": 1, "abc": 1})
    assert "protection" in v.near("protecti", 2)
    assert "abcde" in v.near("abc", 2)
    assert v.near("protecti", 1) == ["protect"]


def test_blocks_read_for_a_restricted_term_are_those_holding_a_wanted_page():
    """An AND's common word is read only in the blocks whose page range (from the block
    after the previous block's last page, to its own last page) holds a page the other
    parts matched."""
    from types import SimpleNamespace

    from briefer.core.index.engine import _blocks

    # a segment starting at page 1000; blocks end at pages 1127, 1300, 1301, 1900
    pl = SimpleNamespace(offset=1000, maxids=[1127, 1300, 1301, 1900], blocks=[0] * 4)
    assert list(_blocks(pl, None)) == [0, 1, 2, 3]
    assert _blocks(pl, []) == []
    assert _blocks(pl, [999]) == []                  # before the segment
    assert _blocks(pl, [1000]) == [0]                # its first page
    assert _blocks(pl, [1127, 1128]) == [0, 1]       # last page of one, first of the next
    assert _blocks(pl, [1301]) == [2]
    assert _blocks(pl, [1302, 1899]) == [3]
    assert _blocks(pl, [1901, 5000]) == []           # after the segment
    assert _blocks(pl, [5, 1200, 1500]) == [1, 3]


def test_equal_scores_come_in_page_order_whatever_the_dict_order():
    from briefer.core.index.engine import _best

    scores = {900: 1.0, 5: 2.0, 70000: 1.0, 3: 1.0, 40: 1.0, 12: 0.5}
    assert _best(scores, 3) == [(5, 2.0), (3, 1.0), (40, 1.0)]
    assert _best(dict(reversed(list(scores.items()))), 3) == [(5, 2.0), (3, 1.0), (40, 1.0)]
    assert _best(scores, 10) == [(5, 2.0), (3, 1.0), (40, 1.0), (900, 1.0), (70000, 1.0),
                                 (12, 0.5)]
    assert _best(scores, 0) == [] and _best({}, 5) == []
