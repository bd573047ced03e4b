"""The whole real corpus (../shared/corpus) through `Library.import_paths`.

Every file ends as imported or with a plain reason; nothing crashes or hangs; passwords
from EXPECTATIONS.md unlock their files; page counts and texts agree with what the source
projects' own tests expect. Skipped when the corpus is absent (a user's fresh clone).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from briefer.core.library import ImportReport, Library

# What pdf.js opens but neither pdfium nor pypdf does (reason in the README's notes).
KNOWN_PASSWORD_LIMITS: set[str] = set()
# Expected failures in EXPECTATIONS.md itself.
EXPECTED_PASSWORD_FAILURES = {
    "robustness/pdf.js_test-pdfs/auth-event-ef-open.pdf",  # only an attachment is encrypted
    "robustness/pdf.js_test-pdfs/print_protection.pdf",   # password unknown
}


def _passwords(corpus: Path) -> dict[str, str]:
    text = (corpus / "EXPECTATIONS.md").read_text(encoding="utf-8")
    section = text.split("## 1. Passwords", 1)[1].split("## 2.", 1)[0]
    out = {}
    for line in section.splitlines():
        m = re.match(r"\|\s*([^|]+\.pdf)\s*\|\s*`'(.*)'`\s*\|", line)
        if m:
            out[m.group(1).strip()] = m.group(2).encode("latin-1", "backslashreplace").decode(
                "unicode_escape")
    return out


@pytest.fixture(scope="module")
def imported(corpus, tmp_path_factory) -> tuple[Library, ImportReport, Path]:
    root = tmp_path_factory.mktemp("corpus") / "lib"
    lib = Library.open(root)
    rep = lib.import_paths([corpus / "domain", corpus / "robustness"], timeout=60)
    yield lib, rep, corpus
    lib.close()


def _rel(corpus: Path, path: str) -> str:
    return str(Path(path).relative_to(corpus))


def test_every_file_is_imported_or_has_a_reason(imported):
    lib, rep, corpus = imported
    pdfs = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")
    seen = {_rel(corpus, o.path) for o in rep.outcomes}
    missing = [str(p.relative_to(corpus)) for p in pdfs if str(p.relative_to(corpus)) not in seen]
    assert not missing, f"files with no outcome: {missing[:10]}"
    for o in rep.outcomes:
        assert o.outcome in ("added", "duplicate", "failed", "needs_password"), o
        if o.outcome in ("failed", "needs_password"):
            assert o.reason and len(o.reason) < 300, o
            assert "Traceback" not in o.reason
    added = rep.of("added")
    assert len(added) >= 240
    # and the index agrees with the catalog
    assert lib.index.doc_ids() == {d.id for d in lib.documents() if d.searchable}


def test_broken_downloads_get_plain_reasons(imported):
    lib, rep, corpus = imported
    by = {_rel(corpus, o.path): o for o in rep.outcomes}
    assert "empty file" in by["robustness/huridocs_layout-analysis/not_a_pdf.pdf"].reason
    assert "not a PDF" in by["robustness/huridocs_layout-analysis/error.pdf"].reason
    html = [o for k, o in by.items() if "sindh-hc_broken-downloads/processed_" in k]
    assert html and all("Word document saved as a web page" in o.reason for o in html)
    assert by["robustness/freelawproject_doctor/broken-mime.pdf"].outcome == "added"


def test_scans_are_flagged_for_ocr(imported):
    lib, rep, corpus = imported
    by = {_rel(corpus, o.path): o for o in rep.outcomes}
    for name in ("robustness/huridocs_layout-analysis/ocr-sample-english.pdf",
                 "robustness/huridocs_layout-analysis/ocr-sample-french.pdf",
                 "domain/us_courts_doctor/image-pdf.pdf"):
        assert by[name].status == "needs_ocr", name
    # CamScanner phone scans whose only text is the watermark
    camscanner = [o for k, o in by.items() if "pk_judgments_sindh-hc" in k
                  and o.status == "needs_ocr"]
    assert len(camscanner) >= 2
    already = lib.document(by["robustness/huridocs_layout-analysis/ocr-sample-already-ocred.pdf"]
                           .doc_id)
    assert already.status == "ok"
    assert "This is some real text" in " ".join(p.text for p in lib.catalog.pages(already.id))


def test_page_counts_agree_with_expectations(imported):
    lib, rep, corpus = imported
    by = {_rel(corpus, o.path): o for o in rep.outcomes}
    expected = {
        "domain/us_courts_doctor/vector-pdf.pdf": 30,
        "domain/us_courts_doctor/image-pdf.pdf": 2,
    }
    listing = json.loads((corpus / "robustness/py-pdf_sample-files/files.json").read_text())
    for entry in listing["data"]:
        name = "robustness/py-pdf_sample-files/" + entry["path"].replace("/", "__")
        if (corpus / name).exists() and not entry.get("encrypted"):
            expected[name] = entry["pages"]
    checked = 0
    for name, pages in expected.items():
        o = by[name]
        assert o.pages == pages, f"{name}: {o.pages} pages, expected {pages}"
        checked += 1
    assert checked >= 20
    text = " ".join(p.text for p in lib.catalog.pages(by["domain/us_courts_doctor/vector-pdf.pdf"]
                                                     .doc_id)[:1])
    assert re.sub(r"\s+", " ", text).strip().startswith("(Slip Opinion) OCTOBER TERM, 2012")
    some_empty = lib.catalog.pages(
        by["robustness/huridocs_layout-analysis/some_empty_pages.pdf"].doc_id)
    with_text = [p.index for p in some_empty if p.text.strip()]
    # "text only on pages 1 and 3" in huridocs' own (0-based) numbering
    assert with_text == [1, 3]


def test_passwords_from_expectations_unlock_their_files(imported):
    lib, rep, corpus = imported
    by = {_rel(corpus, o.path): o for o in rep.outcomes}
    passwords = _passwords(corpus)
    assert len(passwords) >= 30
    groups: dict[str, list[str]] = defaultdict(list)
    for name, pw in passwords.items():
        if name in EXPECTED_PASSWORD_FAILURES or not (corpus / name).exists():
            continue
        groups[pw].append(name)
    unlocked = 0
    for pw, names in groups.items():
        r = lib.import_paths([corpus / n for n in names], password=pw)
        for o in r.outcomes:
            name = _rel(corpus, o.path)
            if by[name].outcome == "added":  # opened without asking (owner password only)
                continue
            assert o.outcome == "unlocked", (name, o.reason)
            doc = lib.document(o.doc_id)
            # opened: searchable text, a scan, or (bug1782186, read by pypdf) drawn text
            assert doc.status in ("ok", "needs_ocr", "no_text") and doc.page_count >= 1, name
            text = re.sub(r"\s+", " ", " ".join(p.text for p in lib.catalog.pages(doc.id)))
            if "pypdf_resources/encryption__" in name:
                assert "pdf encryption test password: asdfzxcv" in text and doc.page_count == 1
            if "pdfminer.six_samples/encryption__" in name:
                assert ("Hello World" if "r6" in name else "Secret!") in text
            if name.endswith("pdfplumber_tests/password-example.pdf"):
                assert doc.page_count == 4
            unlocked += 1
    assert unlocked >= 25
    # a wrong password is refused
    r = lib.import_paths([corpus / "robustness/tabula-java_tests/encrypted.pdf"],
                         password="wrongpassword")
    assert r.outcomes[0].outcome in ("needs_password", "duplicate")


def test_empty_user_passwords_open_without_asking(imported):
    lib, rep, corpus = imported
    by = {_rel(corpus, o.path): o for o in rep.outcomes}
    names = ["robustness/pdf.js_test-pdfs/empty_protected.pdf",
             "robustness/pdf.js_test-pdfs/issue7665.pdf",
             "robustness/pdf.js_test-pdfs/secHandler.pdf",
             "robustness/pdf.js_test-pdfs/pr6531_2.pdf"] + [
        f"robustness/pypdf_resources/encryption__r{r}-empty-password.pdf" for r in (2, 3, 5, 6)]
    for name in names:
        if name in KNOWN_PASSWORD_LIMITS:
            assert by[name].outcome == "needs_password"
            continue
        assert by[name].outcome == "added", (name, by[name].reason)
