"""ops.documents.confirm_metadata: guesses become confirmed without changing a value (all
of them, or the fields named), the search index still finds the document, a field that is
never guessed is refused, and confirming twice changes nothing. status_label: the short
words of the Library's Status column."""

from __future__ import annotations

import dataclasses

import pytest

from briefer.core.files.metadata import GUESSED_FIELDS, is_guess
from briefer.core.ops import documents as od
from briefer.core.ops import search as osearch
from tests.core.ops.rules_library import doc_id, session, template_lib  # noqa: F401


def _values(doc) -> dict:
    return {f: getattr(doc, f) for f in GUESSED_FIELDS}


def test_confirm_named_fields_then_the_rest(session):
    rules = doc_id(session, "rules.pdf")
    doc = od.get_document(session, rules)
    assert all(is_guess(doc, f) for f in GUESSED_FIELDS)  # nothing confirmed on import
    before = _values(doc)
    after = od.confirm_metadata(session, rules, ["title", "date"])
    assert _values(after) == before
    assert not is_guess(after, "title") and not is_guess(after, "date")
    assert is_guess(after, "issuer") and is_guess(after, "doc_type")
    after = od.confirm_metadata(session, rules)
    assert _values(after) == before
    assert not any(is_guess(after, f) for f in GUESSED_FIELDS)
    assert od.confirm_metadata(session, rules) == od.get_document(session, rules)
    # the index entry was rewritten, not lost
    hits = osearch.run_search(session, "subscriber", record=False).hits
    assert rules in {h.doc_id for h in hits}
    # the other document's guesses are untouched
    judgment = od.get_document(session, doc_id(session, "judgment.pdf"))
    assert all(is_guess(judgment, f) for f in GUESSED_FIELDS)


def test_confirm_refuses_a_field_that_is_never_guessed(session):
    rules = doc_id(session, "rules.pdf")
    with pytest.raises(od.InvalidMetadata) as err:
        od.confirm_metadata(session, rules, ["source_url"])
    assert err.value.field == "source_url"
    assert all(is_guess(od.get_document(session, rules), f) for f in GUESSED_FIELDS)


def test_status_labels(session):
    doc = od.get_document(session, doc_id(session, "rules.pdf"))
    assert od.status_label(doc) == "Searchable"
    cases = {("ok", 2): "Partly searchable", ("needs_ocr", 3): "Needs OCR",
             ("needs_password", 0): "Locked", ("no_text", 0): "No text",
             ("superseded", 0): "Older version"}
    for (status, scans), label in cases.items():
        assert od.status_label(dataclasses.replace(doc, status=status, ocr_pages=scans)) == label
