"""Issue 18: long books whose fonts have no Unicode map arrive, fast, and whole or in part.

The books of the issue (InPage Urdu, 194 and 82 pages) are reproduced by
tests/unmappedpdf.py: glyph numbers read as code points, many of them in the Arabic block,
so that pdfium's text has "right-to-left" lines whose order is judged glyph by glyph.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer.core.files import pdfium
from briefer.core.files.extract import extract_pdf
from tests.unmappedpdf import ARABIC_BLOCK, write_unmapped_pdf


class _CountingDoc:
    """A QPdfDocument that counts the calls that load a page anew."""

    def __init__(self, doc, counts: dict) -> None:
        self._doc, self._counts = doc, counts

    def getSelectionAtIndex(self, *args):
        self._counts["selection"] = self._counts.get("selection", 0) + 1
        return self._doc.getSelectionAtIndex(*args)

    def __getattr__(self, name):
        return getattr(self._doc, name)


def test_an_unmapped_book_is_judged_from_one_loaded_page(tmp_path: Path, monkeypatch):
    """Cause of the 300x slowness: every glyph position asked through Qt loaded the page
    again (24 a line). Now no glyph is asked through Qt when pypdfium2 can read the page."""
    pytest.importorskip("pypdfium2")
    path = write_unmapped_pdf(tmp_path / "book.pdf", 6, glyphs=ARABIC_BLOCK)
    counts: dict = {}
    real_load = pdfium._load
    monkeypatch.setattr(
        pdfium, "_load",
        lambda p, pw: (lambda d, e: (_CountingDoc(d, counts), e))(*real_load(p, pw)))
    monkeypatch.setattr(pdfium.PdfiumDoc, "outline", lambda self: [])  # needs the real type
    res = extract_pdf(path)
    assert res.status == "ok" and len(res.pages) == 6
    assert counts.get("selection", 0) == 0


@pytest.mark.parametrize("visual", [False, True])
def test_glyph_positions_from_one_page_judge_lines_as_qt_did(tmp_path: Path, monkeypatch,
                                                             visual: bool):
    pytest.importorskip("pypdfium2")
    path = write_unmapped_pdf(tmp_path / "book.pdf", 2, lines=8, glyphs=ARABIC_BLOCK,
                              visual=visual)
    fast = extract_pdf(path)
    monkeypatch.setattr(pdfium.PdfiumDoc, "_glyph_boxes", lambda self, i, text: None)
    slow = extract_pdf(path)
    assert [(p.text, p.order) for p in fast.pages] == [(p.text, p.order) for p in slow.pages]


# ---------------------------------------------------------------- partial documents


class _Clock:
    """A clock for extraction that moves one second a page read (time.monotonic's place)."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now


class _InProcessPool:
    """Runs extraction jobs in this process with a time allowance of ``pages`` pages (None:
    no limit), as a worker whose time runs out after that many pages would."""

    def __init__(self, monkeypatch, pages):
        from briefer.core.files import extract

        self.pages = pages
        self.clock = _Clock()
        self.progress: list = []
        monkeypatch.setattr(extract, "time", self.clock)

    def start(self, n=None) -> None:
        pass

    def run(self, jobs, cancel=None, on_progress=None, **kw):
        from briefer.core.files.extract import extract_pdf, prepare_for_catalog
        from briefer.core.files.workers import PageProgress

        for job in jobs:
            self.clock.now = 0.0

            def on_page(done, total, job=job):
                self.clock.now = float(done + 1)  # as if each page took a second
                self.progress.append((done, total))
                if on_progress is not None:
                    on_progress(job, PageProgress(done, total))

            limit = None if self.pages is None else self.pages - 0.5
            res = extract_pdf(job.path, job.password, job.engine, on_page=on_page,
                              deadline_for=None if limit is None else (lambda n, x=limit: x))
            prepare_for_catalog(res, job.name)
            yield job, res


def _book(tmp_path: Path) -> Path:
    from tests.rawpdf import write_pdf

    pages = [[f"Chapter {k + 1} of the long book", f"distinctword{k + 1} appears here"]
             for k in range(6)]
    path = tmp_path / "long book.pdf"
    write_pdf(path, pages)
    return path


def test_pages_read_before_the_time_ran_out_are_kept(tmp_path: Path, monkeypatch):
    """Was: "could not be read within 120 s (stopped at page 52 of 194)" and nothing kept."""
    from briefer.core.ops import importing, search
    from briefer.core.ops.documents import add_files
    from briefer.core.ops.session import Session

    session = Session.open(tmp_path / "lib")
    try:
        rep = add_files(session, [_book(tmp_path)], ocr=False,
                        pool=_InProcessPool(monkeypatch, pages=3))
        (o,) = rep.outcomes
        assert o.outcome == "added" and o.doc_id is not None
        assert o.pages == 6 and o.pages_read == 3 and rep.partial == [o]
        assert "pages 4–6 not read yet" in o.reason
        doc = session.library().document(o.doc_id)
        assert "pages 4–6 not read yet" in doc.reason
        assert [p.pages_read for p in importing.partly_read(session)] == [3]
        assert search.run_search(session, "distinctword2", record=False).total >= 1
        assert search.run_search(session, "distinctword5", record=False).total == 0

        # the rest, read with more time: the same document, now whole
        pool = _InProcessPool(monkeypatch, pages=None)
        again = importing.retry_with_more_time(session, o.doc_id, pool=pool)
        assert again.outcome == "reread" and again.doc_id == o.doc_id
        assert again.pages_read is None and "not read yet" not in again.reason
        assert importing.partly_read(session) == []
        assert search.run_search(session, "distinctword5", record=False).total >= 1
        assert pool.progress[-1] == (6, 6)
        with pytest.raises(importing.NotPartlyRead):
            importing.retry_with_more_time(session, o.doc_id, pool=pool)
    finally:
        session.close()


def test_a_partial_document_is_read_again_when_added_with_more_time(tmp_path: Path,
                                                                    monkeypatch):
    from briefer.core.ops import importing
    from briefer.core.ops.documents import add_files
    from briefer.core.ops.session import Session

    book = _book(tmp_path)
    session = Session.open(tmp_path / "lib")
    try:
        first = add_files(session, [book], ocr=False, pool=_InProcessPool(monkeypatch, 2))
        same = add_files(session, [book], ocr=False, pool=_InProcessPool(monkeypatch, None))
        assert same.outcomes[0].outcome == "duplicate"  # the same time allowed: no rereading
        more = add_files(session, [book], ocr=False, timeout=importing.more_time(),
                         pool=_InProcessPool(monkeypatch, None))
        (o,) = more.outcomes
        assert o.outcome == "reread" and o.doc_id == first.outcomes[0].doc_id
        assert o.pages_read is None and importing.partly_read(session) == []
    finally:
        session.close()


def test_the_time_limit_grows_with_the_page_count():
    from briefer.core.files.workers import DEFAULT_TIMEOUT, time_limit

    assert time_limit(DEFAULT_TIMEOUT, 10) == DEFAULT_TIMEOUT
    assert time_limit(DEFAULT_TIMEOUT, 194) > DEFAULT_TIMEOUT + 40
    assert time_limit(DEFAULT_TIMEOUT, 1000) > time_limit(DEFAULT_TIMEOUT, 194)


def test_command_line_add_more_time_reads_the_rest(tmp_path: Path, monkeypatch, capsys):
    import json

    from briefer.cli import main
    from briefer.core.ops.documents import add_files
    from briefer.core.ops.session import Session

    book = _book(tmp_path)
    session = Session.open(tmp_path / "lib")
    try:
        add_files(session, [book], ocr=False, pool=_InProcessPool(monkeypatch, 2))
    finally:
        session.close()
    monkeypatch.undo()  # the real clock again: the command line's workers read it now
    capsys.readouterr()
    assert main(["--library", str(tmp_path / "lib"), "add", str(book), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["outcome"] == "duplicate"
    assert main(["--library", str(tmp_path / "lib"), "add", str(book), "--more-time",
                 "--json"]) == 0
    (f,) = json.loads(capsys.readouterr().out)["files"]
    assert f["outcome"] == "reread" and f["pages_read"] is None and f["pages"] == 6
    assert main(["--library", str(tmp_path / "lib"), "add", str(book), "--more-time"]) == 0
    assert "already in the library" in capsys.readouterr().out


# ---------------------------------------------------------------- progress that says something


def test_import_progress_names_the_file_its_page_and_the_files(tmp_path: Path):
    """Was "0 of 1" for two minutes: no page, no name of the file being read."""
    import random
    import re

    from briefer.core.library import Library
    from tests.rawpdf import page_lines, write_pdf

    folder = tmp_path / "rules"
    folder.mkdir()
    rng = random.Random(5)
    write_pdf(folder / "long.pdf", [page_lines(rng, 600) for _ in range(150)])
    write_pdf(folder / "short.pdf", [page_lines(rng, 600)])
    seen: list = []
    with Library.open(tmp_path / "lib") as lib:
        rep = lib.import_paths([folder], progress=seen.append, processes=1)
    assert rep.documents_added == 2
    messages = [p.message for p in seen]
    assert "Found 2 files in the folders given" in messages
    pages = [p for p in seen if re.fullmatch(r"Reading long\.pdf — page \d+ of 150"
                                             r"( · about .+ left)?", p.message)]
    assert pages, messages  # the worker told the parent where it was
    assert all(p.total == 2 for p in pages)
    assert any(p.message == "Reading PDFs" and p.done == 2 for p in seen)


def test_an_estimate_of_the_time_left():
    from briefer.core.library.importer import _estimate

    assert _estimate(60.0, 50, 200) == "about 3 min left"
    assert _estimate(10.0, 50, 100) == "about 10 s left"
    assert _estimate(0.0, 0, 100) == "" and _estimate(5.0, 100, 100) == ""


def test_the_progress_of_one_long_file_counts_its_pages(tmp_path: Path):
    """Was "0 of 1" until the end."""
    import random

    from briefer.core.library import Library
    from tests.rawpdf import page_lines, write_pdf

    rng = random.Random(6)
    book = tmp_path / "book.pdf"
    write_pdf(book, [page_lines(rng, 600) for _ in range(120)])
    seen: list = []
    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths([book], progress=seen.append, processes=1)
    pages = [p for p in seen if p.message.startswith("Reading book.pdf — page")]
    assert pages and all(p.total == 120 for p in pages)
    assert pages[-1].done == 120


def test_command_line_suggests_more_time_for_a_file_that_ran_out_of_it(capsys):
    from briefer.cli.documents import _print_import_summary
    from briefer.core.library.importer import ImportOutcome, ImportReport

    rep = ImportReport(outcomes=[ImportOutcome(
        "/books/urdu.pdf", "failed", "could not be read within 217 s (stopped at page 1 of 194)")])
    _print_import_summary(rep)
    out = capsys.readouterr().out
    assert "/books/urdu.pdf: could not be read within 217 s" in out
    assert "briefer add FILE --more-time" in out


def test_without_one_loaded_page_a_page_is_judged_for_a_bounded_time(tmp_path: Path,
                                                                     monkeypatch):
    """Where glyph positions can only be asked through Qt, a page costs at most
    QT_JUDGE_SECONDS of judging: the rest of its lines stay as pdfium gives them."""
    path = write_unmapped_pdf(tmp_path / "book.pdf", 1, glyphs=ARABIC_BLOCK)
    monkeypatch.setattr(pdfium.PdfiumDoc, "_glyph_boxes", lambda self, i, text: None)
    monkeypatch.setattr(pdfium, "QT_JUDGE_SECONDS", -1.0)  # spent before the first line
    counts: dict = {}
    real_load = pdfium._load
    monkeypatch.setattr(
        pdfium, "_load",
        lambda p, pw: (lambda d, e: (_CountingDoc(d, counts), e))(*real_load(p, pw)))
    monkeypatch.setattr(pdfium.PdfiumDoc, "outline", lambda self: [])
    res = extract_pdf(path)
    assert res.status == "ok" and counts.get("selection", 0) == 0
