"""`briefer info` says when search runs on its slow path (a Whoosh the fast engine does not
know) and what that costs; other commands say it once as a note, without sending the user
to `briefer check` (which has nothing to add about it)."""

from __future__ import annotations

import json

from briefer.cli import main
from briefer.core.index.index import SLOW_P50
from tests import pdfgen
from tests.core.engines import whoosh_unknown_to_the_fast_engine


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_info_says_the_slow_path_and_its_cost(tmp_path, capsys):
    pdfgen.make_text_pdf(tmp_path / "a.pdf", ["The coordinator may block content."])
    lib = str(tmp_path / "lib")
    assert run(capsys, "--library", lib, "add", str(tmp_path / "a.pdf"))[0] == 0
    code, out, _ = run(capsys, "--library", lib, "info")
    assert code == 0 and "slow path" not in out
    with whoosh_unknown_to_the_fast_engine():
        code, out, _ = run(capsys, "--library", lib, "info")
        assert code == 0
        [line] = [x for x in out.splitlines() if "slow path" in x]
        assert line.startswith("note: Search runs on its slow path")
        assert f"about {SLOW_P50} times slower" in line and "briefer check" not in line
        code, out, _ = run(capsys, "--library", lib, "info", "--json")
        data = json.loads(out)
        assert "slow path" in data["search_notice"] and data["search_notice"] in data["notes"]
        code, out, err = run(capsys, "--library", lib, "search", "coordinator")
        assert code == 0 and "coordinator" in out.lower()  # the same hit, on the slow path
        [note] = [x for x in err.splitlines() if "slow path" in x]
        assert "briefer check" not in note
