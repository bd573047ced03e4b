"""ops.search, ops.ocr and ops.maintenance: searches with history and saved searches,
find in a document, completions; OCR policy without Tesseract; backups and restore
refused while the library is open, also in this process."""

from __future__ import annotations

import pytest

from briefer.core.errors import BrieferError
from briefer.core.ocr import ocr
from briefer.core.ops import documents as docs_ops
from briefer.core.ops import maintenance
from briefer.core.ops import ocr as ocr_ops
from briefer.core.ops import search as search_ops
from briefer.core.ops.session import Session
from tests.core.ops.rules_library import doc_id, session, template_lib  # noqa: F401


def test_search_records_history_and_runs_saved_searches(session):
    res = search_ops.run_search(session, "seventy-two hours", limit=5)
    assert res.total >= 1
    search_ops.run_search(session, "coordinator", record=False)
    assert [h.query for h in search_ops.search_history(session)] == [res.query]
    saved = search_ops.save_search(session, "Time limits", "seventy-two hours",
                                   {"types": ["other", "rule"]}, sort="document")
    assert saved.name == "Time limits"
    assert [s.name for s in search_ops.saved_searches(session)] == ["Time limits"]
    again = search_ops.run_saved_search(session, "time   limits")
    filtered = search_ops.run_search(session, "seventy-two hours", record=False,
                                     filters={"types": ["other", "rule"]})
    assert again.total == filtered.total and again.sort == "document"
    assert {d.doc_id for d in again.documents} == {d.doc_id for d in filtered.documents}
    # Given a query or a sort, those win over the saved ones.
    other = search_ops.run_saved_search(session, "Time limits", query="proportionality",
                                        sort="relevance")
    assert other.query == "proportionality" and other.sort == "relevance"
    search_ops.delete_saved_search(session, "Time limits")
    with pytest.raises(BrieferError) as err:
        search_ops.run_saved_search(session, "Time limits")
    assert err.value.reason == "saved_search_not_found"
    with pytest.raises(BrieferError) as err:
        search_ops.save_search(session, "  ", "x")
    assert err.value.reason == "invalid_name"
    with pytest.raises(BrieferError) as err:
        search_ops.run_search(session, "x", sort="colour")
    assert err.value.reason == "invalid_sort"


def test_find_in_document_and_completions(session):
    rules = doc_id(session, "rules.pdf")
    spans = search_ops.find_in_document(session, rules, "Seventy-Two Hours")
    assert spans
    for page_index, start, end in spans:
        text = docs_ops.get_page(session, rules, page_index).text
        assert text[start:end].lower().replace("\n", " ") == "seventy-two hours"
    assert search_ops.find_in_document(session, rules, "Seventy-Two Hours",
                                       case_sensitive=True) == []
    grouped = search_ops.find_in_document_pages(session, rules, "seventy-two hours")
    assert grouped.total == len(spans)
    completions = search_ops.query_completions(session, "time limit of seve")
    assert completions and all(c.startswith("time limit of seve") for c in completions)
    assert search_ops.query_completions(session, "x") == []
    with pytest.raises(BrieferError) as err:
        search_ops.find_in_document(session, 999, "x")
    assert err.value.reason == "document_not_found"


def test_a_read_only_session_searches_without_recording(session):
    with Session.open(session.root, readonly=True) as reader:
        assert search_ops.run_search(reader, "coordinator").total >= 1
        with pytest.raises(BrieferError) as err:
            search_ops.save_search(reader, "x", "coordinator")
        assert err.value.reason == "read_only"
    assert search_ops.search_history(session) == []


def test_ocr_policy_without_tesseract(session, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    monkeypatch.delenv(ocr.TESSERACT_ENV, raising=False)
    monkeypatch.setattr(ocr, "tesseract", lambda *a, **k: None)
    info = ocr_ops.tesseract_info()
    assert not info.available and info.install_hint
    status = ocr_ops.ocr_status(session)
    assert status.documents == [] and status.default_languages == "eng"
    with pytest.raises(BrieferError) as err:
        ocr_ops.run_ocr(session, redo=True)  # reading again needs named documents
    assert err.value.reason == "no_documents"
    with pytest.raises(BrieferError) as err:
        ocr_ops.remove_ocr(session, [])
    assert err.value.reason == "no_documents"
    rep = ocr_ops.run_ocr(session)
    assert not rep.available or rep.pages_total == 0
    assert ocr_ops.set_default_languages(session, "eng+urd") == "eng+urd"
    assert ocr_ops.default_languages(session) == "eng+urd"


def test_backup_and_restore(session):
    info = maintenance.backup_now(session)
    assert info.path.exists()
    entries = maintenance.list_backups(session.root)
    assert entries[0].info.path == info.path and all(e.ok for e in entries)
    lib_info = maintenance.library_info(session)
    assert lib_info.documents == 2 and lib_info.indexed_pages == lib_info.pages
    # Open for writing in this very process: refused, and said so truthfully.
    with pytest.raises(BrieferError) as err:
        maintenance.restore_backup(session.root)
    assert err.value.reason == "library_busy"
    assert "this program" in str(err.value) and "another Briefer" not in str(err.value)
    root = session.root
    docs_ops.edit_metadata(session, 1, title="Changed after the backup")
    session.close()
    result = maintenance.restore_backup(root)
    assert result.documents == 2 and result.kept_aside
    with Session.open(root, samples=False) as again:
        assert docs_ops.get_document(again, 1).title != "Changed after the backup"
    with pytest.raises(BrieferError) as err:
        maintenance.restore_backup(root, "no-such-backup.sqlite")
    assert err.value.reason == "no_backup" and "briefer" not in str(err.value)
    with pytest.raises(BrieferError) as err:
        maintenance.restore_backup(root.parent / "nowhere")
    assert err.value.reason == "no_library"
