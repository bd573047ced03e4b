"""`briefer brief export` notes the quotes it writes without a locator although their
document is numbered, each with the command that gives it the suggested one; the file is
written (a missing locator is a question, not a changed quote: no exit 5, no --force)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.libcopy import build_library, private_copy, run

ROOT = Path(__file__).resolve().parents[2]
STATEMENT = ROOT / "resources" / "samples" / "joint-statement-online-harms-rules-2026.pdf"
DEMAND = "Withdraw the Rules, and publish any replacement in draft"


@pytest.fixture(scope="module")
def template_lib(tmp_path_factory):
    return build_library(tmp_path_factory.mktemp("unlocatedcli"), STATEMENT)


@pytest.fixture
def lib(template_lib, tmp_path, capsys):
    return private_copy(template_lib, tmp_path, capsys)


def test_export_notes_quotes_without_locator(capsys, lib, tmp_path):
    L = ("--library", lib)
    code, out, _ = run(capsys, *L, "brief", "new", "Demands", "--section", "One", "--json")
    bid = str(json.loads(out)["brief_id"])
    code, out, _ = run(capsys, *L, "clip", "1", "--page", "2", "--text", DEMAND,
                       "--brief", bid, "--to", "One", "--json")
    assert code == 0
    clip_id = json.loads(out)["clip_id"]
    md = tmp_path / "b.md"
    code, out, err = run(capsys, *L, "brief", "export", bid, "-o", str(md))
    assert code == 0 and md.is_file() and out.startswith("Wrote ")
    lines = err.splitlines()
    assert lines[0] == ("Note: 1 quote has no locator although its document is numbered "
                        "(cited by page only):")
    assert "suggested para 1" in lines[1]
    assert lines[1].endswith(f"briefer clips --edit {clip_id} --locator 'para 1'")
    code, out, err = run(capsys, *L, "brief", "export", bid, "-o", str(tmp_path / "b.json"),
                         "--format", "md", "--json")
    data = json.loads(out)
    assert data["exported"] and data["unlocated"][0]["suggestion"] == "para 1"
    # the suggested command settles it: no note next time
    assert run(capsys, *L, "clips", "--edit", str(clip_id), "--locator", "para 1")[0] == 0
    code, out, err = run(capsys, *L, "brief", "export", bid, "-o", str(md), "--overwrite")
    assert code == 0 and "no locator" not in err
