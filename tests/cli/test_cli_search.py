"""`briefer search` and `briefer find` on a generated library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefer.cli import main
from tests import pdfgen


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def lib(tmp_path: Path, capsys) -> str:
    src = tmp_path / "src"
    src.mkdir()
    pdfgen.make_text_pdf(src / "rules.pdf", [
        "The National Coordinator may direct the blocking of online content.",
        "Removal of unlawful content shall be done within twenty four hours."])
    pdfgen.make_rules_pdf(src / "gazette.pdf")
    lib = str(tmp_path / "lib")
    assert main(["--library", lib, "add", str(src / "rules.pdf"), "--type", "rule",
                 "--date", "2020-01-28", "--tag", "social-media", "--title", "Media Rules"]) == 0
    assert main(["--library", lib, "add", str(src / "gazette.pdf"), "--type", "law",
                 "--date", "2026-01-28", "--title", "Gazette"]) == 0
    capsys.readouterr()
    return lib


def test_search_prints_title_label_and_marked_snippet(capsys, lib):
    code, out, _ = run(capsys, "--library", lib, "search", '"national coordinator"',
                       "AND", "(block*", "OR", "remov*)")
    assert code == 0
    assert "#1 Media Rules" in out
    assert "p. 1: " in out
    assert "[National] [Coordinator] may direct the [blocking]" in out


def test_search_json_has_page_number_and_label(capsys, lib):
    code, out, _ = run(capsys, "--library", lib, "search", "gazette", "--json", "--limit", "3")
    data = json.loads(out)
    assert code == 0 and data["total"] >= 1
    hit = data["documents"][0]["hits"][0]
    assert hit["page_number"] == hit["page_index"] + 1
    assert hit["page_label"] == str(172 + hit["page_number"])
    assert "[" in hit["snippet_marked"]
    code, out, _ = run(capsys, "--library", lib, "search", "gazette")
    assert "(PDF page 1)" in out and "p. 173" in out


def test_filters_facets_and_notes(capsys, lib):
    code, out, _ = run(capsys, "--library", lib, "search", "content", "--type", "rule",
                       "--from", "2020", "--to", "2021", "--facets", "--json")
    data = json.loads(out)
    assert {d["title"] for d in data["documents"]} == {"Media Rules"}
    assert {f["value"]: f["count"] for f in data["facets"]["type"]} == {"rule": 2}
    code, out, _ = run(capsys, "--library", lib, "search", '"national coordinator')
    assert code == 0 and "note: a closing quote was added" in out
    code, out, _ = run(capsys, "--library", lib, "search", "coordinater")
    assert "did you mean: coordinator" in out


def test_malformed_queries_exit_cleanly(capsys, lib):
    for q in ['"', "(", ")", "AND", "foo:bar", "x" * 20000, "\x01\x02"]:
        code, out, err = run(capsys, "--library", lib, "search", q)
        assert code == 0 and "Traceback" not in err


def test_history_saved_searches(capsys, lib):
    run(capsys, "--library", lib, "search", "blocking", "--save", "blocks")
    run(capsys, "--library", lib, "search", "removal")
    code, out, _ = run(capsys, "--library", lib, "search", "--history")
    assert out.index("removal") < out.index("blocking")
    code, out, _ = run(capsys, "--library", lib, "search", "--saved")
    assert "blocks: blocking" in out
    code, out, _ = run(capsys, "--library", lib, "search", "--run", "blocks")
    assert "[blocking]" in out
    code, out, err = run(capsys, "--library", lib, "search", "--run", "nothing")
    assert code == 4 and "`briefer search --saved` lists them" in err
    code, out, err = run(capsys, "--library", lib, "show", "99")
    assert code == 4 and "Use its number from `briefer list`" in err


def test_help_documents_the_language(capsys):
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    out = capsys.readouterr().out
    for piece in ["OR", "NOT", '"national coordinator"', "~5", "regulat*", "coordinater~",
                  "title:", "type:", "issuer:", "tag:", "doc:", "lang:", "date:[2020-01-01"]:
        assert piece in out


def test_find_in_document(capsys, lib):
    code, out, _ = run(capsys, "--library", lib, "find", "1", "coordinator")
    assert code == 0 and out.startswith("1 match of 'coordinator' in #1 Media Rules")
    code, out, _ = run(capsys, "--library", lib, "find", "1", "content", "--json")
    data = json.loads(out)
    assert data["total"] == 2 and [p["page_number"] for p in data["pages"]] == [1, 2]
