"""The command line keeps the samples apart: `briefer search` leaves them out once the
library holds a document of the user's own and says so (`--samples` shows them), and
`briefer remove --samples` removes them all in one step, asking first when clips cite
them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefer.cli import main
from briefer.core.ops.session import Session
from tests import pdfgen
from tests.cli.libcopy import run


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("cli-samples")
    Session.open(root / "lib", samples=True).close()
    pdf = root / "own.pdf"
    pdfgen.make_text_pdf(pdf, ["The National Coordinator shall report to our committee."])
    assert main(["--library", str(root / "lib"), "add", str(pdf), "--no-ocr", "--title",
                 "Our own report", "--json"]) == 0
    return root / "lib"


@pytest.fixture
def lib(template, tmp_path, capsys) -> str:
    shutil.copytree(template, tmp_path / "lib", ignore=shutil.ignore_patterns("library.lock"))
    capsys.readouterr()
    return str(tmp_path / "lib")


def test_search_leaves_samples_out_and_says_so(capsys, lib):
    code, out, _ = run(capsys, "--library", lib, "search", "national", "coordinator")
    assert code == 0
    assert "Our own report" in out
    assert "sample document" in out and "--samples" in out
    titles = [line for line in out.splitlines() if line.startswith("#")]
    assert len(titles) == 1
    code, out, _ = run(capsys, "--library", lib, "search", "national", "coordinator",
                       "--samples", "--json")
    data = json.loads(out)
    assert len(data["documents"]) > 1 and data["samples_hidden"] == 0


def test_remove_samples_in_one_step(capsys, lib):
    code, out, _ = run(capsys, "--library", lib, "list", "--json")
    before = json.loads(out)
    samples = [d for d in before if "sample" in d.get("tags", [])]
    assert len(samples) == len(before) - 1
    # a clip cites a sample: asked first (no terminal to ask on: nothing removed)
    code, _, _ = run(capsys, "--library", lib, "clip", str(samples[0]["id"]), "--page", "1",
                     "--text", "National Coordinator")
    assert code == 0
    code, out, err = run(capsys, "--library", lib, "remove", "--samples")
    assert code != 0 and "clip" in err and "Nothing was removed" in err
    assert len(json.loads(run(capsys, "--library", lib, "list", "--json")[1])) == len(before)
    code, out, _ = run(capsys, "--library", lib, "remove", "--samples", "--yes", "--json")
    assert code == 0
    assert sorted(d["id"] for d in json.loads(out)) == sorted(d["id"] for d in samples)
    code, out, _ = run(capsys, "--library", lib, "list", "--json")
    assert [d["title"] for d in json.loads(out)] == ["Our own report"]
    code, _, err = run(capsys, "--library", lib, "remove", "--samples")
    assert code == 0 and "no sample documents" in err
    code, _, err = run(capsys, "--library", lib, "remove")
    assert code != 0 and "--samples" in err


def test_a_phrase_with_no_hit_prints_the_nearest_phrase(capsys, lib):
    code, out, _ = run(capsys, "--library", lib, "search", '"coordinator report"')
    assert code == 0
    assert 'did you mean: "coordinator shall report"' in out
