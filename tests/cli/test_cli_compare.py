"""`briefer compare DOC_A DOC_B [--changed-only] [--json]` on a library holding a draft
and a notified version of the generated rules (their differences are listed in
tests/core/compare/test_compare.py)."""

from __future__ import annotations

import json

import pytest

from briefer.cli import main
from tests import pdfgen
from tests.core.compare.test_compare import build_rules, draft_chapters, notified_chapters


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def lib(tmp_path_factory) -> str:
    d = tmp_path_factory.mktemp("compare")
    build_rules(d / "draft.pdf", draft_chapters())
    build_rules(d / "notified.pdf", notified_chapters(), toc=True, size=10.0,
                margins=(30.0, 26.0, 18.0, 30.0), number_in_header=True, first_printed=41)
    pdfgen.make_text_pdf(d / "memo.pdf", ["A short note without any numbered provisions.",
                                          "It has a second page of plain prose."])
    pdfgen.make_scanned_pdf(d / "scan.pdf", ["1. Short title.\u2014These rules may be cited."])
    lib = str(d / "lib")
    for name, title in (("draft", "Online Harms Rules draft"),
                        ("notified", "Online Harms Rules notified"), ("memo", "Plain memo"),
                        ("scan", "Rules scan")):
        code = main(["--library", lib, "add", str(d / f"{name}.pdf"), "--no-ocr", "--type",
                     "rule" if name != "memo" else "other", "--title", title])
        assert code in (0, 1)
    return lib


@pytest.fixture
def ids(lib, capsys) -> dict[str, int]:
    capsys.readouterr()
    assert main(["--library", lib, "list", "--json"]) == 0
    docs = json.loads(capsys.readouterr().out)
    rows = docs["documents"] if isinstance(docs, dict) else docs
    return {d["title"].split()[-1]: d["id"] for d in rows}


def test_table_lists_every_provision_with_its_change(capsys, lib, ids):
    code, out, err = run(capsys, "--library", lib, "compare", str(ids["draft"]),
                         str(ids["notified"]))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"Earlier: #{ids['draft']} Online Harms Rules draft"
    assert lines[1] == f"Later:   #{ids['notified']} Online Harms Rules notified"
    row = next(ln for ln in lines if ln.split()[:2] == ["Rule", "5(1)(b)"])
    assert "reworded" in row and "p. 174 \u2192 p. " in row
    diff = lines[lines.index(row) + 1]
    assert "[-seventy-two-] {+forty-eight+}" in diff and "{+basic+}" in diff
    assert any(ln.split()[:5] == ["Rule", "4(3)", "\u2014", "removed", "p."] for ln in lines)
    assert any(ln.split()[:4] == ["\u2014", "Rule", "4", "added"] for ln in lines)
    assert any(ln.split()[:5] == ["Rule", "3", "Rule", "9", "moved"] for ln in lines)
    assert any(ln.split()[:5] == ["Rule", "9", "Rule", "10", "renumbered"] for ln in lines)
    assert any(ln.split()[:5] == ["Rule", "6(1)(c)", "Rule", "6(1)(c)", "unchanged"]
               for ln in lines)
    assert lines[-1] == "47 unchanged, 1 reworded, 1 moved, 4 renumbered, 3 added, 1 removed."


def test_changed_only_leaves_out_unchanged_rows_but_counts_them(capsys, lib, ids):
    code, out, _ = run(capsys, "--library", lib, "compare", str(ids["draft"]),
                       str(ids["notified"]), "--changed-only")
    assert code == 0
    rows = [ln for ln in out.splitlines() if ln.startswith("  ") and not
            ln.startswith("      ")][1:]
    assert len(rows) == 10 and not any(" unchanged " in r for r in rows)
    assert out.splitlines()[-1].startswith("47 unchanged, ")


def test_json_has_counts_pairs_and_word_diff(capsys, lib, ids):
    code, out, _ = run(capsys, "--library", lib, "compare", str(ids["draft"]),
                       str(ids["notified"]), "--json", "--changed-only")
    assert code == 0
    data = json.loads(out)
    assert data["earlier"] == {"id": ids["draft"], "title": "Online Harms Rules draft"}
    assert data["counts"] == {"unchanged": 47, "reworded": 1, "moved": 1, "renumbered": 4,
                              "added": 3, "removed": 1}
    assert len(data["pairs"]) == 10 and data["changed_only"] is True
    b = next(p for p in data["pairs"] if p["change"] == "reworded")
    assert b["earlier"]["citation"] == "Rule 5(1)(b)" and b["earlier"]["page"] == "174"
    assert b["later"]["page_number"] == b["later"]["page_index"] + 1
    assert {"op": "delete", "text": " seventy-two"} in b["words"]
    removed = next(p for p in data["pairs"] if p["change"] == "removed")
    assert removed["later"] is None and removed["earlier"]["key"] == "4(3)"


def test_same_document_unknown_document_and_no_structure_are_refused(capsys, lib, ids):
    code, _, err = run(capsys, "--library", lib, "compare", str(ids["draft"]),
                       str(ids["draft"]))
    assert code == 2 and "same document on both sides" in err
    code, _, err = run(capsys, "--library", lib, "compare", str(ids["draft"]), "99")
    assert code == 4 and "99" in err
    code, _, err = run(capsys, "--library", lib, "compare", str(ids["draft"]),
                       str(ids["memo"]))
    assert code == 2 and "no numbered provisions" in err and "Plain memo" in err
    code, _, err = run(capsys, "--library", lib, "compare", str(ids["scan"]),
                       str(ids["draft"]))
    assert code == 2 and "has no text to compare yet" in err and "briefer ocr" in err
