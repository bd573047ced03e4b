"""`briefer brief export` reports a locator the user typed that disagrees with the
document's structure at the passage: it stops (exit 5) naming both locators and the
command that takes the structure's reading; with --force the file keeps the user's
locator in its footnote."""

from __future__ import annotations

import json

import pytest

from tests import pdfgen
from tests.cli.libcopy import build_library, private_copy, run

RULE_5_1_B = ("to provide, within seventy-two hours, any subscriber information, traffic "
              "data or content data relating to a user")


@pytest.fixture(scope="module")
def template_lib(tmp_path_factory):
    d = tmp_path_factory.mktemp("clilib")
    pdfgen.make_rules_pdf(d / "src" / "rules.pdf")
    return build_library(d, d / "src")


def _brief_with(capsys, lib: str, locator: str) -> tuple[str, int]:
    code, out, err = run(capsys, "--library", lib, "brief", "new", "Check", "--section", "One",
                         "--json")
    assert code == 0, err
    bid = str(json.loads(out)["brief_id"])
    code, out, err = run(capsys, "--library", lib, "clip", "rules.pdf", "--text", RULE_5_1_B,
                         "--locator", locator, "--brief", bid, "--to", "One", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["locator_auto"] == "Rule 5(1)(b)" and data["locator"] == locator
    return bid, data["clip_id"]


def test_a_typed_locator_that_disagrees_stops_the_export(capsys, template_lib, tmp_path):
    lib = private_copy(template_lib, tmp_path, capsys)
    bid, clip_id = _brief_with(capsys, lib, "Rule 5(1)(c)")
    out = tmp_path / "brief.md"
    code, stdout, err = run(capsys, "--library", lib, "brief", "export", bid, "-o", str(out))
    assert code == 5 and not out.exists()
    assert "Rule 5(1)(c)" in err and "Rule 5(1)(b)" in err and "keeps your locator" in err
    assert "1 of 1 quotes are cited otherwise than their documents say" in err
    assert f"briefer clips --edit {clip_id} --locator 'Rule 5(1)(b)'" in err
    code, stdout, _ = run(capsys, "--library", lib, "brief", "export", bid, "-o", str(out),
                          "--json")
    problems = json.loads(stdout)["verification"]["problems"]
    assert [(p["kind"], p["locator"], p["expected"]) for p in problems] == [
        ("locator_typed", "Rule 5(1)(c)", "Rule 5(1)(b)")]
    code, stdout, err = run(capsys, "--library", lib, "brief", "export", bid, "-o", str(out),
                            "--force")
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "Rule 5(1)(c)" in text and "Rule 5(1)(b)" not in text


def test_the_same_citation_typed_another_way_exports(capsys, template_lib, tmp_path):
    lib = private_copy(template_lib, tmp_path, capsys)
    bid, _ = _brief_with(capsys, lib, "r. 5 (1)(b)")
    out = tmp_path / "brief.md"
    code, _, err = run(capsys, "--library", lib, "brief", "export", bid, "-o", str(out))
    assert code == 0, err
    assert "r. 5 (1)(b)" in out.read_text(encoding="utf-8")
