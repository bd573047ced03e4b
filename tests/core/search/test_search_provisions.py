"""Provisions are searchable as provisions: a query that opens with a citation puts the
page where that provision begins first, marked as the provision (issue 12)."""

from __future__ import annotations

import shutil

import pytest

from briefer.core.library import Library
from briefer.core.search.provisions import parse_citation
from briefer.core.search.search import search
from tests.core.engines import ENGINES, use_engine


@pytest.mark.parametrize("text, word, number, subs, rest", [
    ("Article 19", "Article", "19", (), ""),
    ("section 499", "Section", "499", (), ""),
    ("s. 20(1)", "Section", "20", ("1",), ""),
    ("Rule 5(1)(b)", "Rule", "5", ("1", "b"), ""),
    ("art. 19A", "Article", "19A", (), ""),
    ("Sections 12 penal code", "Section", "12", (), "penal code"),
    ("para 12", "para", "12", (), ""),
])
def test_citations_are_read(text, word, number, subs, rest):
    c = parse_citation(text)
    assert c is not None
    assert (c.word, c.number, c.subs, c.rest) == (word, number, subs, rest)


@pytest.mark.parametrize("text", ["19", "article about 19", "sectional 4", "rules", ""])
def test_other_queries_are_not_citations(text):
    assert parse_citation(text) is None


@pytest.fixture(scope="module", params=ENGINES)
def laws(corpus, tmp_path_factory, request):
    """Two real laws on each engine behind the search seam (the provision trees are
    remembered per index generation, whichever the engine)."""
    folder = tmp_path_factory.mktemp("laws")
    for name in ("PECA.pdf", "Contract_Act_1872.pdf"):
        shutil.copy(corpus / "domain" / "pk_laws" / name, folder / name)
    lib = use_engine(Library.open(tmp_path_factory.mktemp("lib") / "lib"), request.param)
    lib.import_paths([folder])
    yield lib
    lib.close()


def _doc(lib, word):
    return next(d.id for d in lib.catalog.documents() if word in d.title)


def test_the_provision_page_comes_first_and_is_marked(laws):
    peca = _doc(laws, "Electronic")
    r = search(laws, "s. 20(1)", record=False)
    first = r.hits[0]
    assert (first.doc_id, first.page_index, first.provision) == (peca, 20, "Section 20(1)")
    assert "Offences against dignity" in first.snippet.text
    assert all(not h.provision for h in r.hits[1:])


def test_words_after_the_citation_pick_the_document(laws):
    contract = _doc(laws, "Contract")
    r = search(laws, "section 20 contract", record=False)
    assert r.hits[0].doc_id == contract and r.hits[0].provision == "Section 20"
    assert r.hits[0].to_json()["provision"] == "Section 20"


def test_a_provision_the_documents_lack_marks_nothing(laws):
    r = search(laws, "section 20(1) contract", record=False)
    assert not any(h.provision for h in r.hits)
