"""The query engine against Whoosh itself: on an index of several segments with deleted
pages and posting lists longer than one block, every query finds exactly the pages Whoosh
finds, and word scores are Whoosh's BM25F scores."""

from __future__ import annotations

import random

import pytest
from whoosh import query as wq
from whoosh.query.spans import SpanNear2

from briefer.core.analysis import terms
from briefer.core.catalog import Document, Page
from briefer.core.index import SearchIndex, pair_terms

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


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    rng = random.Random(7)
    ix, _ = SearchIndex.open(tmp_path_factory.mktemp("engine") / "index", "lib")
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
    yield ix
    ix.close()


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
    want = sorted(snap.searcher.docs_for_query(q))
    got = snap.engine().run(q, 10, need_all=True)
    assert got.pages == want
    assert got.total == len(want) and got.exact
    lazy = snap.engine().run(q, 10)
    assert {d for d, _ in lazy.top} <= set(want)
    assert len(lazy.top) == min(10, len(want))
    if lazy.exact:
        assert lazy.total == len(want)


@pytest.mark.parametrize("q", QUERIES[:9], ids=[repr(q)[:60] for q in QUERIES[:9]])
def test_word_scores_are_whooshs_bm25(index, q):
    snap = index.snapshot()
    if not snap.engine().schema[getattr(q, "fieldname", "content")].scorable:
        pytest.skip("not a scored field")
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
