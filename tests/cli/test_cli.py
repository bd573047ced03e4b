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
