"""`briefer brief export` never replaces an existing file silently: without --overwrite it
stops with exit 5 and the file untouched (or asks on a terminal); --force (quotes that
changed) does not mean "replace"."""

from __future__ import annotations

import io
import json

import pytest

from tests import pdfgen
from tests.cli.libcopy import build_library, private_copy, run


@pytest.fixture(scope="module")
def template_lib(tmp_path_factory):
    d = tmp_path_factory.mktemp("clilib")
    pdfgen.make_rules_pdf(d / "src" / "rules.pdf")
    return build_library(d, d / "src")


@pytest.fixture
def brief(template_lib, tmp_path, capsys):
    lib = private_copy(template_lib, tmp_path, capsys)
    code, out, err = run(capsys, "--library", lib, "brief", "new", "Check", "--section", "One",
                         "--json")
    assert code == 0, err
    bid = str(json.loads(out)["brief_id"])
    code, _, err = run(capsys, "--library", lib, "brief", "add", bid, "--to", "One",
                       "--text", "The Rules are **vague**.")
    assert code == 0, err
    return ("--library", lib), bid


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("name", ["brief.docx", "brief.md", "brief.json"])
def test_an_existing_file_is_kept_without_overwrite(capsys, brief, tmp_path, name,
                                                   monkeypatch):
    L, bid = brief
    out = tmp_path / name
    out.write_bytes(b"edited in Word last week")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal: nobody to ask
    code, stdout, err = run(capsys, *L, "brief", "export", bid, "-o", str(out))
    assert code == 5 and out.read_bytes() == b"edited in Word last week"
    assert "already exists" in err and "--overwrite" in err and "Traceback" not in err
    code, stdout, err = run(capsys, *L, "brief", "export", bid, "-o", str(out), "--json")
    assert code == 5 and json.loads(stdout) == {"exported": False, "reason": "file_exists",
                                                "path": str(out)}
    code, _, err = run(capsys, *L, "brief", "export", bid, "-o", str(out), "--force")
    assert code == 5 and out.read_bytes() == b"edited in Word last week"  # --force ≠ replace
    code, stdout, err = run(capsys, *L, "brief", "export", bid, "-o", str(out), "--overwrite")
    assert code == 0, err
    assert out.read_bytes() != b"edited in Word last week" and "Wrote" in stdout


def test_on_a_terminal_it_asks(capsys, brief, tmp_path, monkeypatch):
    L, bid = brief
    out = tmp_path / "brief.docx"
    out.write_bytes(b"edited in Word last week")
    monkeypatch.setattr("sys.stdin", _Terminal("n\n"))
    code, stdout, err = run(capsys, *L, "brief", "export", bid, "-o", str(out))
    assert code == 5 and out.read_bytes() == b"edited in Word last week"
    assert f"{out} already exists. Replace it? [y/N]" in stdout
    monkeypatch.setattr("sys.stdin", _Terminal("y\n"))
    code, stdout, err = run(capsys, *L, "brief", "export", bid, "-o", str(out))
    assert code == 0, err
    assert out.read_bytes()[:2] == b"PK"


def test_a_new_file_is_written_without_asking(capsys, brief, tmp_path, monkeypatch):
    L, bid = brief
    monkeypatch.setattr("sys.stdin", _Terminal(""))  # nothing to answer: it must not ask
    code, stdout, err = run(capsys, *L, "brief", "export", bid, "-o", str(tmp_path / "n.md"))
    assert code == 0, err
    assert (tmp_path / "n.md").read_text(encoding="utf-8").strip()
