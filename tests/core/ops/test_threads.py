"""One Session, several threads: a window searches and edits briefs while an import runs.

The import (200 generated pages) runs in a worker thread with the same Session. Its
progress callback holds the import half-way until the main thread has edited a brief and
searched: if either had to wait for the import (one connection per library, a writer
lock per handle, an index writer in the way), the main thread would never finish and
the import would not go on — the test fails on the time-out instead of hanging.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from briefer.core.errors import BrieferError
from briefer.core.ops import briefs as brief_ops
from briefer.core.ops import documents as docs_ops
from briefer.core.ops import search as search_ops
from briefer.core.ops.session import Session
from briefer.core.progress import Progress
from tests import pdfgen

FILES = 10
PAGES = 20  # 10 files × 20 pages = 200 pages
WAIT = 180.0


def _make_pdfs(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for f in range(FILES):
        texts = [f"File {f}, page {p}. The adjudicating officer shall hear the appeal "
                 f"within {f + p + 2} days; subsidiarity is to be weighed on each page."
                 for p in range(PAGES)]
        out.append(pdfgen.make_text_pdf(folder / f"bulk{f:02}.pdf", texts).path)
    return out


@pytest.fixture
def session(tmp_path: Path):
    first = pdfgen.make_text_pdf(tmp_path / "seed" / "rules.pdf", [
        "The National Coordinator may order the blocking of content.",
        "Proportionality must be shown for every order of blocking."]).path
    s = Session.open(tmp_path / "lib", samples=False)
    docs_ops.add_files(s, [first], ocr=False, processes=1)
    yield s
    s.close()


def test_brief_edit_and_search_complete_while_another_thread_imports(session, tmp_path):
    pdfs = _make_pdfs(tmp_path / "bulk")
    made = brief_ops.create_brief(session, "Our concerns", sections=["Background"])
    brief_id, section_id = made.brief_id, made.section_ids[0]
    halfway = threading.Event()
    go_on = threading.Event()
    outcome: dict[str, object] = {}

    def progress(p: Progress) -> None:
        if p.message.startswith("Reading") and p.total and p.done >= p.total // 2 \
                and not halfway.is_set():
            halfway.set()
            # The import holds here, its writer open, until the main thread is done.
            outcome["waited"] = go_on.wait(WAIT)

    def run_import() -> None:
        try:
            outcome["report"] = docs_ops.add_files(session, pdfs, ocr=False, processes=1,
                                                   progress=progress)
        except BaseException as exc:  # shown by the main thread's assertions
            outcome["error"] = exc

    worker = threading.Thread(target=run_import, name="import")
    generation_before = session.generation()
    worker.start()
    try:
        assert halfway.wait(WAIT), "the import never got half-way"
        # While the import is held in the middle: a brief edit and a search, both done.
        cmd = brief_ops.add_commentary(session, brief_id, section_id,
                                       "Notified without consultation.")
        brief = session.briefs().get(brief_id)
        assert any(i.id == cmd.item_id for s in brief.sections for i in s.items)
        res = search_ops.run_search(session, "blocking")
        assert res.total >= 2 and res.documents[0].title
        # ... and the reader's page reads (text, labels, offsets' kinds) of a document
        rules = docs_ops.find_document(session, "rules.pdf").id
        detail = docs_ops.document_detail(session, rules)
        pages = docs_ops.reader_pages(session, detail)
        assert [p.kind for p in pages] == ["pdfium", "pdfium"] and "blocking" in pages[0].text
        assert worker.is_alive() and "report" not in outcome  # the import has not ended
    finally:
        go_on.set()
        worker.join(WAIT)
    assert not worker.is_alive()
    assert outcome.get("waited") is True
    assert "error" not in outcome, outcome.get("error")
    report = outcome["report"]
    assert report.documents_added == FILES and report.pages_added == FILES * PAGES
    # The main thread sees the import's pages and a changed generation.
    assert search_ops.run_search(session, "subsidiarity", limit=5).total == FILES * PAGES
    assert session.generation() != generation_before


def test_searches_in_a_loop_never_fail_while_an_import_commits(session, tmp_path):
    pdfs = _make_pdfs(tmp_path / "bulk")
    done = threading.Event()
    errors: list[BaseException] = []

    def run_import() -> None:
        try:
            docs_ops.add_files(session, pdfs, ocr=False, processes=1)
        except BaseException as exc:
            errors.append(exc)
        finally:
            done.set()

    worker = threading.Thread(target=run_import)
    worker.start()
    totals = []
    while not done.is_set():
        totals.append(search_ops.run_search(session, "subsidiarity OR blocking",
                                            record=False).total)
    worker.join()
    assert not errors, errors
    assert totals and min(totals) >= 2  # never fewer than the pages there before
    assert totals == sorted(totals)  # pages only arrive, in commits
    final = search_ops.run_search(session, "subsidiarity OR blocking", record=False).total
    assert final == 2 + FILES * PAGES


def test_each_thread_has_its_own_connection_and_sessions_share_the_library(session):
    seen = {}

    def other() -> None:
        seen["catalog"] = session.catalog()
        seen["again"] = session.catalog()
        seen["docs"] = len(docs_ops.list_documents(session))

    t = threading.Thread(target=other)
    t.start()
    t.join()
    assert seen["catalog"] is seen["again"]
    assert seen["catalog"] is not session.catalog()
    assert seen["docs"] == 1
    # A second open in the same process shares the library (and its writer lock) instead
    # of being refused as if it were another program.
    second = Session.open(session.root, samples=False)
    try:
        assert not second.readonly
        docs_ops.edit_metadata(second, 1, title="Edited through the second session")
        assert session.catalog().document(1).title == "Edited through the second session"
    finally:
        second.close()
    # The first session still works after the second closed.
    assert docs_ops.get_document(session, 1).title == "Edited through the second session"


def test_generation_sees_changes_from_other_threads_and_processes(session):
    g0 = session.generation()
    assert session.generation() == g0  # nothing changed: the same number

    def edit() -> None:
        docs_ops.edit_metadata(session, 1, issuer="Ministry of Examples")

    t = threading.Thread(target=edit)
    t.start()
    t.join()
    g1 = session.generation()
    assert g1 != g0
    # A write through another connection, as another process would make it.
    import sqlite3

    db = sqlite3.connect(session.root / "library.sqlite")
    db.execute("UPDATE documents SET issuer = 'Elsewhere' WHERE id = 1")
    db.commit()
    db.close()
    assert session.generation() != g1


def test_read_only_session_reads_and_refuses_writes_with_a_reason(session):
    reader = Session.open(session.root, readonly=True)
    try:
        assert reader.readonly
        assert [r.id for r in docs_ops.list_documents(reader)] == [1]
        assert search_ops.run_search(reader, "blocking").total == 2
        with pytest.raises(BrieferError) as err:
            docs_ops.edit_metadata(reader, 1, title="Not allowed")
        assert err.value.reason == "read_only"
        assert "another Briefer process" not in str(err.value)
    finally:
        reader.close()
    assert docs_ops.get_document(session, 1).title != "Not allowed"


def test_threads_opening_and_closing_the_same_library_never_see_it_busy(session):
    errors: list[BaseException] = []

    def churn() -> None:
        try:
            for _ in range(15):
                with Session.open(session.root, samples=False) as s:
                    assert not s.readonly
                    docs_ops.list_documents(s)
        except BaseException as exc:
            errors.append(exc)

    session.close()  # the last session closes and reopens the library each time
    threads = [threading.Thread(target=churn) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT)
    assert not errors, errors


def test_index_writes_from_two_threads_take_turns(session, tmp_path):
    """A metadata edit (it rewrites the document's index entries) while another thread
    imports: it waits its turn at the index instead of failing on the index's lock."""
    pdfs = _make_pdfs(tmp_path / "bulk")
    started = threading.Event()
    results: dict[str, object] = {}

    def progress(p: Progress) -> None:
        if p.message.startswith("Reading"):
            started.set()

    def run_import() -> None:
        try:
            results["report"] = docs_ops.add_files(session, pdfs, ocr=False, processes=1,
                                                   progress=progress)
        except BaseException as exc:
            results["import_error"] = exc

    worker = threading.Thread(target=run_import)
    worker.start()
    assert started.wait(WAIT)
    try:
        doc = docs_ops.edit_metadata(session, 1, title="Edited during an import",
                                     add_tags=["during"])
    finally:
        worker.join(WAIT)
    assert "import_error" not in results, results.get("import_error")
    assert doc.title == "Edited during an import"
    hits = search_ops.run_search(session, "tag:during", record=False)
    assert [d.doc_id for d in hits.documents] == [1]
    assert results["report"].documents_added == FILES


def test_closing_waits_for_a_write_action_still_running(session, tmp_path):
    pdfs = _make_pdfs(tmp_path / "bulk")
    started = threading.Event()
    results: dict[str, object] = {}

    def run_import() -> None:
        try:
            results["report"] = docs_ops.add_files(
                session, pdfs, ocr=False, processes=1,
                progress=lambda p: started.set() if p.message.startswith("Reading") else None)
        except BaseException as exc:
            results["error"] = exc

    worker = threading.Thread(target=run_import)
    worker.start()
    assert started.wait(WAIT)
    session.close()  # returns once the import has finished, never under it
    assert "report" in results and "error" not in results, results.get("error")
    worker.join(WAIT)
    with Session.open(session.root, samples=False) as again:
        docs = again.catalog().documents()
        assert len(docs) == 1 + FILES and all(d.indexed for d in docs)
        assert search_ops.run_search(again, "subsidiarity").total == FILES * PAGES
