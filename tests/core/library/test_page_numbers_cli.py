"""The command line corrects a document's page numbering: ``briefer meta DOC --pages
29-64=11`` (repeatable, Roman allowed), ``--clear-pages`` takes the corrections back, and
a range the core refuses is said in words with a failing exit code."""

from __future__ import annotations

import json

from briefer.cli import main
from tests import pdfgen


def _run(capsys, *argv: str):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_meta_pages_corrects_and_clears(capsys, tmp_path):
    pages = [f"Page text number {i + 1} with ordinary words about returns." for i in range(6)]
    pdfgen.make_text_pdf(tmp_path / "act.pdf", pages)
    lib = str(tmp_path / "lib")
    assert _run(capsys, "--library", lib, "add", str(tmp_path / "act.pdf"))[0] == 0
    code, out, err = _run(capsys, "--library", lib, "meta", "1", "--pages", "3-6=11",
                          "--pages", "1-2=i")
    assert code == 0, err
    assert "PDF pages 1\u20132 are printed i\u2013ii" in out
    assert "PDF pages 3\u20136 are printed 11\u201314" in out and "6 pages renumbered" in out
    code, out, _ = _run(capsys, "--library", lib, "show", "1", "--json")
    labels = [p["page_label"] for p in json.loads(out)["pages"]]
    assert labels == ["i", "ii", "11", "12", "13", "14"]
    code, out, err = _run(capsys, "--library", lib, "meta", "1", "--pages", "5-9=1")
    assert code != 0 and "the document has 6 pages" in err
    code, out, err = _run(capsys, "--library", lib, "meta", "1", "--pages", "five")
    assert code != 0 and "not a page range" in err
    code, out, _ = _run(capsys, "--library", lib, "meta", "1", "--clear-pages", "--json")
    assert json.loads(out)["page_numbering"]["numbering"] == []
    code, out, _ = _run(capsys, "--library", lib, "show", "1", "--json")
    assert [p["page_label"] for p in json.loads(out)["pages"]] == [str(i + 1) for i in range(6)]
