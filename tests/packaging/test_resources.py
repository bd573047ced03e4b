"""``resources_dir`` finds the resources of a checkout and of a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path

from briefer.core import paths

REPO = Path(__file__).resolve().parents[2]


def test_a_checkout_uses_the_top_level_resources_folder():
    assert paths.resources_dir() == REPO / "resources"
    assert (paths.resources_dir() / "templates" / "policy-brief.docx").is_file()


def test_a_frozen_bundle_uses_its_own_copy(tmp_path: Path, monkeypatch):
    bundled = tmp_path / "briefer" / "resources"
    (bundled / "samples").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == bundled


def test_a_bundle_with_resources_at_its_top_is_found_too(tmp_path: Path, monkeypatch):
    (tmp_path / "resources").mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"
