"""Samples live apart: while a library holds only the samples they are searched as any
document; once the user adds a document of their own they are hidden from search (the
result says how many matched), shown on request (ops ``samples=True``, a saved filter,
``tag:sample``), and removed in one step (asking first when quotes cite them)."""

from __future__ import annotations

import shutil

import pytest

from briefer.core.ops import clips, documents, search
from briefer.core.ops.documents import RemovalNeedsConfirmation
from briefer.core.ops.session import Session
from tests import pdfgen


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    root = tmp_path_factory.mktemp("samples") / "lib"
    s = Session.open(root, samples=True)
    s.close()
    return root


@pytest.fixture
def session(seeded, tmp_path):
    dest = tmp_path / "lib"
    shutil.copytree(seeded, dest, ignore=shutil.ignore_patterns("library.lock"))
    s = Session.open(dest)
    yield s
    s.close()


def _own(session, tmp_path):
    pdf = tmp_path / "own.pdf"
    pdfgen.make_text_pdf(pdf, ["The National Coordinator shall report to our committee."])
    rep = documents.add_files(session, [pdf], ocr=False)
    assert rep.of("added")
    return rep.of("added")[0].doc_id


def test_samples_are_searched_while_they_are_all_there_is(session):
    samples = documents.sample_documents(session)
    assert len(samples) >= 3
    res = search.run_search(session, "national coordinator", record=False)
    assert res.total > 0 and res.samples_hidden == 0
    assert {d.doc_id for d in res.documents} <= {d.id for d in samples}


def test_own_document_hides_the_samples_and_says_how_many(session, tmp_path):
    before = search.run_search(session, "national coordinator", record=False)
    own = _own(session, tmp_path)
    res = search.run_search(session, "national coordinator", record=False)
    assert [d.doc_id for d in res.documents] == [own]
    assert res.samples_hidden == len(before.documents)
    assert res.to_json()["samples_hidden"] == res.samples_hidden
    shown = search.run_search(session, "national coordinator", record=False, samples=True)
    assert {d.doc_id for d in shown.documents} == {d.doc_id for d in before.documents} | {own}
    assert shown.samples_hidden == 0
    named = search.run_search(session, "national coordinator tag:sample", record=False)
    assert named.total > 0 and own not in {d.doc_id for d in named.documents}


def test_remove_samples_in_one_step_asks_when_quotes_cite_them(session, tmp_path):
    own = _own(session, tmp_path)
    sample = documents.sample_documents(session)[0]
    page = documents.get_page(session, sample.id, 0)
    clips.clip_selection(session, sample.id, 0, 0, min(40, len(page.text)))
    with pytest.raises(RemovalNeedsConfirmation) as err:
        documents.remove_samples(session)
    assert err.value.reason == "confirm_removal"
    assert len(documents.sample_documents(session)) >= 3  # nothing removed
    removed = documents.remove_samples(session, confirmed=True)
    assert len(removed) >= 3 and not documents.sample_documents(session)
    assert [d.id for d in documents.list_documents(session)] == [own]
    assert documents.remove_samples(session) == []
