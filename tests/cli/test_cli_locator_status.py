"""`briefer clip` and `briefer clips` say "uncertain" when the structure does not settle a
locator (with the reason and the best reading as a suggestion), and the user's own locator
wins. The sample joint statement numbers its demands only on its last page, after a page
of unnumbered paragraphs: a list, not numbered paragraphs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefer.core.ops import clips as clip_ops
from briefer.core.ops.session import Session
from tests.cli.libcopy import build_library, private_copy, run

ROOT = Path(__file__).resolve().parents[2]
STATEMENT = ROOT / "resources" / "samples" / "joint-statement-online-harms-rules-2026.pdf"
ACT = ROOT / "resources" / "samples" / "digital-communications-act-2024.pdf"
DEMAND = "Withdraw the Rules, and publish any replacement in draft"


@pytest.fixture(scope="module")
def template_lib(tmp_path_factory):
    return build_library(tmp_path_factory.mktemp("uncertainlib"), STATEMENT, ACT)


@pytest.fixture
def lib(template_lib, tmp_path, capsys):
    return private_copy(template_lib, tmp_path, capsys)


def test_clip_says_uncertain_with_reason_and_suggestion(capsys, lib):
    code, out, err = run(capsys, "--library", lib, "clip", "joint-statement", "--page", "2",
                         "--text", DEMAND)
    assert code == 0, err
    first, quote, note = out.splitlines()[:3]
    assert first.startswith("Clip #1: locator uncertain, p. 2")
    assert note.strip() == ("locator: uncertain \u2014 the numbering begins after unnumbered "
                            "paragraphs (it may number a list) (perhaps para 1); give your "
                            "own with --locator")
    code, out, _ = run(capsys, "--library", lib, "clip", "joint-statement", "--page", "2",
                       "--text", DEMAND, "--json")
    data = json.loads(out)
    assert data["locator"] == "" and data["locator_auto"] == ""
    assert data["locator_uncertain"] is True and data["locator_suggestion"] == "para 1"
    assert data["locator_source"] == "none" and "unnumbered" in data["locator_reason"]


def test_clips_list_and_the_users_locator_wins(capsys, lib):
    run(capsys, "--library", lib, "clip", "joint-statement", "--page", "2", "--text", DEMAND)
    run(capsys, "--library", lib, "clip", "digital-communications", "--page", "3", "--text",
        "Every order under sub-section (1) shall be proportionate")
    code, out, _ = run(capsys, "--library", lib, "clips")
    lines = out.splitlines()
    assert "locator uncertain (perhaps para 1?), p. 2" in lines[0]
    assert "Section 37(2), p. 3" in lines[1] and "uncertain" not in lines[1]
    code, out, _ = run(capsys, "--library", lib, "clips", "--edit", "1", "--locator",
                       "demand 1")
    assert out.strip() == "Clip #1: demand 1, p. 2"
    data = json.loads(run(capsys, "--library", lib, "clips", "--json")[1])
    assert (data[0]["locator"], data[0]["locator_source"], data[0]["locator_uncertain"]) == \
        ("demand 1", "user", False)
    assert (data[1]["locator_source"], data[1]["locator_uncertain"]) == ("detected", False)
    # back to the detected one: uncertain again
    code, out, _ = run(capsys, "--library", lib, "clips", "--edit", "1", "--locator", "")
    assert out.splitlines()[0] == "Clip #1: locator uncertain, p. 2"
    assert "(perhaps para 1); give your own with --locator" in out.splitlines()[1]


def test_locator_status_in_ops(lib):
    s = Session.open(Path(lib), samples=False)
    try:
        doc = next(d for d in s.catalog().documents() if d.doc_type == "statement")
        clip = clip_ops.clip_typed_text(s, doc.id, "They give a single official", page_index=0)
        st = clip_ops.locator_status(s, clip.id)
        assert (st.locator, st.source, st.uncertain, st.suggestion) == ("", "none", False, "")
        clip = clip_ops.clip_typed_text(s, doc.id, DEMAND, page_index=1)
        st = clip_ops.locator_status(s, clip.id)
        assert (st.uncertain, st.suggestion) == (True, "para 1")
        infos = clip_ops.list_clips(s, doc.id)
        assert [i.status.uncertain for i in infos] == [False, True]
    finally:
        s.close()
