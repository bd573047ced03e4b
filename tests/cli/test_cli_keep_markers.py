"""`briefer clip --keep-markers` keeps footnote references and amendment markers in the
quoted text for one clip; `briefer clips --markers keep|omit` sets the library's setting,
which the window's quotes share, and which `clip` follows when neither flag is given."""

from __future__ import annotations

import json

import pytest

from briefer.core.ops import clips as oc
from briefer.core.ops.session import Session
from tests.cli.libcopy import build_library, private_copy, run

MARKED = "contempt of court, 1 [commission of] or incitement"
READ = "contempt of court, [commission of] or incitement"


@pytest.fixture(scope="module")
def template_lib(tmp_path_factory):
    pytest.importorskip("pypdfium2")  # the raised marker is read from the page's layout
    from tests.core.clips.test_quote_markers import _marker_pdf

    d = tmp_path_factory.mktemp("markers")
    (d / "src").mkdir()
    _marker_pdf(d / "src" / "contempt.pdf")
    return build_library(d, d / "src")


@pytest.fixture
def lib(template_lib, tmp_path, capsys):
    return private_copy(template_lib, tmp_path, capsys)


def _clip(capsys, lib, *extra: str) -> dict:
    code, out, err = run(capsys, "--library", lib, "clip", "contempt", "--text", MARKED,
                         "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_clip_keep_markers_for_one_clip(capsys, lib):
    assert _clip(capsys, lib)["display_text"] == READ
    kept = _clip(capsys, lib, "--keep-markers")
    assert kept["display_text"] == MARKED and "1" in kept["text"]
    assert _clip(capsys, lib)["display_text"] == READ  # one clip only


def test_the_library_setting_is_shared_with_the_window(capsys, lib):
    code, out, err = run(capsys, "--library", lib, "clips", "--markers", "keep")
    assert code == 0, err
    assert "keep footnote references and amendment markers" in out
    assert _clip(capsys, lib)["display_text"] == MARKED
    assert _clip(capsys, lib, "--no-keep-markers")["display_text"] == READ
    with Session.open(lib, samples=False) as session:  # what the window reads
        assert oc.keeps_markers(session) is True
    code, out, err = run(capsys, "--library", lib, "clips", "--markers", "omit", "--json")
    assert code == 0 and json.loads(out) == {"keep_markers": False}
    assert _clip(capsys, lib)["display_text"] == READ


def test_markers_option_stands_alone(capsys, lib):
    code, _, err = run(capsys, "--library", lib, "clips", "--markers", "keep", "--edit", "1")
    assert code == 2 and "on its own" in err
