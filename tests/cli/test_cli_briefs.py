"""`briefer clip` and `briefer brief …`: a whole brief written from the command line."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest

from tests import pdfgen
from tests.cli.libcopy import build_library, private_copy, run


def js(capsys, *argv: str):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture(scope="module")
def template_lib(tmp_path_factory):
    d = tmp_path_factory.mktemp("clilib")
    pdfgen.make_rules_pdf(d / "src" / "rules.pdf")
    pdfgen.make_judgment_pdf(d / "src" / "judgment.pdf")
    return build_library(d, d / "src")


@pytest.fixture
def lib(template_lib, tmp_path, capsys):
    return private_copy(template_lib, tmp_path, capsys)


def test_clip_by_pdf_page_and_by_printed_label(capsys, lib):
    c = js(capsys, "--library", lib, "clip", "rules.pdf", "--page", "2", "--text",
           "to provide, within seventy-two hours, any subscriber information, traffic data or "
           "content data relating to a user")
    assert c["clip_id"] >= 1 and c["locator"] == "Rule 5(1)(b)"
    assert c["page_number"] == 2 and c["page_label"] == "174" and c["page"] == "174"
    assert "\r\n" in c["text"] and "\r\n" not in c["display_text"]
    assert c["end"] - c["start"] == len(c["text"])
    shown = js(capsys, "--library", lib, "show", "rules.pdf", "--text")
    assert shown["pages"][1]["text"][c["start"]:c["end"]] == c["text"]
    # the same page by its printed number, a user locator, hyphenation typed differently
    c2 = js(capsys, "--library", lib, "clip", "rules.pdf", "--label", "174", "--text",
            "within seventytwo hours", "--locator", "Rule 5(1)(b), time limit")
    assert c2["page_number"] == 2 and c2["locator"] == "Rule 5(1)(b), time limit"
    assert c2["locator_auto"] == "Rule 5(1)(b)"
    code, out, _ = run(capsys, "--library", lib, "clip", "judgment", "--page", "2", "--text",
                       "The test of proportionality asks four questions")
    assert code == 0 and "Clip #3: para 9, p. 2" in out


def test_clip_errors_are_clear(capsys, lib):
    code, _, err = run(capsys, "--library", lib, "clip", "rules.pdf", "--page", "1", "--text",
                       "subscriber information, traffic data or content data")
    assert code == 4
    assert "not on page 1 (printed 173)" in err and "it is on PDF page 2" in err
    code, _, err = run(capsys, "--library", lib, "clip", "rules.pdf", "--page", "9", "--text", "x")
    assert code == 4 and "there is no page 9" in err
    code, _, err = run(capsys, "--library", lib, "clip", "rules.pdf", "--label", "12",
                       "--text", "x")
    assert code == 4 and "no page printed '12'" in err
    code, _, err = run(capsys, "--library", lib, "clip", "rules.pdf", "--page", "1", "--label",
                       "173", "--text", "x")
    assert code == 2 and "--page" in err and "not both" in err
    code, _, err = run(capsys, "--library", lib, "clip", "nothing-like-this", "--page", "1",
                       "--text", "x")
    assert code == 4


def test_clip_not_found_shows_the_nearest_passage_and_where_it_differs(capsys, lib):
    code, _, err = run(capsys, "--library", lib, "clip", "rules.pdf", "--page", "2", "--text",
                       "to provide, within seventy-two days, any subscriber information")
    assert code == 4
    assert "not on page 2 (printed 174)" in err
    assert "the nearest passage there is \u201cto provide, within seventy-two hours, any " \
           "subscriber information\u201d" in err
    assert "it has \u201chours\u201d where you typed \u201cdays\u201d" in err
    # without --page the first place in the document is used
    c = js(capsys, "--library", lib, "clip", "rules.pdf", "--text", "within seventy-two hours")
    assert c["page_number"] == 2 and c["locator"] == "Rule 5(1)(b)"


def test_clips_are_listed_edited_and_deleted(capsys, lib):
    L = ("--library", lib)
    assert js(capsys, *L, "clips") == []
    code, out, _ = run(capsys, *L, "clips")
    assert code == 0 and "No clips yet" in out
    c1 = js(capsys, *L, "clip", "rules.pdf", "--page", "2", "--text", "within seventy-two hours")
    c2 = js(capsys, *L, "clip", "judgment", "--page", "2", "--text",
            "The test of proportionality asks four questions", "--tag", "Court")
    b = js(capsys, *L, "brief", "new", "B", "--section", "One")
    js(capsys, *L, "brief", "add", str(b["brief_id"]), "--clip", str(c1["clip_id"]), "--to",
       "One")
    listed = js(capsys, *L, "clips")
    assert [(x["id"], x["quoted_in"]) for x in listed] == [(c1["clip_id"], [b["brief_id"]]),
                                                          (c2["clip_id"], [])]
    assert [x["id"] for x in js(capsys, *L, "clips", "judgment")] == [c2["clip_id"]]
    code, out, _ = run(capsys, *L, "clips")
    assert code == 0 and f"Rule 5(1)(b), p. 174 (PDF page 2): \u201cwithin seventy-two hours" \
        f"\u201d  [in brief #{b['brief_id']}]" in out
    # edit: what is not given stays as it is
    e = js(capsys, *L, "clips", "--edit", str(c2["clip_id"]), "--note", "key passage")
    assert e["note"] == "key passage" and e["tags"] == ["court"] and e["locator"] == "para 9"
    e = js(capsys, *L, "clips", "--edit", str(c2["clip_id"]), "--locator", "para 9, opening")
    assert e["note"] == "key passage" and e["locator"] == "para 9, opening"
    # a quoted clip is not deleted; the message says what to do
    code, _, err = run(capsys, *L, "clips", "--delete", str(c1["clip_id"]))
    assert code == 4 and f"quoted in brief #{b['brief_id']}" in err and "brief remove" in err
    assert js(capsys, *L, "clips", "--delete", str(c2["clip_id"]))["deleted"] == [c2["clip_id"]]
    assert [x["id"] for x in js(capsys, *L, "clips")] == [c1["clip_id"]]
    code, _, err = run(capsys, *L, "clips", "--note", "x")
    assert code == 2 and "--edit" in err


def test_a_brief_from_start_to_export(capsys, lib, tmp_path):
    L = ("--library", lib)
    b = js(capsys, *L, "brief", "new", "Social media rules: our concerns", "--subtitle",
           "Briefing note", "--author", "Policy team", "--org", "Open Net Forum", "--date",
           "2026-02-15", "--section", "Background", "--section",
           "Powers of the National Coordinator")
    bid = str(b["brief_id"])
    s_bg, s_pow = b["section_ids"]
    s_rec = js(capsys, *L, "brief", "add", bid, "--section", "Recommendations")["section_id"]
    t = js(capsys, *L, "brief", "add", bid, "--to", "Background", "--text",
           "The Rules were notified **without** consultation.\n\n- one\n- two")
    c1 = js(capsys, *L, "clip", "rules.pdf", "--page", "2", "--text",
            "to provide, within seventy-two hours, any subscriber information")
    q1 = js(capsys, *L, "brief", "add", bid, "--clip", str(c1["clip_id"]), "--to", str(s_pow),
            "--lead-in", "The Rules let him demand data:", "--comment", "No warrant.")
    # clip and quote in one go
    c2 = js(capsys, *L, "clip", "judgment", "--page", "2", "--text",
            "The test of proportionality asks four questions", "--brief", bid, "--to",
            "#2", "--lead-in", "The Court said:")
    assert c2["brief_id"] == int(bid) and c2["section_id"] == s_pow and c2["item_id"]
    # moves: the quote to Recommendations first, a section to the top
    mv = js(capsys, *L, "brief", "move", bid, str(q1["item_id"]), "--to", str(s_rec),
            "--position", "1")
    assert mv["section_id"] == s_rec and mv["item_ids"] == [q1["item_id"]]
    mv = js(capsys, *L, "brief", "move", bid, "--section", "Recommendations", "--position", "1")
    assert mv["section_ids"] == [s_rec, s_bg, s_pow]
    shown = js(capsys, *L, "brief", "show", bid, "--verify")
    assert [s["heading"] for s in shown["sections"]] == [
        "Recommendations", "Background", "Powers of the National Coordinator"]
    assert shown["sections"][0]["items"][0]["clip"]["locator"] == "Rule 5(1)(b)"
    assert shown["verification"]["ok"] is True
    assert [b["id"] for b in js(capsys, *L, "brief", "list")] == [int(bid)]
    code, out, _ = run(capsys, *L, "brief", "show", bid)
    assert code == 0 and f"{t['item_id']:>4}  text   The Rules were notified without" in out

    # brief set is one step: a name that does not resolve leaves everything as it was
    code, _, err = run(capsys, *L, "brief", "set", bid, "--rename-section", "1=Renamed",
                       "--title", "Changed?", "--short-title", "nosuchdoc=X")
    assert code == 4
    again = js(capsys, *L, "brief", "show", bid)
    assert again["title"] != "Changed?" and again["sections"][0]["heading"] == "Recommendations"
    js(capsys, *L, "brief", "set", bid, "--short-title", "rules.pdf=the Rules")
    out_docx = tmp_path / "brief.docx"
    e = js(capsys, *L, "brief", "export", bid, "-o", str(out_docx))
    assert e["exported"] and e["footnotes"] == 2 and e["verification"]["checked"] == 2
    d = docx.Document(str(out_docx))
    assert [p.text for p in d.paragraphs if p.style.name == "Heading 1"] == [
        "Recommendations", "Background", "Powers of the National Coordinator", "Sources cited"]
    with zipfile.ZipFile(out_docx) as z:
        notes = z.read("word/footnotes.xml").decode()
    assert "Rule 5(1)(b), p. 174." in notes and "para 9, p. 2." in notes

    # remove an item, a section, then the JSON round trip into a fresh library
    assert js(capsys, *L, "brief", "remove", bid, str(t["item_id"]))["removed"] == "item"
    assert js(capsys, *L, "brief", "remove", bid, "--section", "Background")["removed"] == \
        "section"
    out_json = tmp_path / "brief.json"
    js(capsys, *L, "brief", "export", bid, "-o", str(out_json))
    imp = js(capsys, *L, "brief", "import", str(out_json))
    assert imp["brief_id"] != int(bid) and len(imp["clip_ids"]) == 2
    assert imp["missing_sources"] == []
    assert len(js(capsys, *L, "brief", "list")) == 2
    assert js(capsys, *L, "brief", "remove", str(imp["brief_id"]), "--whole")["removed"] == "brief"


def test_export_stops_on_a_changed_quote_unless_forced(capsys, lib, tmp_path):
    L = ("--library", lib)
    b = js(capsys, *L, "brief", "new", "Check", "--section", "One")
    c = js(capsys, *L, "clip", "rules.pdf", "--page", "2", "--text",
           "to provide, within seventy-two hours", "--brief", str(b["brief_id"]), "--to", "One")
    import sqlite3

    db = sqlite3.connect(str(Path(lib) / "library.sqlite"))
    db.execute("UPDATE clips SET text = 'to provide, within ninety-six hours' WHERE id = ?",
               (c["clip_id"],))
    db.commit()
    db.close()
    out = tmp_path / "b.docx"
    code, stdout, err = run(capsys, *L, "brief", "export", str(b["brief_id"]), "-o", str(out),
                            "--json")
    assert code == 5 and not out.exists()
    assert json.loads(stdout)["verification"]["problems"][0]["kind"] == "changed"
    assert "not at its recorded place" in err and "--force" in err
    code, _, err = run(capsys, *L, "brief", "export", str(b["brief_id"]), "-o", str(out),
                       "--force")
    assert code == 0 and out.exists() and "Exported anyway" in err


def test_section_moves_to_the_end_without_position(capsys, lib):
    L = ("--library", lib)
    b = js(capsys, *L, "brief", "new", "M", "--section", "A", "--section", "B", "--section", "C")
    a, bb, c = b["section_ids"]
    mv = js(capsys, *L, "brief", "move", str(b["brief_id"]), "--section", "A")
    assert mv["section_ids"] == [bb, c, a]
    code, out, _ = run(capsys, *L, "brief", "move", str(b["brief_id"]), "--section", "B")
    assert code == 0 and f"Moved section {bb} to position 3" in out


def test_show_verify_exits_5_when_a_quote_changed(capsys, lib):
    L = ("--library", lib)
    b = js(capsys, *L, "brief", "new", "V", "--section", "One")
    c = js(capsys, *L, "clip", "rules.pdf", "--page", "2", "--text",
           "to provide, within seventy-two hours", "--brief", str(b["brief_id"]), "--to", "One",
           "--comment", "This fails the test of **proportionality**.")
    code, out, _ = run(capsys, *L, "brief", "show", str(b["brief_id"]), "--verify")
    assert code == 0 and "All 1 quotes match" in out
    import sqlite3

    db = sqlite3.connect(str(Path(lib) / "library.sqlite"))
    db.execute("UPDATE clips SET text = 'to provide, within ninety-six hours' WHERE id = ?",
               (c["clip_id"],))
    db.commit()
    db.close()
    code, out, err = run(capsys, *L, "brief", "show", str(b["brief_id"]), "--verify")
    assert code == 5 and "do not match their sources" in out and "clip the passages" in err
    code, out, _ = run(capsys, *L, "brief", "show", str(b["brief_id"]), "--verify", "--json")
    assert code == 5 and json.loads(out)["verification"]["ok"] is False
    code, _, _ = run(capsys, *L, "brief", "show", str(b["brief_id"]))
    assert code == 0  # without --verify nothing is checked


def test_quote_comment_markup_reaches_word_formatted(capsys, lib, tmp_path):
    L = ("--library", lib)
    b = js(capsys, *L, "brief", "new", "W", "--section", "One")
    js(capsys, *L, "clip", "rules.pdf", "--page", "2", "--text",
       "to provide, within seventy-two hours", "--brief", str(b["brief_id"]), "--to", "One",
       "--lead-in", "Rule 5 says, *in terms*:",
       "--comment", "This fails the test of **proportionality**.")
    out = tmp_path / "w.docx"
    js(capsys, *L, "brief", "export", str(b["brief_id"]), "-o", str(out))
    d = docx.Document(str(out))
    comment = next(p for p in d.paragraphs if p.text.startswith("This fails"))
    assert comment.text == "This fails the test of proportionality."
    assert [r.text for r in comment.runs if r.bold] == ["proportionality"]
    lead = next(p for p in d.paragraphs if p.text.startswith("Rule 5 says"))
    assert [r.text for r in lead.runs if r.italic] == ["in terms"]


def test_usage_errors(capsys, lib, tmp_path):
    L = ("--library", lib)
    code, _, err = run(capsys, *L, "brief", "show", "99")
    assert code == 4 and "no brief matches" in err
    b = js(capsys, *L, "brief", "new", "X")
    code, _, err = run(capsys, *L, "brief", "add", str(b["brief_id"]), "--text", "hi")
    assert code == 2 and "--to" in err
    code, _, err = run(capsys, *L, "brief", "add", str(b["brief_id"]), "--to", "Nope",
                       "--text", "hi")
    assert code == 4 and "no section 'Nope'" in err
    code, _, err = run(capsys, *L, "brief", "set", str(b["brief_id"]), "--full-format",
                       "{title} {volume}")
    assert code == 2 and "{volume}" in err
    code, _, err = run(capsys, *L, "brief", "export", str(b["brief_id"]), "-o",
                       str(tmp_path / "b.pdf"))
    assert code == 2 and ".docx, .md or .json" in err
    code, _, err = run(capsys, *L, "brief", "export", str(b["brief_id"]), "-o",
                       str(tmp_path / "b.docx"), "--template", str(tmp_path / "t.docm"))
    assert code == 2 and "macro" in err
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "briefer-brief", "schema_version": 1, "brief": {}, '
                   '"clips": [], "sources": []}')
    code, _, err = run(capsys, *L, "brief", "import", str(bad))
    assert code == 2 and "brief.title: missing" in err
