"""ops.documents: the document actions every front end shares (validation written once,
status words, filters, finding a document by what a person typed, removal with its
impact, unlocking, sample seeding)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer.core.errors import BrieferError
from briefer.core.ops import briefs as brief_ops
from briefer.core.ops import clips as clip_ops
from briefer.core.ops import documents as docs_ops
from briefer.core.ops.session import Session
from tests import pdfgen
from tests.core.ops.rules_library import RULE_5_1_B, doc_id, session, template_lib  # noqa: F401


@pytest.mark.parametrize("field,value,stored", [
    ("date", "2026-1-28", "2026-01-28"), ("date", "2026", "2026"), ("date", "", ""),
    ("doc_type", "Rule", "rule"), ("title", "  The   Rules ", "The Rules"),
    ("language", "UR", "ur"), ("source_url", " https://example.org/r.pdf ",
                               "https://example.org/r.pdf")])
def test_validate_metadata_puts_values_in_stored_form(field, value, stored):
    assert docs_ops.validate_metadata({field: value}) == {field: stored}


@pytest.mark.parametrize("field,value,words", [
    ("date", "yesterday", "not a date"), ("date", "2026-02-30", "not a date"),
    ("doc_type", "poem", "not a document type"), ("title", "   ", "needs a title"),
    ("language", "english please", "not a language code"), ("colour", "red", "not a metadata"),
    ("issuer", 12, "must be text")])
def test_validate_metadata_names_the_field_it_refuses(field, value, words):
    with pytest.raises(docs_ops.InvalidMetadata) as err:
        docs_ops.validate_metadata({field: value})
    assert err.value.reason == "invalid_metadata"
    assert err.value.details["field"] == field and words in str(err.value)


def test_edit_metadata_validates_before_writing(session):
    rules = doc_id(session, "rules.pdf")
    before = docs_ops.get_document(session, rules)
    with pytest.raises(docs_ops.InvalidMetadata):
        docs_ops.edit_metadata(session, rules, title="New title", date="soon")
    assert docs_ops.get_document(session, rules).title == before.title  # nothing written
    doc = docs_ops.edit_metadata(session, rules, doc_type="rule", date="2026-01",
                                 add_tags=["Social Media", "social media"])
    assert (doc.doc_type, doc.date, doc.tags) == ("rule", "2026-01", ["social media"])
    doc = docs_ops.edit_metadata(session, rules, tags=["a", "b"], remove_tags=["a"])
    assert doc.tags == ["b"]


def test_add_files_checks_metadata_first(session, tmp_path):
    pdf = pdfgen.make_text_pdf(tmp_path / "new.pdf", ["Something new."]).path
    with pytest.raises(docs_ops.InvalidMetadata):
        docs_ops.add_files(session, [pdf], meta={"date": "next week"}, ocr=False)
    assert len(docs_ops.list_documents(session)) == 2
    rep = docs_ops.add_files(session, [pdf], meta={"date": "2025-5-1", "doc_type": "report"},
                             ocr=False, processes=1)
    doc = docs_ops.get_document(session, rep.outcomes[0].doc_id)
    assert (doc.date, doc.doc_type) == ("2025-05-01", "report")


def test_list_filter_and_status_words(session):
    rules = doc_id(session, "rules.pdf")
    docs_ops.edit_metadata(session, rules, doc_type="rule", add_tags=["mine"])
    rows = docs_ops.list_documents(session)
    assert {r.status_text for r in rows} == {"ok"}
    only = docs_ops.list_documents(session, docs_ops.DocumentFilter(types=["rule"]))
    assert [r.id for r in only] == [rules]
    assert [r.id for r in docs_ops.list_documents(
        session, docs_ops.DocumentFilter(tags=["MINE"]))] == [rules]
    assert docs_ops.list_documents(session, docs_ops.DocumentFilter(statuses=["no_text"])) \
        == []
    assert docs_ops.explain_status("superseded", superseded_by=4) == "superseded by #4"
    assert docs_ops.explain_status("needs_password", "password protected") == "needs password"
    assert docs_ops.explain_status("ok", scanned_pages=2, ocr_available=True) == \
        "ok, 2 scanned pages need OCR"
    assert "install" in docs_ops.explain_status("needs_ocr", scanned_pages=2,
                                                ocr_available=False)


def test_find_document_by_number_name_or_words(session):
    rules = doc_id(session, "rules.pdf")
    assert docs_ops.find_document(session, str(rules)).id == rules
    assert docs_ops.find_document(session, f"#{rules}").id == rules
    assert docs_ops.find_document(session, "rules.pdf").id == rules
    assert docs_ops.find_document(session, "rules").id == rules
    with pytest.raises(BrieferError) as err:
        docs_ops.find_document(session, "no such thing at all")
    assert err.value.reason == "document_not_found" and "briefer" not in str(err.value)


def test_removal_impact_and_confirmation(session):
    rules = doc_id(session, "rules.pdf")
    judgment = doc_id(session, "judgment.pdf")
    clip = clip_ops.clip_typed_text(session, rules, RULE_5_1_B)
    made = brief_ops.create_brief(session, "Our concerns", sections=["Background"])
    brief_ops.quote_clip(session, made.brief_id, made.section_ids[0], clip.id)
    impact = docs_ops.removal_impact(session, [rules, judgment])
    assert impact.clips == 1 and impact.quotes == 1
    assert [(b.brief_id, b.title) for b in impact.briefs] == [(made.brief_id, "Our concerns")]
    assert "can no longer be checked" in impact.describe()
    with pytest.raises(docs_ops.RemovalNeedsConfirmation) as err:
        docs_ops.remove_documents(session, [rules])
    assert err.value.reason == "confirm_removal"
    assert err.value.details["impact"].clips == 1
    assert len(docs_ops.list_documents(session)) == 2  # nothing removed
    assert docs_ops.removal_impact(session, [judgment]).harmless
    docs_ops.remove_documents(session, [judgment])  # nothing cites it: no question
    removed = docs_ops.remove_documents(session, [rules], confirmed=True)
    assert [d.id for d in removed] == [rules]
    assert docs_ops.list_documents(session) == []
    # The quote keeps its text.
    brief = brief_ops.get_brief(session, made.brief_id)
    assert any(i.kind == "quote" for s in brief.sections for i in s.items)


def test_unlock_document_with_its_password(tmp_path):
    gen = pdfgen.make_encrypted_pdf(tmp_path / "locked.pdf", "s3cret")
    with Session.open(tmp_path / "lib", samples=False) as s:
        rep = docs_ops.add_files(s, [gen.path], ocr=False, processes=1)
        locked = rep.outcomes[0]
        assert locked.outcome == "needs_password" and locked.reason == "password protected"
        with pytest.raises(docs_ops.PasswordRejected) as err:
            docs_ops.unlock_document(s, locked.doc_id, "wrong", ocr=False)
        assert err.value.reason == "needs_password"
        assert docs_ops.get_document(s, locked.doc_id).status == "needs_password"
        outcome = docs_ops.unlock_document(s, locked.doc_id, "s3cret", ocr=False)
        assert outcome.outcome == "unlocked"
        assert docs_ops.get_document(s, locked.doc_id).status == "ok"
        with pytest.raises(BrieferError) as err:
            docs_ops.unlock_document(s, locked.doc_id, "s3cret")
        assert err.value.reason == "not_locked"


def test_a_new_library_gets_the_samples_once(tmp_path: Path):
    with Session.open(tmp_path / "lib", samples=True) as s:
        assert s.created and s.samples_added is not None
        n = s.samples_added.documents_added
        assert n >= 4
        assert all("sample" in r.document.tags for r in docs_ops.list_documents(s))
    with Session.open(tmp_path / "lib") as s:
        assert not s.created and s.samples_added is None
        assert len(docs_ops.list_documents(s)) == n
    with Session.open(tmp_path / "empty", samples=False) as s:
        assert docs_ops.list_documents(s) == []


def test_reindex_rebuilds_the_index_every_thread_uses(session):
    import threading

    before = docs_ops.document_detail(session, doc_id(session, "rules.pdf"))
    assert before.pages and before.stored_file.exists()
    rep = docs_ops.reindex(session)
    assert rep.documents == 2 and rep.pages == sum(
        d.page_count for d in session.catalog().documents())
    from briefer.core.ops.search import run_search

    found = {}
    t = threading.Thread(target=lambda: found.setdefault("n", run_search(
        session, "seventy-two", record=False).total))
    t.start()
    t.join()
    assert found["n"] >= 1 and run_search(session, "seventy-two").total == found["n"]


def test_searching_after_every_document_is_removed_finds_nothing(session):
    """Removing the last documents lets Whoosh merge their segments away, leaving an index
    it reads as empty; searching it once raised AttributeError instead of finding
    nothing."""
    from briefer.core.ops import search as search_ops

    docs = docs_ops.list_documents(session)
    assert docs
    docs_ops.remove_documents(session, [d.id for d in docs], confirmed=True)
    for query in ("the", "subscriber information", '"traffic data"', "rule*"):
        got = search_ops.run_search(session, query)
        assert got.total == 0 and got.documents == []


def test_only_the_users_own_library_gets_the_samples(tmp_path: Path, monkeypatch):
    """One rule for every front end (the command line and the window both leave it to
    Session.open): samples when no folder is named and BRIEFER_LIBRARY is not set."""
    from briefer.core.ops.session import samples_wanted
    from briefer.core.paths import ENV_VAR

    monkeypatch.delenv(ENV_VAR, raising=False)
    assert samples_wanted(None) and samples_wanted("")
    assert not samples_wanted(tmp_path / "project")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "scripted"))
    assert not samples_wanted(None)
    with Session.open(None) as s:  # the library BRIEFER_LIBRARY names: made empty
        assert s.root == (tmp_path / "scripted").resolve() and s.created
        assert s.samples_added is None and docs_ops.list_documents(s) == []
    with Session.open(tmp_path / "project") as s:  # a folder named: made empty
        assert s.created and docs_ops.list_documents(s) == []
