"""The command line over the library core: output, --json, exit codes."""

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
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "rules folder"
    d.mkdir()
    pdfgen.make_rules_pdf(d / "rules.pdf")
    pdfgen.make_text_pdf(d / "statement.pdf", ["Joint statement: we urge the withdrawal."])
    pdfgen.make_not_pdf(d / "download.pdf")
    pdfgen.make_empty_file(d / "empty.pdf")
    return d


def test_add_list_show_meta_remove(capsys, tmp_path, folder):
    lib = str(tmp_path / "lib")
    code, out, _ = run(capsys, "--library", lib, "add", str(folder))
    assert code == 1  # two files could not be imported
    assert "Imported 2 documents" in out
    assert "not a PDF (it is an HTML page)" in out and "empty file (0 bytes)" in out

    code, out, _ = run(capsys, "list", "--library", lib, "--json")
    assert code == 0
    docs = json.loads(out)
    assert {d["file_name"] for d in docs} == {"rules.pdf", "statement.pdf"}
    for d in docs:
        assert {"id", "title", "file_name", "pages", "status", "reason"} <= set(d)
    rules = next(d for d in docs if d["file_name"] == "rules.pdf")
    assert rules["status"] == "ok" and rules["pages"] > 1

    code, out, _ = run(capsys, "--library", lib, "show", str(rules["id"]), "--json")
    shown = json.loads(out)
    assert shown["page_count"] == rules["pages"]
    assert shown["pages"][0]["page_number"] == 1

    code, out, _ = run(capsys, "--library", lib, "meta", "rules.pdf", "--type", "rule",
                       "--date", "2026-01-28", "--tag", "Social Media", "--json")
    assert code == 0
    meta = json.loads(out)
    assert meta["type"] == "rule" and meta["date"] == "2026-01-28"
    assert meta["tags"] == ["social media"]
    code, _, err = run(capsys, "--library", lib, "meta", "rules.pdf", "--date", "yesterday")
    assert code == 2 and "not a date" in err

    code, out, _ = run(capsys, "--library", lib, "list", "--tag", "social media")
    assert code == 0 and "rules" in out.lower() or "RULES" in out

    code, out, _ = run(capsys, "--library", lib, "remove", "statement.pdf")
    assert code == 0 and "Removed" in out
    code, out, _ = run(capsys, "--library", lib, "list", "--json")
    assert len(json.loads(out)) == 1


def test_add_json_report_and_duplicates(capsys, tmp_path, folder):
    lib = str(tmp_path / "lib")
    code, out, _ = run(capsys, "--library", lib, "add", str(folder), "--json")
    rep = json.loads(out)
    assert rep["documents_added"] == 2
    outcomes = {Path(f["path"]).name: f for f in rep["files"]}
    assert outcomes["download.pdf"]["outcome"] == "failed"
    assert outcomes["rules.pdf"]["outcome"] == "added" and outcomes["rules.pdf"]["id"]
    code, out, _ = run(capsys, "--library", lib, "add", str(folder / "rules.pdf"), "--json")
    assert code == 0
    assert json.loads(out)["files"][0]["outcome"] == "duplicate"


def test_password_on_the_command_line(capsys, tmp_path):
    gen = pdfgen.make_encrypted_pdf(tmp_path / "locked.pdf", "s3cret")
    lib = str(tmp_path / "lib")
    code, out, _ = run(capsys, "--library", lib, "add", str(gen.path))
    assert code == 1 and "password protected" in out and "--password" in out
    code, out, _ = run(capsys, "--library", lib, "add", str(gen.path), "--password", "nope")
    assert code == 1 and "wrong password" in out
    code, out, _ = run(capsys, "--library", lib, "add", str(gen.path), "--password", "s3cret")
    assert code == 0 and "unlocked" in out


def test_errors_have_meaningful_exit_codes(capsys, tmp_path):
    lib = str(tmp_path / "lib")
    code, _, err = run(capsys, "--library", lib, "show", "42")
    assert code == 4 and "no document" in err
    code, out, _ = run(capsys, "--library", lib, "add", str(tmp_path / "missing.pdf"))
    assert code == 1 and "no such file" in out
    with pytest.raises(SystemExit) as exc:
        main(["--library", lib, "list", "--type", "poem"])
    assert exc.value.code == 2
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    code, _, err = run(capsys, "--library", str(not_a_dir), "list")
    assert code == 3 and "not a folder" in err


def test_reindex_and_info(capsys, tmp_path, folder):
    lib = str(tmp_path / "lib")
    run(capsys, "--library", lib, "add", str(folder))
    code, out, _ = run(capsys, "--library", lib, "reindex", "--json")
    data = json.loads(out)
    assert code == 0 and data["documents"] == 2 and data["pages"] > 2
    code, out, _ = run(capsys, "--library", lib, "info", "--json")
    assert json.loads(out)["indexed_pages"] == data["pages"]


def test_environment_variable_selects_library(capsys, tmp_path, folder, monkeypatch):
    monkeypatch.setenv("BRIEFER_LIBRARY", str(tmp_path / "envlib"))
    run(capsys, "add", str(folder / "statement.pdf"))
    assert (tmp_path / "envlib" / "library.sqlite").exists()


def test_default_library_is_seeded_with_samples(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("BRIEFER_LIBRARY", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    code, out, err = run(capsys, "list", "--json")
    assert code == 0
    docs = json.loads(out)
    assert len(docs) >= 4 and all("sample" in d["tags"] for d in docs)
    assert {d["type"] for d in docs} >= {"rule", "law", "judgment", "statement"}
    assert "sample documents" in err


# --------------------------------------------------------------------------- rough edges


def _cite(lib: str, file_name: str, text: str) -> None:
    """A clip of ``text`` in the document ``file_name``, quoted in a new brief."""
    from briefer.core.ops import briefs as brief_ops
    from briefer.core.ops import clips as clip_ops
    from briefer.core.ops.session import Session

    with Session.open(lib, samples=False) as s:
        doc = next(d for d in s.catalog().documents() if d.file_name == file_name)
        clip = clip_ops.clip_typed_text(s, doc.id, text)
        made = brief_ops.create_brief(s, "Our concerns", sections=["Background"])
        brief_ops.quote_clip(s, made.brief_id, made.section_ids[0], clip.id)


def test_search_accepts_a_leading_dash_word(capsys, tmp_path, folder):
    lib = str(tmp_path / "lib")
    run(capsys, "--library", lib, "add", str(folder))
    code, out, _ = run(capsys, "--library", lib, "search", "withdrawal", "--json")
    assert code == 0 and json.loads(out)["total"] == 1
    # `-word` as the README offers it: pages without the word, not an argument error.
    code, out, err = run(capsys, "--library", lib, "search", "-withdrawal", "statement",
                         "--json")
    assert code == 0, err
    res = json.loads(out)
    assert res["query"] == "-withdrawal statement"
    assert all("withdrawal" not in d["title"].lower() for d in res["documents"])
    code, out, err = run(capsys, "--library", lib, "search", "-withdrawal", "--limit", "3")
    assert code == 0, err
    # Options still work, their values too (even a value that starts with a dash).
    code, out, err = run(capsys, "--library", lib, "search", "rules", "--sort", "date",
                         "--json")
    assert code == 0 and json.loads(out)["sort"] == "date"

    # Only the search command's words are touched: "search" as another command's word
    # (a brief's or document's name, a find text) leaves its dashes alone.
    from briefer.cli import prepare_argv

    for argv in (["brief", "export", "search", "-o", "x.docx"],
                 ["--library", lib, "find", "5", "search", "-x"],
                 ["--library", lib, "--debug", "list"]):
        assert prepare_argv(argv) == argv
    marked = prepare_argv(["--library", lib, "--debug", "search", "-draft"])
    assert marked[:3] == ["--library", lib, "--debug"] and marked[4] != "-draft"


def test_remove_of_a_cited_document_warns_and_asks(capsys, tmp_path, folder, monkeypatch):
    import io

    from tests.core.ops.rules_library import RULE_5_1_B

    lib = str(tmp_path / "lib")
    run(capsys, "--library", lib, "add", str(folder))
    _cite(lib, "rules.pdf", RULE_5_1_B)
    # Not a terminal: nothing is removed; the impact and the way to go on are said.
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, err = run(capsys, "--library", lib, "remove", "rules.pdf")
    assert code == 5
    assert "1 clip cites" in err and "quoted 1 time in 1 brief" in err and "Our concerns" in err
    assert "--yes" in err and "Nothing was removed" in err
    code, out, _ = run(capsys, "--library", lib, "list", "--json")
    assert len(json.loads(out)) == 2
    # --json without --yes: refused the same way, as a plain error.
    code, out, err = run(capsys, "--library", lib, "remove", "rules.pdf", "--json")
    assert code == 5 and "--yes" in err and out == ""
    # A terminal: the question is asked; "n" keeps it, "y" removes it.
    tty = io.StringIO("n\n")
    tty.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stdin", tty)
    code, out, err = run(capsys, "--library", lib, "remove", "rules.pdf")
    assert code == 5 and "Nothing was removed" in err
    tty = io.StringIO("y\n")
    tty.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stdin", tty)
    code, out, err = run(capsys, "--library", lib, "remove", "rules.pdf")
    assert code == 0 and "Removed" in out and "1 clip keeps its text" in out
    assert "can no longer be checked" in out
    code, out, _ = run(capsys, "--library", lib, "list", "--json")
    assert [d["file_name"] for d in json.loads(out)] == ["statement.pdf"]


def test_remove_with_yes_does_not_ask(capsys, tmp_path, folder):
    from tests.core.ops.rules_library import RULE_5_1_B

    lib = str(tmp_path / "lib")
    run(capsys, "--library", lib, "add", str(folder))
    _cite(lib, "rules.pdf", RULE_5_1_B)
    code, out, err = run(capsys, "--library", lib, "remove", "rules.pdf", "--yes", "--json")
    assert code == 0 and json.loads(out)[0]["title"]
    # An uncited document needs no --yes.
    code, out, _ = run(capsys, "--library", lib, "remove", "statement.pdf")
    assert code == 0 and "Removed" in out


def test_add_prints_progress_lines_when_output_is_not_a_terminal(capsys, tmp_path, folder):
    lib = str(tmp_path / "lib")
    code, out, err = run(capsys, "--library", lib, "add", str(folder))
    assert "Imported 2 documents" in out
    lines = err.splitlines()
    assert any(ln.startswith("Reading PDFs") for ln in lines), err
    assert "\r" not in err  # plain lines, no terminal bar


def test_progress_lines_are_periodic_within_a_stage(capsys, monkeypatch):
    from briefer.cli.common import ProgressBar
    from briefer.core.progress import Progress

    clock = [100.0]
    monkeypatch.setattr("briefer.cli.common.time.monotonic", lambda: clock[0])
    bar = ProgressBar(lines=True)
    for k in range(1, 31):  # 30 pages, one a second
        bar(Progress(k, 30, "Reading scanned pages with OCR", f"scan.pdf p. {k}"))
        clock[0] += 1.0
    bar(Progress(1, 1, "Saving the search index"))
    for k in range(1, 41):  # checking 40 files in under a second: one line, not 40
        bar(Progress(0, 0, f"Checking {k} of 40 files", f"doc{k}.pdf"))
    err = capsys.readouterr().err.splitlines()
    assert [ln for ln in err if ln.startswith("Checking")] == ["Checking 1 of 40 files (doc1.pdf)"]
    err = [ln for ln in err if not ln.startswith("Checking")]
    ocr_lines = [ln for ln in err if ln.startswith("Reading scanned pages")]
    # The first page, then one line every LINE_SECONDS (10 s): not 30 lines, not 1.
    assert len(ocr_lines) == 3, err
    assert ocr_lines[0].startswith("Reading scanned pages with OCR 1/30")
    assert err[-1].startswith("Saving the search index")


def test_list_marks_cut_titles_with_an_ellipsis(capsys, tmp_path, folder):
    lib = str(tmp_path / "lib")
    run(capsys, "--library", lib, "add", str(folder / "statement.pdf"))
    long_title = "A statement on the rules " + "with a very long title " * 5 + "END"
    code, _, err = run(capsys, "--library", lib, "meta", "1", "--title", long_title)
    assert code == 0, err
    code, out, _ = run(capsys, "--library", lib, "list")
    row = out.splitlines()[1]
    assert row.endswith("…") and "END" not in row
    assert len(row.split("  ")[-1].strip()) <= 71


def test_readme_clip_and_brief_example_runs_in_order(capsys, tmp_path, monkeypatch):
    """The README's block of clip and brief commands, run as written, one after the other,
    on a new default library (with its samples): every command succeeds and the brief
    exported at the end has its quotes."""
    import re
    import shlex

    import docx

    from briefer.core.paths import ENV_VAR

    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    monkeypatch.chdir(tmp_path)
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(briefer clip .*?)```", readme, re.S).group(1)
    commands = [shlex.split(line, comments=True)
                for line in block.replace("\\\n", " ").splitlines()]
    commands = [c for c in commands if c]
    assert len(commands) >= 12 and all(c[0] == "briefer" for c in commands)
    for words in commands:
        code, out, err = run(capsys, *words[1:])
        assert code == 0, f"{shlex.join(words)}\n{out}{err}"
    exported = docx.Document(str(tmp_path / "brief.docx"))
    text = "\n".join(p.text for p in exported.paragraphs)
    assert "The test of proportionality asks four questions" in text
    assert "to provide, within seventy-two hours, any subscriber information" in text


def test_core_errors_are_phrased_with_the_command_lines_hints(capsys, tmp_path):
    gen = pdfgen.make_encrypted_pdf(tmp_path / "locked.pdf", "s3cret")
    lib = str(tmp_path / "lib")
    run(capsys, "--library", lib, "add", str(gen.path))
    code, out, _ = run(capsys, "--library", lib, "show", "1")
    assert "password protected" in out and "briefer add FILE --password" in out
    # What is stored in the catalog names no command.
    code, out, _ = run(capsys, "--library", lib, "list", "--json")
    assert json.loads(out)[0]["reason"] == "password protected"
    code, _, err = run(capsys, "--library", lib, "show", "nothing-like-this")
    assert code == 4 and "`briefer list`" in err
