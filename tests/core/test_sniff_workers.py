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
