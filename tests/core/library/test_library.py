"""The library: import, duplicates, versions, metadata, index agreement and rebuilds."""

from __future__ import annotations

import json
import multiprocessing
import shutil
from pathlib import Path

import pytest
from whoosh.qparser import QueryParser

from briefer.core.library import Library, LibraryBusy
from briefer.core.progress import CancelToken
from briefer.core.files.workers import ExtractionPool, Job, JobFailure
from tests import pdfgen


def _hits(lib: Library, query: str, field: str = "content") -> list[tuple[int, int]]:
    with lib.index.searcher() as s:
        q = QueryParser(field, lib.index.ix.schema).parse(query)
        return sorted((int(h["doc"]), h["page"]) for h in s.search(q, limit=None))


def _folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    pdfgen.make_text_pdf(d / "a.pdf", ["Alpha page mentions blocking.", "Alpha second page."])
    pdfgen.make_text_pdf(d / "sub" / "b.pdf", ["Bravo talks about retention of data."])
    pdfgen.make_text_pdf(d / "sub" / "renamed.bin", ["Charlie is a PDF without the name."])
    (d / "notes.txt").write_text("just notes")
    pdfgen.make_not_pdf(d / "page.pdf")
    return d


def test_import_folder_recursively_by_content(library, tmp_path):
    rep = library.import_paths([_folder(tmp_path)], processes=2)
    assert rep.documents_added == 3 and rep.pages_added == 4
    failed = rep.of("failed")
    assert len(failed) == 1 and "HTML" in failed[0].reason
    assert rep.skipped_non_pdf == 1
    names = sorted(d.file_name for d in library.documents())
    assert names == ["a.pdf", "b.pdf", "renamed.bin"]
    a = library.resolve("a.pdf")
    assert _hits(library, "blocking") == [(a.id, 0)]
    assert len(_hits(library, "charlie")) == 1
    # stored copies are named by hash and are byte-identical
    for d in library.documents():
        assert library.file_path(d).name == f"{d.sha256}.pdf"


def test_same_file_is_not_imported_twice(library, tmp_path):
    d = _folder(tmp_path)
    library.import_paths([d])
    copy = tmp_path / "copy.pdf"
    shutil.copy(d / "a.pdf", copy)
    rep = library.import_paths([d, copy])
    assert rep.documents_added == 0
    assert len(rep.of("duplicate")) == 4
    assert len(library.documents()) == 3


def test_changed_file_at_known_path_becomes_new_version(library, tmp_path):
    p = tmp_path / "rules.pdf"
    pdfgen.make_text_pdf(p, ["Draft rules say thirty days."])
    library.import_paths([p])
    pdfgen.make_text_pdf(p, ["Final rules say seven days."])
    rep = library.import_paths([p])
    assert [o.outcome for o in rep.outcomes] == ["new_version"]
    old, new = library.documents()
    assert old.status == "superseded" and old.superseded_by == new.id
    assert new.version == 2 and new.supersedes == old.id
    assert _hits(library, "thirty") == []  # the old version leaves the index
    assert _hits(library, "seven") == [(new.id, 0)]
    library.remove(new.id)  # removing the new version brings the old one back
    assert library.document(old.id).status == "ok"
    assert _hits(library, "thirty") == [(old.id, 0)]


def test_password_flow(library, generated):
    gen = generated["encrypted"]
    rep = library.import_paths([gen.path])
    assert rep.outcomes[0].outcome == "needs_password"
    doc = library.document(rep.outcomes[0].doc_id)
    assert doc.status == "needs_password" and doc.page_count == 0
    rep = library.import_paths([gen.path], password="wrong")
    assert rep.outcomes[0].outcome == "needs_password"
    rep = library.import_paths([gen.path], password=gen.user_password)
    assert rep.outcomes[0].outcome == "unlocked"
    doc = library.document(doc.id)
    assert doc.status == "ok" and doc.page_count == gen.page_count
    # the password is nowhere in the library folder
    for f in library.root.rglob("*"):
        if f.is_file() and f.suffix != ".pdf":
            assert gen.user_password.encode() not in f.read_bytes()


def test_scan_is_flagged_and_watermark_not_indexed_as_content(library, generated):
    rep = library.import_paths([generated["scanned"].path])
    o = rep.outcomes[0]
    assert o.status == "needs_ocr" and "needs OCR" in o.reason


def test_metadata_edit_updates_index(library, generated):
    rep = library.import_paths([generated["rules"].path])
    doc_id = rep.outcomes[0].doc_id
    library.set_metadata(doc_id, {"doc_type": "rule", "date": "2026-01-28",
                                  "issuer": "Ministry of IT"}, add_tags=["Social Media"])
    doc = library.document(doc_id)
    assert doc.tags == ["social media"] and "doc_type" in doc.edited_fields
    assert _hits(library, "rule", "type")
    assert _hits(library, "ministry", "issuer")
    with pytest.raises(ValueError):
        library.set_metadata(doc_id, {"sha256": "x"})


def test_metadata_guesses_for_generated_rules(library, generated):
    rep = library.import_paths([generated["rules"].path, generated["judgment"].path])
    assert rep.documents_added == 2
    rules, judgment = library.resolve("rules.pdf"), library.resolve("judgment.pdf")
    assert rules.doc_type == "rule"
    assert rules.date.startswith("2026")
    assert judgment.doc_type == "judgment"


def test_index_rebuilt_when_missing_corrupt_or_outdated(tmp_path):
    root = tmp_path / "lib"
    with Library.open(root) as lib:
        lib.import_paths([_folder(tmp_path)])
        pages = lib.index.page_count()
    shutil.rmtree(root / "index")
    with Library.open(root) as lib:
        assert lib.index_report.rebuilt and lib.index.page_count() == pages
    meta = root / "index" / "briefer-index.json"
    data = json.loads(meta.read_text())
    data["schema"] = -1
    meta.write_text(json.dumps(data))
    with Library.open(root) as lib:
        assert "format changed" in lib.index_report.reason
        assert lib.index.page_count() == pages
    for f in (root / "index").glob("*.seg"):
        f.write_bytes(b"garbage")
    for f in (root / "index").glob("_pages_*.toc"):
        f.write_bytes(b"garbage")
    with Library.open(root) as lib:
        assert lib.index_report.rebuilt
        assert lib.index.page_count() == pages
        assert len(_hits(lib, "blocking")) == 1


def test_index_catches_up_with_catalog_after_lost_commit(tmp_path):
    root = tmp_path / "lib"
    with Library.open(root) as lib:
        lib.import_paths([_folder(tmp_path)])
        # Simulate a crash between the catalog commit and the index commit.
        lib.catalog.set_indexed([1, 2], False)
        w = lib.index.writer()
        w.delete_document(1)
        w.commit()
    with Library.open(root) as lib:
        assert lib.index.doc_ids() == {1, 2, 3}
        assert lib.catalog.unindexed_ids() == []


def test_second_writer_is_refused_and_reader_allowed(tmp_path):
    root = tmp_path / "lib"
    with Library.open(root):
        ctx = multiprocessing.get_context("spawn")
        q = ctx.Queue()
        p = ctx.Process(target=_try_open, args=(str(root), q))
        p.start()
        p.join(60)
        assert q.get(timeout=5) == ("busy", "readonly")


def _try_open(root: str, q) -> None:
    try:
        Library.open(root).close()
        first = "opened"
    except LibraryBusy:
        first = "busy"
    lib = Library.open(root, readonly_if_busy=True)
    q.put((first, "readonly" if lib.readonly else "writable"))
    lib.close()


def test_cancel_stops_import_and_keeps_finished_documents(library, tmp_path):
    d = tmp_path / "many"
    d.mkdir()
    for i in range(12):
        pdfgen.make_text_pdf(d / f"f{i:02}.pdf", [f"Document number {i} text."] * 3)
    token = CancelToken()
    seen = []

    def progress(p):
        seen.append(p)
        if p.done >= 2:
            token.cancel()

    rep = library.import_paths([d], progress=progress, cancel=token, processes=1)
    assert rep.cancelled
    n = len(library.documents())
    assert 2 <= n < 12
    assert library.index.doc_ids() == {x.id for x in library.documents()}
    rep = library.import_paths([d])
    assert rep.documents_added == 12 - n
    assert [p.total for p in seen if p.total][0] == 12


def test_worker_timeout_and_crash_cost_one_file(tmp_path):
    files = []
    for i in range(3):
        files.append(pdfgen.make_text_pdf(
            tmp_path / f"f{i}.pdf", [f"Plenty of text on page one of file {i}."]).path)
    with ExtractionPool(processes=1, timeout=0.05) as pool:
        results = list(pool.run([Job(i, str(f)) for i, f in enumerate(files)]))
    assert len(results) == 3
    assert all(isinstance(r, JobFailure) and "within" in r.reason for _, r in results)

    # A worker that dies while it works is replaced and the file tried once more.
    with ExtractionPool(processes=1, timeout=60) as pool:
        killed = []

        def kill_worker(job):
            if job.key == 1 and not killed:
                for child in multiprocessing.active_children():
                    if child.name == "briefer-extract":
                        child.kill()
                        killed.append(child.pid)

        out = {job.key: r for job, r in pool.run(
            [Job(i, str(f)) for i, f in enumerate(files)], on_start=kill_worker)}
    assert killed
    assert [getattr(out[k], "status", "") for k in range(3)] == ["ok", "ok", "ok"]


def test_resolve_documents_by_number_name_and_title(library, tmp_path):
    library.import_paths([_folder(tmp_path)])
    b = library.resolve("b.pdf")
    assert library.resolve(str(b.id)).id == b.id
    assert library.resolve(f"#{b.id}").id == b.id
    assert library.resolve(b.sha256[:10]).id == b.id
    assert library.resolve("Bravo").id == b.id  # title words
    with pytest.raises(Exception, match="no document"):
        library.resolve("zzz-nothing")


def test_documents_are_numbered_in_the_order_of_the_files(library, tmp_path):
    d = tmp_path / "ordered"
    d.mkdir()
    # a big first file finishes last in a two-worker pool, yet gets the first number
    pdfgen.make_text_pdf(d / "a-big.pdf", ["Long page of text. " * 150] * 40)
    for i in range(6):
        pdfgen.make_text_pdf(d / f"b{i}.pdf", [f"Small document number {i} here."])
    library.import_paths([d], processes=2)
    names = [doc.file_name for doc in sorted(library.documents(), key=lambda x: x.id)]
    assert names == ["a-big.pdf"] + [f"b{i}.pdf" for i in range(6)]


def test_segments_from_many_imports_are_merged(library, tmp_path):
    for i in range(12):
        f = pdfgen.make_text_pdf(tmp_path / f"s{i}.pdf", [f"Separate import number {i} here."]).path
        library.import_paths([f], processes=1)
    assert library.index.segment_count() < 10
    assert len(_hits(library, "separate")) == 12


def test_vocabulary_counts_follow_the_pages(library, tmp_path):
    """The words behind wildcards and suggestions count the pages that have them: a
    metadata edit does not count a document twice, removing it takes its words away."""
    a = pdfgen.make_text_pdf(tmp_path / "a.pdf", ["Zebracrossing rules apply.",
                                                  "More zebracrossing text."]).path
    b = pdfgen.make_text_pdf(tmp_path / "b.pdf", ["Zebracrossing once, and quokkas."]).path
    library.import_paths([a, b], processes=1)
    words = library.index.vocabulary().words
    assert words["zebracrossing"] == 3 and words["quokkas"] == 1
    doc_b = next(d for d in library.documents() if d.file_name == "b.pdf")
    library.set_metadata(doc_b.id, {"title": "Renamed"}, add_tags=["x"])
    assert library.index.vocabulary().words["zebracrossing"] == 3
    library.remove(doc_b.id)
    words = library.index.vocabulary().words
    assert words["zebracrossing"] == 2 and "quokkas" not in words
