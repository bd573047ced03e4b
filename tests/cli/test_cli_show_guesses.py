"""`briefer show` marks the details Briefer guessed with "(guess)" until a person edits or
confirms them (--json lists them under "guessed")."""

from __future__ import annotations

import json

from briefer.cli import main
from briefer.core.ops import documents as docs_ops
from briefer.core.ops.session import Session
from tests import pdfgen


def test_show_marks_guesses_until_confirmed(capsys, tmp_path):
    pdfgen.make_rules_pdf(tmp_path / "rules.pdf")
    lib = str(tmp_path / "lib")
    assert main(["--library", lib, "add", str(tmp_path / "rules.pdf")]) == 0
    capsys.readouterr()
    assert main(["--library", lib, "show", "rules", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert "title" in shown["guessed"] and "date" in shown["guessed"]
    assert main(["--library", lib, "show", "rules"]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.endswith("(guess)")
    date_line = next(line for line in out.splitlines() if line.strip().startswith("date"))
    assert date_line.endswith("(guess)")
    assert not any(line.strip().startswith("file") and "(guess)" in line
                   for line in out.splitlines())
    # a person sets the date and confirms the title: those lose the mark
    assert main(["--library", lib, "meta", "rules", "--date", "2026-01-28"]) == 0
    with Session.open(tmp_path / "lib") as session:
        doc_id = docs_ops.find_document(session, "rules").id
        docs_ops.confirm_metadata(session, doc_id, ["title"])
    capsys.readouterr()
    assert main(["--library", lib, "show", "rules"]) == 0
    out = capsys.readouterr().out
    assert not out.splitlines()[0].endswith("(guess)")
    date_line = next(line for line in out.splitlines() if line.strip().startswith("date"))
    assert date_line.strip() == "date         2026-01-28"
    assert "(guess)" in out  # issuer or type are still guesses
