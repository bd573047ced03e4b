"""OCR of scanned pages with the real ``tesseract`` (skipped where it is not installed).

The scans are made by the tests: text drawn into an image, the image the page's only
content (tests/pdfgen.py ``make_scanned_pdf``), once with a "CamScanner" text layer.
"""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from briefer.core.ocr import ocr
from briefer.core.library import Library
from briefer.core.progress import CancelToken
from briefer.core.search.search import search
from briefer.core.files.workers import ExtractionPool, Job, JobFailure
from tests import ocrgen, pdfgen

PAGES = [
    "Notification of the Ministry. The first page mentions apples and the Gazette.",
    "The second page speaks of zebras and of the Constitution of Examplestan.",
    "The third and last page is about penguins and the blocking of content.",
]

needs_tesseract = pytest.mark.skipif(ocr.tesseract() is None,
                                     reason="tesseract is not installed")


def _has_urdu() -> bool:
    t = ocr.tesseract()
    return t is not None and "urd" in t.languages


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("scans")
    pdfgen.make_scanned_pdf(d / "plain scan.pdf", PAGES)
    pdfgen.make_scanned_pdf(d / "camscanner.pdf", [p.replace("zebras", "giraffes")
                                                    for p in PAGES], watermark="CamScanner")
    return {"plain": d / "plain scan.pdf", "camscanner": d / "camscanner.pdf"}


def _pages_hit(lib: Library, word: str) -> set[tuple[int, int]]:
    res = search(lib, word, record=False)
    return {(h.doc_id, h.page_number) for h in res.hits}


# --------------------------------------------------------------------------- without tesseract


def test_languages_from_specs_and_metadata():
    assert ocr.parse_languages("eng+urd") == ["eng", "urd"]
    assert ocr.parse_languages("en, ur") == ["eng", "urd"]
    assert ocr.parse_languages("Urdu") == ["urd"]
    assert ocr.parse_languages(None) == []
    # the document's language decides; Urdu documents are read with English too
    assert ocr.default_languages("ur", ["eng", "urd"]) == "urd+eng"
    assert ocr.default_languages("en", ["eng", "urd"]) == "eng"
    assert ocr.default_languages("", ["eng", "urd"]) == "eng"
    assert ocr.default_languages("", ["eng", "urd"], "eng+urd") == "eng+urd"
    # Urdu only when its data is installed
    assert ocr.default_languages("ur", ["eng"]) == "eng"
    with pytest.raises(ocr.OcrError, match="tesseract-ocr-urd|Urdu"):
        ocr.resolve_languages(["urd"], ["eng"])


def test_tsv_becomes_text_with_offsets_boxes_and_confidence():
    head = "\t".join(["level", "page_num", "block_num", "par_num", "line_num", "word_num",
                      "left", "top", "width", "height", "conf", "text"])
    rows = [
        "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t",
        "5\t1\t1\t1\t1\t1\t100\t200\t120\t50\t90\tRule",
        "5\t1\t1\t1\t1\t2\t240\t200\t60\t50\t80\t5(1)",
        "5\t1\t1\t1\t2\t1\t100\t300\t200\t50\t70\tblocking",
        "5\t1\t2\t1\t1\t1\t100\t600\t100\t50\t60\tend",
        "5\t1\t2\t1\t1\t2\t300\t600\t100\t50\t-1\t ",
    ]
    res = ocr.parse_tsv("\n".join([head] + rows), px_per_pt=300 / 72)
    assert res.text == "Rule 5(1)\nblocking\n\nend"
    assert res.confidence == 75.0
    starts = [(w[0], w[1]) for w in res.words]
    assert [res.text[a:b] for a, b in starts] == ["Rule", "5(1)", "blocking", "end"]
    x0, y0, x1, y1 = res.words[0][2:]
    assert (x0, y0) == (24.0, 48.0) and x1 == pytest.approx(52.8)
    assert ocr.boxes_for_span(res.words, 5, 9) == [tuple(res.words[1][2:])]


def test_page_is_ocr_helper():
    class P:
        text_source = "ocr"

    assert ocr.page_is_ocr(P()) and ocr.OCR_NOTE == "text from OCR — check against the scan"
    P.text_source = "pdf"
    assert not ocr.page_is_ocr(P())


def _double_task(job, deadline):
    if job.payload is None:
        raise ValueError("no payload")
    return job.payload * 2


def test_pool_runs_other_tasks_and_survives_their_errors():
    task = f"{__name__}:_double_task"
    jobs = [Job("ok", "", task=task, payload=21), Job("raises", "", task=task),
            Job("bad", "", task="briefer.core.nonexistent:nothing"),
            Job("again", "", task=task, payload="ab")]
    with ExtractionPool(processes=1, timeout=30) as pool:
        results = dict((j.key, r) for j, r in pool.run(jobs))
    assert results["ok"] == 42 and results["again"] == "abab"
    assert isinstance(results["raises"], JobFailure) and "no payload" in results["raises"].reason
    assert isinstance(results["bad"], JobFailure) and "ModuleNotFoundError" in results["bad"].reason


def test_missing_tesseract_breaks_nothing(tmp_path, scans, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    monkeypatch.delenv(ocr.TESSERACT_ENV, raising=False)
    ocr.forget_tesseract()
    assert ocr.tesseract() is None
    text = pdfgen.make_text_pdf(tmp_path / "text.pdf", ["Ordinary text about zebras."])
    with Library.open(tmp_path / "lib") as lib:
        rep = lib.import_paths([scans["plain"], text.path], ocr=True)
        assert not rep.problems and rep.documents_added == 2
        scan = next(o for o in rep.outcomes if o.path.endswith("plain scan.pdf"))
        assert scan.status == "needs_ocr"
        assert "install tesseract-ocr to search this scan" in scan.reason
        assert rep.ocr is not None and not rep.ocr.available
        doc = lib.document(scan.doc_id)
        assert ocr.needs_ocr_status(doc) == ocr.MISSING_NOTE
        r = ocr.run_ocr(lib)
        assert not r.available and r.pages_total == 3 and "install" in r.reason
        assert lib.document(scan.doc_id).ocr_pages == 3
        # search works for what has text
        assert len(_pages_hit(lib, "zebras")) == 1
    ocr.forget_tesseract()


def test_explicit_missing_program_is_not_replaced_by_path():
    assert ocr.find_tesseract("/nonexistent/tesseract") is None


# --------------------------------------------------------------------------- with tesseract


@needs_tesseract
def test_scans_become_searchable_page_by_page(tmp_path, scans):
    with Library.open(tmp_path / "lib") as lib:
        rep = lib.import_paths(list(scans.values()))
        ids = {Path(o.path).name: o.doc_id for o in rep.outcomes}
        plain, cam = ids["plain scan.pdf"], ids["camscanner.pdf"]
        assert lib.document(plain).status == "needs_ocr"
        assert lib.document(cam).ocr_pages == 3  # the watermark is not text
        assert not _pages_hit(lib, "zebras")  # a scan is invisible before OCR

        r = ocr.run_ocr(lib, processes=2)
        assert r.available and r.pages_done == 6 and r.pages_failed == 0
        assert _pages_hit(lib, "zebras") == {(plain, 2)}
        assert _pages_hit(lib, "giraffes") == {(cam, 2)}
        assert _pages_hit(lib, "penguins") == {(plain, 3), (cam, 3)}
        # words read by OCR join the vocabulary once per page (prefixes find them)
        vocab = lib.index.vocabulary().words
        assert vocab["penguins"] == 2 and vocab["zebras"] == 1
        assert _pages_hit(lib, "giraff*") == {(cam, 2)}

        for doc_id in (plain, cam):
            doc = lib.document(doc_id)
            assert doc.status == "ok" and doc.ocr_pages == 0 and doc.indexed
            assert "read by OCR" in doc.reason
            for page in lib.catalog.pages(doc_id):
                assert ocr.page_is_ocr(page) and not page.needs_ocr
                assert page.ocr_confidence is not None and page.ocr_confidence > 60
            # offsets point into the stored text; word boxes for highlighting on the scan
            page2 = lib.catalog.page(doc_id, 1)
            start = page2.text.index("second")
            boxes = ocr.word_boxes(lib, doc_id, 1)
            hit = ocr.boxes_for_span(boxes, start, start + 6)
            assert len(hit) == 1 and 0 < hit[0][0] < hit[0][2] < 595
        # the watermark text layer is kept to restore it
        original = lib.catalog.execute(
            "SELECT original_text FROM ocr_pages WHERE doc_id = ? AND page_index = 1",
            (cam,)).fetchone()[0]
        assert original.strip() == "CamScanner"
        # the index marks OCR pages
        from whoosh.query import Term

        with lib.index.searcher() as s:
            assert len(s.search(Term("ocr", True), limit=None)) == 6
        # a second run has nothing to do
        assert ocr.run_ocr(lib).pages_total == 0


@needs_tesseract
def test_import_reads_scans_when_asked(tmp_path, scans):
    with Library.open(tmp_path / "lib") as lib:
        rep = lib.import_paths([scans["camscanner"]], ocr=True, processes=1)
        o = rep.outcomes[0]
        assert o.status == "ok" and "read by OCR" in o.reason
        assert rep.ocr.pages_done == 3
        assert _pages_hit(lib, "giraffes") == {(o.doc_id, 2)}
        assert rep.to_json()["ocr"]["pages_done"] == 3


@needs_tesseract
def test_cancel_then_resume_after_reopening(tmp_path, scans):
    root = tmp_path / "lib"
    token = CancelToken()

    def progress(p):
        if p.done >= 1:
            token.cancel()

    with Library.open(root) as lib:
        rep = lib.import_paths([scans["plain"]])
        doc_id = rep.outcomes[0].doc_id
        r = ocr.run_ocr(lib, processes=1, progress=progress, cancel=token)
        assert r.cancelled and 1 <= r.pages_done < 3
        assert lib.document(doc_id).ocr_pages == 3 - r.pages_done
        assert lib.document(doc_id).indexed  # what was read is indexed already
    with Library.open(root) as lib:
        assert ocr.pending_pages(lib) == {doc_id: list(range(r.pages_done, 3))}
        r2 = ocr.run_ocr(lib, processes=1)
        assert r2.pages_done == 3 - r.pages_done
        assert _pages_hit(lib, "penguins") == {(doc_id, 3)}
        assert _pages_hit(lib, "apples") == {(doc_id, 1)}


@needs_tesseract
def test_index_catches_up_after_a_crash_between_catalog_and_index(tmp_path, scans):
    root = tmp_path / "lib"
    lib = Library.open(root)  # not closed: the "crash" below leaves it as a dying process
    doc_id = lib.import_paths([scans["plain"]]).outcomes[0].doc_id
    res = ocr.ocr_page(str(lib.file_path(lib.document(doc_id))), 1, "eng")
    ocr.ensure_schema(lib.catalog)
    ocr.store_result(lib, doc_id, 1, "eng", res)  # catalog written, index not
    assert not lib.document(doc_id).indexed
    # "crash": the files let go as a dying process leaves them, nothing else runs
    lib.index.close()
    lib.catalog.close()
    lib._lock.release()
    lib._lock = None
    with Library.open(root) as lib:  # the flag makes the open re-index the document
        assert lib.document(doc_id).indexed
        assert _pages_hit(lib, "zebras") == {(doc_id, 2)}


@needs_tesseract
def test_rerun_with_other_languages_and_remove(tmp_path, scans):
    with Library.open(tmp_path / "lib") as lib:
        doc_id = lib.import_paths([scans["camscanner"]], ocr=True, processes=1).outcomes[0].doc_id
        before = lib.catalog.page(doc_id, 1).text
        assert ocr.request_ocr(lib, doc_id, "eng+eng") == 3
        assert lib.document(doc_id).ocr_pages == 3
        # queued pages keep their text (still searchable) until the new result arrives
        assert lib.catalog.page(doc_id, 1).text == before
        langs = "urd" if _has_urdu() else "eng"
        ocr.request_ocr(lib, doc_id, langs)
        r = ocr.run_ocr(lib, processes=1)
        assert r.documents[0].languages == langs and r.pages_done == 3
        assert ocr.ocr_summary(lib, doc_id)["languages"] == [langs]
        if langs == "urd":  # English read as Urdu is poor; the text changed
            assert lib.catalog.page(doc_id, 1).text != before
        # back to English, remembered for the document
        ocr.request_ocr(lib, doc_id, "eng")
        ocr.run_ocr(lib, processes=1)
        assert lib.catalog.page(doc_id, 1).text == before
        # remove OCR: the watermark layer comes back and the pages wait again
        assert ocr.remove_ocr(lib, doc_id) == 3
        page = lib.catalog.page(doc_id, 1)
        assert page.text.strip() == "CamScanner" and page.needs_ocr and not ocr.page_is_ocr(page)
        assert lib.document(doc_id).status == "needs_ocr"
        assert not _pages_hit(lib, "giraffes")


@needs_tesseract
def test_unknown_language_is_refused_with_a_hint(tmp_path, scans):
    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths([scans["plain"]])
        with pytest.raises(ocr.OcrError, match="not installed"):
            ocr.run_ocr(lib, languages="xyz")
        # nothing was changed
        assert sum(len(v) for v in ocr.pending_pages(lib).values()) == 3


@needs_tesseract
def test_per_page_time_limit(tmp_path, scans):
    # A tesseract that never finishes (it answers --version and --list-langs like the real
    # one): the page fails with a reason, stays queued, and the run goes on.
    slow = tmp_path / "slow-tesseract"
    slow.write_text("#!/bin/sh\n"
                    'case "$1" in --version) echo "tesseract 5.3.0";; '
                    '--list-langs) echo "List of available languages (1):"; echo eng;; '
                    "*) sleep 60;; esac\n")
    slow.chmod(slow.stat().st_mode | stat.S_IEXEC)
    if sys.platform == "win32":
        pytest.skip("shell script as a program")
    with Library.open(tmp_path / "lib") as lib:
        doc_id = lib.import_paths([scans["plain"]]).outcomes[0].doc_id
        r = ocr.run_ocr(lib, [doc_id], processes=2, page_timeout=1.5, executable=str(slow))
        assert r.pages_done == 0 and r.pages_failed == 3
        assert all("did not finish within" in why for why in r.documents[0].failed.values())
        assert lib.document(doc_id).ocr_pages == 3
        assert ocr.ocr_summary(lib, doc_id)["failed"][0]["page_number"] == 1
    ocr.forget_tesseract()


def _urdu_scan(path: Path, font_name: str = ocrgen.NASKH) -> tuple[Path, list[str]]:
    """An image-only PDF of two pages of Urdu text (tests/ocrgen.py)."""
    pages = [[ocrgen.URDU_SENTENCES[0], ocrgen.URDU_SENTENCES[2]],
             [ocrgen.URDU_SENTENCES[1], ocrgen.URDU_SENTENCES[3]]]
    try:
        ocrgen.make_urdu_scan(path, pages, font_name)
    except ocrgen.NoShaping as exc:
        pytest.skip(str(exc))
    return path, [" ".join(p) for p in pages]


@needs_tesseract
@pytest.mark.skipif(not _has_urdu(), reason="tesseract-ocr-urd is not installed")
def test_urdu_scan_is_read_in_urdu_from_the_document_language(tmp_path):
    path, _ = _urdu_scan(tmp_path / "urdu scan.pdf")
    with Library.open(tmp_path / "lib") as lib:
        rep = lib.import_paths([path], meta={"language": "ur"}, ocr=True, processes=2)
        o = rep.outcomes[0]
        assert rep.ocr.documents[0].languages == "urd+eng"
        assert o.status == "ok"
        assert _pages_hit(lib, "اختیار") == {(o.doc_id, 2)}
        assert _pages_hit(lib, "کمیٹی") == {(o.doc_id, 1)}
        assert "عدالت" in lib.catalog.page(o.doc_id, 1).text


@needs_tesseract
@pytest.mark.skipif(not _has_urdu(), reason="tesseract-ocr-urd is not installed")
@pytest.mark.parametrize("font", [ocrgen.NASKH, ocrgen.NASTALIQ])
def test_an_urdu_scan_with_no_language_is_read_as_urdu(tmp_path, font):
    path, _ = _urdu_scan(tmp_path / "urdu scan.pdf", font)
    with Library.open(tmp_path / "lib") as lib:
        rep = lib.import_paths([path], ocr=True, processes=2)
        o = rep.outcomes[0]
        d = rep.ocr.documents[0]
        # a page of Urdu only: English is not added (it costs words; bench/urdu_ocr_bench.py)
        assert d.languages == "urd" and d.detected, d
        assert ocr.document_languages(lib, lib.document(o.doc_id), ["eng", "urd"]) == "urd"
        text = lib.catalog.page(o.doc_id, 0).text
        assert sum("\u0600" <= c <= "\u06ff" for c in text) > 20, text


@needs_tesseract
def test_an_english_scan_with_no_language_is_read_as_english(tmp_path, scans):
    with Library.open(tmp_path / "lib") as lib:
        rep = lib.import_paths([scans["plain"]], ocr=True, processes=1)
        assert rep.ocr.documents[0].languages == "eng"
        assert rep.ocr.documents[0].detected


@needs_tesseract
def test_the_library_default_or_metadata_skips_the_script_check(tmp_path, scans):
    with Library.open(tmp_path / "lib") as lib:
        ocr.set_library_default_languages(lib, "eng")
        rep = lib.import_paths([scans["plain"]], ocr=True, processes=1)
        assert rep.ocr.documents[0].languages == "eng"
        assert not rep.ocr.documents[0].detected


def test_script_choice_from_osd_and_trials():
    from briefer.core.ocr import script

    osd = script.parse_osd("Page number: 0\nScript: Arabic\nScript confidence: 173.33\n")
    assert osd == script.OsdResult("Arabic", 173.33)
    assert script.parse_osd("Too few characters") is None
    # a sure OSD narrows the trial to the languages of that script; an unsure one does not
    assert script.candidates(["eng", "urd"], osd) == ["urd"]
    assert script.candidates(["eng", "urd"], script.OsdResult("Japanese", 0.56)) == ["eng", "urd"]
    assert script.candidates(["urd", "eng"], None) == ["eng", "urd"]
    # letters in the wrong script do not count: Urdu read as English scores low
    eng = script.score_trial("eng", [("Wl", 30.0), ("bel", 20.0)])
    urd = script.score_trial("urd", [("قواعد", 60.0), ("2", 90.0), ("میڈیا", 50.0)])
    assert script.best_language([eng, urd]) == "urd"
    wrong = script.score_trial("urd", [("court", 95.0)])
    assert wrong.confidence == 0.0
    assert script.best_language([script.score_trial("eng", [("court", 95.0)]), wrong]) == "eng"
    # English is added to Urdu only when the page shows English words read surely
    assert script.choose("urd", [eng, urd], ["eng", "urd"]) == "urd"
    mixed = script.score_trial("eng", [("Rules", 93.0), ("Section", 91.0), ("Act", 96.0),
                                       ("x", 99.0)])
    assert mixed.sure == 3
    assert script.choose("urd", [mixed, urd], ["eng", "urd"]) == "urd+eng"
    assert script.choose("urd", [urd], ["eng", "urd"]) == "urd"


def test_words_in_a_rectangle_drawn_on_a_scan():
    boxes = [[0, 3, 10, 10, 30, 20], [4, 9, 35, 10, 70, 20], [10, 14, 10, 30, 40, 40]]
    # the first line only, drawn loosely from the bottom right corner
    assert ocr.words_in_rect(boxes, (75, 24, 5, 8)) == [(0, 3, (10, 10, 30, 20)),
                                                        (4, 9, (35, 10, 70, 20))]
    # grazing a word's edge does not take it
    assert ocr.words_in_rect(boxes, (0, 0, 22, 18)) == [(0, 3, (10, 10, 30, 20))]
    assert ocr.words_in_rect(boxes, (100, 100, 200, 200)) == []
    assert ocr.boxes_for_span(boxes, 2, 5) == [(10, 10, 30, 20), (35, 10, 70, 20)]


@needs_tesseract
@pytest.mark.skipif(not _has_urdu(), reason="tesseract-ocr-urd is not installed")
def test_an_urdu_scan_with_english_lines_is_read_with_both(tmp_path):
    lines = [ocrgen.URDU_SENTENCES[1], "Prevention of Electronic Crimes Act, 2016",
             ocrgen.URDU_SENTENCES[5], "Section 20 applies to every social media company",
             ocrgen.URDU_SENTENCES[6]]
    try:
        path = ocrgen.make_urdu_scan(tmp_path / "mixed.pdf", [lines])
    except ocrgen.NoShaping as exc:
        pytest.skip(str(exc))
    with Library.open(tmp_path / "lib") as lib:
        rep = lib.import_paths([path], ocr=True, processes=1)
        d = rep.ocr.documents[0]
        assert d.languages == "urd+eng" and d.detected, d
        assert _pages_hit(lib, "Electronic") == {(rep.outcomes[0].doc_id, 1)}
