"""When the index's files are not in the layout the fast code knows, the index says so in
the log and runs on Whoosh's own writer and searcher: same pages, never empty results."""

from __future__ import annotations

import logging

import pytest

from briefer.core.index import whoosh_format as wf
from briefer.core.index.backend import SearchRequest
from briefer.core.index.index import SearchIndex
from briefer.core.text.query import parse
from tests.core.index.test_engine_property import build


@pytest.fixture
def unknown_whoosh(monkeypatch):
    """Pretend another Whoosh version is installed."""
    monkeypatch.setattr(wf, "KNOWN_WHOOSH", (9, 9, 9))
    wf._code_problem.cache_clear()
    yield
    wf._code_problem.cache_clear()


BATCHES = [[["the court shall order removal", "data protection act"],
            ["blocking of content by the platform"]],
           [["the court and the government", "section 19 of the act"]]]
QUERIES = ["court", '"the court"', "data -protection", "block* OR act", '"court order"~2',
           "title:data"]


def _pages(ix, text):
    out = ix.search(SearchRequest(parse(text).root, {}, None, limit=50, need_all=True))
    return sorted((h.doc_id, h.page_index) for h in out.hits), out.total


def test_the_installed_whoosh_is_the_known_one(tmp_path):
    ix = build(tmp_path / "index", BATCHES, set(), merge=False)
    assert wf.layout_problem(ix.ix) is None and ix.native
    ix.close()


def test_an_unknown_layout_runs_on_whooshs_own_searcher(tmp_path, unknown_whoosh, caplog):
    known = build(tmp_path / "known", BATCHES, {2}, merge=True, native=True)
    want = {q: _pages(known, q) for q in QUERIES}
    known.close()
    with caplog.at_level(logging.WARNING):
        ix = SearchIndex.open_existing(tmp_path / "known")
    assert not ix.native
    assert "Whoosh 2.7.5 is installed" in caplog.text and "Whoosh's own" in caplog.text
    with ix.lock:
        assert ix.snapshot().engine() is None
    for q in QUERIES:
        assert _pages(ix, q) == want[q], q
    assert want["court"][1] > 0
    # and it writes through Whoosh's writer
    w = ix.writer()
    assert not w.native
    w.delete_document(1)
    w.commit()
    assert _pages(ix, "court")[0] == [p for p in want["court"][0] if p[0] != 1]
    ix.close()


class _Other:
    """A class no real segment reader or codec is an instance of."""


@pytest.mark.parametrize("change, words", [
    (("SegmentReader", _Other), "a segment is read by SegmentReader"),
    # a segment records Whoosh's own codec (BrieferCodec differs only in writing)
    (("W3Codec", _Other), "a segment uses the codec W3Codec"),
    (("_MATCHER_ATTRS", wf._MATCHER_ATTRS + ("_renamed_in_a_new_whoosh",)),
     "Whoosh's posting reader lacks _renamed_in_a_new_whoosh"),
])
def test_a_segment_in_another_layout_runs_on_whooshs_own_searcher(tmp_path, monkeypatch,
                                                                   caplog, change, words):
    """The checks on each segment, not only the version: a segment read by another reader
    class, written with another codec, or whose posting reader lost an attribute the fast
    code uses, each sends the index to Whoosh's own searcher with a warning."""
    known = build(tmp_path / "known", BATCHES, {2}, merge=False, native=True)
    want = {q: _pages(known, q) for q in QUERIES}
    known.close()
    monkeypatch.setattr(wf, *change)
    ix = SearchIndex.open_existing(tmp_path / "known")
    assert wf.layout_problem(ix.ix) == words
    assert not ix.native
    with caplog.at_level(logging.WARNING):
        ix.close()
        ix = SearchIndex.open_existing(tmp_path / "known")
    assert "Whoosh's own" in caplog.text and not ix.native
    for q in QUERIES:
        assert _pages(ix, q) == want[q], q
    ix.close()
