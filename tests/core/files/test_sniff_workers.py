from pathlib import Path

from briefer.core.files.sniff import sniff_bytes
from briefer.core.files.workers import ExtractionPool, Job, JobFailure
from tests import pdfgen


def test_sniff_recognises_pdfs_by_content_and_names_other_kinds():
    assert sniff_bytes(b"%PDF-1.7\n...", 100).is_pdf
    assert sniff_bytes(b"\x00\x00junk%PDF-1.4", 100).is_pdf  # junk before the header
    assert "empty" in sniff_bytes(b"", 0).reason
    assert "HTML page" in sniff_bytes(b"<!DOCTYPE html><html>", 50).reason
    assert "Word document" in sniff_bytes(
        b"<html xmlns:o='urn:schemas-microsoft-com:office:office'>", 60).reason
    assert "ZIP" in sniff_bytes(b"PK\x03\x04rest", 10).reason
    assert "image" in sniff_bytes(b"\x89PNG\r\n", 10).reason
    assert "no PDF header" in sniff_bytes(b"hello world", 11).reason


def test_a_worker_over_its_memory_limit_costs_one_file(tmp_path: Path):
    f = pdfgen.make_text_pdf(tmp_path / "a.pdf", ["Some text that is long enough here."]).path
    with ExtractionPool(processes=1, timeout=30, memory_mb=8) as pool:
        results = list(pool.run([Job(0, str(f))]))
    (job, result), = results
    assert isinstance(result, JobFailure) or result.status == "failed"
    reason = result.reason
    assert "PDF reader" in reason or "memory" in reason


def test_a_pool_started_before_the_import_is_used_and_left_open(tmp_path: Path):
    from briefer.core.ops.importing import start_import_workers as start_workers
    from briefer.core.library import Library

    docs = tmp_path / "docs"
    docs.mkdir()
    a = pdfgen.make_text_pdf(docs / "a.pdf", ["Rule 5 requires the national coordinator."]).path
    pdfgen.make_text_pdf(docs / "b.pdf", ["Article 19 protects the freedom of speech."])
    with start_workers([str(a)], processes=2) as pool:  # one file named: one worker
        assert len(pool._workers) == 1
    with start_workers([str(docs)], processes=2) as pool:  # a folder: every worker
        assert len(pool._workers) == 2
        first = [w.proc.pid for w in pool._workers]
        lib = Library.open(tmp_path / "lib")
        try:
            rep = lib.import_paths([docs], pool=pool)
            assert rep.documents_added == 2 and rep.pages_added == 2
            assert not pool._closed  # the caller's to close
            # the import used the workers started beforehand, not new ones
            assert any(w.used for w in pool._workers)
            assert {w.proc.pid for w in pool._workers} <= set(first)
        finally:
            lib.close()
    assert pool._closed and not pool._workers


def test_closing_a_pool_whose_workers_are_still_loading_kills_them(tmp_path: Path):
    from briefer.core.ops.importing import start_import_workers as start_workers

    pool = start_workers([str(tmp_path)], processes=2)
    procs = [w.proc for w in pool._workers]
    pool.close()  # e.g. the command stopped at a usage error: nothing to wait for
    assert all(not p.is_alive() for p in procs)
    assert all(p.exitcode == -9 for p in procs)  # killed, not waited for while loading
