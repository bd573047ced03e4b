"""The README is the users' page and links the engineering text in docs/: every relative
link in the README and in docs/*.md leads to a file that exists (and, with a #fragment, to
a heading of that file), so moving a section or a screenshot cannot leave a dead link."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _anchors(text: str) -> set[str]:
    """The fragments GitHub gives a file's headings (lower case, punctuation dropped,
    spaces as hyphens)."""
    heads = re.findall(r"^#{1,6} +(.+?) *$", text, re.M)
    return {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in heads}


def _pages() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_the_readme_links_the_architecture_and_the_measurements() -> None:
    links = LINK.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    targets = {link.partition("#")[0] for link in links}
    assert {"docs/architecture.md", "docs/performance.md"} <= targets


def test_every_relative_link_in_the_readme_and_docs_resolves() -> None:
    checked = 0
    for page in _pages():
        text = page.read_text(encoding="utf-8")
        for link in LINK.findall(text):
            if re.match(r"[a-z]+:", link):
                continue  # a web address: the app opens none, the page may cite one
            path, _, fragment = link.partition("#")
            target = (page.parent / path).resolve() if path else page
            where = f"{page.relative_to(ROOT)}: ({link})"
            assert target.exists(), f"{where} leads nowhere"
            if fragment:
                assert fragment in _anchors(target.read_text(encoding="utf-8")), \
                    f"{where}: no heading #{fragment}"
            checked += 1
    assert checked >= 15
