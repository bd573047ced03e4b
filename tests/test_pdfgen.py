"""Checks that tests/pdfgen.py makes the PDFs it says it makes."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import time
import unicodedata

import pypdf
import pytest
from pypdf.errors import FileNotDecryptedError, PdfReadError

from tests import pdfgen as g

QPdfDocument = pytest.importorskip("PySide6.QtPdf").QPdfDocument


def _open(path, password=None):
    doc = QPdfDocument(None)
    if password is not None:
        doc.setPassword(password)
    return doc, doc.load(str(path))


def _check_texts(res: g.GeneratedPdf, password=None):
    """pdfium and pypdf give back exactly the text the generator predicts."""
    pdfium = g.pdfium_texts(res.path, password)
    pyp = g.pypdf_texts(res.path, password)
    assert len(pdfium) == len(pyp) == res.page_count
    for i in range(res.page_count):
        assert pdfium[i] == res.pdfium_text(i), f"pdfium, page {i}"
        expected = res.pypdf_text(i)
        if expected is not None:
            assert pyp[i] == expected, f"pypdf, page {i}"
    return pdfium, pyp


# -- plain text ------------------------------------------------------------------------


def test_text_pdf_known_words_on_known_pages(tmp_path):
    long_para = " ".join(f"word{i}" for i in range(120))
    pages = [
        "Alpha heading\n\nThe committee met on Tuesday. " + long_para,
        "Beta page: quotation marks \u201clike these\u201d and a dash \u2014 here.\nSecond line.",
        "Gamma page with zebra.",
    ]
    res = g.make_text_pdf(tmp_path / "t.pdf", pages, title="My title", author="Me")
    pdfium, _ = _check_texts(res)
    assert res.page_count == 3
    assert "word119" in res.words[0] and "zebra" in res.words[2]
    assert "zebra" in pdfium[2] and "zebra" not in pdfium[0]
    assert "word119" in pdfium[0]  # the long paragraph was wrapped, not lost
    assert len(res.lines[0]) > 3
    assert res.page_of_word("Beta") == [1]
    meta = pypdf.PdfReader(res.path).metadata
    assert meta.title == "My title" and meta.author == "Me"


def test_text_pdf_font_size_and_overflow(tmp_path):
    res = g.make_text_pdf(tmp_path / "big.pdf", ["Large text " * 20], font_size=20)
    _check_texts(res)
    with pytest.raises(ValueError):
        g.make_text_pdf(tmp_path / "over.pdf", ["lorem ipsum " * 2000])


def test_text_pdf_empty_page_and_unicode(tmp_path):
    try:
        res = g.make_text_pdf(
            tmp_path / "u.pdf", ["", "\u0141\u00f3d\u017a \u03b1\u03b2\u03b3 \u2192 ok"]
        )
    except g.FontUnavailable:
        pytest.skip("DejaVu Sans not installed")
    pdfium, _ = _check_texts(res)
    assert pdfium[0] == ""
    assert "\u0141\u00f3d\u017a" in pdfium[1]


# -- page labels, printed numbers, outline -----------------------------------------------


def test_labelled_pdf(tmp_path):
    res = g.make_labelled_pdf(tmp_path / "l.pdf", n_appendix=2)
    _check_texts(res)
    assert res.page_labels == ["i", "ii", "1", "2", "3", "A-1", "A-2"]
    assert pypdf.PdfReader(res.path).page_labels == res.page_labels
    doc, err = _open(res.path)
    assert err == QPdfDocument.Error.None_
    assert [doc.pageLabel(i) for i in range(doc.pageCount())] == res.page_labels
    for i, word in enumerate(res.notes["marker_words"]):
        assert res.page_of_word(word) == [i]


def test_labelled_pdf_arabic_start(tmp_path):
    res = g.make_labelled_pdf(tmp_path / "l.pdf", n_roman=1, n_arabic=2, arabic_start=7)
    assert pypdf.PdfReader(res.path).page_labels == ["i", "7", "8"]


@pytest.mark.parametrize(
    "style, first_footer",
    [("plain", "11"), ("dashed", "- 11 -"), ("page", "Page 11"), ("page_of", "Page 11 of 16")],
)
def test_printed_numbers_pdf(tmp_path, style, first_footer):
    res = g.make_printed_numbers_pdf(tmp_path / "p.pdf", style=style)
    pdfium, _ = _check_texts(res)
    reader = pypdf.PdfReader(res.path)
    assert "/PageLabels" not in reader.trailer["/Root"]
    assert res.printed_numbers == [None] * 3 + [str(n) for n in range(11, 17)]
    for i, text in enumerate(pdfium):
        lines = text.split("\r\n")
        if i < 3:
            assert g.GAZETTE_HEADER not in text
            assert not any(ln.strip().isdigit() for ln in lines)
        else:
            assert lines[0] == g.GAZETTE_HEADER
            assert lines[-1] == res.notes["footers"][i]
    assert res.notes["footers"][3] == first_footer


def test_printed_numbers_pdf_custom(tmp_path):
    res = g.make_printed_numbers_pdf(
        tmp_path / "p.pdf", n_front=1, first_number=101, n_numbered=2, header=None
    )
    pdfium, _ = _check_texts(res)
    assert res.printed_numbers == [None, "101", "102"]
    assert pdfium[2].split("\r\n")[-1] == "102"
    assert pdfium[2].split("\r\n")[0].startswith("Section 2.")


def _flatten_outline(reader, items, level=0, parent=None):
    out = []
    last = None
    for it in items:
        if isinstance(it, list):
            out += _flatten_outline(reader, it, level + 1, last)
        else:
            last = it.title
            page = reader.get_destination_page_number(it)
            out.append(g.OutlineEntry(it.title, page, level, parent))
    return out


def test_outline_pdf(tmp_path):
    res = g.make_outline_pdf(tmp_path / "o.pdf")
    _check_texts(res)
    reader = pypdf.PdfReader(res.path)
    assert _flatten_outline(reader, reader.outline) == res.outline
    assert max(e.level for e in res.outline) == 2


# -- encryption ----------------------------------------------------------------------------


def test_encrypted_pdf(tmp_path):
    res = g.make_encrypted_pdf(tmp_path / "e.pdf", "s3cret")
    doc, err = _open(res.path)
    assert err == QPdfDocument.Error.IncorrectPassword
    _check_texts(res, password="s3cret")
    reader = pypdf.PdfReader(res.path)
    assert reader.is_encrypted
    assert reader.trailer["/Encrypt"]["/V"] == 5  # AES-256
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()
    assert not reader.decrypt("wrong")
    assert reader.decrypt("s3cret")
    assert "sandalwood" in reader.pages[0].extract_text()
    assert pypdf.PdfReader(res.path).decrypt(res.owner_password)


def test_owner_only_encrypted_pdf(tmp_path):
    res = g.make_owner_only_encrypted_pdf(tmp_path / "o.pdf")
    doc, err = _open(res.path)
    assert err == QPdfDocument.Error.None_
    _check_texts(res)
    reader = pypdf.PdfReader(res.path)
    assert reader.is_encrypted
    assert "tamarind" in reader.pages[1].extract_text()


# -- scans ----------------------------------------------------------------------------------

SCAN_PAGES = [
    "Rule 5 allows the National Coordinator to block content.\nIt mentions proportionality.",
    "Second scanned page about the Authority.",
]


@pytest.mark.parametrize("watermark", [None, "CamScanner"])
def test_scanned_pdf_has_only_images(tmp_path, watermark):
    res = g.make_scanned_pdf(tmp_path / "s.pdf", SCAN_PAGES, watermark=watermark)
    pdfium, _ = _check_texts(res)
    assert pdfium == [watermark or ""] * 2
    reader = pypdf.PdfReader(res.path)
    for page in reader.pages:
        assert len(page.images) == 1
        assert page.images[0].image.size == (1240, 1754)  # A4 at 150 dpi
    assert "Coordinator" in res.words[0] and "Authority" in res.words[1]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_scanned_pdf_is_ocr_readable(tmp_path):
    res = g.make_scanned_pdf(tmp_path / "s.pdf", SCAN_PAGES[:1])
    png = tmp_path / "p0.png"
    pypdf.PdfReader(res.path).pages[0].images[0].image.save(png)
    out = subprocess.run(["tesseract", str(png), "-"], capture_output=True, text=True).stdout
    for word in ("National", "Coordinator", "block", "proportionality"):
        assert word in out


# -- scripts and ligatures -----------------------------------------------------------------


@pytest.mark.parametrize("shaped", [False, True])
def test_urdu_pdf(tmp_path, shaped):
    try:
        res = g.make_urdu_pdf(tmp_path / "u.pdf", shaped=shaped)
    except g.FontUnavailable as exc:
        pytest.skip(str(exc))
    pdfium, pyp = _check_texts(res)
    text = pdfium[0]
    for line in g.URDU_LINES:
        assert line in text  # logical order, even for the shaped variant
    assert res.notes["diacritic_word"] in text
    assert "\u06cc" in text and "\u06a9" in text  # Urdu yeh and keheh
    assert "Urdu summary of the Social Media Rules" in text
    pure = [ln for ln in pyp[0].split("\n")[1:5]]
    assert [unicodedata.normalize("NFKC", ln) for ln in pure] == [
        unicodedata.normalize("NFKC", ln) for ln in g.URDU_LINES
    ]
    assert bool(res.notes["presentation_forms"]) == shaped
    if shaped:
        assert any(c in pyp[0] for c in res.notes["presentation_forms"])
    assert "مُعَاشِرَہ" in res.words[0]


def test_ligature_pdf(tmp_path):
    try:
        res = g.make_ligature_pdf(tmp_path / "l.pdf")
    except g.FontUnavailable as exc:
        pytest.skip(str(exc))
    pdfium, pyp = _check_texts(res)
    assert "\ufb01nancial" in res.words[0] and "de\ufb01nition" in res.words[0]
    assert "\ufb01" in pyp[0]
    assert "financial" in pdfium[0] and "\ufb01" not in pdfium[0]
    assert "financial" in res.notes["nfkc_words"]


# -- broken files -----------------------------------------------------------------------------


@pytest.mark.parametrize("maker", [g.make_not_pdf, g.make_empty_file])
def test_not_pdf_and_empty(tmp_path, maker):
    path = maker(tmp_path / "x.pdf")
    _doc, err = _open(path)
    assert err != QPdfDocument.Error.None_
    with pytest.raises(PdfReadError):
        pypdf.PdfReader(path)
    if maker is g.make_empty_file:
        assert path.stat().st_size == 0


def test_truncated_pdf(tmp_path):
    res = g.make_truncated_pdf(tmp_path / "t.pdf")
    assert res.path.stat().st_size == res.notes["size"] < res.notes["original_size"]
    _doc, err = _open(res.path)
    assert err != QPdfDocument.Error.None_
    with pytest.raises(PdfReadError):
        pypdf.PdfReader(res.path).pages[0].extract_text()


def test_corrupt_xref_pdf_is_recoverable(tmp_path):
    res = g.make_corrupt_xref_pdf(tmp_path / "c.pdf")
    data = res.path.read_bytes()
    with pytest.raises(PdfReadError):
        pypdf.PdfReader(io.BytesIO(data), strict=True)
    _check_texts(res)


# -- legal documents -------------------------------------------------------------------------


def _check_provisions(res: g.GeneratedPdf, pdfium: list[str]):
    assert res.provisions
    for p in res.provisions:
        text = pdfium[p.page]
        assert text[p.offset : p.offset + len(p.snippet)] == p.snippet, p.citation
        lf = text.replace("\r\n", "\n")
        assert lf[p.offset_lf : p.offset_lf + len(p.snippet)] == p.snippet, p.citation
        assert p.printed_page == res.printed_numbers[p.page]
    citations = [p.citation for p in res.provisions]
    assert len(citations) == len(set(citations))


def test_rules_pdf(tmp_path):
    res = g.make_rules_pdf(tmp_path / "r.pdf")
    pdfium, _ = _check_texts(res)
    assert res.page_count >= 3
    first = pdfium[0]
    for needle in (
        "Social Media (Online Harms) Rules, 2026".upper(),
        "S.R.O. 112(I)/2026",
        "28th January, 2026",
        "MINISTRY OF INFORMATION TECHNOLOGY AND TELECOMMUNICATION",
    ):
        assert needle in first
    assert res.printed_numbers == [str(173 + i) for i in range(res.page_count)]
    for i, text in enumerate(pdfium):
        lines = text.split("\r\n")
        assert lines[-1] == res.printed_numbers[i]
        if i:
            assert lines[0] == res.notes["running_header"]
    _check_provisions(res, pdfium)
    p = res.provision("Rule 5(1)(b)")
    assert p.kind == "clause" and p.snippet.startswith("(b) to provide, within seventy-two hours")
    r5 = res.provision("Rule 5")
    assert r5.heading == "Powers of the National Coordinator"
    assert r5.snippet.startswith("5. Powers of the National Coordinator.\u2014(1) ")
    sub = res.provision("Rule 5(1)")
    lead = "5. Powers of the National Coordinator.\u2014"
    assert (sub.page, sub.line, sub.col) == (r5.page, r5.line, len(lead))
    assert res.provision("Rule 3").kind == "rule"
    assert res.provision("Rule 2(1)(e)").snippet.startswith("(e) \u201cNational Coordinator\u201d")
    assert res.provision("Rule 5(2), proviso").snippet.startswith("Provided that")
    meta = pypdf.PdfReader(res.path).metadata
    assert meta.title == g.RULES_TITLE


def test_rules_pdf_number_in_header_and_note(tmp_path):
    res = g.make_rules_pdf(tmp_path / "r.pdf", number_in_header=True, first_printed=1,
                           note=g.SAMPLE_NOTE, subject="sample")  # fmt: skip
    pdfium, _ = _check_texts(res)
    assert pdfium[0].split("\r\n")[-2:] == ["1", g.SAMPLE_NOTE]
    assert pdfium[1].split("\r\n")[0] == "2 " + res.notes["running_header"]
    assert pdfium[1].split("\r\n")[-1] == g.SAMPLE_NOTE
    if res.page_count > 2:
        assert pdfium[2].split("\r\n")[0] == res.notes["running_header"] + " 3"
    _check_provisions(res, pdfium)
    assert pypdf.PdfReader(res.path).metadata.subject == "sample"


def test_act_pdf(tmp_path):
    res = g.make_act_pdf(tmp_path / "a.pdf")
    pdfium, _ = _check_texts(res)
    _check_provisions(res, pdfium)
    s20 = res.provision("Section 20")
    assert s20.snippet.startswith("20. Offences against dignity of a natural person.\u2014(1)")
    assert res.provision("Section 20(2)(b)").kind == "clause"
    assert res.provision("Section 37(2)").kind == "subsection"
    assert "ACT No. XIV OF 2024" in pdfium[0]


def test_judgment_pdf(tmp_path):
    res = g.make_judgment_pdf(tmp_path / "j.pdf")
    pdfium, _ = _check_texts(res)
    _check_provisions(res, pdfium)
    paras = [p for p in res.provisions if p.kind == "paragraph"]
    assert [p.number for p in paras] == [str(n) for n in range(1, len(g.JUDGMENT_PARAS) + 1)]
    assert res.provision("para 12").snippet.startswith("12. We now turn to the demand for data.")
    assert res.provision("para 15(a)").snippet.startswith("(a) rule 5(1)(b)")
    n = res.page_count
    assert pdfium[-1].split("\r\n")[-1] == f"Page {n} of {n}"
    text = " ".join(pdfium)
    assert "proportionality" in text and "Citizens' Rights Forum" in text


# -- all of them ----------------------------------------------------------------------------


def test_make_all_is_fast_and_deterministic(tmp_path):
    t0 = time.perf_counter()
    first = g.make_all(tmp_path / "a")
    elapsed = time.perf_counter() - t0
    assert elapsed < 5.0
    g.make_all(tmp_path / "b")
    for name, res in first.items():
        if name in ("encrypted", "owner_only"):  # random salt and IV
            continue
        path = res.path if isinstance(res, g.GeneratedPdf) else res
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), name


# -- the default sample library (resources/samples, made by tools/make_samples.py) ---------


def test_sample_library_is_complete_and_current(tmp_path):
    import hashlib
    import importlib.util
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    folder = root / "resources" / "samples"
    manifest = json.loads((folder / "samples.json").read_text(encoding="utf-8"))
    docs = manifest["documents"]
    assert {d["type"] for d in docs} == {"rule", "law", "statement", "judgment", "report"}
    total = 0
    for d in docs:
        path = folder / d["file"]
        data = path.read_bytes()
        total += len(data)
        assert hashlib.sha256(data).hexdigest() == d["sha256"], d["file"]
        assert d["language"] == "en" and d["tags"] and d["title"] and d["issuer"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", d["date"])
        reader = pypdf.PdfReader(path)
        assert reader.metadata.subject == g.SAMPLE_NOTE
        assert len(reader.pages) == d["pages"] >= 2
        assert all(t.split("\r\n")[-1] == g.SAMPLE_NOTE for t in g.pdfium_texts(path))
    assert total < 300_000

    # the committed files are what the script makes today
    script = root / "tools" / "make_samples.py"
    spec = importlib.util.spec_from_file_location("make_samples", script)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    fresh = mod.build(tmp_path)
    assert [(d["file"], d["sha256"]) for d in fresh] == [(d["file"], d["sha256"]) for d in docs], (
        "resources/samples is out of date: run tools/make_samples.py"
    )
