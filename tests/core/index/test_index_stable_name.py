"""The index on disk names no module of Briefer's that it needs back: it is opened with the
schema its stored analysis name makes (``schema.ANALYZER_NAME`` in briefer-index.json), and
its segments record Whoosh's own codec. So moving ``BrieferAnalyzer`` (or the codec) to
another module does not make every user's index unreadable and rebuilt."""

from __future__ import annotations

import json
import re
import sys
import types

from briefer.core.catalog.catalog import Document, Page
from briefer.core.index import analysis, schema
from briefer.core.index.backend import SearchRequest
from briefer.core.index.index import SearchIndex
from briefer.core.text.query import parse


def _doc(doc_id: int) -> Document:
    return Document(id=doc_id, sha256=f"{doc_id:064x}", file_name=f"d{doc_id}.pdf",
                    source_path=None, size=1, page_count=0, status="indexed", reason="",
                    title="Blocking rules", doc_type="rule", issuer="", date="2020-01-01",
                    language="en", source_url="", info={}, engine="pdfium", encrypted=False,
                    version=1, supersedes=None, superseded_by=None, edited_fields=[],
                    indexed=True, added_at="", updated_at="")


def _made(path):
    ix, rep = SearchIndex.open(path, "lib")
    assert rep.rebuilt  # new
    w = ix.writer()
    w.add_document(_doc(1), [Page(1, 0, "1", "pdf", "The coordinator may block content.",
                                  False, "pdf", None)])
    w.commit()
    ix.close()


def _pages(ix, q):
    out = ix.search(SearchRequest(parse(q).root, {1: _doc(1), 2: _doc(2)}, need_all=True))
    return [(h.doc_id, h.page_index) for h in out.hits]


def test_an_index_opens_after_the_analyser_moved(tmp_path, monkeypatch):
    _made(tmp_path / "index")
    # Simulated move: the class now lives in another module (pickled under that path from
    # now on) and no longer at the path Whoosh pickled with the old schema; the schema
    # module keeps its own reference, as it would import the new place.
    cls = analysis.BrieferAnalyzer
    moved = types.ModuleType("briefer_moved_analysis")
    moved.BrieferAnalyzer = cls
    monkeypatch.setitem(sys.modules, "briefer_moved_analysis", moved)
    monkeypatch.setattr(cls, "__module__", "briefer_moved_analysis")
    monkeypatch.delattr(analysis, "BrieferAnalyzer")
    ix, rep = SearchIndex.open(tmp_path / "index", "lib")
    try:
        assert not rep.rebuilt, rep.reason
        assert _pages(ix, "coordinators") == [(1, 0)]  # the analysis still stems
        assert ix.native
        w = ix.writer()  # written and committed after the move, and opened again
        w.add_document(_doc(2), [Page(2, 0, "1", "pdf", "A coordinator.", False, "pdf",
                                      None)])
        w.commit()
    finally:
        ix.close()
    ix, rep = SearchIndex.open(tmp_path / "index", "lib")
    try:
        assert not rep.rebuilt, rep.reason
        assert sorted(_pages(ix, "coordinator")) == [(1, 0), (2, 0)]
    finally:
        ix.close()


def test_segments_record_whooshs_own_codec(tmp_path):
    """The table of contents pickles each segment with its codec: Whoosh's ``W3Codec``,
    not ``whoosh_format.BrieferCodec`` (which only writes differently)."""
    _made(tmp_path / "index")
    [toc] = (tmp_path / "index").glob("*.toc")
    names = set(re.findall(rb"briefer\.[\w.]+", toc.read_bytes()))
    assert b"briefer.core.index.whoosh_format" not in names, names


def test_the_analysis_name_is_stored_and_an_unknown_one_rebuilds(tmp_path):
    _made(tmp_path / "index")
    meta_path = tmp_path / "index" / "briefer-index.json"
    meta = json.loads(meta_path.read_text())
    assert meta["analyzer"] == schema.ANALYZER_NAME
    # an index from before names were stored: the same analysis, opened as it is
    del meta["analyzer"]
    meta_path.write_text(json.dumps(meta))
    ix, rep = SearchIndex.open(tmp_path / "index", "lib")
    ix.close()
    assert not rep.rebuilt
    # a name this version does not know (a newer analysis): rebuilt, and said why
    meta["analyzer"] = "briefer-terms-99"
    meta_path.write_text(json.dumps(meta))
    ix, rep = SearchIndex.open(tmp_path / "index", "lib")
    ix.close()
    assert rep.rebuilt and "analysis this version does not know" in rep.reason
