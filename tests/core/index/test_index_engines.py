"""The two engines behind the search seam (``index/backend.py``) held to each other and to
the seam's contract: on generated libraries (English, accented, Urdu and CJK words;
several commits, deleted documents) the in-memory engine finds exactly the pages the
Whoosh index finds, in the same order where the order is defined by the request, with the
same words for expansion; a commit names every document written or deleted; values
remembered for an index last until its next commit."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from briefer.core.index.backend import SearchBackend, SearchRequest
from briefer.core.index.index import SearchIndex
from briefer.core.index.memo import remembered
from briefer.core.index.memory import MemoryIndex
from briefer.core.text.analysis import term_texts
from briefer.core.text.query import And, DateRange, Phrase, Word, parse
from tests.core.index.test_engine_property import _doc, _pages, corpus, queries


def _fill(ix: SearchBackend, batches, deleted: set[int]) -> dict:
    """``batches`` of documents written through the seam, one commit each, then
    ``deleted`` removed; the live documents by id."""
    docs = {}
    doc_id = 0
    for batch in batches:
        w = ix.writer()
        for texts in batch:
            doc_id += 1
            doc = _doc(doc_id, texts[0][:30] or "untitled")
            docs[doc_id] = doc
            w.add_document(doc, _pages(doc_id, texts),
                           page_terms=[term_texts(t) for t in texts])
        w.commit()
    w = ix.writer()
    for d in sorted(deleted):
        w.delete_document(d, gone_pages=_pages(d, []))
        docs.pop(d, None)
    w.commit()
    return docs


def _found(ix: SearchBackend, tree, docs, **kw) -> tuple[list[tuple[int, int]], int]:
    out = ix.search(SearchRequest(tree, docs, limit=10_000, **kw))
    return [(h.doc_id, h.page_index) for h in out.hits], out.total


def _both(tmp: Path, batches, deleted):
    whoosh, _ = SearchIndex.open(tmp / "index", "lib")
    memory = MemoryIndex()
    docs = _fill(whoosh, batches, deleted)
    assert _fill(memory, batches, deleted) == docs
    return whoosh, memory, docs


# Trees as the query language makes them, plus what the property's trees leave out:
# keyword fields, dates, fuzzy words, proximity.
EXTRA = [parse(q).root for q in (
    "type:rule", "type:law court", "tag:x", "lang:en", "doc:1 OR doc:3", "court~",
    '"order block"~3', "prot* -court", "date:[2012 TO 2015]", "type:r*", "type:?aw",
    'title:"data protection"')]


FAST = settings(max_examples=25, deadline=None, phases=[Phase.explicit, Phase.reuse,
                                                        Phase.generate],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FAST
@given(batches=corpus, deletions=st.sets(st.integers(1, 8), max_size=3),
       trees=st.lists(queries, min_size=1, max_size=4))
def test_the_memory_engine_finds_the_pages_whoosh_finds(batches, deletions, trees):
    with tempfile.TemporaryDirectory() as tmp:
        whoosh, memory, docs = _both(Path(tmp), batches, deletions)
        try:
            assert memory.doc_ids() == whoosh.doc_ids()
            assert memory.page_count() == whoosh.page_count()
            assert memory.vocabulary().words == whoosh.vocabulary().words
            for tree in trees + EXTRA:
                got, total = _found(memory, tree, docs, need_all=True)
                want, want_total = _found(whoosh, tree, docs, need_all=True)
                assert sorted(got) == sorted(want), tree
                assert total == want_total, tree
                # orders the request defines (not scores) are the same on both
                for sort in ("document", "date"):
                    assert _found(memory, tree, docs, sort=sort)[0] == \
                        _found(whoosh, tree, docs, sort=sort)[0], (tree, sort)
                some = frozenset(list(docs)[::2])
                assert sorted(_found(memory, tree, docs, allowed_docs=some)[0]) == \
                    sorted(_found(whoosh, tree, docs, allowed_docs=some)[0]), tree
        finally:
            whoosh.close()


@pytest.fixture(params=["whoosh", "memory"])
def engine(request, tmp_path):
    ix = SearchIndex.open(tmp_path / "index", "lib")[0] if request.param == "whoosh" \
        else MemoryIndex()
    yield ix
    ix.close()


def test_a_commit_names_every_document_written_or_deleted(engine):
    w = engine.writer()
    w.add_document(_doc(1, "One"), _pages(1, ["court order"]))
    w.add_document(_doc(2, "Two"), _pages(2, ["data"]))
    w.delete_document(3)  # not there: named all the same (its entry says what it should)
    w.add_document(_doc(1, "One"), _pages(1, ["court order again"]))
    assert w.commit() == [1, 2, 3]
    w = engine.writer()
    w.delete_document(2, gone_pages=_pages(2, ["data"]))
    assert engine.search(SearchRequest(Word("data"), {})).total == 1  # not before commit
    assert w.commit() == [2]
    assert engine.search(SearchRequest(Word("data"), {})).total == 0
    assert engine.doc_ids() == {1} and engine.page_count() == 1
    assert "data" not in engine.vocabulary().words  # its words left with it
    assert engine.writer().commit() == []


def test_a_cancelled_writer_changes_nothing(engine):
    w = engine.writer()
    w.add_document(_doc(1, "One"), _pages(1, ["court order"]))
    w.cancel()
    assert engine.writer().commit() == [] and engine.page_count() == 0


def test_remembered_values_last_until_the_next_commit(engine):
    made = []

    def make():
        made.append(1)
        return len(made)

    assert remembered(engine, "k", make) == 1
    assert remembered(engine, "k", make) == 1  # kept
    before = engine.generation()
    w = engine.writer()
    w.add_document(_doc(1, "One"), _pages(1, ["court"]))
    w.commit()
    assert engine.generation() > before
    assert remembered(engine, "k", make) == 2  # made again after the commit


def test_suggestions_and_notes_are_the_same_on_both(tmp_path):
    batches = [[["the coordinator shall block content", "coordinator of the court"],
                ["court order on content", "coordination"]]]
    whoosh, memory, docs = _both(tmp_path, batches, set())
    try:
        for q in ("coordinater", "cort order", '"the court" coordinater~'):
            assert memory.suggest(parse(q)) == whoosh.suggest(parse(q)), q
        for q in ("type:nonsense", "doc:nosuchtitle", '"!!"'):
            a = memory.search(SearchRequest(parse(q).root, docs))
            b = whoosh.search(SearchRequest(parse(q).root, docs))
            assert a.notes == b.notes and a.notes, q
        tree = And([Phrase("the coordinator"), Word("block", mode="prefix"),
                    DateRange(20100101, None)])
        a = memory.search(SearchRequest(tree, docs))
        b = whoosh.search(SearchRequest(tree, docs))
        assert (a.stems, a.phrases) == (b.stems, b.phrases)
        assert [(h.doc_id, h.page_index) for h in a.hits] == \
            [(h.doc_id, h.page_index) for h in b.hits]
    finally:
        whoosh.close()


def test_synchronise_brings_any_engine_into_agreement_with_the_catalog(tmp_path):
    """``sync.synchronise`` over the seam: a document the index lost is written again, one
    the catalog does not have is deleted, flags are set; nothing else is rewritten."""
    from briefer.core.index.sync import synchronise
    from briefer.core.library import Library
    from tests import pdfgen
    from tests.core.engines import use_engine

    for i in range(3):
        pdfgen.make_text_pdf(tmp_path / f"d{i}.pdf", [f"Document {i} on court orders."])
    with use_engine(Library.open(tmp_path / "lib"), "memory") as lib:
        lib.import_paths([tmp_path / f"d{i}.pdf" for i in range(3)], processes=1)
        ids = sorted(lib.catalog.document_ids())
        assert lib.index.doc_ids() == set(ids)
        w = lib.index.writer()
        w.delete_document(ids[0])  # the index lost a document the catalog says is indexed
        w.add_document(_doc(99, "Gone"), _pages(99, ["court"]))  # and has one it lacks
        w.commit()
        assert synchronise(lib.catalog, lib.index) == 1
        assert lib.index.doc_ids() == set(ids)
        assert lib.catalog.unindexed_ids() == []
        assert lib.index.search(SearchRequest(Word("court"), {})).total == 3
        assert synchronise(lib.catalog, lib.index) == 0  # in agreement: nothing to do
