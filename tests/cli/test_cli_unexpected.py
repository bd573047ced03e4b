"""A bug in a command is not shown as a traceback: the user gets words and the log file's
path, the traceback goes to the log, and the exit code says it was unexpected."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer import cli
from briefer.cli import documents as cli_documents
from briefer.cli.common import EXIT_UNEXPECTED


def test_an_unexpected_problem_is_worded_and_logged(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))

    def broken(args):
        raise ValueError("a bug deep inside")

    monkeypatch.setattr(cli_documents, "cmd_list", broken)
    code = cli.main(["--library", str(tmp_path / "lib"), "list"])
    err = capsys.readouterr().err
    assert code == EXIT_UNEXPECTED
    assert "unexpected problem" in err and "Traceback" not in err
    assert "ValueError" not in err and "a bug deep inside" not in err
    log = tmp_path / "data" / "Briefer" / "logs" / "briefer.log"
    assert str(log) in err
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "ValueError: a bug deep inside" in text


def test_debug_shows_the_traceback(tmp_path: Path, monkeypatch):
    def broken(args):
        raise ValueError("a bug deep inside")

    monkeypatch.setattr(cli_documents, "cmd_list", broken)
    with pytest.raises(ValueError):
        cli.main(["--debug", "--library", str(tmp_path / "lib"), "list"])


def test_a_reason_stored_by_an_older_import_is_shown_in_plain_words(tmp_path: Path, capsys):
    import sqlite3

    from tests.pdfgen import make_text_pdf

    pdf = make_text_pdf(tmp_path / "a.pdf", ["A page of text about the rules."]).path
    lib = tmp_path / "lib"
    assert cli.main(["--library", str(lib), "add", str(pdf)]) == 0
    db = sqlite3.connect(lib / "library.sqlite")
    with db:
        db.execute("UPDATE documents SET reason = "
                   "'could not be read (PdfReadError: Expected /Kids to be an array)'")
    db.close()
    capsys.readouterr()
    assert cli.main(["--library", str(lib), "show", "1"]) == 0
    out = capsys.readouterr().out
    assert "PdfReadError" not in out and "the file is damaged" in out
