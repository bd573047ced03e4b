"""`briefer add` reads scans, `briefer ocr` (status, languages, remove), a missing
Tesseract, and `briefer ocr` killed with SIGKILL and run again."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefer.cli import main
from briefer.core.ocr import ocr
from tests import pdfgen

needs_tesseract = pytest.mark.skipif(ocr.tesseract() is None,
                                     reason="tesseract is not installed")

PAGES = [
    "Order sheet. The first page mentions apples and the Gazette.",
    "The second page speaks of zebras and of the Constitution of Examplestan.",
    "The third page is about penguins and the blocking of content.",
]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    return pdfgen.make_scanned_pdf(tmp_path / "order.pdf", PAGES, watermark="CamScanner").path


def _search_pages(capsys, lib: str, word: str) -> list[int]:
    code, out, _ = run(capsys, "--library", lib, "search", word, "--json")
    assert code == 0
    data = json.loads(out)
    return [h["page_number"] for d in data["documents"] for h in d["hits"]]


@needs_tesseract
def test_add_reads_scans_and_search_finds_page_2(capsys, tmp_path, scan):
    lib = str(tmp_path / "lib")
    code, out, _ = run(capsys, "--library", lib, "add", str(scan), "--jobs", "2")
    assert code == 0
    assert "read by OCR (eng, mean confidence" in out
    assert _search_pages(capsys, lib, "zebras") == [2]
    # search results from OCR pages say so, in text and in JSON
    code, out, _ = run(capsys, "--library", lib, "search", "zebras")
    assert "text from OCR — check against the scan" in out
    code, out, _ = run(capsys, "--library", lib, "search", "zebras", "--json")
    hit = json.loads(out)["documents"][0]["hits"][0]
    assert hit["ocr"] is True and "OCR" in hit["note"]
    code, out, _ = run(capsys, "--library", lib, "list")
    assert "need" not in out.split("\n", 1)[1]
    code, out, _ = run(capsys, "--library", lib, "ocr", "--status", "--json")
    st = json.loads(out)
    assert st["tesseract"] and "eng" in st["languages"] and st["default_languages"] == "eng"
    assert st["documents"][0]["ocr_pages"] == [1, 2, 3] and not st["documents"][0]["waiting"]
    # nothing left to do
    code, out, _ = run(capsys, "--library", lib, "ocr")
    assert code == 0 and "No scanned pages wait" in out


@needs_tesseract
def test_no_ocr_then_briefer_ocr_then_languages_and_remove(capsys, tmp_path, scan):
    lib = str(tmp_path / "lib")
    code, out, _ = run(capsys, "--library", lib, "add", str(scan), "--no-ocr")
    assert code == 0 and "needs OCR" in out
    code, out, _ = run(capsys, "--library", lib, "list", "--status", "needs_ocr")
    assert "order" in out.lower() or "Scanned test" in out
    assert _search_pages(capsys, lib, "zebras") == []

    code, out, _ = run(capsys, "--library", lib, "ocr", "--json")
    assert code == 0
    rep = json.loads(out)
    assert rep["pages_done"] == 3 and rep["documents"][0]["status"] == "ok"
    assert _search_pages(capsys, lib, "zebras") == [2]

    code, out, err = run(capsys, "--library", lib, "ocr", "1", "--lang", "klingon")
    assert code == 2 and "not installed" in err
    code, out, _ = run(capsys, "--library", lib, "ocr", "1", "--lang", "eng", "--jobs", "1")
    assert code == 0 and "3 of 3 pages read (eng)" in out
    assert "text from OCR — check against the scan" in out

    code, out, _ = run(capsys, "--library", lib, "ocr", "1", "--remove")
    assert code == 0 and "removed from 3 pages" in out
    assert _search_pages(capsys, lib, "zebras") == []
    code, out, _ = run(capsys, "--library", lib, "show", "1")
    assert "needs OCR" in out


def test_without_tesseract_import_works_and_says_what_to_install(capsys, tmp_path, scan,
                                                                 monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    monkeypatch.delenv(ocr.TESSERACT_ENV, raising=False)
    ocr.forget_tesseract()
    try:
        lib = str(tmp_path / "lib")
        text = pdfgen.make_text_pdf(tmp_path / "text.pdf", ["Plain text about zebras."]).path
        code, out, _ = run(capsys, "--library", lib, "add", str(scan), str(text))
        assert code == 0 and "Imported 2 documents" in out
        assert "install tesseract-ocr to search this scan" in out
        code, out, _ = run(capsys, "--library", lib, "show", "order.pdf")
        assert ocr.MISSING_NOTE in out
        code, out, err = run(capsys, "--library", lib, "ocr")
        assert code == 1 and "install tesseract-ocr" in err and "3 scanned pages" in err
        code, out, _ = run(capsys, "--library", lib, "ocr", "--status")
        assert code == 0 and "not installed" in out
        assert _search_pages(capsys, lib, "zebras") == [1]
    finally:
        ocr.forget_tesseract()


@needs_tesseract
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_briefer_ocr_killed_and_run_again(tmp_path):
    pages = [f"Page {i} of the order names the witness {w}." for i, w in
             enumerate(["Ahmed", "Bilal", "Camran", "Danish", "Ehsan", "Farhan"], start=1)]
    path = pdfgen.make_scanned_pdf(tmp_path / "long order.pdf", pages).path
    lib = tmp_path / "lib"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cmd = [sys.executable, "-m", "briefer", "--library", str(lib)]
    subprocess.run(cmd + ["add", str(path), "--no-ocr"], check=True, env=env,
                   capture_output=True, timeout=120)
    proc = subprocess.Popen(cmd + ["ocr", "--jobs", "1"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    done = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        db = sqlite3.connect(f"file:{lib / 'library.sqlite'}?mode=ro", uri=True)
        try:
            done = db.execute("SELECT COUNT(*) FROM pages WHERE text_source = 'ocr'"
                              ).fetchone()[0]
        except sqlite3.OperationalError:
            done = 0
        finally:
            db.close()
        if done >= 2:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert 2 <= done
    db = sqlite3.connect(lib / "library.sqlite")
    left = db.execute("SELECT COUNT(*) FROM pages WHERE needs_ocr = 1").fetchone()[0]
    db.close()
    assert 1 <= left <= 6 - done  # killed in the middle; finished pages are kept
    out = subprocess.run(cmd + ["ocr", "--json"], env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["pages_done"] == left
    for word, page in (("Bilal", 2), ("Farhan", 6)):
        res = subprocess.run(cmd + ["search", word, "--json"], env=env, capture_output=True,
                             text=True, timeout=120)
        hits = [h["page_number"] for d in json.loads(res.stdout)["documents"]
                for h in d["hits"]]
        assert hits == [page], (word, res.stdout[:500])
    db = sqlite3.connect(lib / "library.sqlite")
    assert db.execute("SELECT COUNT(*) FROM documents WHERE indexed = 0").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM pages WHERE text_source = 'ocr'").fetchone()[0] == 6
    db.close()
